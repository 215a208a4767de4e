/* analyzer.c — the analyzer (include/presscut/text/analyzer.h): splits text into words (ICU word breaks, or an
 * equivalent ASCII-only segmenter for pure-ASCII runs), folds each word, stems it, and hands the resulting
 * terms to a callback. Character-level helpers live in analyzer_text.c.
 *
 * Pipeline of one word:
 *   ICU words: look-alike repair -> NFKC case folding -> apostrophes to '\'', spaces dropped, and (with
 *   fold_diacritics) Cyrillic ё -> е and Cyrillic stress marks dropped   => "folded"
 *   ASCII words: lowercase                                                 => "folded"
 *   then: edge apostrophes trimmed, thousands separators removed;
 *   surface = folded without Latin/Greek diacritics (fold_diacritics);
 *   stem    = stemmer(folded minus possessive/elision), then without Latin/Greek diacritics. */
#include "presscut/text/analyzer.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include "presscut/core/array.h"
#include "analyzer_internal.h"
#include "stem_uk.h"

/* Non-ASCII text is handed to ICU in regions of about this many bytes (cut at white space only). */
#define REGION_BYTES (256 * 1024)
/* Region buffers that grew past this many UTF-16 units (one very long run without white space) are
 * released at the end of the call instead of being kept for the next one. */
#define REGION_KEEP_UNITS (1024 * 1024)
/* Words whose source is longer than this are skipped without being folded: their folded form would
 * exceed PC_MAX_TERM_BYTES unless almost all of it were ignorable characters. */
#define SOURCE_WORD_MAX_BYTES (16 * PC_MAX_TERM_BYTES)
/* Stem cache: 2-way set associative, one 64-byte slot per word of up to STEM_CACHE_WORD bytes. A stem is
 * stored as the length of the prefix it shares with the word plus a short tail ("cities" -> 4 + "i"). */
#define STEM_CACHE_SETS 8192
#define STEM_CACHE_WORD 40
#define STEM_CACHE_TAIL 16

typedef struct stem_slot {
    uint32_t hash;
    uint8_t lang_plus_1; /* 0: empty */
    uint8_t in_len, keep, tail_len;
    char in[STEM_CACHE_WORD];
    char tail[STEM_CACHE_TAIL];
} stem_slot;
_Static_assert(sizeof(stem_slot) == 64, "a stem cache slot fills one cache line");

/* A growable byte buffer. */
typedef struct byte_buf {
    char *data;
    size_t cap;
} byte_buf;

struct pc_analyzer {
    pc_analyzer_config cfg;
    UBreakIterator *words;
    const UNormalizer2 *nfkc_cf, *nfd;

    UChar *region16;     /* the current region in UTF-16 */
    int32_t *region_map; /* byte offset (into the caller's text) of every UTF-16 unit, plus the end */
    size_t region_cap;   /* in units */

    UChar *word16, *norm16; /* one word: repaired copy, NFKC-casefolded form */
    size_t word16_cap, norm16_cap;
    byte_buf folded, surface, stem, term;

    struct sb_stemmer *snowball[PC_AN_MAX_LANGUAGES];
    pc_uk_stemmer *uk;
    stem_slot *stem_cache;

    /* pc_analyzer_set_stem_lookup's hook, asked before the Ukrainian stemmer while `querying` */
    pc_stem_lookup_fn stem_lookup;
    void *stem_lookup_payload;
    /* pc_analyzer_set_stem_vocabulary's hook, asked after stem_lookup, and the stemmer that needs no dictionary */
    pc_stem_held_fn stem_held;
    void *stem_held_payload;
    pc_uk_stemmer *uk_light;
    bool guessed; /* raw_stem's last stem came from stem_held: not for the analyzer's stem cache */
    bool querying; /* inside pc_analyze_query */

    /* pc_analyzer_word_stem: the stem it returned last */
    char word_stem[PC_MAX_TERM_BYTES];

    /* query mode: the alternatives of the current word, and where each comes from (pc_term.translit) */
    byte_buf alts;
    int *alt_off, *alt_len, *alt_origin;
    size_t alt_cap;
    /* query mode: Latin forms of Cyrillic words (NULL until the first one), unless switched off */
    pc_translit *translit;
    bool no_translit;
    byte_buf latin;
};

/* What one pc_analyze / pc_analyze_query call needs while it walks the text. */
typedef struct run_ctx {
    const char *text;
    pc_term_fn fn;
    void *payload;
    bool query, prefix;
    int lang;         /* document mode: language index, or -1 for no stemming */
    const int *langs; /* query mode: language indexes (-1: no stemming) */
    int n_langs;
} run_ctx;

void pc_analyzer_config_default(pc_analyzer_config *cfg)
{
    cfg->fold_diacritics = true;
    cfg->exact_forms = true;
    cfg->ascii_fast_path = true;
}

bool pc_analyzer_has_stemmer(const char *lang)
{
    return pc_an_language_index(lang) >= 0;
}

const char *const *pc_analyzer_languages(void)
{
    return pc_an_language_codes;
}

