/* uk_stem_recall.c — measures candidate Ukrainian stemmers on real news data and prints a table (run by
 * hand; not a test). Candidates: none (the word itself), c-russian (Snowball's Russian stemmer, the
 * baseline), a-light, b-hunspell and d-hybrid (the modes of src/text/stem_uk.c; d-hybrid is the default).
 *
 *   recall     over the BSNLP entity annotations (bsnlp-slavic-news/<topic>/annotated/uk/: surface form,
 *              lemma, type, id): for each token of a surface form that differs from the lemma's token at
 *              the same position (after lowercasing), does stem(surface token) == stem(lemma token)? Over
 *              all lines, over distinct (surface, lemma) token pairs, and by entity type.
 *   merges     over the vocabulary of the Ukrainian raw texts (bsnlp raw/uk and ner-uk-nashigroshi ng/):
 *              distinct words per distinct stem; merged pairs (word pairs sharing a stem); among merged
 *              pairs where hunspell knows both words, the share whose dictionary forms are disjoint (the
 *              dictionary's opinion of a wrong merge, often an adjective and its adverb; it cannot judge
 *              hunspell's own choices). Fixed-seed samples of merged pairs and of dictionary-disjoint ones
 *              are printed to check by hand (--samples N, default 30).
 *   speed      after the stemmer is created (load time apart), each pass on a fresh stemmer: words per
 *              second over the distinct vocabulary (each word once: all cache misses) and tokens per second
 *              over the text as it comes (every token, Zipfian repeats).
 *
 * Usage: eval_uk_stem_recall [--corpus DIR] [--samples N] [--misses N]
 *   DIR defaults to $PRESSCUT_SHARED/corpus ($PRESSCUT_SHARED defaults to ../shared); --misses N prints N
 *   recall misses (distinct pairs) per candidate.
 *
 * It #includes src/text/stem_uk.c to reach the stemmer's internal modes (uk_stemmer_open), which the public
 * header does not expose; the presscut_core copy of that file is then never linked in. */
#include "text/stem_uk.c"

#include <glob.h>
#include <libstemmer.h>
#include <time.h>
#include <unicode/uchar.h>

#define MEASURE_PROGRAM "eval_uk_stem_recall"
#include "measure.h"

/* ---- a growable set of strings with ids --------------------------------------------------------------- */

typedef struct strset {
    char **items;   /* by id */
    size_t n, cap;
    int *slots;     /* id + 1, 0 = empty */
    size_t n_slots; /* power of two */
} strset;

/* dir + "/" + name, allocated. */
static char *join_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = xmalloc(a + b + 2);
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

static size_t strset_slot(const strset *set, const char *s, size_t n)
{
    size_t mask = set->n_slots - 1;
    for (size_t i = (size_t)XXH3_64bits(s, n) & mask;; i = (i + 1) & mask) {
        int id = set->slots[i];
        if (id == 0)
            return i;
        const char *t = set->items[id - 1];
        if (strlen(t) == n && memcmp(t, s, n) == 0)
            return i;
    }
}

/* Returns the id of s (adding it if new); *added says whether it was new. */
static int strset_add(strset *set, const char *s, size_t n, bool *added)
{
    if ((set->n + 1) * 2 > set->n_slots) {
        size_t old_n = set->n_slots;
        int *old = set->slots;
        set->n_slots = old_n ? old_n * 2 : 1024;
        set->slots = calloc(set->n_slots, sizeof *set->slots);
        if (!set->slots) {
            fprintf(stderr, "eval_uk_stem_recall: out of memory\n");
            exit(2);
        }
        for (size_t i = 0; i < old_n; i++)
            if (old[i]) {
                const char *t = set->items[old[i] - 1];
                set->slots[strset_slot(set, t, strlen(t))] = old[i];
            }
        free(old);
    }
    size_t slot = strset_slot(set, s, n);
    if (set->slots[slot]) {
        if (added)
            *added = false;
        return set->slots[slot] - 1;
    }
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 1024;
        set->items = xrealloc(set->items, set->cap * sizeof *set->items);
    }
    set->items[set->n] = xstrndup(s, n);
    set->slots[slot] = (int)set->n + 1;
    if (added)
        *added = true;
    return (int)set->n++;
}

