/* test_store_entities.c — the entity list in the store: import keeps aliases in order without repeats,
 * importing again replaces an entity's aliases and leaves the others, names compare case-folded (also in
 * Cyrillic), a failed import changes nothing, list and remove, and an index made before the entity tables
 * gains them when opened, read-only too. */
#include "presscut/store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "store/store_internal.h" /* pc_schema_file_count */

static char test_dir[64];

static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    CHECK_INT_EQ(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fprintf(stderr, "raw sql: %s\n", msg);
    CHECK(msg == NULL);
    sqlite3_free(msg);
    sqlite3_close(db);
}

static pc_store *open_at(const char *path, bool read_only)
{
    pc_store_options opt = {.create = !read_only, .read_only = read_only};
    pc_store *s = NULL;
    pc_error err;
    if (pc_store_open(&s, path, &opt, &err) != PC_OK)
        fprintf(stderr, "open %s: %s\n", path, err.msg);
    return s;
}

/* The aliases of `name` joined with '|' (static buffer), or "(none)". */
static const char *aliases_of(pc_store *s, const char *name)
{
    static char out[512];
    char **aliases = NULL;
    size_t n = 0;
    pc_error err;
    CHECK_INT_EQ(pc_store_entity_aliases(s, name, &aliases, &n, &err), PC_OK);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(out, i ? "|" : "", sizeof out - strlen(out) - 1);
        strncat(out, aliases[i], sizeof out - strlen(out) - 1);
        free(aliases[i]);
    }
    free(aliases);
    return n ? out : "(none)";
}

static int import(pc_store *s, const char *name, const char *const *aliases, size_t n, pc_error *err)
{
    pc_entity e = {.name = (char *)name, .aliases = (char **)aliases, .n_aliases = n};
    return pc_store_entities_import(s, &e, 1, err);
}

