/* analyzer.h — turns UTF-8 text into search terms: ICU word segmentation (with an ASCII fast path that
 * gives identical tokens), NFKC case folding, script-aware diacritic folding, typographic apostrophe
 * folding, Latin/Cyrillic look-alike repair, and stemming by language (Snowball; Ukrainian by its own
 * stemmer). It knows nothing of SQL, FTS5 or the command line.
 *
 * Words: ICU word segments that contain a letter or digit ("U.S." -> "u.s", "can't", "3.5", "1,000",
 * "foo_bar", "john@example.com"; "e-mail" and "a:b" are two words each).
 *
 * Terms, as they are stored in the index:
 *   - the SURFACE term: the folded word ("Russia’s" -> "russia's", "Ёлка" -> "елка", "Café" -> "cafe",
 *     "1,000" -> "1000"; apostrophes at either end of a word are trimmed: "countriesʼ" -> "countries");
 *   - the STEM term: PC_STEM_MARK followed by the folded stem ("\x01attack" for "attacks"), emitted
 *     colocated with (at the same position as) the surface term, and only when the stem differs from the
 *     surface. A word whose stem equals its surface is stored once, as its surface.
 *   So an exact-form search for `=attacks` looks up the surface "attacks", and a stemmed search for
 *   `attacks` looks up "attack" OR "\x01attack" (see pc_analyze_query).
 *   With exact_forms off, only the stem is stored, unmarked (smaller index; exact search impossible).
 *   Stems are computed from the case-folded word before Latin diacritics are removed (Snowball needs them),
 *   without the English possessive ("russia's" -> "russia") or French/Italian/Catalan elision
 *   ("l'economie" -> "econom"); abbreviations and identifiers ("u.s", "foo_bar", "@bbc") are not stemmed.
 *
 * Offsets are byte offsets into the caller's original UTF-8 input, [start, end).
 *
 * Thread-safety: a pc_analyzer is not thread-safe (ICU break iterators and Snowball stemmers keep state);
 * use one per thread. Different analyzers may be used concurrently.
 * Memory: an analyzer keeps its buffers, its stemmers and a stem cache (1 MB) from call to call. */
#ifndef PRESSCUT_ANALYZER_H
#define PRESSCUT_ANALYZER_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"

/* Bumped whenever the terms produced for some input change: an index records the version it was built
 * with, and a different version needs `presscut rebuild`. */
#define PC_ANALYZER_VERSION 1

/* First byte of a stem term. User text cannot produce it (control characters never become terms). */
#define PC_STEM_MARK '\x01'
/* In query text given to pc_analyze_query, this byte right before a word asks for its exact form only. */
#define PC_QUERY_EXACT_MARK '\x02'
/* Words longer than this many bytes (after folding) are not indexed (base64 junk, glued URLs). A stem term
 * may be one byte longer (PC_STEM_MARK + a stem of up to PC_MAX_TERM_BYTES). */
#define PC_MAX_TERM_BYTES 128

typedef struct pc_analyzer_config {
    bool fold_diacritics; /* default true: "café" = "cafe"; Cyrillic: only ё -> е and stress accents are
                             dropped ("замо́к" = "замок"; й, ї, є, і, ґ are kept) */
    bool exact_forms;     /* default true: keep surface terms next to stems (see above) */
    bool ascii_fast_path; /* default true: pure-ASCII words skip ICU; false only for tests/benchmarks */
} pc_analyzer_config;

/* Fills *cfg with the defaults above. */
void pc_analyzer_config_default(pc_analyzer_config *cfg);

/* One term handed to a pc_term_fn. `text` is owned by the analyzer and valid only during the call;
 * it is not NUL-terminated. `colocated` is true when the term shares the position of the previous one. */
typedef struct pc_term {
    const char *text;
    int len;
    int start, end; /* byte range of the source word in the input */
    bool colocated;
} pc_term;

/* Receives terms in input order. Return 0 to go on; any other value stops analysis, and
 * pc_analyze/pc_analyze_query return that value unchanged. */
typedef int (*pc_term_fn)(void *payload, const pc_term *term);

typedef struct pc_analyzer pc_analyzer;

/* Creates an analyzer. On success returns 0 and sets *out (the caller frees it with pc_analyzer_free).
 * On failure (ICU could not be initialised) returns a negative PC_E* code, sets *out = NULL and fills err. */
int pc_analyzer_new(pc_analyzer **out, const pc_analyzer_config *cfg, pc_error *err);

/* Frees an analyzer and everything it holds. Accepts NULL. */
void pc_analyzer_free(pc_analyzer *a);

/* Makes the stemmer of `lang` ready now rather than at its first word, so that a failure can be told:
 * returns 0 (also for languages without a stemmer), PC_ENOMEM, or the Ukrainian stemmer's error (PC_EIO when
 * the hunspell-uk dictionary is missing, PC_ECONFIG when it is not the expected one) with err filled. */
