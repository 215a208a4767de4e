/* test_stem_cache.c — the stem lookup on its own, over an in-memory table given through pc_stem_backing (as the
 * store gives its stem_lookup table): queries ask the table first and the stemmer after; the pairs the watch
 * meets in a document are recorded once and flushed to the table, or forgotten after a rollback; words of other
 * languages are stemmed in Ukrainian at flush time or ahead of time; a backing that refuses a pair leaves it
 * pending. Where a stem depends on the hunspell dictionary, the analyzer's own pc_analyzer_word_stem is the
 * oracle. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "presscut/text/analyzer.h"
#include "presscut/text/stem_cache.h"
#include "presscut/text/term_list.h"

/* ---- a fake backing: an in-memory table of pairs ------------------------------------------------------ */

#define TABLE_MAX 64
#define TERM_BUF (PC_MAX_TERM_BYTES + 1)

typedef struct fake_table {
    char surface[TABLE_MAX][TERM_BUF];
    char stem[TABLE_MAX][TERM_BUF]; /* "=" : the word is its own stem */
    int n;
    int reads, writes;    /* calls of each function */
    int refuse_at;        /* the write of that number (1: the first) returns refuse_code and stores nothing */
    int refuse_code;
    char answer[TERM_BUF];
    bool wrong_lang;      /* a call came with a language other than "uk" */
} fake_table;

static void table_put(fake_table *t, const char *surface, const char *stem)
{
    if (t->n < TABLE_MAX) {
        snprintf(t->surface[t->n], TERM_BUF, "%s", surface);
        snprintf(t->stem[t->n], TERM_BUF, "%s", stem);
        t->n++;
    }
}

/* The stem stored for `surface` ("=" for itself), or NULL when absent. */
static const char *table_stem(const fake_table *t, const char *surface)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->surface[i], surface) == 0)
            return t->stem[i];
    return NULL;
}

static int table_read(void *payload, const char *lang, const char *word, int len, const char **stem, int *stem_len)
{
    fake_table *t = payload;
    t->reads++;
    t->wrong_lang |= strcmp(lang, "uk") != 0;
    char key[TERM_BUF];
    snprintf(key, sizeof key, "%.*s", len, word);
    const char *found = table_stem(t, key);
    if (!found)
        return 0;
    if (strcmp(found, "=") == 0) {
        *stem = word;
        *stem_len = len;
    } else {
        snprintf(t->answer, sizeof t->answer, "%s", found);
        *stem = t->answer;
        *stem_len = (int)strlen(t->answer);
    }
    return 1;
}

static int table_write(void *payload, const char *lang, const char *surface, int surface_len, const char *stem,
                       int stem_len)
{
    fake_table *t = payload;
    t->writes++;
    t->wrong_lang |= strcmp(lang, "uk") != 0;
    if (t->writes == t->refuse_at)
        return t->refuse_code;
    char s[TERM_BUF], m[TERM_BUF];
    snprintf(s, sizeof s, "%.*s", surface_len, surface);
    snprintf(m, sizeof m, "%.*s", stem ? stem_len : 1, stem ? stem : "=");
    table_put(t, s, m);
    return 0;
}

static pc_stem_cache *new_cache(fake_table *t)
{
    pc_stem_backing backing = {.read = table_read, .write = table_write, .payload = t};
    pc_stem_cache *c = NULL;
    CHECK_INT_EQ(pc_stem_cache_new(&c, &backing), PC_OK);
    return c;
}

/* ---- oracles ------------------------------------------------------------------------------------------ */

/* One analyzer for the whole run, its Ukrainian stemmer made at start: it analyses the test documents and tells
 * the expected stems, and keeps the hunspell dictionary loaded (it is shared, and loaded again once no
 * analyzer holds it). */
static pc_analyzer *oracle;

/* The Ukrainian stem document analysis gives the folded word, "=" when it is its own stem, "?" when it cannot
 * tell. */
static const char *uk_stem(const char *word)
{
    static char out[TERM_BUF];
    const char *stem;
    int stem_len;
    int found = pc_analyzer_word_stem(oracle, "uk", word, (int)strlen(word), &stem, &stem_len);
    if (found != 1)
        snprintf(out, sizeof out, "%s", found == 0 ? "?" : "(failed)");
    else
        snprintf(out, sizeof out, "%.*s", stem ? stem_len : 1, stem ? stem : "=");
    return out;
}

/* Query terms joined by '|', PC_STEM_MARK shown as '^'. */
typedef struct joined {
    char text[1024];
} joined;

