/* test_session.c — the query session on a small hand-made index: made with or without a query, failing whole
 * on a bad query, retargeted (keeping its analyzer, keeping the old query on a bad one), standing filters
 * applied to every query, the index's languages, and each word's forms with their passage counts, computed
 * once. */
#include "presscut/search/session.h"

#include <string.h>

#include "harness.h"
#include "index_fixtures.h"
#include "presscut/search/search.h"

static char test_dir[64];

static int count_hit(void *payload, const pc_search_hit *hit)
{
    (void)hit;
    (*(int *)payload)++;
    return 0;
}

/* Runs the session's query; returns the number of hits, or -1 on an error. */
static long long search(pc_query_session *qs)
{
    pc_error err;
    int calls = 0;
    long long total = 0;
    if (pc_search_run(qs, NULL, count_hit, &calls, &total, &err) != PC_OK)
        return -1;
    return total;
}

static void test_make_and_fail(pc_store *s)
{
    pc_error err;
    pc_query_session *qs = (pc_query_session *)1;
    CHECK_INT_EQ(pc_query_session_new(&qs, s, "city \"hall", NULL, &err), PC_EINVAL);
    CHECK(qs == NULL);
    CHECK(strstr(err.msg, "column 6") != NULL);

    CHECK_INT_EQ(pc_query_session_new(&qs, s, NULL, NULL, &err), PC_OK);
    CHECK(pc_query_session_query(qs) == NULL);
    CHECK(pc_query_session_store(qs) == s);
    CHECK(pc_query_session_analyzer(qs) != NULL);
    /* Nothing to run yet. */
    CHECK_INT_EQ(search(qs), -1);
    pc_search_plan plan;
    CHECK_INT_EQ(pc_search_plan_make(qs, &plan, &err), PC_EINVAL);
    CHECK(plan.match == NULL);
    pc_query_session_free(qs);
    pc_query_session_free(NULL);
}

static void test_retarget(pc_store *s)
{
    pc_error err;
    pc_query_session *qs = NULL;
    pc_query_options any = {.any = true};
    CHECK_INT_EQ(pc_query_session_new(&qs, s, "attacks", NULL, &err), PC_OK);
    pc_analyzer *analyzer = pc_query_session_analyzer(qs);
    CHECK_STR_EQ(pc_query_session_query(qs)->text, "attacks");
    CHECK_INT_EQ(search(qs), 2);

    CHECK_INT_EQ(pc_query_session_retarget(qs, "grid port", &any, &err), PC_OK);
    CHECK(pc_query_session_analyzer(qs) == analyzer); /* made once */
    CHECK_STR_EQ(pc_query_session_query(qs)->text, "grid port");
    CHECK(pc_query_session_query(qs)->any);
    CHECK_INT_EQ(search(qs), 2);

    /* A bad query leaves the previous one in place. */
    CHECK_INT_EQ(pc_query_session_retarget(qs, "grid AND", NULL, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "AND") != NULL);
    CHECK_STR_EQ(pc_query_session_query(qs)->text, "grid port");
    CHECK_INT_EQ(search(qs), 2);
    pc_query_session_free(qs);
}

