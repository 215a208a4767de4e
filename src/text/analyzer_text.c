/* analyzer_text.c — the character-level helpers of the analyzer (see analyzer_internal.h): the language
 * table, UTF-8 decoding and UTF-8 -> UTF-16 conversion with byte offsets, Latin/Cyrillic look-alike
 * repair, apostrophe and diacritic folding, thousands separators, and the ASCII word-break classes. */
#include "analyzer_internal.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

/* ---- language table ---- */

/* Every algorithm of libstemmer 2.2 (sb_stemmer_list(), except the old "porter") under its ISO 639-1
 * code, plus Ukrainian. The unit test checks this table against sb_stemmer_list(). */
const pc_an_language pc_an_languages[] = {
    {"ar", "arabic"},     {"ca", "catalan"},  {"da", "danish"},     {"de", "german"},     {"el", "greek"},
    {"en", "english"},    {"es", "spanish"},  {"eu", "basque"},     {"fi", "finnish"},    {"fr", "french"},
    {"ga", "irish"},      {"hi", "hindi"},    {"hu", "hungarian"},  {"hy", "armenian"},   {"id", "indonesian"},
    {"it", "italian"},    {"lt", "lithuanian"}, {"ne", "nepali"},   {"nl", "dutch"},      {"no", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},    {"sr", "serbian"},    {"sv", "swedish"},
    {"ta", "tamil"},      {"tr", "turkish"},  {"uk", NULL},         {"yi", "yiddish"},
};
const int pc_an_n_languages = (int)(sizeof pc_an_languages / sizeof pc_an_languages[0]);

/* The same codes, NULL-terminated, for pc_analyzer_languages(). Keep in step with the table above (the unit
 * test checks it). */
const char *const pc_an_language_codes[] = {
    "ar", "ca", "da", "de", "el", "en", "es", "eu", "fi", "fr", "ga", "hi", "hu", "hy", "id",
    "it", "lt", "ne", "nl", "no", "pt", "ro", "ru", "sr", "sv", "ta", "tr", "uk", "yi", NULL,
};

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int pc_an_language_index(const char *lang)
{
    if (!lang || !lang[0] || !lang[1])
        return -1;
    char code[3] = {ascii_lower(lang[0]), ascii_lower(lang[1]), '\0'};
    if (lang[2] != '\0' && lang[2] != '-' && lang[2] != '_')
        return -1;
    for (int i = 0; i < pc_an_n_languages; i++)
        if (memcmp(pc_an_languages[i].code, code, 3) == 0)
            return i;
    return -1;
}

/* ---- UTF-8 ---- */

int32_t pc_an_utf8_to_utf16(const char *s, int32_t n, int32_t base, UChar *out, int32_t *map)
{
    const unsigned char *u = (const unsigned char *)s;
    int32_t i = 0, k = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            out[k] = u[i];
            map[k++] = base + i++;
            continue;
        }
        uint32_t cp;
        int len = pc_utf8_decode(u + i, (size_t)(n - i), &cp);
        if (len == 0) {
            out[k] = 0xFFFD;
            map[k++] = base + i++;
            continue;
        }
        if (cp <= 0xFFFF) {
            out[k] = (UChar)cp;
            map[k++] = base + i;
        } else {
            out[k] = U16_LEAD(cp);
            map[k++] = base + i;
            out[k] = U16_TRAIL(cp);
            map[k++] = base + i;
        }
        i += len;
    }
    map[k] = base + n;
    return k;
}

