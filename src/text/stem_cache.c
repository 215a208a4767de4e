/* stem_cache.c — the stem lookup: the record of (surface -> stem) pairs met while documents are tokenized,
 * their stemming in the recording language for documents in other languages, the lookup hook queries ask
 * first, and the word lists computed ahead of time (see include/presscut/text/stem_cache.h). */
#include "presscut/text/stem_cache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "presscut/core/array.h"

/* Recorded pairs kept at most (about 40 bytes each); beyond, the set is forgotten and starts again (a pair not
 * yet flushed is then lost, which only means its word is stemmed by the stemmer at query time). */
#define STEM_PAIRS_MAX (1u << 21)

/* Stem length of a record whose word comes from another language: its stem is computed when flushed. */
#define STEM_NOT_YET (-2)

/* What side_stem returns when the stemmer of the recording language cannot be made (its dictionary missing). */
#define SIDE_STEMMER_FAILS 2

/* Words a pc_stem_ahead remembers handing out; beyond, it forgets them all and starts again (which only means
 * stemming some words again). */
#define AHEAD_WORDS_MAX (1u << 22)

/* Longest language code recorded in. */
#define LANG_MAX 15

/* The distinct (surface -> stem) pairs recorded. Each pair is one record in `arena`: uint16 surface length,
 * int16 stem length (-1: the word is its own stem; STEM_NOT_YET), the surface, the stem. `slots` is an
 * open-addressing hash set of record offsets + 1 (0: empty slot), keyed by surface. */
typedef struct stem_pairs {
    char *arena;
    size_t arena_len, arena_cap;
    uint32_t *slots;
    size_t n_slots, n_pairs;
    uint32_t *pending; /* offsets of the records not flushed yet, in recording order */
    size_t n_pending, pending_cap;
} stem_pairs;

struct pc_stem_cache {
    pc_stem_backing backing;
    pc_analyzer_config cfg;
    unsigned generation;        /* bumped by set_config: the side analyzer is rebuilt */
    char lang[LANG_MAX + 1];    /* "" when not recording */
    bool other_languages;       /* also record the words of documents in other languages */
    stem_pairs pairs;
    pc_analyzer *side;          /* stems the words of other languages at flush time; NULL until needed */
    unsigned side_generation;
};

/* Cyrillic letters are two-byte UTF-8 with lead byte D0-D4; the Ukrainian stemmer changes no other word. */
bool pc_stem_pair_recordable(const char *t, int len)
{
    const unsigned char *u = (const unsigned char *)t;
    if (len <= 0 || len > PC_MAX_TERM_BYTES || u[0] == '\'')
        return false;
    for (int i = 0; i < len;) {
        if (u[i] == '\'') {
            i++;
            continue;
        }
        if (u[i] < 0xD0 || u[i] > 0xD4 || i + 1 >= len || (u[i + 1] & 0xC0) != 0x80)
            return false;
        i += 2;
    }
    return true;
}

/* ---- word lists ---------------------------------------------------------------------------------------- */

int pc_word_stems_add(pc_word_stems *ws, const char *surface, int surface_len, const char *stem, int stem_len)
{
    if (!surface || surface_len <= 0 || stem_len < 0)
        return PC_EINVAL;
    if (!stem)
        stem_len = 0;
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 64;
        size_t *offset = realloc(ws->offset, cap * sizeof *offset);
        if (!offset)
            return PC_ENOMEM;
        ws->offset = offset;
        int *lens = realloc(ws->surface_len, cap * sizeof *lens);
        if (!lens)
            return PC_ENOMEM;
        ws->surface_len = lens;
        lens = realloc(ws->stem_len, cap * sizeof *lens);
        if (!lens)
            return PC_ENOMEM;
        ws->stem_len = lens;
        ws->cap = cap;
    }
    size_t need = ws->text_len + (size_t)surface_len + (size_t)stem_len;
    char *text = pc_array_reserve(ws->text, &ws->text_cap, need, 1, 1024);
    if (!text)
        return PC_ENOMEM;
    ws->text = text;
    memcpy(ws->text + ws->text_len, surface, (size_t)surface_len);
    if (stem_len > 0)
        memcpy(ws->text + ws->text_len + surface_len, stem, (size_t)stem_len);
    ws->offset[ws->n] = ws->text_len;
    ws->surface_len[ws->n] = surface_len;
    ws->stem_len[ws->n] = stem_len;
    ws->n++;
    ws->text_len = need;
    return PC_OK;
}

