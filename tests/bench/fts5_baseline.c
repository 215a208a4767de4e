/* fts5_baseline.c — the yardstick for the indexing benchmark: indexes the same files presscut would take
 * (same walker, same exclusions) into a plain SQLite FTS5 table with tokenize='porter unicode61
 * remove_diacritics 2' (title = first line, body = the rest), in WAL mode with 16 MiB transactions, and
 * prints one line: files, bytes, seconds, peak RSS (KiB), database bytes.
 *
 *   bench_fts5_baseline OUT.db PATH...                                    */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "presscut/ingest/reader.h"
#include "presscut/index/walk.h"

#include "read_file.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool has_reader(const char *path)
{
    return pc_reader_for_path(path) != NULL;
}

static void walk_problem(void *payload, const char *path, const char *msg, bool is_root)
{
    fprintf(stderr, "%s: %s\n", path, msg);
}

static long long file_bytes(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s OUT.db PATH...\n", argv[0]);
        return 2;
    }
    const char *db_path = argv[1];
    remove(db_path);
    pc_walk_options wopt = {.default_excludes = true, .wanted = has_reader};
    pc_walk_list list = {0};
    for (int i = 2; i < argc; i++)
        pc_walk(argv[i], &wopt, &list, walk_problem, NULL);

    double start = now_seconds();
    sqlite3 *db;
    if (sqlite3_open(db_path, &db) != SQLITE_OK) {
        fprintf(stderr, "cannot open %s\n", db_path);
        return 2;
    }
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE VIRTUAL TABLE doc USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2');",
                 NULL, NULL, NULL);
    sqlite3_stmt *insert;
    sqlite3_prepare_v2(db, "INSERT INTO doc(title, body) VALUES (?, ?)", -1, &insert, NULL);
    long long bytes = 0, batch = 0;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    for (size_t i = 0; i < list.n; i++) {
        size_t len = 0;
        char *text = (char *)harness_read_file(list.files[i].path, &len);
        if (!text)
            continue;
        char *newline = strchr(text, '\n');
        size_t title_len = newline ? (size_t)(newline - text) : len;
        sqlite3_bind_text(insert, 1, text, (int)title_len, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, text + title_len, (int)(len - title_len), SQLITE_STATIC);
        if (sqlite3_step(insert) != SQLITE_DONE)
            fprintf(stderr, "%s: %s\n", list.files[i].path, sqlite3_errmsg(db));
        sqlite3_reset(insert);
        free(text);
        bytes += (long long)len;
        batch += (long long)len;
        if (batch >= 16LL * 1024 * 1024) {
            sqlite3_exec(db, "COMMIT; BEGIN", NULL, NULL, NULL);
            batch = 0;
        }
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_finalize(insert);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(db);
    double seconds = now_seconds() - start;

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", db_path);
    printf("files=%zu bytes=%lld seconds=%.3f peak_rss_kib=%ld db_bytes=%lld\n", list.n, bytes, seconds, ru.ru_maxrss,
           file_bytes(db_path) + file_bytes(wal));
    pc_walk_list_free(&list);
    return 0;
}
