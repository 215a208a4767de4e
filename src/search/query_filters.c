/* query_filters.c — the values of the filters source:, lang: and date: as the parser reads them, and the same
 * filters given as command-line options (pc_query_add_filter): date forms and ranges to day numbers, language
 * codes, lists of sources and languages; and which source names a source: pattern matches (whole names,
 * folded as the analyzer folds words, '*' for any run of characters). */
#include "presscut/search/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/strbuf.h"
#include "presscut/text/dates.h"
#include "query_internal.h"

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

/* Reads one date written YYYY, YYYY-MM or YYYY-MM-DD (year 1000..9999) and sets the day numbers of its first
 * and last day. False when it is not one of these or not a real date. */
static bool date_bounds(const char *s, size_t n, long *first, long *last)
{
    static const char *const month_ends[] = {"31", "28", "31", "30", "31", "30", "31", "31", "30", "31", "30", "31"};
    char from[11], to[11];
    if (n == 4 && all_digits(s, 4)) {
        snprintf(from, sizeof from, "%.4s-01-01", s);
        snprintf(to, sizeof to, "%.4s-12-31", s);
    } else if (n == 7 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2)) {
        int month = (s[5] - '0') * 10 + (s[6] - '0');
        if (month < 1 || month > 12)
            return false;
        snprintf(from, sizeof from, "%.7s-01", s);
        snprintf(to, sizeof to, "%.7s-%s", s, month_ends[month - 1]);
        if (month == 2) {
            char leap[11];
            snprintf(leap, sizeof leap, "%.7s-29", s);
            if (pc_date_day_number(leap) >= 0)
                memcpy(to, leap, sizeof to);
        }
    } else if (n == 10 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2) && s[7] == '-' &&
               all_digits(s + 8, 2)) {
        snprintf(from, sizeof from, "%.10s", s);
        memcpy(to, from, sizeof to);
    } else {
        return false;
    }
    if (s[0] == '0')
        return false;
    *first = pc_date_day_number(from);
    *last = pc_date_day_number(to);
    return *first > 0 && *last > 0;
}

bool query_date_spec(const char *s, size_t n, long *from, long *to)
{
    long first, last;
    *from = 0;
    *to = 0;
    if (n >= 2 && (s[0] == '>' || s[0] == '<')) {
        bool or_equal = s[1] == '=';
        size_t skip = or_equal ? 2 : 1;
        if (!date_bounds(s + skip, n - skip, &first, &last))
            return false;
        if (s[0] == '>')
            *from = or_equal ? first : last + 1;
        else
            *to = or_equal ? last : first - 1;
        return true;
    }
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == '.' && s[i + 1] == '.') {
            size_t a_len = i, b_len = n - i - 2;
            if (a_len == 0 && b_len == 0)
                return false;
            if (a_len > 0) {
                if (!date_bounds(s, a_len, &first, &last))
                    return false;
                *from = first;
            }
            if (b_len > 0) {
                if (!date_bounds(s + i + 2, b_len, &first, &last))
                    return false;
                *to = last;
            }
            return true;
        }
    }
    if (!date_bounds(s, n, &first, &last))
        return false;
    *from = first;
    *to = last;
    return true;
}

void query_narrow_dates(pc_query_filters *f, long from, long to)
{
    if (from > 0 && (f->day_from == 0 || from > f->day_from))
        f->day_from = from;
    if (to > 0 && (f->day_to == 0 || to < f->day_to))
        f->day_to = to;
}