bool pc_stem_term_split(const char *term, int len, const char **lang, int *lang_len, const char **stem,
                        int *stem_len)
{
    if (!term || len < PC_STEM_PREFIX_BYTES || term[0] != PC_STEM_MARK || term[3] != PC_STEM_LANG_END)
        return false;
    *lang = term + 1;
    *lang_len = 2;
    *stem = term + PC_STEM_PREFIX_BYTES;
    *stem_len = len - PC_STEM_PREFIX_BYTES;
    return true;
}

int pc_stem_term_write(char *out, const char *lang, const char *stem, int stem_len)
{
    out[0] = PC_STEM_MARK;
    out[1] = lang[0];
    out[2] = lang[1];
    out[3] = PC_STEM_LANG_END;
    memcpy(out + PC_STEM_PREFIX_BYTES, stem, (size_t)stem_len);
    return PC_STEM_PREFIX_BYTES + stem_len;
}

/* ---- buffers ---- */

static int grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    void *grown = pc_array_reserve(*buf, cap, need, elem, 64);
    if (!grown)
        return PC_ENOMEM;
    *buf = grown;
    return 0;
}

static int buf_reserve(byte_buf *b, size_t need)
{
    return grow((void **)&b->data, &b->cap, need, 1);
}

/* ---- lifecycle ---- */

int pc_analyzer_new(pc_analyzer **out, const pc_analyzer_config *cfg, pc_error *err)
{
    *out = NULL;
    pc_analyzer *a = calloc(1, sizeof *a);
    if (!a)
        return pc_error_set(err, PC_ENOMEM, "analyzer: out of memory");
    if (cfg)
        a->cfg = *cfg;
    else
        pc_analyzer_config_default(&a->cfg);

    UErrorCode status = U_ZERO_ERROR;
    a->words = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
    if (U_FAILURE(status)) {
        pc_analyzer_free(a);
        return pc_error_set(err, status == U_MEMORY_ALLOCATION_ERROR ? PC_ENOMEM : PC_EINVAL,
                            "analyzer: cannot open the icu word break iterator (%s); check the icu data "
                            "installation (libicu72)",
                            u_errorName(status));
    }
    a->nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
    if (U_SUCCESS(status))
        a->nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status)) {
        pc_analyzer_free(a);
        return pc_error_set(err, status == U_MEMORY_ALLOCATION_ERROR ? PC_ENOMEM : PC_EINVAL,
                            "analyzer: cannot load the icu normalization data (%s); check the icu data "
                            "installation (libicu72)",
                            u_errorName(status));
    }
    *out = a;
    return 0;
}

static void release_region(pc_analyzer *a)
{
    free(a->region16);
    free(a->region_map);
    a->region16 = NULL;
    a->region_map = NULL;
    a->region_cap = 0;
}

int pc_analyzer_prepare(pc_analyzer *a, const char *lang, pc_error *err)
{
    int index = pc_an_language_index(lang);
    if (index < 0)
        return PC_OK; /* not stemmed: nothing to prepare */
    if (pc_an_languages[index].snowball) {
        if (!a->snowball[index])
            a->snowball[index] = sb_stemmer_new(pc_an_languages[index].snowball, "UTF_8");
        return a->snowball[index] ? PC_OK : pc_error_set(err, PC_ENOMEM, "out of memory for the '%s' stemmer", lang);
    }
    return a->uk ? PC_OK : pc_uk_stemmer_new(&a->uk, err);
}

int pc_analyzer_language_fingerprint(const char *lang, char out[33], pc_error *err)
{
    out[0] = '\0';
    int index = pc_an_language_index(lang);
    if (index < 0 || pc_an_languages[index].snowball)
        return PC_OK;
    return pc_uk_dictionary_fingerprint(out, err);
}

void pc_analyzer_language_stamp(const char *lang, char out[PC_LANGUAGE_STAMP_BYTES])
{
    out[0] = '\0';
    int index = pc_an_language_index(lang);
    if (index >= 0 && !pc_an_languages[index].snowball)
        pc_uk_dictionary_stamp(out, PC_LANGUAGE_STAMP_BYTES);
}

void pc_analyzer_set_query_translit(pc_analyzer *a, bool on)
{
    a->no_translit = !on;
}

void pc_analyzer_set_stem_vocabulary(pc_analyzer *a, pc_stem_held_fn fn, void *payload)
{
    a->stem_held = fn;
    a->stem_held_payload = fn ? payload : NULL;
}

void pc_analyzer_set_stem_lookup(pc_analyzer *a, pc_stem_lookup_fn fn, void *payload)
{
    a->stem_lookup = fn;
    a->stem_lookup_payload = fn ? payload : NULL;
}

const pc_analyzer_config *pc_analyzer_get_config(const pc_analyzer *a)
{
    return &a->cfg;
}

void pc_analyzer_free(pc_analyzer *a)
{
    if (!a)
        return;
    if (a->words)
        ubrk_close(a->words);
    release_region(a);
    free(a->word16);
    free(a->norm16);
    free(a->folded.data);
    free(a->surface.data);
    free(a->stem.data);
    free(a->term.data);
    for (int i = 0; i < PC_AN_MAX_LANGUAGES; i++)
        if (a->snowball[i])
            sb_stemmer_delete(a->snowball[i]);
    pc_uk_stemmer_free(a->uk);
    pc_uk_stemmer_free(a->uk_light);
    free(a->stem_cache);
    free(a->alts.data);
    free(a->alt_off);
    free(a->alt_len);
    free(a->alt_origin);
    pc_translit_free(a->translit);
    free(a->latin.data);
    free(a);
}

