/* test_rank_functions.c — the FTS5 rank functions: pc_rank (BM25 by term frequency, rarity and row length,
 * the proximity bonus, OR queries, its evidence BLOB), pc_coverage, pc_match_spans (byte ranges of stemmed,
 * phrase, prefix and Cyrillic matches, after the language tag; text that disagrees with the index) on an
 * in-memory FTS5 table with the presscut tokenizer, and pc_token_ranges_to_spans. */
#include "presscut/fts5/rank_functions.h"

#include <math.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fts5_fixtures.h"
#include "harness.h"
#include "presscut/fts5/fts5_tokenizer.h"

/* ---- fixture ----------------------------------------------------------------------------------------- */

#define TAG_EN "\x1e" "en" "\x1e"
#define TAG_RU "\x1e" "ru" "\x1e"

typedef struct fixture {
    sqlite3 *db;
    pc_tokenizer_context *ctx;
} fixture;

static bool exec(fixture *f, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(f->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "sql failed: %s: %s\n", sql, msg ? msg : "?");
    sqlite3_free(msg);
    return rc == SQLITE_OK;
}

/* An in-memory database with the tokenizer (query languages en, ru) and the rank functions registered, and
 * the table t(text). */
static bool fixture_open(fixture *f, const pc_rank_params *params)
{
    memset(f, 0, sizeof *f);
    if (sqlite3_open(":memory:", &f->db) != SQLITE_OK)
        return false;
    fts5_api *api = get_fts5_api(f->db);
    if (!api || pc_tokenizer_context_new(&f->ctx, NULL) != PC_OK)
        return false;
    static const char *const langs[] = {"en", "ru"};
    if (pc_tokenizer_context_set_query_langs(f->ctx, langs, 2) != PC_OK)
        return false;
    if (pc_fts5_tokenizer_register(api, f->ctx) != SQLITE_OK || pc_rank_register(api, params) != SQLITE_OK)
        return false;
    return exec(f, "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='presscut')");
}

static void fixture_close(fixture *f)
{
    sqlite3_close(f->db);
    pc_tokenizer_context_free(f->ctx);
}

static void insert(fixture *f, long long rowid, const char *text)
{
    sqlite3_stmt *st = NULL;
    CHECK(sqlite3_prepare_v2(f->db, "INSERT INTO t(rowid, text) VALUES(?1, ?2)", -1, &st, NULL) == SQLITE_OK);
    sqlite3_bind_int64(st, 1, rowid);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    CHECK_INT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* `fn`(t) of row `rowid` for MATCH `query`; NAN when the row does not match. */
static double value_of(fixture *f, const char *fn, const char *query, long long rowid)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s(t) FROM t WHERE t MATCH ?1 AND rowid = ?2", fn);
    sqlite3_stmt *st = NULL;
    double v = NAN;
    if (sqlite3_prepare_v2(f->db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "prepare failed: %s\n", sqlite3_errmsg(f->db));
        return v;
    }
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, rowid);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_double(st, 0);
    else if (rc != SQLITE_DONE)
        fprintf(stderr, "step failed: %s\n", sqlite3_errmsg(f->db));
    sqlite3_finalize(st);
    return v;
}

static double score_of(fixture *f, const char *query, long long rowid)
{
    return value_of(f, "pc_rank", query, rowid);
}

