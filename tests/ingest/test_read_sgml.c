/* test_read_sgml.c — unit tests of the `sgml` reader (Reuters-21578): fields, tags, entities, dateline,
 * sign-off, BRIEF and UNPROC records, malformed and truncated records reported at the line of their
 * <REUTERS> tag with the following records still read, the broken.sgm fixture, and the whole collection of
 * the shared corpus. */
#include <stdbool.h>
#include <time.h>

#include "presscut/ingest/reader.h"
#include "presscut/text/text_decode.h"

#include "harness.h"
#include "reader_results.h"


/* What one read produced: the first READ_KEPT articles, every warning's line and the last message. */
typedef read_result result;

static void read_text_stop(const char *text, result *res, int stop_after)
{
    read_result_run(res, pc_read_sgml, "test.sgm", text, strlen(text), NULL, stop_after, 7);
}

static void read_text(const char *text, result *res)
{
    read_text_stop(text, res, 0);
}

/* A record with the usual head; `text` is everything from <TEXT ...> to </TEXT>. */
static void make_record(char *out, size_t size, const char *newid, const char *date, const char *topics,
                        const char *places, const char *text)
{
    snprintf(out, size,
             "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"1\" NEWID=\"%s\">\n"
             "<DATE>%s</DATE>\n"
             "<TOPICS>%s</TOPICS>\n"
             "<PLACES>%s</PLACES>\n"
             "<PEOPLE></PEOPLE>\n<ORGS></ORGS>\n<EXCHANGES></EXCHANGES>\n<COMPANIES></COMPANIES>\n"
             "<UNKNOWN> \n&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute\nu f BC-X   02-26 0105</UNKNOWN>\n"
             "%s\n</REUTERS>\n",
             newid, date, topics, places, text);
}

static void test_fields(void)
{
    char text[4096];
    make_record(text, sizeof text, "1", "26-FEB-1987 15:01:01.79", "<D>cocoa</D>",
                "<D>el-salvador</D><D>usa</D><D>uruguay</D>",
                "<TEXT>&#2;\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n"
                "<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in\n"
                "the Bahia cocoa zone, alleviating the drought.\n"
                "    The dry period means the temporao will be late this year.\n"
                " Reuter\n&#3;</BODY></TEXT>");
    result res;
    read_text(text, &res);
    CHECK_INT_EQ(res.rc, 0);
    CHECK_INT_EQ(res.articles, 1);
    CHECK_INT_EQ(res.warnings, 0);
    pc_article *a = &res.a[0];
    CHECK_STR_EQ(a->title, "BAHIA COCOA REVIEW");
    CHECK_STR_EQ(a->published, "1987-02-26");
    CHECK_STR_EQ(a->source, "Reuters");
    CHECK_STR_EQ(a->lang, "en");
    CHECK_STR_EQ(a->record, "NEWID 1");
    CHECK_STR_EQ(a->tags, "place:el-salvador; place:usa; place:uruguay; topic:cocoa");
    CHECK_STR_EQ(a->body, "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, "
                          "alleviating the drought.\n\nThe dry period means the temporao will be late this year.");
    CHECK_INT_EQ(a->body_len, strlen(a->body));
    CHECK(a->url == NULL);
    read_result_done(&res);
}

static void test_tags_all_kinds_and_none(void)
{
    const char *text =
        "<REUTERS NEWID=\"7\">\n<DATE>9-APR-1987 00:00:00.00    # date added by S Finch as guesswork </DATE>\n"
        "<TOPICS><D>crude</D></TOPICS><PLACES><D>usa</D></PLACES><PEOPLE><D>reagan</D></PEOPLE>"
        "<ORGS><D>opec</D></ORGS><EXCHANGES><D>nymex</D></EXCHANGES><COMPANIES></COMPANIES>\n"
        "<TEXT><TITLE>OIL</TITLE><BODY>Oil rose.</BODY></TEXT>\n</REUTERS>\n"
        "<REUTERS NEWID=\"8\">\n<DATE>20-OCT-1987 01:02:03.04&#9;&#9;&#9;C T</DATE>\n"
        "<TOPICS></TOPICS><PLACES></PLACES><PEOPLE/><ORGS></ORGS><EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>\n"
        "<TEXT><TITLE>NOTHING</TITLE><BODY>No categories here.</BODY></TEXT>\n</REUTERS>\n";
    result res;
    read_text(text, &res);
    CHECK_INT_EQ(res.articles, 2);
    CHECK_INT_EQ(res.warnings, 0);
    CHECK_STR_EQ(res.a[0].tags, "place:usa; topic:crude; person:reagan; org:opec; exchange:nymex");
    CHECK_STR_EQ(res.a[0].published, "1987-04-09"); /* a comment after the date */
    CHECK(res.a[1].tags == NULL);
    CHECK_STR_EQ(res.a[1].published, "1987-10-20"); /* tabs as &#9; after the time */
    read_result_done(&res);
}