static int join_term(void *payload, const pc_term *t)
{
    joined *j = payload;
    size_t at = strlen(j->text);
    snprintf(j->text + at, sizeof j->text - at, "%s%.*s", at ? "|" : "", t->len, t->text);
    for (char *p = j->text + at; *p; p++)
        if (*p == PC_STEM_MARK)
            *p = '^';
    return 0;
}

static const char *query_terms(pc_analyzer *a, const char *text, joined *j)
{
    static const char *const langs[] = {"uk"};
    j->text[0] = '\0';
    CHECK_INT_EQ(pc_analyze_query(a, langs, 1, false, text, strlen(text), join_term, j), PC_OK);
    return j->text;
}

/* ---- watching documents ------------------------------------------------------------------------------- */

static int watch_term(void *payload, const pc_term *t)
{
    pc_stem_watch_term(payload, t);
    return 0;
}

/* Analyses `text` in `lang` with the watch of cache c on. Returns whether the cache watched it. */
static bool watch_document(pc_stem_cache *c, const char *lang, const char *text)
{
    pc_stem_watch w;
    bool watched = pc_stem_watch_begin(&w, c, lang, text, strlen(text));
    CHECK_INT_EQ(pc_analyze(oracle, lang, text, strlen(text), watch_term, &w), PC_OK);
    pc_stem_watch_end(&w);
    return watched;
}

static pc_term term(const char *text, bool colocated)
{
    return (pc_term){.text = text, .len = (int)strlen(text), .colocated = colocated};
}

/* ---- tests -------------------------------------------------------------------------------------------- */

static void test_lookup_asks_the_table_before_the_stemmer(void)
{
    fake_table t = {0};
    table_put(&t, "зеленського", "фальш"); /* a stem the stemmer would never give: it shows who answered */
    table_put(&t, "києві", "=");
    pc_stem_cache *c = new_cache(&t);
    pc_analyzer *a = NULL, *plain = NULL;
    CHECK_INT_EQ(pc_analyzer_new(&a, NULL, NULL), PC_OK);
    CHECK_INT_EQ(pc_analyzer_new(&plain, NULL, NULL), PC_OK);
    pc_stem_cache_attach(c, a);
    joined got, want;

    pc_analyzer_set_query_translit(a, false);
    pc_analyzer_set_query_translit(plain, false);
    CHECK_STR_EQ(query_terms(a, "Зеленського", &got), "зеленського|^uk:фальш");
    CHECK_STR_EQ(query_terms(a, "Києві", &got), "києві|^uk:києві"); /* its own stem */
    CHECK_INT_EQ(t.reads, 2);
    /* A word the table does not know: the stemmer answers, as it does without the cache. */
    CHECK_STR_EQ(query_terms(a, "Львові", &got), query_terms(plain, "Львові", &want));
    CHECK_INT_EQ(t.reads, 3);
    char expect[256];
    snprintf(expect, sizeof expect, "львові|^uk:%s", uk_stem("львові"));
    CHECK_STR_EQ(got.text, expect);
    /* Latin words never reach the table. */
    query_terms(a, "Kyiv", &got);
    CHECK_INT_EQ(t.reads, 3);
    CHECK(!t.wrong_lang);

    /* Detached (from an analyzer that has not remembered the table's answers): the stemmer answers all. */
    pc_analyzer *detached = NULL;
    CHECK_INT_EQ(pc_analyzer_new(&detached, NULL, NULL), PC_OK);
    pc_analyzer_set_query_translit(detached, false);
    pc_stem_cache_attach(c, detached);
    pc_stem_cache_attach(NULL, detached);
    CHECK_STR_EQ(query_terms(detached, "Зеленського", &got), query_terms(plain, "Зеленського", &want));
    CHECK(strstr(got.text, "фальш") == NULL);
    CHECK_INT_EQ(t.reads, 3);

    pc_analyzer_free(detached);
    pc_analyzer_free(a);
    pc_analyzer_free(plain);
    pc_stem_cache_free(c);
}

