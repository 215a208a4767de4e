/* test_passage.c — unit tests of pc_passages_split and pc_count_words: exact spans on small bodies, the
 * invariants (order, no overlap, every word covered, word bounds) over every BBC article, the seeds and
 * Cyrillic news, a 1 MB paragraph, a paragraph split a window at a time, and empty bodies. */
#include <dirent.h>
#include <stdbool.h>

#include "presscut/ingest/passage.h"
#include "presscut/ingest/reader.h"
#include "presscut/text/text_decode.h"

#include "harness.h"

static void set_body(pc_article *a, const char *body)
{
    pc_article_clear(a);
    a->body = strdup(body);
    a->body_len = strlen(body);
}

/* "w1 w2 ... wN" + end, appended to buf */
static void add_words(char *buf, int n, const char *end)
{
    for (int i = 0; i < n; i++) {
        char w[16];
        snprintf(w, sizeof w, "%sw%d", i ? " " : "", i + 1);
        strcat(buf, w);
    }
    strcat(buf, end);
}

static size_t span_words(const pc_article *a, size_t i)
{
    return pc_count_words(a->body + a->passages[i].start, a->passages[i].end - a->passages[i].start);
}

static size_t trailing_space(const char *s, size_t len)
{
    for (size_t n = 1; n <= 3 && n <= len; n++)
        if (pc_utf8_space_len(s + len - n, n) == n)
            return n;
    return 0;
}

/* Checks every documented invariant; prints the first broken one. */
static bool invariants_hold(const pc_article *a, const char *what)
{
    const char *b = a->body;
    size_t total = pc_count_words(b, a->body_len), covered = 0, prev_end = 0;
    if (total == 0 && a->n_passages == 0)
        return true;
    for (size_t i = 0; i < a->n_passages; i++) {
        size_t s = a->passages[i].start, e = a->passages[i].end;
        const char *problem = NULL;
        if (!(s < e && e <= a->body_len))
            problem = "empty or out of the body";
        else if (s < prev_end)
            problem = "overlaps or goes back";
        else if (pc_utf8_space_len(b + s, e - s) || trailing_space(b + s, e - s))
            problem = "starts or ends in white space";
        else if (((unsigned char)b[s] & 0xC0) == 0x80 || (e < a->body_len && ((unsigned char)b[e] & 0xC0) == 0x80))
            problem = "cuts a character";
        else if (pc_count_words(b + prev_end, s - prev_end) != 0)
            problem = "leaves words out before it";
        else if (span_words(a, i) > PC_PASSAGE_MAX_WORDS)
            problem = "has more than MAX words";
        else if (span_words(a, i) < PC_PASSAGE_MIN_WORDS && a->n_passages > 1) {
            /* a short passage could not be merged with a neighbour */
            bool next_too_big = i + 1 < a->n_passages && span_words(a, i) + span_words(a, i + 1) > PC_PASSAGE_MAX_WORDS;
            bool prev_too_big = i + 1 == a->n_passages && i > 0 &&
                                span_words(a, i) + span_words(a, i - 1) > PC_PASSAGE_MAX_WORDS;
            if (!next_too_big && !prev_too_big)
                problem = "is short but could have been merged";
        }
        if (problem) {
            fprintf(stderr, "  %s: passage %zu [%zu, %zu) %s\n", what, i, s, e, problem);
            return false;
        }
        covered += span_words(a, i);
        prev_end = e;
    }
    if (pc_count_words(b + prev_end, a->body_len - prev_end) != 0 || covered != total) {
        fprintf(stderr, "  %s: %zu of %zu words covered\n", what, covered, total);
        return false;
    }
    return true;
}

