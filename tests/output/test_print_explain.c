/* test_print_explain.c — the report of `search --explain` (print_explain.h) on a hand-made explanation: the
 * exact TEXT layout (title terms, a prefix, a word without forms, the date range, --any's left-out words,
 * the exact-form marker shown as '=', escaped control characters), and the JSON and JSON Lines records
 * parsed back with jansson. */
#include <jansson.h>
#include <stdbool.h>

#include "presscut/output/print_explain.h"
#include "presscut/text/analyzer.h"

#include "harness.h"

/* The explanation of `attacks -kre* title:"=x y<ESC>"` as --any would give it, built from literals (not
 * freed). */
typedef struct sample {
    pc_explained_form attack_forms[5], prefix_forms[1];
    pc_explained_word attack_words[1], prefix_words[1], title_words[2];
    pc_explained_term terms[3];
    char *langs[2];
    char match[64];
    pc_explanation e;
} sample;

static void sample_init(sample *s)
{
    memset(s, 0, sizeof *s);
    s->attack_forms[0] = (pc_explained_form){.text = "attacks", .len = 7, .stem = false, .passages = 5};
    s->attack_forms[1] = (pc_explained_form){.text = "attack", .len = 6, .stem = true, .lang = "en", .passages = 4};
    s->attack_forms[2] = (pc_explained_form){.text = "attacks", .len = 7, .stem = true, .lang = "ru", .passages = 0};
    s->attack_forms[3] = (pc_explained_form){.text = "ataks", .len = 5, .translit = "ru-bgn", .passages = 0};
    s->attack_forms[4] = (pc_explained_form){.text = "ataks", .len = 5, .stem = true, .lang = "en",
                                             .translit = "ru-bgn", .passages = 1};
    s->attack_words[0] = (pc_explained_word){.text = "attacks", .forms = s->attack_forms, .n_forms = 5};
    s->prefix_forms[0] = (pc_explained_form){.text = "kre", .len = 3, .passages = 9, .terms = 2};
    s->prefix_words[0] = (pc_explained_word){.text = "kre", .prefix = true, .forms = s->prefix_forms, .n_forms = 1};
    s->title_words[0] = (pc_explained_word){.text = "x", .exact = true};
    s->title_words[1] = (pc_explained_word){.text = "y\033"};
    s->terms[0] = (pc_explained_term){.column = 1, .passages = 9, .words = s->attack_words, .n_words = 1};
    s->terms[1] = (pc_explained_term){.column = 10, .passages = 1, .words = s->prefix_words, .n_words = 1};
    s->terms[2] = (pc_explained_term){.phrase = true, .in_title = true, .column = 21, .passages = 0,
                                      .words = s->title_words, .n_words = 2};
    s->langs[0] = "en";
    s->langs[1] = "ru";
    snprintf(s->match, sizeof s->match, "(\"attacks\" OR \"%cx\")", PC_QUERY_EXACT_MARK);
    s->e = (pc_explanation){
        .query = "attacks -kre* title:\"=x y\033\"",
        .any = true,
        .tree = "OR\n  attacks\n  NOT\n    kre*\ntitle:\n  \"=x y\033\"\n",
        .langs = s->langs,
        .n_langs = 2,
        .terms = s->terms,
        .n_terms = 3,
        .has_date_filter = true,
        .date_passage_ids = {.from = 738186LL << 32, .to = 738214LL << 32},
        .plan = {.match = s->match, .any = "\"attacks\"", .title_highlight = "\"attacks\"",
                 .left_out = "the of"},
    };
}

/* Prints `e` in `format` into memory; returns the malloc'd text. */
static char *print_to_memory(const pc_explanation *e, pc_output_format format)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    pc_printer_options opt = {.format = format, .out = f};
    pc_printer *p = NULL;
    pc_error err;
    CHECK_INT_EQ(pc_printer_new(&opt, &p, &err), 0);
    CHECK_INT_EQ(pc_print_explanation(p, e, &err), 0);
    pc_printer_free(p);
    fclose(f);
    return data;
}

