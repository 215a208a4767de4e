/* translit.c — Cyrillic to Latin transliteration of one word (include/presscut/text/translit.h): ICU's
 * Russian BGN/PCGN transform and our own ICU rules for the Ukrainian national system of 2010, each followed by
 * the folding index terms get (lowercase, no diacritics, no signs or apostrophes). */
#include "presscut/text/translit.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "presscut/core/utf8.h"

/* Applied after each scheme: Latin diacritics (BGN's ë) dropped, and the marks no index term keeps (BGN's
 * soft and hard signs ʹ ʺ, its separating middle dot, apostrophes) removed. */
#define FOLD_RULES "::NFD; [[:Mn:] \\u02B9 \\u02BA \\u00B7 \\u0027 \\u2019 \\u02BC] > ; ::NFC;"

/* Russian: ICU's BGN/PCGN transform, after lowercasing (so that it never produces capitals). */
static const char russian_rules[] = "::Lower; ::Russian-Latin/BGN; " FOLD_RULES;

/* Ukrainian, national system of 2010. A letter is word-initial when no letter, mark or apostrophe comes
 * before it (ICU matches the start of the text as a character outside every positive set). */
static const char ukrainian_rules[] =
    "::Lower;"
    "$inside = [[:L:][:M:] \\u0027 \\u2019 \\u02BC];"
    "$inside { є > ie; є > ye;"
    "$inside { ї > i; ї > yi;"
    "$inside { й > i; й > y;"
    "$inside { ю > iu; ю > yu;"
    "$inside { я > ia; я > ya;"
    "зг > zgh;"
    "а > a; б > b; в > v; г > h; ґ > g; д > d; е > e; ж > zh; з > z; и > y; і > i; к > k; л > l; м > m;"
    "н > n; о > o; п > p; р > r; с > s; т > t; у > u; ф > f; х > kh; ц > ts; ч > ch; ш > sh; щ > shch;"
    "ь > ;" FOLD_RULES;

static const struct {
    const char *name, *id, *rules;
} schemes[PC_TRANSLIT_N_SCHEMES] = {
    [PC_TRANSLIT_RU_BGN] = {"ru-bgn", "presscut-ru-latin", russian_rules},
    [PC_TRANSLIT_UK_NATIONAL] = {"uk-2010", "presscut-uk-latin", ukrainian_rules},
};

struct pc_translit {
    UTransliterator *trans[PC_TRANSLIT_N_SCHEMES]; /* NULL until a scheme is first used */
    UChar *buf;                                     /* the word in UTF-16, transformed in place */
    int32_t buf_cap;
};

int pc_translit_new(pc_translit **out, pc_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? PC_OK : pc_error_set(err, PC_ENOMEM, "out of memory for the transliteration");
}

void pc_translit_free(pc_translit *t)
{
    if (!t)
        return;
    for (int i = 0; i < PC_TRANSLIT_N_SCHEMES; i++)
        if (t->trans[i])
            utrans_close(t->trans[i]);
    free(t->buf);
    free(t);
}

const char *pc_translit_scheme_name(pc_translit_scheme scheme)
{
    return (unsigned)scheme < PC_TRANSLIT_N_SCHEMES ? schemes[scheme].name : "?";
}

static bool russian_only(uint32_t c)
{
    return c == 0x044B || c == 0x042B || c == 0x044D || c == 0x042D || c == 0x044A || c == 0x042A ||
           c == 0x0451 || c == 0x0401;
}

static bool ukrainian_only(uint32_t c)
{
    return c == 0x0456 || c == 0x0406 || c == 0x0457 || c == 0x0407 || c == 0x0454 || c == 0x0404 ||
           c == 0x0491 || c == 0x0490;
}

bool pc_translit_applies(pc_translit_scheme scheme, const char *word, size_t len)
{
    if ((unsigned)scheme >= PC_TRANSLIT_N_SCHEMES || !word)
        return false;
    bool cyrillic = false;
    for (size_t i = 0; i < len;) {
        unsigned int c;
        i += pc_utf8_next(word + i, len - i, &c);
        if (scheme == PC_TRANSLIT_RU_BGN ? ukrainian_only(c) : russian_only(c))
            return false;
        cyrillic |= c >= 0x0400 && c <= 0x04FF;
    }
    return cyrillic;
}

/* The scheme's transliterator, built at its first use. */
static int transliterator(pc_translit *t, pc_translit_scheme scheme, UTransliterator **out, pc_error *err)
{
    if (!t->trans[scheme]) {
        UChar id[32], rules[2048];
        UErrorCode status = U_ZERO_ERROR;
        u_strFromUTF8(id, 32, NULL, schemes[scheme].id, -1, &status);
        int32_t n_rules = 0;
        u_strFromUTF8(rules, 2048, &n_rules, schemes[scheme].rules, -1, &status);
        UParseError where;
        if (U_SUCCESS(status))
            t->trans[scheme] = utrans_openU(id, -1, UTRANS_FORWARD, rules, n_rules, &where, &status);
        if (U_FAILURE(status)) {
            t->trans[scheme] = NULL;
            if (status == U_MEMORY_ALLOCATION_ERROR)
                return pc_error_set(err, PC_ENOMEM, "out of memory for the '%s' transliteration",
                                    schemes[scheme].name);
            return pc_error_set(err, PC_EINVAL,
                                "cannot build the '%s' transliteration (%s at rule offset %d); check the icu data "
                                "installation (libicu72)",
                                schemes[scheme].name, u_errorName(status), (int)where.offset);
        }
    }
    *out = t->trans[scheme];
    return PC_OK;
}

int pc_translit_word(pc_translit *t, pc_translit_scheme scheme, const char *word, size_t len, char *out,
                     size_t *out_len, pc_error *err)
{
    out[0] = '\0';
    *out_len = 0;
    if (!pc_translit_applies(scheme, word, len))
        return 0;
    if (len > INT32_MAX / 8)
        return 0;
    UTransliterator *trans = NULL;
    int rc = transliterator(t, scheme, &trans, err);
    if (rc != PC_OK)
        return rc;
    /* Each UTF-16 unit of the word (at most one per byte) becomes at most 4 units. */
    int32_t cap = 4 * (int32_t)len + 8;
    if (cap > t->buf_cap) {
        UChar *grown = realloc(t->buf, (size_t)cap * sizeof *grown);
        if (!grown)
            return pc_error_set(err, PC_ENOMEM, "out of memory while transliterating a word");
        t->buf = grown;
        t->buf_cap = cap;
    }
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8WithSub(t->buf, t->buf_cap, &n, word, (int32_t)len, 0xFFFD, NULL, &status);
    int32_t limit = n;
    if (U_SUCCESS(status))
        utrans_transUChars(trans, t->buf, &n, t->buf_cap, 0, &limit, &status);
    if (U_FAILURE(status))
        return status == U_MEMORY_ALLOCATION_ERROR ? pc_error_set(err, PC_ENOMEM, "out of memory while "
                                                                  "transliterating a word")
                                                   : 0;
    size_t max = PC_TRANSLIT_OUT_BYTES(len) - 1;
    size_t o = 0;
    for (int32_t i = 0; i < n; i++) {
        UChar c = t->buf[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!ok || o >= max) {
            out[0] = '\0';
            return 0;
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
    *out_len = o;
    return o > 0 ? 1 : 0;
}
