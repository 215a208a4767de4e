/* test_read_csv.c — unit tests of the `csv` and `tsv` readers: the header, RFC 4180 quoting (doubled
 * quotes, newlines inside quotes, CRLF), ';' and '\'' sniffing, rows with the wrong number of fields, an
 * unterminated quote, rows without text, no text column, headerless files, --map by name and by number,
 * TSV escapes, and the real 10kGNAD test split when the shared corpus is there. */
#include <stdbool.h>

#include "presscut/ingest/reader.h"
#include "presscut/text/text_decode.h"

#include "harness.h"
#include "reader_results.h"


typedef read_result result;

static void read_with(pc_reader_fn fn, const char *text, const pc_field_map *map, result *res)
{
    read_result_run(res, fn, "feed.csv", text, strlen(text), map, 0, 0);
}

static void csv(const char *text, result *res)
{
    read_with(pc_read_csv, text, NULL, res);
}

static void test_basic(void)
{
    result r;
    csv("\n\ntitle,text,published,url,Source,language,id\n"
        "First,\"One, with a comma.\",16.02.2022,https://www.example.org/1,,en,1\n"
        "\n"
        "\"Second \"\"quoted\"\"\",\"Line one.\nLine two.\n\nNew paragraph.\",2022-02-15T16:40:00Z,,Wire,Ukrainian,2\n"
        "Third,Three.,,,,,3",
        &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 3);
    CHECK_INT_EQ(r.warnings, 0);
    CHECK_STR_EQ(r.a[0].title, "First");
    CHECK_STR_EQ(r.a[0].body, "One, with a comma.");
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK_STR_EQ(r.a[0].url, "https://www.example.org/1");
    CHECK_STR_EQ(r.a[0].source, "example.org");
    CHECK_STR_EQ(r.a[0].lang, "en");
    CHECK_STR_EQ(r.a[0].record, "line 4");
    CHECK_STR_EQ(r.a[1].title, "Second \"quoted\"");
    CHECK_STR_EQ(r.a[1].body, "Line one.\nLine two.\n\nNew paragraph.");
    CHECK_INT_EQ(r.a[1].body_len, strlen(r.a[1].body));
    CHECK_STR_EQ(r.a[1].published, "2022-02-15");
    CHECK_STR_EQ(r.a[1].source, "Wire");
    CHECK_STR_EQ(r.a[1].lang, "uk");
    CHECK_STR_EQ(r.a[1].record, "line 6");
    CHECK_STR_EQ(r.a[2].record, "line 10"); /* the quoted newlines count; no newline at the end */
    CHECK(r.a[2].published == NULL && r.a[2].url == NULL && r.a[2].source == NULL && r.a[2].tags == NULL);
    read_result_done(&r);

    /* CRLF rows and CRLF inside quotes; an empty quoted field; a quote inside an unquoted field is a quote */
    csv("text,title\r\n\"a\r\nb\",\"\"\r\nsay \"hi\" there,T\r\n", &r);
    CHECK_INT_EQ(r.articles, 2);
    CHECK_INT_EQ(r.warnings, 0);
    CHECK_STR_EQ(r.a[0].body, "a\nb");
    CHECK(r.a[0].title == NULL);
    CHECK_STR_EQ(r.a[1].body, "say \"hi\" there");
    CHECK_STR_EQ(r.a[1].record, "line 4");
    read_result_done(&r);

    /* tags columns */
    csv("text,tags,Keywords\nT,\"cyber, banks\",Kyiv\n", &r);
    CHECK_STR_EQ(r.a[0].tags, "tag:cyber; tag:banks; keyword:Kyiv");
    read_result_done(&r);
}

