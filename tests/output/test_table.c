/* test_table.c — the export table writer (table.h): the exact bytes of csv, tsv, jsonl and json on tricky cells
 * (quotes, commas, line ends, tabs, formula-like starts, raw, BOM, NULLs, numbers, invalid UTF-8, no rows),
 * the manifest in each format (JSON header, sidecar file, xlsx "query" sheet), xlsx read back with openpyxl,
 * misuse, and write errors (a missing folder, a full disk). */
#include <math.h>
#include <stdlib.h>

#include "presscut/output/table.h"

#include "harness.h"

static const pc_table_column COLUMNS[] = {
    {"id", PC_CELL_INT}, {"title", PC_CELL_TEXT}, {"score", PC_CELL_REAL}, {"note", PC_CELL_TEXT}};
#define N_COLUMNS 4
#define N_ROWS 6

/* The tricky rows every format is tried on. */
static void tricky_rows(pc_cell rows[N_ROWS][N_COLUMNS])
{
    pc_cell r[N_ROWS][N_COLUMNS] = {
        {pc_cell_int(1), pc_cell_text("plain"), pc_cell_real(1.5), pc_cell_null()},
        {pc_cell_int(2), pc_cell_text("a,b \"q\""), pc_cell_int(-2), pc_cell_text("line1\r\nline2")},
        {pc_cell_int(3), pc_cell_text("=SUM(A1)"), pc_cell_real(0.1), pc_cell_text("+1")},
        {pc_cell_int(-4), pc_cell_text("-minus"), pc_cell_null(), pc_cell_text("@at")},
        {pc_cell_int(5), pc_cell_text("\ttab"), pc_cell_real(NAN), pc_cell_text("\rcr")},
        {pc_cell_int(6), pc_cell_text("bad\xff\xfe utf"), pc_cell_real(1e20), pc_cell_text("")},
    };
    memcpy(rows, r, sizeof r);
}

static const pc_table_meta META[] = {
    {"query", "Peskov \"press\"", false},
    {"aliases", "[\"Peskov\", \"Песков\"]", true},
    {"index", NULL, false},
};

/* Writes the tricky rows (or none) with `opt` into memory and returns the malloc'd bytes and their length. */
static char *write_to_memory(pc_table_options opt, bool with_rows, size_t *len)
{
    char *data = NULL;
    *len = 0;
    FILE *f = open_memstream(&data, len);
    opt.out = f;
    pc_table *t = NULL;
    pc_error err;
    int rc = pc_table_open(&opt, COLUMNS, N_COLUMNS, &t, &err);
    CHECK_INT_EQ(rc, 0);
    pc_cell rows[N_ROWS][N_COLUMNS];
    tricky_rows(rows);
    for (int i = 0; with_rows && rc == 0 && i < N_ROWS; i++) {
        rc = pc_table_row(t, rows[i], &err);
        CHECK_INT_EQ(rc, 0);
    }
    if (rc == 0)
        CHECK_INT_EQ(pc_table_finish(t, &err), 0);
    pc_table_free(t);
    fclose(f);
    return data;
}

static char *write_string(pc_table_format format, bool raw, bool bom, bool header, bool with_rows)
{
    pc_table_options opt = {.format = format, .raw = raw, .bom = bom, .with_header = header, .meta = META,
                            .n_meta = 3};
    size_t len;
    return write_to_memory(opt, with_rows, &len);
}

static void test_csv(void)
{
    char *text = write_string(PC_TABLE_CSV, false, false, false, true);
    CHECK_STR_EQ(text, "id,title,score,note\r\n"
                       "1,plain,1.5,\r\n"
                       "2,\"a,b \"\"q\"\"\",-2,\"line1\r\nline2\"\r\n"
                       "3,'=SUM(A1),0.1,'+1\r\n"
                       "-4,'-minus,,'@at\r\n"
                       "5,'\ttab,,\"'\rcr\"\r\n"
                       "6,bad\xEF\xBF\xBD\xEF\xBF\xBD utf,1e+20,\r\n");
    free(text);

    text = write_string(PC_TABLE_CSV, true, true, false, true);
    CHECK_STR_EQ(text, "\xEF\xBB\xBFid,title,score,note\r\n"
                       "1,plain,1.5,\r\n"
                       "2,\"a,b \"\"q\"\"\",-2,\"line1\r\nline2\"\r\n"
                       "3,=SUM(A1),0.1,+1\r\n"
                       "-4,-minus,,@at\r\n"
                       "5,\ttab,,\"\rcr\"\r\n"
                       "6,bad\xEF\xBF\xBD\xEF\xBF\xBD utf,1e+20,\r\n");
    free(text);

    text = write_string(PC_TABLE_CSV, false, false, false, false);
    CHECK_STR_EQ(text, "id,title,score,note\r\n");
    free(text);
}

