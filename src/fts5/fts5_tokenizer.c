/* fts5_tokenizer.c — the "presscut" FTS5 tokenizer: a thin adapter that hands document and query text to the
 * analyzer and its terms to FTS5 (see include/presscut/fts5/fts5_tokenizer.h). Issues no SQL. */
#include "presscut/fts5/fts5_tokenizer.h"

#include <stdlib.h>
#include <string.h>

struct pc_tokenizer_context {
    pc_analyzer_config cfg;
    unsigned generation; /* bumped by set_config: instances with an older one rebuild their analyzer */
    char **langs;        /* query languages */
    size_t n_langs;
    bool no_translit;    /* queries: no Latin alternatives of Cyrillic words */
    const pc_term_list *offered; /* pre-analysed terms for the next document text, or NULL */
    pc_error error;              /* the last analyzer failure; code PC_OK when the last call had none */
    pc_stem_cache *stems;        /* the connection's stem cache (not owned), or NULL */
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
    bool watching;    /* the stem cache watches this document's terms */
    pc_stem_watch watch;
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
    free(ctx);
}

void pc_tokenizer_context_set_stem_cache(pc_tokenizer_context *ctx, pc_stem_cache *cache)
{
    ctx->stems = cache;
    if (cache)
        pc_stem_cache_set_config(cache, &ctx->cfg);
    ctx->generation++; /* instances rebuild their analyzer, which then gets the hook */
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
    if (ctx->stems)
        pc_stem_cache_set_config(ctx->stems, &ctx->cfg);
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

void pc_tokenizer_context_set_query_translit(pc_tokenizer_context *ctx, bool on)
{
    ctx->no_translit = !on;
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
    pc_stem_cache_attach(ctx->stems, t->analyzer);
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static int forward_term(void *payload, const pc_term *term)
{
    token_forward *fw = payload;
    int rc = fw->xToken(fw->fts5_ctx, term->colocated ? FTS5_TOKEN_COLOCATED : 0, term->text, term->len,
                        term->start + fw->offset_shift, term->end + fw->offset_shift);
    if (rc == 0 && fw->watching)
        pc_stem_watch_term(&fw->watch, term);
    return rc;
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
    pc_stem_cache_attach(t->ctx->stems, fresh);
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
    token_forward fw = {.fts5_ctx = fts5_ctx, .xToken = xToken, .offset_shift = 0};
    if (flags & FTS5_TOKENIZE_QUERY) {
        bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
        pc_analyzer_set_query_translit(t->analyzer, !t->ctx->no_translit);
        rc = pc_analyze_query(t->analyzer, (const char *const *)t->ctx->langs, t->ctx->n_langs, prefix, text,
                              (size_t)n_text, forward_term, &fw);
    } else {
        char lang[PC_LANG_MAX + 1];
        size_t tag_len = pc_lang_tag_parse(text, (size_t)n_text, lang);
        fw.offset_shift = (int)tag_len;
        if (flags & FTS5_TOKENIZE_DOCUMENT)
            fw.watching = pc_stem_watch_begin(&fw.watch, t->ctx->stems, lang, text + tag_len, (size_t)n_text - tag_len);
        const pc_term_list *offered = t->ctx->offered;
        t->ctx->offered = NULL;
        if ((flags & FTS5_TOKENIZE_DOCUMENT) && offered &&
            pc_term_list_matches(offered, &t->ctx->cfg, lang, text + tag_len, (size_t)n_text - tag_len))
            rc = pc_term_list_replay(offered, fw.offset_shift, forward_term, &fw);
        else
            rc = pc_analyze(t->analyzer, lang, text + tag_len, (size_t)n_text - tag_len, forward_term, &fw);
        if (rc == 0 && fw.watching)
            pc_stem_watch_end(&fw.watch);
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
