/* name_inflect.c — the case forms of Russian and Ukrainian names by rules of endings per name shape
 * (name_inflect.h). The tables below are the language knowledge; the code only finds a word's shape. */
#include "presscut/text/name_inflect.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "presscut/core/utf8.h"

#define G PC_CASE_GEN
#define D PC_CASE_DAT
#define A PC_CASE_ACC
#define I PC_CASE_INS
#define L PC_CASE_LOC
#define V PC_CASE_VOC
#define N_OF(table) (sizeof(table) / sizeof(table)[0])

/* ---- Russian ---- */
static const pc_name_ending ru_hard[] = {{"а", G | A}, {"у", D}, {"ом", I}, {"е", L}};
static const pc_name_ending ru_hissing[] = {{"а", G | A}, {"у", D}, {"ем", I}, {"ом", I}, {"е", L}};
static const pc_name_ending ru_surname[] = {{"а", G | A}, {"у", D}, {"ым", I}, {"ом", I}, {"е", L}};
static const pc_name_ending ru_soft[] = {{"я", G | A}, {"ю", D}, {"ем", I}, {"е", L}, {"и", G | D | L}};
static const pc_name_ending ru_vowel_j[] = {{"я", G | A}, {"ю", D}, {"ем", I}, {"е", L}};
static const pc_name_ending ru_noun_ij[] = {{"я", G | A}, {"ю", D}, {"ем", I}, {"и", L}};
static const pc_name_ending ru_adjective[] = {{"ого", G | A}, {"ому", D}, {"им", I}, {"ым", I}, {"ом", L}};
static const pc_name_ending ru_a[] = {{"ы", G}, {"и", G}, {"е", D | L}, {"у", A}, {"ой", I}, {"ою", I}};
static const pc_name_ending ru_ya[] = {{"и", G | D | L}, {"е", D | L}, {"ю", A}, {"ей", I}, {"ею", I}};

/* ---- Ukrainian ---- */
static const pc_name_ending uk_hard[] = {{"а", G | A}, {"у", G | D | L}, {"ові", D | L},
                                         {"ом", I},     {"і", L},         {"е", V}};
static const pc_name_ending uk_hissing[] = {{"а", G | A}, {"у", D | L}, {"еві", D | L},
                                            {"ем", I},     {"і", L},     {"е", V}};
static const pc_name_ending uk_surname[] = {{"а", G | A}, {"у", D | L}, {"ові", D | L}, {"им", I},
                                            {"ом", I},     {"і", L},     {"е", V}};
static const pc_name_ending uk_soft[] = {{"я", G | A}, {"ю", D | L}, {"еві", D | L}, {"ем", I}, {"і", L}};
static const pc_name_ending uk_vowel_j[] = {{"я", G | A}, {"ю", D | L | V}, {"єві", D | L}, {"єм", I}, {"ї", L}};
static const pc_name_ending uk_adjective[] = {{"ого", G | A}, {"ому", D | L}, {"им", I}, {"ім", L}};
static const pc_name_ending uk_a[] = {{"и", G}, {"і", D | L}, {"у", A}, {"ою", I}, {"о", V}};
static const pc_name_ending uk_a_shifted[] = {{"і", D | L}}; /* Америка -> Америці, Прага -> Празі */
static const pc_name_ending uk_ya[] = {{"і", G | D | L}, {"ї", G | D | L}, {"ю", A}, {"ею", I}, {"єю", I}, {"е", V}};
static const pc_name_ending uk_o[] = {{"а", G | A}, {"у", D | L}, {"ові", D | L}, {"ом", I}, {"і", L}, {"е", V}};

#define MAX_LETTERS 64

typedef struct name_word {
    uint32_t cp[MAX_LETTERS];
    size_t n;
} name_word;

static bool is_cyrillic(uint32_t c) { return c >= 0x400 && c <= 0x4ff; }

static bool is_vowel(uint32_t c)
{
    static const uint32_t vowels[] = {0x430, 0x435, 0x451, 0x438, 0x43e, 0x443, 0x44b, 0x44d, 0x44e, 0x44f,
                                      0x456, 0x457, 0x454}; /* а е ё и о у ы э ю я і ї є */
    for (size_t i = 0; i < N_OF(vowels); i++)
        if (vowels[i] == c)
            return true;
    return false;
}

/* A letter that is neither a vowel nor й, ь, ъ nor an apostrophe. */
static bool is_consonant(uint32_t c)
{
    return is_cyrillic(c) && !is_vowel(c) && c != 0x439 && c != 0x44c && c != 0x44a;
}

static bool is_hissing(uint32_t c)
{
    return c == 0x436 || c == 0x448 || c == 0x447 || c == 0x449 || c == 0x446; /* ж ш ч щ ц */
}

