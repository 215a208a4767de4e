/* fuzz_analyzer.c — fuzz target of the analyzer (src/text/analyzer.c, analyzer_text.c, stem_uk.c) and the
 * term lists (src/text/term_list.c). The first byte picks the language and the call: document analysis,
 * query analysis (plain or prefix), or one word's stem; the rest is the text, any bytes. Checks that every
 * term lies inside the text, is not empty and not longer than a term may be, that colocated terms follow a
 * first one, and that a term list replays exactly the terms document analysis gave. */
#include "fuzz_target.h"
#include "presscut/text/analyzer.h"
#include "presscut/text/term_list.h"

static const char *const languages[] = {NULL, "en", "ru", "uk", "de", "fr", "xx", ""};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    pc_error err;
    pc_error_clear(&err);
    /* The Ukrainian stemmer loads the hunspell-uk dictionary: seconds under the sanitizers, once. */
    FUZZ_CHECK_OK(pc_analyzer_prepare(fuzz_shared_analyzer(), "uk", &err), &err);
    return 0;
}

/* What the terms of one analysis were: their number and a hash of their bytes, offsets and flags. */
typedef struct term_digest {
    size_t text_len;
    size_t count;
    uint64_t hash;
} term_digest;

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

static int record_term(void *payload, const pc_term *term)
{
    term_digest *d = payload;
    FUZZ_CHECK(term->len > 0);
    FUZZ_CHECK(term->len <= PC_MAX_TERM_BYTES + PC_STEM_PREFIX_BYTES);
    FUZZ_CHECK(term->start >= 0 && term->start <= term->end && (size_t)term->end <= d->text_len);
    FUZZ_CHECK(!term->colocated || d->count > 0);
    FUZZ_CHECK(memchr(term->text, '\0', (size_t)term->len) == NULL);
    d->count++;
    d->hash = hash_bytes(d->hash, term->text, (size_t)term->len);
    int fields[3] = {term->start, term->end, term->colocated};
    d->hash = hash_bytes(d->hash, fields, sizeof fields);
    return 0;
}

static void analyze_document(pc_analyzer *a, const char *lang, const char *text, size_t len)
{
    term_digest direct = {.text_len = len, .hash = 14695981039346656037ULL};
    int rc = pc_analyze(a, lang, text, len, record_term, &direct);
    FUZZ_CHECK(rc == 0 || rc == PC_ENOMEM);
    if (rc != 0)
        return;
    pc_term_list *list = NULL;
    rc = pc_term_list_build(a, lang, text, len, &list);
    FUZZ_CHECK(rc == 0 || rc == PC_ENOMEM);
    if (rc != 0)
        return;
    pc_analyzer_config cfg = *pc_analyzer_get_config(a);
    FUZZ_CHECK(pc_term_list_matches(list, &cfg, lang, text, len));
    FUZZ_CHECK(pc_term_list_count(list) == direct.count);
    term_digest replayed = {.text_len = len, .hash = 14695981039346656037ULL};
    FUZZ_CHECK(pc_term_list_replay(list, 0, record_term, &replayed) == 0);
    FUZZ_CHECK(replayed.count == direct.count && replayed.hash == direct.hash);
    pc_term_list_free(list);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > FUZZ_MAX_INPUT)
        return 0;
    pc_analyzer *a = fuzz_shared_analyzer();
    const char *lang = languages[data[0] & 7];
    int mode = (data[0] >> 3) & 3;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    term_digest digest = {.text_len = len, .hash = 14695981039346656037ULL};
    int rc;
    switch (mode) {
    case 0:
        analyze_document(a, lang, text, len);
        break;
    case 1:
    case 2: {
        const char *query_langs[] = {lang ? lang : "en", "ru"};
        pc_analyzer_set_query_translit(a, !(data[0] & 0x20));
        rc = pc_analyze_query(a, query_langs, data[0] & 0x40 ? 2 : 1, mode == 2, text, len, record_term, &digest);
        pc_analyzer_set_query_translit(a, true);
        FUZZ_CHECK(rc == 0 || rc == PC_ENOMEM || rc == PC_EINVAL);
        break;
    }
    default: {
        const char *stem = NULL;
        int stem_len = 0;
        int word_len = len > PC_MAX_TERM_BYTES ? PC_MAX_TERM_BYTES : (int)len;
        rc = pc_analyzer_word_stem(a, lang, text, word_len, &stem, &stem_len);
        FUZZ_CHECK(rc == 0 || rc == 1 || rc < 0);
        if (rc == 1)
            FUZZ_CHECK((stem == NULL) == (stem_len == 0) && stem_len <= PC_MAX_TERM_BYTES);
        break;
    }
    }
    return 0;
}
