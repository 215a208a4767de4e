/* analyzer_internal.h — internal: the text helpers behind the analyzer (UTF-8 decoding, UTF-8 to UTF-16
 * conversion with byte offsets, Latin/Cyrillic look-alike repair, apostrophe and diacritic folding, the
 * ASCII word-break classes, and the language table). Shared by src/analyzer*.c and the analyzer's unit
 * test; not part of the public API. */
#ifndef PRESSCUT_ANALYZER_INTERNAL_H
#define PRESSCUT_ANALYZER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/unorm2.h>
#include <unicode/utypes.h>

#include "presscut/core/utf8.h"

/* ---- language table ---- */

/* A language with a stemmer: its ISO 639-1 code and the Snowball algorithm name (NULL for Ukrainian,
 * which uses src/text/stem_uk.h). Sorted by code. */
typedef struct pc_an_language {
    const char *code;
    const char *snowball;
} pc_an_language;

extern const pc_an_language pc_an_languages[];
extern const int pc_an_n_languages;
/* The codes of pc_an_languages, in the same order, NULL-terminated. */
extern const char *const pc_an_language_codes[];
/* Upper bound of pc_an_n_languages, for arrays indexed by language. */
#define PC_AN_MAX_LANGUAGES 40

/* Index of `lang` in pc_an_languages, or -1. Accepts "en", "EN", "en-GB", "en_US"; NULL/"" -> -1. */
int pc_an_language_index(const char *lang);

/* ---- UTF-8 ---- */

/* Converts UTF-8 s[0..n) to UTF-16. out needs room for n units, map for n + 1 entries. Every ill-formed
 * byte becomes U+FFFD (a word separator for ICU). map[k] = base + the byte offset of the code point that
 * unit k belongs to; map[result] = base + n. Returns the number of UTF-16 units written. */
int32_t pc_an_utf8_to_utf16(const char *s, int32_t n, int32_t base, UChar *out, int32_t *map);

/* ---- folding ---- */

/* True for the apostrophe-like characters folded to ASCII '\'' inside a word (’ ‘ ‛ ʼ ʻ ʹ ′ ` ´ ＇). */
bool pc_an_is_apostrophe(UChar32 c);

/* The look-alike of a Latin letter in Cyrillic (or of a Cyrillic letter in Latin), or 0 when it has none. */
UChar32 pc_an_latin_to_cyrillic(UChar32 c);
UChar32 pc_an_cyrillic_to_latin(UChar32 c);

/* Look-alike repair of one word, in place (the replacements are single UTF-16 units of the same size):
 * when the word mixes Latin and Cyrillic letters and more than half of its letters are of one of the two
 * scripts, every letter of the other script is replaced by its look-alike in the majority script. If a
 * minority letter has no look-alike, the word is left unchanged. Returns true if it changed the word. */
bool pc_an_repair_lookalikes(UChar *w, int32_t n);

/* Writes s[0..n) (UTF-8, case-folded) to out with the diacritics of Latin and Greek letters removed
 * (NFD, nonspacing marks dropped; ø ł đ ı ħ ŧ ŀ ð map to o l d i h t l d; æ œ þ become ae oe th). Other
 * scripts are copied unchanged. out needs room for 2 * n bytes. `nfd` is ICU's NFD instance. Returns the
 * number of bytes written. */
int pc_an_fold_latin_diacritics(const UNormalizer2 *nfd, const char *s, int n, char *out);

/* True if s[0..n) contains a byte >= 0x80. */
bool pc_an_has_non_ascii(const char *s, int n);

/* If s[0..n) is a number with thousands separators ("1,000", "12,345,678", "1,000.25"), removes the
 * commas in place and returns the new length; otherwise returns n. */
int pc_an_strip_thousands(char *s, int n);

/* ---- ASCII word-break classes (UAX #29 restricted to ASCII, as ICU 72 applies it) ---- */

enum {
    PC_AN_WB_OTHER = 0,  /* everything else, including ':' (not MidLetter in ICU's root rules) */
    PC_AN_WB_ALETTER,    /* A-Z a-z, and '@' (ICU's root rules add it to ALetter) */
    PC_AN_WB_NUMERIC,    /* 0-9 */
    PC_AN_WB_MIDNUMLET,  /* '.' '\'' */
    PC_AN_WB_MIDNUM,     /* ',' ';' */
    PC_AN_WB_EXTENDNUM,  /* '_' */
    PC_AN_WB_SPACE,      /* ' ' \t \n \v \f \r: words never span these */
};

extern const unsigned char pc_an_wb_class[256];

#endif
