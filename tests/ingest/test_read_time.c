/* test_read_time.c — unit tests of the `time` reader (the TIME collection): header lines with irregular
 * spacing, dates, record names and ordinal tags, the joined body, *STOP, malformed headers and records
 * without text reported with their line while the following records are still read, the truncated fixture,
 * detection by content, and TIME.ALL of the shared corpus (423 articles). */
#include <stdbool.h>

#include "presscut/ingest/reader.h"
#include "presscut/text/text_decode.h"

#include "harness.h"
#include "reader_results.h"


typedef read_result result;

static void read_text_stop(const char *text, result *res, int stop_after)
{
    read_result_run(res, pc_read_time, "TIME.ALL", text, strlen(text), NULL, stop_after, 9);
}

static void read_text(const char *text, result *res)
{
    read_text_stop(text, res, 0);
}

/* Reads the file at path as the indexer does; 1 when its content alone picks the `time` reader, 0 when
 * not, -1 when it cannot be read. */
static int read_file(const char *path, result *res)
{
    size_t len = 0;
    unsigned char *raw = harness_read_file(path, &len);
    if (!raw)
        return -1;
    const pc_reader *by_content = pc_reader_for_content(raw, len < 4096 ? len : 4096);
    int encoding = read_result_run_bytes(res, pc_read_time, path, raw, len);
    free(raw);
    return encoding < 0 ? -1 : by_content == pc_reader_by_name("time") ? 1 : 0;
}

static void test_records(void)
{
    const char *text = "*TEXT 017 01/04/63 PAGE 020\n"
                       "\n"
                       "THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST\n"
                       "\n"
                       "PROPOSED TO HELP NATO   DEVELOP ITS OWN NUCLEAR STRIKE FORCE . THE\n"
                       "\n"
                       "MISSILE-\n"
                       "\n"
                       "PACKING SUBMARINES (TIME, DEC . 28) .\n"
                       "\n"
                       "\n"
                       "*TEXT 018 01/04/63 PAGE 021\n"
                       "\n"
                       "SOUTH VIET NAM TRIAL BY FIRE THE AUTOMOBILE STOPPED .\n";
    result res;
    read_text(text, &res);
    CHECK_INT_EQ(res.rc, 0);
    CHECK_INT_EQ(res.articles, 2);
    CHECK_INT_EQ(res.warnings, 0);
    pc_article *a = &res.a[0];
    CHECK_STR_EQ(a->record, "TEXT 017");
    CHECK_STR_EQ(a->published, "1963-01-04");
    CHECK_STR_EQ(a->source, "TIME");
    CHECK_STR_EQ(a->lang, "en");
    CHECK_STR_EQ(a->tags, "doc:1; page:20");
    CHECK(a->title == NULL);
    CHECK(a->url == NULL);
    CHECK_STR_EQ(a->body, "THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST PROPOSED TO HELP NATO DEVELOP "
                          "ITS OWN NUCLEAR STRIKE FORCE . THE MISSILE-PACKING SUBMARINES (TIME, DEC . 28) .");
    CHECK_INT_EQ(a->body_len, strlen(a->body));
    CHECK_STR_EQ(res.a[1].record, "TEXT 018");
    CHECK_STR_EQ(res.a[1].tags, "doc:2; page:21");
    CHECK_STR_EQ(res.a[1].body, "SOUTH VIET NAM TRIAL BY FIRE THE AUTOMOBILE STOPPED ."); /* case kept */
    read_result_done(&res);
}

