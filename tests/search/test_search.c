/* test_search.c — searching an index end to end through the library (query -> store -> rank -> snippet):
 * stemmed and exact matches, phrases, OR/NOT/NEAR, every filter (dates as rowid ranges, source, language,
 * title), title-only hits, per-passage hits, deterministic ties, paging, match positions and snippets, and
 * `show` with highlights. */
#include "presscut/search/search.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "index_fixtures.h"
#include "presscut/text/dates.h"
#include "presscut/store/store.h"

static char test_dir[64];

static void make_test_dir(void)
{
    harness_make_temp_dir(test_dir, sizeof test_dir, "search");
}

static void remove_test_dir(void)
{
    harness_remove_dir(test_dir);
}

/* An article whose passages are its paragraphs. */
static pc_article *new_article(const char *title, const char *body, const char *published, const char *lang,
                               const char *source, const char *record)
{
    return fixture_article(title, body, published, lang, source, record);
}

static const char *fake_hash = "0123456789abcdef0123456789abcdef";

/* The fixture: a handful of articles in three languages and several dates, in one JSONL-like file. */
static pc_store *fixture(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/search.db", test_dir);
    pc_article *list[] = {
        new_article("Attack on the port", "Police attacked the port on Monday.\n\nThe harbour stayed closed.",
                    "2022-02-16", "en", "Northgate Wire", "line 1"),
        new_article("Night", "Attacks went on all night.\n\nMore attacks came at dawn, officials said.",
                    "2022-03-01", "en", "Lakeshore Observer", "line 2"),
        new_article("Город", "Новые атаки на город продолжались всю ночь.", "2022-02-17", "ru", "Вестовой", "line 3"),
        new_article("Power grid attack blamed on hackers",
                    "Engineers restored the power grid by noon.\n\nThe grid operator said the power came back.",
                    "2022-01-10", "en", "Northgate Wire", "line 4"),
        new_article("Grid", "The power company said a grid fault, not an attack, cut supply.", NULL, "en",
                    "BBC News", "line 5"),
        new_article("Russia's answer", "Russia’s foreign ministry rejected the claims.", "2022-02-18", "en",
                    "wire", "line 6"),
        new_article("Long read",
                    "It began quietly. Farmers in the valley spoke about the weather, the prices of seed and the "
                    "roads. Nobody mentioned the dam until late in the evening, when an engineer said the dam "
                    "had cracked and the dam operator had known for weeks. After that the talk turned back to "
                    "the harvest, the markets and the long winter ahead of them all.",
                    "2022-02-20", "en", "Lakeshore Observer", "line 7"),
    };
    return fixture_index(path, list, sizeof list / sizeof list[0]);
}

/* What a search returned, copied out of the callbacks. */
typedef struct hit_copy {
    char title[128], snippet[512], highlighted[512], source[64], record[32];
    long long article_id, passage_id, matching;
    int seq;
    double score;
    bool cut_before, cut_after;
} hit_copy;

typedef struct hit_list {
    hit_copy hits[32];
    int n;
} hit_list;

static int collect(void *payload, const pc_search_hit *h)
{
    hit_list *l = payload;
    if (l->n == 32)
        return 0;
    hit_copy *c = &l->hits[l->n++];
    snprintf(c->title, sizeof c->title, "%s", h->title ? h->title : "");
    snprintf(c->source, sizeof c->source, "%s", h->source ? h->source : "");
    snprintf(c->record, sizeof c->record, "%s", h->record ? h->record : "");
    snprintf(c->snippet, sizeof c->snippet, "%.*s", (int)(h->snippet.end - h->snippet.start),
             h->passage + h->snippet.start);
    /* The matched words, "|"-separated. */
    size_t used = 0;
    for (size_t i = 0; i < h->n_spans && used < sizeof c->highlighted - 64; i++)
        used += (size_t)snprintf(c->highlighted + used, sizeof c->highlighted - used, "%s%.*s", i ? "|" : "",
                                 (int)(h->spans[i].end - h->spans[i].start), h->passage + h->spans[i].start);
    c->article_id = h->article_id;
    c->passage_id = h->passage_id;
    c->matching = h->matching_passages;
    c->seq = h->passage_seq;
    c->score = h->score;
    c->cut_before = h->snippet.cut_before;
    c->cut_after = h->snippet.cut_after;
    return 0;
}

