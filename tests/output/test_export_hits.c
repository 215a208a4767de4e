/* test_export_hits.c — a search hit as an export row (export_hits.h): the columns in their documented order,
 * NULL for missing fields, the matched words as written, the body offsets as compact strings for csv and as
 * JSON lists for json, the snippet with "…" where cut; and the manifest's keys, in order, without a time. */
#include <stdlib.h>
#include <string.h>

#include "presscut/output/export_hits.h"

#include "harness.h"

/* Copies cell c's text, NUL-terminated (malloc'd). */
static char *cell_string(const pc_cell *c)
{
    char *s = malloc(c->len + 1);
    memcpy(s, c->text ? c->text : "", c->len);
    s[c->len] = '\0';
    return s;
}

static void check_cell_text(const pc_cell *c, pc_cell_type type, const char *want)
{
    CHECK_INT_EQ(c->type, type);
    char *s = cell_string(c);
    CHECK_STR_EQ(s, want);
    free(s);
}

/* "Путин говорил с Песковым" as a passage that starts 10 bytes (7 characters) into its body. */
static const char passage[] = "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd said: Peskov";
static const pc_span spans[] = {{0, 10}, {17, 23}};
static const pc_span body_bytes[] = {{10, 20}, {27, 33}};
static const pc_span body_chars[] = {{7, 12}, {19, 25}};

static pc_search_hit sample_hit(void)
{
    pc_search_hit h = {
        .rank = 3,
        .article_id = 42,
        .passage_id = 7,
        .passage_seq = 2,
        .score = 1.5,
        .copies = 4,
        .cluster = 40,
        .title = "=HYPERLINK(\"x\")",
        .published = "2022-02-17",
        .source = "wire",
        .lang = "ru",
        .path = "/data/a.txt",
        .passage = passage,
        .passage_len = sizeof passage - 1,
        .passage_start = 10,
        .spans = spans,
        .n_spans = 2,
        .body_spans = body_bytes,
        .body_char_spans = body_chars,
        .snippet = {.start = 0, .end = 17, .cut_before = false, .cut_after = true},
    };
    return h;
}

static void test_columns(void)
{
    size_t n = 0;
    const pc_table_column *cols = pc_export_hit_columns(&n);
    const char *names[] = {"rank", "score", "article_id", "passage", "date", "source", "title", "url", "path",
                           "record", "lang", "cluster", "copies", "matched", "snippet", "match_bytes",
                           "match_chars"};
    CHECK_INT_EQ(n, sizeof names / sizeof names[0]);
    for (size_t i = 0; i < n && i < sizeof names / sizeof names[0]; i++)
        CHECK_STR_EQ(cols[i].name, names[i]);
    CHECK_INT_EQ(cols[0].type, PC_CELL_INT);
    CHECK_INT_EQ(cols[1].type, PC_CELL_REAL);
}

static void test_csv_row(void)
{
    pc_error err;
    pc_error_clear(&err);
    pc_export_row *row = NULL;
    CHECK_INT_EQ(pc_export_row_new(PC_TABLE_CSV, &row, &err), PC_OK);
    pc_search_hit h = sample_hit();
    const pc_cell *c = NULL;
    CHECK_INT_EQ(pc_export_row_fill(row, &h, &c, &err), PC_OK);
    CHECK_INT_EQ(c[0].type, PC_CELL_INT);
    CHECK_INT_EQ(c[0].integer, 3);
    CHECK(c[1].type == PC_CELL_REAL && c[1].real == 1.5);
    CHECK_INT_EQ(c[2].integer, 42);
    CHECK_INT_EQ(c[3].integer, 2);
    check_cell_text(&c[4], PC_CELL_TEXT, "2022-02-17");
    /* The title as it is: neutralising formulas is the CSV writer's job (and --raw's). */
    check_cell_text(&c[6], PC_CELL_TEXT, "=HYPERLINK(\"x\")");
    CHECK_INT_EQ(c[7].type, PC_CELL_NULL); /* no url */
    CHECK_INT_EQ(c[9].type, PC_CELL_NULL); /* no record */
    CHECK_INT_EQ(c[11].integer, 40);
    CHECK_INT_EQ(c[12].integer, 4);
    check_cell_text(&c[13], PC_CELL_TEXT, "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd | Peskov");
    check_cell_text(&c[14], PC_CELL_TEXT, "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd said:\xe2\x80\xa6");
    check_cell_text(&c[15], PC_CELL_TEXT, "10-20 27-33");
    check_cell_text(&c[16], PC_CELL_TEXT, "7-12 19-25");
    pc_export_row_free(row);
}

static void test_json_row(void)
{
    pc_error err;
    pc_error_clear(&err);
    pc_export_row *row = NULL;
    CHECK_INT_EQ(pc_export_row_new(PC_TABLE_JSONL, &row, &err), PC_OK);
    pc_search_hit h = sample_hit();
    const pc_cell *c = NULL;
    CHECK_INT_EQ(pc_export_row_fill(row, &h, &c, &err), PC_OK);
    check_cell_text(&c[13], PC_CELL_JSON, "[\"\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd\",\"Peskov\"]");
    check_cell_text(&c[15], PC_CELL_JSON, "[[10,20],[27,33]]");
    check_cell_text(&c[16], PC_CELL_JSON, "[[7,12],[19,25]]");
    /* A hit without matches (a title-only hit): empty lists, and the row is reused without leftovers. */
    h.n_spans = 0;
    CHECK_INT_EQ(pc_export_row_fill(row, &h, &c, &err), PC_OK);
    check_cell_text(&c[13], PC_CELL_JSON, "[]");
    check_cell_text(&c[15], PC_CELL_JSON, "[]");
    pc_export_row_free(row);
    pc_export_row_free(NULL);
}

static void test_manifest(void)
{
    pc_error err;
    pc_error_clear(&err);
    const char *names[] = {"since", "lang"}, *values[] = {"2022-02", "uk"};
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    pc_export_facts f = {.command = "export", .query = "kyiv OR \"peace talks\"", .filter_names = names,
                         .filter_values = values, .n_filters = 2, .any = true, .index_path = "/x/presscut.db",
                         .articles = 57, .analyzer = &cfg, .analyzer_version = 3};
    pc_export_manifest m;
    CHECK_INT_EQ(pc_export_manifest_make(&f, &m, &err), PC_OK);
    const char *keys[] = {"presscut_version", "command", "query", "filters", "options", "index", "articles",
                          "analyzer"};
    CHECK_INT_EQ(m.n, sizeof keys / sizeof keys[0]);
    for (size_t i = 0; i < m.n && i < sizeof keys / sizeof keys[0]; i++)
        CHECK_STR_EQ(m.meta[i].key, keys[i]);
    CHECK_STR_EQ(m.meta[2].value, "kyiv OR \"peace talks\"");
    CHECK(!m.meta[2].json);
    CHECK(m.meta[3].json);
    CHECK_STR_EQ(m.meta[3].value, "[{\"name\":\"since\",\"value\":\"2022-02\"},{\"name\":\"lang\",\"value\":\"uk\"}]");
    CHECK_STR_EQ(m.meta[6].value, "57");
    CHECK(strstr(m.meta[7].value, "\"version\":3") != NULL);
    pc_export_manifest_clear(&m);
    pc_export_manifest_clear(NULL);
}

int main(void)
{
    RUN_TEST(test_columns);
    RUN_TEST(test_csv_row);
    RUN_TEST(test_json_row);
    RUN_TEST(test_manifest);
    return TEST_REPORT();
}
