/* reader_results.h — what the reader unit tests collect from one read: the return code, the first
 * READ_KEPT articles and the last one (their fields moved out, as the indexer may take them), and the first
 * READ_KEPT warnings with their lines. read_result_collect and read_result_warn are the sink and warning
 * callbacks to hand a reader with the result as payload; read_result_run reads a text with them,
 * read_result_run_bytes and read_result_run_file the bytes of a file decoded as the indexer does;
 * read_result_done frees the kept articles. */
#ifndef PRESSCUT_TEST_READER_RESULTS_H
#define PRESSCUT_TEST_READER_RESULTS_H

#include "harness.h"
#include "presscut/ingest/reader.h"
#include "presscut/text/text_decode.h"

#define READ_KEPT 8

typedef struct read_result {
    int rc;
    pc_error err;
    int articles;
    pc_article a[READ_KEPT]; /* the first articles */
    pc_article last;         /* the latest one after those */
    int warnings;
    long warn_line[READ_KEPT];
    char warn_msg[READ_KEPT][512];
    int stop_after;          /* the sink returns stop_code after this many articles (0: never) */
    int stop_code;
    const char *expect_path; /* when set, every warning must name this path */
} read_result;

static inline int read_result_collect(void *payload, pc_article *article)
{
    read_result *res = payload;
    pc_article *into = res->articles < READ_KEPT ? &res->a[res->articles] : &res->last;
    pc_article_clear(into);
    *into = *article;
    memset(article, 0, sizeof *article);
    res->articles++;
    return res->stop_after && res->articles >= res->stop_after ? res->stop_code : 0;
}

static inline void read_result_warn(void *payload, const char *path, long line, const char *msg)
{
    read_result *res = payload;
    if (res->expect_path)
        CHECK_STR_EQ(path, res->expect_path);
    if (res->warnings < READ_KEPT) {
        res->warn_line[res->warnings] = line;
        snprintf(res->warn_msg[res->warnings], sizeof res->warn_msg[0], "%s", msg);
    }
    res->warnings++;
}

/* Reads `text` (len bytes, as if it were the file `path`) with reader fn into a fresh *res; the sink answers
 * stop_code after stop_after articles (0: never), and every warning must name `path`. */
static inline void read_result_run(read_result *res, pc_reader_fn fn, const char *path, const char *text, size_t len,
                                   const pc_field_map *map, int stop_after, int stop_code)
{
    memset(res, 0, sizeof *res);
    res->stop_after = stop_after;
    res->stop_code = stop_code;
    res->expect_path = path;
    pc_reader_input in = {path, (const unsigned char *)text, len, text, len, map, 0};
    pc_error_clear(&res->err);
    res->rc = fn(&in, read_result_collect, read_result_warn, res, &res->err);
}

/* Decodes the len bytes raw of the file `path` with pc_text_decode, as the indexer does, and reads the text
 * with reader fn into a fresh *res (the sink never stops; every warning must name `path`). Returns the
 * encoding the decoder found, or -1 when it could not decode (then nothing was read and res->rc is 0). */
static inline int read_result_run_bytes(read_result *res, pc_reader_fn fn, const char *path, const unsigned char *raw,
                                        size_t len)
{
    memset(res, 0, sizeof *res);
    res->expect_path = path;
    pc_decoded_text dec;
    pc_error_clear(&res->err);
    if (pc_text_decode(raw, len, &dec, &res->err) != 0)
        return -1;
    pc_reader_input in = {path, raw, len, dec.text, dec.len, NULL, 0};
    res->rc = fn(&in, read_result_collect, read_result_warn, res, &res->err);
    free(dec.text);
    return (int)dec.encoding;
}

/* read_result_run_bytes on the whole file at path; -1 also when the file cannot be read. */
static inline int read_result_run_file(read_result *res, pc_reader_fn fn, const char *path)
{
    size_t len = 0;
    unsigned char *raw = harness_read_file(path, &len);
    if (!raw) {
        memset(res, 0, sizeof *res);
        return -1;
    }
    int encoding = read_result_run_bytes(res, fn, path, raw, len);
    free(raw);
    return encoding;
}

static inline void read_result_done(read_result *res)
{
    for (int i = 0; i < READ_KEPT; i++)
        pc_article_clear(&res->a[i]);
    pc_article_clear(&res->last);
}

#endif