/* Runs `text` and returns the number of matching articles (or -1 on an error), filling *l. */
static long long run(pc_store *s, const char *text, bool any, bool per_passage, hit_list *l)
{
    memset(l, 0, sizeof *l);
    pc_query_session *q = NULL;
    pc_error err;
    pc_query_options qo = {.any = any};
    if (pc_query_session_new(&q, s, text, &qo, &err) != PC_OK) {
        fprintf(stderr, "parse '%s': %s\n", text, err.msg);
        return -1;
    }
    pc_search_options opt;
    pc_search_options_default(&opt);
    opt.limit = 32;
    opt.per_passage = per_passage;
    long long total = 0;
    int rc = pc_search_run(q, &opt, collect, l, &total, &err);
    pc_query_session_free(q);
    if (rc != PC_OK) {
        fprintf(stderr, "search '%s': %s\n", text, err.msg);
        return -1;
    }
    return total;
}

static int index_of(const hit_list *l, const char *title)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->hits[i].title, title) == 0)
            return i;
    return -1;
}

static void test_words_forms_phrases(pc_store *s)
{
    hit_list l;
    /* Stemmed: attacks finds attacked, attack, attacks; the ranking puts two matching passages first. */
    CHECK_INT_EQ(run(s, "attacks", false, false, &l), 4);
    CHECK(index_of(&l, "Attack on the port") >= 0);
    CHECK(index_of(&l, "Grid") >= 0);
    int night = index_of(&l, "Night");
    CHECK(night >= 0);
    if (night >= 0) {
        CHECK_INT_EQ(l.hits[night].matching, 2);
        CHECK(strstr(l.hits[night].highlighted, "ttacks") != NULL);
    }
    int port = index_of(&l, "Attack on the port");
    if (port >= 0) {
        CHECK_STR_EQ(l.hits[port].highlighted, "attacked");
        CHECK_STR_EQ(l.hits[port].snippet, "Police attacked the port on Monday.");
        CHECK_INT_EQ(l.hits[port].seq, 1);
        CHECK_INT_EQ(l.hits[port].passage_id >> 32, pc_date_day_number("2022-02-16"));
    }
    for (int i = 1; i < l.n; i++)
        CHECK(l.hits[i - 1].score >= l.hits[i].score);

    /* Exact: =attacks is only that form. */
    CHECK_INT_EQ(run(s, "=attacks", false, false, &l), 1);
    CHECK_STR_EQ(l.hits[0].title, "Night");
    CHECK_INT_EQ(run(s, "=attack", false, false, &l), 3); /* "an attack", and two titles */

    /* Russian stems; the apostrophe forms. */
    CHECK_INT_EQ(run(s, "атаку", false, false, &l), 1);
    CHECK_STR_EQ(l.hits[0].highlighted, "атаки");
    CHECK_INT_EQ(run(s, "Russia's", false, false, &l), 1);
    CHECK_STR_EQ(l.hits[0].highlighted, "Russia’s");

    /* A phrase: only where the words are adjacent; both words highlighted. */
    CHECK_INT_EQ(run(s, "\"power grid\"", false, false, &l), 1);
    CHECK_STR_EQ(l.hits[0].title, "Power grid attack blamed on hackers");
    CHECK_STR_EQ(l.hits[0].highlighted, "power|grid");
    CHECK_INT_EQ(run(s, "power grid", false, false, &l), 2);

    /* Prefix. */
    CHECK_INT_EQ(run(s, "engin*", false, false, &l), 2);
}

