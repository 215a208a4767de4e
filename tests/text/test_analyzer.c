/* test_analyzer.c — unit tests of the analyzer: segmentation (ICU and the ASCII fast path, which must give
 * identical terms and offsets, checked on tricky strings, exhaustively on short strings, on random bytes
 * and on the whole BBC corpus), folding (case, NFKC, apostrophes, diacritics, look-alikes), possessives
 * and elision, numbers, stemming in several languages, the emitted terms in document and query mode, and
 * bad input (empty, invalid UTF-8, NUL bytes, 10 MB). Every term emitted anywhere in these tests is also
 * checked for the general invariants (valid UTF-8, no control characters, length, offsets). */
#include <glob.h>
#include <libstemmer.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "text/analyzer_internal.h"
#include "harness.h"
#include "presscut/core/utf8.h"
#include "presscut/text/analyzer.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER 0
#endif

/* ---- collecting terms ---- */

typedef struct collector {
    char *buf;        /* the terms, rendered for comparison */
    size_t len, cap;
    size_t input_len; /* for the offset invariant */
    bool offsets;     /* render "@start-end" after each term */
    bool raw;         /* render "start end colocated len text\n" (exact streams) */
    int stop_after;   /* return 42 after this many terms (0: never) */
    int count;
    int bad;          /* invariant violations */
} collector;

static void put(collector *c, const char *s, size_t n)
{
    if (c->len + n + 1 > c->cap) {
        size_t cap = c->cap ? c->cap : 256;
        while (cap < c->len + n + 1)
            cap *= 2;
        char *p = realloc(c->buf, cap);
        if (!p) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
        c->buf = p;
        c->cap = cap;
    }
    memcpy(c->buf + c->len, s, n);
    c->len += n;
    c->buf[c->len] = '\0';
}

static bool valid_term_text(const char *t, int len)
{
    int i = 0;
    if (len > 0 && t[0] == PC_STEM_MARK)
        i = 1;
    if (len - i <= 0 || len - i > PC_MAX_TERM_BYTES)
        return false;
    while (i < len) {
        uint32_t cp;
        int k = pc_utf8_decode((const unsigned char *)t + i, (size_t)(len - i), &cp);
        if (k == 0 || cp < 0x20 || cp == 0x7F || cp == 0xFFFD || cp == ' ')
            return false;
        i += k;
    }
    return true;
}

static int collect_fn(void *payload, const pc_term *t)
{
    collector *c = payload;
    if (!valid_term_text(t->text, t->len) || t->start < 0 || t->end <= t->start || (size_t)t->end > c->input_len ||
        (c->count == 0 && t->colocated)) {
        if (c->bad++ < 10)
            fprintf(stderr, "invariant violated by term '%.*s' [%d,%d) colocated=%d\n", t->len, t->text, t->start,
                    t->end, t->colocated);
    }
    char tmp[64];
    if (c->raw) {
        snprintf(tmp, sizeof tmp, "%d %d %d %d ", t->start, t->end, t->colocated, t->len);
        put(c, tmp, strlen(tmp));
        put(c, t->text, (size_t)t->len);
        put(c, "\n", 1);
    } else {
        if (c->len > 0)
            put(c, " ", 1);
        if (t->colocated)
            put(c, "+", 1);
        for (int i = 0; i < t->len; i++)
            put(c, t->text[i] == PC_STEM_MARK ? "~" : t->text + i, 1);
        if (c->offsets) {
            snprintf(tmp, sizeof tmp, "@%d-%d", t->start, t->end);
            put(c, tmp, strlen(tmp));
        }
    }
    c->count++;
    if (c->stop_after && c->count >= c->stop_after)
        return 42;
    return 0;
}

static collector col;

static void col_reset(void)
{
    col.len = 0;
    col.count = 0;
    col.offsets = false;
    col.raw = false;
    col.stop_after = 0;
    if (col.buf)
        col.buf[0] = '\0';
    else
        put(&col, "", 0);
}

static pc_analyzer *an_default; /* default configuration */
static pc_analyzer *an_icu;     /* ascii_fast_path = false */
static pc_analyzer *an_plain;   /* fold_diacritics = false */
static pc_analyzer *an_stems;   /* exact_forms = false */

/* Terms of `text` (n bytes) in document mode. */
static const char *terms_n(pc_analyzer *a, const char *lang, const char *text, size_t n)
{
    col_reset();
    col.input_len = n;
    int rc = pc_analyze(a, lang, text, n, collect_fn, &col);
    CHECK_INT_EQ(rc, 0);
    return col.buf;
}

/* Terms of `text` with the default analyzer, after checking that the ICU-only analyzer gives the same. */
static const char *terms(const char *lang, const char *text)
{
    static char *icu_copy;
    free(icu_copy);
    icu_copy = strdup(terms_n(an_icu, lang, text, strlen(text)));
    const char *fast = terms_n(an_default, lang, text, strlen(text));
    if (!icu_copy || strcmp(icu_copy, fast) != 0) {
        harness_failures++;
        fprintf(stderr, "fast path and icu differ on '%s':\n  fast: %s\n  icu:  %s\n", text, fast,
                icu_copy ? icu_copy : "(null)");
    }
    return fast;
}

/* Terms of `text` with the default analyzer only (for Ukrainian: its stemmer loads a large dictionary,
 * slow under the sanitizers, so the tests load it into one analyzer only). */
static const char *terms1(const char *lang, const char *text)
{
    return terms_n(an_default, lang, text, strlen(text));
}

static const char *terms_at(const char *lang, const char *text)
{
    col_reset();
    col.offsets = true;
    col.input_len = strlen(text);
    CHECK_INT_EQ(pc_analyze(an_default, lang, text, strlen(text), collect_fn, &col), 0);
    return col.buf;
}

static const char *qterms_cfg(pc_analyzer *a, const char *langs_csv, bool prefix, const char *text)
{
    const char *langs[8];
    size_t n = 0;
    static char copy[256];
    snprintf(copy, sizeof copy, "%s", langs_csv ? langs_csv : "");
    for (char *save = NULL, *t = strtok_r(copy, ",", &save); t && n < 8; t = strtok_r(NULL, ",", &save))
        langs[n++] = t;
    col_reset();
    col.input_len = strlen(text);
    CHECK_INT_EQ(pc_analyze_query(a, langs, n, prefix, text, strlen(text), collect_fn, &col), 0);
    return col.buf;
}

static const char *qterms(const char *langs_csv, const char *text)
{
    return qterms_cfg(an_default, langs_csv, false, text);
}

/* The exact term stream (offsets, colocation, bytes) of text[0..n). Returns a malloc'ed copy. */
static char *stream(pc_analyzer *a, const char *lang, const char *text, size_t n, size_t *out_len)
{
    col_reset();
    col.raw = true;
    col.input_len = n;
    int rc = pc_analyze(a, lang, text, n, collect_fn, &col);
    CHECK_INT_EQ(rc, 0);
    char *copy = malloc(col.len + 1);
    if (!copy)
        exit(1);
    memcpy(copy, col.buf, col.len + 1);
    *out_len = col.len;
    return copy;
}

/* True if both analyzers give the same stream for text[0..n); prints the first difference otherwise. */
static bool same_streams(const char *what, const char *lang, const char *text, size_t n)
{
    size_t la, lb;
    char *fast = stream(an_default, lang, text, n, &la);
    char *icu = stream(an_icu, lang, text, n, &lb);
    bool same = la == lb && memcmp(fast, icu, la) == 0;
    if (!same) {
        size_t i = 0;
        while (i < la && i < lb && fast[i] == icu[i])
            i++;
        size_t from = i > 60 ? i - 60 : 0;
        fprintf(stderr, "%s: fast path and icu differ at stream byte %zu:\n  fast: ...%.120s\n  icu:  ...%.120s\n",
                what, i, fast + from, icu + from);
    }
    free(fast);
    free(icu);
    return same;
}