/* Writes rows[0, n_rows) of n_columns cells each with columns in `format` into memory; returns the malloc'd
 * bytes and their length. */
static char *write_cells(pc_table_format format, const pc_table_column *columns, size_t n_columns,
                         const pc_cell *rows, size_t n_rows, size_t *len)
{
    char *data = NULL;
    FILE *mem = open_memstream(&data, len);
    pc_table_options opt = {.format = format, .out = mem};
    pc_table *t = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_table_open(&opt, columns, n_columns, &t, &err), 0);
    for (size_t i = 0; t && i < n_rows; i++)
        CHECK_INT_EQ(pc_table_row(t, rows + i * n_columns, &err), 0);
    CHECK_INT_EQ(pc_table_finish(t, &err), 0);
    pc_table_free(t);
    fclose(mem);
    return data;
}

/* A NUL byte inside a cell: csv shows it as the text printer does (\x00), JSON escapes it. */
static void test_nul_byte(void)
{
    const pc_table_column column[1] = {{"t", PC_CELL_TEXT}};
    const pc_cell cell[1] = {pc_cell_text_n("a\0b", 3)};
    size_t len;
    char *data = write_cells(PC_TABLE_CSV, column, 1, cell, 1, &len);
    CHECK(len == 11 && memcmp(data, "t\r\na\\x00b\r\n", 11) == 0);
    free(data);
    data = write_cells(PC_TABLE_JSONL, column, 1, cell, 1, &len);
    CHECK_STR_EQ(data, "{\"t\":\"a\\u0000b\"}\n");
    free(data);
}

/* A JSON cell in a text column: embedded by jsonl and json, text (quoted as needed) in csv. */
static void test_json_cells(void)
{
    const pc_table_column columns[2] = {{"spans", PC_CELL_TEXT}, {"n", PC_CELL_INT}};
    pc_cell rows[2][2] = {{pc_cell_text("[[1,2],[5,9]]"), pc_cell_int(2)}, {pc_cell_text(""), pc_cell_null()}};
    rows[0][0].type = PC_CELL_JSON;
    rows[1][0].type = PC_CELL_JSON;
    const char *expected[] = {"spans,n\r\n\"[[1,2],[5,9]]\",2\r\n,\r\n", "",
                              "{\"spans\":[[1,2],[5,9]],\"n\":2}\n{\"spans\":null,\"n\":null}\n",
                              "{\"rows\":[\n{\"spans\":[[1,2],[5,9]],\"n\":2},\n{\"spans\":null,\"n\":null}\n]}\n"};
    for (int format = PC_TABLE_CSV; format <= PC_TABLE_JSON; format++) {
        if (format == PC_TABLE_TSV)
            continue;
        size_t len;
        char *data = write_cells((pc_table_format)format, columns, 2, &rows[0][0], 2, &len);
        CHECK_STR_EQ(data, expected[format]);
        free(data);
    }
}

static void test_tsv(void)
{
    char *text = write_string(PC_TABLE_TSV, false, false, false, true);
    CHECK_STR_EQ(text, "id\ttitle\tscore\tnote\n"
                       "1\tplain\t1.5\t\n"
                       "2\ta,b \"q\"\t-2\tline1  line2\n"
                       "3\t'=SUM(A1)\t0.1\t'+1\n"
                       "-4\t'-minus\t\t'@at\n"
                       "5\t' tab\t\t' cr\n"
                       "6\tbad\xEF\xBF\xBD\xEF\xBF\xBD utf\t1e+20\t\n");
    free(text);

    text = write_string(PC_TABLE_TSV, true, true, false, false);
    CHECK_STR_EQ(text, "\xEF\xBB\xBFid\ttitle\tscore\tnote\n");
    free(text);
}