static void test_text(void)
{
    sample s;
    sample_init(&s);
    char *text = print_to_memory(&s.e, PC_OUTPUT_TEXT);
    CHECK_STR_EQ(text, "query: attacks -kre* title:\"=x y\\x1b\"  (--any: any of the words)\n"
                       "\n"
                       "understood as:\n"
                       "OR\n  attacks\n  NOT\n    kre*\ntitle:\n  \"=x y\\x1b\"\n"
                       "\n"
                       "words are looked up in the index's languages: en ru\n"
                       "\n"
                       "terms (passages each alternative is in):\n"
                       "  term at column 1 matches 9 passages\n"
                       "    attacks: attacks (5), stem en:attack (4); in Latin (ru-bgn): ataks (0), stem en:ataks (1); 1 more stem "
                       "not in the index\n"
                       "  term at column 10 matches 1 passage\n"
                       "    kre*: kre* (9 passages, 2 words)\n"
                       "  in titles:\n"
                       "  phrase at column 21 matches 0 passages\n"
                       "    =x: (no searchable word)\n"
                       "    y\\x1b: (no searchable word)\n"
                       "\n"
                       "date filter: passage ids from 738186 << 32 to 738214 << 32 (a rowid range FTS5 applies "
                       "while it scans)\n"
                       "left out as too common (--any): the of\n"
                       "articles must match:  (\"attacks\" OR \"=x\")\n"
                       "passages ranked and shown (any wanted term):  \"attacks\"\n"
                       "title bonus and highlights:  \"attacks\"\n");
    free(text);

    /* without a date filter, left-out words or an exclusion, those lines are not printed */
    s.e.has_date_filter = false;
    s.e.plan.left_out = NULL;
    s.e.plan.any = NULL;
    s.e.plan.title_filter = "\"x\"";
    text = print_to_memory(&s.e, PC_OUTPUT_TEXT);
    const char *tail = text ? strstr(text, "    y\\x1b: (no searchable word)\n\n") : NULL;
    CHECK_STR_EQ(tail, "    y\\x1b: (no searchable word)\n\n"
                       "articles must match:  (\"attacks\" OR \"=x\")\n"
                       "titles must match:  \"x\"\n"
                       "title bonus and highlights:  \"attacks\"\n");
    free(text);
}

