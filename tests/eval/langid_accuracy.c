/* langid_accuracy.c — measures the language detectors on real news of known language and prints, per
 * language, right/total for each method, on full articles and on headlines alone (run by hand; not a test).
 *
 * Data (under $PRESSCUT_SHARED/corpus, see each folder's SOURCE.md):
 *   bsnlp-slavic-news/<topic>/raw/<lang>/   ru uk bg pl cs sl hr sk; the text starts at line 5 (the title)
 *   10kgnad-de/test.csv                     de; `label;'text'`, one article per line
 *   bbc-fulltext/bbc/<category>/NNN.txt     en; line 1 the headline
 *   factrueval-2016/<set>/book_N.txt        ru; line 1 the headline
 *   ner-uk-nashigroshi/ng/<id>.txt          uk; one sentence per line (line 1 stands in for a headline)
 * "full" is the article from its title on, cut to 8192 bytes (LANGID_SAMPLE_BYTES of src/index/indexer.c);
 * "head" is its first line (10kGNAD runs title and text together: its first sentence, at most 200 bytes).
 *
 * Methods:
 *   a-heuristic   the word-list and letter guesser (the detector before exttextcat)
 *   b-tc-all      exttextcat, every fingerprint installed (164), the best one; names without an ISO 639-1
 *                 code (ace, kng...) count as no answer
 *   c-tc-stem     exttextcat among the languages presscut has stemmers for (pc_analyzer_languages)
 *   d-tc-script   exttextcat among src/ingest/langid.c's set, restricted to the text's dominant script
 *   e-detector    pc_langid_detect as shipped (d, plus its near-tie rules and unsure cases)
 * and the time per text of each (full articles and headlines together).
 *
 * Usage: eval_langid_accuracy [--corpus DIR] [--confusions]
 *   DIR defaults to $PRESSCUT_SHARED/corpus ($PRESSCUT_SHARED defaults to ../shared); --confusions prints
 *   the most frequent wrong answers per language and method; --detector-only runs e alone; --gaps prints
 *   how far the truth trails exttextcat's winner when d is wrong (and the runner-up when it is right);
 *   --tc-bytes N, --tie P, --unsure P override the detector's sample size and margins (see src/ingest/langid.c);
 *   --no-shortcut makes exttextcat rank every text, also those the word evidence decides on its own.
 *
 * It #includes src/ingest/langid.c to reach each method; the presscut_core copy of that file is then never
 * linked in. */
#include "ingest/langid.c"

#include "presscut/text/analyzer.h"

#include <glob.h>
#include <time.h>

#define MEASURE_PROGRAM "eval_langid_accuracy"
#include "measure.h"

#define SAMPLE_BYTES 8192
#define HEAD_MAX 200

enum { M_HEURISTIC, M_TC_ALL, M_TC_STEM, M_TC_SCRIPT, M_DETECTOR, N_METHODS };
static const char *const method_names[N_METHODS] = {"a-heuristic", "b-tc-all", "c-tc-stem", "d-tc-script",
                                                     "e-detector"};

typedef struct item {
    const char *truth;
    char *full;
    size_t full_len;
    char *head;
    size_t head_len;
} item;

static item *items;
static size_t n_items, cap_items;

static const char *const eval_langs[] = {"en", "de", "ru", "uk", "bg", "pl", "cs", "sl", "hr", "sk"};
#define N_EVAL_LANGS (sizeof eval_langs / sizeof *eval_langs)

/* Cuts n to at most max bytes, on a character boundary. */
static size_t cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

static void add_item(const char *truth, const char *full, size_t full_len, const char *head, size_t head_len)
{
    while (full_len && (*full == '\n' || *full == '\r' || *full == ' ')) {
        full++;
        full_len--;
    }
    if (full_len == 0)
        return;
    if (n_items == cap_items) {
        cap_items = cap_items ? cap_items * 2 : 1024;
        items = realloc(items, cap_items * sizeof *items);
        if (!items) {
            fprintf(stderr, "eval_langid_accuracy: out of memory\n");
            exit(2);
        }
    }
    item *it = &items[n_items++];
    it->truth = truth;
    it->full_len = cut(full, full_len, SAMPLE_BYTES);
    it->full = xstrndup(full, it->full_len);
    it->head_len = cut(head, head_len, HEAD_MAX);
    it->head = xstrndup(head, it->head_len);
}

