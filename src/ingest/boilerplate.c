/* boilerplate.c — removing site furniture from article bodies (rules in include/presscut/ingest/boilerplate.h). */
#include "presscut/ingest/passage.h"
#include "presscut/ingest/boilerplate.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <xxhash.h>

#include "presscut/core/array.h"
#include "presscut/core/error.h"
#include "presscut/core/utf8.h"

enum {
    EDGE_MAX_WORDS = 5,
    EDGE_MAX_BYTES = 60,
    SHORT_MAX_WORDS = 12,
    REPEAT_HEAD_LINES = 3,
    REPEAT_TAIL_LINES = 5,
    REPEAT_MIN_ARTICLES = PC_BOILERPLATE_REPEAT_MIN_ARTICLES,
    REPEAT_MIN_PERCENT = PC_BOILERPLATE_REPEAT_MIN_PERCENT,
    TITLE_SITE_MAX_WORDS = 4,
};

/* Phrases of site furniture, written as they read. Both tables are matched as whole words (a phrase starting or
 * ending with a letter or digit does not match inside a longer word), case-folded like the line (fold_line), so
 * "Share on" never matches "share one" and "Teilen" matches "TEILEN". A line of at most 12 words holding a call
 * is furniture; one holding only labels is furniture unless it reads as a sentence (read_as_sentence), since
 * labels are also ordinary words: "Most popular among voters was the tax cut." stays, "Most popular" goes. */
static const char *const furniture_calls[] = {
    "share this", "share via", "share article", "click to share", "tweet this", "follow us", "sign up for",
    "all rights reserved", "recommended for you", "back to top", "post a comment", "leave a comment",
    "leave a reply", "skip to content", "skip to main", "click here", "download the app", "print this",
    "email this", "copy link", "читайте также", "читайте також", "оставлять комментарии", "оставить комментарий",
    "залишити коментар", "подписывайтесь", "підписуйтесь", "все права защищены", "усі права захищені",
    "всі права захищені", "Lesen Sie auch", "Lire aussi",
};
static const char *const furniture_labels[] = {
    "share on", "subscribe", "newsletter", "cookie", "cookies", "privacy policy", "terms of use",
    "terms of service", "related articles", "related stories", "related posts", "related news", "related topics",
    "read more", "read also", "see also", "also read", "most read", "most popular", "trending now", "comments (",
    "previous post", "next post", "previous article", "next article", "source link", "advertisement",
    "sponsored content", "©", "поделиться", "поділитися", "реклама", "комментарии", "коментарі",
    "Teilen", "Anzeige", "Partager",
};

enum {
    N_FURNITURE_CALLS = sizeof furniture_calls / sizeof *furniture_calls,
    N_FURNITURE_LABELS = sizeof furniture_labels / sizeof *furniture_labels,
    /* a line ending like a sentence, with this many words besides its labels, is a sentence */
    SENTENCE_MIN_OTHER_WORDS = 3,
    /* longer lines are not folded for phrase matching (furniture lines are short) */
    PHRASE_LINE_MAX_BYTES = 512,
    /* the longest phrase above has fewer code points (checked by the boilerplate test) */
    PHRASE_MAX_CODE_POINTS = 32,
};

typedef struct line_span {
    size_t start, end; /* the line's bytes, without its "\n" */
    size_t words;
    bool blank;
    bool remove;
    uint64_t key; /* rule 3: hash of source and folded line; 0 when the line is not a candidate */
} line_span;

typedef struct article_lines {
    line_span *lines;
    size_t n;
} article_lines;

static void trim(const char *s, size_t *start, size_t *end)
{
    while (*start < *end) {
        size_t n = pc_utf8_space_len(s + *start, *end - *start);
        if (!n)
            break;
        *start += n;
    }
    while (*end > *start) {
        size_t n = 0;
        for (size_t k = 1; k <= 3 && k <= *end - *start && !n; k++)
            if (pc_utf8_space_len(s + *end - k, k) == k)
                n = k;
        if (!n)
            break;
        *end -= n;
    }
}

