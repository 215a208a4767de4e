/* term_list.c — terms analysed ahead of time and replayed (see include/presscut/text/term_list.h). One
 * allocation for the records and one arena for the term bytes, grown geometrically. */
#include "presscut/text/term_list.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "presscut/core/array.h"

typedef struct term_record {
    unsigned offset; /* into the arena */
    int len;
    int start, end;
    bool colocated;
} term_record;

struct pc_term_list {
    char lang[16];
    unsigned long long source_hash; /* XXH3-64 of the text */
    size_t source_len;
    bool fold_diacritics, exact_forms; /* the configuration that shapes terms */
    term_record *terms;
    size_t n, cap;
    char *arena;
    size_t arena_len, arena_cap;
    bool failed;
};

static int record_term(void *payload, const pc_term *term)
{
    pc_term_list *l = payload;
    term_record *terms = pc_array_reserve(l->terms, &l->cap, l->n + 1, sizeof *terms, 64);
    if (!terms)
        goto oom;
    l->terms = terms;
    char *arena = pc_array_reserve(l->arena, &l->arena_cap, l->arena_len + (size_t)term->len, 1, 512);
    if (!arena)
        goto oom;
    l->arena = arena;
    memcpy(l->arena + l->arena_len, term->text, (size_t)term->len);
    l->terms[l->n++] = (term_record){
        .offset = (unsigned)l->arena_len, .len = term->len, .start = term->start, .end = term->end,
        .colocated = term->colocated};
    l->arena_len += (size_t)term->len;
    return 0;
oom:
    l->failed = true;
    return PC_ENOMEM;
}

static void copy_lang(char out[16], const char *lang)
{
    size_t n = lang ? strlen(lang) : 0;
    if (n > 15)
        n = 15;
    if (n)
        memcpy(out, lang, n);
    out[n] = '\0';
}

int pc_term_list_build(pc_analyzer *a, const char *lang, const char *text, size_t len, pc_term_list **out)
{
    *out = NULL;
    pc_term_list *l = calloc(1, sizeof *l);
    if (!l)
        return PC_ENOMEM;
    copy_lang(l->lang, lang);
    l->source_hash = XXH3_64bits(text, len);
    l->source_len = len;
    const pc_analyzer_config *cfg = pc_analyzer_get_config(a);
    l->fold_diacritics = cfg->fold_diacritics;
    l->exact_forms = cfg->exact_forms;
    int rc = pc_analyze(a, lang, text, len, record_term, l);
    if (rc != PC_OK || l->failed) {
        pc_term_list_free(l);
        return rc != PC_OK ? rc : PC_ENOMEM;
    }
    *out = l;
    return PC_OK;
}

void pc_term_list_free(pc_term_list *list)
{
    if (!list)
        return;
    free(list->terms);
    free(list->arena);
    free(list);
}

bool pc_term_list_matches(const pc_term_list *list, const pc_analyzer_config *cfg, const char *lang, const char *text,
                          size_t len)
{
    if (!list || list->source_len != len || list->fold_diacritics != cfg->fold_diacritics ||
        list->exact_forms != cfg->exact_forms)
        return false;
    char code[16];
    copy_lang(code, lang);
    if (strcmp(code, list->lang) != 0)
        return false;
    return XXH3_64bits(text, len) == list->source_hash;
}

int pc_term_list_replay(const pc_term_list *list, int offset_shift, pc_term_fn fn, void *payload)
{
    for (size_t i = 0; i < list->n; i++) {
        const term_record *r = &list->terms[i];
        pc_term t = {.text = list->arena + r->offset, .len = r->len, .start = r->start + offset_shift,
                     .end = r->end + offset_shift, .colocated = r->colocated};
        int rc = fn(payload, &t);
        if (rc != 0)
            return rc;
    }
    return 0;
}

size_t pc_term_list_count(const pc_term_list *list)
{
    return list ? list->n : 0;
}

size_t pc_term_list_memory(const pc_term_list *list)
{
    return list ? sizeof *list + list->cap * sizeof *list->terms + list->arena_cap : 0;
}
