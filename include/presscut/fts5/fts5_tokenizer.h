/* fts5_tokenizer.h — registers the analyzer with SQLite FTS5 as the tokenizer named "presscut".
 *
 * Document text handed to FTS5 (inserts, deletes, rebuilds, auxiliary functions) may start with a
 * language tag: PC_LANG_TAG, the ISO 639-1 code, PC_LANG_TAG (e.g. "\x1e" "ru" "\x1e"). The tag selects the
 * stemmer and yields no term; term offsets still count from the start of the tagged text, as FTS5 wants.
 * Untagged text is not stemmed. The store builds tagged text (pc_lang_tag_write), so the FTS index can
 * always be rebuilt or checked from stored content alone.
 *
 * Query text (FTS5_TOKENIZE_QUERY) is analysed with pc_analyze_query over the languages set by
 * pc_tokenizer_context_set_query_langs, so each query word matches its stems in every language present.
 *
 * This module uses the FTS5 C interface only; it issues no SQL. */
#ifndef PRESSCUT_FTS5_TOKENIZER_H
#define PRESSCUT_FTS5_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>
#include <sqlite3.h>

#include "presscut/text/analyzer.h"
#include "presscut/text/term_list.h"

#define PC_TOKENIZER_NAME "presscut"
#define PC_LANG_TAG '\x1e'
/* Longest language code accepted in a tag. */
#define PC_LANG_MAX 15

/* Shared state of every tokenizer instance registered with one pc_tokenizer_context. Owned by the caller
 * (the store), which must keep it alive until the database connection is closed. */
typedef struct pc_tokenizer_context pc_tokenizer_context;

/* Creates a context for analyzers built with *cfg (copied). Returns 0 and sets *out, or PC_ENOMEM. */
int pc_tokenizer_context_new(pc_tokenizer_context **out, const pc_analyzer_config *cfg);

/* Frees a context. Accepts NULL. Only after the connection it was registered with is closed. */
void pc_tokenizer_context_free(pc_tokenizer_context *ctx);

/* Switches every tokenizer instance of this context to analyzers built with *cfg (copied): each instance
 * rebuilds its analyzer before its next use. Used by pc_store_rebuild. Same thread rules as below.
 * Returns 0 (it cannot fail). */
int pc_tokenizer_context_set_config(pc_tokenizer_context *ctx, const pc_analyzer_config *cfg);

/* Sets the languages query words are stemmed in (copied). Not thread-safe with respect to queries running
 * on the same connection. Returns 0 or PC_ENOMEM. */
int pc_tokenizer_context_set_query_langs(pc_tokenizer_context *ctx, const char *const *langs, size_t n);

/* Offers terms analysed ahead of time (term_list.h) for the next document text a tokenizer of this context
 * is asked for: if that text (after its language tag) is the one the list was built from, in the same
 * language and configuration, the terms are replayed instead of analysed again; otherwise the list is
 * ignored. Either way the offer ends with that call. NULL withdraws an offer. The list is not owned and must
 * stay alive until the next tokenizer call. */
void pc_tokenizer_context_offer(pc_tokenizer_context *ctx, const struct pc_term_list *terms);

/* Gives every analyzer of this context (present and future) the stem lookup hook fn (analyzer.h), which query
 * analysis asks before a stemmer that loads a dictionary; NULL removes it. Same thread rules as above. */
void pc_tokenizer_context_set_stem_lookup(pc_tokenizer_context *ctx, pc_stem_lookup_fn fn, void *payload);

/* Starts recording, from the document text in `lang` tokenized for FTS5 inserts and deletes (analysed or
 * replayed), every distinct pair (surface term -> stem) of a word that contains Cyrillic letters and apostrophes
 * only: a surface term followed by a colocated stem term gives (surface, stem without PC_STEM_MARK); a surface
 * term alone gives (surface, NULL): the word is its own stem (not recorded beyond
 * PC_STEM_RECORD_IDENTITY_MAX bytes, where a stem too long to store would also leave the term alone). With
 * `other_languages`, such words of documents in any other language are recorded too, and their stem in `lang`
 * is computed when they are drained, unless pc_tokenizer_context_add_stem handed it in earlier (query words
 * are stemmed in every language of the index, so a Russian name needs its Ukrainian stem too). Nothing is
 * recorded while the configuration has exact_forms off (no surface terms). NULL or "" stops recording.
 * Returns 0, or PC_EINVAL for an invalid code. A pair is recorded once per context until
 * pc_tokenizer_context_forget_stems. */
