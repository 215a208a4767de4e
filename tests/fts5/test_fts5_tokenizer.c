/* test_fts5_tokenizer.c — the "presscut" FTS5 tokenizer: language tags, terms and offsets handed to FTS5 for
 * documents and queries, error propagation, configuration switches, and the terms FTS5 stores (fts5vocab). */
#include "presscut/fts5/fts5_tokenizer.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fts5_fixtures.h"
#include "harness.h"

/* ---- helpers ----------------------------------------------------------------------------------------- */

typedef struct token {
    char text[160];
    int len, start, end, flags;
} token;

typedef struct token_list {
    token items[4096];
    int n;
    int fail_at; /* return SQLITE_ABORT for this token (0-based), -1: never */
} token_list;

static int collect_token(void *payload, int flags, const char *text, int len, int start, int end)
{
    token_list *list = payload;
    if (list->fail_at >= 0 && list->n == list->fail_at)
        return SQLITE_ABORT;
    if (list->n < (int)(sizeof list->items / sizeof list->items[0])) {
        token *t = &list->items[list->n];
        int copy = len < (int)sizeof t->text - 1 ? len : (int)sizeof t->text - 1;
        memcpy(t->text, text, (size_t)copy);
        t->text[copy] = '\0';
        t->len = len;
        t->start = start;
        t->end = end;
        t->flags = flags;
    }
    list->n++;
    return SQLITE_OK;
}

/* An in-memory database with the tokenizer registered over `ctx`. */
typedef struct fixture {
    sqlite3 *db;
    fts5_api *api;
    pc_tokenizer_context *ctx;
} fixture;

static bool fixture_open(fixture *f, const pc_analyzer_config *cfg)
{
    memset(f, 0, sizeof *f);
    if (sqlite3_open(":memory:", &f->db) != SQLITE_OK)
        return false;
    f->api = get_fts5_api(f->db);
    if (!f->api || pc_tokenizer_context_new(&f->ctx, cfg) != PC_OK)
        return false;
    static const char *const en[] = {"en"};
    pc_tokenizer_context_set_query_langs(f->ctx, en, 1);
    return pc_fts5_tokenizer_register(f->api, f->ctx) == SQLITE_OK;
}

static void fixture_close(fixture *f)
{
    sqlite3_close(f->db);
    pc_tokenizer_context_free(f->ctx);
}

/* Tokenizes `text` through the registered tokenizer, as FTS5 would. Returns xTokenize's code. */
static int tokenize(fixture *f, int flags, const char *text, int len, token_list *out)
{
    void *user = NULL;
    fts5_tokenizer tk;
    out->n = 0;
    if (f->api->xFindTokenizer(f->api, PC_TOKENIZER_NAME, &user, &tk) != SQLITE_OK)
        return -1;
    Fts5Tokenizer *inst = NULL;
    int rc = tk.xCreate(user, NULL, 0, &inst);
    if (rc != SQLITE_OK)
        return rc;
    rc = tk.xTokenize(inst, out, flags, text, len, collect_token);
    tk.xDelete(inst);
    return rc;
}

static const token *find_token(const token_list *list, const char *text)
{
    for (int i = 0; i < list->n && i < (int)(sizeof list->items / sizeof list->items[0]); i++)
        if (strcmp(list->items[i].text, text) == 0)
            return &list->items[i];
    return NULL;
}

static long long query_count(sqlite3 *db, const char *sql, const char *arg)
{
    sqlite3_stmt *st = NULL;
    long long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (arg)
            sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return n;
}

/* ---- language tags ----------------------------------------------------------------------------------- */