/* ---- segmentation ---- */

static void test_ascii_word_rules(void)
{
    /* UAX #29 as ICU 72 applies it to ASCII (checked against ICU by terms()) */
    CHECK_STR_EQ(terms(NULL, "U.S."), "u.s");
    CHECK_STR_EQ(terms(NULL, "can't"), "can't");
    CHECK_STR_EQ(terms(NULL, "3.5"), "3.5");
    CHECK_STR_EQ(terms(NULL, "1,000"), "1000");
    CHECK_STR_EQ(terms(NULL, "e-mail"), "e mail");
    CHECK_STR_EQ(terms(NULL, "a:b"), "a b"); /* ':' is not MidLetter in ICU's root rules */
    CHECK_STR_EQ(terms(NULL, "12:30"), "12 30");
    CHECK_STR_EQ(terms(NULL, "foo_bar"), "foo_bar");
    CHECK_STR_EQ(terms(NULL, "_a a_ _ __ ___"), "_a a_");
    CHECK_STR_EQ(terms(NULL, "a.1 1.a a1.2 1.2a"), "a 1 1 a a1.2 1.2a");
    CHECK_STR_EQ(terms(NULL, "1;2 a;b 1'2 a'b"), "1;2 a b 1'2 a'b");
    CHECK_STR_EQ(terms(NULL, "a..b 1..2 1,,2 ..a."), "a b 1 2 1 2 a");
    CHECK_STR_EQ(terms(NULL, "a1b2 1a abc123def"), "a1b2 1a abc123def");
    CHECK_STR_EQ(terms(NULL, "www.bbc.co.uk/news?id=7"), "www.bbc.co.uk news id 7");
    CHECK_STR_EQ(terms(NULL, "john@example.com @BBCNews a@ @ @@"), "john@example.com @bbcnews a@");
    CHECK_STR_EQ(terms("en", "@BBCNews mails@"), "@bbcnews mails@");
    CHECK_STR_EQ(terms(NULL, "\"quoted\" (paren) [b] {c} <d>"), "quoted paren b c d");
    CHECK_STR_EQ(terms(NULL, "rock'n'roll 'tis o'clock '90s"), "rock'n'roll tis o'clock 90s");
    CHECK_STR_EQ(terms(NULL, "COVID-19 F-16s $1.5bn 20% #tag"), "covid 19 f 16s 1.5bn 20 tag");
    CHECK_STR_EQ(terms(NULL, "tab\there\nnew\r\nline\vv\ff"), "tab here new line v f");
    CHECK_STR_EQ(terms_at(NULL, "  Hello,  world! "), "hello@2-7 world@10-15");
}

static void test_icu_segmentation(void)
{
    CHECK_STR_EQ(terms(NULL, "日本語のテスト"), "日本語 の テスト");
    CHECK_STR_EQ(terms(NULL, "Привет, мир!"), "привет мир");
    CHECK_STR_EQ(terms(NULL, "a😀b 😀"), "a b");
    CHECK_STR_EQ(terms(NULL, "١٢ Ⅻ"), "١٢ xii");
    /* words never span white space, also not a combining mark after a space */
    CHECK_STR_EQ(terms(NULL, "a \xcc\x81" "b"), "a b");
    CHECK_STR_EQ(terms(NULL, "\xcc\x81" "b"), "b");
    CHECK_STR_EQ(terms_at(NULL, "Київ — столиця"), "київ@0-8 столиця@13-27");
    /* a narrow no-break space inside a number joins it; NFKC would make it a space, which is dropped */
    CHECK_STR_EQ(terms(NULL, "1\xe2\x80\xaf" "000"), "1000");
    /* a soft hyphen inside a word is ignored */
    CHECK_STR_EQ(terms(NULL, "Ukr\xc2\xad" "aine"), "ukraine");
}

static void test_fast_path_equivalence_tricky(void)
{
    static const char *const cases[] = {
        "U.S. can't 3.5 1,000 e-mail a:b foo_bar",
        "Russia’s “quoted” — dash… ellipsis",
        "naïve café résumé Zürich Łódź",
        "mixed Кирилиця and Latin, 2022р. 10-й",
        "a \xcc\x81" "b c\xcc\x81 d\xcc\x81\xcc\x81 \xcc\x81",
        "x\xe2\x80\x8dy zwj\xe2\x80\x8d \xe2\x80\x8d" "a",
        "tab\tsep\nnl\r\ncrlf\vvt\fff",
        "1,000,000 1,00 12,345.67 .5 5. ,5",
        "__init__ _ __ a_b_ _1",
        "'quoted' ''double'' a'' ''a",
        "\xef\xbc\xa6\xef\xbd\x95\xef\xbd\x8c\xef\xbd\x8c fullwidth ﬁnance",
        "emoji 👍🏽 flags 🇺🇦🇷🇺 a👍b",
        "invalid \xff bytes \xc3 and \xed\xa0\x80 surrogates \xf4\x90\x80\x80 end\xe2\x82",
        "Ки\xffїв \x80Lviv\x80 a\xc0\xaf" "b",
        "nul\0inside",
        "\x02" "exact \x01mark\x1e",
        "thai ภาษาไทย and khmer ភាសាខ្មែរ",
        "מָה שְׁלוֹמְךָ he's",
        "حرب أوكرانيا 2022",
        "한국어 텍스트 ok",
        "1\xe2\x80\xaf" "000 2\xc2\xa0" "000 3\xe2\x80\x89" "000",
        "A.B.C. I.B.M e.g. i.e., etc.",
        "https://example.com/path?q=1&x=y#frag",
        "",
        "   ",
        "...,,,;;;:::",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = (i == 14) ? 10 : strlen(cases[i]); /* the "nul" case has a NUL inside */
        CHECK(same_streams(cases[i], "en", cases[i], n));
    }
}

/* Every ASCII character in the contexts where the word-break rules look at it: the fast path's classes
 * must be ICU's. */
static void test_fast_path_every_ascii_char(void)
{
    /* '#' stands for the character */
    static const char *const contexts[] = {"a#b", "1#2", "a#1", "1#b", "#a", "a#", "#1", "1#", "a##b",
                                           "1##2", "_#_", "a_#", "#_a", "#", "##", "a#b#c"};
    int mismatches = 0;
    for (int x = 1; x < 128; x++) {
        for (size_t k = 0; k < sizeof contexts / sizeof contexts[0]; k++) {
            char text[16];
            size_t n = 0;
            for (const char *p = contexts[k]; *p; p++)
                text[n++] = *p == '#' ? (char)x : *p;
            text[n] = '\0';
            if (!same_streams(text, "en", text, strlen(text)))
                mismatches++;
        }
    }
    CHECK_INT_EQ(mismatches, 0);
}

/* Every string up to 5 characters over an alphabet of the ASCII classes (plus space and a non-ASCII
 * letter): the fast path must agree with ICU on all of them. */
