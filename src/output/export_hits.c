/* export_hits.c — a search hit as a row of an exported table, and the manifest of an export (see
 * include/presscut/output/export_hits.h). */
#include "presscut/output/export_hits.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/quote.h"
#include "printer_internal.h"

enum {
    COL_RANK,
    COL_SCORE,
    COL_ARTICLE_ID,
    COL_PASSAGE,
    COL_DATE,
    COL_SOURCE,
    COL_TITLE,
    COL_URL,
    COL_PATH,
    COL_RECORD,
    COL_LANG,
    COL_CLUSTER,
    COL_COPIES,
    COL_MATCHED,
    COL_SNIPPET,
    COL_MATCH_BYTES,
    COL_MATCH_CHARS,
    N_COLUMNS
};

static const pc_table_column hit_columns[N_COLUMNS] = {
    [COL_RANK] = {"rank", PC_CELL_INT},
    [COL_SCORE] = {"score", PC_CELL_REAL},
    [COL_ARTICLE_ID] = {"article_id", PC_CELL_INT},
    [COL_PASSAGE] = {"passage", PC_CELL_INT},
    [COL_DATE] = {"date", PC_CELL_TEXT},
    [COL_SOURCE] = {"source", PC_CELL_TEXT},
    [COL_TITLE] = {"title", PC_CELL_TEXT},
    [COL_URL] = {"url", PC_CELL_TEXT},
    [COL_PATH] = {"path", PC_CELL_TEXT},
    [COL_RECORD] = {"record", PC_CELL_TEXT},
    [COL_LANG] = {"lang", PC_CELL_TEXT},
    [COL_CLUSTER] = {"cluster", PC_CELL_INT},
    [COL_COPIES] = {"copies", PC_CELL_INT},
    [COL_MATCHED] = {"matched", PC_CELL_TEXT},
    [COL_SNIPPET] = {"snippet", PC_CELL_TEXT},
    [COL_MATCH_BYTES] = {"match_bytes", PC_CELL_TEXT},
    [COL_MATCH_CHARS] = {"match_chars", PC_CELL_TEXT},
};

const pc_table_column *pc_export_hit_columns(size_t *n)
{
    *n = N_COLUMNS;
    return hit_columns;
}

struct pc_export_row {
    bool json_lists;         /* lists as JSON (json, jsonl) or compact strings */
    pc_cell cells[N_COLUMNS];
    pc_strbuf matched, snippet, bytes, chars, word;
    pc_strbuf path;          /* the path as it is, or C-quoted (quote.h) */
};

int pc_export_row_new(pc_table_format format, pc_export_row **out, pc_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return pc_error_set(err, PC_ENOMEM, "out of memory while preparing the export");
    (*out)->json_lists = format == PC_TABLE_JSON || format == PC_TABLE_JSONL;
    return PC_OK;
}

void pc_export_row_free(pc_export_row *row)
{
    if (!row)
        return;
    pc_strbuf_free(&row->matched);
    pc_strbuf_free(&row->snippet);
    pc_strbuf_free(&row->bytes);
    pc_strbuf_free(&row->chars);
    pc_strbuf_free(&row->word);
    pc_strbuf_free(&row->path);
    free(row);
}

static pc_cell text_or_null(const char *s)
{
    return s && *s ? pc_cell_text(s) : pc_cell_null();
}

/* The body spans as "120-126 340-346", or as JSON [[120,126],[340,346]]. */
static void add_offsets(pc_strbuf *out, const pc_span *spans, size_t n, bool json)
{
    pc_strbuf_reset(out);
    pc_strbuf_add_str(out, json ? "[" : "");
    for (size_t i = 0; spans && i < n; i++) {
        char pair[64];
        snprintf(pair, sizeof pair, json ? "%s[%zu,%zu]" : "%s%zu-%zu", i ? (json ? "," : " ") : "", spans[i].start,
                 spans[i].end);
        pc_strbuf_add_str(out, pair);
    }
    pc_strbuf_add_str(out, json ? "]" : "");
}