/* Skips `lines` lines; returns the rest. */
static const char *skip_lines(const char *s, int lines)
{
    for (int i = 0; i < lines && s; i++) {
        s = strchr(s, '\n');
        if (s)
            s++;
    }
    return s;
}

/* Adds each file matching pattern: the text from line skip on, its first line as the headline. */
static size_t add_files(const char *pattern, const char *truth, int skip)
{
    glob_t g;
    size_t added = 0;
    if (glob(pattern, 0, NULL, &g) != 0)
        return 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        size_t len;
        char *buf = (char *)harness_read_file(g.gl_pathv[i], &len);
        if (!buf)
            continue;
        const char *text = skip_lines(buf, skip);
        if (text) {
            while (*text == '\n' || *text == '\r')
                text++;
            size_t tl = len - (size_t)(text - buf);
            size_t hl = strcspn(text, "\r\n");
            size_t before = n_items;
            add_item(truth, text, tl, text, hl);
            added += n_items - before;
        }
        free(buf);
    }
    globfree(&g);
    return added;
}

/* 10kGNAD: `label;'text'` per line, '' inside for a quote. */
static size_t add_gnad(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *line = NULL;
    size_t cap = 0, added = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        char *text = strchr(line, ';');
        if (!text)
            continue;
        text++;
        bool quoted = *text == '\'';
        if (quoted)
            text++;
        size_t out = 0;
        for (char *p = text; *p && *p != '\n' && *p != '\r'; p++) {
            if (quoted && *p == '\'' && p[1] == '\'')
                p++;
            else if (quoted && *p == '\'' && (p[1] == '\n' || p[1] == '\0' || p[1] == '\r'))
                break;
            text[out++] = *p;
        }
        size_t hl = 0;
        while (hl < out && hl < HEAD_MAX) {
            if ((text[hl] == '.' || text[hl] == '?' || text[hl] == '!') && hl + 1 < out && text[hl + 1] == ' ')
                break;
            hl++;
        }
        add_item("de", text, out, text, hl);
        added++;
    }
    free(line);
    fclose(f);
    return added;
}

/* ---- methods ---- */

static tc_set set_all, set_stem;

/* The ISO 639-1 code of a fingerprint name: its first part when that has two letters ("sr-Cyrl" -> "sr",
 * "nb" -> "no"), else NULL. Returns a static string. */
static const char *iso_code(const char *name)
{
    static const char *const codes[] = {
        "ab", "af", "ak", "am", "ar", "ay", "az", "be", "bg", "bi", "bm", "bn", "bo", "br", "bs", "ca", "cs",
        "cy", "da", "de", "dv", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fj", "fo", "fr", "fy",
        "ga", "gd", "gl", "gu", "gv", "ha", "he", "hi", "hr", "ht", "hu", "hy", "ia", "id", "is", "it", "ja",
        "ka", "kk", "kl", "km", "kn", "ko", "ky", "la", "lb", "lg", "ln", "lo", "lt", "lv", "mi", "mk", "ml",
        "mn", "mr", "ms", "mt", "my", "ne", "nl", "nn", "no", "nr", "ny", "oc", "om", "pa", "pl", "pt", "rm",
        "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "so", "sq", "sr", "ss", "st", "sv",
        "sw", "ta", "tg", "th", "ti", "tk", "tl", "tn", "tr", "ts", "tt", "ty", "ug", "uk", "ur", "uz", "ve",
        "vi", "wa", "xh", "yi", "yo", "zh", "zu",
    };
    size_t n = strcspn(name, "-");
    if (n != 2)
        return NULL;
    if (strncmp(name, "nb", 2) == 0)
        return "no";
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (strncmp(codes[i], name, 2) == 0)
            return codes[i];
    return NULL;
}

