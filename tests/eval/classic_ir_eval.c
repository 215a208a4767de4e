/* classic_ir_eval.c — relevance of `presscut search --any` on the classic judged collections of
 * DIR/classic-ir (CISI, CRAN, MED: library science, aerodynamics, medicine; not news), against plain SQLite
 * FTS5 bm25 (porter unicode61) on the same texts in the same run, so that a ranking tuned on TIME
 * (time_eval.c) is not tuned to TIME alone. Prints MAP, P@10 and nDCG@10 per collection and system. Run by
 * hand; not a test.
 *
 *   eval_classic_ir_eval --presscut BIN --corpus DIR [--collections cisi,cran,med] [--params P]
 *                        [--grid | --grid-spec SPEC] [--per-query]
 *
 *   --collections L  the collections measured, comma-separated (default cisi,cran,med)
 *   --params, --grid, --grid-spec, --per-query: as in time_eval.c
 *
 * Each collection is indexed the way a user would hand it over: one JSON Lines export written to a temporary
 * folder, {"id": ".I number", "title": <the .T field>, "text": <the .W field>} per record in file order (MED
 * has no titles), then `BIN --db DB index FILE.jsonl`. A query is its .W field with everything but ASCII
 * letters and digits made a space, white space collapsed and lowercased (so "AND", "(", "-", ":" in the
 * questions are not read as operators); run as `BIN --db DB search --any --format jsonl -n 1000 -- QUERY`.
 * The baseline indexes the same title and text in two FTS5 columns and ORs the query's words.
 *
 * Judgments (checked against the data): queries are numbered by their position in the query file (CISI and
 * MED number them so; cranqrel does too, while cran.qry's .I numbers have gaps), documents by their .I
 * number (1..N in file order in all three). CISI.REL lines are "query doc 0 0.0", MED.REL "query 0 doc 1",
 * cranqrel "query doc grade": grades 1 to 4 are relevant; -1 (once per query, 225 lines) is not counted. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MEASURE_PROGRAM "eval_classic_ir_eval"
#include "relevance_eval.h"

/* How a collection's judgment lines are laid out. */
typedef enum rel_layout {
    REL_QUERY_DOC,        /* "query doc ..." (CISI) */
    REL_QUERY_ZERO_DOC,   /* "query 0 doc 1" (MED) */
    REL_QUERY_DOC_GRADE,  /* "query doc grade", relevant when grade >= 1 (CRAN) */
} rel_layout;

typedef struct classic_collection {
    const char *name, *docs, *queries, *judgments; /* file names under DIR/classic-ir/<name>/ */
    rel_layout layout;
} classic_collection;

static const classic_collection collections[] = {
    {"cisi", "CISI.ALL", "CISI.QRY", "CISI.REL", REL_QUERY_DOC},
    {"cran", "cran.all.1400", "cran.qry", "cranqrel", REL_QUERY_DOC_GRADE},
    {"med", "MED.ALL", "MED.QRY", "MED.REL", REL_QUERY_ZERO_DOC},
};

/* ---- SMART records ----------------------------------------------------------------------------------- */

/* One ".I" record: its number and its fields' text (".T" title, ".W" words), each malloc'd or NULL. */
typedef struct smart_record {
    long number;
    char *title, *words;
} smart_record;

static bool is_field_line(const char *p)
{
    return p[0] == '.' && p[1] >= 'A' && p[1] <= 'Z' && (p[2] == '\n' || p[2] == ' ' || p[2] == '\r' || !p[2]);
}

/* Reads the record starting at *at (a ".I" line) and moves *at past it; false at the end of text. */
static bool next_record(char **at, smart_record *r)
{
    char *p = *at;
    while (*p && !(is_field_line(p) && p[1] == 'I'))
        p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
    if (!*p)
        return false;
    memset(r, 0, sizeof *r);
    r->number = strtol(p + 2, NULL, 10);
    p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
    char field = 0;
    const char *start = p;
    for (;;) {
        bool end = !*p || is_field_line(p);
        if (end) {
            size_t len = (size_t)(p - start);
            if (field == 'T' && !r->title)
                r->title = xstrndup(start, len);
            else if (field == 'W' && !r->words)
                r->words = xstrndup(start, len);
            if (!*p || p[1] == 'I')
                break;
            field = p[1];
            p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
            start = p;
            continue;
        }
        p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
    }
    *at = p;
    return true;
}

