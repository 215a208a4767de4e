/* synthetic_news.h — deterministic news-like bodies for tests that need many kilobytes of text (training a
 * compression dictionary): sentences of words drawn from a small vocabulary, so bodies share their words
 * and phrasing as real news does, in paragraphs separated by "\n\n". */
#ifndef PRESSCUT_TEST_SYNTHETIC_NEWS_H
#define PRESSCUT_TEST_SYNTHETIC_NEWS_H

#include <stdio.h>
#include <string.h>

static const char *const synthetic_words[] = {
    "the", "minister", "said", "on", "monday", "that", "prices", "of", "crude", "oil", "rose", "sharply",
    "after", "talks", "in", "vienna", "between", "producers", "and", "buyers", "ended", "without", "a",
    "deal", "shares", "fell", "percent", "bank", "council", "city", "officials", "police", "report",
    "government", "budget", "election", "votes", "party", "leader", "company", "profit", "quarter",
    "market", "analysts", "expected", "growth", "exports", "farmers", "wheat", "river", "flood", "storm",
    "court", "ruling", "appeal", "judge", "hospital", "nurses", "strike", "union", "wages", "pension",
};

/* Writes body number `seed` (a few hundred to a few thousand bytes, always the same for one seed) into
 * buf (NUL-terminated, cut to size). Returns its length. */
static inline size_t synthetic_body(unsigned seed, char *buf, size_t size)
{
    unsigned long long state = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    size_t n_words = sizeof synthetic_words / sizeof synthetic_words[0];
    size_t len = 0;
    int sentences = 4 + (int)(seed % 17);
    buf[0] = '\0';
    for (int i = 0; i < sentences && len + 1 < size; i++) {
        int words = 6 + (int)((state >> 33) % 14);
        for (int w = 0; w < words && len + 1 < size; w++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *word = synthetic_words[(state >> 33) % n_words];
            int wrote = snprintf(buf + len, size - len, "%s%s", w ? " " : (i ? (i % 3 ? " " : "\n\n") : ""), word);
            len += wrote > 0 ? (size_t)wrote : 0;
        }
        if (len + 2 < size) {
            buf[len++] = '.';
            buf[len] = '\0';
        }
    }
    return len < size ? len : size - 1;
}

#endif