static void test_watch_pairs_terms(void)
{
    fake_table t = {0};
    pc_stem_cache *c = new_cache(&t);
    pc_stem_watch w;
    CHECK(!pc_stem_watch_begin(&w, c, "uk", "київ", 8)); /* not recording yet */
    pc_stem_watch_term(&w, &(pc_term){.text = "київ", .len = 8}); /* ignored while not watching */
    pc_stem_watch_end(&w);
    CHECK(!pc_stem_watch_begin(&w, NULL, "uk", "київ", 8));
    CHECK_INT_EQ(pc_stem_cache_record(c, "uk", false), PC_OK);
    CHECK(!pc_stem_watch_begin(&w, c, "ru", "кремль", 12)); /* other languages not recorded */
    CHECK(!pc_stem_watch_begin(&w, c, NULL, "кремль", 12));
    CHECK(pc_stem_watch_begin(&w, c, "uk", "київ", 8));

    /* A surface followed by its stem term; a surface alone; a surface followed by a colocated term that is not
     * a stem; a Latin surface; a surface followed by itself as its stem term; the last surface alone. */
    pc_term terms[] = {term("києві", false),      term("\x01uk:київ", true), term("сходу", false),
                       term("новий", false),      term("нова", true),         term("kyiv", false),
                       term("\x01uk:kyi", true),  term("львів", false),       term("\x01uk:львів", true),
                       term("війна", false)};
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
        pc_stem_watch_term(&w, &terms[i]);
    pc_stem_watch_end(&w);
    CHECK_INT_EQ(t.writes, 0); /* nothing written before the flush */
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.n, 4);
    CHECK_STR_EQ(table_stem(&t, "києві"), "київ");
    CHECK_STR_EQ(table_stem(&t, "львів"), "=");
    CHECK_STR_EQ(table_stem(&t, "сходу"), "=");
    CHECK_STR_EQ(table_stem(&t, "війна"), "=");
    CHECK(table_stem(&t, "новий") == NULL);
    CHECK(table_stem(&t, "kyiv") == NULL);
    CHECK_INT_EQ(t.reads, 0); /* Ukrainian pairs need no lookup */

    /* Exact forms off: no surface terms, nothing watched. */
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    cfg.exact_forms = false;
    pc_stem_cache_set_config(c, &cfg);
    CHECK(!pc_stem_watch_begin(&w, c, "uk", "київ", 8));
    pc_stem_cache_free(c);
}

static void test_records_a_document_and_flushes_once(void)
{
    static const char doc[] = "Зеленського зустріли в Києві. Зеленського, Kyiv.";
    static const char *const words[] = {"зеленського", "зустріли", "в", "києві"};
    fake_table t = {0};
    pc_stem_cache *c = new_cache(&t);
    CHECK_INT_EQ(pc_stem_cache_record(c, "uk", false), PC_OK);
    CHECK(watch_document(c, "uk", doc));
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.writes, 4); /* each distinct Cyrillic word once */
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        CHECK_STR_EQ(table_stem(&t, words[i]), uk_stem(words[i]));
    CHECK(strcmp(uk_stem("зеленського"), "=") != 0); /* the document gave a real stem term */

    /* Written pairs are neither written nor recorded again. */
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK(watch_document(c, "uk", doc));
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.writes, 4);

    /* Not recording any more: nothing watched. */
    CHECK_INT_EQ(pc_stem_cache_record(c, NULL, false), PC_OK);
    CHECK(!watch_document(c, "uk", "Львові."));
    CHECK_INT_EQ(pc_stem_cache_record(c, "xx", false), PC_EINVAL);
    CHECK_INT_EQ(pc_stem_cache_record(c, "ukrainian-language", false), PC_EINVAL);
    CHECK(!t.wrong_lang);
    pc_stem_cache_free(c);
}

static void test_forget_after_a_rollback(void)
{
    static const char doc[] = "Києві сходу.";
    fake_table t = {0};
    pc_stem_cache *c = new_cache(&t);
    CHECK_INT_EQ(pc_stem_cache_record(c, "uk", false), PC_OK);

    /* Forgotten before the flush: nothing written. */
    CHECK(watch_document(c, "uk", doc));
    pc_stem_cache_forget(c);
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.writes, 0);

    /* Flushed, then the transaction rolled back (the table loses them) and forgotten: met again, written again. */
    CHECK(watch_document(c, "uk", doc));
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.writes, 2);
    t.n = 0;
    pc_stem_cache_forget(c);
    CHECK(watch_document(c, "uk", doc));
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.writes, 4);
    CHECK_STR_EQ(table_stem(&t, "києві"), uk_stem("києві"));
    CHECK_STR_EQ(table_stem(&t, "сходу"), uk_stem("сходу"));
    pc_stem_cache_free(c);
}

