/* mentions.c — every mention of an entity (mentions.h): the candidates come from the index through the query
 * session (an OR of the entity's forms as exact phrases, under the session's filters), then each candidate's
 * title and body are scanned word by word with the analyzer's surface terms. Also the list that sorts
 * mentions and the counts per bucket that --by prints. */
#include "presscut/search/mentions.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"
#include "presscut/fts5/rank_inputs.h"
#include "presscut/search/search.h"
#include "presscut/text/dates.h"

/* A query of forms is kept under the parser's limit with room to spare; more forms make more queries. */
#define FORMS_QUERY_BYTES (PC_QUERY_MAX_BYTES - 256)

typedef enum case_shape { SHAPE_LOWER, SHAPE_TITLE, SHAPE_UPPER } case_shape;

/* The case shapes of an alias's words, for --case-sensitive. */
typedef struct alias_shapes {
    case_shape *shapes;
    size_t n;
} alias_shapes;

/* A word of the field being scanned: its bytes in the field, and its folded surface term in scan.keys. */
typedef struct scan_word {
    size_t start, end;
    size_t key_off, key_len;
} scan_word;

typedef struct scan_state {
    scan_word *words;
    size_t n, cap;
    pc_strbuf keys;
    bool failed;
} scan_state;

struct pc_mentions {
    pc_query_session *qs;
    pc_mention_options opt;
    char **aliases;
    size_t n_aliases;
    alias_shapes *shapes;   /* per alias */
    pc_entity_forms forms;
    size_t *by_first_word;  /* form indices sorted by first word, then by more words first */
    long long *form_counts; /* per form, of the last run */
    scan_state scan;
    pc_strbuf left_key, right_key;
};

void pc_mention_options_default(pc_mention_options *o)
{
    pc_entity_form_options_default(&o->forms);
    o->case_sensitive = false;
    o->all_copies = false;
    o->context_words = PC_MENTION_CONTEXT_DEFAULT;
}

/* ---- words and their case ---- */

static case_shape word_shape(const char *s, size_t len)
{
    size_t upper = 0, lower = 0;
    bool first_upper = false, seen = false;
    for (size_t i = 0; i < len;) {
        unsigned int cp;
        i += pc_utf8_next(s + i, len - i, &cp);
        bool up = u_isupper((UChar32)cp), low = u_islower((UChar32)cp);
        if (!up && !low)
            continue;
        if (!seen)
            first_upper = up;
        seen = true;
        upper += up;
        lower += low;
    }
    if (upper >= 2 && lower == 0)
        return SHAPE_UPPER;
    return first_upper ? SHAPE_TITLE : SHAPE_LOWER;
}

static int collect_word(void *payload, const pc_term *term)
{
    scan_state *st = payload;
    if (term->colocated)
        return 0;
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 256;
        scan_word *grown = realloc(st->words, cap * sizeof *grown);
        if (!grown) {
            st->failed = true;
            return PC_ENOMEM;
        }
        st->words = grown;
        st->cap = cap;
    }
    st->words[st->n++] = (scan_word){(size_t)term->start, (size_t)term->end, st->keys.len, (size_t)term->len};
    pc_strbuf_add(&st->keys, term->text, (size_t)term->len);
    return 0;
}

/* Splits text into words with the analyzer (no stemming) into st (emptied first). */
static int scan_words(pc_analyzer *a, scan_state *st, const char *text, size_t len)
{
    st->n = 0;
    st->failed = false;
    pc_strbuf_reset(&st->keys);
    int rc = pc_analyze(a, NULL, text, len, collect_word, st);
    if (rc == PC_OK && (st->failed || st->keys.failed))
        rc = PC_ENOMEM;
    return rc;
}

static int make_shapes(pc_analyzer *a, const char *alias, alias_shapes *out)
{
    scan_state st = {0};
    int rc = scan_words(a, &st, alias, strlen(alias));
    if (rc == PC_OK && st.n) {
        out->shapes = malloc(st.n * sizeof *out->shapes);
        if (!out->shapes)
            rc = PC_ENOMEM;
        for (size_t i = 0; rc == PC_OK && i < st.n; i++)
            out->shapes[i] = word_shape(alias + st.words[i].start, st.words[i].end - st.words[i].start);
        if (rc == PC_OK)
            out->n = st.n;
    }
    free(st.words);
    pc_strbuf_free(&st.keys);
    return rc;
}

