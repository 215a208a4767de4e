/* test_query.c — unit tests for the query language: the tree and the FTS5 expression produced for each
 * form, precedence and --any, filters and their day numbers, pc_query_add_filter, pc_query_compile_any,
 * pc_query_describe, an error naming the right column for every malformed query, that no user text escapes
 * quoting (checked by a scanner and by SQLite's own FTS5 parser), and that random input never crashes. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "presscut/text/dates.h"
#include "presscut/search/query.h"

static pc_analyzer *analyzer;
static sqlite3 *db; /* an FTS5 table, to check that every compiled expression is valid FTS5 syntax */

/* True when FTS5 accepts expr as a MATCH expression. */
static bool fts5_accepts(const char *expr)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        fprintf(stderr, "fts5 refused [%s]: %s\n", expr, sqlite3_errmsg(db));
    return rc == SQLITE_ROW;
}

/* Parses q with options opt and returns the compiled root (static buffer), "FILTERS" when the query has only
 * filters, or "ERR: <message>". Every compiled expression is also checked with FTS5. */
static const char *compile_with(const char *q, const pc_query_options *opt)
{
    static char out[16384];
    pc_query *query = NULL;
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_query_parse(analyzer, q, opt, &query, &err);
    if (rc != PC_OK) {
        CHECK(query == NULL);
        CHECK_INT_EQ(rc, PC_EINVAL);
        CHECK(err.msg[0] != '\0' && strchr(err.msg, '\n') == NULL);
        snprintf(out, sizeof out, "ERR: %s", err.msg);
        return out;
    }
    if (!query->root) {
        snprintf(out, sizeof out, "FILTERS");
    } else {
        char *match = NULL;
        CHECK_INT_EQ(pc_query_compile(query->root, &match, &err), PC_OK);
        snprintf(out, sizeof out, "%s", match ? match : "(null)");
        CHECK(match && fts5_accepts(match));
        free(match);
    }
    pc_query_free(query);
    return out;
}

/* compile_with, with --any when asked. */
static const char *compile_opt(const char *q, bool any)
{
    pc_query_options opt = {.any = any};
    return compile_with(q, &opt);
}

static const char *compile(const char *q)
{
    return compile_opt(q, false);
}

/* Checks that q fails with PC_EINVAL and a message that names `column` (0: no column) and contains `words`. */
static void check_error_at(const char *q, int column, const char *words, int line)
{
    pc_query *query = NULL;
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_query_parse(analyzer, q, NULL, &query, &err);
    harness_checks++;
    char want[64] = "";
    if (column > 0)
        snprintf(want, sizeof want, "column %d", column);
    if (rc != PC_EINVAL || query != NULL || (column > 0 && !strstr(err.msg, want)) ||
        (words && !strstr(err.msg, words))) {
        harness_failures++;
        fprintf(stderr, "%s:%d: query [%s]: rc %d, message \"%s\"; wanted PC_EINVAL with \"%s\" and \"%s\"\n",
                __FILE__, line, q, rc, err.msg, want, words ? words : "");
    }
    pc_query_free(query);
}
#define CHECK_ERROR_AT(q, column, words) check_error_at((q), (column), (words), __LINE__)

/* Parses q (must succeed) and returns it; the caller frees it. */
static pc_query *parse_ok(const char *q)
{
    pc_query *query = NULL;
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_query_parse(analyzer, q, NULL, &query, &err);
    if (rc != PC_OK)
        fprintf(stderr, "parse [%s] failed: %s\n", q, err.msg);
    CHECK_INT_EQ(rc, PC_OK);
    return query;
}

static long day(const char *iso)
{
    return pc_date_day_number(iso);
}

/* ---- forms ---------------------------------------------------------------------------------------------- */

static void test_words_phrases_exact_prefix(void)
{
    CHECK_STR_EQ(compile("attacks"), "\"attacks\"");
    CHECK_STR_EQ(compile("  cyber   attacks "), "(\"cyber\" AND \"attacks\")");
    CHECK_STR_EQ(compile("=attacks"), "\"\x02" "attacks\"");
    CHECK_STR_EQ(compile("\"russian cyber attacks\""), "\"russian cyber attacks\"");
    CHECK_STR_EQ(compile("\"russian =attacks\""), "\"russian \x02" "attacks\"");
    CHECK_STR_EQ(compile("=\"russian attacks\""), "\"\x02" "russian \x02" "attacks\"");
    CHECK_STR_EQ(compile("negotiat*"), "\"negotiat\" *");
    CHECK_STR_EQ(compile("\"peace negotiat\"*"), "\"peace negotiat\" *");
    CHECK_STR_EQ(compile("\"peace negotiat*\""), "\"peace negotiat\" *");
    CHECK_STR_EQ(compile("Russia's"), "\"Russia's\"");
    CHECK_STR_EQ(compile("Київ Песков"), "(\"Київ\" AND \"Песков\")");
    /* A one-word phrase is a term; words without letters or digits are dropped. */
    CHECK_STR_EQ(compile("\"attacks\""), "\"attacks\"");
    CHECK_STR_EQ(compile("\"peace & talks\""), "\"peace talks\"");
    CHECK_STR_EQ(compile("\"peace —\""), "\"peace\"");
    CHECK_STR_EQ(compile("kyiv & kiev"), "(\"kyiv\" AND \"kiev\")");
    CHECK_STR_EQ(compile("kyiv — \"& ?\""), "\"kyiv\"");
    /* An exact word is cut where the analyzer cuts it, so that the mark stands before each word. */
    CHECK_STR_EQ(compile("=«Київ»"), "\"\x02" "Київ\"");
    CHECK_STR_EQ(compile("=e-mail"), "\"\x02" "e \x02" "mail\"");
    /* Control characters are spaces: they cannot forge the analyzer's markers. */
    CHECK_STR_EQ(compile("a\x02" "b \x01" "c"), "(\"a\" AND \"b\" AND \"c\")");
    /* Operators in lower case are words; quoted or =, capitals are words too. */
    CHECK_STR_EQ(compile("war and peace"), "(\"war\" AND \"and\" AND \"peace\")");
    CHECK_STR_EQ(compile("\"OR\" =AND"), "(\"OR\" AND \"\x02" "AND\")");
    CHECK_STR_EQ(compile("NEAR east"), "(\"NEAR\" AND \"east\")");
    /* Not a filter name: the colon is part of the word. */
    CHECK_STR_EQ(compile("foo:bar"), "\"foo:bar\"");
    CHECK_STR_EQ(compile("=title:x"), "\"\x02" "title \x02" "x\"");
}