static void test_semicolons(void)
{
    result r;
    /* more ';' than ',' in the header: ';' separates */
    csv("title;text;date\n\"A, b\";\"x; y\";01.03.2022\nC;Plain, with commas, here;\n", &r);
    CHECK_INT_EQ(r.articles, 2);
    CHECK_INT_EQ(r.warnings, 0);
    CHECK_STR_EQ(r.a[0].title, "A, b");
    CHECK_STR_EQ(r.a[0].body, "x; y");
    CHECK_STR_EQ(r.a[0].published, "2022-03-01");
    CHECK_STR_EQ(r.a[1].body, "Plain, with commas, here");
    read_result_done(&r);

    /* ';' outside quotes only: the header's quoted "a;b;c" does not count */
    csv("\"a;b;c\",text\n1,T\n", &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].body, "T");
    read_result_done(&r);

    /* '\'' as the quote when it makes the rows agree */
    csv("label;text\nX;'It''s here; really'\nY;'Two\nlines'\nZ;Plain \"q\" text\n", &r);
    CHECK_INT_EQ(r.articles, 3);
    CHECK_INT_EQ(r.warnings, 0);
    CHECK_STR_EQ(r.a[0].body, "It's here; really");
    CHECK_STR_EQ(r.a[1].body, "Two\nlines");
    CHECK_STR_EQ(r.a[2].body, "Plain \"q\" text");
    CHECK_STR_EQ(r.a[2].record, "line 5");
    read_result_done(&r);
}

static void test_bad_rows(void)
{
    result r;
    csv("title,text,date\n"
        "Good,Text one.,2022-01-01\n"
        "Short,only two\n"
        "Long,a,b,c\n"
        "Empty,  ,2022-01-02\n"
        "Bad date,Text,someday\n"
        "Good 2,Text two.,\n"
        "Open,\"never closed,\n"
        "More,Lost.,\n",
        &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 3);
    CHECK_STR_EQ(r.a[1].title, "Bad date");
    CHECK(r.a[1].published == NULL);
    CHECK_STR_EQ(r.a[2].title, "Good 2");
    CHECK_INT_EQ(r.warnings, 5);
    CHECK_INT_EQ(r.warn_line[0], 3);
    CHECK_STR_EQ(r.warn_msg[0], "row has 2 fields, the header has 3; skipped");
    CHECK_INT_EQ(r.warn_line[1], 4);
    CHECK_STR_EQ(r.warn_msg[1], "row has 4 fields, the header has 3; skipped");
    CHECK_INT_EQ(r.warn_line[2], 5);
    CHECK_STR_EQ(r.warn_msg[2], "row has no text (column 'text' is empty); skipped");
    CHECK_INT_EQ(r.warn_line[3], 6);
    CHECK_STR_EQ(r.warn_msg[3], "date 'someday' not understood; left empty");
    CHECK_INT_EQ(r.warn_line[4], 8);
    CHECK_STR_EQ(r.warn_msg[4], "quote opened here is never closed; the rest of the file (lines 8-9) is not read");
    read_result_done(&r);

    /* no column for the text: a whole-file error naming the columns */
    csv("headline,summary,when\nA,b,c\n", &r);
    CHECK_INT_EQ(r.rc, PC_EFORMAT);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_STR_EQ(r.err.msg, "no column holds the article text: the header has 'headline', 'summary', 'when'; "
                            "name it with --map text=COLUMN");
    read_result_done(&r);

    /* an unclosed quote in the header; an empty file */
    csv("title,\"text\n", &r);
    CHECK_INT_EQ(r.rc, PC_EFORMAT);
    CHECK(str_contains(r.err.msg, "line 1 is never closed"));
    read_result_done(&r);
    csv("\n\n", &r);
    CHECK_INT_EQ(r.rc, PC_EFORMAT);
    read_result_done(&r);

    /* a header only: no articles, no error */
    csv("title,text\n", &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 0);
    read_result_done(&r);
}

static void test_map(void)
{
    pc_field_map map;
    pc_error err;
    CHECK_INT_EQ(pc_field_map_parse("text=article_text,date=pub_ts", &map, &err), 0);
    result r;
    read_with(pc_read_csv, "headline,summary,article_text,pub_ts\nH,teaser,The body.,1645000000\n", &map, &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].title, "H");
    CHECK_STR_EQ(r.a[0].body, "The body.");
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    read_result_done(&r);
    pc_field_map_clear(&map);

    /* a column by number, header or not */
    CHECK_INT_EQ(pc_field_map_parse("text=2,title=1", &map, &err), 0);
    read_with(pc_read_csv, "a,b\nHead,Body.\n", &map, &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].title, "Head");
    CHECK_STR_EQ(r.a[0].body, "Body.");
    read_result_done(&r);
    pc_field_map_clear(&map);
}

