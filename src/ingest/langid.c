/* langid.c — language detection. libexttextcat's n-gram fingerprints (Cavnar & Trenkle "out of place"
 * distance; the .lm files of /usr/share/libexttextcat) decide among the languages written in the text's dominant script;
 * the letters only one language uses and its most frequent short words (the older word-list guesser, kept
 * here) break near-ties and act as the fallback when the fingerprints are not installed.
 * See include/presscut/ingest/langid.h. Layout: word lists and letter counts (the heuristic), then the fingerprint
 * models (with one index of all their n-grams, so a text is compared with every model in one pass), then the
 * decision. tests/eval/langid_accuracy.c #includes this file to reach each method. */
#include "presscut/ingest/langid.h"

#include "presscut/core/utf8.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libexttextcat/fingerprint.h>
#include <unicode/uchar.h>

#define SCAN_MAX_BYTES 65536 /* the start of a text says enough */
#define WORD_MAX_BYTES 32
#define MIN_SCORE 3.0        /* fewer scoring words than this: unsure */
#define MIN_RATIO 1.5        /* the winner must beat the runner-up by this factor */
/* A winner this far ahead (scoring words, and times the runner-up) is taken without asking exttextcat:
 * on full articles both agree (see combined_decide), and n-gram ranking costs about 0.25 ms a text. */
#define DECISIVE_SCORE 12.0
#define DECISIVE_RATIO 3.0

enum lang {
    L_EN, L_DE, L_FR, L_ES, L_IT, L_PT, L_NL, L_PL, L_CS, L_SK, L_SL, L_HR, /* Latin */
    L_RU, L_UK, L_BG, L_SR,                                                 /* Cyrillic */
    N_LANGS,
};

static const char *const lang_codes[N_LANGS] = {
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "ru", "uk", "bg", "sr",
};

/* The most frequent short words of each language, lower case, separated by spaces. A word in several lists
 * counts for each, divided among them. */
static const char *const lang_words[N_LANGS] = {
    [L_EN] = "the of and to in is that for it was on with as by he at from his be have has are this which "
             "were said not but will an they been would who their had its after also more than about into",
    [L_DE] = "der die und den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden "
             "aus er hat dass sie nach wird bei einer um am sind noch wie einem über zum war haben nur oder "
             "aber vor zur bis mehr durch man kann gegen schon wenn",
    [L_FR] = "de la le et les des en un du une que est pour qui dans par plus pas au sur ne se ce il sont avec "
             "son aux été ont mais cette elle ses leur nous vous lors entre selon",
    [L_ES] = "de la que el en y los del se las por un para con no una su al es lo como más pero sus le ha "
             "este sido fue está son entre también muy sobre desde hasta ya dijo",
    [L_IT] = "di e il la che è per un in del non della con si le una i da al dei gli alla più nel sono ha ma "
             "anche come delle questo ed stato essere dal nella degli",
    [L_PT] = "de a o que e do da em um para é com não uma os no se na por mais as dos como mas ao das foi pelo "
             "pela também são à seu sua ele ou já está nos",
    [L_NL] = "de het een van en in is dat op te zijn met voor niet die aan er ook als bij door om maar naar "
             "werd wordt nog uit dan tot over heeft hebben zich deze worden kan was wel",
    [L_PL] = "i w na z się nie do to że jest o a jak po co ale od za tak jego już przez dla czy są jako oraz "
             "przy które który która może tym został była był tylko także też ze jej ich",
    [L_CS] = "a v se na je že o s z do to i k ve pro jako by ale po jsou za od které který která jeho tak jen "
             "také byl bylo byla při mezi už než již podle může být nebo této tento",
    [L_SK] = "a v sa na je že o s z do to aj k vo pre ako by ale po sú za od ktoré ktorý ktorá jeho tak len "
             "tiež bol bolo bola pri medzi už podľa môže byť alebo tejto tento",
    [L_SL] = "in je v na se da za so z pa ki to s tudi bo ne ali po še od kot o iz pri bi le jih bil bila biti "
             "saj če ter med kar zato sta smo tem",
    [L_HR] = "i je u na se da za su od s a o koji što iz kao ne to će bi ali po sa do te ili biti bio bila "
             "već još koja koje nakon prema kako samo može jer godine",
    [L_RU] = "и в не на что с по это как он из за от для к его но о же также уже был была были было который "
             "которые которая которых при так только или если бы чтобы этого этом этой их все всех после "
             "между еще ещё может года сказал она они",
    [L_UK] = "і й та в у не на що з із зі до за від як це його але для про також вже був була були було який "
             "яка які якого при так лише тільки або якщо б щоб цього цьому їх всі після між ще може року "
             "сказав вона він вони через під",
    [L_BG] = "и в на за се от да са е не с по че това ще като но той тя те както през след който която които "
             "още има един една беше бяха към при или ако му ги си във със",
    [L_SR] = "и у на је се да за су од са о који која које што из као не то ће би али по до или био била још "
             "већ након према када само може године",
};

