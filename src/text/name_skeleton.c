/* name_skeleton.c — the skeleton of a Latin spelling of a name, and the word beginnings, in Latin or
 * Cyrillic letters, that a word with a given skeleton may have (name_skeleton.h). */
#include "presscut/text/name_skeleton.h"

#include <string.h>

#include "presscut/core/utf8.h"

static bool is_latin_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

size_t pc_name_skeleton(const char *word, size_t len, bool loose_ie, char *out)
{
    char spelled[2 * PC_NAME_SKELETON_MAX + 8];
    size_t n = 0;
    out[0] = '\0';
    /* Step 1: one letter for each sound that English spellings write several ways. */
    for (size_t i = 0; i < len; i++) {
        char c = word[i];
        if (c == '\'')
            continue;
        if (c < 'a' || c > 'z' || n + 2 >= sizeof spelled)
            return 0;
        if (c == 'x') {
            spelled[n++] = 'k';
            c = 's';
        } else if (c == 'q') {
            c = 'k';
        } else if (c == 'w') {
            c = 'v';
        } else if (c == 'j') {
            c = 'y';
        } else if (c == 'c' && i + 1 < len && word[i + 1] == 'k') {
            continue; /* ck -> k */
        } else if (c == 't' && i + 3 < len && memcmp(word + i + 1, "sch", 3) == 0) {
            i += 1; /* tsch -> ch: skip t and s */
            continue;
        } else if (c == 't' && i + 2 < len && memcmp(word + i + 1, "ch", 2) == 0) {
            continue; /* tch -> ch */
        }
        spelled[n++] = c;
    }
    spelled[n] = '\0';
    /* Steps 2-4. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = spelled[i];
        if (c == 'y' && spelled[i + 1] == 'e' && (i == 0 || is_latin_vowel(spelled[i - 1])))
            continue;
        if (c == 'y')
            c = 'i';
        if (c == 'i' && k > 0 && out[k - 1] == 'i')
            continue;
        if (loose_ie && c == 'i' && spelled[i + 1] == 'e' && k > 0 && !is_latin_vowel(out[k - 1]))
            continue;
        if (k >= PC_NAME_SKELETON_MAX) {
            out[0] = '\0';
            return 0;
        }
        out[k++] = c;
    }
    out[k] = '\0';
    return k;
}

/* ---- beginnings of words with a given skeleton ---- */

typedef struct spelling {
    const char *letters; /* how a word may write it (UTF-8, folded) */
    const char *sound;   /* the skeleton letters it gives */
} spelling;

/* Cyrillic letters and the skeleton letters their transliterations (ru-bgn, uk-2010) give. */
static const spelling cyrillic_spellings[] = {
    {"а", "a"},  {"б", "b"},   {"в", "v"},  {"г", "g"},  {"г", "h"},    {"г", "gh"}, {"ґ", "g"},  {"д", "d"},
    {"е", "e"},  {"є", "e"},   {"є", "ie"}, {"ж", "zh"}, {"з", "z"},    {"и", "i"},  {"і", "i"},  {"ї", "i"},
    {"й", "i"},  {"к", "k"},   {"л", "l"},  {"м", "m"},  {"н", "n"},    {"о", "o"},  {"п", "p"},  {"р", "r"},
    {"с", "s"},  {"т", "t"},   {"у", "u"},  {"ф", "f"},  {"х", "kh"},   {"ц", "ts"}, {"ч", "ch"}, {"ш", "sh"},
    {"щ", "shch"}, {"ы", "i"}, {"э", "e"},  {"ю", "iu"}, {"я", "ia"},
};
/* Letters that give no skeleton letter, written after a consonant. */
static const char *const cyrillic_silent[] = {"ь", "ъ", "'"};

/* Latin spellings of skeleton letters (steps 1-3 backwards). */
static const spelling latin_spellings[] = {
    {"ks", "ks"}, {"x", "ks"},   {"ch", "ch"}, {"tch", "ch"}, {"tsch", "ch"}, {"i", "i"},  {"y", "i"},  {"j", "i"},
    {"ii", "i"},  {"iy", "i"},   {"yi", "i"},  {"yy", "i"},   {"ij", "i"},    {"e", "e"},  {"ye", "e"}, {"je", "e"},
    {"k", "k"},   {"q", "k"},    {"ck", "k"},  {"v", "v"},    {"w", "v"},
};

typedef struct prefix_walk {
    const char *skeleton;
    size_t len, units;
    const spelling *table;
    size_t n_table;
    bool cyrillic;
    char prefix[64];
    int (*fn)(void *payload, const char *prefix, size_t prefix_len);
    void *payload;
} prefix_walk;

static bool is_cyrillic_consonant_sound(const char *sound) { return !strchr("aeiou", sound[0]); }

static int walk(prefix_walk *w, size_t at, size_t units, size_t plen, const char *last_sound);

/* Continues the walk after a letter giving `sound` was written. */
static int after_letter(prefix_walk *w, size_t at, size_t units, size_t plen, const char *sound)
{
    int rc = walk(w, at, units, plen, sound);
    if (rc != 0 || !w->cyrillic || !is_cyrillic_consonant_sound(sound) || at >= w->len || units >= w->units)
        return rc;
    for (size_t i = 0; i < sizeof cyrillic_silent / sizeof cyrillic_silent[0] && rc == 0; i++) {
        size_t k = strlen(cyrillic_silent[i]);
        if (plen + k >= sizeof w->prefix)
            break;
        memcpy(w->prefix + plen, cyrillic_silent[i], k);
        rc = walk(w, at, units, plen + k, "");
    }
    return rc;
}

static int walk(prefix_walk *w, size_t at, size_t units, size_t plen, const char *last_sound)
{
    if (units == w->units || at == w->len) {
        w->prefix[plen] = '\0';
        return plen ? w->fn(w->payload, w->prefix, plen) : 0;
    }
    int rc = 0;
    for (size_t i = 0; i < w->n_table && rc == 0; i++) {
        const char *sound = w->table[i].sound;
        size_t s = strlen(sound);
        /* Runs of i are one i (step 3): after an i, a letter's leading i may be absorbed. */
        if (sound[0] == 'i' && at > 0 && w->skeleton[at - 1] == 'i' && last_sound[0] != '\0' &&
            s - 1 <= w->len - at && strncmp(w->skeleton + at, sound + 1, s - 1) == 0) {
            size_t k = strlen(w->table[i].letters);
            if (plen + k < sizeof w->prefix) {
                memcpy(w->prefix + plen, w->table[i].letters, k);
                rc = after_letter(w, at + s - 1, units + 1, plen + k, sound);
            }
            if (rc != 0)
                break;
        }
        if (s > w->len - at || memcmp(w->skeleton + at, sound, s) != 0)
            continue;
        size_t k = strlen(w->table[i].letters);
        if (plen + k >= sizeof w->prefix)
            continue;
        memcpy(w->prefix + plen, w->table[i].letters, k);
        rc = after_letter(w, at + s, units + 1, plen + k, sound);
    }
    /* A Latin skeleton letter with no special spelling is written as itself. */
    if (rc == 0 && !w->cyrillic) {
        bool special = false;
        for (size_t i = 0; i < w->n_table; i++)
            special |= w->table[i].sound[0] == w->skeleton[at] && w->table[i].sound[1] == '\0';
        if (!special && plen + 1 < sizeof w->prefix) {
            w->prefix[plen] = w->skeleton[at];
            char sound[2] = {w->skeleton[at], '\0'};
            rc = walk(w, at + 1, units + 1, plen + 1, sound);
        }
    }
    return rc;
}

int pc_name_skeleton_prefixes(const char *skeleton, size_t len, pc_name_script script, size_t units,
                              int (*fn)(void *payload, const char *prefix, size_t prefix_len), void *payload)
{
    prefix_walk w = {
        .skeleton = skeleton,
        .len = len,
        .units = units,
        .cyrillic = script == PC_NAME_CYRILLIC,
        .fn = fn,
        .payload = payload,
    };
    w.table = w.cyrillic ? cyrillic_spellings : latin_spellings;
    w.n_table = w.cyrillic ? sizeof cyrillic_spellings / sizeof cyrillic_spellings[0]
                           : sizeof latin_spellings / sizeof latin_spellings[0];
    return len == 0 || units == 0 ? 0 : walk(&w, 0, 0, 0, "");
}

/* The letters of a folded Cyrillic word into out (at most max), leaving out the signs and apostrophes that one
 * language writes and the other does not; returns how many, or max + 1 when there are more. */
static size_t comparable_letters(const char *word, size_t len, unsigned int *out, size_t max)
{
    size_t n = 0;
    for (size_t at = 0; at < len;) {
        unsigned int cp = 0;
        at += pc_utf8_next(word + at, len - at, &cp);
        if (cp == 0x44c || cp == 0x44a || cp == '\'' || cp == 0x2019 || cp == 0x2bc)
            continue;
        if (n == max)
            return max + 1;
        out[n++] = cp;
    }
    return n;
}

static bool is_yery_and_i(unsigned int x, unsigned int y)
{
    return x == 0x44b && (y == 0x456 || y == 0x457); /* ы and і or ї */
}

bool pc_name_cyrillic_vowels_agree(const char *a, size_t a_len, const char *b, size_t b_len)
{
    unsigned int la[PC_NAME_SKELETON_MAX], lb[PC_NAME_SKELETON_MAX];
    size_t na = comparable_letters(a, a_len, la, PC_NAME_SKELETON_MAX);
    size_t nb = comparable_letters(b, b_len, lb, PC_NAME_SKELETON_MAX);
    if (na != nb || na > PC_NAME_SKELETON_MAX)
        return true;
    for (size_t i = 0; i < na; i++)
        if (is_yery_and_i(la[i], lb[i]) || is_yery_and_i(lb[i], la[i]))
            return false;
    return true;
}
