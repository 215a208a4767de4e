/* test_store.c — the index database: creation and migrations, the analyzer identity in meta, refusing foreign
 * and newer files, replacing/removing files (stored terms checked through fts5vocab), passage ids in date
 * order, search (stemmed, exact, Russian, ties, paging, refused expressions), stats, the read-only SQL console,
 * locks, rebuild, consistency after a SIGKILL, and real news from the shared corpus. */
#include "presscut/store/store.h"

#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "article_fixtures.h"
#include "harness.h"
#include "raw_index.h"
#include "presscut/text/dates.h"
#include "presscut/fts5/fts5_tokenizer.h"
#include "presscut/fts5/rank_inputs.h"
#include "presscut/search/snippet.h"
#include "store/store_internal.h"

/* ---- fixtures ---------------------------------------------------------------------------------------- */

static char test_dir[64];

static void make_test_dir(void)
{
    harness_make_temp_dir(test_dir, sizeof test_dir, "store");
}

static void remove_test_dir(void)
{
    harness_remove_dir(test_dir);
}

/* A fresh database path inside the test folder. */
static const char *db_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", test_dir, name);
    return path;
}

/* An article whose passages are its paragraphs. */
static pc_article *new_article(const char *title, const char *body, const char *published, const char *lang,
                               const char *record)
{
    return fixture_article(title, body, published, lang, NULL, record);
}

static void free_articles(pc_article **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fixture_article_free(list[i]);
}

static pc_store *open_store(const char *path, bool create, bool read_only, const pc_analyzer_config *cfg,
                            pc_error *err)
{
    pc_store_options opt = {.create = create, .read_only = read_only, .analyzer = cfg};
    pc_store *s = NULL;
    int rc = pc_store_open(&s, path, &opt, err);
    if (rc != PC_OK)
        fprintf(stderr, "open %s: %s\n", path, err->msg);
    return s;
}

static const char *fake_hash = "0123456789abcdef0123456789abcdef";

/* First column of the first row of `sql`, through pc_store_sql. */
typedef struct first_value {
    char text[4096];
    bool found, null;
    int rows;
} first_value;

static int keep_first(void *payload, int ncols, const char *const *names, const char *const *values)
{
    first_value *v = payload;
    if (v->rows++ == 0 && ncols > 0) {
        v->found = true;
        v->null = values[0] == NULL;
        snprintf(v->text, sizeof v->text, "%s", values[0] ? values[0] : "");
    }
    return 0;
}

static long long sql_int(pc_store *s, const char *sql)
{
    first_value v = {0};
    pc_error err;
    if (pc_store_sql(s, sql, keep_first, &v, &err) != PC_OK) {
        fprintf(stderr, "sql %s: %s\n", sql, err.msg);
        return -999;
    }
    return v.found && !v.null ? atoll(v.text) : -1;
}

static const char *sql_text(pc_store *s, const char *sql)
{
    static first_value v;
    memset(&v, 0, sizeof v);
    pc_error err;
    if (pc_store_sql(s, sql, keep_first, &v, &err) != PC_OK)
        snprintf(v.text, sizeof v.text, "ERROR: %s", err.msg);
    return v.text;
}

/* Documents of the passage index holding `term` (0 when absent). */
static long long passage_docs_with_term(pc_store *s, const char *term)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT coalesce(sum(doc), 0) FROM passage_vocab WHERE term = '%s'", term);
    return sql_int(s, sql);
}

/* The first column of `sql` as a number, through a plain connection (-1 when it fails). */
static long long raw_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void write_file(const char *path, const char *content, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(content, 1, len, f);
    fclose(f);
}

/* The number of articles with a passage matching `match` (an FTS5 expression), or -1 on an error. */
static long long search_total(pc_store *s, const char *match)
{
    pc_store_query q = {.match = match};
    pc_scored_passage *hits = NULL;
    size_t n = 0;
    pc_error err;
    int rc = pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err);
    if (rc != PC_OK) {
        fprintf(stderr, "search %s: %s\n", match, err.msg);
        return -1;
    }
    long long articles = 0;
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = hits[k].article_id == hits[i].article_id;
        articles += !seen;
    }
    free(hits);
    return articles;
}

/* ---- opening, migrations, meta ----------------------------------------------------------------------- */

static void test_create_and_reopen(void)
{
    const char *path = db_path("create.db");
    pc_error err;
    pc_store *s = open_store(path, true, false, NULL, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_STR_EQ(pc_store_path(s), path);
    CHECK_INT_EQ(sql_int(s, "PRAGMA user_version"), (long long)pc_schema_file_count);
    CHECK(pc_schema_file_count >= 2);
    CHECK_INT_EQ(sql_int(s, "PRAGMA foreign_keys"), 1);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT value FROM meta WHERE key = 'analyzer_version'");
    CHECK_INT_EQ(sql_int(s, sql), PC_ANALYZER_VERSION);
    CHECK_STR_EQ(sql_text(s, "SELECT value FROM meta WHERE key = 'fold_diacritics'"), "1");
    CHECK_STR_EQ(sql_text(s, "SELECT value FROM meta WHERE key = 'exact_forms'"), "1");
    CHECK_STR_EQ(sql_text(s, "SELECT value FROM meta WHERE key = 'presscut_version'"), PRESSCUT_VERSION);
    CHECK_INT_EQ(strlen(sql_text(s, "SELECT value FROM meta WHERE key = 'created_at'")), 20);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM meta"), 5);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM sqlite_schema WHERE name IN ('passage_fts', 'title_fts')"), 2);
    const pc_analyzer_config *cfg = pc_store_analyzer_config(s);
    CHECK(cfg->fold_diacritics);
    CHECK(cfg->exact_forms);
    pc_store_close(s);
    sqlite3 *raw = NULL;
    sqlite3_stmt *st = NULL;
    CHECK_INT_EQ(sqlite3_open(path, &raw), SQLITE_OK);
    CHECK_INT_EQ(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    CHECK_INT_EQ(sqlite3_step(st), SQLITE_ROW);
    CHECK_STR_EQ((const char *)sqlite3_column_text(st, 0), "wal"); /* WAL is a property of the file */
    sqlite3_finalize(st);
    sqlite3_close(raw);

    /* Re-open: nothing to migrate, same identity; read-only works too. */
    s = open_store(path, false, false, NULL, &err);
    CHECK(s != NULL);
    CHECK_INT_EQ(sql_int(s, "PRAGMA user_version"), (long long)pc_schema_file_count);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM meta"), 5);
    pc_store_close(s);

    /* An index made by the first schema alone is upgraded in place when opened. */
    raw_exec(path, "DROP VIEW article_details; ALTER TABLE articles DROP COLUMN tags; "
                   "DROP INDEX articles_cluster; ALTER TABLE articles DROP COLUMN cluster; "
                   "DROP TABLE cluster_signatures; DROP TABLE cluster_bands; DROP TABLE edge_lines; "
                   "DROP TABLE stem_lookup; DROP TABLE corpus_totals; DROP TRIGGER corpus_totals_article_added; "
                   "DROP TRIGGER corpus_totals_article_removed; DROP TRIGGER corpus_totals_article_changed; "
                   "DROP TRIGGER corpus_totals_passage_added; DROP TRIGGER corpus_totals_passage_removed; "
                   "DROP TABLE entity_aliases; DROP TABLE entities; DROP TABLE body_dictionaries; "
                   "CREATE VIEW article_details AS SELECT 1 AS id; PRAGMA user_version = 1");
    s = open_store(path, false, false, NULL, &err);
    CHECK(s != NULL);
    if (s) {
        CHECK_INT_EQ(sql_int(s, "PRAGMA user_version"), (long long)pc_schema_file_count);
        CHECK_INT_EQ(sql_int(s, "SELECT count(tags) FROM article_details"), 0);
        /* The totals start from what the index holds. */
        CHECK_INT_EQ(sql_int(s, "SELECT articles FROM corpus_totals"), sql_int(s, "SELECT count(*) FROM articles"));
        CHECK_INT_EQ(sql_int(s, "SELECT body_bytes FROM corpus_totals"),
                     sql_int(s, "SELECT coalesce(sum(body_bytes), 0) FROM articles"));
        pc_store_close(s);
    }
    s = open_store(path, false, true, NULL, &err);
    CHECK(s != NULL);
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "read-only") != NULL);
    pc_store_close(s);

    /* A non-default configuration is recorded for a new index and then required. */
    pc_analyzer_config keep;
    pc_analyzer_config_default(&keep);
    keep.fold_diacritics = false;
    const char *path2 = db_path("keep.db");
    s = open_store(path2, true, false, &keep, &err);
    CHECK(s != NULL);
    CHECK_STR_EQ(sql_text(s, "SELECT value FROM meta WHERE key = 'fold_diacritics'"), "0");
    CHECK(!pc_store_analyzer_config(s)->fold_diacritics);
    pc_store_close(s);
    s = open_store(path2, false, false, NULL, &err); /* NULL: whatever it records */
    CHECK(s != NULL);
    CHECK(s && !pc_store_analyzer_config(s)->fold_diacritics);
    pc_store_close(s);
    pc_store_close(NULL);
}

