/* entity_forms_bench.c — how long making the forms of one entity takes on a real index, and what they are:
 * a measurement, not a test.
 *
 *   bench_entity_forms_bench --db INDEX [--reps R] [--no-translit] [--exact] ALIAS...
 *
 * Opens INDEX read-only, makes the forms of the entity with these aliases once (printed: kind, text, how),
 * then R more times (default 20) and prints the median and the slowest run in milliseconds. The first run
 * includes compiling ICU's transliteration rules and warming SQLite's page cache; it is printed apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "presscut/search/entity_forms.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *db = NULL;
    int reps = 20;
    pc_entity_form_options opt;
    pc_entity_form_options_default(&opt);
    const char *aliases[64];
    size_t n_aliases = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
            reps = atoi(argv[++i]);
        else if (strcmp(argv[i], "--no-translit") == 0)
            opt.translit = false;
        else if (strcmp(argv[i], "--exact") == 0)
            opt.inflect = false;
        else if (n_aliases < sizeof aliases / sizeof aliases[0])
            aliases[n_aliases++] = argv[i];
    }
    if (!db || n_aliases == 0 || reps < 1 || reps > 10000) {
        fprintf(stderr, "usage: bench_entity_forms_bench --db INDEX [--reps R] [--no-translit] [--exact] ALIAS...\n");
        return 2;
    }
    pc_store_options sopt = {.read_only = true};
    pc_store *store = NULL;
    pc_analyzer *a = NULL;
    pc_error err;
    pc_error_clear(&err);
    if (pc_store_open(&store, db, &sopt, &err) != 0 || pc_analyzer_new(&a, pc_store_analyzer_config(store), &err) != 0) {
        fprintf(stderr, "bench_entity_forms_bench: %s\n", err.msg);
        pc_store_close(store);
        return 2;
    }
    pc_entity_forms forms;
    double t0 = now_ms();
    int rc = pc_entity_forms_make(store, a, aliases, n_aliases, &opt, &forms, &err);
    double first = now_ms() - t0;
    if (rc != 0) {
        fprintf(stderr, "bench_entity_forms_bench: %s\n", err.msg);
        pc_analyzer_free(a);
        pc_store_close(store);
        return 2;
    }
    for (size_t i = 0; i < forms.n; i++)
        printf("%-15s %-40s %s\n", pc_form_kind_name(forms.forms[i].kind), forms.forms[i].text, forms.forms[i].how);
    if (forms.n_left_out)
        printf("(%zu more phrase forms left out)\n", forms.n_left_out);
    size_t n_forms = forms.n;
    pc_entity_forms_clear(&forms);
    double *ms = calloc((size_t)reps, sizeof *ms);
    for (int r = 0; ms && r < reps && rc == 0; r++) {
        t0 = now_ms();
        rc = pc_entity_forms_make(store, a, aliases, n_aliases, &opt, &forms, &err);
        ms[r] = now_ms() - t0;
        pc_entity_forms_clear(&forms);
    }
    if (ms && rc == 0) {
        qsort(ms, (size_t)reps, sizeof *ms, by_value);
        printf("%zu forms; first run %.2f ms; then median %.2f ms, slowest %.2f ms over %d runs\n", n_forms, first,
               ms[reps / 2], ms[reps - 1], reps);
    }
    free(ms);
    pc_analyzer_free(a);
    pc_store_close(store);
    return rc == 0 ? 0 : 2;
}