void pc_word_stems_clear(pc_word_stems *ws)
{
    if (!ws)
        return;
    free(ws->text);
    free(ws->offset);
    free(ws->surface_len);
    free(ws->stem_len);
    memset(ws, 0, sizeof *ws);
}

/* ---- stems computed ahead of time ---------------------------------------------------------------------- */

struct pc_stem_ahead {
    pc_analyzer *analyzer;
    bool failed;        /* the stemmer failed: the cache is left to try */
    uint64_t *words;    /* open-addressing set of the XXH3 hashes (0 never) of the words handed out */
    size_t n_words, n_slots;
    pc_word_stems *out; /* of the call under way */
    int error;          /* PC_ENOMEM during that call */
};

int pc_stem_ahead_new(pc_stem_ahead **out, const pc_analyzer_config *cfg, pc_error *err)
{
    *out = NULL;
    pc_stem_ahead *sa = calloc(1, sizeof *sa);
    if (!sa)
        return pc_error_set(err, PC_ENOMEM, "out of memory while preparing to stem words ahead of time");
    int rc = pc_analyzer_new(&sa->analyzer, cfg, err);
    if (rc != PC_OK) {
        free(sa);
        return rc;
    }
    *out = sa;
    return PC_OK;
}

void pc_stem_ahead_free(pc_stem_ahead *sa)
{
    if (!sa)
        return;
    pc_analyzer_free(sa->analyzer);
    free(sa->words);
    free(sa);
}

/* Adds the hash of a word to the set. Returns false if it was there already (or when out of memory, which
 * only leaves the word to the cache). */
static bool ahead_first_time(pc_stem_ahead *sa, const char *word, int len)
{
    if (sa->n_words >= AHEAD_WORDS_MAX) {
        memset(sa->words, 0, sa->n_slots * sizeof *sa->words);
        sa->n_words = 0;
    }
    if ((sa->n_words + 1) * 2 > sa->n_slots) {
        size_t n = sa->n_slots ? sa->n_slots * 2 : 8192;
        uint64_t *slots = calloc(n, sizeof *slots);
        if (!slots)
            return false;
        for (size_t i = 0; i < sa->n_slots; i++) {
            uint64_t h = sa->words[i];
            if (!h)
                continue;
            size_t k = (size_t)h & (n - 1);
            while (slots[k])
                k = (k + 1) & (n - 1);
            slots[k] = h;
        }
        free(sa->words);
        sa->words = slots;
        sa->n_slots = n;
    }
    uint64_t h = XXH3_64bits(word, (size_t)len);
    if (h == 0)
        h = 1;
    size_t mask = sa->n_slots - 1;
    size_t k = (size_t)h & mask;
    /* Two words with one hash: the second is left to the cache, which stems it as before. */
    for (; sa->words[k]; k = (k + 1) & mask)
        if (sa->words[k] == h)
            return false;
    sa->words[k] = h;
    sa->n_words++;
    return true;
}

/* Takes one term: a recordable surface term not handed out yet gets its stem. */
static int ahead_term(void *payload, const pc_term *t)
{
    pc_stem_ahead *sa = payload;
    if (t->colocated || sa->failed || !pc_stem_pair_recordable(t->text, t->len) ||
        !ahead_first_time(sa, t->text, t->len))
        return 0;
    const char *stem;
    int stem_len;
    int found = pc_analyzer_word_stem(sa->analyzer, PC_STEM_RECORD_LANG, t->text, t->len, &stem, &stem_len);
    if (found == PC_ENOMEM) {
        sa->error = PC_ENOMEM; /* a passing failure: the stemmer itself still works */
        return PC_ENOMEM;
    }
    if (found < 0) {
        sa->failed = true; /* the cache's flush fails the same way and records nothing */
        return 0;
    }
    if (found == 1 && pc_word_stems_add(sa->out, t->text, t->len, stem, stem_len) == PC_ENOMEM) {
        sa->error = PC_ENOMEM;
        return PC_ENOMEM;
    }
    return 0;
}

int pc_stem_ahead_terms(pc_stem_ahead *sa, const pc_term_list *terms, pc_word_stems *out)
{
    if (!terms || sa->failed)
        return PC_OK;
    sa->out = out;
    sa->error = PC_OK;
    pc_term_list_replay(terms, 0, ahead_term, sa);
    return sa->error;
}

