/* tui_data.c — what the interactive screen reads from the index: the hits of the query line (through the
 * query session and pc_search_run, as `presscut search`), an article (pc_search_show, as `presscut show`),
 * an entity's mentions (mentions.h, as `presscut mentions`) and exports (pc_export_hits_write, as
 * `presscut export`). Nothing here draws. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "presscut/output/export_hits.h"
#include "presscut/output/export_mentions.h"
#include "presscut/output/table.h"
#include "presscut/search/search.h"
#include "tui_internal.h"

/* The most hits the list holds: enough to scroll through and to sort by date. */
#define LIST_HITS 200

const char *const tui_sort_names[] = {"relevance", "newest", "oldest"};

long long tui_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void tui_status(tui_app *app, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->status, sizeof app->status, fmt, ap);
    va_end(ap);
    app->status_error = error;
}

static char *copy_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void hit_free(tui_hit *h)
{
    free(h->date);
    free(h->source);
    free(h->title);
    free(h->path);
    free(h->lang);
    free(h->passage);
    free(h->spans);
    free(h->title_spans);
}

void tui_results_free(tui_results *r)
{
    for (size_t i = 0; i < r->n; i++)
        hit_free(&r->hits[i]);
    free(r->hits);
    memset(r, 0, sizeof *r);
}

static pc_span *copy_spans(const pc_span *spans, size_t n)
{
    if (n == 0)
        return NULL;
    pc_span *out = malloc(n * sizeof *out);
    if (out)
        memcpy(out, spans, n * sizeof *out);
    return out;
}

static int collect_hit(void *payload, const pc_search_hit *hit)
{
    tui_results *r = payload;
    tui_hit *h = &r->hits[r->n];
    memset(h, 0, sizeof *h);
    h->article_id = hit->article_id;
    h->copies = hit->copies;
    h->date = copy_or_null(hit->published);
    h->source = copy_or_null(hit->source);
    h->title = copy_or_null(hit->title);
    h->path = copy_or_null(hit->path);
    h->lang = copy_or_null(hit->lang);
    h->passage = malloc(hit->passage_len + 1);
    if (h->passage) {
        memcpy(h->passage, hit->passage, hit->passage_len);
        h->passage[hit->passage_len] = '\0';
    }
    h->passage_len = hit->passage_len;
    h->spans = copy_spans(hit->spans, hit->n_spans);
    h->n_spans = h->spans ? hit->n_spans : 0;
    h->title_spans = copy_spans(hit->title_spans, hit->n_title_spans);
    h->n_title_spans = h->title_spans ? hit->n_title_spans : 0;
    h->snippet = hit->snippet;
    r->n++;
    if (!h->passage || (hit->published && !h->date) || (hit->source && !h->source) || (hit->title && !h->title))
        return PC_ENOMEM;
    return 0;
}

/* Newest first; undated hits last, in rank order. */
static int by_newest(const void *a, const void *b)
{
    const tui_hit *x = a, *y = b;
    if (!x->date || !y->date)
        return (x->date == NULL) - (y->date == NULL);
    return strcmp(y->date, x->date);
}

static int by_oldest(const void *a, const void *b)
{
    const tui_hit *x = a, *y = b;
    if (!x->date || !y->date)
        return (x->date == NULL) - (y->date == NULL);
    return strcmp(x->date, y->date);
}

void tui_results_sort(tui_results *r, tui_sort sort)
{
    if (sort == TUI_SORT_RELEVANCE || r->n < 2)
        return;
    /* stable: a merge of runs would do, but the list is short; insertion sort keeps equal dates in rank order */
    int (*cmp)(const void *, const void *) = sort == TUI_SORT_NEWEST ? by_newest : by_oldest;
    for (size_t i = 1; i < r->n; i++) {
        tui_hit h = r->hits[i];
        size_t j = i;
        while (j > 0 && cmp(&r->hits[j - 1], &h) > 0) {
            r->hits[j] = r->hits[j - 1];
            j--;
        }
        r->hits[j] = h;
    }
}

