/* test_mentions.c — the mentions engine on a hand-made index: every occurrence with its offsets and context,
 * multi-word aliases as consecutive words, no false friends of a shared stem, case sensitivity, copies of a
 * story folded or not, the session's filters, sorting and counts per bucket. */
#include "harness.h"
#include "index_fixtures.h"
#include "presscut/search/mentions.h"
#include "presscut/search/session.h"

static char test_dir[512];

/* Four articles; the last two are copies of one story (same text), so they share a cluster. */
static pc_store *mentions_index(const char *path)
{
    const char *copy = "Kremlin spokesman Dmitry Peskov said the talks would go on. Peskov repeated it later.";
    pc_article *list[] = {
        fixture_article("Putin meets envoys", "Putin puts the question. Putin’s aide said put it off. The kremlin "
                        "press office and the Kremlin agreed. Putin again.",
                        "2022-02-16", "en", "Northgate Wire", "line 1"),
        fixture_article("Київ", "У Києві та Київ. Kyiv and Kiev, and KYIV.", "2022-03-01", "uk", "Kyiv Lantern",
                        "line 2"),
        fixture_article("Talks", copy, "2022-03-02", "en", "Lakeshore Observer", "line 3"),
        fixture_article("Talks", copy, "2022-03-02", "en", "Lakeshore Observer", "line 4"),
    };
    return fixture_index(path, list, sizeof list / sizeof list[0]);
}

typedef struct seen {
    pc_mention_list list;
    pc_mention_counts counts;
} seen;

static int keep(void *payload, const pc_mention *m)
{
    seen *s = payload;
    CHECK_INT_EQ(pc_mention_counts_add(&s->counts, m), 0);
    return pc_mention_list_add(&s->list, m);
}

/* Runs the engine for aliases with options; fills *out (the caller frees) and returns the totals. */
static pc_mention_totals run(pc_store *s, const char *const *aliases, size_t n, const pc_mention_options *opt,
                             const char *since, seen *out)
{
    pc_mention_totals totals = {0};
    memset(out, 0, sizeof *out);
    out->counts.by = PC_BUCKET_MONTH;
    pc_error err = {0};
    pc_query_session *qs = NULL;
    CHECK_INT_EQ(pc_query_session_new(&qs, s, NULL, NULL, &err), 0);
    if (!qs)
        return totals;
    if (since)
        CHECK_INT_EQ(pc_query_session_add_filter(qs, "since", since, &err), 0);
    pc_mentions *m = NULL;
    CHECK_INT_EQ(pc_mentions_new(&m, qs, aliases, n, opt, &err), 0);
    if (m)
        CHECK_INT_EQ(pc_mentions_run(m, keep, out, &totals, &err), 0);
    pc_mentions_free(m);
    pc_query_session_free(qs);
    return totals;
}

static void release(seen *s)
{
    pc_mention_list_free(&s->list);
    pc_mention_counts_free(&s->counts);
}

static void test_every_occurrence_with_offsets(pc_store *s)
{
    const char *aliases[] = {"Putin"};
    seen got;
    pc_mention_totals t = run(s, aliases, 1, NULL, NULL, &got);
    /* Title once, body three times: "Putin", the possessive "Putin’s" (a variant form: it names him) and "Putin
     * again"; "puts" and "put" share the English stem "put" but are not forms of the name. */
    CHECK_INT_EQ(t.mentions, 4);
    CHECK_INT_EQ(t.stories, 1);
    CHECK_INT_EQ(t.articles, 1);
    CHECK_INT_EQ(got.list.n, 4);
    if (got.list.n == 4) {
        const pc_mention *title = pc_mention_list_at(&got.list, 0);
        CHECK(title->in_title);
        CHECK_INT_EQ(title->byte_start, 0);
        CHECK(title->story_first && title->article_first);
        const pc_mention *first = pc_mention_list_at(&got.list, 1);
        CHECK(!first->in_title);
        CHECK_INT_EQ(first->byte_start, 0);
        CHECK_INT_EQ(first->byte_end, 5);
        CHECK(!first->article_first);
        CHECK_STR_EQ(first->alias, "Putin");
        CHECK_STR_EQ(first->form_text, "putin");
        CHECK_STR_EQ(first->right_key, "puts the question putin's aide said put it");
        const pc_mention *possessive = pc_mention_list_at(&got.list, 2);
        CHECK_STR_EQ(possessive->form_text, "putin's");
        CHECK_INT_EQ(possessive->kind, PC_FORM_VARIANT);
        CHECK(possessive->text_len == strlen("Putin’s") && strncmp(possessive->text, "Putin’s", 9) == 0);
        const pc_mention *last = pc_mention_list_at(&got.list, 3);
        CHECK_INT_EQ(last->text_len, 5);
        CHECK(strncmp(last->text, "Putin", 5) == 0);
        /* "’" is 3 bytes and 1 character before it: offsets in characters are 2 fewer. */
        CHECK_INT_EQ(last->char_start + 2, last->byte_start);
        const char *left = "The kremlin press office and the Kremlin agreed. ";
        CHECK(last->left_len == strlen(left) && strncmp(last->left, left, last->left_len) == 0);
        CHECK_STR_EQ(last->left_key, "agreed kremlin the and office press kremlin the");
    }
    release(&got);
}

