/* test_store_bodies.c — bodies kept compressed in the index: the dictionary trained from the first bodies and
 * kept in body_dictionaries, every body read back byte for byte (through a new connection too), a dictionary
 * trained in a transaction that rolled back still saved with the bodies that need it, indexes whose bodies are
 * plain TEXT (made before schema 8) read and changed without a rebuild, a damaged body reported, not a
 * crash, and passages cut from a body unpacked once the same as from the whole body. */
#include "presscut/store/store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "article_fixtures.h"
#include "harness.h"
#include "raw_index.h"
#include "store/store_internal.h"
#include "synthetic_news.h"

#define PER_FILE 50

static char test_dir[64];

static void cleanup(void)
{
    harness_remove_dir(test_dir);
}

static pc_store *open_store(const char *path, bool create, bool read_only)
{
    pc_store_options opt = {.create = create, .read_only = read_only};
    pc_store *s = NULL;
    pc_error err;
    if (pc_store_open(&s, path, &opt, &err) != PC_OK)
        fprintf(stderr, "open %s: %s\n", path, err.msg);
    return s;
}

/* Writes files `first`.. `first + n_files - 1`, each of PER_FILE articles whose bodies are synthetic_body(k)
 * for k = file * PER_FILE + i (the record is k). Returns 0 or the first failure. */
static int write_files(pc_store *s, unsigned first, unsigned n_files)
{
    int rc = PC_OK;
    for (unsigned f = first; f < first + n_files && rc == PC_OK; f++) {
        pc_article *list[PER_FILE];
        for (unsigned i = 0; i < PER_FILE; i++) {
            char body[4096], record[32];
            synthetic_body(f * PER_FILE + i, body, sizeof body);
            snprintf(record, sizeof record, "%u", f * PER_FILE + i);
            list[i] = fixture_article("A report", body, "2023-04-05", "en", NULL, record);
        }
        char path[64];
        snprintf(path, sizeof path, "/news/%u.jsonl", f);
        pc_error err;
        rc = pc_store_file_replace(s, path, 1, 1, "0123456789abcdef0123456789abcdef", list, PER_FILE, &err);
        if (rc != PC_OK)
            fprintf(stderr, "write %s: %s\n", path, err.msg);
        for (unsigned i = 0; i < PER_FILE; i++)
            fixture_article_free(list[i]);
    }
    return rc;
}