static void test_missing_and_foreign_files(void)
{
    pc_error err;
    pc_store *s = NULL;
    pc_store_options opt = {0};

    /* Missing, without create. */
    CHECK_INT_EQ(pc_store_open(&s, db_path("missing.db"), &opt, &err), PC_EIO);
    CHECK(s == NULL);
    CHECK(strstr(err.msg, "missing.db") != NULL);
    CHECK(strstr(err.msg, "presscut --db") != NULL);
    CHECK(access(db_path("missing.db"), F_OK) != 0); /* not created */

    /* A folder that does not exist: SQLite cannot create the file; the message says why. */
    opt.create = true;
    char nowhere[600];
    snprintf(nowhere, sizeof nowhere, "%s/no/such/folder/x.db", test_dir);
    CHECK_INT_EQ(pc_store_open(&s, nowhere, &opt, &err), PC_EIO);
    CHECK(strstr(err.msg, "cannot open the index") != NULL);
    CHECK(strstr(err.msg, "No such file or directory") != NULL);
    opt.create = false;

    /* A folder. */
    CHECK_INT_EQ(pc_store_open(&s, test_dir, &opt, &err), PC_EIO);
    CHECK(strstr(err.msg, "is a folder") != NULL);

    /* Not SQLite at all. */
    const char *text_path = db_path("notes.txt");
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)('a' + i % 26);
    write_file(text_path, junk, sizeof junk);
    opt.create = true;
    CHECK_INT_EQ(pc_store_open(&s, text_path, &opt, &err), PC_EDB);
    CHECK(s == NULL);
    char expected[600];
    snprintf(expected, sizeof expected, "'%s' is not a presscut index (not an SQLite database)", text_path);
    CHECK_STR_EQ(err.msg, expected);

    /* Another program's SQLite database: left alone. */
    const char *other = db_path("other.db");
    raw_exec(other, "CREATE TABLE contacts(name TEXT)");
    CHECK_INT_EQ(pc_store_open(&s, other, &opt, &err), PC_EDB);
    CHECK(strstr(err.msg, "is not a presscut index (an SQLite database with other tables)") != NULL);

    /* An empty file is a new index (test_empty_file_is_a_new_index). */
    const char *empty = db_path("empty.db");
    write_file(empty, "", 0);
    CHECK_INT_EQ(pc_store_open(&s, empty, &opt, &err), PC_OK);
    pc_store_close(s);

    /* NULL or empty path. */
    CHECK_INT_EQ(pc_store_open(&s, "", &opt, &err), PC_EINVAL);
    CHECK_INT_EQ(pc_store_open(&s, NULL, &opt, &err), PC_EINVAL);
}

