/* test_explain.c — pc_explanation on a small hand-made index: the tree as text, the languages, each term (in
 * the query and in title: filters) with its column and passage count, each word's forms with their counts
 * (stems, exact words, prefixes), the date range scanned, the FTS5 expressions, and the refusal of a session
 * without a query. */
#include "presscut/search/explain.h"

#include <string.h>

#include "harness.h"
#include "index_fixtures.h"
#include "presscut/text/dates.h"

static char test_dir[64];

static pc_explanation *explain(pc_store *s, const char *text)
{
    pc_error err;
    pc_query_session *qs = NULL;
    pc_explanation *e = NULL;
    if (pc_query_session_new(&qs, s, text, NULL, &err) != PC_OK ||
        pc_explain_query(qs, &e, &err) != PC_OK)
        fprintf(stderr, "explain '%s': %s\n", text, err.msg);
    pc_query_session_free(qs); /* the explanation does not depend on the session */
    return e;
}

static void test_terms_filters_and_plan(pc_store *s)
{
    pc_explanation *e = explain(s, "attacks -kremlin \"power grid\" date:2022-02 title:port");
    CHECK(e != NULL);
    if (!e)
        return;
    CHECK_STR_EQ(e->query, "attacks -kremlin \"power grid\" date:2022-02 title:port");
    CHECK(!e->any);
    CHECK_STR_EQ(e->tree, "AND\n  attacks\n  NOT\n    kremlin\n  \"power grid\"\ndate: from 2022-02-01 to 2022-02-28\n"
                          "title:\n  port\n");
    CHECK_INT_EQ(e->n_langs, 1);
    CHECK_STR_EQ(e->langs[0], "en");

    CHECK_INT_EQ(e->n_terms, 4);
    if (e->n_terms == 4) {
        const pc_explained_term *t = &e->terms[0];
        CHECK(!t->phrase && !t->in_title);
        CHECK_INT_EQ(t->column, 1);
        CHECK_INT_EQ(t->passages, 3);
        CHECK_INT_EQ(t->n_words, 1);
        const pc_explained_word *w = &t->words[0];
        CHECK_STR_EQ(w->text, "attacks");
        CHECK(!w->exact && !w->prefix);
        CHECK_INT_EQ(w->n_forms, 2);
        if (w->n_forms == 2) {
            CHECK_STR_EQ(w->forms[0].text, "attacks");
            CHECK(!w->forms[0].stem);
            CHECK_STR_EQ(w->forms[0].lang, "");
            CHECK(w->forms[0].translit == NULL);
            CHECK_INT_EQ(w->forms[0].passages, 2);
            CHECK_STR_EQ(w->forms[1].text, "attack");
            CHECK_INT_EQ(w->forms[1].len, 6);
            CHECK(w->forms[1].stem);
            CHECK_STR_EQ(w->forms[1].lang, "en");
            CHECK_INT_EQ(w->forms[1].passages, 3);
        }
        /* The excluded word is explained too. */
        t = &e->terms[1];
        CHECK_INT_EQ(t->column, 10);
        CHECK_INT_EQ(t->passages, 0);
        CHECK_STR_EQ(t->words[0].text, "kremlin");
        CHECK(t->words[0].n_forms >= 1);
        t = &e->terms[2];
        CHECK(t->phrase && !t->in_title);
        CHECK_INT_EQ(t->column, 18);
        CHECK_INT_EQ(t->passages, 1);
        CHECK_INT_EQ(t->n_words, 2);
        CHECK_STR_EQ(t->words[1].text, "grid");
        t = &e->terms[3];
        CHECK(!t->phrase && t->in_title);
        CHECK_STR_EQ(t->words[0].text, "port");
        CHECK_INT_EQ(t->passages, 1); /* passages, not titles: "Police attacked the port on Monday." */
    }
    CHECK(e->has_date_filter && !e->date_passage_ids.open_end);
    CHECK_INT_EQ(e->date_passage_ids.from, (long long)pc_date_day_number("2022-02-01") << 32);
    CHECK_INT_EQ(e->date_passage_ids.to, (long long)(pc_date_day_number("2022-02-28") + 1) << 32);
    CHECK_STR_EQ(e->plan.match, "(\"attacks\" AND \"power grid\") NOT \"kremlin\"");
    CHECK_STR_EQ(e->plan.any, "(\"attacks\" OR \"power grid\")");
    CHECK_STR_EQ(e->plan.title_filter, "\"port\"");
    CHECK_STR_EQ(e->plan.title_highlight, "((\"attacks\" OR \"power grid\")) OR (\"port\")");
    CHECK(e->plan.left_out == NULL);
    pc_explanation_free(e);
}

