/* test_snippet.c — unit tests of the snippet window (pc_snippet_choose): short
 * texts, centring, word boundaries, spans at the edges, Cyrillic, giant words, invalid UTF-8, the densest
 * cluster, and the window's invariants on many generated texts. */
#include <stdbool.h>
#include <stdint.h>

#include "presscut/core/error.h"
#include "presscut/search/snippet.h"
#include "presscut/core/utf8.h"

#include "harness.h"

/* The span of the first occurrence of `word` in text (after byte `from`). */
static pc_span span_of(const char *text, const char *word, size_t from)
{
    const char *p = strstr(text + from, word);
    pc_span s = {0, 0};
    if (p) {
        s.start = (size_t)(p - text);
        s.end = s.start + strlen(word);
    }
    return s;
}

static size_t chars(const char *s, size_t a, size_t b)
{
    size_t n = 0;
    while (a < b) {
        uint32_t cp;
        int len = pc_utf8_decode((const unsigned char *)s + a, b - a, &cp);
        a += len > 0 ? (size_t)len : 1;
        n++;
    }
    return n;
}

/* The window as a string (static buffer). */
static const char *window(const char *text, const pc_snippet *w)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%.*s", (int)(w->end - w->start), text + w->start);
    return buf;
}

static void choose(const char *text, const pc_span *spans, size_t n, size_t max, pc_snippet *w)
{
    pc_snippet_choose(text, strlen(text), spans, n, max, w);
}

static void test_fits(void)
{
    pc_snippet w;
    const char *t = "  Kyiv under fire \n";
    choose(t, NULL, 0, 0, &w);
    CHECK_STR_EQ(window(t, &w), "Kyiv under fire");
    CHECK(!w.cut_before && !w.cut_after);
    choose(t, NULL, 0, 15, &w); /* exactly fits */
    CHECK_STR_EQ(window(t, &w), "Kyiv under fire");
    CHECK(!w.cut_before && !w.cut_after);
    choose(t, NULL, 0, 1000, &w);
    CHECK_INT_EQ(w.start, 2);
    CHECK_INT_EQ(w.end, 17);
    choose("", NULL, 0, 10, &w);
    CHECK_INT_EQ(w.start, 0);
    CHECK_INT_EQ(w.end, 0);
    choose(" \n\t ", NULL, 0, 2, &w); /* only white space: an empty window */
    CHECK_INT_EQ(w.end - w.start, 0);
    pc_snippet_choose(NULL, 0, NULL, 0, 5, &w);
    CHECK_INT_EQ(w.end, 0);
}

static void test_no_spans(void)
{
    pc_snippet w;
    const char *t = "alpha beta gamma delta epsilon";
    choose(t, NULL, 0, 12, &w);
    CHECK_STR_EQ(window(t, &w), "alpha beta"); /* "alpha beta g" would cut a word */
    CHECK(!w.cut_before);
    CHECK(w.cut_after);
    choose(t, NULL, 0, 11, &w); /* ends at the space: never ends with white space */
    CHECK_STR_EQ(window(t, &w), "alpha beta");
    choose(t, NULL, 0, 4, &w); /* the first word alone is longer: cut inside it */
    CHECK_STR_EQ(window(t, &w), "alph");
    CHECK(w.cut_after);
}

static void test_centred(void)
{
    pc_snippet w;
    const char *t = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
    pc_span s = span_of(t, "seven", 0);
    choose(t, &s, 1, 30, &w);
    CHECK_STR_EQ(window(t, &w), "four five six seven eight nine");
    CHECK(w.cut_before && w.cut_after);
    /* the span lies inside, with about as much text before it as after */
    CHECK(w.start <= s.start && s.end <= w.end);
    long before = (long)(s.start - w.start), after = (long)(w.end - s.end);
    CHECK(labs(before - after) <= 6);
}

static void test_edges(void)
{
    pc_snippet w;
    const char *t = "Zelensky said the city of Kharkiv was shelled overnight and that rescuers were at work";
    pc_span first = span_of(t, "Zelensky", 0);
    choose(t, &first, 1, 30, &w);
    CHECK_INT_EQ(w.start, 0);
    CHECK(!w.cut_before && w.cut_after);
    CHECK_STR_EQ(window(t, &w), "Zelensky said the city of");
    pc_span last = span_of(t, "work", 0);
    choose(t, &last, 1, 30, &w);
    CHECK_INT_EQ(w.end, strlen(t));
    CHECK(w.cut_before && !w.cut_after);
    CHECK_STR_EQ(window(t, &w), "and that rescuers were at work");
    /* a span that is part of a word: the whole word is kept */
    pc_span part = span_of(t, "Khark", 0);
    choose(t, &part, 1, 20, &w);
    CHECK(w.start <= part.start && w.end >= part.start + strlen("Kharkiv"));
}

