/* test_spelling.c — unit tests of the other spellings added to a query tree (spelling.h), on a made-up
 * vocabulary: a word split into a phrase of index words, a hyphenated word and a phrase joined into an index
 * word, Cyrillic, and what is left alone (parts too short or not in the index, a phrase that never occurs,
 * exact words, prefixes, NEAR groups, two separate words). */
#include <string.h>

#include "harness.h"
#include "presscut/search/query.h"
#include "presscut/search/spelling.h"

static pc_analyzer *analyzer;

/* The made-up index: its words (any form) and the phrases that occur. "attacks" is an index word in its
 * stemmed sense only ("attack" is its surface). */
static const char *const surfaces[] = {"cyber", "attack", "cyberattack", "кібер", "атака", "кібератака", "now",
                                       "here", "war", "time", "wartime", "a", "side", "aside", NULL};
static const char *const phrases[] = {"cyber attack", "кібер атака", "now here", "a side", NULL};

static bool listed(const char *const *list, const char *s, size_t len)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

static int fake_word_known(void *payload, const char *word, size_t len, bool exact, bool *known, pc_error *err)
{
    (void)payload;
    (void)err;
    *known = listed(surfaces, word, len) || (!exact && len == 7 && memcmp(word, "attacks", 7) == 0) ||
             (!exact && len == 12 && memcmp(word, "cyberattacks", 12) == 0);
    return PC_OK;
}

static int fake_phrase_occurs(void *payload, const pc_qnode *phrase, bool *occurs, pc_error *err)
{
    (void)payload;
    (void)err;
    char text[256] = "";
    for (size_t i = 0; i < phrase->n_words; i++) {
        if (i)
            strcat(text, " ");
        strcat(text, phrase->words[i].text);
    }
    *occurs = listed(phrases, text, strlen(text)) || strcmp(text, "cyber attacks") == 0;
    return PC_OK;
}

/* The query's tree with its spellings added, as --explain describes it (static buffer). */
static const char *rewritten(const char *text)
{
    static char out[4096];
    pc_query *q = NULL;
    pc_error err;
    pc_error_clear(&err);
    CHECK_INT_EQ(pc_query_parse(analyzer, text, NULL, &q, &err), PC_OK);
    if (!q)
        return "(parse failed)";
    pc_spelling_vocab vocab = {.word_known = fake_word_known, .phrase_occurs = fake_phrase_occurs};
    CHECK_INT_EQ(pc_query_add_spellings(analyzer, &q->root, &vocab, &err), PC_OK);
    CHECK_INT_EQ(pc_query_add_spellings(analyzer, &q->filters.title, &vocab, &err), PC_OK);
    char *described = NULL;
    CHECK_INT_EQ(pc_query_describe(q, &described, &err), PC_OK);
    snprintf(out, sizeof out, "%s", described ? described : "(none)");
    free(described);
    pc_query_free(q);
    return out;
}

#define ADDED "   (another spelling, found in the index)"

static void test_joined_word_finds_the_split_phrase(void)
{
    CHECK_STR_EQ(rewritten("cyberattack"), "OR\n  cyberattack\n  \"cyber attack\"" ADDED "\n");
    CHECK_STR_EQ(rewritten("Cyberattack"), "OR\n  Cyberattack\n  \"cyber attack\"" ADDED "\n");
    CHECK_STR_EQ(rewritten("кібератака"), "OR\n  кібератака\n  \"кібер атака\"" ADDED "\n");
    /* The parts must be in the index in these very forms: here "attacks" is only a form of "attack". */
    CHECK_STR_EQ(rewritten("cyberattacks"), "cyberattacks\n");
    CHECK_STR_EQ(rewritten("nowhere"), "OR\n  nowhere\n  \"now here\"" ADDED "\n");
}

static void test_split_words_find_the_joined_word(void)
{
    CHECK_STR_EQ(rewritten("cyber-attack"), "OR\n  cyber-attack\n  cyberattack" ADDED "\n");
    CHECK_STR_EQ(rewritten("\"cyber attack\""), "OR\n  \"cyber attack\"\n  cyberattack" ADDED "\n");
    CHECK_STR_EQ(rewritten("\"Cyber attacks\""), "OR\n  \"Cyber attacks\"\n  cyberattacks" ADDED "\n");
    CHECK_STR_EQ(rewritten("кібер-атака"), "OR\n  кібер-атака\n  кібератака" ADDED "\n");
    /* In a longer phrase, the two neighbours are joined and the rest stays a phrase, if it occurs. */
    CHECK_STR_EQ(rewritten("\"war time cyber attack\""), "\"war time cyber attack\"\n");
    /* Inside a tree: each term gets its own OR; NOT and title: too. */
    CHECK_STR_EQ(rewritten("wartime -cyberattack title:\"war time\""),
                 "AND\n  wartime\n  NOT\n    OR\n      cyberattack\n      \"cyber attack\"" ADDED "\n"
                 "title:\n  OR\n    \"war time\"\n    wartime" ADDED "\n");
}

static void test_left_alone(void)
{
    CHECK_STR_EQ(rewritten("aside"), "aside\n");               /* "a" is shorter than PC_SPELLING_MIN_PART */
    CHECK_STR_EQ(rewritten("wartime"), "wartime\n");           /* "war time" never occurs */
    CHECK_STR_EQ(rewritten("=cyberattack"), "=cyberattack\n"); /* this form only */
    CHECK_STR_EQ(rewritten("\"=cyber attack\""), "\"=cyber attack\"\n");
    CHECK_STR_EQ(rewritten("cyberatt*"), "cyberatt*\n");
    CHECK_STR_EQ(rewritten("cyber attack"), "AND\n  cyber\n  attack\n"); /* two words are two words */
    CHECK_STR_EQ(rewritten("NEAR(cyberattack kyiv, 5)"), "NEAR/5\n  cyberattack\n  kyiv\n");
    CHECK_STR_EQ(rewritten("peskov"), "peskov\n");
}

int main(void)
{
    pc_error err;
    if (pc_analyzer_new(&analyzer, NULL, &err) != PC_OK) { /* the default configuration */
        fprintf(stderr, "cannot make an analyzer: %s\n", err.msg);
        return 1;
    }
    RUN_TEST(test_joined_word_finds_the_split_phrase);
    RUN_TEST(test_split_words_find_the_joined_word);
    RUN_TEST(test_left_alone);
    pc_analyzer_free(analyzer);
    return TEST_REPORT();
}