static void test_count_words(void)
{
    CHECK_INT_EQ(pc_count_words("", 0), 0);
    CHECK_INT_EQ(pc_count_words("   \n\t ", 6), 0);
    CHECK_INT_EQ(pc_count_words("one", 3), 1);
    CHECK_INT_EQ(pc_count_words(" one  two\nthree\t", 16), 3);
    CHECK_INT_EQ(pc_count_words("10\xC2\xA0km", 6), 2); /* no-break space separates */
    CHECK_INT_EQ(pc_count_words("Київ — столиця", strlen("Київ — столиця")), 3);
    CHECK_INT_EQ(pc_count_words("a\xFF" "b c", 5), 2); /* invalid bytes are word characters */
    CHECK_INT_EQ(pc_count_words("one two", 3), 1);   /* the length bounds the text */
}

static void test_small_exact(void)
{
    pc_article a = {0};
    pc_error err;

    set_body(&a, "Hello world.");
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 1);
    CHECK_INT_EQ(a.passages[0].start, 0);
    CHECK_INT_EQ(a.passages[0].end, 12);

    /* short paragraphs are merged into one passage */
    set_body(&a, "First short one.\n\nSecond short one.\n\nThird.");
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 1);
    CHECK_INT_EQ(a.passages[0].start, 0);
    CHECK_INT_EQ(a.passages[0].end, a.body_len);

    /* white space around the body and paragraphs is never inside a span's ends */
    set_body(&a, "  \n\n \xC2\xA0Word one.  \n\n\t");
    CHECK_INT_EQ(pc_passages_split(&a, NULL, &err), 0);
    CHECK_INT_EQ(a.n_passages, 1);
    CHECK_INT_EQ(a.passages[0].start, 7);
    CHECK_INT_EQ(a.passages[0].end, 16);

    /* two paragraphs of 45 words stay apart (each reaches MIN) */
    char *buf = calloc(1, 1 << 16);
    add_words(buf, 45, ".\n\n");
    size_t second = strlen(buf);
    add_words(buf, 45, ".");
    set_body(&a, buf);
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 2);
    CHECK_INT_EQ(a.passages[0].start, 0);
    CHECK_INT_EQ(a.passages[0].end, second - 2);
    CHECK_INT_EQ(a.passages[1].start, second);
    CHECK_INT_EQ(a.passages[1].end, a.body_len);

    /* 30 + 130 words: merging would exceed MAX, so the short one stays alone */
    buf[0] = '\0';
    add_words(buf, 30, ".\n\n");
    second = strlen(buf);
    add_words(buf, 130, ".");
    set_body(&a, buf);
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 2);
    CHECK_INT_EQ(span_words(&a, 0), 30);
    CHECK_INT_EQ(span_words(&a, 1), 130);
    CHECK_INT_EQ(a.passages[1].start, second);

    /* 20 + 100 words: merged; a short last paragraph goes into the one before */
    buf[0] = '\0';
    add_words(buf, 20, ".\n\n");
    add_words(buf, 100, ".\n\n");
    add_words(buf, 45, ".\n\n");
    add_words(buf, 10, ".");
    set_body(&a, buf);
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 2);
    CHECK_INT_EQ(span_words(&a, 0), 120);
    CHECK_INT_EQ(span_words(&a, 1), 55);
    CHECK_INT_EQ(a.passages[1].end, a.body_len);

    /* a paragraph of 20 sentences of 10 words: two passages of 100 words, cut after a sentence */
    buf[0] = '\0';
    for (int s = 0; s < 20; s++) {
        add_words(buf, 10, s < 19 ? ". " : ".");
    }
    set_body(&a, buf);
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 2);
    CHECK_INT_EQ(span_words(&a, 0), 100);
    CHECK_INT_EQ(span_words(&a, 1), 100);
    CHECK_INT_EQ(a.body[a.passages[0].end - 1], '.');
    CHECK_INT_EQ(a.passages[1].start, a.passages[0].end + 1);
    CHECK(invariants_hold(&a, "20 sentences"));

    /* one sentence of 400 words: three parts of 134, 134 and 132 words, cut at word boundaries */
    buf[0] = '\0';
    add_words(buf, 400, "");
    set_body(&a, buf);
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 3);
    CHECK_INT_EQ(span_words(&a, 0), 134);
    CHECK_INT_EQ(span_words(&a, 1), 134);
    CHECK_INT_EQ(span_words(&a, 2), 132);
    CHECK(strncmp(a.body + a.passages[1].start, "w135 ", 5) == 0);
    CHECK(invariants_hold(&a, "400 words"));

    /* calling again replaces the passages */
    set_body(&a, "Just this.");
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 1);
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 1);

    free(buf);
    pc_article_clear(&a);
}