static void test_tag_round_trip(void)
{
    char buf[PC_LANG_MAX + 3], lang[PC_LANG_MAX + 1];
    size_t n = pc_lang_tag_write(buf, "ru");
    CHECK_INT_EQ(n, 4);
    CHECK(memcmp(buf, "\x1e" "ru" "\x1e", 4) == 0);
    CHECK_INT_EQ(pc_lang_tag_parse(buf, n, lang), 4);
    CHECK_STR_EQ(lang, "ru");

    /* Followed by text: the tag ends where the text begins. */
    const char *tagged = "\x1e" "uk" "\x1e" "Київ";
    CHECK_INT_EQ(pc_lang_tag_parse(tagged, strlen(tagged), lang), 4);
    CHECK_STR_EQ(lang, "uk");

    /* The longest code accepted, and one byte more. */
    const char *longest = "abcdefghijklmno";
    CHECK_INT_EQ(strlen(longest), PC_LANG_MAX);
    n = pc_lang_tag_write(buf, longest);
    CHECK_INT_EQ(n, PC_LANG_MAX + 2);
    CHECK_INT_EQ(pc_lang_tag_parse(buf, n, lang), PC_LANG_MAX + 2);
    CHECK_STR_EQ(lang, longest);
    CHECK_INT_EQ(pc_lang_tag_write(buf, "abcdefghijklmnop"), 0);
    CHECK(!pc_lang_tag_valid("abcdefghijklmnop"));

    /* No tag for absent, empty or unsafe codes. */
    CHECK_INT_EQ(pc_lang_tag_write(buf, NULL), 0);
    CHECK_INT_EQ(pc_lang_tag_write(buf, ""), 0);
    CHECK_INT_EQ(pc_lang_tag_write(buf, "e n"), 0);
    CHECK_INT_EQ(pc_lang_tag_write(buf, "en\x1e"), 0);
    CHECK_INT_EQ(pc_lang_tag_write(buf, "рус"), 0);
    CHECK(pc_lang_tag_valid("pt-BR"));
    CHECK(pc_lang_tag_valid("zh_Hant"));

    /* Not tags: plain text, unterminated, empty code, too long, bad bytes, truncated by len. */
    strcpy(lang, "xx");
    CHECK_INT_EQ(pc_lang_tag_parse("hello", 5, lang), 0);
    CHECK_STR_EQ(lang, "");
    CHECK_INT_EQ(pc_lang_tag_parse("\x1e" "ru", 3, lang), 0);
    CHECK_INT_EQ(pc_lang_tag_parse("\x1e\x1e" "ru", 4, lang), 0);
    CHECK_INT_EQ(pc_lang_tag_parse("\x1e" "abcdefghijklmnop" "\x1e", 18, lang), 0);
    CHECK_INT_EQ(pc_lang_tag_parse("\x1e" "r u" "\x1e", 5, lang), 0);
    CHECK_INT_EQ(pc_lang_tag_parse("\x1e" "\xff\xfe" "\x1e", 4, lang), 0);
    CHECK_INT_EQ(pc_lang_tag_parse("\x1e" "ru" "\x1e", 3, lang), 0);
    CHECK_INT_EQ(pc_lang_tag_parse("", 0, lang), 0);
    CHECK_INT_EQ(pc_lang_tag_parse(NULL, 0, lang), 0);
    CHECK_STR_EQ(lang, "");
}

/* ---- documents --------------------------------------------------------------------------------------- */

static void test_document_offsets_count_from_tagged_text(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    const char *text = "\x1e" "en" "\x1e" "The attacks continued";
    int len = (int)strlen(text);
    token_list *list = calloc(1, sizeof *list);
    list->fail_at = -1;
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_DOCUMENT, text, len, list), SQLITE_OK);

    const token *attacks = find_token(list, "attacks");
    const token *stem = find_token(list, "\x01" "en:attack");
    CHECK(attacks != NULL);
    CHECK(stem != NULL);
    if (attacks && stem) {
        CHECK_INT_EQ(attacks->start, 8);
        CHECK_INT_EQ(attacks->end, 15);
        CHECK(memcmp(text + attacks->start, "attacks", 7) == 0);
        CHECK_INT_EQ(attacks->flags, 0);
        CHECK_INT_EQ(stem->start, 8);
        CHECK_INT_EQ(stem->end, 15);
        CHECK_INT_EQ(stem->flags, FTS5_TOKEN_COLOCATED);
    }
    const token *the = find_token(list, "the");
    CHECK(the != NULL);
    if (the) {
        CHECK_INT_EQ(the->start, 4);
        CHECK_INT_EQ(the->end, 7);
    }
    /* Every offset lies inside the text and after the tag. */
    for (int i = 0; i < list->n; i++) {
        CHECK(list->items[i].start >= 4);
        CHECK(list->items[i].end <= len);
        CHECK(list->items[i].start < list->items[i].end);
    }

    /* Untagged text: surfaces only, offsets from 0. */
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_DOCUMENT, "The attacks", 11, list), SQLITE_OK);
    CHECK_INT_EQ(list->n, 2);
    CHECK_STR_EQ(list->items[1].text, "attacks");
    CHECK_INT_EQ(list->items[1].start, 4);
    CHECK(find_token(list, "\x01" "en:attack") == NULL);

    /* AUX (highlight, snippet) reads the stored tagged text the same way. */
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_AUX, text, len, list), SQLITE_OK);
    CHECK(find_token(list, "\x01" "en:attack") != NULL);

    /* A tag alone, or nothing at all, gives no term. */
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_DOCUMENT, "\x1e" "en" "\x1e", 4, list), SQLITE_OK);
    CHECK_INT_EQ(list->n, 0);
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_DOCUMENT, "", 0, list), SQLITE_OK);
    CHECK_INT_EQ(list->n, 0);
    free(list);
    fixture_close(&f);
}