static void strset_free(strset *set)
{
    for (size_t i = 0; i < set->n; i++)
        free(set->items[i]);
    free(set->items);
    free(set->slots);
}

/* ---- tokens ------------------------------------------------------------------------------------------- */

typedef struct tokens {
    char **tok;
    size_t n, cap;
} tokens;

static void tokens_push(tokens *t, const char *s, size_t n)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->tok = xrealloc(t->tok, t->cap * sizeof *t->tok);
    }
    t->tok[t->n++] = xstrndup(s, n);
}

static void tokens_clear(tokens *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->tok[i]);
    t->n = 0;
}

/* Splits text into lowercase words as the analyzer would see them: runs of letters and digits, with an
 * apostrophe (', ’ or ʼ, folded to ') kept between two letters. Invalid UTF-8 separates words. */
static void split_words(const char *text, size_t len, tokens *out)
{
    tokens_clear(out);
    char *word = xmalloc(len * 2 + 8);
    size_t wlen = 0;
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    while (i <= len) {
        uint32_t c = 0;
        int k = 1;
        if (i < len) {
            k = pc_utf8_decode(p + i, len - i, &c);
            if (k == 0) {
                k = 1;
                c = ' ';
            }
        } else {
            c = ' ';
        }
        bool apostrophe = c == '\'' || c == 0x2019 || c == 0x02BC;
        if (apostrophe && wlen > 0 && i + (size_t)k < len) {
            uint32_t next;
            int kn = pc_utf8_decode(p + i + k, len - i - (size_t)k, &next);
            if (kn > 0 && u_isalpha((UChar32)next)) {
                word[wlen++] = '\'';
                i += (size_t)k;
                continue;
            }
        }
        if (u_isalnum((UChar32)c)) {
            wlen += pc_utf8_encode((uint32_t)u_tolower((UChar32)c), word + wlen);
        } else if (wlen > 0) {
            tokens_push(out, word, wlen);
            wlen = 0;
        }
        i += (size_t)k;
    }
    free(word);
}

/* True if the word has a Cyrillic letter and no other letters: the vocabulary the merges are counted on. */
static bool is_cyrillic_word(const char *w)
{
    bool cyr = false;
    size_t n = strlen(w);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        int k = pc_utf8_decode((const unsigned char *)w + i, n - i, &c);
        if (k == 0)
            return false;
        if (c >= 0x0400 && c <= 0x04FF)
            cyr = true;
        else if (c != '\'')
            return false;
        i += (size_t)k;
    }
    return cyr;
}

/* ---- candidates --------------------------------------------------------------------------------------- */

enum cand_kind { CAND_NONE, CAND_UK, CAND_RUSSIAN };

typedef struct candidate {
    const char *name;
    enum cand_kind kind;
    enum uk_mode mode;
    pc_uk_stemmer *uk;
    struct sb_stemmer *sb;
    double load_seconds;
} candidate;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void candidate_open(candidate *c)
{
    double t0 = now_seconds();
    if (c->kind == CAND_UK) {
        pc_error err;
        pc_error_clear(&err);
        if (uk_stemmer_open(&c->uk, c->mode, UK_HUNSPELL_AFF, UK_HUNSPELL_DIC, &err) != 0) {
            fprintf(stderr, "eval_uk_stem_recall: %s\n", err.msg);
            exit(2);
        }
    } else if (c->kind == CAND_RUSSIAN) {
        c->sb = sb_stemmer_new("russian", "UTF_8");
        if (!c->sb) {
            fprintf(stderr, "eval_uk_stem_recall: libstemmer has no russian stemmer\n");
            exit(2);
        }
    }
    c->load_seconds = now_seconds() - t0;
}