static void test_cyrillic_and_offsets_in_characters(pc_store *s)
{
    const char *aliases[] = {"Kyiv", "Kiev", "Київ"};
    seen got;
    pc_mention_totals t = run(s, aliases, 3, NULL, NULL, &got);
    /* Title Київ, body Києві (the locative of Київ: a mention, made as an inflection), Київ, Kyiv, Kiev, KYIV. */
    CHECK_INT_EQ(t.mentions, 6);
    if (got.list.n == 6) {
        const pc_mention *locative = pc_mention_list_at(&got.list, 1);
        CHECK_STR_EQ(locative->form_text, "києві");
        CHECK_INT_EQ(locative->kind, PC_FORM_INFLECTION);
        CHECK_INT_EQ(locative->char_start, 2);
        const pc_mention *m = pc_mention_list_at(&got.list, 2);
        CHECK_STR_EQ(m->alias, "Київ");
        CHECK_INT_EQ(m->char_start, 11);               /* "У Києві та " */
        CHECK_INT_EQ(m->byte_start, 2 + 1 + 10 + 1 + 4 + 1); /* У is 2 bytes, each letter of Києві too */
        CHECK_INT_EQ(m->char_end - m->char_start, 4);
        CHECK_INT_EQ(m->byte_end - m->byte_start, 8);
        CHECK_STR_EQ(pc_mention_list_at(&got.list, 5)->alias, "Kyiv"); /* KYIV */
    }
    release(&got);
}

static void test_case_sensitive(pc_store *s)
{
    const char *aliases[] = {"Kremlin"};
    pc_mention_options opt;
    pc_mention_options_default(&opt);
    seen got;
    CHECK_INT_EQ(run(s, aliases, 1, &opt, NULL, &got).mentions, 3); /* kremlin, Kremlin, the story of copies */
    release(&got);
    opt.case_sensitive = true;
    pc_mention_totals t = run(s, aliases, 1, &opt, NULL, &got);
    CHECK_INT_EQ(t.mentions, 2); /* "The kremlin" is left out */
    for (size_t i = 0; i < got.list.n; i++)
        CHECK(strncmp(pc_mention_list_at(&got.list, i)->text, "Kremlin", 7) == 0);
    release(&got);
    const char *upper[] = {"KYIV"};
    CHECK_INT_EQ(run(s, upper, 1, &opt, NULL, &got).mentions, 1);
    release(&got);
}

static void test_phrases_and_copies(pc_store *s)
{
    const char *aliases[] = {"Dmitry Peskov", "Peskov"};
    pc_mention_options opt;
    pc_mention_options_default(&opt);
    seen got;
    pc_mention_totals t = run(s, aliases, 2, &opt, NULL, &got);
    /* One story read once: the phrase (the longest form wins over "peskov" inside it), then "Peskov". */
    CHECK_INT_EQ(t.mentions, 2);
    CHECK_INT_EQ(t.stories, 1);
    CHECK_INT_EQ(t.articles, 2);
    if (got.list.n == 2) {
        const pc_mention *m = pc_mention_list_at(&got.list, 0);
        CHECK_STR_EQ(m->form_text, "dmitry peskov");
        CHECK_INT_EQ(m->text_len, strlen("Dmitry Peskov"));
        CHECK_INT_EQ(m->copies, 1);
        CHECK_INT_EQ(m->represents, 2);
        CHECK_STR_EQ(pc_mention_list_at(&got.list, 1)->form_text, "peskov");
    }
    if (got.counts.n == 1) {
        CHECK_STR_EQ(got.counts.buckets[0].key, "2022-03");
        CHECK_INT_EQ(got.counts.buckets[0].mentions, 2);
        CHECK_INT_EQ(got.counts.buckets[0].stories, 1);
        CHECK_INT_EQ(got.counts.buckets[0].articles, 2);
    }
    release(&got);
    opt.all_copies = true;
    t = run(s, aliases, 2, &opt, NULL, &got);
    CHECK_INT_EQ(t.mentions, 4);
    CHECK_INT_EQ(t.stories, 1);
    CHECK_INT_EQ(t.articles, 2);
    release(&got);
}

