/* read_csv.c — the `csv` and `tsv` readers: a header row, then one article per row. CSV is parsed by hand
 * after RFC 4180 (quoted fields, doubled quotes, newlines inside quotes), with the separator (',' or ';')
 * and the quote ('"' or '\'') sniffed; TSV has no quoting and decodes \t \n \\. Columns map to article
 * fields through fields.h. The rules are in include/presscut/ingest/reader.h (pc_read_csv, pc_read_tsv). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "presscut/ingest/fields.h"
#include "presscut/ingest/reader.h"
#include "presscut/core/strbuf.h"

#define SNIFF_BYTES (256 * 1024) /* the separator and quote are tried on this much of the file */
#define SNIFF_ROWS 200
#define HEADERLESS_MIN_BYTES 200 /* a first-row field this long is text, not a column name */
#define COLUMNS_SHOWN 12         /* header columns named in the "no text column" error */

/* ---- the row parser ---- */

typedef enum row_status { ROW_OK, ROW_END, ROW_UNCLOSED, ROW_NOMEM } row_status;

/* One row: its fields as offsets into `data` (decoded: quotes removed, escapes undone). */
typedef struct row {
    pc_strbuf data;
    size_t *starts, *lens;
    size_t n_fields, cap_fields;
    long line;      /* the row's first physical line */
    long end_line;  /* the line the next row starts on */
} row;

/* The text of field i of a row (lens[i] bytes). A row whose fields are all empty has no data at all. */
static const char *row_field(const row *rw, size_t i)
{
    return rw->data.data ? rw->data.data + rw->starts[i] : "";
}

typedef struct parser {
    const char *text;
    size_t len, pos;
    long line;   /* line of text[pos] */
    char sep;    /* ',', ';' or '\t' */
    char quote;  /* '"', '\'' or 0 (TSV: none) */
    bool escapes; /* TSV: \t \n \\ decoded */
    long quoted;  /* quoted fields read so far */
} parser;

static bool row_add_field(row *r, size_t start)
{
    if (r->n_fields == r->cap_fields) {
        size_t cap = r->cap_fields ? r->cap_fields * 2 : 16;
        size_t *s = realloc(r->starts, cap * sizeof *s);
        if (!s)
            return false;
        r->starts = s;
        size_t *l = realloc(r->lens, cap * sizeof *l);
        if (!l)
            return false;
        r->lens = l;
        r->cap_fields = cap;
    }
    r->starts[r->n_fields] = start;
    r->lens[r->n_fields] = r->data.len - start;
    r->n_fields++;
    return true;
}

static void row_free(row *r)
{
    free(r->data.data);
    free(r->starts);
    free(r->lens);
    memset(r, 0, sizeof *r);
}

/* A blank line: one field of nothing but white space. */
static bool row_blank(const row *r)
{
    if (r->n_fields != 1)
        return false;
    for (size_t i = 0; i < r->lens[0]; i++)
        if ((unsigned char)r->data.data[r->starts[0] + i] > ' ')
            return false;
    return true;
}

/* Reads the next row (which may be a blank line: one empty field). ROW_UNCLOSED: a quote opened on
 * r->line is never closed (p->pos is then at the end). */
