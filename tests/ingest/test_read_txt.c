/* test_read_txt.c — unit tests of the `txt` reader and the reader table: header lines, titles, body
 * paragraphs, hard-wrapped text, the seed files and every BBC article of the shared corpus. */
#include <dirent.h>
#include <stdbool.h>

#include "presscut/ingest/reader.h"
#include "presscut/text/text_decode.h"

#include "harness.h"
#include "reader_results.h"

typedef read_result result;

static void read_text(const char *text, result *res)
{
    read_result_run(res, pc_read_txt, "test.txt", text, strlen(text), NULL, 0, 0);
}

/* Reads a file of the shared corpus through pc_text_decode, as the indexer does: 0, or -1 when it cannot. */
static int read_file(const char *path, result *res)
{
    return read_result_run_file(res, pc_read_txt, path) >= 0 ? 0 : -1;
}

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The first paragraph of the body (up to "\n\n"), copied into a static buffer. */
static const char *first_paragraph(const pc_article *a)
{
    static char buf[8192];
    if (!a->body)
        return "";
    const char *end = strstr(a->body, "\n\n");
    size_t len = end ? (size_t)(end - a->body) : strlen(a->body);
    snprintf(buf, sizeof buf, "%.*s", (int)len, a->body);
    return buf;
}

static const char *last_paragraph(const pc_article *a)
{
    if (!a->body)
        return "";
    const char *p = a->body, *last = a->body;
    while ((p = strstr(p, "\n\n")) != NULL) {
        p += 2;
        last = p;
    }
    return last;
}

static int count_paragraphs(const pc_article *a)
{
    if (!a->body || !*a->body)
        return 0;
    int n = 1;
    for (const char *p = a->body; (p = strstr(p, "\n\n")) != NULL; p += 2)
        n++;
    return n;
}

static void test_title_and_body(void)
{
    result r;
    read_text("  Ad sales   boost\tTime Warner profit  \n\nQuarterly profits  at US\tmedia giant.\n\n\n\nSecond "
              "paragraph.\nThird paragraph.\n",
              &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].title, "Ad sales boost Time Warner profit");
    CHECK_STR_EQ(r.a[0].body, "Quarterly profits at US media giant.\n\nSecond paragraph.\n\nThird paragraph.");
    CHECK_INT_EQ(r.a[0].body_len, strlen(r.a[0].body));
    CHECK(r.a[0].published == NULL && r.a[0].source == NULL && r.a[0].url == NULL && r.a[0].lang == NULL);
    CHECK(r.a[0].record == NULL && r.a[0].passages == NULL && r.a[0].n_passages == 0);
    CHECK_INT_EQ(r.warnings, 0);
    read_result_done(&r);

    /* no-break spaces stay inside lines but are trimmed at the ends */
    read_text("\xC2\xA0Title\xC2\xA0\n10\xC2\xA0km  away\xC2\xA0\n", &r);
    CHECK_STR_EQ(r.a[0].title, "Title");
    CHECK_STR_EQ(r.a[0].body, "10\xC2\xA0km away");
    read_result_done(&r);
}