static void test_fast_path_equivalence_exhaustive(void)
{
    static const char *const alphabet[] = {"a", "1", ".", "'", ",", "_", "@", "-", " ", "\xc3\xa9"};
    const int k = (int)(sizeof alphabet / sizeof alphabet[0]);
    const int max_len = UNDER_SANITIZER ? 4 : 5;
    int idx[8] = {0};
    char text[64];
    int mismatches = 0, total = 0;
    for (int len = 1; len <= max_len; len++) {
        memset(idx, 0, sizeof idx);
        for (;;) {
            size_t n = 0;
            for (int i = 0; i < len; i++) {
                size_t l = strlen(alphabet[idx[i]]);
                memcpy(text + n, alphabet[idx[i]], l);
                n += l;
            }
            text[n] = '\0';
            total++;
            if (!same_streams(text, NULL, text, n) && ++mismatches > 10)
                break;
            int p = len - 1;
            while (p >= 0 && ++idx[p] == k)
                idx[p--] = 0;
            if (p < 0)
                break;
        }
    }
    CHECK_INT_EQ(mismatches, 0);
    CHECK(total > 1000);
}

/* Random byte soup biased towards the interesting cases. */
static void test_fast_path_equivalence_random(void)
{
    static const char *const pieces[] = {"a", "Z", "q", "1", "9", ".", "'", ",", ";", ":", "_", "-", " ", " ", "\n",
                                         "\t", "\xc3\xa9", "\xd0\xb0", "\xd0\x81", "\xe2\x80\x99", "\xca\xbc",
                                         "\xcc\x81", "\xe2\x80\x8d", "\xef\xbf\xbd", "\xff", "\xc3", "\x80", "\0",
                                         "\x02", "\xe6\x97\xa5", "\xf0\x9f\x98\x80", "\xe2\x80\xaf", "\xc2\xad",
                                         "\xe1\x83\x90", "c", "K", "y"};
    const int k = (int)(sizeof pieces / sizeof pieces[0]);
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    char text[512];
    int mismatches = 0;
    int rounds = UNDER_SANITIZER ? 800 : 4000;
    for (int r = 0; r < rounds && mismatches < 5; r++) {
        size_t n = 0;
        int count = 1 + (int)(seed % 60);
        for (int i = 0; i < count; i++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            int p = (int)(seed % (uint64_t)k);
            size_t l = pieces[p][0] ? strlen(pieces[p]) : 1;
            memcpy(text + n, pieces[p], l);
            n += l;
        }
        if (!same_streams("random text", (r % 3 == 0) ? "ru" : "en", text, n))
            mismatches++;
    }
    CHECK_INT_EQ(mismatches, 0);
    CHECK_INT_EQ(col.bad, 0);
}

static char *read_file(const char *path, size_t *len)
{
    return (char *)harness_read_file(path, len);
}

static void test_fast_path_equivalence_corpus(void)
{
    const char *corpus = shared_corpus();
    char pattern[4200];
    glob_t g;
    memset(&g, 0, sizeof g);
    snprintf(pattern, sizeof pattern, "%s/bbc-fulltext/bbc/*/*.txt", corpus);
    int rc = glob(pattern, 0, NULL, &g);
    snprintf(pattern, sizeof pattern, "%s/seeds/*.txt", corpus);
    rc |= glob(pattern, rc == 0 ? GLOB_APPEND : 0, NULL, &g);
    CHECK_INT_EQ(rc, 0);
    CHECK(g.gl_pathc >= 2225 + 3);
    size_t step = UNDER_SANITIZER ? 10 : 1, files = 0, bytes = 0, differ = 0;
    for (size_t i = 0; i < g.gl_pathc; i += step) {
        size_t n;
        char *text = read_file(g.gl_pathv[i], &n);
        CHECK(text != NULL);
        if (!text)
            continue;
        if (!same_streams(g.gl_pathv[i], "en", text, n))
            differ++;
        files++;
        bytes += n;
        free(text);
    }
    /* the seeds are always compared, also when sampling */
    for (size_t i = g.gl_pathc - 3; step > 1 && i < g.gl_pathc; i++) {
        size_t n;
        char *text = read_file(g.gl_pathv[i], &n);
        if (text && !same_streams(g.gl_pathv[i], "en", text, n))
            differ++;
        free(text);
    }
    fprintf(stderr, "     compared %zu corpus files (%zu bytes)\n", files, bytes);
    CHECK_INT_EQ(differ, 0);
    CHECK_INT_EQ(col.bad, 0);
    globfree(&g);
}

/* ---- folding ---- */

static void test_case_and_nfkc_folding(void)
{
    CHECK_STR_EQ(terms(NULL, "HELLO World hElLo"), "hello world hello");
    CHECK_STR_EQ(terms(NULL, "ПРИВЕТ Привет ПрИвЕт"), "привет привет привет");
    CHECK_STR_EQ(terms(NULL, "ＦＵＬＬ ﬁnance ᵏ Straße ΣΊΣΥΦΟΣ"), "full finance k strasse σισυφοσ");
    CHECK_STR_EQ(terms(NULL, "İstanbul"), "istanbul");
}

static void test_apostrophes(void)
{
    CHECK_STR_EQ(terms(NULL, "Russia’s Russia's Russiaʼs Russia‘s"), "russia's russia's russia's russia's");
    CHECK_STR_EQ(terms(NULL, "м’ясо мʼясо м'ясо М’ЯСО"), "м'ясо м'ясо м'ясо м'ясо");
    CHECK_STR_EQ(terms(NULL, "Oʻzbekiston ＇quote＇"), "o'zbekiston quote");
    /* an apostrophe-like letter at the edge of a word is trimmed (the ASCII one is never part of a word) */
    CHECK_STR_EQ(terms(NULL, "countriesʼ ʼtwas"), "countries twas");
    /* the prime and the backtick separate words (ICU) */
    CHECK_STR_EQ(terms(NULL, "x′y a`b"), "x y a b");
    CHECK_STR_EQ(terms_at(NULL, "п’ять"), "п'ять@0-11");
}

static void test_diacritics(void)
{
    CHECK_STR_EQ(terms(NULL, "Café naïve résumé Zürich Ångström"), "cafe naive resume zurich angstrom");
    CHECK_STR_EQ(terms(NULL, "Łódź Øresund Đorđe ıspanak ħ Þór Æsir œuvre"),
                 "lodz oresund dorde ispanak h thor aesir oeuvre");
    CHECK_STR_EQ(terms(NULL, "cafe\xcc\x81 Vie\xcc\xa3t Tiê\xcc\x81ng"), "cafe viet tieng");
    CHECK_STR_EQ(terms(NULL, "Αθήνα ΆΡΗΣ ϊ"), "αθηνα αρησ ι");
    /* Cyrillic: only ё -> е; й ї є і ґ stay */
    CHECK_STR_EQ(terms(NULL, "Ёлка ёж йод їжак єнот ірис ґанок Й Ї Є І Ґ"),
                 "елка еж йод їжак єнот ірис ґанок й ї є і ґ");
    /* decomposed й / ї are composed by NFKC, and kept */
    CHECK_STR_EQ(terms(NULL, "и\xcc\x86од і\xcc\x88жак"), "йод їжак");
    /* Cyrillic stress marks are dropped */
    CHECK_STR_EQ(terms(NULL, "замо\xcc\x81к зa\xcc\x81мок ѐ ѝ"), "замок замок е и");
    /* other scripts keep their marks */
    CHECK_STR_EQ(terms(NULL, "हिन्दी"), "हिन्दी");

    /* fold_diacritics off */
    CHECK_STR_EQ(terms_n(an_plain, NULL, "Café Ёлка", strlen("Café Ёлка")), "café ёлка");
    /* Snowball Russian itself maps ё to е */
    CHECK_STR_EQ(terms_n(an_plain, "ru", "Ёлки", strlen("Ёлки")), "ёлки +~ru:елк");
    CHECK_STR_EQ(terms_n(an_plain, NULL, "Ёлки", strlen("Ёлки")), "ёлки");
}