/* ---- stemming ---- */

static bool has_suffix(const char *w, int n, const char *suffix)
{
    int k = (int)strlen(suffix);
    return n > k && memcmp(w + n - k, suffix, (size_t)k) == 0;
}

/* Elided articles and pronouns ("l'", "qu'", "dell'") that are removed before stemming. */
static const char *const elisions_fr[] = {"c'", "d'", "j'", "l'", "m'", "n'", "s'", "t'", "qu'", "jusqu'",
                                          "lorsqu'", "puisqu'", "quoiqu'", NULL};
static const char *const elisions_it[] = {"c'", "d'", "l'", "m'", "s'", "t'", "v'", "un'", "all'", "dall'",
                                          "dell'", "nell'", "sull'", "coll'", "pell'", "quell'", "quest'",
                                          "gl'", "agl'", "dagl'", "degl'", "negl'", "sugl'", NULL};
static const char *const elisions_ca[] = {"d'", "l'", "m'", "n'", "s'", "t'", NULL};

static void strip_elision(const char *const *list, const char **w, int *n)
{
    const char *apostrophe = memchr(*w, '\'', (size_t)*n);
    if (!apostrophe)
        return;
    int k = (int)(apostrophe - *w) + 1;
    if (k >= *n)
        return;
    for (int i = 0; list[i]; i++)
        if ((int)strlen(list[i]) == k && memcmp(list[i], *w, (size_t)k) == 0) {
            *w += k;
            *n -= k;
            return;
        }
}

/* Language-specific clean-up of the stemmer input: the English possessive, French/Italian/Catalan
 * elision. */
static void prepare_stem_input(int lang, const char **w, int *n)
{
    const char *code = pc_an_languages[lang].code;
    if (strcmp(code, "en") == 0) {
        if (has_suffix(*w, *n, "'s"))
            *n -= 2;
        else if (has_suffix(*w, *n, "s'"))
            *n -= 1;
    } else if (strcmp(code, "fr") == 0) {
        strip_elision(elisions_fr, w, n);
    } else if (strcmp(code, "it") == 0) {
        strip_elision(elisions_it, w, n);
    } else if (strcmp(code, "ca") == 0) {
        strip_elision(elisions_ca, w, n);
    }
}

static uint32_t hash_word(int lang, const char *w, int n)
{
    uint32_t h = 2166136261u ^ (uint32_t)lang;
    for (int i = 0; i < n; i++) {
        h ^= (unsigned char)w[i];
        h *= 16777619u;
    }
    return h ^ (h >> 15);
}

/* pc_uk_stem_by_vocabulary's question, put to the analyzer's stem_held hook in one language. */
typedef struct held_question {
    const pc_analyzer *a;
    const char *lang;
} held_question;

static int ask_stem_held(void *payload, const char *stem, int len)
{
    const held_question *q = payload;
    return q->a->stem_held(q->a->stem_held_payload, q->lang, stem, len);
}

/* The stem of a query word the stem lookup does not know, from the index's vocabulary (no dictionary load):
 * returns 1 and sets *out, 0 when the vocabulary cannot tell, or PC_ENOMEM. */
static int stem_by_vocabulary(pc_analyzer *a, int lang, const char *w, int n, const char **out, int *out_len)
{
    if (!a->uk_light && pc_uk_stemmer_new_light(&a->uk_light, NULL) != PC_OK)
        return PC_ENOMEM;
    held_question q = {a, pc_an_languages[lang].code};
    bool answered = false;
    *out = pc_uk_stem_by_vocabulary(a->uk_light, w, n, ask_stem_held, &q, out_len, &answered);
    if (!*out)
        return PC_ENOMEM;
    return answered ? 1 : 0;
}

/* Runs the stemmer of `lang` on w[0..n); sets *out to a buffer owned by a stemmer or the analyzer. */
static int raw_stem(pc_analyzer *a, int lang, const char *w, int n, const char **out, int *out_len)
{
    const char *snowball = pc_an_languages[lang].snowball;
    if (!snowball) {
        /* The Ukrainian stemmer leaves words other than lowercase Cyrillic ones as they are: answering that
         * here spares loading its dictionary for Latin-script text and queries. */
        if (!pc_uk_word_stemmable(w, n)) {
            *out = w;
            *out_len = n;
            return 0;
        }
        /* Queries ask the hook first: a word it knows needs no dictionary (loading it takes 0.3 s). */
        if (a->querying && a->stem_lookup &&
            a->stem_lookup(a->stem_lookup_payload, pc_an_languages[lang].code, w, n, out, out_len) == 1 &&
            *out && *out_len > 0)
            return 0;
        /* A word it does not know is stemmed against the index's vocabulary, still without the dictionary. */
        if (a->querying && a->stem_held) {
            int held = stem_by_vocabulary(a, lang, w, n, out, out_len);
            a->guessed = held == 1;
            if (held != 0)
                return held == 1 ? 0 : held;
        }
        if (!a->uk) {
            int rc = pc_uk_stemmer_new(&a->uk, NULL);
            if (rc < 0)
                return rc;
        }
        *out = pc_uk_stem(a->uk, w, n, out_len);
        return *out ? 0 : PC_ENOMEM;
    }
    if (!a->snowball[lang]) {
        a->snowball[lang] = sb_stemmer_new(snowball, "UTF_8");
        if (!a->snowball[lang])
            return PC_ENOMEM; /* the algorithm exists (unit-tested), so only memory can be missing */
    }
    const sb_symbol *s = sb_stemmer_stem(a->snowball[lang], (const sb_symbol *)w, n);
    if (!s)
        return PC_ENOMEM;
    *out = (const char *)s;
    *out_len = sb_stemmer_length(a->snowball[lang]);
    return 0;
}

