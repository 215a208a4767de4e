/* langid.c — a small language guesser: the script decides first (Cyrillic, Latin, Greek, Arabic, Hebrew),
 * then, within Cyrillic, the letters only one language uses (і ї є ґ for Ukrainian, ы э ё for Russian,
 * ђ ћ ј љ њ џ for Serbian) and the most frequent short words; within Latin, the most frequent short words
 * of each language. Stands in until a real detector (libexttextcat) arrives. See include/presscut/langid.h. */
#include "presscut/langid.h"

#include "presscut/utf8.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "presscut/text_decode.h"

#define SCAN_MAX_BYTES 65536 /* the start of a text says enough */
#define WORD_MAX_BYTES 32
#define MIN_SCORE 3.0        /* fewer scoring words than this: unsure */
#define MIN_RATIO 1.5        /* the winner must beat the runner-up by this factor */

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
        if (ch < 0x80)
            letter = i <= len && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'; /* ASCII: no ICU call */
        else
            letter = i <= len && u_isalpha(ch);
        if (letter || (word_len && i <= len && is_apostrophe(ch))) {
            UChar32 lower = !letter ? '\'' : ch < 0x80 ? (ch | 0x20) : u_tolower(ch);
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

/* The best of the languages in [first, last] by score, or -1 when it does not stand out. */
static int pick(const double *score, int first, int last)
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
    if (best < 0 || score[best] < MIN_SCORE)
        return -1;
    if (second >= 0 && score[best] < MIN_RATIO * score[second])
        return -1;
    return best;
}

static const char *detect_cyrillic(const counts *c)
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
    int best = pick(score, L_RU, L_SR);
    return best < 0 ? NULL : lang_codes[best];
}

static const char *detect_latin(const counts *c)
{
    double score[N_LANGS];
    memcpy(score, c->word_score, sizeof score);
    /* letters only one covered language uses settle the close pairs (cs/sk, pl, hr/sl) */
    score[L_CS] += (double)c->cs_letters * 0.5;
    score[L_SK] += (double)c->sk_letters * 0.5;
    score[L_PL] += (double)c->pl_letters * 0.5;
    score[L_HR] += (double)c->hr_letters * 0.5;
    score[L_DE] += (double)c->de_letters * 0.5;
    int best = pick(score, L_EN, L_HR);
    return best < 0 ? NULL : lang_codes[best];
}

const char *pc_langid_detect(const char *text, size_t len)
{
    if (!text || len == 0)
        return NULL;
    if (len > SCAN_MAX_BYTES) {
        len = SCAN_MAX_BYTES;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--; /* end on a character boundary */
    }
    pthread_once(&word_table_once, build_word_table);
    counts c;
    memset(&c, 0, sizeof c);
    count_text(&c, text, len);

    script top = S_LATIN;
    size_t all = 0;
    for (int s = 0; s < N_SCRIPTS; s++) {
        all += c.script_letters[s];
        if (c.script_letters[s] > c.script_letters[top])
            top = (script)s;
    }
    if (all == 0 || c.script_letters[top] * 2 < all)
        return NULL;
    switch (top) {
    case S_CYRILLIC:
        return detect_cyrillic(&c);
    case S_LATIN:
        return detect_latin(&c);
    case S_GREEK:
        return c.script_letters[top] >= 20 ? "el" : NULL;
    case S_ARABIC:
        return c.script_letters[top] >= 20 ? "ar" : NULL;
    case S_HEBREW:
        return c.script_letters[top] >= 20 ? "he" : NULL;
    default:
        return NULL;
    }
}
