/* test_query.c — unit tests for the query compiler: the FTS5 expression produced for each form, that no
 * user text escapes quoting, and an error with a column for each malformed query. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "presscut/query.h"

static pc_analyzer *analyzer;

/* Compiles q and returns the expression (static buffer), or "ERR: <message>". */
static const char *compile(const char *q)
{
    static char out[8192];
    char *match = NULL;
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_query_compile(analyzer, q, &match, &err);
    if (rc != PC_OK)
        snprintf(out, sizeof out, "ERR: %s", err.msg);
    else
        snprintf(out, sizeof out, "%s", match);
    free(match);
    return out;
}

static void test_words_phrases_exact_prefix(void)
{
    CHECK_STR_EQ(compile("attacks"), "\"attacks\"");
    CHECK_STR_EQ(compile("  cyber   attacks "), "\"cyber\" AND \"attacks\"");
    CHECK_STR_EQ(compile("=attacks"), "\"\x02" "attacks\"");
    CHECK_STR_EQ(compile("\"russian cyber attacks\""), "\"russian cyber attacks\"");
    CHECK_STR_EQ(compile("\"russian =attacks\""), "\"russian \x02" "attacks\"");
    CHECK_STR_EQ(compile("=\"russian attacks\""), "\"\x02" "russian \x02" "attacks\"");
    CHECK_STR_EQ(compile("negotiat*"), "\"negotiat\" *");
    CHECK_STR_EQ(compile("\"peace negotiat\"*"), "\"peace negotiat\" *");
    CHECK_STR_EQ(compile("Russia's"), "\"Russia's\"");
    CHECK_STR_EQ(compile("Київ Песков"), "\"Київ\" AND \"Песков\"");
}

static void test_no_user_syntax_reaches_fts5(void)
{
    /* FTS5 operators and column filters are just words (or punctuation) inside quotes. */
    CHECK_STR_EQ(compile("a OR b"), "\"a\" AND \"OR\" AND \"b\"");
    CHECK_STR_EQ(compile("title:x"), "\"title:x\"");
    CHECK_STR_EQ(compile("NEAR(a b)"), "\"NEAR(a\" AND \"b)\"");
    CHECK_STR_EQ(compile("x \"\" y"), "\"x\" AND \"y\"");
    /* Control characters cannot forge the analyzer's markers. */
    CHECK_STR_EQ(compile("a\x02" "b \x01" "c"), "\"a\" AND \"b\" AND \"c\"");
}

static void test_errors_name_the_column(void)
{
    CHECK_STR_EQ(compile("city \"hall"), "ERR: unbalanced quote at column 6");
    CHECK_STR_EQ(compile(""), "ERR: the query is empty");
    CHECK_STR_EQ(compile("   "), "ERR: the query has no searchable words");
    CHECK_STR_EQ(compile("!!! ... ,,,"), "ERR: the query has no searchable words");
    CHECK_STR_EQ(compile("= hall"), "ERR: '=' at column 1 must come right before a word or a phrase");
    CHECK_STR_EQ(compile("hall ="), "ERR: '=' at column 6 must come right before a word or a phrase");
    CHECK_STR_EQ(compile("ci*ty"), "ERR: '*' at column 3 must end a word (as in negotiat*)");
    CHECK_STR_EQ(compile("a *"), "ERR: '*' at column 3 must follow the start of a word");
    CHECK_STR_EQ(compile("\"a b\"c"), "ERR: unexpected 'c' at column 6 after a phrase");
    char *big = malloc(100001);
    memset(big, 'a', 100000);
    big[100000] = '\0';
    CHECK_STR_EQ(compile(big), "ERR: the query is 100000 bytes long; the limit is 4096");
    free(big);
}

int main(void)
{
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    pc_error err;
    if (pc_analyzer_new(&analyzer, &cfg, &err) != PC_OK) {
        fprintf(stderr, "analyzer: %s\n", err.msg);
        return 1;
    }
    RUN_TEST(test_words_phrases_exact_prefix);
    RUN_TEST(test_no_user_syntax_reaches_fts5);
    RUN_TEST(test_errors_name_the_column);
    pc_analyzer_free(analyzer);
    return TEST_REPORT();
}
