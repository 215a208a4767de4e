/* test_output.c — unit tests of the printers: exact TEXT output with and without colour, escaping of
 * control characters, JSON and JSON Lines parsed back (field order, code point highlights in Cyrillic text,
 * U+FFFD for invalid UTF-8), the JSON document, articles, --format parsing and write errors; structured
 * records and reports in each format (exact text), their misuse errors, and the safe printing of text. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <unistd.h>

#include "presscut/output/printer.h"
#include "presscut/output/safe_text.h"

#include "harness.h"

/* A printer writing into memory. */
typedef struct sink {
    FILE *f;
    char *data;
    size_t len;
    pc_printer *o;
} sink;

static void sink_open(sink *s, pc_output_format format, bool color, const char *query)
{
    memset(s, 0, sizeof *s);
    s->f = open_memstream(&s->data, &s->len);
    pc_printer_options opt = {format, color, s->f, query};
    pc_error err;
    CHECK_INT_EQ(pc_printer_new(&opt, &s->o, &err), 0);
}

/* What was printed so far (NUL-terminated). */
static const char *sink_text(sink *s)
{
    fflush(s->f);
    return s->data ? s->data : "";
}

static void sink_close(sink *s)
{
    pc_printer_free(s->o);
    fclose(s->f);
    free(s->data);
}

static const char *BBC_PASSAGE = "US officials said Russian forces could attack Ukraine at any time,\n\n  and the White "
                                 "House repeated its warning.";

/* The hit of the example in the documentation: an article with 3 matching passages. */
static pc_search_hit bbc_hit(pc_span *spans, pc_span *title_spans)
{
    pc_search_hit h;
    memset(&h, 0, sizeof h);
    h.rank = 1;
    h.article_id = 1234;
    h.passage_id = 77;
    h.passage_seq = 2;
    h.score = 12.5;
    h.matching_passages = 3;
    h.title = "Russia is preparing an excuse to invade Ukraine: US official";
    h.published = "2022-02-14";
    h.source = "BBC";
    h.path = "corpus/seeds/002.txt";
    h.record = "3";
    h.lang = "en";
    h.passage = BBC_PASSAGE;
    h.passage_len = strlen(BBC_PASSAGE);
    /* "attack" and "Ukraine" in the passage, "Ukraine" in the title */
    spans[0].start = (size_t)(strstr(BBC_PASSAGE, "attack") - BBC_PASSAGE);
    spans[0].end = spans[0].start + 6;
    spans[1].start = (size_t)(strstr(BBC_PASSAGE, "Ukraine") - BBC_PASSAGE);
    spans[1].end = spans[1].start + 7;
    h.spans = spans;
    h.n_spans = 2;
    title_spans[0].start = (size_t)(strstr(h.title, "Ukraine") - h.title);
    title_spans[0].end = title_spans[0].start + 7;
    h.title_spans = title_spans;
    h.n_title_spans = 1;
    /* the window: "officials ... and the", cut on both sides */
    h.snippet.start = 3;
    h.snippet.end = (size_t)(strstr(BBC_PASSAGE, "the White") - BBC_PASSAGE) + 3;
    h.snippet.cut_before = true;
    h.snippet.cut_after = true;
    return h;
}

static void test_text_plain(void)
{
    pc_span spans[2], tspans[1];
    pc_search_hit h = bbc_hit(spans, tspans);
    sink s;
    sink_open(&s, PC_OUTPUT_TEXT, false, "attack ukraine");
    pc_error err;
    CHECK_INT_EQ(pc_printer_hit(s.o, &h, &err), 0);
    /* a second hit: per passage, untitled, undated, no source, no record */
    pc_search_hit h2;
    memset(&h2, 0, sizeof h2);
    h2.rank = 10;
    h2.article_id = 5;
    h2.passage_id = 9;
    h2.passage_seq = 4;
    h2.matching_passages = 1;
    h2.title = "  ";
    h2.path = "notes.txt";
    h2.passage = "Short passage.";
    h2.passage_len = strlen(h2.passage);
    h2.snippet.end = h2.passage_len;
    CHECK_INT_EQ(pc_printer_hit(s.o, &h2, &err), 0);
    CHECK_INT_EQ(pc_printer_end(s.o, 2, 0, &err), 0);
    CHECK_STR_EQ(sink_text(&s),
                 "1. 2022-02-14 · BBC · Russia is preparing an excuse to invade Ukraine: US official\n"
                 "   …officials said Russian forces could attack Ukraine at any time, and the…\n"
                 "   corpus/seeds/002.txt · record 3 · id 1234 · 3 matching passages\n"
                 "\n"
                 "10. undated · (untitled)\n"
                 "    Short passage.\n"
                 "    notes.txt · id 5 · passage 4\n");
    CHECK(strchr(sink_text(&s), '\033') == NULL);
    sink_close(&s);
}

