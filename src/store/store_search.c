/* store_search.c — the SQL side of searching: matching passages scored by the FTS5 functions of
 * fts5/rank_functions.c (with filters turned into a passage rowid range and article conditions), matching
 * titles, match positions for highlighting, an article and its passages for display, and the counts
 * --explain shows.
 * Every expression handed in was compiled by search/query_compile.c; user text never becomes SQL. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "presscut/fts5/rank_evidence.h"
#include "presscut/fts5/rank_inputs.h"
#include "presscut/core/array.h"
#include "presscut/core/strbuf.h"

static int prepare_read(pc_store *s, const char *sql, sqlite3_stmt **st, pc_error *err)
{
    return store_prepare(s, sql, st, "searching", err);
}

/* A failure while running a MATCH: a refused expression is the caller's bug, told without SQLite's text. */
static int match_error(pc_store *s, int rc, pc_error *err)
{
    if ((rc & 0xff) == SQLITE_ERROR && !pc_tokenizer_context_error(s->tokenizer))
        return pc_error_set(err, PC_EINVAL,
                            "the search expression was refused by the full-text index of '%s' (a bug in presscut's "
                            "query compiler: please report the query)",
                            s->path);
    return store_db_error(s, rc, "searching", err);
}

/* ---- filters ------------------------------------------------------------------------------------------ */

/* The values bound to the '?' of the filter SQL, in order. */
typedef struct bind_list {
    enum { BIND_TEXT, BIND_INT } kind[64];
    const char *text[64];
    long long number[64];
    size_t n;
    bool overflow;
    bool failed;     /* out of memory building a bound value */
    char *owned[2];  /* bound texts built here (lists of names), freed by run_built_query */
    size_t n_owned;
} bind_list;

static void bind_text(bind_list *b, const char *v)
{
    if (b->n == sizeof b->kind / sizeof b->kind[0]) {
        b->overflow = true;
        return;
    }
    b->kind[b->n] = BIND_TEXT;
    b->text[b->n++] = v;
}

static void bind_int(bind_list *b, long long v)
{
    if (b->n == sizeof b->kind / sizeof b->kind[0]) {
        b->overflow = true;
        return;
    }
    b->kind[b->n] = BIND_INT;
    b->number[b->n++] = v;
}

static void bind_all(sqlite3_stmt *st, const bind_list *b, int first)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->kind[i] == BIND_TEXT)
            sqlite3_bind_text(st, first + (int)i, b->text[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(st, first + (int)i, b->number[i]);
    }
}

/* Appends "AND (cond OR cond ...)" with one condition per value; `negate` wraps it in NOT. */
static void append_value_conditions(pc_strbuf *sql, bind_list *b, const char *cond, const char *const *values,
                                    size_t n, bool negate)
{
    if (n == 0)
        return;
    pc_strbuf_add_str(sql, negate ? " AND NOT (" : " AND (");
    for (size_t i = 0; i < n; i++) {
        if (i)
            pc_strbuf_add_str(sql, " OR ");
        pc_strbuf_add_str(sql, cond);
        bind_text(b, values[i]);
    }
    pc_strbuf_add_str(sql, ")");
}

static bool has_article_filters(const pc_store_query *q)
{
    return q->source_filter || q->n_not_sources || q->n_langs || q->n_not_langs;
}

/* Appends "AND [NOT] coalesce(a.source, '') IN (the names)", the names bound as one JSON array read back by
 * json_each: one parameter however many names a source pattern matched. */
static void append_source_names(pc_strbuf *sql, bind_list *b, const char *const *names, size_t n, bool negate)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < n; i++)
        if (json_array_append_new(array, json_stringn_nocheck(names[i], strlen(names[i]))) != 0)
            b->failed = true;
    char *text = array && !b->failed ? json_dumps(array, JSON_COMPACT) : NULL;
    json_decref(array);
    if (!text || b->n_owned == sizeof b->owned / sizeof b->owned[0]) {
        free(text);
        b->failed = true;
        return;
    }
    b->owned[b->n_owned++] = text;
    pc_strbuf_add_str(sql, negate ? " AND NOT " : " AND ");
    pc_strbuf_add_str(sql, "coalesce(a.source, '') IN (SELECT value FROM json_each(?))");
    bind_text(b, text);
}


/* The article conditions of q (source, language, title, and the article ids given as the JSON array
 * `ids_json` when not NULL) on the articles row `a` of article id `id_expr`. */
