/* test_entity_forms.c — unit tests of the forms of an entity (entity_forms.h) on a small index of written
 * Russian, Ukrainian and English sentences: transliteration both ways (Peskov <-> Песков/Пєсков, Zelensky ->
 * Зеленський/Зеленский/Zelenskyy), inflection (Путина, Києві, Львова, Зеленського), multi-word names in
 * agreeing cases (Дмитрия Пескова), possessives, the false friends that must stay out (put, puts, nat,
 * путинизм, путинский; Kyiv is not Киев), --exact and --no-translit; and, on the real corpus, Putin's forms in
 * bsnlp-slavic-news against the case forms a regex finds in the files. */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "index_fixtures.h"
#include "presscut/index/indexer.h"
#include "presscut/search/entity_forms.h"

static char tmp_dir[128];
static pc_store *store;
static pc_analyzer *analyzer;

static pc_entity_forms forms_of(const char *const *aliases, size_t n, const pc_entity_form_options *opt)
{
    pc_entity_forms f;
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_entity_forms_make(store, analyzer, aliases, n, opt, &f, &err);
    if (rc != 0)
        fprintf(stderr, "forms: %s\n", err.msg);
    CHECK_INT_EQ(rc, 0);
    return f;
}

static const pc_entity_form *find_form(const pc_entity_forms *f, const char *text)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->forms[i].text, text) == 0)
            return &f->forms[i];
    return NULL;
}

/* Checks that every one of want[] is a form and none of not[] is (both NULL-terminated). */
static void check_forms(const char *alias, const pc_entity_form_options *opt, const char *const *want,
                        const char *const *not)
{
    const char *aliases[] = {alias};
    pc_entity_forms f = forms_of(aliases, 1, opt);
    for (size_t i = 0; want[i]; i++)
        if (!find_form(&f, want[i])) {
            CHECK(find_form(&f, want[i]) != NULL);
            fprintf(stderr, "  '%s' lacks the form '%s'\n", alias, want[i]);
        }
    for (size_t i = 0; not[i]; i++)
        if (find_form(&f, not[i])) {
            CHECK(find_form(&f, not[i]) == NULL);
            fprintf(stderr, "  '%s' has the false form '%s'\n", alias, not[i]);
        }
    pc_entity_forms_clear(&f);
}

static void test_latin_alias_finds_cyrillic_and_possessive(void)
{
    check_forms("Peskov", NULL, (const char *[]){"peskov", "peskov's", "песков", "пєсков", "пескова", "пєскова", NULL},
                (const char *[]){"песк", "пескар", NULL});
    const char *aliases[] = {"Peskov"};
    pc_entity_forms f = forms_of(aliases, 1, NULL);
    CHECK_STR_EQ(f.forms[0].text, "peskov");
    CHECK_INT_EQ(f.forms[0].kind, PC_FORM_ALIAS);
    const pc_entity_form *cyr = find_form(&f, "песков"), *inflected = find_form(&f, "пескова");
    const pc_entity_form *possessive = find_form(&f, "peskov's");
    CHECK(cyr && cyr->kind == PC_FORM_TRANSLIT && strstr(cyr->how, "ru-bgn"));
    CHECK(inflected && inflected->kind == PC_FORM_INFLECTION && strstr(inflected->how, "inflection of песков"));
    CHECK(possessive && possessive->kind == PC_FORM_VARIANT && strstr(possessive->how, "possessive"));
    pc_entity_forms_clear(&f);
}

static void test_inflection_without_false_friends(void)
{
    check_forms("Putin", NULL,
                (const char *[]){"putin", "putin's", "путин", "путина", "путину", "путиным", "путине", "путін", "путіна",
                                 "путіним", NULL},
                (const char *[]){"put", "puts", "putting", "путинизм", "путинский", "путинского", "путинцев", NULL});
    check_forms("Путин", NULL, (const char *[]){"путина", "путиным", "putin", "путін", "путіна", NULL},
                (const char *[]){"путинизм", "путинский", "put", NULL});
    check_forms("Nato", NULL, (const char *[]){"nato", "nato's", NULL}, (const char *[]){"nat", NULL});
    /* НАТО in capitals is an acronym: no case forms are made of it. */
    check_forms("НАТО", NULL, (const char *[]){"нато", NULL}, (const char *[]){"ната", "нату", NULL});
}