static long long file_bytes(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* What every command does with a store opened on an empty database; the file is left as it is. */
static void check_empty_index(const char *path, bool read_only)
{
    long long bytes = file_bytes(path);
    pc_error err;
    pc_store *s = open_store(path, false, read_only, NULL, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    pc_store_stats st;
    CHECK_INT_EQ(pc_store_stats_get(s, &st, &err), PC_OK);
    CHECK_INT_EQ(st.files, 0);
    CHECK_INT_EQ(st.articles, 0);
    CHECK_INT_EQ(st.schema_version, (long long)pc_schema_file_count);
    CHECK_INT_EQ(st.analyzer_version, PC_ANALYZER_VERSION);
    pc_store_stats_free(&st);
    CHECK_INT_EQ(search_total(s, "attacks"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passages"), 0);
    pc_file_state fs;
    CHECK_INT_EQ(pc_store_file_get(s, "/news/a.txt", &fs, &err), PC_OK);
    CHECK(!fs.found);
    if (!read_only)
        CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    pc_store_close(s);
    CHECK_INT_EQ(file_bytes(path), bytes);
}

/* A zero-byte file (or one with nothing committed: a kill before the first commit) is a new index: every
 * open sees an empty index, and an open that may create writes the schema into it. */
static void test_empty_file_is_a_new_index(void)
{
    const char *path = db_path("zero.db");
    write_file(path, "", 0);
    check_empty_index(path, true);
    check_empty_index(path, false);
    CHECK_INT_EQ(file_bytes(path), 0);

    /* The state a kill during the first migration leaves: WAL mode set, no table committed. */
    const char *begun = db_path("begun.db");
    write_file(begun, "", 0);
    raw_exec(begun, "PRAGMA journal_mode = WAL");
    check_empty_index(begun, true);
    check_empty_index(begun, false);

    pc_error err;
    pc_store *s = open_store(path, true, false, NULL, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    pc_article *one[1] = {new_article("Port", "Police attacked the port.", "2022-03-01", "en", NULL)};
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/a.txt", 1, 1, fake_hash, one, 1, &err), PC_OK);
    free_articles(one, 1);
    pc_store_close(s);
    s = open_store(path, false, true, NULL, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT_EQ(sql_int(s, "PRAGMA user_version"), (long long)pc_schema_file_count);
    CHECK_INT_EQ(search_total(s, "attacks"), 1);
    pc_store_close(s);
}

static void test_newer_schema_refused(void)
{
    const char *path = db_path("newer.db");
    pc_error err;
    pc_store *s = open_store(path, true, false, NULL, &err);
    pc_store_close(s);
    raw_exec(path, "PRAGMA user_version = 99");
    pc_store_options opt = {.create = true};
    CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_EDB);
    char expected[600];
    snprintf(expected, sizeof expected, "the index '%s' was made by a newer presscut (schema 99, this one knows %zu)",
             path, pc_schema_file_count);
    CHECK_STR_EQ(err.msg, expected);

    /* An index with schema 0 of 1 applied but tables (damaged or foreign) is refused too. */
    raw_exec(path, "PRAGMA user_version = 0");
    CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_EDB);
    CHECK(strstr(err.msg, "not a presscut index") != NULL);
}

static void test_analyzer_mismatch(void)
{
    const char *path = db_path("mismatch.db");
    pc_error err;
    pc_store *s = open_store(path, true, false, NULL, &err);
    pc_article *a = new_article("Attack", "Police attacked the port.", "2022-02-16", "en", NULL);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/a.txt", 10, 1, fake_hash, &a, 1, &err), PC_OK);
    pc_store_close(s);

    /* Another configuration asked for. */
    pc_analyzer_config keep;
    pc_analyzer_config_default(&keep);
    keep.fold_diacritics = false;
    pc_store_options opt = {.analyzer = &keep};
    CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_ECONFIG);
    CHECK(s == NULL);
    char expected[800];
    snprintf(expected, sizeof expected,
             "the index '%s' was built with another analyzer configuration (diacritics folded, exact forms kept) "
             "than the one asked for (diacritics kept, exact forms kept): rebuild it with: presscut --db %s rebuild",
             path, path);
    CHECK_STR_EQ(err.msg, expected);

    /* Another analyzer version recorded. */
    raw_exec(path, "UPDATE meta SET value = '99' WHERE key = 'analyzer_version'");
    opt.analyzer = NULL;
    CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_ECONFIG);
    snprintf(expected, sizeof expected,
             "the index '%s' was built with analyzer version 99 (diacritics folded, exact forms kept); this presscut "
             "uses version %d: rebuild it with: presscut --db %s rebuild",
             path, PC_ANALYZER_VERSION, path);
    CHECK_STR_EQ(err.msg, expected);

    /* Opened for rebuild: metadata reads work, searches and writes wait for the rebuild. */
    opt.for_rebuild = true;
    CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_OK);
    pc_store_stats st;
    CHECK_INT_EQ(pc_store_stats_get(s, &st, &err), PC_OK);
    CHECK_INT_EQ(st.analyzer_version, 99);
    CHECK_INT_EQ(st.articles, 1);
    pc_store_stats_free(&st);
    pc_store_query stale_query = {.match = "attack"};
    pc_scored_passage *stale_hits = NULL;
    size_t n_stale = 0;
    CHECK_INT_EQ(pc_store_match_passages(s, &stale_query, &stale_hits, &n_stale, NULL, NULL, &err), PC_ECONFIG);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/b.txt", 10, 1, fake_hash, &a, 1, &err), PC_ECONFIG);
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_ECONFIG);
    CHECK_INT_EQ(pc_store_rebuild(s, NULL, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT value FROM meta WHERE key = 'analyzer_version'"), PC_ANALYZER_VERSION);
    CHECK_INT_EQ(search_total(s, "attacks"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    pc_store_close(s);
    CHECK_INT_EQ(pc_store_open(&s, path, &(pc_store_options){0}, &err), PC_OK);
    pc_store_close(s);

    /* A path that needs shell quoting is quoted in the command. */
    const char *spaced = db_path("my index's.db");
    s = open_store(spaced, true, false, NULL, &err);
    pc_store_close(s);
    opt = (pc_store_options){.analyzer = &keep};
    CHECK_INT_EQ(pc_store_open(&s, spaced, &opt, &err), PC_ECONFIG);
    char quoted[700];
    snprintf(quoted, sizeof quoted, "rebuild it with: presscut --db '%s/my index'\\''s.db' rebuild", test_dir);
    CHECK(strstr(err.msg, quoted) != NULL);
    fixture_article_free(a);
}

/* ---- writing ----------------------------------------------------------------------------------------- */

static void test_replace_twice_and_remove(void)
{
    const char *path = db_path("replace.db");
    pc_error err;
    pc_store *s = open_store(path, true, false, NULL, &err);
    if (!s)
        return;
    pc_article *v1[2] = {new_article("Alpha report", "Alpha bravo charlie.\n\nSecond paragraph zulu.", "2022-01-05",
                                     "en", "line 1"),
                         new_article(NULL, "Kilo lima mike.", NULL, "en", "line 2")};
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/f.jsonl", 100, 111, fake_hash, v1, 2, &err), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles"), 2);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passages"), 3);
    CHECK_INT_EQ(passage_docs_with_term(s, "bravo"), 1);
    CHECK_INT_EQ(passage_docs_with_term(s, "kilo"), 1);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM title_vocab WHERE term = 'alpha'"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    pc_file_state fs;
    CHECK_INT_EQ(pc_store_file_get(s, "/news/f.jsonl", &fs, &err), PC_OK);
    CHECK(fs.found);
    CHECK_INT_EQ(fs.size, 100);
    CHECK_INT_EQ(fs.mtime_ns, 111);
    CHECK_STR_EQ(fs.hash, fake_hash);
    CHECK_INT_EQ(fs.articles, 2);

    /* Same file, new content: old terms gone, no duplicates. Outside begin/commit: its own transaction. */
    pc_article *v2[1] = {new_article("Delta", "Delta echo foxtrot.", "2022-01-06", "en", "line 1")};
    const char *hash2 = "ffffffffffffffffffffffffffffffff";
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/f.jsonl", 200, 222, hash2, v2, 1, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles"), 1);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM bodies"), 1);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passages"), 1);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM files"), 1);
    CHECK_INT_EQ(passage_docs_with_term(s, "bravo"), 0);
    CHECK_INT_EQ(passage_docs_with_term(s, "zulu"), 0);
    CHECK_INT_EQ(passage_docs_with_term(s, "kilo"), 0);
    CHECK_INT_EQ(passage_docs_with_term(s, "echo"), 1);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM title_vocab WHERE term = 'alpha'"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM title_vocab WHERE term = 'delta'"), 1);
    CHECK_INT_EQ(search_total(s, "bravo"), 0);
    CHECK_INT_EQ(search_total(s, "foxtrot"), 1);
    CHECK_INT_EQ(pc_store_file_get(s, "/news/f.jsonl", &fs, &err), PC_OK);
    CHECK_INT_EQ(fs.size, 200);
    CHECK_STR_EQ(fs.hash, hash2);
    CHECK_INT_EQ(fs.articles, 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* And once more with the first content: back to 2 articles. */
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/f.jsonl", 100, 111, fake_hash, v1, 2, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles"), 2);
    CHECK_INT_EQ(passage_docs_with_term(s, "echo"), 0);
    CHECK_INT_EQ(passage_docs_with_term(s, "bravo"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* A file with no article left. */
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/f.jsonl", 5, 6, fake_hash, NULL, 0, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_get(s, "/news/f.jsonl", &fs, &err), PC_OK);
    CHECK(fs.found);
    CHECK_INT_EQ(fs.articles, 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passage_vocab"), 0);

    /* Touch, remove, remove again. */
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/f.jsonl", 100, 111, fake_hash, v1, 2, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_touch(s, "/news/f.jsonl", 101, 999, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_get(s, "/news/f.jsonl", &fs, &err), PC_OK);
    CHECK_INT_EQ(fs.size, 101);
    CHECK_INT_EQ(fs.mtime_ns, 999);
    CHECK_INT_EQ(fs.articles, 2);
    CHECK_INT_EQ(pc_store_file_touch(s, "/news/none.txt", 1, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_remove(s, "/news/f.jsonl", &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_get(s, "/news/f.jsonl", &fs, &err), PC_OK);
    CHECK(!fs.found);
    CHECK_INT_EQ(fs.articles, 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passages"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passage_vocab"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM title_vocab"), 0);
    CHECK_INT_EQ(pc_store_file_remove(s, "/news/f.jsonl", &err), PC_OK);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    free_articles(v1, 2);
    free_articles(v2, 1);
    pc_store_close(s);
}

static void test_passage_ids_follow_dates(void)
{
    pc_error err;
    pc_store *s = open_store(db_path("dates.db"), true, false, NULL, &err);
    if (!s)
        return;
    pc_article *list[4] = {
        new_article(NULL, "Late news one.\n\nLate news two.", "2022-03-01", "en", "1"),
        new_article(NULL, "Undated news.", NULL, "en", "2"),
        new_article(NULL, "Early news.", "2021-12-31T23:59:00Z", "en", "3"),
        new_article(NULL, "Late news three.", "2022-03-01", "en", "4"),
    };
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/dates.jsonl", 1, 1, fake_hash, list, 4, &err), PC_OK);
    long long late = pc_date_day_number("2022-03-01"), early = pc_date_day_number("2021-12-31");
    char sql[256];
    CHECK_INT_EQ(sql_int(s, "SELECT id FROM passages WHERE article_id = (SELECT id FROM articles WHERE record = '2')"),
                 1);
    snprintf(sql, sizeof sql, "SELECT id FROM passages WHERE article_id = (SELECT id FROM articles WHERE record = '3')");
    CHECK_INT_EQ(sql_int(s, sql), (early << 32) | 1);
    snprintf(sql, sizeof sql,
             "SELECT group_concat(id - %lld, ',') FROM (SELECT p.id FROM passages p JOIN articles a ON a.id = "
             "p.article_id WHERE a.day = %lld ORDER BY p.id)",
             late << 32, late);
    CHECK_STR_EQ(sql_text(s, sql), "1,2,3");
    CHECK_INT_EQ(sql_int(s, "SELECT day FROM articles WHERE record = '2'"), 0);
    snprintf(sql, sizeof sql, "SELECT day FROM articles WHERE record = '1'");
    CHECK_INT_EQ(sql_int(s, sql), late);
    /* Ordered by rowid = ordered by date, undated first. */
    CHECK_STR_EQ(sql_text(s, "SELECT group_concat(r, ',') FROM (SELECT a.record AS r FROM passages p JOIN articles a "
                             "ON a.id = p.article_id ORDER BY p.id)"),
                 "2,3,1,1,4");

    /* Replacing reuses numbers after the day's largest; a second file on the same day continues the sequence. */
    pc_article *more[1] = {new_article(NULL, "Another late one.", "2022-03-01", "en", NULL)};
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/more.txt", 1, 1, fake_hash, more, 1, &err), PC_OK);
    snprintf(sql, sizeof sql, "SELECT max(id) - %lld FROM passages", late << 32);
    CHECK_INT_EQ(sql_int(s, sql), 4);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* A date filter is the rowid range of its days' passages; an open end has no upper bound, and undated
     * passages (day 0) lie outside every range. */
    pc_passage_id_range range;
    CHECK(pc_store_day_passage_range(early, late, &range));
    CHECK_INT_EQ(range.from, early << 32);
    CHECK_INT_EQ(range.to, (late + 1) << 32);
    CHECK(!range.open_end);
    CHECK_INT_EQ(pc_store_passage_day(range.from), early);
    CHECK(pc_store_day_passage_range(late, 0, &range));
    CHECK(range.open_end && range.from == late << 32 && range.to == 0);
    CHECK(pc_store_day_passage_range(0, early, &range));
    CHECK_INT_EQ(range.from, 1LL << 32);
    CHECK(!range.open_end);
    CHECK(!pc_store_day_passage_range(0, 0, &range));
    CHECK(range.from == 0 && range.to == 0 && !range.open_end);
    CHECK_INT_EQ(pc_store_passage_day(1), 0);
    free_articles(list, 4);
    free_articles(more, 1);
    pc_store_close(s);
}

static void test_invalid_articles_change_nothing(void)
{
    pc_error err;
    pc_store *s = open_store(db_path("invalid.db"), true, false, NULL, &err);
    if (!s)
        return;
    pc_article *good = new_article("Good", "A good article.", "2022-01-01", "en", NULL);
    pc_article *bad[8];
    size_t n_bad = 0;
    bad[n_bad++] = new_article("No body", NULL, NULL, "en", NULL);
    bad[n_bad++] = new_article("No lang", "Text here.", NULL, NULL, NULL);
    bad[n_bad++] = new_article("Bad lang", "Text here.", NULL, "en\x1e", NULL);
    bad[n_bad++] = new_article("Long lang", "Text here.", NULL, "abcdefghijklmnopq", NULL);
    bad[n_bad++] = new_article("No passages", "", NULL, "en", NULL);
    pc_article *outside = new_article("Outside", "Short.", NULL, "en", NULL);
    outside->passages[0].end = 99;
    bad[n_bad++] = outside;
    pc_article *empty_span = new_article("Empty span", "Short.", NULL, "en", NULL);
    empty_span->passages[0].start = empty_span->passages[0].end;
    bad[n_bad++] = empty_span;

    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/good.txt", 1, 1, fake_hash, &good, 1, &err), PC_OK);
    for (size_t i = 0; i < n_bad; i++) {
        pc_article *pair[2] = {good, bad[i]};
        err.msg[0] = '\0';
        CHECK_INT_EQ(pc_store_file_replace(s, "/news/bad.txt", 1, 1, fake_hash, pair, 2, &err), PC_EINVAL);
        CHECK(strstr(err.msg, "/news/bad.txt") != NULL);
    }
    CHECK(strstr(err.msg, "article 2 of '/news/bad.txt'") != NULL);
    /* Two articles with the same record (or two without one). */
    pc_article *twins[2] = {new_article(NULL, "One.", NULL, "en", "line 3"), new_article(NULL, "Two.", NULL, "en",
                                                                                         "line 3")};
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/bad.txt", 1, 1, fake_hash, twins, 2, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "'/news/bad.txt' has two articles with the record 'line 3'");
    pc_article *unnamed[2] = {new_article(NULL, "One.", NULL, "en", NULL), new_article(NULL, "Two.", NULL, "en", "")};
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/bad.txt", 1, 1, fake_hash, unnamed, 2, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "'/news/bad.txt' has two articles without a record");
    free_articles(unnamed, 2);
    /* Hash and path. */
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/bad.txt", 1, 1, "0123456789abcdef0123456789abcdef00", &good, 1, &err),
                 PC_EINVAL);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/bad.txt", 1, 1, NULL, &good, 1, &err), PC_EINVAL);
    CHECK_INT_EQ(pc_store_file_replace(s, NULL, 1, 1, fake_hash, &good, 1, &err), PC_EINVAL);
    /* The transaction is still usable and keeps the good file only. */
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    pc_file_state fs;
    CHECK_INT_EQ(pc_store_file_get(s, "/news/bad.txt", &fs, &err), PC_OK);
    CHECK(!fs.found);
    CHECK_INT_EQ(pc_store_file_get(s, "/news/good.txt", &fs, &err), PC_OK);
    CHECK(fs.found);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* Begin twice, commit without begin. */
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_EINVAL);
    pc_store_rollback(s);
    pc_store_rollback(s);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_EINVAL);

    free_articles(bad, n_bad);
    free_articles(twins, 2);
    fixture_article_free(good);
    pc_store_close(s);
}

/* FTS5 writes are queued until commit: whatever happens inside one transaction, FTS5 ends up agreeing with
 * the stored text, and a search inside the transaction sees its own writes after pc_store_flush. */
/* A file written in parts: the first part replaces what the file held, the others are appended after it
 * and record the file's size and hash; appending to a file not in the index is refused without touching
 * the caller's transaction. */
static void test_append_parts(void)
{
    pc_error err;
    pc_store *s = open_store(db_path("parts.db"), true, false, NULL, &err);
    if (!s)
        return;
    pc_article *old[1] = {new_article("Old", "Apricots dry.", "2021-05-05", "en", "line 1")};
    pc_article *first[2] = {new_article("Apples", "Apples grow.", "2021-05-05", "en", "line 1"),
                            new_article(NULL, "Cherries ripen.", "2020-01-01", "en", "line 2")};
    pc_article *second[1] = {new_article("Melons", "Melons swell.", "2021-05-06", "en", "line 3")};
    pc_prepared_article prepared[3] = {{.article = *first[0]}, {.article = *first[1]}, {.article = *second[0]}};
    pc_prepared_article *part1[2] = {&prepared[0], &prepared[1]}, *part2[1] = {&prepared[2]};

    CHECK_INT_EQ(pc_store_file_replace(s, "/a.jsonl", 10, 1, fake_hash, old, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/b.txt", 1, 1, fake_hash, old, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_append_prepared(s, "/missing.jsonl", 3, 3, fake_hash, part2, 1, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "'/missing.jsonl'") != NULL && strstr(err.msg, "not in the index") != NULL);
    CHECK_INT_EQ(pc_store_file_replace_prepared(s, "/a.jsonl", -1, 2, "", part1, 2, &err), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK); /* a part per batch: the file is not complete yet */
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM files WHERE path = '/b.txt'"), 1);
    pc_file_state st;
    CHECK_INT_EQ(pc_store_file_get(s, "/a.jsonl", &st, &err), PC_OK);
    CHECK(st.found && st.size == -1 && st.hash[0] == '\0' && st.articles == 2);
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_append_prepared(s, "/a.jsonl", 30, 3, fake_hash, part2, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_get(s, "/a.jsonl", &st, &err), PC_OK);
    CHECK(st.found && st.size == 30 && st.mtime_ns == 3 && strcmp(st.hash, fake_hash) == 0 && st.articles == 3);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles a JOIN files f ON f.id = a.file_id "
                            "WHERE f.path = '/a.jsonl' AND a.id > (SELECT max(id) FROM articles WHERE title = 'Apples') "
                            "AND a.title = 'Melons'"),
                 1);
    CHECK_INT_EQ(passage_docs_with_term(s, "apricots"), 1); /* /b.txt's only */
    CHECK_INT_EQ(passage_docs_with_term(s, "melons"), 1);
    CHECK_INT_EQ(passage_docs_with_term(s, "cherries"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    pc_store_close(s);
    free_articles(old, 1);
    free_articles(first, 2);
    free_articles(second, 1);
}

static void test_writes_inside_one_transaction(void)
{
    pc_error err;
    pc_store *s = open_store(db_path("txn.db"), true, false, NULL, &err);
    if (!s)
        return;
    pc_article *v1[2] = {new_article("Apples", "Apples grow.\n\nPears too.", "2021-05-05", "en", "1"),
                         new_article(NULL, "Cherries ripen.", "2020-01-01", "en", "2")};
    pc_article *v2[1] = {new_article("Melons", "Melons swell.", "2021-05-05", "en", "1")};
    pc_article *other[1] = {new_article("Plums", "Plums fall.", "2021-05-05", "en", NULL)};

    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/a.jsonl", 1, 1, fake_hash, v1, 2, &err), PC_OK);
    CHECK_INT_EQ(search_total(s, "cherries"), 0); /* reading does not make the queued writes */
    CHECK_INT_EQ(pc_store_check(s, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "pc_store_flush") != NULL);
    CHECK_INT_EQ(pc_store_flush(s, &err), PC_OK);
    CHECK_INT_EQ(search_total(s, "cherries"), 1); /* sees its own writes once flushed */
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/a.jsonl", 2, 2, fake_hash, v2, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/b.txt", 1, 1, fake_hash, other, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/a.jsonl", 3, 3, fake_hash, v1, 2, &err), PC_OK); /* no search between */
    CHECK_INT_EQ(pc_store_file_remove(s, "/b.txt", &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/a.jsonl", 4, 4, fake_hash, v2, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/b.txt", 1, 1, fake_hash, other, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    CHECK_INT_EQ(passage_docs_with_term(s, "apples"), 0);
    CHECK_INT_EQ(passage_docs_with_term(s, "cherries"), 0);
    CHECK_INT_EQ(passage_docs_with_term(s, "melons"), 1);
    CHECK_INT_EQ(passage_docs_with_term(s, "plums"), 1);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM title_vocab WHERE term = 'apples'"), 0);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM title_vocab WHERE term = 'melons'"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* The same rowid deleted and written again in one commit (the day's only passage is replaced). */
    long long before = sql_int(s, "SELECT p.id FROM passages p JOIN articles a ON a.id = p.article_id "
                                  "WHERE a.title = 'Plums'");
    pc_article *again[1] = {new_article("Plums", "Quinces instead.", "2021-05-05", "en", NULL)};
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_remove(s, "/a.jsonl", &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/b.txt", 2, 2, fake_hash, again, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    long long after = sql_int(s, "SELECT p.id FROM passages p JOIN articles a ON a.id = p.article_id "
                                 "WHERE a.title = 'Plums'");
    CHECK_INT_EQ(after >> 32, before >> 32);
    CHECK_INT_EQ(after & 0xffffffffLL, 1);
    CHECK_INT_EQ(passage_docs_with_term(s, "plums"), 0);
    CHECK_INT_EQ(passage_docs_with_term(s, "quinces"), 1);
    CHECK_INT_EQ(passage_docs_with_term(s, "melons"), 0);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* Rolled back: nothing of it stays, queued FTS writes included. */
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/c.txt", 1, 1, fake_hash, v1, 2, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_remove(s, "/b.txt", &err), PC_OK);
    pc_store_rollback(s);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM files"), 1);
    CHECK_INT_EQ(passage_docs_with_term(s, "apples"), 0);
    CHECK_INT_EQ(passage_docs_with_term(s, "quinces"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    /* ... and a transaction after the rollback starts clean. */
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/c.txt", 1, 1, fake_hash, v2, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    CHECK_INT_EQ(passage_docs_with_term(s, "melons"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* Closing with an open transaction rolls it back. */
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/d.txt", 1, 1, fake_hash, v1, 2, &err), PC_OK);
    pc_store_close(s);
    s = open_store(db_path("txn.db"), false, false, NULL, &err);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM files"), 2);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    free_articles(v1, 2);
    free_articles(v2, 1);
    free_articles(other, 1);
    free_articles(again, 1);
    pc_store_close(s);
}

/* Bodies with invalid UTF-8, empty optional fields, unknown language, a 1 MiB article. */
static void test_odd_and_huge_articles(void)
{
    pc_error err;
    pc_store *s = open_store(db_path("odd.db"), true, false, NULL, &err);
    if (!s)
        return;
    pc_article *odd = new_article("", "Broken \xff\xfe bytes and \xc3 more words.\n\nTail \xe2\x82 end.", "",
                                  "", "");
    odd->source = strdup("");
    odd->url = strdup("");
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/odd.txt", 1, 1, fake_hash, &odd, 1, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles WHERE title IS NULL AND published IS NULL AND source IS "
                            "NULL AND url IS NULL AND record IS NULL AND lang = ''"),
                 1);
    CHECK_INT_EQ(search_total(s, "bytes"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    size_t words = 120000;
    char *body = malloc(words * 10 + 1);
    for (size_t i = 0; i < words; i++) {
        memcpy(body + i * 10, i % 100 == 99 ? "pressmen\n\n" : "reporter  ", 10);
    }
    body[words * 10] = '\0';
    pc_article *huge = new_article("Huge", body, "2020-05-05", "en", NULL);
    CHECK_INT_EQ(huge->n_passages, words / 100);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/huge.txt", 1, 1, fake_hash, &huge, 1, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passages"), 2 + words / 100);
    pc_store_query q = {.match = "pressmen"};
    pc_scored_passage *hits = NULL;
    size_t n_hits = 0;
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n_hits, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n_hits, words / 100);
    CHECK_INT_EQ(search_total(s, "pressmen"), 1);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    free(hits);
    free(body);
    fixture_article_free(odd);
    fixture_article_free(huge);
    pc_store_close(s);
}

/* ---- search ------------------------------------------------------------------------------------------ */

static pc_store *search_fixture(const char *name)
{
    pc_error err;
    pc_store *s = open_store(db_path(name), true, false, NULL, &err);
    if (!s)
        return NULL;
    pc_article *port[1] = {new_article("Attack on the port",
                                       "Police attacked the port on Monday.\n\nOfficials counted the damage.",
                                       "2022-02-16", "en", NULL)};
    port[0]->source = strdup("Reuters");
    port[0]->url = strdup("https://example.com/port");
    pc_article *night[2] = {
        new_article("Night", "Two attacks were reported overnight.\n\nMore attacks followed in the morning.",
                    "2022-03-01", "en", "line 1"),
        new_article("Calm", "Nothing relevant here.", NULL, "en", "line 2")};
    pc_article *ru[1] = {new_article("Город", "Новые атаки на город продолжались всю ночь.", "2022-03-02", "ru",
                                     NULL)};
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/port.txt", 10, 1, fake_hash, port, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/night.jsonl", 20, 2, fake_hash, night, 2, &err), PC_OK);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/ru.txt", 30, 3, fake_hash, ru, 1, &err), PC_OK);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    CHECK_INT_EQ(pc_store_refresh_query_langs(s, &err), PC_OK);
    free_articles(port, 1);
    free_articles(night, 2);
    free_articles(ru, 1);
    return s;
}

/* What pc_store_each_passage's callback saw. */
typedef struct passage_feed_seen {
    pc_rank_query_stats *stats;
    size_t calls;
    long long last_id;
    bool in_order, stats_ready, weights_kept;
    size_t ranges;
} passage_feed_seen;

static int see_passage(void *payload, const pc_scored_passage *p, const pc_token_range *ranges, size_t n_ranges)
{
    passage_feed_seen *seen = payload;
    if (seen->calls++ == 0) {
        seen->stats_ready = seen->stats->n_phrases == 1 && seen->stats->idf[0] > 0 && seen->stats->passages > 0;
        seen->weights_kept = seen->stats->n_weights == 1 && seen->stats->weight[0] == 0.5f;
    }
    seen->in_order = seen->in_order && p->passage_id > seen->last_id;
    seen->last_id = p->passage_id;
    seen->ranges += n_ranges;
    if (n_ranges > 0 && (!ranges || p->n_matches != n_ranges))
        seen->ranges = 1000;
    return PC_OK;
}

static int refuse_passage(void *payload, const pc_scored_passage *p, const pc_token_range *ranges, size_t n_ranges)
{
    (void)payload, (void)p, (void)ranges, (void)n_ranges;
    return PC_ENOMEM;
}

/* Passages one at a time: those pc_store_match_passages collects, in passage id order, with their match ranges;
 * the query's phrase statistics are there at the first call, the collection's totals after the last, and the
 * weights the search set are left alone. A callback's failure stops the search. */
static void test_each_passage(void)
{
    pc_store *s = search_fixture("each.db");
    if (!s)
        return;
    pc_error err;
    pc_store_query q = {.match = "attacks"};
    pc_scored_passage *hits = NULL;
    pc_token_range *ranges = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, &ranges, &err), PC_OK);
    size_t n_ranges = 0;
    for (size_t i = 0; i < n; i++)
        n_ranges += hits[i].n_matches;
    pc_rank_query_stats stats = {.n_weights = 1, .weight = {0.5f}};
    passage_feed_seen seen = {.stats = &stats, .in_order = true};
    CHECK_INT_EQ(pc_store_each_passage(s, &q, &stats, see_passage, &seen, &err), PC_OK);
    CHECK_INT_EQ(seen.calls, 3);
    CHECK_INT_EQ(seen.calls, n);
    CHECK(seen.in_order);
    CHECK(seen.stats_ready);
    CHECK(seen.weights_kept);
    CHECK_INT_EQ(seen.ranges, n_ranges);
    CHECK(n_ranges >= 3);
    CHECK_INT_EQ(stats.articles, 4);
    CHECK(stats.body_bytes > 0);
    CHECK_INT_EQ(pc_store_each_passage(s, &q, NULL, refuse_passage, NULL, &err), PC_ENOMEM);
    free(hits);
    free(ranges);
    pc_store_close(s);
}

/* The store's side of searching: matching passages with filters (dates as a rowid range, language, source,
 * title, exclusions), titles, match positions, an article and its passages, clusters, and the --explain
 * counts. Ranking and output are tested in test_ranking.c and test_search.c. */
static void test_search(void)
{
    pc_store *s = search_fixture("search.db");
    if (!s)
        return;
    pc_error err;
    pc_scored_passage *hits = NULL;
    size_t n = 0;

    /* Stemmed: "attacks" finds "attacked" too: three passages of two articles, each scored above 0. */
    pc_store_query q = {.match = "attacks"};
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 3);
    for (size_t i = 0; i < n; i++)
        CHECK(hits[i].score > 0);
    free(hits);
    CHECK_INT_EQ(search_total(s, "attacks"), 2);
    CHECK_INT_EQ(search_total(s, "\"\x02" "attacked\""), 1);
    CHECK_INT_EQ(search_total(s, "\"\x02" "attack\""), 0);
    CHECK_INT_EQ(search_total(s, "\"атаку\""), 1);
    CHECK_INT_EQ(search_total(s, "\"\x02" "атаку\""), 0);
    CHECK_INT_EQ(search_total(s, "zeppelin"), 0);

    /* Filters. */
    q.day_from = pc_date_day_number("2022-03-01");
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 2); /* the port article (2022-02-16) is out */
    CHECK_INT_EQ(hits[0].passage_id >> 32, pc_date_day_number("2022-03-01"));
    free(hits);
    q.day_from = 0;
    q.day_to = pc_date_day_number("2022-02-16");
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 1);
    free(hits);
    q.day_to = 0;
    /* sources: exact names (the search stage folds and matches patterns) */
    const char *reuters[] = {"Reuters"}, *upper[] = {"REUTERS"};
    q.source_filter = true;
    q.sources = reuters;
    q.n_sources = 1;
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 1);
    free(hits);
    q.sources = upper;
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 0);
    free(hits);
    q.sources = NULL; /* a source filter that matched no name: no article */
    q.n_sources = 0;
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 0);
    free(hits);
    q.source_filter = false;
    char **names = NULL;
    size_t n_names = 0;
    CHECK_INT_EQ(pc_store_source_names(s, &names, &n_names, &err), PC_OK);
    CHECK(n_names >= 1 && names && strcmp(names[n_names - 1], "Reuters") == 0); /* "" and NULL sources left out */
    for (size_t i = 0; i < n_names; i++)
        free(names[i]);
    free(names);
    q.not_sources = reuters;
    q.n_not_sources = 1;
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 2);
    free(hits);
    q.not_sources = NULL;
    q.n_not_sources = 0;
    const char *ru[] = {"ru"};
    q.langs = ru;
    q.n_langs = 1;
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 0);
    free(hits);
    q.langs = NULL;
    q.n_langs = 0;
    q.title_filter = "night";
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 2);
    free(hits);
    q.title_filter = NULL;
    long long night_only[] = {2};
    q.article_ids = night_only; /* only the passages of the articles named */
    q.n_article_ids = 1;
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 2);
    for (size_t i = 0; i < n; i++)
        CHECK_INT_EQ(hits[i].article_id, 2);
    free(hits);
    q.n_article_ids = 0; /* a list of no articles: nothing, not everything */
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_OK);
    CHECK_INT_EQ(n, 0);
    free(hits);
    q.article_ids = NULL;

    /* Articles of one leaf: by any passage or by the title, sorted, each once. */
    long long *articles = NULL;
    CHECK_INT_EQ(pc_store_match_articles(s, &q, "attacks", &articles, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 2); /* port (passage and title), night (two passages) */
    if (n == 2) {
        CHECK_INT_EQ(articles[0], 1);
        CHECK_INT_EQ(articles[1], 2);
    }
    free(articles);
    CHECK_INT_EQ(pc_store_match_articles(s, &q, "damage", &articles, &n, &err), PC_OK); /* a second passage */
    CHECK(n == 1 && articles[0] == 1);
    free(articles);
    CHECK_INT_EQ(pc_store_match_articles(s, &q, "calm", &articles, &n, &err), PC_OK); /* the title only */
    CHECK(n == 1 && articles[0] == 3);
    free(articles);
    CHECK_INT_EQ(pc_store_match_articles(s, &q, "\"the morning\"", &articles, &n, &err), PC_OK);
    CHECK(n == 1 && articles[0] == 2);
    free(articles);
    q.article_ids = night_only;
    q.n_article_ids = 1;
    CHECK_INT_EQ(pc_store_match_articles(s, &q, "attacks", &articles, &n, &err), PC_OK);
    CHECK(n == 1 && articles[0] == 2);
    free(articles);
    q.article_ids = NULL;
    q.n_article_ids = 0;
    q.langs = (const char *[]){"ru"};
    q.n_langs = 1;
    CHECK_INT_EQ(pc_store_match_articles(s, &q, "\"атаки\" OR attacks", &articles, &n, &err), PC_OK);
    CHECK(n == 1 && articles[0] == 4);
    free(articles);
    q.langs = NULL;
    q.n_langs = 0;
    q.day_from = pc_date_day_number("2022-03-01");
    CHECK_INT_EQ(pc_store_match_articles(s, &q, "\"атаки\" OR attacks", &articles, &n, &err), PC_OK);
    CHECK(n == 2 && articles[0] == 2 && articles[1] == 4);
    free(articles);
    q.day_from = 0;
    CHECK_INT_EQ(pc_store_match_articles(s, &q, "zeppelin", &articles, &n, &err), PC_OK);
    CHECK(n == 0 && articles == NULL);

    /* Titles, with coverage and day. */
    pc_title_match *titles = NULL;
    CHECK_INT_EQ(pc_store_match_titles(s, &q, "attack OR port", &titles, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 1);
    if (n == 1) {
        CHECK(titles[0].coverage == 1.0);
        CHECK_INT_EQ(titles[0].day, pc_date_day_number("2022-02-16"));
    }
    free(titles);

    /* Match positions, relative to the stored passage; an article and its passage. */
    pc_store_article art;
    CHECK_INT_EQ(pc_store_article_get(s, 1, 0, true, &art, &err), PC_OK);
    CHECK_STR_EQ(art.title, "Attack on the port");
    CHECK_STR_EQ(art.source, "Reuters");
    CHECK_STR_EQ(art.passage, "Police attacked the port on Monday.");
    CHECK_INT_EQ(art.passage_seq, 1);
    CHECK_INT_EQ(art.n_passages, 2);
    CHECK(art.body && strncmp(art.body, "Police attacked", 15) == 0);
    pc_span *spans = NULL;
    CHECK_INT_EQ(pc_store_match_spans(s, false, "attacks", art.passage_id, &spans, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 1);
    if (n == 1) {
        CHECK_INT_EQ(spans[0].start, 7);
        CHECK_INT_EQ(spans[0].end, 15);
    }
    free(spans);
    CHECK_INT_EQ(pc_store_match_spans(s, true, "port", 1, &spans, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 1);
    free(spans);
    CHECK_INT_EQ(pc_store_match_spans(s, false, "zeppelin", art.passage_id, &spans, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 0);
    pc_store_article_clear(&art);
    CHECK_INT_EQ(pc_store_article_get(s, 999, 0, false, &art, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "no article has id 999") != NULL);
    long long *ids = NULL;
    size_t *starts = NULL;
    CHECK_INT_EQ(pc_store_article_passages(s, 2, &ids, &starts, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 2);
    if (n == 2)
        CHECK_INT_EQ(starts[1], strlen("Two attacks were reported overnight.\n\n"));
    free(ids);
    free(starts);
    long long want[3] = {1, 999, 2};
    pc_article_facts facts[3];
    CHECK_INT_EQ(pc_store_article_facts(s, want, 3, facts, &err), PC_OK);
    CHECK_INT_EQ(facts[0].cluster, 1);
    CHECK_INT_EQ(facts[0].body_bytes, strlen("Police attacked the port on Monday.\n\nOfficials counted the damage."));
    CHECK_INT_EQ(facts[1].cluster, 0);
    CHECK_INT_EQ(facts[1].article_id, 999);
    CHECK_INT_EQ(facts[2].cluster, 2);

    /* The collection's totals follow every insert and delete (schema 006 triggers). */
    CHECK_INT_EQ(sql_int(s, "SELECT articles FROM corpus_totals"), 4);
    CHECK_INT_EQ(sql_int(s, "SELECT body_bytes FROM corpus_totals"), sql_int(s, "SELECT sum(body_bytes) FROM articles"));
    CHECK_INT_EQ(sql_int(s, "SELECT passages FROM corpus_totals"), sql_int(s, "SELECT count(*) FROM passages"));

    /* --explain counts. */
    long long count = 0, terms = 0;
    CHECK_INT_EQ(pc_store_count_passages(s, "attacks", &count, &err), PC_OK);
    CHECK_INT_EQ(count, 3);
    CHECK_INT_EQ(pc_store_term_passages(s, "\x01" "en:attack", 10, false, &count, &terms, &err), PC_OK);
    CHECK_INT_EQ(count, 3);
    CHECK_INT_EQ(pc_store_term_passages(s, "attack", 6, true, &count, &terms, &err), PC_OK);
    CHECK_INT_EQ(terms, 2); /* attacked, attacks */
    char **langs = NULL;
    CHECK_INT_EQ(pc_store_query_langs(s, &langs, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 2);
    if (n == 2) {
        CHECK_STR_EQ(langs[0], "en");
        CHECK_STR_EQ(langs[1], "ru");
    }
    for (size_t i = 0; i < n; i++)
        free(langs[i]);
    free(langs);

    /* Refused expressions: PC_EINVAL without SQLite's words. */
    const char *broken[] = {"AND AND", "\"unterminated", "(attacks", "nosuchcolumn : attacks", "attacks NEAR/"};
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        q.match = broken[i];
        CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_EINVAL);
        CHECK(strstr(err.msg, "fts5") == NULL);
        CHECK(strstr(err.msg, "syntax") == NULL);
        CHECK(strstr(err.msg, "refused by the full-text index") != NULL);
    }
    q.match = NULL;
    CHECK_INT_EQ(pc_store_match_passages(s, &q, &hits, &n, NULL, NULL, &err), PC_EINVAL);
    pc_store_close(s);
}

/* ---- stats, files, SQL console ----------------------------------------------------------------------- */

static int count_paths(void *payload, const char *path)
{
    char *seen = payload;
    strcat(seen, path);
    strcat(seen, ";");
    return strcmp(path, "/news/port.txt") == 0 ? 7 : 0;
}

static void test_stats_and_files(void)
{
    pc_store *s = search_fixture("stats.db");
    if (!s)
        return;
    pc_error err;
    pc_store_stats st;
    CHECK_INT_EQ(pc_store_stats_get(s, &st, &err), PC_OK);
    CHECK_INT_EQ(st.files, 3);
    CHECK_INT_EQ(st.articles, 4);
    CHECK_INT_EQ(st.passages, 6);
    long long bytes = (long long)(strlen("Police attacked the port on Monday.\n\nOfficials counted the damage.") +
                                  strlen("Two attacks were reported overnight.\n\nMore attacks followed in the morning.") +
                                  strlen("Nothing relevant here.") + strlen("Новые атаки на город продолжались всю ночь."));
    CHECK_INT_EQ(st.body_bytes, bytes);
    CHECK_INT_EQ(st.n_langs, 2);
    if (st.n_langs == 2) {
        CHECK_STR_EQ(st.langs[0].name, "en");
        CHECK_INT_EQ(st.langs[0].count, 3);
        CHECK_STR_EQ(st.langs[1].name, "ru");
        CHECK_INT_EQ(st.langs[1].count, 1);
    }
    CHECK_INT_EQ(st.n_sources, 2);
    if (st.n_sources == 2) {
        CHECK_STR_EQ(st.sources[0].name, "");
        CHECK_INT_EQ(st.sources[0].count, 3);
        CHECK_STR_EQ(st.sources[1].name, "Reuters");
        CHECK_INT_EQ(st.sources[1].count, 1);
    }
    CHECK_STR_EQ(st.first_date, "2022-02-16");
    CHECK_STR_EQ(st.last_date, "2022-03-02");
    CHECK_INT_EQ(st.undated, 1);
    CHECK(st.db_bytes > 4096);
    CHECK_INT_EQ(st.schema_version, (long long)pc_schema_file_count);
    CHECK_INT_EQ(st.analyzer_version, PC_ANALYZER_VERSION);
    CHECK(st.analyzer.fold_diacritics);
    CHECK(st.analyzer.exact_forms);
    pc_store_stats_free(&st);
    pc_store_stats_free(&st); /* twice is harmless */
    pc_store_stats_free(NULL);

    char seen[256] = "";
    CHECK_INT_EQ(pc_store_file_foreach(s, count_paths, seen, &err), 7);
    CHECK_STR_EQ(seen, "/news/night.jsonl;/news/port.txt;");

    /* An empty index. */
    pc_store *empty = open_store(db_path("empty-stats.db"), true, false, NULL, &err);
    CHECK_INT_EQ(pc_store_stats_get(empty, &st, &err), PC_OK);
    CHECK_INT_EQ(st.articles, 0);
    CHECK_INT_EQ(st.n_langs, 0);
    CHECK_STR_EQ(st.first_date, "");
    CHECK_INT_EQ(st.undated, 0);
    pc_store_stats_free(&st);
    pc_store_close(empty);
    pc_store_close(s);
}

static int count_rows(void *payload, int ncols, const char *const *names, const char *const *values)
{
    (*(int *)payload)++;
    return 0;
}

static void test_sql_console(void)
{
    pc_store *s = search_fixture("sql.db");
    if (!s)
        return;
    pc_error err;
    int rows = 0;
    CHECK_INT_EQ(pc_store_sql(s, "SELECT id, title FROM articles ORDER BY id", count_rows, &rows, &err), PC_OK);
    CHECK_INT_EQ(rows, 4);
    CHECK_STR_EQ(sql_text(s, "SELECT title FROM articles WHERE title IS NULL UNION ALL SELECT 'x'"), "x");
    first_value v = {0};
    CHECK_INT_EQ(pc_store_sql(s, "SELECT NULL", keep_first, &v, &err), PC_OK);
    CHECK(v.found && v.null);
    /* The tokenizer is registered: FTS queries and the vocabulary tables work. */
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'attacks'"), 3);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passage_vocab_instance WHERE term = 'attacks'"), 2);
    CHECK_INT_EQ(sql_int(s, "PRAGMA table_info(articles)"), 0);
    CHECK_STR_EQ(sql_text(s, "PRAGMA quick_check"), "ok");

    const char *refused[] = {"DELETE FROM files", "UPDATE meta SET value = 'x'", "DROP TABLE files",
                             "INSERT INTO passage_fts(passage_fts) VALUES('rebuild')", "BEGIN", "SAVEPOINT x",
                             "ATTACH 'x.db' AS x", "PRAGMA user_version = 5", "PRAGMA foreign_keys = OFF",
                             "PRAGMA writable_schema = ON", "PRAGMA journal_mode = DELETE", "VACUUM", "REINDEX",
                             "ANALYZE", "CREATE TABLE t(x)", "SELECT 1; DELETE FROM files", "SELECT 1; SELECT 2",
                             "SELEKT 1", "", "   ", "SELECT * FROM nosuchtable"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        rows = 0;
        int rc = pc_store_sql(s, refused[i], count_rows, &rows, &err);
        CHECK_INT_EQ(rc, PC_EINVAL);
        if (rc != PC_EINVAL)
            fprintf(stderr, "  accepted: %s\n", refused[i]);
        CHECK(strncmp(err.msg, "sql: ", 5) == 0);
    }
    CHECK_INT_EQ(pc_store_sql(s, NULL, count_rows, &rows, &err), PC_EINVAL);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM files"), 3); /* nothing happened */
    CHECK_INT_EQ(sql_int(s, "PRAGMA foreign_keys"), 1);
    CHECK_INT_EQ(pc_store_sql(s, "SELECT 1;  -- trailing comment", count_rows, &rows, &err), PC_OK);
    pc_store_close(s);

    /* Read-only stores have the console too. */
    pc_store_options opt = {.read_only = true};
    CHECK_INT_EQ(pc_store_open(&s, db_path("sql.db"), &opt, &err), PC_OK);
    CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passage_vocab WHERE term = 'police'"), 1);
    CHECK_INT_EQ(search_total(s, "attacks"), 2);
    pc_store_close(s);
}

/* A stop check that says "stop" after `after` calls, counting them. */
typedef struct {
    int calls;
    int after;
} stop_counter;

static bool stop_after(void *ctx)
{
    stop_counter *c = ctx;
    return ++c->calls > c->after;
}

static void test_stop_check(void)
{
    pc_store *s = search_fixture("stop.db");
    if (!s)
        return;
    pc_error err;
    int rows = 0;
    const char *heavy = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
                        "SELECT count(*) FROM n";
    stop_counter counter = {.after = 2};
    pc_store_set_stop_check(s, stop_after, &counter);
    CHECK_INT_EQ(pc_store_sql(s, heavy, count_rows, &rows, &err), PC_ESTOP);
    CHECK(strstr(err.msg, "stopped before it finished") != NULL);
    CHECK_INT_EQ(counter.calls, 3); /* asked until it said stop, and not after */
    /* The store stays usable: with the check removed the same statement runs to its end. */
    pc_store_set_stop_check(s, NULL, NULL);
    CHECK_INT_EQ(sql_int(s, heavy), 1000000);
    CHECK_INT_EQ(counter.calls, 3);
    /* A check that never says stop changes nothing. */
    stop_counter patient = {.after = 1 << 30};
    pc_store_set_stop_check(s, stop_after, &patient);
    CHECK_INT_EQ(search_total(s, "attacks"), 2);
    CHECK_INT_EQ(sql_int(s, heavy), 1000000);
    CHECK(patient.calls > 0);
    pc_store_close(s);
}

/* ---- locks, errors, rebuild, check ------------------------------------------------------------------- */

static void test_locked_index(void)
{
    const char *path = db_path("locked.db");
    pc_error err;
    pc_store *a = open_store(path, true, false, NULL, &err);
    pc_store *b = open_store(path, false, false, NULL, &err);
    CHECK(a && b);
    if (!a || !b)
        return;
    sqlite3_busy_timeout(b->db, 50); /* the real 5 s wait would slow the test */
    CHECK_INT_EQ(pc_store_begin(a, &err), PC_OK);
    CHECK_INT_EQ(pc_store_begin(b, &err), PC_EDB);
    char expected[600];
    snprintf(expected, sizeof expected,
             "the index '%s' is locked by another process; try again when it has finished", path);
    CHECK_STR_EQ(err.msg, expected);
    pc_article *art = new_article(NULL, "Text.", NULL, "en", NULL);
    CHECK_INT_EQ(pc_store_file_replace(b, "/x.txt", 1, 1, fake_hash, &art, 1, &err), PC_EDB);
    CHECK_STR_EQ(err.msg, expected);
    /* Readers are not blocked by a writer (WAL). */
    pc_file_state fs;
    CHECK_INT_EQ(pc_store_file_get(b, "/x.txt", &fs, &err), PC_OK);
    pc_store_rollback(a);
    CHECK_INT_EQ(pc_store_file_replace(b, "/x.txt", 1, 1, fake_hash, &art, 1, &err), PC_OK);
    fixture_article_free(art);
    pc_store_close(a);
    pc_store_close(b);

    /* The other mappings, phrased for users. */
    pc_store fake = {.path = (char *)"/data/x.db"};
    CHECK_INT_EQ(store_db_error(&fake, SQLITE_FULL, "writing", &err), PC_EDB);
    CHECK_STR_EQ(err.msg, "disk full while writing '/data/x.db': free some space and run the command again");
    CHECK_INT_EQ(store_db_error(&fake, SQLITE_CORRUPT, "reading", &err), PC_EDB);
    CHECK(strstr(err.msg, "the index '/data/x.db' is damaged") != NULL);
    CHECK_INT_EQ(store_db_error(&fake, SQLITE_READONLY, "writing", &err), PC_EDB);
    CHECK(strstr(err.msg, "read-only") != NULL);
    CHECK_INT_EQ(store_db_error(&fake, SQLITE_CANTOPEN, "opening", &err), PC_EIO);
    CHECK(strstr(err.msg, "cannot open the index '/data/x.db'") != NULL);
    CHECK_INT_EQ(store_db_error(&fake, SQLITE_NOMEM, "writing", &err), PC_ENOMEM);
    CHECK_INT_EQ(store_db_error(&fake, SQLITE_NOTADB, "opening", &err), PC_EDB);
    CHECK_STR_EQ(err.msg, "'/data/x.db' is not a presscut index (not an SQLite database)");
    CHECK_INT_EQ(store_db_error(&fake, SQLITE_LOCKED_SHAREDCACHE, "writing", &err), PC_EDB);
    CHECK(strstr(err.msg, "locked by another process") != NULL);
}

static void test_unwritable_folder(void)
{
    if (geteuid() == 0) /* root writes everywhere: the permission cannot be tested */
        return;
    char dir[600];
    snprintf(dir, sizeof dir, "%s/ro", test_dir);
    mkdir(dir, 0555);
    char path[700];
    snprintf(path, sizeof path, "%s/index.db", dir);
    pc_store *s = NULL;
    pc_error err;
    pc_store_options opt = {.create = true};
    CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_EIO);
    CHECK(strstr(err.msg, "cannot open the index") != NULL);
    rmdir(dir);
}

/* A read-only store reads one snapshot, from its open to its close (or to pc_store_read_end): a file a writer
 * removes meanwhile is still there for it, and check works on it (on a copy). */
static void test_read_only_snapshot(void)
{
    char path[700];
    snprintf(path, sizeof path, "%s/snapshot.db", test_dir);
    pc_error err;
    pc_store *w = open_store(path, true, false, NULL, &err);
    CHECK(w != NULL);
    if (!w)
        return;
    pc_article *art = new_article("Harbour", "The harbour opens.", "2021-05-05", "en", NULL);
    CHECK_INT_EQ(pc_store_file_replace(w, "/a.txt", 1, 1, fake_hash, &art, 1, &err), PC_OK);
    pc_store *r = open_store(path, false, true, NULL, &err);
    CHECK(r != NULL);
    if (r) {
        CHECK_INT_EQ(pc_store_file_remove(w, "/a.txt", &err), PC_OK);
        CHECK_INT_EQ(search_total(r, "harbour"), 1);
        pc_store_article a;
        CHECK_INT_EQ(pc_store_article_get(r, 1, 0, false, &a, &err), PC_OK);
        pc_store_article_clear(&a);
        CHECK_INT_EQ(pc_store_check(r, &err), PC_OK);
        CHECK_INT_EQ(pc_store_read_begin(r, &err), PC_EINVAL); /* one is open */
        pc_store_read_end(r);
        CHECK_INT_EQ(search_total(r, "harbour"), 0); /* a read after the end sees the removal */
        CHECK_INT_EQ(pc_store_read_begin(r, &err), PC_OK);
        CHECK_INT_EQ(pc_store_file_replace(w, "/a.txt", 1, 1, fake_hash, &art, 1, &err), PC_OK);
        CHECK_INT_EQ(search_total(r, "harbour"), 0); /* the new snapshot began before the write */
        /* The vocabulary tables made inside one snapshot serve the next one too. */
        long long titles = -1;
        CHECK_INT_EQ(pc_store_title_term_count(r, "harbour", 7, &titles, &err), PC_OK);
        pc_store_read_end(r);
        CHECK_INT_EQ(pc_store_read_begin(r, &err), PC_OK);
        CHECK_INT_EQ(pc_store_title_term_count(r, "harbour", 7, &titles, &err), PC_OK);
        CHECK_INT_EQ(titles, 1);
    }
    fixture_article_free(art);
    pc_store_close(r);
    pc_store_close(w);
}

/* Another program's SQLite database that sets user_version is refused before anything is written to it. */
static void test_foreign_database_left_alone(void)
{
    char path[700];
    snprintf(path, sizeof path, "%s/foreign.db", test_dir);
    sqlite3 *db = NULL;
    CHECK_INT_EQ(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT_EQ(sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA user_version = 3", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    pc_error err;
    for (int read_only = 0; read_only <= 1; read_only++) {
        CHECK(open_store(path, !read_only, read_only, NULL, &err) == NULL);
        CHECK(strstr(err.msg, "is not a presscut index") != NULL);
    }
    CHECK_INT_EQ(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    CHECK_INT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    CHECK_INT_EQ(sqlite3_step(st), SQLITE_ROW);
    CHECK_STR_EQ((const char *)sqlite3_column_text(st, 0), "delete");
    sqlite3_finalize(st);
    CHECK_INT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL), SQLITE_OK);
    CHECK_INT_EQ(sqlite3_step(st), SQLITE_ROW);
    CHECK_INT_EQ(sqlite3_column_int(st, 0), 1); /* no presscut table added */
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_rebuild_and_check(void)
{
    pc_store *s = search_fixture("rebuild.db");
    if (!s)
        return;
    pc_error err;
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    CHECK_INT_EQ(passage_docs_with_term(s, "attacks"), 2);

    /* Stems only: the surfaces of stemmed words disappear from the index, their stem terms stay. */
    pc_analyzer_config stems;
    pc_analyzer_config_default(&stems);
    stems.exact_forms = false;
    CHECK_INT_EQ(pc_store_rebuild(s, &stems, &err), PC_OK);
    CHECK(!pc_store_analyzer_config(s)->exact_forms);
    CHECK_STR_EQ(sql_text(s, "SELECT value FROM meta WHERE key = 'exact_forms'"), "0");
    CHECK_INT_EQ(passage_docs_with_term(s, "attacks"), 0);
    CHECK_INT_EQ(passage_docs_with_term(s, "\x01" "en:attack"), 3);
    CHECK_INT_EQ(search_total(s, "attacked"), 2);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* Writes after a rebuild use the new configuration; check still agrees. */
    pc_article *a = new_article(NULL, "Fresh attacks today.", "2022-04-01", "en", NULL);
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/fresh.txt", 1, 1, fake_hash, &a, 1, &err), PC_OK);
    CHECK_INT_EQ(passage_docs_with_term(s, "attacks"), 0);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    pc_store_close(s);

    /* The recorded configuration is now required. */
    pc_store_options opt = {0};
    CHECK_INT_EQ(pc_store_open(&s, db_path("rebuild.db"), &opt, &err), PC_OK);
    CHECK(s && !pc_store_analyzer_config(s)->exact_forms);
    CHECK_INT_EQ(pc_store_rebuild(s, NULL, &err), PC_OK); /* back to the defaults */
    CHECK_INT_EQ(passage_docs_with_term(s, "attacks"), 3);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);

    /* Damage the FTS index behind the store's back: check notices. */
    pc_store_close(s);
    raw_exec(db_path("rebuild.db"), "UPDATE bodies SET body = replace(pc_body(body), 'Police', 'Guards')");
    CHECK_INT_EQ(pc_store_open(&s, db_path("rebuild.db"), &opt, &err), PC_OK);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_EDB);
    CHECK(strstr(err.msg, "does not match the stored text") != NULL);
    CHECK(strstr(err.msg, "rebuild it with: presscut --db") != NULL);
    CHECK_INT_EQ(pc_store_rebuild(s, NULL, &err), PC_OK);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_OK);
    /* Passage outside its body. */
    pc_store_close(s);
    raw_exec(db_path("rebuild.db"), "UPDATE passages SET end_byte = 100000 WHERE id = (SELECT min(id) FROM passages)");
    CHECK_INT_EQ(pc_store_open(&s, db_path("rebuild.db"), &opt, &err), PC_OK);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_EDB);
    CHECK(strstr(err.msg, "a passage lies outside its article's body") != NULL);
    /* Read-only stores cannot rebuild; they check a copy, which finds the same damage, named after the index. */
    pc_store_close(s);
    opt.read_only = true;
    CHECK_INT_EQ(pc_store_open(&s, db_path("rebuild.db"), &opt, &err), PC_OK);
    CHECK_INT_EQ(pc_store_rebuild(s, NULL, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "read-only") != NULL);
    CHECK_INT_EQ(pc_store_check(s, &err), PC_EDB);
    CHECK(strstr(err.msg, "a passage lies outside its article's body") != NULL);
    CHECK(strstr(err.msg, db_path("rebuild.db")) != NULL);
    fixture_article_free(a);
    pc_store_close(s);
}