static void append_article_filters(pc_strbuf *sql, bind_list *b, const pc_store_query *q, const char *id_expr,
                                   const char *ids_json)
{
    if (q->source_filter)
        append_source_names(sql, b, q->sources, q->n_sources, false);
    if (q->n_not_sources)
        append_source_names(sql, b, q->not_sources, q->n_not_sources, true);
    append_value_conditions(sql, b, "a.lang = lower(?)", q->langs, q->n_langs, false);
    append_value_conditions(sql, b, "a.lang = lower(?)", q->not_langs, q->n_not_langs, true);
    if (ids_json) {
        pc_strbuf_add_str(sql, " AND ");
        pc_strbuf_add_str(sql, id_expr);
        pc_strbuf_add_str(sql, " IN (SELECT value FROM json_each(?))");
        bind_text(b, ids_json);
    }
    if (q->title_filter) {
        pc_strbuf_add_str(sql, " AND ");
        pc_strbuf_add_str(sql, id_expr);
        pc_strbuf_add_str(sql, " IN (SELECT rowid FROM title_fts WHERE title_fts MATCH ?)");
        bind_text(b, q->title_filter);
    }
}

/* q's article ids as one JSON array, read back in SQL by json_each: one statement however many there are.
 * Sets *json (malloc'd; NULL when q names no articles). Returns 0 or PC_ENOMEM. */
static int article_ids_json(const long long *ids, size_t n, bool wanted, char **json, pc_error *err)
{
    *json = NULL;
    if (!wanted)
        return PC_OK;
    pc_strbuf b = {0};
    char number[32];
    pc_strbuf_add_str(&b, "[");
    for (size_t i = 0; i < n; i++) {
        snprintf(number, sizeof number, "%s%lld", i ? "," : "", ids[i]);
        pc_strbuf_add_str(&b, number);
    }
    pc_strbuf_add_str(&b, "]");
    if (b.failed) {
        pc_strbuf_free(&b);
        return pc_error_set(err, PC_ENOMEM, "out of memory while searching");
    }
    *json = b.data;
    return PC_OK;
}

/* Inclusive day bounds to [lo, hi] with undated articles (day 0) out when any bound is set; false when the
 * query has no date bound. */
static bool day_bounds(const pc_store_query *q, long long *lo, long long *hi)
{
    if (q->day_from <= 0 && q->day_to <= 0)
        return false;
    *lo = q->day_from > 1 ? q->day_from : 1;
    *hi = q->day_to > 0 ? q->day_to : (1LL << 30);
    return true;
}

bool pc_store_day_passage_range(long first_day, long last_day, pc_passage_id_range *out)
{
    *out = (pc_passage_id_range){0};
    if (first_day <= 0 && last_day <= 0)
        return false;
    out->from = (long long)(first_day > 1 ? first_day : 1) << DAY_SHIFT;
    out->open_end = last_day <= 0;
    if (!out->open_end)
        out->to = ((long long)last_day + 1) << DAY_SHIFT;
    return true;
}

long pc_store_passage_day(long long passage_id)
{
    return (long)(passage_id >> DAY_SHIFT);
}

/* ---- growing arrays ----------------------------------------------------------------------------------- */

/* Makes room for element n of *items (capacity *cap); false when out of memory, *items kept. */
static bool grow(void **items, size_t *cap, size_t n, size_t size)
{
    void *grown = pc_array_reserve(*items, cap, n + 1, size, 256);
    if (!grown)
        return false;
    *items = grown;
    return true;
}

/* Prepares the SQL built in *sql (freeing it) with its bound values, and calls on_row for each row until it
 * fails; a row callback returns 0 or PC_ENOMEM. Returns 0, on_row's failure (err filled here), or the
 * failure of the MATCH (told without SQLite's text). */
static int run_bound_query(pc_store *s, pc_strbuf *sql, const bind_list *binds,
                           int (*on_row)(void *payload, sqlite3_stmt *st), void *payload, pc_error *err)
{
    if (sql->failed || binds->overflow || binds->failed) {
        pc_strbuf_free(sql);
        return pc_error_set(err, binds->overflow ? PC_EINVAL : PC_ENOMEM,
                            binds->overflow ? "too many filters in one query (at most 60)" : "out of memory");
    }
    sqlite3_stmt *st = NULL;
    int rc = prepare_read(s, sql->data, &st, err);
    pc_strbuf_free(sql);
    if (rc != PC_OK)
        return rc;
    bind_all(st, binds, 1);
    while (rc == PC_OK) {
        int src = sqlite3_step(st);
        if (src == SQLITE_DONE)
            break;
        if (src != SQLITE_ROW) {
            rc = match_error(s, src, err);
            break;
        }
        if (on_row(payload, st) != PC_OK)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while searching '%s'", s->path);
    }
    sqlite3_finalize(st);
    return rc;
}