/* Whether the line ends like a sentence or a quotation: then it is text, not furniture. */
static bool ends_sentence(const char *s, size_t len)
{
    if (len == 0)
        return false;
    static const char *const enders[] = {".", "!", "?", ":", ";", ",", "\"", "'", ")", "]", "…", "”", "»", "’", "“"};
    for (size_t i = 0; i < sizeof enders / sizeof *enders; i++) {
        size_t n = strlen(enders[i]);
        if (len >= n && memcmp(s + len - n, enders[i], n) == 0)
            return true;
    }
    return false;
}

/* A line folded for phrase matching: its code points, case-folded (ICU simple folding), each run of white space
 * made one ASCII space. */
typedef struct folded_line {
    UChar32 cp[PHRASE_LINE_MAX_BYTES];
    size_t n;
} folded_line;

/* Folds [s, s+len) into *out; false when the line is longer than PHRASE_LINE_MAX_BYTES. */
static bool fold_line(const char *s, size_t len, folded_line *out)
{
    char squeezed[PHRASE_LINE_MAX_BYTES + 1];
    out->n = 0;
    if (len > PHRASE_LINE_MAX_BYTES)
        return false;
    size_t m = pc_utf8_squeeze_spaces_to(squeezed, s, len);
    for (size_t i = 0; i < m;) {
        unsigned int cp;
        i += pc_utf8_next(squeezed + i, m - i, &cp);
        out->cp[out->n++] = u_foldCase((UChar32)cp, U_FOLD_CASE_DEFAULT);
    }
    return true;
}

/* Whether cp belongs to a word (a letter, a digit, or a mark such as a Cyrillic stress accent). */
static bool is_word_char(UChar32 cp)
{
    return u_isalnum(cp) || u_charType(cp) == U_NON_SPACING_MARK;
}

/* A phrase folded once as lines are (fold_line), so that matching compares code points only. */
typedef struct folded_phrase {
    UChar32 cp[PHRASE_MAX_CODE_POINTS];
    size_t n;
} folded_phrase;

static folded_phrase folded_calls[N_FURNITURE_CALLS];
static folded_phrase folded_labels[N_FURNITURE_LABELS];
static pthread_once_t folded_phrases_once = PTHREAD_ONCE_INIT;

static void fold_phrases(const char *const *phrases, size_t n, folded_phrase *out)
{
    for (size_t p = 0; p < n; p++) {
        size_t len = strlen(phrases[p]);
        out[p].n = 0;
        for (size_t i = 0; i < len && out[p].n < PHRASE_MAX_CODE_POINTS;) {
            unsigned int cp;
            i += pc_utf8_next(phrases[p] + i, len - i, &cp);
            out[p].cp[out[p].n++] = u_foldCase((UChar32)cp, U_FOLD_CASE_DEFAULT);
        }
    }
}

static int compare_first_code_points(const void *a, const void *b)
{
    UChar32 x = ((const folded_phrase *)a)->cp[0], y = ((const folded_phrase *)b)->cp[0];
    return (x > y) - (x < y);
}

/* Folds the phrases and orders each list by first code point, so that a line position is tried only with the
 * phrases that can start there (which phrase matched where does not depend on their order). */
static void fold_all_phrases(void)
{
    fold_phrases(furniture_calls, N_FURNITURE_CALLS, folded_calls);
    fold_phrases(furniture_labels, N_FURNITURE_LABELS, folded_labels);
    qsort(folded_calls, N_FURNITURE_CALLS, sizeof *folded_calls, compare_first_code_points);
    qsort(folded_labels, N_FURNITURE_LABELS, sizeof *folded_labels, compare_first_code_points);
}