static void test_tree_shape(void)
{
    pc_query *q = parse_ok("kyiv =\"peace talks\"* -moscow");
    if (!q)
        return;
    CHECK_INT_EQ(q->root->kind, PC_QNODE_AND);
    CHECK_INT_EQ(q->root->n_children, 3);
    const pc_qnode *kyiv = q->root->children[0], *talks = q->root->children[1], *not = q->root->children[2];
    CHECK_INT_EQ(kyiv->kind, PC_QNODE_TERM);
    CHECK_STR_EQ(kyiv->words[0].text, "kyiv");
    CHECK_INT_EQ(kyiv->column, 1);
    CHECK_INT_EQ(talks->kind, PC_QNODE_PHRASE);
    CHECK_INT_EQ(talks->n_words, 2);
    CHECK(talks->words[0].exact && talks->words[1].exact && talks->prefix);
    CHECK_INT_EQ(talks->column, 6);
    CHECK_INT_EQ(not->kind, PC_QNODE_NOT);
    CHECK_INT_EQ(not->column, 22);
    CHECK_STR_EQ(not->children[0]->words[0].text, "moscow");
    CHECK_STR_EQ(q->text, "kyiv =\"peace talks\"* -moscow");
    CHECK(!q->any);
    pc_query_free(q);

    /* Columns count characters, not bytes. */
    q = parse_ok("Київ Львів");
    if (q) {
        CHECK_INT_EQ(q->root->children[1]->column, 6);
        pc_query_free(q);
    }
}

static void test_operators(void)
{
    CHECK_STR_EQ(compile("a OR b"), "(\"a\" OR \"b\")");
    CHECK_STR_EQ(compile("a AND b"), "(\"a\" AND \"b\")");
    CHECK_STR_EQ(compile("a -b"), "\"a\" NOT \"b\"");
    CHECK_STR_EQ(compile("a NOT b"), "\"a\" NOT \"b\"");
    CHECK_STR_EQ(compile("a b -c -d"), "(\"a\" AND \"b\") NOT (\"c\" OR \"d\")");
    CHECK_STR_EQ(compile("-c a"), "\"a\" NOT \"c\"");
    CHECK_STR_EQ(compile("a -\"b c\""), "\"a\" NOT \"b c\"");
    CHECK_STR_EQ(compile("a -(b OR c)"), "\"a\" NOT (\"b\" OR \"c\")");
    CHECK_STR_EQ(compile("x (a -b)"), "(\"x\" AND \"a\") NOT \"b\"");
    CHECK_STR_EQ(compile("(a -b) OR c"), "((\"a\" NOT \"b\") OR \"c\")");
    CHECK_STR_EQ(compile("a -(b -c)"), "\"a\" NOT (\"b\" NOT \"c\")");
    CHECK_STR_EQ(compile("(a)"), "\"a\"");
    CHECK_STR_EQ(compile("((a b))"), "(\"a\" AND \"b\")");
    CHECK_STR_EQ(compile("a (b c)"), "(\"a\" AND \"b\" AND \"c\")");
    CHECK_STR_EQ(compile("a OR (b OR c)"), "(\"a\" OR \"b\" OR \"c\")");
    CHECK_STR_EQ(compile("a OR & OR b"), "(\"a\" OR \"b\")");
    CHECK_STR_EQ(compile("a -&"), "\"a\"");
    /* NEAR */
    CHECK_STR_EQ(compile("NEAR(a b \"c d\", 5)"), "NEAR(\"a\" \"b\" \"c d\", 5)");
    CHECK_STR_EQ(compile("NEAR(a =b)"), "NEAR(\"a\" \"\x02" "b\", 10)");
    CHECK_STR_EQ(compile("NEAR(negotiat* talks,3)"), "NEAR(\"negotiat\" * \"talks\", 3)");
    CHECK_STR_EQ(compile("a NEAR/5 b"), "NEAR(\"a\" \"b\", 5)");
    CHECK_STR_EQ(compile("a NEAR/5 \"b c\" NEAR/5 d"), "NEAR(\"a\" \"b c\" \"d\", 5)");
    CHECK_STR_EQ(compile("a NEAR/0 b"), "NEAR(\"a\" \"b\", 0)");
    CHECK_STR_EQ(compile("NEAR(a &, 5)"), "\"a\"");
    CHECK_STR_EQ(compile("x NEAR(a b) OR y"), "(\"x\" AND (NEAR(\"a\" \"b\", 10) OR \"y\"))");
}

static void test_precedence(void)
{
    /* OR binds tighter than AND; NEAR tighter than OR; '-' tightest. */
    CHECK_STR_EQ(compile("kyiv OR kiev shelling"), "((\"kyiv\" OR \"kiev\") AND \"shelling\")");
    CHECK_STR_EQ(compile("a b OR c d"), "(\"a\" AND (\"b\" OR \"c\") AND \"d\")");
    CHECK_STR_EQ(compile("a AND b OR c"), "(\"a\" AND (\"b\" OR \"c\"))");
    CHECK_STR_EQ(compile("a OR b NEAR/3 c"), "(\"a\" OR NEAR(\"b\" \"c\", 3))");
    CHECK_STR_EQ(compile("(a b) OR c"), "((\"a\" AND \"b\") OR \"c\")");
    CHECK_STR_EQ(compile("-a b OR c"), "(\"b\" OR \"c\") NOT \"a\"");
}