/* A new query reads the newest commit: the store's snapshot is renewed, and what the query lists is read
 * from that one snapshot (opening a hit included) until the next query renews it (store.h). */
static int renew_snapshot(tui_app *app, pc_error *err)
{
    pc_store_read_end(app->store);
    return pc_store_read_begin(app->store, err);
}

int tui_search(tui_app *app)
{
    const char *text = app->keys.query.text;
    pc_error err;
    pc_error_clear(&err);
    long long started = tui_now_ms();
    if (text[strspn(text, " ")] == '\0') {
        tui_results_free(&app->results);
        free(app->results_query);
        app->results_query = NULL;
        app->selected = app->top = 0;
        tui_status(app, false, "type a query: words, \"a phrase\", prefix*, OR, -word, source:x, date:2022-02");
        return 0;
    }
    int rc = renew_snapshot(app, &err);
    if (rc == PC_OK)
        rc = pc_query_session_retarget(app->qs, text, NULL, &err);
    tui_results found = {0};
    if (rc == PC_OK) {
        found.hits = calloc(LIST_HITS, sizeof *found.hits);
        if (!found.hits)
            rc = pc_error_set(&err, PC_ENOMEM, "out of memory while reading the hits");
    }
    if (rc == PC_OK) {
        pc_search_options opt;
        pc_search_options_default(&opt);
        opt.limit = LIST_HITS;
        opt.snippet_chars = 400;
        rc = pc_search_run(app->qs, &opt, collect_hit, &found, &found.total, &err);
    }
    if (rc == PC_ESTOP) {
        tui_results_free(&found);
        return PC_ESTOP;
    }
    if (rc != PC_OK) {
        tui_results_free(&found);
        tui_status(app, true, "%s", err.msg);
        return rc;
    }
    app->search_ms = tui_now_ms() - started;
    tui_results_sort(&found, app->sort);
    tui_results_free(&app->results);
    app->results = found;
    free(app->results_query);
    app->results_query = strdup(text);
    app->selected = app->top = 0;
    if (found.total == 0)
        tui_status(app, false, "no article matches");
    else if ((long long)found.n < found.total && app->sort != TUI_SORT_RELEVANCE)
        tui_status(app, false, "%lld articles match; the %zu best shown, %s first", found.total, found.n,
                   app->sort == TUI_SORT_NEWEST ? "newest" : "oldest");
    else
        tui_status(app, false, "%lld article%s match%s", found.total, found.total == 1 ? "" : "s",
                   found.total == 1 ? "es" : "");
    return 0;
}

/* ---- filters ---- */

static void free_filters(char **names, char **values, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
        free(values[i]);
    }
}

/* A new session with `names`/`values` standing and the current query (when it parses). */
static int session_with_filters(tui_app *app, char **names, char **values, size_t n, pc_query_session **out,
                                pc_error *err)
{
    int rc = pc_query_session_new(out, app->store, NULL, NULL, err);
    for (size_t i = 0; rc == PC_OK && i < n; i++)
        rc = pc_query_session_add_filter(*out, names[i], values[i], err);
    if (rc != PC_OK) {
        pc_query_session_free(*out);
        *out = NULL;
    }
    return rc;
}