int pc_stem_ahead_text(pc_stem_ahead *sa, const char *lang, const char *text, size_t len, pc_word_stems *out)
{
    if (!text || len == 0 || sa->failed)
        return PC_OK;
    pc_term_list *terms = NULL;
    int rc = pc_term_list_build(sa->analyzer, lang, text, len, &terms);
    if (rc == PC_ENOMEM)
        return rc;
    if (rc == PC_OK)
        rc = pc_stem_ahead_terms(sa, terms, out);
    else
        rc = PC_OK; /* a text the analyzer refuses: the cache stems its words itself */
    pc_term_list_free(terms);
    return rc;
}

/* ---- the cache ----------------------------------------------------------------------------------------- */

int pc_stem_cache_new(pc_stem_cache **out, const pc_stem_backing *backing)
{
    *out = NULL;
    pc_stem_cache *c = calloc(1, sizeof *c);
    if (!c)
        return PC_ENOMEM;
    if (backing)
        c->backing = *backing;
    pc_analyzer_config_default(&c->cfg);
    *out = c;
    return PC_OK;
}

void pc_stem_cache_free(pc_stem_cache *c)
{
    if (!c)
        return;
    pc_stem_cache_forget(c);
    pc_analyzer_free(c->side);
    free(c);
}

void pc_stem_cache_set_config(pc_stem_cache *c, const pc_analyzer_config *cfg)
{
    if (cfg)
        c->cfg = *cfg;
    else
        pc_analyzer_config_default(&c->cfg);
    c->generation++;
}

int pc_stem_cache_record(pc_stem_cache *c, const char *lang, bool other_languages)
{
    if (!lang || !*lang) {
        c->lang[0] = '\0';
        return PC_OK;
    }
    if (strlen(lang) > LANG_MAX || !pc_analyzer_has_stemmer(lang))
        return PC_EINVAL;
    snprintf(c->lang, sizeof c->lang, "%s", lang);
    c->other_languages = other_languages;
    return PC_OK;
}

void pc_stem_cache_attach(pc_stem_cache *c, pc_analyzer *a)
{
    if (c && c->backing.read)
        pc_analyzer_set_stem_lookup(a, c->backing.read, c->backing.payload);
    else
        pc_analyzer_set_stem_lookup(a, NULL, NULL);
    if (c && c->backing.held)
        pc_analyzer_set_stem_vocabulary(a, c->backing.held, c->backing.payload);
    else
        pc_analyzer_set_stem_vocabulary(a, NULL, NULL);
}

void pc_stem_cache_forget(pc_stem_cache *c)
{
    if (!c)
        return;
    stem_pairs *p = &c->pairs;
    free(p->arena);
    free(p->slots);
    free(p->pending);
    *p = (stem_pairs){0};
}

/* Reads the record at offset `off`: its surface and stem (stem NULL for the word itself). */
static void pair_at(const stem_pairs *p, uint32_t off, const char **surface, int *surface_len, const char **stem,
                    int *stem_len)
{
    uint16_t n;
    int16_t m;
    memcpy(&n, p->arena + off, sizeof n);
    memcpy(&m, p->arena + off + 2, sizeof m);
    *surface = p->arena + off + 4;
    *surface_len = n;
    *stem = m < 0 ? NULL : *surface + n;
    *stem_len = m;
}

static uint32_t surface_hash(const char *surface, int len)
{
    return (uint32_t)XXH3_64bits(surface, (size_t)len);
}

/* The slot holding `surface`, or the empty slot where it would go (n_slots > n_pairs). */
static uint32_t *pair_slot(const stem_pairs *p, const char *surface, int len, uint32_t h)
{
    size_t mask = p->n_slots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t *slot = &p->slots[i];
        if (*slot == 0)
            return slot;
        const char *s, *stem;
        int n, m;
        pair_at(p, *slot - 1, &s, &n, &stem, &m);
        if (n == len && memcmp(s, surface, (size_t)len) == 0)
            return slot;
    }
}

/* Doubles the hash set (or makes its first slots). False when out of memory. */
static bool pairs_grow(stem_pairs *p)
{
    size_t n = p->n_slots ? p->n_slots * 2 : 4096;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return false;
    uint32_t *old = p->slots;
    size_t old_n = p->n_slots;
    p->slots = slots;
    p->n_slots = n;
    for (size_t i = 0; i < old_n; i++) {
        if (old[i] == 0)
            continue;
        const char *s, *stem;
        int len, m;
        pair_at(p, old[i] - 1, &s, &len, &stem, &m);
        *pair_slot(p, s, len, surface_hash(s, len)) = old[i];
    }
    free(old);
    return true;
}