static void test_any(void)
{
    CHECK_STR_EQ(compile_opt("a b c", true), "(\"a\" OR \"b\" OR \"c\")");
    CHECK_STR_EQ(compile_opt("a b AND c", true), "((\"a\" OR \"b\") AND \"c\")");
    CHECK_STR_EQ(compile_opt("a b -c", true), "(\"a\" OR \"b\") NOT \"c\"");
    CHECK_STR_EQ(compile_opt("a (b c)", true), "(\"a\" OR \"b\" OR \"c\")");
    CHECK_STR_EQ(compile_opt("a (b AND c)", true), "(\"a\" OR (\"b\" AND \"c\"))");
    CHECK_STR_EQ(compile_opt("kyiv OR kiev shelling", true), "(\"kyiv\" OR \"kiev\" OR \"shelling\")");
    CHECK_STR_EQ(compile_opt("a", true), "\"a\"");
    pc_query *q = NULL;
    pc_error err;
    pc_query_options opt = {.any = true};
    CHECK_INT_EQ(pc_query_parse(analyzer, "a b", &opt, &q, &err), PC_OK);
    CHECK(q && q->any);
    pc_query_free(q);
}

/* ---- filters -------------------------------------------------------------------------------------------- */

static void check_dates(const char *text, const char *from, const char *to, int line)
{
    pc_query *q = NULL;
    pc_error err;
    pc_error_clear(&err);
    harness_checks++;
    int rc = pc_query_parse(analyzer, text, NULL, &q, &err);
    long want_from = from ? day(from) : 0, want_to = to ? day(to) : 0;
    if (rc != PC_OK || q->filters.day_from != want_from || q->filters.day_to != want_to) {
        harness_failures++;
        fprintf(stderr, "%s:%d: [%s]: rc %d (%s), days %ld..%ld, wanted %ld..%ld\n", __FILE__, line, text, rc,
                err.msg, q ? q->filters.day_from : -1, q ? q->filters.day_to : -1, want_from, want_to);
    }
    pc_query_free(q);
}
#define CHECK_DATES(text, from, to) check_dates((text), (from), (to), __LINE__)

static void test_date_filters(void)
{
    CHECK_DATES("x date:2022", "2022-01-01", "2022-12-31");
    CHECK_DATES("x date:2022-02", "2022-02-01", "2022-02-28");
    CHECK_DATES("x date:2024-02", "2024-02-01", "2024-02-29");
    CHECK_DATES("x date:2022-12", "2022-12-01", "2022-12-31");
    CHECK_DATES("x date:2022-02-16", "2022-02-16", "2022-02-16");
    CHECK_DATES("x date:2022-01..2022-03", "2022-01-01", "2022-03-31");
    CHECK_DATES("x date:2022-01-10..", "2022-01-10", NULL);
    CHECK_DATES("x date:..2021", NULL, "2021-12-31");
    CHECK_DATES("x date:>=2022-02", "2022-02-01", NULL);
    CHECK_DATES("x date:>2022-02", "2022-03-01", NULL);
    CHECK_DATES("x date:>2022", "2023-01-01", NULL);
    CHECK_DATES("x date:<=2022-02", NULL, "2022-02-28");
    CHECK_DATES("x date:<2022-02-16", NULL, "2022-02-15");
    CHECK_DATES("x date:<2022", NULL, "2021-12-31");
    /* Several narrow; a reversed range stays reversed (nothing matches). */
    CHECK_DATES("x date:2022 date:>=2022-06-10 DATE:<2023", "2022-06-10", "2022-12-31");
    CHECK_DATES("x date:2022..2021", "2022-01-01", "2021-12-31");
    CHECK_STR_EQ(compile("kyiv date:2022"), "\"kyiv\"");
    CHECK_STR_EQ(compile("date:2022"), "FILTERS");
}

static void test_source_lang_title_filters(void)
{
    pc_query *q = parse_ok("source:BBC kyiv Source:\"kyiv independent\" -source:rt lang:EN lang:uk -lang:ru");
    if (q) {
        CHECK_INT_EQ(q->filters.n_sources, 2);
        CHECK_STR_EQ(q->filters.sources[0], "BBC");
        CHECK_STR_EQ(q->filters.sources[1], "kyiv independent");
        CHECK_INT_EQ(q->filters.n_not_sources, 1);
        CHECK_STR_EQ(q->filters.not_sources[0], "rt");
        CHECK_INT_EQ(q->filters.n_langs, 2);
        CHECK_STR_EQ(q->filters.langs[0], "en");
        CHECK_STR_EQ(q->filters.langs[1], "uk");
        CHECK_INT_EQ(q->filters.n_not_langs, 1);
        CHECK_STR_EQ(q->filters.not_langs[0], "ru");
        CHECK(q->root && q->root->kind == PC_QNODE_TERM);
        CHECK(q->filters.title == NULL);
        CHECK_INT_EQ(q->filters.day_from, 0);
        pc_query_free(q);
    }
    q = parse_ok("title:kyiv shelling title:(peace OR truce) TITLE:\"=peace talks\"");
    if (q) {
        char *title = NULL;
        pc_error err;
        CHECK(q->filters.title && q->filters.title->kind == PC_QNODE_AND);
        CHECK_INT_EQ(pc_query_compile(q->filters.title, &title, &err), PC_OK);
        CHECK_STR_EQ(title, "(\"kyiv\" AND (\"peace\" OR \"truce\") AND \"\x02" "peace talks\")");
        free(title);
        CHECK_STR_EQ(q->root->words[0].text, "shelling");
        pc_query_free(q);
    }
    q = parse_ok("title:(kyiv -moscow)");
    if (q) {
        char *title = NULL;
        pc_error err;
        CHECK(q->root == NULL);
        CHECK_INT_EQ(pc_query_compile(q->filters.title, &title, &err), PC_OK);
        CHECK_STR_EQ(title, "\"kyiv\" NOT \"moscow\"");
        free(title);
        pc_query_free(q);
    }
    CHECK_STR_EQ(compile("title:negotiat*"), "FILTERS");
    CHECK_STR_EQ(compile("source:bbc"), "FILTERS");
    CHECK_STR_EQ(compile("source:bbc &"), "FILTERS");
}