bool pc_an_has_non_ascii(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

/* ---- apostrophes ---- */

bool pc_an_is_apostrophe(UChar32 c)
{
    switch (c) {
    case 0x0027: /* ' */
    case 0x0060: /* ` grave accent */
    case 0x00B4: /* ´ acute accent */
    case 0x02B9: /* ʹ modifier letter prime */
    case 0x02BB: /* ʻ modifier letter turned comma */
    case 0x02BC: /* ʼ modifier letter apostrophe (the Ukrainian orthographic apostrophe) */
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201B: /* ‛ */
    case 0x2032: /* ′ prime */
    case 0xFF07: /* ＇ fullwidth apostrophe */
        return true;
    default:
        return false;
    }
}

/* ---- look-alikes ---- */

UChar32 pc_an_latin_to_cyrillic(UChar32 c)
{
    switch (c) {
    case 'a': return 0x0430;
    case 'c': return 0x0441;
    case 'e': return 0x0435;
    case 'i': return 0x0456;
    case 'j': return 0x0458;
    case 'k': return 0x043A;
    case 'o': return 0x043E;
    case 'p': return 0x0440;
    case 'x': return 0x0445;
    case 'y': return 0x0443;
    case 'A': return 0x0410;
    case 'B': return 0x0412;
    case 'C': return 0x0421;
    case 'E': return 0x0415;
    case 'H': return 0x041D;
    case 'I': return 0x0406;
    case 'J': return 0x0408;
    case 'K': return 0x041A;
    case 'M': return 0x041C;
    case 'O': return 0x041E;
    case 'P': return 0x0420;
    case 'T': return 0x0422;
    case 'X': return 0x0425;
    case 'Y': return 0x0423;
    case 0x00EB: return 0x0451; /* ë -> ё */
    case 0x00EF: return 0x0457; /* ï -> ї */
    case 0x00CB: return 0x0401; /* Ë -> Ё */
    case 0x00CF: return 0x0407; /* Ï -> Ї */
    default: return 0;
    }
}

UChar32 pc_an_cyrillic_to_latin(UChar32 c)
{
    switch (c) {
    case 0x0430: return 'a';
    case 0x0441: return 'c';
    case 0x0435: return 'e';
    case 0x0456: return 'i';
    case 0x0458: return 'j';
    case 0x043A: return 'k';
    case 0x043E: return 'o';
    case 0x0440: return 'p';
    case 0x0445: return 'x';
    case 0x0443: return 'y';
    case 0x0455: return 's'; /* ѕ */
    case 0x04BB: return 'h'; /* һ */
    case 0x0501: return 'd'; /* ԁ */
    case 0x051B: return 'q'; /* ԛ */
    case 0x051D: return 'w'; /* ԝ */
    case 0x0410: return 'A';
    case 0x0412: return 'B';
    case 0x0421: return 'C';
    case 0x0415: return 'E';
    case 0x041D: return 'H';
    case 0x0406: return 'I';
    case 0x04C0: return 'I'; /* Ӏ palochka */
    case 0x0408: return 'J';
    case 0x041A: return 'K';
    case 0x041C: return 'M';
    case 0x041E: return 'O';
    case 0x0420: return 'P';
    case 0x0405: return 'S';
    case 0x0422: return 'T';
    case 0x0425: return 'X';
    case 0x0423: return 'Y';
    case 0x04AE: return 'Y'; /* Ү */
    case 0x0451: return 0x00EB; /* ё -> ë */
    case 0x0457: return 0x00EF; /* ї -> ï */
    case 0x0401: return 0x00CB;
    case 0x0407: return 0x00CF;
    default: return 0;
    }
}

static bool in_cyrillic_block(UChar32 c)
{
    return (c >= 0x0400 && c <= 0x052F) || (c >= 0x1C80 && c <= 0x1C8F) || (c >= 0x2DE0 && c <= 0x2DFF) ||
           (c >= 0xA640 && c <= 0xA69F);
}

static bool maybe_latin(UChar32 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F) ||
           (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2C60 && c <= 0x2C7F) || (c >= 0xA720 && c <= 0xA7FF) ||
           (c >= 0xFF21 && c <= 0xFF5A);
}