static row_status next_row(parser *p, row *r)
{
    r->data.len = 0;
    if (r->data.data)
        r->data.data[0] = '\0';
    r->n_fields = 0;
    if (p->pos >= p->len)
        return ROW_END;
    r->line = p->line;
    size_t field_start = 0;
    for (;;) {
        /* one field */
        if (p->quote && p->pos < p->len && p->text[p->pos] == p->quote) {
            p->pos++;
            for (;;) {
                if (p->pos >= p->len)
                    return ROW_UNCLOSED;
                char c = p->text[p->pos];
                if (c == p->quote) {
                    if (p->pos + 1 < p->len && p->text[p->pos + 1] == p->quote) {
                        pc_strbuf_add(&r->data, &c, 1);
                        p->pos += 2;
                        continue;
                    }
                    p->pos++;
                    p->quoted++;
                    break;
                }
                size_t run = p->pos;
                while (p->pos < p->len && p->text[p->pos] != p->quote) {
                    if (p->text[p->pos] == '\n')
                        p->line++;
                    p->pos++;
                }
                pc_strbuf_add(&r->data, p->text + run, p->pos - run);
            }
            /* text after the closing quote, up to the separator, is kept as it is (lenient) */
        }
        size_t run = p->pos;
        while (p->pos < p->len) {
            char c = p->text[p->pos];
            if (c == p->sep || c == '\n')
                break;
            if (p->escapes && c == '\\' && p->pos + 1 < p->len) {
                char e = p->text[p->pos + 1];
                char out = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == '\\' ? '\\' : 0;
                if (out) {
                    pc_strbuf_add(&r->data, p->text + run, p->pos - run);
                    pc_strbuf_add(&r->data, &out, 1);
                    p->pos += 2;
                    run = p->pos;
                    continue;
                }
            }
            p->pos++;
        }
        size_t end = p->pos;
        if (end > run && p->text[end - 1] == '\r' && (end == p->len || p->text[end] == '\n'))
            end--; /* CRLF */
        pc_strbuf_add(&r->data, p->text + run, end - run);
        if (r->data.failed || !row_add_field(r, field_start))
            return ROW_NOMEM;
        field_start = r->data.len;
        if (p->pos >= p->len)
            break;
        if (p->text[p->pos] == '\n') {
            p->pos++;
            p->line++;
            break;
        }
        p->pos++; /* the separator */
    }
    r->end_line = p->line;
    return ROW_OK;
}

/* ---- sniffing ---- */

/* How many rows of the first SNIFF_BYTES have as many fields (at least 2) as the first non-blank row,
 * parsed with this separator and quote; 0 when no field starts with the quote and it is not '"'. A row
 * still open at the end of the sample does not count. */
static long consistent_rows(const char *text, size_t len, char sep, char quote, long *quoted)
{
    *quoted = 0;
    if (quote != '"') {
        bool used = len > 0 && text[0] == quote;
        for (size_t i = 1; i < len && i < SNIFF_BYTES && !used; i++)
            used = text[i] == quote && (text[i - 1] == sep || text[i - 1] == '\n');
        if (!used)
            return 0;
    }
    size_t sample = len;
    if (sample > SNIFF_BYTES) {
        sample = SNIFF_BYTES;
        while (sample < len && text[sample - 1] != '\n')
            sample++;
    }
    parser p = {text, sample, 0, 1, sep, quote, false, 0};
    row r;
    memset(&r, 0, sizeof r);
    size_t want = 0;
    long good = 0;
    for (int n = 0; n < SNIFF_ROWS; n++) {
        row_status st = next_row(&p, &r);
        if (st != ROW_OK)
            break;
        if (row_blank(&r))
            continue;
        if (want == 0)
            want = r.n_fields;
        if (r.n_fields == want && want >= 2)
            good++;
    }
    row_free(&r);
    *quoted = p.quoted;
    return good;
}

/* The separator by the header: ';' when the first non-blank line has more ';' than ',' outside
 * double-quoted fields, else ','. */
static char header_separator(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ' || text[i] == '\t'))
        i++;
    long commas = 0, semicolons = 0;
    bool quoted = false;
    for (; i < len; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == '\n')
            break;
        else if (!quoted && c == ',')
            commas++;
        else if (!quoted && c == ';')
            semicolons++;
    }
    return semicolons > commas ? ';' : ',';
}

/* The separator and quote of a .csv: by the header rule with '"' quoting, unless another of ',' / ';'
 * with '"' / '\'' gives more rows with the header's number of fields, or as many and more quoted fields
 * (as 10kGNAD's `label;'text'` does). */