/* Appends s[0, len) (valid UTF-8) to out as a JSON string. Returns false when out of memory. */
static bool add_json_string(pc_strbuf *out, const char *s, size_t len)
{
    json_t *str = json_stringn(s, len);
    char *text = str ? json_dumps(str, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    json_decref(str);
    if (!text)
        return false;
    pc_strbuf_add_str(out, text);
    free(text);
    return true;
}

/* The matched words as written in the passage: "a | b", or JSON ["a","b"]. */
static bool add_matched(pc_export_row *row, const pc_search_hit *h)
{
    pc_strbuf *out = &row->matched;
    pc_strbuf_reset(out);
    pc_strbuf_add_str(out, row->json_lists ? "[" : "");
    for (size_t i = 0; h->passage && h->spans && i < h->n_spans; i++) {
        const pc_span *sp = &h->spans[i];
        size_t end = sp->end < h->passage_len ? sp->end : h->passage_len;
        size_t start = sp->start < end ? sp->start : end;
        /* Repaired UTF-8 (a bad byte becomes U+FFFD), control characters kept for the writer to escape. */
        pc_strbuf_reset(&row->word);
        render r;
        render_init(&r, &row->word, false, false, false, NULL);
        render_range(&r, h->passage, start, end, NULL, 0);
        const char *word = row->word.data ? row->word.data : "";
        pc_strbuf_add_str(out, i ? (row->json_lists ? "," : " | ") : "");
        if (!row->json_lists)
            pc_strbuf_add(out, word, row->word.len);
        else if (!add_json_string(out, word, row->word.len))
            return false;
    }
    pc_strbuf_add_str(out, row->json_lists ? "]" : "");
    return !out->failed && !row->word.failed;
}

static pc_cell list_cell(const pc_export_row *row, const pc_strbuf *b)
{
    pc_cell c = pc_cell_text_n(b->data ? b->data : "", b->len);
    if (row->json_lists)
        c.type = PC_CELL_JSON;
    return c;
}

int pc_export_row_fill(pc_export_row *row, const pc_search_hit *h, const pc_cell **cells, pc_error *err)
{
    pc_cell *c = row->cells;
    c[COL_RANK] = pc_cell_int(h->rank);
    c[COL_SCORE] = isfinite(h->score) ? pc_cell_real(h->score) : pc_cell_null();
    c[COL_ARTICLE_ID] = pc_cell_int(h->article_id);
    c[COL_PASSAGE] = h->passage_seq > 0 ? pc_cell_int(h->passage_seq) : pc_cell_null();
    c[COL_DATE] = text_or_null(h->published);
    c[COL_SOURCE] = text_or_null(h->source);
    c[COL_TITLE] = text_or_null(h->title);
    c[COL_URL] = text_or_null(h->url);
    pc_strbuf_reset(&row->path);
    if (h->path && *h->path)
        pc_quote_add(&row->path, h->path, strlen(h->path));
    c[COL_PATH] = row->path.len ? pc_cell_text_n(row->path.data, row->path.len) : pc_cell_null();
    c[COL_RECORD] = text_or_null(h->record);
    c[COL_LANG] = text_or_null(h->lang);
    c[COL_CLUSTER] = h->cluster > 0 ? pc_cell_int(h->cluster) : pc_cell_null();
    c[COL_COPIES] = pc_cell_int(h->copies);

    bool ok = add_matched(row, h);
    c[COL_MATCHED] = list_cell(row, &row->matched);

    pc_strbuf_reset(&row->snippet);
    render r;
    render_init(&r, &row->snippet, true, false, false, NULL);
    bool has_snippet = render_snippet(&r, h);
    ok = ok && !row->snippet.failed && !row->path.failed;
    c[COL_SNIPPET] = has_snippet ? pc_cell_text_n(row->snippet.data ? row->snippet.data : "", row->snippet.len)
                                 : pc_cell_null();

    add_offsets(&row->bytes, h->body_spans, h->n_spans, row->json_lists);
    add_offsets(&row->chars, h->body_char_spans, h->n_spans, row->json_lists);
    ok = ok && !row->bytes.failed && !row->chars.failed;
    c[COL_MATCH_BYTES] = list_cell(row, &row->bytes);
    c[COL_MATCH_CHARS] = list_cell(row, &row->chars);
    if (!ok)
        return pc_error_set(err, PC_ENOMEM, "out of memory while exporting hit %lld", h->rank);
    *cells = row->cells;
    return PC_OK;
}

/* ---- the manifest ---- */

void pc_export_manifest_clear(pc_export_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_owned; i++)
        free(m->owned[i]);
    free(m->owned);
    free(m->meta);
    memset(m, 0, sizeof *m);
}

