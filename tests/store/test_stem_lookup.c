/* test_stem_lookup.c — Ukrainian stems looked up instead of computed at query time: the analyzer's lookup
 * hook gives the same query terms as the hunspell stemmer and spares loading the dictionary; the store records
 * the (surface -> stem) pairs of Ukrainian articles in stem_lookup (not those of other languages, not while a
 * transaction is rolled back, not with exact forms off), answers from it, refills it on rebuild, and searches
 * find the same passages with and without it. Stems of other-language words computed ahead of time
 * (pc_analyzer_word_stem, handed to the store in pc_prepared_article.uk_stems) are recorded instead of computed again,
 * under the same conditions as the words the tokenizer meets. */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article_fixtures.h"
#include "harness.h"
#include "raw_index.h"
#include "presscut/text/analyzer.h"
#include "presscut/core/article.h"
#include "presscut/fts5/fts5_tokenizer.h"
#include "presscut/text/stem_cache.h"
#include "presscut/store/store.h"
#include "store/store_internal.h"

/* Ukrainian text whose words the tests look up (names, case forms, apostrophes, vowel alternations). */
static const char uk_text[] =
    "Зеленського зустріли в Києві. Зеленському подякували, а Зеленський відповів.\n\n"
    "Київ, Києва, сходу, Львові, півострова: новий, нове, нова асоціація, асоціацією, асоціацій.\n\n"
    "Сім'ї, сім'я, об'єм, нападу, труби, судом. Україна, України, українців, війна, війни.\n\n"
    "Пєсков сказав, що президента немає. Президент України Володимир Зеленський.";

static const char *const uk_words[] = {"Зеленського", "Зеленському", "Зеленський", "Києві", "Київ", "Києва",
                                       "сходу", "Львові", "півострова", "новий", "нове", "нова", "асоціацією",
                                       "асоціацій", "сім'ї", "сім’я", "об'єм", "нападу", "труби", "судом",
                                       "Україна", "України", "українців", "війна", "війни", "Пєсков",
                                       "президента", "Володимир"};
#define N_UK_WORDS (sizeof uk_words / sizeof uk_words[0])

/* ---- an in-memory lookup, filled from document analysis the way the tokenizer records pairs ----------- */

typedef struct pair_map {
    char surface[64][128], stem[64][128]; /* stem "" : the word is its own stem */
    int n;
    int asked, answered;
    char pending[128]; /* the last surface term, while its stem term may follow */
    bool have_pending;
} pair_map;

static void map_add(pair_map *m, const char *surface, const char *stem)
{
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->surface[i], surface) == 0)
            return;
    if (m->n < 64) {
        snprintf(m->surface[m->n], sizeof m->surface[0], "%s", surface);
        snprintf(m->stem[m->n], sizeof m->stem[0], "%s", stem);
        m->n++;
    }
}

static int collect_pair(void *payload, const pc_term *t)
{
    pair_map *m = payload;
    char text[130];
    snprintf(text, sizeof text, "%.*s", t->len, t->text);
    if (t->colocated) {
        const char *lang, *stem;
        int lang_len, stem_len;
        if (m->have_pending && pc_stem_term_split(text, t->len, &lang, &lang_len, &stem, &stem_len))
            map_add(m, m->pending, strcmp(stem, m->pending) == 0 ? "" : stem);
        m->have_pending = false;
        return 0;
    }
    if (m->have_pending)
        map_add(m, m->pending, "");
    snprintf(m->pending, sizeof m->pending, "%s", text);
    m->have_pending = (unsigned char)text[0] >= 0xD0; /* Cyrillic words only */
    return 0;
}

static int map_lookup(void *payload, const char *lang, const char *word, int len, const char **stem, int *stem_len)
{
    pair_map *m = payload;
    m->asked++;
    if (strcmp(lang, "uk") != 0)
        return 0;
    for (int i = 0; i < m->n; i++)
        if ((int)strlen(m->surface[i]) == len && memcmp(m->surface[i], word, (size_t)len) == 0) {
            m->answered++;
            *stem = m->stem[i][0] ? m->stem[i] : m->surface[i];
            *stem_len = (int)strlen(*stem);
            return 1;
        }
    return 0;
}

