/* stem_cache.h — the one owner of the stem lookup: the stems document analysis gave the words of indexed
 * articles, for a language whose stemmer loads external data (Ukrainian: hunspell takes 0.3 s to load and tens
 * of microseconds a word), so that queries can do without that stemmer.
 *
 * A pc_stem_cache holds, for one recording language:
 *   - the lookup order: a query word is answered by the backing store's table when it knows the word, else by
 *     the stemmer (pc_stem_cache_attach gives an analyzer the hook that asks the table first);
 *   - the record of new (surface -> stem) pairs met while documents are tokenized (pc_stem_watch), or handed in
 *     computed ahead of time (pc_word_stems), each kept once in memory until written to the backing
 *     (pc_stem_cache_flush) or forgotten (pc_stem_cache_forget, after a rollback);
 *   - the stemming of other languages' words in the recording language, which queries need too (a query word
 *     is stemmed in every language of the index, so a Russian name needs its Ukrainian stem).
 * The backing (the store, which owns the table of schema/005_stem_lookup.sql) is two functions: read one
 * stem, write one pair. Nothing else knows how pairs are kept.
 *
 * pc_stem_ahead computes such stems ahead of time on another thread (the indexer's), into a pc_word_stems the
 * cache then takes instead of stemming the words again.
 *
 * Thread-safety: a cache, a stem_ahead and a word list are each used by one thread at a time. */
#ifndef PRESSCUT_STEM_CACHE_H
#define PRESSCUT_STEM_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/text/analyzer.h"
#include "presscut/text/term_list.h"

/* The language the store records stem pairs in: its stemmer loads a dictionary, which queries can then do
 * without. */
#define PC_STEM_RECORD_LANG "uk"

/* A word that is its own stem is recorded only up to this many bytes (a longer stem could not be stored
 * either, and the term is then left alone). */
#define PC_STEM_RECORD_IDENTITY_MAX 96

/* True if `term` (len bytes) is a surface term pairs are recorded for: Cyrillic letters and apostrophes only
 * (not first), at most PC_MAX_TERM_BYTES. */
bool pc_stem_pair_recordable(const char *term, int len);

/* ---- stems computed ahead of time -------------------------------------------------------------------- */

/* Words with their stems in one language, computed ahead of time. Word i's surface is the surface_len[i]
 * bytes at text + offset[i], its stem the stem_len[i] bytes after them (stem_len 0: the word is its own stem).
 * An all-zero value is the empty list. */
typedef struct pc_word_stems {
    char *text;
    size_t text_len, text_cap;
    size_t *offset;
    int *surface_len, *stem_len;
    size_t n, cap;
} pc_word_stems;

/* Appends a word (surface_len > 0 bytes) and its stem (stem NULL or stem_len 0: the word itself). Returns 0,
 * PC_EINVAL for a negative length or an empty surface, or PC_ENOMEM (the list is unchanged). */
int pc_word_stems_add(pc_word_stems *ws, const char *surface, int surface_len, const char *stem, int stem_len);

/* Frees the list's memory and makes it empty. Accepts NULL. */
void pc_word_stems_clear(pc_word_stems *ws);

/* Computes the stems in PC_STEM_RECORD_LANG of words of documents in other languages, each distinct word once
 * per stem_ahead (it remembers about four million words, then starts again). */
typedef struct pc_stem_ahead pc_stem_ahead;

/* Creates one with its own analyzer built with *cfg (copied; NULL: the default). Returns 0 and sets *out (free
 * with pc_stem_ahead_free), or *out = NULL and pc_analyzer_new's error with err filled (PC_ENOMEM, or the ICU
 * setup failure). err may be NULL. */
int pc_stem_ahead_new(pc_stem_ahead **out, const pc_analyzer_config *cfg, pc_error *err);

/* Frees it. Accepts NULL. */
void pc_stem_ahead_free(pc_stem_ahead *sa);

/* Appends to *out the stem of every recordable surface term of `terms` (non-colocated) not met before, as
 * pc_analyzer_word_stem in PC_STEM_RECORD_LANG gives it. Once the stemmer has failed (its dictionary missing)
 * nothing more is computed: the cache then stems the words itself and fails the same way. Returns 0 or
 * PC_ENOMEM (words appended before stay in *out; the word that failed is left to the cache, and later calls
 * go on computing). */
int pc_stem_ahead_terms(pc_stem_ahead *sa, const pc_term_list *terms, pc_word_stems *out);

/* The same for a text in `lang` not analysed yet (a title): analyses it first. Returns 0 or PC_ENOMEM. */
int pc_stem_ahead_text(pc_stem_ahead *sa, const char *lang, const char *text, size_t len, pc_word_stems *out);

/* ---- the cache ----------------------------------------------------------------------------------------- */

/* Where recorded pairs are kept for good (the store's stem_lookup table). Both functions get `payload`.
 * read: the stem stored for `word` (len bytes) in `lang`: returns 1 and sets *stem / *stem_len (the word
 *   itself when it is its own stem; the bytes stay owned by the backing until its next call), or 0 when the
 *   word is unknown or the table cannot be read (as pc_stem_lookup_fn, analyzer.h).
 * write: stores one pair (stem NULL when the word is its own stem; neither is NUL-terminated). Returns 0, or
 *   a positive code of the backing's own (the store: an SQLite code) that stops pc_stem_cache_flush and is
 *   returned by it.
 * held (may be NULL): whether the table holds a stem (as pc_stem_held_fn, analyzer.h), for query words read
 *   does not know. */