static void test_ukrainian_alternation_and_adjectival_names(void)
{
    check_forms("Київ", NULL, (const char *[]){"києва", "києві", "києвом", "kyiv", "kyiv's", NULL},
                (const char *[]){"киев", "киеве", "kiev", NULL});
    check_forms("Kiev", NULL, (const char *[]){"kiev", "киев", "киеве", NULL}, (const char *[]){"київ", "kyiv", NULL});
    check_forms("Kyiv", NULL, (const char *[]){"kyiv", "kyiv's", "київ", "києва", "києві", NULL},
                (const char *[]){"kiev", "киев", NULL});
    check_forms("Львів", NULL, (const char *[]){"львова", NULL}, (const char *[]){"львівський", NULL});
    check_forms("Харків", NULL, (const char *[]){"харкова", "харкові", NULL}, (const char *[]){NULL});
    check_forms("Zelensky", NULL,
                (const char *[]){"zelenskyy", "зеленский", "зеленський", "зеленского", "зеленским", "зеленського", NULL},
                (const char *[]){"зелень", NULL});
    check_forms("Зеленський", NULL, (const char *[]){"зеленського", "зеленский", "зеленским", "zelensky", "zelenskyy", NULL},
                (const char *[]){NULL});
}

static void test_multi_word_phrases_agree(void)
{
    check_forms("Дмитрий Песков", NULL,
                (const char *[]){"дмитрий песков", "дмитрия пескова", "dmitry peskov", NULL},
                (const char *[]){"дмитрий пескова", "дмитрия песков", "dmitry песков", NULL});
    const char *aliases[] = {"Dmitry Peskov"};
    pc_entity_forms f = forms_of(aliases, 1, NULL);
    const pc_entity_form *genitive = find_form(&f, "дмитрия пескова");
    CHECK(genitive && genitive->n_words == 2 && genitive->kind == PC_FORM_INFLECTION);
    CHECK(find_form(&f, "dmitry peskov's") != NULL);
    CHECK(find_form(&f, "dmitry's peskov") == NULL);
    pc_entity_forms_clear(&f);
}

static void test_options_and_errors(void)
{
    pc_entity_form_options exact;
    pc_entity_form_options_default(&exact);
    exact.inflect = false;
    check_forms("Путин", &exact, (const char *[]){"путин", "putin", NULL}, (const char *[]){"путина", NULL});
    pc_entity_form_options strict;
    pc_entity_form_options_default(&strict);
    strict.translit = false;
    check_forms("Peskov", &strict, (const char *[]){"peskov", "peskov's", NULL}, (const char *[]){"песков", NULL});
    check_forms("Путин", &strict, (const char *[]){"путина", NULL}, (const char *[]){"putin", "путін", NULL});

    /* Two aliases: both first, no form twice; an alias missing from the index is still a form. */
    const char *aliases[] = {"Kyiv", "Kiev", "Kyiv", "Nowhereville"};
    pc_entity_forms f = forms_of(aliases, 4, NULL);
    CHECK_STR_EQ(f.forms[0].text, "kyiv");
    CHECK_STR_EQ(f.forms[1].text, "kiev");
    CHECK_STR_EQ(f.forms[2].text, "nowhereville");
    for (size_t i = 0; i < f.n; i++)
        for (size_t j = i + 1; j < f.n; j++)
            CHECK(strcmp(f.forms[i].text, f.forms[j].text) != 0);
    CHECK_INT_EQ(find_form(&f, "київ")->alias, 0);
    CHECK_INT_EQ(find_form(&f, "киев")->alias, 1);
    pc_entity_forms_clear(&f);

    const char *empty[] = {"Peskov", "—"};
    pc_error err;
    pc_error_clear(&err);
    CHECK_INT_EQ(pc_entity_forms_make(store, analyzer, empty, 2, NULL, &f, &err), PC_EINVAL);
    CHECK(str_contains(err.msg, "alias '—' has no word"));
    CHECK_INT_EQ(f.n, 0);
}

