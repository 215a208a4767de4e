/* line_tally.c — counting edge lines per source while a run reads its files (see
 * include/presscut/ingest/line_tally.h). Two open-addressing tables: keys (with their article counts and
 * source) and sources (by the hash of their name, with their article counts). */
#include "presscut/ingest/line_tally.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "presscut/core/array.h"
#include "presscut/core/error.h"

enum {
    DEFAULT_MAX_KEYS = 1 << 17,
    FIRST_KEY_SLOTS = 1 << 10,
    FIRST_SOURCE_SLOTS = 1 << 4,
};

typedef struct tally_key {
    uint64_t key; /* 0: free slot (rule-3 keys are never 0) */
    uint32_t articles;
    unsigned int source : 31; /* index in pc_line_tally.sources */
    unsigned int judged : 1;  /* pc_line_tally_judge found it repeated once */
} tally_key;

typedef struct tally_source {
    uint64_t name_hash;
    long long articles;
} tally_source;

struct pc_line_tally {
    tally_key *keys;
    size_t key_slots, max_key_slots, live_keys;
    tally_source *sources; /* dense, in the order met */
    size_t n_sources, cap_sources;
    uint32_t *source_slots; /* index in sources + 1; 0: free */
    size_t source_slot_count;
};

/* The hash a source is known by: its name's, never 0; 0 for no source. */
static uint64_t source_hash(const char *source)
{
    if (!source)
        return 0;
    uint64_t h = XXH3_64bits(source, strlen(source));
    return h ? h : 1;
}

static size_t key_home(const pc_line_tally *t, uint64_t key)
{
    return (size_t)(key ^ (key >> 29)) & (t->key_slots - 1);
}

/* The slot of key, or the free slot where it would go. */
static tally_key *key_slot(const pc_line_tally *t, uint64_t key)
{
    size_t i = key_home(t, key);
    while (t->keys[i].key && t->keys[i].key != key)
        i = (i + 1) & (t->key_slots - 1);
    return &t->keys[i];
}

/* Moves the keys into a table of `slots` slots, leaving out the keys never judged repeated that lie in at
 * most `forget_below` articles (0: none left out). Returns 0 or PC_ENOMEM (the table is unchanged). */
static int rehash_keys(pc_line_tally *t, size_t slots, uint32_t forget_below)
{
    tally_key *old = t->keys;
    size_t old_slots = t->key_slots;
    tally_key *fresh = calloc(slots, sizeof *fresh);
    if (!fresh)
        return PC_ENOMEM;
    t->keys = fresh;
    t->key_slots = slots;
    t->live_keys = 0;
    for (size_t i = 0; i < old_slots; i++) {
        if (!old[i].key || (!old[i].judged && old[i].articles <= forget_below))
            continue;
        *key_slot(t, old[i].key) = old[i];
        t->live_keys++;
    }
    free(old);
    return PC_OK;
}

/* How many keys stay when those never judged repeated lying in at most forget_below articles go. */
static size_t keys_kept(const pc_line_tally *t, uint32_t forget_below)
{
    size_t kept = 0;
    for (size_t i = 0; i < t->key_slots; i++)
        kept += t->keys[i].key && (t->keys[i].judged || t->keys[i].articles > forget_below);
    return kept;
}

/* Makes room for one more key, keeping the table at most half full: grows it up to its bound, then forgets
 * the keys met least often until a quarter of it is used (or only judged keys are left). Returns 0 or
 * PC_ENOMEM. */
static int make_room(pc_line_tally *t)
{
    if ((t->live_keys + 1) * 2 <= t->key_slots)
        return PC_OK;
    if (t->key_slots < t->max_key_slots)
        return rehash_keys(t, t->key_slots * 2, 0);
    uint32_t forget_below = 1;
    size_t kept;
    while ((kept = keys_kept(t, forget_below)) * 4 > t->key_slots && kept > keys_kept(t, UINT32_MAX))
        forget_below = forget_below >= UINT32_MAX / 2 ? UINT32_MAX : forget_below * 2;
    return rehash_keys(t, t->key_slots, forget_below);
}