typedef struct word_entry {
    char word[WORD_MAX_BYTES];
    unsigned langs; /* bit per enum lang */
} word_entry;

#define HASH_SLOTS 2048 /* a power of two, over twice the number of words */

static word_entry *word_table;
static size_t word_count;
static unsigned short word_slots[HASH_SLOTS]; /* index + 1 into word_table, 0 = empty */
static pthread_once_t word_table_once = PTHREAD_ONCE_INIT;

static unsigned hash_word(const char *w, size_t len)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const word_entry *)a)->word, ((const word_entry *)b)->word);
}

static void build_word_table(void)
{
    size_t total = 0;
    for (int l = 0; l < N_LANGS; l++)
        for (const char *p = lang_words[l]; *p; p++)
            if (*p == ' ')
                total++;
    total += N_LANGS;
    word_entry *table = calloc(total, sizeof *table);
    if (!table)
        return; /* out of memory: the detector answers NULL for Latin and word-only decisions */
    size_t n = 0;
    for (int l = 0; l < N_LANGS; l++) {
        const char *p = lang_words[l];
        while (*p) {
            size_t len = strcspn(p, " ");
            if (len && len < WORD_MAX_BYTES) {
                memcpy(table[n].word, p, len);
                table[n].word[len] = '\0';
                table[n].langs = 1u << l;
                n++;
            }
            p += len;
            while (*p == ' ')
                p++;
        }
    }
    qsort(table, n, sizeof *table, compare_entries);
    /* merge duplicates: one entry per word with every language that lists it */
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (out && strcmp(table[out - 1].word, table[i].word) == 0)
            table[out - 1].langs |= table[i].langs;
        else
            table[out++] = table[i];
    }
    if (out * 2 > HASH_SLOTS) {
        free(table);
        return;
    }
    for (size_t i = 0; i < out; i++) {
        unsigned slot = hash_word(table[i].word, strlen(table[i].word)) & (HASH_SLOTS - 1);
        while (word_slots[slot])
            slot = (slot + 1) & (HASH_SLOTS - 1);
        word_slots[slot] = (unsigned short)(i + 1);
    }
    word_table = table;
    word_count = out;
}

static const word_entry *find_word(const char *word, size_t len)
{
    unsigned slot = hash_word(word, len) & (HASH_SLOTS - 1);
    while (word_slots[slot]) {
        const word_entry *e = &word_table[word_slots[slot] - 1];
        if (strncmp(e->word, word, len) == 0 && e->word[len] == '\0')
            return e;
        slot = (slot + 1) & (HASH_SLOTS - 1);
    }
    return NULL;
}

typedef enum script { S_LATIN, S_CYRILLIC, S_GREEK, S_ARABIC, S_HEBREW, S_CJK, S_OTHER, N_SCRIPTS } script;

static script script_of(UChar32 c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
        (c >= 0x1E00 && c <= 0x1EFF))
        return S_LATIN;
    if (c >= 0x400 && c <= 0x52F)
        return S_CYRILLIC;
    if ((c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF))
        return S_GREEK;
    if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) || (c >= 0xFB50 && c <= 0xFDFF) ||
        (c >= 0xFE70 && c <= 0xFEFF))
        return S_ARABIC;
    if (c >= 0x590 && c <= 0x5FF)
        return S_HEBREW;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF))
        return S_CJK;
    return S_OTHER;
}

typedef struct counts {
    size_t script_letters[N_SCRIPTS];
    double word_score[N_LANGS];
    size_t scoring_words;
    size_t uk_letters, ru_letters, hard_sign, sr_letters, mk_letters, be_letters;
    size_t cs_letters, sk_letters, pl_letters, hr_letters, de_letters;
} counts;

static void score_word(counts *c, const char *word, size_t len)
{
    if (!word_table || len == 0 || len >= WORD_MAX_BYTES)
        return;
    const word_entry *e = find_word(word, len);
    if (!e)
        return;
    int shared = __builtin_popcount(e->langs);
    for (int l = 0; l < N_LANGS; l++)
        if (e->langs & (1u << l))
            c->word_score[l] += 1.0 / shared;
    c->scoring_words++;
}