static void test_import_replace_list_remove(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/entities.db", test_dir);
    pc_store *s = open_at(path, false);
    if (!s)
        return;
    pc_error err;
    CHECK_STR_EQ(aliases_of(s, "peskov"), "(none)");

    static const char *const peskov[] = {"Dmitry Peskov", "Peskov", "Песков", "Peskov"};
    static const char *const peskov_more[] = {"Пєсков"};
    static const char *const kyiv[] = {"Kyiv", "Kiev"};
    pc_entity batch[] = {
        {.name = "Peskov", .aliases = (char **)peskov, .n_aliases = 4},
        {.name = "kyiv", .aliases = (char **)kyiv, .n_aliases = 2},
        {.name = "PESKOV", .aliases = (char **)peskov_more, .n_aliases = 1}, /* the same entity again: added */
    };
    CHECK_INT_EQ(pc_store_entities_import(s, batch, 3, &err), PC_OK);
    CHECK_STR_EQ(aliases_of(s, "peskov"), "Dmitry Peskov|Peskov|Песков|Пєсков");
    CHECK_STR_EQ(aliases_of(s, "PeSkOv"), "Dmitry Peskov|Peskov|Песков|Пєсков");
    CHECK_STR_EQ(aliases_of(s, "Kyiv"), "Kyiv|Kiev");

    /* Importing again replaces that entity's aliases only. */
    static const char *const peskov_new[] = {"Peskov"};
    CHECK_INT_EQ(import(s, "peskov", peskov_new, 1, &err), PC_OK);
    CHECK_STR_EQ(aliases_of(s, "peskov"), "Peskov");
    CHECK_STR_EQ(aliases_of(s, "kyiv"), "Kyiv|Kiev");

    /* Cyrillic names fold too. */
    static const char *const kyiv_uk[] = {"Київ"};
    CHECK_INT_EQ(import(s, "Київ", kyiv_uk, 1, &err), PC_OK);
    CHECK_STR_EQ(aliases_of(s, "КИЇВ"), "Київ");

    /* A failure in the middle of an import changes nothing: the first entity keeps its old aliases. */
    pc_store_close(s);
    raw_exec(path, "CREATE TRIGGER fail_on_boom BEFORE INSERT ON entity_aliases WHEN NEW.alias = 'boom' "
                   "BEGIN SELECT RAISE(ABORT, 'boom'); END;");
    s = open_at(path, false);
    if (!s)
        return;
    static const char *const boom[] = {"boom"};
    pc_entity failing[] = {
        {.name = "kyiv", .aliases = (char **)peskov_more, .n_aliases = 1},
        {.name = "new", .aliases = (char **)boom, .n_aliases = 1},
    };
    CHECK(pc_store_entities_import(s, failing, 2, &err) != PC_OK);
    CHECK(strstr(err.msg, "SELECT") == NULL);
    CHECK_STR_EQ(aliases_of(s, "kyiv"), "Kyiv|Kiev");
    CHECK_STR_EQ(aliases_of(s, "new"), "(none)");

    /* List: all by folded name, or those named in order; an unknown name is an error. */
    pc_entity *list = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_store_entities_list(s, NULL, 0, &list, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 3);
    if (n == 3) {
        CHECK_STR_EQ(list[0].name, "kyiv");
        CHECK_STR_EQ(list[1].name, "peskov"); /* as the last import wrote it */
        CHECK_STR_EQ(list[2].name, "Київ");
        CHECK_INT_EQ(list[0].n_aliases, 2);
        CHECK_STR_EQ(list[0].aliases[1], "Kiev");
    }
    pc_entities_free(list, n);
    const char *names[] = {"КИЇВ", "peskov"};
    CHECK_INT_EQ(pc_store_entities_list(s, names, 2, &list, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 2);
    if (n == 2) {
        CHECK_STR_EQ(list[0].name, "Київ");
        CHECK_STR_EQ(list[1].aliases[0], "Peskov");
    }
    pc_entities_free(list, n);
    const char *unknown[] = {"kyiv", "nobody"};
    CHECK_INT_EQ(pc_store_entities_list(s, unknown, 2, &list, &n, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "no entity 'nobody' in the index; see presscut entities list");
    CHECK(list == NULL && n == 0);

    /* Remove. */
    bool removed = false;
    CHECK_INT_EQ(pc_store_entity_remove(s, "KYIV", &removed, &err), PC_OK);
    CHECK(removed);
    CHECK_STR_EQ(aliases_of(s, "kyiv"), "(none)");
    CHECK_INT_EQ(pc_store_entity_remove(s, "kyiv", &removed, &err), PC_OK);
    CHECK(!removed);
    pc_store_close(s);

    /* A read-only store refuses changes. */
    s = open_at(path, true);
    if (s) {
        CHECK_INT_EQ(import(s, "x", peskov_new, 1, &err), PC_EINVAL);
        CHECK(strstr(err.msg, "read-only") != NULL);
        CHECK_STR_EQ(aliases_of(s, "peskov"), "Peskov");
        pc_store_close(s);
    }
    unlink(path);
}

static void test_older_index_gains_the_tables(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/older.db", test_dir);
    pc_store *s = open_at(path, false);
    if (!s)
        return;
    pc_store_close(s);
    /* The index as the schema before the entities' left it (the later files are replayed as well). */
    size_t entities_file = 0;
    while (entities_file + 1 < pc_schema_file_count && !strstr(pc_schema_files[entities_file].name, "_entities"))
        entities_file++;
    char sql[128];
    snprintf(sql, sizeof sql, "DROP TABLE entity_aliases; DROP TABLE entities; PRAGMA user_version = %zu",
             entities_file);
    raw_exec(path, sql);
    /* Opened read-only (as search opens it): upgraded in place, lookups answer "none". */
    s = open_at(path, true);
    CHECK(s != NULL);
    if (s) {
        CHECK_STR_EQ(aliases_of(s, "peskov"), "(none)");
        pc_store_close(s);
    }
    s = open_at(path, false);
    if (s) {
        static const char *const one[] = {"Peskov"};
        pc_error err;
        CHECK_INT_EQ(import(s, "peskov", one, 1, &err), PC_OK);
        CHECK_STR_EQ(aliases_of(s, "peskov"), "Peskov");
        pc_store_close(s);
    }
    unlink(path);
}

int main(void)
{
    harness_make_temp_dir(test_dir, sizeof test_dir, "entities");
    RUN_TEST(test_import_replace_list_remove);
    RUN_TEST(test_older_index_gains_the_tables);
    char wal[300];
    snprintf(wal, sizeof wal, "rm -rf '%s'", test_dir);
    if (system(wal) != 0)
        fprintf(stderr, "could not remove %s\n", test_dir);
    return TEST_REPORT();
}