#define PC_STEM_RECORD_IDENTITY_MAX 96
int pc_tokenizer_context_record_stems(pc_tokenizer_context *ctx, const char *lang, bool other_languages);

/* The language the store records stem pairs in (pc_tokenizer_context_record_stems): its stemmer loads a
 * dictionary, which queries can then do without. */
#define PC_STEM_RECORD_LANG "uk"

/* True if `term` (len bytes) is a surface term pairs are recorded for: Cyrillic letters and apostrophes only
 * (not first), at most PC_MAX_TERM_BYTES. */
bool pc_stem_pair_recordable(const char *term, int len);

/* True if, were a document in `doc_lang` tokenized now, its words would be recorded with their stems in
 * `stem_lang` computed at drain time (recording in stem_lang with other_languages, exact_forms on, doc_lang
 * another language and not ""). The caller may then hand in those stems, computed ahead of time, with
 * pc_tokenizer_context_add_stem before the document is tokenized, so the drain need not compute them. */
bool pc_tokenizer_context_wants_stems(const pc_tokenizer_context *ctx, const char *doc_lang, const char *stem_lang);

/* Records the pair (surface -> stem) of a word whose stem in the recording language was computed ahead of time
 * (pc_analyzer_word_stem in that language must give exactly this stem: stem NULL when the word is its own
 * stem), unless the surface is recorded already; a surface pc_stem_pair_recordable refuses, or a word that is
 * its own stem longer than PC_STEM_RECORD_IDENTITY_MAX, is ignored, as is everything when not recording. Only
 * when pc_tokenizer_context_wants_stems said so for the document the word comes from. The pair is then
 * drained like any other, and the word is not stemmed again when a tokenizer meets it. Failing for want of
 * memory only loses the pair (the tokenizer records the word again when it meets it). */
void pc_tokenizer_context_add_stem(pc_tokenizer_context *ctx, const char *surface, int len, const char *stem,
                                   int stem_len);

/* Receives one recorded pair: lang, the surface (surface_len bytes) and the stem (stem == NULL when the word is
 * its own stem). Not NUL-terminated. Return 0 to go on, anything else to stop. */
typedef int (*pc_stem_pair_fn)(void *payload, const char *lang, const char *surface, int surface_len,
                               const char *stem, int stem_len);

/* Calls fn for each pair recorded since the last drain, then marks them drained (they are not handed out
 * again, nor recorded again). Words of other languages are first stemmed in the recording language (by an
 * analyzer of the context's own, made on first need), except those the stem lookup hook already knows; a word
 * whose stem cannot be computed (the dictionary missing) is dropped. Returns 0, or fn's first non-zero value
 * (the pairs not yet handed out stay pending). Call it when no tokenizer of the context is running (the hook
 * may run a statement). */
int pc_tokenizer_context_drain_stems(pc_tokenizer_context *ctx, pc_stem_pair_fn fn, void *payload);

/* Forgets every recorded pair, drained or not (after a rollback undid what a drain wrote). */
void pc_tokenizer_context_forget_stems(pc_tokenizer_context *ctx);

/* The message of the last analyzer failure in a tokenizer of this context (a stemmer that cannot be made,
 * e.g. the hunspell-uk dictionary missing), or NULL when the last tokenizer call did not fail that way. SQLite
 * only sees SQLITE_ERROR; the store reports this message instead. Owned by the context. */
const char *pc_tokenizer_context_error(const pc_tokenizer_context *ctx);

/* Registers the tokenizer "presscut" with `api` (obtained by the store from the connection). Every
 * tokenizer instance FTS5 creates owns its own pc_analyzer. Returns an SQLite result code. */
int pc_fts5_tokenizer_register(fts5_api *api, pc_tokenizer_context *ctx);

/* True if `lang` can be written in a tag: 1 to PC_LANG_MAX bytes of ASCII letters, digits, '-' and '_'. */
bool pc_lang_tag_valid(const char *lang);

/* Writes the language tag for `lang` into buf (at least PC_LANG_MAX + 3 bytes) and returns its length
 * (0, writing nothing, when !pc_lang_tag_valid(lang): text without tag is not stemmed). */
size_t pc_lang_tag_write(char *buf, const char *lang);

/* If text starts with a language tag (as pc_lang_tag_write writes it), copies the code and a NUL into lang_out
 * (PC_LANG_MAX + 1 bytes) and returns the tag's length; otherwise sets lang_out to "" and returns 0. */
size_t pc_lang_tag_parse(const char *text, size_t len, char *lang_out);

#endif