/* The rowids in pc_rank order (best first) for `query`, into ids (at most cap); returns how many. */
static int ranked_rowids(fixture *f, const char *query, long long *ids, int cap)
{
    sqlite3_stmt *st = NULL;
    int n = 0;
    if (sqlite3_prepare_v2(f->db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY pc_rank(t) DESC, rowid", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW && n < cap)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* pc_match_spans(t) of row `rowid` for MATCH `query`, decoded into pairs (at most cap); returns the number of
 * pairs, or -1 when the row does not match or the blob is malformed. */
static int spans_of_table(fixture *f, const char *table, const char *query, long long rowid, int32_t *pairs,
                          int cap)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT pc_match_spans(%s) FROM %s WHERE %s MATCH ?1 AND rowid = ?2", table, table,
             table);
    sqlite3_stmt *st = NULL;
    int n = -1;
    if (sqlite3_prepare_v2(f->db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "prepare failed: %s\n", sqlite3_errmsg(f->db));
        return -1;
    }
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, rowid);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_BLOB) {
        const unsigned char *blob = sqlite3_column_blob(st, 0);
        int bytes = sqlite3_column_bytes(st, 0);
        if (bytes % 8 == 0) {
            n = bytes / 8 < cap ? bytes / 8 : cap;
            for (int i = 0; i < 2 * n; i++)
                memcpy(&pairs[i], blob + 4 * i, 4);
        }
    }
    sqlite3_finalize(st);
    return n;
}

static int spans_of(fixture *f, const char *query, long long rowid, int32_t *pairs, int cap)
{
    return spans_of_table(f, "t", query, rowid, pairs, cap);
}

/* Byte offset of `word` in `text` after its language tag (of length tag_len). */
static int32_t offset_after_tag(const char *text, size_t tag_len, const char *word)
{
    const char *at = strstr(text + tag_len, word);
    return at ? (int32_t)(at - (text + tag_len)) : -1;
}

/* ---- pc_rank ----------------------------------------------------------------------------------------- */

static void test_term_frequency_and_length(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    insert(&f, 1, "apple apple pear");
    insert(&f, 2, "apple pear plum");
    insert(&f, 3, "apple plum");
    insert(&f, 4, "apple plum cherry grape melon lemon lime kiwi");
    insert(&f, 5, "pear plum cherry");
    double twice = score_of(&f, "apple", 1), once = score_of(&f, "apple", 2);
    CHECK(twice > 0.0 && once > 0.0);
    CHECK(twice > once);
    double shorter = score_of(&f, "apple", 3), longer = score_of(&f, "apple", 4);
    CHECK(shorter > longer);
    CHECK(longer > 0.0);
    long long ids[8];
    CHECK_INT_EQ(ranked_rowids(&f, "apple", ids, 8), 4);
    CHECK_INT_EQ(ids[0], 1);
    CHECK_INT_EQ(ids[3], 4);
    /* a stemmed query matches another form, with a positive score */
    insert(&f, 6, TAG_EN "Troops attacked the city.");
    CHECK(score_of(&f, "attacks", 6) > 0.0);
    fixture_close(&f);
}

static void test_rarity(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    insert(&f, 1, "rare filler words");
    insert(&f, 2, "common filler words");
    for (int i = 3; i < 13; i++)
        insert(&f, i, "common other text");
    double rare = score_of(&f, "rare OR common", 1), common = score_of(&f, "rare OR common", 2);
    CHECK(rare > common);
    CHECK(common > 0.0);
    /* log(1 + (N - n + 0.5) / (n + 0.5)) * (k1 + 1) * tf / (tf + k1 * (1 - b + b * dl / avgdl)) for row 1:
     * N 12, n 1, tf 1, dl 3 = avgdl */
    double idf = log(1.0 + (12.0 - 1.0 + 0.5) / 1.5);
    CHECK(fabs(score_of(&f, "rare", 1) - idf * 2.2 / (1.0 + 1.2)) < 1e-9);
    fixture_close(&f);
}

