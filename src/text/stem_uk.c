/* stem_uk.c — the Ukrainian stemmer (Snowball has none): the hunspell-uk dictionary form of a word, cut by
 * a light suffix stripper, so that every form of a word, known to the dictionary or not, meets one stem
 * (Зеленського, Зеленському, Зеленський -> зеленськ; Києва, Києві, Київ -> київ).
 *
 * Three modes live here so that tests/eval/uk_stem_recall.c can compare them on real data:
 *   UK_MODE_LIGHT     the light suffix stripper alone: removes one inflectional ending (longest first)
 *                     when enough of the word is left;
 *   UK_MODE_HUNSPELL  the dictionary form from hunspell (Hunspell_stem, on the word and on its
 *                     capitalised spelling, since names are capitalised in the dictionary), the light
 *                     stripper for words the dictionary does not know;
 *   UK_MODE_HYBRID    the light stripper applied to the dictionary form (to the word itself when the
 *                     dictionary does not know it), so that known and unknown forms of a name meet and
 *                     the gender forms of an adjective (новий, нове, нова) collapse.
 * pc_uk_stemmer_new() uses UK_MODE_HYBRID, the best by measurement (recall of the BSNLP entity lemmas
 * 98%, against 95% for the light stripper, 93% for hunspell alone and 49% for Snowball's Russian).
 *
 * When hunspell offers several dictionary forms, better_candidate() picks one by a fixed order, so the
 * result is deterministic for a given dictionary (a new hunspell-uk version may change some stems).
 * Results are cached per stemmer (news vocabulary is Zipfian); the cache is emptied when it reaches
 * UK_CACHE_MAX_ENTRIES, which changes speed only, never results. */
#include "stem_uk.h"

#include "presscut/core/utf8.h"

#include <hunspell/hunspell.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

#define UK_HUNSPELL_AFF "/usr/share/hunspell/uk_UA.aff"
#define UK_HUNSPELL_DIC "/usr/share/hunspell/uk_UA.dic"

/* A loaded hunspell dictionary, shared by every stemmer of the process that uses the same files: loading
 * takes about 0.2 s and 40 MB, and a process has several analyzers (the indexer's worker, one per FTS5
 * table). Hunspell is not thread-safe, so lookups take the dictionary's lock; they happen only on stem cache
 * misses. */
typedef struct shared_dictionary {
    char *aff, *dic;
    Hunhandle *handle;
    unsigned refs;
    pthread_mutex_t lock;
    struct shared_dictionary *next;
} shared_dictionary;

static pthread_mutex_t dictionaries_lock = PTHREAD_MUTEX_INITIALIZER;
static shared_dictionary *dictionaries;

/* The dictionary loaded from aff/dic, loading it if no stemmer holds it yet. NULL when out of memory or
 * when hunspell cannot load it. */
static shared_dictionary *dictionary_acquire(const char *aff, const char *dic)
{
    pthread_mutex_lock(&dictionaries_lock);
    shared_dictionary *d = dictionaries;
    while (d && (strcmp(d->aff, aff) != 0 || strcmp(d->dic, dic) != 0))
        d = d->next;
    if (d) {
        d->refs++;
    } else if ((d = calloc(1, sizeof *d)) != NULL) {
        d->aff = strdup(aff);
        d->dic = strdup(dic);
        d->handle = d->aff && d->dic ? Hunspell_create(aff, dic) : NULL;
        if (!d->handle) {
            free(d->aff);
            free(d->dic);
            free(d);
            d = NULL;
        } else {
            pthread_mutex_init(&d->lock, NULL);
            d->refs = 1;
            d->next = dictionaries;
            dictionaries = d;
        }
    }
    pthread_mutex_unlock(&dictionaries_lock);
    return d;
}

/* Lets go of a dictionary; the last stemmer holding it frees it. Accepts NULL. */
static void dictionary_release(shared_dictionary *d)
{
    if (!d)
        return;
    pthread_mutex_lock(&dictionaries_lock);
    if (--d->refs == 0) {
        shared_dictionary **link = &dictionaries;
        while (*link != d)
            link = &(*link)->next;
        *link = d->next;
        Hunspell_destroy(d->handle);
        pthread_mutex_destroy(&d->lock);
        free(d->aff);
        free(d->dic);
        free(d);
    }
    pthread_mutex_unlock(&dictionaries_lock);
}

enum uk_mode { UK_MODE_LIGHT, UK_MODE_HUNSPELL, UK_MODE_HYBRID };

enum {
    UK_MIN_STEM = 2,              /* letters any stem keeps */
    UK_LEMMA_MIN_STEM = 5,        /* letters a dictionary form keeps when it loses a vowel + consonant */
    UK_MAX_WORD_BYTES = 160,      /* longer "words" (80+ letters) are not words: returned unchanged */
    UK_CACHE_FIRST_SLOTS = 1 << 12,
    UK_CACHE_MAX_ENTRIES = 1 << 17, /* with at least twice as many slots: load factor <= 0.5 */
};

/* A growable byte buffer. */
typedef struct uk_buf {
    char *data;
    size_t len, cap;
} uk_buf;

/* A cached word -> stem; key_len == 0 marks an empty slot (cached words are never empty). */
typedef struct uk_cache_slot {
    uint32_t hash, key_off, val_off; /* offsets into the cache arena */
    uint16_t key_len, val_len;
} uk_cache_slot;