/* ---- a writer killed at any moment ------------------------------------------------------------------- */

static void writer_loop(const char *path)
{
    pc_error err;
    pc_store *s = open_store(path, true, false, NULL, &err);
    if (!s)
        _exit(3);
    char file[64], body[256];
    for (int round = 0;; round++) {
        if (pc_store_begin(s, &err) != PC_OK)
            _exit(4);
        for (int f = 0; f < 4; f++) {
            snprintf(file, sizeof file, "/news/kill-%d.jsonl", (round * 4 + f) % 40);
            pc_article *list[3];
            for (int k = 0; k < 3; k++) {
                snprintf(body, sizeof body, "Round %d file %d article %d reports attacks.\n\nSecond part %d.", round, f,
                         k, round);
                char record[16], date[16];
                snprintf(record, sizeof record, "line %d", k + 1);
                snprintf(date, sizeof date, "2022-01-%02d", 1 + (round + k) % 28);
                list[k] = new_article("Kill test", body, k == 2 ? NULL : date, "en", record);
            }
            int rc = pc_store_file_replace(s, file, round, round, fake_hash, list, 3, &err);
            free_articles(list, 3);
            if (rc != PC_OK)
                _exit(5);
        }
        if (pc_store_commit(s, &err) != PC_OK)
            _exit(6);
    }
}