static void count_letter(counts *c, UChar32 lower)
{
    switch (lower) {
    case 0x456: /* і */
    case 0x457: /* ї */
    case 0x454: /* є */
    case 0x491: /* ґ */
        c->uk_letters++;
        break;
    case 0x44B: /* ы */
    case 0x44D: /* э */
    case 0x451: /* ё */
        c->ru_letters++;
        break;
    case 0x44A: /* ъ */
        c->hard_sign++;
        break;
    case 0x452: /* ђ */
    case 0x45B: /* ћ */
    case 0x458: /* ј */
    case 0x459: /* љ */
    case 0x45A: /* њ */
    case 0x45F: /* џ */
        c->sr_letters++;
        break;
    case 0x453: /* ѓ */
    case 0x45C: /* ќ */
    case 0x455: /* ѕ */
        c->mk_letters++;
        break;
    case 0x45E: /* ў */
        c->be_letters++;
        break;
    case 0x159: /* ř */
    case 0x11B: /* ě */
    case 0x16F: /* ů */
        c->cs_letters++;
        break;
    case 0x13E: /* ľ */
    case 0x13A: /* ĺ */
    case 0x155: /* ŕ */
    case 0xF4:  /* ô */
        c->sk_letters++;
        break;
    case 0x142: /* ł */
    case 0x105: /* ą */
    case 0x119: /* ę */
    case 0x15B: /* ś */
    case 0x17A: /* ź */
    case 0x17C: /* ż */
    case 0x144: /* ń */
        c->pl_letters++;
        break;
    case 0x111: /* đ */
        c->hr_letters++;
        break;
    case 0xDF: /* ß */
        c->de_letters++;
        break;
    default:
        break;
    }
}