/* run_bound_query, then the bound texts the bind list owns are freed. */
static int run_built_query(pc_store *s, pc_strbuf *sql, bind_list *binds,
                           int (*on_row)(void *payload, sqlite3_stmt *st), void *payload, pc_error *err)
{
    int rc = run_bound_query(s, sql, binds, on_row, payload, err);
    for (size_t i = 0; i < binds->n_owned; i++)
        free(binds->owned[i]);
    binds->n_owned = 0;
    return rc;
}

/* ---- matching passages and titles --------------------------------------------------------------------- */

/* Reads the evidence blob of pc_rank(passage_fts, 1) into *p and *e (and, the first time, the phrase fields of
 * *stats). A blob that does not decode leaves *p and *stats as they are and *e zeroed. */
static void read_evidence(const void *blob, int bytes, pc_scored_passage *p, pc_rank_evidence *e,
                          pc_rank_query_stats *stats, bool *stats_done)
{
    if (pc_rank_evidence_decode(blob, bytes > 0 ? (size_t)bytes : 0, e) != PC_OK)
        return;
    p->score = e->score;
    p->length = e->length;
    memcpy(p->tf, e->tf, (size_t)e->n_phrases * sizeof *e->tf);
    if (stats && !*stats_done) {
        stats->n_phrases = e->n_phrases;
        stats->avg_passage_length = e->avg_length;
        stats->passages = e->rows;
        memcpy(stats->idf, e->idf, (size_t)e->n_phrases * sizeof *e->idf);
        *stats_done = true;
    }
}