/* The query terms of `word` in ru, uk and en, as one printable string ("\x01" shown as "^"). */
static int append_term(void *payload, const pc_term *t)
{
    char *out = payload;
    size_t n = strlen(out);
    snprintf(out + n, 1024 - n, "%s%.*s", t->colocated ? "|" : " ", t->len, t->text);
    for (char *p = out + n; *p; p++)
        if (*p == PC_STEM_MARK)
            *p = '^';
    return 0;
}

static int query_terms(pc_analyzer *a, const char *word, char out[1024])
{
    static const char *const langs[] = {"ru", "uk", "en"};
    out[0] = '\0';
    return pc_analyze_query(a, langs, 3, false, word, strlen(word), append_term, out);
}

static void test_analyzer_hook_gives_the_stemmer_terms(void)
{
    pc_analyzer *doc = NULL, *plain = NULL, *hooked = NULL, *no_dict = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_analyzer_new(&doc, NULL, &err), PC_OK);
    CHECK_INT_EQ(pc_analyzer_new(&plain, NULL, &err), PC_OK);
    CHECK_INT_EQ(pc_analyzer_new(&hooked, NULL, &err), PC_OK);
    if (!doc || !plain || !hooked)
        return;
    static pair_map map;
    memset(&map, 0, sizeof map);
    CHECK_INT_EQ(pc_analyze(doc, "uk", uk_text, strlen(uk_text), collect_pair, &map), 0);
    if (map.have_pending)
        map_add(&map, map.pending, "");
    CHECK(map.n >= 35);
    pc_analyzer_set_stem_lookup(hooked, map_lookup, &map);

    char want[1024], got[1024];
    for (size_t i = 0; i < N_UK_WORDS; i++) {
        CHECK_INT_EQ(query_terms(plain, uk_words[i], want), 0);
        CHECK_INT_EQ(query_terms(hooked, uk_words[i], got), 0);
        CHECK_STR_EQ(got, want);
    }
    CHECK_INT_EQ(map.answered, (int)N_UK_WORDS); /* every word was answered by the hook */
    CHECK_INT_EQ(map.asked, (int)N_UK_WORDS);
    /* Words the Ukrainian stemmer leaves alone never reach the hook. */
    CHECK_INT_EQ(query_terms(hooked, "attacks 2022 u.s", got), 0);
    CHECK_INT_EQ(map.asked, (int)N_UK_WORDS);
    /* Document analysis never asks the hook. */
    pair_map unused;
    memset(&unused, 0, sizeof unused);
    pc_analyzer_set_stem_lookup(doc, map_lookup, &map);
    CHECK_INT_EQ(pc_analyze(doc, "uk", "Зеленського зустріли", 40, collect_pair, &unused), 0);
    CHECK_INT_EQ(map.asked, (int)N_UK_WORDS);

    /* Without a dictionary, known words are still stemmed (through the hook) and unknown ones fail: the
     * hook really spares the dictionary, and a miss really falls back to it. */
    setenv("PRESSCUT_HUNSPELL_DIR", "/nonexistent-presscut-test", 1);
    CHECK_INT_EQ(pc_analyzer_new(&no_dict, NULL, &err), PC_OK);
    if (no_dict) {
        pc_analyzer_set_stem_lookup(no_dict, map_lookup, &map);
        for (size_t i = 0; i < N_UK_WORDS; i++) {
            CHECK_INT_EQ(query_terms(plain, uk_words[i], want), 0);
            CHECK_INT_EQ(query_terms(no_dict, uk_words[i], got), 0);
            CHECK_STR_EQ(got, want);
        }
        CHECK_INT_EQ(query_terms(no_dict, "хліба", got), PC_EIO);
    }
    unsetenv("PRESSCUT_HUNSPELL_DIR");
    pc_analyzer_free(no_dict);
    pc_analyzer_free(doc);
    pc_analyzer_free(plain);
    pc_analyzer_free(hooked);
}

/* ---- the store ------------------------------------------------------------------------------------------- */

static char test_dir[64];

static const char *db_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", test_dir, name);
    return path;
}

static void remove_db(const char *name)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    char path[600];
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s%s", test_dir, name, suffixes[i]);
        unlink(path);
    }
}

/* An article whose passages are its paragraphs. */
static pc_article *new_article(const char *title, const char *body, const char *lang, const char *record)
{
    return fixture_article(title, body, "2022-03-01", lang, NULL, record);
}