/* Records surface -> stem (stem NULL: itself, or not computed yet when stem_len is STEM_NOT_YET) unless the
 * surface is known. Failing for want of memory only loses the pair. */
static void record_pair(pc_stem_cache *c, const char *surface, int len, const char *stem, int stem_len)
{
    stem_pairs *p = &c->pairs;
    if (stem && (stem_len <= 0 || stem_len > PC_MAX_TERM_BYTES))
        return;
    if (p->n_pairs >= STEM_PAIRS_MAX)
        pc_stem_cache_forget(c);
    if ((p->n_pairs + 1) * 2 > p->n_slots && !pairs_grow(p))
        return;
    uint32_t h = surface_hash(surface, len);
    uint32_t *slot = pair_slot(p, surface, len, h);
    if (*slot != 0)
        return;
    size_t need = 4 + (size_t)len + (stem ? (size_t)stem_len : 0);
    if (!stem && stem_len != STEM_NOT_YET)
        stem_len = -1;
    if (p->arena_len + need >= UINT32_MAX)
        return;
    if (p->arena_len + need > p->arena_cap) {
        size_t cap = p->arena_cap ? p->arena_cap * 2 : 65536;
        while (cap < p->arena_len + need)
            cap *= 2;
        char *arena = realloc(p->arena, cap);
        if (!arena)
            return;
        p->arena = arena;
        p->arena_cap = cap;
    }
    if (p->n_pending == p->pending_cap) {
        size_t cap = p->pending_cap ? p->pending_cap * 2 : 1024;
        uint32_t *pending = realloc(p->pending, cap * sizeof *pending);
        if (!pending)
            return;
        p->pending = pending;
        p->pending_cap = cap;
    }
    uint32_t off = (uint32_t)p->arena_len;
    uint16_t n = (uint16_t)len;
    int16_t m = (int16_t)stem_len;
    memcpy(p->arena + off, &n, sizeof n);
    memcpy(p->arena + off + 2, &m, sizeof m);
    memcpy(p->arena + off + 4, surface, (size_t)len);
    if (stem)
        memcpy(p->arena + off + 4 + len, stem, (size_t)stem_len);
    p->arena_len += need;
    *slot = off + 1;
    p->n_pairs++;
    p->pending[p->n_pending++] = off;
}

/* Computes the stem of `surface` in the recording language, as document analysis in that language gives it,
 * with the side analyzer (built here when missing or made for an older configuration). Returns 1 with
 * *stem / *stem_len set (stem NULL: the word is its own stem), 0 when it cannot tell, SIDE_STEMMER_FAILS when
 * the stemmer cannot be made (the dictionary missing: no other word will do better), or a negative PC_E* code
 * with err filled when the side analyzer cannot be built or memory runs out (a later flush may do better). */
static int side_stem(pc_stem_cache *c, const char *surface, int len, const char **stem, int *stem_len,
                     pc_error *err)
{
    if (!c->side || c->side_generation != c->generation) {
        pc_analyzer_free(c->side);
        c->side = NULL;
        int rc = pc_analyzer_new(&c->side, &c->cfg, err);
        if (rc != PC_OK)
            return rc;
        c->side_generation = c->generation;
    }
    int found = pc_analyzer_word_stem(c->side, c->lang, surface, len, stem, stem_len);
    if (found == PC_ENOMEM)
        return pc_error_set(err, PC_ENOMEM, "out of memory while stemming the words of other languages");
    if (found < 0)
        return SIDE_STEMMER_FAILS;
    if (found == 1 && !*stem && len > PC_STEM_RECORD_IDENTITY_MAX)
        return 0;
    return found == 1 ? 1 : 0;
}