static void load_sets(void)
{
    const char *dir = tc_data_dir();
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "eval_langid_accuracy: cannot open %s\n", dir);
        exit(2);
    }
    struct dirent *e;
    char names[TC_MAX_MODELS][64];
    size_t n = 0;
    while ((e = readdir(d)) != NULL && n < TC_MAX_MODELS) {
        size_t l = strlen(e->d_name);
        if (l > 3 && l < sizeof names[0] && strcmp(e->d_name + l - 3, ".lm") == 0) {
            memcpy(names[n], e->d_name, l - 3);
            names[n][l - 3] = '\0';
            n++;
        }
    }
    closedir(d);
    for (size_t i = 0; i < n; i++)
        tc_add(&set_all, dir, names[i], iso_code(names[i]), -1);
    for (const char *const *l = pc_analyzer_languages(); *l; l++) {
        if (strcmp(*l, "no") == 0)
            tc_add(&set_stem, dir, "nb", "no", -1);
        else if (strcmp(*l, "sr") == 0) {
            tc_add(&set_stem, dir, "sr-Cyrl", "sr", -1);
            tc_add(&set_stem, dir, "sr-Latn", "sr", -1);
        } else
            tc_add(&set_stem, dir, *l, *l, -1);
    }
    tc_index_build(&set_all);
    tc_index_build(&set_stem);
    fprintf(stderr, "fingerprints: %zu in all, %zu for stemmed languages, %zu in the detector's set\n",
            set_all.n, set_stem.n, tc_main.n);
}

/* Scores the profile against every model of the set written in script scr (-1: every model). */
static tc_result tc_rank(const tc_set *set, void *profile, int scr)
{
    int dist[TC_MAX_MODELS];
    tc_distances(set, profile, scr, dist);
    return tc_pick(set, dist);
}

static const char *tc_only(const tc_set *set, const char *text, size_t len)
{
    void *profile = tc_profile(text, len);
    if (!profile)
        return NULL;
    tc_result r = tc_rank(set, profile, -1);
    fp_Done(profile);
    return r.best < 0 ? NULL : set->models[r.best].code;
}

static const char *tc_script(const char *text, size_t len)
{
    counts c;
    memset(&c, 0, sizeof c);
    count_text(&c, text, scan_length(text, len));
    int top = dominant_script(&c);
    if (top < 0)
        return NULL;
    void *profile = tc_profile(text, len);
    if (!profile)
        return NULL;
    tc_result r = tc_rank(&tc_main, profile, top);
    fp_Done(profile);
    return r.best < 0 ? NULL : tc_main.models[r.best].code;
}

/* For --gaps: how far (percent of the best distance) the truth and the runner-up are from the winner of
 * d-tc-script, for wrong and right answers, full articles and headlines. */
static void gap_report(void)
{
    static const double edges[] = {1, 2, 3, 5, 8, 12, 20, 1e9};
    enum { N_EDGES = sizeof edges / sizeof *edges };
    for (int h = 0; h < 2; h++) {
        int wrong_truth[N_EDGES] = {0}, right_second[N_EDGES] = {0};
        for (size_t i = 0; i < n_items; i++) {
            const item *it = &items[i];
            const char *text = h ? it->head : it->full;
            size_t len = h ? it->head_len : it->full_len;
            counts c;
            memset(&c, 0, sizeof c);
            count_text(&c, text, scan_length(text, len));
            int top = dominant_script(&c);
            void *profile = top < 0 ? NULL : tc_profile(text, len);
            if (!profile)
                continue;
            int truth_score = INT_MAX;
            for (size_t m = 0; m < tc_main.n; m++)
                if (strcmp(tc_main.models[m].code, it->truth) == 0 && tc_main.models[m].scr == top) {
                    int d = fp_Compare(tc_main.models[m].fp, profile, INT_MAX);
                    truth_score = d < truth_score ? d : truth_score;
                }
            tc_result r = tc_rank(&tc_main, profile, top);
            fp_Done(profile);
            if (r.best < 0)
                continue;
            bool right = strcmp(tc_main.models[r.best].code, it->truth) == 0;
            double gap = 100.0 * ((right ? (double)r.second_score : (double)truth_score) - r.best_score) /
                         (r.best_score ? r.best_score : 1);
            int b = 0;
            while (gap > edges[b])
                b++;
            (right ? right_second : wrong_truth)[b]++;
        }
        printf("%s gaps (%% of the best distance), by bucket <=1 <=2 <=3 <=5 <=8 <=12 <=20 more\n",
               h ? "headline" : "full");
        printf("  wrong, truth behind by:");
        for (int b = 0; b < N_EDGES; b++)
            printf(" %d", wrong_truth[b]);
        printf("\n  right, runner-up behind by:");
        for (int b = 0; b < N_EDGES; b++)
            printf(" %d", right_second[b]);
        printf("\n");
    }
}