static void test_proximity(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    insert(&f, 1, "storm power one two three four five six");
    insert(&f, 2, "storm one two three four five six power");
    insert(&f, 3, "storm one two power three four five six");
    double near = score_of(&f, "storm power", 1), far = score_of(&f, "storm power", 2);
    double middle = score_of(&f, "storm power", 3);
    CHECK(near > middle);
    CHECK(middle > far);
    /* the bonus: proximity_weight * (2 - 1) / (1 + gap): gap 0 -> 1.0, gap 6 -> 1/7 */
    CHECK(fabs((near - far) - (1.0 - 1.0 / 7.0)) < 1e-9);
    /* without the proximity weight the three rows score the same */
    fixture_close(&f);
    pc_rank_params p;
    pc_rank_params_default(&p);
    p.proximity_weight = 0.0;
    CHECK(fixture_open(&f, &p));
    insert(&f, 1, "storm power one two three four five six");
    insert(&f, 2, "storm one two three four five six power");
    CHECK(fabs(score_of(&f, "storm power", 1) - score_of(&f, "storm power", 2)) < 1e-12);
    fixture_close(&f);
}

static void test_or_query(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    insert(&f, 1, "troops entered the city at night");
    insert(&f, 2, "troops waited outside the gates");
    insert(&f, 3, "the banana harvest was poor");
    double both = score_of(&f, "troops OR city", 1), one = score_of(&f, "troops OR city", 2);
    CHECK(both > one);
    CHECK(one > 0.0);
    CHECK(isnan(score_of(&f, "troops OR city", 3)));
    CHECK(fabs(value_of(&f, "pc_coverage", "troops OR city", 1) - 1.0) < 1e-12);
    CHECK(fabs(value_of(&f, "pc_coverage", "troops OR city", 2) - 0.5) < 1e-12);
    CHECK(fabs(value_of(&f, "pc_coverage", "troops OR banana OR gates OR night", 2) - 0.5) < 1e-12);
    CHECK(fabs(value_of(&f, "pc_coverage", "troops", 1) - 1.0) < 1e-12);
    fixture_close(&f);
}

/* pc_rank(t, 1) hands back the score with the row's evidence, which decodes through the codec. */
static void test_evidence(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    insert(&f, 1, "storm power storm one two");
    insert(&f, 2, "calm weather today");
    insert(&f, 3, "power cut");
    sqlite3_stmt *st = NULL;
    CHECK(sqlite3_prepare_v2(f.db, "SELECT pc_rank(t, 1), pc_rank(t) FROM t WHERE t MATCH ?1 AND rowid = 1", -1, &st,
                             NULL) == SQLITE_OK);
    sqlite3_bind_text(st, 1, "storm power", -1, SQLITE_STATIC);
    CHECK_INT_EQ(sqlite3_step(st), SQLITE_ROW);
    pc_rank_evidence e;
    CHECK_INT_EQ(pc_rank_evidence_decode(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0), &e), PC_OK);
    CHECK(e.score == (float)sqlite3_column_double(st, 1));
    CHECK(e.score > 0.0f);
    CHECK(e.length == 5.0f);
    CHECK(fabs(e.avg_length - 10.0 / 3.0) < 1e-6);
    CHECK_INT_EQ(e.rows, 3);
    CHECK_INT_EQ(e.n_phrases, 2);
    CHECK(e.tf[0] == 2.0f && e.tf[1] == 1.0f);
    CHECK(e.idf[0] > e.idf[1]); /* "storm" is in one row, "power" in two */
    CHECK_INT_EQ(e.n_ranges, 3);
    CHECK_INT_EQ(e.ranges[0].first, 0);
    CHECK_INT_EQ(e.ranges[1].first, 1);
    CHECK_INT_EQ(e.ranges[2].first, 2);
    CHECK_INT_EQ(e.ranges[2].last, 2);
    sqlite3_finalize(st);
    fixture_close(&f);
}

/* A question of 40 distinct words (as a pasted paragraph or a long question run with --any) carries counts
 * for all of them: a row holding only the last word has its count, not a count cut off after the 16th. */