bool pc_an_repair_lookalikes(UChar *w, int32_t n)
{
    /* Quick rejection: most words have no chance of mixing the two scripts. */
    bool any_cyrillic = false, any_latin = false;
    for (int32_t i = 0; i < n; i++) {
        any_cyrillic |= in_cyrillic_block(w[i]);
        any_latin |= maybe_latin(w[i]);
    }
    if (!any_cyrillic || !any_latin)
        return false;

    int letters = 0, latin = 0, cyrillic = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(w, i, n, c);
        if (!(U_GET_GC_MASK(c) & U_GC_L_MASK))
            continue;
        letters++;
        UErrorCode status = U_ZERO_ERROR;
        UScriptCode script = uscript_getScript(c, &status);
        if (script == USCRIPT_LATIN)
            latin++;
        else if (script == USCRIPT_CYRILLIC)
            cyrillic++;
    }
    if (latin == 0 || cyrillic == 0)
        return false;
    bool to_cyrillic;
    if (2 * cyrillic > letters)
        to_cyrillic = true;
    else if (2 * latin > letters)
        to_cyrillic = false;
    else
        return false;

    /* Every minority letter must have a look-alike (all look-alikes are BMP characters). */
    UScriptCode minority = to_cyrillic ? USCRIPT_LATIN : USCRIPT_CYRILLIC;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(w, i, n, c);
        if (!(U_GET_GC_MASK(c) & U_GC_L_MASK))
            continue;
        UErrorCode status = U_ZERO_ERROR;
        if (uscript_getScript(c, &status) != minority)
            continue;
        if ((to_cyrillic ? pc_an_latin_to_cyrillic(c) : pc_an_cyrillic_to_latin(c)) == 0)
            return false;
    }
    for (int32_t i = 0; i < n; i++) {
        UChar32 c = w[i];
        if (U16_IS_SURROGATE(c) || !(U_GET_GC_MASK(c) & U_GC_L_MASK))
            continue;
        UErrorCode status = U_ZERO_ERROR;
        if (uscript_getScript(c, &status) == minority)
            w[i] = (UChar)(to_cyrillic ? pc_an_latin_to_cyrillic(c) : pc_an_cyrillic_to_latin(c));
    }
    return true;
}

/* ---- diacritics ---- */

/* Letters without a canonical decomposition that still carry a "diacritic" for searchers. */
static const char *latin_special(UChar32 c)
{
    switch (c) {
    case 0x00F8: return "o";  /* ø */
    case 0x0142: return "l";  /* ł */
    case 0x0111: return "d";  /* đ */
    case 0x0131: return "i";  /* ı */
    case 0x0127: return "h";  /* ħ */
    case 0x0167: return "t";  /* ŧ */
    case 0x0140: return "l";  /* ŀ */
    case 0x00F0: return "d";  /* ð */
    case 0x00E6: return "ae"; /* æ */
    case 0x0153: return "oe"; /* œ */
    case 0x00FE: return "th"; /* þ */
    default: return NULL;
    }
}

static int put_folded_base(char *out, UChar32 base)
{
    const char *special = latin_special(base);
    if (!special)
        return pc_utf8_encode((uint32_t)base, out);
    size_t len = strlen(special);
    memcpy(out, special, len);
    return (int)len;
}

