/* table.c — the streaming table writer of table.h: rows of typed cells written as CSV, TSV, JSON Lines, JSON
 * or XLSX as they come, so memory does not grow with the number of rows. Text cells are repaired UTF-8 by the
 * renderer of safe_text.c; JSON is encoded by jansson one row at a time; XLSX is written by libxlsxwriter in
 * constant-memory mode (each row goes to a temporary file as it is written). */
#include "presscut/output/table.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "presscut/core/utf8.h"
#include "presscut/output/safe_text.h"
#include "printer_internal.h"
#include "xlsx_library.h"

#define JSON_REAL_FLAGS JSON_REAL_PRECISION(10)
#define XLSX_MAX_TEXT 32767 /* UTF-16 units in one cell, Excel's limit */
#define XLSX_HITS_SHEET "hits"
#define XLSX_QUERY_SHEET "query"

struct pc_table {
    pc_table_format format;
    bool raw;
    bool with_header;
    pc_table_column *columns; /* names owned by the table */
    size_t n_columns;
    char **json_keys;         /* jsonl, json: each column's name as a JSON string and a colon, "name": */
    json_t *manifest;         /* the meta pairs as a JSON object, in order */
    FILE *fp;                 /* csv, tsv, jsonl, json: where rows go; xlsx: where the temp file is copied */
    bool own_fp;              /* fp was opened from path (closed by the table) */
    char *path;               /* -o FILE, or NULL */
    char *label;              /* how messages name the destination: 'FILE' or standard output */
    long long rows;
    bool finished;
    pc_strbuf line;           /* the row being composed */
    pc_strbuf repaired;       /* the repaired copy of a cell's text */
    lxw_workbook *workbook;   /* xlsx */
    lxw_worksheet *hits_sheet;
    char *xlsx_file;          /* the file libxlsxwriter writes: path, or a temporary file */
    bool xlsx_temp;
};

/* ---- cells ---- */

pc_cell pc_cell_text(const char *s)
{
    return s ? pc_cell_text_n(s, strlen(s)) : pc_cell_null();
}

pc_cell pc_cell_text_n(const char *s, size_t len)
{
    if (!s)
        return pc_cell_null();
    return (pc_cell){.type = PC_CELL_TEXT, .text = s, .len = len};
}

pc_cell pc_cell_int(long long v)
{
    return (pc_cell){.type = PC_CELL_INT, .integer = v};
}

pc_cell pc_cell_real(double v)
{
    return (pc_cell){.type = PC_CELL_REAL, .real = v};
}

pc_cell pc_cell_null(void)
{
    return (pc_cell){.type = PC_CELL_NULL};
}

int pc_table_format_parse(const char *name, pc_table_format *out, pc_error *err)
{
    static const struct {
        const char *name;
        pc_table_format format;
    } formats[] = {{"csv", PC_TABLE_CSV}, {"tsv", PC_TABLE_TSV}, {"jsonl", PC_TABLE_JSONL},
                   {"json", PC_TABLE_JSON}, {"xlsx", PC_TABLE_XLSX}};
    for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(name, formats[i].name) == 0) {
            *out = formats[i].format;
            return 0;
        }
    }
    return pc_error_set(err, PC_EINVAL, "unknown export format '%s': use csv, tsv, jsonl, json or xlsx",
                        name ? name : "");
}

/* ---- writing ---- */

/* The PC_EIO of a failed write to the table's destination, with errno's reason and what to do. */
static int write_error(const pc_table *t, int errnum, pc_error *err)
{
    const char *hint = errnum == ENOSPC  ? "; free some space or write the export elsewhere with -o"
                       : errnum == EPIPE ? "; the reading program stopped early"
                                         : "";
    return pc_error_set(err, PC_EIO, "cannot write %s: %s%s", t->label, strerror(errnum ? errnum : EIO), hint);
}