static void test_evidence_long_question(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    insert(&f, 1, "filler text without the question's words");
    insert(&f, 2, "the last word is wordnum39 here");
    char query[1024];
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(query + n, sizeof query - n, "%swordnum%d", i ? " OR " : "", i);
    sqlite3_stmt *st = NULL;
    CHECK(sqlite3_prepare_v2(f.db, "SELECT pc_rank(t, 1) FROM t WHERE t MATCH ?1 AND rowid = 2", -1, &st, NULL) ==
          SQLITE_OK);
    sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
    CHECK_INT_EQ(sqlite3_step(st), SQLITE_ROW);
    pc_rank_evidence e;
    CHECK_INT_EQ(pc_rank_evidence_decode(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0), &e), PC_OK);
    CHECK_INT_EQ(e.n_phrases, 40);
    int last = e.n_phrases - 1;
    bool counted = last >= 0 && last < PC_RANK_MAX_PHRASES;
    CHECK(counted && e.tf[counted ? last : 0] == 1.0f && e.idf[counted ? last : 0] > 0.0f);
    CHECK(e.tf[0] == 0.0f && e.tf[15] == 0.0f);
    sqlite3_finalize(st);
    fixture_close(&f);
}

/* ---- pc_match_spans ---------------------------------------------------------------------------------- */

static void test_spans_stemmed_with_tag(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    const char *text = TAG_EN "Troops attacked the city.";
    insert(&f, 1, text);
    int32_t pairs[16];
    CHECK_INT_EQ(spans_of(&f, "attacks", 1, pairs, 8), 1);
    CHECK_INT_EQ(pairs[0], 7);
    CHECK_INT_EQ(pairs[1], 15); /* "attacked", counted after the 4-byte tag */
    CHECK_INT_EQ(pairs[0], offset_after_tag(text, 4, "attacked"));
    /* two words: two ranges, sorted */
    CHECK_INT_EQ(spans_of(&f, "city troops", 1, pairs, 8), 2);
    CHECK_INT_EQ(pairs[0], 0);
    CHECK_INT_EQ(pairs[1], 6);
    CHECK_INT_EQ(pairs[2], 20);
    CHECK_INT_EQ(pairs[3], 24);
    /* the same token matched by two phrases is one range */
    CHECK_INT_EQ(spans_of(&f, "attacks \"\x02" "attacked\"", 1, pairs, 8), 1);
    CHECK_INT_EQ(pairs[0], 7);
    CHECK_INT_EQ(pairs[1], 15);
    fixture_close(&f);
}

static void test_spans_phrase_prefix(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    const char *text = "Hackers hit the power grid again; the grid held.";
    insert(&f, 1, text);
    int32_t pairs[16];
    /* a phrase: each of its words */
    CHECK_INT_EQ(spans_of(&f, "\"power grid\"", 1, pairs, 8), 2);
    CHECK_INT_EQ(pairs[0], 16);
    CHECK_INT_EQ(pairs[1], 21);
    CHECK_INT_EQ(pairs[2], 22);
    CHECK_INT_EQ(pairs[3], 26);
    /* prefix: every word starting with it */
    CHECK_INT_EQ(spans_of(&f, "gri*", 1, pairs, 8), 2);
    CHECK_INT_EQ(pairs[0], 22);
    CHECK_INT_EQ(pairs[1], 26);
    CHECK_INT_EQ(pairs[2], offset_after_tag(text, 0, "grid held"));
    CHECK_INT_EQ(pairs[3], pairs[2] + 4);
    CHECK_INT_EQ(spans_of(&f, "hack*", 1, pairs, 8), 1);
    CHECK_INT_EQ(pairs[0], 0);
    CHECK_INT_EQ(pairs[1], 7);
    fixture_close(&f);
}