static void test_abbreviations(void)
{
    /* 70 words ending in "told Mr." then "Smith ..." 90 words: with English rules "Mr." does not end the
     * sentence, so the 160 words are cut at word 80, not after "Mr." */
    char *buf = calloc(1, 1 << 14);
    add_words(buf, 68, " told Mr. Smith");
    strcat(buf, " ");
    add_words(buf, 89, ".");
    pc_article a = {0};
    set_body(&a, buf);
    CHECK_INT_EQ(pc_count_words(a.body, a.body_len), 160);
    pc_error err;
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 2);
    CHECK_INT_EQ(span_words(&a, 0), 80);
    CHECK(invariants_hold(&a, "Mr. en"));
    /* the root rules do end a sentence there */
    CHECK_INT_EQ(pc_passages_split(&a, NULL, &err), 0);
    CHECK_INT_EQ(a.n_passages, 2);
    CHECK_INT_EQ(span_words(&a, 0), 70);
    CHECK(strncmp(a.body + a.passages[1].start, "Smith", 5) == 0);
    /* a bad language code falls back to the root rules */
    CHECK_INT_EQ(pc_passages_split(&a, "en\"; DROP", &err), 0);
    CHECK_INT_EQ(a.n_passages, 2);
    pc_article_clear(&a);
    free(buf);
}

static void test_cyrillic(void)
{
    /* 160 words in 2 Ukrainian sentences of 80: cut between them, never inside a character */
    char *buf = calloc(1, 1 << 14);
    for (int s = 0; s < 2; s++) {
        for (int i = 0; i < 80; i++)
            strcat(buf, i == 0 ? "Їжак" : (i % 2 ? " з'їв" : " яблуко"));
        strcat(buf, s == 0 ? ". " : ".");
    }
    pc_article a = {0};
    set_body(&a, buf);
    CHECK_INT_EQ(pc_count_words(a.body, a.body_len), 160);
    pc_error err;
    CHECK_INT_EQ(pc_passages_split(&a, "uk", &err), 0);
    CHECK_INT_EQ(a.n_passages, 2);
    CHECK_INT_EQ(span_words(&a, 0), 80);
    CHECK(strncmp(a.body + a.passages[1].start, "Їжак", strlen("Їжак")) == 0);
    CHECK(invariants_hold(&a, "ukrainian"));
    pc_article_clear(&a);

    /* a single Russian word sequence over MAX words with no spaces but no-break ones */
    buf[0] = '\0';
    for (int i = 0; i < 200; i++)
        strcat(buf, i ? "\xC2\xA0слово" : "слово");
    set_body(&a, buf);
    CHECK_INT_EQ(pc_passages_split(&a, "ru", &err), 0);
    CHECK_INT_EQ(a.n_passages, 2);
    CHECK_INT_EQ(span_words(&a, 0), 100);
    CHECK(invariants_hold(&a, "nbsp words"));
    pc_article_clear(&a);
    free(buf);
}

static void test_empty(void)
{
    pc_article a = {0};
    pc_error err;
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0); /* NULL body */
    CHECK_INT_EQ(a.n_passages, 0);
    CHECK(a.passages == NULL);
    set_body(&a, "");
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK_INT_EQ(a.n_passages, 0);
    CHECK(a.passages == NULL);
    set_body(&a, " \n\n\t\xC2\xA0\n");
    CHECK_INT_EQ(pc_passages_split(&a, NULL, &err), 0);
    CHECK_INT_EQ(a.n_passages, 0);
    pc_article_clear(&a);
    CHECK_INT_EQ(pc_passages_split(NULL, "en", &err), PC_EINVAL);
    CHECK(err.msg[0] != '\0');
}