static void test_stem_before_diacritic_folding(void)
{
    /* French Snowball needs the accents: "publiées" -> "publi", while "publiees" -> "publie" */
    CHECK_STR_EQ(terms("fr", "publiées"), "publiees +~fr:publi");
    CHECK_STR_EQ(terms("fr", "publiees"), "publiees +~fr:publie");
    CHECK_STR_EQ(terms("fr", "créées"), "creees +~fr:cre");
    CHECK_STR_EQ(terms("es", "elección elecciones"), "eleccion +~es:eleccion elecciones +~es:eleccion");
    CHECK_STR_EQ(terms("de", "Häuser Ärzte"), "hauser +~de:haus arzte +~de:arzt");
    /* Cyrillic ё -> е before stemming */
    CHECK_STR_EQ(terms("ru", "ёлки елки"), "елки +~ru:елк елки +~ru:елк");
}

static void test_lookalikes(void)
{
    /* Latin letters in Cyrillic words */
    CHECK_STR_EQ(terms(NULL, "Пyтин"), "путин");   /* Latin y */
    CHECK_STR_EQ(terms(NULL, "Kиїв"), "київ");     /* Latin K */
    CHECK_STR_EQ(terms(NULL, "yкраїнa"), "україна"); /* y, a */
    CHECK_STR_EQ(terms(NULL, "yкpaїнa"), "yкpaїнa"); /* 4 Latin of 7 letters, but н has no Latin look-alike */
    CHECK_STR_EQ(terms(NULL, "Bыбоpы"), "выборы"); /* B, p */
    CHECK_STR_EQ(terms(NULL, "Киïв"), "київ");     /* Latin ï */
    CHECK_STR_EQ(terms(NULL, "Kиïв"), "kиiв");     /* 2 Latin, 2 Cyrillic: no majority, unchanged */
    /* Cyrillic letters in Latin words */
    CHECK_STR_EQ(terms(NULL, "Ukrаine"), "ukraine"); /* Cyrillic а */
    CHECK_STR_EQ(terms(NULL, "Мoscow"), "moscow");   /* Cyrillic М */
    CHECK_STR_EQ(terms(NULL, "Сhеrnоbуl"), "chernobyl");
    /* genuinely mixed words, or minority letters without a look-alike: unchanged */
    CHECK_STR_EQ(terms(NULL, "Яndex"), "яndex");
    CHECK_STR_EQ(terms(NULL, "ПуtinЛох"), "пуtinлох");
    CHECK_STR_EQ(terms(NULL, "abвг"), "abвг"); /* half and half */
    CHECK_STR_EQ(terms(NULL, "Пsтин"), "пsтин"); /* Latin s has no Russian look-alike */
    /* the repaired word is stemmed as a Russian word */
    CHECK_STR_EQ(terms("ru", "Пyтинa"), "путина +~ru:путин");

    UChar w[] = {'M', 0x043E, 's', 'c', 'o', 'w'};
    CHECK(pc_an_repair_lookalikes(w, 6));
    CHECK_INT_EQ(w[1], 'o');
    UChar pure[] = {0x041A, 0x0438, 0x0457, 0x0432};
    CHECK(!pc_an_repair_lookalikes(pure, 4));
}

/* The look-alike table agrees with ICU's confusables (uspoof skeletons), except for k/к, which ICU
 * does not list but which scraped Cyrillic text mixes up all the time. */
static void test_lookalike_table_matches_icu(void)
{
    UErrorCode st = U_ZERO_ERROR;
    USpoofChecker *sc = uspoof_open(&st);
    CHECK(U_SUCCESS(st));
    if (U_FAILURE(st))
        return;
    int pairs = 0, differ = 0;
    for (UChar32 c = 0; c < 0x2000; c++) {
        for (int dir = 0; dir < 2; dir++) {
            UChar32 m = dir == 0 ? pc_an_latin_to_cyrillic(c) : pc_an_cyrillic_to_latin(c);
            if (m == 0)
                continue;
            pairs++;
            UChar a[2], b[2], sa[16], sb[16];
            int32_t na = 0, nb = 0;
            U16_APPEND_UNSAFE(a, na, c);
            U16_APPEND_UNSAFE(b, nb, m);
            st = U_ZERO_ERROR;
            int32_t la = uspoof_getSkeleton(sc, 0, a, na, sa, 16, &st);
            int32_t lb = uspoof_getSkeleton(sc, 0, b, nb, sb, 16, &st);
            CHECK(U_SUCCESS(st));
            bool same = la == lb && u_strncmp(sa, sb, la) == 0;
            bool exception = (c == 'k' && m == 0x043A) || (c == 0x043A && m == 'k');
            if (same == exception) {
                differ++;
                fprintf(stderr, "look-alike U+%04X -> U+%04X: icu skeletons %s\n", (unsigned)c, (unsigned)m,
                        same ? "agree (remove the exception)" : "differ");
            }
        }
    }
    CHECK(pairs >= 60);
    CHECK_INT_EQ(differ, 0);
    uspoof_close(sc);
}

/* ---- possessives, elision, numbers ---- */

static void test_english_possessive(void)
{
    CHECK_STR_EQ(terms("en", "Russia's"), "russia's +~en:russia");
    CHECK_STR_EQ(terms("en", "Russia’s"), "russia's +~en:russia");
    CHECK_STR_EQ(terms("en", "countries'"), "countries +~en:countri");
    CHECK_STR_EQ(terms("en", "countriesʼ"), "countries +~en:countri");
    CHECK_STR_EQ(terms("en", "children's"), "children's +~en:children");
    /* not English: the possessive stays in the stemmer input */
    CHECK_STR_EQ(terms(NULL, "Russia's"), "russia's");
}

static void test_french_elision(void)
{
    CHECK_STR_EQ(terms("fr", "l'économie"), "l'economie +~fr:econom");
    CHECK_STR_EQ(terms("fr", "L’Ukraine d'Europe qu'il jusqu'à"),
                 "l'ukraine +~fr:ukrain d'europe +~fr:europ qu'il +~fr:il jusqu'a +~fr:a");
    CHECK_STR_EQ(terms("fr", "aujourd'hui"), "aujourd'hui +~fr:aujourd'hui");
    CHECK_STR_EQ(terms("it", "dell'Ucraina l'Italia"), "dell'ucraina +~it:ucrain l'italia +~it:ital");
    /* English does not strip elision */
    CHECK_STR_EQ(terms("en", "l'economie"), "l'economie +~en:l'economi");
}

static void test_numbers(void)
{
    CHECK_STR_EQ(terms("en", "1,000 1,000,000 12,345.67 2022 3.5"), "1000 1000000 12345.67 2022 3.5");
    CHECK_STR_EQ(terms("en", "1,00 1,0000 12,34,567 1.000.000"), "1,00 1,0000 12,34,567 1.000.000");
    CHECK_STR_EQ(terms("en", "10km 1990s"), "10km +~en:10km 1990s +~en:1990s");
    CHECK_STR_EQ(terms_at("en", "cost 1,000 dollars"), "cost@0-4 +~en:cost@0-4 1000@5-10 dollars@11-18 +~en:dollar@11-18");
    CHECK_INT_EQ(pc_an_strip_thousands((char[]){"1,234"}, 5), 4);
}

/* ---- stemming ---- */

