/* store_entities.c — the entity list kept in the index: entity names and their aliases. */
#include "store_internal.h"

int pc_store_entity_aliases(pc_store *s, const char *name, char ***aliases, size_t *n, pc_error *err)
{
    (void)s;
    (void)name;
    (void)err;
    *aliases = NULL;
    *n = 0;
    return PC_OK;
}
