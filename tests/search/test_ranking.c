/* test_ranking.c — pc_rank_hits: grouping passages by article, the best passage, the title bonus, title-only
 * hits, per-passage hits, deterministic ties, a large input, article-level evidence, and the passage shown;
 * the accumulator behind it: memory per article, not per passage, and the match ranges of the passage shown. */
#include "presscut/search/ranking.h"

#include <malloc.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static long long pid(long long day, long long n)
{
    return (day << 32) | n;
}

static pc_rank_params plain_params(void)
{
    pc_rank_params p;
    pc_rank_params_default(&p);
    p.title_weight = 2.0;
    p.passages_weight = 0.5;
    p.article_weight = 0.0; /* these tests give no article-level evidence: see test_article_level */
    return p;
}

/* A scored passage without evidence for article-level scoring. */
#define SP(passage, article, score_) {.passage_id = (passage), .article_id = (article), .score = (score_)}

static void test_hits_grouping(void)
{
    pc_rank_params p = plain_params();
    pc_scored_passage ps[] = {
        SP(pid(100, 1), 10, 1.0), SP(pid(100, 2), 10, 3.0), SP(pid(100, 3), 10, 2.0), /* article 10: best is passage 2 */
        SP(pid(200, 1), 20, 2.5),                                                     /* article 20 */
        SP(pid(300, 5), 30, 1.5), SP(pid(300, 6), 30, 1.5),                             /* equal: earliest wins */
    };
    pc_ranked_hit *hits = NULL;
    size_t n = 99;
    pc_error err;
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, ps, 6, NULL, 0, NULL, 0, false, false, &hits, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 3);
    if (n == 3) {
        CHECK_INT_EQ(hits[0].article_id, 10);
        CHECK_INT_EQ(hits[0].passage_id, pid(100, 2));
        CHECK_INT_EQ(hits[0].matching_passages, 3);
        CHECK(fabs(hits[0].score - (3.0 + 0.5 * log(3.0))) < 1e-12);
        CHECK(hits[0].title_coverage == 0.0);
        CHECK_INT_EQ(hits[1].article_id, 20);
        CHECK_INT_EQ(hits[1].matching_passages, 1);
        CHECK(fabs(hits[1].score - 2.5) < 1e-12);
        CHECK_INT_EQ(hits[2].article_id, 30);
        CHECK_INT_EQ(hits[2].passage_id, pid(300, 5));
        CHECK_INT_EQ(hits[2].matching_passages, 2);
    }
    free(hits);
    /* nothing in, nothing out */
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, NULL, 0, NULL, 0, NULL, 0, true, false, &hits, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 0);
    CHECK(hits == NULL);
}

static void test_hits_ties(void)
{
    pc_rank_params p = plain_params();
    /* equal scores: newer day first, then lower article id, whatever the input order */
    pc_scored_passage ps[] = {
        SP(pid(5, 1), 7, 2.0), SP(pid(9, 1), 8, 2.0), SP(pid(5, 2), 3, 2.0), SP(pid(1, 1), 1, 4.0), SP(pid(9, 3), 12, 2.0),
    };
    pc_ranked_hit *hits = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, ps, 5, NULL, 0, NULL, 0, false, false, &hits, &n, NULL), PC_OK);
    CHECK_INT_EQ(n, 5);
    if (n == 5) {
        CHECK_INT_EQ(hits[0].article_id, 1);  /* best score */
        CHECK_INT_EQ(hits[1].article_id, 8);  /* day 9 */
        CHECK_INT_EQ(hits[2].article_id, 12); /* day 9, higher id */
        CHECK_INT_EQ(hits[3].article_id, 3);  /* day 5 */
        CHECK_INT_EQ(hits[4].article_id, 7);
    }
    /* reversed input, same order out */
    pc_scored_passage rev[5];
    for (int i = 0; i < 5; i++)
        rev[i] = ps[4 - i];
    pc_ranked_hit *again = NULL;
    size_t m = 0;
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, rev, 5, NULL, 0, NULL, 0, false, false, &again, &m, NULL), PC_OK);
    CHECK_INT_EQ(m, n);
    if (m == n && n == 5)
        CHECK(memcmp(hits, again, n * sizeof *hits) == 0);
    free(hits);
    free(again);
}