/* ---- real data: bsnlp-slavic-news (us_election_2020, ru and uk) and seeds ---- */

/* Adds to words (NULL-terminated list of malloc'd strings, at most max) every word of the file at path that
 * starts with a capital or small п and then "ути" or "уті" followed by н, lowercased, once. */
static void collect_putin_words(const char *path, char **words, size_t *n, size_t max)
{
    size_t len = 0;
    char *text = (char *)harness_read_file(path, &len);
    if (!text)
        return;
    for (size_t at = 0; at < len;) {
        size_t start = at;
        while (at < len && ((unsigned char)text[at] >= 0x80 || (text[at] >= 'a' && text[at] <= 'z') ||
                            (text[at] >= 'A' && text[at] <= 'Z')))
            at++;
        size_t wlen = at - start;
        const char *w = text + start;
        char lower[256];
        if (wlen >= 10 && wlen < sizeof lower && (memcmp(w, "П", 2) == 0 || memcmp(w, "п", 2) == 0) &&
            (memcmp(w + 2, "утин", 8) == 0 || memcmp(w + 2, "утін", 8) == 0)) {
            memcpy(lower, "п", 2);
            memcpy(lower + 2, w + 2, wlen - 2);
            lower[wlen] = '\0';
            bool seen = false;
            for (size_t i = 0; i < *n; i++)
                seen |= strcmp(words[i], lower) == 0;
            if (!seen && *n < max)
                words[(*n)++] = strdup(lower);
        }
        if (at == start)
            at++;
    }
    free(text);
}

static void collect_folder(const char *dir, char **words, size_t *n, size_t max)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".txt")) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            collect_putin_words(path, words, n, max);
        }
    closedir(d);
}

static void test_real_corpus(void)
{
    const char *corpus = shared_corpus();
    char ru[512], uk[512], seeds[512], db[256];
    snprintf(ru, sizeof ru, "%s/bsnlp-slavic-news/us_election_2020/raw/ru", corpus);
    snprintf(uk, sizeof uk, "%s/bsnlp-slavic-news/us_election_2020/raw/uk", corpus);
    snprintf(seeds, sizeof seeds, "%s/seeds", corpus);
    snprintf(db, sizeof db, "%s/real.db", tmp_dir);
    pc_store_options sopt = {.create = true};
    pc_store *real = NULL;
    pc_error err;
    pc_error_clear(&err);
    const char *paths[] = {ru, uk, seeds};
    pc_index_options iopt = {0};
    pc_index_summary summary;
    int rc = pc_store_open(&real, db, &sopt, &err);
    if (rc == 0)
        rc = pc_index_run(real, paths, 3, &iopt, NULL, &summary, &err);
    if (rc != 0)
        fprintf(stderr, "real index: %s\n", err.msg);
    CHECK_INT_EQ(rc, 0);

    /* The oracle: the words of the files that begin like Путин/Путін; a case form is the name plus one of
     * the endings a masculine surname in -ин/-ін takes; anything else (путинский, путинизм) is another word. */
    char *words[256];
    size_t n = 0;
    collect_folder(ru, words, &n, 256);
    collect_folder(uk, words, &n, 256);
    static const char *const endings[] = {"", "а", "у", "ым", "ом", "е", "им", "ові", "і", NULL};
    const char *aliases[] = {"Putin"};
    pc_entity_forms f = {0};
    if (rc == 0)
        rc = pc_entity_forms_make(real, analyzer, aliases, 1, NULL, &f, &err);
    CHECK_INT_EQ(rc, 0);
    size_t case_forms = 0, others = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rest = words[i] + strlen("путин");
        bool is_case_form = false;
        for (size_t k = 0; endings[k]; k++)
            is_case_form |= strcmp(rest, endings[k]) == 0;
        bool found = find_form(&f, words[i]) != NULL;
        if (found != is_case_form)
            fprintf(stderr, "  Putin: '%s' is %sa case form but was %sfound\n", words[i], is_case_form ? "" : "not ",
                    found ? "" : "not ");
        CHECK(found == is_case_form);
        case_forms += is_case_form;
        others += !is_case_form;
        free(words[i]);
    }
    CHECK(case_forms >= 5); /* путин путина путину путиным путін ... are in these files */
    CHECK(others >= 1);     /* and so is some word that only starts like the name */
    CHECK(find_form(&f, "put") == NULL);
    pc_entity_forms_clear(&f);

    /* Peskov in seeds: written in Latin letters only, five times, no possessive. */
    const char *peskov[] = {"Peskov"};
    if (rc == 0)
        rc = pc_entity_forms_make(real, analyzer, peskov, 1, NULL, &f, &err);
    CHECK_INT_EQ(rc, 0);
    CHECK(find_form(&f, "peskov") != NULL);
    CHECK(find_form(&f, "песков") != NULL); /* in the Russian files */
    pc_entity_forms_clear(&f);
    pc_store_close(real);
}

