/* table.h — hit lists as files: a table of named columns written row by row, streamed (memory does not grow
 * with the number of rows), as CSV, TSV, JSON Lines, JSON or XLSX. `search --format`, `export` and
 * `mentions --format` hand their rows to it; it knows nothing of searches.
 *
 * Formats:
 *   csv    RFC 4180: a header line of column names, CRLF line ends, a field quoted ("") when it holds a comma,
 *          a quote, CR or LF. Unless `raw`, a text cell starting with = + - @ TAB or CR is neutralised against
 *          spreadsheet formula injection (a ' is put before it). `bom`: a UTF-8 byte order mark first (Excel).
 *   tsv    like csv with TAB between fields; TAB, CR and LF inside a field become spaces (TSV has no quoting);
 *          the same neutralisation.
 *   jsonl  one JSON object per row and line, keys in column order, null for NULL cells; with `with_header`,
 *          a first line {"presscut_export": {manifest}}.
 *   json   one document {"presscut_export": {manifest}, "rows": [...]} (the manifest only with `with_header`);
 *          rows are written as they come, not collected.
 *   xlsx   a workbook (libxlsxwriter, constant-memory mode) with a sheet "hits" (header row, then rows;
 *          numbers as numbers) and a sheet "query" holding the manifest as key/value rows. Needs a file:
 *          `path`, or a temporary file copied to `out` at pc_table_finish.
 *          Text cells: CR LF and a lone CR become LF (a line break in a cell); cut at Excel's limit of 32767
 *          UTF-16 units. A sheet holds at most 1048575 rows: the next row is PC_EINVAL.
 *   For csv and tsv with `path` set, the manifest goes to a sidecar file `path` + ".manifest.json", written at
 *   pc_table_finish: {"presscut_export": {manifest}}, indented.
 * Text is repaired UTF-8 (a bad byte becomes U+FFFD) in every format. Reals are written with 10 significant
 * digits; a real that is not finite (NaN, inf) is written as a NULL cell. The json document is laid out as
 * {"presscut_export":{...},"rows":[ then one row a line, then ]}.
 *
 * Errors: functions return 0, PC_ENOMEM, PC_EIO (writing failed: "cannot write 'out.csv': No space left on
 * device") or PC_EINVAL (misuse, e.g. a cell of the wrong type). A table is used by one thread at a time. */
#ifndef PRESSCUT_OUTPUT_TABLE_H
#define PRESSCUT_OUTPUT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "presscut/core/error.h"

typedef enum pc_table_format {
    PC_TABLE_CSV,
    PC_TABLE_TSV,
    PC_TABLE_JSONL,
    PC_TABLE_JSON,
    PC_TABLE_XLSX,
} pc_table_format;

typedef enum pc_cell_type {
    PC_CELL_NULL, /* an empty cell / JSON null (whatever the column's type) */
    PC_CELL_TEXT,
    PC_CELL_INT,
    PC_CELL_REAL,
    PC_CELL_JSON, /* text already JSON (a list or object), in a TEXT column: copied as it is (not checked;
                   * empty is null) in jsonl and json, written as text elsewhere */
} pc_cell_type;

/* A column: its name (the CSV header, the JSON key) and the type of its non-NULL cells. */
typedef struct pc_table_column {
    const char *name;
    pc_cell_type type;
} pc_table_column;

/* One cell. Text is text[0, len) (not NUL-terminated, may be NULL when type is not TEXT). */
typedef struct pc_cell {
    pc_cell_type type;
    const char *text;
    size_t len;
    long long integer;
    double real;
} pc_cell;

/* What makes an export reproducible: key/value pairs in the order given (query, filters, entity aliases,
 * index path, article count, analyzer configuration, presscut version, ...). A value is written as JSON
 * when `json` is set (a list or object the caller has formatted, e.g. ["Peskov","Песков"]), else as a
 * string. */
typedef struct pc_table_meta {
    const char *key;
    const char *value;
    bool json;
} pc_table_meta;

typedef struct pc_table_options {
    pc_table_format format;
    FILE *out;        /* where to write when `path` is NULL (not closed); NULL: stdout */
    const char *path; /* -o FILE: written (created or truncated) by the table, else NULL */
    bool raw;         /* csv/tsv: no neutralisation of formula-like cells */
    bool bom;         /* csv/tsv: a UTF-8 byte order mark first */
    bool with_header; /* jsonl/json: the manifest record first (always for xlsx; a sidecar for csv/tsv with path) */
    const pc_table_meta *meta;
    size_t n_meta;
} pc_table_options;

typedef struct pc_table pc_table;

/* Parses a --format value of an export: "csv", "tsv", "jsonl", "json" or "xlsx". Returns 0, or PC_EINVAL with
 * a message listing them. */
int pc_table_format_parse(const char *name, pc_table_format *out, pc_error *err);

/* Opens a table with n_columns columns (the arrays and strings are copied) and writes what comes before the
 * rows (BOM, header line, manifest). Returns 0 and sets *out (finish it with pc_table_finish, free it with
 * pc_table_free), or PC_ENOMEM / PC_EIO (the file cannot be created, named in err) / PC_EINVAL, with *out
 * NULL. */
int pc_table_open(const pc_table_options *opt, const pc_table_column *columns, size_t n_columns, pc_table **out,
                  pc_error *err);

/* Writes one row: cells[0, n_columns) in column order; each is NULL or the column's type (an INT cell in a
 * REAL column is accepted). Returns 0, PC_EIO, PC_ENOMEM or PC_EINVAL. */
int pc_table_row(pc_table *t, const pc_cell *cells, pc_error *err);

/* Writes what comes after the rows (the JSON document's end, the workbook, the sidecar manifest) and flushes;
 * with `path`, closes the file. Returns 0, PC_EIO or PC_ENOMEM. Call once; rows after it are PC_EINVAL. */
int pc_table_finish(pc_table *t, pc_error *err);

/* Frees a table (a table not finished leaves a partial file; with `path` the file is closed). Accepts NULL. */
void pc_table_free(pc_table *t);

/* Helpers to fill cells. Text of NULL is a NULL cell. */
pc_cell pc_cell_text(const char *s);
pc_cell pc_cell_text_n(const char *s, size_t len);
pc_cell pc_cell_int(long long v);
pc_cell pc_cell_real(double v);
pc_cell pc_cell_null(void);

#endif