/* Files committed so far, read with a plain connection (0 when unreadable). */
static long long committed_files(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long n = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) + sum(size) FROM files", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* Pages freed by removed files and FTS5 merges go back to the file system when the store closes. */
static void test_free_pages_returned(void)
{
    const char *path = db_path("vacuum.db");
    pc_error err;
    pc_store *s = open_store(path, true, false, NULL, &err);
    if (!s)
        return;
    char body[6000] = "";
    for (int i = 0; strlen(body) + 64 < sizeof body; i++)
        snprintf(body + strlen(body), sizeof body - strlen(body), "Word%d grows the index page by page. ", i);
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    for (int f = 0; f < 40; f++) {
        char file[32];
        snprintf(file, sizeof file, "/news/%d.txt", f);
        pc_article *a = new_article("Filler", body, "2022-01-01", "en", NULL);
        CHECK_INT_EQ(pc_store_file_replace(s, file, 1, 1, fake_hash, &a, 1, &err), PC_OK);
        free_articles(&a, 1);
    }
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    for (int f = 0; f < 40; f += 2) {
        char file[32];
        snprintf(file, sizeof file, "/news/%d.txt", f);
        CHECK_INT_EQ(pc_store_file_remove(s, file, &err), PC_OK);
    }
    pc_store_close(s);
    CHECK_INT_EQ(raw_int(path, "PRAGMA auto_vacuum"), 2); /* incremental */
    CHECK_INT_EQ(raw_int(path, "PRAGMA freelist_count"), 0);
    CHECK_INT_EQ(raw_int(path, "SELECT count(*) FROM articles"), 20);
}