/* The index of the source with this hash in t->sources, adding it when absent; -1 on ENOMEM. */
static long source_index(pc_line_tally *t, uint64_t name_hash)
{
    size_t i = (size_t)(name_hash ^ (name_hash >> 31)) & (t->source_slot_count - 1);
    for (; t->source_slots[i]; i = (i + 1) & (t->source_slot_count - 1))
        if (t->sources[t->source_slots[i] - 1].name_hash == name_hash)
            return (long)t->source_slots[i] - 1;
    if ((t->n_sources + 1) * 2 > t->source_slot_count) {
        size_t count = t->source_slot_count * 2;
        uint32_t *slots = calloc(count, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t s = 0; s < t->n_sources; s++) {
            size_t k = (size_t)(t->sources[s].name_hash ^ (t->sources[s].name_hash >> 31)) & (count - 1);
            while (slots[k])
                k = (k + 1) & (count - 1);
            slots[k] = (uint32_t)s + 1;
        }
        free(t->source_slots);
        t->source_slots = slots;
        t->source_slot_count = count;
        return source_index(t, name_hash);
    }
    if (t->n_sources == t->cap_sources) {
        size_t cap = t->cap_sources * 2;
        tally_source *grown = realloc(t->sources, cap * sizeof *grown);
        if (!grown)
            return -1;
        t->sources = grown;
        t->cap_sources = cap;
    }
    t->sources[t->n_sources] = (tally_source){.name_hash = name_hash, .articles = 0};
    t->source_slots[i] = (uint32_t)++t->n_sources;
    return (long)t->n_sources - 1;
}

int pc_line_tally_new(pc_line_tally **out, size_t max_keys)
{
    *out = NULL;
    pc_line_tally *t = calloc(1, sizeof *t);
    if (!t)
        return PC_ENOMEM;
    size_t max_slots = FIRST_KEY_SLOTS;
    while (max_slots < 2 * (max_keys ? max_keys : DEFAULT_MAX_KEYS))
        max_slots *= 2;
    t->max_key_slots = max_slots;
    t->key_slots = FIRST_KEY_SLOTS;
    t->keys = calloc(t->key_slots, sizeof *t->keys);
    t->cap_sources = FIRST_SOURCE_SLOTS / 2;
    t->sources = malloc(t->cap_sources * sizeof *t->sources);
    t->source_slot_count = FIRST_SOURCE_SLOTS;
    t->source_slots = calloc(t->source_slot_count, sizeof *t->source_slots);
    if (!t->keys || !t->sources || !t->source_slots) {
        pc_line_tally_free(t);
        return PC_ENOMEM;
    }
    *out = t;
    return PC_OK;
}

void pc_line_tally_free(pc_line_tally *t)
{
    if (!t)
        return;
    free(t->keys);
    free(t->sources);
    free(t->source_slots);
    free(t);
}

int pc_line_tally_add_indexed(pc_line_tally *t, const char *source, long long articles)
{
    long s = source_index(t, source_hash(source));
    if (s < 0)
        return PC_ENOMEM;
    t->sources[s].articles += articles;
    return PC_OK;
}

int pc_line_tally_add_article(pc_line_tally *t, const char *source, const pc_edge_lines *lines)
{
    long s = source_index(t, source_hash(source));
    if (s < 0)
        return PC_ENOMEM;
    t->sources[s].articles++;
    for (size_t i = 0; lines && i < lines->n; i++) {
        if (!lines->keys[i])
            continue;
        if (make_room(t) != PC_OK)
            return PC_ENOMEM;
        tally_key *k = key_slot(t, lines->keys[i]);
        if (!k->key) {
            if (t->live_keys * 4 >= t->key_slots * 3)
                continue; /* only judged keys left and no room: new keys are not counted */
            *k = (tally_key){.key = lines->keys[i], .source = (unsigned int)s};
            t->live_keys++;
        }
        if (k->articles < UINT32_MAX)
            k->articles++;
    }
    return PC_OK;
}

bool pc_line_tally_judge(void *tally, uint64_t key)
{
    pc_line_tally *t = tally;
    if (!key)
        return false;
    tally_key *k = key_slot(t, key);
    if (!k->key)
        return false;
    long long source_articles = t->sources[k->source].articles;
    bool repeated = k->articles >= PC_BOILERPLATE_REPEAT_MIN_ARTICLES &&
                    (long long)k->articles * 100 >= (long long)PC_BOILERPLATE_REPEAT_MIN_PERCENT * source_articles;
    if (repeated)
        k->judged = 1;
    return repeated;
}

int pc_line_tally_judged_keys(const pc_line_tally *t, uint64_t **keys, size_t *n)
{
    *keys = NULL;
    *n = 0;
    size_t count = 0;
    for (size_t i = 0; i < t->key_slots; i++)
        count += t->keys[i].key && t->keys[i].judged;
    if (count == 0)
        return PC_OK;
    uint64_t *out = malloc(count * sizeof *out);
    if (!out)
        return PC_ENOMEM;
    for (size_t i = 0; i < t->key_slots; i++)
        if (t->keys[i].key && t->keys[i].judged)
            out[(*n)++] = t->keys[i].key;
    qsort(out, *n, sizeof *out, pc_compare_u64);
    *keys = out;
    return PC_OK;
}