int pc_stem_cache_flush(pc_stem_cache *c, pc_error *err)
{
    stem_pairs *p = &c->pairs;
    size_t i = 0;
    int rc = 0;
    bool stemmer_works = true;
    for (; i < p->n_pending; i++) {
        const char *surface, *stem;
        int len, stem_len;
        pair_at(p, p->pending[i], &surface, &len, &stem, &stem_len);
        if (stem_len == STEM_NOT_YET) {
            const char *known;
            int known_len;
            if (!stemmer_works || (c->backing.read && c->backing.read(c->backing.payload, c->lang, surface, len,
                                                                      &known, &known_len) == 1))
                continue;
            int found = side_stem(c, surface, len, &stem, &stem_len, err);
            if (found < 0) {
                rc = found; /* this pair and the next ones stay pending */
                break;
            }
            stemmer_works = found != SIDE_STEMMER_FAILS;
            if (found != 1)
                continue;
        }
        rc = c->backing.write ? c->backing.write(c->backing.payload, c->lang, surface, len, stem, stem_len) : 0;
        if (rc != 0)
            break; /* the pair the backing refused stays pending */
    }
    if (i > 0 && i < p->n_pending)
        memmove(p->pending, p->pending + i, (p->n_pending - i) * sizeof *p->pending);
    p->n_pending -= i;
    return rc;
}

bool pc_stem_cache_wants_stems(const pc_stem_cache *c, const char *doc_lang, const char *stem_lang)
{
    return c && c->lang[0] && c->other_languages && c->cfg.exact_forms && stem_lang &&
           strcmp(stem_lang, c->lang) == 0 && doc_lang && doc_lang[0] && strcmp(doc_lang, c->lang) != 0;
}

void pc_stem_cache_add_stems(pc_stem_cache *c, const char *doc_lang, const pc_word_stems *ws)
{
    if (!ws || ws->n == 0 || !pc_stem_cache_wants_stems(c, doc_lang, PC_STEM_RECORD_LANG))
        return;
    for (size_t i = 0; i < ws->n; i++) {
        const char *surface = ws->text + ws->offset[i];
        int len = ws->surface_len[i], stem_len = ws->stem_len[i];
        const char *stem = stem_len > 0 ? surface + len : NULL;
        if (!pc_stem_pair_recordable(surface, len) || (!stem && len > PC_STEM_RECORD_IDENTITY_MAX))
            continue;
        record_pair(c, surface, len, stem, stem ? stem_len : 0);
    }
}

/* ---- watching a document ----------------------------------------------------------------------------- */

/* True if the text has a character from U+0400 on (a UTF-8 byte D0-FF). Text without one has no Cyrillic
 * letter, and no folding makes one from characters below U+0400: its words are not worth watching. */
static bool beyond_greek(const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++)
        if (u[i] >= 0xD0)
            return true;
    return false;
}

bool pc_stem_watch_begin(pc_stem_watch *w, pc_stem_cache *c, const char *doc_lang, const char *text, size_t len)
{
    *w = (pc_stem_watch){.surface_len = -1};
    if (!c || !c->cfg.exact_forms || !c->lang[0])
        return false;
    if (!doc_lang)
        doc_lang = "";
    bool same = strcmp(doc_lang, c->lang) == 0;
    if (!same && !(c->other_languages && doc_lang[0] && beyond_greek(text, len)))
        return false;
    w->cache = c;
    w->foreign = !same;
    return true;
}

/* The pending surface of w, if any, is its own stem: record it so. */
static void flush_surface(pc_stem_watch *w)
{
    if (w->surface_len > 0 && w->surface_len <= PC_STEM_RECORD_IDENTITY_MAX)
        record_pair(w->cache, w->surface, w->surface_len, NULL, 0);
    w->surface_len = -1;
}

void pc_stem_watch_term(pc_stem_watch *w, const pc_term *term)
{
    if (!w->cache)
        return;
    if (w->foreign) {
        if (!term->colocated && pc_stem_pair_recordable(term->text, term->len))
            record_pair(w->cache, term->text, term->len, NULL, STEM_NOT_YET);
        return;
    }
    if (term->colocated) {
        const char *lang, *stem;
        int lang_len, stem_len;
        if (w->surface_len > 0 && pc_stem_term_split(term->text, term->len, &lang, &lang_len, &stem, &stem_len) &&
            stem_len > 0) {
            if (stem_len == w->surface_len && memcmp(stem, w->surface, (size_t)stem_len) == 0)
                flush_surface(w); /* its own stem */
            else
                record_pair(w->cache, w->surface, w->surface_len, stem, stem_len);
        }
        w->surface_len = -1;
        return;
    }
    flush_surface(w);
    if (pc_stem_pair_recordable(term->text, term->len)) {
        memcpy(w->surface, term->text, (size_t)term->len);
        w->surface_len = term->len;
    }
}

void pc_stem_watch_end(pc_stem_watch *w)
{
    if (w->cache)
        flush_surface(w);
}
