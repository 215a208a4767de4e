/* test_line_tally.c — unit tests for line_tally.h: a line is judged repeated once it lies in 3 articles and
 * 30% of its source's (articles already in the index included), judgements are remembered, the judge works
 * through pc_boilerplate_strip_judged, and a full table forgets rare keys but never judged or frequent ones. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "presscut/core/error.h"
#include "presscut/ingest/line_tally.h"

/* Counts one article of source with edge line keys keys[0..n) (distinct). */
static void add(pc_line_tally *t, const char *source, const uint64_t *keys, size_t n)
{
    bool kept[8] = {true, true, true, true, true, true, true, true};
    pc_edge_lines lines = {.keys = (uint64_t *)keys, .kept = kept, .n = n};
    CHECK_INT_EQ(pc_line_tally_add_article(t, source, &lines), PC_OK);
}

/* The number of keys judged repeated so far. */
static size_t judged_count(const pc_line_tally *t)
{
    uint64_t *keys = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_line_tally_judged_keys(t, &keys, &n), PC_OK);
    free(keys);
    return n;
}

static void test_thresholds(void)
{
    pc_line_tally *t = NULL;
    CHECK_INT_EQ(pc_line_tally_new(&t, 0), PC_OK);
    const uint64_t slogan[] = {11}, other[] = {12};
    CHECK(!pc_line_tally_judge(t, 11)); /* never met */
    add(t, "harbour-radio", slogan, 1);
    add(t, "harbour-radio", slogan, 1);
    CHECK(!pc_line_tally_judge(t, 11)); /* 2 articles: too few however large the share */
    add(t, "harbour-radio", slogan, 1);
    CHECK(pc_line_tally_judge(t, 11)); /* 3 of 3 */
    for (int i = 0; i < 7; i++)
        add(t, "harbour-radio", other, 1);
    CHECK(pc_line_tally_judge(t, 11)); /* 3 of 10: 30% */
    add(t, "harbour-radio", other, 1);
    CHECK(!pc_line_tally_judge(t, 11)); /* 3 of 11: under 30% */
    CHECK(pc_line_tally_judge(t, 12));  /* 8 of 11 */
    CHECK(!pc_line_tally_judge(t, 0));

    /* Judged once is remembered, even when the share falls later. */
    uint64_t *keys = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_line_tally_judged_keys(t, &keys, &n), PC_OK);
    CHECK_INT_EQ(n, 2);
    CHECK(n == 2 && keys[0] == 11 && keys[1] == 12);
    free(keys);
    pc_line_tally_free(t);
    pc_line_tally_free(NULL);
}

static void test_indexed_articles_count_in_the_source(void)
{
    pc_line_tally *t = NULL;
    CHECK_INT_EQ(pc_line_tally_new(&t, 0), PC_OK);
    const uint64_t line[] = {21};
    CHECK_INT_EQ(pc_line_tally_add_indexed(t, "lake-weekly", 15), PC_OK);
    CHECK_INT_EQ(pc_line_tally_add_indexed(t, NULL, 1000), PC_OK);
    for (int i = 0; i < 6; i++)
        add(t, "lake-weekly", line, 1);
    CHECK(!pc_line_tally_judge(t, 21)); /* 6 of 21 (15 indexed, 6 new): 29% */
    add(t, "lake-weekly", line, 1);
    CHECK(pc_line_tally_judge(t, 21)); /* 7 of 22: 32% */
    /* Articles without a source are a source of their own. */
    const uint64_t unsourced[] = {22};
    for (int i = 0; i < 3; i++)
        add(t, NULL, unsourced, 1);
    CHECK(!pc_line_tally_judge(t, 22)); /* 3 of 1003 */
    CHECK_INT_EQ(judged_count(t), 1);
    pc_line_tally_free(t);
}

static void test_judge_strips_bodies(void)
{
    pc_line_tally *t = NULL;
    CHECK_INT_EQ(pc_line_tally_new(&t, 0), PC_OK);
    const char *text = "The council met on Monday and agreed the budget after a long debate.\n\n"
                       "Harbour Radio, your voice on the lake";
    /* Three articles read one by one (one file each): the fourth loses the line. */
    for (int i = 0; i < 4; i++) {
        pc_article a = {0};
        a.body = strdup(text);
        a.body_len = strlen(text);
        a.source = strdup("harbour-radio");
        pc_article *list[1] = {&a};
        pc_edge_lines lines = {0};
        size_t removed = 99;
        CHECK_INT_EQ(pc_boilerplate_strip_judged(list, 1, NULL, 0, pc_line_tally_judge, t, &lines, &removed),
                     PC_OK);
        CHECK_INT_EQ(removed, i < 3 ? 0 : 1);
        CHECK_INT_EQ(strstr(a.body, "Harbour Radio") != NULL, i < 3);
        CHECK_INT_EQ(lines.n, 1); /* the slogan (the sentence is too long to be an edge line), as it was */
        CHECK_INT_EQ(lines.n == 1 && lines.kept[0], i < 3);
        CHECK_INT_EQ(pc_line_tally_add_article(t, a.source, &lines), PC_OK);
        pc_edge_lines_clear(&lines);
        pc_article_clear(&a);
    }
    pc_line_tally_free(t);
}

static void test_full_table_forgets_rare_keys(void)
{
    pc_line_tally *t = NULL;
    CHECK_INT_EQ(pc_line_tally_new(&t, 1000), PC_OK);
    const uint64_t footer[] = {7};
    for (int i = 0; i < 3; i++)
        add(t, "wire", footer, 1);
    CHECK(pc_line_tally_judge(t, 7));
    /* 100 000 articles, each with the footer, a line two in five have, and two lines of its own. */
    size_t added = 0;
    for (uint64_t i = 0; i < 100000; i++) {
        uint64_t keys[4] = {7, 1000 + 2 * i, 1001 + 2 * i, 8};
        pc_edge_lines lines = {.keys = keys, .n = i % 5 < 2 ? 4 : 3};
        added += pc_line_tally_add_article(t, "wire", &lines) == PC_OK;
    }
    CHECK_INT_EQ(added, 100000);
    CHECK(pc_line_tally_judge(t, 7));     /* judged and in every article: kept and still repeated */
    CHECK(pc_line_tally_judge(t, 8));     /* never judged before, but met often enough to be kept: 40% */
    CHECK(!pc_line_tally_judge(t, 1000)); /* a line of one article, long forgotten */
    CHECK_INT_EQ(judged_count(t), 2);
    pc_line_tally_free(t);
}

int main(void)
{
    RUN_TEST(test_thresholds);
    RUN_TEST(test_indexed_articles_count_in_the_source);
    RUN_TEST(test_judge_strips_bodies);
    RUN_TEST(test_full_table_forgets_rare_keys);
    return TEST_REPORT();
}