static bool is_velar(uint32_t c) { return c == 0x43a || c == 0x433 || c == 0x445; } /* к г х */

/* The word's last letter but `back` (0: the last), or 0. */
static uint32_t from_end(const name_word *w, size_t back) { return back < w->n ? w->cp[w->n - 1 - back] : 0; }

typedef struct paradigm_list {
    pc_name_paradigm *out;
    size_t n, max;
} paradigm_list;

/* Adds a paradigm whose stem is the word's first `keep` letters, with letter `at` replaced by `with` when
 * with != 0. Stems under two letters are not added. */
static void add_paradigm(paradigm_list *list, const name_word *w, size_t keep, size_t at, uint32_t with,
                         const char *lang, const char *shape, const pc_name_ending *endings, size_t n_endings)
{
    if (list->n >= list->max || list->n >= PC_NAME_MAX_PARADIGMS || keep < 2)
        return;
    pc_name_paradigm *p = &list->out[list->n];
    size_t len = 0;
    for (size_t i = 0; i < keep; i++) {
        char buf[4];
        int k = pc_utf8_encode(with && i == at ? with : w->cp[i], buf);
        if (k <= 0 || len + (size_t)k > PC_NAME_STEM_BYTES)
            return;
        memcpy(p->stem + len, buf, (size_t)k);
        len += (size_t)k;
    }
    p->stem[len] = '\0';
    p->stem_len = len;
    p->lang = lang;
    p->shape = shape;
    p->endings = endings;
    p->n_endings = n_endings;
    list->n++;
}

static bool ends_with_surname_suffix(const name_word *w, bool ukrainian)
{
    uint32_t last = from_end(w, 0), vowel = from_end(w, 1);
    if (last == 0x432) /* -в */
        return vowel == 0x43e || vowel == 0x435 || (ukrainian && vowel == 0x454); /* о е є */
    if (last == 0x43d) /* -н */
        return vowel == 0x438 || (ukrainian ? vowel == 0x456 || vowel == 0x457 : vowel == 0x44b); /* и і ї ы */
    return false;
}

static void russian_paradigms(paradigm_list *list, const name_word *w)
{
    uint32_t last = from_end(w, 0), before = from_end(w, 1);
    size_t n = w->n;
    if (is_consonant(last)) {
        if (ends_with_surname_suffix(w, false))
            add_paradigm(list, w, n, 0, 0, "ru", "-ов/-ин surname", ru_surname, N_OF(ru_surname));
        else if (is_hissing(last))
            add_paradigm(list, w, n, 0, 0, "ru", "hissing consonant", ru_hissing, N_OF(ru_hissing));
        else
            add_paradigm(list, w, n, 0, 0, "ru", "consonant", ru_hard, N_OF(ru_hard));
    } else if (last == 0x44c) { /* ь */
        add_paradigm(list, w, n - 1, 0, 0, "ru", "-ь", ru_soft, N_OF(ru_soft));
    } else if (last == 0x439) { /* й */
        bool adjective = before == 0x44b || before == 0x43e || (before == 0x438 && is_velar(from_end(w, 2)));
        if (adjective)
            add_paradigm(list, w, n - 2, 0, 0, "ru", "adjectival", ru_adjective, N_OF(ru_adjective));
        else if (before == 0x438)
            add_paradigm(list, w, n - 1, 0, 0, "ru", "-ий noun", ru_noun_ij, N_OF(ru_noun_ij));
        else if (is_vowel(before))
            add_paradigm(list, w, n - 1, 0, 0, "ru", "vowel + й", ru_vowel_j, N_OF(ru_vowel_j));
    } else if (last == 0x430 && is_consonant(before)) { /* а */
        add_paradigm(list, w, n - 1, 0, 0, "ru", "-а", ru_a, N_OF(ru_a));
    } else if (last == 0x44f) { /* я */
        add_paradigm(list, w, n - 1, 0, 0, "ru", "-я", ru_ya, N_OF(ru_ya));
    }
}

/* Ukrainian і/ї in a last syllable closed by one consonant (and perhaps ь) alternates with о/е (ї with є)
 * once an ending opens the syllable: adds the paradigms of the alternated stems of the word's first `keep`
 * letters. */
static void add_alternated(paradigm_list *list, const name_word *w, size_t keep, const char *shape,
                           const pc_name_ending *endings, size_t n_endings)
{
    if (keep < 3 || !is_consonant(w->cp[keep - 1]))
        return;
    size_t at = keep - 2;
    if (w->cp[at] == 0x456) { /* і -> о, е */
        add_paradigm(list, w, keep, at, 0x43e, "uk", shape, endings, n_endings);
        add_paradigm(list, w, keep, at, 0x435, "uk", shape, endings, n_endings);
    } else if (w->cp[at] == 0x457) { /* ї -> є */
        add_paradigm(list, w, keep, at, 0x454, "uk", shape, endings, n_endings);
    }
}