static void sniff_csv(const char *text, size_t len, char *sep, char *quote)
{
    *sep = header_separator(text, len);
    *quote = '"';
    long best_quoted;
    long best = consistent_rows(text, len, *sep, *quote, &best_quoted);
    static const char seps[] = {',', ';'}, quotes[] = {'"', '\''};
    for (size_t q = 0; q < 2; q++)
        for (size_t s = 0; s < 2; s++) {
            if (seps[s] == *sep && quotes[q] == *quote)
                continue;
            long quoted;
            long n = consistent_rows(text, len, seps[s], quotes[q], &quoted);
            if (n > best || (n == best && n > 0 && quoted > best_quoted)) {
                best = n;
                best_quoted = quoted;
                *sep = seps[s];
                *quote = quotes[q];
            }
        }
}

/* ---- reading ---- */

typedef struct csv_reader {
    const pc_reader_input *in;
    pc_article_sink sink;
    pc_warn_fn warn;
    void *payload;
    size_t n_columns;
    pc_field *fields;      /* per column */
    const char **tag_label; /* per column: "tag", "keyword", ... or NULL */
    size_t text_column;
    const row *header;
    bool headerless;        /* the first row is data; columns are known by number */
} csv_reader;

/* The label of a tags column (tags, keywords, categories, topics, or the singular), or NULL. */
static const char *tag_label(const char *name, size_t len)
{
    static const char *const names[][2] = {{"tags", "tag"},       {"tag", "tag"},
                                           {"keywords", "keyword"}, {"keyword", "keyword"},
                                           {"categories", "category"}, {"category", "category"},
                                           {"topics", "topic"},   {"topic", "topic"}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i][0]) == len && strncasecmp(name, names[i][0], len) == 0)
            return names[i][1];
    return NULL;
}

/* The field a --map key that is a column number (1-based) gives column i, or PC_FIELD_NONE. */
static pc_field field_by_number(const pc_field_map *map, size_t i)
{
    if (!map)
        return PC_FIELD_NONE;
    for (int f = PC_FIELD_TITLE; f < PC_FIELD_COUNT; f++) {
        const char *k = map->key[f];
        if (!k || !*k || strspn(k, "0123456789") != strlen(k))
            continue;
        if (strtoul(k, NULL, 10) == i + 1)
            return (pc_field)f;
    }
    return PC_FIELD_NONE;
}

/* Appends tags "label:value" from a cell ("a, b; c" gives three). */
static void add_tags(pc_strbuf *tags, const char *label, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != ',' && s[i] != ';')
            continue;
        size_t a = start, b = i;
        start = i + 1;
        while (a < b && (unsigned char)s[a] <= ' ')
            a++;
        while (b > a && (unsigned char)s[b - 1] <= ' ')
            b--;
        if (a == b)
            continue;
        if (tags->len > 0)
            pc_strbuf_add(tags, "; ", 2);
        pc_strbuf_add(tags, label, strlen(label));
        pc_strbuf_add(tags, ":", 1);
        for (size_t k = a; k < b; k++) /* white space inside made spaces */
            pc_strbuf_add(tags, (unsigned char)s[k] < ' ' ? " " : s + k, 1);
    }
}