/* Adds key = value; a JSON value (`json`) is stolen and dumped. Sets *failed when out of memory. */
static void manifest_add(pc_export_manifest *m, const char *key, const char *text, json_t *json, bool *failed)
{
    char *value = NULL;
    if (json)
        value = json_dumps(json, JSON_ENCODE_ANY | JSON_COMPACT);
    else if (text)
        value = strdup(text);
    json_decref(json);
    if (!value) {
        *failed = true;
        return;
    }
    m->owned[m->n_owned++] = value;
    m->meta[m->n++] = (pc_table_meta){key, value, json != NULL};
}

#define MANIFEST_ENTRIES 9

/* A JSON string of s repaired to UTF-8 (each bad byte U+FFFD), null for NULL: what the user typed may be
 * any bytes, which jansson refuses as they are. A new reference, NULL when out of memory. */
static json_t *json_repaired(const char *s)
{
    if (!s)
        return json_null();
    pc_strbuf text = {0};
    render r;
    render_init(&r, &text, false, false, false, NULL);
    render_range(&r, s, 0, strlen(s), NULL, 0);
    json_t *v = text.failed ? NULL : json_stringn(text.data ? text.data : "", text.len);
    pc_strbuf_free(&text);
    return v;
}

/* The entity of a mentions export: its name, aliases, options and every form searched (new reference), or
 * NULL when out of memory. */
static json_t *json_entity(const pc_export_facts *f)
{
    json_t *aliases = json_array(), *forms = json_array();
    bool failed = !aliases || !forms;
    for (size_t i = 0; !failed && i < f->entity.n_aliases; i++)
        failed = json_array_append_new(aliases, json_repaired(f->entity.aliases[i])) != 0;
    const pc_entity_forms *ef = f->entity.forms;
    for (size_t i = 0; !failed && ef && i < ef->n; i++) {
        const pc_entity_form *form = &ef->forms[i];
        const char *alias = form->alias < f->entity.n_aliases ? f->entity.aliases[form->alias] : NULL;
        failed = json_array_append_new(forms, json_pack("{s:o, s:s, s:o, s:s}", "form", json_repaired(form->text),
                                                        "kind", pc_form_kind_name(form->kind), "alias",
                                                        json_repaired(alias), "how", form->how)) != 0;
    }
    json_t *entity = failed ? NULL
                            : json_pack("{s:o, s:O, s:b, s:b, s:O}", "name", json_repaired(f->entity.name), "aliases", aliases,
                                        "exact", f->entity.exact, "case_sensitive", f->entity.case_sensitive,
                                        "forms", forms);
    json_decref(aliases);
    json_decref(forms);
    return entity;
}

