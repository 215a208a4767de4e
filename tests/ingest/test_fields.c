/* test_fields.c — unit tests of fields.c: parsing --map (good specs, and bad ones with their column),
 * record keys to fields (usual names, ignoring case and separators, and the map's overrides), putting
 * values into an article (dates in ISO, RFC 2822 and Unix seconds or milliseconds, bad dates, language
 * codes and names, the first value winning, white space), and the host of a URL. */
#include <stdbool.h>

#include "presscut/ingest/fields.h"

#include "harness.h"

static pc_field key(const pc_field_map *map, const char *k)
{
    return pc_field_for_key(map, k, strlen(k));
}

static void test_map_parse(void)
{
    pc_field_map map;
    pc_error err;
    pc_error_clear(&err);
    CHECK_INT_EQ(pc_field_map_parse("text=article_body,date=pub_ts", &map, &err), 0);
    CHECK_STR_EQ(map.key[PC_FIELD_TEXT], "article_body");
    CHECK_STR_EQ(map.key[PC_FIELD_DATE], "pub_ts");
    CHECK(map.key[PC_FIELD_TITLE] == NULL && map.key[PC_FIELD_URL] == NULL);
    pc_field_map_clear(&map);

    /* aliases, case, white space around the parts */
    CHECK_INT_EQ(pc_field_map_parse(" Body = story_text , published=ts,LANGUAGE=loc,source=site_name", &map, &err),
                 0);
    CHECK_STR_EQ(map.key[PC_FIELD_TEXT], "story_text");
    CHECK_STR_EQ(map.key[PC_FIELD_DATE], "ts");
    CHECK_STR_EQ(map.key[PC_FIELD_LANG], "loc");
    CHECK_STR_EQ(map.key[PC_FIELD_SOURCE], "site_name");
    pc_field_map_clear(&map);
    CHECK_INT_EQ(pc_field_map_parse("content=c", &map, &err), 0);
    CHECK_STR_EQ(map.key[PC_FIELD_TEXT], "c");
    pc_field_map_clear(&map);

    /* an unknown field: its name and column */
    CHECK_INT_EQ(pc_field_map_parse("text=body,colour=red", &map, &err), PC_EINVAL);
    CHECK_INT_EQ(err.code, PC_EINVAL);
    CHECK_STR_EQ(err.msg,
                 "--map: unknown field 'colour' at column 11; fields are title, text, date, url, source, lang");
    for (int f = 0; f < PC_FIELD_COUNT; f++)
        CHECK(map.key[f] == NULL); /* left empty */

    CHECK_INT_EQ(pc_field_map_parse("title=h,text", &map, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "--map: expected FIELD=KEY at column 9, as in text=article_body");
    CHECK_INT_EQ(pc_field_map_parse("text=", &map, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "--map: no key after 'text=' at column 1");
    CHECK_INT_EQ(pc_field_map_parse("text=a,body=b", &map, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "--map: field 'text' given twice (column 8)");
    CHECK_INT_EQ(pc_field_map_parse("", &map, &err), PC_EINVAL);
    CHECK(str_contains(err.msg, "column 1"));
    CHECK_INT_EQ(pc_field_map_parse("text=a,", &map, &err), PC_EINVAL);
    CHECK(str_contains(err.msg, "column 8"));
    pc_field_map_clear(&map);
    pc_field_map_clear(NULL);

    CHECK_STR_EQ(pc_field_name(PC_FIELD_TEXT), "text");
    CHECK_STR_EQ(pc_field_name(PC_FIELD_LANG), "lang");
    CHECK_STR_EQ(pc_field_name(PC_FIELD_NONE), "");
}

static void test_for_key(void)
{
    CHECK_INT_EQ(key(NULL, "title"), PC_FIELD_TITLE);
    CHECK_INT_EQ(key(NULL, "Headline"), PC_FIELD_TITLE);
    CHECK_INT_EQ(key(NULL, "text"), PC_FIELD_TEXT);
    CHECK_INT_EQ(key(NULL, "articleBody"), PC_FIELD_TEXT);
    CHECK_INT_EQ(key(NULL, "full_text"), PC_FIELD_TEXT);
    CHECK_INT_EQ(key(NULL, "main-text"), PC_FIELD_TEXT);
    CHECK_INT_EQ(key(NULL, "publishedAt"), PC_FIELD_DATE);
    CHECK_INT_EQ(key(NULL, "date_published"), PC_FIELD_DATE);
    CHECK_INT_EQ(key(NULL, "Publication Date"), PC_FIELD_DATE);
    CHECK_INT_EQ(key(NULL, "created_at"), PC_FIELD_DATE);
    CHECK_INT_EQ(key(NULL, "URL"), PC_FIELD_URL);
    CHECK_INT_EQ(key(NULL, "canonical_url"), PC_FIELD_URL);
    CHECK_INT_EQ(key(NULL, "source"), PC_FIELD_SOURCE);
    CHECK_INT_EQ(key(NULL, "site_name"), PC_FIELD_SOURCE);
    CHECK_INT_EQ(key(NULL, "lang"), PC_FIELD_LANG);
    CHECK_INT_EQ(key(NULL, "Language"), PC_FIELD_LANG);
    CHECK_INT_EQ(key(NULL, "author"), PC_FIELD_NONE);
    CHECK_INT_EQ(key(NULL, "urlToImage"), PC_FIELD_NONE);
    CHECK_INT_EQ(key(NULL, "texts"), PC_FIELD_NONE);
    CHECK_INT_EQ(key(NULL, ""), PC_FIELD_NONE);
    CHECK_INT_EQ(pc_field_for_key(NULL, "titlebar", 5), PC_FIELD_TITLE); /* only len bytes are read */

    pc_field_map map;
    pc_error err;
    CHECK_INT_EQ(pc_field_map_parse("text=article_body,date=pub_ts,title=Subject", &map, &err), 0);
    CHECK_INT_EQ(key(&map, "article_body"), PC_FIELD_TEXT);
    CHECK_INT_EQ(key(&map, "pub_ts"), PC_FIELD_DATE);
    CHECK_INT_EQ(key(&map, "Subject"), PC_FIELD_TITLE);
    CHECK_INT_EQ(key(&map, "subject"), PC_FIELD_NONE); /* a mapped key is matched exactly */
    CHECK_INT_EQ(key(&map, "text"), PC_FIELD_NONE);    /* the mapped field takes no other key */
    CHECK_INT_EQ(key(&map, "date"), PC_FIELD_NONE);
    CHECK_INT_EQ(key(&map, "title"), PC_FIELD_NONE);
    CHECK_INT_EQ(key(&map, "url"), PC_FIELD_URL); /* fields the map leaves alone keep their names */
    pc_field_map_clear(&map);

    /* the map may give a usual name of another field */
    CHECK_INT_EQ(pc_field_map_parse("title=text,text=story_text", &map, &err), 0);
    CHECK_INT_EQ(key(&map, "text"), PC_FIELD_TITLE);
    CHECK_INT_EQ(key(&map, "story_text"), PC_FIELD_TEXT);
    pc_field_map_clear(&map);
}

/* Sets one field on a fresh article and returns the stored value (a static copy) or "(null)"; *rc gets the
 * return value and why the warning. */
static const char *set1(pc_field f, const char *value, int *rc, char *why)
{
    static char out[256];
    pc_article a;
    memset(&a, 0, sizeof a);
    why[0] = '\0';
    *rc = pc_article_set_field(&a, f, value, strlen(value), why, 256);
    char *const slots[] = {NULL, a.title, a.body, a.published, a.url, a.source, a.lang};
    snprintf(out, sizeof out, "%s", slots[f] ? slots[f] : "(null)");
    pc_article_clear(&a);
    return out;
}

static void test_dates(void)
{
    int rc;
    char why[256];
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "2022-02-16", &rc, why), "2022-02-16");
    CHECK_INT_EQ(rc, 0);
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "2022-02-15T16:40:00Z", &rc, why), "2022-02-15");
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "  16.02.2022 ", &rc, why), "2022-02-16");
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "Wed, 16 Feb 2022 10:20:00 +0000", &rc, why), "2022-02-16"); /* RFC 2822 */
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "February 18, 2022", &rc, why), "2022-02-18");
    /* Unix seconds (10 and 9 digits), milliseconds (13 and 12), a fraction */
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "1645000000", &rc, why), "2022-02-16");
    CHECK_INT_EQ(rc, 0);
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "999999999", &rc, why), "2001-09-09");
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "1645000000000", &rc, why), "2022-02-16");
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "999999999999", &rc, why), "2001-09-09");
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "1645000000.75", &rc, why), "2022-02-16");
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "0", &rc, why), "(null)"); /* too few digits for a time */
    CHECK_INT_EQ(rc, 1);
    /* bad */
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "someday", &rc, why), "(null)");
    CHECK_INT_EQ(rc, 1);
    CHECK_STR_EQ(why, "date 'someday' not understood; left empty");
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "2022-02-30", &rc, why), "(null)");
    CHECK_INT_EQ(rc, 1);
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "164500000x", &rc, why), "(null)");
    CHECK_INT_EQ(rc, 1);
    CHECK_STR_EQ(set1(PC_FIELD_DATE, "1645000000.5.5", &rc, why), "(null)");
    CHECK_INT_EQ(rc, 1);
    /* a long bad value is cut in the warning */
    char long_value[200];
    memset(long_value, 'z', sizeof long_value - 1);
    long_value[sizeof long_value - 1] = '\0';
    set1(PC_FIELD_DATE, long_value, &rc, why);
    CHECK_INT_EQ(rc, 1);
    CHECK(strlen(why) < 120 && str_contains(why, "…"));
    /* why may be NULL */
    pc_article a;
    memset(&a, 0, sizeof a);
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_DATE, "nope", 4, NULL, 0), 1);
    pc_article_clear(&a);
}