static void test_sigkill_leaves_consistent_index(void)
{
    const char *path = db_path("kill.db");
    pc_error err;
    pc_store *s = open_store(path, true, false, NULL, &err); /* created before the writer starts */
    pc_store_close(s);
    for (int attempt = 0; attempt < 3; attempt++) {
        fflush(NULL);
        long long before = committed_files(path);
        pid_t pid = fork();
        if (pid == 0)
            writer_loop(path);
        /* Kill it once it has committed something more, at a different moment each attempt. */
        struct timespec tick = {.tv_sec = 0, .tv_nsec = 10000000L};
        for (int i = 0; i < 1000 && committed_files(path) <= before; i++)
            nanosleep(&tick, NULL);
        struct timespec pause = {.tv_sec = 0, .tv_nsec = 7000000L + attempt * 23000000L};
        nanosleep(&pause, NULL);
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        pc_store_options opt = {0};
        CHECK_INT_EQ(pc_store_open(&s, path, &opt, &err), PC_OK);
        if (!s)
            return;
        int rc = pc_store_check(s, &err);
        CHECK_INT_EQ(rc, PC_OK);
        if (rc != PC_OK)
            fprintf(stderr, "check: %s\n", err.msg);
        long long files = sql_int(s, "SELECT count(*) FROM files");
        CHECK(files > 0);
        CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM articles"), files * 3); /* whole files only */
        CHECK_INT_EQ(sql_int(s, "SELECT count(*) FROM passages"), files * 6);
        CHECK_INT_EQ(search_total(s, "attacks"), files * 3);
        pc_store_close(s);
    }
}