/* Stems the folded word w[0..n) (diacritics kept) in language `lang` and folds the diacritics of the
 * result. *out points to a->stem, valid until the next call. Errors: PC_ENOMEM, or the Ukrainian
 * stemmer's error when it cannot be created (PC_EIO without its hunspell dictionary). */
static int stem_word(pc_analyzer *a, int lang, const char *w, int n, const char **out, int *out_len)
{
    prepare_stem_input(lang, &w, &n);

    stem_slot *set = NULL;
    uint32_t hash = 0;
    if (n <= STEM_CACHE_WORD) {
        if (!a->stem_cache) {
            a->stem_cache = calloc(2 * STEM_CACHE_SETS, sizeof *a->stem_cache);
            if (!a->stem_cache)
                return PC_ENOMEM;
        }
        hash = hash_word(lang, w, n);
        set = &a->stem_cache[2 * (hash & (STEM_CACHE_SETS - 1))];
        for (int way = 0; way < 2; way++) {
            const stem_slot *slot = &set[way];
            if (slot->hash == hash && slot->lang_plus_1 == lang + 1 && slot->in_len == n &&
                memcmp(slot->in, w, (size_t)n) == 0) {
                if (buf_reserve(&a->stem, STEM_CACHE_WORD + STEM_CACHE_TAIL) < 0)
                    return PC_ENOMEM;
                memcpy(a->stem.data, slot->in, slot->keep);
                memcpy(a->stem.data + slot->keep, slot->tail, slot->tail_len);
                *out = a->stem.data;
                *out_len = slot->keep + slot->tail_len;
                return 0;
            }
        }
    }

    const char *raw;
    int raw_len;
    a->guessed = false;
    int rc = raw_stem(a, lang, w, n, &raw, &raw_len);
    if (rc < 0)
        return rc;
    if (a->guessed) /* the dictionary may stem the word otherwise when a document has it */
        set = NULL;
    if (raw_len <= 0) { /* never keep an empty stem: the word stands for itself */
        raw = w;
        raw_len = n;
    }
    if (buf_reserve(&a->stem, 2 * (size_t)raw_len + STEM_CACHE_WORD + STEM_CACHE_TAIL) < 0)
        return PC_ENOMEM;
    int len;
    if (a->cfg.fold_diacritics && pc_an_has_non_ascii(raw, raw_len)) {
        len = pc_an_fold_latin_diacritics(a->nfd, raw, raw_len, a->stem.data);
    } else {
        memcpy(a->stem.data, raw, (size_t)raw_len);
        len = raw_len;
    }
    if (set) {
        int keep = 0;
        while (keep < len && keep < n && a->stem.data[keep] == w[keep])
            keep++;
        if (len - keep <= STEM_CACHE_TAIL) { /* newest in way 0, the previous one moves to way 1 */
            set[1] = set[0];
            stem_slot *slot = &set[0];
            slot->hash = hash;
            slot->lang_plus_1 = (uint8_t)(lang + 1);
            slot->in_len = (uint8_t)n;
            slot->keep = (uint8_t)keep;
            slot->tail_len = (uint8_t)(len - keep);
            memcpy(slot->in, w, (size_t)n);
            memcpy(slot->tail, a->stem.data + keep, (size_t)(len - keep));
        }
    }
    *out = a->stem.data;
    *out_len = len;
    return 0;
}

/* ---- emitting terms ---- */

static int emit(const run_ctx *ctx, const char *text, int len, int start, int end, bool colocated)
{
    pc_term t = {.text = text, .len = len, .start = start, .end = end, .colocated = colocated};
    return ctx->fn(ctx->payload, &t);
}

/* Writes the stem term of `stem` in language index `lang` into a->term; returns its length or PC_ENOMEM. */
static int stem_term(pc_analyzer *a, int lang, const char *stem, int len)
{
    if (buf_reserve(&a->term, (size_t)len + PC_STEM_PREFIX_BYTES) < 0)
        return PC_ENOMEM;
    return pc_stem_term_write(a->term.data, pc_an_languages[lang].code, stem, len);
}

