/* neardup_bbc.c — measures near-duplicate clustering (src/ingest/neardup.c + the store's clustering rule) on the
 * BBC full-text corpus (run by hand; not a test).
 *
 *   exact      the shingle Jaccard similarity of every pair of the 2,225 bodies (title line left out);
 *   clusters   the clusters the store would make (files in path order, as the indexer writes them): each
 *              body joins the cluster of the most similar earlier body sharing an LSH band key whose
 *              estimated similarity is >= the threshold; for the configured bands x rows and alternatives;
 *   against    the hand labels in tests/eval/neardup_bbc_labels.tsv (dup/not) and against "every pair with
 *              exact Jaccard >= threshold": precision and recall of "same cluster";
 *   estimate   the error of the MinHash estimate against the exact value over pairs with Jaccard >= 0.2;
 *   cost       signature time per body.
 *
 * Usage: eval_neardup_bbc [--corpus DIR] [--labels FILE] [--list MIN] [--threshold T]
 *   DIR defaults to $PRESSCUT_SHARED/corpus ($PRESSCUT_SHARED defaults to ../shared); FILE defaults to
 *   $PRESSCUT_SOURCE/tests/eval/neardup_bbc_labels.tsv ($PRESSCUT_SOURCE defaults to .); --list MIN prints
 *   every pair with exact Jaccard >= MIN (path, path, exact, estimate, same cluster, titles) to label. */
#include <glob.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "presscut/ingest/neardup.h"

#define MEASURE_PROGRAM "eval_neardup_bbc"
#include "measure.h"

typedef struct doc {
    char *path;   /* relative to the corpus folder: bbc/<category>/NNN.txt */
    char *title;
    char *body;
    size_t body_len;
    uint64_t *shingles;
    size_t n_shingles;
    pc_neardup_signature sig;
    bool has_sig;
} doc;

typedef struct pair {
    uint32_t a, b; /* a < b */
    float jaccard;
} pair;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads a file: the first non-empty line is the title, the rest the body. */
static bool read_doc(const char *full, const char *rel, doc *d)
{
    FILE *f = fopen(full, "rb");
    if (!f)
        return false;
    char *text = NULL;
    size_t len = 0, cap = 0;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            text = xrealloc(text, cap);
        }
        memcpy(text + len, buf, n);
        len += n;
    }
    fclose(f);
    if (!text)
        return false;
    text[len] = '\0';
    char *start = text;
    while (*start == '\n' || *start == '\r' || *start == ' ')
        start++;
    char *eol = strchr(start, '\n');
    size_t title_len = eol ? (size_t)(eol - start) : strlen(start);
    d->path = strdup(rel);
    d->title = xmalloc(title_len + 1);
    memcpy(d->title, start, title_len);
    d->title[title_len] = '\0';
    const char *body = eol ? eol + 1 : start + title_len;
    d->body_len = strlen(body);
    d->body = xmalloc(d->body_len + 1);
    memcpy(d->body, body, d->body_len + 1);
    free(text);
    return d->path != NULL;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- clustering as the store does it, for B bands of R rows over the first B*R minima ------------------ */

typedef struct lsh_config {
    int bands, rows;
    double threshold;
} lsh_config;

typedef struct keyed {
    uint64_t key;
    uint32_t doc;
} keyed;

