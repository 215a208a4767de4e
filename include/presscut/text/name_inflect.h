/* name_inflect.h — the case forms of Russian and Ukrainian names, as rules of endings per name shape, so that
 * a name's mentions in running text can be recognised without a stemmer (Snowball over-stems names: Песков ->
 * песк) and without false friends (путинизм, путинский are other words, not forms of Путин).
 *
 * A name (a folded nominative singular word, as the analyzer's surface terms give it: lowercase, ё as е) gets
 * one or more paradigms: a stem and the endings its shape permits in a language. A word is a form of the name
 * when it is a paradigm's stem followed by exactly one of its endings. Shapes (masculine/feminine singular):
 *   ru: hard consonant (Байден: -а -у -ом -е), -ов/-ев/-ин/-ын surnames (Путин: -а -у -ым -ом -е), hissing
 *       consonant (-ем too), -ь (Кремль: -я -ю -ем -е -и), vowel + й (Николай), noun -ий (Дмитрий: -я -ю -ем
 *       -и), adjectival -ский/-кий/-ый/-ой (Зеленский: -ого -ому -им -ым -ом), -а (Москва: -ы/-и -е -у -ой
 *       -ою), -я (Россия: -и -е -ю -ей -ею); names in -о -е -у -и -ю are indeclinable in Russian.
 *   uk: hard consonant (-а -у -ові -ом -і -е), -ов/-ев/-єв/-ин/-ін/-їн surnames (Путін: -а -у -ові -им -ом -і -е),
 *       hissing consonant, -ь, vowel + й (Андрій: -я -ю -єві -єм -ї), adjectival -ий/-ой (Зеленський: -ого -ому
 *       -им -ім), -а (with к/г/х -> ц/з/с before -і: Америці), -я, -о (Дмитро, Шевченко: -а -у -ові -ом -і -е);
 *       і/ї in the last syllable alternates with о/е/є when an ending is added (Київ -> Києва, Львів ->
 *       Львова, Харків -> Харкова, Тернопіль -> Тернополя).
 * Russian rules apply to a word without Ukrainian-only letters (і ї є ґ), Ukrainian ones to a word without
 * Russian-only letters (ы э ъ ё). Stems shorter than two letters get no paradigm. Plurals and the feminine
 * forms of masculine surnames (Путина as "Mrs Putin" is the genitive's spelling anyway) are not made.
 *
 * Knows nothing of the index, SQL or the command line; pure functions, thread-safe. */
#ifndef PRESSCUT_NAME_INFLECT_H
#define PRESSCUT_NAME_INFLECT_H

#include <stddef.h>

/* The grammatical cases an ending expresses, as bits: multi-word names agree when their words share one. */
enum {
    PC_CASE_NOM = 1,
    PC_CASE_GEN = 2,
    PC_CASE_DAT = 4,
    PC_CASE_ACC = 8,
    PC_CASE_INS = 16,
    PC_CASE_LOC = 32,
    PC_CASE_VOC = 64,
};
/* Every case: words that do not inflect (Latin words, indeclinable names) agree with any. */
#define PC_CASE_ANY 127u
/* The cases of a name as given: the nominative (an inanimate accusative spelled alike agrees anyway). */
#define PC_CASE_BASE ((unsigned)PC_CASE_NOM)

typedef struct pc_name_ending {
    const char *text; /* UTF-8, folded */
    unsigned cases;   /* PC_CASE_* bits */
} pc_name_ending;

/* Longest stem a paradigm holds, in bytes (the analyzer indexes no longer word). */
#define PC_NAME_STEM_BYTES 128
/* At most this many paradigms for one word. */
#define PC_NAME_MAX_PARADIGMS 8

typedef struct pc_name_paradigm {
    const char *lang;                    /* "ru" or "uk" (static) */
    const char *shape;                   /* the rule's name for explain: "-ов surname", "-а noun" (static) */
    char stem[PC_NAME_STEM_BYTES + 1];   /* UTF-8, NUL-terminated */
    size_t stem_len;                     /* bytes */
    const pc_name_ending *endings;       /* static table */
    size_t n_endings;
} pc_name_paradigm;

/* Fills out[0, max) with the paradigms of the name word[0, len) (UTF-8, folded, one word) and returns how
 * many (at most max and PC_NAME_MAX_PARADIGMS). Returns 0 for a word that has no Cyrillic letter, does not
 * inflect, is too short or too long. Never fails. */
size_t pc_name_paradigms(const char *word, size_t len, pc_name_paradigm *out, size_t max);

/* The cases (PC_CASE_* bits) that word[0, len) expresses when it is p's stem followed by one of p's endings;
 * 0 when it is not such a form (the name itself, with the nominative's ending, is not). */
unsigned pc_name_paradigm_form(const pc_name_paradigm *p, const char *word, size_t len);

#endif