static void candidate_close(candidate *c)
{
    pc_uk_stemmer_free(c->uk);
    c->uk = NULL;
    if (c->sb)
        sb_stemmer_delete(c->sb);
    c->sb = NULL;
}

/* Stems w into a new string. */
static char *candidate_stem(candidate *c, const char *w)
{
    int n = (int)strlen(w), out_len = n;
    const char *stem = w;
    if (c->kind == CAND_UK) {
        stem = pc_uk_stem(c->uk, w, n, &out_len);
    } else if (c->kind == CAND_RUSSIAN) {
        stem = (const char *)sb_stemmer_stem(c->sb, (const sb_symbol *)w, n);
        out_len = stem ? sb_stemmer_length(c->sb) : 0;
    }
    if (!stem) {
        fprintf(stderr, "eval_uk_stem_recall: out of memory stemming '%s'\n", w);
        exit(2);
    }
    return xstrndup(stem, (size_t)out_len);
}

/* ---- recall ------------------------------------------------------------------------------------------- */

static const char *const entity_types[] = {"PER", "LOC", "ORG", "EVT", "PRO"};
#define N_TYPES 5

typedef struct pair {
    char *surface, *lemma;
    int type; /* index into entity_types, N_TYPES for anything else */
} pair;

typedef struct pairs {
    pair *p;
    size_t n, cap;
    size_t lines, unaligned;
} pairs;

static char *read_file(const char *path, size_t *len)
{
    char *data = (char *)harness_read_file(path, len);
    if (!data) {
        fprintf(stderr, "eval_uk_stem_recall: cannot open '%s'\n", path);
        exit(2);
    }
    return data;
}

/* Strips one pair of surrounding double quotes (some annotation fields are written "like this"). */
static void unquote(char **s, size_t *n)
{
    if (*n >= 2 && (*s)[0] == '"' && (*s)[*n - 1] == '"') {
        (*s)++;
        *n -= 2;
    }
}

static void load_pairs(const char *corpus, pairs *out)
{
    char *pattern = join_path(corpus, "bsnlp-slavic-news/*/annotated/uk/*");
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0) {
        fprintf(stderr, "eval_uk_stem_recall: no files match '%s'\n", pattern);
        exit(2);
    }
    free(pattern);
    tokens ts = {0}, tl = {0};
    for (size_t f = 0; f < g.gl_pathc; f++) {
        size_t len;
        char *data = read_file(g.gl_pathv[f], &len);
        char *line = data;
        bool first = true;
        while (line < data + len) {
            char *eol = memchr(line, '\n', (size_t)(data + len - line));
            if (!eol)
                eol = data + len;
            size_t ll = (size_t)(eol - line);
            if (ll && line[ll - 1] == '\r')
                ll--;
            char *fields[4];
            size_t flen[4];
            int nf = 0;
            char *p = line;
            while (nf < 4) {
                char *tab = memchr(p, '\t', (size_t)(line + ll - p));
                fields[nf] = p;
                flen[nf] = tab ? (size_t)(tab - p) : (size_t)(line + ll - p);
                nf++;
                if (!tab)
                    break;
                p = tab + 1;
            }
            if (!first && nf >= 3) {
                out->lines++;
                unquote(&fields[0], &flen[0]);
                unquote(&fields[1], &flen[1]);
                int type = N_TYPES;
                for (int t = 0; t < N_TYPES; t++)
                    if (flen[2] == 3 && memcmp(fields[2], entity_types[t], 3) == 0)
                        type = t;
                split_words(fields[0], flen[0], &ts);
                split_words(fields[1], flen[1], &tl);
                if (ts.n != tl.n) {
                    out->unaligned++;
                } else {
                    for (size_t i = 0; i < ts.n; i++) {
                        if (strcmp(ts.tok[i], tl.tok[i]) == 0)
                            continue;
                        if (out->n == out->cap) {
                            out->cap = out->cap ? out->cap * 2 : 256;
                            out->p = xrealloc(out->p, out->cap * sizeof *out->p);
                        }
                        out->p[out->n].surface = xstrndup(ts.tok[i], strlen(ts.tok[i]));
                        out->p[out->n].lemma = xstrndup(tl.tok[i], strlen(tl.tok[i]));
                        out->p[out->n].type = type;
                        out->n++;
                    }
                }
            }
            first = false;
            line = eol + 1;
        }
        free(data);
    }
    tokens_clear(&ts);
    tokens_clear(&tl);
    free(ts.tok);
    free(tl.tok);
    globfree(&g);
}