/* The first of phrases[0..n) (ordered by first code point) that starts with cp; n when none does. */
static size_t first_starting_with(const folded_phrase *phrases, size_t n, UChar32 cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (phrases[mid].cp[0] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && phrases[lo].cp[0] == cp ? lo : n;
}

/* The number of code points of phrase matched at line->cp[at], or 0 when it does not match there. */
static size_t phrase_at(const folded_line *line, size_t at, const folded_phrase *phrase)
{
    if (phrase->n > line->n - at)
        return 0;
    for (size_t i = 0; i < phrase->n; i++)
        if (line->cp[at + i] != phrase->cp[i])
            return 0;
    return phrase->n;
}

/* Marks in covered[] the code points of each whole-word occurrence of the phrases[0..n) (ordered by first code
 * point, see fold_all_phrases) in the line; returns whether there was one. */
static bool mark_phrases(const folded_line *line, const folded_phrase *phrases, size_t n, bool *covered)
{
    bool found = false;
    for (size_t at = 0; at < line->n; at++)
        for (size_t p = first_starting_with(phrases, n, line->cp[at]); p < n && phrases[p].cp[0] == line->cp[at];
             p++) {
            size_t m = phrase_at(line, at, &phrases[p]);
            if (!m)
                continue;
            bool starts_word = at == 0 || !is_word_char(line->cp[at - 1]) || !is_word_char(line->cp[at]);
            bool ends_word =
                at + m == line->n || !is_word_char(line->cp[at + m]) || !is_word_char(line->cp[at + m - 1]);
            if (!starts_word || !ends_word)
                continue;
            for (size_t k = at; k < at + m; k++)
                covered[k] = true;
            found = true;
        }
    return found;
}

/* Whether the line ends with . ! ? or … (closing quotes and brackets after it allowed) and has at least
 * SENTENCE_MIN_OTHER_WORDS words with no code point covered by a phrase. */
static bool read_as_sentence(const folded_line *line, const bool *covered)
{
    size_t end = line->n;
    while (end > 0 && (u_hasBinaryProperty(line->cp[end - 1], UCHAR_QUOTATION_MARK) ||
                       u_charType(line->cp[end - 1]) == U_END_PUNCTUATION ||
                       u_charType(line->cp[end - 1]) == U_FINAL_PUNCTUATION))
        end--;
    if (end == 0 || !(line->cp[end - 1] == '.' || line->cp[end - 1] == '!' || line->cp[end - 1] == '?' ||
                      line->cp[end - 1] == 0x2026))
        return false;
    size_t other_words = 0;
    for (size_t i = 0; i < line->n;) {
        size_t j = i;
        bool word = false, touches_phrase = false;
        for (; j < line->n && line->cp[j] != ' '; j++) {
            word = word || is_word_char(line->cp[j]);
            touches_phrase = touches_phrase || covered[j];
        }
        other_words += word && !touches_phrase;
        i = j + 1;
    }
    return other_words >= SENTENCE_MIN_OTHER_WORDS;
}

/* Rule 2 for one trimmed line of at most SHORT_MAX_WORDS words: it holds a furniture call, or furniture labels
 * and does not read as a sentence. */
static bool has_furniture_phrase(const char *s, size_t len)
{
    folded_line line;
    bool covered[PHRASE_LINE_MAX_BYTES] = {false};
    if (!fold_line(s, len, &line))
        return false;
    pthread_once(&folded_phrases_once, fold_all_phrases);
    if (mark_phrases(&line, folded_calls, N_FURNITURE_CALLS, covered))
        return true;
    return mark_phrases(&line, folded_labels, N_FURNITURE_LABELS, covered) && !read_as_sentence(&line, covered);
}

const char *pc_boilerplate_phrase(size_t i)
{
    if (i < N_FURNITURE_CALLS)
        return furniture_calls[i];
    if (i < N_FURNITURE_CALLS + N_FURNITURE_LABELS)
        return furniture_labels[i - N_FURNITURE_CALLS];
    return NULL;
}

/* The rule-3 key of a line (trimmed by split_lines): its source and its text with ASCII case and white space
 * folded; 0 (no key) for a line over 400 bytes. */
static uint64_t line_key(const char *source, const char *s, size_t len)
{
    char buf[512];
    if (len > 400)
        return 0;
    size_t o = pc_utf8_squeeze_spaces_to(buf, s, len);
    for (size_t i = 0; i < o; i++)
        buf[i] = (buf[i] >= 'A' && buf[i] <= 'Z') ? (char)(buf[i] | 0x20) : buf[i];
    uint64_t seed = source ? XXH3_64bits(source, strlen(source)) : 0;
    uint64_t h = XXH3_64bits_withSeed(buf, o, seed);
    return h ? h : 1;
}

static int split_lines(const pc_article *a, article_lines *out)
{
    out->lines = NULL;
    out->n = 0;
    if (!a->body)
        return PC_OK;
    size_t count = 1;
    for (size_t i = 0; i < a->body_len; i++)
        count += a->body[i] == '\n';
    out->lines = calloc(count, sizeof *out->lines);
    if (!out->lines)
        return PC_ENOMEM;
    size_t start = 0;
    for (size_t i = 0; i <= a->body_len; i++) {
        if (i < a->body_len && a->body[i] != '\n')
            continue;
        size_t s = start, e = i;
        trim(a->body, &s, &e);
        line_span *l = &out->lines[out->n++];
        l->start = s;
        l->end = e;
        l->blank = s == e;
        l->words = l->blank ? 0 : pc_count_words(a->body + s, e - s);
        start = i + 1;
    }
    return PC_OK;
}

/* Rules 2 (phrases) and 1 (edge blocks, which a phrase line anchors) for one article. */
static void mark_edges_and_phrases(const pc_article *a, article_lines *al)
{
    for (size_t i = 0; i < al->n; i++) {
        line_span *l = &al->lines[i];
        if (!l->blank && l->words <= SHORT_MAX_WORDS && has_furniture_phrase(a->body + l->start, l->end - l->start))
            l->remove = true;
    }
    /* From the start, then from the end: the block of lines that are short and unpunctuated or furniture
     * goes when it holds a furniture line (a line like "Stade de France, Paris" under a sports report, with
     * no furniture beside it, is the report's own). */
    for (int dir = 0; dir < 2; dir++) {
        size_t block = 0;
        bool anchored = false;
        for (; block < al->n; block++) {
            line_span *l = &al->lines[dir == 0 ? block : al->n - 1 - block];
            if (l->blank)
                continue;
            if (l->remove) {
                anchored = true;
                continue;
            }
            bool edge = l->words <= EDGE_MAX_WORDS && l->end - l->start <= EDGE_MAX_BYTES &&
                        !ends_sentence(a->body + l->start, l->end - l->start);
            if (!edge)
                break;
        }
        if (!anchored)
            continue;
        for (size_t k = 0; k < block; k++) {
            line_span *l = &al->lines[dir == 0 ? k : al->n - 1 - k];
            if (!l->blank)
                l->remove = true;
        }
    }
}

/* The non-blank lines among the first REPEAT_HEAD_LINES or last REPEAT_TAIL_LINES get a rule-3 key. */
static void set_repeat_keys(const pc_article *a, article_lines *al)
{
    size_t nonblank = 0;
    for (size_t i = 0; i < al->n; i++)
        nonblank += !al->lines[i].blank;
    size_t seen = 0;
    for (size_t i = 0; i < al->n; i++) {
        line_span *l = &al->lines[i];
        if (l->blank)
            continue;
        seen++;
        bool near_edge = seen <= REPEAT_HEAD_LINES || seen + REPEAT_TAIL_LINES > nonblank;
        if (near_edge && l->words <= SHORT_MAX_WORDS)
            l->key = line_key(a->source, a->body + l->start, l->end - l->start);
    }
}

typedef struct key_count {
    uint64_t key;
    size_t articles;
    size_t last_article; /* +1; counts each article once */
} key_count;

typedef struct key_table {
    key_count *slots;
    size_t cap;
} key_table;

static key_count *key_slot(key_table *t, uint64_t key)
{
    size_t i = (size_t)(key & (t->cap - 1));
    while (t->slots[i].key && t->slots[i].key != key)
        i = (i + 1) & (t->cap - 1);
    t->slots[i].key = key;
    return &t->slots[i];
}

/* Number of articles per source, looked up by the source's hash. */
static size_t source_group_size(pc_article *const *articles, size_t n, const char *source)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = articles[i]->source;
        if ((s == NULL && source == NULL) || (s && source && strcmp(s, source) == 0))
            count++;
    }
    return count;
}