static void test_standing_filters(pc_store *s)
{
    pc_error err;
    pc_query_session *qs = NULL;
    CHECK_INT_EQ(pc_query_session_new(&qs, s, NULL, NULL, &err), PC_OK);
    /* A bad value is refused at once, even with no query yet, and not kept. */
    CHECK_INT_EQ(pc_query_session_add_filter(qs, "since", "2022-13", &err), PC_EINVAL);
    CHECK(strstr(err.msg, "--since: bad date '2022-13'") != NULL);
    CHECK_INT_EQ(pc_query_session_add_filter(qs, "source", "northgate*", &err), PC_OK);
    CHECK_INT_EQ(pc_query_session_retarget(qs, "attacks OR grid", NULL, &err), PC_OK);
    const pc_query *q = pc_query_session_query(qs);
    CHECK_INT_EQ(q->filters.n_sources, 1);
    CHECK_STR_EQ(q->filters.sources[0], "northgate*");
    CHECK_INT_EQ(search(qs), 2); /* the port and the grid, not the night */
    /* Added to the current query too, and kept for the next ones. */
    CHECK_INT_EQ(pc_query_session_add_filter(qs, "until", "2022-01", &err), PC_OK);
    CHECK_INT_EQ(search(qs), 1);
    /* A bad value with a current query: refused, the query untouched, nothing kept. */
    CHECK_INT_EQ(pc_query_session_add_filter(qs, "lang", "english", &err), PC_EINVAL);
    CHECK_INT_EQ(pc_query_session_query(qs)->filters.n_langs, 0);
    CHECK_INT_EQ(search(qs), 1);
    CHECK_INT_EQ(pc_query_session_retarget(qs, "grid OR port OR night", NULL, &err), PC_OK);
    q = pc_query_session_query(qs);
    CHECK_INT_EQ(q->filters.n_sources, 1);
    CHECK(q->filters.day_to > 0);
    CHECK_INT_EQ(search(qs), 1);
    CHECK_INT_EQ(q->filters.n_langs, 0);
    pc_query_session_free(qs);
}

static void test_langs_and_forms(pc_store *s)
{
    pc_error err;
    pc_query_session *qs = NULL;
    CHECK_INT_EQ(pc_query_session_new(&qs, s, "attacks =grid pow*", NULL, &err), PC_OK);
    const char *const *langs = NULL;
    size_t n_langs = 0;
    CHECK_INT_EQ(pc_query_session_langs(qs, &langs, &n_langs, &err), PC_OK);
    CHECK_INT_EQ(n_langs, 1);
    CHECK_STR_EQ(langs[0], "en");

    const pc_qnode *root = pc_query_session_query(qs)->root;
    CHECK_INT_EQ(root->n_children, 3);
    const pc_query_form *forms = NULL, *again = NULL;
    size_t n = 0;
    /* attacks: the word itself, then its English stem term. */
    CHECK_INT_EQ(pc_query_session_word_forms(qs, &root->children[0]->words[0], false, &forms, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 2);
    if (n == 2) {
        CHECK(forms[0].term_len == 7 && memcmp(forms[0].term, "attacks", 7) == 0);
        CHECK_INT_EQ(forms[0].passages, 2);
        CHECK(forms[1].term_len == 10 && memcmp(forms[1].term, "\x01" "en:attack", 10) == 0);
        CHECK_INT_EQ(forms[1].passages, 3); /* attacked, Attacks, attacks */
        CHECK_INT_EQ(forms[1].translit, 0);
    }
    /* Computed once. */
    size_t n_again = 0;
    CHECK_INT_EQ(pc_query_session_word_forms(qs, &root->children[0]->words[0], false, &again, &n_again, &err),
                 PC_OK);
    CHECK(again == forms && n_again == n);
    /* =grid: its own form only. */
    CHECK_INT_EQ(pc_query_session_word_forms(qs, &root->children[1]->words[0], false, &forms, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 1);
    if (n == 1) {
        CHECK(forms[0].term_len == 4 && memcmp(forms[0].term, "grid", 4) == 0);
        CHECK_INT_EQ(forms[0].passages, 2);
    }
    /* pow*: stored terms starting with it ("power"). */
    CHECK_INT_EQ(pc_query_session_word_forms(qs, &root->children[2]->words[0], true, &forms, &n, &err), PC_OK);
    CHECK_INT_EQ(n, 1);
    if (n == 1) {
        CHECK(forms[0].term_len == 3 && memcmp(forms[0].term, "pow", 3) == 0);
        CHECK_INT_EQ(forms[0].passages, 1);
        CHECK(forms[0].terms >= 1);
    }
    pc_query_session_free(qs);
}

int main(void)
{
    harness_make_temp_dir(test_dir, sizeof test_dir, "session");
    char path[512];
    snprintf(path, sizeof path, "%s/session.db", test_dir);
    pc_store *s = fixture_small_news_index(path);
    CHECK(s != NULL);
    if (s) {
        test_make_and_fail(s);
        test_retarget(s);
        test_standing_filters(s);
        test_langs_and_forms(s);
        pc_store_close(s);
    }
    harness_remove_dir(test_dir);
    return TEST_REPORT();
}
