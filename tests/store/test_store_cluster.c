/* test_store_cluster.c — near-duplicate clusters in the store: articles written through pc_store_file_replace
 * get articles.cluster (exact copy, edited copy with a precomputed signature, other story, short copies in one
 * file), signatures and band keys are stored and removed again when a file is re-indexed or removed, and
 * stats count the clusters. */
#include "presscut/store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article_fixtures.h"
#include "harness.h"
#include "presscut/ingest/neardup.h"
#include "raw_index.h"

static char test_dir[64];
static const char *fake_hash = "0123456789abcdef0123456789abcdef";

static int keep_int(void *payload, int ncols, const char *const *names, const char *const *values)
{
    *(long long *)payload = ncols > 0 && values[0] ? atoll(values[0]) : -1;
    return 0;
}

/* Copies the first column of the row into payload (a buffer of 2 * PC_NEARDUP_BLOB_BYTES + 1 bytes). */
static int keep_text(void *payload, int ncols, const char *const *names, const char *const *values)
{
    (void)names;
    if (ncols > 0 && values[0])
        snprintf(payload, 2 * PC_NEARDUP_BLOB_BYTES + 1, "%s", values[0]);
    return 0;
}

static long long sql_int(pc_store *s, const char *sql)
{
    long long v = -1;
    pc_error err;
    if (pc_store_sql(s, sql, keep_int, &v, &err) != PC_OK)
        fprintf(stderr, "sql %s: %s\n", sql, err.msg);
    return v;
}

/* The cluster and id of the (one) article of `path`. */
static long long article_of(pc_store *s, const char *path, const char *column)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM article_details WHERE path = '%s' ORDER BY id LIMIT 1", column, path);
    return sql_int(s, sql);
}

/* An article whose passages are its paragraphs. */
static pc_article *new_article(const char *body, const char *record)
{
    return fixture_article("Title", body, NULL, "en", NULL, record);
}

static int store_one(pc_store *s, const char *path, pc_article *a)
{
    pc_error err;
    int rc = pc_store_file_replace(s, path, 100, 1, fake_hash, &a, 1, &err);
    if (rc != PC_OK)
        fprintf(stderr, "store %s: %s\n", path, err.msg);
    return rc;
}

/* Closes the store and removes its database with its WAL and shared-memory files. */
static void close_and_remove(pc_store *s, const char *path)
{
    pc_store_close(s);
    unlink(path);
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
}