static void test_hits_titles(void)
{
    pc_rank_params p = plain_params();
    pc_scored_passage ps[] = {SP(pid(10, 1), 1, 1.0), SP(pid(20, 1), 2, 1.5)};
    pc_title_match ts[] = {
        {1, 10, 1.0},  /* article 1: its title holds every word -> +2.0 */
        {3, 30, 0.5},  /* article 3: title only */
        {4, 40, 0.5},  /* article 4: title only, newer */
    };
    pc_ranked_hit *hits = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, ps, 2, ts, 3, NULL, 0, false, false, &hits, &n, NULL), PC_OK);
    CHECK_INT_EQ(n, 2);
    if (n == 2) {
        CHECK_INT_EQ(hits[0].article_id, 1);
        CHECK(fabs(hits[0].score - 3.0) < 1e-12);
        CHECK(fabs(hits[0].title_coverage - 1.0) < 1e-12);
        CHECK_INT_EQ(hits[1].article_id, 2);
    }
    free(hits);
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, ps, 2, ts, 3, NULL, 0, true, false, &hits, &n, NULL), PC_OK);
    CHECK_INT_EQ(n, 4);
    if (n == 4) {
        CHECK_INT_EQ(hits[0].article_id, 1);
        CHECK_INT_EQ(hits[1].article_id, 2);
        CHECK_INT_EQ(hits[2].article_id, 4); /* 1.0 each; newer first */
        CHECK_INT_EQ(hits[2].passage_id, 0);
        CHECK_INT_EQ(hits[2].matching_passages, 0);
        CHECK(fabs(hits[2].score - 1.0) < 1e-12);
        CHECK(fabs(hits[2].title_coverage - 0.5) < 1e-12);
        CHECK_INT_EQ(hits[3].article_id, 3);
        CHECK_INT_EQ(hits[3].passage_id, 0);
    }
    free(hits);
}

static void test_hits_per_passage(void)
{
    pc_rank_params p = plain_params();
    pc_scored_passage ps[] = {
        SP(pid(10, 1), 1, 1.0), SP(pid(10, 2), 1, 3.0), SP(pid(20, 1), 2, 2.0), SP(pid(10, 3), 1, 2.0),
    };
    pc_title_match ts[] = {{2, 20, 0.5}, {9, 90, 1.0}};
    pc_ranked_hit *hits = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, ps, 4, ts, 2, NULL, 0, false, true, &hits, &n, NULL), PC_OK);
    CHECK_INT_EQ(n, 4);
    if (n == 4) {
        CHECK_INT_EQ(hits[0].article_id, 2); /* 2.0 + 2.0 * 0.5 = 3.0, day 20 beats day 10 */
        CHECK(fabs(hits[0].score - 3.0) < 1e-12);
        CHECK_INT_EQ(hits[1].passage_id, pid(10, 2));
        CHECK_INT_EQ(hits[2].passage_id, pid(10, 3));
        CHECK_INT_EQ(hits[3].passage_id, pid(10, 1));
        for (size_t i = 0; i < n; i++)
            CHECK_INT_EQ(hits[i].matching_passages, 1);
    }
    free(hits);
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, ps, 4, ts, 2, NULL, 0, true, true, &hits, &n, NULL), PC_OK);
    CHECK_INT_EQ(n, 5);
    if (n == 5) {
        CHECK_INT_EQ(hits[0].article_id, 2);
        CHECK_INT_EQ(hits[2].article_id, 9); /* title only: 2.0, day 90: before the passage of 2.0 of day 10 */
        CHECK_INT_EQ(hits[2].passage_id, 0);
        CHECK_INT_EQ(hits[3].passage_id, pid(10, 3));
    }
    free(hits);
}