/* pc_field_date: the date forms and Unix times pc_article_set_field reads. */
static void test_field_date(void)
{
    char iso[11];
    CHECK(pc_field_date(" 2015-12-19T15:14:44+00:00 ", 27, iso));
    CHECK_STR_EQ(iso, "2015-12-19");
    CHECK(pc_field_date("1481202661", 10, iso));
    CHECK_STR_EQ(iso, "2016-12-08");
    CHECK(!pc_field_date("uk-279", 6, iso));
    CHECK(!pc_field_date("  ", 2, iso));
}

static void test_langs(void)
{
    int rc;
    char why[256];
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "uk", &rc, why), "uk");
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "EN-GB", &rc, why), "en");
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "uk_UA", &rc, why), "uk");
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "ua", &rc, why), "uk");
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "Ukrainian", &rc, why), "uk");
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "українська", &rc, why), "uk");
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "русский", &rc, why), "ru");
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "Deutsch", &rc, why), "de");
    CHECK_STR_EQ(set1(PC_FIELD_LANG, " français ", &rc, why), "fr");
    CHECK_INT_EQ(rc, 0);
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "Klingon", &rc, why), "(null)");
    CHECK_INT_EQ(rc, 1);
    CHECK_STR_EQ(why, "language 'Klingon' not understood; detected instead");
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "e", &rc, why), "(null)");
    CHECK_INT_EQ(rc, 1);
    CHECK_STR_EQ(set1(PC_FIELD_LANG, "en-", &rc, why), "en");
    char code[3];
    CHECK_STR_EQ(pc_language_code("RU", 2, code), "ru");
    CHECK(pc_language_code("xx-toolongtag", 13, code) == NULL);
    CHECK(pc_language_code("1a", 2, code) == NULL);
    /* the country code written for Czech */
    CHECK_STR_EQ(pc_language_code("cz", 2, code), "cs");
    CHECK(pc_language_code_is_iso("uk") && pc_language_code_is_iso("cs") && pc_language_code_is_iso("zu"));
    CHECK(!pc_language_code_is_iso("xq") && !pc_language_code_is_iso("cz") && !pc_language_code_is_iso("ukr"));
    CHECK(!pc_language_code_is_iso("") && !pc_language_code_is_iso(NULL));
}