#define JSON_ROWS                                                                                                \
    "{\"id\":1,\"title\":\"plain\",\"score\":1.5,\"note\":null}"                                                \
    "%s{\"id\":2,\"title\":\"a,b \\\"q\\\"\",\"score\":-2,\"note\":\"line1\\r\\nline2\"}"                       \
    "%s{\"id\":3,\"title\":\"=SUM(A1)\",\"score\":0.1,\"note\":\"+1\"}"                                         \
    "%s{\"id\":-4,\"title\":\"-minus\",\"score\":null,\"note\":\"@at\"}"                                        \
    "%s{\"id\":5,\"title\":\"\\ttab\",\"score\":null,\"note\":\"\\rcr\"}"                                       \
    "%s{\"id\":6,\"title\":\"bad\xEF\xBF\xBD\xEF\xBF\xBD utf\",\"score\":1e20,\"note\":\"\"}"

#define MANIFEST "{\"query\":\"Peskov \\\"press\\\"\",\"aliases\":[\"Peskov\",\"Песков\"],\"index\":null}"

/* jsonl: one row a line after the manifest line; json: one document, rows one a line. Without the header and
 * rows: nothing, and an empty document (raw and bom do not apply). */
static void test_jsonl_and_json(void)
{
    const struct {
        pc_table_format format;
        const char *head, *sep, *tail, *empty;
    } cases[] = {{PC_TABLE_JSONL, "}\n", "\n", "\n", ""},
                 {PC_TABLE_JSON, ",\"rows\":[\n", ",\n", "\n]}\n", "{\"rows\":[]}\n"}};
    for (size_t i = 0; i < 2; i++) {
        char expected[2048];
        snprintf(expected, sizeof expected, "{\"presscut_export\":" MANIFEST "%s" JSON_ROWS "%s", cases[i].head,
                 cases[i].sep, cases[i].sep, cases[i].sep, cases[i].sep, cases[i].sep, cases[i].tail);
        char *text = write_string(cases[i].format, false, false, true, true);
        CHECK_STR_EQ(text, expected);
        free(text);
        text = write_string(cases[i].format, false, true, false, false);
        CHECK_STR_EQ(text, cases[i].empty);
        free(text);
    }
}

/* csv with a path: the file, and the manifest in PATH.manifest.json. */
static void test_sidecar(void)
{
    char dir[64], path[128], side[160];
    harness_make_temp_dir(dir, sizeof dir, "table");
    snprintf(path, sizeof path, "%s/out.csv", dir);
    snprintf(side, sizeof side, "%s.manifest.json", path);
    pc_table_options opt = {.format = PC_TABLE_CSV, .path = path, .meta = META, .n_meta = 3};
    pc_table *t = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_table_open(&opt, COLUMNS, N_COLUMNS, &t, &err), 0);
    pc_cell row[N_COLUMNS] = {pc_cell_int(7), pc_cell_text("x"), pc_cell_real(2.25), pc_cell_null()};
    CHECK_INT_EQ(pc_table_row(t, row, &err), 0);
    CHECK_INT_EQ(pc_table_finish(t, &err), 0);
    CHECK_INT_EQ(pc_table_row(t, row, &err), PC_EINVAL); /* rows after finish are misuse */
    pc_table_free(t);
    size_t n;
    char *data = (char *)harness_read_file(path, &n);
    CHECK_STR_EQ(data, "id,title,score,note\r\n7,x,2.25,\r\n");
    free(data);
    data = (char *)harness_read_file(side, &n);
    CHECK_STR_EQ(data, "{\n  \"presscut_export\": {\n    \"query\": \"Peskov \\\"press\\\"\",\n"
                       "    \"aliases\": [\n      \"Peskov\",\n      \"Песков\"\n    ],\n"
                       "    \"index\": null\n  }\n}\n");
    free(data);
    harness_remove_dir(dir);
}

