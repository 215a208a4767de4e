/* fts5_tokenizer.c — the "presscut" FTS5 tokenizer: a thin adapter that hands document and query text to the
 * analyzer and its terms to FTS5 (see include/presscut/fts5/fts5_tokenizer.h). Issues no SQL. */
#include "presscut/fts5/fts5_tokenizer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

/* Recorded stem pairs kept at most (about 40 bytes each); beyond, the set is forgotten and starts again (a pair
 * not yet drained is then lost, which only means its word is stemmed by the stemmer at query time). */
#define STEM_PAIRS_MAX (1u << 21)

/* Stem length of a record whose word comes from another language: its stem is computed when drained. */
#define STEM_NOT_YET (-2)

/* The distinct (surface -> stem) pairs recorded (pc_tokenizer_context_record_stems). Each pair is one record
 * in `arena`: uint16 surface length, int16 stem length (-1: the word is its own stem; STEM_NOT_YET), the
 * surface, the stem.
 * `slots` is an open-addressing hash set of record offsets + 1 (0: empty slot), keyed by surface. */
typedef struct stem_pairs {
    char lang[PC_LANG_MAX + 1]; /* "" when not recording */
    bool other_languages;       /* also record the words of documents in other languages */
    char *arena;
    size_t arena_len, arena_cap;
    uint32_t *slots;
    size_t n_slots, n_pairs;
    uint32_t *pending; /* offsets of the records not drained yet, in recording order */
    size_t n_pending, pending_cap;
} stem_pairs;

struct pc_tokenizer_context {
    pc_analyzer_config cfg;
    unsigned generation; /* bumped by set_config: instances with an older one rebuild their analyzer */
    char **langs;        /* query languages */
    size_t n_langs;
    const pc_term_list *offered; /* pre-analysed terms for the next document text, or NULL */
    pc_error error;              /* the last analyzer failure; code PC_OK when the last call had none */
    pc_stem_lookup_fn stem_lookup; /* handed to every analyzer */
    void *stem_lookup_payload;
    stem_pairs pairs;
    pc_analyzer *side;      /* stems the words of other languages at drain time; NULL until needed */
    unsigned side_generation;
};

/* One tokenizer instance (FTS5 creates one per table and connection). */
typedef struct presscut_tokenizer {
    pc_tokenizer_context *ctx;
    pc_analyzer *analyzer;
    unsigned generation; /* of ctx->cfg when analyzer was built */
} presscut_tokenizer;

/* What the term callback needs to forward a term to FTS5. */
typedef struct token_forward {
    void *fts5_ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    int offset_shift; /* length of the language tag skipped before analysis */
    pc_tokenizer_context *record; /* recording stem pairs of this text (in record->pairs), or NULL */
    bool foreign;       /* the text is not in record->lang: its words are recorded with STEM_NOT_YET */
    int surface_len;    /* the last surface term, whose stem term may follow; -1 when none */
    char surface[PC_MAX_TERM_BYTES];
} token_forward;

static void free_langs(char **langs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(langs[i]);
    free(langs);
}

int pc_tokenizer_context_new(pc_tokenizer_context **out, const pc_analyzer_config *cfg)
{
    *out = NULL;
    pc_tokenizer_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return PC_ENOMEM;
    if (cfg)
        ctx->cfg = *cfg;
    else
        pc_analyzer_config_default(&ctx->cfg);
    *out = ctx;
    return PC_OK;
}

void pc_tokenizer_context_free(pc_tokenizer_context *ctx)
{
    if (!ctx)
        return;
    free_langs(ctx->langs, ctx->n_langs);
    pc_tokenizer_context_forget_stems(ctx);
    pc_analyzer_free(ctx->side);
    free(ctx);
}

void pc_tokenizer_context_set_stem_lookup(pc_tokenizer_context *ctx, pc_stem_lookup_fn fn, void *payload)
{
    ctx->stem_lookup = fn;
    ctx->stem_lookup_payload = fn ? payload : NULL;
    ctx->generation++; /* instances rebuild their analyzer, which then gets the hook */
}

/* ---- recorded stem pairs ---- */

void pc_tokenizer_context_forget_stems(pc_tokenizer_context *ctx)
{
    stem_pairs *p = &ctx->pairs;
    free(p->arena);
    free(p->slots);
    free(p->pending);
    char lang[PC_LANG_MAX + 1];
    memcpy(lang, p->lang, sizeof lang);
    bool others = p->other_languages;
    *p = (stem_pairs){0};
    memcpy(p->lang, lang, sizeof lang);
    p->other_languages = others;
}