static void test_other_languages_stemmed_at_flush(void)
{
    static const char doc[] = "Кремль ответил журналистам по-русски, latin.";
    fake_table t = {0};
    table_put(&t, "ответил", "=");
    pc_stem_cache *c = new_cache(&t);
    CHECK_INT_EQ(pc_stem_cache_record(c, "uk", true), PC_OK);
    CHECK(!watch_document(c, "ru", "Only Latin words here.")); /* no Cyrillic letter: not worth watching */
    CHECK(!watch_document(c, "", doc));                         /* no language: not recorded */
    CHECK(watch_document(c, "ru", doc));
    CHECK_INT_EQ(t.reads, 0); /* stems are computed at flush time, not while tokenizing */
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_STR_EQ(table_stem(&t, "ответил"), "="); /* known to the table: asked, not written again */
    CHECK_STR_EQ(table_stem(&t, "кремль"), uk_stem("кремль"));
    CHECK_STR_EQ(table_stem(&t, "журналистам"), uk_stem("журналистам"));
    CHECK(table_stem(&t, "latin") == NULL);
    CHECK_INT_EQ(t.writes, t.n - 1);
    CHECK_INT_EQ(t.reads, 5); /* кремль ответил журналистам по русски */
    for (int i = 1; i < t.n; i++)
        CHECK_STR_EQ(t.stem[i], uk_stem(t.surface[i]));
    CHECK(!t.wrong_lang);
    pc_stem_cache_free(c);
}

static void test_stems_computed_ahead(void)
{
    static const char text[] = "Кремль ответил журналистам, Кремль. Trump.";
    static const char *const words[] = {"кремль", "ответил", "журналистам"};
    pc_stem_ahead *sa = NULL;
    pc_error err = {0};
    CHECK_INT_EQ(pc_stem_ahead_new(&sa, NULL, &err), PC_OK);
    CHECK_INT_EQ(err.code, PC_OK);
    pc_word_stems ws = {0};
    CHECK_INT_EQ(pc_stem_ahead_text(sa, "ru", text, strlen(text), &ws), PC_OK);
    CHECK_INT_EQ(ws.n, 3); /* each Cyrillic word once; Latin ones left alone */
    for (size_t i = 0; i < ws.n && i < 3; i++) {
        char surface[TERM_BUF], stem[TERM_BUF];
        snprintf(surface, sizeof surface, "%.*s", ws.surface_len[i], ws.text + ws.offset[i]);
        snprintf(stem, sizeof stem, "%.*s", ws.stem_len[i] ? ws.stem_len[i] : 1,
                 ws.stem_len[i] ? ws.text + ws.offset[i] + ws.surface_len[i] : "=");
        CHECK_STR_EQ(surface, words[i]);
        CHECK_STR_EQ(stem, uk_stem(words[i]));
    }
    /* Words handed out once are not handed out again, from a text or from a term list. */
    CHECK_INT_EQ(pc_stem_ahead_text(sa, "ru", text, strlen(text), &ws), PC_OK);
    pc_term_list *terms = NULL;
    CHECK_INT_EQ(pc_term_list_build(oracle, "ru", "Журналистам Пескова.", strlen("Журналистам Пескова."), &terms),
                 PC_OK);
    CHECK_INT_EQ(pc_stem_ahead_terms(sa, terms, &ws), PC_OK);
    CHECK_INT_EQ(ws.n, 4);
    if (ws.n == 4) {
        char surface[TERM_BUF];
        snprintf(surface, sizeof surface, "%.*s", ws.surface_len[3], ws.text + ws.offset[3]);
        CHECK_STR_EQ(surface, "пескова");
    }

    /* The cache takes them instead of stemming again: a stem handed in (even a false one) is what it writes. */
    fake_table t = {0};
    pc_stem_cache *c = new_cache(&t);
    CHECK_INT_EQ(pc_stem_cache_record(c, "uk", true), PC_OK);
    pc_word_stems fake = {0};
    CHECK_INT_EQ(pc_word_stems_add(&fake, "кремль", (int)strlen("кремль"), "фальш", (int)strlen("фальш")), PC_OK);
    CHECK_INT_EQ(pc_word_stems_add(&fake, "ответил", (int)strlen("ответил"), NULL, 0), PC_OK);
    CHECK_INT_EQ(pc_word_stems_add(&fake, "latin", 5, NULL, 0), PC_OK); /* not recordable: ignored */
    CHECK_INT_EQ(pc_word_stems_add(&fake, "", 0, NULL, 0), PC_EINVAL);
    CHECK_INT_EQ(pc_word_stems_add(&fake, "x", 1, "y", -1), PC_EINVAL);
    CHECK_INT_EQ(fake.n, 3);
    pc_stem_cache_add_stems(c, "uk", &fake); /* a Ukrainian document: not wanted */
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.writes, 0);
    CHECK(pc_stem_cache_wants_stems(c, "ru", PC_STEM_RECORD_LANG));
    pc_stem_cache_add_stems(c, "ru", &fake);
    CHECK(watch_document(c, "ru", "Кремль ответил."));
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.writes, 2);
    CHECK_INT_EQ(t.reads, 0); /* nothing left to stem */
    CHECK_STR_EQ(table_stem(&t, "кремль"), "фальш");
    CHECK_STR_EQ(table_stem(&t, "ответил"), "=");

    pc_word_stems_clear(&fake);
    CHECK_INT_EQ(fake.n, 0);
    pc_stem_cache_free(c);
    pc_term_list_free(terms);
    pc_word_stems_clear(&ws);
    pc_stem_ahead_free(sa);
}