static void test_stemming_by_language(void)
{
    CHECK_STR_EQ(terms("en", "attacks attacked attacking attack"),
                 "attacks +~en:attack attacked +~en:attack attacking +~en:attack attack +~en:attack");
    CHECK_STR_EQ(terms("en", "running cities"), "running +~en:run cities +~en:citi");
    CHECK_STR_EQ(terms("ru", "атаки атаку атакой"), "атаки +~ru:атак атаку +~ru:атак атакой +~ru:атак");
    CHECK_STR_EQ(terms("ru", "выборы выборов Украины"), "выборы +~ru:выбор выборов +~ru:выбор украины +~ru:украин");
    CHECK_STR_EQ(terms("de", "Häuser Straßen Ukrainische"), "hauser +~de:haus strassen +~de:strass ukrainische +~de:ukrain");
    CHECK_STR_EQ(terms("fr", "élections élection"), "elections +~fr:elect election +~fr:elect");
    CHECK_STR_EQ(terms("es", "políticos países niños"), "politicos +~es:polit paises +~es:pais ninos +~es:nin");
    CHECK_STR_EQ(terms("el", "Αθήνα"), "αθηνα +~el:αθην");
    /* Ukrainian: its own stemmer; й ї є і kept, apostrophe folded before stemming */
    CHECK_STR_EQ(terms1("uk", "атаки атакою"), "атаки +~uk:атак атакою +~uk:атак");
    CHECK_STR_EQ(terms1("uk", "війни війна"), "війни +~uk:війн війна +~uk:війн");
    const char *a = terms1("uk", "м’ясо");
    CHECK(strncmp(a, "м'ясо", strlen("м'ясо")) == 0);
    /* words that are not stemmed: no language, unknown language, abbreviations */
    CHECK_STR_EQ(terms(NULL, "attacks"), "attacks");
    CHECK_STR_EQ(terms("xx", "attacks"), "attacks");
    CHECK_STR_EQ(terms("en", "U.S. foo_bars"), "u.s foo_bars");
    /* language codes in other spellings */
    CHECK_STR_EQ(terms("EN", "attacks"), "attacks +~en:attack");
    CHECK_STR_EQ(terms("en-GB", "attacks"), "attacks +~en:attack");
    CHECK_STR_EQ(terms("pt_BR", "eleições"), "eleicoes +~pt:eleico");
}

/* The term texts of a stream (offsets dropped), as "text\n" lines. */
static char *term_texts(const char *lang, const char *text, size_t n)
{
    size_t len;
    char *raw = stream(an_default, lang, text, n, &len);
    char *out = malloc(len + 1);
    if (!out)
        exit(1);
    size_t o = 0;
    for (char *p = raw; p < raw + len;) {
        int start, end, colocated, tlen, used = 0;
        if (sscanf(p, "%d %d %d %d %n", &start, &end, &colocated, &tlen, &used) != 4)
            break;
        memcpy(out + o, p + used, (size_t)tlen);
        o += (size_t)tlen;
        out[o++] = '\n';
        p += used + tlen + 1;
    }
    out[o] = '\0';
    free(raw);
    return out;
}

/* Typographic apostrophes give the terms ASCII ones give: 100 BBC articles with every ' replaced by ’. */
static void test_curly_apostrophes_in_corpus(void)
{
    const char *corpus = shared_corpus();
    char pattern[4200];
    glob_t g;
    memset(&g, 0, sizeof g);
    snprintf(pattern, sizeof pattern, "%s/bbc-fulltext/bbc/*/*.txt", corpus);
    if (glob(pattern, 0, NULL, &g) != 0) {
        CHECK(!"no bbc files");
        return;
    }
    int differ = 0, apostrophes = 0;
    size_t step = g.gl_pathc > 100 ? g.gl_pathc / 100 : 1;
    for (size_t f = 0; f < g.gl_pathc; f += step) {
        size_t n;
        char *text = read_file(g.gl_pathv[f], &n);
        char *curly = malloc(3 * n + 1);
        if (!text || !curly) {
            free(text);
            free(curly);
            continue;
        }
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (text[i] == '\'') {
                memcpy(curly + m, "\xe2\x80\x99", 3);
                m += 3;
                apostrophes++;
            } else {
                curly[m++] = text[i];
            }
        }
        char *a = term_texts("en", text, n);
        char *b = term_texts("en", curly, m);
        if (strcmp(a, b) != 0 && differ++ < 3)
            fprintf(stderr, "curly apostrophes change the terms of %s\n", g.gl_pathv[f]);
        free(a);
        free(b);
        free(text);
        free(curly);
    }
    CHECK(apostrophes > 100);
    CHECK_INT_EQ(differ, 0);
    globfree(&g);
}

/* The stem cache gives what Snowball gives, also after many evictions: every lowercase word of the seeds and
 * of 300 BBC articles, twice, against libstemmer called directly. */
static void test_stem_cache(void)
{
    const char *corpus = shared_corpus();
    char pattern[4200];
    glob_t g;
    memset(&g, 0, sizeof g);
    snprintf(pattern, sizeof pattern, "%s/bbc-fulltext/bbc/*/*.txt", corpus);
    if (glob(pattern, 0, NULL, &g) != 0) {
        CHECK(!"no bbc files");
        return;
    }
    struct sb_stemmer *en = sb_stemmer_new("english", "UTF_8");
    CHECK(en != NULL);
    int compared = 0, differ = 0;
    for (int pass = 0; pass < 2 && en; pass++) {
        for (size_t f = 0; f < g.gl_pathc && f < 300; f++) {
            size_t n;
            char *text = read_file(g.gl_pathv[f], &n);
            if (!text)
                continue;
            for (size_t i = 0; i < n;) {
                size_t j = i;
                while (j < n && text[j] >= 'a' && text[j] <= 'z')
                    j++;
                bool word = j > i && (i == 0 || pc_an_wb_class[(unsigned char)text[i - 1]] == PC_AN_WB_SPACE) &&
                            (j == n || pc_an_wb_class[(unsigned char)text[j]] == PC_AN_WB_SPACE);
                if (word) {
                    const sb_symbol *s = sb_stemmer_stem(en, (const sb_symbol *)text + i, (int)(j - i));
                    char expected[512];
                    int sl = sb_stemmer_length(en);
                    snprintf(expected, sizeof expected, "%.*s +~en:%.*s", (int)(j - i), text + i, sl, (const char *)s);
                    const char *got = terms_n(an_default, "en", text + i, j - i);
                    if (strcmp(got, expected) != 0 && differ++ < 5)
                        fprintf(stderr, "stem cache: '%s' != '%s'\n", got, expected);
                    compared++;
                }
                i = j > i ? j : i + 1;
            }
            free(text);
        }
    }
    CHECK(compared > 50000);
    CHECK_INT_EQ(differ, 0);
    sb_stemmer_delete(en);
    globfree(&g);
}

