/* test_unwrap.c — unit tests for unwrap.h: double-spaced and single-spaced hard-wrapped text rejoined,
 * hyphenated words, paragraph ends at short sentence-ending lines, and what must stay as it is (short
 * paragraphs, lists, long paragraphs, too few lines). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "presscut/ingest/unwrap.h"

/* The body after pc_unwrap_body, malloc'd; *joined gets its count. */
static char *unwrap(const char *body, size_t *joined)
{
    pc_article a = {0};
    a.body = strdup(body);
    a.body_len = strlen(body);
    CHECK_INT_EQ(pc_unwrap_body(&a, joined), 0);
    CHECK_INT_EQ(a.body_len, strlen(a.body));
    char *out = a.body;
    a.body = NULL;
    pc_article_clear(&a);
    return out;
}

static void test_double_spaced(void)
{
    /* TIME's layout: a blank line after every wrapped line; a word hyphenated at a line end. */
    size_t joined = 0;
    char *out = unwrap("THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST\n\n"
                       "PROPOSED TO HELP NATO DEVELOP ITS OWN NUCLEAR STRIKE FORCE . BUT EUROPE\n\n"
                       "CRISIS OVER CANCELLATION OF THE BUG-\n\n"
                       "RIDDEN SKYBOLT MISSILE, AND THE U.S . OFFER TO SUPPLY BRITAIN AND\n\n"
                       "FRANCE .\n",
                       &joined);
    CHECK_STR_EQ(out, "THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST PROPOSED TO HELP NATO DEVELOP "
                      "ITS OWN NUCLEAR STRIKE FORCE . BUT EUROPE CRISIS OVER CANCELLATION OF THE BUG-RIDDEN "
                      "SKYBOLT MISSILE, AND THE U.S . OFFER TO SUPPLY BRITAIN AND FRANCE .");
    CHECK_INT_EQ(joined, 4);
    free(out);
}

static void test_single_spaced_paragraphs(void)
{
    /* Wrapped with "\n", paragraphs with a blank line; a short line ending a sentence ends a paragraph. */
    char *out = unwrap("The minister said on Monday that the new harbour would open in\n"
                       "the spring, and that the ferries to the islands would run twice\n"
                       "a day from then on.\n"
                       "Fishermen were not convinced by the promise and said they\n"
                       "would wait for the first boat.\n\n"
                       "Second paragraph as one line.",
                       NULL);
    CHECK_STR_EQ(out, "The minister said on Monday that the new harbour would open in the spring, and that the "
                      "ferries to the islands would run twice a day from then on.\n\nFishermen were not convinced "
                      "by the promise and said they would wait for the first boat.\n\nSecond paragraph as one line.");
    free(out);
}

static void test_left_alone(void)
{
    static const char *const bodies[] = {
        /* short paragraphs that end sentences */
        "Short lines.\n\nEach one a paragraph.\n\nNot wrapped at all.",
        /* a list */
        "- first item of a list that is long enough to look wrapped to anyone\n"
        "- second item of a list that is long enough to look wrapped to anyone\n"
        "- third item of a list that is long enough to look wrapped to anyone",
        /* lines over the wrap width: paragraphs of a normal export */
        "The council met on Monday and agreed the budget after a long debate about the harbour and its many "
        "ferries\n\nIt will meet again next month to discuss the ferry timetable and the new fares for the "
        "islands\n\nHarbour Radio",
        /* two lines only */
        "THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST\n\n"
        "PROPOSED TO HELP NATO DEVELOP ITS OWN NUCLEAR STRIKE FORCE . BUT EUROPE",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        size_t joined = 99;
        char *out = unwrap(bodies[i], &joined);
        CHECK_STR_EQ(out, bodies[i]);
        CHECK_INT_EQ(joined, 0);
        free(out);
    }
    CHECK_INT_EQ(pc_unwrap_body(NULL, NULL), 0);
}

static void test_ends_sentence(void)
{
    CHECK(pc_unwrap_ends_sentence("IN PARIS .", 10));
    CHECK(pc_unwrap_ends_sentence("he said.\"", 9));
    CHECK(pc_unwrap_ends_sentence("так сказав…", strlen("так сказав…")));
    CHECK(!pc_unwrap_ends_sentence("AND THE,", 8));
    CHECK(!pc_unwrap_ends_sentence("THE BUG-", 8));
    CHECK(!pc_unwrap_ends_sentence("", 0));
}

int main(void)
{
    RUN_TEST(test_double_spaced);
    RUN_TEST(test_single_spaced_paragraphs);
    RUN_TEST(test_left_alone);
    RUN_TEST(test_ends_sentence);
    return TEST_REPORT();
}
