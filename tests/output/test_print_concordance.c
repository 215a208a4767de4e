/* test_print_concordance.c — the concordance layout: display width of wide and combining characters, the
 * left context right-aligned and cut at the left, the right context cut at the right, whole lines aligned on
 * the mention, and the counts table. */
#include "harness.h"
#include "presscut/output/print_concordance.h"

static void test_display_width(void)
{
    CHECK_INT_EQ(pc_display_width("Kyiv", 4), 4);
    CHECK_INT_EQ(pc_display_width("Київ", strlen("Київ")), 4);
    CHECK_INT_EQ(pc_display_width("東京", strlen("東京")), 4);           /* wide: 2 columns each */
    CHECK_INT_EQ(pc_display_width("e\xCC\x81t\xC3\xA9", 5), 3);        /* e + combining acute: 1 column */
    CHECK_INT_EQ(pc_display_width("a\xE2\x80\x8B" "b", 5), 2);          /* zero-width space: a format char */
}

static char *fitted(bool left, const char *s, size_t width, bool pad)
{
    pc_strbuf out = {0};
    pc_strbuf_add(&out, "", 0);
    if (left)
        pc_fit_left(&out, s, strlen(s), width);
    else
        pc_fit_right(&out, s, strlen(s), width, pad);
    return out.data;
}

static void check_fit(bool left, const char *s, size_t width, bool pad, const char *want)
{
    char *got = fitted(left, s, width, pad);
    CHECK_STR_EQ(got, want);
    free(got);
}

static void test_cutting(void)
{
    check_fit(true, "said Dmitry", 14, false, "   said Dmitry");
    check_fit(true, "spokesman said Dmitry", 10, false, "…id Dmitry");
    check_fit(true, "東京の記者", 5, false, "…記者");     /* 1 + 2 + 2 columns */
    check_fit(true, "東京の記者", 6, false, " …記者");    /* a wide character is never halved: pad instead */
    check_fit(true, "cafe\xCC\x81 noir", 5, false, "…noir"); /* the mark goes with its letter */
    check_fit(false, "was quoted as saying", 10, false, "was quote…");
    check_fit(false, "東京の記者", 6, true, "東京… ");  /* 2 + 2 + 1, padded to 6 */
    check_fit(false, "short", 8, true, "short   ");
    check_fit(false, "short", 8, false, "short");
}

static pc_mention mention(const char *left, const char *text, const char *right)
{
    return (pc_mention){.article_id = 1, .cluster = 1, .represents = 1, .date = "2022-02-16T10:00:00Z",
                        .source = "seeds", .title = "Talks", .text = text, .text_len = strlen(text),
                        .left = left, .left_len = strlen(left), .right = right, .right_len = strlen(right),
                        .left_key = "", .right_key = "", .alias = "Peskov", .form_text = "peskov"};
}

static void test_lines_align_on_the_mention(void)
{
    pc_concordance_layout layout = {.date = 10, .source = 6, .title = 0, .left = 12, .right = 12};
    pc_strbuf out = {0};
    pc_mention a = mention("spokesman Dmitry\n ", "Peskov", " said on Friday, according");
    pc_mention b = mention("в Києві, ", "東京", " again");
    b.copies = 2;
    b.represents = 3;
    pc_concordance_line(&out, &a, &layout, false);
    pc_concordance_line(&out, &b, &layout, false);
    CHECK_STR_EQ(out.data, "2022-02-16  seeds   …sman Dmitry │ Peskov │ said on Fri…\n"
                           "2022-02-16  seeds       в Києві, │ 東京 │ again         +2 copies\n");
    /* Both lines put the first bar at the same display column. */
    const char *second = strchr(out.data, '\n') + 1;
    CHECK_INT_EQ(pc_display_width(out.data, (size_t)(strstr(out.data, "│") - out.data)),
                 pc_display_width(second, (size_t)(strstr(second, "│") - second)));
    pc_strbuf_reset(&out);
    pc_mention evil = mention("\x1b[31mred ", "Peskov", "");
    evil.in_title = true;
    layout.left = 30;
    pc_concordance_line(&out, &evil, &layout, true);
    CHECK(!strstr(out.data, "\x1b[31m"));                       /* article text cannot colour the terminal */
    CHECK(str_contains(out.data, "\\x1b"));
    CHECK(str_contains(out.data, "\x1b[1;31mPeskov\x1b[0m")); /* the mention is highlighted */
    CHECK(str_contains(out.data, "[title]"));
    pc_strbuf_free(&out);
}

static void test_counts(void)
{
    pc_mention_bucket buckets[] = {{.key = "2022-01", .mentions = 4, .stories = 2, .articles = 3},
                                   {.key = "2022-02", .mentions = 2, .stories = 1, .articles = 1}};
    pc_mention_counts counts = {.by = PC_BUCKET_MONTH, .buckets = buckets, .n = 2};
    pc_strbuf out = {0};
    pc_concordance_counts(&out, &counts, false, 80);
    CHECK_STR_EQ(out.data, "month    mentions  stories  articles\n"
                           "2022-01         4        2         3\n"
                           "2022-02         2        1         1\n");
    pc_strbuf_reset(&out);
    pc_concordance_counts(&out, &counts, true, 50);
    /* 50 columns leave 11 for the bars: 4 mentions fill them, 2 half of them (rounded up). */
    CHECK(str_contains(out.data, "3  ███████████\n"));
    CHECK(str_contains(out.data, "1  ██████\n"));
    pc_strbuf_free(&out);
}

int main(void)
{
    test_display_width();
    test_cutting();
    test_lines_align_on_the_mention();
    test_counts();
    return TEST_REPORT();
}
