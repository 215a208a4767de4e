/* entity_forms.c — the forms of an entity (entity_forms.h): for now each alias folded as the index folds
 * words; variants, transliterations and inflections come on top of this. */
#include "presscut/search/entity_forms.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/core/strbuf.h"

void pc_entity_form_options_default(pc_entity_form_options *o)
{
    o->translit = true;
    o->inflect = true;
}

const char *pc_form_kind_name(pc_form_kind kind)
{
    switch (kind) {
    case PC_FORM_ALIAS: return "alias";
    case PC_FORM_VARIANT: return "variant";
    case PC_FORM_TRANSLIT: return "transliteration";
    case PC_FORM_INFLECTION: return "inflection";
    }
    return "?";
}

typedef struct fold_state {
    pc_strbuf words;
    size_t n_words;
} fold_state;

/* Keeps the surface terms (never the colocated stems) of an alias, space-separated. */
static int keep_surface(void *payload, const pc_term *term)
{
    fold_state *st = payload;
    if (term->colocated)
        return 0;
    if (st->n_words)
        pc_strbuf_add(&st->words, " ", 1);
    pc_strbuf_add(&st->words, term->text, (size_t)term->len);
    st->n_words++;
    return 0;
}

static int add_form(pc_entity_forms *f, char *text, size_t n_words, pc_form_kind kind, size_t alias,
                    const char *how)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->forms[i].text, text) == 0) {
            free(text);
            return 0;
        }
    pc_entity_form *grown = realloc(f->forms, (f->n + 1) * sizeof *grown);
    char *how_copy = strdup(how);
    if (!grown || !how_copy) {
        if (grown)
            f->forms = grown;
        free(how_copy);
        free(text);
        return PC_ENOMEM;
    }
    f->forms = grown;
    f->forms[f->n++] = (pc_entity_form){text, n_words, kind, alias, how_copy};
    return 0;
}

int pc_entity_forms_make(pc_store *s, pc_analyzer *a, const char *const *aliases, size_t n_aliases,
                         const pc_entity_form_options *opt, pc_entity_forms *out, pc_error *err)
{
    (void)s;
    (void)opt;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n_aliases; i++) {
        fold_state st = {0};
        int rc = pc_analyze(a, NULL, aliases[i], strlen(aliases[i]), keep_surface, &st);
        if (rc == 0 && st.words.failed)
            rc = PC_ENOMEM;
        if (rc == 0 && st.n_words == 0)
            rc = pc_error_set(err, PC_EINVAL, "alias '%s' has no word to search for", aliases[i]);
        if (rc == 0) {
            rc = add_form(out, st.words.data, st.n_words, PC_FORM_ALIAS, i, "alias");
            st.words.data = NULL;
        }
        pc_strbuf_free(&st.words);
        if (rc != 0) {
            if (rc == PC_ENOMEM)
                pc_error_set(err, rc, "out of memory while making the forms of '%s'", aliases[i]);
            pc_entity_forms_clear(out);
            return rc;
        }
    }
    return 0;
}

void pc_entity_forms_clear(pc_entity_forms *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->forms[i].text);
        free(f->forms[i].how);
    }
    free(f->forms);
    f->forms = NULL;
    f->n = 0;
}