static void test_irregular_headers(void)
{
    const char *text = "*TEXT 431 08/30 63 PAGE 026\n\nA .\n\n"
                       "*TEXT 503  11/15/63  PAGE 045\n\nB .\n\n"
                       "*TEXT 557        12/27/63         PAGE 021\n\nC .\n\n"
                       "  *TEXT 600 2/3/1964\tPAGE 7\r\n\nD .\n\n"
                       "*TEXT 601 13/45/63 PAGE 001\n\nE .\n";
    result res;
    read_text(text, &res);
    CHECK_INT_EQ(res.articles, 5);
    CHECK_STR_EQ(res.a[0].published, "1963-08-30");
    CHECK_STR_EQ(res.a[0].record, "TEXT 431");
    CHECK_STR_EQ(res.a[1].published, "1963-11-15");
    CHECK_STR_EQ(res.a[1].tags, "doc:2; page:45");
    CHECK_STR_EQ(res.a[2].published, "1963-12-27");
    CHECK_STR_EQ(res.a[2].record, "TEXT 557");
    CHECK_STR_EQ(res.a[3].published, "1964-02-03");
    CHECK_STR_EQ(res.a[3].tags, "doc:4; page:7");
    CHECK(res.a[4].published == NULL); /* month 13: not a date, never guessed */
    CHECK_STR_EQ(res.a[4].body, "E .");
    CHECK_INT_EQ(res.warnings, 1);
    CHECK_INT_EQ(res.warn_line[0], 17);
    CHECK(strstr(res.warn_msg[0], "record TEXT 601: date in") != NULL);
    read_result_done(&res);
}

static void test_stop_line(void)
{
    result res;
    read_text("*TEXT 562 12/27/63 PAGE 024\n\nLAST ONE .\n\n*STOP\n\n*TEXT 999 01/01/64 PAGE 1\n\nAFTER STOP .\n", &res);
    CHECK_INT_EQ(res.articles, 1);
    CHECK_STR_EQ(res.a[0].body, "LAST ONE .");
    CHECK_INT_EQ(res.warnings, 0);
    read_result_done(&res);
}

static void test_malformed(void)
{
    const char *text = "LEFTOVER LINE BEFORE ANY HEADER\n"            /* 1 */
                       "\n"                                           /* 2 */
                       "*TEXT 017 01/04/63 PAGE 020\n"                /* 3 */
                       "\n"                                           /* 4 */
                       "GOOD ONE .\n"                                 /* 5 */
                       "*TEXT 018 01/04/63 PAGE 021\n"                /* 6: no text */
                       "\n"                                           /* 7 */
                       "*TEXT\n"                                      /* 8: no number */
                       "BAD ONE .\n"                                  /* 9 */
                       "*TEXTX 019 01/04/63 PAGE 022\n"               /* 10: not a header: skipped text */
                       "*TEXT 02O 01/04/63 PAGE 022\n"                /* 11: letter O */
                       "BAD TWO .\n"                                  /* 12 */
                       "*TEXT 021 01/11/63 PAGE 023\n"                /* 13 */
                       "GOOD TWO .\n"                                 /* 14 */
                       "*TEXT 02";                                    /* 15: truncated */
    result res;
    read_text(text, &res);
    CHECK_INT_EQ(res.rc, 0);
    CHECK_INT_EQ(res.articles, 2);
    CHECK_STR_EQ(res.a[0].record, "TEXT 017");
    CHECK_STR_EQ(res.a[1].record, "TEXT 021");
    CHECK_STR_EQ(res.a[1].body, "GOOD TWO .");
    CHECK_STR_EQ(res.a[1].tags, "doc:5; page:23"); /* the ordinal counts every header, bad ones too */
    CHECK_INT_EQ(res.warnings, 6);
    CHECK_INT_EQ(res.warn_line[0], 1);
    CHECK_STR_EQ(res.warn_msg[0], "text before the first *TEXT header; ignored");
    CHECK_INT_EQ(res.warn_line[1], 6);
    CHECK_STR_EQ(res.warn_msg[1], "record TEXT 018 has no text; skipped");
    CHECK_INT_EQ(res.warn_line[2], 8);
    CHECK(strstr(res.warn_msg[2], "malformed header '*TEXT'") == res.warn_msg[2]);
    CHECK_INT_EQ(res.warn_line[3], 11);
    CHECK_INT_EQ(res.warn_line[4], 15);
    CHECK(strstr(res.warn_msg[4], "record TEXT 02: date") == res.warn_msg[4]);
    CHECK_INT_EQ(res.warn_line[5], 15);
    CHECK_STR_EQ(res.warn_msg[5], "record TEXT 02 has no text; skipped");
    read_result_done(&res);
}