static int compare_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Band key of band b for config c (the store's own keys when c is the compiled-in configuration). */
static uint64_t band_key(const pc_neardup_signature *sig, const lsh_config *c, int b)
{
    if (sig->exact)
        return sig->key;
    if (c->bands == PC_NEARDUP_BANDS && c->rows == PC_NEARDUP_ROWS) {
        int64_t keys[PC_NEARDUP_BANDS];
        pc_neardup_band_keys(sig, keys);
        return (uint64_t)keys[b];
    }
    return XXH3_64bits_withSeed(&sig->min[b * c->rows], (size_t)c->rows * sizeof sig->min[0], (uint64_t)b + 1);
}

static double estimate(const pc_neardup_signature *a, const pc_neardup_signature *b, int hashes)
{
    if (a->exact || b->exact)
        return pc_neardup_similarity(a, b);
    int same = 0;
    for (int i = 0; i < hashes; i++)
        same += a->min[i] == b->min[i];
    return (double)same / hashes;
}

typedef struct cluster_result {
    uint32_t *cluster;  /* per doc */
    size_t candidates;  /* candidate pairs compared */
} cluster_result;

static cluster_result run_clustering(doc *docs, size_t n, const lsh_config *c)
{
    size_t cap = n * (size_t)c->bands, m = 0;
    keyed *all = xmalloc(cap * sizeof *all);
    for (size_t i = 0; i < n; i++) {
        if (!docs[i].has_sig)
            continue;
        int nb = docs[i].sig.exact ? 1 : c->bands;
        for (int b = 0; b < nb; b++)
            all[m++] = (keyed){band_key(&docs[i].sig, c, b), (uint32_t)i};
    }
    qsort(all, m, sizeof *all, compare_keyed);
    /* Candidate pairs (later << 32 | earlier), from docs sharing a key. */
    uint64_t *cand = NULL;
    size_t nc = 0, ccap = 0;
    for (size_t g = 0; g < m;) {
        size_t h = g;
        while (h < m && all[h].key == all[g].key)
            h++;
        for (size_t x = g; x < h; x++)
            for (size_t y = x + 1; y < h; y++) {
                if (all[x].doc == all[y].doc)
                    continue;
                if (nc == ccap) {
                    ccap = ccap ? ccap * 2 : 1024;
                    cand = xrealloc(cand, ccap * sizeof *cand);
                }
                cand[nc++] = (uint64_t)all[y].doc << 32 | all[x].doc;
            }
        g = h;
    }
    qsort(cand, nc, sizeof *cand, compare_u64);
    size_t w = 0;
    for (size_t i = 0; i < nc; i++)
        if (w == 0 || cand[i] != cand[w - 1])
            cand[w++] = cand[i];
    nc = w;
    cluster_result r = {xmalloc(n * sizeof(uint32_t)), nc};
    int hashes = c->bands * c->rows;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        double best = -1;
        uint32_t best_doc = 0;
        for (; k < nc && (cand[k] >> 32) == i; k++) {
            uint32_t j = (uint32_t)cand[k];
            double s = estimate(&docs[i].sig, &docs[j].sig, hashes);
            if (s >= c->threshold && s > best) {
                best = s;
                best_doc = j;
            }
        }
        r.cluster[i] = best >= 0 ? r.cluster[best_doc] : (uint32_t)i;
    }
    free(cand);
    free(all);
    return r;
}

/* ---- labels ---------------------------------------------------------------------------------------- */

typedef struct label {
    uint32_t a, b;
    bool dup;
} label;

static long find_doc(doc *docs, size_t n, const char *rel)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(docs[mid].path, rel);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static label *read_labels(const char *file, doc *docs, size_t n, size_t *n_out)
{
    *n_out = 0;
    FILE *f = fopen(file, "r");
    if (!f) {
        fprintf(stderr, "eval_neardup_bbc: cannot read the labels '%s'\n", file);
        return NULL;
    }
    label *labels = NULL;
    size_t cap = 0, count = 0;
    char line[4096];
    long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *fa = strtok(line, "\t\n"), *fb = strtok(NULL, "\t\n"), *lab = strtok(NULL, "\t\n");
        if (!fa || !fb || !lab || (strcmp(lab, "dup") != 0 && strcmp(lab, "not") != 0)) {
            fprintf(stderr, "%s:%ld: malformed label line\n", file, lineno);
            continue;
        }
        long ia = find_doc(docs, n, fa), ib = find_doc(docs, n, fb);
        if (ia < 0 || ib < 0) {
            fprintf(stderr, "%s:%ld: unknown file\n", file, lineno);
            continue;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            labels = xrealloc(labels, cap * sizeof *labels);
        }
        labels[count++] = (label){(uint32_t)(ia < ib ? ia : ib), (uint32_t)(ia < ib ? ib : ia), lab[0] == 'd'};
    }
    fclose(f);
    *n_out = count;
    return labels;
}

