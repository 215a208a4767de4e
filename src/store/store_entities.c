/* store_entities.c — the entity list kept in the index (schema/007_entities.sql): entity names and their
 * aliases in order. Names are compared case-folded (ICU full case folding, so "Peskov", "PESKOV" and
 * "peskov" are one entity, and so are "Песков" and "песков"); aliases are kept as imported. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

static int out_of_memory(const pc_store *s, pc_error *err)
{
    return pc_error_set(err, PC_ENOMEM, "out of memory while reading the entity list of '%s'", s->path);
}

/* The case-folded copy of a UTF-8 name (malloc'd), or NULL when out of memory. Invalid UTF-8 is kept as it
 * is (the import refuses it earlier; a lookup of such a name then simply finds nothing). */
static char *fold_name(const char *name)
{
    int32_t len = (int32_t)strlen(name), n16 = 0, n_folded = 0, n8 = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, &n16, name, len, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return strdup(name);
    /* Full case folding can grow a string (ß -> ss): room for three times the code units. */
    int32_t cap = n16 * 3 + 1;
    UChar *in = malloc((size_t)(n16 + 1) * sizeof *in), *folded = malloc((size_t)cap * sizeof *folded);
    char *out = NULL;
    if (!in || !folded)
        goto done;
    status = U_ZERO_ERROR;
    u_strFromUTF8(in, n16 + 1, NULL, name, len, &status);
    if (U_SUCCESS(status))
        n_folded = u_strFoldCase(folded, cap, in, n16, U_FOLD_CASE_DEFAULT, &status);
    if (U_SUCCESS(status)) {
        u_strToUTF8(NULL, 0, &n8, folded, n_folded, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR)
            status = U_ZERO_ERROR;
    }
    if (U_SUCCESS(status) && (out = malloc((size_t)n8 + 1)) != NULL)
        u_strToUTF8(out, n8 + 1, NULL, folded, n_folded, &status);
    if (U_FAILURE(status)) {
        free(out);
        out = strdup(name);
    }
done:
    free(in);
    free(folded);
    return out;
}

/* Sets *id to the id of the entity whose folded name is `folded`, or 0 when there is none. */
static int find_entity(pc_store *s, const char *folded, long long *id, pc_error *err)
{
    *id = 0;
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT id FROM entities WHERE folded = ?1", &st, "reading", err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_text(st, 1, folded, -1, SQLITE_STATIC);
    if (store_next_row(s, st, "reading", &rc, err))
        *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

/* Reads the aliases of entity `id` in order into *aliases / *n (malloc'd strings in a malloc'd array). */
static int read_aliases(pc_store *s, long long id, char ***aliases, size_t *n, pc_error *err)
{
    *aliases = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT alias FROM entity_aliases WHERE entity_id = ?1 ORDER BY position", &st,
                           "reading", err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    while (store_next_row(s, st, "reading", &rc, err)) {
        char **grown = realloc(*aliases, (*n + 1) * sizeof *grown);
        char *alias = grown ? strdup((const char *)sqlite3_column_text(st, 0)) : NULL;
        if (grown)
            *aliases = grown;
        if (!alias) {
            rc = out_of_memory(s, err);
            break;
        }
        (*aliases)[(*n)++] = alias;
    }
    sqlite3_finalize(st);
    if (rc != PC_OK) {
        for (size_t i = 0; i < *n; i++)
            free((*aliases)[i]);
        free(*aliases);
        *aliases = NULL;
        *n = 0;
    }
    return rc;
}

int pc_store_entity_aliases(pc_store *s, const char *name, char ***aliases, size_t *n, pc_error *err)
{
    *aliases = NULL;
    *n = 0;
    char *folded = fold_name(name);
    if (!folded)
        return out_of_memory(s, err);
    long long id = 0;
    int rc = find_entity(s, folded, &id, err);
    free(folded);
    if (rc == PC_OK && id)
        rc = read_aliases(s, id, aliases, n, err);
    return rc;
}

/* Runs a one-off write statement whose parameters are ?1 = text1, ?2 = text2, ?3 = id (those it uses). */
static int run_write(pc_store *s, const char *sql, const char *text1, const char *text2, long long id,
                     pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st, "writing", err);
    if (rc != PC_OK)
        return rc;
    int params = sqlite3_bind_parameter_count(st);
    if (params >= 1)
        sqlite3_bind_text(st, 1, text1, -1, SQLITE_STATIC);
    if (params >= 2)
        sqlite3_bind_text(st, 2, text2, -1, SQLITE_STATIC);
    if (params >= 3)
        sqlite3_bind_int64(st, 3, id);
    int src = sqlite3_step(st);
    if (src != SQLITE_DONE)
        rc = store_db_error(s, src, "writing", err);
    sqlite3_finalize(st);
    return rc;
}

/* The ids of the entities this import has replaced so far: a second entry for one of them adds aliases. */
typedef struct replaced_ids {
    long long *ids;
    size_t n;
} replaced_ids;

static bool replaced_has(const replaced_ids *r, long long id)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->ids[i] == id)
            return true;
    return false;
}

