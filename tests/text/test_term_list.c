/* test_term_list.c — unit tests for pre-analysed term lists: a replay gives exactly the terms pc_analyze
 * gives (text, offsets, colocation), shifted on request; matching is by language and exact bytes. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "presscut/text/term_list.h"

typedef struct collected {
    char text[8192];
    size_t len;
    int count;
} collected;

/* Appends "term@start-end" (with '+' before colocated terms) to the collection. */
static int collect(void *payload, const pc_term *t)
{
    collected *c = payload;
    bool stem = t->len > 0 && t->text[0] == PC_STEM_MARK;
    int n = snprintf(c->text + c->len, sizeof c->text - c->len, "%s%s%.*s@%d-%d", c->count ? " " : "",
                     t->colocated ? "+" : "", stem ? t->len - 1 : t->len, stem ? t->text + 1 : t->text, t->start,
                     t->end);
    if (n > 0 && (size_t)n < sizeof c->text - c->len)
        c->len += (size_t)n;
    c->count++;
    return 0;
}

static int stop_after_two(void *payload, const pc_term *t)
{
    int *n = payload;
    return ++*n == 2 ? 42 : 0;
}

static void test_replay_equals_analysis(pc_analyzer *a)
{
    pc_analyzer_config cfg = *pc_analyzer_get_config(a);
    const char *texts[][2] = {
        {"en", "Hackers attacked Russia’s banks; 1,000 sites went down."},
        {"ru", "Хакеры атаковали сайты банков в Киеве."},
        {"uk", "Хакери атакували сайти у Києві, м’ясо подорожчало."},
        {"", "Plain words without a language."},
        {"en", ""},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *lang = texts[i][0], *text = texts[i][1];
        collected direct = {0}, replayed = {0};
        CHECK_INT_EQ(pc_analyze(a, lang, text, strlen(text), collect, &direct), 0);
        pc_term_list *list = NULL;
        CHECK_INT_EQ(pc_term_list_build(a, lang, text, strlen(text), &list), PC_OK);
        if (!list)
            continue;
        CHECK_INT_EQ(pc_term_list_count(list), direct.count);
        CHECK_INT_EQ(pc_term_list_replay(list, 0, collect, &replayed), 0);
        CHECK_STR_EQ(replayed.text, direct.text);
        CHECK(pc_term_list_matches(list, &cfg, lang, text, strlen(text)));
        char *copy = strdup(text);
        CHECK(pc_term_list_matches(list, &cfg, lang, copy, strlen(copy)));
        free(copy);
        pc_term_list_free(list);
    }
}

static void test_shift_and_matching(pc_analyzer *a)
{
    pc_analyzer_config cfg = *pc_analyzer_get_config(a);
    pc_analyzer_config other = cfg;
    other.exact_forms = false;
    const char *text = "Banks attacked";
    pc_term_list *list = NULL;
    CHECK_INT_EQ(pc_term_list_build(a, "en", text, strlen(text), &list), PC_OK);
    collected c = {0};
    CHECK_INT_EQ(pc_term_list_replay(list, 4, collect, &c), 0);
    CHECK_STR_EQ(c.text, "banks@4-9 +en:bank@4-9 attacked@10-18 +en:attack@10-18");
    CHECK(!pc_term_list_matches(list, &cfg, "de", text, strlen(text)));
    CHECK(!pc_term_list_matches(list, &cfg, "en", "Banks attackeD", strlen(text)));
    CHECK(!pc_term_list_matches(list, &cfg, "en", text, strlen(text) - 1));
    CHECK(!pc_term_list_matches(NULL, &cfg, "en", text, strlen(text)));
    CHECK(!pc_term_list_matches(list, &other, "en", text, strlen(text)));
    CHECK(pc_term_list_matches(list, &cfg, "en", text, strlen(text)));
    int n = 0;
    CHECK_INT_EQ(pc_term_list_replay(list, 0, stop_after_two, &n), 42);
    CHECK_INT_EQ(n, 2);
    pc_term_list_free(list);
    pc_term_list_free(NULL);

    pc_term_list *empty = NULL;
    CHECK_INT_EQ(pc_term_list_build(a, NULL, "", 0, &empty), PC_OK);
    CHECK_INT_EQ(pc_term_list_count(empty), 0);
    CHECK(pc_term_list_matches(empty, &cfg, "", "", 0));
    pc_term_list_free(empty);
}

int main(void)
{
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    pc_analyzer *a = NULL;
    pc_error err;
    if (pc_analyzer_new(&a, &cfg, &err) != PC_OK) {
        fprintf(stderr, "analyzer: %s\n", err.msg);
        return 1;
    }
    test_replay_equals_analysis(a);
    test_shift_and_matching(a);
    pc_analyzer_free(a);
    return TEST_REPORT();
}