/* Makes one article of a data row and hands it to the sink. Returns 0, the sink's value, or PC_ENOMEM. */
static int read_row(csv_reader *r, const row *rw)
{
    pc_article a;
    memset(&a, 0, sizeof a);
    pc_strbuf tags = {0}, text = {0};
    int rc = PC_OK;
    for (size_t i = 0; i < rw->n_fields && rc == PC_OK; i++) {
        const char *v = row_field(rw, i);
        size_t len = rw->lens[i];
        if (r->tag_label[i]) {
            add_tags(&tags, r->tag_label[i], v, len);
            continue;
        }
        pc_field f = r->fields[i];
        if (f == PC_FIELD_NONE)
            continue;
        char why[256];
        int set;
        if (f == PC_FIELD_TEXT || f == PC_FIELD_TITLE) {
            text.len = 0;
            pc_field_add_text(&text, v, len, false);
            if (text.failed) {
                rc = PC_ENOMEM;
                break;
            }
            set = pc_article_set_field(&a, f, text.data ? text.data : "", text.len, why, sizeof why);
        } else {
            set = pc_article_set_field(&a, f, v, len, why, sizeof why);
        }
        if (set == 1)
            pc_reader_warnf(r->warn, r->payload, r->in->path, rw->line, "%s", why);
        else if (set < 0)
            rc = set;
    }
    free(text.data);
    if (rc == PC_OK && tags.failed)
        rc = PC_ENOMEM;
    if (rc == PC_OK && !a.body) {
        if (r->headerless)
            pc_reader_warnf(r->warn, r->payload, r->in->path, rw->line,
                            "row has no text (column %zu is empty); skipped", r->text_column + 1);
        else
            pc_reader_warnf(r->warn, r->payload, r->in->path, rw->line,
                            "row has no text (column '%.*s' is empty); skipped",
                            r->header->lens[r->text_column] > 60 ? 60 : (int)r->header->lens[r->text_column],
                            row_field(r->header, r->text_column));
        pc_article_clear(&a);
        free(tags.data);
        return PC_OK;
    }
    if (rc == PC_OK && tags.len > 0) {
        a.tags = tags.data;
        tags.data = NULL;
    }
    char record[32];
    snprintf(record, sizeof record, "line %ld", rw->line);
    if (rc == PC_OK && !(a.record = strdup(record)))
        rc = PC_ENOMEM;
    if (rc == PC_OK && !a.source && a.url)
        a.source = pc_url_domain(a.url); /* NULL when the url has no host: the indexer uses the folder */
    if (rc == PC_OK)
        rc = r->sink(r->payload, &a);
    pc_article_clear(&a);
    free(tags.data);
    return rc;
}

/* Maps the header's columns to fields. Returns true when a column holds the text. */
static bool map_header(csv_reader *r, const row *header)
{
    bool text = false;
    for (size_t i = 0; i < header->n_fields; i++) {
        const char *name = row_field(header, i);
        size_t len = header->lens[i];
        while (len > 0 && (unsigned char)*name <= ' ') {
            name++;
            len--;
        }
        while (len > 0 && (unsigned char)name[len - 1] <= ' ')
            len--;
        pc_field f = pc_field_for_key(r->in->map, name, len);
        if (f == PC_FIELD_NONE)
            f = field_by_number(r->in->map, i);
        r->fields[i] = f;
        r->tag_label[i] = f == PC_FIELD_NONE ? tag_label(name, len) : NULL;
        if (f == PC_FIELD_TEXT && !text) {
            text = true;
            r->text_column = i;
        }
    }
    return text;
}

/* A file without a header row: the first row is data when no column name maps to the text and either the
 * map names the text column by number or a first-row cell is HEADERLESS_MIN_BYTES or longer. Columns are
 * then known by number: --map text=2; without one, the text is the longest cell of the first row. */
static bool map_headerless(csv_reader *r, const row *first)
{
    bool by_number = false;
    size_t longest = 0;
    for (size_t i = 0; i < first->n_fields; i++) {
        r->fields[i] = field_by_number(r->in->map, i);
        r->tag_label[i] = NULL;
        if (r->fields[i] == PC_FIELD_TEXT) {
            by_number = true;
            r->text_column = i;
        }
        if (first->lens[i] > first->lens[longest])
            longest = i;
    }
    if (by_number)
        return true;
    if (first->lens[longest] < HEADERLESS_MIN_BYTES)
        return false;
    for (size_t i = 0; i < first->n_fields; i++)
        if (r->fields[i] == PC_FIELD_TEXT)
            r->fields[i] = PC_FIELD_NONE;
    r->fields[longest] = PC_FIELD_TEXT;
    r->text_column = longest;
    return true;
}