/* Whether key is in the sorted array known[0..n). */
static bool key_known(const uint64_t *known, size_t n, uint64_t key)
{
    return n > 0 && bsearch(&key, known, n, sizeof *known, pc_compare_u64) != NULL;
}

/* Gives *out the distinct keys of the article's edge lines (for the store), sorted, each with whether the line
 * was kept, i.e. not judged boilerplate (a body made only of boilerplate keeps its lines, but they count as
 * judged: the store must not ask for it to be cleaned again). */
static int record_edge_keys(pc_edge_lines *out, const article_lines *al)
{
    size_t count = 0;
    for (size_t k = 0; k < al->n; k++)
        count += al->lines[k].key != 0;
    pc_edge_lines_clear(out);
    if (count == 0)
        return PC_OK;
    uint64_t *keys = malloc(count * sizeof *keys);
    bool *kept = malloc(count * sizeof *kept);
    if (!keys || !kept) {
        free(keys);
        free(kept);
        return PC_ENOMEM;
    }
    size_t n = 0;
    for (size_t k = 0; k < al->n; k++)
        if (al->lines[k].key)
            keys[n++] = al->lines[k].key;
    qsort(keys, n, sizeof *keys, pc_compare_u64);
    size_t distinct = 1;
    for (size_t k = 1; k < n; k++)
        if (keys[k] != keys[distinct - 1])
            keys[distinct++] = keys[k];
    /* a key's line is kept when any line with that key stayed */
    for (size_t d = 0; d < distinct; d++) {
        kept[d] = false;
        for (size_t k = 0; k < al->n && !kept[d]; k++)
            if (al->lines[k].key == keys[d] && !al->lines[k].remove)
                kept[d] = true;
    }
    out->keys = keys;
    out->kept = kept;
    out->n = distinct;
    return PC_OK;
}

