/* query.c — compiles the user's query text into a quoted FTS5 MATCH expression (see include/presscut/query.h).
 * The expression only ever contains quoted strings, "AND" and "*", so no user text can reach FTS5's syntax. */
#include "presscut/query.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct query_buffer {
    char *data;
    size_t len, cap;
    bool failed;
} query_buffer;

static void buffer_append(query_buffer *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void buffer_append_char(query_buffer *b, char c)
{
    buffer_append(b, &c, 1);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Control characters are never part of a query: they could forge the analyzer's markers. */
static bool is_control(char c)
{
    return (unsigned char)c < 0x20 || c == 0x7f;
}

static int count_terms(void *payload, const pc_term *term)
{
    (void)term;
    (*(size_t *)payload)++;
    return 0;
}

/* True when the analyzer finds at least one word in [s, s+len). */
static bool has_searchable_word(pc_analyzer *a, const char *s, size_t len)
{
    size_t n = 0;
    pc_analyze(a, NULL, s, len, count_terms, &n);
    return n > 0;
}

/* Appends one quoted FTS5 string for the words in [s, s+len): '=' before a word (after white space or at the
 * start) becomes PC_QUERY_EXACT_MARK; quotes are doubled; control characters become spaces. */
static void append_fts_string(query_buffer *b, const char *s, size_t len, bool all_exact)
{
    buffer_append_char(b, '"');
    bool word_start = true;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (is_control(c) || is_space(c)) {
            buffer_append_char(b, ' ');
            word_start = true;
            continue;
        }
        if (word_start) {
            if (c == '=' && i + 1 < len && !is_space(s[i + 1])) {
                buffer_append_char(b, PC_QUERY_EXACT_MARK);
                word_start = false;
                continue;
            }
            if (all_exact)
                buffer_append_char(b, PC_QUERY_EXACT_MARK);
        }
        word_start = false;
        if (c == '"')
            buffer_append(b, "\"\"", 2);
        else
            buffer_append_char(b, c);
    }
    buffer_append_char(b, '"');
}

int pc_query_compile(pc_analyzer *analyzer, const char *text, char **match, pc_error *err)
{
    *match = NULL;
    size_t len = strlen(text);
    if (len > PC_QUERY_MAX_BYTES)
        return pc_error_set(err, PC_EINVAL, "the query is %zu bytes long; the limit is %d", len, PC_QUERY_MAX_BYTES);

    query_buffer out = {0};
    size_t terms = 0;
    size_t i = 0;
    while (i < len) {
        if (is_space(text[i]) || is_control(text[i])) {
            i++;
            continue;
        }
        size_t column = i + 1;
        bool exact = false;
        if (text[i] == '=') {
            exact = true;
            i++;
            if (i >= len || is_space(text[i])) {
                free(out.data);
                return pc_error_set(err, PC_EINVAL, "'=' at column %zu must come right before a word or a phrase",
                                    column);
            }
        }
        const char *content;
        size_t content_len;
        bool prefix = false;
        if (text[i] == '"') {
            const char *close = memchr(text + i + 1, '"', len - i - 1);
            if (!close) {
                free(out.data);
                return pc_error_set(err, PC_EINVAL, "unbalanced quote at column %zu", i + 1);
            }
            content = text + i + 1;
            content_len = (size_t)(close - content);
            i = (size_t)(close - text) + 1;
            if (i < len && text[i] == '*') {
                prefix = true;
                i++;
            }
        } else {
            size_t start = i;
            while (i < len && !is_space(text[i]) && !is_control(text[i]) && text[i] != '"')
                i++;
            content = text + start;
            content_len = i - start;
            if (content_len > 0 && content[content_len - 1] == '*') {
                prefix = true;
                content_len--;
            }
            const char *star = memchr(content, '*', content_len);
            if (star) {
                free(out.data);
                return pc_error_set(err, PC_EINVAL, "'*' at column %zu must end a word (as in negotiat*)",
                                    (size_t)(star - text) + 1);
            }
            if (content_len == 0) {
                free(out.data);
                return pc_error_set(err, PC_EINVAL, "'*' at column %zu must follow the start of a word", column);
            }
        }
        if (i < len && !is_space(text[i]) && text[i] != '"' && !is_control(text[i]) && text[i - 1] == '"') {
            free(out.data);
            return pc_error_set(err, PC_EINVAL, "unexpected '%c' at column %zu after a phrase", text[i], i + 1);
        }
        if (!has_searchable_word(analyzer, content, content_len))
            continue; /* punctuation only: nothing to match */
        if (terms > 0)
            buffer_append(&out, " AND ", 5);
        append_fts_string(&out, content, content_len, exact);
        if (prefix)
            buffer_append(&out, " *", 2);
        terms++;
    }
    if (out.failed) {
        free(out.data);
        return pc_error_set(err, PC_ENOMEM, "out of memory while reading the query");
    }
    if (terms == 0) {
        free(out.data);
        return pc_error_set(err, PC_EINVAL, len == 0 ? "the query is empty" : "the query has no searchable words");
    }
    *match = out.data;
    return PC_OK;
}