/* The "no text column" error: the header's columns, and what to do. */
static int no_text_error(const row *header, pc_error *err)
{
    char cols[600];
    size_t used = 0;
    cols[0] = '\0';
    for (size_t i = 0; i < header->n_fields && i < COLUMNS_SHOWN; i++) {
        int len = header->lens[i] > 40 ? 40 : (int)header->lens[i];
        int w = snprintf(cols + used, sizeof cols - used, "%s'%.*s'", i ? ", " : "", len,
                         row_field(header, i));
        if (w < 0 || (size_t)w >= sizeof cols - used)
            break;
        used += (size_t)w;
    }
    return pc_error_set(err, PC_EFORMAT,
                        "no column holds the article text: the header has %s%s; name it with --map text=COLUMN",
                        cols, header->n_fields > COLUMNS_SHOWN ? ", …" : "");
}

static int read_delimited(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload,
                          pc_error *err, char sep, char quote, bool escapes)
{
    row header, rw;
    csv_reader r = {in, sink, warn, payload, 0, NULL, NULL, 0, &header, false};
    parser p = {in->text, in->text_len, 0, 1, sep, quote, escapes, 0};
    memset(&header, 0, sizeof header);
    memset(&rw, 0, sizeof rw);
    int rc = PC_OK;
    row_status st;
    while ((st = next_row(&p, &header)) == ROW_OK && row_blank(&header))
        ;
    if (st == ROW_NOMEM) {
        rc = pc_error_set(err, PC_ENOMEM, "out of memory");
        goto done;
    }
    if (st == ROW_END) {
        rc = pc_error_set(err, PC_EFORMAT, "no header row: the file has no rows");
        goto done;
    }
    if (st == ROW_UNCLOSED) {
        rc = pc_error_set(err, PC_EFORMAT, "the quote opened on line %ld is never closed: no row can be read",
                          header.line);
        goto done;
    }
    r.n_columns = header.n_fields;
    r.fields = calloc(r.n_columns, sizeof *r.fields);
    r.tag_label = calloc(r.n_columns, sizeof *r.tag_label);
    if (!r.fields || !r.tag_label) {
        rc = pc_error_set(err, PC_ENOMEM, "out of memory");
        goto done;
    }
    if (!map_header(&r, &header)) {
        if (!map_headerless(&r, &header)) {
            rc = no_text_error(&header, err);
            goto done;
        }
        r.headerless = true;
        pc_reader_warnf(r.warn, r.payload, r.in->path, header.line,
                        "no header row (the first row holds text): columns are numbered, the text is column %zu; "
                        "name columns with --map text=N,title=N",
                        r.text_column + 1);
        rc = read_row(&r, &header);
    }
    while (rc == PC_OK) {
        st = next_row(&p, &rw);
        if (st == ROW_END)
            break;
        if (st == ROW_NOMEM) {
            rc = PC_ENOMEM;
            break;
        }
        if (st == ROW_UNCLOSED) {
            long last = in->text_len > 0 && in->text[in->text_len - 1] == '\n' ? p.line - 1 : p.line;
            pc_reader_warnf(r.warn, r.payload, r.in->path, rw.line,
                            "quote opened here is never closed; the rest of the file (lines %ld-%ld) is not read",
                            rw.line, last);
            break;
        }
        if (row_blank(&rw))
            continue;
        if (rw.n_fields != r.n_columns) {
            pc_reader_warnf(r.warn, r.payload, r.in->path, rw.line, "row has %zu field%s, the header has %zu; skipped",
                            rw.n_fields, rw.n_fields == 1 ? "" : "s", r.n_columns);
            continue;
        }
        rc = read_row(&r, &rw);
    }
    if (rc == PC_ENOMEM)
        pc_error_set(err, PC_ENOMEM, "out of memory");
done:
    free(r.fields);
    free(r.tag_label);
    row_free(&header);
    row_free(&rw);
    return rc;
}

int pc_read_csv(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    char sep, quote;
    sniff_csv(in->text, in->text_len, &sep, &quote);
    return read_delimited(in, sink, warn, payload, err, sep, quote, false);
}

int pc_read_tsv(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    return read_delimited(in, sink, warn, payload, err, '\t', 0, true);
}
