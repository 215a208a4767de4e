/* test_read_json.c — unit tests of the `json` and `jsonl` readers: JSON Lines records, blank, malformed,
 * non-object, text-less and truncated lines, long lines; .json arrays, single objects and NewsAPI-style
 * wrappers with record numbers and lines; value kinds (Unix times, nested source objects, text arrays, tags),
 * text normalisation, --map, and the sink stopping the read. */
#include <stdbool.h>

#include "presscut/ingest/reader.h"

#include "harness.h"
#include "reader_results.h"


/* What one read produced: the articles (fields moved out) and the warnings. */
typedef read_result result;

static void read_with(pc_reader_fn fn, const char *text, size_t len, const pc_field_map *map, result *res)
{
    read_result_run(res, fn, "feed.json", text, len, map, res->stop_after, 5);
}

static void jsonl(const char *text, result *res)
{
    res->stop_after = 0;
    read_with(pc_read_jsonl, text, strlen(text), NULL, res);
}

static void json(const char *text, result *res)
{
    res->stop_after = 0;
    read_with(pc_read_json, text, strlen(text), NULL, res);
}

static void test_jsonl_records(void)
{
    result r;
    jsonl("{\"title\": \"First\", \"text\": \"One.\", \"date\": \"2022-02-16\", "
          "\"url\": \"https://www.bbc.co.uk/n/1\"}\n"
          "\n"
          "   \n"
          "{\"headline\": \"Second\", \"body\": \"Two.\", \"source\": \"Wire\", \"lang\": \"Ukrainian\"}\n"
          "{\"content\": \"Three.\"}",
          &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 3);
    CHECK_INT_EQ(r.warnings, 0);
    CHECK_STR_EQ(r.a[0].title, "First");
    CHECK_STR_EQ(r.a[0].body, "One.");
    CHECK_INT_EQ(r.a[0].body_len, 4);
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK_STR_EQ(r.a[0].url, "https://www.bbc.co.uk/n/1");
    CHECK_STR_EQ(r.a[0].source, "bbc.co.uk"); /* no source: the url's host */
    CHECK_STR_EQ(r.a[0].record, "line 1");
    CHECK(r.a[0].lang == NULL && r.a[0].tags == NULL);
    CHECK_STR_EQ(r.a[1].title, "Second");
    CHECK_STR_EQ(r.a[1].source, "Wire");
    CHECK_STR_EQ(r.a[1].lang, "uk");
    CHECK_STR_EQ(r.a[1].record, "line 4");
    CHECK_STR_EQ(r.a[2].record, "line 5"); /* the last line without a newline */
    CHECK(r.a[2].title == NULL && r.a[2].source == NULL);
    read_result_done(&r);

    /* CRLF line ends are fine too */
    jsonl("{\"text\": \"a\"}\r\n{\"text\": \"b\"}\r\n", &r);
    CHECK_INT_EQ(r.articles, 2);
    CHECK_INT_EQ(r.warnings, 0);
    CHECK_STR_EQ(r.a[1].record, "line 2");
    read_result_done(&r);
}