/* The collection's totals (schema/006_corpus_totals.sql, kept by triggers): one row, no scan. */
static int read_corpus_totals(pc_store *s, pc_rank_query_stats *stats, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare_read(s, "SELECT articles, body_bytes FROM corpus_totals WHERE id = 1", &st, err);
    if (rc != PC_OK)
        return rc;
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW) {
        stats->articles = sqlite3_column_int64(st, 0);
        stats->body_bytes = sqlite3_column_int64(st, 1);
    } else if (src != SQLITE_DONE) {
        rc = store_db_error(s, src, "reading", err);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Where the passages query hands its rows. */
typedef struct passage_feed {
    pc_rank_query_stats *stats;
    bool stats_done;
    long long rows;
    pc_store_passage_fn fn;
    void *payload;
} passage_feed;

static int feed_passage(void *payload, sqlite3_stmt *st)
{
    passage_feed *f = payload;
    pc_scored_passage p = {
        .passage_id = sqlite3_column_int64(st, 0),
        .article_id = sqlite3_column_int64(st, 1),
    };
    pc_rank_evidence e;
    read_evidence(sqlite3_column_blob(st, 2), sqlite3_column_bytes(st, 2), &p, &e, f->stats, &f->stats_done);
    f->rows++;
    size_t n_ranges = (size_t)e.n_ranges;
    p.n_matches = (unsigned)n_ranges;
    return f->fn(f->payload, &p, n_ranges ? e.ranges : NULL, n_ranges);
}

/* Where the titles query puts its rows. */
typedef struct title_rows {
    pc_title_match **out;
    size_t *n, cap;
} title_rows;

static int collect_title(void *payload, sqlite3_stmt *st)
{
    title_rows *r = payload;
    if (!grow((void **)r->out, &r->cap, *r->n, sizeof **r->out))
        return PC_ENOMEM;
    (*r->out)[(*r->n)++] = (pc_title_match){
        .article_id = sqlite3_column_int64(st, 0),
        .day = sqlite3_column_int64(st, 1),
        .coverage = sqlite3_column_double(st, 2),
    };
    return PC_OK;
}

/* What every search statement starts with: the index must not be stale, and q's article ids become the JSON
 * array the statement reads (*ids_json, malloc'd, NULL when q names none). Returns 0, PC_ECONFIG or PC_ENOMEM. */
static int begin_search(pc_store *s, const pc_store_query *q, char **ids_json, pc_error *err)
{
    *ids_json = NULL;
    int rc = store_check_not_stale(s, err);
    if (rc == PC_OK)
        rc = article_ids_json(q->article_ids, q->n_article_ids, q->article_ids != NULL, ids_json, err);
    return rc;
}

/* Appends the passage side of a search after its SELECT list: FTS5 passages matching `expr` (bound), joined to
 * their passages row `p` (and articles row `a` when q filters on article fields), with q's date bounds as a
 * passage rowid range and q's article conditions (ids_json: q's article ids, or NULL). */
static void append_passage_matches(pc_strbuf *sql, bind_list *b, const pc_store_query *q, const char *expr,
                                   const char *ids_json)
{
    /* CROSS JOIN keeps FTS5 as the outer loop: with a language filter the planner would otherwise start from
     * the articles_lang index and run the MATCH once per article. */
    pc_strbuf_add_str(sql, " FROM passage_fts CROSS JOIN passages p ON p.id = passage_fts.rowid");
    if (has_article_filters(q))
        pc_strbuf_add_str(sql, " CROSS JOIN articles a ON a.id = p.article_id");
    pc_strbuf_add_str(sql, " WHERE passage_fts MATCH ?");
    bind_text(b, expr);
    pc_passage_id_range ids;
    if (pc_store_day_passage_range(q->day_from, q->day_to, &ids)) {
        /* A rowid range: FTS5 skips the other days while it reads the doclists. */
        pc_strbuf_add_str(sql, " AND passage_fts.rowid >= ?");
        bind_int(b, ids.from);
        if (!ids.open_end) {
            pc_strbuf_add_str(sql, " AND passage_fts.rowid < ?");
            bind_int(b, ids.to);
        }
    }
    append_article_filters(sql, b, q, "p.article_id", ids_json);
}

/* Appends the title side of a search after its SELECT list: titles matching `expr` (bound), joined to their
 * articles row `a`, with q's date bounds and article conditions. */
static void append_title_matches(pc_strbuf *sql, bind_list *b, const pc_store_query *q, const char *expr,
                                 const char *ids_json)
{
    pc_strbuf_add_str(sql, " FROM title_fts CROSS JOIN articles a ON a.id = title_fts.rowid WHERE title_fts MATCH ?");
    bind_text(b, expr);
    long long lo, hi;
    if (day_bounds(q, &lo, &hi)) {
        pc_strbuf_add_str(sql, " AND a.day >= ? AND a.day <= ?");
        bind_int(b, lo);
        bind_int(b, hi);
    }
    append_article_filters(sql, b, q, "a.id", ids_json);
}

int pc_store_each_passage(pc_store *s, const pc_store_query *q, pc_rank_query_stats *stats, pc_store_passage_fn fn,
                          void *payload, pc_error *err)
{
    if (stats) { /* the weights are the search's */
        pc_rank_query_stats kept = *stats;
        memset(stats, 0, sizeof *stats);
        stats->n_weights = kept.n_weights;
        memcpy(stats->weight, kept.weight, sizeof stats->weight);
    }
    if (!q || !q->match)
        return pc_error_set(err, PC_EINVAL, "no search expression given");
    char *ids_json = NULL;
    int rc = begin_search(s, q, &ids_json, err);
    if (rc != PC_OK)
        return rc;
    pc_strbuf sql = {0};
    bind_list binds = {0};
    pc_strbuf_add_str(&sql, q->phrase_weights ? "SELECT passage_fts.rowid, p.article_id, pc_rank(passage_fts, 1, ?)"
                                              : "SELECT passage_fts.rowid, p.article_id, pc_rank(passage_fts, 1)");
    if (q->phrase_weights) /* bound before the MATCH: its '?' comes first */
        bind_text(&binds, q->phrase_weights);
    append_passage_matches(&sql, &binds, q, q->match, ids_json);
    passage_feed feed = {.stats = stats, .fn = fn, .payload = payload};
    rc = run_built_query(s, &sql, &binds, feed_passage, &feed, err);
    free(ids_json);
    if (rc == PC_OK && stats && feed.rows > 0)
        rc = read_corpus_totals(s, stats, err);
    return rc;
}

/* The passages pc_store_match_passages collects, with their match ranges when asked for. */
typedef struct passage_list {
    pc_scored_passage *items;
    size_t n, cap;
    bool want_ranges;
    pc_token_range *ranges;
    size_t n_ranges, cap_ranges;
} passage_list;

static int collect_passage(void *payload, const pc_scored_passage *p, const pc_token_range *ranges, size_t n_ranges)
{
    passage_list *list = payload;
    if (!grow((void **)&list->items, &list->cap, list->n, sizeof *list->items))
        return PC_ENOMEM;
    pc_scored_passage *kept = &list->items[list->n++];
    *kept = *p;
    kept->first_match = 0;
    kept->n_matches = 0;
    if (!list->want_ranges || n_ranges == 0)
        return PC_OK;
    pc_token_range *grown =
        pc_array_reserve(list->ranges, &list->cap_ranges, list->n_ranges + n_ranges, sizeof *grown, 1024);
    if (!grown)
        return PC_ENOMEM;
    list->ranges = grown;
    kept->first_match = list->n_ranges;
    kept->n_matches = (unsigned)n_ranges;
    memcpy(list->ranges + list->n_ranges, ranges, n_ranges * sizeof *ranges);
    list->n_ranges += n_ranges;
    return PC_OK;
}

int pc_store_match_passages(pc_store *s, const pc_store_query *q, pc_scored_passage **out, size_t *n,
                            pc_rank_query_stats *stats, pc_token_range **ranges_out, pc_error *err)
{
    *out = NULL;
    *n = 0;
    if (ranges_out)
        *ranges_out = NULL;
    if (stats)
        memset(stats, 0, sizeof *stats);
    passage_list list = {.want_ranges = ranges_out != NULL};
    int rc = pc_store_each_passage(s, q, stats, collect_passage, &list, err);
    if (rc != PC_OK) {
        free(list.items);
        free(list.ranges);
        return rc;
    }
    *out = list.items;
    *n = list.n;
    if (ranges_out)
        *ranges_out = list.ranges;
    return PC_OK;
}

/* Where the articles query puts its ids. */
typedef struct id_rows {
    long long **out;
    size_t *n, cap;
} id_rows;

static int collect_id(void *payload, sqlite3_stmt *st)
{
    id_rows *r = payload;
    if (!grow((void **)r->out, &r->cap, *r->n, sizeof **r->out))
        return PC_ENOMEM;
    (*r->out)[(*r->n)++] = sqlite3_column_int64(st, 0);
    return PC_OK;
}

int pc_store_match_articles(pc_store *s, const pc_store_query *q, const char *expr, long long **ids, size_t *n,
                            pc_error *err)
{
    *ids = NULL;
    *n = 0;
    if (!q || !expr)
        return pc_error_set(err, PC_EINVAL, "no search expression given");
    char *ids_json = NULL;
    int rc = begin_search(s, q, &ids_json, err);
    if (rc != PC_OK)
        return rc;

    /* The articles of the matching passages, then those of the matching titles; UNION sorts and removes
     * repeats. Both halves take the same filters. */
    pc_strbuf sql = {0};
    bind_list binds = {0};
    pc_strbuf_add_str(&sql, "SELECT p.article_id");
    append_passage_matches(&sql, &binds, q, expr, ids_json);
    pc_strbuf_add_str(&sql, " UNION SELECT a.id");
    append_title_matches(&sql, &binds, q, expr, ids_json);
    pc_strbuf_add_str(&sql, " ORDER BY 1");
    id_rows rows = {.out = ids, .n = n};
    rc = run_built_query(s, &sql, &binds, collect_id, &rows, err);
    free(ids_json);
    if (rc != PC_OK) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

int pc_store_match_titles(pc_store *s, const pc_store_query *q, const char *expr, pc_title_match **out, size_t *n,
                          pc_error *err)
{
    *out = NULL;
    *n = 0;
    if (!q || !expr)
        return pc_error_set(err, PC_EINVAL, "no search expression given");
    char *ids_json = NULL;
    int rc = begin_search(s, q, &ids_json, err);
    if (rc != PC_OK)
        return rc;
    pc_strbuf sql = {0};
    bind_list binds = {0};
    pc_strbuf_add_str(&sql, "SELECT title_fts.rowid, a.day, pc_coverage(title_fts)");
    append_title_matches(&sql, &binds, q, expr, ids_json);
    title_rows rows = {.out = out, .n = n};
    rc = run_built_query(s, &sql, &binds, collect_title, &rows, err);
    free(ids_json);
    if (rc != PC_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int pc_store_match_spans(pc_store *s, bool title, const char *expr, long long rowid, pc_span **spans, size_t *n,
                         pc_error *err)
{
    *spans = NULL;
    *n = 0;
    if (!expr)
        return PC_OK;
    int rc = store_check_not_stale(s, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = store_stmt(s, title ? STMT_TITLE_SPANS : STMT_PASSAGE_SPANS, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, rowid);
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW) {
        const void *blob = sqlite3_column_blob(st, 0);
        size_t bytes = (size_t)sqlite3_column_bytes(st, 0);
        size_t text_len = (size_t)sqlite3_column_int64(st, 1);
        if (blob && pc_spans_decode(blob, bytes, text_len, spans, n) != PC_OK)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while highlighting matches");
    } else if (src != SQLITE_DONE) {
        rc = match_error(s, src, err);
    }
    sqlite3_reset(st);
    return rc;
}

/* ---- articles ----------------------------------------------------------------------------------------- */

static char *column_copy(sqlite3_stmt *st, int i, bool *failed)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    if (!v)
        return NULL;
    char *copy = strdup((const char *)v);
    if (!copy)
        *failed = true;
    return copy;
}

void pc_store_article_clear(pc_store_article *a)
{
    if (!a)
        return;
    free(a->title);
    free(a->published);
    free(a->source);
    free(a->url);
    free(a->lang);
    free(a->path);
    free(a->record);
    free(a->tags);
    free(a->body);
    free(a->passage);
    memset(a, 0, sizeof *a);
}

/* Why STMT_ARTICLE_GET found nothing: no such article, or not that passage. */
static int article_missing(pc_store *s, long long article_id, long long passage_id, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare_read(s, "SELECT 1 FROM articles WHERE id = ?1", &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, article_id);
    int src = sqlite3_step(st);
    sqlite3_finalize(st);
    if (src == SQLITE_ROW)
        return pc_error_set(err, PC_EINVAL, "article %lld of the index '%s' has no passage %lld", article_id,
                            s->path, passage_id);
    if (src != SQLITE_DONE)
        return store_db_error(s, src, "reading", err);
    return pc_error_set(err, PC_EINVAL, "no article has id %lld in the index '%s'; ids are shown by presscut search",
                        article_id, s->path);
}

int pc_store_article_get(pc_store *s, long long article_id, long long passage_id, bool with_body,
                         pc_store_article *out, pc_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_ARTICLE_GET, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_bind_int64(st, 2, passage_id);
    sqlite3_bind_int(st, 3, with_body);
    int src = sqlite3_step(st);
    bool failed = false;
    if (src == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->title = column_copy(st, 1, &failed);
        out->published = column_copy(st, 2, &failed);
        out->source = column_copy(st, 3, &failed);
        out->url = column_copy(st, 4, &failed);
        out->lang = column_copy(st, 5, &failed);
        out->path = column_copy(st, 6, &failed);
        out->record = column_copy(st, 7, &failed);
        out->tags = column_copy(st, 8, &failed);
        out->cluster = sqlite3_column_int64(st, 9);
        out->n_passages = sqlite3_column_int64(st, 10);
        out->copies = sqlite3_column_int64(st, 11);
        out->passage_id = sqlite3_column_int64(st, 12);
        out->passage_seq = sqlite3_column_int(st, 13) + 1;
        out->passage_start = (size_t)sqlite3_column_int64(st, 14);
        out->passage_end = (size_t)sqlite3_column_int64(st, 15);
        out->passage_start_chars = (size_t)sqlite3_column_int64(st, 18);
        out->passage = column_copy(st, 16, &failed);
        if (!out->passage && !failed)
            out->passage = strdup("");
        if (!out->passage)
            failed = true;
        if (with_body) {
            out->body = column_copy(st, 17, &failed);
            out->body_len = out->body ? (size_t)sqlite3_column_bytes(st, 17) : 0;
        }
        if (failed)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while reading article %lld", article_id);
    } else if (src != SQLITE_DONE) {
        rc = store_db_error(s, src, "reading", err);
    }
    sqlite3_reset(st);
    if (rc == PC_OK && src == SQLITE_DONE)
        rc = article_missing(s, article_id, passage_id, err);
    if (rc != PC_OK)
        pc_store_article_clear(out);
    return rc;
}

int pc_store_article_passages(pc_store *s, long long article_id, long long **ids, size_t **starts, size_t *n,
                              pc_error *err)
{
    *ids = NULL;
    *starts = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare_read(s, "SELECT id, start_byte FROM passages WHERE article_id = ?1 ORDER BY seq", &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, article_id);
    size_t cap_ids = 0, cap_starts = 0;
    while (store_next_row(s, st, "reading", &rc, err)) {
        if (!grow((void **)ids, &cap_ids, *n, sizeof **ids) || !grow((void **)starts, &cap_starts, *n, sizeof **starts)) {
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while reading article %lld", article_id);
            break;
        }
        (*ids)[*n] = sqlite3_column_int64(st, 0);
        (*starts)[*n] = (size_t)sqlite3_column_int64(st, 1);
        (*n)++;
    }
    sqlite3_finalize(st);
    if (rc != PC_OK) {
        free(*ids);
        free(*starts);
        *ids = NULL;
        *starts = NULL;
        *n = 0;
    }
    return rc;
}

int pc_store_article_facts(pc_store *s, const long long *ids, size_t n, pc_article_facts *facts, pc_error *err)
{
    for (size_t i = 0; i < n; i++)
        facts[i] = (pc_article_facts){.article_id = ids[i]};
    if (n == 0)
        return PC_OK;
    char *json = NULL;
    if (article_ids_json(ids, n, true, &json, err) != PC_OK)
        return PC_ENOMEM;
    sqlite3_stmt *st = NULL;
    int rc = prepare_read(s,
                          "SELECT j.key, a.cluster, a.body_bytes FROM json_each(?1) j "
                          "CROSS JOIN articles a ON a.id = j.value",
                          &st, err);
    if (rc == PC_OK) {
        sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
        while (store_next_row(s, st, "reading", &rc, err)) {
            long long key = sqlite3_column_int64(st, 0);
            if (key >= 0 && (size_t)key < n) {
                facts[key].cluster = sqlite3_column_int64(st, 1);
                facts[key].body_bytes = sqlite3_column_int64(st, 2);
            }
        }
    }
    sqlite3_finalize(st);
    free(json);
    return rc;
}

int pc_store_passage_count(pc_store *s, long long *count, pc_error *err)
{
    *count = 0;
    sqlite3_stmt *st = NULL;
    int rc = prepare_read(s, "SELECT passages FROM corpus_totals WHERE id = 1", &st, err);
    if (rc != PC_OK)
        return rc;
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW)
        *count = sqlite3_column_int64(st, 0);
    else
        rc = store_db_error(s, src, "reading", err);
    sqlite3_finalize(st);
    return rc;
}

/* ---- for --explain ------------------------------------------------------------------------------------ */

int pc_store_count_passages(pc_store *s, const char *expr, long long *count, pc_error *err)
{
    *count = 0;
    int rc = store_check_not_stale(s, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = prepare_read(s, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH ?1", &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW)
        *count = sqlite3_column_int64(st, 0);
    else
        rc = match_error(s, src, err);
    sqlite3_finalize(st);
    return rc;
}

int pc_store_term_passages(pc_store *s, const char *term, size_t len, bool prefix, long long *docs,
                           long long *terms, pc_error *err)
{
    *docs = 0;
    *terms = 0;
    int rc = s->vocab_tables ? PC_OK : store_ensure_vocab_tables(s, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    /* A prefix range: every term t with prefix <= t < prefix || x'ff' (no UTF-8 byte is 0xff). */
    rc = prepare_read(s,
                      prefix ? "SELECT coalesce(sum(doc), 0), count(*) FROM temp.passage_vocab "
                               "WHERE term >= ?1 AND term < CAST(?1 || x'ff' AS TEXT)"
                             : "SELECT coalesce(sum(doc), 0), count(*) FROM temp.passage_vocab WHERE term = ?1",
                      &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_text(st, 1, term, (int)len, SQLITE_STATIC);
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW) {
        *docs = sqlite3_column_int64(st, 0);
        *terms = sqlite3_column_int64(st, 1);
    } else {
        rc = store_db_error(s, src, "reading the terms", err);
    }
    sqlite3_finalize(st);
    return rc;
}

const pc_rank_params *pc_store_rank_params(const pc_store *s)
{
    return &s->rank_params;
}