static void test_filters_sorting_and_errors(pc_store *s)
{
    const char *aliases[] = {"Kremlin"};
    seen got;
    CHECK_INT_EQ(run(s, aliases, 1, NULL, "2022-03", &got).mentions, 1); /* the February article is left out */
    release(&got);

    run(s, aliases, 1, NULL, NULL, &got);
    pc_mention_list_sort(&got.list, PC_MENTION_SORT_LEFT);
    CHECK_INT_EQ(got.list.n, 3);
    if (got.list.n == 3) { /* the words before each, nearest first: "the and ..." < "the off ...", none last */
        CHECK_STR_EQ(pc_mention_list_at(&got.list, 0)->left_key, "the and office press kremlin the off it");
        CHECK_STR_EQ(pc_mention_list_at(&got.list, 1)->left_key, "the off it put said aide putin's question");
        CHECK_STR_EQ(pc_mention_list_at(&got.list, 2)->left_key, "");
        CHECK_STR_EQ(pc_mention_list_at(&got.list, 2)->date, "2022-03-02");
    }
    pc_mention_list_sort(&got.list, PC_MENTION_SORT_DATE);
    if (got.list.n == 3) {
        CHECK_STR_EQ(pc_mention_list_at(&got.list, 0)->date, "2022-02-16");
        CHECK_INT_EQ(pc_mention_list_at(&got.list, 0)->byte_start, 61); /* equal dates keep the order found */
        CHECK_STR_EQ(pc_mention_list_at(&got.list, 2)->date, "2022-03-02");
    }
    release(&got);

    pc_error err = {0};
    pc_query_session *qs = NULL;
    CHECK_INT_EQ(pc_query_session_new(&qs, s, NULL, NULL, &err), 0);
    pc_mentions *m = NULL;
    const char *nothing[] = {"—"};
    CHECK_INT_EQ(pc_mentions_new(&m, qs, nothing, 1, NULL, &err), PC_EINVAL);
    CHECK(m == NULL);
    CHECK(str_contains(err.msg, "has no word"));
    CHECK_INT_EQ(pc_mentions_new(&m, qs, nothing, 0, NULL, &err), PC_EINVAL);
    pc_query_session_free(qs);
}

static void test_iso_week(void)
{
    char week[9];
    CHECK(pc_iso_week("2022-02-16", week));
    CHECK_STR_EQ(week, "2022-W07");
    CHECK(pc_iso_week("2021-01-03", week)); /* a Sunday in the last week of 2020 */
    CHECK_STR_EQ(week, "2020-W53");
    CHECK(pc_iso_week("2024-12-30", week)); /* a Monday in the first week of 2025 */
    CHECK_STR_EQ(week, "2025-W01");
    CHECK(!pc_iso_week("soon", week));
}

/* Words glued by dots and words in titles only, in an index of their own. */
static void test_dots_and_titles(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s/dots.db", test_dir);
    pc_article *list[] = {
        fixture_article("Киеву обещали помощь", "Домен .eu и адрес europa.eu; ЕС и EU. В.Путин: да. Яндекс.Новости "
                        "и news.yandex.ru.", "2022-03-05", "ru", "Vestovoy", "line 1"),
    };
    pc_store *s = fixture_index(path, list, 1);
    CHECK(s != NULL);
    if (!s)
        return;
    seen got;
    /* ".eu" after a dot is an address, so is europa.eu; EU alone is the name. */
    const char *eu[] = {"EU"};
    CHECK_INT_EQ(run(s, eu, 1, NULL, NULL, &got).mentions, 1);
    if (got.list.n == 1)
        CHECK(strncmp(pc_mention_list_at(&got.list, 0)->text, "EU", 2) == 0);
    release(&got);
    /* A capitalised name glued by a dot is a mention (its place is the part), a lower-case address is not. */
    const char *putin[] = {"Путин"}, *yandex[] = {"Яндекс", "Yandex"};
    CHECK_INT_EQ(run(s, putin, 1, NULL, NULL, &got).mentions, 1);
    if (got.list.n == 1) {
        const pc_mention *m = pc_mention_list_at(&got.list, 0);
        CHECK(m->text_len == strlen("Путин") && strncmp(m->text, "Путин", m->text_len) == 0);
        CHECK(m->left_len >= 3 && strncmp(m->left + m->left_len - 3, "В.", 3) == 0);
    }
    release(&got);
    CHECK_INT_EQ(run(s, yandex, 2, NULL, NULL, &got).mentions, 1);
    release(&got);
    /* Киеву is only in the title: still an inflection of Киев. */
    const char *kiev[] = {"Киев"};
    CHECK_INT_EQ(run(s, kiev, 1, NULL, NULL, &got).mentions, 1);
    if (got.list.n == 1)
        CHECK(pc_mention_list_at(&got.list, 0)->in_title);
    release(&got);
    pc_store_close(s);
}

int main(void)
{
    harness_make_temp_dir(test_dir, sizeof test_dir, "mentions");
    char path[600];
    snprintf(path, sizeof path, "%s/mentions.db", test_dir);
    pc_store *s = mentions_index(path);
    CHECK(s != NULL);
    if (s) {
        test_every_occurrence_with_offsets(s);
        test_cyrillic_and_offsets_in_characters(s);
        test_case_sensitive(s);
        test_phrases_and_copies(s);
        test_filters_sorting_and_errors(s);
        pc_store_close(s);
    }
    test_dots_and_titles();
    test_iso_week();
    harness_remove_dir(test_dir);
    return TEST_REPORT();
}