int query_add_string(char ***list, size_t *n, const char *s, size_t len, bool lowercase)
{
    char **grown = realloc(*list, (*n + 1) * sizeof *grown);
    if (!grown)
        return PC_ENOMEM;
    *list = grown;
    char *copy = malloc(len + 1);
    if (!copy)
        return PC_ENOMEM;
    memcpy(copy, s, len);
    copy[len] = '\0';
    if (lowercase)
        for (char *c = copy; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
    grown[(*n)++] = copy;
    return PC_OK;
}

bool query_is_lang_code(const char *s, size_t n)
{
    if (n < 2 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            return false;
    return true;
}

bool query_is_source_pattern(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return true;
    }
    return false;
}

/* ---- source names and patterns ---- */

typedef struct fold_words {
    pc_strbuf *out;
    bool first;
} fold_words;

static int add_folded_word(void *payload, const pc_term *term)
{
    fold_words *fw = payload;
    if (term->colocated)
        return 0; /* no stems: lang "" has no stemmer, but keep to surface terms whatever the analyzer does */
    if (!fw->first)
        pc_strbuf_add(fw->out, " ", 1);
    pc_strbuf_add(fw->out, term->text, (size_t)term->len);
    fw->first = false;
    return fw->out->failed ? PC_ENOMEM : 0;
}

/* Appends the folded words of [s, s+len) to out, one space between them. */
static int fold_into(pc_analyzer *a, const char *s, size_t len, pc_strbuf *out)
{
    fold_words fw = {.out = out, .first = true};
    int rc = pc_analyze(a, "", s, len, add_folded_word, &fw);
    return rc == 0 && !out->failed ? PC_OK : PC_ENOMEM;
}

int pc_source_fold(pc_analyzer *a, const char *s, size_t len, bool pattern, char **out)
{
    *out = NULL;
    pc_strbuf buf = {0};
    int rc = PC_OK;
    size_t start = 0;
    for (size_t i = 0; rc == PC_OK && i <= len; i++) {
        if (i < len && !(pattern && s[i] == '*'))
            continue;
        rc = fold_into(a, s + start, i - start, &buf);
        if (i < len)
            pc_strbuf_add(&buf, "*", 1);
        start = i + 1;
    }
    *out = rc == PC_OK && !buf.failed ? (buf.data ? buf.data : strdup("")) : NULL; /* no words: "" */
    if (!*out) {
        pc_strbuf_free(&buf);
        return PC_ENOMEM;
    }
    return PC_OK;
}

bool pc_source_glob(const char *pattern, const char *name)
{
    /* the last '*' seen and where in name its run ends so far: on a mismatch the run grows by one byte */
    const char *star = NULL, *resume = NULL;
    while (*name) {
        if (*pattern == '*') {
            star = pattern++;
            resume = name;
        } else if (*pattern == *name) {
            pattern++;
            name++;
        } else if (star) {
            pattern = star + 1;
            name = ++resume;
        } else {
            return false;
        }
    }
    while (*pattern == '*')
        pattern++;
    return *pattern == '\0';
}

void pc_source_names_free(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

int pc_source_names_matching(pc_analyzer *a, const char *const *patterns, size_t n_patterns,
                             const char *const *names, size_t n_names, char ***matched, size_t *n_matched)
{
    *matched = NULL;
    *n_matched = 0;
    char **folded = calloc(n_patterns ? n_patterns : 1, sizeof *folded);
    if (!folded)
        return PC_ENOMEM;
    int rc = PC_OK;
    for (size_t k = 0; rc == PC_OK && k < n_patterns; k++)
        rc = pc_source_fold(a, patterns[k], strlen(patterns[k]), true, &folded[k]);
    for (size_t i = 0; rc == PC_OK && i < n_names; i++) {
        char *key = NULL;
        rc = pc_source_fold(a, names[i], strlen(names[i]), false, &key);
        bool hit = false;
        for (size_t k = 0; rc == PC_OK && k < n_patterns && !hit; k++)
            hit = pc_source_glob(folded[k], key);
        free(key);
        if (rc == PC_OK && hit)
            rc = query_add_string(matched, n_matched, names[i], strlen(names[i]), false);
    }
    pc_source_names_free(folded, n_patterns);
    if (rc != PC_OK) {
        pc_source_names_free(*matched, *n_matched);
        *matched = NULL;
        *n_matched = 0;
    }
    return rc;
}

int pc_query_check_filter(const char *name, const char *value, pc_error *err)
{
    size_t n = strlen(value);
    long first, last;
    if (strcmp(name, "since") == 0 || strcmp(name, "until") == 0) {
        if (!date_bounds(value, n, &first, &last))
            return pc_error_set(err, PC_EINVAL, "--%s: bad date '%s': write YYYY, YYYY-MM or YYYY-MM-DD", name, value);
        return PC_OK;
    }
    bool source = strcmp(name, "source") == 0, lang = strcmp(name, "lang") == 0;
    if (!source && !lang)
        return pc_error_set(err, PC_EINVAL, "unknown filter '%s': use since, until, source or lang", name);
    if (n == 0)
        return pc_error_set(err, PC_EINVAL, "--%s: the value is empty: write %s", name,
                            source ? "a source name, as in --source bbc" : "a language code, as in --lang en");
    if (source && !query_is_source_pattern(value, n))
        return pc_error_set(err, PC_EINVAL,
                            "--source: '%s' has no letter or digit: write a source name or a pattern, as in --source "
                            "bbc.co.uk or --source '*news*'",
                            value);
    if (lang && !query_is_lang_code(value, n))
        return pc_error_set(err, PC_EINVAL, "--lang: bad language '%s': write a two-letter code, as in --lang en",
                            value);
    return PC_OK;
}

int pc_query_add_filter(pc_query *q, const char *name, const char *value, pc_error *err)
{
    int rc = pc_query_check_filter(name, value, err);
    if (rc != PC_OK)
        return rc;
    size_t n = strlen(value);
    pc_query_filters *f = &q->filters;
    bool since = strcmp(name, "since") == 0, until = strcmp(name, "until") == 0;
    if (since || until) {
        long first = 0, last = 0;
        (void)date_bounds(value, n, &first, &last); /* checked above */
        query_narrow_dates(f, since ? first : 0, since ? 0 : last);
        return PC_OK;
    }
    rc = strcmp(name, "source") == 0 ? query_add_string(&f->sources, &f->n_sources, value, n, false)
                                     : query_add_string(&f->langs, &f->n_langs, value, n, true);
    if (rc != PC_OK)
        return pc_error_set(err, PC_ENOMEM, "out of memory while adding a filter");
    return PC_OK;
}