int pc_export_manifest_make(const pc_export_facts *f, pc_export_manifest *m, pc_error *err)
{
    memset(m, 0, sizeof *m);
    m->meta = calloc(MANIFEST_ENTRIES, sizeof *m->meta);
    m->owned = calloc(MANIFEST_ENTRIES, sizeof *m->owned);
    bool failed = !m->meta || !m->owned;
    json_t *filters = json_array();
    for (size_t i = 0; filters && i < f->n_filters; i++)
        if (json_array_append_new(filters, json_pack("{s:s, s:o}", "name", f->filter_names[i], "value",
                                                     json_repaired(f->filter_values[i]))) != 0)
            failed = true;
    json_t *options = json_pack("{s:b, s:b, s:b, s:b, s:b}", "any", f->any, "passages", f->per_passage,
                                "all_copies", f->all_copies, "no_translit", f->no_translit, "no_expand",
                                f->no_expand);
    const pc_analyzer_config *a = f->analyzer;
    json_t *analyzer = a ? json_pack("{s:i, s:b, s:b}", "version", f->analyzer_version, "fold_diacritics",
                                     a->fold_diacritics, "exact_forms", a->exact_forms)
                         : json_null();
    json_t *articles = json_integer((json_int_t)f->articles);
    json_t *entity = f->entity.n_aliases ? json_entity(f) : json_null();
    if (failed || !filters || !options || !analyzer || !articles || !entity) {
        json_decref(entity);
        json_decref(filters);
        json_decref(options);
        json_decref(analyzer);
        json_decref(articles);
        pc_export_manifest_clear(m);
        return pc_error_set(err, PC_ENOMEM, "out of memory while writing the export's manifest");
    }
    manifest_add(m, "presscut_version", PRESSCUT_VERSION, NULL, &failed);
    manifest_add(m, "command", f->command ? f->command : "", NULL, &failed);
    manifest_add(m, "query", f->query ? f->query : "", NULL, &failed);
    manifest_add(m, "filters", NULL, filters, &failed);
    manifest_add(m, "options", NULL, options, &failed);
    manifest_add(m, "index", f->index_path ? f->index_path : "", NULL, &failed);
    manifest_add(m, "articles", NULL, articles, &failed);
    manifest_add(m, "analyzer", NULL, analyzer, &failed);
    if (f->entity.n_aliases)
        manifest_add(m, "entity", NULL, entity, &failed);
    else
        json_decref(entity);
    if (failed) {
        pc_export_manifest_clear(m);
        return pc_error_set(err, PC_ENOMEM, "out of memory while writing the export's manifest");
    }
    return PC_OK;
}

/* ---- a whole export ---- */

typedef struct export_state {
    pc_table *table;
    pc_export_row *row;
    pc_error *err;
} export_state;

static int write_hit_row(void *payload, const pc_search_hit *hit)
{
    export_state *st = payload;
    const pc_cell *cells = NULL;
    int rc = pc_export_row_fill(st->row, hit, &cells, st->err);
    return rc == PC_OK ? pc_table_row(st->table, cells, st->err) : rc;
}

int pc_export_manifest_for_store(pc_store *store, const pc_export_facts *facts, pc_export_manifest *out,
                                 pc_error *err)
{
    pc_store_stats stats;
    int rc = pc_store_stats_get(store, &stats, err);
    if (rc != PC_OK)
        return rc;
    pc_export_facts with_index = *facts;
    with_index.index_path = pc_store_path(store);
    with_index.articles = stats.articles;
    with_index.analyzer = &stats.analyzer;
    with_index.analyzer_version = stats.analyzer_version;
    rc = pc_export_manifest_make(&with_index, out, err);
    pc_store_stats_free(&stats);
    return rc;
}

int pc_export_hits_write(pc_query_session *qs, const pc_search_options *search, const pc_table_options *table,
                         const pc_export_facts *facts, long long *total, pc_error *err)
{
    pc_export_manifest manifest = {0};
    export_state st = {.err = err};
    size_t n_columns = 0;
    const pc_table_column *columns = pc_export_hit_columns(&n_columns);
    int rc = pc_export_manifest_for_store(pc_query_session_store(qs), facts, &manifest, err);
    if (rc == PC_OK)
        rc = pc_export_row_new(table->format, &st.row, err);
    if (rc == PC_OK) {
        pc_table_options topt = *table;
        topt.meta = manifest.meta;
        topt.n_meta = manifest.n;
        rc = pc_table_open(&topt, columns, n_columns, &st.table, err);
    }
    if (rc == PC_OK)
        rc = pc_search_run(qs, search, write_hit_row, &st, total, err);
    if (rc == PC_OK)
        rc = pc_table_finish(st.table, err);
    pc_table_free(st.table);
    pc_export_row_free(st.row);
    pc_export_manifest_clear(&manifest);
    return rc;
}
