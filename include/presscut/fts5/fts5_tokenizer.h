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
#include "presscut/text/stem_cache.h"
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
 * rebuilds its analyzer before its next use; the stem cache, when it has one, follows. Used by
 * pc_store_rebuild. Same thread rules as below. Returns 0 (it cannot fail). */
int pc_tokenizer_context_set_config(pc_tokenizer_context *ctx, const pc_analyzer_config *cfg);

/* Sets the languages query words are stemmed in (copied). Not thread-safe with respect to queries running
 * on the same connection. Returns 0 or PC_ENOMEM. */
int pc_tokenizer_context_set_query_langs(pc_tokenizer_context *ctx, const char *const *langs, size_t n);

/* Turns the Latin alternatives of Cyrillic query words on (the default) or off for queries of this context
 * (pc_analyzer_set_query_translit). Same thread rules as above. */
void pc_tokenizer_context_set_query_translit(pc_tokenizer_context *ctx, bool on);

/* Offers terms analysed ahead of time (term_list.h) for the next document text a tokenizer of this context
 * is asked for: if that text (after its language tag) is the one the list was built from, in the same
 * language and configuration, the terms are replayed instead of analysed again; otherwise the list is
 * ignored. Either way the offer ends with that call. NULL withdraws an offer. The list is not owned and must
 * stay alive until the next tokenizer call. */
void pc_tokenizer_context_offer(pc_tokenizer_context *ctx, const struct pc_term_list *terms);

/* Hands the context the stem cache of its connection (stem_cache.h; not owned, NULL: none): every analyzer
 * of the context (present and future) gets its lookup hook, which query analysis asks before a stemmer that
 * loads a dictionary; the words of document text tokenized for FTS5 inserts and deletes (analysed or replayed)
 * are watched for pairs the cache records; and the cache follows the context's configuration
 * (pc_tokenizer_context_set_config). Same thread rules as above; the cache must outlive the context's use. */
void pc_tokenizer_context_set_stem_cache(pc_tokenizer_context *ctx, pc_stem_cache *cache);

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