static bool is_apostrophe(UChar32 c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* The lower case of a letter of U+0400..U+045F (the Cyrillic of Russian, Ukrainian, Bulgarian, Serbian...,
 * all letters): what u_tolower gives, without the call. */
static UChar32 basic_cyrillic_lower(UChar32 c)
{
    return c < 0x410 ? c + 0x50 : c < 0x430 ? c + 0x20 : c;
}

/* Counts letters by script and marker letters, and scores the words (letters, with apostrophes inside). */
static void count_text(counts *c, const char *text, size_t len)
{
    char word[WORD_MAX_BYTES];
    size_t word_len = 0;
    bool too_long = false;
    size_t i = 0;
    for (;;) {
        unsigned int cp = ' ';
        if (i < len)
            i += pc_utf8_next(text + i, len - i, &cp);
        else
            i = len + 1;
        UChar32 ch = (UChar32)cp;
        bool letter;
        bool basic_cyrillic = ch >= 0x400 && ch <= 0x45F;
        if (ch < 0x80)
            letter = i <= len && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'; /* ASCII: no ICU call */
        else
            letter = i <= len && (basic_cyrillic || u_isalpha(ch));
        if (letter || (word_len && i <= len && is_apostrophe(ch))) {
            UChar32 lower = !letter           ? '\''
                            : ch < 0x80       ? (ch | 0x20)
                            : basic_cyrillic ? basic_cyrillic_lower(ch)
                                              : u_tolower(ch);
            if (letter) {
                c->script_letters[script_of(lower)]++;
                count_letter(c, lower);
            }
            char enc[4];
            size_t n = (size_t)pc_utf8_encode((uint32_t)lower, enc);
            if (word_len + n < WORD_MAX_BYTES) {
                memcpy(word + word_len, enc, n);
                word_len += n;
            } else {
                too_long = true;
            }
            continue;
        }
        while (word_len && word[word_len - 1] == '\'')
            word_len--;
        if (word_len && !too_long)
            score_word(c, word, word_len);
        word_len = 0;
        too_long = false;
        if (i > len)
            break;
    }
}

/* How far the winner must stand out: enough to answer, or so far that n-grams need not be asked. */
typedef struct margin {
    double min_score, min_ratio;
} margin;
static const margin usual_margin = {MIN_SCORE, MIN_RATIO};
static const margin decisive_margin = {DECISIVE_SCORE, DECISIVE_RATIO};

/* The best of the languages in [first, last] by score, or -1 when it does not stand out by m. */
static int pick(const double *score, int first, int last, margin m)
{
    int best = -1, second = -1;
    for (int l = first; l <= last; l++) {
        if (best < 0 || score[l] > score[best]) {
            second = best;
            best = l;
        } else if (second < 0 || score[l] > score[second]) {
            second = l;
        }
    }
    if (best < 0 || score[best] < m.min_score)
        return -1;
    if (second >= 0 && score[best] < m.min_ratio * score[second])
        return -1;
    return best;
}

static const char *detect_cyrillic(const counts *c, margin m)
{
    size_t letters = c->script_letters[S_CYRILLIC];
    if (c->mk_letters * 200 > letters || c->be_letters * 200 > letters)
        return NULL; /* Macedonian or Belarusian: not covered */
    double score[N_LANGS] = {0};
    for (int l = L_RU; l <= L_SR; l++)
        score[l] = c->word_score[l];
    /* letters only one language uses weigh like words; Bulgarian writes ъ as a vowel, Russian rarely */
    score[L_UK] += (double)c->uk_letters;
    score[L_RU] += (double)c->ru_letters;
    score[L_SR] += (double)c->sr_letters * 2;
    if (c->ru_letters * 4 < c->hard_sign)
        score[L_BG] += (double)c->hard_sign * 0.5;
    int best = pick(score, L_RU, L_SR, m);
    return best < 0 ? NULL : lang_codes[best];
}

static const char *detect_latin(const counts *c, margin m)
{
    double score[N_LANGS];
    memcpy(score, c->word_score, sizeof score);
    /* letters only one covered language uses settle the close pairs (cs/sk, pl, hr/sl) */
    score[L_CS] += (double)c->cs_letters * 0.5;
    score[L_SK] += (double)c->sk_letters * 0.5;
    score[L_PL] += (double)c->pl_letters * 0.5;
    score[L_HR] += (double)c->hr_letters * 0.5;
    score[L_DE] += (double)c->de_letters * 0.5;
    int best = pick(score, L_EN, L_HR, m);
    return best < 0 ? NULL : lang_codes[best];
}

/* ---- the heuristic's decision ---- */

/* The dominant script of the counted text, or -1 when there are no letters or no script has half of them. */
static int dominant_script(const counts *c)
{
    script top = S_LATIN;
    size_t all = 0;
    for (int s = 0; s < N_SCRIPTS; s++) {
        all += c->script_letters[s];
        if (c->script_letters[s] > c->script_letters[top])
            top = (script)s;
    }
    if (all == 0 || c->script_letters[top] * 2 < all)
        return -1;
    return (int)top;
}

/* Cuts len to SCAN_MAX_BYTES, ending on a character boundary. */
static size_t scan_length(const char *text, size_t len)
{
    if (len > SCAN_MAX_BYTES) {
        len = SCAN_MAX_BYTES;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    return len;
}

static const char *heuristic_decide(const counts *c, margin m)
{
    int top = dominant_script(c);
    switch (top) {
    case S_CYRILLIC:
        return detect_cyrillic(c, m);
    case S_LATIN:
        return detect_latin(c, m);
    case S_GREEK:
        return c->script_letters[top] >= 20 ? "el" : NULL;
    case S_ARABIC:
        return c->script_letters[top] >= 20 ? "ar" : NULL;
    case S_HEBREW:
        return c->script_letters[top] >= 20 ? "he" : NULL;
    default:
        return NULL;
    }
}

/* The word-list guesser alone (the fallback, and method (a) of the accuracy eval). */
static const char *heuristic_detect(const char *text, size_t len)
{
    if (!text || len == 0)
        return NULL;
    len = scan_length(text, len);
    pthread_once(&word_table_once, build_word_table);
    counts c;
    memset(&c, 0, sizeof c);
    count_text(&c, text, len);
    return heuristic_decide(&c, usual_margin);
}

/* ---- exttextcat fingerprints ---- */

#define TC_DEFAULT_DIR "/usr/share/libexttextcat"
#define TC_NGRAMS 400            /* n-grams per fingerprint, as the .lm files are made */
#define TC_SAMPLE_BYTES 1024     /* the n-gram profile of the start of a text: at most this many bytes */
#define TC_MIN_LETTERS 12        /* fewer letters of the dominant script: unsure */
#define TC_TIE_PERCENT 20        /* see combined_decide */
#define TC_UNSURE_PERCENT 1
#define TC_MAX_MODELS 192       /* room for every .lm file (the eval loads them all) */
#define TC_OUT_OF_PLACE 400      /* exttextcat's distance for an n-gram a fingerprint lacks (MAXOUTOFPLACE) */
#define TC_GRAM_MAX_BYTES 20     /* an n-gram: at most 5 characters of at most 4 bytes */
#define TC_PRINT_BYTES (TC_NGRAMS * (TC_GRAM_MAX_BYTES + 1) + 1) /* fp_Print's output at most */

/* A fingerprint file (name without ".lm"), the ISO 639-1 code it stands for and the script it is written
 * in. The set: every language presscut stems that exttextcat knows, and the languages of the same scripts
 * an archive of European news is likely to hold, so that they are told apart instead of taken for a
 * neighbour (Bulgarian for Russian, Czech for Slovak...). */
typedef struct tc_lang {
    const char *file;
    const char *code;
    script scr;
} tc_lang;

static const tc_lang tc_langs[] = {
    {"en", "en", S_LATIN},      {"de", "de", S_LATIN},      {"fr", "fr", S_LATIN},  {"es", "es", S_LATIN},
    {"it", "it", S_LATIN},      {"pt", "pt", S_LATIN},      {"nl", "nl", S_LATIN},  {"da", "da", S_LATIN},
    {"sv", "sv", S_LATIN},      {"nb", "no", S_LATIN},      {"fi", "fi", S_LATIN},  {"et", "et", S_LATIN},
    {"lv", "lv", S_LATIN},      {"lt", "lt", S_LATIN},      {"hu", "hu", S_LATIN},  {"ro", "ro", S_LATIN},
    {"ca", "ca", S_LATIN},      {"eu", "eu", S_LATIN},      {"ga", "ga", S_LATIN},  {"tr", "tr", S_LATIN},
    {"id", "id", S_LATIN},      {"pl", "pl", S_LATIN},      {"cs", "cs", S_LATIN},  {"sk", "sk", S_LATIN},
    {"sl", "sl", S_LATIN},      {"hr", "hr", S_LATIN},      {"sr-Latn", "sr", S_LATIN},
    {"ru", "ru", S_CYRILLIC},   {"uk", "uk", S_CYRILLIC},   {"bg", "bg", S_CYRILLIC},
    {"sr-Cyrl", "sr", S_CYRILLIC}, {"mk", "mk", S_CYRILLIC}, {"be", "be", S_CYRILLIC},
    {"el", "el", S_GREEK},      {"ar", "ar", S_ARABIC},     {"fa", "fa", S_ARABIC}, {"he", "he", S_HEBREW},
    {"yi", "yi", S_HEBREW},
};

typedef struct tc_model {
    void *fp;         /* libexttextcat fingerprint, read-only once loaded */
    const char *code; /* ISO 639-1, static; NULL when the name has none (3-letter codes) */
    int scr;          /* script, or -1 when unknown (the eval's all-fingerprints set) */
} tc_model;

/* Where each n-gram of a set's fingerprints stands in each of them, so that a text's distance to every
 * fingerprint comes from one hash look-up per n-gram of the text instead of one merge of two sorted lists
 * per fingerprint (fp_Compare). Made by tc_index_build from exttextcat's own reading of the .lm files
 * (fp_Print), so both ways see the same n-grams and ranks. */
typedef struct tc_posting {
    unsigned short model; /* index into tc_set.models */
    unsigned short rank;  /* 0 for the fingerprint's most frequent n-gram */
} tc_posting;

typedef struct tc_gram {
    char text[TC_GRAM_MAX_BYTES + 1];
    unsigned char len;
    unsigned first, count; /* its postings */
} tc_gram;

/* A hash slot: small, so that the table stays in cache; the n-gram itself is looked at only when the hash
 * matches. */
typedef struct tc_slot_entry {
    uint32_t hash;
    uint32_t gram_plus_1; /* index + 1 into tc_index.grams, 0 for an empty slot */
} tc_slot_entry;

typedef struct tc_index {
    tc_slot_entry *slots; /* open addressing, n_slots a power of two */
    size_t n_slots;
    tc_gram *grams;
    tc_posting *postings;
} tc_index;

typedef struct tc_set {
    tc_model models[TC_MAX_MODELS];
    size_t n;
    tc_index index; /* slots NULL until tc_index_build: then fp_Compare ranks */
} tc_set;

/* Reads dir/file.lm into the set; false if it cannot be read. */
static bool tc_add(tc_set *set, const char *dir, const char *file, const char *code, int scr)
{
    if (set->n == sizeof set->models / sizeof *set->models)
        return false;
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s.lm", dir, file);
    if (n < 0 || (size_t)n >= sizeof path)
        return false;
    FILE *probe = fopen(path, "r"); /* fp_Read leaves a fingerprint half made when the file is missing */
    if (!probe)
        return false;
    fclose(probe);
    void *fp = fp_Init(file);
    if (!fp)
        return false;
    if (fp_Read(fp, path, TC_NGRAMS) == 0) {
        fp_Done(fp);
        return false;
    }
    set->models[set->n].fp = fp;
    set->models[set->n].code = code;
    set->models[set->n].scr = scr;
    set->n++;
    return true;
}

static void tc_free(tc_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        fp_Done(set->models[i].fp);
    set->n = 0;
    free(set->index.slots);
    free(set->index.grams);
    free(set->index.postings);
    memset(&set->index, 0, sizeof set->index);
}

/* Lists the n-grams of a fingerprint in rank order (the most frequent first), as exttextcat holds them:
 * fp_Print writes them one a line into buf (cap bytes), and grams[i], lens[i] point at the i-th. Returns
 * their number, or -1 when they do not fit (more than TC_NGRAMS, one longer than TC_GRAM_MAX_BYTES) or
 * cannot be written. */
static long tc_ranked_grams(void *fp, char *buf, size_t cap, const char **grams, size_t *lens)
{
    FILE *out = fmemopen(buf, cap, "w");
    if (!out)
        return -1;
    fp_Print(fp, out);
    long written = ftell(out);
    fclose(out);
    if (written < 0 || (size_t)written >= cap - 1)
        return -1; /* maybe cut short */
    long n = 0;
    for (const char *p = buf, *end = buf + written; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n == TC_NGRAMS || len == 0 || len > TC_GRAM_MAX_BYTES)
            return -1;
        grams[n] = p;
        lens[n] = len;
        n++;
        p += len + 1;
    }
    return n;
}

/* The slot of an n-gram of the given hash in the index: its own, or the empty one where it would go. */
static tc_slot_entry *tc_slot(const tc_index *index, uint32_t hash, const char *gram, size_t len)
{
    size_t slot = hash & (index->n_slots - 1);
    for (;;) {
        tc_slot_entry *e = &index->slots[slot];
        if (!e->gram_plus_1)
            return e;
        const tc_gram *g = &index->grams[e->gram_plus_1 - 1];
        if (e->hash == hash && g->len == len && memcmp(g->text, gram, len) == 0)
            return e;
        slot = (slot + 1) & (index->n_slots - 1);
    }
}

typedef struct tc_entry {
    const char *gram;
    unsigned short len, model, rank;
} tc_entry;

static int compare_tc_entries(const void *a, const void *b)
{
    const tc_entry *x = a, *y = b;
    size_t common = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->gram, y->gram, common);
    if (c == 0)
        c = (int)x->len - (int)y->len;
    return c ? c : (int)x->model - (int)y->model;
}