static void test_misuse(void)
{
    pc_table_format f;
    pc_error err;
    CHECK_INT_EQ(pc_table_format_parse("xlsx", &f, &err), 0);
    CHECK_INT_EQ(f, PC_TABLE_XLSX);
    CHECK_INT_EQ(pc_table_format_parse("jsonl", &f, &err), 0);
    CHECK_INT_EQ(f, PC_TABLE_JSONL);
    CHECK_INT_EQ(pc_table_format_parse("xls", &f, &err), PC_EINVAL);
    CHECK(str_contains(err.msg, "'xls'") && str_contains(err.msg, "csv, tsv, jsonl, json or xlsx"));

    char *data = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&data, &len);
    pc_table_options opt = {.format = PC_TABLE_CSV, .out = mem};
    pc_table *t = NULL;
    CHECK_INT_EQ(pc_table_open(&opt, COLUMNS, N_COLUMNS, &t, &err), 0);
    pc_cell wrong[N_COLUMNS] = {pc_cell_text("1"), pc_cell_null(), pc_cell_null(), pc_cell_null()};
    CHECK_INT_EQ(pc_table_row(t, wrong, &err), PC_EINVAL);
    CHECK(str_contains(err.msg, "'id'"));
    pc_cell real_in_int[N_COLUMNS] = {pc_cell_real(1), pc_cell_null(), pc_cell_null(), pc_cell_null()};
    CHECK_INT_EQ(pc_table_row(t, real_in_int, &err), PC_EINVAL);
    pc_table_free(t);

    pc_table_meta bad = {"filters", "[unclosed", true};
    opt.meta = &bad;
    opt.n_meta = 1;
    opt.format = PC_TABLE_JSONL;
    opt.with_header = true;
    CHECK_INT_EQ(pc_table_open(&opt, COLUMNS, N_COLUMNS, &t, &err), PC_EINVAL);
    CHECK(t == NULL);
    CHECK(str_contains(err.msg, "'filters'"));

    pc_table_column twice[2] = {{"a", PC_CELL_TEXT}, {"a", PC_CELL_INT}};
    opt.n_meta = 0;
    CHECK_INT_EQ(pc_table_open(&opt, twice, 2, &t, &err), PC_EINVAL);
    CHECK(str_contains(err.msg, "'a'"));
    fclose(mem);
    free(data);
}

/* A path in a missing folder fails at open with the path and what to do, in every format. */
static void test_missing_folder(void)
{
    const char *path = "/tmp/presscut-no-such-folder-for-table/out.csv";
    for (int format = PC_TABLE_CSV; format <= PC_TABLE_XLSX; format++) {
        pc_table_options opt = {.format = (pc_table_format)format, .path = path};
        pc_table *t = NULL;
        pc_error err;
        CHECK_INT_EQ(pc_table_open(&opt, COLUMNS, N_COLUMNS, &t, &err), PC_EIO);
        CHECK(t == NULL);
        CHECK(str_contains(err.msg, path) && str_contains(err.msg, "No such file or directory") &&
              str_contains(err.msg, "folder"));
    }
}

/* A full disk (/dev/full) gives PC_EIO naming the file and the reason, at the latest at finish. */
static void test_disk_full(void)
{
    for (int format = PC_TABLE_CSV; format <= PC_TABLE_XLSX; format++) {
        pc_table_options opt = {.format = (pc_table_format)format, .path = "/dev/full"};
        if (format == PC_TABLE_XLSX) { /* a temporary workbook copied to a full stream */
            opt.path = NULL;
            opt.out = fopen("/dev/full", "wb");
        }
        pc_table *t = NULL;
        pc_error err;
        int rc = pc_table_open(&opt, COLUMNS, N_COLUMNS, &t, &err);
        pc_cell rows[N_ROWS][N_COLUMNS];
        tricky_rows(rows);
        for (int i = 0; rc == 0 && i < N_ROWS; i++)
            rc = pc_table_row(t, rows[i], &err);
        if (rc == 0)
            rc = pc_table_finish(t, &err);
        CHECK_INT_EQ(rc, PC_EIO);
        CHECK(str_contains(err.msg, "No space left on device"));
        CHECK(str_contains(err.msg, format == PC_TABLE_XLSX ? "standard output" : "'/dev/full'"));
        pc_table_free(t);
        if (opt.out)
            fclose(opt.out);
    }
}

