/* entity_forms.h — every written form of an entity: from the aliases a user gives ("Peskov", "Dmitry Peskov",
 * "Песков") to the concrete folded word sequences a mention may take in the index — the aliases themselves,
 * their variants (case and diacritics folded, possessives: peskov's), their transliterations between Latin
 * and Cyrillic (Peskov <-> Песков/Пєсков, Zelensky <-> Зеленський/Зеленский/Zelenskyy) and the inflected
 * forms of Russian and Ukrainian names (Пескова, Путіна, Києві, Зеленського), without words that merely
 * share a stem (put, puts are not Putin; nat is not NATO). Forms are looked up in the index's vocabulary, so
 * only forms that occur are listed. The mentions engine (mentions.h) finds the places of these forms. */
#ifndef PRESSCUT_ENTITY_FORMS_H
#define PRESSCUT_ENTITY_FORMS_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/store/store.h"
#include "presscut/text/analyzer.h"

typedef enum pc_form_kind {
    PC_FORM_ALIAS,       /* the alias itself, folded as an index term ("Peskov" -> peskov) */
    PC_FORM_VARIANT,     /* a spelling variant: possessive (peskov's), diacritics, hyphen/space */
    PC_FORM_TRANSLIT,    /* the alias in the other script (peskov -> песков, зеленський -> zelenskyi) */
    PC_FORM_INFLECTION,  /* an inflected form of the alias or of a transliteration (пескова, києві) */
} pc_form_kind;

/* One form: a sequence of folded surface terms, as the analyzer's surface terms of an article give them. */
typedef struct pc_entity_form {
    char *text;          /* the words, folded, separated by single spaces: "дмитрия пескова" (malloc'd) */
    size_t n_words;      /* words in text (>= 1) */
    pc_form_kind kind;
    size_t alias;        /* index of the alias it comes from (into the aliases given) */
    char *how;           /* how it was made, for --explain: "alias", "possessive", "ru-bgn transliteration",
                            "ru inflection of путин", ... (malloc'd) */
} pc_entity_form;

typedef struct pc_entity_forms {
    pc_entity_form *forms; /* no two with the same text; aliases first, then in the order made */
    size_t n;
} pc_entity_forms;

typedef struct pc_entity_form_options {
    bool translit;  /* default true: Latin <-> Cyrillic forms (--no-translit: false) */
    bool inflect;   /* default true: Russian/Ukrainian case forms (--exact: false) */
} pc_entity_form_options;

/* Fills *o with the defaults above. */
void pc_entity_form_options_default(pc_entity_form_options *o);

/* Makes the forms of aliases[0, n_aliases) (UTF-8, one or more words each) with analyzer `a` (folding, the
 * same the index used) and the vocabulary of store `s` (pc_store_vocab_each). Every alias is a form even when
 * the index lacks it. opt NULL: defaults. Returns 0 and fills *out (free with pc_entity_forms_clear), or
 * PC_EINVAL (an alias with no word: "alias '...' has no word to search for"), PC_ENOMEM or PC_EDB; on failure
 * *out is empty. */
int pc_entity_forms_make(pc_store *s, pc_analyzer *a, const char *const *aliases, size_t n_aliases,
                         const pc_entity_form_options *opt, pc_entity_forms *out, pc_error *err);

/* Frees the forms and empties *f. Accepts NULL. */
void pc_entity_forms_clear(pc_entity_forms *f);

/* The kind's name as --explain and exports show it: "alias", "variant", "transliteration", "inflection". */
const char *pc_form_kind_name(pc_form_kind kind);

#endif