/* Writes s[0, n) to the table's FILE. Returns 0 or PC_EIO. */
static int put_bytes(pc_table *t, const char *s, size_t n, pc_error *err)
{
    errno = 0;
    if (t->format == PC_TABLE_JSON || t->format == PC_TABLE_JSONL)
        pc_safe_json_write(t->fp, s, n); /* C1 controls as JSON escapes */
    else if (n > 0)
        fwrite(s, 1, n, t->fp);
    if (ferror(t->fp))
        return write_error(t, errno, err);
    return 0;
}

/* Writes the composed line, or reports PC_ENOMEM when composing it ran out of memory. */
static int put_line(pc_table *t, pc_error *err)
{
    if (t->line.failed)
        return pc_error_set(err, PC_ENOMEM, "out of memory while writing %s", t->label);
    return put_bytes(t, t->line.data, t->line.len, err);
}

/* s[0, len) as valid UTF-8: s itself when it is, else a repaired copy in t->repaired (each bad byte U+FFFD).
 * In csv, tsv and xlsx, control characters other than tab and line ends are escaped too (\xNN, \u00NN for C1
 * controls, as the text printer shows them); json and jsonl escape C1 controls when written (put_bytes).
 * NULL when out of memory. */
static const char *repair_text(pc_table *t, const char *s, size_t len, size_t *out_len)
{
    *out_len = len;
    bool escape = t->format != PC_TABLE_JSON && t->format != PC_TABLE_JSONL;
    if (pc_utf8_valid(s, len) && !(escape && pc_safe_text_has_controls(s, len)))
        return s;
    pc_strbuf_reset(&t->repaired);
    render r;
    render_init(&r, &t->repaired, false, escape, false, NULL);
    render_range(&r, s, 0, len, NULL, 0);
    if (t->repaired.failed)
        return NULL;
    *out_len = t->repaired.len;
    return t->repaired.data ? t->repaired.data : "";
}

/* True when a spreadsheet would take a cell starting with c for a formula (OWASP CSV injection). */
static bool formula_like(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Appends a CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, quotes doubled. */
static void add_csv_field(pc_strbuf *b, const char *s, size_t len)
{
    bool quote = false;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        pc_strbuf_add(b, s, len);
        return;
    }
    pc_strbuf_add(b, "\"", 1);
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') {
            pc_strbuf_add(b, s + start, i + 1 - start);
            pc_strbuf_add(b, "\"", 1);
            start = i + 1;
        }
    }
    pc_strbuf_add(b, s + start, len - start);
    pc_strbuf_add(b, "\"", 1);
}

/* Appends a TSV field: TAB, CR and LF become spaces (TSV has no quoting). */
static void add_tsv_field(pc_strbuf *b, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
            pc_strbuf_add(b, s + start, i - start);
            pc_strbuf_add(b, " ", 1);
            start = i + 1;
        }
    }
    pc_strbuf_add(b, s + start, len - start);
}

/* Appends a text field of a csv or tsv line, neutralised when `neutralise` and formula-like. */
static void add_delimited_text(pc_table *t, const char *s, size_t len, bool neutralise)
{
    pc_strbuf tmp = {0};
    if (neutralise && len > 0 && formula_like(s[0])) {
        pc_strbuf_add(&tmp, "'", 1);
        pc_strbuf_add(&tmp, s, len);
        if (tmp.failed) {
            t->line.failed = true;
            pc_strbuf_free(&tmp);
            return;
        }
        s = tmp.data;
        len = tmp.len;
    }
    if (t->format == PC_TABLE_CSV)
        add_csv_field(&t->line, s, len);
    else
        add_tsv_field(&t->line, s, len);
    pc_strbuf_free(&tmp);
}

/* A real as text: 10 significant digits, like the JSON printers. Non-finite values are NULL cells. */
static void add_real(pc_strbuf *b, double v)
{
    char num[40];
    int n = snprintf(num, sizeof num, "%.10g", v);
    pc_strbuf_add(b, num, (size_t)n);
}