int pc_an_fold_latin_diacritics(const UNormalizer2 *nfd, const char *s, int n, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    int o = 0;
    bool after_latin_or_greek = false; /* nonspacing marks after such a base are dropped */
    for (int i = 0; i < n;) {
        if (u[i] < 0x80) {
            out[o++] = (char)u[i++];
            after_latin_or_greek = true;
            continue;
        }
        uint32_t c;
        int len = pc_utf8_decode(u + i, (size_t)(n - i), &c);
        if (len == 0) { /* cannot happen for analyzer output; copy the byte as it is */
            out[o++] = (char)u[i++];
            after_latin_or_greek = false;
            continue;
        }
        i += len;
        if (in_cyrillic_block(c)) {
            o += pc_utf8_encode((uint32_t)c, out + o);
            after_latin_or_greek = false;
            continue;
        }
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (!after_latin_or_greek)
                o += pc_utf8_encode((uint32_t)c, out + o);
            continue;
        }
        if (latin_special(c)) {
            o += put_folded_base(out + o, c);
            after_latin_or_greek = true;
            continue;
        }
        UErrorCode status = U_ZERO_ERROR;
        UScriptCode script = uscript_getScript(c, &status);
        if (script != USCRIPT_LATIN && script != USCRIPT_GREEK) {
            o += pc_utf8_encode((uint32_t)c, out + o);
            after_latin_or_greek = false;
            continue;
        }
        UChar decomposition[8];
        status = U_ZERO_ERROR;
        int32_t dlen = unorm2_getDecomposition(nfd, c, decomposition, 8, &status);
        UChar32 base = c;
        if (U_SUCCESS(status) && dlen > 0)
            U16_GET(decomposition, 0, 0, dlen, base);
        o += put_folded_base(out + o, base);
        after_latin_or_greek = true;
    }
    return o;
}

/* ---- numbers ---- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int pc_an_strip_thousands(char *s, int n)
{
    int i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i < 1 || i > 3 || i == n || s[i] != ',')
        return n;
    while (i < n && s[i] == ',') {
        if (i + 4 > n || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
            return n;
        i += 4;
    }
    if (i < n) {
        if (s[i] != '.')
            return n;
        int digits = 0;
        for (i++; i < n && is_digit(s[i]); i++)
            digits++;
        if (digits == 0 || i != n)
            return n;
    }
    int o = 0;
    for (int j = 0; j < n; j++)
        if (s[j] != ',')
            s[o++] = s[j];
    return o;
}

/* ---- ASCII word-break classes ---- */

#define AL PC_AN_WB_ALETTER
#define NU PC_AN_WB_NUMERIC
#define ML PC_AN_WB_MIDNUMLET
#define MN PC_AN_WB_MIDNUM
#define EX PC_AN_WB_EXTENDNUM
#define SP PC_AN_WB_SPACE

const unsigned char pc_an_wb_class[256] = {
    ['\t'] = SP, ['\n'] = SP, ['\v'] = SP, ['\f'] = SP, ['\r'] = SP, [' '] = SP,
    ['\''] = ML, ['.'] = ML, [','] = MN, [';'] = MN, ['_'] = EX,
    ['@'] = AL, /* ICU's root rules treat '@' as a letter (e-mail addresses, handles) */
    ['0'] = NU, ['1'] = NU, ['2'] = NU, ['3'] = NU, ['4'] = NU, ['5'] = NU, ['6'] = NU, ['7'] = NU, ['8'] = NU,
    ['9'] = NU,
    ['A'] = AL, ['B'] = AL, ['C'] = AL, ['D'] = AL, ['E'] = AL, ['F'] = AL, ['G'] = AL, ['H'] = AL, ['I'] = AL,
    ['J'] = AL, ['K'] = AL, ['L'] = AL, ['M'] = AL, ['N'] = AL, ['O'] = AL, ['P'] = AL, ['Q'] = AL, ['R'] = AL,
    ['S'] = AL, ['T'] = AL, ['U'] = AL, ['V'] = AL, ['W'] = AL, ['X'] = AL, ['Y'] = AL, ['Z'] = AL,
    ['a'] = AL, ['b'] = AL, ['c'] = AL, ['d'] = AL, ['e'] = AL, ['f'] = AL, ['g'] = AL, ['h'] = AL, ['i'] = AL,
    ['j'] = AL, ['k'] = AL, ['l'] = AL, ['m'] = AL, ['n'] = AL, ['o'] = AL, ['p'] = AL, ['q'] = AL, ['r'] = AL,
    ['s'] = AL, ['t'] = AL, ['u'] = AL, ['v'] = AL, ['w'] = AL, ['x'] = AL, ['y'] = AL, ['z'] = AL,
};
