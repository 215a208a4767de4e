/* test_suggest.c — unit tests of "did you mean": the bounded Damerau-Levenshtein distance on code points
 * (Latin and Cyrillic, transpositions, the early exit), the largest distance by word length, the ranking of
 * candidates (distance against frequency) and the list that keeps the best of them. */
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "presscut/core/utf8.h"
#include "presscut/search/suggest.h"

/* The distance between two UTF-8 words, decoded into code points, with `limit`. */
static int distance(const char *a, const char *b, int limit)
{
    uint32_t ca[PC_MAX_TERM_BYTES], cb[PC_MAX_TERM_BYTES];
    size_t na = 0, nb = 0;
    for (size_t at = 0, len = strlen(a); at < len;) {
        unsigned int cp;
        at += pc_utf8_next(a + at, len - at, &cp);
        ca[na++] = cp;
    }
    for (size_t at = 0, len = strlen(b); at < len;) {
        unsigned int cp;
        at += pc_utf8_next(b + at, len - at, &cp);
        cb[nb++] = cp;
    }
    return pc_edit_distance(ca, na, cb, nb, limit);
}

static void test_distance(void)
{
    CHECK_INT_EQ(distance("peskov", "peskov", 2), 0);
    CHECK_INT_EQ(distance("peskow", "peskov", 2), 1);      /* substitution */
    CHECK_INT_EQ(distance("oshchadbank", "oschadbank", 2), 1); /* deletion */
    CHECK_INT_EQ(distance("zelenksy", "zelensky", 2), 1);  /* one transposition, not two substitutions */
    CHECK_INT_EQ(distance("zelenksy", "zelenskyy", 3), 2);
    CHECK_INT_EQ(distance("abc", "ca", 5), 3);             /* optimal string alignment: no edit twice */
    CHECK_INT_EQ(distance("", "abc", 5), 3);
    CHECK_INT_EQ(distance("kitten", "sitting", 5), 3);
    /* Characters, not bytes: one Cyrillic letter is one edit (two bytes each). */
    CHECK_INT_EQ(distance("пескоу", "песков", 2), 1);
    CHECK_INT_EQ(distance("кибератака", "кібератака", 2), 1);
    CHECK_INT_EQ(distance("зеленський", "зеленский", 2), 1);
    CHECK_INT_EQ(distance("зеленський", "зеленского", 5), 4);
    /* Over the limit: limit + 1, also when the lengths alone tell. */
    CHECK_INT_EQ(distance("peskow", "moscow", 1), 2);
    CHECK_INT_EQ(distance("peskow", "pes", 2), 3);
    CHECK_INT_EQ(distance("abcdefgh", "hgfedcba", 2), 3);
    /* A transposition late in the words is still found after rows above the limit are skipped over. */
    CHECK_INT_EQ(distance("xyab", "yxba", 2), 2);
}

static void test_max_distance(void)
{
    CHECK_INT_EQ(pc_suggest_max_distance(2), 0);
    CHECK_INT_EQ(pc_suggest_max_distance(3), 1);
    CHECK_INT_EQ(pc_suggest_max_distance(5), 1);
    CHECK_INT_EQ(pc_suggest_max_distance(6), 2);
}

static void test_ranking(void)
{
    pc_suggestion near_rare = {.text = "peskov", .distance = 1, .passages = 14};
    pc_suggestion far_common = {.text = "moscow", .distance = 2, .passages = 100};
    pc_suggestion far_very_common = {.text = "russia", .distance = 2, .passages = 1000};
    CHECK(pc_suggestion_compare(&near_rare, &far_common) < 0);      /* 14/10 > 100/100 */
    CHECK(pc_suggestion_compare(&far_very_common, &near_rare) < 0); /* 1000/100 > 14/10 */
    pc_suggestion a = {.text = "aaa", .distance = 1, .passages = 10};
    pc_suggestion b = {.text = "bbb", .distance = 1, .passages = 10};
    pc_suggestion c = {.text = "ccc", .distance = 2, .passages = 100};
    CHECK(pc_suggestion_compare(&a, &b) < 0);   /* equal weight and distance: by bytes */
    CHECK(pc_suggestion_compare(&a, &c) < 0);   /* equal weight: the nearer first */
    CHECK_INT_EQ(pc_suggestion_compare(&a, &a), 0);
}

static void test_list(void)
{
    pc_suggest_list l;
    pc_suggest_list_init(&l, "peskow", strlen("peskow"));
    CHECK_INT_EQ(l.chars, 6);
    CHECK_INT_EQ(l.max_distance, 2);
    const struct {
        const char *term;
        long long passages;
    } vocab[] = {{"peska", 1}, {"peskov", 14}, {"peskow", 50}, {"pieskow", 3}, {"poslow", 2}, {"paris", 900},
                 {"peskowski", 9}, {"pesko", 0}, {"peskovs", 40}};
    for (size_t i = 0; i < sizeof vocab / sizeof vocab[0]; i++)
        CHECK_INT_EQ(pc_suggest_list_offer(&l, vocab[i].term, strlen(vocab[i].term), vocab[i].passages), 0);
    /* Weights: peskov 14/10, peskovs 40/100, pieskow 3/10, poslow 2/100, peska 1/100. The word itself, words
     * too far (paris, peskowski) and words in no passage (pesko) are never kept. */
    CHECK_INT_EQ(l.n, 3);
    CHECK_STR_EQ(l.items[0].text, "peskov");
    CHECK_INT_EQ(l.items[0].distance, 1);
    CHECK_INT_EQ(l.items[0].passages, 14);
    CHECK_STR_EQ(l.items[1].text, "peskovs");
    CHECK_STR_EQ(l.items[2].text, "pieskow");
    pc_suggest_list_clear(&l);
    CHECK_INT_EQ(l.n, 0);

    /* Cyrillic counts characters; short words and words with digits get nothing. */
    pc_suggest_list_init(&l, "пескоу", strlen("пескоу"));
    CHECK_INT_EQ(l.chars, 6);
    CHECK_INT_EQ(pc_suggest_list_offer(&l, "песков", strlen("песков"), 20), 0);
    CHECK_INT_EQ(l.n, 1);
    pc_suggest_list_clear(&l);
    pc_suggest_list_init(&l, "ab", 2);
    CHECK_INT_EQ(pc_suggest_list_offer(&l, "ac", 2, 100), 0);
    CHECK_INT_EQ(l.n, 0);
    pc_suggest_list_init(&l, "covid19", 7);
    CHECK_INT_EQ(pc_suggest_list_offer(&l, "covid18", 7, 100), 0);
    CHECK_INT_EQ(l.n, 0);
    pc_suggest_list_clear(&l);
}

int main(void)
{
    RUN_TEST(test_distance);
    RUN_TEST(test_max_distance);
    RUN_TEST(test_ranking);
    RUN_TEST(test_list);
    return TEST_REPORT();
}
