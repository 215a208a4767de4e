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
    size_t n_left_out;     /* phrase forms not made because an alias reached PC_ENTITY_FORMS_MAX_PER_ALIAS
                              (explain should say so); 0 almost always */
} pc_entity_forms;

/* Bounds on the phrases of a multi-word alias: at most this many words per alias (more is PC_EINVAL), this
 * many forms per alias, and this many steps of combining the words' forms. */
#define PC_ENTITY_FORMS_MAX_WORDS 16
#define PC_ENTITY_FORMS_MAX_PER_ALIAS 64
#define PC_ENTITY_FORMS_MAX_VISITS 20000

typedef struct pc_entity_form_options {
    bool translit;  /* default true: Latin <-> Cyrillic forms (--no-translit: false) */
    bool inflect;   /* default true: Russian/Ukrainian case forms (--exact: false) */
} pc_entity_form_options;

/* Fills *o with the defaults above. */
void pc_entity_form_options_default(pc_entity_form_options *o);

/* Makes the forms of aliases[0, n_aliases) (UTF-8, one or more words each) with analyzer `a` (folding, the
 * same the index used) and the vocabulary of store `s` (pc_store_vocab_each). Every alias is a form even when
 * the index lacks it; every other form's words are in the index. How, per word of an alias:
 *   - Latin words: the English possessive (peskov's);
 *   - with opt->translit: a Cyrillic word's transliterations (translit.h, ru-bgn and uk-2010), and the
 *     vocabulary's words, Latin and Cyrillic, whose Latin spelling has the same skeleton (name_skeleton.h) as
 *     the alias word or its transliterations: Zelensky -> зеленский, зеленський and then zelenskyy; Песков ->
 *     peskov, пєсков. A Latin alias word gets other Latin spellings only when some Cyrillic spelling exists;
 *   - with opt->inflect: the vocabulary's case forms (name_inflect.h) of every Cyrillic word so found or given,
 *     unless the alias wrote the word in capitals (НАТО, США do not inflect).
 * A multi-word alias gives the phrases of its words' forms that are of one script and agree in case
 * (дмитрия пескова, not дмитрий пескова), a possessive only last, at most PC_ENTITY_FORMS_MAX_PER_ALIAS.
 * opt NULL: defaults. Returns 0 and fills *out (free with pc_entity_forms_clear), or PC_EINVAL (an alias with
 * no word: "alias '...' has no word to search for"; too many words; ICU's transliteration data missing),
 * PC_ENOMEM or PC_EDB; on failure *out is empty. Takes milliseconds on an index of a million terms. */
int pc_entity_forms_make(pc_store *s, pc_analyzer *a, const char *const *aliases, size_t n_aliases,
                         const pc_entity_form_options *opt, pc_entity_forms *out, pc_error *err);

/* Frees the forms and empties *f. Accepts NULL. */
void pc_entity_forms_clear(pc_entity_forms *f);

/* The kind's name as --explain and exports show it: "alias", "variant", "transliteration", "inflection". */
const char *pc_form_kind_name(pc_form_kind kind);

#endif