static int emit_json_piece(const char *piece, size_t n, void *sink)
{
    pc_strbuf_add(sink, piece, n);
    return ((pc_strbuf *)sink)->failed ? -1 : 0;
}

/* Appends v (not stolen) to b as compact JSON. Returns false when out of memory. */
static bool add_json(pc_strbuf *b, const json_t *v)
{
    return json_dump_callback(v, emit_json_piece, b, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_FLAGS) == 0;
}

/* ---- opening ---- */

/* The manifest of `opt` as a JSON object. Returns 0, PC_ENOMEM, or PC_EINVAL for a `json` value that is no
 * JSON. */
static int build_manifest(pc_table *t, const pc_table_options *opt, pc_error *err)
{
    t->manifest = json_object();
    if (!t->manifest)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    for (size_t i = 0; i < opt->n_meta; i++) {
        const pc_table_meta *m = &opt->meta[i];
        if (!m->key)
            return pc_error_set(err, PC_EINVAL, "export manifest entry %zu has no key", i + 1);
        json_t *v;
        if (!m->value) {
            v = json_null();
        } else if (m->json) {
            json_error_t jerr;
            v = json_loads(m->value, JSON_DECODE_ANY, &jerr);
            if (!v)
                return pc_error_set(err, PC_EINVAL, "export manifest value of '%s' is not JSON: %s", m->key,
                                    jerr.text);
        } else {
            size_t len = 0;
            const char *s = repair_text(t, m->value, strlen(m->value), &len);
            v = s ? json_stringn(s, len) : NULL;
        }
        if (!v || json_object_set_new(t->manifest, m->key, v) != 0)
            return pc_error_set(err, PC_ENOMEM, "out of memory");
    }
    return 0;
}

/* Copies the column names; an unnamed column is PC_EINVAL. */
static int copy_columns(pc_table *t, const pc_table_column *columns, size_t n_columns, pc_error *err)
{
    if (n_columns == 0)
        return pc_error_set(err, PC_EINVAL, "an export needs at least one column");
    t->columns = calloc(n_columns, sizeof *t->columns);
    if (!t->columns)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    t->n_columns = n_columns;
    for (size_t i = 0; i < n_columns; i++) {
        if (!columns[i].name)
            return pc_error_set(err, PC_EINVAL, "export column %zu has no name", i + 1);
        for (size_t j = 0; j < i; j++) {
            if (strcmp(columns[j].name, columns[i].name) == 0)
                return pc_error_set(err, PC_EINVAL, "export column '%s' is named twice", columns[i].name);
        }
        t->columns[i].type = columns[i].type;
        t->columns[i].name = strdup(columns[i].name);
        if (!t->columns[i].name)
            return pc_error_set(err, PC_ENOMEM, "out of memory");
    }
    return 0;
}

/* Opens the destination FILE: path (created or truncated) or the caller's stream. */
static int open_destination(pc_table *t, const pc_table_options *opt, pc_error *err)
{
    size_t size = (opt->path ? strlen(opt->path) : 0) + 32;
    t->label = malloc(size);
    if (!t->label)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    if (!opt->path) {
        snprintf(t->label, size, "the export to standard output");
        t->fp = opt->out ? opt->out : stdout;
        return 0;
    }
    snprintf(t->label, size, "'%s'", opt->path);
    t->path = strdup(opt->path);
    if (!t->path)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    t->fp = fopen(opt->path, "wb");
    if (!t->fp)
        return pc_error_set(err, PC_EIO, "cannot create '%s': %s; check that its folder exists and is writable",
                            opt->path, strerror(errno));
    t->own_fp = true;
    return 0;
}