/* ---- real news ----------------------------------------------------------------------------------------- */

static char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = '\0';
    *len = got;
    return buf;
}

/* A BBC file: title line, blank line, paragraphs. */
static pc_article *bbc_article(const char *path)
{
    size_t len = 0;
    char *text = read_whole(path, &len);
    if (!text)
        return NULL;
    char *nl = strchr(text, '\n');
    if (!nl) {
        free(text);
        return NULL;
    }
    *nl = '\0';
    char *body = nl + 1;
    while (*body == '\n')
        body++;
    size_t blen = strlen(body);
    while (blen > 0 && (body[blen - 1] == '\n' || body[blen - 1] == ' '))
        body[--blen] = '\0';
    pc_article *a = new_article(text, body, NULL, "en", NULL);
    free(text);
    return a;
}

/* A BSNLP raw file: id, lang, date, url, title lines, then the text (CRLF line ends in many). */
static pc_article *bsnlp_article(const char *path)
{
    size_t len = 0;
    char *text = read_whole(path, &len);
    if (!text)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '\r')
            text[w++] = text[i];
    text[w] = '\0';
    char *lines[5];
    char *p = text;
    for (int i = 0; i < 5; i++) {
        lines[i] = p;
        char *nl = p ? strchr(p, '\n') : NULL;
        if (nl)
            *nl = '\0';
        p = nl ? nl + 1 : NULL;
    }
    pc_article *a = NULL;
    if (p) {
        char *body = p;
        while (*body == '\n')
            body++;
        /* paragraphs are single lines here: make them "\n\n"-separated for new_article */
        size_t blen = strlen(body);
        char *para = malloc(blen * 2 + 1);
        size_t k = 0;
        for (size_t i = 0; i < blen; i++) {
            para[k++] = body[i];
            if (body[i] == '\n')
                para[k++] = '\n';
        }
        while (k > 0 && (para[k - 1] == '\n' || para[k - 1] == ' '))
            k--;
        para[k] = '\0';
        char date[11];
        bool dated = pc_date_parse(lines[2], strlen(lines[2]), date);
        if (k > 0)
            a = new_article(lines[4], para, dated ? date : NULL, "ru", NULL);
        free(para);
    }
    free(text);
    return a;
}