/* ---- vocabulary --------------------------------------------------------------------------------------- */

typedef struct corpus_words {
    strset vocab;     /* distinct Cyrillic words */
    int *stream;      /* every Cyrillic token, as vocab ids, in text order */
    size_t n_stream, cap_stream;
    size_t n_files;
} corpus_words;

static void add_text(corpus_words *cw, const char *text, size_t len, tokens *tmp)
{
    split_words(text, len, tmp);
    for (size_t i = 0; i < tmp->n; i++) {
        if (!is_cyrillic_word(tmp->tok[i]))
            continue;
        int id = strset_add(&cw->vocab, tmp->tok[i], strlen(tmp->tok[i]), NULL);
        if (cw->n_stream == cw->cap_stream) {
            cw->cap_stream = cw->cap_stream ? cw->cap_stream * 2 : 65536;
            cw->stream = xrealloc(cw->stream, cw->cap_stream * sizeof *cw->stream);
        }
        cw->stream[cw->n_stream++] = id;
    }
}

static void load_vocabulary(const char *corpus, corpus_words *cw)
{
    const char *patterns[] = {"bsnlp-slavic-news/*/raw/uk/*", "ner-uk-nashigroshi/ng/*.txt"};
    tokens tmp = {0};
    for (int k = 0; k < 2; k++) {
        char *pattern = join_path(corpus, patterns[k]);
        glob_t g;
        if (glob(pattern, 0, NULL, &g) != 0) {
            fprintf(stderr, "eval_uk_stem_recall: no files match '%s'\n", pattern);
            exit(2);
        }
        free(pattern);
        for (size_t f = 0; f < g.gl_pathc; f++) {
            size_t len;
            char *data = read_file(g.gl_pathv[f], &len);
            const char *body = data;
            if (k == 0) /* skip the id, language, date and URL lines; keep the title */
                for (int l = 0; l < 4 && body; l++) {
                    body = memchr(body, '\n', (size_t)(data + len - body));
                    if (body)
                        body++;
                }
            if (body)
                add_text(cw, body, (size_t)(data + len - body), &tmp);
            cw->n_files++;
            free(data);
        }
        globfree(&g);
    }
    tokens_clear(&tmp);
    free(tmp.tok);
}

/* Lowercased dictionary forms of a word (both spellings, like the stemmer), as a set of ids in `lemmas`;
 * n = 0 when hunspell does not know it. */
typedef struct lemma_list {
    int *ids;
    int n;
} lemma_list;

static void dictionary_forms(Hunhandle *h, const char *w, strset *lemmas, lemma_list *out)
{
    out->ids = NULL;
    out->n = 0;
    size_t n = strlen(w);
    char *cap = xmalloc(n + 8);
    uint32_t c;
    int k = pc_utf8_decode((const unsigned char *)w, n, &c);
    if (k == 0) {
        free(cap);
        return;
    }
    size_t fl = pc_utf8_encode(upper_letter(c), cap);
    memcpy(cap + fl, w + k, n - (size_t)k + 1);
    const char *spellings[2] = {w, cap};
    uk_buf low = {0};
    for (int s = 0; s < 2; s++) {
        char **list = NULL;
        int m = Hunspell_stem(h, &list, spellings[s]);
        for (int i = 0; i < m; i++) {
            size_t low_len = 0;
            low.len = 0;
            if (!append_lower(&low, list[i], &low_len)) {
                fprintf(stderr, "eval_uk_stem_recall: out of memory\n");
                exit(2);
            }
            int id = strset_add(lemmas, low.data, low_len, NULL);
            bool dup = false;
            for (int j = 0; j < out->n; j++)
                dup |= out->ids[j] == id;
            if (!dup) {
                out->ids = xrealloc(out->ids, (size_t)(out->n + 1) * sizeof *out->ids);
                out->ids[out->n++] = id;
            }
        }
        if (list)
            Hunspell_free_list(h, &list, m);
    }
    free(low.data);
    free(cap);
}