/* Stores the one-article file `path` holding a, which it frees. */
static int store_article(pc_store *s, const char *path, pc_article *a)
{
    pc_error err;
    int rc = pc_store_file_replace(s, path, 1, 1, "0123456789abcdef0123456789abcdef", &a, 1, &err);
    if (rc != PC_OK)
        fprintf(stderr, "store %s: %s\n", path, err.msg);
    pc_article_clear(a);
    free(a);
    return rc;
}

static int store_file(pc_store *s, const char *path, const char *lang, const char *title, const char *body)
{
    pc_article *a = new_article(title, body, lang, "1");
    return store_article(s, path, a);
}

static int keep_first(void *payload, int ncols, const char *const *names, const char *const *values)
{
    (void)names;
    char *out = payload;
    if (!out[0] && ncols > 0)
        snprintf(out, 4096, "%s", values[0] ? values[0] : "NULL");
    return 0;
}

/* First column of the first row of `sql` ("NULL", "" when no row, "ERROR..." on failure); static buffer. */
static const char *sql_text(pc_store *s, const char *sql)
{
    static char out[4096];
    out[0] = '\0';
    pc_error err;
    if (pc_store_sql(s, sql, keep_first, out, &err) != PC_OK)
        snprintf(out, sizeof out, "ERROR: %s", err.msg);
    return out;
}

static long long sql_int(pc_store *s, const char *sql)
{
    return atoll(sql_text(s, sql));
}

static pc_store *open_store(const char *path, bool read_only, const pc_analyzer_config *cfg)
{
    pc_store_options opt = {.create = !read_only, .read_only = read_only, .analyzer = cfg};
    pc_store *s = NULL;
    pc_error err;
    if (pc_store_open(&s, path, &opt, &err) != PC_OK)
        fprintf(stderr, "open %s: %s\n", path, err.msg);
    return s;
}

/* The stem the store answers for `word` (already folded), "(miss)" when it does not know it. */
static const char *store_stem(pc_store *s, const char *word)
{
    static char out[256];
    const char *stem = NULL;
    int len = 0;
    if (store_stem_lookup(s, "uk", word, (int)strlen(word), &stem, &len) != 1)
        return "(miss)";
    snprintf(out, sizeof out, "%.*s", len, stem);
    return out;
}

/* The stem the analyzer gives `word` in an article in Ukrainian (the surface when it is its own stem). */
static const char *analyzer_stem(pc_analyzer *a, const char *word)
{
    static pair_map m;
    memset(&m, 0, sizeof m);
    pc_analyze(a, "uk", word, strlen(word), collect_pair, &m);
    if (m.have_pending)
        map_add(&m, m.pending, "");
    return m.n == 1 ? (m.stem[0][0] ? m.stem[0] : m.surface[0]) : "(none)";
}

/* The passages matching `query`, as "rowid,rowid,...". */
static const char *matches(pc_store *s, const char *query)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT coalesce(group_concat(rowid), '-') FROM (SELECT rowid FROM passage_fts WHERE passage_fts "
             "MATCH '%s' ORDER BY rowid)",
             query);
    return sql_text(s, sql);
}

