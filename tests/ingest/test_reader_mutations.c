/* test_reader_mutations.c — every reader on damaged input: the sample corpus and the malformed fixtures cut
 * at random points, with bytes flipped and format-significant characters (quotes, brackets, separators,
 * '<', '&', '*', newlines) dropped in. Each call must return a defined code, hand over only well-formed
 * articles (non-empty UTF-8 body with the right length), and leave nothing leaked or out of bounds (the
 * suite also runs under AddressSanitizer). Deterministic: a fixed pseudo-random sequence. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "presscut/ingest/reader.h"
#include "presscut/text/text_decode.h"
#include "presscut/core/utf8.h"

#define MUTATIONS_PER_FILE 400
#define MAX_INPUT_BYTES (64 * 1024)

typedef struct tally {
    long articles;
    long bad_articles;
    long warnings;
} tally;

static int check_article(void *payload, pc_article *a)
{
    tally *t = payload;
    t->articles++;
    bool good = a->body && a->body_len == strlen(a->body) && pc_utf8_valid(a->body, a->body_len) &&
                (!a->title || pc_utf8_valid(a->title, strlen(a->title))) &&
                (!a->published || strlen(a->published) >= 10);
    if (!good)
        t->bad_articles++;
    pc_article_clear(a);
    return 0;
}

static void count_warning(void *payload, const char *path, long line, const char *msg)
{
    tally *t = payload;
    if (path && msg && line >= 0)
        t->warnings++;
}

static unsigned long long state = 0x9E3779B97F4A7C15ULL;

static unsigned long long next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static void mutate(unsigned char *buf, size_t *len)
{
    static const char special[] = "\"{}[],;'<>&#*\n\r\t\\/:=";
    switch (next_random() % 4) {
    case 0: /* truncated */
        *len = *len ? (size_t)(next_random() % *len) : 0;
        break;
    default: {
        int edits = 1 + (int)(next_random() % 8);
        for (int i = 0; i < edits && *len > 0; i++) {
            size_t pos = (size_t)(next_random() % *len);
            unsigned char c = next_random() % 2 ? (unsigned char)special[next_random() % (sizeof special - 1)]
                                                : (unsigned char)(next_random() & 0xFF);
            buf[pos] = c ? c : ' '; /* a NUL makes the decoder refuse the file: not what is tested */
        }
    }
    }
}

static void run_reader(const pc_reader *reader, const char *path, const unsigned char *data, size_t len, tally *t)
{
    pc_decoded_text decoded;
    pc_error err;
    pc_error_clear(&err);
    if (pc_text_decode(data, len, &decoded, &err) != 0)
        return;
    pc_reader_input in = {path, data, len, decoded.text, decoded.len, NULL, 0};
    int rc = reader->read(&in, check_article, count_warning, t, &err);
    CHECK(rc == 0 || rc == PC_EFORMAT || rc == PC_EINVAL);
    if (rc < 0)
        CHECK(err.msg[0] != '\0');
    free(decoded.text);
}

static void test_mutations(void)
{
    const char *source = getenv("PRESSCUT_SOURCE");
    if (!source)
        source = ".";
    static const char *const files[] = {
        "corpus/feeds/wire-digest.jsonl",
        "corpus/feeds/monitoring-export.csv",
        "corpus/kyiv-lantern/tram-depot-solar-roof.html",
        "corpus/lakeshore-observer/winter-ferry-timetable.htm",
        "corpus/lakeshore-observer/heating-bills-rise.txt",
        "tests/fixtures/ingest/json/newsapi.json",
        "tests/fixtures/ingest/json/bad-lines.jsonl",
        "tests/fixtures/ingest/csv/bad-rows.csv",
        "tests/fixtures/ingest/sgml/broken.sgm",
        "tests/fixtures/ingest/time/truncated",
    };
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", source, files[f]);
        const pc_reader *reader = pc_reader_for_file(path);
        CHECK(reader != NULL);
        size_t len = 0;
        unsigned char *original = harness_read_file(path, &len);
        if (len > MAX_INPUT_BYTES)
            len = MAX_INPUT_BYTES;
        CHECK(original != NULL);
        if (!reader || !original) {
            free(original);
            continue;
        }
        tally t = {0};
        run_reader(reader, path, original, len, &t); /* undamaged: articles come out */
        CHECK(t.articles > 0);
        unsigned char *buf = malloc(len + 1);
        for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
            size_t n = len;
            memcpy(buf, original, len);
            mutate(buf, &n);
            run_reader(reader, path, buf, n, &t);
        }
        CHECK_INT_EQ(t.bad_articles, 0);
        free(buf);
        free(original);
    }
}

int main(void)
{
    RUN_TEST(test_mutations);
    return TEST_REPORT();
}