int pc_tokenizer_context_record_stems(pc_tokenizer_context *ctx, const char *lang, bool other_languages)
{
    if (!lang || !*lang) {
        ctx->pairs.lang[0] = '\0';
        return PC_OK;
    }
    if (!pc_lang_tag_valid(lang))
        return PC_EINVAL;
    snprintf(ctx->pairs.lang, sizeof ctx->pairs.lang, "%s", lang);
    ctx->pairs.other_languages = other_languages;
    return PC_OK;
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

/* Records surface -> stem (stem NULL: itself, or not computed yet when stem_len is STEM_NOT_YET) unless the
 * surface is known. Failing for want of memory only loses the pair. */
static void record_pair(pc_tokenizer_context *ctx, const char *surface, int len, const char *stem, int stem_len)
{
    stem_pairs *p = &ctx->pairs;
    if (stem && (stem_len <= 0 || stem_len > PC_MAX_TERM_BYTES))
        return;
    if (p->n_pairs >= STEM_PAIRS_MAX)
        pc_tokenizer_context_forget_stems(ctx);
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

/* Computes the stem of `surface` in the recording language, as document analysis in that language gives it.
 * Returns 1 with *stem / *stem_len set (stem NULL: the word is its own stem), 0 when it cannot tell, or -1
 * when the stemmer fails (the dictionary missing: no other word will do better). */
static int side_stem(pc_tokenizer_context *ctx, const char *surface, int len, const char **stem, int *stem_len)
{
    if (!ctx->side || ctx->side_generation != ctx->generation) {
        pc_analyzer_free(ctx->side);
        ctx->side = NULL;
        if (pc_analyzer_new(&ctx->side, &ctx->cfg, NULL) != PC_OK)
            return -1;
        ctx->side_generation = ctx->generation;
    }
    int found = pc_analyzer_word_stem(ctx->side, ctx->pairs.lang, surface, len, stem, stem_len);
    if (found < 0)
        return -1;
    if (found == 1 && !*stem && len > PC_STEM_RECORD_IDENTITY_MAX)
        return 0;
    return found == 1 ? 1 : 0;
}

int pc_tokenizer_context_drain_stems(pc_tokenizer_context *ctx, pc_stem_pair_fn fn, void *payload)
{
    stem_pairs *p = &ctx->pairs;
    size_t i = 0;
    int rc = 0;
    bool stemmer_works = true;
    for (; i < p->n_pending && rc == 0; i++) {
        const char *surface, *stem;
        int len, stem_len;
        pair_at(p, p->pending[i], &surface, &len, &stem, &stem_len);
        if (stem_len == STEM_NOT_YET) {
            const char *known;
            int known_len;
            if (!stemmer_works || (ctx->stem_lookup && ctx->stem_lookup(ctx->stem_lookup_payload, p->lang, surface,
                                                                        len, &known, &known_len) == 1))
                continue;
            int found = side_stem(ctx, surface, len, &stem, &stem_len);
            stemmer_works = found >= 0;
            if (found != 1)
                continue;
        }
        rc = fn(payload, p->lang, surface, len, stem, stem_len);
    }
    if (rc != 0)
        i--; /* the pair fn refused stays pending */
    if (i > 0 && i < p->n_pending)
        memmove(p->pending, p->pending + i, (p->n_pending - i) * sizeof *p->pending);
    p->n_pending -= i;
    return rc;
}

bool pc_tokenizer_context_wants_stems(const pc_tokenizer_context *ctx, const char *doc_lang, const char *stem_lang)
{
    const stem_pairs *p = &ctx->pairs;
    return p->lang[0] && p->other_languages && ctx->cfg.exact_forms && stem_lang && strcmp(stem_lang, p->lang) == 0 &&
           doc_lang && doc_lang[0] && strcmp(doc_lang, p->lang) != 0;
}

void pc_tokenizer_context_add_stem(pc_tokenizer_context *ctx, const char *surface, int len, const char *stem,
                                   int stem_len)
{
    if (!ctx->pairs.lang[0] || !pc_stem_pair_recordable(surface, len))
        return;
    if (!stem && len > PC_STEM_RECORD_IDENTITY_MAX)
        return;
    record_pair(ctx, surface, len, stem, stem ? stem_len : 0);
}

/* The pending surface of fw, if any, is its own stem: record it so. */
static void flush_surface(token_forward *fw)
{
    if (fw->surface_len > 0 && fw->surface_len <= PC_STEM_RECORD_IDENTITY_MAX)
        record_pair(fw->record, fw->surface, fw->surface_len, NULL, 0);
    fw->surface_len = -1;
}

/* Watches the terms of a document being recorded: a surface term, then perhaps its colocated stem term. */
static void observe_term(token_forward *fw, const pc_term *term)
{
    if (fw->foreign) {
        if (!term->colocated && pc_stem_pair_recordable(term->text, term->len))
            record_pair(fw->record, term->text, term->len, NULL, STEM_NOT_YET);
        return;
    }
    if (term->colocated) {
        if (fw->surface_len > 0 && term->len > 1 && term->text[0] == PC_STEM_MARK)
            record_pair(fw->record, fw->surface, fw->surface_len, term->text + 1, term->len - 1);
        fw->surface_len = -1;
        return;
    }
    flush_surface(fw);
    if (pc_stem_pair_recordable(term->text, term->len)) {
        memcpy(fw->surface, term->text, (size_t)term->len);
        fw->surface_len = term->len;
    }
}

const char *pc_tokenizer_context_error(const pc_tokenizer_context *ctx)
{
    return ctx->error.code != PC_OK ? ctx->error.msg : NULL;
}

void pc_tokenizer_context_offer(pc_tokenizer_context *ctx, const pc_term_list *terms)
{
    ctx->offered = terms;
}

int pc_tokenizer_context_set_config(pc_tokenizer_context *ctx, const pc_analyzer_config *cfg)
{
    if (cfg)
        ctx->cfg = *cfg;
    else
        pc_analyzer_config_default(&ctx->cfg);
    ctx->generation++;
    return PC_OK;
}

int pc_tokenizer_context_set_query_langs(pc_tokenizer_context *ctx, const char *const *langs, size_t n)
{
    char **copy = NULL;
    if (n > 0) {
        copy = calloc(n, sizeof *copy);
        if (!copy)
            return PC_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            copy[i] = strdup(langs[i] ? langs[i] : "");
            if (!copy[i]) {
                free_langs(copy, i);
                return PC_ENOMEM;
            }
        }
    }
    free_langs(ctx->langs, ctx->n_langs);
    ctx->langs = copy;
    ctx->n_langs = n;
    return PC_OK;
}

static bool lang_char_ok(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool pc_lang_tag_valid(const char *lang)
{
    if (!lang)
        return false;
    size_t n = 0;
    for (; lang[n]; n++)
        if (n >= PC_LANG_MAX || !lang_char_ok((unsigned char)lang[n]))
            return false;
    return n > 0;
}

size_t pc_lang_tag_write(char *buf, const char *lang)
{
    if (!pc_lang_tag_valid(lang))
        return 0;
    size_t n = strlen(lang);
    buf[0] = PC_LANG_TAG;
    memcpy(buf + 1, lang, n);
    buf[n + 1] = PC_LANG_TAG;
    return n + 2;
}

size_t pc_lang_tag_parse(const char *text, size_t len, char *lang_out)
{
    lang_out[0] = '\0';
    if (!text || len < 3 || text[0] != PC_LANG_TAG)
        return 0;
    size_t n = 0;
    while (1 + n < len && n <= PC_LANG_MAX && lang_char_ok((unsigned char)text[1 + n]))
        n++;
    if (n == 0 || n > PC_LANG_MAX || 1 + n >= len || text[1 + n] != PC_LANG_TAG)
        return 0;
    memcpy(lang_out, text + 1, n);
    lang_out[n] = '\0';
    return n + 2;
}

static void tokenizer_delete(Fts5Tokenizer *p)
{
    presscut_tokenizer *t = (presscut_tokenizer *)p;
    if (!t)
        return;
    pc_analyzer_free(t->analyzer);
    free(t);
}

static int tokenizer_create(void *user, const char **args, int n_args, Fts5Tokenizer **out)
{
    *out = NULL;
    if (n_args > 0) /* the configuration comes from the context, never from the table definition */
        return SQLITE_ERROR;
    pc_tokenizer_context *ctx = user;
    presscut_tokenizer *t = calloc(1, sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    t->ctx = ctx;
    t->generation = ctx->generation;
    int rc = pc_analyzer_new(&t->analyzer, &ctx->cfg, NULL);
    if (rc != PC_OK) {
        tokenizer_delete((Fts5Tokenizer *)t);
        return rc == PC_ENOMEM ? SQLITE_NOMEM : SQLITE_ERROR;
    }
    pc_analyzer_set_stem_lookup(t->analyzer, ctx->stem_lookup, ctx->stem_lookup_payload);
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static int forward_term(void *payload, const pc_term *term)
{
    token_forward *fw = payload;
    int rc = fw->xToken(fw->fts5_ctx, term->colocated ? FTS5_TOKEN_COLOCATED : 0, term->text, term->len,
                        term->start + fw->offset_shift, term->end + fw->offset_shift);
    if (rc == 0 && fw->record)
        observe_term(fw, term);
    return rc;
}

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

/* Rebuilds the instance's analyzer when the context's configuration changed since it was built. */
static int refresh_analyzer(presscut_tokenizer *t)
{
    if (t->generation == t->ctx->generation && t->analyzer)
        return SQLITE_OK;
    pc_analyzer *fresh = NULL;
    int rc = pc_analyzer_new(&fresh, &t->ctx->cfg, NULL);
    if (rc != PC_OK)
        return rc == PC_ENOMEM ? SQLITE_NOMEM : SQLITE_ERROR;
    pc_analyzer_set_stem_lookup(fresh, t->ctx->stem_lookup, t->ctx->stem_lookup_payload);
    pc_analyzer_free(t->analyzer);
    t->analyzer = fresh;
    t->generation = t->ctx->generation;
    return SQLITE_OK;
}

/* After the analyzer failed: asks the stemmers of the languages involved why (one that cannot be made, e.g.
 * the hunspell-uk dictionary missing), and keeps the answer for pc_tokenizer_context_error. Stemmers are
 * made lazily, so this is only done when something went wrong. */
static void record_failure(presscut_tokenizer *t, int flags, const char *text, int n_text)
{
    pc_tokenizer_context *ctx = t->ctx;
    if (flags & FTS5_TOKENIZE_QUERY) {
        for (size_t i = 0; i < ctx->n_langs && ctx->error.code == PC_OK; i++)
            pc_analyzer_prepare(t->analyzer, ctx->langs[i], &ctx->error);
    } else {
        char lang[PC_LANG_MAX + 1];
        pc_lang_tag_parse(text, (size_t)n_text, lang);
        pc_analyzer_prepare(t->analyzer, lang, &ctx->error);
    }
}

static int tokenizer_tokenize(Fts5Tokenizer *p, void *fts5_ctx, int flags, const char *text, int n_text,
                              int (*xToken)(void *, int, const char *, int, int, int))
{
    presscut_tokenizer *t = (presscut_tokenizer *)p;
    int rc = refresh_analyzer(t);
    if (rc != SQLITE_OK)
        return rc;
    pc_error_clear(&t->ctx->error);
    if (!text || n_text <= 0)
        return SQLITE_OK;
    token_forward fw = {.fts5_ctx = fts5_ctx, .xToken = xToken, .offset_shift = 0, .surface_len = -1};
    if (flags & FTS5_TOKENIZE_QUERY) {
        bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
        rc = pc_analyze_query(t->analyzer, (const char *const *)t->ctx->langs, t->ctx->n_langs, prefix, text,
                              (size_t)n_text, forward_term, &fw);
    } else {
        char lang[PC_LANG_MAX + 1];
        size_t tag_len = pc_lang_tag_parse(text, (size_t)n_text, lang);
        fw.offset_shift = (int)tag_len;
        const stem_pairs *pairs = &t->ctx->pairs;
        if ((flags & FTS5_TOKENIZE_DOCUMENT) && t->ctx->cfg.exact_forms && pairs->lang[0]) {
            bool same = strcmp(lang, pairs->lang) == 0;
            if (same || (pairs->other_languages && lang[0] &&
                         beyond_greek(text + tag_len, (size_t)n_text - tag_len))) {
                fw.record = t->ctx;
                fw.foreign = !same;
            }
        }
        const pc_term_list *offered = t->ctx->offered;
        t->ctx->offered = NULL;
        if ((flags & FTS5_TOKENIZE_DOCUMENT) && offered &&
            pc_term_list_matches(offered, &t->ctx->cfg, lang, text + tag_len, (size_t)n_text - tag_len))
            rc = pc_term_list_replay(offered, fw.offset_shift, forward_term, &fw);
        else
            rc = pc_analyze(t->analyzer, lang, text + tag_len, (size_t)n_text - tag_len, forward_term, &fw);
        if (rc == 0 && fw.record)
            flush_surface(&fw);
    }
    if (rc > 0) /* an SQLite code returned by xToken: hand it back unchanged */
        return rc;
    if (rc < 0 && rc != PC_ENOMEM)
        record_failure(t, flags, text, n_text);
    if (rc == PC_ENOMEM)
        return SQLITE_NOMEM;
    return rc < 0 ? SQLITE_ERROR : SQLITE_OK;
}

int pc_fts5_tokenizer_register(fts5_api *api, pc_tokenizer_context *ctx)
{
    if (!api || !ctx)
        return SQLITE_MISUSE;
    fts5_tokenizer tokenizer = {
        .xCreate = tokenizer_create,
        .xDelete = tokenizer_delete,
        .xTokenize = tokenizer_tokenize,
    };
    return api->xCreateTokenizer(api, PC_TOKENIZER_NAME, ctx, &tokenizer, NULL);
}