struct pc_uk_stemmer {
    enum uk_mode mode;
    shared_dictionary *dict;    /* NULL in UK_MODE_LIGHT */
    Hunhandle *hunspell;        /* dict->handle: use under dict->lock */
    uk_cache_slot *slots;       /* n_slots (a power of two), NULL in UK_MODE_LIGHT */
    size_t n_slots, n_entries;
    uk_buf arena;               /* cached keys and values */
    uk_buf out;                 /* the returned stem */
    uk_buf lookup;              /* NUL-terminated spelling handed to hunspell */
    uk_buf cand_text;           /* hunspell's dictionary forms of the word, lowercased */
    struct uk_candidate *cands; /* n_cands of them, room for cap_cands */
    size_t n_cands, cap_cands;
};

/* ---- small helpers ---------------------------------------------------------------------------------- */

static bool buf_reserve(uk_buf *b, size_t need)
{
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return false;
    b->data = p;
    b->cap = cap;
    return true;
}

/* Sets b to [p, p+n) followed by a NUL. */
static bool buf_set(uk_buf *b, const char *p, size_t n)
{
    if (!buf_reserve(b, n + 1))
        return false;
    memmove(b->data, p, n);
    b->data[n] = '\0';
    b->len = n;
    return true;
}

/* Lowercase Cyrillic letters the stemmer works on: а..я (with the Russian ones), і, ї, є, ґ. */
static bool is_lower_cyrillic(uint32_t c)
{
    return (c >= 0x0430 && c <= 0x044F) || c == 0x0456 || c == 0x0457 || c == 0x0454 || c == 0x0491;
}


static uint32_t upper_letter(uint32_t c)
{
    if (c >= 0x0430 && c <= 0x044F)
        return c - 0x20;
    if (c >= 0x0450 && c <= 0x045F)
        return c - 0x50;
    if (c == 0x0491)
        return 0x0490;
    return c;
}

/* True if the word is valid UTF-8 made only of lowercase Cyrillic letters and apostrophes between two
 * letters: the only words the stemmer changes. Each of its letters is two bytes long. */
static bool is_stemmable(const char *word, size_t len)
{
    if (len == 0 || len > UK_MAX_WORD_BYTES || word[0] == '\'' || word[len - 1] == '\'')
        return false;
    const unsigned char *p = (const unsigned char *)word;
    for (size_t i = 0; i < len;) {
        if (p[i] == '\'') {
            if (p[i + 1] == '\'') /* i + 1 < len: the last byte is not an apostrophe */
                return false;
            i++;
            continue;
        }
        uint32_t c;
        if (pc_utf8_decode(p + i, len - i, &c) != 2 || !is_lower_cyrillic(c))
            return false;
        i += 2;
    }
    return true;
}

/* Letters in [w, w+len) of a stemmable word (apostrophes do not count). */
static size_t count_letters(const char *w, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)w[i] & 0xC0) != 0x80 && w[i] != '\'')
            n++;
    return n;
}

static bool ends_with(const char *w, size_t len, const char *suffix, size_t slen)
{
    return slen <= len && memcmp(w + len - slen, suffix, slen) == 0;
}

static size_t common_prefix(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0;
    while (i < an && i < bn && a[i] == b[i])
        i++;
    return i;
}

/* ---- the light suffix stripper ---------------------------------------------------------------------- */

/* An inflectional ending and when it may go: the stem left keeps min_letters letters and, when `after`
 * is set, ends in one of its letters. The guards keep whole the names that only look inflected: Крим,
 * Газпром, Обама, Грем, Максим, Хадім, Київ. `closing` marks a vowel + consonant ending, which on a
 * dictionary form is more often part of the stem (горіх is not гор-іх): see UK_LEMMA_MIN_STEM. */
typedef struct uk_ending {
    const char *text;
    unsigned char min_letters;
    bool closing;
    const char *after;
} uk_ending;

/* Noun and adjective endings, longest first, so that the first that fits is the longest. "ій" is not
 * here: "й" goes, then the soft-ending rule takes the "і" (новій -> нов, like нова). Verbs keep their
 * endings, except those they share with nouns. */
static const uk_ending uk_endings[] = {
    {"ього", 2, false, NULL}, {"ьому", 2, false, NULL},
    {"ами", 3, false, NULL},  {"ями", 3, false, NULL},  {"ого", 2, false, NULL}, {"ому", 2, false, NULL},
    {"ові", 3, false, NULL},  {"еві", 3, false, NULL},  {"єві", 3, false, NULL}, {"ими", 2, false, NULL},
    {"іми", 2, false, NULL},  {"ьої", 2, false, NULL},  {"ьою", 2, false, NULL},
    {"ах", 3, true, NULL},    {"ях", 3, true, NULL},    {"ам", 3, true, NULL},   {"ям", 3, true, NULL},
    {"ом", 3, true, NULL},    {"ем", 3, true, "лрцчжшщ"}, {"єм", 2, true, NULL}, {"им", 3, true, "кнвчжшщ"},
    {"ім", 3, true, "кнвчжшщ"}, {"их", 3, true, NULL},  {"іх", 3, true, NULL},   {"ів", 3, true, NULL},
    {"їв", 3, true, NULL},    {"ей", 3, true, NULL},
    {"ою", 2, false, NULL},   {"ею", 2, false, NULL},   {"єю", 2, false, NULL},  {"ої", 2, false, NULL},
    {"еї", 2, false, NULL},   {"ий", 2, false, NULL},
    {"а", 2, false, NULL},    {"я", 2, false, NULL},    {"и", 2, false, NULL},   {"і", 2, false, NULL},
    {"ї", 2, false, NULL},    {"у", 2, false, NULL},    {"ю", 2, false, NULL},   {"о", 2, false, NULL},
    {"е", 2, false, NULL},    {"є", 2, false, NULL},    {"ь", 2, false, NULL},   {"й", 2, false, NULL},
};