/* Writes the header line of csv and tsv (after the BOM). */
static int open_delimited(pc_table *t, bool bom, pc_error *err)
{
    pc_strbuf_reset(&t->line);
    if (bom)
        pc_strbuf_add(&t->line, "\xEF\xBB\xBF", 3);
    for (size_t i = 0; i < t->n_columns; i++) {
        if (i > 0)
            pc_strbuf_add(&t->line, t->format == PC_TABLE_CSV ? "," : "\t", 1);
        size_t len = 0;
        const char *name = repair_text(t, t->columns[i].name, strlen(t->columns[i].name), &len);
        if (!name)
            return pc_error_set(err, PC_ENOMEM, "out of memory");
        add_delimited_text(t, name, len, false);
    }
    pc_strbuf_add(&t->line, t->format == PC_TABLE_CSV ? "\r\n" : "\n", t->format == PC_TABLE_CSV ? 2 : 1);
    return put_line(t, err);
}

/* Writes the manifest line of jsonl, or the start of the json document. */
static int open_json(pc_table *t, pc_error *err)
{
    t->json_keys = calloc(t->n_columns, sizeof *t->json_keys);
    if (!t->json_keys)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    for (size_t i = 0; i < t->n_columns; i++) {
        size_t len = 0;
        const char *name = repair_text(t, t->columns[i].name, strlen(t->columns[i].name), &len);
        json_t *key = name ? json_stringn(name, len) : NULL;
        pc_strbuf_reset(&t->line);
        bool ok = key && add_json(&t->line, key);
        json_decref(key);
        pc_strbuf_add(&t->line, ":", 1);
        t->json_keys[i] = ok && !t->line.failed ? strdup(t->line.data) : NULL;
        if (!t->json_keys[i])
            return pc_error_set(err, PC_ENOMEM, "out of memory");
    }
    pc_strbuf_reset(&t->line);
    bool doc = t->format == PC_TABLE_JSON;
    if (t->with_header || doc)
        pc_strbuf_add_str(&t->line, "{");
    if (t->with_header) {
        pc_strbuf_add_str(&t->line, "\"presscut_export\":");
        if (!add_json(&t->line, t->manifest))
            return pc_error_set(err, PC_ENOMEM, "out of memory");
        pc_strbuf_add_str(&t->line, doc ? "," : "}\n");
    }
    if (doc)
        pc_strbuf_add_str(&t->line, "\"rows\":[");
    return put_line(t, err);
}

/* Writes a string cell of a worksheet: truncated to Excel's limit, and with CR LF and a lone CR made LF (a line
 * break in a cell; libxlsxwriter would store a CR as the escape _x000D_). Returns the libxlsxwriter status. */
static lxw_error xlsx_write_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, size_t len,
                                 pc_strbuf *copy)
{
    pc_strbuf_reset(copy);
    size_t units = 0, i = 0;
    while (i < len) {
        unsigned int cp;
        size_t n = pc_utf8_next(s + i, len - i, &cp);
        size_t w = cp > 0xFFFF ? 2 : 1;
        if (units + w > XLSX_MAX_TEXT)
            break;
        units += w;
        bool crlf = s[i] == '\r' && i + 1 < len && s[i + 1] == '\n';
        if (s[i] == '\r' && !crlf)
            pc_strbuf_add(copy, "\n", 1);
        else if (!crlf)
            pc_strbuf_add(copy, s + i, n);
        i += n;
    }
    if (copy->failed)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (copy->len == 0)
        return LXW_NO_ERROR; /* an empty cell */
    return xlsx_worksheet_write_string(ws, row, col, copy->data, NULL);
}

/* The PC_E* code and message of a libxlsxwriter failure. */
static int xlsx_error(const pc_table *t, lxw_error e, pc_error *err)
{
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return pc_error_set(err, PC_ENOMEM, "out of memory while writing %s", t->label);
    return pc_error_set(err, PC_EIO, "cannot write %s: %s", t->label, xlsx_strerror(e));
}

/* Creates the workbook (into path, or a temporary file), its "hits" sheet with the header row and its "query"
 * sheet with the manifest. */