static void test_russian_document_is_stemmed(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    token_list *list = calloc(1, sizeof *list);
    list->fail_at = -1;
    const char *text = "\x1e" "ru" "\x1e" "атаки продолжались";
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text), list), SQLITE_OK);
    const token *surface = find_token(list, "атаки");
    const token *stem = find_token(list, "\x01" "ru:атак");
    CHECK(surface != NULL);
    CHECK(stem != NULL);
    if (surface && stem) {
        CHECK_INT_EQ(surface->start, 4);
        CHECK_INT_EQ(surface->end, 4 + (int)strlen("атаки"));
        CHECK_INT_EQ(stem->start, surface->start);
        CHECK_INT_EQ(stem->flags, FTS5_TOKEN_COLOCATED);
    }
    /* The same words tagged English are not stemmed as Russian. */
    text = "\x1e" "en" "\x1e" "атаки";
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text), list), SQLITE_OK);
    CHECK(find_token(list, "\x01" "ru:атак") == NULL);
    free(list);
    fixture_close(&f);
}

static void test_bad_and_huge_input(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    token_list *list = calloc(1, sizeof *list);
    list->fail_at = -1;
    /* Invalid UTF-8 bytes never become part of a term; offsets stay inside the input. */
    const char bad[] = "\x1e" "en" "\x1e" "bad \xff\xfe bytes \xc3 here \xe2\x82";
    int len = (int)sizeof bad - 1;
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_DOCUMENT, bad, len, list), SQLITE_OK);
    CHECK(find_token(list, "bad") != NULL);
    CHECK(find_token(list, "here") != NULL);
    for (int i = 0; i < list->n; i++) {
        CHECK(list->items[i].end <= len);
        CHECK(memchr(list->items[i].text, 0xff, (size_t)list->items[i].len) == NULL);
    }
    /* A broken tag is just text. */
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_DOCUMENT, "\x1e" "en attacks", 11, list), SQLITE_OK);
    CHECK(find_token(list, "attacks") != NULL);
    CHECK(find_token(list, "\x01" "en:attack") == NULL);

    /* 1 MiB of words: every one arrives, in order. */
    size_t words = 100000;
    size_t size = 4 + words * 10;
    char *huge = malloc(size + 1);
    memcpy(huge, "\x1e" "en" "\x1e", 4);
    for (size_t i = 0; i < words; i++)
        memcpy(huge + 4 + i * 10, "reporters ", 10);
    huge[size] = '\0';
    int rc = tokenize(&f, FTS5_TOKENIZE_DOCUMENT, huge, (int)size, list);
    CHECK_INT_EQ(rc, SQLITE_OK);
    CHECK_INT_EQ(list->n, (int)words * 2); /* surface + stem for each */
    CHECK_STR_EQ(list->items[0].text, "reporters");
    CHECK_INT_EQ(list->items[2].start, 14);
    free(huge);
    free(list);
    fixture_close(&f);
}

static void test_xtoken_error_is_returned(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    token_list *list = calloc(1, sizeof *list);
    list->fail_at = 1;
    const char *text = "\x1e" "en" "\x1e" "one two three";
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text), list), SQLITE_ABORT);
    CHECK_INT_EQ(list->n, 1);
    list->fail_at = 0;
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_QUERY, "one", 3, list), SQLITE_ABORT);
    free(list);
    fixture_close(&f);
}