/* True if the ending starts with я, ю, є or ї, or is ь or й: after it a stem-final "і" goes too
 * (асоціація, асоціацією, асоціації, асоціацій -> асоціац), and the stem may end in an apostrophe
 * (сім'я, сім'ї, сім'ю -> сім'). */
static bool is_soft_ending(const char *e)
{
    static const char *const soft[] = {"я", "ю", "є", "ї", "ь", "й"};
    for (size_t i = 0; i < sizeof soft / sizeof soft[0]; i++)
        if (memcmp(e, soft[i], 2) == 0)
            return true;
    return false;
}

/* True if the two-byte letter at p is one of `letters` (a string of two-byte letters). */
static bool letter_in(const char *p, const char *letters)
{
    for (; *letters; letters += 2)
        if (p[0] == letters[0] && p[1] == letters[1])
            return true;
    return false;
}

/* True if a dictionary form is an infinitive (робити, робитися, пекти). */
static bool is_infinitive(const char *w, size_t n)
{
    return ends_with(w, n, "ти", 4) || ends_with(w, n, "тися", 8) || ends_with(w, n, "тись", 8) ||
           ends_with(w, n, "ться", 8);
}

/* Length in bytes of the light stem of a stemmable word (a prefix of it). With `lemma` the word is a
 * dictionary form: an infinitive stays whole (побути is not побут) and a vowel + consonant ending goes
 * only when UK_LEMMA_MIN_STEM letters are left. */
static size_t light_stem_len(const char *w, size_t len, bool lemma)
{
    if (lemma && is_infinitive(w, len))
        return len;
    for (size_t e = 0; e < sizeof uk_endings / sizeof uk_endings[0]; e++) {
        const uk_ending *end = &uk_endings[e];
        size_t elen = strlen(end->text);
        if (!ends_with(w, len, end->text, elen))
            continue;
        size_t stem = len - elen;
        size_t min = end->min_letters;
        if (lemma && end->closing && min < UK_LEMMA_MIN_STEM)
            min = UK_LEMMA_MIN_STEM;
        if (count_letters(w, stem) < (min > UK_MIN_STEM ? min : UK_MIN_STEM))
            continue;
        if (w[stem - 1] == '\'' && (!is_soft_ending(end->text) || strcmp(end->text, "єм") == 0))
            continue; /* об'єм stays whole */
        if (end->after && !letter_in(w + stem - 2, end->after))
            continue;
        if (is_soft_ending(end->text) && w[stem - 1] != '\'' && ends_with(w, stem, "і", 2) &&
            count_letters(w, stem - 2) >= UK_MIN_STEM && w[stem - 3] != '\'')
            stem -= 2;
        return stem;
    }
    return len;
}

/* ---- choosing among hunspell's dictionary forms ----------------------------------------------------- */

/* True if a and b have the same length and differ in one letter only, where a has і or ї and b has о, е
 * or є: the vowel alternation of a closed last syllable (схід / сходу, Київ / Києва). */
static bool is_alternation_of(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return false;
    size_t i = common_prefix(a, an, b, bn);
    if (i % 2 != 0 || i + 2 > an || memcmp(a + i + 2, b + i + 2, an - i - 2) != 0)
        return false; /* the differing letter must be two bytes, at an even offset, and the only one */
    bool a_i = memcmp(a + i, "і", 2) == 0 || memcmp(a + i, "ї", 2) == 0;
    bool b_o = memcmp(b + i, "о", 2) == 0 || memcmp(b + i, "е", 2) == 0 || memcmp(b + i, "є", 2) == 0;
    return a_i && b_o;
}

/* True if a, whole (an bytes) or its light stem (al bytes), is the alternation of b or of its light stem. */
static bool alternates(const char *a, size_t an, size_t al, const char *b, size_t bn, size_t bl)
{
    return is_alternation_of(a, an, b, bn) || is_alternation_of(a, an, b, bl) ||
           is_alternation_of(a, al, b, bn) || is_alternation_of(a, al, b, bl);
}

/* The light stem length of a dictionary form (the whole form when it is not a stemmable word). */
static size_t lemma_stem_len(const char *w, size_t n)
{
    return is_stemmable(w, n) ? light_stem_len(w, n, true) : n;
}

/* A dictionary form offered by hunspell, lowercased, at s->cand_text + off, with what the choice uses. */
typedef struct uk_candidate {
    size_t off, len, light; /* light: the length of its light stem */
    bool proper;            /* found through the capitalised spelling */
    bool verb;              /* an infinitive */
    bool alternation;       /* the closed-syllable side of an alternation with another candidate */
    bool same;              /* its light stem is the word's, or the word's alternation */
    size_t prefix;          /* bytes in common with the word */
} uk_candidate;