int main(void)
{
    harness_make_temp_dir(tmp_dir, sizeof tmp_dir, "entity-forms");
    char db[256];
    snprintf(db, sizeof db, "%s/forms.db", tmp_dir);
    pc_article *list[] = {
        fixture_article("Песков о переговорах",
                        "Песков заявил, что Кремль не комментирует. Пресс-секретарь Дмитрий Песков ответил журналистам. "
                        "Слова Дмитрия Пескова передали агентства. Журналисты спросили Пескова о НАТО.",
                        "2022-02-16", "ru", "Лента", "line 1"),
        fixture_article("Путин и Зеленский",
                        "Путин встретился с Зеленским. Встреча Путина и Зеленского прошла в Киеве. Путину позвонили. "
                        "Перед Путиным выступил Песков. О Путине говорят. Путинизм обсуждают. Путинский режим "
                        "критикуют, путинского режима боятся. Президент Зеленский прибыл в Киев. Пескарь плавает.",
                        "2022-02-17", "ru", "Лента", "line 2"),
        fixture_article("Зеленський у Києві",
                        "Зеленський прибув до Києва. Зеленського зустріли у Києві. Київ чекає. Пєсков відповів, "
                        "слова Пєскова цитують. Путін і Путіна бачили, з Путіним говорили. Під Києвом тихо. Львів, "
                        "до Львова. Харків, у Харкові, до Харкова. Зелень навколо. Львівський вокзал.",
                        "2022-02-18", "uk", "Правда", "line 3"),
        fixture_article("Peskov and Putin",
                        "Peskov's remarks came late. Putin puts pressure; he put it plainly, putting it on record. "
                        "Putin's aides agreed. Nat said so. Nato and NATO met; Nato's chief spoke. Zelenskyy met "
                        "Zelensky. Kyiv and Kiev are one city; Kyiv's mayor spoke. Dmitry Peskov spoke, and Dmitry "
                        "Peskov's words were quoted. Nowhere else.",
                        "2022-02-19", "en", "Wire", "line 4"),
    };
    store = fixture_index(db, list, sizeof list / sizeof list[0]);
    pc_error err;
    if (!store || pc_analyzer_new(&analyzer, pc_store_analyzer_config(store), &err) != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    RUN_TEST(test_latin_alias_finds_cyrillic_and_possessive);
    RUN_TEST(test_inflection_without_false_friends);
    RUN_TEST(test_ukrainian_alternation_and_adjectival_names);
    RUN_TEST(test_multi_word_phrases_agree);
    RUN_TEST(test_options_and_errors);
    RUN_TEST(test_real_corpus);
    pc_analyzer_free(analyzer);
    pc_store_close(store);
    harness_remove_dir(tmp_dir);
    return TEST_REPORT();
}