static void test_jsonl_bad_lines(void)
{
    result r;
    jsonl("{\"text\": \"good 1\"}\n"
          "{\"text\": \"good 2\"}\n"
          "{\"text\": \"broken\",, }\n"
          "[1, 2]\n"
          "{\"title\": \"No text\", \"author\": \"X\", \"text\": \"  \"}\n"
          "\"just a string\"\n"
          "{\"text\": \"good 3\"}\n",
          &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 3);
    CHECK_STR_EQ(r.a[2].body, "good 3");
    CHECK_STR_EQ(r.a[2].record, "line 7");
    CHECK_INT_EQ(r.warnings, 4);
    CHECK_INT_EQ(r.warn_line[0], 3);
    CHECK(str_contains(r.warn_msg[0], "not valid JSON: "));
    CHECK(str_contains(r.warn_msg[0], "(column 19)"));
    CHECK_INT_EQ(r.warn_line[1], 4);
    CHECK(str_contains(r.warn_msg[1], "not a JSON object but an array"));
    CHECK_INT_EQ(r.warn_line[2], 5);
    CHECK_STR_EQ(r.warn_msg[2], "record has no text (keys: title, author, text); skipped");
    CHECK_INT_EQ(r.warn_line[3], 6);
    CHECK(str_contains(r.warn_msg[3], "but a string"));
    read_result_done(&r);

    /* the column counts from the start of the line, leading white space included */
    jsonl("  {\"text\": x}\n", &r);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK(str_contains(r.warn_msg[0], "(column 12)"));
    read_result_done(&r);

    /* a truncated last line */
    jsonl("{\"text\": \"whole\"}\n{\"text\": \"cut off in the mi", &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_INT_EQ(r.warn_line[0], 2);
    CHECK(str_contains(r.warn_msg[0], "the file looks truncated"));
    read_result_done(&r);

    /* a bad date is a warning with the line; the record is still read */
    jsonl("{\"text\": \"t\"}\n{\"text\": \"t\", \"date\": \"someday\", \"language\": \"Klingon\"}\n", &r);
    CHECK_INT_EQ(r.articles, 2);
    CHECK_INT_EQ(r.warnings, 2);
    CHECK_INT_EQ(r.warn_line[0], 2);
    CHECK_STR_EQ(r.warn_msg[0], "date 'someday' not understood; left empty");
    CHECK_STR_EQ(r.warn_msg[1], "language 'Klingon' not understood; detected instead");
    CHECK(r.a[1].published == NULL && r.a[1].lang == NULL);
    read_result_done(&r);

    /* no records at all */
    jsonl("\n\n", &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warnings, 0);
    read_result_done(&r);
}

static void test_jsonl_long_line(void)
{
    /* a 6 MB line */
    size_t words = 1000000;
    size_t cap = words * 6 + 64;
    char *text = malloc(cap);
    CHECK(text != NULL);
    if (!text)
        return;
    size_t n = (size_t)snprintf(text, cap, "{\"title\": \"Long\", \"text\": \"");
    for (size_t i = 0; i < words; i++) {
        memcpy(text + n, "word ", 5);
        n += 5;
    }
    n += (size_t)snprintf(text + n, cap - n, "end\"}\n{\"text\": \"short\"}\n");
    result r;
    r.stop_after = 0;
    read_with(pc_read_jsonl, text, n, NULL, &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 2);
    CHECK_INT_EQ(r.warnings, 0);
    CHECK_INT_EQ(r.a[0].body_len, words * 5 + 3);
    CHECK_STR_EQ(r.a[1].record, "line 2");
    read_result_done(&r);
    free(text);
}

static void test_json_array(void)
{
    result r;
    json("[\n"
         "  {\"title\": \"A\", \"text\": \"Alpha.\"},\n"
         "  {\"title\": \"B\"},\n"
         "  42,\n"
         "  {\n"
         "    \"title\": \"C\",\n"
         "    \"text\": \"Gamma.\"\n"
         "  }\n"
         "]\n",
         &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 2);
    CHECK_STR_EQ(r.a[0].record, "record 1");
    CHECK_STR_EQ(r.a[1].record, "record 4");
    CHECK_STR_EQ(r.a[1].body, "Gamma.");
    CHECK_INT_EQ(r.warnings, 2);
    CHECK_INT_EQ(r.warn_line[0], 3);
    CHECK_STR_EQ(r.warn_msg[0], "record 2: record has no text (keys: title); skipped");
    CHECK_INT_EQ(r.warn_line[1], 4);
    CHECK(str_contains(r.warn_msg[1], "record 3: not an object"));
    read_result_done(&r);

    /* an empty array: nothing, no error */
    json("[]", &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 0);
    read_result_done(&r);
}

static void test_json_single_and_wrapped(void)
{
    result r;
    json("{\"title\": \"Only\", \"text\": \"The one article.\", \"related\": [{\"title\": \"x\"}]}", &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].title, "Only");
    CHECK(r.a[0].record == NULL); /* one article per file, like txt */
    read_result_done(&r);

    /* NewsAPI: status, totalResults, articles[]; source {id, name}; publishedAt */
    json("{\"status\": \"ok\", \"totalResults\": 2,\n"
         " \"articles\": [\n"
         "  {\"source\": {\"id\": \"bbc-news\", \"name\": \"BBC News\"}, \"author\": null,\n"
         "   \"title\": \"Headline one\", \"description\": \"d\", \"url\": \"https://bbc.co.uk/1\",\n"
         "   \"urlToImage\": null, \"publishedAt\": \"2022-02-15T16:40:00Z\", \"content\": \"Body one.\"},\n"
         "  {\"source\": {\"id\": null, \"name\": \"Wire\"}, \"title\": \"Two\"}\n"
         " ]}\n",
         &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].source, "BBC News");
    CHECK_STR_EQ(r.a[0].published, "2022-02-15");
    CHECK_STR_EQ(r.a[0].url, "https://bbc.co.uk/1");
    CHECK_STR_EQ(r.a[0].record, "record 1");
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_INT_EQ(r.warn_line[0], 6);
    CHECK(str_contains(r.warn_msg[0], "record 2: record has no text (keys: source, title)"));
    read_result_done(&r);

    json("{\"data\": [{\"text\": \"x\"}, {\"text\": \"y\"}]}", &r);
    CHECK_INT_EQ(r.articles, 2);
    CHECK_STR_EQ(r.a[1].record, "record 2");
    read_result_done(&r);

    /* one article given as sentence objects (ukraine-news-bias-2014): joined, the longest text key wins */
    json("{\"id\": \"article_0\", \"sentences\": [\n"
         " {\"article\": \"article_0\", \"id\": \"sent_0\", \"content\": \"First sentence here.\"},\n"
         " {\"article\": \"article_0\", \"id\": \"sent_1\", \"content\": \"Second one.\"}]}",
         &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].body, "First sentence here. Second one.");
    read_result_done(&r);
    json("{\"title\": \"T\", \"paragraphs\": [\"One.\", {\"text\": \"Two.\"}, 3]}", &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].body, "One.\n\nTwo.");
    read_result_done(&r);
    json("{\"title\": \"T\", \"sentences\": [{\"id\": 1}]}", &r); /* parts without text: no article */
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warnings, 1);
    read_result_done(&r);

    /* two arrays of objects and no text: which one is meant is not known */
    json("{\"a\": [{\"text\": \"x\"}], \"b\": [{\"text\": \"y\"}]}", &r);
    CHECK_INT_EQ(r.rc, PC_EFORMAT);
    CHECK(str_contains(r.err.msg, "2 arrays of objects"));
    read_result_done(&r);

    json("\"a string\"", &r);
    CHECK_INT_EQ(r.rc, PC_EFORMAT);
    read_result_done(&r);
}