static void precision_recall(size_t tp, size_t fp, size_t fn, char *out, size_t size)
{
    double p = tp + fp ? (double)tp / (double)(tp + fp) : 1.0;
    double r = tp + fn ? (double)tp / (double)(tp + fn) : 1.0;
    snprintf(out, size, "P %.3f R %.3f (tp %zu fp %zu fn %zu)", p, r, tp, fp, fn);
}

int main(int argc, char **argv)
{
    const char *corpus = NULL, *labels_file = NULL;
    double list_min = -1, threshold = PC_NEARDUP_THRESHOLD;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
            corpus = argv[++i];
        else if (strcmp(argv[i], "--labels") == 0 && i + 1 < argc)
            labels_file = argv[++i];
        else if (strcmp(argv[i], "--list") == 0 && i + 1 < argc)
            list_min = atof(argv[++i]);
        else if (strcmp(argv[i], "--threshold") == 0 && i + 1 < argc)
            threshold = atof(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [--corpus DIR] [--labels FILE] [--list MIN] [--threshold T]\n", argv[0]);
            return 2;
        }
    }
    char corpus_buf[4096], labels_buf[4096], pattern[4400];
    if (!corpus) {
        const char *shared = getenv("PRESSCUT_SHARED");
        snprintf(corpus_buf, sizeof corpus_buf, "%s/corpus", shared && *shared ? shared : "../shared");
        corpus = corpus_buf;
    }
    if (!labels_file) {
        const char *source = getenv("PRESSCUT_SOURCE");
        snprintf(labels_buf, sizeof labels_buf, "%s/tests/eval/neardup_bbc_labels.tsv", source ? source : ".");
        labels_file = labels_buf;
    }
    char base[4200];
    snprintf(base, sizeof base, "%s/bbc-fulltext", corpus);
    snprintf(pattern, sizeof pattern, "%s/bbc/*/*.txt", base);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc == 0) {
        fprintf(stderr, "eval_neardup_bbc: no files match '%s' (use --corpus)\n", pattern);
        return 2;
    }
    qsort(g.gl_pathv, g.gl_pathc, sizeof *g.gl_pathv, compare_strings);
    size_t n = 0;
    doc *docs = xmalloc(g.gl_pathc * sizeof *docs);
    size_t base_len = strlen(base) + 1;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        memset(&docs[n], 0, sizeof docs[n]);
        if (read_doc(g.gl_pathv[i], g.gl_pathv[i] + base_len, &docs[n]))
            n++;
    }
    globfree(&g);

    /* Signatures (timed) and shingle sets. */
    double t0 = now();
    size_t body_bytes = 0, exact_sigs = 0;
    for (size_t i = 0; i < n; i++) {
        docs[i].has_sig = pc_neardup_signature_compute(docs[i].body, docs[i].body_len, &docs[i].sig);
        body_bytes += docs[i].body_len;
        exact_sigs += docs[i].has_sig && docs[i].sig.exact;
    }
    double t_sig = now() - t0;
    for (size_t i = 0; i < n; i++)
        if (pc_neardup_shingles(docs[i].body, docs[i].body_len, &docs[i].shingles, &docs[i].n_shingles) != 0)
            return 2;
    printf("corpus     %s: %zu bodies, %.1f MB; %zu with an exact (short-text) signature\n", base, n,
           (double)body_bytes / 1e6, exact_sigs);
    printf("cost       signatures: %.3f s for all (%.1f us per body, %.1f MB/s), %d hashes of %d-word shingles\n",
           t_sig, t_sig * 1e6 / (double)n, (double)body_bytes / 1e6 / t_sig, PC_NEARDUP_HASHES, PC_NEARDUP_SHINGLE);

    /* Exact Jaccard of all pairs: keep those >= 0.2. */
    t0 = now();
    pair *pairs = NULL;
    size_t np = 0, pcap = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            size_t a = docs[i].n_shingles, b = docs[j].n_shingles;
            if (!a || !b || (a < b ? (double)a / (double)b : (double)b / (double)a) < 0.2)
                continue;
            double jac = pc_neardup_jaccard(docs[i].shingles, a, docs[j].shingles, b);
            if (jac < 0.2)
                continue;
            if (np == pcap) {
                pcap = pcap ? pcap * 2 : 256;
                pairs = xrealloc(pairs, pcap * sizeof *pairs);
            }
            pairs[np++] = (pair){(uint32_t)i, (uint32_t)j, (float)jac};
        }
    printf("exact      all %zu pairs in %.2f s\n", n * (n - 1) / 2, now() - t0);
    static const double bins[] = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    printf("           pairs by exact Jaccard:");
    for (size_t b = 0; b + 1 < sizeof bins / sizeof bins[0]; b++) {
        size_t c = 0;
        for (size_t k = 0; k < np; k++)
            c += pairs[k].jaccard >= bins[b] && (pairs[k].jaccard < bins[b + 1] || (b + 2 == sizeof bins / sizeof bins[0]));
        printf(" [%.1f,%.1f%c %zu", bins[b], bins[b + 1], b + 2 == sizeof bins / sizeof bins[0] ? ']' : ')', c);
    }
    printf("\n");

    /* Estimate error. */
    double err_sum = 0, err_max = 0;
    size_t err_n = 0;
    for (size_t k = 0; k < np; k++) {
        const doc *a = &docs[pairs[k].a], *b = &docs[pairs[k].b];
        if (!a->has_sig || !b->has_sig || a->sig.exact || b->sig.exact)
            continue;
        double e = fabs(pc_neardup_similarity(&a->sig, &b->sig) - pairs[k].jaccard);
        err_sum += e;
        err_max = e > err_max ? e : err_max;
        err_n++;
    }
    printf("estimate   %d minima vs exact over %zu pairs >= 0.2: mean |error| %.3f, max %.3f\n", PC_NEARDUP_HASHES,
           err_n, err_n ? err_sum / (double)err_n : 0.0, err_max);

    size_t n_labels = 0;
    label *labels = read_labels(labels_file, docs, n, &n_labels);
    size_t label_dups = 0;
    for (size_t k = 0; k < n_labels; k++)
        label_dups += labels[k].dup;
    printf("labels     %zu pairs from %s (%zu dup, %zu not)\n\n", n_labels, labels_file, label_dups,
           n_labels - label_dups);

    /* Exact Jaccard as a clustering rule (the ideal of what MinHash approximates), then LSH configurations. */
    static const lsh_config configs[] = {{PC_NEARDUP_BANDS, PC_NEARDUP_ROWS, 0}, {16, 4, 0}, {16, 8, 0},
                                         {42, 3, 0}, {25, 5, 0}, {64, 2, 0}};
    printf("%-22s %-9s %-42s %-42s\n", "bands x rows (hashes)", "compared", "vs labels (same cluster = dup)",
           "vs all pairs with exact Jaccard >= threshold");
    for (size_t ci = 0; ci < sizeof configs / sizeof configs[0]; ci++) {
        lsh_config c = configs[ci];
        c.threshold = threshold;
        cluster_result r = run_clustering(docs, n, &c);
        size_t tp = 0, fp = 0, fn = 0;
        for (size_t k = 0; k < n_labels; k++) {
            bool same = r.cluster[labels[k].a] == r.cluster[labels[k].b];
            tp += same && labels[k].dup;
            fp += same && !labels[k].dup;
            fn += !same && labels[k].dup;
        }
        char vs_labels[128], vs_exact[128];
        precision_recall(tp, fp, fn, vs_labels, sizeof vs_labels);
        /* Against exact Jaccard: same-cluster pairs (from cluster sizes) and pairs above the threshold. */
        size_t same_pairs = 0, above = 0, above_same = 0;
        uint32_t *size = calloc(n, sizeof *size);
        for (size_t i = 0; i < n; i++)
            size[r.cluster[i]]++;
        for (size_t i = 0; i < n; i++)
            same_pairs += (size_t)size[i] * (size[i] ? size[i] - 1 : 0) / 2;
        for (size_t k = 0; k < np; k++) {
            if (pairs[k].jaccard < threshold)
                continue;
            above++;
            above_same += r.cluster[pairs[k].a] == r.cluster[pairs[k].b];
        }
        size_t same_above = 0; /* same-cluster pairs whose exact Jaccard is >= threshold */
        for (size_t k = 0; k < np; k++)
            same_above += pairs[k].jaccard >= threshold && r.cluster[pairs[k].a] == r.cluster[pairs[k].b];
        precision_recall(same_above, same_pairs - same_above, above - above_same, vs_exact, sizeof vs_exact);
        size_t multi = 0, largest = 0;
        for (size_t i = 0; i < n; i++) {
            multi += size[i] > 1;
            largest = size[i] > largest ? size[i] : largest;
        }
        char name[64];
        snprintf(name, sizeof name, "%d x %d (%d)%s", c.bands, c.rows, c.bands * c.rows, ci == 0 ? " *" : "");
        printf("%-22s %-9zu %-42s %-42s clusters %zu, largest %zu\n", name, r.candidates, vs_labels, vs_exact, multi,
               largest);
        free(size);
        free(r.cluster);
    }
    /* Ideal: exact Jaccard >= threshold as the clustering rule itself. */
    {
        size_t tp = 0, fp = 0, fn = 0;
        for (size_t k = 0; k < n_labels; k++) {
            double jac = pc_neardup_jaccard(docs[labels[k].a].shingles, docs[labels[k].a].n_shingles,
                                            docs[labels[k].b].shingles, docs[labels[k].b].n_shingles);
            bool same = jac >= threshold;
            tp += same && labels[k].dup;
            fp += same && !labels[k].dup;
            fn += !same && labels[k].dup;
        }
        char vs_labels[128];
        precision_recall(tp, fp, fn, vs_labels, sizeof vs_labels);
        printf("%-22s %-9s %-42s\n", "exact Jaccard pairs", "-", vs_labels);
    }
    printf("(* = compiled-in configuration; threshold %.2f on the estimate)\n", threshold);

    if (list_min >= 0) {
        cluster_result r = run_clustering(docs, n, &(lsh_config){PC_NEARDUP_BANDS, PC_NEARDUP_ROWS, threshold});
        printf("\n# file_a\tfile_b\texact\testimate\tsame_cluster\ttitle_a | title_b\n");
        for (size_t k = 0; k < np; k++) {
            if (pairs[k].jaccard < list_min)
                continue;
            const doc *a = &docs[pairs[k].a], *b = &docs[pairs[k].b];
            printf("%s\t%s\t%.3f\t%.3f\t%s\t%s | %s\n", a->path, b->path, pairs[k].jaccard,
                   a->has_sig && b->has_sig ? pc_neardup_similarity(&a->sig, &b->sig) : 0.0,
                   r.cluster[pairs[k].a] == r.cluster[pairs[k].b] ? "yes" : "no", a->title, b->title);
        }
        free(r.cluster);
    }
    for (size_t i = 0; i < n; i++) {
        free(docs[i].path);
        free(docs[i].title);
        free(docs[i].body);
        free(docs[i].shingles);
    }
    free(docs);
    free(pairs);
    free(labels);
    return 0;
}