/* Adds one query alternative (t[0..len), a whole term) unless it is already there; `origin`: pc_term.translit. */
static int add_alt(pc_analyzer *a, size_t *n_alts, size_t *used, const char *t, int len, int origin)
{
    for (size_t i = 0; i < *n_alts; i++)
        if (a->alt_len[i] == len && memcmp(a->alts.data + a->alt_off[i], t, (size_t)len) == 0)
            return 0;
    if (*n_alts == a->alt_cap) {
        size_t cap = a->alt_cap, cap2 = a->alt_cap, cap3 = a->alt_cap;
        if (grow((void **)&a->alt_off, &cap, *n_alts + 1, sizeof *a->alt_off) < 0 ||
            grow((void **)&a->alt_len, &cap2, *n_alts + 1, sizeof *a->alt_len) < 0 ||
            grow((void **)&a->alt_origin, &cap3, *n_alts + 1, sizeof *a->alt_origin) < 0)
            return PC_ENOMEM;
        a->alt_cap = cap < cap2 ? cap : cap2;
        a->alt_cap = cap3 < a->alt_cap ? cap3 : a->alt_cap;
    }
    if (buf_reserve(&a->alts, *used + (size_t)len) < 0)
        return PC_ENOMEM;
    memcpy(a->alts.data + *used, t, (size_t)len);
    a->alt_off[*n_alts] = (int)*used;
    a->alt_len[*n_alts] = len;
    a->alt_origin[*n_alts] = origin;
    *used += (size_t)len;
    (*n_alts)++;
    return 0;
}

/* What the folding loops learn about a word, so that later steps need not scan it again. */
enum {
    WORD_LETTER = 1,      /* has a letter (any non-ASCII character counts) */
    WORD_NO_STEM = 2,     /* abbreviation, identifier or address: has '.', '_' or '@' ("u.s", "@bbcnews") */
    WORD_LATIN_GREEK = 4, /* has a non-ASCII character of the blocks where Latin/Greek diacritics live */
};

/* The blocks of non-ASCII Latin and Greek letters and of combining marks (after NFKC, which maps
 * fullwidth and mathematical letters to ASCII): only words with such characters need diacritic folding. */
static bool in_latin_greek_blocks(UChar32 c)
{
    return (c >= 0x00C0 && c <= 0x03FF) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1D00 && c <= 0x1FFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0x2C60 && c <= 0x2C7F) || (c >= 0xA720 && c <= 0xA7FF) ||
           (c >= 0xAB30 && c <= 0xAB6F) || (c >= 0xFE20 && c <= 0xFE2F) || c >= 0x10000;
}

static unsigned ascii_flags(char c)
{
    if (c >= 'a' && c <= 'z')
        return WORD_LETTER;
    if (c == '.' || c == '_' || c == '@')
        return WORD_NO_STEM;
    return 0;
}

static bool stemmable(unsigned flags)
{
    return (flags & (WORD_LETTER | WORD_NO_STEM)) == WORD_LETTER;
}

/* Query mode: adds the alternatives of one word (folded w[0..n), its surface) to the current list: the surface,
 * then its stem term in each language (only the latter when `stems_only`, with the surface as the stem). */
static int add_word_alts(pc_analyzer *a, const run_ctx *ctx, const char *w, int n, bool stem_it, bool stems_only,
                         const char *surface, int surface_len, int origin, size_t *n_alts, size_t *used)
{
    int rc = add_alt(a, n_alts, used, surface, surface_len, origin);
    for (int i = 0; rc == 0 && stem_it && i < ctx->n_langs; i++) {
        if (ctx->langs[i] < 0)
            continue;
        const char *stem = surface;
        int stem_len = surface_len;
        if (!stems_only && (rc = stem_word(a, ctx->langs[i], w, n, &stem, &stem_len)) < 0)
            return rc;
        if (stem_len > PC_MAX_TERM_BYTES)
            continue;
        int len = stem_term(a, ctx->langs[i], stem, stem_len);
        rc = len < 0 ? len : add_alt(a, n_alts, used, a->term.data, len, origin);
    }
    return rc;
}