int tui_set_filters(tui_app *app, const char *text)
{
    static const char *const known[] = {"since", "until", "source", "lang"};
    char *names[TUI_MAX_FILTERS] = {0}, *values[TUI_MAX_FILTERS] = {0};
    size_t n = 0;
    pc_error err;
    pc_error_clear(&err);
    int rc = PC_OK;
    for (const char *p = text; *p && rc == PC_OK;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        if (len == 0)
            break;
        size_t name_len = strcspn(p, "=:");
        bool ok = name_len < len && name_len > 0 && name_len + 1 < len;
        bool is_known = false;
        for (size_t k = 0; ok && k < sizeof known / sizeof known[0]; k++)
            is_known |= strlen(known[k]) == name_len && strncmp(p, known[k], name_len) == 0;
        if (!ok || !is_known) {
            rc = pc_error_set(&err, PC_EINVAL,
                              "filter '%.*s' at column %zu: write since=DATE until=DATE source=NAME lang=CODE",
                              (int)len, p, (size_t)(p - text) + 1);
        } else if (n == TUI_MAX_FILTERS) {
            rc = pc_error_set(&err, PC_EINVAL, "too many filters (at most %d)", TUI_MAX_FILTERS);
        } else {
            names[n] = strndup(p, name_len);
            values[n] = strndup(p + name_len + 1, len - name_len - 1);
            n++;
            if (!names[n - 1] || !values[n - 1])
                rc = pc_error_set(&err, PC_ENOMEM, "out of memory while reading the filters");
        }
        p += len;
    }
    pc_query_session *qs = NULL;
    if (rc == PC_OK)
        rc = session_with_filters(app, names, values, n, &qs, &err);
    if (rc != PC_OK) {
        free_filters(names, values, n);
        tui_status(app, true, "%s", err.msg);
        return rc;
    }
    pc_query_session_free(app->qs);
    app->qs = qs;
    free_filters(app->filter_names, app->filter_values, app->n_filters);
    memcpy(app->filter_names, names, sizeof names);
    memcpy(app->filter_values, values, sizeof values);
    app->n_filters = n;
    snprintf(app->filter_text, sizeof app->filter_text, "%s", text);
    app->search_pending = true;
    app->search_due_ms = 0;
    return 0;
}

/* ---- the article view ---- */

void tui_article_free(tui_article *a)
{
    free(a->title);
    free(a->date);
    free(a->source);
    free(a->path);
    free(a->body);
    free(a->spans);
    free(a->starts);
    free(a->ends);
    memset(a, 0, sizeof *a);
}

static int copy_article(void *payload, const pc_article_view *v)
{
    tui_article *a = payload;
    a->id = v->article_id;
    a->title = copy_or_null(v->title);
    a->date = copy_or_null(v->published);
    a->source = copy_or_null(v->source);
    a->path = copy_or_null(v->path);
    a->body = malloc(v->body_len + 1);
    if (!a->body)
        return PC_ENOMEM;
    memcpy(a->body, v->body, v->body_len);
    a->body[v->body_len] = '\0';
    a->body_len = v->body_len;
    a->spans = copy_spans(v->body_spans, v->n_body_spans);
    a->n_spans = a->spans ? v->n_body_spans : 0;
    return 0;
}

int tui_article_wrap(tui_article *a, size_t width)
{
    if (width == 0)
        width = 1;
    if (a->starts && a->wrap_width == width)
        return 0;
    free(a->starts);
    free(a->ends);
    a->starts = a->ends = NULL;
    a->n_lines = 0;
    size_t cap = 64;
    a->starts = malloc(cap * sizeof *a->starts);
    a->ends = malloc(cap * sizeof *a->ends);
    if (!a->starts || !a->ends)
        return PC_ENOMEM;
    for (size_t at = 0; at < a->body_len;) {
        if (a->n_lines == cap) {
            cap *= 2;
            size_t *s = realloc(a->starts, cap * sizeof *s);
            if (s)
                a->starts = s;
            size_t *e = s ? realloc(a->ends, cap * sizeof *e) : NULL;
            if (!e)
                return PC_ENOMEM;
            a->ends = e;
        }
        size_t next;
        a->ends[a->n_lines] = pc_screen_wrap(a->body, a->body_len, at, width, &next);
        a->starts[a->n_lines++] = at;
        at = next;
    }
    a->wrap_width = width;
    if (a->top >= a->n_lines)
        a->top = a->n_lines ? a->n_lines - 1 : 0;
    return 0;
}