/* True if candidate a goes before b. The order:
 *   a noun or adjective before an infinitive (нападу: напад, not напасти; труби: труба, not трубити);
 *   the closed-syllable side of an alternation with another candidate (сходу: схід, not сход; Львові:
 *   Львів, not Львов or the dictionary's own entry Львові; півострова: півострів);
 *   one whose light stem is the word's, or its alternation (судом: суд, not судома; Києві: Київ, not
 *   кий or the legendary Кий);
 *   the longer common prefix with the word; a proper name; the shorter; the bytewise smaller.
 * A total order on distinct candidates: the choice does not depend on hunspell's order. */
static bool better_candidate(const char *text, const uk_candidate *a, const uk_candidate *b)
{
    if (a->verb != b->verb)
        return !a->verb;
    if (a->alternation != b->alternation)
        return a->alternation;
    if (a->same != b->same)
        return a->same;
    if (a->prefix != b->prefix)
        return a->prefix > b->prefix;
    if (a->proper != b->proper)
        return a->proper;
    if (a->len != b->len)
        return a->len < b->len;
    return memcmp(text + a->off, text + b->off, a->len) < 0;
}

/* Lowercases a NUL-terminated hunspell result and appends it to b (bytes that are not UTF-8 are copied
 * as they are); *len is its length. */
static bool append_lower(uk_buf *b, const char *s, size_t *len)
{
    size_t n = strlen(s);
    if (!buf_reserve(b, b->len + n * 2 + 1)) /* lowercasing at most doubles a character's bytes */
        return false;
    size_t o = b->len;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        int k = pc_utf8_decode(p + i, n - i, &c);
        if (k == 0) {
            b->data[o++] = (char)p[i++];
            continue;
        }
        o += pc_utf8_encode(pc_lower_cyrillic_or_ascii(c), b->data + o);
        i += (size_t)k;
    }
    *len = o - b->len;
    b->len = o;
    b->data[o] = '\0';
    return true;
}

/* Adds hunspell's dictionary forms of s->lookup to the candidates, without repeats. Returns false only
 * when out of memory. */
static bool collect_stems(pc_uk_stemmer *s, bool proper)
{
    char **list = NULL;
    pthread_mutex_lock(&s->dict->lock);
    int n = Hunspell_stem(s->hunspell, &list, s->lookup.data);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        size_t off = s->cand_text.len, len = 0;
        ok = append_lower(&s->cand_text, list[i], &len);
        if (!ok)
            break;
        bool repeat = len == 0;
        for (size_t c = 0; c < s->n_cands && !repeat; c++)
            repeat = s->cands[c].len == len &&
                     memcmp(s->cand_text.data + s->cands[c].off, s->cand_text.data + off, len) == 0;
        if (repeat) { /* a form found both ways counts as found as it is (not as a name) */
            s->cand_text.len = off;
            continue;
        }
        if (s->n_cands == s->cap_cands) {
            size_t cap = s->cap_cands ? s->cap_cands * 2 : 8;
            uk_candidate *cands = realloc(s->cands, cap * sizeof *cands);
            ok = cands != NULL;
            if (!ok)
                break;
            s->cands = cands;
            s->cap_cands = cap;
        }
        s->cands[s->n_cands++] = (uk_candidate){.off = off, .len = len, .proper = proper};
    }
    if (list)
        Hunspell_free_list(s->hunspell, &list, n);
    pthread_mutex_unlock(&s->dict->lock);
    return ok;
}

/* Chooses the dictionary form of a stemmable word (light: the length of its light stem), looked up as it
 * is and capitalised; sets *lemma and *lemma_len to it (in s->cand_text), or *lemma = NULL when hunspell
 * knows neither spelling. Returns false only when out of memory. */
static bool hunspell_lemma(pc_uk_stemmer *s, const char *word, size_t len, size_t light, const char **lemma,
                           size_t *lemma_len)
{
    *lemma = NULL;
    s->n_cands = 0;
    s->cand_text.len = 0;
    if (!buf_set(&s->lookup, word, len) || !collect_stems(s, false))
        return false;
    uint32_t c = 0;
    pc_utf8_decode((const unsigned char *)word, len, &c); /* a Cyrillic letter: is_stemmable */
    pc_utf8_encode(upper_letter(c), s->lookup.data);      /* of the same two-byte length */
    if (!collect_stems(s, true))
        return false;
    if (s->n_cands == 0)
        return true;
    const char *text = s->cand_text.data;
    for (size_t i = 0; i < s->n_cands; i++) {
        uk_candidate *a = &s->cands[i];
        a->verb = is_infinitive(text + a->off, a->len);
        a->light = lemma_stem_len(text + a->off, a->len);
        a->prefix = common_prefix(text + a->off, a->len, word, len);
    }
    size_t best = 0;
    for (size_t i = 0; i < s->n_cands; i++) {
        uk_candidate *a = &s->cands[i];
        const char *at = text + a->off;
        for (size_t j = 0; j < s->n_cands && !a->alternation; j++) {
            const uk_candidate *b = &s->cands[j];
            a->alternation = j != i && alternates(at, a->len, a->light, text + b->off, b->len, b->light);
        }
        a->same = (a->light == light && memcmp(at, word, light) == 0) ||
                  alternates(at, a->len, a->light, word, len, light);
        if (i > 0 && better_candidate(text, a, &s->cands[best]))
            best = i;
    }
    *lemma = text + s->cands[best].off;
    *lemma_len = s->cands[best].len;
    return true;
}

/* ---- the cache -------------------------------------------------------------------------------------- */