static bool lemmas_disjoint(const lemma_list *a, const lemma_list *b)
{
    for (int i = 0; i < a->n; i++)
        for (int j = 0; j < b->n; j++)
            if (a->ids[i] == b->ids[j])
                return false;
    return true;
}

/* ---- measurement -------------------------------------------------------------------------------------- */

typedef struct result {
    size_t hits[N_TYPES + 1], total[N_TYPES + 1];
    size_t distinct_hits, distinct_total;
    size_t n_stems, n_groups_merged, merged_pairs, judged_pairs, disjoint_pairs;
    double cold_wps, stream_wps, load_seconds;
} result;

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void measure(candidate *c, const pairs *ps, const corpus_words *cw, const lemma_list *forms,
                    int samples, int misses, result *r)
{
    memset(r, 0, sizeof *r);
    candidate_open(c);
    r->load_seconds = c->load_seconds;

    /* speed, each pass on a fresh stemmer (empty cache): the text as it comes, then each word once */
    size_t checksum = 0;
    double t0 = now_seconds();
    for (size_t i = 0; i < cw->n_stream; i++) {
        const char *w = cw->vocab.items[cw->stream[i]];
        int out_len = 0;
        if (c->kind == CAND_UK) {
            if (!pc_uk_stem(c->uk, w, (int)strlen(w), &out_len))
                exit(2);
        } else if (c->kind == CAND_RUSSIAN) {
            sb_stemmer_stem(c->sb, (const sb_symbol *)w, (int)strlen(w));
            out_len = sb_stemmer_length(c->sb);
        } else {
            out_len = (int)strlen(w);
        }
        checksum += (size_t)out_len;
    }
    double t1 = now_seconds();
    r->stream_wps = (double)cw->n_stream / (t1 - t0);
    if (checksum == 0)
        fprintf(stderr, "(empty stream)\n");
    candidate_close(c);
    candidate_open(c);
    size_t V = cw->vocab.n;
    char **stem_of = xmalloc(V * sizeof *stem_of);
    t0 = now_seconds();
    for (size_t i = 0; i < V; i++)
        stem_of[i] = candidate_stem(c, cw->vocab.items[i]);
    t1 = now_seconds();
    r->cold_wps = (double)V / (t1 - t0);

    /* recall */
    strset seen = {0};
    int printed = 0;
    for (size_t i = 0; i < ps->n; i++) {
        char *a = candidate_stem(c, ps->p[i].surface), *b = candidate_stem(c, ps->p[i].lemma);
        bool hit = strcmp(a, b) == 0;
        r->total[ps->p[i].type]++;
        r->hits[ps->p[i].type] += hit;
        size_t kl = strlen(ps->p[i].surface) + strlen(ps->p[i].lemma) + 2;
        char *key = xmalloc(kl);
        snprintf(key, kl, "%s\t%s", ps->p[i].surface, ps->p[i].lemma);
        bool added;
        strset_add(&seen, key, strlen(key), &added);
        if (added) {
            r->distinct_total++;
            r->distinct_hits += hit;
            if (!hit && printed < misses) {
                printf("  miss %-8s %s -> %s | %s -> %s\n", c->name, ps->p[i].surface, a, ps->p[i].lemma, b);
                printed++;
            }
        }
        free(key);
        free(a);
        free(b);
    }
    strset_free(&seen);

    /* merges: group the vocabulary by stem */
    strset stems = {0};
    int *group = xmalloc(V * sizeof *group);
    for (size_t i = 0; i < V; i++)
        group[i] = strset_add(&stems, stem_of[i], strlen(stem_of[i]), NULL);
    size_t S = stems.n;
    r->n_stems = S;
    /* members of each group, as a linked list through next[] */
    int *head = xmalloc(S * sizeof *head), *next = xmalloc(V * sizeof *next), *size = calloc(S, sizeof *size);
    if (!size)
        exit(2);
    for (size_t g = 0; g < S; g++)
        head[g] = -1;
    for (size_t i = V; i-- > 0;) {
        next[i] = head[group[i]];
        head[group[i]] = (int)i;
        size[group[i]]++;
    }
    size_t *multi = xmalloc(V * sizeof *multi); /* words in merged groups */
    size_t n_multi = 0;
    int *disjoint = NULL; /* word pairs (2 ids each) merged although the dictionary has them apart */
    size_t n_disjoint = 0, cap_disjoint = 0;
    for (size_t g = 0; g < S; g++) {
        if (size[g] < 2)
            continue;
        r->n_groups_merged++;
        r->merged_pairs += (size_t)size[g] * (size_t)(size[g] - 1) / 2;
        for (int i = head[g]; i >= 0; i = next[i]) {
            multi[n_multi++] = (size_t)i;
            if (!forms[i].n)
                continue;
            for (int j = next[i]; j >= 0; j = next[j]) {
                if (!forms[j].n)
                    continue;
                r->judged_pairs++;
                if (!lemmas_disjoint(&forms[i], &forms[j]))
                    continue;
                r->disjoint_pairs++;
                if (n_disjoint == cap_disjoint) {
                    cap_disjoint = cap_disjoint ? cap_disjoint * 2 : 1024;
                    disjoint = xrealloc(disjoint, cap_disjoint * 2 * sizeof *disjoint);
                }
                disjoint[2 * n_disjoint] = i;
                disjoint[2 * n_disjoint + 1] = j;
                n_disjoint++;
            }
        }
    }
    if (samples > 0 && n_multi > 0) {
        printf("\n%s: %d merged pairs to check by hand (stem: word = word)\n", c->name, samples);
        rng_state = 0x9E3779B97F4A7C15ull;
        for (int k = 0; k < samples; k++) {
            size_t i = multi[rng_next() % n_multi];
            int g = group[i];
            int pick = (int)(rng_next() % (uint64_t)(size[g] - 1)), j = head[g];
            for (int step = 0; j >= 0; j = next[j]) {
                if ((size_t)j == i)
                    continue;
                if (step++ == pick)
                    break;
            }
            bool apart = forms[i].n && forms[j].n && lemmas_disjoint(&forms[i], &forms[j]);
            printf("  %2d %s: %s = %s%s\n", k + 1, stems.items[g], cw->vocab.items[i], cw->vocab.items[j],
                   apart ? "   [dict: different]" : "");
        }
    }
    if (samples > 0 && n_disjoint > 0) {
        printf("\n%s: %d merged pairs the dictionary has apart, to check by hand\n", c->name, samples);
        for (int k = 0; k < samples; k++) {
            size_t d = rng_next() % n_disjoint;
            int i = disjoint[2 * d], j = disjoint[2 * d + 1];
            printf("  %2d %s: %s = %s\n", k + 1, stems.items[group[i]], cw->vocab.items[i],
                   cw->vocab.items[j]);
        }
    }
    free(disjoint);
    free(multi);
    free(head);
    free(next);
    free(size);
    free(group);
    strset_free(&stems);
    for (size_t i = 0; i < V; i++)
        free(stem_of[i]);
    free(stem_of);
    candidate_close(c);
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

int main(int argc, char **argv)
{
    const char *corpus = NULL;
    int samples = 30, misses = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
            corpus = argv[++i];
        else if (strcmp(argv[i], "--samples") == 0 && i + 1 < argc)
            samples = atoi(argv[++i]);
        else if (strcmp(argv[i], "--misses") == 0 && i + 1 < argc)
            misses = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [--corpus DIR] [--samples N] [--misses N]\n", argv[0]);
            return 2;
        }
    }
    char *default_corpus = NULL;
    if (!corpus) {
        const char *shared = getenv("PRESSCUT_SHARED");
        corpus = default_corpus = join_path(shared && *shared ? shared : "../shared", "corpus");
    }

    pairs ps = {0};
    load_pairs(corpus, &ps);
    corpus_words cw = {0};
    load_vocabulary(corpus, &cw);

    /* dictionary forms of the vocabulary, for the merge check, from the default stemmer's dictionary */
    pc_uk_stemmer *probe = NULL;
    pc_error err;
    pc_error_clear(&err);
    if (pc_uk_stemmer_new(&probe, &err) != 0) {
        fprintf(stderr, "eval_uk_stem_recall: %s\n", err.msg);
        return 2;
    }
    Hunhandle *h = probe->hunspell;
    strset lemmas = {0};
    lemma_list *forms = xmalloc(cw.vocab.n * sizeof *forms);
    size_t known = 0;
    for (size_t i = 0; i < cw.vocab.n; i++) {
        dictionary_forms(h, cw.vocab.items[i], &lemmas, &forms[i]);
        known += forms[i].n > 0;
    }
    pc_uk_stemmer_free(probe);

    candidate cands[] = {
        {"none", CAND_NONE, UK_MODE_LIGHT, NULL, NULL, 0},
        {"c-russian", CAND_RUSSIAN, UK_MODE_LIGHT, NULL, NULL, 0},
        {"a-light", CAND_UK, UK_MODE_LIGHT, NULL, NULL, 0},
        {"b-hunspell", CAND_UK, UK_MODE_HUNSPELL, NULL, NULL, 0},
        {"d-hybrid", CAND_UK, UK_MODE_HYBRID, NULL, NULL, 0},
    };
    enum { n_cands = sizeof cands / sizeof cands[0] };
    result res[n_cands];
    for (size_t c = 0; c < n_cands; c++)
        measure(&cands[c], &ps, &cw, forms, samples, misses, &res[c]);

    printf("\nData: %zu annotation lines, %zu token pairs that differ "
           "(%zu lines skipped: token counts differ); "
           "vocabulary %zu distinct Cyrillic words (%zu known to hunspell) from %zu files, %zu tokens.\n\n",
           ps.lines, ps.n, ps.unaligned, cw.vocab.n, known, cw.n_files, cw.n_stream);
    printf("| candidate | recall all | distinct");
    for (int t = 0; t < N_TYPES; t++)
        printf(" | %s", entity_types[t]);
    printf(" | words/stem | merged pairs | dict-disjoint | load s | words/s cold | tokens/s stream |\n");
    printf("|---|---|---");
    for (int t = 0; t < N_TYPES; t++)
        printf("|---");
    printf("|---|---|---|---|---|---|\n");
    for (size_t c = 0; c < n_cands; c++) {
        result *r = &res[c];
        size_t hits = 0, total = 0;
        for (int t = 0; t <= N_TYPES; t++) {
            hits += r->hits[t];
            total += r->total[t];
        }
        printf("| %s | %.1f%% | %.1f%%", cands[c].name, pct(hits, total),
               pct(r->distinct_hits, r->distinct_total));
        for (int t = 0; t < N_TYPES; t++)
            printf(" | %.1f%% (%zu)", pct(r->hits[t], r->total[t]), r->total[t]);
        printf(" | %.2f | %zu | %.1f%% of %zu | %.2f | %.0f | %.0f |\n",
               (double)cw.vocab.n / (double)r->n_stems,
               r->merged_pairs, pct(r->disjoint_pairs, r->judged_pairs), r->judged_pairs, r->load_seconds,
               r->cold_wps, r->stream_wps);
    }

    for (size_t i = 0; i < cw.vocab.n; i++)
        free(forms[i].ids);
    free(forms);
    strset_free(&lemmas);
    strset_free(&cw.vocab);
    free(cw.stream);
    for (size_t i = 0; i < ps.n; i++) {
        free(ps.p[i].surface);
        free(ps.p[i].lemma);
    }
    free(ps.p);
    free(default_corpus);
    return 0;
}