static void test_cyrillic(void)
{
    pc_snippet w;
    const char *t = "Президент України заявив що Київ готовий до переговорів але ворог продовжує обстріли міст";
    pc_span s = span_of(t, "Київ", 0);
    choose(t, &s, 1, 30, &w);
    const char *got = window(t, &w);
    CHECK(chars(t, w.start, w.end) <= 30);
    CHECK(w.start <= s.start && s.end <= w.end);
    CHECK(pc_utf8_valid(got, strlen(got)));
    CHECK(w.start == 0 || t[w.start - 1] == ' ');
    CHECK(w.end == strlen(t) || t[w.end] == ' ');
    CHECK_STR_EQ(got, "заявив що Київ готовий до"); /* 10 characters before the match, 11 after */
    CHECK(w.cut_before && w.cut_after);
    /* no spans: the start, whole words */
    choose(t, NULL, 0, 20, &w);
    CHECK_STR_EQ(window(t, &w), "Президент України");
}

static void test_giant_word(void)
{
    pc_snippet w;
    char t[200];
    memset(t, 'a', 100);
    t[100] = '\0';
    choose(t, NULL, 0, 10, &w);
    CHECK_INT_EQ(w.start, 0);
    CHECK_INT_EQ(w.end, 10);
    CHECK(w.cut_after && !w.cut_before);
    /* a match inside the giant word: cut at characters around it */
    pc_span s = {50, 53};
    choose(t, &s, 1, 10, &w);
    CHECK(w.start <= 50 && w.end >= 53);
    CHECK_INT_EQ(w.end - w.start, 10);
    CHECK(w.cut_before && w.cut_after);
    /* Cyrillic: never cut inside a character */
    char cy[400] = "";
    for (int i = 0; i < 60; i++)
        strcat(cy, "ж");
    choose(cy, NULL, 0, 7, &w);
    CHECK_INT_EQ(w.end, 14);
    pc_span cs = {60, 62};
    choose(cy, &cs, 1, 7, &w);
    CHECK_INT_EQ(w.end - w.start, 14);
    CHECK(w.start % 2 == 0);
    CHECK(w.start <= 60 && w.end >= 62);
}

static void test_invalid_utf8(void)
{
    pc_snippet w;
    const char *t = "\xff\xfe bad \xc3 bytes \xe2\x82 here and more words after them";
    pc_span s = span_of(t, "more", 0);
    choose(t, &s, 1, 14, &w);
    CHECK(w.start <= s.start && s.end <= w.end);
    CHECK(chars(t, w.start, w.end) <= 14);
    choose(t, NULL, 0, 11, &w); /* each bad byte counts as one character: "\xff\xfe bad \xc3" is 8 */
    CHECK_INT_EQ(w.start, 0);
    CHECK_INT_EQ(w.end, 8);
    choose(t, NULL, 0, 0, &w);
    CHECK_INT_EQ(w.end, strlen(t));
}

static void test_densest(void)
{
    pc_snippet w;
    const char *t = "Sanctions were mentioned once at the start. Then a long stretch of unrelated text follows here "
                    "about the weather and sport and other things entirely. Finally new sanctions, more sanctions "
                    "and harsher sanctions were announced.";
    pc_span spans[4];
    spans[0] = span_of(t, "Sanctions", 0);
    spans[1] = span_of(t, "sanctions", 0);
    spans[2] = span_of(t, "sanctions", spans[1].end);
    spans[3] = span_of(t, "sanctions", spans[2].end);
    choose(t, spans, 4, 60, &w);
    CHECK(w.start <= spans[1].start && spans[3].end <= w.end);
    CHECK(w.start > spans[0].end);
    CHECK(chars(t, w.start, w.end) <= 60);
    CHECK(w.cut_before);
    /* ties go to the earliest cluster */
    const char *u = "war here then many many filler words in between the two of them to fill space and war there";
    pc_span two[2] = {span_of(u, "war", 0), span_of(u, "war", 10)};
    choose(u, two, 2, 20, &w);
    CHECK_INT_EQ(w.start, 0);
    /* invalid spans (out of range, overlapping, empty) are ignored */
    pc_span bad[3] = {{5, 2}, {1000, 1010}, {0, 3}};
    choose(u, bad, 3, 20, &w);
    CHECK_INT_EQ(w.start, 0);
}