/* The slot holding word, or the empty slot where it would go. */
static uk_cache_slot *cache_find(pc_uk_stemmer *s, const char *word, size_t len, uint32_t h)
{
    size_t mask = s->n_slots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uk_cache_slot *slot = &s->slots[i];
        if (slot->key_len == 0)
            return slot;
        if (slot->hash == h && slot->key_len == len && memcmp(s->arena.data + slot->key_off, word, len) == 0)
            return slot;
    }
}

/* Doubles the slots (false when out of memory: the cache then stays as it is). */
static bool cache_grow(pc_uk_stemmer *s)
{
    size_t n = s->n_slots * 2;
    uk_cache_slot *slots = calloc(n, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < s->n_slots; i++) {
        const uk_cache_slot *old = &s->slots[i];
        if (old->key_len == 0)
            continue;
        size_t j = old->hash & (n - 1);
        while (slots[j].key_len != 0)
            j = (j + 1) & (n - 1);
        slots[j] = *old;
    }
    free(s->slots);
    s->slots = slots;
    s->n_slots = n;
    return true;
}

/* Remembers word -> stem. Failing to (out of memory) is not an error: the stem is not cached. */
static void cache_put(pc_uk_stemmer *s, const char *word, size_t len, uint32_t h, const char *stem,
                      size_t stem_len)
{
    if (stem_len > UINT16_MAX)
        return;
    if (s->n_entries >= UK_CACHE_MAX_ENTRIES || s->arena.len + len + stem_len > UINT32_MAX) {
        memset(s->slots, 0, s->n_slots * sizeof *s->slots);
        s->n_entries = 0;
        s->arena.len = 0;
    }
    if ((s->n_entries + 1) * 2 > s->n_slots && !cache_grow(s))
        return;
    if (!buf_reserve(&s->arena, s->arena.len + len + stem_len))
        return;
    uk_cache_slot *slot = cache_find(s, word, len, h);
    slot->hash = h;
    slot->key_off = (uint32_t)s->arena.len;
    slot->key_len = (uint16_t)len;
    memcpy(s->arena.data + s->arena.len, word, len);
    s->arena.len += len;
    slot->val_off = (uint32_t)s->arena.len;
    slot->val_len = (uint16_t)stem_len;
    memcpy(s->arena.data + s->arena.len, stem, stem_len);
    s->arena.len += stem_len;
    s->n_entries++;
}

/* ---- the stemmer ------------------------------------------------------------------------------------ */

/* Creates a stemmer of the given mode reading the hunspell dictionary aff_path + dic_path (unused in
 * UK_MODE_LIGHT). */
static int uk_stemmer_open(pc_uk_stemmer **out, enum uk_mode mode, const char *aff_path, const char *dic_path,
                           pc_error *err)
{
    *out = NULL;
    pc_uk_stemmer *s = calloc(1, sizeof *s);
    if (!s)
        return pc_error_set(err, PC_ENOMEM, "ukrainian stemmer: out of memory");
    s->mode = mode;
    if (mode == UK_MODE_LIGHT) {
        *out = s;
        return PC_OK;
    }
    const char *files[] = {aff_path, dic_path};
    for (size_t i = 0; i < 2; i++) {
        FILE *f = fopen(files[i], "rb");
        if (!f) {
            pc_uk_stemmer_free(s);
            return pc_error_set(err, PC_EIO,
                                "ukrainian stemmer: cannot read the hunspell dictionary '%s': install the "
                                "hunspell-uk package (apt-get install hunspell-uk)",
                                files[i]);
        }
        fclose(f);
    }
    s->n_slots = UK_CACHE_FIRST_SLOTS;
    s->slots = calloc(s->n_slots, sizeof *s->slots);
    if (!s->slots) {
        pc_uk_stemmer_free(s);
        return pc_error_set(err, PC_ENOMEM, "ukrainian stemmer: out of memory");
    }
    s->dict = dictionary_acquire(aff_path, dic_path);
    s->hunspell = s->dict ? s->dict->handle : NULL;
    if (!s->hunspell) {
        pc_uk_stemmer_free(s);
        return pc_error_set(err, PC_ENOMEM, "ukrainian stemmer: out of memory loading '%s'", dic_path);
    }
    pthread_mutex_lock(&s->dict->lock);
    const char *enc = Hunspell_get_dic_encoding(s->hunspell);
    bool utf8 = enc && strcmp(enc, "UTF-8") == 0;
    bool knows_ukraine = utf8 && Hunspell_spell(s->hunspell, "Україна") != 0;
    pthread_mutex_unlock(&s->dict->lock);
    if (!knows_ukraine) {
        pc_error_set(err, PC_ECONFIG,
                     "ukrainian stemmer: '%s' is not a UTF-8 Ukrainian hunspell dictionary (encoding %s%s): "
                     "reinstall the hunspell-uk package",
                     dic_path, enc ? enc : "unknown", utf8 ? ", the word 'Україна' is missing" : "");
        pc_uk_stemmer_free(s);
        return PC_ECONFIG;
    }
    *out = s;
    return PC_OK;
}

/* The dictionary files to use: $PRESSCUT_HUNSPELL_DIR/uk_UA.{aff,dic}, or Debian's. Returns false when out
 * of memory; the caller frees both (NULL when not allocated). */