/* The string at `key` of obj, or NULL. */
static const char *str_at(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static long long int_at(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_integer(v) ? (long long)json_integer_value(v) : -1;
}

static void check_record(json_t *doc)
{
    CHECK(json_is_object(doc));
    CHECK_STR_EQ(str_at(doc, "query"), "attacks -kre* title:\"=x y\033\""); /* JSON escapes it itself */
    CHECK(json_is_true(json_object_get(doc, "any")));
    json_t *tree = json_object_get(doc, "understood_as");
    CHECK_INT_EQ(json_array_size(tree), 6);
    CHECK_STR_EQ(json_string_value(json_array_get(tree, 3)), "    kre*");
    json_t *langs = json_object_get(doc, "langs");
    CHECK_INT_EQ(json_array_size(langs), 2);
    CHECK_STR_EQ(json_string_value(json_array_get(langs, 1)), "ru");

    json_t *terms = json_object_get(doc, "terms");
    CHECK_INT_EQ(json_array_size(terms), 3);
    json_t *t0 = json_array_get(terms, 0);
    CHECK_STR_EQ(str_at(t0, "kind"), "term");
    CHECK_INT_EQ(int_at(t0, "column"), 1);
    CHECK(json_is_false(json_object_get(t0, "in_title")));
    CHECK_INT_EQ(int_at(t0, "passages"), 9);
    json_t *w0 = json_array_get(json_object_get(t0, "words"), 0);
    CHECK_STR_EQ(str_at(w0, "text"), "attacks");
    CHECK(json_is_false(json_object_get(w0, "exact")));
    CHECK(json_is_false(json_object_get(w0, "prefix")));
    json_t *forms = json_object_get(w0, "forms");
    CHECK_INT_EQ(json_array_size(forms), 5); /* all of them, those not in the index too */
    json_t *stem = json_array_get(forms, 1);
    CHECK_STR_EQ(str_at(stem, "text"), "attack");
    CHECK(json_is_true(json_object_get(stem, "stem")));
    CHECK_STR_EQ(str_at(stem, "lang"), "en");
    CHECK(json_is_null(json_object_get(stem, "translit")));
    CHECK(json_is_null(json_object_get(json_array_get(forms, 0), "lang")));
    CHECK_STR_EQ(str_at(json_array_get(forms, 3), "translit"), "ru-bgn");
    CHECK_INT_EQ(int_at(stem, "passages"), 4);
    CHECK(json_is_null(json_object_get(stem, "terms")));

    json_t *prefix = json_array_get(json_object_get(json_array_get(terms, 1), "words"), 0);
    CHECK(json_is_true(json_object_get(prefix, "prefix")));
    json_t *pform = json_array_get(json_object_get(prefix, "forms"), 0);
    CHECK_STR_EQ(str_at(pform, "text"), "kre");
    CHECK_INT_EQ(int_at(pform, "passages"), 9);
    CHECK_INT_EQ(int_at(pform, "terms"), 2);

    json_t *t2 = json_array_get(terms, 2);
    CHECK_STR_EQ(str_at(t2, "kind"), "phrase");
    CHECK(json_is_true(json_object_get(t2, "in_title")));
    json_t *exact = json_array_get(json_object_get(t2, "words"), 0);
    CHECK_STR_EQ(str_at(exact, "text"), "x");
    CHECK(json_is_true(json_object_get(exact, "exact")));
    CHECK_INT_EQ(json_array_size(json_object_get(exact, "forms")), 0);

    json_t *range = json_object_get(doc, "passage_id_range");
    CHECK_INT_EQ(int_at(range, "from"), 738186LL << 32);
    CHECK_INT_EQ(int_at(range, "to"), 738214LL << 32);
    json_t *left_out = json_object_get(doc, "left_out");
    CHECK_INT_EQ(json_array_size(left_out), 2);
    CHECK_STR_EQ(json_string_value(json_array_get(left_out, 0)), "the");
    CHECK_STR_EQ(json_string_value(json_array_get(left_out, 1)), "of");
    json_t *fts5 = json_object_get(doc, "fts5");
    CHECK_STR_EQ(str_at(fts5, "match"), "(\"attacks\" OR \"=x\")");
    CHECK_STR_EQ(str_at(fts5, "passages"), "\"attacks\"");
    CHECK(json_is_null(json_object_get(fts5, "title_filter")));
    CHECK_STR_EQ(str_at(fts5, "title_highlight"), "\"attacks\"");
}

static void test_json(void)
{
    sample s;
    sample_init(&s);
    const pc_output_format formats[] = {PC_OUTPUT_JSON, PC_OUTPUT_JSONL};
    for (size_t i = 0; i < 2; i++) {
        char *text = print_to_memory(&s.e, formats[i]);
        json_error_t jerr;
        json_t *doc = text ? json_loads(text, 0, &jerr) : NULL;
        CHECK(doc != NULL);
        if (doc)
            check_record(doc);
        json_decref(doc);
        /* JSON: one member per line; JSON Lines: one line */
        size_t lines = 0;
        for (const char *c = text; c && *c; c++)
            lines += *c == '\n';
        CHECK_INT_EQ(lines, formats[i] == PC_OUTPUT_JSON ? 11 : 1);
        free(text);
    }

    /* no date filter and nothing left out: null and [] */
    s.e.has_date_filter = false;
    s.e.plan.left_out = NULL;
    char *text = print_to_memory(&s.e, PC_OUTPUT_JSONL);
    json_error_t jerr;
    json_t *doc = text ? json_loads(text, 0, &jerr) : NULL;
    CHECK(json_is_null(json_object_get(doc, "passage_id_range")));
    CHECK(json_is_array(json_object_get(doc, "left_out")));
    CHECK_INT_EQ(json_array_size(json_object_get(doc, "left_out")), 0);
    json_decref(doc);
    free(text);

    /* a date filter without a last day: "to" is null */
    s.e.has_date_filter = true;
    s.e.date_passage_ids = (pc_passage_id_range){.from = 738186LL << 32, .open_end = true};
    text = print_to_memory(&s.e, PC_OUTPUT_JSONL);
    doc = text ? json_loads(text, 0, &jerr) : NULL;
    CHECK_INT_EQ(int_at(json_object_get(doc, "passage_id_range"), "from"), 738186LL << 32);
    CHECK(json_is_null(json_object_get(json_object_get(doc, "passage_id_range"), "to")));
    json_decref(doc);
    free(text);
}

int main(void)
{
    RUN_TEST(test_text);
    RUN_TEST(test_json);
    return TEST_REPORT();
}