/* Everything but ASCII letters and digits made a space, then eval_clean_query (lowercased). In place. */
static void plain_words(char *s)
{
    for (char *p = s; *p; p++)
        if (!eval_is_word_char(*p))
            *p = ' ';
    eval_clean_query(s, false);
}

/* Reads the three files of cc from dir into c. Returns 0, or -1 after a message. */
static int read_collection(const char *dir, const classic_collection *cc, eval_collection *c,
                           size_t *judgments_dropped)
{
    char *paths[3] = {xpath_in(dir, cc->docs), xpath_in(dir, cc->queries), xpath_in(dir, cc->judgments)};
    char *text[3] = {NULL, NULL, NULL};
    int rc = 0;
    for (int i = 0; i < 3; i++) {
        size_t len;
        text[i] = (char *)harness_read_file(paths[i], &len);
        if (!text[i]) {
            fprintf(stderr, "eval_classic_ir_eval: cannot read '%s': %s\n", paths[i], strerror(errno));
            rc = -1;
        }
    }
    if (rc == 0) {
        char *at = text[0];
        smart_record r;
        while (next_record(&at, &r)) {
            char id[32];
            snprintf(id, sizeof id, "%ld", r.number);
            if ((size_t)r.number != c->n_docs + 1)
                fprintf(stderr, "eval_classic_ir_eval: %s: document .I %ld at position %zu\n", cc->docs, r.number,
                        c->n_docs + 1);
            eval_add_doc(c, xstrndup(id, strlen(id)), r.title, r.words ? r.words : xstrndup("", 0));
        }
        at = text[1];
        while (next_record(&at, &r)) {
            char *words = r.words ? r.words : xstrndup("", 0);
            plain_words(words);
            eval_add_query(c, (int)c->n_queries + 1, words);
            free(r.title);
        }
        for (char *line = strtok(text[2], "\n"); line; line = strtok(NULL, "\n")) {
            long v[4] = {0};
            int n = sscanf(line, "%ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3]);
            long query = v[0], doc = cc->layout == REL_QUERY_ZERO_DOC ? v[2] : v[1];
            if (n < (cc->layout == REL_QUERY_DOC ? 2 : 3))
                continue;
            if (cc->layout == REL_QUERY_DOC_GRADE && v[2] < 1)
                continue;
            eval_query *q = query >= 1 && (size_t)query <= c->n_queries ? &c->queries[query - 1] : NULL;
            if (!q || doc < 1 || (size_t)doc > c->n_docs) {
                (*judgments_dropped)++;
                continue;
            }
            eval_add_relevant(q, (int)doc);
        }
        eval_sort_judgments(c);
    }
    for (int i = 0; i < 3; i++) {
        free(paths[i]);
        free(text[i]);
    }
    return rc;
}

/* ---- main -------------------------------------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr, "usage: eval_classic_ir_eval --presscut BIN --corpus DIR [--collections cisi,cran,med] "
                    "[--params P] [--grid | --grid-spec SPEC] [--per-query]\n");
}

typedef struct run_options {
    const char *bin, *params, *spec;
    bool grid, per_query;
} run_options;

/* Measures one collection (read from dir) in the temporary folder tmp_dir. Returns 0, or 2 on failure. */
static int measure_collection(const run_options *o, const char *dir, const classic_collection *cc,
                              const char *tmp_dir)
{
    eval_collection c = {0};
    size_t dropped = 0;
    if (read_collection(dir, cc, &c, &dropped) != 0) {
        eval_collection_free(&c);
        return 2;
    }
    size_t judgments = 0;
    for (size_t i = 0; i < c.n_queries; i++)
        judgments += c.queries[i].n_relevant;
    printf("\n%s: %zu documents, %zu queries (%zu with judgments), %zu relevant judgments (%zu name nothing "
           "here)\n",
           cc->name, c.n_docs, c.n_queries, eval_judged_queries(&c), judgments, dropped);
    char *export = xpath_in(tmp_dir, "export.jsonl"), *db = xpath_in(tmp_dir, "index.db"),
         *err_path = xpath_in(tmp_dir, "stderr");
    eval_presscut_path path = {.bin = o->bin, .db = db, .err_path = err_path, .input = export,
                               .label = "JSONL export", .position = eval_export_line_position};
    eval_run base, pc;
    eval_run_init(&base, &c);
    eval_run_init(&pc, &c);
    int rc = 0;
    if (eval_run_baseline(&c, &base) != 0 || eval_write_jsonl_export(&c, export) != 0 || eval_index(&path) != 0) {
        rc = 2;
        goto done;
    }
    eval_run_presscut(&path, &c, o->params, &pc);
    eval_print_header();
    char name[256];
    snprintf(name, sizeof name, "%s: presscut --any%s%s", cc->name, o->params ? " " : "", o->params ? o->params : "");
    eval_print_row(name, &pc);
    snprintf(name, sizeof name, "%s: FTS5 bm25 porter", cc->name);
    eval_print_row(name, &base);
    if (o->per_query) {
        printf("%6s %9s %9s %9s  %s\n", "query", "judged", "AP pc", "AP fts5", "text");
        for (size_t i = 0; i < c.n_queries; i++)
            printf("%6d %9zu %9.4f %9.4f  %.80s\n", c.queries[i].id, c.queries[i].n_relevant, pc.ap[i], base.ap[i],
                   c.queries[i].text);
    }
    if (o->spec)
        rc = eval_grid_spec(&path, &c, o->params, o->spec) != 0 ? 2 : 0;
    else if (o->grid)
        eval_sweep(&path, &c, o->params);
done:
    eval_run_free(&base);
    eval_run_free(&pc);
    eval_collection_free(&c);
    char *leftovers[] = {export, db, err_path};
    for (size_t i = 0; i < sizeof leftovers / sizeof leftovers[0]; i++)
        unlink(leftovers[i]);
    static const char *const db_suffixes[] = {"-wal", "-shm"};
    for (size_t i = 0; i < 2; i++) {
        char side[4096];
        snprintf(side, sizeof side, "%s%s", db, db_suffixes[i]);
        unlink(side);
    }
    free(export);
    free(db);
    free(err_path);
    return rc;
}

int main(int argc, char **argv)
{
    run_options o = {0};
    const char *corpus = NULL, *names = "cisi,cran,med";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--presscut") && has_value)
            o.bin = argv[++i];
        else if (!strcmp(a, "--corpus") && has_value)
            corpus = argv[++i];
        else if (!strcmp(a, "--collections") && has_value)
            names = argv[++i];
        else if (!strcmp(a, "--params") && has_value)
            o.params = argv[++i];
        else if (!strcmp(a, "--grid-spec") && has_value)
            o.spec = argv[++i];
        else if (!strcmp(a, "--grid"))
            o.grid = true;
        else if (!strcmp(a, "--per-query"))
            o.per_query = true;
        else {
            usage();
            return 2;
        }
    }
    if (!o.bin || !corpus) {
        usage();
        return 2;
    }
    char tmp_dir[] = "/tmp/presscut-classic-ir-eval-XXXXXX";
    if (!mkdtemp(tmp_dir)) {
        fprintf(stderr, "eval_classic_ir_eval: cannot make a temporary folder: %s\n", strerror(errno));
        return 2;
    }
    int exit_code = 0;
    char *list = xstrndup(names, strlen(names)), *save = NULL;
    for (char *name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        const classic_collection *cc = NULL;
        for (size_t i = 0; i < sizeof collections / sizeof collections[0]; i++)
            if (!strcmp(collections[i].name, name))
                cc = &collections[i];
        if (!cc) {
            fprintf(stderr, "eval_classic_ir_eval: no collection '%s': use cisi, cran or med\n", name);
            exit_code = 2;
            continue;
        }
        char *base = xpath_in(corpus, "classic-ir"), *dir = xpath_in(base, cc->name);
        if (measure_collection(&o, dir, cc, tmp_dir) != 0)
            exit_code = 2;
        free(base);
        free(dir);
    }
    free(list);
    rmdir(tmp_dir);
    return exit_code;
}