/* ---- queries ----------------------------------------------------------------------------------------- */

static void test_query_terms(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    token_list *list = calloc(1, sizeof *list);
    list->fail_at = -1;

    /* A stemmed word: its surface, then its stem term in each query language (and whatever else the analyzer
     * adds), the first alternative plain and the others colocated, all with the word's offsets. */
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_QUERY, "attacks", 7, list), SQLITE_OK);
    CHECK(list->n >= 2);
    CHECK_STR_EQ(list->items[0].text, "attacks");
    CHECK_INT_EQ(list->items[0].flags, 0);
    const token *marked = find_token(list, "\x01" "en:attack");
    CHECK(marked != NULL);
    for (int i = 1; i < list->n; i++) {
        CHECK_INT_EQ(list->items[i].flags, FTS5_TOKEN_COLOCATED);
        CHECK_INT_EQ(list->items[i].start, 0);
        CHECK_INT_EQ(list->items[i].end, 7);
    }

    /* Exact form and prefix: the surface only. */
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_QUERY, "\x02" "attacks", 8, list), SQLITE_OK);
    CHECK_INT_EQ(list->n, 1);
    CHECK_STR_EQ(list->items[0].text, "attacks");
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, "attacks", 7, list), SQLITE_OK);
    CHECK_INT_EQ(list->n, 1);
    CHECK_STR_EQ(list->items[0].text, "attacks");

    /* Query languages follow the context. */
    static const char *const en_ru[] = {"en", "ru"};
    CHECK_INT_EQ(pc_tokenizer_context_set_query_langs(f.ctx, en_ru, 2), PC_OK);
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_QUERY, "атаку", (int)strlen("атаку"), list), SQLITE_OK);
    CHECK(find_token(list, "атаку") != NULL);
    CHECK(find_token(list, "атак") == NULL); /* a stem is never a surface alternative */
    CHECK(find_token(list, "\x01" "ru:атак") != NULL);
    CHECK(find_token(list, "ataku") != NULL); /* its Latin form, unless switched off */
    pc_tokenizer_context_set_query_translit(f.ctx, false);
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_QUERY, "атаку", (int)strlen("атаку"), list), SQLITE_OK);
    CHECK(find_token(list, "ataku") == NULL);
    CHECK(find_token(list, "\x01" "ru:атак") != NULL);
    pc_tokenizer_context_set_query_translit(f.ctx, true);
    CHECK_INT_EQ(pc_tokenizer_context_set_query_langs(f.ctx, NULL, 0), PC_OK);
    CHECK_INT_EQ(tokenize(&f, FTS5_TOKENIZE_QUERY, "атаку", (int)strlen("атаку"), list), SQLITE_OK);
    CHECK(find_token(list, "\x01" "ru:атак") == NULL);
    free(list);
    fixture_close(&f);
}

/* ---- through FTS5 ------------------------------------------------------------------------------------ */