static void test_one_megabyte(void)
{
    /* 1 MB in one paragraph: sentences of 3 to 40 words, some words Cyrillic, a few very long sentences */
    size_t cap = (1u << 20) + 256;
    char *buf = malloc(cap);
    CHECK(buf != NULL);
    if (!buf)
        return;
    size_t len = 0;
    unsigned seed = 12345;
    int words_in_sentence = 0, sentence_len = 5;
    while (len < (1u << 20)) {
        seed = seed * 1103515245u + 12345u;
        const char *w = (seed >> 16) % 5 == 0 ? "слово" : "word";
        size_t n = strlen(w);
        if (len)
            buf[len++] = ' ';
        memcpy(buf + len, w, n);
        len += n;
        if (++words_in_sentence == sentence_len) {
            buf[len++] = '.';
            words_in_sentence = 0;
            seed = seed * 1103515245u + 12345u;
            sentence_len = (seed >> 16) % 97 == 0 ? 400 : 3 + (int)((seed >> 16) % 38);
        }
    }
    buf[len] = '\0';
    pc_article a = {0};
    a.body = buf;
    a.body_len = len;
    pc_error err;
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK(a.n_passages > 1000);
    CHECK(invariants_hold(&a, "1 MB paragraph"));
    size_t short_ones = 0;
    for (size_t i = 0; i < a.n_passages; i++)
        if (span_words(&a, i) < PC_PASSAGE_MIN_WORDS)
            short_ones++;
    CHECK(short_ones * 100 < a.n_passages); /* under 1% */
    pc_article_clear(&a);
}

/* A paragraph of several MB goes to the sentence splitter a window at a time: the sentences must still be
 * those of the whole paragraph, wherever a window ends ("Mr." followed by a name never ends one), and a
 * sentence longer than a window is still cut into passages that keep every invariant. */
static void test_paragraph_past_windows(void)
{
    size_t want = (size_t)3 << 20, cap = want + 4096;
    char *buf = malloc(cap);
    CHECK(buf != NULL);
    if (!buf)
        return;
    size_t len = 0;
    unsigned seed = 777;
    while (len < want) {
        seed = seed * 1103515245u + 12345u;
        int words = 3 + (int)((seed >> 16) % 30);
        for (int i = 0; i < words; i++)
            len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? " " : "",
                                    i == 0 ? "Word" : i % 7 == 3 ? "слово" : "word");
        len += (size_t)snprintf(buf + len, cap - len, " told Mr. Smith today."); /* capital next: a boundary */
    }
    pc_article a = {0};
    a.body = buf;
    a.body_len = len;
    pc_error err;
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK(invariants_hold(&a, "3 MB paragraph"));
    size_t bad_ends = 0;
    for (size_t i = 0; i < a.n_passages; i++) {
        const char *end = a.body + a.passages[i].end;
        if (end[-1] != '.' || (a.passages[i].end >= 3 && strncmp(end - 3, "Mr.", 3) == 0))
            bad_ends++;
    }
    CHECK_INT_EQ(bad_ends, 0); /* every passage ends a sentence, none after "Mr." */
    pc_article_clear(&a);

    /* 1.5 MB without a full stop: one sentence longer than a window */
    buf = malloc(cap);
    CHECK(buf != NULL);
    if (!buf)
        return;
    len = 0;
    while (len < ((size_t)3 << 19))
        len += (size_t)snprintf(buf + len, cap - len, "%sword", len ? " " : "");
    a = (pc_article){.body = buf, .body_len = len};
    CHECK_INT_EQ(pc_passages_split(&a, "en", &err), 0);
    CHECK(a.n_passages > 1000);
    CHECK(invariants_hold(&a, "1.5 MB sentence"));
    pc_article_clear(&a);
}

