/* fuzz_query.c — fuzz target of the query language (src/search/query_parse.c, query_compile.c,
 * query_describe.c): parses the input as a query, with options taken from its first byte, and compiles and
 * describes what parses. Every expression the compiler makes must be one FTS5 accepts: it is run against an
 * empty in-memory FTS5 table, so a word that escapes its quotes is a finding. */
#include <sqlite3.h>

#include "fuzz_target.h"
#include "presscut/search/query.h"

/* A statement that runs an expression against an empty FTS5 table, made once. */
static sqlite3_stmt *match_statement(void)
{
    static sqlite3 *db;
    static sqlite3_stmt *stmt;
    if (!stmt) {
        FUZZ_CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
        FUZZ_CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x)", NULL, NULL, NULL) == SQLITE_OK);
        FUZZ_CHECK(sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &stmt, NULL) == SQLITE_OK);
    }
    return stmt;
}

static void check_fts5_accepts(const char *expression)
{
    sqlite3_stmt *stmt = match_statement();
    sqlite3_bind_text(stmt, 1, expression, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        fprintf(stderr, "FTS5 refused the compiled expression: %s\n  %s\n",
                sqlite3_errmsg(sqlite3_db_handle(stmt)), expression);
        abort();
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

/* An entity list of two names, so that @name is parsed without a store. */
static int fixed_entity_aliases(void *payload, const char *name, char ***aliases, size_t *n, pc_error *err)
{
    (void)payload;
    *aliases = NULL;
    *n = 0;
    const char *known[2];
    size_t count = 0;
    if (strcmp(name, "peskov") == 0) {
        known[count++] = "Dmitry Peskov";
        known[count++] = "Песков";
    } else if (strcmp(name, "dash") == 0) {
        known[count++] = "—"; /* no searchable word */
    } else {
        return 0;
    }
    char **list = calloc(count, sizeof *list);
    if (!list)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        list[i] = strdup(known[i]);
        if (!list[i]) {
            for (size_t k = 0; k < i; k++)
                free(list[k]);
            free(list);
            return pc_error_set(err, PC_ENOMEM, "out of memory");
        }
    }
    *aliases = list;
    *n = count;
    return 0;
}

static void compile_and_check(const pc_qnode *node)
{
    if (!node)
        return;
    pc_error err;
    pc_error_clear(&err);
    char *expression = NULL;
    int rc = pc_query_compile(node, &expression, &err);
    FUZZ_CHECK(rc == 0 || rc == PC_ENOMEM);
    if (expression)
        check_fts5_accepts(expression);
    free(expression);
    expression = NULL;
    rc = pc_query_compile_any(node, &expression, &err);
    FUZZ_CHECK(rc == 0 || rc == PC_ENOMEM);
    if (expression)
        check_fts5_accepts(expression);
    free(expression);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > FUZZ_MAX_INPUT)
        return 0;
    pc_query_options opt = {
        .any = data[0] & 1,
        .no_translit = data[0] & 2,
        .no_expand = data[0] & 4,
        .entity_aliases = (data[0] & 8) ? NULL : fixed_entity_aliases,
    };
    char *text = fuzz_strndup(data + 1, size - 1);
    if (!text)
        return 0;
    pc_query *q = NULL;
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_query_parse(fuzz_shared_analyzer(), text, &opt, &q, &err);
    if (rc != 0) {
        FUZZ_CHECK(q == NULL);
        FUZZ_CHECK(err.msg[0] != '\0');
    } else {
        compile_and_check(q->root);
        compile_and_check(q->filters.title);
        char *description = NULL;
        rc = pc_query_describe(q, &description, &err);
        FUZZ_CHECK(rc == 0 || rc == PC_ENOMEM);
        free(description);
    }
    pc_query_free(q);
    free(text);
    return 0;
}