/* Query mode: adds the alternatives of the Latin forms of the Cyrillic word w[0..n) (see pc_analyze_query). */
static int add_translit_alts(pc_analyzer *a, const run_ctx *ctx, const char *w, int n, size_t *n_alts,
                             size_t *used)
{
    if (!a->translit) {
        int rc = pc_translit_new(&a->translit, NULL);
        if (rc < 0)
            return rc;
    }
    for (int scheme = 0; scheme < PC_TRANSLIT_N_SCHEMES; scheme++) {
        if (!pc_translit_applies((pc_translit_scheme)scheme, w, (size_t)n))
            continue;
        if (buf_reserve(&a->latin, PC_TRANSLIT_OUT_BYTES(n)) < 0)
            return PC_ENOMEM;
        size_t len = 0;
        int rc = pc_translit_word(a->translit, (pc_translit_scheme)scheme, w, (size_t)n, a->latin.data, &len, NULL);
        if (rc < 0)
            return rc;
        if (rc == 0 || len > PC_MAX_TERM_BYTES)
            continue;
        rc = add_word_alts(a, ctx, a->latin.data, (int)len, true, false, a->latin.data, (int)len, scheme + 1,
                           n_alts, used);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Query mode: emits the alternatives of one word (see pc_analyze_query). */
static int query_word(pc_analyzer *a, const run_ctx *ctx, const char *folded, int n, unsigned flags,
                      const char *surface, int surface_len, int start, int end)
{
    bool exact = start > 0 && ctx->text[start - 1] == PC_QUERY_EXACT_MARK;
    size_t n_alts = 0, used = 0;
    int rc;
    if (ctx->prefix || exact) /* stems-only index: its stems stand for the surfaces */
        rc = add_word_alts(a, ctx, folded, n, stemmable(flags) && !a->cfg.exact_forms, true, surface, surface_len,
                           0, &n_alts, &used);
    else
        rc = add_word_alts(a, ctx, folded, n, stemmable(flags), false, surface, surface_len, 0, &n_alts, &used);
    if (rc == 0 && !ctx->prefix && !exact && !a->no_translit && stemmable(flags) && pc_an_has_non_ascii(folded, n))
        rc = add_translit_alts(a, ctx, folded, n, &n_alts, &used);
    for (size_t i = 0; rc == 0 && i < n_alts; i++) {
        pc_term t = {.text = a->alts.data + a->alt_off[i], .len = a->alt_len[i], .start = start, .end = end,
                     .colocated = i > 0, .translit = a->alt_origin[i]};
        rc = ctx->fn(ctx->payload, &t);
    }
    return rc;
}

/* The common tail of every word: w[0..n) is the folded word in a->folded (modifiable); flags: WORD_*. */
static int finish_word(pc_analyzer *a, const run_ctx *ctx, char *w, int n, unsigned flags, int start, int end)
{
    while (n > 0 && w[0] == '\'') {
        w++;
        n--;
    }
    while (n > 0 && w[n - 1] == '\'')
        n--;
    if (n == 0)
        return 0;
    n = pc_an_strip_thousands(w, n);
    if (n > PC_MAX_TERM_BYTES)
        return 0;

    const char *surface = w;
    int surface_len = n;
    if (a->cfg.fold_diacritics && (flags & WORD_LATIN_GREEK)) {
        if (buf_reserve(&a->surface, 2 * (size_t)n + 8) < 0)
            return PC_ENOMEM;
        surface_len = pc_an_fold_latin_diacritics(a->nfd, w, n, a->surface.data);
        surface = a->surface.data;
    }

    if (ctx->query)
        return query_word(a, ctx, w, n, flags, surface, surface_len, start, end);

    if (ctx->lang < 0 || !stemmable(flags))
        return emit(ctx, surface, surface_len, start, end, false);
    const char *stem;
    int stem_len;
    int rc = stem_word(a, ctx->lang, w, n, &stem, &stem_len);
    if (rc < 0)
        return rc;
    if (a->cfg.exact_forms && (rc = emit(ctx, surface, surface_len, start, end, false)) != 0)
        return rc;
    if (stem_len > PC_MAX_TERM_BYTES)
        return 0;
    int len = stem_term(a, ctx->lang, stem, stem_len);
    return len < 0 ? len : emit(ctx, a->term.data, len, start, end, a->cfg.exact_forms);
}

/* A word made of ASCII bytes only: text[start..end). */
static int ascii_word(pc_analyzer *a, const run_ctx *ctx, int32_t start, int32_t end)
{
    int n = end - start;
    if (n > SOURCE_WORD_MAX_BYTES)
        return 0;
    if (buf_reserve(&a->folded, (size_t)n + 1) < 0)
        return PC_ENOMEM;
    const char *src = ctx->text + start;
    char *dst = a->folded.data;
    bool digit = false;
    unsigned flags = 0;
    for (int i = 0; i < n; i++) {
        char c = src[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + ('a' - 'A'));
        flags |= ascii_flags(c);
        digit |= c >= '0' && c <= '9';
        dst[i] = c;
    }
    if (!(flags & WORD_LETTER) && !digit) /* "__", "@" */
        return 0;
    return finish_word(a, ctx, dst, n, flags, start, end);
}

static bool in_cyrillic(UChar32 c)
{
    return c >= 0x0400 && c <= 0x052F;
}

/* A word found by ICU: w[0..n) in UTF-16, text[start..end) in the input. */
static int icu_word(pc_analyzer *a, const run_ctx *ctx, const UChar *w, int32_t n, int32_t start, int32_t end)
{
    bool ascii = true, alnum = false;
    for (int32_t i = 0; i < n && ascii; i++)
        ascii = w[i] < 0x80;
    if (ascii)
        return ascii_word(a, ctx, start, end);
    if (end - start > SOURCE_WORD_MAX_BYTES)
        return 0;
    for (int32_t i = 0; i < n && !alnum;) {
        UChar32 c;
        U16_NEXT(w, i, n, c);
        alnum = (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
    }
    if (!alnum)
        return 0;

    if (grow((void **)&a->word16, &a->word16_cap, (size_t)n, sizeof *a->word16) < 0)
        return PC_ENOMEM;
    memcpy(a->word16, w, (size_t)n * sizeof *w);
    pc_an_repair_lookalikes(a->word16, n);

    const UChar *f = a->word16;
    int32_t fn = n;
    UErrorCode status = U_ZERO_ERROR;
    if (unorm2_spanQuickCheckYes(a->nfkc_cf, a->word16, n, &status) != n || U_FAILURE(status)) {
        for (;;) {
            status = U_ZERO_ERROR;
            fn = unorm2_normalize(a->nfkc_cf, a->word16, n, a->norm16, (int32_t)a->norm16_cap, &status);
            if (status == U_BUFFER_OVERFLOW_ERROR) {
                if (grow((void **)&a->norm16, &a->norm16_cap, (size_t)fn + 1, sizeof *a->norm16) < 0)
                    return PC_ENOMEM;
                continue;
            }
            if (U_FAILURE(status))
                return status == U_MEMORY_ALLOCATION_ERROR ? PC_ENOMEM : 0; /* cannot fold: skip the word */
            break;
        }
        f = a->norm16;
    }

    if (buf_reserve(&a->folded, 3 * (size_t)fn + 4) < 0)
        return PC_ENOMEM;
    char *out = a->folded.data;
    int o = 0;
    unsigned flags = 0;
    bool after_cyrillic = false;
    for (int32_t i = 0; i < fn;) {
        UChar32 c;
        U16_NEXT(f, i, fn, c);
        if (c < 0x80) {
            if (c == ' ') /* NFKC turns the narrow no-break space inside "1 000" into a space */
                continue;
            out[o++] = (char)c;
            flags |= ascii_flags((char)c);
            after_cyrillic = false;
            continue;
        }
        if (pc_an_is_apostrophe(c)) {
            out[o++] = '\'';
            after_cyrillic = false;
            continue;
        }
        if (u_isUWhiteSpace(c))
            continue;
        if (a->cfg.fold_diacritics) {
            if (c == 0x0451 || c == 0x0450) /* ё, ѐ -> е */
                c = 0x0435;
            else if (c == 0x045D) /* ѝ -> и */
                c = 0x0438;
            else if ((c == 0x0301 || c == 0x0300) && after_cyrillic) /* stress marks */
                continue;
        }
        o += pc_utf8_encode((uint32_t)c, out + o);
        flags |= WORD_LETTER | (in_latin_greek_blocks(c) ? WORD_LATIN_GREEK : 0);
        if (c < 0x0300 || c > 0x036F) /* combining diacritical marks keep what they follow */
            after_cyrillic = in_cyrillic(c);
    }
    return finish_word(a, ctx, out, o, flags, start, end);
}

/* ---- segmentation ---- */

/* Segments the pure-ASCII run text[s..e) (no white space in it) with the UAX #29 rules as ICU applies
 * them to ASCII: letters (with '@'), digits and '_' join; "." and "'" join letters to letters and digits
 * to digits; "," and ";" join digits to digits; everything else separates. */
static int ascii_run(pc_analyzer *a, const run_ctx *ctx, int32_t s, int32_t e)
{
    const unsigned char *u = (const unsigned char *)ctx->text;
    int32_t i = s;
    while (i < e) {
        unsigned cls = pc_an_wb_class[u[i]];
        if (cls != PC_AN_WB_ALETTER && cls != PC_AN_WB_NUMERIC && cls != PC_AN_WB_EXTENDNUM) {
            i++;
            continue;
        }
        int32_t start = i++;
        unsigned prev = cls;
        while (i < e) {
            cls = pc_an_wb_class[u[i]];
            if (cls == PC_AN_WB_ALETTER || cls == PC_AN_WB_NUMERIC || cls == PC_AN_WB_EXTENDNUM) {
                prev = cls;
                i++;
                continue;
            }
            if (i + 1 < e) {
                unsigned next = pc_an_wb_class[u[i + 1]];
                if (prev == PC_AN_WB_ALETTER && cls == PC_AN_WB_MIDNUMLET && next == PC_AN_WB_ALETTER) {
                    i += 2;
                    continue;
                }
                if (prev == PC_AN_WB_NUMERIC && (cls == PC_AN_WB_MIDNUMLET || cls == PC_AN_WB_MIDNUM) &&
                    next == PC_AN_WB_NUMERIC) {
                    i += 2;
                    continue;
                }
            }
            break;
        }
        int rc = ascii_word(a, ctx, start, i); /* skips words without a letter or digit ("__", "@") */
        if (rc)
            return rc;
    }
    return 0;
}

/* Segments text[s..e) with ICU. */
static int icu_region(pc_analyzer *a, const run_ctx *ctx, int32_t s, int32_t e)
{
    int32_t n = e - s;
    if ((size_t)n + 1 > a->region_cap) {
        size_t cap = a->region_cap, cap2 = a->region_cap;
        if (grow((void **)&a->region16, &cap, (size_t)n + 1, sizeof *a->region16) < 0 ||
            grow((void **)&a->region_map, &cap2, (size_t)n + 1, sizeof *a->region_map) < 0)
            return PC_ENOMEM;
        a->region_cap = cap < cap2 ? cap : cap2;
    }
    int32_t n16 = pc_an_utf8_to_utf16(ctx->text + s, n, s, a->region16, a->region_map);
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(a->words, a->region16, n16, &status);
    if (U_FAILURE(status))
        return PC_ENOMEM;
    int32_t p = ubrk_first(a->words);
    for (int32_t q = ubrk_next(a->words); q != UBRK_DONE; p = q, q = ubrk_next(a->words)) {
        if (ubrk_getRuleStatus(a->words) < UBRK_WORD_NONE_LIMIT)
            continue;
        int rc = icu_word(a, ctx, a->region16 + p, q - p, a->region_map[p], a->region_map[q]);
        if (rc)
            return rc;
    }
    return 0;
}

/* Splits the text at ASCII white space into runs; pure-ASCII runs go to ascii_run (fast path), the others
 * are grouped into regions for ICU. Words never span white space, so both give the same words. */
static int walk(pc_analyzer *a, const run_ctx *ctx, int32_t len)
{
    const unsigned char *u = (const unsigned char *)ctx->text;
    int32_t region_start = -1, region_end = -1;
    int32_t i = 0;
    int rc = 0;
    while (i < len) {
        while (i < len && pc_an_wb_class[u[i]] == PC_AN_WB_SPACE)
            i++;
        if (i >= len)
            break;
        int32_t s = i;
        unsigned high = 0;
        while (i < len && pc_an_wb_class[u[i]] != PC_AN_WB_SPACE)
            high |= u[i++];
        if (high >= 0x80 || !a->cfg.ascii_fast_path) {
            if (region_start >= 0 && i - region_start > REGION_BYTES) {
                rc = icu_region(a, ctx, region_start, region_end);
                if (rc)
                    return rc;
                region_start = -1;
            }
            if (region_start < 0)
                region_start = s;
            region_end = i;
            continue;
        }
        if (region_start >= 0) {
            rc = icu_region(a, ctx, region_start, region_end);
            if (rc)
                return rc;
            region_start = -1;
        }
        rc = ascii_run(a, ctx, s, i);
        if (rc)
            return rc;
    }
    if (region_start >= 0)
        rc = icu_region(a, ctx, region_start, region_end);
    return rc;
}

static int run(pc_analyzer *a, run_ctx *ctx, const char *text, size_t len)
{
    if (!a || !ctx->fn || (!text && len > 0))
        return PC_EINVAL;
    if (len >= (size_t)INT32_MAX)
        return PC_EINVAL; /* term offsets are ints */
    ctx->text = text;
    int rc = walk(a, ctx, (int32_t)len);
    if (a->region_cap > REGION_KEEP_UNITS)
        release_region(a);
    return rc;
}

int pc_analyze(pc_analyzer *a, const char *lang, const char *text, size_t len, pc_term_fn fn, void *payload)
{
    run_ctx ctx = {.fn = fn, .payload = payload, .query = false, .lang = pc_an_language_index(lang)};
    return run(a, &ctx, text, len);
}

/* The terms pc_analyzer_word_stem sees: the word's surface term, then perhaps its stem term. */
typedef struct word_terms {
    pc_analyzer *a;
    const char *word;
    int len;
    int n_terms;
    bool same;    /* the first term is the word itself */
    int stem_len; /* -1: no stem term */
} word_terms;

static int collect_word_term(void *payload, const pc_term *t)
{
    word_terms *w = payload;
    const char *lang, *stem;
    int lang_len, stem_len;
    if (w->n_terms++ == 0) {
        w->same = t->len == w->len && memcmp(t->text, w->word, (size_t)w->len) == 0;
    } else if (w->n_terms == 2 && t->colocated && pc_stem_term_split(t->text, t->len, &lang, &lang_len, &stem, &stem_len) &&
               stem_len > 0 && stem_len <= PC_MAX_TERM_BYTES) {
        memcpy(w->a->word_stem, stem, (size_t)stem_len);
        w->stem_len = stem_len;
    }
    return 0;
}

int pc_analyzer_word_stem(pc_analyzer *a, const char *lang, const char *word, int len, const char **stem,
                          int *stem_len)
{
    *stem = NULL;
    *stem_len = 0;
    if (!a || !word || len <= 0)
        return PC_EINVAL;
    word_terms w = {.a = a, .word = word, .len = len, .stem_len = -1};
    int rc = pc_analyze(a, lang, word, (size_t)len, collect_word_term, &w);
    if (rc != 0)
        return rc < 0 ? rc : PC_EINVAL;
    if (!w.same || w.n_terms > 2 || (w.n_terms == 2 && w.stem_len < 0))
        return 0;
    if (w.stem_len >= 0 && !(w.stem_len == len && memcmp(a->word_stem, word, (size_t)len) == 0)) {
        *stem = a->word_stem;
        *stem_len = w.stem_len;
    }
    return 1;
}

int pc_analyze_query(pc_analyzer *a, const char *const *langs, size_t n_langs, bool prefix, const char *text,
                     size_t len, pc_term_fn fn, void *payload)
{
    int indexes[PC_AN_MAX_LANGUAGES];
    int n = 0;
    for (size_t i = 0; langs && i < n_langs; i++) {
        int k = pc_an_language_index(langs[i]);
        if (k < 0)
            continue;
        bool seen = false;
        for (int j = 0; j < n && !seen; j++)
            seen = indexes[j] == k;
        if (!seen && n < PC_AN_MAX_LANGUAGES)
            indexes[n++] = k;
    }
    if (n == 0)
        indexes[n++] = -1; /* no known language: the word is its own stem */
    run_ctx ctx = {.fn = fn, .payload = payload, .query = true, .prefix = prefix, .langs = indexes, .n_langs = n};
    if (!a)
        return PC_EINVAL;
    a->querying = true;
    int rc = run(a, &ctx, text, len);
    a->querying = false;
    return rc;
}