static void test_text_color(void)
{
    pc_span spans[2], tspans[1];
    pc_search_hit h = bbc_hit(spans, tspans);
    /* a window that cuts "attack" in half: only the part inside is highlighted */
    h.snippet.start = 0;
    h.snippet.end = (size_t)(strstr(BBC_PASSAGE, "attack") - BBC_PASSAGE) + 3;
    h.snippet.cut_before = false;
    h.matching_passages = 1;
    h.record = NULL;
    sink s;
    sink_open(&s, PC_OUTPUT_TEXT, true, NULL);
    pc_error err;
    CHECK_INT_EQ(pc_printer_hit(s.o, &h, &err), 0);
    CHECK_STR_EQ(sink_text(&s),
                 "\033[2m1.\033[0m \033[32m2022-02-14\033[0m · \033[36mBBC\033[0m · "
                 "\033[1mRussia is preparing an excuse to invade \033[1;31mUkraine\033[0m\033[1m: US official\033[0m\n"
                 "   US officials said Russian forces could \033[1;31matt\033[0m…\n"
                 "   \033[2mcorpus/seeds/002.txt · id 1234 · passage 2\033[0m\n");
    sink_close(&s);
}

static void test_text_escapes(void)
{
    pc_search_hit h;
    memset(&h, 0, sizeof h);
    h.rank = 1;
    h.article_id = 3;
    h.title = "Evil\033[2J title\x7f\xc2\x9b ok";
    h.source = "Src\tName";
    h.published = "2022";
    h.path = "a\nb.txt";
    const char *p = "bad \xff byte and \033]0;owned\a bell";
    h.passage = p;
    h.passage_len = strlen(p);
    h.snippet.end = h.passage_len;
    sink s;
    sink_open(&s, PC_OUTPUT_TEXT, false, NULL);
    pc_error err;
    CHECK_INT_EQ(pc_printer_hit(s.o, &h, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "1. 2022 · Src Name · Evil\\x1b[2J title\\x7f\\u009b ok\n"
                                "   bad \xef\xbf\xbd byte and \\x1b]0;owned\\x07 bell\n"
                                "   \"a\\nb.txt\" · id 3\n"); /* the path C-quoted: it names the file */
    CHECK(strchr(sink_text(&s), '\033') == NULL);
    sink_close(&s);
}

/* The keys of a JSON object, joined by ',' (static buffer). */
static const char *keys_of(json_t *obj)
{
    static char buf[1024];
    buf[0] = '\0';
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (buf[0])
            strcat(buf, ",");
        strcat(buf, key);
    }
    return buf;
}

static long long pair_at(json_t *arr, size_t i, size_t k)
{
    return (long long)json_integer_value(json_array_get(json_array_get(arr, i), k));
}

static const char *UK_PASSAGE = "Вранці  Київ\nзнову атакували. КИЇВ \xff вистояв, Київ живе.";

static pc_search_hit uk_hit(pc_span *spans, pc_span *tspans)
{
    pc_search_hit h;
    memset(&h, 0, sizeof h);
    h.rank = 2;
    h.article_id = 42;
    h.passage_id = 4294967297LL;
    h.passage_seq = 1;
    h.score = 3.25;
    h.matching_passages = 1;
    h.title = "Київ під обстрілом";
    h.published = "2022-03-01";
    h.source = NULL;
    h.path = "uk/news.jsonl";
    h.record = "line 7";
    h.tags = "topic:war; place:kyiv";
    h.passage = UK_PASSAGE;
    h.passage_len = strlen(UK_PASSAGE);
    const char *p = UK_PASSAGE;
    spans[0].start = (size_t)(strstr(p, "Київ") - p);
    spans[0].end = spans[0].start + strlen("Київ");
    spans[1].start = (size_t)(strstr(p, "КИЇВ") - p);
    spans[1].end = spans[1].start + strlen("КИЇВ");
    spans[2].start = (size_t)(strstr(p, "Київ живе") - p);
    spans[2].end = spans[2].start + strlen("Київ");
    h.spans = spans;
    h.n_spans = 3;
    tspans[0].start = 0;
    tspans[0].end = strlen("Київ");
    h.title_spans = tspans;
    h.n_title_spans = 1;
    /* the window starts at "Київ" and ends after "вистояв,": cut after only */
    h.snippet.start = spans[0].start;
    h.snippet.end = (size_t)(strstr(p, "вистояв,") - p) + strlen("вистояв,");
    h.snippet.cut_before = false;
    h.snippet.cut_after = true;
    return h;
}