/* Imports one entity inside the open transaction. */
static int import_one(pc_store *s, const pc_entity *e, replaced_ids *replaced, pc_error *err)
{
    char *folded = fold_name(e->name);
    if (!folded)
        return out_of_memory(s, err);
    long long id = 0;
    int rc = find_entity(s, folded, &id, err);
    if (rc == PC_OK && !id) {
        rc = run_write(s, "INSERT INTO entities(name, folded) VALUES(?1, ?2)", e->name, folded, 0, err);
        id = sqlite3_last_insert_rowid(s->db);
    } else if (rc == PC_OK && !replaced_has(replaced, id)) {
        rc = run_write(s, "UPDATE entities SET name = ?1 WHERE id = ?3", e->name, NULL, id, err);
        if (rc == PC_OK)
            rc = run_write(s, "DELETE FROM entity_aliases WHERE entity_id = ?3", NULL, NULL, id, err);
    }
    free(folded);
    if (rc == PC_OK && !replaced_has(replaced, id)) {
        long long *grown = realloc(replaced->ids, (replaced->n + 1) * sizeof *grown);
        if (!grown)
            return out_of_memory(s, err);
        replaced->ids = grown;
        replaced->ids[replaced->n++] = id;
    }
    for (size_t i = 0; rc == PC_OK && i < e->n_aliases; i++)
        rc = run_write(s,
                       "INSERT INTO entity_aliases(entity_id, position, alias) "
                       "SELECT ?3, (SELECT coalesce(max(position) + 1, 0) FROM entity_aliases WHERE entity_id = ?3), "
                       "?1 WHERE NOT EXISTS (SELECT 1 FROM entity_aliases WHERE entity_id = ?3 AND alias = ?1)",
                       e->aliases[i], NULL, id, err);
    return rc;
}

int pc_store_entities_import(pc_store *s, const pc_entity *entities, size_t n, pc_error *err)
{
    int rc = store_check_writable(s, err);
    if (rc == PC_OK)
        rc = store_tx_begin(s, err);
    if (rc != PC_OK)
        return rc;
    replaced_ids replaced = {0};
    for (size_t i = 0; rc == PC_OK && i < n; i++)
        rc = import_one(s, &entities[i], &replaced, err);
    free(replaced.ids);
    if (rc == PC_OK)
        rc = store_tx_commit(s, err);
    if (rc != PC_OK)
        store_tx_rollback(s);
    return rc;
}

void pc_entities_free(pc_entity *entities, size_t n)
{
    if (!entities)
        return;
    for (size_t i = 0; i < n; i++) {
        free(entities[i].name);
        for (size_t k = 0; k < entities[i].n_aliases; k++)
            free(entities[i].aliases[k]);
        free(entities[i].aliases);
    }
    free(entities);
}

/* Appends entity `id` called `name` with its aliases to *out. */
static int list_add(pc_store *s, long long id, const char *name, pc_entity **out, size_t *n, pc_error *err)
{
    pc_entity *grown = realloc(*out, (*n + 1) * sizeof *grown);
    if (!grown)
        return out_of_memory(s, err);
    *out = grown;
    pc_entity *e = &grown[*n];
    memset(e, 0, sizeof *e);
    e->name = strdup(name);
    if (!e->name)
        return out_of_memory(s, err);
    (*n)++;
    return read_aliases(s, id, &e->aliases, &e->n_aliases, err);
}

int pc_store_entities_list(pc_store *s, const char *const *names, size_t n_names, pc_entity **out, size_t *n,
                           pc_error *err)
{
    *out = NULL;
    *n = 0;
    int rc = PC_OK;
    if (n_names == 0) {
        sqlite3_stmt *st = NULL;
        rc = store_prepare(s, "SELECT id, name FROM entities ORDER BY folded", &st, "reading", err);
        while (rc == PC_OK && store_next_row(s, st, "reading", &rc, err))
            rc = list_add(s, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1), out, n, err);
        sqlite3_finalize(st);
    }
    for (size_t i = 0; rc == PC_OK && i < n_names; i++) {
        char *folded = fold_name(names[i]);
        long long id = 0;
        sqlite3_stmt *st = NULL;
        rc = folded ? store_prepare(s, "SELECT id, name FROM entities WHERE folded = ?1", &st, "reading", err)
                    : out_of_memory(s, err);
        if (rc == PC_OK) {
            sqlite3_bind_text(st, 1, folded, -1, SQLITE_STATIC);
            if (store_next_row(s, st, "reading", &rc, err)) {
                id = sqlite3_column_int64(st, 0);
                rc = list_add(s, id, (const char *)sqlite3_column_text(st, 1), out, n, err);
            } else if (rc == PC_OK) {
                rc = pc_error_set(err, PC_EINVAL, "no entity '%s' in the index; see presscut entities list",
                                  names[i]);
            }
        }
        sqlite3_finalize(st);
        free(folded);
    }
    if (rc != PC_OK) {
        pc_entities_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int pc_store_entity_remove(pc_store *s, const char *name, bool *removed, pc_error *err)
{
    *removed = false;
    int rc = store_check_writable(s, err);
    if (rc != PC_OK)
        return rc;
    char *folded = fold_name(name);
    if (!folded)
        return out_of_memory(s, err);
    rc = run_write(s, "DELETE FROM entities WHERE folded = ?1", folded, NULL, 0, err);
    free(folded);
    if (rc == PC_OK)
        *removed = sqlite3_changes(s->db) > 0;
    return rc;
}