static void test_entities(void)
{
    const char *text =
        "<REUTERS NEWID=\"2\"><DATE>2-MAR-1987</DATE>\n"
        "<TEXT>&#2;<TITLE>SMITH &amp; CO &lt;SMCO.O> UP</TITLE><BODY>Smith &amp; Co &lt;SMCO.O> said profit\n"
        "rose &quot;sharply&quot; to&#127;day &#x41;nd &#233;t&#233; &#5;&#30;here &unknown; stays.\n"
        " Reuter\n&#3;</BODY></TEXT></REUTERS>";
    result res;
    read_text(text, &res);
    CHECK_INT_EQ(res.articles, 1);
    CHECK_STR_EQ(res.a[0].title, "SMITH & CO <SMCO.O> UP");
    CHECK_STR_EQ(res.a[0].body,
                 "Smith & Co <SMCO.O> said profit rose \"sharply\" today And \xC3\xA9t\xC3\xA9 here &unknown; stays.");
    CHECK(strstr(res.a[0].body, "&lt;") == NULL);
    read_result_done(&res);
}

static void test_signoff_variants(void)
{
    static const struct {
        const char *body;
        const char *want;
    } cases[] = {
        {"Profit rose.\n REUTER\n&#3;", "Profit rose."},
        {"Profit rose. REUTER\n&#3;", "Profit rose."},          /* after the last sentence */
        {"Profit rose.\n REUTER\n Reuter\n&#3;", "Profit rose."}, /* doubled */
        {"Profit rose.\n Reuters\n&#3;", "Profit rose."},
        {"Profit rose.\n REUTER...\n&#3;", "Profit rose."},
        {"Profit rose for Reuterson\n&#3;", "Profit rose for Reuterson"}, /* another word */
        {"He told Reuters.\n&#3;", "He told Reuters."},                  /* a sentence, not a sign-off */
        {"Profit rose.\n Reuters.\n&#3;", "Profit rose."},                /* on a line of its own */
        {"Profit rose. REUTER...\n&#3;", "Profit rose."},
        {"Note - Fin div pay May 27, record May 23.\n Reuter\n&#3;", "Note - Fin div pay May 27, record May 23."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[1024];
        snprintf(text, sizeof text, "<REUTERS NEWID=\"3\"><TEXT><TITLE>T</TITLE><BODY>%s</BODY></TEXT></REUTERS>",
                 cases[i].body);
        result res;
        read_text(text, &res);
        CHECK_INT_EQ(res.articles, 1);
        CHECK_STR_EQ(res.a[0].body, cases[i].want);
        read_result_done(&res);
    }
}

static void test_wrapped_lines_and_tables(void)
{
    const char *text =
        "<REUTERS NEWID=\"4\"><TEXT><TITLE>T</TITLE><BODY>A new daily would give Montreal its second English-\n"
        "language paper, making the city\n"
        "a   busy   market.\n"
        "    Second paragraph starts here\n"
        "and goes on.\n"
        "\n"
        "Third after an empty line.\n"
        " Net free reserves.............644 vs.....1,337\n"
        " Bank borrowings...............680 vs.......425\n"
        " Reuter\n&#3;</BODY></TEXT></REUTERS>";
    result res;
    read_text(text, &res);
    CHECK_STR_EQ(res.a[0].body, "A new daily would give Montreal its second English-language paper, making the city a "
                                "busy market.\n\nSecond paragraph starts here and goes on.\n\nThird after an empty "
                                "line.\n\nNet free reserves.............644 vs.....1,337\n\nBank "
                                "borrowings...............680 vs.......425");
    read_result_done(&res);
}

static void test_brief_and_unproc(void)
{
    const char *text =
        "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
        "<REUTERS NEWID=\"30\">\n<DATE>26-FEB-1987 15:43:14.36</DATE>\n<PLACES><D>usa</D></PLACES>\n"
        "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK\n"
        "</TITLE>Blah blah blah.\n&#3;\n\n</TEXT>\n</REUTERS>\n"
        "<REUTERS NEWID=\"31\">\n<DATE>26-FEB-1987 15:43:14.36</DATE>\n"
        "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>CANADA BUDGET DEFICIT - OFFICIAL           \n Reuter\n</TITLE>&#3;\n"
        "</TEXT>\n</REUTERS>\n"
        "<REUTERS NEWID=\"32\">\n<DATE>26-FEB-1987 16:00:00.00</DATE>\n"
        "<TEXT TYPE=\"UNPROC\">&#2;\nFEDERAL RESERVE WEEKLY REPORT 1 - FEB 26\n"
        "    Two weeks ended Feb 25      daily avgs-mlns\n"
        " Net free reserves.............644 vs.....1,337\n"
        " Reuter\n&#3;\n</TEXT>\n</REUTERS>\n";
    result res;
    read_text(text, &res);
    CHECK_INT_EQ(res.articles, 3);
    CHECK_INT_EQ(res.warnings, 0);
    CHECK_STR_EQ(res.a[0].title, "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK");
    CHECK_STR_EQ(res.a[0].body, res.a[0].title); /* a brief: the title is the body, "Blah blah blah." dropped */
    CHECK_STR_EQ(res.a[0].record, "NEWID 30");
    CHECK_STR_EQ(res.a[1].title, "CANADA BUDGET DEFICIT - OFFICIAL"); /* the sign-off line inside TITLE */
    CHECK_STR_EQ(res.a[1].body, "CANADA BUDGET DEFICIT - OFFICIAL");
    CHECK(res.a[2].title == NULL);
    CHECK_STR_EQ(res.a[2].body, "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26\n\nTwo weeks ended Feb 25 daily "
                                "avgs-mlns\n\nNet free reserves.............644 vs.....1,337");
    CHECK_STR_EQ(res.a[2].published, "1987-02-26");
    read_result_done(&res);
}

static void test_empty_record_and_bad_date(void)
{
    const char *text = "<REUTERS NEWID=\"12793\">\n<DATE> 3-APR-1987 07:09:06.48</DATE>\n"
                       "<TEXT TYPE=\"UNPROC\">&#2;\n&#3;\n\n</TEXT>\n</REUTERS>\n"
                       "<REUTERS NEWID=\"12794\">\n<DATE>sometime in spring</DATE>\n"
                       "<TEXT><TITLE>TEST</TITLE><BODY>Moscow said so.</BODY></TEXT>\n</REUTERS>\n";
    result res;
    read_text(text, &res);
    CHECK_INT_EQ(res.articles, 1);
    CHECK_INT_EQ(res.warnings, 2);
    CHECK_INT_EQ(res.warn_line[0], 1);
    CHECK_STR_EQ(res.warn_msg[0], "record NEWID 12793: no title and no text; skipped");
    CHECK_INT_EQ(res.warn_line[1], 8); /* the line of the record's <REUTERS> tag */
    CHECK(strstr(res.warn_msg[1], "record NEWID 12794: date 'sometime'") != NULL);
    CHECK_STR_EQ(res.a[0].record, "NEWID 12794");
    CHECK(res.a[0].published == NULL); /* never guessed */
    read_result_done(&res);
}

static void test_malformed_records(void)
{
    const char *text = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"                                         /* 1 */
                       "<REUTERS NEWID=\"1\">\n<TEXT><TITLE>ONE</TITLE><BODY>First.</BODY></TEXT>\n" /* 2, 3 */
                       "</REUTERS>\n"                                                                 /* 4 */
                       "<REUTERS NEWID=\"2\">\n"                                                      /* 5: no close */
                       "<TEXT><TITLE>TWO</TITLE><BODY>Second.</BODY></TEXT>\n"                        /* 6 */
                       "<REUTERS NEWID=\"3\">\n<TEXT><TITLE>THREE</TITLE><BODY>Third.</BODY></TEXT>\n" /* 7, 8 */
                       "</REUTERS>\n"                                                                 /* 9 */
                       "<REUTERS NEWID=\"4\">\n<TEXT><TITLE>FOUR</TITLE><BODY No end.\n</TEXT>\n"    /* 10-12 */
                       "</REUTERS>\n"                                                                 /* 13 */
                       "<REUTERS NEWID=\"5\">\n<TEXT><TITLE>FIVE</TITLE>\n</REUTERS>\n"              /* 14-16 */
                       "<REUTERS OLDID=\"9\">\n<TEXT><TITLE>SIX</TITLE><BODY>x</BODY></TEXT>\n</REUTERS>\n" /* 17 */
                       "<REUTERS NEWID=\"7\">\n<TEXT><TITLE>SEVEN</TITLE><BODY>Seventh.</BODY></TEXT>\n" /* 20, 21 */
                       "</REUTERS>\n"                                                                 /* 22 */
                       "<REUTERS NEWID=\"8\">\n<TEXT><TITLE>EIGHT</TITLE><BODY>The file ends in the mid"; /* 23 */
    result res;
    read_text(text, &res);
    CHECK_INT_EQ(res.rc, 0);
    CHECK_INT_EQ(res.articles, 3);
    CHECK_STR_EQ(res.a[0].record, "NEWID 1");
    CHECK_STR_EQ(res.a[1].record, "NEWID 3");
    CHECK_STR_EQ(res.a[1].body, "Third.");
    CHECK_STR_EQ(res.a[2].record, "NEWID 7");
    CHECK_INT_EQ(res.warnings, 5);
    CHECK_INT_EQ(res.warn_line[0], 5);
    CHECK_STR_EQ(res.warn_msg[0], "record NEWID 2: no </REUTERS> before the next <REUTERS>; skipped");
    CHECK_INT_EQ(res.warn_line[1], 10);
    CHECK_STR_EQ(res.warn_msg[1], "record NEWID 4: broken <BODY> element (tag not closed, or no </BODY>); skipped");
    CHECK_INT_EQ(res.warn_line[2], 14);
    CHECK_STR_EQ(res.warn_msg[2], "record NEWID 5: broken <TEXT> element (tag not closed, or no </TEXT>); skipped");
    CHECK_INT_EQ(res.warn_line[3], 17);
    CHECK_STR_EQ(res.warn_msg[3], "record without NEWID: no NEWID attribute in the <REUTERS> tag; skipped");
    CHECK_INT_EQ(res.warn_line[4], 23);
    CHECK_STR_EQ(res.warn_msg[4], "record NEWID 8: no </REUTERS> before the end of the file; skipped");
    read_result_done(&res);

    /* a start tag cut short */
    read_text("<REUTERS NEWID=\"1\"\n<TEXT><TITLE>A</TITLE><BODY>a</BODY></TEXT></REUTERS>\n"
              "<REUTERS NEWID=\"2\"><TEXT><TITLE>B</TITLE><BODY>b</BODY></TEXT></REUTERS>",
              &res);
    CHECK_INT_EQ(res.articles, 1);
    CHECK_STR_EQ(res.a[0].record, "NEWID 2");
    CHECK_INT_EQ(res.warnings, 1);
    CHECK_INT_EQ(res.warn_line[0], 1);
    read_result_done(&res);
}

static void test_edge_inputs(void)
{
    result res;
    read_text("", &res);
    CHECK_INT_EQ(res.rc, 0);
    CHECK_INT_EQ(res.articles, 0);
    read_text("no records at all <REUTER <REUTERSX> </REUTERS>", &res);
    CHECK_INT_EQ(res.rc, 0);
    CHECK_INT_EQ(res.articles, 0);
    read_text("<reuters newid=2><text><title>lower case tags</title><body>Still read.</body></text></reuters>", &res);
    CHECK_INT_EQ(res.articles, 1);
    CHECK_STR_EQ(res.a[0].record, "NEWID 2");
    CHECK_STR_EQ(res.a[0].body, "Still read.");
    read_result_done(&res);
    read_text("<REUTERS NEWID=\"1\"><TEXT><BODY>&#3;</BODY></TEXT></REUTERS>", &res);
    CHECK_INT_EQ(res.articles, 0);
    CHECK_INT_EQ(res.warnings, 1);
    read_text("<REUTERS NEWID=\"1\"><TEXT>&#2;&#999999999;&#xD800;&#;&#12</TEXT></REUTERS>", &res);
    CHECK_INT_EQ(res.articles, 1);
    CHECK_STR_EQ(res.a[0].body, "&#;&#12");
    read_result_done(&res);

    /* the sink's stop value is returned and nothing more is read */
    read_text_stop("<REUTERS NEWID=\"1\"><TEXT><BODY>a</BODY></TEXT></REUTERS>"
                   "<REUTERS NEWID=\"2\"><TEXT><BODY>b</BODY></TEXT></REUTERS>",
                   &res, 1);
    CHECK_INT_EQ(res.rc, 7);
    CHECK_INT_EQ(res.articles, 1);
    read_result_done(&res);

    pc_error err;
    pc_error_clear(&err);
    CHECK_INT_EQ(pc_read_sgml(NULL, read_result_collect, NULL, NULL, &err), PC_EINVAL);
}

static void test_reader_table(void)
{
    CHECK(pc_reader_for_path("reut2-000.sgm") == pc_reader_by_name("sgml"));
    CHECK(pc_reader_for_path("X.SGML") == pc_reader_by_name("sgml"));
    CHECK(pc_reader_by_name("sgml")->read == pc_read_sgml);
}

static void test_fixture(void)
{
    const char *source = getenv("PRESSCUT_SOURCE");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/ingest/sgml/broken.sgm", source && *source ? source : ".");
    result res;
    int enc = read_result_run_file(&res, pc_read_sgml, path);
    CHECK(enc >= 0);
    CHECK_INT_EQ(res.rc, 0);
    CHECK_INT_EQ(res.articles, 3);
    CHECK_STR_EQ(res.a[0].record, "NEWID 9101");
    CHECK_STR_EQ(res.a[0].title, "ZEBRAWOOD CORP <ZBW> RAISES QUARTERLY DIVIDEND");
    CHECK_STR_EQ(res.a[0].tags, "place:usa; topic:earn");
    CHECK_STR_EQ(res.a[1].record, "NEWID 9103");
    CHECK_STR_EQ(res.a[1].body, "OTTAWA, March 3 - Marmalade wheat sales rose 10 pct in February, the board "
                                "said.\n\nExports to Europe & Asia were higher.");
    CHECK_STR_EQ(res.a[2].record, "NEWID 9105");
    CHECK_STR_EQ(res.a[2].body, "LONDON TANGERINE BRIEF HEADLINE");
    CHECK_INT_EQ(res.warnings, 3);
    CHECK_INT_EQ(res.warn_line[0], 17);
    CHECK_INT_EQ(res.warn_line[1], 45);
    CHECK_INT_EQ(res.warn_line[2], 73);
    read_result_done(&res);
}

/* Every file of the collection: 21,578 records, one without any text (NEWID 12793). */
static void test_shared_corpus(void)
{
    const char *corpus = shared_corpus();
    int articles = 0, warnings = 0, cp1252 = 0;
    clock_t t0 = clock();
    for (int i = 0; i <= 21; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/reuters21578/reut2-%03d.sgm", corpus, i);
        result res;
        int enc = read_result_run_file(&res, pc_read_sgml, path);
        CHECK(enc >= 0);
        if (enc == PC_ENC_CP1252)
            cp1252++;
        CHECK_INT_EQ(res.rc, 0);
        articles += res.articles;
        warnings += res.warnings;
        if (i == 0) {
            CHECK_STR_EQ(res.a[0].record, "NEWID 1");
            CHECK_STR_EQ(res.a[0].tags, "place:el-salvador; place:usa; place:uruguay; topic:cocoa");
        }
        if (i == 12 && res.warnings) {
            CHECK_INT_EQ(res.warn_line[0], 25983);
            CHECK_STR_EQ(res.warn_msg[0], "record NEWID 12793: no title and no text; skipped");
        }
        read_result_done(&res);
    }
    double seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK_INT_EQ(articles, 21577);
    CHECK_INT_EQ(warnings, 1);
    CHECK_INT_EQ(cp1252, 1); /* reut2-017.sgm and its one 0xFC byte */
    fprintf(stderr, "read %d Reuters articles in %.2f s (decoding included)\n", articles, seconds);
}

int main(void)
{
    RUN_TEST(test_fields);
    RUN_TEST(test_tags_all_kinds_and_none);
    RUN_TEST(test_entities);
    RUN_TEST(test_signoff_variants);
    RUN_TEST(test_wrapped_lines_and_tables);
    RUN_TEST(test_brief_and_unproc);
    RUN_TEST(test_empty_record_and_bad_date);
    RUN_TEST(test_malformed_records);
    RUN_TEST(test_edge_inputs);
    RUN_TEST(test_reader_table);
    RUN_TEST(test_fixture);
    RUN_TEST(test_shared_corpus);
    return TEST_REPORT();
}