static void test_store_records_and_answers(void)
{
    const char *path = db_path("uk.db");
    pc_store *s = open_store(path, false, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    pc_error err;
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 0);
    CHECK_INT_EQ(store_file(s, "/uk.txt", "uk", "Зеленський у Києві", uk_text), PC_OK);
    CHECK_INT_EQ(store_file(s, "/ru.txt", "ru", "Песков заявил", "Песков заявил журналистам о переговорах."),
                 PC_OK);
    CHECK_INT_EQ(store_file(s, "/en.txt", "en", "Attacks", "Attacks on Kyiv continued."), PC_OK);
    CHECK_INT_EQ(pc_store_refresh_query_langs(s, &err), PC_OK);

    long long pairs = sql_int(s, "SELECT count(*) FROM stem_lookup");
    CHECK(pairs >= 35);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup WHERE lang <> 'uk'"), 0);
    long long uk_pairs = sql_int(s, "SELECT count(*) FROM stem_lookup WHERE surface IN (SELECT term FROM "
                                    "passage_vocab UNION SELECT term FROM title_vocab) AND surface NOT IN ("
                                    "'песков', 'заявил', 'журналистам', 'о', 'переговорах')");
    CHECK_STR_EQ(sql_text(s, "SELECT stem FROM stem_lookup WHERE surface = 'зеленського'"), "зеленськ");
    CHECK_STR_EQ(sql_text(s, "SELECT stem FROM stem_lookup WHERE surface = 'києві'"), "київ");
    CHECK_STR_EQ(sql_text(s, "SELECT stem FROM stem_lookup WHERE surface = 'київ'"), "NULL"); /* its own stem */
    CHECK_STR_EQ(sql_text(s, "SELECT stem FROM stem_lookup WHERE surface = 'сім''ї'"), "сім'");
    /* The Cyrillic words of the Russian article are recorded with their Ukrainian stems (a query stems in
     * every language of the index); Latin words are not. */
    CHECK_INT_EQ(pairs, uk_pairs + 5);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup WHERE surface IN ('attacks', 'kyiv', 'on')"), 0);

    /* Every recorded word is answered with the analyzer's stem; words of no article are misses. */
    pc_analyzer *a = NULL;
    CHECK_INT_EQ(pc_analyzer_new(&a, NULL, &err), PC_OK);
    static const char *const folded[] = {"зеленського", "зеленському", "києві", "київ", "сходу", "львові",
                                         "півострова", "нове", "асоціацією", "сім'ї", "об'єм", "нападу",
                                         "труби", "судом", "українців", "пєсков", "президента", "песков",
                                         "заявил", "журналистам", "переговорах"};
    for (size_t i = 0; a && i < sizeof folded / sizeof folded[0]; i++)
        CHECK_STR_EQ(store_stem(s, folded[i]), analyzer_stem(a, folded[i]));
    CHECK_STR_EQ(store_stem(s, "хліба"), "(miss)");
    CHECK_STR_EQ(store_stem(s, "сказали"), "(miss)");
    pc_analyzer_free(a);

    /* Searches find the same passages with the table as without it. */
    static const char *const queries[] = {"зеленському", "Києва", "асоціації", "сім’ю", "українця", "песков",
                                          "Президентові", "війною"};
    char with[sizeof queries / sizeof queries[0]][256];
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        snprintf(with[i], sizeof with[i], "%s", matches(s, queries[i]));
        CHECK(strcmp(with[i], "-") != 0 || strcmp(queries[i], "песков") == 0);
    }
    CHECK(strcmp(matches(s, "зеленському"), "-") != 0);
    pc_store_close(s);
    raw_exec(path, "DELETE FROM stem_lookup");
    s = open_store(path, true, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 0);
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        CHECK_STR_EQ(matches(s, queries[i]), with[i]);
    pc_store_close(s);

    /* Rebuild refills the table; a rolled-back write records nothing; removing a file keeps its pairs. */
    s = open_store(path, false, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT_EQ(pc_store_rebuild(s, NULL, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), pairs);
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        CHECK_STR_EQ(matches(s, queries[i]), with[i]);
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(store_file(s, "/uk2.txt", "uk", "Бандуристи", "Бандуристів зустріли в Полтаві."), PC_OK);
    pc_store_rollback(s);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup WHERE surface = 'бандуристів'"), 0);
    CHECK_INT_EQ(store_file(s, "/uk2.txt", "uk", "Бандуристи", "Бандуристів зустріли в Полтаві."), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup WHERE surface = 'бандуристів'"), 1);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup WHERE surface = 'бандуристи'"), 1); /* title */
    CHECK_INT_EQ(pc_store_file_remove(s, "/uk2.txt", &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup WHERE surface = 'бандуристів'"), 1);
    pc_store_close(s);
    remove_db("uk.db");
}

static void test_stems_only_index_records_nothing(void)
{
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    cfg.exact_forms = false;
    const char *path = db_path("stems.db");
    pc_store *s = open_store(path, false, &cfg);
    CHECK(s != NULL);
    if (!s)
        return;
    pc_error err;
    CHECK_INT_EQ(store_file(s, "/uk.txt", "uk", "Зеленський у Києві", uk_text), PC_OK);
    CHECK_INT_EQ(pc_store_refresh_query_langs(s, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 0);
    CHECK(strcmp(matches(s, "Києва"), "-") != 0); /* found through the stemmer */
    pc_store_close(s);
    remove_db("stems.db");
}

static void test_other_languages_once_ukrainian_is_there(void)
{
    const char *path = db_path("ru.db");
    pc_store *s = open_store(path, false, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    /* No Ukrainian article yet: queries do not stem in Ukrainian, nothing is recorded. */
    CHECK_INT_EQ(store_file(s, "/ru1.txt", "ru", "Песков", "Песков заявил журналистам."), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 0);
    CHECK_INT_EQ(store_file(s, "/uk.txt", "uk", "Київ", "Києві зустріли."), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 3);
    CHECK_INT_EQ(store_file(s, "/ru2.txt", "ru", "Кремль", "Кремль ответил."), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 5);
    pc_store_close(s);
    /* Reopened, the index is known to hold Ukrainian: other languages are recorded at once. */
    s = open_store(path, false, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT_EQ(store_file(s, "/ru3.txt", "ru", "Лавров", "Лавров ответил."), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 6);
    pc_error err;
    CHECK_INT_EQ(pc_store_rebuild(s, NULL, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 9); /* the first Russian file's words too */
    pc_store_close(s);
    remove_db("ru.db");
}


/* ---- stems computed ahead of time ------------------------------------------------------------------------ */

static const char *word_stem(pc_analyzer *a, const char *lang, const char *word)
{
    static char out[256];
    const char *stem = NULL;
    int len = -1;
    int found = pc_analyzer_word_stem(a, lang, word, (int)strlen(word), &stem, &len);
    if (found != 1)
        snprintf(out, sizeof out, "(%d)", found);
    else if (!stem)
        snprintf(out, sizeof out, "=%d", len);
    else
        snprintf(out, sizeof out, "%.*s", len, stem);
    return out;
}

static void test_word_stem_is_what_analysis_gives(void)
{
    pc_analyzer *a = NULL;
    CHECK_INT_EQ(pc_analyzer_new(&a, NULL, NULL), PC_OK);
    CHECK_STR_EQ(word_stem(a, "uk", "києві"), "київ");
    CHECK_STR_EQ(word_stem(a, "uk", "зеленського"), "зеленськ");
    CHECK_STR_EQ(word_stem(a, "uk", "сім'ї"), analyzer_stem(a, "сім'ї"));
    for (size_t i = 0; i < N_UK_WORDS; i++) {
        /* a folded word gets the stem an article in Ukrainian gives it */
        pair_map m;
        memset(&m, 0, sizeof m);
        pc_analyze(a, "uk", uk_words[i], strlen(uk_words[i]), collect_pair, &m);
        if (m.have_pending)
            map_add(&m, m.pending, "");
        CHECK_INT_EQ(m.n, 1);
        if (m.n != 1)
            continue;
        const char *got = word_stem(a, "uk", m.surface[0]);
        CHECK_STR_EQ(got, m.stem[0][0] ? m.stem[0] : "=0");
    }
    CHECK_STR_EQ(word_stem(a, "uk", "кремль"), "кремл");   /* a Russian word stemmed the Ukrainian way */
    CHECK_STR_EQ(word_stem(a, "en", "attacks"), "attack");
    CHECK_STR_EQ(word_stem(a, "uk", "attacks"), "=0");    /* Latin: no Ukrainian stem, its own */
    CHECK_STR_EQ(word_stem(a, "", "києві"), "=0");        /* no stemmer */
    CHECK_STR_EQ(word_stem(a, "uk", "Києві"), "(0)");     /* not a surface term: folds to another */
    CHECK_STR_EQ(word_stem(a, "uk", "київ і львів"), "(0)"); /* several words */
    CHECK_STR_EQ(word_stem(a, "uk", "..."), "(0)");       /* no term */
    const char *stem = "x";
    int len = 5;
    CHECK_INT_EQ(pc_analyzer_word_stem(a, "uk", "", 0, &stem, &len), PC_EINVAL);
    CHECK(stem == NULL && len == 0);
    pc_analyzer_free(a);
}

static void test_word_stems_list(void)
{
    pc_word_stems ws = {0};
    CHECK_INT_EQ(pc_word_stems_add(&ws, "києві", (int)strlen("києві"), "київ", (int)strlen("київ")), PC_OK);
    CHECK_INT_EQ(pc_word_stems_add(&ws, "київ", (int)strlen("київ"), NULL, 0), PC_OK);
    CHECK_INT_EQ(pc_word_stems_add(&ws, "", 0, NULL, 0), PC_EINVAL);
    CHECK_INT_EQ(pc_word_stems_add(&ws, "a", 1, "b", -1), PC_EINVAL);
    CHECK_INT_EQ(pc_word_stems_add(&ws, NULL, 3, NULL, 0), PC_EINVAL);
    for (int i = 0; i < 300; i++) { /* grows past its first allocations */
        char w[32];
        snprintf(w, sizeof w, "слово%d", i);
        CHECK_INT_EQ(pc_word_stems_add(&ws, w, (int)strlen(w), "слов", (int)strlen("слов")), PC_OK);
    }
    CHECK_INT_EQ((long long)ws.n, 302);
    char first[64], second[64], last[64];
    snprintf(first, sizeof first, "%.*s>%.*s", ws.surface_len[0], ws.text + ws.offset[0], ws.stem_len[0],
             ws.text + ws.offset[0] + ws.surface_len[0]);
    snprintf(second, sizeof second, "%.*s>%d", ws.surface_len[1], ws.text + ws.offset[1], ws.stem_len[1]);
    size_t k = ws.n - 1;
    snprintf(last, sizeof last, "%.*s>%.*s", ws.surface_len[k], ws.text + ws.offset[k], ws.stem_len[k],
             ws.text + ws.offset[k] + ws.surface_len[k]);
    CHECK_STR_EQ(first, "києві>київ");
    CHECK_STR_EQ(second, "київ>0");
    CHECK_STR_EQ(last, "слово299>слов");
    pc_word_stems_clear(&ws);
    CHECK(ws.n == 0 && ws.text == NULL);
    pc_word_stems_clear(&ws);
    pc_word_stems_clear(NULL);
}

/* Stores a one-article file whose prepared article carries the given (surface, stem) pairs as its uk_stems
 * (stem "" for a word that is its own stem). */
static int store_file_with_stems(pc_store *s, const char *path, const char *lang, const char *body,
                                 const char *const *pairs, size_t n_pairs)
{
    pc_article *a = new_article("", body, lang, "1");
    free(a->title);
    a->title = NULL;
    pc_prepared_article prepared = {.article = *a};
    free(a);
    pc_prepared_article *list = &prepared;
    for (size_t i = 0; i + 1 < 2 * n_pairs; i += 2)
        CHECK_INT_EQ(pc_word_stems_add(&prepared.uk_stems, pairs[i], (int)strlen(pairs[i]), pairs[i + 1],
                                       (int)strlen(pairs[i + 1])),
                     PC_OK);
    pc_error err;
    int rc = pc_store_file_replace_prepared(s, path, 1, 1, "0123456789abcdef0123456789abcdef", &list, 1, &err);
    if (rc != PC_OK)
        fprintf(stderr, "store %s: %s\n", path, err.msg);
    pc_prepared_article_clear(&prepared);
    return rc;
}

/* The Ukrainian stem pc_analyzer_word_stem gives a folded word ("NULL" when it is its own stem). */
static const char *word_stem_of(const char *word)
{
    static char out[256];
    pc_analyzer *a = NULL;
    CHECK_INT_EQ(pc_analyzer_new(&a, NULL, NULL), PC_OK);
    const char *got = word_stem(a, "uk", word);
    snprintf(out, sizeof out, "%s", strcmp(got, "=0") == 0 ? "NULL" : got);
    pc_analyzer_free(a);
    return out;
}

static void test_store_takes_stems_computed_ahead(void)
{
    const char *path = db_path("ahead.db");
    remove_db("ahead.db");
    pc_store *s = open_store(path, false, NULL);
    CHECK(s != NULL);
    if (!s)
        return;
    /* Deliberately false stems, to see which path wrote the table. */
    static const char *const early[] = {"песков", "фальш"};
    static const char *const kremlin[] = {"кремль", "фальш", "ответил", "", "latin", "x"};
    static const char *const own_lang[] = {"києві", "фальш"};
    /* No Ukrainian article yet: the store records no other-language word, handed in or not. */
    CHECK_INT_EQ(store_file_with_stems(s, "/ru1.txt", "ru", "Песков заявил.", early, 1), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 0);
    /* Stems handed with a Ukrainian article are not taken: its own analysis gives them. */
    CHECK_INT_EQ(store_file_with_stems(s, "/uk.txt", "uk", "Києві зустріли.", own_lang, 1), PC_OK);
    CHECK_STR_EQ(sql_text(s, "SELECT stem FROM stem_lookup WHERE surface = 'києві'"), "київ");
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup"), 2);
    /* Now a Russian article's stems are recorded as handed in (a Latin word is refused), and words not
     * handed in ("журналистам") are stemmed by the store. */
    CHECK_INT_EQ(store_file_with_stems(s, "/ru2.txt", "ru", "Кремль ответил журналистам latin.", kremlin, 3), PC_OK);
    CHECK_STR_EQ(sql_text(s, "SELECT stem FROM stem_lookup WHERE surface = 'кремль'"), "фальш");
    CHECK_STR_EQ(sql_text(s, "SELECT coalesce(stem, 'NULL') FROM stem_lookup WHERE surface = 'ответил'"), "NULL");
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM stem_lookup WHERE surface = 'latin'"), 0);
    CHECK_STR_EQ(sql_text(s, "SELECT stem FROM stem_lookup WHERE surface = 'журналистам'"),
                 word_stem_of("журналистам"));
    /* A word recorded already keeps its first stem. */
    static const char *const again[] = {"кремль", "другой"};
    CHECK_INT_EQ(store_file_with_stems(s, "/ru3.txt", "ru", "Кремль.", again, 1), PC_OK);
    CHECK_STR_EQ(sql_text(s, "SELECT stem FROM stem_lookup WHERE surface = 'кремль'"), "фальш");
    /* rebuild computes every stem again: the true ones. */
    pc_error err;
    CHECK_INT_EQ(pc_store_rebuild(s, NULL, &err), PC_OK);
    CHECK_STR_EQ(sql_text(s, "SELECT stem FROM stem_lookup WHERE surface = 'кремль'"), "кремл");
    CHECK_STR_EQ(sql_text(s, "SELECT coalesce(stem, 'NULL') FROM stem_lookup WHERE surface = 'песков'"),
                 word_stem_of("песков")); /* the first Russian file too */
    pc_store_close(s);
    remove_db("ahead.db");
}

static void test_cache_wants_stems(void)
{
    pc_stem_cache *cache = NULL;
    CHECK_INT_EQ(pc_stem_cache_new(&cache, NULL), PC_OK);
    CHECK(!pc_stem_cache_wants_stems(cache, "ru", "uk")); /* not recording */
    CHECK_INT_EQ(pc_stem_cache_record(cache, "uk", false), PC_OK);
    CHECK(!pc_stem_cache_wants_stems(cache, "ru", "uk")); /* Ukrainian words only */
    CHECK_INT_EQ(pc_stem_cache_record(cache, "uk", true), PC_OK);
    CHECK(pc_stem_cache_wants_stems(cache, "ru", "uk"));
    CHECK(pc_stem_cache_wants_stems(cache, "en", PC_STEM_RECORD_LANG));
    CHECK(!pc_stem_cache_wants_stems(cache, "uk", "uk"));
    CHECK(!pc_stem_cache_wants_stems(cache, "", "uk"));
    CHECK(!pc_stem_cache_wants_stems(cache, NULL, "uk"));
    CHECK(!pc_stem_cache_wants_stems(cache, "ru", "ru"));
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    cfg.exact_forms = false;
    pc_stem_cache_set_config(cache, &cfg);
    CHECK(!pc_stem_cache_wants_stems(cache, "ru", "uk")); /* no surface terms, nothing recorded */
    CHECK(pc_stem_pair_recordable("сім'ї", (int)strlen("сім'ї")));
    CHECK(!pc_stem_pair_recordable("'сім", (int)strlen("'сім")));
    CHECK(!pc_stem_pair_recordable("київ2", (int)strlen("київ2")));
    CHECK(!pc_stem_pair_recordable("", 0));
    pc_stem_cache_free(cache);
}

int main(void)
{
    harness_make_temp_dir(test_dir, sizeof test_dir, "stemlookup");
    RUN_TEST(test_analyzer_hook_gives_the_stemmer_terms);
    RUN_TEST(test_store_records_and_answers);
    RUN_TEST(test_stems_only_index_records_nothing);
    RUN_TEST(test_other_languages_once_ukrainian_is_there);
    RUN_TEST(test_word_stem_is_what_analysis_gives);
    RUN_TEST(test_word_stems_list);
    RUN_TEST(test_store_takes_stems_computed_ahead);
    RUN_TEST(test_cache_wants_stems);
    rmdir(test_dir);
    return TEST_REPORT();
}