/* source: patterns: whole names, folded like index words, '*' for any run of characters. */
static void test_source_patterns(void)
{
    pc_query *q = parse_ok("kyiv source:uk* -source:*news*");
    if (q) {
        CHECK_STR_EQ(q->filters.sources[0], "uk*");
        CHECK_STR_EQ(q->filters.not_sources[0], "*news*");
        pc_query_free(q);
    }

    char *folded = NULL;
    CHECK_INT_EQ(pc_source_fold(analyzer, "BBC  News", 9, false, &folded), PC_OK);
    CHECK_STR_EQ(folded, "bbc news");
    free(folded);
    CHECK_INT_EQ(pc_source_fold(analyzer, "ukraine-news-bias-2014", 22, false, &folded), PC_OK);
    CHECK_STR_EQ(folded, "ukraine news bias 2014");
    free(folded);
    const char *kyiv = "Київ Пост Café";
    CHECK_INT_EQ(pc_source_fold(analyzer, kyiv, strlen(kyiv), false, &folded), PC_OK);
    CHECK_STR_EQ(folded, "київ пост cafe");
    free(folded);
    CHECK_INT_EQ(pc_source_fold(analyzer, "*Ukraine*-news*", 15, true, &folded), PC_OK);
    CHECK_STR_EQ(folded, "*ukraine*news*");
    free(folded);
    CHECK_INT_EQ(pc_source_fold(analyzer, "—", strlen("—"), false, &folded), PC_OK);
    CHECK_STR_EQ(folded, "");
    free(folded);

    CHECK(pc_source_glob("uk", "uk"));
    CHECK(!pc_source_glob("uk", "ukraine news bias 2014"));
    CHECK(!pc_source_glob("uk", "bbc.co.uk"));
    CHECK(pc_source_glob("uk*", "ukraine news bias 2014"));
    CHECK(pc_source_glob("uk*", "uk"));
    CHECK(pc_source_glob("*news*", "bbc news"));
    CHECK(pc_source_glob("*news*", "news"));
    CHECK(!pc_source_glob("*news*", "new"));
    CHECK(pc_source_glob("*.ua", "unian.ua"));
    CHECK(pc_source_glob("a*b*c", "aXbYbZc"));
    CHECK(!pc_source_glob("a*b*c", "aXbYbZ"));
    CHECK(pc_source_glob("*", ""));
    CHECK(!pc_source_glob("", "x"));

    const char *names[] = {"uk", "UK", "ukraine-news-bias-2014", "bbc.co.uk", "unian.ua", "Ūk", "business"};
    const char *exact[] = {"uk"};
    char **matched = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_source_names_matching(analyzer, exact, 1, names, 7, &matched, &n), PC_OK);
    CHECK_INT_EQ(n, 3);
    if (n == 3) {
        CHECK_STR_EQ(matched[0], "uk");
        CHECK_STR_EQ(matched[1], "UK");
        CHECK_STR_EQ(matched[2], "Ūk");
    }
    pc_source_names_free(matched, n);
    const char *globs[] = {"ukraine*", "*.UA"};
    CHECK_INT_EQ(pc_source_names_matching(analyzer, globs, 2, names, 7, &matched, &n), PC_OK);
    CHECK_INT_EQ(n, 2);
    if (n == 2) {
        CHECK_STR_EQ(matched[0], "ukraine-news-bias-2014");
        CHECK_STR_EQ(matched[1], "unian.ua");
    }
    pc_source_names_free(matched, n);
    const char *none[] = {"tass"};
    CHECK_INT_EQ(pc_source_names_matching(analyzer, none, 1, names, 7, &matched, &n), PC_OK);
    CHECK(matched == NULL && n == 0);
}