static void test_terms_stored_by_fts5(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    char *msg = NULL;
    int rc = sqlite3_exec(f.db,
                          "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='presscut');"
                          "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');"
                          "INSERT INTO t(rowid, x) VALUES(1, char(30) || 'en' || char(30) || 'Police attacked the crowd');"
                          "INSERT INTO t(rowid, x) VALUES(2, char(30) || 'en' || char(30) || 'Two attacks were reported');"
                          "INSERT INTO t(rowid, x) VALUES(3, char(30) || 'ru' || char(30) || 'Новые атаки на город');"
                          "INSERT INTO t(rowid, x) VALUES(4, char(30) || 'en' || char(30) || 'Nat West said');"
                          "INSERT INTO t(rowid, x) VALUES(5, char(30) || 'it' || char(30) || 'la NATO e nata');",
                          NULL, NULL, &msg);
    CHECK_INT_EQ(rc, SQLITE_OK);
    if (msg)
        fprintf(stderr, "%s\n", msg);
    sqlite3_free(msg);

    CHECK_INT_EQ(query_count(f.db, "SELECT doc FROM v WHERE term = ?1", "attacked"), 1);
    CHECK_INT_EQ(query_count(f.db, "SELECT doc FROM v WHERE term = ?1", "attacks"), 1);
    CHECK_INT_EQ(query_count(f.db, "SELECT doc FROM v WHERE term = ?1", "\x01" "en:attack"), 2);
    CHECK_INT_EQ(query_count(f.db, "SELECT doc FROM v WHERE term = ?1", "\x01" "ru:атак"), 1);
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM v WHERE term = ?1", "en"), 0); /* the tag is no term */
    CHECK_INT_EQ(query_count(f.db, "SELECT doc FROM v WHERE term = ?1", "\x01" "en:nat"), 1);
    CHECK_INT_EQ(query_count(f.db, "SELECT doc FROM v WHERE term = ?1", "\x01" "it:nat"), 1);

    /* A stem made by one language's stemmer matches only text in that language: Italian stems NATO to "nat",
     * which must not reach English "Nat". */
    static const char *const en_it[] = {"en", "it"};
    CHECK_INT_EQ(pc_tokenizer_context_set_query_langs(f.ctx, en_it, 2), PC_OK);
    CHECK_INT_EQ(query_count(f.db, "SELECT rowid FROM t WHERE t MATCH ?1", "NATO"), 5);
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM t WHERE t MATCH ?1", "nat"), 2); /* and "nata" in Italian */
    static const char *const en[] = {"en"};
    CHECK_INT_EQ(pc_tokenizer_context_set_query_langs(f.ctx, en, 1), PC_OK);

    /* Stemmed search finds both forms; an exact one only its own. */
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM t WHERE t MATCH ?1", "attacks"), 2);
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM t WHERE t MATCH ?1", "\"\x02" "attacks\""), 1);
    CHECK_INT_EQ(query_count(f.db, "SELECT rowid FROM t WHERE t MATCH ?1", "\"\x02" "attacked\""), 1);
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM t WHERE t MATCH ?1", "attack*"), 2);

    /* highlight() works on the tagged text: offsets point at the words. */
    sqlite3_stmt *st = NULL;
    CHECK_INT_EQ(sqlite3_prepare_v2(f.db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH 'crowd'", -1, &st,
                                    NULL),
                 SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        CHECK_STR_EQ((const char *)sqlite3_column_text(st, 0), "\x1e" "en" "\x1e" "Police attacked the [crowd]");
    else
        CHECK(!"highlight row");
    sqlite3_finalize(st);

    /* A tokenizer argument is refused: the configuration comes from the context only. */
    CHECK(sqlite3_exec(f.db, "CREATE VIRTUAL TABLE bad USING fts5(x, tokenize='presscut extra')", NULL, NULL, NULL) !=
          SQLITE_OK);
    fixture_close(&f);
}

static void test_switching_configuration(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    CHECK_INT_EQ(sqlite3_exec(f.db,
                              "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='presscut');"
                              "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');"
                              "INSERT INTO t(rowid, x) VALUES(1, char(30) || 'en' || char(30) || 'Café attacks');",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM v WHERE term = ?1", "attacks"), 1);

    /* Stems only: the existing instance picks the new configuration up on its next use. */
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    cfg.exact_forms = false;
    CHECK_INT_EQ(pc_tokenizer_context_set_config(f.ctx, &cfg), PC_OK);
    CHECK_INT_EQ(sqlite3_exec(f.db, "INSERT INTO t(t) VALUES('rebuild')", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM v WHERE term = ?1", "attacks"), 0);
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM v WHERE term = ?1", "\x01" "en:attack"), 1);
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM v WHERE term = ?1", "attack"), 0);
    CHECK_INT_EQ(query_count(f.db, "SELECT count(*) FROM t WHERE t MATCH ?1", "attacked"), 1);
    fixture_close(&f);
}

int main(void)
{
    RUN_TEST(test_tag_round_trip);
    RUN_TEST(test_document_offsets_count_from_tagged_text);
    RUN_TEST(test_russian_document_is_stemmed);
    RUN_TEST(test_bad_and_huge_input);
    RUN_TEST(test_xtoken_error_is_returned);
    RUN_TEST(test_query_terms);
    RUN_TEST(test_terms_stored_by_fts5);
    RUN_TEST(test_switching_configuration);
    return TEST_REPORT();
}
