/* raw_db.h — SQL on an index file through a plain SQLite connection, around presscut's store, for unit tests
 * that make an index look like an older or damaged one. Include after harness.h. */
#ifndef PRESSCUT_TEST_RAW_DB_H
#define PRESSCUT_TEST_RAW_DB_H

#include <sqlite3.h>
#include <stdio.h>

/* Runs `sql` (any number of statements) on the database file at `path`; a failure is a failed check, with
 * SQLite's message on stderr. */
static inline void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    CHECK_INT_EQ(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "raw sql: %s\n", msg);
    CHECK_INT_EQ(rc, SQLITE_OK);
    sqlite3_free(msg);
    sqlite3_close(db);
}

#endif