static void test_language_list(void)
{
    const char *const *langs = pc_analyzer_languages();
    int n = 0;
    bool has_uk = false, sorted = true;
    for (; langs[n]; n++) {
        CHECK(pc_analyzer_has_stemmer(langs[n]));
        has_uk |= strcmp(langs[n], "uk") == 0;
        if (n > 0 && strcmp(langs[n - 1], langs[n]) >= 0)
            sorted = false;
        CHECK(n < pc_an_n_languages && strcmp(langs[n], pc_an_languages[n].code) == 0);
    }
    CHECK_INT_EQ(n, pc_an_n_languages);
    CHECK(sorted);
    CHECK(has_uk);
    CHECK(!pc_analyzer_has_stemmer(NULL));
    CHECK(!pc_analyzer_has_stemmer(""));
    CHECK(!pc_analyzer_has_stemmer("e"));
    CHECK(!pc_analyzer_has_stemmer("xx"));
    CHECK(!pc_analyzer_has_stemmer("english"));
    CHECK(pc_analyzer_has_stemmer("RU"));

    /* every Snowball algorithm of this libstemmer is reachable, and every mapped name exists */
    for (const char **l = sb_stemmer_list(); *l; l++) {
        if (strcmp(*l, "porter") == 0)
            continue;
        bool found = false;
        for (int i = 0; i < pc_an_n_languages; i++)
            found |= pc_an_languages[i].snowball && strcmp(pc_an_languages[i].snowball, *l) == 0;
        if (!found)
            fprintf(stderr, "snowball algorithm '%s' has no ISO code in the table\n", *l);
        CHECK(found);
    }
    for (int i = 0; i < pc_an_n_languages; i++) {
        if (!pc_an_languages[i].snowball)
            continue;
        struct sb_stemmer *s = sb_stemmer_new(pc_an_languages[i].snowball, "UTF_8");
        CHECK(s != NULL);
        sb_stemmer_delete(s);
    }
    /* each stemmer runs on text of every script */
    const char *sample = "Attacks атаки Häuser élections αθήνα حرب हिन्दी தமிழ் Հայաստան ייִדיש 2022";
    for (int i = 0; langs[i]; i++) {
        col_reset();
        col.input_len = strlen(sample);
        CHECK_INT_EQ(pc_analyze(an_default, langs[i], sample, strlen(sample), collect_fn, &col), 0);
        CHECK(col.count >= 11);
    }
    CHECK_INT_EQ(col.bad, 0);
}

/* ---- emitted terms ---- */

static void test_term_emission(void)
{
    /* surface, then the colocated stem term of the text's language, also when the word is its own stem */
    CHECK_STR_EQ(terms_at("en", "Attacks attack"), "attacks@0-7 +~en:attack@0-7 attack@8-14 +~en:attack@8-14");
    /* exact_forms off: the stem term alone; words that are not stemmed keep their surface */
    CHECK_STR_EQ(terms_n(an_stems, "en", "Attacks attack Café U.S. 2022", strlen("Attacks attack Café U.S. 2022")),
                 "~en:attack ~en:attack ~en:cafe u.s 2022");
    CHECK_STR_EQ(terms_n(an_stems, NULL, "Attacks", strlen("Attacks")), "attacks");
    /* longest terms */
    char word[300];
    memset(word, 'a', 129);
    word[128] = '\0';
    CHECK_INT_EQ(strlen(terms(NULL, word)), 128);
    word[128] = 'a';
    word[129] = '\0';
    CHECK_STR_EQ(terms(NULL, word), "");
    /* 64 Cyrillic letters = 128 bytes: kept; 65: skipped */
    word[0] = '\0';
    for (int i = 0; i < 64; i++)
        strcat(word, "ж");
    CHECK_INT_EQ(strlen(terms(NULL, word)), 128);
    strcat(word, "ж");
    CHECK_STR_EQ(terms(NULL, word), "");
    /* long words around short ones keep their neighbours' offsets */
    char text[700];
    memset(text, 'x', 600);
    memcpy(text + 600, " ok", 4);
    CHECK_STR_EQ(terms_at(NULL, text), "ok@601-603");
}

static void test_query_mode(void)
{
    /* the surface, then the stem term of each language; first not colocated */
    CHECK_STR_EQ(qterms("en", "attacks"), "attacks +~en:attack");
    CHECK_STR_EQ(qterms("en", "attack"), "attack +~en:attack");
    CHECK_STR_EQ(qterms("en,en,xx", "attacks"), "attacks +~en:attack");
    CHECK_STR_EQ(qterms("en", "Russia’s"), "russia's +~en:russia");
    CHECK_STR_EQ(qterms("en,ru", "attacks"), "attacks +~en:attack +~ru:attacks");
    /* a stem made by one language's stemmer is that language's only: NATO is not Italian "nat" elsewhere */
    CHECK_STR_EQ(qterms("en,it", "NATO"), "nato +~en:nato +~it:nat");
    CHECK_STR_EQ(qterms("en,it", "Putin"), "putin +~en:putin +~it:putin");
    /* no known language: the surface only */
    CHECK_STR_EQ(qterms("", "attacks"), "attacks");
    CHECK_STR_EQ(qterms("xx", "Café"), "cafe");
    /* exact mark and prefix: the surface only */
    CHECK_STR_EQ(qterms("en", "\x02" "attacks attacks"), "attacks attacks +~en:attack");
    CHECK_STR_EQ(qterms("en,ru", "\x02" "Атаки"), "атаки");
    CHECK_STR_EQ(qterms_cfg(an_default, "en", true, "attack Кие"), "attack кие");
    /* exact_forms off: stems stand for surfaces, so exact and prefix words also look among them */
    CHECK_STR_EQ(qterms_cfg(an_stems, "en,ru", false, "attacks"), "attacks +~en:attack +~ru:attacks");
    CHECK_STR_EQ(qterms_cfg(an_stems, "en", true, "attack"), "attack +~en:attack");
    CHECK_STR_EQ(qterms_cfg(an_stems, "en", false, "\x02" "attacks"), "attacks +~en:attacks");
    /* numbers and several words */
    CHECK_STR_EQ(qterms("en", "1,000 attacks"), "1000 attacks +~en:attack");
    col_reset();
    col.offsets = true;
    const char *q = "big attacks";
    col.input_len = strlen(q);
    const char *en[] = {"en"};
    CHECK_INT_EQ(pc_analyze_query(an_default, en, 1, false, q, strlen(q), collect_fn, &col), 0);
    CHECK_STR_EQ(col.buf, "big@0-3 +~en:big@0-3 attacks@4-11 +~en:attack@4-11");
    /* langs may be NULL when n_langs is 0 */
    col_reset();
    col.input_len = 3;
    CHECK_INT_EQ(pc_analyze_query(an_default, NULL, 0, false, "war", 3, collect_fn, &col), 0);
    CHECK_STR_EQ(col.buf, "war");
    CHECK_INT_EQ(col.bad, 0);
}

/* Records pc_term.translit of each query term. */
typedef struct origins {
    int translit[32];
    int n;
} origins;

static int note_origin(void *payload, const pc_term *t)
{
    origins *o = payload;
    if (o->n < 32)
        o->translit[o->n++] = t->translit;
    return 0;
}