static void test_operators(pc_store *s)
{
    hit_list l;
    CHECK_INT_EQ(run(s, "harbour OR dawn", false, false, &l), 2);
    CHECK_INT_EQ(run(s, "attacks -night", false, false, &l), 3); /* excludes the article, not one passage */
    CHECK(index_of(&l, "Night") < 0);
    CHECK_INT_EQ(run(s, "attacks NOT police", false, false, &l), 3);
    CHECK(index_of(&l, "Attack on the port") < 0);
    CHECK_INT_EQ(run(s, "NEAR(dam cracked, 3)", false, false, &l), 1);
    CHECK_INT_EQ(run(s, "NEAR(farmers harvest, 5)", false, false, &l), 0);
    CHECK_INT_EQ(run(s, "farmers NEAR/60 harvest", false, false, &l), 1);
    /* --any: any of the words; the article with both ranks first. */
    CHECK_INT_EQ(run(s, "harbour police zeppelin", true, false, &l), 1);
    CHECK_INT_EQ(run(s, "power grid noon", true, false, &l), 2);
    CHECK_STR_EQ(l.hits[0].title, "Power grid attack blamed on hackers");
}

static void test_filters(pc_store *s)
{
    hit_list l;
    CHECK_INT_EQ(run(s, "attacks date:2022-02", false, false, &l), 1);
    CHECK_STR_EQ(l.hits[0].title, "Attack on the port");
    CHECK_INT_EQ(run(s, "attacks date:2022-02-17..2022-03-01", false, false, &l), 1);
    CHECK_STR_EQ(l.hits[0].title, "Night");
    CHECK_INT_EQ(run(s, "attacks date:>=2022-01-01", false, false, &l), 3); /* the undated one is out */
    CHECK(index_of(&l, "Grid") < 0);
    CHECK_INT_EQ(run(s, "attacks date:<2022-02-16", false, false, &l), 1);
    /* source: names a whole source, folded ("northgate wire" = "Northgate Wire"); '*' for parts of it */
    CHECK_INT_EQ(run(s, "attacks source:northgate", false, false, &l), 0);
    CHECK_INT_EQ(run(s, "attacks source:\"NORTHGATE wire\"", false, false, &l), 2);
    CHECK_INT_EQ(run(s, "attacks source:Northgate-Wire", false, false, &l), 2);
    CHECK_INT_EQ(run(s, "attacks source:northgate*", false, false, &l), 2);
    CHECK_INT_EQ(run(s, "attacks -source:northgate*", false, false, &l), 2);
    CHECK_INT_EQ(run(s, "attacks -source:northgate", false, false, &l), 4);
    CHECK_INT_EQ(run(s, "attacks source:bbc* source:*observer", false, false, &l), 2);
    CHECK_INT_EQ(run(s, "атаки lang:ru", false, false, &l), 1);
    CHECK_INT_EQ(run(s, "атаки lang:en", false, false, &l), 0);
    CHECK_INT_EQ(run(s, "attacks title:port", false, false, &l), 1);
    CHECK_STR_EQ(l.hits[0].title, "Attack on the port");
}

static void test_titles_and_passages(pc_store *s)
{
    hit_list l;
    /* "hackers" is only in a title: the article is found, its first passage shown. */
    CHECK_INT_EQ(run(s, "hackers", false, false, &l), 1);
    CHECK_STR_EQ(l.hits[0].title, "Power grid attack blamed on hackers");
    CHECK_INT_EQ(l.hits[0].seq, 1);
    /* title: alone lists the articles whose title matches. */
    CHECK_INT_EQ(run(s, "title:grid", false, false, &l), 2);
    /* A word in the title ranks that article above one with the word in the body only. */
    CHECK_INT_EQ(run(s, "grid", false, false, &l), 2);
    CHECK_STR_EQ(l.hits[0].title, "Power grid attack blamed on hackers");
    /* Per passage: every matching passage is a hit. */
    CHECK_INT_EQ(run(s, "attacks", false, true, &l), 5);
    int passages_of_night = 0;
    for (int i = 0; i < l.n; i++)
        passages_of_night += strcmp(l.hits[i].title, "Night") == 0;
    CHECK_INT_EQ(passages_of_night, 2);
}

static void test_snippet_cut(pc_store *s)
{
    hit_list l;
    pc_query_session *q = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_query_session_new(&q, s, "dam", NULL, &err), PC_OK);
    pc_search_options opt;
    pc_search_options_default(&opt);
    opt.snippet_chars = 80;
    memset(&l, 0, sizeof l);
    long long total = 0;
    CHECK_INT_EQ(pc_search_run(q, &opt, collect, &l, &total, &err), PC_OK);
    pc_query_session_free(q);
    CHECK_INT_EQ(total, 1);
    CHECK(l.hits[0].cut_before);
    CHECK(strstr(l.hits[0].snippet, "dam") != NULL);
    CHECK(strlen(l.hits[0].snippet) <= 80);
    CHECK_STR_EQ(l.hits[0].highlighted, "dam|dam|dam");
}

