/* array.c — growing arrays by doubling (include/presscut/core/array.h). */
#include "presscut/core/array.h"

#include <stdint.h>
#include <stdlib.h>

void *pc_array_reserve(void *items, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need == 0)
        need = 1; /* so that NULL always means failure, even for an empty array */
    if (need <= *cap && items)
        return items;
    size_t grown_cap = *cap ? *cap : (first ? first : 1);
    if (*cap && grown_cap <= SIZE_MAX / 2)
        grown_cap *= 2;
    while (grown_cap < need) {
        if (grown_cap > SIZE_MAX / 2)
            return NULL;
        grown_cap *= 2;
    }
    if (size && grown_cap > SIZE_MAX / size)
        return NULL;
    void *grown = realloc(items, grown_cap * size);
    if (!grown)
        return NULL;
    *cap = grown_cap;
    return grown;
}

int pc_compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}