/* Cyrillic query words also match their Latin forms (translit.h), analysed as Latin words; switchable. */
static void test_query_translit(void)
{
    CHECK_STR_EQ(qterms("en,ru", "Песков"), "песков +~en:песков +~ru:песк +peskov +~en:peskov +~ru:peskov");
    CHECK_STR_EQ(qterms("en,uk", "Київ"), "київ +~en:київ +~uk:київ +kyiv +~en:kyiv +~uk:kyiv");
    /* a word with no letter of one language only gets both schemes (each once) */
    CHECK_STR_EQ(qterms("en", "Зеленский"), "зеленский +~en:зеленский +zelenskiy +~en:zelenskiy +zelenskyi +~en:zelenskyi");
    CHECK_STR_EQ(qterms("en", "Путин"), "путин +~en:путин +putin +~en:putin +putyn +~en:putyn");
    CHECK_STR_EQ(qterms("en", "Харків"), "харків +~en:харків +kharkiv +~en:kharkiv");
    CHECK_STR_EQ(qterms("en", "мир"), "мир +~en:мир +mir +~en:mir +myr +~en:myr");
    /* where each term comes from */
    origins seen = {0};
    const char *langs[] = {"en"};
    CHECK_INT_EQ(pc_analyze_query(an_default, langs, 1, false, "Київ", strlen("Київ"), note_origin, &seen), 0);
    CHECK_INT_EQ(seen.n, 4);
    CHECK_INT_EQ(seen.translit[0] + seen.translit[1], 0);
    CHECK_INT_EQ(seen.translit[2], 1 + PC_TRANSLIT_UK_NATIONAL);
    CHECK_INT_EQ(seen.translit[3], 1 + PC_TRANSLIT_UK_NATIONAL);
    /* exact and prefix words, and words no scheme writes in Latin: no Latin forms */
    CHECK_STR_EQ(qterms("en", "\x02" "Песков"), "песков");
    CHECK_STR_EQ(qterms_cfg(an_default, "en", true, "Пес"), "пес");
    CHECK_STR_EQ(qterms("en", "Ђорђе"), "ђорђе +~en:ђорђе");
    /* switched off */
    pc_analyzer_set_query_translit(an_default, false);
    CHECK_STR_EQ(qterms("en,ru", "Песков"), "песков +~en:песков +~ru:песк");
    pc_analyzer_set_query_translit(an_default, true);
    CHECK_STR_EQ(qterms("en", "Київ"), "київ +~en:київ +kyiv +~en:kyiv");
    /* documents are never transliterated */
    CHECK_STR_EQ(terms("ru", "Песков"), "песков +~ru:песк");
}

/* ---- bad input ---- */

static void test_empty_and_punctuation(void)
{
    CHECK_STR_EQ(terms("en", ""), "");
    CHECK_STR_EQ(terms("en", "   \n\t "), "");
    CHECK_STR_EQ(terms("en", "...!?—–“”«»,;:()[]{}<>/\\|@#$%^&*-+=~`'\""), "");
    CHECK_STR_EQ(terms("en", "😀 👍🏽 🇺🇦"), "");
    col_reset();
    CHECK_INT_EQ(pc_analyze(an_default, "en", NULL, 0, collect_fn, &col), 0);
    CHECK_INT_EQ(col.count, 0);
}

static void test_invalid_utf8(void)
{
    CHECK_STR_EQ(terms_at(NULL, "abc\xff" "def"), "abc@0-3 def@4-7");
    CHECK_STR_EQ(terms_at(NULL, "café\xc3"), "cafe@0-5");
    CHECK_STR_EQ(terms_at(NULL, "\xc0\xaf" "abc"), "abc@2-5");
    CHECK_STR_EQ(terms_at(NULL, "\xed\xa0\x80" "x"), "x@3-4");
    CHECK_STR_EQ(terms_at(NULL, "\xf4\x90\x80\x80"), "");
    CHECK_STR_EQ(terms_at(NULL, "\xf0\x9f\x98"), "");
    CHECK_STR_EQ(terms_at(NULL, "Київ\x80"), "київ@0-8");
    CHECK_STR_EQ(terms_at(NULL, "Ки\xffїв"), "ки@0-4 їв@5-9");
    CHECK_STR_EQ(terms_at(NULL, "\x80\x80 Lviv \xfe\xfe Львів"), "lviv@3-7 львів@11-21");
    /* e + U+0301 + t, then a Latin-1 é (invalid) */
    CHECK_STR_EQ(terms_at(NULL, "e\xcc\x81t\xe9\xff" "ete"), "et@0-4 ete@6-9");
    /* the same with the ICU-only analyzer */
    CHECK(same_streams("invalid", NULL, "abc\xff" "def caf\xc3 \xc0\xaf" "abc", 17));
    CHECK_INT_EQ(col.bad, 0);
}

static void test_nul_bytes(void)
{
    CHECK_STR_EQ(terms_n(an_default, NULL, "abc\0def", 7), "abc def");
    CHECK_STR_EQ(terms_n(an_icu, NULL, "abc\0def", 7), "abc def");
    CHECK_STR_EQ(terms_n(an_default, NULL, "Ки\0їв\0", 10), "ки їв");
    CHECK_STR_EQ(terms_n(an_default, NULL, "\0\0\0", 3), "");
    /* the text need not be NUL-terminated: only len bytes are read */
    CHECK_STR_EQ(terms_n(an_default, NULL, "hello world", 5), "hello");
}

static void test_callback_stops(void)
{
    col_reset();
    col.stop_after = 2;
    col.input_len = 100;
    CHECK_INT_EQ(pc_analyze(an_default, "en", "one two three four", 18, collect_fn, &col), 42);
    CHECK_INT_EQ(col.count, 2);
    col_reset();
    col.stop_after = 3;
    col.input_len = 100;
    const char *en[] = {"en"};
    CHECK_INT_EQ(pc_analyze_query(an_default, en, 1, false, "attacks now", 11, collect_fn, &col), 42);
    CHECK_INT_EQ(col.count, 3);
    col_reset();
    col.stop_after = 1;
    col.input_len = 100;
    CHECK_INT_EQ(pc_analyze(an_icu, "ru", "один два", strlen("один два"), collect_fn, &col), 42);
    CHECK_INT_EQ(col.count, 1);
}

static void test_bad_arguments(void)
{
    CHECK_INT_EQ(pc_analyze(NULL, "en", "a", 1, collect_fn, &col), PC_EINVAL);
    CHECK_INT_EQ(pc_analyze(an_default, "en", "a", 1, NULL, &col), PC_EINVAL);
    CHECK_INT_EQ(pc_analyze(an_default, "en", NULL, 1, collect_fn, &col), PC_EINVAL);
    CHECK_INT_EQ(pc_analyze_query(an_default, NULL, 0, false, NULL, 5, collect_fn, &col), PC_EINVAL);
    pc_analyzer_free(NULL);
    pc_analyzer *a = NULL;
    pc_error err;
    pc_error_clear(&err);
    CHECK_INT_EQ(pc_analyzer_new(&a, NULL, &err), 0); /* NULL config: the defaults */
    CHECK(a != NULL);
    CHECK_STR_EQ(terms_n(a, "en", "Cafés", 6), "cafes +~en:cafe");
    pc_analyzer_free(a);
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    CHECK(cfg.fold_diacritics && cfg.exact_forms && cfg.ascii_fast_path);
}

typedef struct counter {
    long terms, words;
    int last_start, last_end;
    int bad;
    size_t input_len;
} counter;

static int count_fn(void *payload, const pc_term *t)
{
    counter *c = payload;
    c->terms++;
    c->words += !t->colocated;
    if (t->start < c->last_start || t->end <= t->start || (size_t)t->end > c->input_len || t->len <= 0 ||
        t->len > PC_MAX_TERM_BYTES + 1)
        c->bad++;
    c->last_start = t->start;
    c->last_end = t->end;
    return 0;
}