static int open_xlsx(pc_table *t, pc_error *err)
{
    if (t->path) {
        /* libxlsxwriter creates the file only when it closes the workbook: open_destination has created it
         * already, so a path in a missing folder fails now, not after every row. */
        fclose(t->fp);
        t->fp = NULL;
        t->own_fp = false;
        t->xlsx_file = strdup(t->path);
    } else {
        const char *dir = getenv("TMPDIR");
        size_t size = strlen(dir && *dir ? dir : "/tmp") + 40;
        t->xlsx_file = malloc(size);
        if (t->xlsx_file) {
            snprintf(t->xlsx_file, size, "%s/presscut-export-XXXXXX", dir && *dir ? dir : "/tmp");
            int fd = mkstemp(t->xlsx_file);
            if (fd < 0)
                return pc_error_set(err, PC_EIO, "cannot create a temporary file in '%s' for the workbook: %s; "
                                    "set TMPDIR to a writable folder or use -o FILE", dir && *dir ? dir : "/tmp",
                                    strerror(errno));
            close(fd);
            t->xlsx_temp = true;
        }
    }
    if (!t->xlsx_file)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    int loaded = xlsx_library_load(err);
    if (loaded != PC_OK)
        return loaded;
    lxw_workbook_options wopt = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
    t->workbook = xlsx_workbook_new_opt(t->xlsx_file, &wopt);
    if (!t->workbook)
        return pc_error_set(err, PC_ENOMEM, "cannot start the workbook %s", t->label);
    t->hits_sheet = xlsx_workbook_add_worksheet(t->workbook, XLSX_HITS_SHEET);
    lxw_worksheet *query = xlsx_workbook_add_worksheet(t->workbook, XLSX_QUERY_SHEET);
    if (!t->hits_sheet || !query)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    lxw_error e = LXW_NO_ERROR;
    for (size_t i = 0; i < t->n_columns && !e; i++) {
        size_t len = 0;
        const char *name = repair_text(t, t->columns[i].name, strlen(t->columns[i].name), &len);
        e = name ? xlsx_write_text(t->hits_sheet, 0, (lxw_col_t)i, name, len, &t->line)
                 : LXW_ERROR_MEMORY_MALLOC_FAILED;
    }
    e = e ? e : xlsx_write_text(query, 0, 0, "key", 3, &t->line);
    e = e ? e : xlsx_write_text(query, 0, 1, "value", 5, &t->line);
    const char *key;
    json_t *value;
    lxw_row_t row = 1;
    json_object_foreach(t->manifest, key, value) {
        if (e)
            break;
        e = xlsx_write_text(query, row, 0, key, strlen(key), &t->line);
        if (!e && json_is_string(value)) {
            e = xlsx_write_text(query, row, 1, json_string_value(value), json_string_length(value), &t->line);
        } else if (!e && !json_is_null(value)) {
            pc_strbuf text = {0};
            e = add_json(&text, value) ? xlsx_write_text(query, row, 1, text.data, text.len, &t->line)
                                       : LXW_ERROR_MEMORY_MALLOC_FAILED;
            pc_strbuf_free(&text);
        }
        row++;
    }
    return e ? xlsx_error(t, e, err) : 0;
}