static void test_add_filter(void)
{
    pc_query *q = parse_ok("kyiv date:2022");
    if (!q)
        return;
    pc_error err;
    pc_error_clear(&err);
    CHECK_INT_EQ(pc_query_add_filter(q, "since", "2022-02", &err), PC_OK);
    CHECK_INT_EQ(pc_query_add_filter(q, "until", "2022-02", &err), PC_OK);
    CHECK_INT_EQ(q->filters.day_from, day("2022-02-01"));
    CHECK_INT_EQ(q->filters.day_to, day("2022-02-28"));
    /* A wider bound does not widen. */
    CHECK_INT_EQ(pc_query_add_filter(q, "since", "2021", &err), PC_OK);
    CHECK_INT_EQ(pc_query_add_filter(q, "until", "2023", &err), PC_OK);
    CHECK_INT_EQ(q->filters.day_from, day("2022-02-01"));
    CHECK_INT_EQ(q->filters.day_to, day("2022-02-28"));
    CHECK_INT_EQ(pc_query_add_filter(q, "until", "2022-02-10", &err), PC_OK);
    CHECK_INT_EQ(q->filters.day_to, day("2022-02-10"));
    CHECK_INT_EQ(pc_query_add_filter(q, "source", "Reuters", &err), PC_OK);
    CHECK_INT_EQ(pc_query_add_filter(q, "lang", "DE", &err), PC_OK);
    CHECK_STR_EQ(q->filters.sources[0], "Reuters");
    CHECK_STR_EQ(q->filters.langs[0], "de");
    CHECK_INT_EQ(pc_query_add_filter(q, "since", "2022-13", &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "--since: bad date '2022-13': write YYYY, YYYY-MM or YYYY-MM-DD");
    CHECK_INT_EQ(pc_query_add_filter(q, "until", "2022..2023", &err), PC_EINVAL);
    CHECK_INT_EQ(pc_query_add_filter(q, "lang", "english", &err), PC_EINVAL);
    CHECK_INT_EQ(pc_query_add_filter(q, "source", "", &err), PC_EINVAL);
    CHECK_INT_EQ(pc_query_add_filter(q, "colour", "red", &err), PC_EINVAL);
    CHECK(strstr(err.msg, "'colour'") != NULL);
    pc_query_free(q);

    /* The same checks without a query, with the same messages. */
    CHECK_INT_EQ(pc_query_check_filter("since", "2022-02", &err), PC_OK);
    CHECK_INT_EQ(pc_query_check_filter("lang", "DE", &err), PC_OK);
    CHECK_INT_EQ(pc_query_check_filter("source", "Reuters", &err), PC_OK);
    CHECK_INT_EQ(pc_query_check_filter("since", "2022-13", &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "--since: bad date '2022-13': write YYYY, YYYY-MM or YYYY-MM-DD");
    CHECK_INT_EQ(pc_query_check_filter("lang", "english", &err), PC_EINVAL);
    CHECK_INT_EQ(pc_query_check_filter("source", "", &err), PC_EINVAL);
    CHECK_INT_EQ(pc_query_check_filter("source", "**", &err), PC_EINVAL);
    CHECK(strstr(err.msg, "no letter or digit") != NULL);
    CHECK_INT_EQ(pc_query_check_filter("colour", "red", &err), PC_EINVAL);
    CHECK(strstr(err.msg, "'colour'") != NULL);

    /* Until alone on a query without dates. */
    q = parse_ok("kyiv");
    if (q) {
        CHECK_INT_EQ(pc_query_add_filter(q, "until", "2022", &err), PC_OK);
        CHECK_INT_EQ(q->filters.day_from, 0);
        CHECK_INT_EQ(q->filters.day_to, day("2022-12-31"));
        pc_query_free(q);
    }
}

/* ---- compile_any and describe ----------------------------------------------------------------------------- */

static const char *any_of(const char *text)
{
    static char out[4096];
    pc_query *q = parse_ok(text);
    if (!q)
        return "(parse failed)";
    char *any = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_query_compile_any(q->root, &any, &err), PC_OK);
    snprintf(out, sizeof out, "%s", any ? any : "(none)");
    if (any)
        CHECK(fts5_accepts(any));
    free(any);
    pc_query_free(q);
    return out;
}

static void test_compile_any(void)
{
    CHECK_STR_EQ(any_of("kyiv"), "\"kyiv\"");
    CHECK_STR_EQ(any_of("kyiv OR kiev shelling -moscow kyiv"), "(\"kyiv\" OR \"kiev\" OR \"shelling\")");
    /* A NEAR group stays whole: its words count only within its distance. */
    CHECK_STR_EQ(any_of("NEAR(a \"b c\", 5) a negotiat* -(x OR y)"),
                 "(NEAR(\"a\" \"b c\", 5) OR \"a\" OR \"negotiat\" *)");
    CHECK_STR_EQ(any_of("=a a"), "(\"\x02" "a\" OR \"a\")");
    CHECK_STR_EQ(any_of("source:bbc"), "(none)");
}

static void test_describe(void)
{
    pc_query *q = parse_ok("kyiv OR kiev \"peace =talks\"* -moscow a NEAR/3 b date:2022-02 source:bbc -lang:ru "
                           "title:=war");
    if (!q)
        return;
    char *text = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_query_describe(q, &text, &err), PC_OK);
    const char *want = "AND\n"
                       "  OR\n"
                       "    kyiv\n"
                       "    kiev\n"
                       "  \"peace =talks\"*\n"
                       "  NOT\n"
                       "    moscow\n"
                       "  NEAR/3\n"
                       "    a\n"
                       "    b\n"
                       "date: from 2022-02-01 to 2022-02-28\n"
                       "source: any of 'bbc'\n"
                       "lang: none of 'ru'\n"
                       "title:\n"
                       "  =war\n";
    CHECK_STR_EQ(text, want);
    free(text);
    pc_query_free(q);

    q = parse_ok("date:>2021-12-31");
    if (q) {
        CHECK_INT_EQ(pc_query_describe(q, &text, &err), PC_OK);
        CHECK_STR_EQ(text, "(no words: filters only)\ndate: from 2022-01-01\n");
        free(text);
        pc_query_free(q);
    }
    /* Day numbers back to ISO dates across centuries and leap days. */
    const char *dates[] = {"1000-01-01", "1600-02-29", "1899-12-31", "1970-01-01", "2000-02-29", "2022-02-28",
                           "2024-12-31", "9999-12-31"};
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        char query[64], want_line[64];
        snprintf(query, sizeof query, "x date:%s", dates[i]);
        snprintf(want_line, sizeof want_line, "date: from %s to %s\n", dates[i], dates[i]);
        q = parse_ok(query);
        if (!q)
            continue;
        CHECK_INT_EQ(pc_query_describe(q, &text, &err), PC_OK);
        CHECK(text && strstr(text, want_line) != NULL);
        free(text);
        pc_query_free(q);
    }
}

/* ---- @name: an entity's aliases -------------------------------------------------------------------------- */

/* A fake entity list: peskov (three aliases, one with no word), kremlin (one alias). */
static int fake_entity_aliases(void *payload, const char *name, char ***aliases, size_t *n, pc_error *err)
{
    (void)err;
    int *calls = payload;
    (*calls)++;
    static const char *const peskov[] = {"Dmitry  Peskov", "Peskov", "—", "Песков"};
    static const char *const kremlin[] = {"Kremlin"};
    static const char *const dashes[] = {"—", "&"};
    const char *const *list = NULL;
    size_t count = 0;
    if (strcmp(name, "peskov") == 0 || strcmp(name, "PESKOV") == 0) {
        list = peskov;
        count = 4;
    } else if (strcmp(name, "kremlin") == 0) {
        list = kremlin;
        count = 1;
    } else if (strcmp(name, "dashes") == 0) {
        list = dashes;
        count = 2;
    }
    *aliases = count ? calloc(count, sizeof **aliases) : NULL;
    *n = count;
    for (size_t i = 0; i < count; i++)
        (*aliases)[i] = strdup(list[i]);
    return PC_OK;
}

/* Parses q with the fake entity list; the compiled root or "ERR: <message>". */
static const char *compile_entities(const char *q, int *calls)
{
    pc_query_options opt = {.entity_aliases = fake_entity_aliases, .entity_payload = calls};
    return compile_with(q, &opt);
}

