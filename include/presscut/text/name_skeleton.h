/* name_skeleton.h — a tolerant comparison of the Latin spellings of Cyrillic names, so that Zelensky,
 * Zelenskyy, Zelenskiy and the transliterations of Зеленський (uk-2010 zelenskyi) and Зеленский (ru-bgn
 * zelenskiy) are found to be one name, while Kyiv (Київ) and Kiev (Киев) stay two.
 *
 * The skeleton of a Latin word (lowercase a-z; apostrophes ignored) is made by these steps, in order:
 *   1. x -> ks, q -> k, w -> v, j -> y; ck -> k; tsch, tch -> ch            (Klitschko ~ Klychko, Wagner ~ Vagner)
 *   2. y before e is dropped at the start of a word and after a vowel     (Yelena ~ Elena, Kiyev ~ Kiev,
 *                                                                          Matviyenko ~ Matvienko)
 *   3. y -> i, then runs of i become one i                                (Zelenskyy ~ Zelenskyi ~ Zelensky)
 *   4. only when asked (loose_ie, for the uk-2010 transliteration, where є after a consonant is "ie"): ie
 *      after a consonant -> e                                             (Пєсков: pieskov ~ Peskov)
 * Consonant spellings are not merged (kh stays kh, ts stays ts, g is not h), so Khan is not Han.
 *
 * pc_name_skeleton_prefixes gives the beginnings a word must have to possibly have a given skeleton, in
 * Latin or Cyrillic letters, so that a vocabulary sorted by bytes can be searched by ranges.
 * Knows nothing of the index, SQL or the command line; pure functions, thread-safe. */
#ifndef PRESSCUT_NAME_SKELETON_H
#define PRESSCUT_NAME_SKELETON_H

#include <stdbool.h>
#include <stddef.h>

/* Longest skeleton made, in bytes, without its NUL. */
#define PC_NAME_SKELETON_MAX 255

/* Writes the skeleton of word[0, len) into out (PC_NAME_SKELETON_MAX + 1 bytes), NUL-terminated, and returns
 * its length; returns 0 (out "") when the word holds a byte other than a-z and the apostrophe, has no letter,
 * or its skeleton would be longer than PC_NAME_SKELETON_MAX. */
size_t pc_name_skeleton(const char *word, size_t len, bool loose_ie, char *out);

typedef enum pc_name_script { PC_NAME_LATIN, PC_NAME_CYRILLIC } pc_name_script;

/* Calls fn(payload, prefix, prefix_len) for every beginning of `units` letters (Cyrillic: not counting ь, ъ
 * and apostrophes; Latin: of the first `units` skeleton letters spelled every way step 1-3 allows) that a
 * folded word of `script` whose skeleton is skeleton[0, len) may start with; a skeleton shorter than that
 * gives whole spellings. Prefixes are folded like index terms (lowercase UTF-8) and may repeat. Returns 0,
 * or fn's first non-zero return (which stops the walk). */
int pc_name_skeleton_prefixes(const char *skeleton, size_t len, pc_name_script script, size_t units,
                              int (*fn)(void *payload, const char *prefix, size_t prefix_len), void *payload);

/* True unless two folded Cyrillic spellings whose Latin skeletons agree are set apart by a vowel Russian and
 * Ukrainian never exchange: Russian ы is Ukrainian и (Крым ~ Крим, Навальный ~ Навальний), and Russian и is
 * Ukrainian і or и (Путин ~ Путін), but ы never stands for і or ї, so крім ("except") is not Крым. The
 * letters are compared one for one, leaving out ь, ъ and apostrophes (Зеленский ~ Зеленський); spellings of
 * different lengths are not compared (true). */
bool pc_name_cyrillic_vowels_agree(const char *a, size_t a_len, const char *b, size_t b_len);

#endif