/* Builds set->index from the set's fingerprints. Returns false, leaving the set to fp_Compare, when out of
 * memory or when a fingerprint cannot be listed or holds an n-gram twice (fp_Compare would count one of
 * them only, which the index does not model). */
static bool tc_index_build(tc_set *set)
{
    bool ok = false;
    char *texts = malloc(set->n * TC_PRINT_BYTES + 1);
    tc_entry *entries = malloc((set->n * TC_NGRAMS + 1) * sizeof *entries);
    tc_index index = {NULL, 0, NULL, NULL};
    if (!texts || !entries)
        goto done;
    size_t n = 0;
    for (size_t m = 0; m < set->n; m++) {
        const char *grams[TC_NGRAMS];
        size_t lens[TC_NGRAMS];
        long count = tc_ranked_grams(set->models[m].fp, texts + m * TC_PRINT_BYTES, TC_PRINT_BYTES, grams, lens);
        if (count < 0)
            goto done;
        for (long r = 0; r < count; r++)
            entries[n++] = (tc_entry){grams[r], (unsigned short)lens[r], (unsigned short)m, (unsigned short)r};
    }
    qsort(entries, n, sizeof *entries, compare_tc_entries);
    index.n_slots = 64;
    while (index.n_slots < 2 * n)
        index.n_slots *= 2;
    index.slots = calloc(index.n_slots, sizeof *index.slots);
    index.grams = malloc((n + 1) * sizeof *index.grams);
    index.postings = malloc((n + 1) * sizeof *index.postings);
    if (!index.slots || !index.grams || !index.postings)
        goto done;
    uint32_t n_grams = 0;
    for (size_t i = 0; i < n; i++) {
        const tc_entry *e = &entries[i];
        const tc_entry *before = i > 0 ? &entries[i - 1] : NULL;
        if (before && before->model == e->model && before->len == e->len && memcmp(before->gram, e->gram, e->len) == 0)
            goto done; /* twice in one fingerprint */
        uint32_t hash = (uint32_t)hash_word(e->gram, e->len);
        tc_slot_entry *slot = tc_slot(&index, hash, e->gram, e->len);
        if (!slot->gram_plus_1) {
            tc_gram *g = &index.grams[n_grams++];
            memcpy(g->text, e->gram, e->len);
            g->text[e->len] = '\0';
            g->len = (unsigned char)e->len;
            g->first = (unsigned)i;
            g->count = 0;
            slot->hash = hash;
            slot->gram_plus_1 = n_grams;
        }
        index.grams[slot->gram_plus_1 - 1].count++;
        index.postings[i] = (tc_posting){e->model, e->rank};
    }
    set->index = index;
    index.slots = NULL;
    index.grams = NULL;
    index.postings = NULL;
    ok = true;
done:
    free(index.slots);
    free(index.grams);
    free(index.postings);
    free(entries);
    free(texts);
    return ok;
}