static void test_entities(void)
{
    int calls = 0;
    /* The aliases ORed, each a phrase of its words; an alias without a word is left out. */
    CHECK_STR_EQ(compile_entities("@peskov kremlin", &calls),
                 "((\"Dmitry Peskov\" OR \"Peskov\" OR \"Песков\") AND \"kremlin\")");
    CHECK_INT_EQ(calls, 1);
    CHECK_STR_EQ(compile_entities("@kremlin", &calls), "\"Kremlin\"");
    CHECK_STR_EQ(compile_entities("@peskov OR @kremlin -moscow", &calls),
                 "(\"Dmitry Peskov\" OR \"Peskov\" OR \"Песков\" OR \"Kremlin\") NOT \"moscow\"");
    CHECK_STR_EQ(compile_entities("kyiv -@kremlin", &calls), "\"kyiv\" NOT \"Kremlin\"");
    /* An '@' inside a word or a phrase, or after '=', is a plain character. */
    CHECK_STR_EQ(compile_entities("=@kremlin", &calls), "\"\x02@kremlin\"");
    CHECK_STR_EQ(compile_entities("\"@kremlin walls\"", &calls), "\"@kremlin walls\"");
    /* Errors with the column. */
    CHECK_STR_EQ(compile_entities("kremlin @nobody", &calls),
                 "ERR: no entity 'nobody' in the index (@nobody at column 9); see presscut entities list");
    CHECK_STR_EQ(compile_entities("kremlin @", &calls),
                 "ERR: '@' at column 9 must come right before an entity name, as in @peskov");
    CHECK_STR_EQ(compile_entities("@dashes", &calls),
                 "ERR: the entity 'dashes' (@dashes at column 1) has no alias with a letter or digit: import its "
                 "aliases again");
    CHECK_STR_EQ(compile_entities("NEAR(@peskov kremlin)", &calls),
                 "ERR: NEAR( at column 1 takes words and phrases only (found '@peskov' at column 6), as in "
                 "NEAR(kyiv \"peace talks\", 10)");
    /* Without an entity list, @name says so. */
    CHECK_STR_EQ(compile("@peskov"),
                 "ERR: @peskov at column 1 names an entity, but there is no entity list here; to search for the "
                 "word, write \"peskov\"");

    /* --explain shows the expansion. */
    pc_query *q = NULL;
    pc_error err;
    pc_query_options opt = {.entity_aliases = fake_entity_aliases, .entity_payload = &calls};
    CHECK_INT_EQ(pc_query_parse(analyzer, "@PESKOV title:@kremlin", &opt, &q, &err), PC_OK);
    char *text = NULL;
    if (q && pc_query_describe(q, &text, &err) == PC_OK)
        CHECK_STR_EQ(text, "OR   (@PESKOV: its aliases)\n"
                           "  \"Dmitry Peskov\"\n"
                           "  Peskov\n"
                           "  Песков\n"
                           "title:\n"
                           "  Kremlin   (@kremlin: its alias)\n");
    free(text);
    pc_query_free(q);
}

/* ---- errors --------------------------------------------------------------------------------------------- */

