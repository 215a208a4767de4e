/* fts5_fixtures.h — for tests that drive FTS5 on a bare SQLite connection: the connection's fts5_api, as
 * the store obtains it (SELECT fts5(?1) with a bound pointer). */
#ifndef PRESSCUT_TEST_FTS5_FIXTURES_H
#define PRESSCUT_TEST_FTS5_FIXTURES_H

#include <sqlite3.h>

/* The fts5_api of db, or NULL when this SQLite has no FTS5. */
static inline fts5_api *get_fts5_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

#endif
