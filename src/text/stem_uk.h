/* stem_uk.h — internal: a stemmer for Ukrainian, which Snowball does not have. Used by the analyzer only.
 *
 * The stem is the hunspell-uk dictionary form of the word cut by a light suffix stripper (Зеленського ->
 * "зеленськ", Києві -> "київ"); words the dictionary does not know (names) get the suffix stripper alone.
 * So a stem is not always a prefix of the word. Stems are deterministic for a given hunspell-uk version;
 * another version of the dictionary may stem some words differently.
 *
 * Input words are already case-folded UTF-8 (lowercase Cyrillic, apostrophes folded to ASCII '\'').
 * Not thread-safe: one per analyzer. The dictionary (about 40 MB, 0.2-0.3 s to load) is loaded once per
 * process and shared by the stemmers that use the same files. */
#ifndef PRESSCUT_STEM_UK_H
#define PRESSCUT_STEM_UK_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"

typedef struct pc_uk_stemmer pc_uk_stemmer;

/* Creates a stemmer. Returns 0 and sets *out, or a negative PC_E* code with *out = NULL and err filled:
 * PC_EIO when /usr/share/hunspell/uk_UA.{aff,dic} cannot be read (the message says to install the
 * hunspell-uk package), PC_ECONFIG when they are not a UTF-8 Ukrainian dictionary, PC_ENOMEM.
 * $PRESSCUT_HUNSPELL_DIR, when set, names another folder holding uk_UA.aff and uk_UA.dic. */
int pc_uk_stemmer_new(pc_uk_stemmer **out, pc_error *err);

/* Writes into out (33 bytes) a fingerprint of the dictionary pc_uk_stemmer_new would load: XXH3-128 of
 * its .aff and .dic contents, as 32 hex digits. Stems depend on the dictionary, so an index records this
 * and asks for a rebuild when it changes. Returns 0, or PC_EIO / PC_ENOMEM with err filled. */
int pc_uk_dictionary_fingerprint(char out[33], pc_error *err);

/* Writes into out (out_size bytes) the size, modification time and inode of the .aff and .dic files
 * pc_uk_stemmer_new would load, as text; "" when one cannot be stat'ed or out is too small. Reads neither. */
void pc_uk_dictionary_stamp(char *out, size_t out_size);

/* Frees the stemmer. Accepts NULL. */
void pc_uk_stemmer_free(pc_uk_stemmer *s);

/* True if pc_uk_stem may change `word` (len bytes): lowercase Cyrillic letters with apostrophes between
 * letters, at most 80 letters. Other words come back unchanged, so they need no stemmer (nor dictionary). */
bool pc_uk_word_stemmable(const char *word, int len);

/* Stems `word` (len bytes, UTF-8, no NUL needed). Returns a pointer to the stem, owned by the stemmer and
 * valid until the next call, and sets *out_len; the stem is `word` itself (same pointer) when nothing is
 * removed, and otherwise NUL-terminated. Words that are not lowercase Cyrillic letters with apostrophes
 * between letters (Latin, digits, invalid UTF-8, over 80 letters) come back unchanged; empty input gives
 * an empty stem. Never returns NULL for valid input; returns NULL only when out of memory. */
const char *pc_uk_stem(pc_uk_stemmer *s, const char *word, int len, int *out_len);

/* Creates a stemmer that loads no dictionary, for pc_uk_stem_by_vocabulary (pc_uk_stem with it gives the light
 * suffix stripper's stems). Returns 0 and sets *out, or PC_ENOMEM with *out = NULL and err filled. */
int pc_uk_stemmer_new_light(pc_uk_stemmer **out, pc_error *err);

/* Whether an index holds `stem` (len bytes, not NUL-terminated) as the stem of some word it recorded: 1 yes,
 * 0 no, negative when it cannot tell (then the dictionary must decide). */
typedef int (*pc_uk_stem_held_fn)(void *payload, const char *stem, int len);

/* The stem of a query word the index has not recorded, chosen without the dictionary: the index's vocabulary
 * stands in for it. The stems the dictionary could give the word (its light stem, its closed-syllable
 * alternation Києв- -> київ, г/к/х before -і, the infinitives of a verb form, the word itself) are offered to
 * `held` most likely first, and the first the index holds is the stem; when it holds none, no stem of the word
 * is in the index whatever the dictionary says, and the light stem is returned. So the word finds what the
 * dictionary's stem would, unless the dictionary's stem is not among the guesses or a likelier guess is another
 * word's stem (tests/text/test_stem_uk.c measures both on real text). Same result contract as pc_uk_stem;
 * sets *answered to false (and returns `word`) when `held` could not tell: stem it with pc_uk_stem then. */
const char *pc_uk_stem_by_vocabulary(pc_uk_stemmer *s, const char *word, int len, pc_uk_stem_held_fn held,
                                     void *payload, int *out_len, bool *answered);

#endif