typedef struct corpus_stats {
    size_t articles, passages, bad;
    const char *lang;
} corpus_stats;

static int split_and_check(void *payload, pc_article *article)
{
    corpus_stats *st = payload;
    pc_error err;
    st->articles++;
    if (pc_passages_split(article, st->lang, &err) != 0 || article->n_passages == 0 ||
        !invariants_hold(article, article->title ? article->title : "(no title)"))
        st->bad++;
    st->passages += article->n_passages;
    return 0;
}

static void split_file(const char *path, corpus_stats *st)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        st->bad++;
        return;
    }
    static unsigned char raw[1 << 20];
    size_t n = fread(raw, 1, sizeof raw, f);
    fclose(f);
    pc_decoded_text d;
    pc_error err;
    if (pc_text_decode(raw, n, &d, &err) != 0) {
        st->bad++;
        return;
    }
    pc_reader_input in = {path, raw, n, d.text, d.len, NULL, 0};
    if (pc_read_txt(&in, split_and_check, NULL, st, &err) != 0)
        st->bad++;
    free(d.text);
}

static void split_folder(const char *dir, corpus_stats *st, size_t every)
{
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    if (!d)
        return;
    struct dirent *e;
    size_t i = 0;
    char path[4800];
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !strstr(e->d_name, ".txt") || i++ % every != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        split_file(path, st);
    }
    closedir(d);
}

static void test_real_articles(void)
{
    char dir[4400];
    static const char *const categories[] = {"business", "entertainment", "politics", "sport", "tech"};
    corpus_stats bbc = {0, 0, 0, "en"};
    for (size_t c = 0; c < 5; c++) {
        snprintf(dir, sizeof dir, "%s/bbc-fulltext/bbc/%s", shared_corpus(), categories[c]);
        split_folder(dir, &bbc, 1);
    }
    CHECK_INT_EQ(bbc.articles, 2225);
    CHECK_INT_EQ(bbc.bad, 0);
    CHECK(bbc.passages > bbc.articles * 2);
    fprintf(stderr, "  bbc: %zu articles, %zu passages\n", bbc.articles, bbc.passages);

    corpus_stats seeds = {0, 0, 0, "en"};
    snprintf(dir, sizeof dir, "%s/seeds", shared_corpus());
    split_folder(dir, &seeds, 1);
    CHECK_INT_EQ(seeds.articles, 3);
    CHECK_INT_EQ(seeds.bad, 0);

    /* Cyrillic news: Ukrainian and Russian BSNLP documents, Russian FactRuEval texts (a sample) */
    corpus_stats uk = {0, 0, 0, "uk"}, ru = {0, 0, 0, "ru"};
    snprintf(dir, sizeof dir, "%s/bsnlp-slavic-news/brexit/raw/uk", shared_corpus());
    split_folder(dir, &uk, 2);
    snprintf(dir, sizeof dir, "%s/bsnlp-slavic-news/brexit/raw/ru", shared_corpus());
    split_folder(dir, &ru, 3);
    snprintf(dir, sizeof dir, "%s/factrueval-2016/devset", shared_corpus());
    split_folder(dir, &ru, 2);
    CHECK(uk.articles > 20);
    CHECK(ru.articles > 50);
    CHECK_INT_EQ(uk.bad, 0);
    CHECK_INT_EQ(ru.bad, 0);
}

int main(void)
{
    RUN_TEST(test_count_words);
    RUN_TEST(test_small_exact);
    RUN_TEST(test_abbreviations);
    RUN_TEST(test_cyrillic);
    RUN_TEST(test_empty);
    RUN_TEST(test_one_megabyte);
    RUN_TEST(test_paragraph_past_windows);
    RUN_TEST(test_real_articles);
    return TEST_REPORT();
}