static void test_json_malformed(void)
{
    result r;
    json("[\n  {\"text\": \"a\"},\n  {\"text\": \"b\"", &r);
    CHECK_INT_EQ(r.rc, PC_EFORMAT);
    CHECK_INT_EQ(r.articles, 0);
    CHECK(str_contains(r.err.msg, "not valid JSON at line 3, column "));
    read_result_done(&r);

    json("{\"text\": \"a\"} trailing", &r);
    CHECK_INT_EQ(r.rc, PC_EFORMAT);
    CHECK(str_contains(r.err.msg, "line 1, column"));
    read_result_done(&r);
}

static void test_values(void)
{
    result r;
    /* Unix seconds as a number and as a string, milliseconds, a real */
    jsonl("{\"text\": \"t\", \"timestamp\": 1645000000}\n"
          "{\"text\": \"t\", \"date\": \"1645000000\"}\n"
          "{\"text\": \"t\", \"published\": 1645000000000}\n"
          "{\"text\": \"t\", \"time\": 1645000000.25}\n",
          &r);
    CHECK_INT_EQ(r.articles, 4);
    CHECK_INT_EQ(r.warnings, 0);
    for (int i = 0; i < 4; i++)
        CHECK_STR_EQ(r.a[i].published, "2022-02-16");
    read_result_done(&r);

    /* text as an array of paragraphs; CRLF made LF; single newlines kept; blank-line runs made one */
    jsonl("{\"text\": [\"First para.\", \"\", \"Second\\r\\npara.\"], \"title\": [\"T\"]}\n"
          "{\"text\": \"a\\r\\n\\r\\n\\r\\nb\\nc\\u0007d \\n\\n\", \"title\": \"Split\\ntitle  here\"}\n",
          &r);
    CHECK_STR_EQ(r.a[0].body, "First para.\n\nSecond\npara.");
    CHECK_STR_EQ(r.a[0].title, "T");
    CHECK_STR_EQ(r.a[1].body, "a\n\nb\ncd");
    CHECK_INT_EQ(r.a[1].body_len, strlen("a\n\nb\ncd"));
    CHECK_STR_EQ(r.a[1].title, "Split title here");
    read_result_done(&r);

    /* tags from arrays and strings; repeats left out; other keys ignored; null is absent */
    jsonl("{\"text\": \"t\", \"tags\": [\"cyber\", \"banks\", \"cyber\"], \"Keywords\": \"Kyiv, NATO; grain\", "
          "\"categories\": [{\"name\": \"World\"}], \"topic\": \"Energy  prices\", \"title\": null, \"extra\": {}}\n",
          &r);
    CHECK_STR_EQ(r.a[0].tags,
                 "tag:cyber; tag:banks; keyword:Kyiv; keyword:NATO; keyword:grain; category:World; "
                 "topic:Energy prices");
    CHECK(r.a[0].title == NULL);
    read_result_done(&r);

    /* the first key of a field wins; an empty one does not count */
    jsonl("{\"title\": \"\", \"headline\": \"H\", \"heading\": \"X\", \"body\": \"B\", \"text\": \"T\"}\n", &r);
    CHECK_STR_EQ(r.a[0].title, "H");
    CHECK_STR_EQ(r.a[0].body, "B");
    read_result_done(&r);

    /* a source object's name; a url without a host leaves the source to the indexer */
    jsonl("{\"text\": \"t\", \"source\": {\"id\": \"x\", \"name\": \"Northgate Wire\"}, \"url\": \"https://a.b/c\"}\n"
          "{\"text\": \"t\", \"url\": \"not a url\"}\n",
          &r);
    CHECK_STR_EQ(r.a[0].source, "Northgate Wire");
    CHECK_STR_EQ(r.a[1].url, "not a url");
    CHECK(r.a[1].source == NULL);
    read_result_done(&r);
}

