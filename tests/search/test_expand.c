/* test_expand.c — pc_expansion_choose: words counted by stem, weighed by their share of each article and the
 * article's score, the question's own words, numbers and too common words passed over, ties broken by bytes. */
#include "presscut/search/expand.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* A fake index: "the", "was", "in", "were", "about" are in too many passages (as surface or English stem
 * term); counts how often it was asked. */
static int fake_common(void *payload, const char *term, size_t len, bool *common, pc_error *err)
{
    (void)err;
    (*(int *)payload)++;
    if (len > 4 && term[0] == '\x01') { /* "\x01en:" + stem */
        term += 4;
        len -= 4;
    }
    static const char *const everywhere[] = {"the", "was", "in", "were", "about"};
    *common = false;
    for (size_t i = 0; i < sizeof everywhere / sizeof everywhere[0]; i++)
        *common = *common || (strlen(everywhere[i]) == len && memcmp(everywhere[i], term, len) == 0);
    return PC_OK;
}

static pc_feedback_article doc(const char *text, double score)
{
    return (pc_feedback_article){"en", text, strlen(text), score};
}

static void test_choose(void)
{
    pc_analyzer *a = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_analyzer_new(&a, NULL, &err), PC_OK);
    pc_feedback_article docs[] = {
        doc("The treaty was signed in Moscow in 1963. Moscow elections; the election in Moscow.", 20.0),
        doc("The treaty talks in Geneva were about elections.", 19.0),
        doc("Bananas bananas bananas.", 5.0), /* far below the best: lends almost nothing */
    };
    const char *excluded[] = {"treaty", "\x01" "en:treati"};
    size_t excluded_len[] = {6, 10};
    int asked = 0;
    pc_expansion_word *w = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_expansion_choose(a, docs, 3, excluded, excluded_len, 2, 4, 1.0, fake_common, &asked, &w, &n,
                                     &err),
                 PC_OK);
    CHECK_INT_EQ(n, 4);
    if (n == 4) {
        /* moscow: 3 of the 14 words of the best article; election(s): 2 of 14, + 1 of 8 at e^-1 */
        CHECK_STR_EQ(w[0].word, "moscow");
        CHECK_STR_EQ(w[1].word, "elections"); /* one word by its stem, shown as its commonest form (tie: first) */
        double sum = 0;
        for (size_t i = 0; i < n; i++) {
            sum += w[i].weight;
            CHECK(strcmp(w[i].word, "treaty") != 0); /* the question's */
            CHECK(strcmp(w[i].word, "the") != 0 && strcmp(w[i].word, "was") != 0); /* too common */
            CHECK(strcmp(w[i].word, "1963") != 0); /* no letter */
            CHECK(strcmp(w[i].word, "bananas") != 0);
        }
        CHECK(fabs(sum - 1.0) < 1e-9);
        CHECK(w[0].weight > w[1].weight && w[1].weight >= w[2].weight && w[2].weight >= w[3].weight);
        double moscow = 3.0 / 14, elections = 2.0 / 14 + exp(-1.0) / 8;
        CHECK(fabs(w[0].weight / w[1].weight - moscow / elections) < 1e-9);
    }
    CHECK(asked >= 4);
    pc_expansion_words_free(w, n);

    /* Equal scores: every article lends alike, so the bananas count */
    docs[2].score = 20.0;
    docs[1].score = 20.0;
    CHECK_INT_EQ(pc_expansion_choose(a, docs, 3, excluded, excluded_len, 2, 1, 1.0, fake_common, &asked, &w, &n,
                                     &err),
                 PC_OK);
    CHECK(n == 1 && strcmp(w[0].word, "bananas") == 0 && w[0].weight == 1.0);
    pc_expansion_words_free(w, n);

    /* Nothing to choose from */
    CHECK_INT_EQ(pc_expansion_choose(a, docs, 0, NULL, NULL, 0, 5, 1.0, NULL, NULL, &w, &n, &err), PC_OK);
    CHECK(w == NULL && n == 0);
    pc_analyzer_free(a);
}

int main(void)
{
    RUN_TEST(test_choose);
    return TEST_REPORT();
}