static bool dictionary_paths(char **aff, char **dic)
{
    const char *dir = getenv("PRESSCUT_HUNSPELL_DIR");
    bool custom = dir && *dir;
    size_t n = (custom ? strlen(dir) : 0) + sizeof UK_HUNSPELL_AFF + 1;
    *aff = malloc(n);
    *dic = malloc(n);
    if (!*aff || !*dic)
        return false;
    snprintf(*aff, n, "%s", UK_HUNSPELL_AFF);
    snprintf(*dic, n, "%s", UK_HUNSPELL_DIC);
    if (custom) {
        snprintf(*aff, n, "%s/uk_UA.aff", dir);
        snprintf(*dic, n, "%s/uk_UA.dic", dir);
    }
    return true;
}

int pc_uk_stemmer_new(pc_uk_stemmer **out, pc_error *err)
{
    char *aff, *dic;
    int rc;
    if (!dictionary_paths(&aff, &dic)) {
        *out = NULL;
        rc = pc_error_set(err, PC_ENOMEM, "ukrainian stemmer: out of memory");
    } else {
        rc = uk_stemmer_open(out, UK_MODE_HYBRID, aff, dic, err);
    }
    free(aff);
    free(dic);
    return rc;
}

/* Feeds the whole file at `path` to the hash state. Returns 0, or PC_EIO / PC_ENOMEM with err filled. */
static int hash_file(XXH3_state_t *state, const char *path, pc_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return pc_error_set(err, PC_EIO,
                            "ukrainian stemmer: cannot read the hunspell dictionary '%s': install the hunspell-uk "
                            "package (apt-get install hunspell-uk)",
                            path);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        XXH3_128bits_update(state, buf, n);
    bool failed = ferror(f) != 0;
    fclose(f);
    return failed ? pc_error_set(err, PC_EIO, "ukrainian stemmer: cannot read '%s'", path) : PC_OK;
}

int pc_uk_dictionary_fingerprint(char out[33], pc_error *err)
{
    out[0] = '\0';
    char *aff, *dic;
    XXH3_state_t *state = XXH3_createState();
    int rc = PC_OK;
    if (!dictionary_paths(&aff, &dic) || !state || XXH3_128bits_reset(state) != XXH_OK)
        rc = pc_error_set(err, PC_ENOMEM, "ukrainian stemmer: out of memory");
    if (rc == PC_OK)
        rc = hash_file(state, aff, err);
    if (rc == PC_OK)
        rc = hash_file(state, dic, err);
    if (rc == PC_OK) {
        XXH128_hash_t h = XXH3_128bits_digest(state);
        snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
    }
    XXH3_freeState(state);
    free(aff);
    free(dic);
    return rc;
}

/* Appends "size:mtime_ns:inode;" of the file at path to out (at *used of out_size). False when it cannot be
 * stat'ed or out is full. */
static bool stamp_file(const char *path, char *out, size_t out_size, size_t *used)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return false;
    int n = snprintf(out + *used, out_size - *used, "%lld:%lld.%09ld:%llu;", (long long)sb.st_size,
                     (long long)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec, (unsigned long long)sb.st_ino);
    if (n < 0 || (size_t)n >= out_size - *used)
        return false;
    *used += (size_t)n;
    return true;
}

void pc_uk_dictionary_stamp(char *out, size_t out_size)
{
    if (out_size == 0)
        return;
    out[0] = '\0';
    char *aff, *dic;
    size_t used = 0;
    if (dictionary_paths(&aff, &dic) && !(stamp_file(aff, out, out_size, &used) &&
                                          stamp_file(dic, out, out_size, &used)))
        out[0] = '\0';
    free(aff);
    free(dic);
}

void pc_uk_stemmer_free(pc_uk_stemmer *s)
{
    if (!s)
        return;
    dictionary_release(s->dict);
    free(s->slots);
    free(s->arena.data);
    free(s->out.data);
    free(s->lookup.data);
    free(s->cand_text.data);
    free(s->cands);
    free(s);
}

/* Computes the stem of a stemmable word into s->out, without the cache. False when out of memory. */
static bool stem_uncached(pc_uk_stemmer *s, const char *word, size_t len)
{
    size_t light = light_stem_len(word, len, false), lemma_len = 0;
    const char *lemma = NULL;
    if (!hunspell_lemma(s, word, len, light, &lemma, &lemma_len))
        return false;
    if (!lemma)
        return buf_set(&s->out, word, light);
    if (s->mode == UK_MODE_HUNSPELL)
        return buf_set(&s->out, lemma, lemma_len);
    return buf_set(&s->out, lemma, lemma_stem_len(lemma, lemma_len));
}

bool pc_uk_word_stemmable(const char *word, int len)
{
    return word && len > 0 && is_stemmable(word, (size_t)len);
}

const char *pc_uk_stem(pc_uk_stemmer *s, const char *word, int len, int *out_len)
{
    if (!word || len <= 0) {
        *out_len = 0;
        return word ? word : "";
    }
    *out_len = len;
    size_t n = (size_t)len;
    if (!is_stemmable(word, n))
        return word;
    if (s->mode == UK_MODE_LIGHT) {
        size_t stem = light_stem_len(word, n, false);
        if (stem == n)
            return word;
        if (!buf_set(&s->out, word, stem))
            return NULL;
    } else {
        uint32_t h = (uint32_t)XXH3_64bits(word, n);
        uk_cache_slot *slot = cache_find(s, word, n, h);
        if (slot->key_len != 0) {
            if (!buf_set(&s->out, s->arena.data + slot->val_off, slot->val_len))
                return NULL;
        } else {
            if (!stem_uncached(s, word, n))
                return NULL;
            cache_put(s, word, n, h, s->out.data, s->out.len);
        }
        if (s->out.len == n && memcmp(s->out.data, word, n) == 0)
            return word;
    }
    *out_len = (int)s->out.len;
    return s->out.data;
}