static void test_map(void)
{
    pc_field_map map;
    pc_error err;
    CHECK_INT_EQ(pc_field_map_parse("text=article_body,date=pub_ts", &map, &err), 0);
    result r;
    r.stop_after = 0;
    const char *text = "{\"text\": \"teaser\", \"article_body\": \"The real body.\", \"pub_ts\": 1645000000}\n";
    read_with(pc_read_jsonl, text, strlen(text), &map, &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].body, "The real body.");
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    read_result_done(&r);

    /* without the map, the record has no text the reader knows */
    jsonl("{\"article_text\": \"The real body.\", \"pub_ts\": 1645000000}\n", &r);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_STR_EQ(r.warn_msg[0], "record has no text (keys: article_text, pub_ts); skipped");
    read_result_done(&r);
    pc_field_map_clear(&map);
}

static void test_sink_stops(void)
{
    result r;
    r.stop_after = 2;
    const char *text = "{\"text\": \"1\"}\n{\"text\": \"2\"}\n{\"text\": \"3\"}\n";
    read_with(pc_read_jsonl, text, strlen(text), NULL, &r);
    CHECK_INT_EQ(r.rc, 5);
    CHECK_INT_EQ(r.articles, 2);
    read_result_done(&r);
    r.stop_after = 1;
    text = "[{\"text\": \"1\"}, {\"text\": \"2\"}]";
    read_with(pc_read_json, text, strlen(text), NULL, &r);
    CHECK_INT_EQ(r.rc, 5);
    CHECK_INT_EQ(r.articles, 1);
    read_result_done(&r);
}

static void test_reader_table(void)
{
    CHECK_STR_EQ(pc_reader_for_path("a/b.JSONL")->name, "jsonl");
    CHECK_STR_EQ(pc_reader_for_path("x.ndjson")->name, "jsonl");
    CHECK_STR_EQ(pc_reader_for_path("x.json")->name, "json");
}

int main(void)
{
    RUN_TEST(test_jsonl_records);
    RUN_TEST(test_jsonl_bad_lines);
    RUN_TEST(test_jsonl_long_line);
    RUN_TEST(test_json_array);
    RUN_TEST(test_json_single_and_wrapped);
    RUN_TEST(test_json_malformed);
    RUN_TEST(test_values);
    RUN_TEST(test_map);
    RUN_TEST(test_sink_stops);
    RUN_TEST(test_reader_table);
    return TEST_REPORT();
}