static void test_errors_name_the_column(void)
{
    CHECK_ERROR_AT("", 0, "empty");
    CHECK_ERROR_AT("   \t ", 0, "empty");
    CHECK_ERROR_AT("?!", 1, "no searchable word");
    CHECK_ERROR_AT("—", 1, "no searchable word");
    CHECK_ERROR_AT("  & —", 3, "no searchable word");
    CHECK_ERROR_AT("city \"hall", 6, "unbalanced quote");
    CHECK_ERROR_AT("a \"b c\" \"d", 9, "unbalanced quote");
    CHECK_ERROR_AT("(a b", 1, "unbalanced parenthesis");
    CHECK_ERROR_AT("a (b (c) d", 3, "unbalanced parenthesis");
    CHECK_ERROR_AT("a b)", 4, "unbalanced parenthesis");
    CHECK_ERROR_AT(")(", 1, "unbalanced parenthesis");
    CHECK_ERROR_AT("()", 1, "empty parentheses");
    CHECK_ERROR_AT("a ( ) b", 3, "empty parentheses");
    CHECK_ERROR_AT("AND", 1, "AND");
    CHECK_ERROR_AT("a AND", 3, "AND");
    CHECK_ERROR_AT("AND a", 1, "AND");
    CHECK_ERROR_AT("a AND AND b", 7, "AND");
    CHECK_ERROR_AT("OR b", 1, "OR");
    CHECK_ERROR_AT("a OR", 3, "OR");
    CHECK_ERROR_AT("a OR OR b", 3, "OR");
    CHECK_ERROR_AT("(a OR) b", 4, "OR");
    CHECK_ERROR_AT("-", 1, "'-'");
    CHECK_ERROR_AT("- a", 1, "'-'");
    CHECK_ERROR_AT("a -) b", 3, "'-'");
    CHECK_ERROR_AT("NOT", 1, "NOT");
    CHECK_ERROR_AT("a NOT", 3, "NOT");
    CHECK_ERROR_AT("a NOT OR b", 3, "NOT");
    CHECK_ERROR_AT("a --b", 4, "twice");
    CHECK_ERROR_AT("a NOT -b", 7, "twice");
    CHECK_ERROR_AT("= hall", 1, "'='");
    CHECK_ERROR_AT("hall =", 6, "'='");
    CHECK_ERROR_AT("=(a)", 1, "'='");
    CHECK_ERROR_AT("\"a = b\"", 4, "'='");
    CHECK_ERROR_AT("ci*ty", 3, "'*'");
    CHECK_ERROR_AT("a *", 3, "'*'");
    CHECK_ERROR_AT("a**", 2, "'*'");
    CHECK_ERROR_AT("\"pea*ce talks\"", 5, "'*'");
    CHECK_ERROR_AT("\"peace* talks\"", 7, "'*'");
    CHECK_ERROR_AT("\"a b\"c", 6, "after a phrase");
    CHECK_ERROR_AT("a NEAR/x b", 8, "NEAR distance");
    CHECK_ERROR_AT("a NEAR/1001 b", 8, "NEAR distance");
    CHECK_ERROR_AT("a NEAR/ b", 8, "NEAR distance");
    CHECK_ERROR_AT("NEAR/5 b", 1, "NEAR/5");
    CHECK_ERROR_AT("a NEAR/5", 3, "NEAR/5");
    CHECK_ERROR_AT("a NEAR/5 b NEAR/3 c", 12, "one distance");
    CHECK_ERROR_AT("a NEAR/5 (b c)", 3, "words and phrases");
    CHECK_ERROR_AT("(a b) NEAR/5 c", 7, "words and phrases");
    CHECK_ERROR_AT("-a NEAR/5 b", 1, "excluded");
    CHECK_ERROR_AT("NEAR(a b, -1)", 11, "NEAR distance");
    CHECK_ERROR_AT("NEAR(a b, x)", 11, "NEAR distance");
    CHECK_ERROR_AT("NEAR(a b, 5000)", 11, "NEAR distance");
    CHECK_ERROR_AT("NEAR(a b, 5 c)", 13, "')'");
    CHECK_ERROR_AT("NEAR(a OR b, 5)", 8, "words and phrases");
    CHECK_ERROR_AT("NEAR(a (b c))", 8, "words and phrases");
    CHECK_ERROR_AT("NEAR(a -b)", 8, "words and phrases");
    CHECK_ERROR_AT("NEAR(a b", 1, "unbalanced parenthesis");
    CHECK_ERROR_AT("NEAR(a)", 1, "two terms");
    CHECK_ERROR_AT("NEAR()", 1, "two terms");
    CHECK_ERROR_AT("x date:2022-13", 8, "bad date");
    CHECK_ERROR_AT("x date:2022-02-30", 8, "bad date");
    CHECK_ERROR_AT("x date:22", 8, "bad date");
    CHECK_ERROR_AT("x date:2022..2023..2024", 8, "bad date");
    CHECK_ERROR_AT("x date:..", 8, "bad date");
    CHECK_ERROR_AT("x date:>=", 8, "bad date");
    CHECK_ERROR_AT("x date:", 3, "needs a value");
    CHECK_ERROR_AT("x date: 2022", 3, "needs a value");
    CHECK_ERROR_AT("x source:--", 10, "no letter or digit");
    CHECK_ERROR_AT("x -source:*", 11, "no letter or digit");
    CHECK_ERROR_AT("x source:", 3, "needs a value");
    CHECK_ERROR_AT("x source:\"\"", 3, "needs a value");
    CHECK_ERROR_AT("x lang:", 3, "needs a value");
    CHECK_ERROR_AT("x lang:english", 8, "bad language");
    CHECK_ERROR_AT("title:", 1, "needs a value");
    CHECK_ERROR_AT("x title: kyiv", 3, "needs a value");
    CHECK_ERROR_AT("title:&", 1, "no searchable word");
    CHECK_ERROR_AT("title:OR", 1, "takes a word");
    CHECK_ERROR_AT("title:source:x", 7, "title:");
    CHECK_ERROR_AT("(source:x)", 2, "inside parentheses");
    CHECK_ERROR_AT("a (b date:2022)", 6, "inside parentheses");
    CHECK_ERROR_AT("a OR source:x", 6, "with OR");
    CHECK_ERROR_AT("source:x OR a", 10, "OR");
    CHECK_ERROR_AT("NEAR(a lang:en)", 8, "words and phrases");
    CHECK_ERROR_AT("a NEAR/5 lang:en", 10, "with NEAR");
    CHECK_ERROR_AT("-date:2022 a", 2, "cannot be excluded");
    CHECK_ERROR_AT("a -title:x", 4, "cannot be excluded");
    CHECK_ERROR_AT("-a -b", 1, "only excluded");
    CHECK_ERROR_AT("source:bbc NOT a", 12, "only excluded");
    CHECK_ERROR_AT("x (-a -b)", 3, "only excluded");
    CHECK_ERROR_AT("a OR -b", 6, "OR");
    CHECK_ERROR_AT("-b OR a", 1, "OR");
    CHECK_ERROR_AT("Київ \"Льв", 6, "unbalanced quote");
    CHECK_ERROR_AT("ab\xff" "cd", 3, "UTF-8");
    CHECK_ERROR_AT("Київ \xd0", 6, "UTF-8");
    CHECK_ERROR_AT("a \xed\xa0\x80", 3, "UTF-8");

    /* Too long, too deep. */
    char *big = malloc(100001);
    memset(big, 'a', 100000);
    big[100000] = '\0';
    CHECK_ERROR_AT(big, 0, "100000 bytes long; the limit is 4096");
    free(big);
    char deep[256];
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        deep[n++] = '(';
    deep[n++] = 'a';
    for (int i = 0; i < 40; i++)
        deep[n++] = ')';
    deep[n] = '\0';
    CHECK_ERROR_AT(deep, PC_QUERY_MAX_DEPTH + 1, "deeper");
    /* 32 levels are fine. */
    n = 0;
    for (int i = 0; i < PC_QUERY_MAX_DEPTH; i++)
        deep[n++] = '(';
    deep[n++] = 'a';
    for (int i = 0; i < PC_QUERY_MAX_DEPTH; i++)
        deep[n++] = ')';
    deep[n] = '\0';
    CHECK_STR_EQ(compile(deep), "\"a\"");

    /* Messages are one line, lowercase at the start. */
    pc_query *q = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_query_parse(analyzer, "city \"hall", NULL, &q, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "unbalanced quote: the '\"' at column 6 is never closed; add a '\"' after the phrase");
}

static void test_compile_contract(void)
{
    pc_error err;
    char *out = (char *)"untouched";
    CHECK_INT_EQ(pc_query_compile(NULL, &out, &err), PC_EINVAL);
    CHECK(out == NULL);
    pc_query *q = parse_ok("a -b");
    if (q) {
        CHECK_INT_EQ(pc_query_compile(q->root->children[1], &out, &err), PC_EINVAL);
        CHECK(out == NULL);
        CHECK_INT_EQ(pc_query_compile_any(NULL, &out, &err), PC_OK);
        CHECK(out == NULL);
        pc_query_free(q);
    }
    pc_query_free(NULL);
}

/* ---- safety --------------------------------------------------------------------------------------------- */

/* True when, outside quoted strings, expr holds only AND, OR, NOT, NEAR(...), parentheses, '*', ',', digits
 * and spaces, and every quoted string is closed ("" inside one is an escaped quote). */