/* Invariants on generated texts: the window fits, never starts or ends with white space, starts and ends at
 * word boundaries unless the word is longer than the window, and holds at least one span when some span's
 * word fits, and at least as many spans as the densest cluster that fits. */
static void test_generated(void)
{
    static const char *words[] = {"war", "Київ", "a", "peace", "обстріли", "x", "negotiations", "\xff",
                                  "é", "talks", "—", "s"};
    static const char *spaces[] = {" ", " ", "\n", "  ", "\xc2\xa0", "\t"};
    unsigned seed = 12345;
    int bad = 0;
    for (int round = 0; round < 3000; round++) {
        char text[2048];
        size_t len = 0;
        pc_span spans[64];
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        int count = (int)(seed >> 16) % 60;
        for (int i = 0; i < count; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *wd = words[(seed >> 16) % 12];
            const char *sp = spaces[(seed >> 8) % 6];
            size_t wl = strlen(wd), sl = strlen(sp);
            memcpy(text + len, wd, wl);
            if ((seed >> 20) % 5 == 0 && n < 64)
                spans[n++] = (pc_span){len, len + wl};
            len += wl;
            memcpy(text + len, sp, sl);
            len += sl;
        }
        text[len] = '\0';
        seed = seed * 1103515245u + 12345u;
        size_t max = 1 + (seed >> 16) % 40;
        pc_snippet w;
        pc_snippet_choose(text, len, spans, n, max, &w);
        bool ok = w.start <= w.end && w.end <= len && chars(text, w.start, w.end) <= max;
        if (w.end > w.start) {
            ok = ok && pc_utf8_space_len(text + w.start, len - w.start) == 0;
            for (size_t k = 1; k <= 3 && k <= w.end - w.start; k++)
                ok = ok && pc_utf8_space_len(text + w.end - k, k) != k;
            /* at word boundaries, unless the window is one cut word */
            bool one_word = true;
            for (size_t k = w.start; k < w.end; k++)
                if (pc_utf8_space_len(text + k, w.end - k) > 0)
                    one_word = false;
            bool start_ok = w.start == 0 || pc_utf8_space_len(text + w.start - 1, 1) == 1 ||
                            (w.start >= 2 && pc_utf8_space_len(text + w.start - 2, 2) == 2);
            bool end_ok = w.end == len || pc_utf8_space_len(text + w.end, len - w.end) > 0;
            ok = ok && ((start_ok && end_ok) || one_word);
        }
        bool any_fits = false, any_inside = false;
        for (size_t i = 0; i < n; i++) {
            if (spans[i].end - spans[i].start <= max) /* the words are the spans here */
                any_fits = true;
            if (spans[i].start >= w.start && spans[i].end <= w.end)
                any_inside = true;
        }
        if (any_fits && !any_inside)
            ok = false;
        /* as many spans as the densest possible cluster (the spans are whole words here) */
        size_t best = 0, inside = 0;
        for (size_t i = 0; i < n; i++) {
            size_t c = 0;
            for (size_t k = i; k < n && chars(text, spans[i].start, spans[k].end) <= max; k++)
                c++;
            best = c > best ? c : best;
            inside += spans[i].start >= w.start && spans[i].end <= w.end;
        }
        if (inside < best)
            ok = false;
        if (!ok && bad++ < 5)
            fprintf(stderr, "round %d max %zu: window [%zu, %zu) of %zu\n", round, max, w.start, w.end, len);
    }
    CHECK_INT_EQ(bad, 0);
}

int main(void)
{
    RUN_TEST(test_fits);
    RUN_TEST(test_no_spans);
    RUN_TEST(test_centred);
    RUN_TEST(test_edges);
    RUN_TEST(test_cyrillic);
    RUN_TEST(test_giant_word);
    RUN_TEST(test_invalid_utf8);
    RUN_TEST(test_densest);
    RUN_TEST(test_generated);
    return TEST_REPORT();
}
