/* test_langid_oracle.c — the n-gram index of src/ingest/langid.c against libexttextcat itself, on the real
 * corpus: every article (its first 8 KB, as the indexer passes it) and every headline of bbc-fulltext,
 * bsnlp-slavic-news, ukraine-news-bias-2014, seeds and time, read by presscut's own readers, must get
 *   - from every fingerprint of its script, the same distance through the index as from fp_Compare, and
 *   - from pc_langid_detect, the same language with the index as without it (fp_Compare ranking).
 * Every difference is printed with its file. Also: the letters count_text lower-cases without ICU, as ICU
 * does. It #includes src/ingest/langid.c to reach them and to switch the index off. */
#include "ingest/langid.c"

#include "presscut/ingest/reader.h"

#include "harness.h"
#include "reader_results.h"

#include <sys/stat.h>

#define INDEXER_SAMPLE_BYTES 8192 /* LANGID_SAMPLE_BYTES of src/index/indexer.c */
#define SHOWN_MAX 20              /* differences printed at most */

typedef struct oracle {
    const char *path;
    size_t texts, ranked, differences;
} oracle;

static const char *detect_with_index(const char *text, size_t len, bool use_index)
{
    tc_use_index = use_index;
    const char *lang = pc_langid_detect(text, len);
    tc_use_index = true;
    return lang;
}

/* Compares both ways on one text; counts and prints a difference. */
static void compare_text(oracle *o, const char *text, size_t len)
{
    if (!text || len == 0)
        return;
    o->texts++;
    const char *fast = detect_with_index(text, len, true);
    const char *slow = detect_with_index(text, len, false);
    bool same = (!fast && !slow) || (fast && slow && strcmp(fast, slow) == 0);

    counts c;
    memset(&c, 0, sizeof c);
    count_text(&c, text, scan_length(text, len));
    int top = dominant_script(&c);
    void *profile = top < 0 ? NULL : tc_profile(text, len);
    if (profile) {
        o->ranked++;
        int by_index[TC_MAX_MODELS], by_merge[TC_MAX_MODELS];
        tc_distances(&tc_main, profile, top, by_index);
        tc_use_index = false;
        tc_distances(&tc_main, profile, top, by_merge);
        tc_use_index = true;
        fp_Done(profile);
        for (size_t m = 0; m < tc_main.n; m++)
            if (by_index[m] != by_merge[m]) {
                same = false;
                if (o->differences < SHOWN_MAX)
                    fprintf(stderr, "%s: distance to %s: %d by the index, %d by fp_Compare\n", o->path,
                            tc_main.models[m].code, by_index[m], by_merge[m]);
            }
    }
    if (!same) {
        if (o->differences < SHOWN_MAX)
            fprintf(stderr, "%s: %s with the index, %s without: \"%.60s\"\n", o->path, fast ? fast : "NULL",
                    slow ? slow : "NULL", text);
        o->differences++;
    }
}

static int compare_article(void *payload, pc_article *article)
{
    oracle *o = payload;
    size_t sample = article->body_len < INDEXER_SAMPLE_BYTES ? article->body_len : INDEXER_SAMPLE_BYTES;
    compare_text(o, article->body, sample);
    if (article->title)
        compare_text(o, article->title, strlen(article->title));
    return 0;
}

static void ignore_warning(void *payload, const char *path, long line, const char *msg)
{
    (void)payload, (void)path, (void)line, (void)msg;
}

/* Reads every file under dir that a reader takes, and compares on each article. */
static void compare_folder(oracle *o, const char *dir)
{
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            compare_folder(o, path);
            continue;
        }
        const pc_reader *reader = pc_reader_for_file(path);
        if (!reader || strcmp(e->d_name, "SOURCE.md") == 0)
            continue;
        size_t len = 0;
        unsigned char *raw = harness_read_file(path, &len);
        pc_decoded_text dec;
        pc_error err;
        pc_error_clear(&err);
        if (raw && pc_text_decode(raw, len, &dec, &err) == 0) {
            pc_reader_input in = {.path = path, .raw = raw, .raw_len = len, .text = dec.text, .text_len = dec.len};
            o->path = path;
            reader->read(&in, compare_article, ignore_warning, o, &err);
            free(dec.text);
        }
        free(raw);
    }
    closedir(d);
}

static void test_same_languages_on_the_corpus(void)
{
    const char *corpus = shared_corpus();
    CHECK_STR_EQ(pc_langid_backend(), "exttextcat");
    CHECK(tc_main.index.slots != NULL);
    static const char *const folders[] = {"bbc-fulltext", "bsnlp-slavic-news", "ukraine-news-bias-2014", "seeds",
                                          "time"};
    oracle o = {NULL, 0, 0, 0};
    for (size_t i = 0; i < sizeof folders / sizeof *folders; i++) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/%s", corpus, folders[i]);
        compare_folder(&o, dir);
    }
    fprintf(stderr, "%zu texts, %zu ranked by n-grams, %zu differences\n", o.texts, o.ranked, o.differences);
    CHECK_INT_EQ(o.differences, 0);
    CHECK(o.texts > 10000); /* the corpus was read, not skipped */
    CHECK(o.ranked > 5000);
}

static void test_basic_cyrillic_as_icu(void)
{
    for (UChar32 c = 0x400; c <= 0x45F; c++) {
        CHECK(u_isalpha(c));
        CHECK_INT_EQ(basic_cyrillic_lower(c), u_tolower(c));
    }
}

int main(void)
{
    RUN_TEST(test_basic_cyrillic_as_icu);
    RUN_TEST(test_same_languages_on_the_corpus);
    return TEST_REPORT();
}
