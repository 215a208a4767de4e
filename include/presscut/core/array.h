/* array.h — growing a malloc'd array by doubling, the one place that does it for every stage, and ordering
 * arrays of 64-bit keys.
 * The array stays the caller's: a plain pointer plus a capacity counted in elements. */
#ifndef PRESSCUT_ARRAY_H
#define PRESSCUT_ARRAY_H

#include <stddef.h>

/* Returns `items` (malloc'd or NULL, room for *cap elements of `size` bytes each) with room for at least
 * `need` elements, and at least one (so that NULL always means failure): `items` itself when it has that
 * room; else reallocated to `first` elements when *cap is 0, or to *cap doubled, doubling again until
 * `need` fits, with *cap set to the new capacity.
 * Elements already there keep their values; the new ones are uninitialised.
 * Returns NULL when out of memory or the size would overflow: `items` and *cap are then unchanged, so the
 * caller still owns (and frees) the old array. Typical use:
 *     item *grown = pc_array_reserve(list->items, &list->cap, list->n + 1, sizeof *grown, 64);
 *     if (!grown)
 *         return PC_ENOMEM;
 *     list->items = grown; */
void *pc_array_reserve(void *items, size_t *cap, size_t need, size_t size, size_t first);

/* Orders two uint64_t values (a and b point to them) ascending: -1, 0 or 1, for qsort and bsearch. */
int pc_compare_u64(const void *a, const void *b);

#endif