static size_t tc_sample_bytes = TC_SAMPLE_BYTES; /* the accuracy eval varies it */

static const char *tc_data_dir(void)
{
    const char *dir = getenv("PRESSCUT_TEXTCAT_DIR");
    return dir && *dir ? dir : TC_DEFAULT_DIR;
}

/* Writes a lower-cased copy of the first TC_SAMPLE_BYTES of text into out (cap bytes) and returns its
 * length: the fingerprints are made from mostly lower-case text, so upper-case headlines would match none.
 * Invalid UTF-8 becomes a space (a word break for exttextcat). */
static size_t tc_sample(const char *text, size_t len, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    if (len > tc_sample_bytes)
        len = tc_sample_bytes;
    while (i < len) {
        unsigned int cp;
        i += pc_utf8_next(text + i, len - i, &cp);
        UChar32 ch = (UChar32)cp;
        if (ch == 0xFFFD || ch < 0x20)
            ch = ' ';
        else if (ch < 0x80)
            ch = (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch;
        else if (ch == 0x2019 || ch == 0x02BC)
            ch = '\'';
        else
            ch = u_tolower(ch);
        char enc[4];
        size_t n = (size_t)pc_utf8_encode((uint32_t)ch, enc);
        if (o + n > cap)
            break;
        memcpy(out + o, enc, n);
        o += n;
    }
    return o;
}

/* The n-gram profile of a text: made once per call, owned by the caller (fp_Done). NULL if it cannot be
 * made (too little text, out of memory). */
static void *tc_profile(const char *text, size_t len)
{
    /* fp_Create reads a little past the length it is given (it looks for the end of the last character and
     * the text's end), so the sample ends in zero bytes: without them the profile, and so the language,
     * depended on whatever the stack held. */
    char sample[TC_SAMPLE_BYTES + 16];
    size_t n = tc_sample(text, len, sample, TC_SAMPLE_BYTES + 8);
    memset(sample + n, 0, sizeof sample - n);
    if (n == 0)
        return NULL;
    void *u = fp_Init(NULL);
    if (!u)
        return NULL;
    fp_SetProperty(u, TCPROP_UTF8AWARE, TC_TRUE);
    if (fp_Create(u, sample, (uint4)n, TC_NGRAMS) == 0) {
        fp_Done(u);
        return NULL;
    }
    return u;
}

typedef struct tc_result {
    int best, second;        /* model indexes, -1 for none */
    int best_score, second_score;
} tc_result;

static bool tc_use_index = true; /* the oracle test turns it off to compare with fp_Compare */

/* Fills dist[i] with the "out of place" distance of the profile to model i for every model of the set
 * written in script scr (-1: every model), INT_MAX for the others: what fp_Compare(model, profile, INT_MAX)
 * gives, through the set's index when it has one. */
static void tc_distances(const tc_set *set, void *profile, int scr, int *dist)
{
    for (size_t i = 0; i < set->n; i++)
        dist[i] = scr >= 0 && set->models[i].scr != scr ? INT_MAX : 0;
    if (set->index.slots && tc_use_index) {
        char text[TC_PRINT_BYTES];
        const char *grams[TC_NGRAMS];
        size_t lens[TC_NGRAMS];
        long n = tc_ranked_grams(profile, text, sizeof text, grams, lens);
        if (n >= 0) {
            /* every n-gram of the text counts TC_OUT_OF_PLACE, less where a fingerprint has it */
            for (size_t i = 0; i < set->n; i++)
                if (dist[i] == 0)
                    dist[i] = (int)n * TC_OUT_OF_PLACE;
            for (long r = 0; r < n; r++) {
                const tc_slot_entry *e =
                    tc_slot(&set->index, (uint32_t)hash_word(grams[r], lens[r]), grams[r], lens[r]);
                if (!e->gram_plus_1)
                    continue; /* in no fingerprint */
                const tc_gram *g = &set->index.grams[e->gram_plus_1 - 1];
                for (unsigned k = g->first; k < g->first + g->count; k++) {
                    const tc_posting *p = &set->index.postings[k];
                    if (dist[p->model] != INT_MAX)
                        dist[p->model] += abs((int)p->rank - (int)r) - TC_OUT_OF_PLACE;
                }
            }
            return;
        }
    }
    for (size_t i = 0; i < set->n; i++)
        if (dist[i] == 0)
            dist[i] = fp_Compare(set->models[i].fp, profile, INT_MAX);
}

/* The two closest models by the distances of tc_distances (ties: the first in the set). */
static tc_result tc_pick(const tc_set *set, const int *dist)
{
    tc_result r = {-1, -1, INT_MAX, INT_MAX};
    for (size_t i = 0; i < set->n; i++) {
        int d = dist[i];
        if (d == INT_MAX)
            continue;
        if (d < r.best_score) {
            r.second = r.best;
            r.second_score = r.best_score;
            r.best = (int)i;
            r.best_score = d;
        } else if (d < r.second_score) {
            r.second = (int)i;
            r.second_score = d;
        }
    }
    return r;
}

/* The loaded set of the detector, made once. */
static tc_set tc_main;
static bool tc_ready;
static pthread_once_t tc_once = PTHREAD_ONCE_INIT;

static void tc_load_main(void)
{
    const char *dir = tc_data_dir();
    for (size_t i = 0; i < sizeof tc_langs / sizeof *tc_langs; i++)
        tc_add(&tc_main, dir, tc_langs[i].file, tc_langs[i].code, (int)tc_langs[i].scr);
    /* the two scripts most news is in must be there, or the heuristic does better alone */
    bool latin = false, cyrillic = false;
    for (size_t i = 0; i < tc_main.n; i++) {
        latin |= tc_main.models[i].scr == S_LATIN;
        cyrillic |= tc_main.models[i].scr == S_CYRILLIC;
    }
    tc_ready = latin && cyrillic;
    if (!tc_ready)
        tc_free(&tc_main);
    else
        tc_index_build(&tc_main); /* without it (out of memory), fp_Compare gives the same distances */
}

/* ---- the decision ---- */

/* The distance to the closest model of language code, from the distances of tc_distances; INT_MAX if none. */
static int tc_distance(const tc_set *set, const int *dist, const char *code)
{
    int best = INT_MAX;
    for (size_t i = 0; i < set->n; i++)
        if (set->models[i].code && strcmp(set->models[i].code, code) == 0 && dist[i] < best)
            best = dist[i];
    return best;
}

static bool within_percent(int score, int best, int percent)
{
    return (long long)score * 100 <= (long long)best * (100 + percent);
}

/* exttextcat ranks the languages of the dominant script; the word-list guesser's answer (letters only one
 * language uses, frequent short words), when it has one, wins if exttextcat puts it within
 * tc_tie_percent of its winner: that settles the neighbours n-grams confuse (bg/ru, uk/ru, sk/cs, hr/sr/sl).
 * Without such an answer, a winner closer than tc_unsure_percent to a runner-up of another language is
 * unsure. */
static int tc_tie_percent = TC_TIE_PERCENT;
static bool tc_decisive_shortcut = true; /* the accuracy eval turns it off to compare */
static int tc_unsure_percent = TC_UNSURE_PERCENT;

static const char *combined_decide(const tc_set *set, const counts *c, const char *text, size_t len)
{
    int top = dominant_script(c);
    if (top < 0 || c->script_letters[top] < TC_MIN_LETTERS)
        return NULL;
    if (tc_decisive_shortcut) {
        const char *decisive = heuristic_decide(c, decisive_margin);
        if (decisive)
            return decisive;
    }
    void *profile = tc_profile(text, len);
    if (!profile)
        return NULL;
    int dist[TC_MAX_MODELS];
    tc_distances(set, profile, top, dist);
    fp_Done(profile);
    tc_result r = tc_pick(set, dist);
    const char *answer = r.best < 0 ? NULL : set->models[r.best].code;
    const char *evidence = answer ? heuristic_decide(c, usual_margin) : NULL;
    if (evidence && strcmp(evidence, answer) != 0) {
        if (within_percent(tc_distance(set, dist, evidence), r.best_score, tc_tie_percent))
            answer = evidence;
    } else if (!evidence && answer && r.second >= 0 && strcmp(set->models[r.second].code, answer) != 0 &&
               within_percent(r.second_score, r.best_score, tc_unsure_percent)) {
        answer = NULL;
    }
    return answer;
}

const char *pc_langid_backend(void)
{
    pthread_once(&tc_once, tc_load_main);
    return tc_ready ? "exttextcat" : "heuristic";
}

const char *pc_langid_detect(const char *text, size_t len)
{
    if (!text || len == 0)
        return NULL;
    pthread_once(&tc_once, tc_load_main);
    if (!tc_ready)
        return heuristic_detect(text, len);
    len = scan_length(text, len);
    pthread_once(&word_table_once, build_word_table);
    counts c;
    memset(&c, 0, sizeof c);
    count_text(&c, text, len);
    return combined_decide(&tc_main, &c, text, len);
}