/* How many rows of the table hold `surface`. */
static int table_count(const fake_table *t, const char *surface)
{
    int n = 0;
    for (int i = 0; i < t->n; i++)
        n += strcmp(t->surface[i], surface) == 0;
    return n;
}

static void test_refused_write_stays_pending(void)
{
    fake_table t = {0};
    pc_stem_cache *c = new_cache(&t);
    CHECK_INT_EQ(pc_stem_cache_record(c, "uk", false), PC_OK);
    CHECK(watch_document(c, "uk", "Києві сходу нападу труби."));

    /* The backing refuses the first pair: its code comes back as it is, err untouched, every pair pending. */
    t.refuse_at = 1;
    t.refuse_code = 7;
    pc_error err = {0};
    CHECK_INT_EQ(pc_stem_cache_flush(c, &err), 7);
    CHECK_INT_EQ(err.code, PC_OK);
    CHECK_INT_EQ(t.n, 0);
    CHECK_INT_EQ(pc_stem_cache_flush(c, &err), PC_OK);
    CHECK_INT_EQ(t.n, 4);
    CHECK_INT_EQ(t.writes, 5);
    CHECK_STR_EQ(table_stem(&t, "києві"), uk_stem("києві"));
    CHECK_STR_EQ(table_stem(&t, "труби"), uk_stem("труби"));

    /* A refusal in the middle: the pair before it is written once, it and the rest on the next flush. */
    CHECK(watch_document(c, "uk", "Львові півострова асоціацією."));
    t.refuse_at = t.writes + 2;
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), 7);
    CHECK_INT_EQ(t.n, 5);
    CHECK_STR_EQ(table_stem(&t, "львові"), uk_stem("львові"));
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.n, 7);
    CHECK_INT_EQ(table_count(&t, "львові"), 1);
    CHECK_STR_EQ(table_stem(&t, "півострова"), uk_stem("півострова"));
    CHECK_STR_EQ(table_stem(&t, "асоціацією"), uk_stem("асоціацією"));
    CHECK_INT_EQ(pc_stem_cache_flush(c, NULL), PC_OK);
    CHECK_INT_EQ(t.writes, 9);
    pc_stem_cache_free(c);
}

static void test_destructors_accept_null(void)
{
    pc_stem_cache_free(NULL);
    pc_stem_cache_forget(NULL);
    pc_stem_ahead_free(NULL);
    pc_word_stems_clear(NULL);
    pc_word_stems empty = {0};
    pc_word_stems_clear(&empty);
    CHECK_INT_EQ(empty.n, 0);
    pc_stem_cache *c = new_cache(&(fake_table){0});
    pc_stem_cache_free(c); /* never recorded anything */
}

int main(void)
{
    pc_error err;
    if (pc_analyzer_new(&oracle, NULL, &err) != PC_OK || pc_analyzer_prepare(oracle, "uk", &err) != PC_OK) {
        fprintf(stderr, "cannot make the Ukrainian analyzer: %s\n", err.msg);
        return 1;
    }
    RUN_TEST(test_lookup_asks_the_table_before_the_stemmer);
    RUN_TEST(test_watch_pairs_terms);
    RUN_TEST(test_records_a_document_and_flushes_once);
    RUN_TEST(test_forget_after_a_rollback);
    RUN_TEST(test_other_languages_stemmed_at_flush);
    RUN_TEST(test_stems_computed_ahead);
    RUN_TEST(test_refused_write_stays_pending);
    RUN_TEST(test_destructors_accept_null);
    pc_analyzer_free(oracle);
    return TEST_REPORT();
}