static void test_jsonl(void)
{
    pc_span spans[3], tspans[1];
    pc_search_hit h = uk_hit(spans, tspans);
    sink s;
    sink_open(&s, PC_OUTPUT_JSONL, true /* ignored */, "київ");
    pc_error err;
    CHECK_INT_EQ(pc_printer_hit(s.o, &h, &err), 0);
    h.rank = 3;
    h.score = INFINITY; /* not a JSON number: null */
    CHECK_INT_EQ(pc_printer_hit(s.o, &h, &err), 0);
    CHECK_INT_EQ(pc_printer_end(s.o, 2, 1, &err), 0);
    const char *text = sink_text(&s);
    CHECK(strchr(text, '\033') == NULL);
    const char *nl = strchr(text, '\n');
    CHECK(nl && strchr(nl + 1, '\n') && strchr(nl + 1, '\n')[1] == '\0'); /* two lines */
    CHECK(strstr(text, "\": ") == NULL);                                   /* compact */
    json_error_t jerr;
    json_t *obj = json_loadb(text, nl ? (size_t)(nl - text) : 0, 0, &jerr);
    CHECK(obj != NULL);
    if (obj) {
        CHECK_STR_EQ(keys_of(obj), "rank,article_id,passage_id,passage_seq,score,date,source,title,url,lang,path,"
                                   "record,tags,matching_passages,copies,snippet,highlights,title_highlights,matched,cluster,"
                                   "body_highlights");
        CHECK_INT_EQ(json_integer_value(json_object_get(obj, "rank")), 2);
        CHECK_INT_EQ(json_integer_value(json_object_get(obj, "article_id")), 42);
        CHECK_INT_EQ(json_integer_value(json_object_get(obj, "passage_id")), 4294967297LL);
        CHECK(json_real_value(json_object_get(obj, "score")) == 3.25);
        CHECK(json_is_null(json_object_get(obj, "source")));
        CHECK(json_is_null(json_object_get(obj, "url")));
        CHECK_STR_EQ(json_string_value(json_object_get(obj, "date")), "2022-03-01");
        CHECK_STR_EQ(json_string_value(json_object_get(obj, "record")), "line 7");
        CHECK_STR_EQ(json_string_value(json_object_get(obj, "tags")), "topic:war; place:kyiv");
        /* white space collapsed, the bad byte replaced, "…" where cut */
        CHECK_STR_EQ(json_string_value(json_object_get(obj, "snippet")),
                     "Київ знову атакували. КИЇВ \xef\xbf\xbd вистояв,…");
        /* highlights in code points: "Київ" 0-4, "КИЇВ" 22-26; the third match is outside the window */
        json_t *hl = json_object_get(obj, "highlights");
        CHECK_INT_EQ(json_array_size(hl), 2);
        CHECK_INT_EQ(pair_at(hl, 0, 0), 0);
        CHECK_INT_EQ(pair_at(hl, 0, 1), 4);
        CHECK_INT_EQ(pair_at(hl, 1, 0), 22);
        CHECK_INT_EQ(pair_at(hl, 1, 1), 26);
        json_t *thl = json_object_get(obj, "title_highlights");
        CHECK_INT_EQ(json_array_size(thl), 1);
        CHECK_INT_EQ(pair_at(thl, 0, 0), 0);
        CHECK_INT_EQ(pair_at(thl, 0, 1), 4);
        /* matched: distinct, lowercased (КИЇВ -> київ) */
        json_t *m = json_object_get(obj, "matched");
        CHECK_INT_EQ(json_array_size(m), 1);
        CHECK_STR_EQ(json_string_value(json_array_get(m, 0)), "київ");
        json_decref(obj);
    }
    obj = nl ? json_loads(nl + 1, 0, &jerr) : NULL;
    CHECK(obj && json_is_null(json_object_get(obj, "score")));
    CHECK(obj && json_integer_value(json_object_get(obj, "rank")) == 3);
    json_decref(obj);
    sink_close(&s);
}