static void test_set_field(void)
{
    pc_article a;
    memset(&a, 0, sizeof a);
    char why[256];
    /* titles and sources: trimmed, white space made single spaces */
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_TITLE, "  Two\t words\n here ", 19, why, sizeof why), 0);
    CHECK_STR_EQ(a.title, "Two words here");
    /* the first value wins */
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_TITLE, "Other", 5, why, sizeof why), 0);
    CHECK_STR_EQ(a.title, "Two words here");
    /* an empty or blank value leaves the field alone, so a later key may fill it */
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_SOURCE, " \t", 2, why, sizeof why), 0);
    CHECK(a.source == NULL);
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_SOURCE, "Northgate  Wire", 15, why, sizeof why), 0);
    CHECK_STR_EQ(a.source, "Northgate Wire");
    /* text: trimmed, inside kept as it is; body_len set */
    const char *text = "\n  First line.\nSecond.\n\nPara  two.  \n";
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_TEXT, text, strlen(text), why, sizeof why), 0);
    CHECK_STR_EQ(a.body, "First line.\nSecond.\n\nPara  two.");
    CHECK_INT_EQ(a.body_len, strlen(a.body));
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_TEXT, "x", 1, why, sizeof why), 0);
    CHECK_INT_EQ(a.body_len, strlen("First line.\nSecond.\n\nPara  two."));
    /* a URL is kept */
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_URL, "https://e.org/a b", 17, why, sizeof why), 0);
    CHECK_STR_EQ(a.url, "https://e.org/a b");
    /* a bad date after a good one: the first wins, no warning */
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_DATE, "2022-01-01", 10, why, sizeof why), 0);
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_DATE, "2023-01-01", 10, why, sizeof why), 0);
    CHECK_STR_EQ(a.published, "2022-01-01");
    /* only len bytes are read; NONE is ignored */
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_LANG, "ukrainian", 2, why, sizeof why), 0);
    CHECK_STR_EQ(a.lang, "uk");
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_NONE, "x", 1, why, sizeof why), 0);
    pc_article_clear(&a);
    CHECK(a.title == NULL && a.body == NULL && a.body_len == 0);
}