/* Creates the index `path` holding files 0 .. n_files - 1 (write_files), committed, and closes it. */
static void make_index(const char *path, unsigned n_files)
{
    pc_store *s = open_store(path, true, false);
    if (!s)
        return;
    pc_error err;
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(write_files(s, 0, n_files), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    pc_store_close(s);
}

/* First column of the first row of `sql`, as a number (-999 on an error). */
static int keep_number(void *payload, int ncols, const char *const *names, const char *const *values)
{
    *(long long *)payload = ncols > 0 && values[0] ? atoll(values[0]) : -1;
    return 0;
}

static long long sql_int(pc_store *s, const char *sql)
{
    long long v = -1;
    pc_error err;
    if (pc_store_sql(s, sql, keep_number, &v, &err) != PC_OK) {
        fprintf(stderr, "sql %s: %s\n", sql, err.msg);
        return -999;
    }
    return v;
}

/* Checks that every article's body, read whole, is the synthetic body of its record, and its first passage
 * the body's first paragraph. Returns the articles checked. */
static long long check_bodies(pc_store *s)
{
    long long n = sql_int(s, "SELECT max(id) FROM articles"), checked = 0;
    for (long long id = 1; id <= n; id++) {
        pc_store_article a;
        pc_error err;
        if (pc_store_article_get(s, id, 0, true, &a, &err) != PC_OK)
            continue; /* ids of a rolled-back transaction are not there */
        char body[4096];
        synthetic_body((unsigned)atoi(a.record), body, sizeof body);
        CHECK_STR_EQ(a.body, body);
        size_t first = strcspn(body, "\n");
        CHECK(a.passage && strlen(a.passage) == first && strncmp(a.passage, body, first) == 0);
        pc_store_article_clear(&a);
        checked++;
    }
    return checked;
}

static void test_dictionary_trained_and_kept(void)
{
    const char *path = harness_path_in(test_dir, "trained.db");
    pc_store *s = open_store(path, true, false);
    if (!s)
        return;
    pc_error err;
    CHECK(pc_store_body_dictionary(s) == NULL);
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(write_files(s, 0, 30), PC_OK); /* 1500 bodies, well over the training samples */
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    const pc_body_dictionary *d = pc_store_body_dictionary(s);
    CHECK(d != NULL);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM body_dictionaries"), 1);
    if (d)
        CHECK_INT_EQ(sql_int(s, "SELECT id FROM body_dictionaries"), pc_body_dictionary_id(d));
    long long packed = sql_int(s, "SELECT count(*) FROM bodies WHERE typeof(body) = 'blob'");
    long long stored = sql_int(s, "SELECT sum(length(body)) FROM bodies");
    long long raw = sql_int(s, "SELECT sum(body_bytes) FROM articles");
    fprintf(stderr, "  %lld of 1500 bodies packed, %lld bytes for %lld\n", packed, stored, raw);
    CHECK(packed > 1400);
    CHECK(stored * 2 < raw);
    CHECK_INT_EQ(check_bodies(s), 1500);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM article_details WHERE body LIKE '%minister said%'"),
                 sql_int(s, "SELECT count(*) FROM bodies WHERE pc_body(body) LIKE '%minister said%'"));
    CHECK(sql_int(s, "SELECT count(*) FROM passage_text WHERE text LIKE '%minister said%'") > 0);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    pc_store_close(s);

    /* A new connection finds the dictionary in the index: read-only, and to write more with it. */
    s = open_store(path, false, true);
    if (s) {
        CHECK_INT_EQ(check_bodies(s), 1500);
        pc_store_close(s);
    }
    s = open_store(path, false, false);
    if (!s)
        return;
    d = pc_store_body_dictionary(s);
    CHECK(d != NULL);
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(write_files(s, 0, 2), PC_OK); /* replaced: their old rows and FTS entries go */
    CHECK_INT_EQ(write_files(s, 30, 2), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    CHECK(pc_store_body_dictionary(s) == d);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM body_dictionaries"), 1);
    CHECK_INT_EQ(check_bodies(s), 1600);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    pc_store_close(s);
}

static void test_dictionary_survives_rollback(void)
{
    const char *path = harness_path_in(test_dir, "rollback.db");
    pc_store *s = open_store(path, true, false);
    if (!s)
        return;
    pc_error err;
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(write_files(s, 0, 30), PC_OK);
    CHECK(pc_store_body_dictionary(s) != NULL);
    pc_store_rollback(s); /* the dictionary's row goes; the store keeps packing with it */
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(write_files(s, 40, 4), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    pc_store_close(s);
    s = open_store(path, false, false);
    if (!s)
        return;
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM body_dictionaries"), 1);
    CHECK_INT_EQ(check_bodies(s), 200);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    pc_store_close(s);
}

static void test_text_bodies_of_older_indexes(void)
{
    const char *path = harness_path_in(test_dir, "older.db");
    make_index(path, 4);
    /* As schema 7 left it: bodies as TEXT, views reading them directly, no dictionary table. */
    raw_exec(path, "UPDATE bodies SET body = pc_body(body); DROP TABLE body_dictionaries; "
                   "DROP VIEW passage_text; CREATE VIEW passage_text(id, text) AS SELECT p.id, "
                   "CASE a.lang WHEN '' THEN '' ELSE char(30) || a.lang || char(30) END || "
                   "CAST(substr(CAST(b.body AS BLOB), p.start_byte + 1, p.end_byte - p.start_byte) AS TEXT) "
                   "FROM passages p JOIN articles a ON a.id = p.article_id JOIN bodies b ON b.article_id = "
                   "p.article_id; DROP VIEW article_details; CREATE VIEW article_details AS SELECT a.id, b.body "
                   "FROM articles a JOIN bodies b ON b.article_id = a.id; PRAGMA user_version = 7");
    pc_error err;
    pc_store *s = open_store(path, false, false);
    if (!s)
        return;
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM bodies WHERE typeof(body) = 'text'"), 200);
    CHECK_INT_EQ(check_bodies(s), 200);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM article_details WHERE body LIKE '%.'"), 200);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    /* Replacing a file deletes its FTS5 entries with the text the view gives from the TEXT bodies. */
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(write_files(s, 1, 1), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM bodies WHERE typeof(body) = 'text'"), 150);
    CHECK_INT_EQ(check_bodies(s), 200);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    pc_store_close(s);
}

static void test_damaged_body_reported(void)
{
    const char *path = harness_path_in(test_dir, "damaged.db");
    make_index(path, 1);
    /* A zstd frame header naming a dictionary the index does not have, and a frame cut short. */
    raw_exec(path, "UPDATE bodies SET body = x'28b52ffd2301020304"
                   "00000000000000000000000000000000000000000000000000000000000000000000000000000000' "
                   "WHERE article_id = 2; "
                   "UPDATE bodies SET body = substr(body, 1, 12) WHERE article_id = 3 AND typeof(body) = 'blob'");
    pc_error err;
    pc_store *s = open_store(path, false, true);
    if (!s)
        return;
    pc_store_article a;
    for (long long id = 2; id <= 3; id++) {
        CHECK(pc_store_article_get(s, id, 0, true, &a, &err) != PC_OK);
        CHECK(strstr(err.msg, "damaged") != NULL);
    }
    CHECK_INT_EQ(pc_store_article_get(s, 4, 0, true, &a, &err), PC_OK);
    pc_store_article_clear(&a);
    CHECK(pc_store_check(s, &err) != PC_OK);
    CHECK(strstr(err.msg, "damaged") != NULL);
    pc_store_close(s);
}

/* Passage texts that differ from the bytes [start, end) of their article's body as pc_body gives it whole
 * (what the passage_text view read before schema 11), counted over the index. */
static long long slices_not_matching(pc_store *s)
{
    return sql_int(s, "SELECT count(*) FROM passage_text t JOIN passages p ON p.id = t.id "
                      "JOIN articles a ON a.id = p.article_id JOIN bodies b ON b.article_id = a.id "
                      "WHERE t.text IS NOT CASE a.lang WHEN '' THEN '' ELSE char(30) || a.lang || char(30) END "
                      "|| CAST(substr(CAST(pc_body(b.body) AS BLOB), p.start_byte + 1, p.end_byte - p.start_byte) "
                      "AS TEXT)");
}

/* Writes the file `path` with `n` articles: short synthetic bodies from `seed` on, and one long one (over
 * the 64 KiB up to which the view hands the body over) when `long_one`. */
static int write_mixed_file(pc_store *s, const char *path, unsigned seed, unsigned n, bool long_one)
{
    pc_article *list[8];
    char *long_body = calloc(1, 300000);
    if (!long_body)
        return PC_ENOMEM;
    for (unsigned i = 0; i < n; i++) {
        char body[4096], record[32];
        synthetic_body(seed + i, body, sizeof body);
        if (long_one && i == 0) {
            for (unsigned k = 0; strlen(long_body) < 200000; k++) {
                synthetic_body(seed + 1000 + k, body, sizeof body);
                strcat(long_body, body);
                strcat(long_body, "\n");
            }
        }
        snprintf(record, sizeof record, "%u", i);
        list[i] = fixture_article("A report", long_one && i == 0 ? long_body : body, "2023-04-05", "en", NULL,
                                  record);
    }
    pc_error err;
    int rc = pc_store_file_replace(s, path, 1, 1, "0123456789abcdef0123456789abcdef", list, n, &err);
    for (unsigned i = 0; i < n; i++)
        fixture_article_free(list[i]);
    free(long_body);
    return rc;
}

/* Passages are cut from the text pc_body_slice keeps for the last article: byte for byte what substr of the
 * whole body gives, for short and long articles, and still after the article's id is reused by an article
 * of another text in the same connection (the kept text is known by id and content hash). */
static void test_passage_slices(void)
{
    const char *path = harness_path_in(test_dir, "slices.db");
    make_index(path, 2);
    pc_store *s = open_store(path, false, false);
    if (!s)
        return;
    pc_error err;
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(write_mixed_file(s, "/news/last.jsonl", 500, 4, true), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    long long last_id = sql_int(s, "SELECT max(id) FROM articles");
    CHECK(sql_int(s, "SELECT max(body_bytes) FROM articles") > 65536);
    CHECK_INT_EQ(slices_not_matching(s), 0);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    /* The same path again with other texts: its articles are deleted through the old passage texts and
     * written again under the same ids. */
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(write_mixed_file(s, "/news/last.jsonl", 900, 4, true), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    /* first, while the connection still keeps the old text read for the deletes */
    pc_store_article a;
    CHECK_INT_EQ(pc_store_article_get(s, last_id, 0, true, &a, &err), PC_OK);
    char body[4096];
    synthetic_body(903, body, sizeof body);
    CHECK_STR_EQ(a.body, body);
    pc_store_article_clear(&a);
    CHECK_INT_EQ(sql_int(s, "SELECT max(id) FROM articles"), last_id);
    CHECK_INT_EQ(slices_not_matching(s), 0);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    pc_store_close(s);
}

int main(void)
{
    harness_make_temp_dir(test_dir, sizeof test_dir, "store_bodies");
    atexit(cleanup);
    RUN_TEST(test_dictionary_trained_and_kept);
    RUN_TEST(test_dictionary_survives_rollback);
    RUN_TEST(test_text_bodies_of_older_indexes);
    RUN_TEST(test_damaged_body_reported);
    RUN_TEST(test_passage_slices);
    return TEST_REPORT();
}