/* ---- stemming against the index vocabulary, without the dictionary --------------------------------- */

int pc_uk_stemmer_new_light(pc_uk_stemmer **out, pc_error *err)
{
    return uk_stemmer_open(out, UK_MODE_LIGHT, NULL, NULL, err);
}

/* Guesses at most: the light stems, the word, its vowel and consonant variants, and the infinitives the
 * verb endings it may have point to. */
#define UK_MAX_GUESSES 24

/* The guesses of one word: NUL-free byte strings at text + off[i], len[i] bytes each, most likely first. */
typedef struct uk_guesses {
    char text[UK_MAX_GUESSES * (UK_MAX_WORD_BYTES + 16)];
    size_t off[UK_MAX_GUESSES], len[UK_MAX_GUESSES], n, used;
} uk_guesses;

/* Adds a + b + c (b and c may be NULL) as a guess unless it is empty, too long or already there. */
static void guess_add3(uk_guesses *g, const char *a, size_t an, const char *b, const char *c)
{
    size_t bn = b ? strlen(b) : 0, cn = c ? strlen(c) : 0, n = an + bn + cn;
    if (n == 0 || n > UK_MAX_WORD_BYTES || g->n == UK_MAX_GUESSES || g->used + n > sizeof g->text)
        return;
    char *at = g->text + g->used;
    memcpy(at, a, an);
    memcpy(at + an, b ? b : "", bn);
    memcpy(at + an + bn, c ? c : "", cn);
    for (size_t i = 0; i < g->n; i++)
        if (g->len[i] == n && memcmp(g->text + g->off[i], at, n) == 0)
            return;
    g->off[g->n] = g->used;
    g->len[g->n++] = n;
    g->used += n;
}

static void guess_add(uk_guesses *g, const char *a, size_t an)
{
    guess_add3(g, a, an, NULL, NULL);
}

#define UK_VOWELS "аеєиіїоуюя"

/* True if the two-byte letter at p is a consonant (a Cyrillic letter, not a vowel, not ь). */
static bool is_consonant(const char *p)
{
    return p[0] != '\'' && !letter_in(p, UK_VOWELS) && !letter_in(p, "ь");
}

/* The stem with its last vowel, when it is о, е or є followed by consonants only, made і and ї: the closed
 * syllable of a dictionary form (Києв- -> Київ, Львов- -> Львів, сход- -> схід). */
static void guess_alternations(uk_guesses *g, const char *w, size_t n)
{
    for (size_t i = n; i >= 2; i -= 2) {
        if (w[i - 1] == '\'')
            return;
        const char *v = w + i - 2;
        if (memcmp(v, "о", 2) == 0 || memcmp(v, "е", 2) == 0 || memcmp(v, "є", 2) == 0) {
            if (i == n)
                return; /* a vowel at the end: no closed syllable */
            char tail[UK_MAX_WORD_BYTES + 1];
            memcpy(tail, w + i, n - i);
            tail[n - i] = '\0';
            guess_add3(g, w, i - 2, "і", tail);
            guess_add3(g, w, i - 2, "ї", tail);
            return;
        }
        if (letter_in(v, "аиіїуюяь"))
            return;
    }
}

/* For a word whose light stem (n bytes) lost an ending: the stem ending in two consonants with the fleeting о or
 * е of its dictionary form put back (будинк- -> будинок, виконавц- -> виконавец), one ending in consonant +
 * е/о + consonant without it (будівел- -> будівл); the last consonant undoubled before -ю (білоруссю ->
 * білорус) and doubled before -ь (бронювань -> бронюванн). */
static void guess_fleeting_vowels(uk_guesses *g, const char *w, size_t n, size_t word_len)
{
    if (n < 6 || w[n - 1] == '\'' || w[n - 3] == '\'' || !is_consonant(w + n - 2))
        return;
    char last[3] = {w[n - 2], w[n - 1], '\0'};
    bool doubled = memcmp(w + n - 4, w + n - 2, 2) == 0;
    if (doubled && ends_with(w, word_len, "ю", 2))
        guess_add(g, w, n - 2);
    if (!doubled && ends_with(w, word_len, "ь", 2))
        guess_add3(g, w, n, last, NULL);
    if (is_consonant(w + n - 4) && !doubled) {
        guess_add3(g, w, n - 2, "о", last);
        guess_add3(g, w, n - 2, "е", last);
    } else if ((memcmp(w + n - 4, "е", 2) == 0 || memcmp(w + n - 4, "о", 2) == 0) && n >= 8 &&
               is_consonant(w + n - 6)) {
        guess_add3(g, w, n - 4, last, NULL);
    }
}

/* Verb endings and the infinitive endings a stem without them may take (робив -> роби + ти, робить -> роб +
 * ити, читають -> чита + ти, виглядатиме -> вигляда + ти). */
