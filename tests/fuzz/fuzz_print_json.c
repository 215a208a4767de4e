/* fuzz_print_json.c — fuzz target of the JSON and JSON Lines printers (src/output/print_json.c, printer.c,
 * safe_text.c): a hit made from the input (fuzz_hit.h) is printed twice as a search result, or its passage
 * as a whole article (`show`), then a structured record of its strings, into a memory stream. Everything
 * printed must be JSON that jansson parses: one document per record in JSON, one object per line in JSON
 * Lines. */
#include <jansson.h>

#include "fuzz_hit.h"
#include "presscut/output/printer.h"

/* Checks that out[0, len) is a sequence of `expected` JSON values, each ending a line (JSON Lines), or
 * JSON texts of several lines each (JSON, pretty), by loading them one after another. */
static void check_json_values(const char *out, size_t len, size_t expected)
{
    FUZZ_CHECK(pc_utf8_valid(out, len));
    size_t values = 0, at = 0;
    while (at < len) {
        json_error_t error;
        json_t *v = json_loadb(out + at, len - at, JSON_DISABLE_EOF_CHECK, &error);
        if (!v)
            fprintf(stderr, "value %zu not JSON: %s at %d\n", values + 1, error.text, error.position);
        FUZZ_CHECK(v != NULL && (json_is_object(v) || json_is_array(v)));
        json_decref(v);
        at += error.position;
        while (at < len && (out[at] == '\n' || out[at] == ' '))
            at++;
        values++;
    }
    FUZZ_CHECK(values == expected);
}

static void print_record(pc_printer *p, const pc_search_hit *h)
{
    pc_printer_begin_map(p);
    pc_printer_map_key(p, "title");
    pc_printer_string(p, h->title);
    pc_printer_map_key(p, "source"); /* keys are literals in presscut, values are data */
    pc_printer_string(p, h->source);
    pc_printer_map_key(p, "values");
    pc_printer_begin_list(p);
    pc_printer_string_n(p, h->passage, h->passage_len);
    pc_printer_real(p, h->score);
    pc_printer_integer(p, h->rank);
    pc_printer_boolean(p, h->copies > 0);
    pc_printer_null(p);
    pc_printer_end_list(p);
    pc_printer_end_map(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > FUZZ_MAX_INPUT)
        return 0;
    fuzz_hit f;
    if (!fuzz_hit_make(&f, data, size))
        return 0;
    pc_output_format format = data[0] & 1 ? PC_OUTPUT_JSONL : PC_OUTPUT_JSON;
    bool show = data[0] & 2;
    char *out = NULL;
    size_t out_len = 0;
    FILE *stream = open_memstream(&out, &out_len);
    FUZZ_CHECK(stream != NULL);
    pc_printer_options opt = {.format = format, .out = stream, .query = f.hit.title};
    pc_printer *p = NULL;
    pc_error err;
    pc_error_clear(&err);
    FUZZ_CHECK_OK(pc_printer_new(&opt, &p, &err), &err);
    size_t expected = 0;
    if (show) {
        pc_article_view a = {
            .article_id = f.hit.article_id, .title = f.hit.title, .published = f.hit.published,
            .source = f.hit.source, .url = f.hit.url, .lang = f.hit.lang, .path = f.hit.path,
            .record = f.hit.record, .tags = f.hit.tags, .cluster = f.hit.cluster, .copies = f.hit.copies,
            .n_passages = 1, .body = f.hit.passage ? f.hit.passage : "", .body_len = f.hit.passage_len,
            .body_spans = f.hit.spans, .n_body_spans = f.hit.n_spans, .title_spans = f.hit.title_spans,
            .n_title_spans = f.hit.n_title_spans};
        FUZZ_CHECK_OK(pc_printer_begin(p, &err), &err);
        FUZZ_CHECK_OK(pc_printer_article(p, &a, &err), &err);
        expected = 1;
    } else {
        for (int i = 0; i < 2; i++) {
            f.hit.rank += i;
            FUZZ_CHECK_OK(pc_printer_hit(p, &f.hit, &err), &err);
        }
        FUZZ_CHECK_OK(pc_printer_end(p, 2, 0, &err), &err);
        expected = format == PC_OUTPUT_JSON ? 1 : 2;
    }
    print_record(p, &f.hit);
    FUZZ_CHECK_OK(pc_printer_flush(p, &err), &err);
    expected++;
    pc_printer_free(p);
    fclose(stream);
    check_json_values(out, out_len, expected);
    free(out);
    fuzz_hit_free(&f);
    return 0;
}