size_t tui_article_line_of(const tui_article *a, size_t offset)
{
    size_t lo = 0, hi = a->n_lines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int tui_open_selected(tui_app *app)
{
    if (app->selected >= app->results.n)
        return PC_EINVAL;
    pc_error err;
    pc_error_clear(&err);
    tui_article a = {0};
    int rc = pc_search_show(app->store, app->results.hits[app->selected].article_id, app->qs, copy_article, &a,
                            &err);
    if (rc != PC_OK) {
        tui_article_free(&a);
        tui_status(app, true, "%s", rc == PC_ENOMEM && !err.msg[0] ? "out of memory while reading the article"
                                                                    : err.msg);
        return rc;
    }
    tui_article_free(&app->article);
    app->article = a;
    app->have_article = true;
    if (a.n_spans)
        tui_status(app, false, "match 1 of %zu: n next, N previous", a.n_spans);
    else
        tui_status(app, false, "no match in the body (the title matched)");
    return 0;
}

/* ---- mentions ---- */

void tui_mentions_free(tui_mentions *m)
{
    free(m->name);
    for (size_t i = 0; m->aliases && i < m->n_aliases; i++)
        free(m->aliases[i]);
    free(m->aliases);
    pc_mention_list_free(&m->list);
    pc_mention_counts_free(&m->counts);
    memset(m, 0, sizeof *m);
}

static int keep_mention(void *payload, const pc_mention *m)
{
    tui_mentions *v = payload;
    int rc = pc_mention_list_add(&v->list, m);
    return rc == PC_OK ? pc_mention_counts_add(&v->counts, m) : rc;
}

int tui_run_mentions(tui_app *app, const char *name)
{
    pc_error err;
    pc_error_clear(&err);
    while (*name == ' ')
        name++;
    if (!*name) {
        tui_status(app, true, "give the name of a person, organisation or place (m)");
        return PC_EINVAL;
    }
    char **listed = NULL;
    size_t n_listed = 0;
    int rc = renew_snapshot(app, &err);
    if (rc == PC_OK)
        rc = pc_store_entity_aliases(app->store, name, &listed, &n_listed, &err);
    const char *const *aliases = n_listed ? (const char *const *)listed : &name;
    size_t n_aliases = n_listed ? n_listed : 1;
    pc_query_session *qs = NULL;
    if (rc == PC_OK)
        rc = session_with_filters(app, app->filter_names, app->filter_values, app->n_filters, &qs, &err);
    pc_mentions *engine = NULL;
    if (rc == PC_OK)
        rc = pc_mentions_new(&engine, qs, aliases, n_aliases, NULL, &err);
    tui_mentions v = {.sort = PC_MENTION_SORT_DATE, .counts = {.by = PC_BUCKET_MONTH}};
    if (rc == PC_OK)
        rc = pc_mentions_run(engine, keep_mention, &v, &v.totals, &err);
    if (rc == PC_OK) {
        v.name = strdup(name);
        v.aliases = calloc(n_aliases, sizeof *v.aliases);
        for (size_t i = 0; v.aliases && i < n_aliases; i++)
            v.aliases[i] = strdup(aliases[i]);
        bool copied = v.name && v.aliases;
        for (size_t i = 0; copied && i < n_aliases; i++)
            copied = v.aliases[i] != NULL;
        if (v.aliases)
            v.n_aliases = n_aliases;
        if (!copied)
            rc = pc_error_set(&err, PC_ENOMEM, "out of memory while keeping the mentions");
    }
    pc_mentions_free(engine);
    pc_query_session_free(qs);
    for (size_t i = 0; i < n_listed; i++)
        free(listed[i]);
    free(listed);
    if (rc != PC_OK) {
        tui_mentions_free(&v);
        if (rc == PC_ESTOP)
            tui_status(app, true, "mentions of '%s' stopped by a key: press m to run them again", name);
        else
            tui_status(app, true, "%s", err.msg[0] ? err.msg : "out of memory while keeping the mentions");
        return rc;
    }
    pc_mention_list_sort(&v.list, v.sort);
    tui_mentions_free(&app->mentions);
    app->mentions = v;
    app->have_mentions = true;
    tui_status(app, false, "%lld mentions of '%s' (%zu alias%s): s sorts by date, left or right context",
               v.totals.mentions, name, n_aliases, n_aliases == 1 ? "" : "es");
    return 0;
}

/* ---- exports ---- */

/* The format named by the extension of `path`. */
static int format_of_path(const char *path, pc_table_format *format, pc_error *err)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash) || pc_table_format_parse(dot + 1, format, err) != PC_OK)
        return pc_error_set(err, PC_EINVAL,
                            "cannot tell the format of '%s': end the file name with .csv, .tsv, .jsonl, .json or "
                            ".xlsx",
                            path);
    return PC_OK;
}