static void test_ties_and_paging(pc_store *s)
{
    hit_list all, page;
    long long total = run(s, "said", false, false, &all);
    CHECK_INT_EQ(total, 4);
    /* The same query twice gives the same order. */
    hit_list again;
    run(s, "said", false, false, &again);
    for (int i = 0; i < all.n; i++)
        CHECK_INT_EQ(all.hits[i].article_id, again.hits[i].article_id);
    /* Paging. */
    pc_query_session *q = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_query_session_new(&q, s, "said", NULL, &err), PC_OK);
    pc_search_options opt;
    pc_search_options_default(&opt);
    opt.limit = 2;
    opt.offset = 1;
    memset(&page, 0, sizeof page);
    CHECK_INT_EQ(pc_search_run(q, &opt, collect, &page, &total, &err), PC_OK);
    CHECK_INT_EQ(total, 4);
    CHECK_INT_EQ(page.n, 2);
    CHECK_INT_EQ(page.hits[0].article_id, all.hits[1].article_id);
    CHECK_INT_EQ(page.hits[1].article_id, all.hits[2].article_id);
    opt.offset = 10;
    memset(&page, 0, sizeof page);
    CHECK_INT_EQ(pc_search_run(q, &opt, collect, &page, &total, &err), PC_OK);
    CHECK_INT_EQ(page.n, 0);
    CHECK_INT_EQ(total, 4);
    pc_query_session_free(q);
    /* Only filters: refused with a message. */
    CHECK_INT_EQ(pc_query_session_new(&q, s, "date:2022 lang:en", NULL, &err), PC_OK);
    CHECK_INT_EQ(pc_search_run(q, NULL, collect, &page, &total, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "only filters") != NULL);
    pc_query_session_free(q);
}

static int stop_at_first(void *payload, const pc_search_hit *hit)
{
    (*(int *)payload)++;
    return 42;
}

/* Equal scores: newer first, then the lower id; undated last. A callback's non-zero value stops the search. */
static void test_equal_scores(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/ties.db", test_dir);
    pc_store_options sopt = {.create = true};
    pc_store *s = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_store_open(&s, path, &sopt, &err), PC_OK);
    if (!s)
        return;
    pc_article *list[4] = {new_article("old", "Zebra crossing closed.", "2020-01-01", "en", NULL, "1"),
                           new_article("new", "Zebra crossing closed.", "2021-06-01", "en", NULL, "2"),
                           new_article("undated", "Zebra crossing closed.", NULL, "en", NULL, "3"),
                           new_article("new too", "Zebra crossing closed.", "2021-06-01", "en", NULL, "4")};
    CHECK_INT_EQ(pc_store_file_replace(s, "/news/z.jsonl", 1, 1, fake_hash, list, 4, &err), PC_OK);
    for (int i = 0; i < 4; i++) {
        pc_article_clear(list[i]);
        free(list[i]);
    }
    hit_list l;
    /* All four are exact copies: folded into the best-ranked one unless all copies are asked for. */
    CHECK_INT_EQ(run(s, "zebra", false, false, &l), 1);
    CHECK_STR_EQ(l.hits[0].title, "new");
    pc_query_session *q = NULL;
    CHECK_INT_EQ(pc_query_session_new(&q, s, "zebra", NULL, &err), PC_OK);
    pc_search_options opt;
    pc_search_options_default(&opt);
    opt.all_copies = true;
    memset(&l, 0, sizeof l);
    long long total = 0;
    CHECK_INT_EQ(pc_search_run(q, &opt, collect, &l, &total, &err), PC_OK);
    CHECK_INT_EQ(total, 4);
    CHECK_STR_EQ(l.hits[0].title, "new");
    CHECK_STR_EQ(l.hits[1].title, "new too");
    CHECK_STR_EQ(l.hits[2].title, "old");
    CHECK_STR_EQ(l.hits[3].title, "undated");
    int calls = 0;
    CHECK_INT_EQ(pc_search_run(q, &opt, stop_at_first, &calls, NULL, &err), 42);
    CHECK_INT_EQ(calls, 1);
    pc_query_session_free(q);
    pc_store_close(s);
}

