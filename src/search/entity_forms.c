/* entity_forms.c — the forms of an entity (entity_forms.h). Each word of an alias gets its word forms: the
 * word itself; with transliteration, the vocabulary's words of the other script (and the other spellings of
 * the same script) whose Latin spelling has the word's skeleton (name_skeleton.h); English possessives of the
 * Latin ones; with inflection, the vocabulary's case forms of the Cyrillic ones (name_inflect.h). The words'
 * forms are then combined into phrases of one script whose words agree in case, up to a cap. */
#include "presscut/search/entity_forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"
#include "presscut/text/name_inflect.h"
#include "presscut/text/name_skeleton.h"
#include "presscut/text/translit.h"

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

/* ---- the forms of one word ---- */

typedef enum word_script { SCRIPT_NEUTRAL, SCRIPT_LATIN, SCRIPT_CYRILLIC, SCRIPT_OTHER } word_script;

typedef struct word_form {
    char *text;        /* folded word (malloc'd) */
    unsigned cases;    /* PC_CASE_* bits the form may stand in */
    word_script script;
    pc_form_kind kind;
    char *how;         /* malloc'd */
    bool last_only;    /* a possessive: only the last word of a phrase */
    bool in_vocab;     /* the index holds it */
} word_form;

typedef struct word_forms {
    word_form *v;
    size_t n;
} word_forms;

static void word_forms_clear(word_forms *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->v[i].text);
        free(w->v[i].how);
    }
    free(w->v);
    w->v = NULL;
    w->n = 0;
}

static word_script script_of(const char *word, size_t len)
{
    word_script script = SCRIPT_NEUTRAL;
    for (size_t at = 0; at < len;) {
        unsigned int cp = 0;
        at += pc_utf8_next(word + at, len - at, &cp);
        word_script s = (cp >= 'a' && cp <= 'z') ? SCRIPT_LATIN
                        : (cp >= 0x400 && cp <= 0x4ff) ? SCRIPT_CYRILLIC
                        : (cp < 0x80) ? SCRIPT_NEUTRAL /* digits, apostrophes, dots */
                                      : SCRIPT_OTHER;
        if (s != SCRIPT_NEUTRAL && script != SCRIPT_NEUTRAL && s != script)
            return SCRIPT_OTHER;
        if (s != SCRIPT_NEUTRAL)
            script = s;
    }
    return script;
}