int pc_analyzer_prepare(pc_analyzer *a, const char *lang, pc_error *err);

/* Writes into out (33 bytes) a fingerprint of the external data the stemmer of `lang` depends on (for "uk":
 * the hunspell-uk dictionary), or "" when it depends on none (Snowball stemmers are compiled in). An index
 * records it: when it changes, stored stems may no longer match new ones. Returns 0, or PC_EIO (data
 * missing) / PC_ENOMEM with err filled. */
int pc_analyzer_language_fingerprint(const char *lang, char out[33], pc_error *err);

/* The configuration the analyzer was made with. Owned by the analyzer. */
const pc_analyzer_config *pc_analyzer_get_config(const pc_analyzer *a);

/* True if `lang` (an ISO 639-1 code such as "en", "ru", "uk") has a stemmer. NULL/"" -> false. Codes are
 * matched without regard to case and may carry a region ("en-GB", "pt_BR"). */
bool pc_analyzer_has_stemmer(const char *lang);

/* Writes the ISO 639-1 codes of every language with a stemmer, sorted, NULL-terminated, into a static
 * array and returns it. Never fails. */
const char *const *pc_analyzer_languages(void);

/* A source of stems computed earlier (the stem cache's lookup, stem_cache.h: the pairs recorded while
 * indexing). Called by pc_analyze_query only (never by pc_analyze), only for languages whose stemmer loads external data ("uk"),
 * and only for words that contain a Cyrillic letter and may be stemmed: `word` (len bytes, not NUL-terminated)
 * is the folded word the stemmer would get. Returns 1 and sets *stem / *stem_len to the word's stem exactly as
 * a stem term holds it, without PC_STEM_MARK (the word itself when it is its own stem; the bytes stay owned by
 * the hook and valid until its next call); or 0 when it does not know the word (any other value counts as 0):
 * the analyzer then runs the stemmer. Answers must equal the stemmer's, or queries change. */
typedef int (*pc_stem_lookup_fn)(void *payload, const char *lang, const char *word, int len, const char **stem,
                                 int *stem_len);

/* Sets (fn != NULL) or removes (fn == NULL) the analyzer's stem lookup hook; payload is handed back to fn. */
void pc_analyzer_set_stem_lookup(pc_analyzer *a, pc_stem_lookup_fn fn, void *payload);

/* Analyses document text written in `lang` (ISO 639-1 code; NULL, "" or a code without a stemmer means
 * "do not stem") and calls `fn` once per term: the surface term, then (colocated) the stem term where it
 * differs. `text` need not be NUL-terminated and may contain invalid UTF-8 (such bytes never become
 * part of a term). Returns 0, a negative PC_E* code on failure (e.g. PC_ENOMEM), or the first non-zero
 * value returned by fn. */
int pc_analyze(pc_analyzer *a, const char *lang, const char *text, size_t len, pc_term_fn fn, void *payload);

/* What document analysis in `lang` makes of one word alone: `word` (len bytes, not NUL-terminated) is a
 * surface term, perhaps of a document in another language. Returns 1 when pc_analyze gives exactly that
 * surface term and at most one colocated stem term: *stem / *stem_len are then the stem without PC_STEM_MARK
 * (owned by the analyzer, valid until its next call), or NULL / 0 when there is no stem term (the word is its
 * own stem). Returns 0 when the analysis gives anything else (the word's stem in `lang` cannot be told this
 * way), or a negative PC_E* code when it fails (PC_ENOMEM, a stemmer that cannot be made). */
int pc_analyzer_word_stem(pc_analyzer *a, const char *lang, const char *word, int len, const char **stem,
                          int *stem_len);

/* Analyses query text. For every word it emits the alternatives a match may take, the first one with
 * colocated = false and the others colocated = true (FTS5 treats colocated query tokens as
 * alternatives):
 *   - a word preceded by PC_QUERY_EXACT_MARK, or any word when `prefix` is true: its surface term only;
 *   - any other word: for each language in `langs` (n_langs entries; unknown codes are ignored), its stem
 *     as a surface term and as a stem term, then its own surface term (so that documents whose stemmer
 *     left the word alone still match), without repeats: "attacks" in en -> "attack", "\x01attack",
 *     "attacks". With exact_forms off: the stems and the surface, unmarked. When no language of `langs`
 *     has a stemmer (or n_langs is 0, langs may then be NULL), the word is its own stem.
 * Returns as pc_analyze does. */
int pc_analyze_query(pc_analyzer *a, const char *const *langs, size_t n_langs, bool prefix, const char *text,
                     size_t len, pc_term_fn fn, void *payload);

#endif