static bool only_safe_syntax(const char *expr)
{
    const char *s = expr;
    while (*s) {
        if (*s == '"') {
            s++;
            for (;;) {
                if (!*s)
                    return false;
                if (*s == '"') {
                    if (s[1] == '"') {
                        s += 2;
                        continue;
                    }
                    s++;
                    break;
                }
                s++;
            }
            continue;
        }
        if (strncmp(s, "AND", 3) == 0 || strncmp(s, "NOT", 3) == 0) {
            s += 3;
            continue;
        }
        if (strncmp(s, "OR", 2) == 0) {
            s += 2;
            continue;
        }
        if (strncmp(s, "NEAR(", 5) == 0) {
            s += 5;
            continue;
        }
        if (strchr("()* ,0123456789", *s) == NULL)
            return false;
        s++;
    }
    return true;
}

static void test_no_user_syntax_reaches_fts5(void)
{
    const char *queries[] = {
        "a\"b",
        "a\"\" b",
        "\"a \"\" b\"",
        "x \"a:b\" c^d +e",
        "{title body}:x",
        "title:\"a\"\"b\"",
        "\"NEAR(a b)\"",
        "=NEAR(a",
        "\"a OR b\" \"c AND d\" \"NOT e\"",
        "col:x ^y +z a*",
        "\"a (b) c\"",
        "x(y)z",
        "=\"a*b c\"",
        "\"a)b\" (c:d)",
        "\"\"\" x",
        "a' OR 1=1 --",
        "'; DROP TABLE articles; --",
        "NEAR(\"a\"\" b\" c, 3)",
        "\x7f\x1b[31m red",
        "тест:слово «цитата» „інше“",
    };
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        const char *got = compile(queries[i]);
        if (strncmp(got, "ERR: ", 5) == 0)
            continue;
        harness_checks++;
        if (!only_safe_syntax(got)) {
            harness_failures++;
            fprintf(stderr, "%s:%d: unsafe expression for [%s]: [%s]\n", __FILE__, __LINE__, queries[i], got);
        }
    }
    /* The interesting ones do parse. */
    CHECK_STR_EQ(compile("x \"a:b\" c^d +e"), "(\"x\" AND \"a:b\" AND \"c^d\" AND \"+e\")");
    CHECK_STR_EQ(compile("{title body}:x"), "(\"{title\" AND \"body}:x\")");
    CHECK_STR_EQ(compile("\"NEAR(a b)\""), "\"NEAR(a b)\"");
    CHECK_STR_EQ(compile("a' OR 1=1 -x"), "(\"a'\" OR \"1=1\") NOT \"x\"");
    CHECK_ERROR_AT("a' OR 1=1 --", 12, "'-'");
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Random input never crashes: PC_OK (with a safe expression FTS5 accepts) or PC_EINVAL. */
static void test_random_input(void)
{
    static const char *const pieces[] = {
        "a", "kyiv", "Київ", " ", " ", "\"", "(", ")", "-", "=", "*", "OR", "AND", "NOT", "NEAR/3", "NEAR(", ",",
        "5", "title:", "source:", "lang:", "date:", "2022", "-02", "..", ">=", "<", ":", "&", "—", "\t", "'",
        "NEAR/x", "\x01", "e-mail",
    };
    int ok = 0, invalid = 0;
    char text[512];
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        int parts = 1 + (int)(rng_next() % 12);
        bool raw = round % 4 == 3;
        for (int k = 0; k < parts && n < sizeof text - 16; k++) {
            if (raw) {
                text[n++] = (char)(1 + rng_next() % 255);
            } else {
                const char *piece = pieces[rng_next() % (sizeof pieces / sizeof *pieces)];
                size_t len = strlen(piece);
                memcpy(text + n, piece, len);
                n += len;
            }
        }
        text[n] = '\0';
        pc_query *q = NULL;
        pc_error err;
        pc_error_clear(&err);
        int rc = pc_query_parse(analyzer, text, NULL, &q, &err);
        if (rc == PC_OK) {
            ok++;
            if (q->root) {
                char *expr = NULL, *any = NULL, *described = NULL;
                if (pc_query_compile(q->root, &expr, &err) != PC_OK || !only_safe_syntax(expr) ||
                    !fts5_accepts(expr)) {
                    harness_failures++;
                    fprintf(stderr, "random [%s] -> bad expression [%s]\n", text, expr ? expr : "(null)");
                }
                if (pc_query_compile_any(q->root, &any, &err) != PC_OK || (any && !fts5_accepts(any)))
                    harness_failures++;
                if (pc_query_describe(q, &described, &err) != PC_OK)
                    harness_failures++;
                free(expr);
                free(any);
                free(described);
            }
            pc_query_free(q);
        } else {
            if (rc != PC_EINVAL || q != NULL || err.msg[0] == '\0') {
                harness_failures++;
                fprintf(stderr, "random [%s] -> rc %d (%s)\n", text, rc, err.msg);
            }
            invalid++;
        }
    }
    fprintf(stderr, "random inputs: %d parsed, %d refused\n", ok, invalid);
    CHECK(ok > 1000 && invalid > 1000);
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
    if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
        sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x); INSERT INTO t VALUES ('a b c kyiv')", NULL, NULL,
                     NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite: cannot create an fts5 table\n");
        return 1;
    }
    RUN_TEST(test_words_phrases_exact_prefix);
    RUN_TEST(test_tree_shape);
    RUN_TEST(test_operators);
    RUN_TEST(test_precedence);
    RUN_TEST(test_any);
    RUN_TEST(test_date_filters);
    RUN_TEST(test_source_lang_title_filters);
    RUN_TEST(test_source_patterns);
    RUN_TEST(test_add_filter);
    RUN_TEST(test_compile_any);
    RUN_TEST(test_describe);
    RUN_TEST(test_entities);
    RUN_TEST(test_errors_name_the_column);
    RUN_TEST(test_compile_contract);
    RUN_TEST(test_no_user_syntax_reaches_fts5);
    RUN_TEST(test_random_input);
    sqlite3_close(db);
    pc_analyzer_free(analyzer);
    return TEST_REPORT();
}