static const struct {
    const char *ending;
    const char *infinitives[3];
} uk_verb_endings[] = {
    {"тимуть", {"ти"}}, {"тимемо", {"ти"}}, {"тимете", {"ти"}}, {"тимеш", {"ти"}}, {"тиме", {"ти"}},
    {"тиму", {"ти"}},   {"вши", {"ти"}},    {"ла", {"ти"}},     {"ло", {"ти"}},    {"ли", {"ти"}},
    {"в", {"ти"}},      {"ують", {"увати"}}, {"уємо", {"увати"}}, {"уєте", {"увати"}}, {"уєш", {"увати"}},
    {"ує", {"увати"}},  {"ую", {"увати"}},  {"юють", {"ювати"}}, {"юємо", {"ювати"}}, {"ює", {"ювати"}},
    {"ють", {"ти"}},    {"ємо", {"ти"}},    {"єте", {"ти"}},    {"єш", {"ти"}},    {"є", {"ти"}},
    {"аю", {"ати"}},    {"яю", {"яти"}},    {"ять", {"ити", "іти", "яти"}}, {"ить", {"ити", "іти"}},
    {"имо", {"ити"}},   {"ите", {"ити"}},   {"иш", {"ити"}},    {"ать", {"ити", "ати"}}, {"уть", {"ти", "ати"}},
    {"овано", {"увати"}}, {"ьовано", {"ювати"}}, {"ано", {"ати"}}, {"яно", {"яти"}}, {"ено", {"ити", "ести"}},
    {"ито", {"ити"}},   {"ато", {"ати"}},   {"уючи", {"увати"}}, {"ючи", {"ювати", "ти"}}, {"ячи", {"ити"}},
    {"ачи", {"ати", "ити"}}, {"учи", {"ти"}}, {"ію", {"іти"}}, {"іє", {"іти"}},
};

/* Infinitives of a verb form (with its reflexive ending "ся" / "сь", if any, put back on them: вирішується ->
 * вирішує + ся -> вирішувати + ся). */
static void guess_infinitives(uk_guesses *g, const char *w, size_t n)
{
    const char *reflexive = NULL;
    if (ends_with(w, n, "ся", 4) || ends_with(w, n, "сь", 4)) {
        reflexive = "ся";
        n -= 4;
        if (ends_with(w, n, "ти", 4))
            guess_add3(g, w, n, reflexive, NULL); /* an infinitive: вважатись -> вважатися */
        if (ends_with(w, n, "ть", 4) && n >= 6 && letter_in(w + n - 6, "єюияае") && !ends_with(w, n, "ють", 6) &&
            !ends_with(w, n, "ять", 6) && !ends_with(w, n, "ать", 6) && !ends_with(w, n, "уть", 6))
            n -= 4; /* the -ть of the third person before -ся: вирішуєть(ся) */
    }
    for (size_t e = 0; e < sizeof uk_verb_endings / sizeof uk_verb_endings[0]; e++) {
        size_t elen = strlen(uk_verb_endings[e].ending);
        if (!ends_with(w, n, uk_verb_endings[e].ending, elen) || count_letters(w, n - elen) < UK_MIN_STEM)
            continue;
        for (size_t k = 0; k < 3 && uk_verb_endings[e].infinitives[k]; k++)
            guess_add3(g, w, n - elen, uk_verb_endings[e].infinitives[k], reflexive);
    }
}

/* The stems the dictionary may give a stemmable word, most likely first. */
static void make_guesses(const char *w, size_t n, uk_guesses *g)
{
    g->n = g->used = 0;
    size_t light = light_stem_len(w, n, false);
    guess_add(g, w, light);
    guess_add(g, w, lemma_stem_len(w, n));
    guess_add(g, w, n);
    /* г, к, х before the -і of a dative or locative (нозі, руці, вусі): нога, рука, вухо */
    static const char *const alternating[][2] = {{"ц", "к"}, {"з", "г"}, {"с", "х"}};
    if (light + 2 == n && ends_with(w, n, "і", 2))
        for (size_t i = 0; i < 3; i++)
            if (ends_with(w, light, alternating[i][0], 2))
                guess_add3(g, w, light - 2, alternating[i][1], NULL);
    if (light < n) { /* a word with no ending is more likely a dictionary form itself */
        guess_fleeting_vowels(g, w, light, n);
        guess_alternations(g, w, light);
    }
    guess_infinitives(g, w, n);
}

const char *pc_uk_stem_by_vocabulary(pc_uk_stemmer *s, const char *word, int len, pc_uk_stem_held_fn held,
                                     void *payload, int *out_len, bool *answered)
{
    *answered = true;
    *out_len = len;
    if (!word || len <= 0) {
        *out_len = 0;
        return word ? word : "";
    }
    size_t n = (size_t)len;
    if (!is_stemmable(word, n))
        return word;
    uk_guesses g;
    make_guesses(word, n, &g);
    size_t chosen = 0; /* the light stem when the index holds none of them: the word is not in it at all */
    for (size_t i = 0; i < g.n; i++) {
        int rc = held(payload, g.text + g.off[i], (int)g.len[i]);
        if (rc < 0) {
            *answered = false;
            return word;
        }
        if (rc == 1) {
            chosen = i;
            break;
        }
    }
    if (!buf_set(&s->out, g.text + g.off[chosen], g.len[chosen]))
        return NULL;
    if (s->out.len == n && memcmp(s->out.data, word, n) == 0)
        return word;
    *out_len = (int)s->out.len;
    return s->out.data;
}