/* The rows of each sheet of an xlsx file as openpyxl reads them, one JSON list a line, or NULL when the reader
 * is missing (a failure under CI=true). */
static char *read_xlsx(const char *path)
{
    if (system("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0) {
        const char *ci = getenv("CI");
        fprintf(stderr, "/usr/bin/python3 with openpyxl not found (apt-get install python3-openpyxl)%s\n",
                ci && strcmp(ci, "true") == 0 ? "" : ": xlsx check skipped");
        CHECK(!(ci && strcmp(ci, "true") == 0));
        return NULL;
    }
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c 'import json, sys, openpyxl\n"
             "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
             "for ws in wb.worksheets:\n"
             "    print(ws.title)\n"
             "    for row in ws.iter_rows(values_only=True):\n"
             "        print(json.dumps(list(row), ensure_ascii=False))\n' '%s'",
             path);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    if (!p)
        return NULL;
    char *data = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&data, &len);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        fwrite(buf, 1, n, mem);
    fclose(mem);
    CHECK_INT_EQ(pclose(p), 0);
    return data;
}

#define XLSX_EXPECTED                                                                                            \
    "hits\n"                                                                                                     \
    "[\"id\", \"title\", \"score\", \"note\"]\n"                                                                 \
    "[1, \"plain\", 1.5, null]\n"                                                                                \
    "[2, \"a,b \\\"q\\\"\", -2, \"line1\\nline2\"]\n"                                                         \
    "[3, \"=SUM(A1)\", 0.1, \"+1\"]\n"                                                                           \
    "[-4, \"-minus\", null, \"@at\"]\n"                                                                          \
    "[5, \"\\ttab\", null, \"\\ncr\"]\n"                                                                         \
    "[6, \"bad\xEF\xBF\xBD\xEF\xBF\xBD utf\", 1e+20, null]\n"                                    \
    "query\n"                                                                                                    \
    "[\"key\", \"value\"]\n"                                                                                     \
    "[\"query\", \"Peskov \\\"press\\\"\"]\n"                                                                    \
    "[\"aliases\", \"[\\\"Peskov\\\",\\\"Песков\\\"]\"]\n"                                                       \
    "[\"index\", null]\n"

/* xlsx to a path and to a stream (through a temporary file), read back with openpyxl. */
static void test_xlsx(void)
{
    char dir[64], path[128], streamed[128];
    harness_make_temp_dir(dir, sizeof dir, "table");
    snprintf(path, sizeof path, "%s/out.xlsx", dir);
    snprintf(streamed, sizeof streamed, "%s/streamed.xlsx", dir);
    pc_table_options opt = {.format = PC_TABLE_XLSX, .path = path, .meta = META, .n_meta = 3};
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            opt.path = NULL;
            opt.out = fopen(streamed, "wb");
            CHECK(opt.out != NULL);
        }
        pc_table *t = NULL;
        pc_error err;
        CHECK_INT_EQ(pc_table_open(&opt, COLUMNS, N_COLUMNS, &t, &err), 0);
        pc_cell rows[N_ROWS][N_COLUMNS];
        tricky_rows(rows);
        for (int i = 0; t && i < N_ROWS; i++)
            CHECK_INT_EQ(pc_table_row(t, rows[i], &err), 0);
        CHECK_INT_EQ(pc_table_finish(t, &err), 0);
        pc_table_free(t);
        if (opt.out)
            fclose(opt.out);
        char *cells = read_xlsx(pass == 0 ? path : streamed);
        if (cells)
            CHECK_STR_EQ(cells, XLSX_EXPECTED);
        free(cells);
    }
    harness_remove_dir(dir);
}

int main(void)
{
    RUN_TEST(test_csv);
    RUN_TEST(test_nul_byte);
    RUN_TEST(test_json_cells);
    RUN_TEST(test_tsv);
    RUN_TEST(test_jsonl_and_json);
    RUN_TEST(test_sidecar);
    RUN_TEST(test_misuse);
    RUN_TEST(test_missing_folder);
    RUN_TEST(test_disk_full);
    RUN_TEST(test_xlsx);
    return TEST_REPORT();
}