/* Rule 3 over all articles. */
static int mark_repeated(pc_article *const *articles, size_t n, article_lines *all)
{
    size_t keys = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < all[i].n; k++)
            keys += all[i].lines[k].key != 0;
    if (keys == 0)
        return PC_OK;
    key_table t = {0};
    t.cap = 16;
    while (t.cap < keys * 2)
        t.cap <<= 1;
    t.slots = calloc(t.cap, sizeof *t.slots);
    if (!t.slots)
        return PC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < all[i].n; k++) {
            uint64_t key = all[i].lines[k].key;
            if (!key)
                continue;
            key_count *c = key_slot(&t, key);
            if (c->last_article != i + 1) {
                c->articles++;
                c->last_article = i + 1;
            }
        }
    /* Group sizes are computed once per article (n is one file's articles: small enough). */
    size_t *group = malloc(n * sizeof *group);
    if (!group) {
        free(t.slots);
        return PC_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        group[i] = (i > 0 && ((articles[i]->source == NULL && articles[i - 1]->source == NULL) ||
                              (articles[i]->source && articles[i - 1]->source &&
                               strcmp(articles[i]->source, articles[i - 1]->source) == 0)))
                       ? group[i - 1]
                       : source_group_size(articles, n, articles[i]->source);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < all[i].n; k++) {
            line_span *l = &all[i].lines[k];
            if (!l->key)
                continue;
            size_t count = key_slot(&t, l->key)->articles;
            if (count >= REPEAT_MIN_ARTICLES && count * 100 >= group[i] * REPEAT_MIN_PERCENT)
                l->remove = true;
        }
    free(group);
    free(t.slots);
    return PC_OK;
}