static void test_header_lines(void)
{
    result r;
    read_text("date 2022-02-16\nsource: Reuters\nURL: https://example.com/a?b=1\nlang: uk\n\nThe title\n\nBody.", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK_STR_EQ(r.a[0].source, "Reuters");
    CHECK_STR_EQ(r.a[0].url, "https://example.com/a?b=1");
    CHECK_STR_EQ(r.a[0].lang, "uk");
    CHECK_STR_EQ(r.a[0].title, "The title");
    CHECK_STR_EQ(r.a[0].body, "Body.");
    read_result_done(&r);

    read_text("Date: February 16, 2022\nThe title\nBody.", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK_STR_EQ(r.a[0].title, "The title");
    read_result_done(&r);

    read_text("published: 16.02.2022\n\nThe title\nBody.", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    read_result_done(&r);

    /* a line that is only a date; a language name; "ua" means Ukrainian */
    read_text("Wednesday, 16 February 2022\nLanguage: Russian\nТитул\nТекст.", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK_STR_EQ(r.a[0].lang, "ru");
    CHECK_STR_EQ(r.a[0].title, "Титул");
    read_result_done(&r);
    read_text("lang: ua\nTitle\nText.", &r);
    CHECK_STR_EQ(r.a[0].lang, "uk");
    read_result_done(&r);
    read_text("Мова: українська\nДата: 16 лютого 2022 р.\nДжерело: Українська правда\nЗаголовок\nТекст.", &r);
    CHECK_STR_EQ(r.a[0].lang, "uk");
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK_STR_EQ(r.a[0].source, "Українська правда");
    CHECK_STR_EQ(r.a[0].title, "Заголовок");
    read_result_done(&r);

    /* title: sets the title; the next line is body even if it is short */
    read_text("Title: The real title\nShort line\nMore.", &r);
    CHECK_STR_EQ(r.a[0].title, "The real title");
    CHECK_STR_EQ(r.a[0].body, "Short line\n\nMore.");
    read_result_done(&r);

    /* a line that is only a url, before or after the title */
    read_text("https://example.com/news/1\nTitle\nText.", &r);
    CHECK_STR_EQ(r.a[0].url, "https://example.com/news/1");
    CHECK_STR_EQ(r.a[0].title, "Title");
    read_result_done(&r);
    read_text("Title\nwww.example.com/news/1\nText.", &r);
    CHECK_STR_EQ(r.a[0].url, "www.example.com/news/1");
    CHECK_STR_EQ(r.a[0].body, "Text.");
    read_result_done(&r);

    /* the first header line wins */
    read_text("date 2022-02-16\ndate 2021-01-01\nTitle\nText.", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    read_result_done(&r);

    /* a date right after the title, and a byline header kept in the body */
    read_text("Title\n\nFebruary 16, 2022\n\nText.", &r);
    CHECK_STR_EQ(r.a[0].title, "Title");
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK_STR_EQ(r.a[0].body, "Text.");
    read_result_done(&r);
    read_text("Author: Jane Doe\nTitle\nText.", &r);
    CHECK_STR_EQ(r.a[0].title, "Title");
    CHECK_STR_EQ(r.a[0].body, "Author: Jane Doe\n\nText.");
    read_result_done(&r);

    /* an unreadable date is warned about and kept, never guessed */
    read_text("Date: yesterday\nTitle\nText.", &r);
    CHECK(r.a[0].published == NULL);
    CHECK_STR_EQ(r.a[0].title, "Title");
    CHECK_STR_EQ(r.a[0].body, "Date: yesterday\n\nText.");
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_INT_EQ(r.warn_line[0], 1);
    CHECK(strstr(r.warn_msg[0], "date not recognised: 'yesterday'") == r.warn_msg[0]);
    read_result_done(&r);

    /* a long unreadable date is shown cut, never inside a character */
    read_text("Дата: вчора ввечері після довгого засідання уряду в столиці країни\nTitle\nText.", &r);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK(strstr(r.warn_msg[0], "...'") != NULL);
    CHECK(pc_utf8_valid(r.warn_msg[0], strlen(r.warn_msg[0])));
    read_result_done(&r);

    /* not header lines: a title with a colon, a url key without a url, "Source link" */
    read_text("Ukraine crisis: what we know\nText.", &r);
    CHECK_STR_EQ(r.a[0].title, "Ukraine crisis: what we know");
    CHECK(r.a[0].published == NULL);
    read_result_done(&r);
    read_text("Link: the new way to pay\nText.", &r);
    CHECK_STR_EQ(r.a[0].title, "Link: the new way to pay");
    CHECK(r.a[0].url == NULL);
    read_result_done(&r);
    read_text("Date night ideas for 2022\nText.", &r);
    CHECK_STR_EQ(r.a[0].title, "Date night ideas for 2022");
    read_result_done(&r);
    read_text("Source link\nText.", &r);
    CHECK_STR_EQ(r.a[0].title, "Source link");
    CHECK(r.a[0].source == NULL);
    read_result_done(&r);
    /* after the title, only complete header lines are taken */
    read_text("Title\nDate: not a date at all\nText.", &r);
    CHECK_STR_EQ(r.a[0].body, "Date: not a date at all\n\nText.");
    CHECK_INT_EQ(r.warnings, 0);
    read_result_done(&r);
}

static void test_date_prefix_line(void)
{
    result r;
    read_text("date 2022-02-16 Short headline here\nText.", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK_STR_EQ(r.a[0].title, "Short headline here");
    CHECK_STR_EQ(r.a[0].body, "Text.");
    read_result_done(&r);
    read_text("Published 16 February 2022, Short headline\nText.", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK_STR_EQ(r.a[0].title, "Short headline");
    read_result_done(&r);
}

/* Leading lines of an id, a language code, a date and a url, without keys, as corpora exports write them. */
static void test_bare_header_block(void)
{
    result r;
    read_text("ua-1\r\nuk\r\n2018-07-15\r\nhttps://www.epravda.com.ua/news/2018/07/15/638711/\r\n"
              "Брексіту може взагалі не бути - Мей\r\n\r\nПрем'єр-міністр заявила.\r\n",
              &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].title, "Брексіту може взагалі не бути - Мей");
    CHECK_STR_EQ(r.a[0].published, "2018-07-15");
    CHECK_STR_EQ(r.a[0].url, "https://www.epravda.com.ua/news/2018/07/15/638711/");
    CHECK_STR_EQ(r.a[0].lang, "uk");
    CHECK_STR_EQ(r.a[0].body, "Прем'єр-міністр заявила.");
    CHECK_INT_EQ(r.warnings, 0);
    read_result_done(&r);

    /* a date-time, "ua" for Ukrainian, a numeric id, a long title line that stays the title */
    read_text("389\nua\n2015-12-19T15:14:44+00:00\nhttp://uacrisis.org/ua/38746\nЄвропейська Комісія ухвалила "
              "звіт\nТекст статті.\n",
              &r);
    CHECK_STR_EQ(r.a[0].title, "Європейська Комісія ухвалила звіт");
    CHECK_STR_EQ(r.a[0].published, "2015-12-19");
    CHECK_STR_EQ(r.a[0].lang, "uk");
    CHECK_STR_EQ(r.a[0].body, "Текст статті.");
    read_result_done(&r);

    /* an empty date line; "cz" is Czech */
    read_text("101\ncz\n\nhttp://prvnizpravy.cz/zpravy/trump/\nDonald Trump se stal prezidentem\nText.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "Donald Trump se stal prezidentem");
    CHECK(r.a[0].published == NULL);
    CHECK_STR_EQ(r.a[0].lang, "cs");
    CHECK_STR_EQ(r.a[0].url, "http://prvnizpravy.cz/zpravy/trump/");
    CHECK_STR_EQ(r.a[0].body, "Text.");
    read_result_done(&r);

    /* 1970-01-01 is a placeholder: no date; an unknown code is dropped from the text but not taken;
     * a Unix time after the first line is a date */
    read_text("cs-2007\nxq\n1970-01-01\nhttps://www.blesk.cz/clanek/604804\nTitulek\nText.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "Titulek");
    CHECK(r.a[0].published == NULL && r.a[0].lang == NULL);
    CHECK_STR_EQ(r.a[0].body, "Text.");
    read_result_done(&r);
    read_text("449\nuk\n1481202661\nhttp://x.ua/a\nЗаголовок\nТекст.\n", &r);
    CHECK_STR_EQ(r.a[0].published, "2016-12-08");
    CHECK_STR_EQ(r.a[0].title, "Заголовок");
    read_result_done(&r);

    /* any short first line is an id when a language code and a date or url follow */
    read_text("ryanair wiki\npl\n1970-01-01\n\nRyanair – irlandzkie linie lotnicze\n\nText.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "Ryanair – irlandzkie linie lotnicze");
    CHECK_STR_EQ(r.a[0].lang, "pl");
    CHECK_STR_EQ(r.a[0].body, "Text.");
    read_result_done(&r);

    /* a whole paragraph after the block is not a title: its first sentence is, and it stays in the body */
    char text[1200];
    snprintf(text, sizeof text, "pl-asia-wiki-1\npl\n2019-03-13\nhttps://pl.wikipedia.org/wiki/Asia_Bibi\n"
                                "Asia Bibi pochodzi z wioski Ittanwali w Pakistanie. %s\n",
             "Jest chrześcijanką, żoną Asiqa Masiha i matką pięciorga dzieci, a wioska Ittanwali była w czerwcu 2009 "
             "zamieszkana przez około 1500 rodzin, z czego trzy rodziny stanowiły mniejszość chrześcijańską.");
    read_text(text, &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].title, "Asia Bibi pochodzi z wioski Ittanwali w Pakistanie");
    CHECK(starts_with(r.a[0].body, "Asia Bibi pochodzi z wioski Ittanwali w Pakistanie. Jest"));
    CHECK_STR_EQ(r.a[0].published, "2019-03-13");
    read_result_done(&r);

    /* language and date alone make a block too */
    read_text("en\n2022-02-16\nRussia pulls back troops\nText.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "Russia pulls back troops");
    CHECK_STR_EQ(r.a[0].lang, "en");
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    read_result_done(&r);
}

/* Articles that merely start with a short line, a date or a url keep their title. */
static void test_bare_header_false_positives(void)
{
    result r;
    /* a one-word headline with a digit above a date line: not an id */
    read_text("COVID-19\n2020-03-01\nThe virus spreads.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "COVID-19");
    CHECK_STR_EQ(r.a[0].published, "2020-03-01");
    CHECK_STR_EQ(r.a[0].body, "The virus spreads.");
    read_result_done(&r);

    /* a date first line, then the headline */
    read_text("2022-02-16\nUK sanctions Russian banks\nText.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "UK sanctions Russian banks");
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    CHECK(r.a[0].lang == NULL);
    read_result_done(&r);

    /* a url first line, then the headline */
    read_text("https://www.bbc.co.uk/news/x\nEU leaders meet\nText.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "EU leaders meet");
    CHECK_STR_EQ(r.a[0].url, "https://www.bbc.co.uk/news/x");
    read_result_done(&r);

    /* a capitalised two-letter headline is no language code */
    read_text("EU\n2022-02-16\nText of the article.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "EU");
    read_result_done(&r);

    /* a short headline above a date line, with no language code: not an id */
    read_text("Brexit talks\n2019-01-01\nText.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "Brexit talks");
    CHECK_STR_EQ(r.a[0].published, "2019-01-01");
    read_result_done(&r);

    /* an id and a language with no date or url: not a header block */
    read_text("G7\nuk\nLeaders meet.\n", &r);
    CHECK_STR_EQ(r.a[0].title, "G7");
    read_result_done(&r);

    /* a header block with nothing after it is no title: the lines are read as before */
    read_text("ua-1\nuk\n2018-07-15\n", &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].title, "ua-1");
    read_result_done(&r);
}

static void test_long_first_line(void)
{
    result r;
    /* over 200 characters: a paragraph, the title is its first sentence */
    read_text("The U.S. envoy met the minister in Kyiv on Friday to discuss the crisis. He said the talks had gone "
              "well and that more meetings would follow in the coming weeks, though no date was set for them and "
              "officials declined to comment.\n\nSecond.",
              &r);
    CHECK_STR_EQ(r.a[0].title, "The U.S. envoy met the minister in Kyiv on Friday to discuss the crisis");
    CHECK(starts_with(r.a[0].body, "The U.S. envoy met"));
    CHECK_INT_EQ(count_paragraphs(&r.a[0]), 2);
    read_result_done(&r);
    /* one sentence of more than 200 characters: no title at all */
    char line[600];
    memset(line, 0, sizeof line);
    for (int i = 0; i < 50; i++)
        strcat(line, "word ");
    strcat(line, "end.");
    read_text(line, &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK(r.a[0].title == NULL);
    CHECK_INT_EQ(r.a[0].body_len, strlen(line));
    read_result_done(&r);
}

static void test_title_repeated(void)
{
    result r;
    read_text("Russia denies  involvement\n\nRUSSIA DENIES INVOLVEMENT\n\nText.", &r);
    CHECK_STR_EQ(r.a[0].title, "Russia denies involvement");
    CHECK_STR_EQ(r.a[0].body, "Text.");
    read_result_done(&r);
    read_text("Київ під атакою\nКИЇВ ПІД  АТАКОЮ\nТекст.", &r);
    CHECK_STR_EQ(r.a[0].body, "Текст.");
    read_result_done(&r);
    /* only the first paragraph, only an exact repeat */
    read_text("Title\nTitle, he said.\nTitle", &r);
    CHECK_STR_EQ(r.a[0].body, "Title, he said.\n\nTitle");
    read_result_done(&r);
    /* a title repeated and nothing else: no article */
    read_text("Title\n\ntitle\n", &r);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_STR_EQ(r.warn_msg[0], "no text after the title");
    read_result_done(&r);
}

static void test_no_body(void)
{
    result r;
    read_text("Just a title\n\n  \n", &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_INT_EQ(r.warn_line[0], 1);
    CHECK_STR_EQ(r.warn_msg[0], "no text after the title");
    read_result_done(&r);
    read_text("\n\ndate 2022-02-16\nTitle", &r);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warn_line[0], 4);
    read_result_done(&r);
    read_text("date 2022-02-16\n", &r);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_STR_EQ(r.warn_msg[0], "no text after the header lines");
    read_result_done(&r);
    read_text("", &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warnings, 1);
    read_result_done(&r);
    /* no warn callback: still fine */
    pc_reader_input in = {"x.txt", (const unsigned char *)"T", 1, "T", 1, NULL, 0};
    CHECK_INT_EQ(pc_read_txt(&in, read_result_collect, NULL, &r, NULL), 0);
    /* bad arguments */
    pc_error err;
    CHECK_INT_EQ(pc_read_txt(&in, NULL, NULL, NULL, &err), PC_EINVAL);
    CHECK(err.msg[0] != '\0');
    CHECK_INT_EQ(pc_read_txt(NULL, read_result_collect, NULL, NULL, &err), PC_EINVAL);
}

static void test_hard_wrapped(void)
{
    result r;
    /* wire copy wrapped at ~65 columns with 4-space paragraph indents */
    read_text("BAHIA COCOA REVIEW\n"
              "    Showers continued throughout the week in the Bahia cocoa\n"
              "zone, alleviating the drought since early January and improving\n"
              "prospects for the coming temporao, although normal humidity\n"
              "levels have not been restored, Comissaria Smith said.\n"
              "    Arrivals for the week ended February 22 were 155,221 bags\n"
              "of 60 kilos making a cumulative total for the season of 5.93\n"
              "mln against 5.81 at the same stage last year. Again it seems\n"
              "that cocoa delivered earlier on consignment was included.\n",
              &r);
    CHECK_STR_EQ(r.a[0].title, "BAHIA COCOA REVIEW");
    CHECK_STR_EQ(first_paragraph(&r.a[0]),
                 "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early "
                 "January and improving prospects for the coming temporao, although normal humidity levels have not "
                 "been restored, Comissaria Smith said.");
    CHECK_STR_EQ(last_paragraph(&r.a[0]), "Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making "
                                       "a cumulative total for the season of 5.93 mln against 5.81 at the same stage "
                                       "last year. Again it seems that cocoa delivered earlier on consignment was "
                                       "included.");
    CHECK_INT_EQ(count_paragraphs(&r.a[0]), 2);
    read_result_done(&r);

    /* no indents: a short line ending a sentence ends the paragraph; a hyphenated word is rejoined */
    read_text("Title\n\n"
              "The central bank left its main interest rate unchanged on\n"
              "Thursday, saying that the well-\n"
              "known risks to growth had eased since the autumn meeting.\n"
              "It will meet again in March.\n"
              "Analysts had expected the decision after weeks of mixed\n"
              "data from the manufacturing and services sectors.\n",
              &r);
    CHECK_STR_EQ(r.a[0].body, "The central bank left its main interest rate unchanged on Thursday, saying that the "
                           "well-known risks to growth had eased since the autumn meeting. It will meet again in "
                           "March.\n\nAnalysts had expected the decision after weeks of mixed data from the "
                           "manufacturing and services sectors.");
    read_result_done(&r);

    /* a text that starts mid-paragraph has no headline */
    read_text("The central bank left its main interest rate unchanged at the\n"
              "end of its meeting, saying that risks to growth had eased since\n"
              "the autumn.\n",
              &r);
    CHECK(r.a[0].title == NULL);
    CHECK_STR_EQ(r.a[0].body, "The central bank left its main interest rate unchanged at the end of its meeting, saying "
                           "that risks to growth had eased since the autumn.");
    read_result_done(&r);

    /* a list inside wrapped-looking lines */
    read_text("Title\n"
              "The ministry listed the measures it would take this year:\n"
              "- new sanctions on the banks that finance the war effort\n"
              "- more money for the air defence of the western regions\n",
              &r);
    CHECK_INT_EQ(count_paragraphs(&r.a[0]), 3);
    read_result_done(&r);

    /* not wrapped: lines of a list that each end a sentence; a heading followed by a long line */
    read_text("Title\n"
              "The first point of the agreement concerns the gas transit fees.\n"
              "The second point of the agreement concerns the pipeline repairs.\n"
              "The third point of the agreement concerns the payment schedule.\n",
              &r);
    CHECK_INT_EQ(count_paragraphs(&r.a[0]), 3);
    read_result_done(&r);
    read_text("Title\nRussia wants written security guarantees from the West now\nMoscow has demanded that NATO "
              "withdraw from eastern Europe and rule out membership for Ukraine, officials said on Friday in a long "
              "statement.\n",
              &r);
    CHECK_INT_EQ(count_paragraphs(&r.a[0]), 2);
    read_result_done(&r);
}

static void test_seeds(void)
{
    char path[4400];
    result r;

    snprintf(path, sizeof path, "%s/seeds/000_fd232383f0c3aa82.txt", shared_corpus());
    CHECK_INT_EQ(read_file(path, &r), 0);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].published, "2022-02-16");
    /* the date is glued to a 480-character first paragraph: the title is its first sentence */
    CHECK_STR_EQ(r.a[0].title, "Russia denied any involvement in the cyberattacks that knocked out several Ukrainian "
                            "websites including the website of its defence ministry and two of its largest banks");
    CHECK(starts_with(first_paragraph(&r.a[0]), "Russia denied any involvement in the cyberattacks that"));
    CHECK(strstr(first_paragraph(&r.a[0]), "Russia was behind the cyberattack.") != NULL);
    CHECK_STR_EQ(last_paragraph(&r.a[0]), "Russia announced on Wednesday that troops in the annexed Crimean peninsula "
                                       "will return to their bases since the military drills are over. It also "
                                       "withdrew some of its troops yesterday though NATO and the US still doubt "
                                       "Russian intentions. Meanwhile, Belarus called Ukraine to assure them that "
                                       "Russian soldiers will leave the nation once the drills are over.");
    CHECK(strstr(r.a[0].body, "date 2022") == NULL);
    CHECK_INT_EQ(r.warnings, 0);
    read_result_done(&r);

    snprintf(path, sizeof path, "%s/seeds/001_4bf69c8301f7563b.txt", shared_corpus());
    CHECK_INT_EQ(read_file(path, &r), 0);
    CHECK_STR_EQ(r.a[0].title, "Many Ukrainian government websites were down on Friday after a massive robbery attack");
    CHECK(r.a[0].published == NULL);
    /* not an exact repeat of the title: kept */
    CHECK_STR_EQ(first_paragraph(&r.a[0]), "Many Ukrainian government websites were down on Friday after a massive "
                                        "robbery attack, Ukrainian officials said.");
    CHECK_STR_EQ(last_paragraph(&r.a[0]), "Previous Post Next Post"); /* boilerplate removal is not the reader's job */
    CHECK(strstr(r.a[0].body, "\n\n\n") == NULL);
    read_result_done(&r);

    snprintf(path, sizeof path, "%s/seeds/002_98e8bc952d28f28d.txt", shared_corpus());
    CHECK_INT_EQ(read_file(path, &r), 0);
    /* "World News" is a section label above the headline: dropped; the site suffix is the indexer's to clean */
    CHECK_STR_EQ(r.a[0].title, "Russia is preparing an excuse to invade Ukraine: US official | Conflict News");
    CHECK(strstr(r.a[0].body, "World News") == NULL);
    CHECK_STR_EQ(last_paragraph(&r.a[0]), "Back to top button");
    CHECK(strstr(r.a[0].body, "\n\nRussia wants written security guarantees\n\n") != NULL);
    read_result_done(&r);
}

static void test_bbc(void)
{
    char path[4800];
    result r;

    snprintf(path, sizeof path, "%s/bbc-fulltext/bbc/business/001.txt", shared_corpus());
    CHECK_INT_EQ(read_file(path, &r), 0);
    CHECK_STR_EQ(r.a[0].title, "Ad sales boost Time Warner profit");
    CHECK_STR_EQ(first_paragraph(&r.a[0]), "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) "
                                        "for the three months to December, from $639m year-earlier.");
    CHECK(starts_with(last_paragraph(&r.a[0]), "TimeWarner is to restate its accounts"));
    CHECK_INT_EQ(count_paragraphs(&r.a[0]), 5);
    CHECK(r.a[0].published == NULL);
    read_result_done(&r);

    /* a list after a line: every item is its own paragraph */
    snprintf(path, sizeof path, "%s/bbc-fulltext/bbc/business/291.txt", shared_corpus());
    CHECK_INT_EQ(read_file(path, &r), 0);
    CHECK(strstr(r.a[0].body, "The government had claimed tobacco firms\n\n- manipulated nicotine levels to increase "
                           "addiction\n\n- targeted teenagers with multi-billion dollar advertising campaigns\n\n"
                           "- lied about") != NULL);
    read_result_done(&r);

    snprintf(path, sizeof path, "%s/bbc-fulltext/bbc/sport/199.txt", shared_corpus());
    CHECK_INT_EQ(read_file(path, &r), 0);
    CHECK_STR_EQ(r.a[0].title, "Chelsea sack Mutu");
    CHECK_STR_EQ(first_paragraph(&r.a[0]), "Chelsea have sacked Adrian Mutu after he failed a drugs test.");
    CHECK(strstr(r.a[0].body, "a £15.8m signing from Parma") != NULL);
    read_result_done(&r);

    /* every BBC article: one article, the first line as title, a clean body */
    char dir[4400];
    static const char *const categories[] = {"business", "entertainment", "politics", "sport", "tech"};
    int files = 0, good = 0;
    for (size_t c = 0; c < 5; c++) {
        snprintf(dir, sizeof dir, "%s/bbc-fulltext/bbc/%s", shared_corpus(), categories[c]);
        DIR *d = opendir(dir);
        CHECK(d != NULL);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strstr(e->d_name, ".txt"))
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            files++;
            bool ok = read_file(path, &r) == 0 && r.articles == 1;
            const pc_article *a = &r.a[0];
            ok = ok && a->title && a->body && a->body_len > 0 && a->body_len == strlen(a->body) &&
                 pc_utf8_valid(a->body, a->body_len) && !strstr(a->body, "\n\n\n") && a->body[0] != ' ' &&
                 a->body[0] != '\n' && a->body[a->body_len - 1] != ' ' && a->body[a->body_len - 1] != '\n' &&
                 !strstr(a->body, "  ") && strchr(a->title, '\n') == NULL && r.warnings == 0;
            if (ok) {
                /* the title is the file's first line */
                FILE *f = fopen(path, "rb");
                char first[512] = "";
                if (f && fgets(first, sizeof first, f))
                    first[strcspn(first, "\r\n")] = '\0';
                if (f)
                    fclose(f);
                /* trimmed, runs of spaces made one */
                char expected[512];
                size_t o = 0;
                for (const char *t = first; *t; t++)
                    if (*t != ' ' || (o && expected[o - 1] != ' '))
                        expected[o++] = *t;
                while (o && expected[o - 1] == ' ')
                    o--;
                expected[o] = '\0';
                ok = strcmp(expected, a->title) == 0 || strstr(path, "sport/199.txt") != NULL;
            }
            if (ok)
                good++;
            else
                fprintf(stderr, "  bad read: %s\n", path);
            read_result_done(&r);
        }
        closedir(d);
    }
    CHECK_INT_EQ(files, 2225);
    CHECK_INT_EQ(good, files);
}

static void test_sink_stops(void)
{
    result r;
    memset(&r, 0, sizeof r);
    r.stop_after = 1;
    r.stop_code = 42;
    pc_reader_input in = {"x.txt", (const unsigned char *)"T\nB", 3, "T\nB", 3, NULL, 0};
    CHECK_INT_EQ(pc_read_txt(&in, read_result_collect, read_result_warn, &r, NULL), 42);
    CHECK_INT_EQ(r.articles, 1);
    read_result_done(&r);
}

static void test_huge_input(void)
{
    /* 2 MB: a title and 20,000 wrapped lines */
    size_t lines = 20000;
    const char *line = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda\n";
    size_t n = strlen(line);
    char *text = malloc(6 + lines * n + 1);
    CHECK(text != NULL);
    if (!text)
        return;
    memcpy(text, "Title\n", 6);
    for (size_t i = 0; i < lines; i++)
        memcpy(text + 6 + i * n, line, n);
    text[6 + lines * n] = '\0';
    result r;
    read_text(text, &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].title, "Title");
    CHECK_INT_EQ(count_paragraphs(&r.a[0]), 1); /* one hard-wrapped paragraph */
    CHECK_INT_EQ(r.a[0].body_len, lines * n - 1);
    read_result_done(&r);
    free(text);
}

static void test_reader_table(void)
{
    const pc_reader *txt = pc_reader_by_name("txt");
    CHECK(txt != NULL);
    if (!txt)
        return;
    CHECK_STR_EQ(txt->name, "txt");
    CHECK(txt->read == pc_read_txt);
    CHECK(pc_reader_for_path("a/b/story.txt") == txt);
    CHECK(pc_reader_for_path("STORY.TXT") == txt);
    CHECK(pc_reader_for_path("notes.Text") == txt);
    CHECK(pc_reader_for_path("archive.tar.txt") == txt);
    CHECK(pc_reader_for_path("story.txt.gz") == NULL);
    CHECK(pc_reader_for_path("story") == NULL);
    CHECK(pc_reader_for_path("story.") == NULL);
    CHECK(pc_reader_for_path(".txt") == NULL);
    CHECK(pc_reader_for_path("dir.txt/story") == NULL);
    CHECK(pc_reader_for_path("") == NULL);
    CHECK(pc_reader_for_path(NULL) == NULL);
    CHECK(pc_reader_by_name("TXT") == NULL);
    CHECK(pc_reader_by_name("xml") == NULL);
    CHECK_STR_EQ(pc_reader_for_path("page.HTM")->name, "html");
    CHECK_STR_EQ(pc_reader_for_path("feed.ndjson")->name, "jsonl");
    CHECK_STR_EQ(pc_reader_for_path("dump.json")->name, "json");
    CHECK_STR_EQ(pc_reader_for_path("sheet.tsv")->name, "tsv");
    CHECK_STR_EQ(pc_reader_for_path("reut2-000.sgm")->name, "sgml");
    CHECK(pc_reader_for_path("TIME.ALL") == NULL);
    const unsigned char time_head[] = "*TEXT 017 01/04/63 PAGE 020\n\nTHE ALLIES";
    CHECK_STR_EQ(pc_reader_for_content(time_head, sizeof time_head - 1)->name, "time");
    const unsigned char other_head[] = "*FIND 1\n";
    CHECK(pc_reader_for_content(other_head, sizeof other_head - 1) == NULL);
    CHECK(pc_reader_by_name(NULL) == NULL);
    const pc_reader *const *all = pc_readers();
    CHECK(all[0] == txt);
    size_t count = 0;
    while (all[count])
        count++;
    CHECK(count >= 1);
    pc_article_clear(NULL);
    pc_article empty = {0};
    pc_article_clear(&empty);
}

int main(void)
{
    RUN_TEST(test_title_and_body);
    RUN_TEST(test_header_lines);
    RUN_TEST(test_date_prefix_line);
    RUN_TEST(test_bare_header_block);
    RUN_TEST(test_bare_header_false_positives);
    RUN_TEST(test_long_first_line);
    RUN_TEST(test_title_repeated);
    RUN_TEST(test_no_body);
    RUN_TEST(test_hard_wrapped);
    RUN_TEST(test_sink_stops);
    RUN_TEST(test_huge_input);
    RUN_TEST(test_reader_table);
    RUN_TEST(test_seeds); /* these need the shared corpus: last, so a skip hides nothing */
    RUN_TEST(test_bbc);
    return TEST_REPORT();
}