static void test_url_domain(void)
{
    struct {
        const char *url, *host;
    } cases[] = {
        {"https://www.bbc.co.uk/news/x", "bbc.co.uk"},
        {"http://Example.COM", "example.com"},
        {"https://user:pw@news.example.org:8080/a?b#c", "news.example.org"},
        {"//cdn.example.net/x", "cdn.example.net"},
        {"example.com/path", "example.com"},
        {"https://WWW.Kyiv-Lantern.example/a", "kyiv-lantern.example"},
        {"https://localhost/x", NULL},
        {"not a url", NULL},
        {"https:///path", NULL},
        {"", NULL},
        {"https://bad_host.com/", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *host = pc_url_domain(cases[i].url);
        if (cases[i].host)
            CHECK_STR_EQ(host, cases[i].host);
        else if (host) {
            fprintf(stderr, "pc_url_domain(\"%s\") = \"%s\", expected NULL\n", cases[i].url, host);
            CHECK(host == NULL);
        }
        free(host);
    }
    CHECK(pc_url_domain(NULL) == NULL);
}

/* Record values as article text: line ends, blank runs and control characters; a lone CR as the reader says. */
static void test_add_text(void)
{
    static const char value[] = "\n  Kyiv  \r\n\tspring\x01 \n\n\n\nsecond\rpart\x7f\n\n";
    pc_strbuf json = {0}, csv = {0};
    pc_field_add_text(&json, value, sizeof value - 1, true);
    pc_field_add_text(&csv, value, sizeof value - 1, false);
    CHECK_STR_EQ(json.data, "  Kyiv\n\tspring\n\nsecond\npart");
    CHECK_STR_EQ(csv.data, "  Kyiv\n\tspring\n\nsecondpart");
    pc_strbuf_free(&json);
    pc_strbuf_free(&csv);
}

/* Escapes a reader decoded (JSON \u001b) go whole, not only their ESC: no "[2J" or "]0;title" is left. */
static void test_escapes_go_whole(void)
{
    static const char value[] = "Police \x1b[31mattacked\x1b[0m \x1b]0;owned\x07the \x1b]8;;http://x\x1b\\port";
    pc_strbuf text = {0};
    pc_field_add_text(&text, value, sizeof value - 1, true);
    CHECK_STR_EQ(text.data, "Police attacked the port");
    pc_strbuf_free(&text);
    pc_article a = {0};
    static const char title[] = "Port \x1b[2Jattack \x1b]0;x\x1b\\news";
    CHECK_INT_EQ(pc_article_set_field(&a, PC_FIELD_TITLE, title, sizeof title - 1, NULL, 0), 0);
    CHECK_STR_EQ(a.title, "Port attack news");
    pc_article_clear(&a);
}

int main(void)
{
    RUN_TEST(test_map_parse);
    RUN_TEST(test_for_key);
    RUN_TEST(test_dates);
    RUN_TEST(test_langs);
    RUN_TEST(test_field_date);
    RUN_TEST(test_set_field);
    RUN_TEST(test_url_domain);
    RUN_TEST(test_add_text);
    RUN_TEST(test_escapes_go_whole);
    return TEST_REPORT();
}