static const char *run(int method, const char *text, size_t len)
{
    switch (method) {
    case M_HEURISTIC:
        return heuristic_detect(text, len);
    case M_TC_ALL:
        return tc_only(&set_all, text, len);
    case M_TC_STEM:
        return tc_only(&set_stem, text, len);
    case M_TC_SCRIPT:
        return tc_script(text, len);
    default:
        return pc_langid_detect(text, len);
    }
}

/* ---- tallies ---- */

#define MAX_GUESSES 48

typedef struct tally {
    int total, right, unsure;
    const char *guess[MAX_GUESSES]; /* wrong answers and their counts */
    int guess_count[MAX_GUESSES];
} tally;

static tally tallies[N_METHODS][2][N_EVAL_LANGS]; /* method, full/head, language */

static int lang_index(const char *lang)
{
    for (size_t i = 0; i < N_EVAL_LANGS; i++)
        if (strcmp(eval_langs[i], lang) == 0)
            return (int)i;
    return -1;
}

static void count_answer(tally *t, const char *truth, const char *guess)
{
    t->total++;
    if (!guess) {
        t->unsure++;
        return;
    }
    if (strcmp(guess, truth) == 0) {
        t->right++;
        return;
    }
    for (int i = 0; i < MAX_GUESSES; i++) {
        if (!t->guess[i]) {
            t->guess[i] = guess;
            t->guess_count[i] = 1;
            return;
        }
        if (strcmp(t->guess[i], guess) == 0) {
            t->guess_count[i]++;
            return;
        }
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_confusions(const tally *t)
{
    for (int shown = 0; shown < 4; shown++) {
        int best = -1;
        for (int i = 0; i < MAX_GUESSES && t->guess[i]; i++)
            if (t->guess_count[i] > 0 && (best < 0 || t->guess_count[i] > t->guess_count[best]))
                best = i;
        if (best < 0)
            break;
        printf(" %s:%d", t->guess[best], t->guess_count[best]);
        ((tally *)t)->guess_count[best] = -t->guess_count[best]; /* shown: hide, restored below */
    }
    for (int i = 0; i < MAX_GUESSES && t->guess[i]; i++)
        if (t->guess_count[i] < 0)
            ((tally *)t)->guess_count[i] = -t->guess_count[i];
}

int main(int argc, char **argv)
{
    char corpus[4096] = "";
    bool confusions = false, gaps = false, detector_only = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
            snprintf(corpus, sizeof corpus, "%s", argv[++i]);
        else if (strcmp(argv[i], "--confusions") == 0)
            confusions = true;
        else if (strcmp(argv[i], "--detector-only") == 0)
            detector_only = true;
        else if (strcmp(argv[i], "--gaps") == 0)
            gaps = true;
        else if (strcmp(argv[i], "--tc-bytes") == 0 && i + 1 < argc)
            tc_sample_bytes = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--no-shortcut") == 0)
            tc_decisive_shortcut = false;
        else if (strcmp(argv[i], "--tie") == 0 && i + 1 < argc)
            tc_tie_percent = atoi(argv[++i]);
        else if (strcmp(argv[i], "--unsure") == 0 && i + 1 < argc)
            tc_unsure_percent = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: eval_langid_accuracy [--corpus DIR] [--confusions] [--detector-only] [--gaps] [--tc-bytes N] [--tie P] [--unsure P] [--no-shortcut]\n");
            return 2;
        }
    }
    if (!corpus[0]) {
        const char *shared = getenv("PRESSCUT_SHARED");
        snprintf(corpus, sizeof corpus, "%s/corpus", shared && *shared ? shared : "../shared");
    }

    char pattern[4400];
    static const char *const bsnlp[] = {"ru", "uk", "bg", "pl", "cs", "sl", "hr", "sk"};
    for (size_t l = 0; l < sizeof bsnlp / sizeof *bsnlp; l++) {
        snprintf(pattern, sizeof pattern, "%s/bsnlp-slavic-news/*/raw/%s/*", corpus, bsnlp[l]);
        add_files(pattern, bsnlp[l], 4);
    }
    snprintf(pattern, sizeof pattern, "%s/10kgnad-de/test.csv", corpus);
    add_gnad(pattern);
    snprintf(pattern, sizeof pattern, "%s/bbc-fulltext/bbc/*/*.txt", corpus);
    add_files(pattern, "en", 0);
    snprintf(pattern, sizeof pattern, "%s/factrueval-2016/*/book_*.txt", corpus);
    add_files(pattern, "ru", 0);
    snprintf(pattern, sizeof pattern, "%s/ner-uk-nashigroshi/ng/*.txt", corpus);
    add_files(pattern, "uk", 0);
    if (n_items == 0) {
        fprintf(stderr, "eval_langid_accuracy: no texts under %s\n", corpus);
        return 2;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < n_items; i++)
        bytes += items[i].full_len;
    fprintf(stderr, "%zu texts, %.1f MB of full-text samples; backend %s\n", n_items, bytes / 1e6,
            pc_langid_backend());

    load_sets();
    if (gaps) {
        gap_report();
        return 0;
    }
    double seconds[N_METHODS][2] = {{0}};
    for (int m = detector_only ? M_DETECTOR : 0; m < N_METHODS; m++) {
        for (int h = 0; h < 2; h++) {
            double t0 = now();
            for (size_t i = 0; i < n_items; i++) {
                const item *it = &items[i];
                const char *guess = h ? run(m, it->head, it->head_len) : run(m, it->full, it->full_len);
                int li = lang_index(it->truth);
                if (li >= 0)
                    count_answer(&tallies[m][h][li], it->truth, guess);
            }
            seconds[m][h] = now() - t0;
        }
    }

    for (int h = 0; h < 2; h++) {
        printf("\n%s: right/total (%% right), unsure in brackets\n", h ? "headlines (first line)" : "full articles");
        printf("%-4s", "lang");
        for (int m = 0; m < N_METHODS; m++)
            printf("  %-24s", method_names[m]);
        printf("\n");
        int all_right[N_METHODS] = {0}, all_total[N_METHODS] = {0};
        for (size_t l = 0; l < N_EVAL_LANGS; l++) {
            printf("%-4s", eval_langs[l]);
            for (int m = 0; m < N_METHODS; m++) {
                const tally *t = &tallies[m][h][l];
                char cell[64];
                snprintf(cell, sizeof cell, "%d/%d (%.1f%%) [%d]", t->right, t->total,
                         t->total ? 100.0 * t->right / t->total : 0.0, t->unsure);
                printf("  %-24s", cell);
                all_right[m] += t->right;
                all_total[m] += t->total;
            }
            printf("\n");
        }
        printf("%-4s", "all");
        for (int m = 0; m < N_METHODS; m++) {
            char cell[64];
            snprintf(cell, sizeof cell, "%d/%d (%.1f%%)", all_right[m], all_total[m],
                     all_total[m] ? 100.0 * all_right[m] / all_total[m] : 0.0);
            printf("  %-24s", cell);
        }
        printf("\n");
        if (confusions) {
            for (size_t l = 0; l < N_EVAL_LANGS; l++)
                for (int m = 0; m < N_METHODS; m++) {
                    const tally *t = &tallies[m][h][l];
                    if (!t->guess[0])
                        continue;
                    printf("  %s %-12s wrong:", eval_langs[l], method_names[m]);
                    print_confusions(t);
                    printf("\n");
                }
        }
    }
    printf("\ntime per text, microseconds (full articles / headlines):");
    for (int m = detector_only ? M_DETECTOR : 0; m < N_METHODS; m++)
        printf("  %s %.0f / %.0f", method_names[m], seconds[m][0] * 1e6 / (double)n_items,
               seconds[m][1] * 1e6 / (double)n_items);
    printf("\n");

    tc_free(&set_all);
    tc_free(&set_stem);
    for (size_t i = 0; i < n_items; i++) {
        free(items[i].full);
        free(items[i].head);
    }
    free(items);
    return 0;
}