static void test_hits_large(void)
{
    /* 200 000 passages of 20 000 articles: grouped correctly, best first, counts right */
    size_t np = 200000;
    pc_scored_passage *ps = malloc(np * sizeof *ps);
    CHECK(ps != NULL);
    if (!ps)
        return;
    unsigned seed = 12345;
    for (size_t i = 0; i < np; i++) {
        seed = seed * 1103515245u + 12345u;
        long long article = (long long)(i % 20000) + 1;
        ps[i] = (pc_scored_passage)SP(pid(article % 365, (long long)(i / 20000)), article,
                                      (double)((seed >> 8) % 1000) / 100.0);
    }
    pc_rank_params p = plain_params();
    pc_ranked_hit *hits = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, ps, np, NULL, 0, NULL, 0, false, false, &hits, &n, NULL), PC_OK);
    CHECK_INT_EQ(n, 20000);
    bool ordered = true, counts = true;
    for (size_t i = 0; i < n; i++) {
        counts = counts && hits[i].matching_passages == 10;
        if (i > 0 && hits[i].score > hits[i - 1].score)
            ordered = false;
    }
    CHECK(ordered);
    CHECK(counts);
    free(hits);
    free(ps);
}

/* Article-level evidence: an article that mentions the query's words across several passages outranks one
 * with a single slightly better passage, once article_weight counts; a longer article weighs less. */
static void test_article_level(void)
{
    pc_rank_params p = plain_params();
    pc_rank_query_stats stats = {.n_phrases = 2, .idf = {2.0f, 2.0f}, .avg_passage_length = 100,
                                 .passages = 40, .articles = 10, .body_bytes = 40000};
    pc_scored_passage ps[4] = {SP(pid(100, 1), 1, 3.0), SP(pid(100, 2), 2, 2.5), SP(pid(100, 3), 2, 2.5),
                               SP(pid(100, 4), 2, 2.0)};
    ps[0].tf[0] = 2; /* article 1: one passage with the first word twice */
    ps[1].tf[0] = 1; /* article 2: both words, spread over three passages */
    ps[2].tf[1] = 1;
    ps[3].tf[0] = 1;
    pc_article_facts facts[2] = {{.article_id = 1, .cluster = 1, .body_bytes = 4000},
                                 {.article_id = 2, .cluster = 2, .body_bytes = 4000}};
    pc_ranked_hit *hits = NULL;
    size_t n = 0;
    p.passages_weight = 0;
    CHECK_INT_EQ(pc_rank_hits(&p, &stats, ps, 4, NULL, 0, facts, 2, false, false, &hits, &n, NULL), PC_OK);
    CHECK_INT_EQ(n, 2);
    if (n == 2)
        CHECK_INT_EQ(hits[0].article_id, 1); /* without article weight, the best passage decides */
    free(hits);
    p.article_weight = 1.0;
    CHECK_INT_EQ(pc_rank_hits(&p, &stats, ps, 4, NULL, 0, facts, 2, false, false, &hits, &n, NULL), PC_OK);
    if (n == 2)
        CHECK_INT_EQ(hits[0].article_id, 2);
    free(hits);
    /* The same evidence in a body four times as long scores lower. */
    facts[1].body_bytes = 16000;
    double before = 0;
    CHECK_INT_EQ(pc_rank_hits(&p, &stats, ps + 1, 3, NULL, 0, facts, 2, false, false, &hits, &n, NULL), PC_OK);
    if (n == 1)
        before = hits[0].score;
    free(hits);
    facts[1].body_bytes = 4000;
    CHECK_INT_EQ(pc_rank_hits(&p, &stats, ps + 1, 3, NULL, 0, facts, 2, false, false, &hits, &n, NULL), PC_OK);
    if (n == 1)
        CHECK(hits[0].score > before);
    free(hits);
}

/* Facts are found by article id in facts sorted by id; an absent id or an empty array gives NULL. */
static void test_facts_find(void)
{
    static const pc_article_facts facts[] = {{.article_id = 3, .cluster = 3}, {.article_id = 8, .cluster = 3},
                                             {.article_id = 21, .cluster = 21}};
    CHECK(pc_article_facts_find(facts, 3, 8) == &facts[1]);
    CHECK(pc_article_facts_find(facts, 3, 3) == &facts[0]);
    CHECK(pc_article_facts_find(facts, 3, 21) == &facts[2]);
    CHECK(pc_article_facts_find(facts, 3, 9) == NULL);
    CHECK(pc_article_facts_find(NULL, 0, 3) == NULL);
}

/* The passage shown is the one holding the query's telling (rarer than average) phrases, even when another
 * passage scores higher by repeating a plain one; the article's score and order do not change. */