/* ---- the forms, by first word ---- */

static size_t first_word_len(const char *form)
{
    const char *space = strchr(form, ' ');
    return space ? (size_t)(space - form) : strlen(form);
}

static int compare_bytes(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

static const pc_entity_forms *sorting_forms; /* qsort has no payload; set only around the sort below */

static int compare_form_order(const void *x, const void *y)
{
    const pc_entity_form *a = &sorting_forms->forms[*(const size_t *)x];
    const pc_entity_form *b = &sorting_forms->forms[*(const size_t *)y];
    int c = compare_bytes(a->text, first_word_len(a->text), b->text, first_word_len(b->text));
    if (c)
        return c;
    if (a->n_words != b->n_words)
        return a->n_words > b->n_words ? -1 : 1;
    return (*(const size_t *)x > *(const size_t *)y) - (*(const size_t *)x < *(const size_t *)y);
}

/* The first entry of by_first_word whose first word is key[0, len), or m->forms.n when none. */
static size_t first_form_with(const pc_mentions *m, const char *key, size_t len)
{
    size_t lo = 0, hi = m->forms.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *t = m->forms.forms[m->by_first_word[mid]].text;
        if (compare_bytes(t, first_word_len(t), key, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < m->forms.n) {
        const char *t = m->forms.forms[m->by_first_word[lo]].text;
        if (compare_bytes(t, first_word_len(t), key, len) == 0)
            return lo;
    }
    return m->forms.n;
}

/* True when the words of `form` are the scan's words from `at` on. */
static bool form_matches(const scan_state *st, const pc_entity_form *form, size_t at)
{
    if (at + form->n_words > st->n)
        return false;
    const char *p = form->text;
    for (size_t k = 0; k < form->n_words; k++) {
        size_t len = first_word_len(p);
        const scan_word *w = &st->words[at + k];
        if (len != w->key_len || memcmp(p, st->keys.data + w->key_off, len) != 0)
            return false;
        p += len + (p[len] == ' ');
    }
    return true;
}

static bool case_agrees(const pc_mentions *m, const pc_entity_form *form, const char *text, size_t at)
{
    const alias_shapes *as = &m->shapes[form->alias];
    if (!as->n)
        return true;
    for (size_t k = 0; k < form->n_words; k++) {
        const scan_word *w = &m->scan.words[at + k];
        case_shape want = as->shapes[k < as->n ? k : as->n - 1];
        if (word_shape(text + w->start, w->end - w->start) != want)
            return false;
    }
    return true;
}

/* ---- making and freeing ---- */

int pc_mentions_new(pc_mentions **out, pc_query_session *qs, const char *const *aliases, size_t n_aliases,
                    const pc_mention_options *opt, pc_error *err)
{
    *out = NULL;
    if (n_aliases == 0)
        return pc_error_set(err, PC_EINVAL, "no name to find mentions of: give a name or --alias");
    pc_mention_options defaults;
    pc_mention_options_default(&defaults);
    if (!opt)
        opt = &defaults;
    if (opt->context_words > PC_MENTION_CONTEXT_MAX)
        return pc_error_set(err, PC_EINVAL, "--context %zu is too wide: give at most %d words", opt->context_words,
                            PC_MENTION_CONTEXT_MAX);
    pc_mentions *m = calloc(1, sizeof *m);
    if (!m)
        return pc_error_set(err, PC_ENOMEM, "out of memory while preparing mentions");
    m->qs = qs;
    m->opt = *opt;
    m->aliases = calloc(n_aliases, sizeof *m->aliases);
    m->shapes = calloc(n_aliases, sizeof *m->shapes);
    int rc = m->aliases && m->shapes ? PC_OK : PC_ENOMEM;
    pc_analyzer *a = pc_query_session_analyzer(qs);
    for (size_t i = 0; rc == PC_OK && i < n_aliases; i++) {
        m->aliases[i] = strdup(aliases[i]);
        m->n_aliases = i + 1;
        rc = m->aliases[i] ? make_shapes(a, aliases[i], &m->shapes[i]) : PC_ENOMEM;
    }
    if (rc != PC_OK) {
        pc_mentions_free(m);
        return pc_error_set(err, rc, "out of memory while preparing mentions");
    }
    rc = pc_entity_forms_make(pc_query_session_store(qs), a, (const char *const *)m->aliases, m->n_aliases,
                              &opt->forms, &m->forms, err);
    if (rc == PC_OK) {
        m->by_first_word = malloc(m->forms.n * sizeof *m->by_first_word);
        m->form_counts = calloc(m->forms.n, sizeof *m->form_counts);
        if (!m->by_first_word || !m->form_counts)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while preparing mentions");
    }
    if (rc != PC_OK) {
        pc_mentions_free(m);
        return rc;
    }
    for (size_t i = 0; i < m->forms.n; i++)
        m->by_first_word[i] = i;
    sorting_forms = &m->forms;
    qsort(m->by_first_word, m->forms.n, sizeof *m->by_first_word, compare_form_order);
    sorting_forms = NULL;
    *out = m;
    return PC_OK;
}

void pc_mentions_free(pc_mentions *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_aliases; i++) {
        free(m->aliases[i]);
        free(m->shapes[i].shapes);
    }
    free(m->aliases);
    free(m->shapes);
    pc_entity_forms_clear(&m->forms);
    free(m->by_first_word);
    free(m->form_counts);
    free(m->scan.words);
    pc_strbuf_free(&m->scan.keys);
    pc_strbuf_free(&m->left_key);
    pc_strbuf_free(&m->right_key);
    free(m);
}

const pc_entity_forms *pc_mentions_forms(const pc_mentions *m)
{
    return &m->forms;
}

const char *const *pc_mentions_aliases(const pc_mentions *m, size_t *n)
{
    *n = m->n_aliases;
    return (const char *const *)m->aliases;
}

long long pc_mentions_form_count(const pc_mentions *m, size_t form)
{
    return form < m->forms.n ? m->form_counts[form] : 0;
}

/* ---- candidates ---- */

static int compare_ids(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Adds the articles that query `text` (forms ORed) matches to *ids. */
static int add_candidates(pc_mentions *m, const char *text, long long **ids, size_t *n, pc_error *err)
{
    pc_query_options qo = {.no_translit = true};
    int rc = pc_query_session_retarget(m->qs, text, &qo, err);
    long long *found = NULL;
    size_t n_found = 0;
    if (rc == PC_OK)
        rc = pc_search_article_ids(m->qs, &found, &n_found, err);
    if (rc == PC_OK && n_found) {
        long long *grown = realloc(*ids, (*n + n_found) * sizeof *grown);
        if (!grown)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while collecting articles");
        else {
            memcpy(grown + *n, found, n_found * sizeof *found);
            *ids = grown;
            *n += n_found;
        }
    }
    free(found);
    return rc;
}

/* The index's words that hold a one-word form glued by a dot, as scan_dotted_parts finds them: the name
 * first ("яндекс.новости") or after an initial ("в.путин"). Collected as query text. */
typedef struct dotted_terms {
    pc_strbuf *query;
    const char *form;
    size_t form_len;
} dotted_terms;

static int add_dotted_term(void *payload, const char *term, size_t len, long long count)
{
    (void)count;
    dotted_terms *d = payload;
    const char *dot = memchr(term, '.', len);
    bool name_first = dot && (size_t)(dot - term) == d->form_len;
    bool after_initial = dot && len > d->form_len && memcmp(term + len - d->form_len, d->form, d->form_len) == 0;
    if (!name_first && !after_initial)
        return 0;
    pc_strbuf_add_str(d->query, " OR =\"");
    pc_strbuf_add(d->query, term, len);
    pc_strbuf_add_str(d->query, "\"");
    return 0;
}

/* Adds the dotted words of form f to *q (as " OR =\"word\"" each); the initials tried are the letters of the
 * form's script. Returns 0 or PC_EDB. */
static int add_dotted_forms(pc_mentions *m, const pc_entity_form *f, pc_strbuf *q, pc_error *err)
{
    static const char *const initials[] = {
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u",
        "v", "w", "x", "y", "z", "а", "б", "в", "г", "ґ", "д", "е", "є", "ж", "з", "и", "і", "ї", "й", "к", "л",
        "м", "н", "о", "п", "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "э", "ю", "я"};
    if (f->n_words != 1)
        return PC_OK;
    pc_store *s = pc_query_session_store(m->qs);
    dotted_terms d = {q, f->text, strlen(f->text)};
    char prefix[PC_MAX_TERM_BYTES + 8];
    int rc = PC_OK;
    for (size_t i = 0; rc == PC_OK && i <= sizeof initials / sizeof initials[0]; i++) {
        int n = i == 0 ? snprintf(prefix, sizeof prefix, "%s.", f->text)
                       : snprintf(prefix, sizeof prefix, "%s.%s", initials[i - 1], f->text);
        if (n <= 0 || (size_t)n >= sizeof prefix || (size_t)n > PC_MAX_TERM_BYTES)
            continue;
        rc = pc_store_vocab_each(s, prefix, (size_t)n, add_dotted_term, &d, err);
        if (rc == PC_OK)
            rc = pc_store_title_vocab_each(s, prefix, (size_t)n, add_dotted_term, &d, err);
    }
    return rc;
}

/* Every article in which some form occurs as a phrase of exact surface terms, or glued by a dot, under the
 * session's filters: sorted, without repeats. */
static int find_candidates(pc_mentions *m, long long **ids, size_t *n, pc_error *err)
{
    *ids = NULL;
    *n = 0;
    pc_strbuf q = {0};
    int rc = PC_OK;
    for (size_t i = 0; rc == PC_OK && i < m->forms.n; i++) {
        const char *t = m->forms.forms[i].text;
        if (q.len && q.len + strlen(t) + 8 > FORMS_QUERY_BYTES) {
            rc = add_candidates(m, q.data, ids, n, err);
            pc_strbuf_reset(&q);
        }
        pc_strbuf_add_str(&q, q.len ? " OR =\"" : "=\"");
        pc_strbuf_add_str(&q, t);
        pc_strbuf_add_str(&q, "\"");
        pc_strbuf dotted = {0};
        rc = add_dotted_forms(m, &m->forms.forms[i], &dotted, err);
        if (rc == PC_OK && dotted.len) {
            if (dotted.failed)
                rc = pc_error_set(err, PC_ENOMEM, "out of memory while building the forms query");
            else if (q.len + dotted.len > FORMS_QUERY_BYTES) {
                rc = add_candidates(m, dotted.data + 4, ids, n, err); /* without its leading " OR " */
            } else
                pc_strbuf_add(&q, dotted.data, dotted.len);
        }
        pc_strbuf_free(&dotted);
    }
    if (rc == PC_OK && q.failed)
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while building the forms query");
    if (rc == PC_OK && q.len)
        rc = add_candidates(m, q.data, ids, n, err);
    pc_strbuf_free(&q);
    if (rc == PC_OK && *n) {
        qsort(*ids, *n, sizeof **ids, compare_ids);
        size_t k = 1;
        for (size_t i = 1; i < *n; i++)
            if ((*ids)[i] != (*ids)[k - 1])
                (*ids)[k++] = (*ids)[i];
        *n = k;
    }
    if (rc != PC_OK) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

static int compare_cluster_then_id(const void *x, const void *y)
{
    const pc_article_facts *a = x, *b = y;
    if (a->cluster != b->cluster)
        return (a->cluster > b->cluster) - (a->cluster < b->cluster);
    return (a->article_id > b->article_id) - (a->article_id < b->article_id);
}

/* ---- scanning one article ---- */

typedef struct run_state {
    pc_mentions *m;
    pc_mention_fn fn;
    void *payload;
    pc_mention_totals totals;
    bool story_has_mention;
} run_state;

/* The folded context words: from word `from` down to `to` (exclusive) backwards, or up to it forwards. */
static void context_key(pc_strbuf *out, const scan_state *st, size_t from, size_t count, bool backwards)
{
    pc_strbuf_reset(out);
    pc_strbuf_add(out, "", 0);
    for (size_t k = 0; k < count; k++) {
        const scan_word *w = &st->words[backwards ? from - k : from + k];
        if (k)
            pc_strbuf_add(out, " ", 1);
        pc_strbuf_add(out, st->keys.data + w->key_off, w->key_len);
    }
}

/* One field (title or body) of an article being scanned, and where the count of characters has got to. */
typedef struct field_scan {
    const pc_store_article *art;
    long long cluster, copies;
    bool in_title;
    const char *text;
    size_t len;
    bool *article_seen;
    size_t char_pos, byte_pos; /* characters before byte_pos */
} field_scan;

/* Counts and hands over the mention text[start, end) of form `form`, made of the scan's words first..last
 * (the context is taken around them). Returns 0, fn's value or PC_ENOMEM. */
static int hand_over(run_state *rs, field_scan *fs, size_t form, size_t first, size_t last, size_t start,
                     size_t end, pc_error *err)
{
    pc_mentions *m = rs->m;
    const scan_state *st = &m->scan;
    const pc_entity_form *f = &m->forms.forms[form];
    size_t ctx = m->opt.context_words;
    size_t n_left = first < ctx ? first : ctx, n_right = st->n - last - 1 < ctx ? st->n - last - 1 : ctx;
    size_t left_from = n_left ? st->words[first - n_left].start : st->words[first].start;
    size_t right_to = n_right ? st->words[last + n_right].end : st->words[last].end;
    if (start > fs->byte_pos)
        fs->char_pos += pc_utf8_count_chars(fs->text + fs->byte_pos, start - fs->byte_pos);
    size_t char_start = fs->char_pos;
    fs->char_pos += pc_utf8_count_chars(fs->text + start, end - start);
    fs->byte_pos = end;
    context_key(&m->left_key, st, first - 1, n_left, true);
    context_key(&m->right_key, st, last + 1, n_right, false);
    if (m->left_key.failed || m->right_key.failed)
        return pc_error_set(err, PC_ENOMEM, "out of memory while reading mentions");
    const pc_store_article *art = fs->art;
    pc_mention mention = {
        .article_id = art->id,
        .cluster = fs->cluster,
        .copies = fs->copies,
        .represents = m->opt.all_copies ? 1 : 1 + fs->copies,
        .path = art->path, .record = art->record, .date = art->published, .source = art->source,
        .title = art->title, .lang = art->lang, .url = art->url,
        .in_title = fs->in_title,
        .byte_start = start, .byte_end = end, .char_start = char_start, .char_end = fs->char_pos,
        .text = fs->text + start, .text_len = end - start,
        .left = fs->text + left_from, .left_len = start - left_from,
        .right = fs->text + end, .right_len = right_to - end,
        .left_key = m->left_key.data, .right_key = m->right_key.data,
        .form = form, .alias = m->aliases[f->alias], .form_text = f->text, .kind = f->kind,
        .article_first = !*fs->article_seen,
        .story_first = !rs->story_has_mention,
    };
    rs->totals.mentions++;
    if (mention.article_first)
        rs->totals.articles += mention.represents;
    if (mention.story_first)
        rs->totals.stories++;
    *fs->article_seen = rs->story_has_mention = true;
    m->form_counts[form]++;
    return rs->fn(rs->payload, &mention);
}

/* The longest form whose words are the scan's words from `at` on (and, case_sensitive, in its alias's case
 * shape), or m->forms.n. */
static size_t form_at(const pc_mentions *m, const char *text, size_t at)
{
    const scan_state *st = &m->scan;
    const scan_word *w = &st->words[at];
    for (size_t e = first_form_with(m, st->keys.data + w->key_off, w->key_len); e < m->forms.n; e++) {
        const pc_entity_form *f = &m->forms.forms[m->by_first_word[e]];
        if (compare_bytes(f->text, first_word_len(f->text), st->keys.data + w->key_off, w->key_len) != 0)
            break;
        if (form_matches(st, f, at) && (!m->opt.case_sensitive || case_agrees(m, f, text, at)))
            return m->by_first_word[e];
    }
    return m->forms.n;
}

/* A word written right after a dot, as in ".eu" or "«.ru»", is the end of an address, not a name (an
 * ellipsis before a word does not count). */
static bool after_glued_dot(const char *text, size_t start)
{
    return start >= 1 && text[start - 1] == '.' && !(start >= 2 && text[start - 2] == '.');
}

/* A word the analyzer keeps whole across dots ("яндекс.новости", "в.путин", "news.yandex.ru"): each part
 * written with a capital letter that is a one-word form is a mention (Яндекс.Новости, В.Путин); parts of a
 * lower-case address are not. Hands over the mentions found in word `at`. */
static int scan_dotted_parts(run_state *rs, field_scan *fs, size_t at, pc_error *err)
{
    pc_mentions *m = rs->m;
    const scan_word *w = &m->scan.words[at];
    const char *key = m->scan.keys.data + w->key_off, *raw = fs->text + w->start;
    size_t key_len = w->key_len, raw_len = w->end - w->start;
    if (!memchr(key, '.', key_len))
        return PC_OK;
    size_t key_at = 0, raw_at = 0;
    while (key_at <= key_len && raw_at <= raw_len) {
        const char *key_dot = memchr(key + key_at, '.', key_len - key_at);
        const char *raw_dot = memchr(raw + raw_at, '.', raw_len - raw_at);
        size_t key_part = key_dot ? (size_t)(key_dot - key) - key_at : key_len - key_at;
        size_t raw_part = raw_dot ? (size_t)(raw_dot - raw) - raw_at : raw_len - raw_at;
        if (!key_dot != !raw_dot)
            return PC_OK; /* folding changed the dots: the parts cannot be placed */
        size_t e = key_part && raw_part ? first_form_with(m, key + key_at, key_part) : m->forms.n;
        for (; e < m->forms.n; e++) {
            size_t form = m->by_first_word[e];
            const pc_entity_form *f = &m->forms.forms[form];
            if (compare_bytes(f->text, first_word_len(f->text), key + key_at, key_part) != 0)
                break;
            case_shape shape = word_shape(raw + raw_at, raw_part);
            const alias_shapes *as = &m->shapes[f->alias];
            if (f->n_words != 1 || shape == SHAPE_LOWER ||
                (m->opt.case_sensitive && as->n && shape != as->shapes[0]))
                continue;
            int rc = hand_over(rs, fs, form, at, at, w->start + raw_at, w->start + raw_at + raw_part, err);
            if (rc != 0)
                return rc;
            break;
        }
        if (!key_dot)
            break;
        key_at += key_part + 1;
        raw_at += raw_part + 1;
    }
    return PC_OK;
}

/* Finds the mentions in one field (title or body) of article `art`, marks the first of the article
 * (*article_seen) and of the story, counts them and hands them over. */
static int scan_field(run_state *rs, const pc_store_article *art, long long cluster, long long copies, bool in_title,
                      const char *text, size_t len, bool *article_seen, pc_error *err)
{
    pc_mentions *m = rs->m;
    if (!text || !len)
        return PC_OK;
    int rc = scan_words(pc_query_session_analyzer(m->qs), &m->scan, text, len);
    if (rc != PC_OK)
        return pc_error_set(err, rc, "cannot read the words of article %lld", art->id);
    field_scan fs = {art, cluster, copies, in_title, text, len, article_seen, 0, 0};
    for (size_t i = 0; i < m->scan.n;) {
        const scan_word *w = &m->scan.words[i];
        size_t form = after_glued_dot(text, w->start) ? m->forms.n : form_at(m, text, i);
        if (form == m->forms.n) {
            rc = scan_dotted_parts(rs, &fs, i, err);
            if (rc != 0)
                return rc;
            i++;
            continue;
        }
        size_t last = i + m->forms.forms[form].n_words - 1;
        rc = hand_over(rs, &fs, form, i, last, w->start, m->scan.words[last].end, err);
        if (rc != 0)
            return rc;
        i = last + 1;
    }
    return PC_OK;
}

static int scan_article(run_state *rs, long long article_id, long long cluster, long long copies, pc_error *err)
{
    pc_store_article art;
    int rc = pc_store_article_get(pc_query_session_store(rs->m->qs), article_id, 0, true, &art, err);
    if (rc != PC_OK)
        return rc;
    bool article_seen = false;
    rc = scan_field(rs, &art, cluster, copies, true, art.title, art.title ? strlen(art.title) : 0, &article_seen,
                    err);
    if (rc == PC_OK)
        rc = scan_field(rs, &art, cluster, copies, false, art.body, art.body_len, &article_seen, err);
    pc_store_article_clear(&art);
    return rc;
}

int pc_mentions_run(pc_mentions *m, pc_mention_fn fn, void *payload, pc_mention_totals *totals, pc_error *err)
{
    memset(m->form_counts, 0, m->forms.n * sizeof *m->form_counts);
    run_state rs = {.m = m, .fn = fn, .payload = payload};
    long long *ids = NULL;
    size_t n = 0;
    pc_article_facts *facts = NULL;
    int rc = find_candidates(m, &ids, &n, err);
    if (rc == PC_OK && n) {
        facts = malloc(n * sizeof *facts);
        rc = facts ? pc_store_article_facts(pc_query_session_store(m->qs), ids, n, facts, err)
                   : pc_error_set(err, PC_ENOMEM, "out of memory while collecting articles");
    }
    if (rc == PC_OK && n) {
        for (size_t i = 0; i < n; i++)
            if (facts[i].cluster <= 0)
                facts[i].cluster = facts[i].article_id;
        qsort(facts, n, sizeof *facts, compare_cluster_then_id);
    }
    rs.totals.candidates = (long long)n;
    for (size_t i = 0; rc == PC_OK && i < n;) {
        size_t group_end = i + 1;
        while (group_end < n && facts[group_end].cluster == facts[i].cluster)
            group_end++;
        long long copies = (long long)(group_end - i - 1);
        rs.story_has_mention = false;
        for (size_t k = i; rc == PC_OK && k < (m->opt.all_copies ? group_end : i + 1); k++)
            rc = scan_article(&rs, facts[k].article_id, facts[k].cluster, copies, err);
        i = group_end;
    }
    free(facts);
    free(ids);
    if (totals)
        *totals = rs.totals;
    return rc;
}

/* ---- the list, for sorting ---- */

struct pc_mention_list_item {
    pc_mention m;
    char *strings; /* one block holding every string of m */
    size_t seq;    /* order found, for a stable sort */
};

const char *const pc_mention_sort_names[] = {"none", "date", "left", "right", "source", NULL};

/* Copies s (len bytes; a NUL-terminated string when len is SIZE_MAX) into the block at *at, NUL-terminated;
 * returns the copy (NULL for NULL). */
static const char *copy_into(char **at, const char *s, size_t len)
{
    if (!s)
        return NULL;
    if (len == SIZE_MAX)
        len = strlen(s);
    char *copy = *at;
    memcpy(copy, s, len);
    copy[len] = '\0';
    *at += len + 1;
    return copy;
}

static size_t string_size(const char *s, size_t len)
{
    return s ? (len == SIZE_MAX ? strlen(s) : len) + 1 : 0;
}

int pc_mention_list_add(pc_mention_list *l, const pc_mention *m)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        pc_mention_list_item *grown = realloc(l->items, cap * sizeof *grown);
        if (!grown)
            return PC_ENOMEM;
        l->items = grown;
        l->cap = cap;
    }
    const char *strings[] = {m->path, m->record, m->date, m->source, m->title, m->lang, m->url,
                             m->left_key, m->right_key, m->alias, m->form_text};
    size_t size = string_size(m->text, m->text_len) + string_size(m->left, m->left_len) +
                  string_size(m->right, m->right_len);
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        size += string_size(strings[i], SIZE_MAX);
    char *block = malloc(size ? size : 1);
    if (!block)
        return PC_ENOMEM;
    pc_mention_list_item *it = &l->items[l->n];
    it->m = *m;
    it->strings = block;
    it->seq = l->n;
    char *at = block;
    it->m.text = copy_into(&at, m->text, m->text_len);
    it->m.left = copy_into(&at, m->left, m->left_len);
    it->m.right = copy_into(&at, m->right, m->right_len);
    it->m.path = copy_into(&at, m->path, SIZE_MAX);
    it->m.record = copy_into(&at, m->record, SIZE_MAX);
    it->m.date = copy_into(&at, m->date, SIZE_MAX);
    it->m.source = copy_into(&at, m->source, SIZE_MAX);
    it->m.title = copy_into(&at, m->title, SIZE_MAX);
    it->m.lang = copy_into(&at, m->lang, SIZE_MAX);
    it->m.url = copy_into(&at, m->url, SIZE_MAX);
    it->m.left_key = copy_into(&at, m->left_key, SIZE_MAX);
    it->m.right_key = copy_into(&at, m->right_key, SIZE_MAX);
    it->m.alias = copy_into(&at, m->alias, SIZE_MAX);
    it->m.form_text = copy_into(&at, m->form_text, SIZE_MAX);
    l->n++;
    return PC_OK;
}

/* NULL and "" sort after every value. */
static int compare_optional(const char *a, const char *b)
{
    bool none_a = !a || !*a, none_b = !b || !*b;
    if (none_a || none_b)
        return none_a - none_b;
    return strcmp(a, b);
}

static int compare_seq(const pc_mention_list_item *a, const pc_mention_list_item *b)
{
    return (a->seq > b->seq) - (a->seq < b->seq);
}

static int by_date(const void *x, const void *y)
{
    const pc_mention_list_item *a = x, *b = y;
    int c = compare_optional(a->m.date, b->m.date);
    return c ? c : compare_seq(a, b);
}

static int by_source(const void *x, const void *y)
{
    const pc_mention_list_item *a = x, *b = y;
    int c = compare_optional(a->m.source, b->m.source);
    return c ? c : by_date(x, y);
}

static int by_left(const void *x, const void *y)
{
    const pc_mention_list_item *a = x, *b = y;
    int c = compare_optional(a->m.left_key, b->m.left_key);
    return c ? c : compare_seq(a, b);
}

static int by_right(const void *x, const void *y)
{
    const pc_mention_list_item *a = x, *b = y;
    int c = compare_optional(a->m.right_key, b->m.right_key);
    return c ? c : compare_seq(a, b);
}

void pc_mention_list_sort(pc_mention_list *l, pc_mention_sort key)
{
    int (*cmp)(const void *, const void *) = NULL;
    switch (key) {
    case PC_MENTION_SORT_NONE: return;
    case PC_MENTION_SORT_DATE: cmp = by_date; break;
    case PC_MENTION_SORT_LEFT: cmp = by_left; break;
    case PC_MENTION_SORT_RIGHT: cmp = by_right; break;
    case PC_MENTION_SORT_SOURCE: cmp = by_source; break;
    }
    if (l->n > 1)
        qsort(l->items, l->n, sizeof *l->items, cmp);
}

const pc_mention *pc_mention_list_at(const pc_mention_list *l, size_t i)
{
    return &l->items[i].m;
}

void pc_mention_list_free(pc_mention_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].strings);
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

/* ---- counts per bucket ---- */

const char *const pc_mention_bucket_names[] = {"day", "week", "month", "source", "lang", NULL};

/* The day number (as pc_date_day_number) of January 1st of `year`. */
static long january_first(long year)
{
    long y = year - 1;
    return y * 365 + y / 4 - y / 100 + y / 400;
}

bool pc_iso_week(const char *date, char out[9])
{
    long day = pc_date_day_number(date);
    if (day < 0)
        return false;
    /* Day 0 (0001-01-01) was a Monday; an ISO week belongs to the year of its Thursday. */
    long thursday = day - day % 7 + 3;
    long year = atol(date);
    if (thursday >= january_first(year + 1))
        year++;
    else if (thursday < january_first(year))
        year--;
    long week = (thursday - january_first(year)) / 7 + 1;
    unsigned y = (unsigned)year % 10000, w = (unsigned)week % 100;
    char text[9] = {(char)('0' + y / 1000), (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
                    (char)('0' + y % 10), '-', 'W', (char)('0' + w / 10), (char)('0' + w % 10), '\0'};
    memcpy(out, text, sizeof text);
    return true;
}

/* The bucket key of m into buf (size 16) or a string of m. */
static const char *bucket_key(pc_mention_bucket_by by, const pc_mention *m, char buf[16])
{
    switch (by) {
    case PC_BUCKET_SOURCE: return m->source && *m->source ? m->source : "no source";
    case PC_BUCKET_LANG: return m->lang && *m->lang ? m->lang : "no language";
    case PC_BUCKET_WEEK: return pc_iso_week(m->date, buf) ? buf : "undated";
    case PC_BUCKET_DAY:
    case PC_BUCKET_MONTH: {
        size_t len = by == PC_BUCKET_DAY ? 10 : 7;
        if (pc_date_day_number(m->date) < 0)
            return "undated";
        memcpy(buf, m->date, len);
        buf[len] = '\0';
        return buf;
    }
    }
    return "?";
}

int pc_mention_counts_add(pc_mention_counts *c, const pc_mention *m)
{
    char buf[16];
    const char *key = bucket_key(c->by, m, buf);
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(c->buckets[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == c->n || strcmp(c->buckets[lo].key, key) != 0) {
        pc_mention_bucket *grown = realloc(c->buckets, (c->n + 1) * sizeof *grown);
        if (!grown)
            return PC_ENOMEM;
        c->buckets = grown;
        char *copy = strdup(key);
        if (!copy)
            return PC_ENOMEM;
        memmove(&c->buckets[lo + 1], &c->buckets[lo], (c->n - lo) * sizeof *c->buckets);
        c->buckets[lo] = (pc_mention_bucket){.key = copy};
        c->n++;
    }
    pc_mention_bucket *b = &c->buckets[lo];
    b->mentions++;
    if (m->story_first)
        b->stories++;
    if (m->article_first)
        b->articles += m->represents;
    return PC_OK;
}

void pc_mention_counts_free(pc_mention_counts *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->buckets[i].key);
    free(c->buckets);
    c->buckets = NULL;
    c->n = 0;
}
