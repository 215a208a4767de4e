/* test_screen_text.c — screen lines of the interactive screen (screen_text.h): widths as the terminal places
 * them (Cyrillic 1 column, CJK 2, combining marks 0), control characters escaped, cuts with "…" that never
 * split a character or leave its combining mark behind, matched words styled through the escapes, and line
 * breaking at spaces. */
#include <locale.h>
#include <string.h>

#include "presscut/tui/screen_text.h"

#include "harness.h"

/* The line's text as a C string (the test's copy). */
static char *text_of(const pc_screen_line *l)
{
    char *s = malloc(l->len + 1);
    memcpy(s, l->text, l->len);
    s[l->len] = '\0';
    return s;
}

static void test_widths(void)
{
    CHECK_INT_EQ(pc_screen_text_columns("abc", 3), 3);
    CHECK_INT_EQ(pc_screen_text_columns("Київ", strlen("Київ")), 4);
    CHECK_INT_EQ(pc_screen_text_columns("日本", strlen("日本")), 4);
    CHECK_INT_EQ(pc_screen_text_columns("e\xCC\x81", 3), 1);      /* e + combining acute */
    CHECK_INT_EQ(pc_screen_text_columns("\x1b[2J", 4), 7);         /* \x1b [ 2 J */
    CHECK_INT_EQ(pc_screen_text_columns("\xC2\x9B", 2), 6);        /* C1 CSI: \u009b */
    CHECK_INT_EQ(pc_screen_text_columns("\xFF", 1), 1);            /* not UTF-8: U+FFFD */
}

static void test_cut_with_ellipsis(void)
{
    pc_screen_line l = {0};
    size_t used = pc_screen_line_add(&l, "Київ столиця", strlen("Київ столиця"), PC_STYLE_PLAIN, NULL, 0,
                                     PC_STYLE_MATCH, 6);
    char *s = text_of(&l);
    CHECK_STR_EQ(s, "Київ …");
    CHECK_INT_EQ(l.columns, 6);
    CHECK_INT_EQ(used, strlen("Київ "));
    free(s);

    pc_screen_line_reset(&l);
    pc_screen_line_add(&l, "日本語", strlen("日本語"), PC_STYLE_PLAIN, NULL, 0, PC_STYLE_PLAIN, 4);
    s = text_of(&l);
    CHECK_STR_EQ(s, "日…"); /* a wide character never straddles the edge */
    CHECK_INT_EQ(l.columns, 3);
    free(s);

    pc_screen_line_reset(&l);
    pc_screen_line_add(&l, "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 9, PC_STYLE_PLAIN, NULL, 0, PC_STYLE_PLAIN, 2);
    s = text_of(&l);
    CHECK_STR_EQ(s, "e\xCC\x81…"); /* the mark stays with its letter */
    CHECK_INT_EQ(l.columns, 2);
    free(s);

    pc_screen_line_reset(&l);
    pc_screen_line_add(&l, "fits", 4, PC_STYLE_PLAIN, NULL, 0, PC_STYLE_PLAIN, 4);
    pc_screen_line_pad(&l, 7, PC_STYLE_PLAIN);
    s = text_of(&l);
    CHECK_STR_EQ(s, "fits   ");
    CHECK_INT_EQ(l.columns, 7);
    free(s);
    pc_screen_line_free(&l);
}

static void test_escapes(void)
{
    pc_screen_line l = {0};
    pc_screen_line_add(&l, "a\x1b[2Jb\tc\nd", 10, PC_STYLE_PLAIN, NULL, 0, PC_STYLE_PLAIN, 80);
    char *s = text_of(&l);
    CHECK_STR_EQ(s, "a\\x1b[2Jb c d");
    CHECK(memchr(l.text, 0x1b, l.len) == NULL);
    CHECK_INT_EQ(l.columns, strlen("a\\x1b[2Jb c d"));
    free(s);
    pc_screen_line_free(&l);
}

static void test_match_styles(void)
{
    pc_screen_line l = {0};
    pc_span span = {4, 8};
    pc_screen_line_add(&l, "the Kyiv metro", 14, PC_STYLE_PLAIN, &span, 1, PC_STYLE_MATCH, 80);
    for (size_t i = 0; i < l.len; i++)
        CHECK_INT_EQ(l.style[i], i >= 4 && i < 8 ? PC_STYLE_MATCH : PC_STYLE_PLAIN);

    /* after an escaped control character the span still covers the word, not the escape */
    pc_screen_line_reset(&l);
    pc_span after = {1, 5};
    pc_screen_line_add(&l, "\x01Kyiv", 5, PC_STYLE_PLAIN, &after, 1, PC_STYLE_MATCH, 80);
    char *s = text_of(&l);
    CHECK_STR_EQ(s, "\\x01Kyiv");
    for (size_t i = 0; i < l.len; i++)
        CHECK_INT_EQ(l.style[i], i >= 4 ? PC_STYLE_MATCH : PC_STYLE_PLAIN);
    free(s);

    /* Cyrillic: the match covers whole characters */
    pc_screen_line_reset(&l);
    const char *uk = "у Києві";
    pc_span kyiv = {strlen("у "), strlen(uk)};
    pc_screen_line_add(&l, uk, strlen(uk), PC_STYLE_PLAIN, &kyiv, 1, PC_STYLE_MATCH, 80);
    CHECK_INT_EQ(l.style[0], PC_STYLE_PLAIN);
    CHECK_INT_EQ(l.style[strlen("у ")], PC_STYLE_MATCH);
    CHECK_INT_EQ(l.style[l.len - 1], PC_STYLE_MATCH);
    CHECK_INT_EQ(l.columns, 7);
    pc_screen_line_free(&l);
}

/* The lines pc_screen_wrap makes of s at `width`, joined with '|'. */
static void wrapped(const char *s, size_t width, char *out, size_t out_size)
{
    size_t len = strlen(s), at = 0, n = 0;
    out[0] = '\0';
    while (at < len && n < 50) {
        size_t next;
        size_t end = pc_screen_wrap(s, len, at, width, &next);
        if (n++)
            strncat(out, "|", out_size - strlen(out) - 1);
        strncat(out, s + at, end - at < out_size - strlen(out) - 1 ? end - at : out_size - strlen(out) - 1);
        CHECK(next > at);
        at = next;
    }
}

static void test_wrap(void)
{
    char out[256];
    wrapped("one two three", 7, out, sizeof out);
    CHECK_STR_EQ(out, "one two|three");
    wrapped("abcdefghij", 4, out, sizeof out);
    CHECK_STR_EQ(out, "abcd|efgh|ij");
    wrapped("a\n\nb", 10, out, sizeof out);
    CHECK_STR_EQ(out, "a||b");
    wrapped("Київ столиця України", 12, out, sizeof out);
    CHECK_STR_EQ(out, "Київ столиця|України");
    wrapped("日本語の新聞", 5, out, sizeof out);
    CHECK_STR_EQ(out, "日本|語の|新聞");
}

int main(void)
{
    if (!setlocale(LC_CTYPE, "C.UTF-8")) {
        fprintf(stderr, "the C.UTF-8 locale is missing\n");
        return 1;
    }
    RUN_TEST(test_widths);
    RUN_TEST(test_cut_with_ellipsis);
    RUN_TEST(test_escapes);
    RUN_TEST(test_match_styles);
    RUN_TEST(test_wrap);
    return TEST_REPORT();
}