static void test_exact_prefix_and_no_dates(pc_store *s)
{
    pc_explanation *e = explain(s, "=attacks OR pow*");
    CHECK(e != NULL);
    if (!e)
        return;
    CHECK(!e->has_date_filter);
    CHECK_INT_EQ(e->date_passage_ids.from, 0);
    CHECK_INT_EQ(e->date_passage_ids.to, 0);
    CHECK_INT_EQ(e->n_terms, 2);
    if (e->n_terms == 2) {
        const pc_explained_word *exact = &e->terms[0].words[0];
        CHECK(exact->exact && !exact->prefix);
        CHECK_INT_EQ(exact->n_forms, 1);
        CHECK_STR_EQ(exact->forms[0].text, "attacks");
        CHECK_INT_EQ(exact->forms[0].passages, 2);
        const pc_explained_word *prefix = &e->terms[1].words[0];
        CHECK(!prefix->exact && prefix->prefix);
        CHECK_INT_EQ(prefix->n_forms, 1);
        CHECK_STR_EQ(prefix->forms[0].text, "pow");
        CHECK_INT_EQ(prefix->forms[0].passages, 1);
        CHECK_INT_EQ(prefix->forms[0].terms, 1); /* "power" */
        CHECK_INT_EQ(e->terms[1].passages, 1);
    }
    CHECK_STR_EQ(e->plan.match, "(\"\x02" "attacks\" OR \"pow\" *)");
    CHECK(e->plan.title_filter == NULL);
    pc_explanation_free(e);
}

/* A date filter without a last day scans passage ids up to the end: an open range, not a made-up last day. */
static void test_open_date_range(pc_store *s)
{
    pc_explanation *e = explain(s, "attacks date:2022-02..");
    CHECK(e != NULL);
    if (!e)
        return;
    CHECK(e->has_date_filter && e->date_passage_ids.open_end);
    CHECK_INT_EQ(e->date_passage_ids.from, (long long)pc_date_day_number("2022-02-01") << 32);
    CHECK_INT_EQ(e->date_passage_ids.to, 0);
    pc_explanation_free(e);
}

static void test_without_query(pc_store *s)
{
    pc_error err;
    pc_query_session *qs = NULL;
    CHECK_INT_EQ(pc_query_session_new(&qs, s, NULL, NULL, &err), PC_OK);
    pc_explanation *e = (pc_explanation *)1;
    CHECK_INT_EQ(pc_explain_query(qs, &e, &err), PC_EINVAL);
    CHECK(e == NULL);
    CHECK(strstr(err.msg, "no query") != NULL);
    pc_query_session_free(qs);
    pc_explanation_free(NULL);
}

int main(void)
{
    harness_make_temp_dir(test_dir, sizeof test_dir, "explain");
    char path[512];
    snprintf(path, sizeof path, "%s/explain.db", test_dir);
    pc_store *s = fixture_small_news_index(path);
    CHECK(s != NULL);
    if (s) {
        test_terms_filters_and_plan(s);
        test_exact_prefix_and_no_dates(s);
        test_open_date_range(s);
        test_without_query(s);
        pc_store_close(s);
    }
    harness_remove_dir(test_dir);
    return TEST_REPORT();
}