static void test_json_document(void)
{
    pc_span spans[2], tspans[1];
    pc_search_hit h = bbc_hit(spans, tspans);
    h.title = "Bad \xc3\x28 title \033[31m";
    h.n_title_spans = 0;
    sink s;
    sink_open(&s, PC_OUTPUT_JSON, false, "attack \"ukraine\"");
    pc_error err;
    CHECK_INT_EQ(pc_printer_hit(s.o, &h, &err), 0);
    CHECK_STR_EQ(sink_text(&s), ""); /* nothing before the end */
    h.rank = 2;
    h.passage = NULL; /* a hit by title only */
    h.passage_len = 0;
    h.passage_id = 0;
    h.passage_seq = 0;
    h.n_spans = 0;
    CHECK_INT_EQ(pc_printer_hit(s.o, &h, &err), 0);
    CHECK_INT_EQ(pc_printer_end(s.o, 57, 10, &err), 0);
    const char *text = sink_text(&s);
    const char *head = "{\n  \"query\": \"attack \\\"ukraine\\\"\",\n  \"total\": 57,\n  \"offset\": 10,\n  \"count\": 2,\n"
                       "  \"suggestions\": [],\n  \"hits\": [\n    {\n      \"rank\": 1,\n";
    CHECK(strncmp(text, head, strlen(head)) == 0);
    CHECK(text[strlen(text) - 1] == '\n');
    json_error_t jerr;
    json_t *doc = json_loads(text, 0, &jerr);
    CHECK(doc != NULL);
    if (doc) {
        CHECK_STR_EQ(keys_of(doc), "query,total,offset,count,suggestions,hits");
        CHECK_STR_EQ(json_string_value(json_object_get(doc, "query")), "attack \"ukraine\"");
        CHECK_INT_EQ(json_integer_value(json_object_get(doc, "total")), 57);
        CHECK_INT_EQ(json_integer_value(json_object_get(doc, "offset")), 10);
        CHECK_INT_EQ(json_integer_value(json_object_get(doc, "count")), 2);
        json_t *hits = json_object_get(doc, "hits");
        CHECK_INT_EQ(json_array_size(hits), 2);
        json_t *first = json_array_get(hits, 0);
        /* invalid UTF-8 became U+FFFD; the escape is kept as a character (JSON escapes it) */
        CHECK_STR_EQ(json_string_value(json_object_get(first, "title")), "Bad \xef\xbf\xbd( title \033[31m");
        CHECK_STR_EQ(json_string_value(json_object_get(first, "snippet")),
                     "…officials said Russian forces could attack Ukraine at any time, and the…");
        json_t *hl = json_object_get(first, "highlights");
        CHECK_INT_EQ(json_array_size(hl), 2);
        CHECK_INT_EQ(pair_at(hl, 0, 0), 37); /* "…officials said Russian forces could " is 37 */
        CHECK_INT_EQ(pair_at(hl, 0, 1), 43);
        CHECK_INT_EQ(pair_at(hl, 1, 0), 44);
        CHECK_INT_EQ(pair_at(hl, 1, 1), 51);
        json_t *m = json_object_get(first, "matched");
        CHECK_INT_EQ(json_array_size(m), 2);
        CHECK_STR_EQ(json_string_value(json_array_get(m, 0)), "attack");
        CHECK_STR_EQ(json_string_value(json_array_get(m, 1)), "ukraine");
        json_t *second = json_array_get(hits, 1);
        CHECK(json_is_null(json_object_get(second, "snippet")));
        CHECK(json_is_null(json_object_get(second, "passage_id")));
        CHECK(json_is_null(json_object_get(second, "passage_seq")));
        CHECK_INT_EQ(json_array_size(json_object_get(second, "highlights")), 0);
        json_decref(doc);
    }
    sink_close(&s);

    /* no hits: still a document */
    sink_open(&s, PC_OUTPUT_JSON, false, NULL);
    CHECK_INT_EQ(pc_printer_end(s.o, 0, 0, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "{\n  \"query\": null,\n  \"total\": 0,\n  \"offset\": 0,\n  \"count\": 0,\n"
                                "  \"suggestions\": [],\n  \"hits\": []\n}\n");
    sink_close(&s);
}

/* Spelling suggestions: the JSON document's field, the line for people, and nothing on stdout for text and
 * JSON Lines. */
static void test_suggestions(void)
{
    pc_error err;
    pc_error_clear(&err);
    pc_suggestion items[2] = {{.text = "peskov", .distance = 1, .passages = 14},
                              {.text = "pieskow", .distance = 1, .passages = 3}};
    pc_word_suggestions word = {.word = "Peskow", .column = 9, .items = items, .n = 2};
    pc_query_suggestions some = {.words = &word, .n = 1}, none = {.words = NULL, .n = 0};
    sink s;
    sink_open(&s, PC_OUTPUT_JSON, false, NULL);
    CHECK_INT_EQ(pc_printer_suggestions(s.o, &some, &err), 0);
    CHECK_INT_EQ(pc_printer_end(s.o, 0, 0, &err), 0);
    json_t *doc = json_loads(sink_text(&s), 0, NULL);
    char *compact = doc ? json_dumps(json_object_get(doc, "suggestions"), JSON_COMPACT) : NULL;
    CHECK_STR_EQ(compact, "[{\"word\":\"Peskow\",\"column\":9,\"did_you_mean\":[\"peskov\",\"pieskow\"]}]");
    free(compact);
    json_decref(doc);
    sink_close(&s);
    sink_open(&s, PC_OUTPUT_JSONL, false, NULL);
    CHECK_INT_EQ(pc_printer_suggestions(s.o, &none, &err), 0);
    CHECK_INT_EQ(pc_printer_end(s.o, 0, 0, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "");
    sink_close(&s);
    sink_open(&s, PC_OUTPUT_JSONL, false, NULL); /* every JSON Lines line is a hit: suggestions go to stderr */
    CHECK_INT_EQ(pc_printer_suggestions(s.o, &some, &err), 0);
    CHECK_INT_EQ(pc_printer_end(s.o, 0, 0, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "");
    sink_close(&s);
    sink_open(&s, PC_OUTPUT_TEXT, false, NULL);
    CHECK_INT_EQ(pc_printer_suggestions(s.o, &some, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "");
    sink_close(&s);
    pc_strbuf line = {0};
    pc_suggestions_layout(&line, &some);
    CHECK_STR_EQ(line.data, "'Peskow' is not in the index; did you mean peskov, pieskow?\n");
    pc_strbuf_free(&line);
    pc_strbuf empty = {0};
    pc_suggestions_layout(&empty, &none);
    CHECK_INT_EQ(empty.len, 0);
    pc_strbuf_free(&empty);
}

static pc_article_view article(pc_span *body_spans, pc_span *title_spans)
{
    pc_article_view a;
    memset(&a, 0, sizeof a);
    a.article_id = 1234;
    a.title = "Київ під обстрілом";
    a.published = "2022-03-01";
    a.source = "Укрінформ";
    a.url = "https://example.org/a";
    a.lang = "uk";
    a.path = "uk/a.txt";
    a.tags = "topic:war";
    a.cluster = 7;
    a.copies = 2;
    a.n_passages = 2;
    a.body = "Перший абзац про Київ.\n\nДругий \033[5m абзац: Київ.";
    a.body_len = strlen(a.body);
    body_spans[0].start = (size_t)(strstr(a.body, "Київ") - a.body);
    body_spans[0].end = body_spans[0].start + strlen("Київ");
    const char *second = strstr(a.body + body_spans[0].end, "Київ");
    body_spans[1].start = (size_t)(second - a.body);
    body_spans[1].end = body_spans[1].start + strlen("Київ");
    a.body_spans = body_spans;
    a.n_body_spans = 2;
    title_spans[0].start = 0;
    title_spans[0].end = strlen("Київ");
    a.title_spans = title_spans;
    a.n_title_spans = 1;
    return a;
}

static void test_article(void)
{
    pc_span bs[2], ts[1];
    pc_article_view a = article(bs, ts);
    sink s;
    pc_error err;
    sink_open(&s, PC_OUTPUT_TEXT, false, NULL);
    CHECK_INT_EQ(pc_printer_article(s.o, &a, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "Київ під обстрілом\n"
                                "date:   2022-03-01\n"
                                "source: Укрінформ\n"
                                "url:    https://example.org/a\n"
                                "lang:   uk\n"
                                "path:   uk/a.txt\n"
                                "tags:   topic:war\n"
                                "id:     1234\n"
                                "copies: 2\n"
                                "\n"
                                "Перший абзац про Київ.\n\nДругий \\x1b[5m абзац: Київ.\n");
    sink_close(&s);

    sink_open(&s, PC_OUTPUT_TEXT, true, NULL);
    a.copies = 0;
    a.url = NULL;
    a.record = "line 3";
    CHECK_INT_EQ(pc_printer_article(s.o, &a, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "\033[1m\033[1;31mКиїв\033[0m\033[1m під обстрілом\033[0m\n"
                                "\033[2mdate:   \033[0m2022-03-01\n"
                                "\033[2msource: \033[0mУкрінформ\n"
                                "\033[2mlang:   \033[0muk\n"
                                "\033[2mpath:   \033[0muk/a.txt\n"
                                "\033[2mrecord: \033[0mline 3\n"
                                "\033[2mtags:   \033[0mtopic:war\n"
                                "\033[2mid:     \033[0m1234\n"
                                "\n"
                                "Перший абзац про \033[1;31mКиїв\033[0m.\n\nДругий \\x1b[5m абзац: "
                                "\033[1;31mКиїв\033[0m.\n");
    sink_close(&s);

    a = article(bs, ts);
    a.body = "Київ \xfe";
    a.body_len = strlen(a.body);
    bs[0].start = 0;
    bs[0].end = strlen("Київ");
    a.n_body_spans = 1;
    sink_open(&s, PC_OUTPUT_JSONL, false, NULL);
    CHECK_INT_EQ(pc_printer_article(s.o, &a, &err), 0);
    json_error_t jerr;
    json_t *obj = json_loads(sink_text(&s), 0, &jerr);
    CHECK(obj != NULL);
    if (obj) {
        CHECK_STR_EQ(keys_of(obj), "article_id,date,source,title,url,lang,path,record,tags,cluster,copies,body,"
                                   "highlights,title_highlights");
        CHECK_INT_EQ(json_integer_value(json_object_get(obj, "article_id")), 1234);
        CHECK_INT_EQ(json_integer_value(json_object_get(obj, "cluster")), 7);
        CHECK_INT_EQ(json_integer_value(json_object_get(obj, "copies")), 2);
        CHECK(json_is_null(json_object_get(obj, "record")));
        CHECK_STR_EQ(json_string_value(json_object_get(obj, "body")), "Київ \xef\xbf\xbd");
        json_t *hl = json_object_get(obj, "highlights");
        CHECK_INT_EQ(json_array_size(hl), 1);
        CHECK_INT_EQ(pair_at(hl, 0, 0), 0);
        CHECK_INT_EQ(pair_at(hl, 0, 1), 4);
        CHECK_INT_EQ(json_array_size(json_object_get(obj, "title_highlights")), 1);
        json_decref(obj);
    }
    sink_close(&s);

    /* JSON: one pretty object, and no search document at the end */
    sink_open(&s, PC_OUTPUT_JSON, false, NULL);
    CHECK_INT_EQ(pc_printer_article(s.o, &a, &err), 0);
    CHECK_INT_EQ(pc_printer_end(s.o, 0, 0, &err), 0);
    CHECK(strncmp(sink_text(&s), "{\n  \"article_id\": 1234,\n", strlen("{\n  \"article_id\": 1234,\n")) == 0);
    obj = json_loads(sink_text(&s), 0, &jerr);
    CHECK(obj && json_is_object(obj));
    json_decref(obj);
    sink_close(&s);
}

static void test_format_parse(void)
{
    pc_output_format f = PC_OUTPUT_TEXT;
    pc_error err;
    CHECK_INT_EQ(pc_output_format_parse("json", &f, &err), 0);
    CHECK_INT_EQ(f, PC_OUTPUT_JSON);
    CHECK_INT_EQ(pc_output_format_parse("jsonl", &f, &err), 0);
    CHECK_INT_EQ(f, PC_OUTPUT_JSONL);
    CHECK_INT_EQ(pc_output_format_parse("text", &f, &err), 0);
    CHECK_INT_EQ(f, PC_OUTPUT_TEXT);
    CHECK_INT_EQ(pc_output_format_parse("xml", &f, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "unknown output format 'xml': use text, json or jsonl");
    CHECK_INT_EQ(pc_output_format_parse(NULL, &f, NULL), PC_EINVAL);
    pc_printer_free(NULL);
}

static void test_write_errors(void)
{
    pc_span spans[2], tspans[1];
    pc_search_hit h = bbc_hit(spans, tspans);
    pc_error err;
    /* a full device: the error shows at the latest when the result ends */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        pc_printer_options opt = {PC_OUTPUT_TEXT, false, full, NULL};
        pc_printer *o = NULL;
        CHECK_INT_EQ(pc_printer_new(&opt, &o, &err), 0);
        int rc = 0;
        for (int i = 0; i < 200 && rc == 0; i++)
            rc = pc_printer_hit(o, &h, &err);
        if (rc == 0)
            rc = pc_printer_end(o, 200, 0, &err);
        CHECK_INT_EQ(rc, PC_EIO);
        CHECK(strstr(err.msg, "cannot write the results") != NULL);
        pc_printer_free(o);
        fclose(full);
    }
    /* a closed pipe (EPIPE, with SIGPIPE ignored as the command line does) */
    int fds[2];
    CHECK_INT_EQ(pipe(fds), 0);
    close(fds[0]);
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    FILE *w = fdopen(fds[1], "w");
    pc_printer_options opt = {PC_OUTPUT_JSONL, false, w, NULL};
    pc_printer *o = NULL;
    CHECK_INT_EQ(pc_printer_new(&opt, &o, &err), 0);
    int rc = pc_printer_hit(o, &h, &err);
    if (rc == 0)
        rc = pc_printer_end(o, 1, 0, &err);
    CHECK_INT_EQ(rc, PC_EIO);
    CHECK(strstr(err.msg, "Broken pipe") != NULL);
    pc_printer_free(o);
    fclose(w);
    signal(SIGPIPE, old);
}

/* One record with every kind of value, nested containers and empty ones. */
static void emit_sample_record(pc_printer *p)
{
    pc_printer_begin_map(p);
    pc_printer_map_key(p, "name");
    pc_printer_string(p, "Київ\tcity\033");
    pc_printer_map_key(p, "count");
    pc_printer_integer(p, 3);
    pc_printer_map_key(p, "score");
    pc_printer_real(p, 2.5);
    pc_printer_map_key(p, "ok");
    pc_printer_boolean(p, true);
    pc_printer_map_key(p, "none");
    pc_printer_string(p, NULL);
    pc_printer_map_key(p, "tags");
    pc_printer_begin_list(p);
    pc_printer_string(p, "a");
    pc_printer_string_n(p, "b\xff", 2);
    pc_printer_end_list(p);
    pc_printer_map_key(p, "empty");
    pc_printer_begin_list(p);
    pc_printer_end_list(p);
    pc_printer_map_key(p, "rows");
    pc_printer_begin_list(p);
    pc_printer_begin_map(p);
    pc_printer_map_key(p, "x");
    pc_printer_integer(p, 1);
    pc_printer_map_key(p, "y");
    pc_printer_real(p, NAN);
    pc_printer_end_map(p);
    pc_printer_begin_map(p);
    pc_printer_end_map(p);
    pc_printer_begin_list(p);
    pc_printer_integer(p, -7);
    pc_printer_end_list(p);
    pc_printer_end_list(p);
    pc_printer_map_key(p, "nested");
    pc_printer_begin_map(p);
    pc_printer_map_key(p, "deep");
    pc_printer_begin_map(p);
    pc_printer_map_key(p, "v");
    pc_printer_string(p, "");
    pc_printer_end_map(p);
    pc_printer_end_map(p);
    pc_printer_end_map(p);
}

static void test_structured(void)
{
    pc_error err;
    sink s;
    sink_open(&s, PC_OUTPUT_TEXT, true /* records have no colour */, NULL);
    emit_sample_record(s.o);
    CHECK_INT_EQ(pc_printer_flush(s.o, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "name: Київ city\\x1b\n"
                                "count: 3\n"
                                "score: 2.5\n"
                                "ok: true\n"
                                "none: (none)\n"
                                "tags:\n"
                                "  - a\n"
                                "  - b\xef\xbf\xbd\n"
                                "empty: []\n"
                                "rows:\n"
                                "  - x: 1\n"
                                "    y: (none)\n"
                                "  - {}\n"
                                "  - - -7\n"
                                "nested:\n"
                                "  deep:\n"
                                "    v: \"\"\n");
    sink_close(&s);

    sink_open(&s, PC_OUTPUT_JSON, false, NULL);
    emit_sample_record(s.o);
    CHECK_INT_EQ(pc_printer_flush(s.o, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "{\n"
                                "  \"name\": \"Київ\\tcity\\u001B\",\n"
                                "  \"count\": 3,\n"
                                "  \"score\": 2.5,\n"
                                "  \"ok\": true,\n"
                                "  \"none\": null,\n"
                                "  \"tags\": [\"a\", \"b\xef\xbf\xbd\"],\n"
                                "  \"empty\": [],\n"
                                "  \"rows\": [{\"x\": 1, \"y\": null}, {}, [-7]],\n"
                                "  \"nested\": {\"deep\": {\"v\": \"\"}}\n"
                                "}\n");
    sink_close(&s);

    sink_open(&s, PC_OUTPUT_JSONL, false, NULL);
    emit_sample_record(s.o);
    emit_sample_record(s.o); /* records follow one another, a line each */
    CHECK_INT_EQ(pc_printer_flush(s.o, &err), 0);
    const char *line = "{\"name\":\"Київ\\tcity\\u001B\",\"count\":3,\"score\":2.5,\"ok\":true,\"none\":null,"
                       "\"tags\":[\"a\",\"b\xef\xbf\xbd\"],\"empty\":[],\"rows\":[{\"x\":1,\"y\":null},{},[-7]],"
                       "\"nested\":{\"deep\":{\"v\":\"\"}}}\n";
    char both[1024];
    snprintf(both, sizeof both, "%s%s", line, line);
    CHECK_STR_EQ(sink_text(&s), both);
    sink_close(&s);

    /* empty records and a list at the top */
    const pc_output_format formats[] = {PC_OUTPUT_TEXT, PC_OUTPUT_JSON, PC_OUTPUT_JSONL};
    const char *expected[] = {"{}\n- 1\n- x: true\n", "{}\n[\n  1,\n  {\"x\": true}\n]\n", "{}\n[1,{\"x\":true}]\n"};
    for (size_t i = 0; i < 3; i++) {
        sink_open(&s, formats[i], false, NULL);
        pc_printer_begin_map(s.o);
        pc_printer_end_map(s.o);
        pc_printer_begin_list(s.o);
        pc_printer_integer(s.o, 1);
        pc_printer_begin_map(s.o);
        pc_printer_map_key(s.o, "x");
        pc_printer_boolean(s.o, true);
        pc_printer_end_map(s.o);
        pc_printer_end_list(s.o);
        CHECK_INT_EQ(pc_printer_flush(s.o, &err), 0);
        CHECK_STR_EQ(sink_text(&s), expected[i]);
        sink_close(&s);
    }
}

static void test_structured_misuse(void)
{
    pc_error err;
    sink s;
    sink_open(&s, PC_OUTPUT_JSON, false, NULL);
    /* a value in a map without its key: the first error sticks, later calls do nothing */
    pc_printer_begin_map(s.o);
    pc_printer_integer(s.o, 1);
    pc_printer_map_key(s.o, "a");
    pc_printer_end_map(s.o);
    CHECK_INT_EQ(pc_printer_flush(s.o, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "a value in a map needs its key first");
    CHECK_STR_EQ(sink_text(&s), "");
    /* a scalar at the top */
    pc_printer_string(s.o, "alone");
    CHECK_INT_EQ(pc_printer_flush(s.o, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "a structured record must start with a map or a list");
    /* a record left open, then a mismatched end */
    pc_printer_begin_list(s.o);
    CHECK_INT_EQ(pc_printer_flush(s.o, &err), PC_EINVAL);
    CHECK_STR_EQ(err.msg, "a structured record was left open");
    pc_printer_begin_list(s.o);
    pc_printer_end_map(s.o);
    CHECK_INT_EQ(pc_printer_flush(s.o, &err), PC_EINVAL);
    /* after a flush the printer works again */
    pc_printer_begin_map(s.o);
    pc_printer_map_key(s.o, "k");
    pc_printer_integer(s.o, 2);
    pc_printer_end_map(s.o);
    CHECK_INT_EQ(pc_printer_flush(s.o, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "{\n  \"k\": 2\n}\n");
    sink_close(&s);
}

static void figures_structure(pc_printer *p, const void *data)
{
    pc_printer_begin_map(p);
    pc_printer_map_key(p, "figure");
    pc_printer_integer(p, *(const int *)data);
    pc_printer_end_map(p);
}

static void figures_layout(pc_strbuf *out, const void *data, bool color)
{
    char line[64];
    snprintf(line, sizeof line, "%sfigure is %d\n", color ? "(colour) " : "", *(const int *)data);
    pc_strbuf_add_str(out, line);
}

static void test_report(void)
{
    int figure = 42;
    pc_report with_layout = {.data = &figure, .structure = figures_structure, .layout = figures_layout};
    pc_report structure_only = {.data = &figure, .structure = figures_structure};
    pc_error err;
    sink s;
    sink_open(&s, PC_OUTPUT_TEXT, true, NULL);
    CHECK_INT_EQ(pc_printer_report(s.o, &with_layout, &err), 0);
    CHECK_INT_EQ(pc_printer_report(s.o, &structure_only, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "(colour) figure is 42\nfigure: 42\n");
    sink_close(&s);
    sink_open(&s, PC_OUTPUT_JSON, true, NULL);
    CHECK_INT_EQ(pc_printer_report(s.o, &with_layout, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "{\n  \"figure\": 42\n}\n");
    sink_close(&s);
    sink_open(&s, PC_OUTPUT_JSONL, false, NULL);
    CHECK_INT_EQ(pc_printer_report(s.o, &with_layout, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "{\"figure\":42}\n");
    sink_close(&s);
    /* a write error of a record shows at the report's end */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        pc_printer_options opt = {PC_OUTPUT_JSON, false, full, NULL};
        pc_printer *o = NULL;
        CHECK_INT_EQ(pc_printer_new(&opt, &o, &err), 0);
        CHECK_INT_EQ(pc_printer_report(o, &with_layout, &err), PC_EIO);
        CHECK(strstr(err.msg, "cannot write the results") != NULL);
        pc_printer_free(o);
        fclose(full);
    }
}

/* show: each article is a result of its own; TEXT separates results by a blank line, JSON Lines does not */
static void test_begin(void)
{
    pc_span bs[2], ts[1];
    pc_article_view a = article(bs, ts);
    a.body = "Body.";
    a.body_len = strlen(a.body);
    a.n_body_spans = 0;
    a.url = a.lang = a.path = a.tags = a.source = a.published = NULL;
    a.copies = 0;
    pc_error err;
    sink s;
    sink_open(&s, PC_OUTPUT_TEXT, false, NULL);
    CHECK_INT_EQ(pc_printer_begin(s.o, &err), 0);
    CHECK_INT_EQ(pc_printer_article(s.o, &a, &err), 0);
    CHECK_INT_EQ(pc_printer_begin(s.o, &err), 0); /* a result that finds nothing */
    CHECK_INT_EQ(pc_printer_begin(s.o, &err), 0);
    CHECK_INT_EQ(pc_printer_article(s.o, &a, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "Київ під обстрілом\nid:     1234\n\nBody.\n"
                                "\n\n\n"
                                "Київ під обстрілом\nid:     1234\n\nBody.\n");
    sink_close(&s);
    sink_open(&s, PC_OUTPUT_JSONL, false, NULL);
    CHECK_INT_EQ(pc_printer_begin(s.o, &err), 0);
    CHECK_INT_EQ(pc_printer_begin(s.o, &err), 0);
    CHECK_STR_EQ(sink_text(&s), "");
    sink_close(&s);
}

static void test_safe_text(void)
{
    pc_strbuf b = {0};
    const char *s = "a\033[2Jb\tc\n\n\nd\x7f\xc2\x9b\xc2\xa0\xff";
    pc_safe_text_add(&b, s, strlen(s), false);
    CHECK_STR_EQ(b.data, "a\\x1b[2Jb\tc d\\x7f\\u009b\xc2\xa0\xff");
    pc_strbuf_reset(&b);
    pc_safe_text_add(&b, s, strlen(s), true);
    CHECK_STR_EQ(b.data, "a\\x1b[2Jb\tc\n\n\nd\\x7f\\u009b\xc2\xa0\xff");
    pc_strbuf_reset(&b);
    pc_safe_text_add(&b, "\nx\xc2", 3, false); /* a leading newline is a space; a lone C2 at the end stays */
    CHECK_STR_EQ(b.data, " x\xc2");
    pc_strbuf_free(&b);

    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    pc_safe_text_write(f, "ok\007", 3, false);
    fclose(f);
    CHECK_STR_EQ(data, "ok\\x07");
    free(data);

    /* JSON: a C1 control (an index built before the indexer dropped them) becomes its JSON escape; U+00A0
     * (C2 A0) and a C2 at the very end stay. */
    f = open_memstream(&data, &len);
    const char *json = "{\"t\":\"a\xc2\x9b" "b\xc2\x80\xc2\xa0\xc2\x9f\"}\xc2";
    pc_safe_json_write(f, json, strlen(json));
    fclose(f);
    CHECK_STR_EQ(data, "{\"t\":\"a\\u009bb\\u0080\xc2\xa0\\u009f\"}\xc2");
    free(data);
    CHECK(pc_safe_text_has_controls("a\xc2\x9b", 3));
    CHECK(pc_safe_text_has_controls("a\x1b[2J", 5));
    CHECK(!pc_safe_text_has_controls("a\tb\r\nc\xc2\xa0", 8));
}

int main(void)
{
    RUN_TEST(test_text_plain);
    RUN_TEST(test_text_color);
    RUN_TEST(test_text_escapes);
    RUN_TEST(test_jsonl);
    RUN_TEST(test_json_document);
    RUN_TEST(test_suggestions);
    RUN_TEST(test_article);
    RUN_TEST(test_format_parse);
    RUN_TEST(test_write_errors);
    RUN_TEST(test_structured);
    RUN_TEST(test_structured_misuse);
    RUN_TEST(test_report);
    RUN_TEST(test_begin);
    RUN_TEST(test_safe_text);
    return TEST_REPORT();
}
