/* translit.h — Cyrillic words written in Latin letters, by letter tables, so that a Russian or Ukrainian name
 * finds its English spelling (Песков -> peskov, Київ -> kyiv). Two schemes:
 *
 *   PC_TRANSLIT_RU_BGN       Russian, BGN/PCGN (as ICU's "Russian-Latin/BGN"): Путин -> putin, Песков -> peskov,
 *                            Зеленский -> zelenskiy, Горбачёв -> gorbachev.
 *   PC_TRANSLIT_UK_NATIONAL  Ukrainian, the national system of 2010 (Cabinet of Ministers resolution 55):
 *                            Київ -> kyiv, Харків -> kharkiv, Зеленський -> zelenskyi, Запоріжжя ->
 *                            zaporizhzhia; є ї й ю я are ye yi y yu ya at the start of a word and ie i i iu ia
 *                            elsewhere, зг is zgh, ь and the apostrophe are dropped.
 *
 * A scheme applies to a word that has a Cyrillic letter and no letter only the other language has (Russian
 * ы э ъ ё are not Ukrainian; Ukrainian і ї є ґ are not Russian); a word of neither (Ђорђе, ј) gets no Latin form.
 * The result is folded like an index term (analyzer.h): lowercase ASCII letters and digits only, soft and hard
 * signs, apostrophes, stress marks and diacritics dropped. A caller that shows a name may capitalise it.
 *
 * Thread-safety: a pc_translit holds no state; one may be used by several threads.
 * It knows nothing of the index, SQL or the command line. */
#ifndef PRESSCUT_TRANSLIT_H
#define PRESSCUT_TRANSLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"

typedef enum pc_translit_scheme {
    PC_TRANSLIT_RU_BGN = 0,
    PC_TRANSLIT_UK_NATIONAL = 1,
} pc_translit_scheme;
#define PC_TRANSLIT_N_SCHEMES 2

/* Bytes of output a word of `len` bytes of UTF-8 may need at most (Cyrillic letters are 2 bytes and become at
 * most 4 Latin ones), plus a NUL. */
#define PC_TRANSLIT_OUT_BYTES(len) (2 * (size_t)(len) + 1)

typedef struct pc_translit pc_translit;

/* Creates a transliterator for both schemes. Returns 0
 * and sets *out (free with pc_translit_free), or PC_ENOMEM with *out = NULL and err filled. */
int pc_translit_new(pc_translit **out, pc_error *err);

/* Frees it. Accepts NULL. */
void pc_translit_free(pc_translit *t);

/* The scheme's short name, as explain shows it: "ru-bgn", "uk-2010"; "?" for an unknown value. */
const char *pc_translit_scheme_name(pc_translit_scheme scheme);

/* True if `scheme` applies to word[0..len) (UTF-8, any case): see above. */
bool pc_translit_applies(pc_translit_scheme scheme, const char *word, size_t len);

/* Writes the Latin form of word[0..len) (UTF-8, one word, any case) in `scheme` into out, NUL-terminated, and
 * its length into *out_len; out needs PC_TRANSLIT_OUT_BYTES(len) bytes. Returns 1 when written; 0 when the
 * scheme does not apply to the word or its result would keep a character other than a-z, 0-9 (out is then
 * ""). Never fails otherwise (err, which may be NULL, is not used; negative codes are kept for callers that
 * handle them). */
int pc_translit_word(pc_translit *t, pc_translit_scheme scheme, const char *word, size_t len, char *out,
                     size_t *out_len, pc_error *err);

#endif