/* Adds a word form, or widens the cases of the same text already there. Takes a copy of text and how. */
static int word_forms_add(word_forms *w, const char *text, size_t len, unsigned cases, pc_form_kind kind,
                          const char *how, bool last_only, bool in_vocab)
{
    for (size_t i = 0; i < w->n; i++)
        if (strlen(w->v[i].text) == len && memcmp(w->v[i].text, text, len) == 0) {
            w->v[i].cases |= cases;
            w->v[i].in_vocab |= in_vocab;
            return 0;
        }
    word_form *grown = realloc(w->v, (w->n + 1) * sizeof *grown);
    if (!grown)
        return PC_ENOMEM;
    w->v = grown;
    char *copy = malloc(len + 1), *how_copy = strdup(how);
    if (!copy || !how_copy) {
        free(copy);
        free(how_copy);
        return PC_ENOMEM;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    w->v[w->n++] = (word_form){copy, cases, script_of(text, len), kind, how_copy, last_only, in_vocab};
    return 0;
}

typedef struct forms_ctx {
    pc_store *store;
    pc_translit *translit;
    pc_entity_form_options opt;
    pc_error *err;
} forms_ctx;

/* ---- the vocabulary ---- */

/* Calls fn for every surface term starting with prefix[0, len), of the passages and then of the titles (a
 * word may be in a title only, as "Киеву" in a headline): a term may come twice. Returns 0, fn's value or an
 * error of the store. */
static int vocab_each(pc_store *s, const char *prefix, size_t len,
                      int (*fn)(void *payload, const char *term, size_t len, long long count), void *payload,
                      pc_error *err)
{
    int rc = pc_store_vocab_each(s, prefix, len, fn, payload, err);
    return rc ? rc : pc_store_title_vocab_each(s, prefix, len, fn, payload, err);
}

typedef struct vocab_probe {
    const char *word;
    size_t len;
    bool found;
} vocab_probe;

static int probe_first_term(void *payload, const char *term, size_t len, long long passages)
{
    (void)passages;
    vocab_probe *p = payload;
    p->found |= len == p->len && memcmp(term, p->word, len) == 0;
    return 1; /* the first term of the range is the word itself when the index holds it */
}

static int vocab_has(forms_ctx *c, const char *word, size_t len, bool *found)
{
    vocab_probe p = {word, len, false};
    int rc = pc_store_vocab_each(c->store, word, len, probe_first_term, &p, c->err);
    if ((rc == 0 || rc == 1) && !p.found)
        rc = pc_store_title_vocab_each(c->store, word, len, probe_first_term, &p, c->err);
    *found = p.found;
    return rc == 1 ? 0 : rc;
}

/* ---- transliteration: the same name's words in the vocabulary, by skeleton ---- */

/* A skeleton to look for, and what it came from (for how). */
typedef struct skeleton_target {
    char skeleton[PC_NAME_SKELETON_MAX + 1];
    size_t len;
    char via[512];
} skeleton_target;

#define MAX_TARGETS 6

typedef struct skeleton_search {
    forms_ctx *c;
    const char *word;             /* the alias word */
    word_script word_script;
    const skeleton_target *targets;
    size_t n_targets;
    word_forms *out;
    int rc;
} skeleton_search;

static const skeleton_target *match_target(const skeleton_search *s, const char *skeleton, size_t len)
{
    for (size_t i = 0; i < s->n_targets; i++)
        if (s->targets[i].len == len && memcmp(s->targets[i].skeleton, skeleton, len) == 0)
            return &s->targets[i];
    return NULL;
}

static size_t letters_of(const char *word, size_t len)
{
    size_t n = 0;
    for (size_t at = 0; at < len; n++) {
        unsigned int cp = 0;
        at += pc_utf8_next(word + at, len - at, &cp);
    }
    return n;
}

/* A Cyrillic vocabulary word: kept when one of its transliterations has a target skeleton. */
static int cyrillic_candidate(void *payload, const char *term, size_t len, long long passages)
{
    (void)passages;
    skeleton_search *s = payload;
    if (len > PC_MAX_TERM_BYTES || script_of(term, len) != SCRIPT_CYRILLIC)
        return 0;
    size_t letters = letters_of(term, len);
    for (int scheme = 0; scheme < PC_TRANSLIT_N_SCHEMES; scheme++) {
        char latin[PC_TRANSLIT_OUT_BYTES(PC_MAX_TERM_BYTES)];
        size_t latin_len = 0;
        int rc = pc_translit_word(s->c->translit, (pc_translit_scheme)scheme, term, len, latin, &latin_len,
                                  s->c->err);
        if (rc < 0)
            return s->rc = rc;
        if (rc == 0 || letters > latin_len + 2)
            continue;
        if (s->word_script == SCRIPT_CYRILLIC && !pc_name_cyrillic_vowels_agree(s->word, strlen(s->word), term, len))
            return 0; /* крім is not Крым */
        char skeleton[PC_NAME_SKELETON_MAX + 1];
        size_t k = pc_name_skeleton(latin, latin_len, scheme == PC_TRANSLIT_UK_NATIONAL, skeleton);
        const skeleton_target *t = k ? match_target(s, skeleton, k) : NULL;
        if (!t)
            continue;
        char how[1024];
        snprintf(how, sizeof how, "%s form %s matches %s", pc_translit_scheme_name((pc_translit_scheme)scheme),
                 latin, t->via);
        pc_form_kind kind = s->word_script == SCRIPT_CYRILLIC ? PC_FORM_VARIANT : PC_FORM_TRANSLIT;
        rc = word_forms_add(s->out, term, len, PC_CASE_BASE, kind, how, false, true);
        return rc ? (s->rc = rc) : 0;
    }
    return 0;
}

/* A Latin vocabulary word: kept when its skeleton is a target. */
static int latin_candidate(void *payload, const char *term, size_t len, long long passages)
{
    (void)passages;
    skeleton_search *s = payload;
    char skeleton[PC_NAME_SKELETON_MAX + 1];
    size_t k = pc_name_skeleton(term, len, false, skeleton);
    const skeleton_target *t = k ? match_target(s, skeleton, k) : NULL;
    if (!t)
        return 0;
    char how[600];
    snprintf(how, sizeof how, "spelling of %s", t->via);
    pc_form_kind kind = s->word_script == SCRIPT_LATIN ? PC_FORM_VARIANT : PC_FORM_TRANSLIT;
    int rc = word_forms_add(s->out, term, len, PC_CASE_ANY, kind, how, false, true);
    return rc ? (s->rc = rc) : 0;
}

typedef struct prefix_range {
    skeleton_search *search;
    int (*candidate)(void *payload, const char *term, size_t len, long long passages);
} prefix_range;

static int walk_prefix(void *payload, const char *prefix, size_t len)
{
    prefix_range *r = payload;
    int rc = vocab_each(r->search->c->store, prefix, len, r->candidate, r->search, r->search->c->err);
    return rc ? rc : r->search->rc;
}

/* Finds the vocabulary's words of `script` whose skeleton is one of the targets. */
static int find_by_skeleton(skeleton_search *s, pc_name_script script)
{
    prefix_range r = {s, script == PC_NAME_CYRILLIC ? cyrillic_candidate : latin_candidate};
    for (size_t i = 0; i < s->n_targets; i++) {
        bool seen = false;
        for (size_t j = 0; j < i; j++)
            seen |= strcmp(s->targets[j].skeleton, s->targets[i].skeleton) == 0;
        if (seen)
            continue;
        int rc = pc_name_skeleton_prefixes(s->targets[i].skeleton, s->targets[i].len, script,
                                           script == PC_NAME_CYRILLIC ? 3 : 2, walk_prefix, &r);
        if (rc)
            return rc;
    }
    return 0;
}

static void add_target(skeleton_target *targets, size_t *n, const char *latin, size_t len, bool loose_ie,
                       const char *via)
{
    if (*n >= MAX_TARGETS)
        return;
    skeleton_target *t = &targets[*n];
    t->len = pc_name_skeleton(latin, len, loose_ie, t->skeleton);
    if (t->len == 0)
        return;
    snprintf(t->via, sizeof t->via, "%s", via);
    (*n)++;
}

/* The transliterations of word (an alias word) and the vocabulary's other spellings of it, in both scripts. */
static int transliterations(forms_ctx *c, const char *word, size_t len, word_script script, word_forms *out)
{
    skeleton_target targets[MAX_TARGETS];
    size_t n_targets = 0;
    if (script == SCRIPT_LATIN)
        add_target(targets, &n_targets, word, len, false, word);
    for (int scheme = 0; script == SCRIPT_CYRILLIC && scheme < PC_TRANSLIT_N_SCHEMES; scheme++) {
        char latin[PC_TRANSLIT_OUT_BYTES(PC_MAX_TERM_BYTES)];
        size_t latin_len = 0;
        if (len > PC_MAX_TERM_BYTES)
            break;
        int rc = pc_translit_word(c->translit, (pc_translit_scheme)scheme, word, len, latin, &latin_len, c->err);
        if (rc < 0)
            return rc;
        if (rc == 0)
            continue;
        const char *name = pc_translit_scheme_name((pc_translit_scheme)scheme);
        char via[512];
        snprintf(via, sizeof via, "%s (%s of %.*s)", latin, name, (int)len, word);
        bool found = false;
        rc = vocab_has(c, latin, latin_len, &found);
        if (rc)
            return rc;
        char how[200];
        snprintf(how, sizeof how, "%s transliteration of %.*s", name, (int)len, word);
        if (found && (rc = word_forms_add(out, latin, latin_len, PC_CASE_ANY, PC_FORM_TRANSLIT, how, false, true)))
            return rc;
        add_target(targets, &n_targets, latin, latin_len, false, via);
        if (scheme == PC_TRANSLIT_UK_NATIONAL)
            add_target(targets, &n_targets, latin, latin_len, true, via);
    }
    skeleton_search s = {c, word, script, targets, n_targets, out, 0};
    size_t before = out->n;
    int rc = find_by_skeleton(&s, PC_NAME_CYRILLIC);
    /* Latin spellings of a Latin word only when the name is also written in Cyrillic: Zelensky ->
     * Zelenskyy because зеленский is in the index; a Latin word alone keeps its spelling (Jon is not Ion). */
    bool cyrillic_found = false;
    for (size_t i = before; i < out->n; i++)
        cyrillic_found |= out->v[i].script == SCRIPT_CYRILLIC;
    if (rc == 0 && (script == SCRIPT_CYRILLIC || cyrillic_found))
        rc = find_by_skeleton(&s, PC_NAME_LATIN);
    return rc;
}

/* ---- possessives and inflections ---- */

static int possessives(forms_ctx *c, word_forms *w)
{
    size_t n = w->n;
    for (size_t i = 0; i < n; i++) {
        if (w->v[i].script != SCRIPT_LATIN || w->v[i].last_only)
            continue;
        char word[PC_MAX_TERM_BYTES + 4], how[PC_MAX_TERM_BYTES + 32];
        int len = snprintf(word, sizeof word, "%s's", w->v[i].text);
        if (len < 0 || (size_t)len >= sizeof word)
            continue;
        bool found = false;
        int rc = vocab_has(c, word, (size_t)len, &found);
        if (rc == 0 && found) {
            snprintf(how, sizeof how, "possessive of %s", w->v[i].text);
            rc = word_forms_add(w, word, (size_t)len, PC_CASE_ANY, PC_FORM_VARIANT, how, true, true);
        }
        if (rc)
            return rc;
    }
    return 0;
}

typedef struct inflection_walk {
    const pc_name_paradigm *paradigm;
    const char *base;
    word_forms *out;
    int rc;
} inflection_walk;

static int inflection_candidate(void *payload, const char *term, size_t len, long long passages)
{
    (void)passages;
    inflection_walk *iw = payload;
    unsigned cases = pc_name_paradigm_form(iw->paradigm, term, len);
    if (!cases)
        return 0;
    char how[PC_MAX_TERM_BYTES + 48];
    snprintf(how, sizeof how, "%s inflection of %s", iw->paradigm->lang, iw->base);
    iw->rc = word_forms_add(iw->out, term, len, cases, PC_FORM_INFLECTION, how, false, true);
    return iw->rc;
}

/* The vocabulary's case forms of the Cyrillic words among w's first n (the alias word and the words found
 * for it). A word with no paradigm does not inflect and agrees with every case. */
static int inflections(forms_ctx *c, word_forms *w, size_t n, bool acronym)
{
    for (size_t i = 0; i < n; i++) {
        if (w->v[i].script != SCRIPT_CYRILLIC)
            continue;
        pc_name_paradigm paradigms[PC_NAME_MAX_PARADIGMS];
        size_t n_paradigms = acronym ? 0 : pc_name_paradigms(w->v[i].text, strlen(w->v[i].text), paradigms,
                                                             PC_NAME_MAX_PARADIGMS);
        if (n_paradigms == 0 || !c->opt.inflect) {
            w->v[i].cases = PC_CASE_ANY;
            continue;
        }
        char base[PC_MAX_TERM_BYTES + 1];
        snprintf(base, sizeof base, "%s", w->v[i].text);
        for (size_t p = 0; p < n_paradigms; p++) {
            inflection_walk iw = {&paradigms[p], base, w, 0};
            int rc = vocab_each(c->store, paradigms[p].stem, paradigms[p].stem_len, inflection_candidate, &iw,
                                c->err);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* Every form of one alias word. `acronym`: the word was written in capitals (NATO, США), which do not
 * inflect. */
static int word_variants(forms_ctx *c, const char *word, size_t len, bool acronym, word_forms *out)
{
    word_script script = script_of(word, len);
    bool found = false;
    int rc = vocab_has(c, word, len, &found);
    if (rc == 0)
        rc = word_forms_add(out, word, len, PC_CASE_BASE, PC_FORM_ALIAS, "alias", false, found);
    if (rc == 0 && c->opt.translit && (script == SCRIPT_LATIN || script == SCRIPT_CYRILLIC))
        rc = transliterations(c, word, len, script, out);
    if (rc == 0)
        rc = possessives(c, out);
    if (rc == 0)
        rc = inflections(c, out, out->n, acronym);
    for (size_t i = 0; i < out->n; i++)
        if (out->v[i].script != SCRIPT_CYRILLIC)
            out->v[i].cases = PC_CASE_ANY; /* only Cyrillic names inflect here */
    return rc;
}

/* ---- an alias: its words, folded, and their forms combined into phrases ---- */

typedef struct alias_words {
    pc_strbuf words;   /* folded words, each NUL-terminated, one after the other */
    size_t n_words;
    bool acronym[32];  /* per word (the first 32) */
    const char *raw;
} alias_words;

/* A word written in capitals only, of two letters or more. */
static bool is_acronym(const char *raw, size_t len)
{
    size_t upper = 0;
    for (size_t at = 0; at < len;) {
        unsigned int cp = 0;
        at += pc_utf8_next(raw + at, len - at, &cp);
        if ((cp >= 'a' && cp <= 'z') || (cp >= 0x430 && cp <= 0x45f) || cp == 0x491 || (cp >= 0xdf && cp <= 0xff))
            return false;
        upper += (cp >= 'A' && cp <= 'Z') || (cp >= 0x400 && cp <= 0x42f) || cp == 0x490;
    }
    return upper >= 2;
}

/* Keeps the surface terms (never the colocated stems) of an alias. */
static int keep_surface(void *payload, const pc_term *term)
{
    alias_words *aw = payload;
    if (term->colocated)
        return 0;
    if (aw->n_words < sizeof aw->acronym / sizeof aw->acronym[0])
        aw->acronym[aw->n_words] = is_acronym(aw->raw + term->start, (size_t)(term->end - term->start));
    pc_strbuf_add(&aw->words, term->text, (size_t)term->len);
    pc_strbuf_add(&aw->words, "", 1);
    aw->n_words++;
    return 0;
}

/* The words of an alias joined by single spaces (malloc'd), or NULL when out of memory. */
static char *joined(const alias_words *aw)
{
    char *text = malloc(aw->words.len + 1);
    if (!text)
        return NULL;
    memcpy(text, aw->words.data, aw->words.len);
    for (size_t i = 0; i + 1 < aw->words.len; i++)
        if (text[i] == '\0')
            text[i] = ' ';
    text[aw->words.len ? aw->words.len - 1 : 0] = '\0';
    return text;
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

typedef struct phrase_walk {
    pc_entity_forms *out;
    const word_forms *words;
    size_t n_words, alias;
    const word_form *chosen[PC_ENTITY_FORMS_MAX_WORDS];
    size_t made, visits;
    int rc;
} phrase_walk;

static int emit_phrase(phrase_walk *pw)
{
    pc_strbuf text = {0}, how = {0};
    pc_form_kind kind = PC_FORM_ALIAS;
    for (size_t i = 0; i < pw->n_words; i++) {
        const word_form *f = pw->chosen[i];
        if (i)
            pc_strbuf_add(&text, " ", 1);
        pc_strbuf_add_str(&text, f->text);
        if (f->kind > kind)
            kind = f->kind;
        if (f->kind != PC_FORM_ALIAS && !(how.data && strstr(how.data, f->how))) {
            if (how.len)
                pc_strbuf_add(&how, "; ", 2);
            pc_strbuf_add_str(&how, f->how);
        }
    }
    int rc = text.failed || how.failed ? PC_ENOMEM : 0;
    if (rc == 0) {
        rc = add_form(pw->out, text.data, pw->n_words, kind, pw->alias, how.data ? how.data : "alias");
        text.data = NULL;
    }
    pc_strbuf_free(&text);
    pc_strbuf_free(&how);
    return rc;
}

/* Chooses a form for word `at` onwards: one script for all words, a case all agree on, possessives last. */
static void combine(phrase_walk *pw, size_t at, unsigned cases, word_script script)
{
    if (pw->rc || ++pw->visits > PC_ENTITY_FORMS_MAX_VISITS)
        return;
    if (at == pw->n_words) {
        if (pw->made < PC_ENTITY_FORMS_MAX_PER_ALIAS)
            pw->rc = emit_phrase(pw);
        else
            pw->out->n_left_out++;
        pw->made++;
        return;
    }
    for (size_t i = 0; i < pw->words[at].n && !pw->rc; i++) {
        const word_form *f = &pw->words[at].v[i];
        unsigned agreed = cases & f->cases;
        bool same_script = script == SCRIPT_NEUTRAL || f->script == SCRIPT_NEUTRAL || f->script == script;
        if (!f->in_vocab || !agreed || !same_script || (f->last_only && at + 1 != pw->n_words))
            continue;
        pw->chosen[at] = f;
        combine(pw, at + 1, agreed, f->script == SCRIPT_NEUTRAL ? script : f->script);
    }
}

int pc_entity_forms_make(pc_store *s, pc_analyzer *a, const char *const *aliases, size_t n_aliases,
                         const pc_entity_form_options *opt, pc_entity_forms *out, pc_error *err)
{
    memset(out, 0, sizeof *out);
    forms_ctx c = {.store = s, .err = err};
    if (opt)
        c.opt = *opt;
    else
        pc_entity_form_options_default(&c.opt);
    alias_words *folded = calloc(n_aliases ? n_aliases : 1, sizeof *folded);
    int rc = folded ? 0 : PC_ENOMEM;
    /* The aliases themselves come first. */
    for (size_t i = 0; i < n_aliases && rc == 0; i++) {
        folded[i].raw = aliases[i];
        rc = pc_analyze(a, NULL, aliases[i], strlen(aliases[i]), keep_surface, &folded[i]);
        if (rc == 0 && folded[i].words.failed)
            rc = PC_ENOMEM;
        if (rc == 0 && folded[i].n_words == 0)
            rc = pc_error_set(err, PC_EINVAL, "alias '%s' has no word to search for", aliases[i]);
        if (rc == 0 && folded[i].n_words > PC_ENTITY_FORMS_MAX_WORDS)
            rc = pc_error_set(err, PC_EINVAL, "alias '%s' has more than %d words: give a shorter one", aliases[i],
                              PC_ENTITY_FORMS_MAX_WORDS);
        if (rc == 0) {
            char *text = joined(&folded[i]);
            rc = text ? add_form(out, text, folded[i].n_words, PC_FORM_ALIAS, i, "alias") : PC_ENOMEM;
        }
    }
    if (rc == 0 && c.opt.translit)
        rc = pc_translit_new(&c.translit, err);
    for (size_t i = 0; i < n_aliases && rc == 0; i++) {
        word_forms words[PC_ENTITY_FORMS_MAX_WORDS];
        memset(words, 0, sizeof words);
        const char *word = folded[i].words.data;
        for (size_t k = 0; k < folded[i].n_words && rc == 0; k++) {
            bool acronym = k < sizeof folded[i].acronym / sizeof folded[i].acronym[0] && folded[i].acronym[k];
            rc = word_variants(&c, word, strlen(word), acronym, &words[k]);
            word += strlen(word) + 1;
        }
        phrase_walk pw = {.out = out, .words = words, .n_words = folded[i].n_words, .alias = i};
        if (rc == 0) {
            combine(&pw, 0, PC_CASE_ANY, SCRIPT_NEUTRAL);
            rc = pw.rc;
        }
        for (size_t k = 0; k < folded[i].n_words; k++)
            word_forms_clear(&words[k]);
    }
    for (size_t i = 0; folded && i < n_aliases; i++)
        pc_strbuf_free(&folded[i].words);
    free(folded);
    pc_translit_free(c.translit);
    if (rc != 0) {
        if (rc == PC_ENOMEM)
            pc_error_set(err, rc, "out of memory while making the forms of an entity");
        pc_entity_forms_clear(out);
    }
    return rc;
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
    f->n_left_out = 0;
}
