/* test_quote.c — unit tests for quote.h: names printed as they are when they can be, C-quoted otherwise,
 * and the quoted form undone gives the bytes back (newline, tab, invalid UTF-8, C1 controls, quotes). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "presscut/core/quote.h"

/* Undoes the quoted form into out (at least len bytes); returns the length, or -1 when it is malformed. */
static int unquote(const char *q, size_t len, char *out)
{
    if (len < 2 || q[0] != '"' || q[len - 1] != '"')
        return -1;
    int n = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        if (q[i] != '\\') {
            out[n++] = q[i];
            continue;
        }
        char c = q[++i];
        if (c == 'n' || c == 't' || c == 'r' || c == '\\' || c == '"') {
            out[n++] = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
        } else if (c == 'x' && i + 2 < len) {
            char hex[3] = {q[i + 1], q[i + 2], 0};
            out[n++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            return -1;
        }
    }
    return n;
}

static void check_quoted(const char *name, size_t len, const char *expected)
{
    pc_strbuf b = {0};
    pc_quote_add(&b, name, len);
    CHECK(pc_quote_needed(name, len));
    CHECK_STR_EQ(b.data, expected);
    char back[256];
    int n = unquote(b.data, b.len, back);
    CHECK_INT_EQ(n, (long long)len);
    CHECK(n >= 0 && memcmp(back, name, len) == 0);
    pc_strbuf_free(&b);
}

static void test_plain_names_unchanged(void)
{
    const char *names[] = {"/news/bbc/001.txt", "/архив/Київ 2022/стаття.html", "a\\b.txt", "say \"hi\".txt",
                           "tab-less name with spaces"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        pc_strbuf b = {0};
        CHECK(!pc_quote_needed(names[i], strlen(names[i])));
        pc_quote_add(&b, names[i], strlen(names[i]));
        CHECK_STR_EQ(b.data, names[i]);
        pc_strbuf_free(&b);
    }
}

static void test_quoted_and_reversible(void)
{
    check_quoted("new\nline.txt", 12, "\"new\\nline.txt\"");
    check_quoted("tab\there.txt", 12, "\"tab\\there.txt\"");
    check_quoted("bad\xff" "byte.txt", 12, "\"bad\\xffbyte.txt\"");
    check_quoted("c1\xc2\x9b[2J.txt", 11, "\"c1\\xc2\\x9b[2J.txt\"");
    check_quoted("esc\x1b]0;x\x07.txt", 13, "\"esc\\x1b]0;x\\x07.txt\"");
    check_quoted("cut\xd0", 4, "\"cut\\xd0\""); /* a truncated character at the end */
    /* Once quoted, '\\' and '"' are escaped too; a name starting with '"' is always quoted. */
    check_quoted("a\\b\n\"c\".txt", 11, "\"a\\\\b\\n\\\"c\\\".txt\"");
    check_quoted("\"quoted\"", 8, "\"\\\"quoted\\\"\"");
    check_quoted("nul\0byte", 8, "\"nul\\x00byte\"");
    check_quoted("Київ\n", 9, "\"Київ\\n\"");
}

static void test_escape_controls_only(void)
{
    pc_strbuf b = {0};
    const char *msg = "cannot read 'a\\b\n\xff.txt': \"denied\"";
    pc_quote_escape_controls(&b, msg, strlen(msg));
    CHECK_STR_EQ(b.data, "cannot read 'a\\b\\n\\xff.txt': \"denied\"");
    pc_strbuf_free(&b);
}

int main(void)
{
    RUN_TEST(test_plain_names_unchanged);
    RUN_TEST(test_quoted_and_reversible);
    RUN_TEST(test_escape_controls_only);
    return TEST_REPORT();
}
