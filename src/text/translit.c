/* translit.c — Cyrillic to Latin transliteration of one word (include/presscut/text/translit.h): the Russian
 * BGN/PCGN system and the Ukrainian national system of 2010 as letter tables with the few contexts they have,
 * each result folded like an index term (lowercase, no diacritics, no signs or apostrophes). Plain C, no ICU
 * transform: building ICU's (its transliterator registry and rules) cost every Cyrillic query 20 ms of CPU. */
#include "presscut/text/translit.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/core/utf8.h"

static const struct {
    const char *name;
} schemes[PC_TRANSLIT_N_SCHEMES] = {
    [PC_TRANSLIT_RU_BGN] = {"ru-bgn"},
    [PC_TRANSLIT_UK_NATIONAL] = {"uk-2010"},
};

struct pc_translit {
    int unused; /* the schemes are tables: a transliterator holds nothing (kept as an object for its callers) */
};

int pc_translit_new(pc_translit **out, pc_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? PC_OK : pc_error_set(err, PC_ENOMEM, "out of memory for the transliteration");
}

void pc_translit_free(pc_translit *t)
{
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

/* Lowercase Cyrillic а..я (U+0430..U+044F) and ё, і, ї, є, ґ in Latin, per scheme, for a letter with no
 * context rule; NULL: the scheme has no Latin for it. ъ and ь have "" (dropped). */
static const char *const russian_letters[32] = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
};
static const char *const ukrainian_letters[32] = {
    "a", "b", "v", "h", "d", "e", "zh", "z", "y", "i", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", NULL, NULL, "", NULL, "iu", "ia",
};

/* The base letter of each of U+00C0..U+017F that decomposes into an ASCII letter and marks (what is left after
 * NFD and removing the marks), lowercase; '?' for the others (Æ, Ø, ß, Ł, ...). */
static const char latin_bases[] = "aaaaaa?ceeeeiiii?nooooo??uuuuy??aaaaaa?ceeeeiiii?nooooo??uuuuy?y"
                                  "aaaaaaccccccccdd??eeeeeeeeeegggggggghh??iiiiiiiii???jjkk?llllll????nnnnnn???oooooo??rrrrrrsssssssstttt??uuuuuuuuuuuuwwyyyzzzzzz?";

static bool is_apostrophe(uint32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static bool is_combining_mark(uint32_t c)
{
    return c >= 0x0300 && c <= 0x036F;
}

/* True if c (lowercase) is a letter: Cyrillic, or ASCII. */
static bool is_letter(uint32_t c)
{
    return (c >= 0x0430 && c <= 0x045F) || c == 0x0491 || (c >= 'a' && c <= 'z');
}

/* The letters after which е and ё are "ye": а е ё и о у ы ю я й ъ ь (not э: Цэевропы is tseevropy). */
static bool russian_ye_after(uint32_t c)
{
    static const uint32_t after[] = {0x0430, 0x0435, 0x0451, 0x0438, 0x043E, 0x0443, 0x044B,
                                     0x044E, 0x044F, 0x0439, 0x044A, 0x044C};
    for (size_t i = 0; i < sizeof after / sizeof after[0]; i++)
        if (c == after[i])
            return true;
    return false;
}

/* The Latin of lowercase letter c in `scheme`, `prev` the character before it (0 at the start; prev_gave_ye: it
 * was written "ye"), `next` the one after (0 at the end); NULL when the scheme has none. */
static const char *latin_letter(pc_translit_scheme scheme, uint32_t prev, bool prev_gave_ye, uint32_t c,
                                uint32_t next)
{
    if (scheme == PC_TRANSLIT_RU_BGN) {
        if (c == 0x0435 || c == 0x0451) /* е ё: ye at the start, after a vowel (not an е or ё written ye inside the word), й, ъ, ь */
            return prev == 0 || (!is_letter(prev) && !(prev >= '0' && prev <= '9')) ||
                           (russian_ye_after(prev) && !prev_gave_ye)
                       ? "ye"
                       : "e";
        if (c == 0x044D) /* э */
            return "e";
        return c >= 0x0430 && c <= 0x044F ? russian_letters[c - 0x0430] : NULL;
    }
    /* Ukrainian: є ї й ю я are ye yi y yu ya where no letter, mark or apostrophe comes before them */
    bool inside = prev != 0 && (is_letter(prev) || is_combining_mark(prev) || is_apostrophe(prev));
    switch (c) {
    case 0x0454: return inside ? "ie" : "ye"; /* є */
    case 0x0457: return inside ? "i" : "yi";  /* ї */
    case 0x0439: return inside ? "i" : "y";   /* й */
    case 0x044E: return inside ? "iu" : "yu"; /* ю */
    case 0x044F: return inside ? "ia" : "ya"; /* я */
    case 0x0456: return "i";                  /* і */
    case 0x0491: return "g";                  /* ґ */
    case 0x0437: return next == 0x0433 ? "zg" : "z"; /* зг: zgh (the г gives the h) */
    default: return c >= 0x0430 && c <= 0x044F ? ukrainian_letters[c - 0x0430] : NULL;
    }
}

int pc_translit_word(pc_translit *t, pc_translit_scheme scheme, const char *word, size_t len, char *out,
                     size_t *out_len, pc_error *err)
{
    out[0] = '\0';
    *out_len = 0;
    if (!t || !pc_translit_applies(scheme, word, len))
        return 0;
    size_t max = PC_TRANSLIT_OUT_BYTES(len) - 1;
    size_t o = 0;
    uint32_t prev = 0;
    bool prev_gave_ye = false;
    for (size_t i = 0; i < len;) {
        unsigned int raw, next_raw = 0;
        i += pc_utf8_next(word + i, len - i, &raw);
        if (i < len)
            pc_utf8_next(word + i, len - i, &next_raw);
        uint32_t c = pc_lower_cyrillic_or_ascii(raw), next = pc_lower_cyrillic_or_ascii(next_raw);
        const char *piece;
        char ascii[2] = {0, 0};
        if (is_apostrophe(c) || is_combining_mark(c)) {
            piece = ""; /* dropped, like the signs */
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            ascii[0] = (char)c;
            piece = ascii;
        } else if (c >= 0x00C0 && c <= 0x017F && latin_bases[c - 0x00C0] != '?') {
            ascii[0] = latin_bases[c - 0x00C0];
            piece = ascii;
        } else {
            piece = latin_letter(scheme, prev, prev_gave_ye, c, next);
        }
        /* ICU's BGN, which this follows: ее is yeye at the start of a word, but еее after a consonant eyee */
        prev_gave_ye = piece && piece[0] == 'y' && piece[1] == 'e' && (c == 0x0435 || c == 0x0451) && prev != 0;
        size_t n = piece ? strlen(piece) : 0;
        if (!piece || o + n > max) {
            out[0] = '\0';
            return 0;
        }
        memcpy(out + o, piece, n);
        o += n;
        prev = c;
    }
    out[o] = '\0';
    *out_len = o;
    (void)err;
    return o > 0 ? 1 : 0;
}
