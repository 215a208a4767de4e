/* test_array.c — unit tests for array.h: first capacity, doubling, a large need, no change when there is room,
 * overflow refused with the old array kept. */
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "presscut/core/array.h"

static void test_grow_by_doubling(void)
{
    int *items = NULL;
    size_t cap = 0;
    int *grown = pc_array_reserve(items, &cap, 1, sizeof *items, 4);
    CHECK(grown != NULL);
    CHECK_INT_EQ(cap, 4);
    items = grown;
    for (int i = 0; i < 4; i++)
        items[i] = i;
    CHECK(pc_array_reserve(items, &cap, 4, sizeof *items, 4) == items); /* room enough: nothing changes */
    CHECK_INT_EQ(cap, 4);
    items = pc_array_reserve(items, &cap, 5, sizeof *items, 4);
    CHECK(items != NULL);
    CHECK_INT_EQ(cap, 8);
    CHECK(items[0] == 0 && items[3] == 3); /* kept */
    items = pc_array_reserve(items, &cap, 100, sizeof *items, 4);
    CHECK(items != NULL);
    CHECK_INT_EQ(cap, 128); /* doubled until it fits */
    free(items);
}

static void test_overflow_keeps_the_array(void)
{
    char *items = NULL;
    size_t cap = 0;
    items = pc_array_reserve(items, &cap, 10, 1, 16);
    CHECK(items != NULL);
    items[0] = 'k';
    CHECK(pc_array_reserve(items, &cap, SIZE_MAX / 4, 8, 16) == NULL);
    CHECK_INT_EQ(cap, 16);
    CHECK(pc_array_reserve(items, &cap, SIZE_MAX, 1, 16) == NULL);
    CHECK_INT_EQ(cap, 16);
    CHECK(items[0] == 'k');
    free(items);
}

int main(void)
{
    RUN_TEST(test_grow_by_doubling);
    RUN_TEST(test_overflow_keeps_the_array);
    return TEST_REPORT();
}
