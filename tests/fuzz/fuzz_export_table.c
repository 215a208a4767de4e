/* fuzz_export_table.c — fuzz target of the export writers (src/output/export_hits.c, table.c): one hit made
 * from the input (fuzz_hit.h) is written twice, with a manifest, as CSV, TSV, JSON Lines or JSON (first
 * option byte) into a memory stream. What comes out must read back as what was written: CSV as RFC 4180
 * records of one field per column, TSV as lines of one field per column, JSON Lines and JSON as JSON that
 * jansson parses, with one object per row holding every column. */
#include <jansson.h>

#include "fuzz_hit.h"
#include "presscut/output/export_hits.h"

#define ROWS 2

/* The number of fields of each record of an RFC 4180 text (CRLF or LF ends a record outside quotes) into
 * fields[0..max); returns the number of records, or -1 when a quote is never closed or a quoted field is
 * followed by something else than a separator or a line end. */
static int csv_records(const char *s, size_t len, char sep, size_t *fields, int max)
{
    int records = 0;
    size_t at = 0;
    while (at < len) {
        size_t n = 1;
        for (;;) {
            if (at < len && s[at] == '"') {
                at++;
                for (;;) {
                    if (at >= len)
                        return -1;
                    if (s[at] == '"' && at + 1 < len && s[at + 1] == '"') {
                        at += 2;
                        continue;
                    }
                    if (s[at] == '"')
                        break;
                    at++;
                }
                at++;
                if (at < len && s[at] != sep && s[at] != '\r' && s[at] != '\n')
                    return -1;
            } else {
                while (at < len && s[at] != sep && s[at] != '\r' && s[at] != '\n' && s[at] != '"')
                    at++;
                if (at < len && s[at] == '"')
                    return -1; /* a quote in an unquoted field: the writer should have quoted it */
            }
            if (at < len && s[at] == sep) {
                at++;
                n++;
                continue;
            }
            break;
        }
        if (at < len && s[at] == '\r')
            at++;
        if (at < len && s[at] == '\n')
            at++;
        if (records < max)
            fields[records] = n;
        records++;
    }
    return records;
}

/* As csv_records for TSV, which has no quoting: a record is a line, its fields are between TABs. */
static int tsv_records(const char *s, size_t len, size_t *fields, int max)
{
    int records = 0;
    size_t n = 1;
    for (size_t at = 0; at < len; at++) {
        if (s[at] == '\t')
            n++;
        if (s[at] == '\r')
            FUZZ_CHECK(at + 1 < len && s[at + 1] == '\n');
        if (s[at] == '\n' || at + 1 == len) {
            if (records < max)
                fields[records] = n;
            records++;
            n = 1;
        }
    }
    return records;
}

static void check_json_row(json_t *row, size_t n_columns)
{
    FUZZ_CHECK(json_is_object(row));
    FUZZ_CHECK(json_object_size(row) == n_columns);
}

static void check_output(pc_table_format format, const char *out, size_t len, size_t n_columns)
{
    FUZZ_CHECK(pc_utf8_valid(out, len));
    if (format == PC_TABLE_CSV || format == PC_TABLE_TSV) {
        const char *s = out;
        if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        size_t fields[ROWS + 1];
        int records = format == PC_TABLE_CSV ? csv_records(s, len, ',', fields, ROWS + 1)
                                             : tsv_records(s, len, fields, ROWS + 1);
        FUZZ_CHECK(records == ROWS + 1);
        for (int i = 0; i < records; i++)
            FUZZ_CHECK(fields[i] == n_columns);
        return;
    }
    json_error_t error;
    if (format == PC_TABLE_JSON) {
        json_t *doc = json_loadb(out, len, 0, &error);
        if (!doc)
            fprintf(stderr, "not JSON: %s at %d\n", error.text, error.position);
        FUZZ_CHECK(doc != NULL);
        json_t *rows = json_object_get(doc, "rows");
        FUZZ_CHECK(json_is_array(rows) && json_array_size(rows) == ROWS);
        for (size_t i = 0; i < ROWS; i++)
            check_json_row(json_array_get(rows, i), n_columns);
        FUZZ_CHECK(json_is_object(json_object_get(doc, "presscut_export")));
        json_decref(doc);
        return;
    }
    size_t lines = 0, at = 0;
    while (at < len) {
        const char *end = memchr(out + at, '\n', len - at);
        FUZZ_CHECK(end != NULL);
        json_t *line = json_loadb(out + at, (size_t)(end - (out + at)), 0, &error);
        if (!line)
            fprintf(stderr, "line %zu not JSON: %s at %d\n", lines + 1, error.text, error.position);
        FUZZ_CHECK(line != NULL);
        if (lines > 0)
            check_json_row(line, n_columns);
        json_decref(line);
        lines++;
        at = (size_t)(end - out) + 1;
    }
    FUZZ_CHECK(lines == ROWS + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > FUZZ_MAX_INPUT)
        return 0;
    static const pc_table_format formats[] = {PC_TABLE_CSV, PC_TABLE_TSV, PC_TABLE_JSONL, PC_TABLE_JSON};
    pc_table_format format = formats[data[0] & 3];
    fuzz_hit f;
    if (!fuzz_hit_make(&f, data, size))
        return 0;
    pc_error err;
    pc_error_clear(&err);
    pc_analyzer_config analyzer;
    pc_analyzer_config_default(&analyzer);
    const char *filter_names[] = {"source"}, *filter_values[] = {f.hit.source ? f.hit.source : ""};
    pc_export_facts facts = {.command = "search", .query = f.hit.title ? f.hit.title : "", .filter_names = filter_names,
                             .filter_values = filter_values, .n_filters = f.hit.source ? 1 : 0,
                             .index_path = f.hit.path ? f.hit.path : "x.db", .articles = 3,
                             .analyzer = &analyzer, .analyzer_version = PC_ANALYZER_VERSION};
    pc_export_manifest manifest = {0};
    FUZZ_CHECK_OK(pc_export_manifest_make(&facts, &manifest, &err), &err);
    char *out = NULL;
    size_t out_len = 0;
    FILE *stream = open_memstream(&out, &out_len);
    FUZZ_CHECK(stream != NULL);
    pc_table_options opt = {.format = format, .out = stream, .raw = data[0] & 4, .bom = data[0] & 8,
                            .with_header = true, .meta = manifest.meta, .n_meta = manifest.n};
    size_t n_columns = 0;
    const pc_table_column *columns = pc_export_hit_columns(&n_columns);
    pc_table *table = NULL;
    pc_export_row *row = NULL;
    FUZZ_CHECK_OK(pc_table_open(&opt, columns, n_columns, &table, &err), &err);
    FUZZ_CHECK_OK(pc_export_row_new(format, &row, &err), &err);
    for (int i = 0; i < ROWS; i++) {
        const pc_cell *cells = NULL;
        f.hit.rank += i;
        FUZZ_CHECK_OK(pc_export_row_fill(row, &f.hit, &cells, &err), &err);
        FUZZ_CHECK_OK(pc_table_row(table, cells, &err), &err);
    }
    FUZZ_CHECK_OK(pc_table_finish(table, &err), &err);
    pc_table_free(table);
    pc_export_row_free(row);
    fclose(stream);
    check_output(format, out, out_len, n_columns);
    free(out);
    pc_export_manifest_clear(&manifest);
    fuzz_hit_free(&f);
    return 0;
}