static uint32_t shifted_velar(uint32_t c)
{
    return c == 0x43a ? 0x446 : c == 0x433 ? 0x437 : c == 0x445 ? 0x441 : 0; /* к->ц г->з х->с */
}

static void ukrainian_paradigms(paradigm_list *list, const name_word *w)
{
    uint32_t last = from_end(w, 0), before = from_end(w, 1);
    size_t n = w->n;
    if (is_consonant(last)) {
        const char *shape = "consonant";
        const pc_name_ending *endings = uk_hard;
        size_t n_endings = N_OF(uk_hard);
        if (ends_with_surname_suffix(w, true))
            shape = "-ов/-ін surname", endings = uk_surname, n_endings = N_OF(uk_surname);
        else if (is_hissing(last))
            shape = "hissing consonant", endings = uk_hissing, n_endings = N_OF(uk_hissing);
        add_paradigm(list, w, n, 0, 0, "uk", shape, endings, n_endings);
        add_alternated(list, w, n, shape, endings, n_endings);
    } else if (last == 0x44c) {
        add_paradigm(list, w, n - 1, 0, 0, "uk", "-ь", uk_soft, N_OF(uk_soft));
        add_alternated(list, w, n - 1, "-ь", uk_soft, N_OF(uk_soft));
    } else if (last == 0x439) {
        if (before == 0x438 || before == 0x43e)
            add_paradigm(list, w, n - 2, 0, 0, "uk", "adjectival", uk_adjective, N_OF(uk_adjective));
        else if (is_vowel(before))
            add_paradigm(list, w, n - 1, 0, 0, "uk", "vowel + й", uk_vowel_j, N_OF(uk_vowel_j));
    } else if (last == 0x430 && is_consonant(before)) {
        add_paradigm(list, w, n - 1, 0, 0, "uk", "-а", uk_a, N_OF(uk_a));
        uint32_t shifted = shifted_velar(before);
        if (shifted)
            add_paradigm(list, w, n - 1, n - 2, shifted, "uk", "-а", uk_a_shifted, N_OF(uk_a_shifted));
    } else if (last == 0x44f) {
        add_paradigm(list, w, n - 1, 0, 0, "uk", "-я", uk_ya, N_OF(uk_ya));
    } else if (last == 0x43e && is_consonant(before)) {
        add_paradigm(list, w, n - 1, 0, 0, "uk", "-о", uk_o, N_OF(uk_o));
    }
}

size_t pc_name_paradigms(const char *word, size_t len, pc_name_paradigm *out, size_t max)
{
    name_word w = {.n = 0};
    bool ukrainian_only = false, russian_only = false;
    size_t at = 0;
    while (at < len) {
        unsigned int cp = 0;
        size_t k = pc_utf8_next(word + at, len - at, &cp);
        if (k == 0 || w.n == MAX_LETTERS)
            return 0;
        at += k;
        if (cp == '\'')
            continue; /* an apostrophe (п'ять) is not a letter of the shape */
        if (!is_cyrillic(cp))
            return 0;
        ukrainian_only |= cp == 0x456 || cp == 0x457 || cp == 0x454 || cp == 0x491;
        russian_only |= cp == 0x44b || cp == 0x44d || cp == 0x44a || cp == 0x451;
        w.cp[w.n++] = cp;
    }
    if (w.n < 3 || (ukrainian_only && russian_only))
        return 0;
    paradigm_list list = {out, 0, max};
    /* Ukrainian first for a word shaped like Ukrainian (-ський), so that explain names the likelier language. */
    bool uk_shaped = w.n > 4 && from_end(&w, 3) == 0x44c && from_end(&w, 0) == 0x439;
    if (!russian_only && uk_shaped)
        ukrainian_paradigms(&list, &w);
    if (!ukrainian_only)
        russian_paradigms(&list, &w);
    if (!russian_only && !uk_shaped)
        ukrainian_paradigms(&list, &w);
    return list.n;
}

unsigned pc_name_paradigm_form(const pc_name_paradigm *p, const char *word, size_t len)
{
    if (len <= p->stem_len || memcmp(word, p->stem, p->stem_len) != 0)
        return 0;
    const char *ending = word + p->stem_len;
    size_t ending_len = len - p->stem_len;
    for (size_t i = 0; i < p->n_endings; i++)
        if (strlen(p->endings[i].text) == ending_len && memcmp(p->endings[i].text, ending, ending_len) == 0)
            return p->endings[i].cases;
    return 0;
}