static void test_huge_inputs(void)
{
    const size_t size = 10u * 1024 * 1024;
    char *text = malloc(size);
    CHECK(text != NULL);
    if (!text)
        return;

    /* 10 MB of mixed English and Cyrillic sentences: a known number of terms, offsets to the end */
    const char *unit = "Russia’s attacks on Київ, 1,000 times. Пyтин said: \"no\". ";
    size_t ulen = strlen(unit), reps = size / ulen;
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * ulen, unit, ulen);
    counter one = {.input_len = ulen};
    CHECK_INT_EQ(pc_analyze(an_default, "en", unit, ulen, count_fn, &one), 0);
    counter all = {.input_len = reps * ulen};
    CHECK_INT_EQ(pc_analyze(an_default, "en", text, reps * ulen, count_fn, &all), 0);
    CHECK_INT_EQ(all.terms, one.terms * (long)reps);
    CHECK_INT_EQ(all.last_end, (long)((reps - 1) * ulen) + one.last_end);
    CHECK_INT_EQ(all.bad, 0);

    /* one 10 MB "word" without white space: skipped, by both paths */
    memset(text, 'a', size);
    counter giant = {.input_len = size};
    CHECK_INT_EQ(pc_analyze(an_default, "en", text, size, count_fn, &giant), 0);
    CHECK_INT_EQ(giant.terms, 0);
    CHECK_INT_EQ(pc_analyze(an_icu, "en", text, size, count_fn, &giant), 0);
    CHECK_INT_EQ(giant.terms, 0);

    /* 10 MB of Cyrillic words separated by commas only (one ICU region) */
    const char *cyr = "слово,";
    size_t clen = strlen(cyr), creps = size / clen;
    for (size_t i = 0; i < creps; i++)
        memcpy(text + i * clen, cyr, clen);
    counter words = {.input_len = creps * clen};
    CHECK_INT_EQ(pc_analyze(an_default, "ru", text, creps * clen, count_fn, &words), 0);
    CHECK_INT_EQ(words.words, (long)creps);
    CHECK_INT_EQ(words.terms, 2 * (long)creps); /* слово, +слов */
    CHECK_INT_EQ(words.last_end, (long)(creps * clen) - 1);
    CHECK_INT_EQ(words.bad, 0);

    /* 10 MB of random bytes (2 MB under the sanitizers) */
    uint64_t seed = 42;
    const size_t noise_size = UNDER_SANITIZER ? size / 5 : size;
    for (size_t i = 0; i < noise_size; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        text[i] = (char)(seed >> 56);
    }
    counter noise = {.input_len = noise_size};
    CHECK_INT_EQ(pc_analyze(an_default, "ru", text, noise_size, count_fn, &noise), 0);
    CHECK(noise.terms > 0);
    CHECK_INT_EQ(noise.bad, 0);
    free(text);
}

/* Buffers are reused across calls: a long call followed by short ones still gives correct terms. */
static void test_reuse_across_calls(void)
{
    for (int round = 0; round < 3; round++) {
        CHECK_STR_EQ(terms("en", "Attacks on Київ"), "attacks +~en:attack on +~en:on київ +~en:київ");
        CHECK_STR_EQ(terms("ru", "Атаки на Киев"), "атаки +~ru:атак на +~ru:на киев +~ru:ки");
        const char *uk = terms1("uk", "Атаки на Київ");
        CHECK(strncmp(uk, "атаки +~uk:атак на", strlen("атаки +~uk:атак на")) == 0);
    }
}

/* Different analyzers may be used concurrently: two threads, each with its own analyzer, give the terms
 * one analyzer gives alone. */
typedef struct thread_job {
    const char *lang;
    const char *text;
    size_t len;
    unsigned long long digest;
    long terms;
    int rc;
} thread_job;

static int digest_fn(void *payload, const pc_term *t)
{
    thread_job *job = payload;
    for (int i = 0; i < t->len; i++)
        job->digest = (job->digest ^ (unsigned char)t->text[i]) * 1099511628211ull;
    job->digest = (job->digest ^ (unsigned)t->start ^ ((unsigned long long)t->end << 32)) * 1099511628211ull;
    job->terms++;
    return 0;
}

static void *thread_main(void *arg)
{
    thread_job *job = arg;
    pc_analyzer *a = NULL;
    job->rc = pc_analyzer_new(&a, NULL, NULL);
    for (int round = 0; round < 20 && job->rc == 0; round++) {
        job->digest = 14695981039346656037ull;
        job->terms = 0;
        job->rc = pc_analyze(a, job->lang, job->text, job->len, digest_fn, job);
    }
    pc_analyzer_free(a);
    return NULL;
}

static void test_threads(void)
{
    const char *text = "Russia’s attacks on Київ: Пyтин, Ukrаine, élections, Häuser, 1,000 times. "
                       "Атаки на Киев продолжаются; the U.S. said it can't confirm. ";
    const char *langs[] = {"en", "ru", "fr", "de"};
    thread_job jobs[4], alone[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (thread_job){.lang = langs[i], .text = text, .len = strlen(text)};
        alone[i] = jobs[i];
        thread_main(&alone[i]);
    }
    int started = 0;
    for (int i = 0; i < 4; i++)
        if (pthread_create(&threads[i], NULL, thread_main, &jobs[i]) == 0)
            started++;
    CHECK_INT_EQ(started, 4);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < started; i++) {
        CHECK_INT_EQ(jobs[i].rc, 0);
        CHECK(jobs[i].terms > 20);
        CHECK_INT_EQ(jobs[i].terms, alone[i].terms);
        CHECK(jobs[i].digest == alone[i].digest);
    }
}

int main(void)
{
    pc_analyzer_config cfg;
    pc_error err;
    pc_analyzer_config_default(&cfg);
    int rc = pc_analyzer_new(&an_default, &cfg, &err);
    cfg.ascii_fast_path = false;
    rc |= pc_analyzer_new(&an_icu, &cfg, &err);
    pc_analyzer_config_default(&cfg);
    cfg.fold_diacritics = false;
    rc |= pc_analyzer_new(&an_plain, &cfg, &err);
    pc_analyzer_config_default(&cfg);
    cfg.exact_forms = false;
    rc |= pc_analyzer_new(&an_stems, &cfg, &err);
    if (rc != 0) {
        fprintf(stderr, "cannot create analyzers: %s\n", err.msg);
        return 1;
    }

    RUN_TEST(test_ascii_word_rules);
    RUN_TEST(test_icu_segmentation);
    RUN_TEST(test_fast_path_equivalence_tricky);
    RUN_TEST(test_fast_path_every_ascii_char);
    RUN_TEST(test_fast_path_equivalence_exhaustive);
    RUN_TEST(test_fast_path_equivalence_random);
    RUN_TEST(test_case_and_nfkc_folding);
    RUN_TEST(test_apostrophes);
    RUN_TEST(test_diacritics);
    RUN_TEST(test_stem_before_diacritic_folding);
    RUN_TEST(test_lookalikes);
    RUN_TEST(test_lookalike_table_matches_icu);
    RUN_TEST(test_english_possessive);
    RUN_TEST(test_french_elision);
    RUN_TEST(test_numbers);
    RUN_TEST(test_stemming_by_language);
    RUN_TEST(test_language_list);
    RUN_TEST(test_term_emission);
    RUN_TEST(test_query_mode);
    RUN_TEST(test_query_translit);
    RUN_TEST(test_empty_and_punctuation);
    RUN_TEST(test_invalid_utf8);
    RUN_TEST(test_nul_bytes);
    RUN_TEST(test_callback_stops);
    RUN_TEST(test_bad_arguments);
    RUN_TEST(test_huge_inputs);
    RUN_TEST(test_reuse_across_calls);
    RUN_TEST(test_threads);
    /* last, and only if all else passed: shared_corpus() exits with 77 (skip) when the corpus is absent */
    if (harness_failures == 0) {
        RUN_TEST(test_fast_path_equivalence_corpus);
        RUN_TEST(test_stem_cache);
        RUN_TEST(test_curly_apostrophes_in_corpus);
    }

    CHECK_INT_EQ(col.bad, 0);
    free(col.buf);
    pc_analyzer_free(an_default);
    pc_analyzer_free(an_icu);
    pc_analyzer_free(an_plain);
    pc_analyzer_free(an_stems);
    return TEST_REPORT();
}