static void test_edges(void)
{
    result res;
    read_text("", &res);
    CHECK_INT_EQ(res.rc, 0);
    CHECK_INT_EQ(res.articles, 0);
    CHECK_INT_EQ(res.warnings, 0);
    read_text("*TEXT 1", &res);
    CHECK_INT_EQ(res.articles, 0);
    CHECK_INT_EQ(res.warnings, 2);
    read_text_stop("*TEXT 1 01/01/63 PAGE 1\nA\n*TEXT 2 01/01/63 PAGE 1\nB\n", &res, 1);
    CHECK_INT_EQ(res.rc, 9);
    CHECK_INT_EQ(res.articles, 1);
    read_result_done(&res);
    pc_error err;
    pc_error_clear(&err);
    CHECK_INT_EQ(pc_read_time(NULL, read_result_collect, NULL, NULL, &err), PC_EINVAL);
}

static void test_sniff(void)
{
    const char *time_head = "*TEXT 017 01/04/63 PAGE 020\n";
    CHECK(pc_reader_for_content((const unsigned char *)time_head, strlen(time_head)) == pc_reader_by_name("time"));
    const char *query_head = "*FIND      1\n";
    CHECK(pc_reader_for_content((const unsigned char *)query_head, strlen(query_head)) == NULL);
    CHECK(pc_reader_for_path("TIME.ALL") == NULL); /* claimed by content only */
    CHECK(pc_reader_by_name("time")->read == pc_read_time);
}

static void test_fixture(void)
{
    const char *source = getenv("PRESSCUT_SOURCE");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/ingest/time/truncated", source && *source ? source : ".");
    result res;
    CHECK_INT_EQ(read_file(path, &res), 1);
    CHECK_INT_EQ(res.articles, 2);
    CHECK_STR_EQ(res.a[0].record, "TEXT 017");
    CHECK_STR_EQ(res.a[0].body, "THE ALLIES AFTER NASSAU THE KUMQUAT ACCORD WAS SIGNED . A MISSILE-PACKING FLEET WAS "
                                "PROMISED TO BRITAIN .");
    CHECK_STR_EQ(res.a[1].record, "TEXT 431");
    CHECK_STR_EQ(res.a[1].published, "1963-08-30");
    CHECK_STR_EQ(res.a[1].tags, "doc:4; page:26");
    CHECK_INT_EQ(res.warnings, 4);
    CHECK_INT_EQ(res.warn_line[0], 7);  /* TEXT 018: no text */
    CHECK_INT_EQ(res.warn_line[1], 9);  /* *TEXT ABC */
    CHECK_INT_EQ(res.warn_line[2], 17); /* *TEXT 56: no date */
    CHECK_INT_EQ(res.warn_line[3], 17); /* and no text */
    read_result_done(&res);
}

/* TIME.ALL: 423 articles, no warnings; dates 1963-01-04 .. 1963-12-27. */
static void test_shared_corpus(void)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/time/TIME.ALL", shared_corpus());
    result res;
    CHECK_INT_EQ(read_file(path, &res), 1);
    CHECK_INT_EQ(res.rc, 0);
    CHECK_INT_EQ(res.articles, 423);
    CHECK_INT_EQ(res.warnings, 0);
    CHECK_STR_EQ(res.a[0].record, "TEXT 017");
    CHECK_STR_EQ(res.a[0].published, "1963-01-04");
    CHECK_STR_EQ(res.a[0].tags, "doc:1; page:20");
    CHECK_STR_EQ(res.last.record, "TEXT 563");
    CHECK_STR_EQ(res.last.published, "1963-12-27");
    CHECK_STR_EQ(res.last.tags, "doc:423; page:24");
    CHECK(res.last.body && strncmp(res.last.body, "UNITED NATIONS POTENT PYGMY IN MANHATTAN", 40) == 0);
    read_result_done(&res);
}

int main(void)
{
    RUN_TEST(test_records);
    RUN_TEST(test_irregular_headers);
    RUN_TEST(test_stop_line);
    RUN_TEST(test_malformed);
    RUN_TEST(test_edges);
    RUN_TEST(test_sniff);
    RUN_TEST(test_fixture);
    RUN_TEST(test_shared_corpus);
    return TEST_REPORT();
}
