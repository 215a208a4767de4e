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
 *   - the STEM term, for every word that may be stemmed in a text whose language has a stemmer: PC_STEM_MARK,
 *     the language's code, PC_STEM_LANG_END, then the folded stem ("\x01en:attack" for "attacks" in English,
 *     "\x01en:putin" for "Putin"), emitted colocated with (at the same position as) the surface term, also
 *     when the stem equals the surface. A stem is language-scoped: the English stem "put" of "puts" and the
 *     stem "put" another stemmer makes of "putin" are different terms.
 *   So an exact-form search for `=attacks` looks up the surface "attacks", and a stemmed search for `attacks`
 *   looks up the surface "attacks" OR, per language L of the index, "\x01L:" + its stem in L (see
 *   pc_analyze_query): a word matches its own surface form in any language, a stem only in its language.
 *   With exact_forms off, a word that has a stem term is stored as that stem term alone (smaller index; exact
 *   search impossible); other words as their surface.
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
#include "presscut/text/translit.h"

/* Bumped whenever the terms produced for some input change: an index records the version it was built
 * with, and a different version needs `presscut rebuild`. */
#define PC_ANALYZER_VERSION 2

/* First byte of a stem term. User text cannot produce it (control characters never become terms). */
#define PC_STEM_MARK '\x01'
/* Ends the language code of a stem term ("\x01" "en" ":" "attack"). No term contains it (':' breaks words). */
#define PC_STEM_LANG_END ':'
/* In query text given to pc_analyze_query, this byte right before a word asks for its exact form only. */
#define PC_QUERY_EXACT_MARK '\x02'
/* Words longer than this many bytes (after folding) are not indexed (base64 junk, glued URLs). A stem term
 * may be PC_STEM_PREFIX_BYTES longer (its mark and language + a stem of up to PC_MAX_TERM_BYTES). */
#define PC_MAX_TERM_BYTES 128
/* Bytes before the stem in a stem term: PC_STEM_MARK, a two-letter language code, PC_STEM_LANG_END. */
#define PC_STEM_PREFIX_BYTES 4

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
    int translit;   /* query terms: 1 + the pc_translit_scheme whose Latin form of the word this term comes
                       from, 0 for the word's own terms (and always 0 in documents) */
} pc_term;

/* If term[0..len) is a stem term, sets *lang to its language code (*lang_len bytes, not NUL-terminated) and
 * *stem to its stem (*stem_len bytes), both pointing into term, and returns true; otherwise returns false and
 * leaves them alone. */
bool pc_stem_term_split(const char *term, int len, const char **lang, int *lang_len, const char **stem,
                        int *stem_len);

/* Writes the stem term of `stem` (stem_len bytes) in language `lang` (a two-letter code) into out, which needs
 * PC_STEM_PREFIX_BYTES + stem_len bytes, and returns its length. */
int pc_stem_term_write(char *out, const char *lang, const char *stem, int stem_len);

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

/* Size of the buffer pc_analyzer_language_stamp fills. */
#define PC_LANGUAGE_STAMP_BYTES 128

/* Writes into out (PC_LANGUAGE_STAMP_BYTES) what the file system tells of that data without reading it (for
 * "uk": the size, modification time and inode of each dictionary file), or "" when the stemmer depends on no
 * data or the data cannot be found. Files with the stamp an index recorded next to the fingerprint are taken
 * to have that fingerprint, so that opening an index need not read them. Never fails. */
void pc_analyzer_language_stamp(const char *lang, char out[PC_LANGUAGE_STAMP_BYTES]);

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
 * a stem term holds it, without its mark and language (the word itself when it is its own stem; the bytes stay owned by
 * the hook and valid until its next call); or 0 when it does not know the word (any other value counts as 0):
 * the analyzer then runs the stemmer. Answers must equal the stemmer's, or queries change. */
typedef int (*pc_stem_lookup_fn)(void *payload, const char *lang, const char *word, int len, const char **stem,
                                 int *stem_len);

/* Turns the Latin alternatives of Cyrillic query words (see pc_analyze_query) on (the default) or off. */
void pc_analyzer_set_query_translit(pc_analyzer *a, bool on);