static void test_headerless(void)
{
    char text[2048];
    char long_cell[400];
    memset(long_cell, 'x', 300);
    memcpy(long_cell, "Long text ", 10);
    long_cell[300] = '\0';
    snprintf(text, sizeof text, "Sport;'%s'\nWeb;Second 'row' text\n", long_cell);
    result r;
    csv(text, &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 2);
    CHECK_INT_EQ(r.a[0].body_len, 300);
    CHECK_STR_EQ(r.a[0].record, "line 1");
    CHECK_STR_EQ(r.a[1].body, "Second 'row' text");
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_INT_EQ(r.warn_line[0], 1);
    CHECK(str_contains(r.warn_msg[0], "no header row"));
    CHECK(str_contains(r.warn_msg[0], "the text is column 2"));
    read_result_done(&r);
}

static void test_tsv(void)
{
    result r;
    read_with(pc_read_tsv,
              "title\ttext\tdate\n"
              "A \"q\"\tLine one.\\nLine two.\\n\\nPara 2 with \\\\ and a\\ttab.\t2022-02-16\n"
              "B\tshort\n"
              "C\t\"not, quoted\" text\t2022-02-17\n",
              NULL, &r);
    CHECK_INT_EQ(r.articles, 2);
    CHECK_STR_EQ(r.a[0].title, "A \"q\"");
    CHECK_STR_EQ(r.a[0].body, "Line one.\nLine two.\n\nPara 2 with \\ and a\ttab.");
    CHECK_STR_EQ(r.a[0].record, "line 2");
    CHECK_STR_EQ(r.a[1].body, "\"not, quoted\" text"); /* no quoting in TSV */
    CHECK_STR_EQ(r.a[1].record, "line 4");
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_INT_EQ(r.warn_line[0], 3);
    CHECK_STR_EQ(r.warn_msg[0], "row has 2 fields, the header has 3; skipped");
    read_result_done(&r);
    CHECK_STR_EQ(pc_reader_for_path("x.TAB")->name, "tsv");
    CHECK_STR_EQ(pc_reader_for_path("x.csv")->name, "csv");
}

/* The real 10kGNAD test split: `label;'text'`, no header, 1,028 rows (Python's csv module agrees). */
static void test_10kgnad(void)
{
    const char *corpus = shared_corpus();
    char path[4200];
    snprintf(path, sizeof path, "%s/10kgnad-de/test.csv", corpus);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *raw = malloc((size_t)size);
    CHECK(raw && fread(raw, 1, (size_t)size, f) == (size_t)size);
    fclose(f);
    pc_decoded_text d;
    pc_error err;
    CHECK_INT_EQ(pc_text_decode(raw, (size_t)size, &d, &err), 0);
    result r;
    memset(&r, 0, sizeof r);
    pc_reader_input in = {path, raw, (size_t)size, d.text, d.len, NULL, 0};
    r.rc = pc_read_csv(&in, read_result_collect, read_result_warn, &r, &r.err);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 1028);
    CHECK_INT_EQ(r.warnings, 1); /* only the "no header row" notice */
    CHECK(str_contains(r.warn_msg[0], "no header row"));
    CHECK(strncmp(r.a[0].body, "Die Gewerkschaft GPA-djp lanciert den \"All-in-Rechner\"", 54) == 0);
    CHECK_STR_EQ(r.a[0].record, "line 1");
    CHECK_STR_EQ(r.last.record, "line 1028");
    read_result_done(&r);
    free(d.text);
    free(raw);
}

int main(void)
{
    RUN_TEST(test_basic);
    RUN_TEST(test_semicolons);
    RUN_TEST(test_bad_rows);
    RUN_TEST(test_map);
    RUN_TEST(test_headerless);
    RUN_TEST(test_tsv);
    RUN_TEST(test_10kgnad);
    return TEST_REPORT();
}