/* Rewrites the body without the removed lines. Returns the number removed, or (size_t)-1 on ENOMEM. */
static size_t rewrite_body(pc_article *a, article_lines *al)
{
    size_t removed = 0, kept = 0;
    for (size_t i = 0; i < al->n; i++) {
        if (al->lines[i].blank)
            continue;
        if (al->lines[i].remove)
            removed++;
        else
            kept++;
    }
    if (removed == 0 || kept == 0)
        return 0;
    char *out = malloc(a->body_len + 1);
    if (!out)
        return (size_t)-1;
    size_t o = 0;
    bool pending_break = false, paragraph_break = false;
    for (size_t i = 0; i < al->n; i++) {
        const line_span *l = &al->lines[i];
        if (l->blank) {
            paragraph_break = true;
            continue;
        }
        if (l->remove)
            continue;
        if (o > 0) {
            if (paragraph_break || pending_break) {
                memcpy(out + o, paragraph_break ? "\n\n" : "\n", paragraph_break ? 2 : 1);
                o += paragraph_break ? 2 : 1;
            }
        }
        memcpy(out + o, a->body + l->start, l->end - l->start);
        o += l->end - l->start;
        pending_break = true;
        paragraph_break = false;
    }
    out[o] = '\0';
    free(a->body);
    a->body = out;
    a->body_len = o;
    return removed;
}

void pc_edge_lines_clear(pc_edge_lines *lines)
{
    if (!lines)
        return;
    free(lines->keys);
    free(lines->kept);
    memset(lines, 0, sizeof *lines);
}

int pc_boilerplate_strip(pc_article *const *articles, size_t n, const uint64_t *known, size_t n_known,
                         pc_edge_lines *edge_lines, size_t *removed)
{
    return pc_boilerplate_strip_judged(articles, n, known, n_known, NULL, NULL, edge_lines, removed);
}

int pc_boilerplate_strip_judged(pc_article *const *articles, size_t n, const uint64_t *known, size_t n_known,
                                pc_line_repeated_fn repeated, void *payload, pc_edge_lines *edge_lines,
                                size_t *removed)
{
    if (removed)
        *removed = 0;
    if (n == 0)
        return PC_OK;
    article_lines *all = calloc(n, sizeof *all);
    if (!all)
        return PC_ENOMEM;
    int rc = PC_OK;
    for (size_t i = 0; i < n && rc == PC_OK; i++) {
        rc = split_lines(articles[i], &all[i]);
        if (rc == PC_OK) {
            mark_edges_and_phrases(articles[i], &all[i]);
            set_repeat_keys(articles[i], &all[i]);
            for (size_t k = 0; k < all[i].n && (n_known > 0 || repeated); k++) {
                uint64_t key = all[i].lines[k].key;
                if (key && (key_known(known, n_known, key) || (repeated && repeated(payload, key))))
                    all[i].lines[k].remove = true;
            }
        }
    }
    if (rc == PC_OK && n >= REPEAT_MIN_ARTICLES)
        rc = mark_repeated(articles, n, all);
    for (size_t i = 0; i < n && rc == PC_OK; i++) {
        size_t r = rewrite_body(articles[i], &all[i]);
        if (r == (size_t)-1)
            rc = PC_ENOMEM;
        else if (removed)
            *removed += r;
        if (rc == PC_OK && edge_lines)
            rc = record_edge_keys(&edge_lines[i], &all[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(all[i].lines);
    free(all);
    return rc;
}

bool pc_boilerplate_is_furniture_line(const char *s, size_t len)
{
    size_t start = 0, end = len;
    trim(s, &start, &end);
    return start < end && pc_count_words(s + start, end - start) <= SHORT_MAX_WORDS &&
           has_furniture_phrase(s + start, end - start);
}

void pc_boilerplate_clean_title(char *title)
{
    if (!title)
        return;
    char *bar = strstr(title, " | ");
    if (!bar || bar == title)
        return;
    char *next;
    while ((next = strstr(bar + 3, " | ")))
        bar = next;
    const char *site = bar + 3;
    size_t words = pc_count_words(site, strlen(site));
    if (words == 0 || words > TITLE_SITE_MAX_WORDS)
        return;
    *bar = '\0';
    size_t len = strlen(title);
    while (len > 0 && (title[len - 1] == ' ' || title[len - 1] == '\t'))
        title[--len] = '\0';
}