typedef struct pc_stem_backing {
    pc_stem_lookup_fn read;
    pc_stem_held_fn held;
    int (*write)(void *payload, const char *lang, const char *surface, int surface_len, const char *stem,
                 int stem_len);
    void *payload;
} pc_stem_backing;

typedef struct pc_stem_cache pc_stem_cache;

/* Creates a cache over `backing` (copied; its payload must outlive the cache), recording nothing until
 * pc_stem_cache_record, for analyzers built with the default configuration until pc_stem_cache_set_config.
 * Returns 0 and sets *out (free with pc_stem_cache_free), or PC_ENOMEM with *out = NULL. */
int pc_stem_cache_new(pc_stem_cache **out, const pc_stem_backing *backing);

/* Frees the cache, forgetting pairs not flushed. Accepts NULL. */
void pc_stem_cache_free(pc_stem_cache *c);

/* The analyzer configuration documents are analysed with (copied): nothing is recorded while exact_forms is
 * off (no surface terms), and other languages' words are stemmed with it. */
void pc_stem_cache_set_config(pc_stem_cache *c, const pc_analyzer_config *cfg);

/* Starts recording pairs of the documents in `lang` and, with `other_languages`, of documents in any other
 * language (their words stemmed in `lang` at flush time unless handed in earlier). NULL or "" stops recording.
 * Returns 0, or PC_EINVAL for a language without a stemmer (pc_analyzer_has_stemmer) or a code longer than
 * 15 bytes. Pairs already recorded stay. */
int pc_stem_cache_record(pc_stem_cache *c, const char *lang, bool other_languages);

/* Gives `a` the hooks that answer query words from the backing before its stemmer loads a dictionary
 * (pc_analyzer_set_stem_lookup, pc_analyzer_set_stem_vocabulary); c NULL removes them. The cache must outlive
 * that use of `a`. */
void pc_stem_cache_attach(pc_stem_cache *c, pc_analyzer *a);

/* True if, were a document in `doc_lang` tokenized now, its words would be recorded with their stems in
 * `stem_lang` computed at flush time (recording in stem_lang with other_languages, exact_forms on, doc_lang
 * another language and not ""): stems computed ahead of time are then worth handing in. */
bool pc_stem_cache_wants_stems(const pc_stem_cache *c, const char *doc_lang, const char *stem_lang);

/* Records the pairs of `ws`, stems in PC_STEM_RECORD_LANG computed ahead of time for the words of a document
 * in `doc_lang` (pc_analyzer_word_stem in that language must give exactly these stems), when
 * pc_stem_cache_wants_stems says so; a surface recorded already keeps its stem, a surface
 * pc_stem_pair_recordable refuses, or a word that is its own stem longer than PC_STEM_RECORD_IDENTITY_MAX, is
 * ignored. Call it before the document is tokenized, so the watch does not stem its words again. Failing for
 * want of memory only loses pairs (the watch records the words again when it meets them). */
void pc_stem_cache_add_stems(pc_stem_cache *c, const char *doc_lang, const pc_word_stems *ws);

/* Writes every pair recorded since the last flush through the backing, then marks them written (they are not
 * written nor recorded again). Words of other languages are first stemmed in the recording language, except
 * those the backing knows already, by an analyzer the cache builds at the first such word. A word whose stem
 * the analysis cannot tell is dropped; so are the other languages' words of this flush once the stemmer itself
 * fails (its dictionary missing: no later flush would do better, and the stemmer fails the same way at query
 * time). Returns:
 *   0 when every pending pair was written or dropped;
 *   a negative PC_E* code with err filled when that analyzer cannot be built (PC_ENOMEM, or pc_analyzer_new's
 *     ICU setup failure) or memory runs out while stemming: the pair being stemmed and those after it stay
 *     pending, and the next flush tries again;
 *   the backing's first non-zero (positive) value, err untouched: the pair it refused and those after it stay
 *     pending.
 * err may be NULL. Call it when no analysis that uses the cache is running (the backing may run a statement). */
int pc_stem_cache_flush(pc_stem_cache *c, pc_error *err);

/* Forgets every recorded pair, flushed or not (after a rollback undid what a flush wrote). Accepts NULL. */
void pc_stem_cache_forget(pc_stem_cache *c);

/* ---- watching a document being tokenized ------------------------------------------------------------- */

/* Records the pairs of one document's terms as they go by: a surface term followed by a colocated stem term
 * gives (surface, stem without its mark and language), or (surface, itself) when that stem is the surface; a
 * surface term alone gives (surface, itself). Lives on the
 * caller's stack; fields are private. */
typedef struct pc_stem_watch {
    pc_stem_cache *cache; /* NULL: not watching */
    bool foreign;         /* the document is not in the recording language: its words are stemmed at flush */
    int surface_len;      /* the last surface term, whose stem term may follow; -1 when none */
    char surface[PC_MAX_TERM_BYTES];
} pc_stem_watch;

/* Starts watching the document text (text, len: after its language tag) in `doc_lang` (may be NULL or ""),
 * when the cache records its words. c may be NULL. Returns whether it watches; either way *w is ready for
 * pc_stem_watch_term and pc_stem_watch_end. */
bool pc_stem_watch_begin(pc_stem_watch *w, pc_stem_cache *c, const char *doc_lang, const char *text, size_t len);

/* Takes the document's next term (in order, as the analyzer emits it). */
void pc_stem_watch_term(pc_stem_watch *w, const pc_term *t);

/* Ends the document (its last surface term is its own stem when no stem term followed). */
void pc_stem_watch_end(pc_stem_watch *w);

#endif