int pc_table_open(const pc_table_options *opt, const pc_table_column *columns, size_t n_columns, pc_table **out,
                  pc_error *err)
{
    *out = NULL;
    if (!opt || (opt->n_meta > 0 && !opt->meta) || (n_columns > 0 && !columns))
        return pc_error_set(err, PC_EINVAL, "the export table was opened without its options or columns");
    pc_table *t = calloc(1, sizeof *t);
    if (!t)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    t->format = opt->format;
    t->raw = opt->raw;
    t->with_header = opt->with_header;
    int rc = copy_columns(t, columns, n_columns, err);
    if (rc == 0)
        rc = build_manifest(t, opt, err);
    if (rc == 0)
        rc = open_destination(t, opt, err);
    if (rc == 0) {
        switch (t->format) {
        case PC_TABLE_CSV:
        case PC_TABLE_TSV:
            rc = open_delimited(t, opt->bom, err);
            break;
        case PC_TABLE_JSONL:
        case PC_TABLE_JSON:
            rc = open_json(t, err);
            break;
        case PC_TABLE_XLSX:
            rc = open_xlsx(t, err);
            break;
        default:
            rc = pc_error_set(err, PC_EINVAL, "unknown export format %d", (int)t->format);
        }
    }
    if (rc != 0) {
        pc_table_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

/* ---- rows ---- */

static const char *cell_type_name(pc_cell_type type)
{
    switch (type) {
    case PC_CELL_TEXT:
        return "text";
    case PC_CELL_INT:
        return "an integer";
    case PC_CELL_REAL:
        return "a real";
    case PC_CELL_JSON:
        return "JSON";
    default:
        return "null";
    }
}

/* Checks that each cell is NULL or of its column's type (an INT in a REAL column is accepted). */
static int check_cells(const pc_table *t, const pc_cell *cells, pc_error *err)
{
    for (size_t i = 0; i < t->n_columns; i++) {
        pc_cell_type have = cells[i].type, want = t->columns[i].type;
        bool ok = have == PC_CELL_NULL || have == want || (have == PC_CELL_INT && want == PC_CELL_REAL) ||
                  (have == PC_CELL_JSON && want == PC_CELL_TEXT);
        if ((have == PC_CELL_TEXT || have == PC_CELL_JSON) && !cells[i].text && cells[i].len > 0)
            ok = false;
        if (!ok)
            return pc_error_set(err, PC_EINVAL, "export row %lld: column '%s' holds %s, not %s", t->rows + 1,
                                t->columns[i].name, cell_type_name(want), cell_type_name(have));
    }
    return 0;
}

/* True when the cell is written as NULL: a NULL cell, or a real that is not finite. */
static bool cell_is_null(const pc_cell *c)
{
    return c->type == PC_CELL_NULL || (c->type == PC_CELL_REAL && !isfinite(c->real));
}

static int row_delimited(pc_table *t, const pc_cell *cells, pc_error *err)
{
    pc_strbuf_reset(&t->line);
    for (size_t i = 0; i < t->n_columns; i++) {
        const pc_cell *c = &cells[i];
        if (i > 0)
            pc_strbuf_add(&t->line, t->format == PC_TABLE_CSV ? "," : "\t", 1);
        if (cell_is_null(c))
            continue;
        if (c->type == PC_CELL_INT) {
            char num[24];
            int n = snprintf(num, sizeof num, "%lld", c->integer);
            pc_strbuf_add(&t->line, num, (size_t)n);
        } else if (c->type == PC_CELL_REAL) {
            add_real(&t->line, c->real);
        } else {
            size_t len = 0;
            const char *s = c->len ? repair_text(t, c->text, c->len, &len) : "";
            if (!s)
                return pc_error_set(err, PC_ENOMEM, "out of memory while writing %s", t->label);
            add_delimited_text(t, s, len, !t->raw);
        }
    }
    pc_strbuf_add(&t->line, t->format == PC_TABLE_CSV ? "\r\n" : "\n", t->format == PC_TABLE_CSV ? 2 : 1);
    return put_line(t, err);
}

/* Appends the JSON value of a cell to t->line. Returns false when out of memory. */
static bool add_cell_json(pc_table *t, const pc_cell *c)
{
    if (cell_is_null(c)) {
        pc_strbuf_add_str(&t->line, "null");
        return true;
    }
    if (c->type == PC_CELL_INT) {
        char num[24];
        int n = snprintf(num, sizeof num, "%lld", c->integer);
        pc_strbuf_add(&t->line, num, (size_t)n);
        return true;
    }
    json_t *v = NULL;
    if (c->type == PC_CELL_REAL) {
        v = json_real(c->real);
    } else {
        size_t len = 0;
        const char *s = c->len ? repair_text(t, c->text, c->len, &len) : "";
        if (!s)
            return false;
        if (c->type == PC_CELL_JSON) { /* the caller's JSON, as it is */
            pc_strbuf_add_str(&t->line, c->len ? "" : "null");
            pc_strbuf_add(&t->line, s, len);
            return true;
        }
        v = json_stringn_nocheck(s, len);
    }
    bool ok = v && add_json(&t->line, v);
    json_decref(v);
    return ok;
}

static int row_json(pc_table *t, const pc_cell *cells, pc_error *err)
{
    pc_strbuf_reset(&t->line);
    if (t->format == PC_TABLE_JSON)
        pc_strbuf_add_str(&t->line, t->rows > 0 ? ",\n" : "\n");
    pc_strbuf_add(&t->line, "{", 1);
    bool ok = true;
    for (size_t i = 0; i < t->n_columns && ok; i++) {
        if (i > 0)
            pc_strbuf_add(&t->line, ",", 1);
        pc_strbuf_add_str(&t->line, t->json_keys[i]);
        ok = add_cell_json(t, &cells[i]);
    }
    pc_strbuf_add_str(&t->line, t->format == PC_TABLE_JSONL ? "}\n" : "}");
    if (!ok)
        return pc_error_set(err, PC_ENOMEM, "out of memory while writing %s", t->label);
    return put_line(t, err);
}

static int row_xlsx(pc_table *t, const pc_cell *cells, pc_error *err)
{
    if (t->rows + 1 >= LXW_ROW_MAX)
        return pc_error_set(err, PC_EINVAL,
                            "an xlsx sheet holds at most %d rows: narrow the query or export as csv",
                            LXW_ROW_MAX - 1);
    lxw_row_t row = (lxw_row_t)(t->rows + 1);
    lxw_error e = LXW_NO_ERROR;
    for (size_t i = 0; i < t->n_columns && !e; i++) {
        const pc_cell *c = &cells[i];
        if (cell_is_null(c))
            continue;
        if (c->type == PC_CELL_INT) {
            e = xlsx_worksheet_write_number(t->hits_sheet, row, (lxw_col_t)i, (double)c->integer, NULL);
        } else if (c->type == PC_CELL_REAL) {
            e = xlsx_worksheet_write_number(t->hits_sheet, row, (lxw_col_t)i, c->real, NULL);
        } else if (c->len > 0) {
            size_t len = 0;
            const char *s = repair_text(t, c->text, c->len, &len);
            e = s ? xlsx_write_text(t->hits_sheet, row, (lxw_col_t)i, s, len, &t->line)
                  : LXW_ERROR_MEMORY_MALLOC_FAILED;
        }
    }
    return e ? xlsx_error(t, e, err) : 0;
}

int pc_table_row(pc_table *t, const pc_cell *cells, pc_error *err)
{
    if (!t || !cells)
        return pc_error_set(err, PC_EINVAL, "an export row was written without its table or cells");
    if (t->finished)
        return pc_error_set(err, PC_EINVAL, "an export row was written after the table was finished");
    int rc = check_cells(t, cells, err);
    if (rc != 0)
        return rc;
    switch (t->format) {
    case PC_TABLE_CSV:
    case PC_TABLE_TSV:
        rc = row_delimited(t, cells, err);
        break;
    case PC_TABLE_JSONL:
    case PC_TABLE_JSON:
        rc = row_json(t, cells, err);
        break;
    default:
        rc = row_xlsx(t, cells, err);
    }
    if (rc == 0)
        t->rows++;
    return rc;
}

/* ---- finishing ---- */

/* Writes the manifest of a csv or tsv export to PATH.manifest.json. */
static int write_sidecar(pc_table *t, pc_error *err)
{
    size_t size = strlen(t->path) + sizeof ".manifest.json";
    char *side = malloc(size);
    json_t *doc = json_pack("{sO}", "presscut_export", t->manifest);
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_REAL_FLAGS) : NULL;
    json_decref(doc);
    int rc = 0;
    if (!side || !text) {
        rc = pc_error_set(err, PC_ENOMEM, "out of memory");
    } else {
        snprintf(side, size, "%s.manifest.json", t->path);
        FILE *f = fopen(side, "wb");
        if (!f) {
            rc = pc_error_set(err, PC_EIO, "cannot create '%s': %s; check that its folder is writable", side,
                              strerror(errno));
        } else {
            errno = 0;
            bool ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
            int errnum = errno;
            if (fclose(f) != 0 && ok) {
                ok = false;
                errnum = errno;
            }
            if (!ok)
                rc = pc_error_set(err, PC_EIO, "cannot write '%s': %s", side, strerror(errnum ? errnum : EIO));
        }
    }
    free(side);
    free(text);
    return rc;
}

/* Closes the workbook (libxlsxwriter writes the file now) and copies a temporary file to the FILE. */
static int finish_xlsx(pc_table *t, pc_error *err)
{
    lxw_error e = xlsx_workbook_close(t->workbook);
    t->workbook = NULL;
    if (e)
        return xlsx_error(t, e, err);
    if (!t->xlsx_temp)
        return 0;
    FILE *in = fopen(t->xlsx_file, "rb");
    if (!in)
        return pc_error_set(err, PC_EIO, "cannot read the temporary workbook '%s': %s", t->xlsx_file,
                            strerror(errno));
    char buf[65536];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        rc = put_bytes(t, buf, n, err);
    if (rc == 0 && ferror(in))
        rc = pc_error_set(err, PC_EIO, "cannot read the temporary workbook '%s'", t->xlsx_file);
    fclose(in);
    return rc;
}

int pc_table_finish(pc_table *t, pc_error *err)
{
    if (!t)
        return pc_error_set(err, PC_EINVAL, "no export table to finish");
    if (t->finished)
        return pc_error_set(err, PC_EINVAL, "the export table was finished twice");
    t->finished = true;
    int rc = 0;
    if (t->format == PC_TABLE_JSON)
        rc = put_bytes(t, t->rows > 0 ? "\n]}\n" : "]}\n", t->rows > 0 ? 4 : 3, err);
    else if (t->format == PC_TABLE_XLSX)
        rc = finish_xlsx(t, err);
    if (rc == 0 && t->fp) {
        errno = 0;
        if (fflush(t->fp) != 0 || ferror(t->fp))
            rc = write_error(t, errno, err);
    }
    if (t->own_fp) {
        errno = 0;
        int closed = fclose(t->fp);
        t->fp = NULL;
        t->own_fp = false;
        if (closed != 0 && rc == 0)
            rc = write_error(t, errno, err);
    }
    if (rc == 0 && t->path && (t->format == PC_TABLE_CSV || t->format == PC_TABLE_TSV))
        rc = write_sidecar(t, err);
    return rc;
}

void pc_table_free(pc_table *t)
{
    if (!t)
        return;
    if (t->workbook)
        xlsx_workbook_free(t->workbook);
    if (t->xlsx_temp && t->xlsx_file)
        unlink(t->xlsx_file);
    free(t->xlsx_file);
    if (t->own_fp && t->fp)
        fclose(t->fp);
    for (size_t i = 0; t->columns && i < t->n_columns; i++)
        free((char *)t->columns[i].name);
    free(t->columns);
    for (size_t i = 0; t->json_keys && i < t->n_columns; i++)
        free(t->json_keys[i]);
    free(t->json_keys);
    json_decref(t->manifest);
    free(t->path);
    free(t->label);
    pc_strbuf_free(&t->line);
    pc_strbuf_free(&t->repaired);
    free(t);
}