static void test_answer_passage(void)
{
    pc_rank_params p = plain_params();
    /* phrase 0 plain ("she", idf 1), phrase 1 telling ("died", idf 5): mean 3, so "died" adds 2 * weight */
    pc_rank_query_stats stats = {.n_phrases = 2, .idf = {1.0f, 5.0f}, .avg_passage_length = 50,
                                 .passages = 1000, .articles = 100};
    pc_scored_passage ps[] = {
        {.passage_id = pid(7, 1), .article_id = 1, .score = 4.0, .length = 50, .tf = {1, 1}},
        {.passage_id = pid(7, 2), .article_id = 1, .score = 5.0, .length = 50, .tf = {6, 0}},
        {.passage_id = pid(8, 1), .article_id = 2, .score = 4.5, .length = 50, .tf = {3, 0}},
    };
    pc_ranked_hit *hits = NULL;
    size_t n = 0;
    p.coverage_weight = 1.0;
    CHECK_INT_EQ(pc_rank_hits(&p, &stats, ps, 3, NULL, 0, NULL, 0, false, false, &hits, &n, NULL), PC_OK);
    CHECK_INT_EQ(n, 2);
    if (n == 2) {
        CHECK_INT_EQ(hits[0].article_id, 1);
        CHECK_INT_EQ(hits[0].passage_id, pid(7, 1)); /* 4 + 2 beats 5 */
        CHECK(fabs(hits[0].score - (5.0 + 0.5 * log(2.0))) < 1e-12); /* still from the best-scoring passage */
        CHECK_INT_EQ(hits[1].passage_id, pid(8, 1));
    }
    free(hits);
    p.coverage_weight = 0.4; /* 4 + 0.8 < 5: the best-scoring passage again */
    CHECK_INT_EQ(pc_rank_hits(&p, &stats, ps, 3, NULL, 0, NULL, 0, false, false, &hits, &n, NULL), PC_OK);
    CHECK(n == 2 && hits[0].passage_id == pid(7, 2));
    free(hits);
    /* per-passage hits are not affected */
    p.coverage_weight = 1.0;
    CHECK_INT_EQ(pc_rank_hits(&p, &stats, ps, 3, NULL, 0, NULL, 0, false, true, &hits, &n, NULL), PC_OK);
    CHECK(n == 3 && hits[0].passage_id == pid(7, 2));
    free(hits);
}

/* Bytes the heap holds now (glibc). */
static size_t heap_in_use(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

/* Fed one passage at a time, ranking keeps a few numbers per article: 200,000 passages of 100 articles
 * (every one with 4 phrases and a match range, as a common word's passages come from the store) must not
 * hold memory for each passage. Holding them, as a search did, took some 60 MB. */
static void test_acc_memory_per_article(void)
{
    pc_rank_params p;
    pc_rank_params_default(&p);
    pc_rank_query_stats stats = {.n_phrases = 4, .avg_passage_length = 50, .passages = 200000, .articles = 1000,
                                 .body_bytes = 1000000};
    for (int ph = 0; ph < 4; ph++)
        stats.idf[ph] = 1.0f + (float)ph;
    pc_rank_acc *acc = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_rank_acc_new(&p, &stats, false, &acc, &err), PC_OK);
    size_t before = heap_in_use();
    size_t peak = before;
    int rc = PC_OK;
    for (long long i = 0; rc == PC_OK && i < 200000; i++) {
        long long article = i % 100 + 1;
        pc_scored_passage sp = {.passage_id = pid(article, i + 1), .article_id = article,
                                .score = (double)((i * 7919) % 1000) / 100.0, .length = 40,
                                .tf = {1, (float)(i % 3), 0, 2}};
        pc_token_range range = {(int)(i % 40), (int)(i % 40)};
        rc = pc_rank_acc_add(acc, &sp, &range, 1);
        size_t now = heap_in_use();
        if (now > peak)
            peak = now;
    }
    CHECK_INT_EQ(rc, PC_OK);
    CHECK(peak - before < 512 * 1024);
    pc_ranked_hit *hits = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_rank_acc_finish(acc, NULL, 0, NULL, 0, true, &hits, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 100);
    long long passages = 0;
    for (size_t i = 0; i < n; i++)
        passages += hits[i].matching_passages;
    CHECK_INT_EQ(passages, 200000);
    free(hits);
    pc_rank_acc_free(acc);
}