int tui_export(tui_app *app, const char *path)
{
    pc_error err;
    pc_error_clear(&err);
    while (*path == ' ')
        path++;
    if (!app->results_query) {
        tui_status(app, true, "nothing to export: type a query first");
        return PC_EINVAL;
    }
    pc_table_format format;
    int rc = format_of_path(path, &format, &err);
    long long total = 0;
    if (rc == PC_OK) {
        /* the session may hold a newer query that failed to parse: export what the list shows */
        rc = pc_query_session_retarget(app->qs, app->results_query, NULL, &err);
    }
    if (rc == PC_OK) {
        pc_search_options opt;
        pc_search_options_default(&opt);
        opt.limit = -1;
        pc_table_options topt = {.format = format, .path = path, .with_header = true};
        pc_export_facts facts = {
            .command = "tui",
            .query = app->results_query,
            .filter_names = (const char *const *)app->filter_names,
            .filter_values = (const char *const *)app->filter_values,
            .n_filters = app->n_filters,
        };
        rc = pc_export_hits_write(app->qs, &opt, &topt, &facts, &total, &err);
    }
    if (rc != PC_OK) {
        if (rc == PC_ESTOP)
            tui_status(app, true, "export to '%s' stopped by a key; the file is incomplete: press e again", path);
        else
            tui_status(app, true, "export failed: %s", err.msg);
        return rc;
    }
    tui_status(app, false, "%lld hit%s written to %s", total, total == 1 ? "" : "s", path);
    return 0;
}

int tui_export_mentions(tui_app *app, const char *path)
{
    pc_error err;
    pc_error_clear(&err);
    while (*path == ' ')
        path++;
    const tui_mentions *v = &app->mentions;
    pc_table_format format;
    int rc = format_of_path(path, &format, &err);
    pc_export_facts facts = {
        .command = "mentions",
        .query = v->name,
        .filter_names = (const char *const *)app->filter_names,
        .filter_values = (const char *const *)app->filter_values,
        .n_filters = app->n_filters,
        .entity = {.name = v->name, .aliases = (const char *const *)v->aliases, .n_aliases = v->n_aliases},
    };
    pc_export_manifest manifest = {0};
    if (rc == PC_OK)
        rc = pc_export_manifest_for_store(app->store, &facts, &manifest, &err);
    pc_table *table = NULL;
    if (rc == PC_OK) {
        size_t n_columns = 0;
        const pc_table_column *columns = pc_export_mention_columns(&n_columns);
        pc_table_options topt = {.format = format, .path = path, .with_header = true, .meta = manifest.meta,
                                 .n_meta = manifest.n};
        rc = pc_table_open(&topt, columns, n_columns, &table, &err);
    }
    for (size_t i = 0; rc == PC_OK && i < v->list.n; i++)
        rc = pc_export_mention_row(table, pc_mention_list_at(&v->list, i), &err);
    if (rc == PC_OK)
        rc = pc_table_finish(table, &err);
    pc_table_free(table);
    pc_export_manifest_clear(&manifest);
    if (rc != PC_OK) {
        tui_status(app, true, "export failed: %s", err.msg);
        return rc;
    }
    tui_status(app, false, "%zu mention%s written to %s", v->list.n, v->list.n == 1 ? "" : "s", path);
    return 0;
}
