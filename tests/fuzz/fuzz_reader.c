/* fuzz_reader.c — fuzz target of one ingest reader (src/ingest/read_*.c through the table of reader.c), the
 * reader named by PRESSCUT_FUZZ_READER at build time ("txt", "html", "json", ...; one target each). The input
 * is a file's bytes: decoded as the indexer decodes them (pc_text_decode), then read. Each article must have
 * a body of its stated length and fields that are NUL-terminated UTF-8 and never empty; each warning a
 * message. */
#include "fuzz_target.h"
#include "presscut/ingest/reader.h"
#include "presscut/text/text_decode.h"

#ifndef PRESSCUT_FUZZ_READER
#error "PRESSCUT_FUZZ_READER names the reader to fuzz"
#endif

static void check_field(const char *value)
{
    if (!value)
        return;
    size_t len = strlen(value);
    FUZZ_CHECK(len > 0);
    FUZZ_CHECK(pc_utf8_valid(value, len));
}

static int check_article(void *payload, pc_article *article)
{
    size_t *articles = payload;
    (*articles)++;
    FUZZ_CHECK(article->body != NULL && strlen(article->body) == article->body_len);
    FUZZ_CHECK(pc_utf8_valid(article->body, article->body_len));
    check_field(article->title);
    check_field(article->published);
    check_field(article->source);
    check_field(article->url);
    check_field(article->lang);
    check_field(article->record);
    check_field(article->tags);
    for (size_t i = 0; i < article->n_passages; i++)
        FUZZ_CHECK(article->passages[i].start <= article->passages[i].end &&
                   article->passages[i].end <= article->body_len);
    return 0;
}

static void check_warning(void *payload, const char *path, long line, const char *msg)
{
    (void)payload;
    FUZZ_CHECK(path != NULL && msg != NULL && msg[0] != '\0' && line >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    static const pc_reader *reader;
    if (!reader) {
        reader = pc_reader_by_name(PRESSCUT_FUZZ_READER);
        FUZZ_CHECK(reader != NULL);
    }
    pc_decoded_text decoded;
    pc_error err;
    pc_error_clear(&err);
    if (pc_text_decode(data, size, &decoded, &err) != 0)
        return 0;
    pc_reader_input in = {
        .path = "fuzz-input", .raw = data, .raw_len = size, .text = decoded.text, .text_len = decoded.len};
    size_t articles = 0;
    pc_error_clear(&err);
    int rc = reader->read(&in, check_article, check_warning, &articles, &err);
    FUZZ_CHECK(rc == 0 || rc == PC_EFORMAT || rc == PC_ENOMEM || rc == PC_EINVAL);
    if (rc < 0)
        FUZZ_CHECK(err.msg[0] != '\0');
    free(decoded.text);
    return 0;
}