static void test_spans_cyrillic(void)
{
    fixture f;
    CHECK(fixture_open(&f, NULL));
    const char *text = TAG_RU "Войска атаковали город. Город выстоял.";
    insert(&f, 1, text);
    int32_t pairs[16];
    /* "Войска " is 13 bytes, "атаковали " 19: "город" is bytes [32, 42), "Город" [44, 54) */
    CHECK_INT_EQ(spans_of(&f, "город", 1, pairs, 8), 2);
    CHECK_INT_EQ(pairs[0], 32);
    CHECK_INT_EQ(pairs[1], 42);
    CHECK_INT_EQ(pairs[2], 44);
    CHECK_INT_EQ(pairs[3], 54);
    CHECK_INT_EQ(pairs[0], offset_after_tag(text, 4, "город"));
    /* a stemmed Russian match: "атаковать" -> "атак" */
    CHECK_INT_EQ(spans_of(&f, "атаковать", 1, pairs, 8), 1);
    CHECK_INT_EQ(pairs[0], 13);
    CHECK_INT_EQ(pairs[1], 31);
    fixture_close(&f);
}

static void test_spans_text_disagrees(void)
{
    /* An external-content table whose content holds fewer words than were indexed: the positions past the end
     * of the text are skipped, the rest are still found. */
    fixture f;
    CHECK(fixture_open(&f, NULL));
    CHECK(exec(&f, "CREATE TABLE c(id INTEGER PRIMARY KEY, text TEXT)"));
    CHECK(exec(&f, "CREATE VIRTUAL TABLE e USING fts5(text, content='c', content_rowid='id', tokenize='presscut')"));
    CHECK(exec(&f, "INSERT INTO e(rowid, text) VALUES(1, 'one two three target')"));
    CHECK(exec(&f, "INSERT INTO c(id, text) VALUES(1, 'one two')"));
    int32_t pairs[16];
    CHECK_INT_EQ(spans_of_table(&f, "e", "target", 1, pairs, 8), 0);
    CHECK_INT_EQ(spans_of_table(&f, "e", "one OR target", 1, pairs, 8), 1);
    CHECK_INT_EQ(pairs[0], 0);
    CHECK_INT_EQ(pairs[1], 3);
    fixture_close(&f);
}

/* Token ranges from the ranking pass become byte spans without another MATCH. */
static void test_token_ranges_to_spans(void)
{
    pc_analyzer *a = NULL;
    CHECK_INT_EQ(pc_analyzer_new(&a, NULL, NULL), PC_OK);
    if (!a)
        return;
    const char *text = "Troops attacked the city. Город атакован.";
    pc_token_range r[3] = {{1, 1}, {3, 4}, {1, 1}};
    pc_span *spans = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_token_ranges_to_spans(a, text, strlen(text), r, 3, &spans, &n), PC_OK);
    CHECK_INT_EQ(n, 3);
    if (n == 3) {
        CHECK_INT_EQ(spans[0].start, 7);
        CHECK_INT_EQ(spans[0].end, 15);
        CHECK_INT_EQ(spans[1].start, 20);
        CHECK_INT_EQ(spans[1].end, 24);
        CHECK_INT_EQ(spans[2].start, 26);
        CHECK_INT_EQ(spans[2].end, 36);
    }
    free(spans);
    pc_token_range past[1] = {{40, 41}};
    CHECK_INT_EQ(pc_token_ranges_to_spans(a, text, strlen(text), past, 1, &spans, &n), PC_OK);
    CHECK_INT_EQ(n, 0);
    CHECK(spans == NULL);
    pc_analyzer_free(a);
}

int main(void)
{
    RUN_TEST(test_term_frequency_and_length);
    RUN_TEST(test_rarity);
    RUN_TEST(test_proximity);
    RUN_TEST(test_or_query);
    RUN_TEST(test_evidence);
    RUN_TEST(test_evidence_long_question);
    RUN_TEST(test_spans_stemmed_with_tag);
    RUN_TEST(test_spans_phrase_prefix);
    RUN_TEST(test_spans_cyrillic);
    RUN_TEST(test_spans_text_disagrees);
    RUN_TEST(test_token_ranges_to_spans);
    return TEST_REPORT();
}