/* The hits pc_rank_acc gives are pc_rank_hits', whatever order the passages come in, and each carries the
 * match ranges of the passage it shows (not of the best-scoring one, nor of the last one added). */
static void test_acc_ranges_of_shown_passage(void)
{
    pc_rank_params p = plain_params();
    pc_scored_passage ps[] = {
        SP(pid(5, 1), 1, 1.0), SP(pid(5, 2), 1, 3.0), SP(pid(5, 3), 1, 2.0), /* article 1 shows passage 2 */
        SP(pid(6, 1), 2, 2.0), SP(pid(6, 2), 2, 2.0),                       /* article 2: the earlier one */
    };
    pc_token_range ranges[][2] = {{{1, 1}, {0, 0}}, {{2, 3}, {7, 7}}, {{4, 4}, {0, 0}}, {{5, 5}, {0, 0}},
                                  {{6, 6}, {0, 0}}};
    size_t n_ranges[] = {1, 2, 1, 1, 1};
    size_t orders[][5] = {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 4, 1, 3, 0}};
    pc_ranked_hit *want = NULL;
    size_t n_want = 0;
    CHECK_INT_EQ(pc_rank_hits(&p, NULL, ps, 5, NULL, 0, NULL, 0, false, false, &want, &n_want, NULL), PC_OK);
    CHECK_INT_EQ(n_want, 2);
    for (size_t o = 0; o < 3 && n_want == 2; o++) {
        pc_rank_acc *acc = NULL;
        CHECK_INT_EQ(pc_rank_acc_new(&p, NULL, false, &acc, NULL), PC_OK);
        for (size_t k = 0; k < 5; k++)
            CHECK_INT_EQ(pc_rank_acc_add(acc, &ps[orders[o][k]], ranges[orders[o][k]], n_ranges[orders[o][k]]), PC_OK);
        pc_ranked_hit *hits = NULL;
        size_t n = 0;
        CHECK_INT_EQ(pc_rank_acc_finish(acc, NULL, 0, NULL, 0, false, &hits, &n, NULL), PC_OK);
        const pc_token_range *kept = pc_rank_acc_ranges(acc);
        CHECK(kept != NULL);
        CHECK_INT_EQ(n, 2);
        for (size_t i = 0; i < n && n == 2 && kept; i++) {
            CHECK_INT_EQ(hits[i].article_id, want[i].article_id);
            CHECK_INT_EQ(hits[i].passage_id, want[i].passage_id);
            CHECK(hits[i].score == want[i].score);
        }
        if (n == 2 && kept) {
            CHECK_INT_EQ(hits[0].passage_id, pid(5, 2));
            CHECK_INT_EQ(hits[0].n_matches, 2);
            CHECK_INT_EQ(kept[hits[0].first_match].first, 2);
            CHECK_INT_EQ(kept[hits[0].first_match + 1].first, 7);
            CHECK_INT_EQ(hits[1].passage_id, pid(6, 1));
            CHECK_INT_EQ(hits[1].n_matches, 1);
            CHECK_INT_EQ(kept[hits[1].first_match].first, 5);
        }
        free(hits);
        pc_rank_acc_free(acc);
    }
    free(want);
    /* without ranges, none to show */
    pc_rank_acc *acc = NULL;
    CHECK_INT_EQ(pc_rank_acc_new(&p, NULL, false, &acc, NULL), PC_OK);
    CHECK_INT_EQ(pc_rank_acc_add(acc, &ps[0], NULL, 0), PC_OK);
    CHECK(pc_rank_acc_ranges(acc) == NULL);
    pc_rank_acc_free(acc);
}

int main(void)
{
    RUN_TEST(test_hits_grouping);
    RUN_TEST(test_hits_ties);
    RUN_TEST(test_hits_titles);
    RUN_TEST(test_hits_per_passage);
    RUN_TEST(test_hits_large);
    RUN_TEST(test_article_level);
    RUN_TEST(test_answer_passage);
    RUN_TEST(test_facts_find);
    RUN_TEST(test_acc_memory_per_article);
    RUN_TEST(test_acc_ranges_of_shown_passage);
    return TEST_REPORT();
}