static size_t index_folder(pc_store *s, const char *dir, size_t max, pc_article *(*read)(const char *))
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    size_t done = 0;
    pc_error err;
    CHECK_INT_EQ(pc_store_begin(s, &err), PC_OK);
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && done < max && strstr(names[i]->d_name, ".txt")) {
            pc_article *a = read(path);
            if (a && a->n_passages > 0) {
                int rc = pc_store_file_replace(s, path, 1, 1, fake_hash, &a, 1, &err);
                CHECK_INT_EQ(rc, PC_OK);
                if (rc != PC_OK)
                    fprintf(stderr, "%s: %s\n", path, err.msg);
                done++;
            }
            fixture_article_free(a);
        }
        free(names[i]);
    }
    free(names);
    CHECK_INT_EQ(pc_store_commit(s, &err), PC_OK);
    return done;
}

static void test_real_news(void)
{
    const char *corpus = shared_corpus();
    pc_error err;
    pc_store *s = open_store(db_path("real.db"), true, false, NULL, &err);
    if (!s)
        return;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/bbc-fulltext/bbc/business", corpus);
    size_t en = index_folder(s, dir, 80, bbc_article);
    snprintf(dir, sizeof dir, "%s/bsnlp-slavic-news/brexit/raw/ru", corpus);
    size_t ru = index_folder(s, dir, 60, bsnlp_article);
    CHECK_INT_EQ(en, 80);
    CHECK_INT_EQ(ru, 60);
    CHECK_INT_EQ(pc_store_refresh_query_langs(s, &err), PC_OK);
    int rc = pc_store_check(s, &err);
    CHECK_INT_EQ(rc, PC_OK);
    if (rc != PC_OK)
        fprintf(stderr, "check: %s\n", err.msg);

    /* Stemmed finds at least what each exact form finds. */
    long long stemmed = search_total(s, "profits");
    long long exact_plural = search_total(s, "\"\x02" "profits\"");
    long long exact_singular = search_total(s, "\"\x02" "profit\"");
    fprintf(stderr, "  bbc: profits stemmed %lld, =profits %lld, =profit %lld\n", stemmed, exact_plural,
            exact_singular);
    CHECK(exact_plural > 0);
    CHECK(exact_singular > 0);
    CHECK(stemmed >= exact_plural && stemmed >= exact_singular);
    CHECK(stemmed > exact_plural || stemmed > exact_singular);

    long long ru_stemmed = search_total(s, "\"соглашение\"");
    long long ru_nom = search_total(s, "\"\x02" "соглашение\"");
    long long ru_gen = search_total(s, "\"\x02" "соглашения\"");
    fprintf(stderr, "  bsnlp ru: соглашение stemmed %lld, exact nominative %lld, genitive %lld\n", ru_stemmed, ru_nom,
            ru_gen);
    CHECK(ru_gen > 0);
    CHECK(ru_stemmed >= ru_nom && ru_stemmed >= ru_gen);
    CHECK(ru_stemmed > ru_nom || ru_stemmed > ru_gen);

    pc_store_stats st;
    CHECK_INT_EQ(pc_store_stats_get(s, &st, &err), PC_OK);
    CHECK_INT_EQ(st.articles, 140);
    CHECK_INT_EQ(st.n_langs, 2);
    CHECK(st.first_date[0] == '2'); /* bsnlp dates, 2018-2019 */
    pc_store_stats_free(&st);
    pc_store_close(s);
}

int main(void)
{
    make_test_dir();
    atexit(remove_test_dir);
    RUN_TEST(test_create_and_reopen);
    RUN_TEST(test_missing_and_foreign_files);
    RUN_TEST(test_empty_file_is_a_new_index);
    RUN_TEST(test_newer_schema_refused);
    RUN_TEST(test_analyzer_mismatch);
    RUN_TEST(test_replace_twice_and_remove);
    RUN_TEST(test_passage_ids_follow_dates);
    RUN_TEST(test_invalid_articles_change_nothing);
    RUN_TEST(test_writes_inside_one_transaction);
    RUN_TEST(test_append_parts);
    RUN_TEST(test_odd_and_huge_articles);
    RUN_TEST(test_search);
    RUN_TEST(test_each_passage);
    RUN_TEST(test_stats_and_files);
    RUN_TEST(test_sql_console);
    RUN_TEST(test_stop_check);
    RUN_TEST(test_locked_index);
    RUN_TEST(test_unwritable_folder);
    RUN_TEST(test_read_only_snapshot);
    RUN_TEST(test_foreign_database_left_alone);
    RUN_TEST(test_rebuild_and_check);
    RUN_TEST(test_free_pages_returned);
    RUN_TEST(test_sigkill_leaves_consistent_index);
    if (harness_failures == 0) /* shared_corpus() exits 77 when the corpus is absent: report failures first */
        RUN_TEST(test_real_news);
    return TEST_REPORT();
}
