/* exact_forms.c — measures the two ways of answering an exact-form query (=word) on the same corpus:
 *   colocated: the index keeps surface forms next to stems; =word is one FTS5 lookup of the surface term;
 *   verified:  the index keeps stems only; =word looks up the stem, then re-analyses every candidate
 *              passage and keeps those where the word appears in exactly that form.
 * Both must find the same passages; the program checks it and prints the time of each, per word.
 *
 *   bench_exact_forms COLOCATED.db STEMS_ONLY.db WORD...      (tests/bench/exact_forms.sh builds both) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "presscut/text/analyzer.h"
#include "presscut/fts5/fts5_tokenizer.h"
#include "presscut/store/store.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static pc_store *open_index(const char *path)
{
    pc_store *s = NULL;
    pc_store_options opt = {.read_only = true};
    pc_error err;
    if (pc_store_open(&s, path, &opt, &err) != PC_OK) {
        fprintf(stderr, "%s\n", err.msg);
        exit(2);
    }
    return s;
}

static int count_row(void *payload, int ncols, const char *const *names, const char *const *values)
{
    *(long long *)payload = values[0] ? atoll(values[0]) : 0;
    return 0;
}

/* The folded surface form of a single word (what the index stores for it). */
typedef struct first_term {
    char text[256];
} first_term;

static int keep_first(void *payload, const pc_term *t)
{
    first_term *f = payload;
    if (f->text[0] || t->len >= (int)sizeof f->text)
        return 0;
    memcpy(f->text, t->text, (size_t)t->len);
    f->text[t->len] = '\0';
    return 0;
}

typedef struct verify_state {
    pc_analyzer *analyzer;
    const char *surface;
    size_t surface_len;
    long long candidates, verified;
    int found; /* in the passage being checked */
} verify_state;

static int match_surface(void *payload, const pc_term *t)
{
    verify_state *v = payload;
    if (!t->colocated && (size_t)t->len == v->surface_len && memcmp(t->text, v->surface, v->surface_len) == 0) {
        v->found = 1;
        return 1; /* stop: one occurrence is enough */
    }
    return 0;
}

static int verify_row(void *payload, int ncols, const char *const *names, const char *const *values)
{
    verify_state *v = payload;
    const char *text = values[0] ? values[0] : "";
    size_t len = strlen(text);
    char lang[PC_LANG_MAX + 1];
    size_t tag = pc_lang_tag_parse(text, len, lang);
    v->candidates++;
    v->found = 0;
    pc_analyze(v->analyzer, lang, text + tag, len - tag, match_surface, v);
    v->verified += v->found;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s COLOCATED.db STEMS_ONLY.db WORD...\n", argv[0]);
        return 2;
    }
    pc_store *colocated = open_index(argv[1]);
    pc_store *stems_only = open_index(argv[2]);
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    pc_analyzer *analyzer = NULL;
    pc_error err;
    if (pc_analyzer_new(&analyzer, &cfg, &err) != PC_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 2;
    }
    printf("%-16s %10s %14s %12s %14s %8s\n", "word", "passages", "colocated ms", "candidates", "verified ms", "same");
    int status = 0;
    for (int i = 3; i < argc; i++) {
        first_term surface = {{0}};
        pc_analyze(analyzer, NULL, argv[i], strlen(argv[i]), keep_first, &surface);
        /* The term inside an SQL string literal: quotes doubled. */
        char quoted[512];
        size_t q = 0;
        for (const char *c = surface.text; *c && q + 2 < sizeof quoted; c++) {
            if (*c == '\'')
                quoted[q++] = '\'';
            quoted[q++] = *c;
        }
        quoted[q] = '\0';
        char sql[1024];
        /* Colocated: FTS5 looks the surface term up. \x02 asks the tokenizer for the exact form. */
        snprintf(sql, sizeof sql, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH '\"\x02%s\"'", quoted);
        long long exact = 0;
        double t0 = now_seconds();
        if (pc_store_sql(colocated, sql, count_row, &exact, &err) != PC_OK)
            fprintf(stderr, "%s\n", err.msg);
        double colocated_ms = (now_seconds() - t0) * 1e3;

        /* Verified: stems only, then the text of every candidate passage analysed again. */
        snprintf(sql, sizeof sql,
                 "SELECT t.text FROM passage_fts JOIN passage_text t ON t.id = passage_fts.rowid "
                 "WHERE passage_fts MATCH '\"%s\"'",
                 quoted);
        verify_state v = {.analyzer = analyzer, .surface = surface.text, .surface_len = strlen(surface.text)};
        t0 = now_seconds();
        if (pc_store_sql(stems_only, sql, verify_row, &v, &err) != PC_OK)
            fprintf(stderr, "%s\n", err.msg);
        double verified_ms = (now_seconds() - t0) * 1e3;
        int same = exact == v.verified;
        status |= !same;
        printf("%-16s %10lld %14.2f %12lld %14.2f %8s\n", argv[i], exact, colocated_ms, v.candidates, verified_ms,
               same ? "yes" : "NO");
    }
    pc_analyzer_free(analyzer);
    pc_store_close(colocated);
    pc_store_close(stems_only);
    return status;
}
