/* raw_index.h — reaching into an index file behind the store's back, as a tool with its own SQLite
 * connection would (to tamper with it, or to fake an older schema): the connection knows pc_body(), so that
 * compressed bodies can be read and changed. Needs harness.h first. */
#ifndef PRESSCUT_TEST_RAW_INDEX_H
#define PRESSCUT_TEST_RAW_INDEX_H

#include <sqlite3.h>
#include <stdio.h>

#include "store/store_internal.h"

/* Runs `sql` (any statements) on the file `path`; a failure fails a check. */
static inline void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    CHECK_INT_EQ(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT_EQ(store_bodies_register(db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "raw_exec: %s\n", msg);
    CHECK_INT_EQ(rc, SQLITE_OK);
    sqlite3_free(msg);
    sqlite3_close(db);
}

#endif