/* Sets (fn != NULL) or removes (fn == NULL) the analyzer's stem lookup hook; payload is handed back to fn. */
void pc_analyzer_set_stem_lookup(pc_analyzer *a, pc_stem_lookup_fn fn, void *payload);

/* The stem vocabulary hook: whether an index holds `stem` (len bytes, not NUL-terminated, without its mark and
 * language) as the stem of a word it recorded in `lang`. Returns 1 yes, 0 no, negative when it cannot tell
 * (its record of stems is missing, stale or not complete). Asked by pc_analyze_query only, after the stem
 * lookup hook did not know a Ukrainian query word: the word is then stemmed against the index's vocabulary
 * (pc_uk_stem_by_vocabulary in src/text/stem_uk.h), so that no query loads the dictionary (1-2 s), unless
 * the hook cannot tell. */
typedef int (*pc_stem_held_fn)(void *payload, const char *lang, const char *stem, int len);

/* Sets (fn != NULL) or removes (fn == NULL) the analyzer's stem vocabulary hook; payload is handed back to fn. */
void pc_analyzer_set_stem_vocabulary(pc_analyzer *a, pc_stem_held_fn fn, void *payload);

/* Analyses document text written in `lang` (ISO 639-1 code; NULL, "" or a code without a stemmer means
 * "do not stem") and calls `fn` once per term: the surface term, then (colocated) the word's stem term in
 * `lang` when it may be stemmed (with exact_forms off: the stem term alone). `text` need not be NUL-terminated and may contain invalid UTF-8 (such bytes never become
 * part of a term). Returns 0, a negative PC_E* code on failure (e.g. PC_ENOMEM), or the first non-zero
 * value returned by fn. */
int pc_analyze(pc_analyzer *a, const char *lang, const char *text, size_t len, pc_term_fn fn, void *payload);

/* What document analysis in `lang` makes of one word alone: `word` (len bytes, not NUL-terminated) is a
 * surface term, perhaps of a document in another language. Returns 1 when pc_analyze gives exactly that
 * surface term and at most one colocated stem term: *stem / *stem_len are then the stem without its mark and
 * language (owned by the analyzer, valid until its next call), or NULL / 0 when there is no stem term or the
 * stem is the word itself (the word is its own stem). Returns 0 when the analysis gives anything else (the word's stem in `lang` cannot be told this
 * way), or a negative PC_E* code when it fails (PC_ENOMEM, a stemmer that cannot be made). */
int pc_analyzer_word_stem(pc_analyzer *a, const char *lang, const char *word, int len, const char **stem,
                          int *stem_len);

/* Analyses query text. For every word it emits the alternatives a match may take, the first one with
 * colocated = false and the others colocated = true (FTS5 treats colocated query tokens as
 * alternatives):
 *   - a word preceded by PC_QUERY_EXACT_MARK, or any word when `prefix` is true: its surface term only (with
 *     exact_forms off also, per language of `langs`, the surface as a stem term of that language, since a
 *     stems-only index keeps no surface for stemmed words);
 *   - any other word: its own surface term, then for each language L in `langs` (n_langs entries; unknown
 *     codes and languages without a stemmer are ignored) its stem term in L, without repeats: "attacks" with
 *     en, ru -> "attacks", "\x01en:attack", "\x01ru:attacks". A stem of L thus only matches text in L, and
 *     the surface matches in any language. When no language of `langs` has a stemmer (or n_langs is 0, langs
 *     may then be NULL), only the surface. Then, with query transliteration on (the default, see
 *     pc_analyzer_set_query_translit), a word with Cyrillic letters also gets the alternatives of its Latin
 *     form in each scheme that applies (translit.h), analysed as a Latin word is (its surface, its stem term
 *     in each L), those terms carrying pc_term.translit.
 * Returns as pc_analyze does, or the transliteration's error (PC_EINVAL when ICU cannot build it). */
int pc_analyze_query(pc_analyzer *a, const char *const *langs, size_t n_langs, bool prefix, const char *text,
                     size_t len, pc_term_fn fn, void *payload);

#endif