/* Paragraphs of distinct words: "<prefix><first>" .. */
static void append_paragraph(char *buf, size_t size, const char *prefix, unsigned first, unsigned n)
{
    size_t len = strlen(buf);
    if (len)
        len += (size_t)snprintf(buf + len, size - len, "\n\n");
    for (unsigned i = 0; i < n && len + 32 < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s%u", i ? " " : "", prefix, first + i);
}

static void test_clusters(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/clusters.db", test_dir);
    pc_store_options opt = {.create = true};
    pc_store *s = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_OK);
    if (!s)
        return;

    static char original[8192], edited[8192], other[8192];
    for (unsigned p = 0; p < 5; p++) {
        append_paragraph(original, sizeof original, "w", p * 50, 50);
        append_paragraph(edited, sizeof edited, p == 2 ? "x" : "w", p * 50, 50);
    }
    /* Another story with the same words: each paragraph's words in reverse order (no shingle shared). */
    for (unsigned p = 0; p < 5; p++) {
        size_t len = strlen(other);
        if (len)
            len += (size_t)snprintf(other + len, sizeof other - len, "\n\n");
        for (unsigned i = 0; i < 50; i++)
            len += (size_t)snprintf(other + len, sizeof other - len, "%sw%u", i ? " " : "", p * 50 + 49 - i);
    }

    pc_article *a = new_article(original, NULL);
    CHECK_INT_EQ(store_one(s, "/a.txt", a), PC_OK);
    long long id_a = article_of(s, "/a.txt", "id");
    CHECK_INT_EQ(article_of(s, "/a.txt", "cluster"), id_a);
    fixture_article_free(a);

    a = new_article(original, NULL); /* exact copy */
    CHECK_INT_EQ(store_one(s, "/b.txt", a), PC_OK);
    CHECK_INT_EQ(article_of(s, "/b.txt", "cluster"), id_a);
    fixture_article_free(a);

    a = new_article(edited, NULL); /* one paragraph of five replaced; signature computed ahead of time */
    pc_prepared_article prepared = {.article = *a};
    free(a);
    pc_prepared_article *list = &prepared;
    CHECK_INT_EQ(pc_neardup_signature_new(prepared.article.body, prepared.article.body_len, &prepared.signature),
                 PC_OK);
    CHECK(prepared.signature != NULL);
    CHECK_INT_EQ(pc_store_file_replace_prepared(s, "/c.txt", 100, 1, fake_hash, &list, 1, &err), PC_OK);
    CHECK_INT_EQ(article_of(s, "/c.txt", "cluster"), id_a);
    pc_prepared_article_clear(&prepared);

    a = new_article(other, NULL); /* same words, another story */
    CHECK_INT_EQ(store_one(s, "/d.txt", a), PC_OK);
    long long id_d = article_of(s, "/d.txt", "id");
    CHECK_INT_EQ(article_of(s, "/d.txt", "cluster"), id_d);
    fixture_article_free(a);

    /* Two short items in one file: exact signatures; the copy joins the first, a third differs. */
    pc_article *pair[3] = {new_article("Metro station reopens on Monday.", "1"),
                           new_article("Metro station reopens on Monday!", "2"),
                           new_article("Metro station closes on Monday.", "3")};
    CHECK_INT_EQ(pc_store_file_replace(s, "/e.txt", 100, 1, fake_hash, pair, 3, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(DISTINCT cluster) FROM article_details WHERE path = '/e.txt'"), 2);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM article_details WHERE path = '/e.txt' AND cluster = "
                            "(SELECT min(id) FROM article_details WHERE path = '/e.txt')"),
                 2);
    for (int i = 0; i < 3; i++)
        fixture_article_free(pair[i]);

    /* Stored rows: 4 MinHash signatures of 32 bands, 3 exact ones of 1 key each (two share it). */
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_signatures"), 7);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_signatures WHERE length(signature) = 256"), 4);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_bands"), 4 * PC_NEARDUP_BANDS + 3);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles WHERE cluster IS NULL"), 0);

    pc_store_stats st;
    CHECK_INT_EQ(pc_store_stats_get(s, &st, &err), PC_OK);
    CHECK_INT_EQ(st.dup_clusters, 2);
    CHECK_INT_EQ(st.dup_articles, 5);
    CHECK_INT_EQ(st.largest_cluster, 3);
    pc_store_stats_free(&st);

    /* Re-index the original: its old rows go, the new article joins the cluster it was in. */
    a = new_article(original, NULL);
    CHECK_INT_EQ(store_one(s, "/a.txt", a), PC_OK);
    fixture_article_free(a);
    long long id_a2 = article_of(s, "/a.txt", "id");
    CHECK(id_a2 != id_a);
    CHECK_INT_EQ(article_of(s, "/a.txt", "cluster"), id_a);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM cluster_bands WHERE article_id = %lld", id_a);
    CHECK_INT_EQ(sql_int(s, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM cluster_signatures WHERE article_id = %lld", id_a);
    CHECK_INT_EQ(sql_int(s, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM cluster_bands WHERE article_id = %lld", id_a2);
    CHECK_INT_EQ(sql_int(s, sql), PC_NEARDUP_BANDS);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_bands"), 4 * PC_NEARDUP_BANDS + 3);

    /* Remove the exact copy and the short-items file: their rows go, the others keep their clusters. */
    CHECK_INT_EQ(pc_store_file_remove(s, "/b.txt", &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_remove(s, "/e.txt", &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_signatures"), 3);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_bands"), 3 * PC_NEARDUP_BANDS);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_bands WHERE article_id NOT IN (SELECT id FROM articles)"), 0);
    CHECK_INT_EQ(article_of(s, "/c.txt", "cluster"), id_a);

    /* A body without a word: its own cluster, no signature. */
    a = new_article("— … —", NULL);
    CHECK_INT_EQ(store_one(s, "/f.txt", a), PC_OK);
    fixture_article_free(a);
    CHECK_INT_EQ(article_of(s, "/f.txt", "cluster"), article_of(s, "/f.txt", "id"));
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_signatures"), 3);

    CHECK_INT_EQ(pc_store_stats_get(s, &st, &err), PC_OK);
    CHECK_INT_EQ(st.dup_clusters, 1);
    CHECK_INT_EQ(st.dup_articles, 2);
    CHECK_INT_EQ(st.largest_cluster, 2);
    pc_store_stats_free(&st);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* A rolled-back transaction leaves no signature behind. */
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    a = new_article(original, NULL);
    CHECK_INT_EQ(store_one(s, "/g.txt", a), PC_OK);
    fixture_article_free(a);
    pc_store_rollback(s);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_signatures"), 3);
    close_and_remove(s, path);
}

/* Creates a new store `name` in the test folder; its path goes to path[0, size). NULL when it cannot. */
static pc_store *open_new_store(const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", test_dir, name);
    pc_store_options opt = {.create = true};
    pc_store *s = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_OK);
    return s;
}

/* Stores n copies of stories, copy i of story stories[i % n_stories]: 120 words of the story, then a paragraph
 * of its own ("edition" words), one file each (/copy<i>.txt). */
static void store_copies(pc_store *s, unsigned n, const char *const *stories, unsigned n_stories)
{
    char body[4096], file[64];
    for (unsigned i = 0; i < n; i++) {
        body[0] = '\0';
        append_paragraph(body, sizeof body, stories[i % n_stories], 0, 120);
        append_paragraph(body, sizeof body, "edition", i * 10, 6);
        snprintf(file, sizeof file, "/copy%u.txt", i);
        pc_article *a = new_article(body, NULL);
        CHECK_INT_EQ(store_one(s, file, a), PC_OK);
        fixture_article_free(a);
    }
}

/* Stores at `file` one article of 120 words of `story` ("<story>0" ..). */
static void store_story(pc_store *s, const char *file, const char *story)
{
    char body[4096];
    body[0] = '\0';
    append_paragraph(body, sizeof body, story, 0, 120);
    pc_article *a = new_article(body, NULL);
    CHECK_INT_EQ(store_one(s, file, a), PC_OK);
    fixture_article_free(a);
}

/* A story copied far more often than the band lookup reads (64 articles a key): every copy, each with its
 * own closing line, still joins the first one's cluster, and different stories stay apart. */
static void test_many_copies(void)
{
    char path[256];
    pc_error err;
    pc_store *s = open_new_store("many.db", path, sizeof path);
    if (!s)
        return;
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    const char *story[] = {"story"};
    store_copies(s, 300, story, 1);
    store_story(s, "/other.txt", "other");
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(DISTINCT cluster) FROM articles WHERE id <= 300"), 1);
    CHECK_INT_EQ(sql_int(s, "SELECT cluster FROM articles WHERE id = 300"), 1);
    CHECK_INT_EQ(sql_int(s, "SELECT cluster FROM articles WHERE id = 301"), 301);
    close_and_remove(s, path);
}

/* More band keys in one transaction than the store holds back before writing them (64k rows: over 2,048
 * articles of 32 keys), and than its first band filter is sized for (8k keys, so it grows on the way): the
 * keys written early and those still held both find their copies, so two stories copied 1,100 times each,
 * alternating, make exactly two clusters, and every key is stored once. */
static void test_band_buffer_overflow(void)
{
    char path[256];
    pc_error err;
    pc_store *s = open_new_store("overflow.db", path, sizeof path);
    if (!s)
        return;
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    const unsigned copies = 2200;
    const char *stories[] = {"storya", "storyb"};
    store_copies(s, copies, stories, 2);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles"), copies);
    CHECK_INT_EQ(sql_int(s, "SELECT count(DISTINCT cluster) FROM articles"), 2);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles WHERE id % 2 = 1 AND cluster <> 1"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles WHERE id % 2 = 0 AND cluster <> 2"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_bands"), (long long)copies * PC_NEARDUP_BANDS);
    close_and_remove(s, path);
}

/* A second connection writes a story after the first one clustered (its band filter is built): a copy the
 * first connection writes next still finds it. */
static void test_other_connection_writes(void)
{
    char path[256];
    pc_error err;
    pc_store *first = open_new_store("two.db", path, sizeof path);
    if (!first)
        return;
    const char *stories[] = {"early"};
    store_copies(first, 1, stories, 1);
    pc_store *second = NULL;
    pc_store_options opt = {.create = false};
    CHECK_INT_EQ(pc_store_open(&second, path, &opt, &err), PC_OK);
    if (second) {
        store_story(second, "/late.txt", "late");
        pc_store_close(second);
        store_story(first, "/late-copy.txt", "late");
        CHECK(article_of(first, "/late.txt", "id") > 0);
        CHECK_INT_EQ(article_of(first, "/late-copy.txt", "cluster"), article_of(first, "/late.txt", "id"));
    }
    close_and_remove(first, path);
}

/* An index from before schema/009_compact_clusters.sql: 32-bit minima in the signatures and band keys of
 * another kind. Opening it for writing upgrades it; the first write stores every old article's new band keys
 * (and no old one), so that a copy of an old article joins its cluster; the old signatures still read. */
static void test_older_index_upgrade(void)
{
    char path[256];
    pc_error err;
    pc_store *s = open_new_store("older.db", path, sizeof path);
    if (!s)
        return;
    const char *stories[] = {"olda", "oldb"};
    store_copies(s, 2, stories, 2);
    /* The old form: each 16-bit minimum widened to 32 bits (other high bits), 64-bit band keys. */
    static char sql[2 * 2048];
    for (long long id = 1; id <= 2; id++) {
        char hex[2 * PC_NEARDUP_BLOB_BYTES + 1] = "";
        char query[128];
        snprintf(query, sizeof query, "SELECT hex(signature) FROM cluster_signatures WHERE article_id = %lld", id);
        pc_store_sql(s, query, keep_text, hex, &err);
        CHECK_INT_EQ(strlen(hex), 2 * PC_NEARDUP_BLOB_BYTES);
        int len = snprintf(sql, sizeof sql, "UPDATE cluster_signatures SET signature = X'");
        for (size_t i = 0; i + 4 <= strlen(hex); i += 4)
            len += snprintf(sql + len, sizeof sql - (size_t)len, "%.4sA5C3", hex + i);
        snprintf(sql + len, sizeof sql - (size_t)len, "' WHERE article_id = %lld", id);
        raw_exec(path, sql);
    }
    pc_store_close(s);
    raw_exec(path, "UPDATE cluster_bands SET band_key = band_key * 4294967296 + 12345; PRAGMA user_version = 8");
    s = NULL;
    pc_store_options opt = {.create = true};
    CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_OK);
    if (!s)
        return;
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_signatures WHERE length(signature) = 512"), 2);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_bands"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM meta WHERE key = 'cluster_bands_stale'"), 1);
    store_story(s, "/oldb-copy.txt", "oldb");
    CHECK_INT_EQ(article_of(s, "/oldb-copy.txt", "cluster"), article_of(s, "/copy1.txt", "id"));
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_bands"), 3 * PC_NEARDUP_BANDS);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM cluster_bands WHERE band_key NOT BETWEEN 0 AND 4294967295"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM meta WHERE key = 'cluster_bands_stale'"), 0);
    close_and_remove(s, path);
}

int main(void)
{
    harness_make_temp_dir(test_dir, sizeof test_dir, "cluster");
    RUN_TEST(test_clusters);
    RUN_TEST(test_many_copies);
    RUN_TEST(test_band_buffer_overflow);
    RUN_TEST(test_other_connection_writes);
    RUN_TEST(test_older_index_upgrade);
    rmdir(test_dir);
    return TEST_REPORT();
}