typedef struct shown {
    char title[128], body_marks[256], title_marks[128];
    long long copies, n_passages;
    int calls;
} shown;

static int collect_article(void *payload, const pc_article_view *a)
{
    shown *sh = payload;
    sh->calls++;
    snprintf(sh->title, sizeof sh->title, "%s", a->title ? a->title : "");
    size_t used = 0;
    for (size_t i = 0; i < a->n_body_spans && used < sizeof sh->body_marks - 64; i++)
        used += (size_t)snprintf(sh->body_marks + used, sizeof sh->body_marks - used, "%s%.*s", i ? "|" : "",
                                 (int)(a->body_spans[i].end - a->body_spans[i].start), a->body + a->body_spans[i].start);
    used = 0;
    for (size_t i = 0; i < a->n_title_spans && used < sizeof sh->title_marks - 64; i++)
        used += (size_t)snprintf(sh->title_marks + used, sizeof sh->title_marks - used, "%s%.*s", i ? "|" : "",
                                 (int)(a->title_spans[i].end - a->title_spans[i].start),
                                 a->title + a->title_spans[i].start);
    sh->copies = a->copies;
    sh->n_passages = a->n_passages;
    return 0;
}

static void test_show(pc_store *s)
{
    hit_list l;
    CHECK_INT_EQ(run(s, "=attacks", false, false, &l), 1);
    long long night = l.hits[0].article_id;
    pc_query_session *q = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_query_session_new(&q, s, "attack", NULL, &err), PC_OK);
    shown sh = {0};
    CHECK_INT_EQ(pc_search_show(s, night, q, collect_article, &sh, &err), PC_OK);
    CHECK_INT_EQ(sh.calls, 1);
    CHECK_STR_EQ(sh.title, "Night");
    CHECK_STR_EQ(sh.body_marks, "Attacks|attacks"); /* in both passages, offsets into the whole body */
    CHECK_INT_EQ(sh.n_passages, 2);
    memset(&sh, 0, sizeof sh);
    CHECK_INT_EQ(run(s, "hackers", false, false, &l), 1);
    CHECK_INT_EQ(pc_search_show(s, l.hits[0].article_id, q, collect_article, &sh, &err), PC_OK);
    CHECK_STR_EQ(sh.title_marks, "attack");
    CHECK_INT_EQ(pc_search_show(s, 999999, NULL, collect_article, &sh, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "no article has id 999999") != NULL);

    /* The compiled highlight query is kept only as long as the session's query. */
    CHECK_INT_EQ(pc_query_session_retarget(q, "dawn", NULL, &err), PC_OK);
    memset(&sh, 0, sizeof sh);
    CHECK_INT_EQ(pc_search_show(s, night, q, collect_article, &sh, &err), PC_OK);
    CHECK_STR_EQ(sh.body_marks, "dawn");

    /* A highlight session on another store (here another connection to the same file) is refused. */
    pc_store *other = NULL;
    CHECK_INT_EQ(pc_store_open(&other, pc_store_path(s), &(pc_store_options){.read_only = true}, &err), PC_OK);
    memset(&sh, 0, sizeof sh);
    CHECK_INT_EQ(pc_search_show(other, night, q, collect_article, &sh, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "another index") != NULL);
    CHECK_INT_EQ(sh.calls, 0);
    pc_store_close(other);
    pc_query_session_free(q);
}

int main(void)
{
    make_test_dir();
    pc_store *s = fixture();
    CHECK(s != NULL);
    if (s) {
        test_words_forms_phrases(s);
        test_operators(s);
        test_filters(s);
        test_titles_and_passages(s);
        test_snippet_cut(s);
        test_ties_and_paging(s);
        test_show(s);
        pc_store_close(s);
    }
    test_equal_scores();
    remove_test_dir();
    fprintf(stderr, "%d checks, %d failed\n", harness_checks, harness_failures);
    return harness_failures ? 1 : 0;
}
