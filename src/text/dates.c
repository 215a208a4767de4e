/* dates.c — recognises one published date written in a usual news form (ISO, numeric day-first, English,
 * German, French, Russian and Ukrainian month names, optional weekday, time and zone) and normalises it to
 * "YYYY-MM-DD"; and the day number used to order articles by date. See include/presscut/text/dates.h. */
#include "presscut/text/dates.h"

#include <string.h>
#include <unicode/uchar.h>

#include "presscut/text/text_decode.h"

#define DATE_MAX_BYTES 160 /* no date form is longer; longer input is not one date */
#define DATE_MAX_TOKENS 32
#define YEAR_MIN 1800
#define YEAR_MAX 2200

typedef enum token_kind { TOK_NUM, TOK_WORD, TOK_PUNCT } token_kind;

typedef struct token {
    token_kind kind;
    const char *text; /* into the lower-cased copy */
    size_t len;
    long value;  /* TOK_NUM */
    int digits;  /* TOK_NUM */
} token;

typedef struct token_list {
    token t[DATE_MAX_TOKENS];
    int n;
} token_list;

typedef struct name_value {
    const char *name;
    int value;
} name_value;

/* Month names, lower case: English, German (incl. Austrian "jänner"), French, Russian and Ukrainian
 * (nominative and genitive), with the usual abbreviations. */
static const name_value month_names[] = {
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3}, {"april", 4},
    {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7}, {"august", 8}, {"aug", 8},
    {"september", 9}, {"sep", 9}, {"sept", 9}, {"october", 10}, {"oct", 10}, {"november", 11}, {"nov", 11},
    {"december", 12}, {"dec", 12},
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"feber", 2}, {"märz", 3}, {"mär", 3}, {"mrz", 3},
    {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"okt", 10}, {"dezember", 12}, {"dez", 12},
    {"janvier", 1}, {"janv", 1}, {"février", 2}, {"févr", 2}, {"fév", 2}, {"mars", 3}, {"avril", 4},
    {"avr", 4}, {"juin", 6}, {"juillet", 7}, {"juil", 7}, {"août", 8}, {"septembre", 9}, {"octobre", 10},
    {"novembre", 11}, {"décembre", 12}, {"déc", 12},
    {"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4}, {"мая", 5}, {"июня", 6}, {"июля", 7},
    {"августа", 8}, {"сентября", 9}, {"октября", 10}, {"ноября", 11}, {"декабря", 12},
    {"январь", 1}, {"февраль", 2}, {"март", 3}, {"апрель", 4}, {"май", 5}, {"июнь", 6}, {"июль", 7},
    {"август", 8}, {"сентябрь", 9}, {"октябрь", 10}, {"ноябрь", 11}, {"декабрь", 12},
    {"янв", 1}, {"фев", 2}, {"февр", 2}, {"мар", 3}, {"апр", 4}, {"июн", 6}, {"июл", 7}, {"авг", 8},
    {"сен", 9}, {"сент", 9}, {"окт", 10}, {"ноя", 11}, {"нояб", 11}, {"дек", 12},
    {"січня", 1}, {"лютого", 2}, {"березня", 3}, {"квітня", 4}, {"травня", 5}, {"червня", 6},
    {"липня", 7}, {"серпня", 8}, {"вересня", 9}, {"жовтня", 10}, {"листопада", 11}, {"грудня", 12},
    {"січень", 1}, {"лютий", 2}, {"березень", 3}, {"квітень", 4}, {"травень", 5}, {"червень", 6},
    {"липень", 7}, {"серпень", 8}, {"вересень", 9}, {"жовтень", 10}, {"листопад", 11}, {"грудень", 12},
};

static const char *const weekday_names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "mo", "di", "mi", "do", "fr", "sa", "so",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
    "понедельник", "вторник", "среда", "среду", "четверг", "пятница", "пятницу", "суббота", "субботу",
    "воскресенье", "понеділок", "вівторок", "середа", "середу", "четвер", "п'ятниця", "п’ятниця",
    "пʼятниця", "п'ятницю", "п’ятницю", "пʼятницю", "субота", "суботу", "неділя", "неділю",
    "пн", "вт", "ср", "чт", "пт", "сб", "вс", "нд",
};

/* Words after the year: Russian "г." / "года", Ukrainian "р." / "року". */
static const char *const year_suffixes[] = {"г", "года", "год", "р", "року", "рік"};

/* Words that may stand between the date and the time. */
static const char *const time_lead_words[] = {"t", "at", "um", "à", "в", "о", "об"};

static const char *const zone_names[] = {
    "z", "utc", "gmt", "ut", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest",
    "eet", "eest", "msk", "wet", "west", "ist", "jst", "mez", "mesz",
};

static bool token_is(const token *t, const char *word)
{
    return t->kind == TOK_WORD && t->len == strlen(word) && memcmp(t->text, word, t->len) == 0;
}

static bool token_in(const token *t, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (token_is(t, words[i]))
            return true;
    return false;
}

static int month_of(const token *t)
{
    for (size_t i = 0; i < sizeof month_names / sizeof month_names[0]; i++)
        if (token_is(t, month_names[i].name))
            return month_names[i].value;
    return 0;
}

static bool is_punct(const token_list *tl, int p, char c)
{
    return p < tl->n && tl->t[p].kind == TOK_PUNCT && tl->t[p].text[0] == c;
}

static bool is_num(const token_list *tl, int p, int min_digits, int max_digits)
{
    return p < tl->n && tl->t[p].kind == TOK_NUM && tl->t[p].digits >= min_digits && tl->t[p].digits <= max_digits;
}

static bool is_apostrophe(unsigned int cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

/* Lower-cases [s, s+len) into buf and splits it into tokens. False when it cannot be a date. */
static bool tokenize(const char *s, size_t len, char *buf, size_t buf_size, token_list *tl)
{
    size_t out = 0;
    tl->n = 0;
    size_t i = 0;
    while (i < len) {
        size_t space = pc_utf8_space_len(s + i, len - i);
        if (space) {
            i += space;
            continue;
        }
        if (tl->n == DATE_MAX_TOKENS)
            return false;
        token *t = &tl->t[tl->n];
        unsigned char b = (unsigned char)s[i];
        if (b >= '0' && b <= '9') {
            t->kind = TOK_NUM;
            t->value = 0;
            t->digits = 0;
            t->text = buf + out;
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                if (t->digits < 9)
                    t->value = t->value * 10 + (s[i] - '0');
                t->digits++;
                i++;
            }
            t->len = 0;
            tl->n++;
            continue;
        }
        unsigned int cp;
        size_t n = pc_utf8_next(s + i, len - i, &cp);
        if (u_isalpha((UChar32)cp)) {
            t->kind = TOK_WORD;
            t->text = buf + out;
            while (i < len) {
                n = pc_utf8_next(s + i, len - i, &cp);
                if (!u_isalpha((UChar32)cp) && !(is_apostrophe(cp) && out > (size_t)(t->text - buf)))
                    break;
                UChar32 lower = u_tolower((UChar32)cp);
                char enc[4];
                size_t enc_len = 0;
                if (lower < 0x80) {
                    enc[enc_len++] = (char)lower;
                } else if (lower < 0x800) {
                    enc[enc_len++] = (char)(0xC0 | (lower >> 6));
                    enc[enc_len++] = (char)(0x80 | (lower & 0x3F));
                } else if (lower < 0x10000) {
                    enc[enc_len++] = (char)(0xE0 | (lower >> 12));
                    enc[enc_len++] = (char)(0x80 | ((lower >> 6) & 0x3F));
                    enc[enc_len++] = (char)(0x80 | (lower & 0x3F));
                } else {
                    return false; /* no date word is outside the BMP */
                }
                if (out + enc_len > buf_size)
                    return false;
                memcpy(buf + out, enc, enc_len);
                out += enc_len;
                i += n;
            }
            t->len = (size_t)(buf + out - t->text);
            tl->n++;
            continue;
        }
        if (b < 0x80 && strchr(",.-/:+()", b)) {
            if (out + 1 > buf_size)
                return false;
            buf[out] = (char)b;
            t->kind = TOK_PUNCT;
            t->text = buf + out;
            t->len = 1;
            out++;
            i++;
            tl->n++;
            continue;
        }
        return false; /* any other character: not a date */
    }
    return true;
}

static bool is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, long m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool valid_ymd(long y, long m, long d)
{
    return y >= YEAR_MIN && y <= YEAR_MAX && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* "10:20", "10:20:00", "15:01:01.79", "10:20 am", "10:20 p.m.", "10:20 Uhr", with an optional lead word or
 * comma before it. Returns the position after it, or p when there is none. */
static int skip_time(const token_list *tl, int p)
{
    int q = p;
    if (is_punct(tl, q, ','))
        q++;
    if (q < tl->n && token_in(&tl->t[q], time_lead_words, sizeof time_lead_words / sizeof *time_lead_words))
        q++;
    if (!is_num(tl, q, 1, 2) || !is_punct(tl, q + 1, ':') || !is_num(tl, q + 2, 2, 2))
        return p;
    if (tl->t[q].value > 24 || tl->t[q + 2].value > 59)
        return p;
    q += 3;
    if (is_punct(tl, q, ':') && is_num(tl, q + 1, 2, 2) && tl->t[q + 1].value <= 60) {
        q += 2;
        if (is_punct(tl, q, '.') && is_num(tl, q + 1, 1, 9))
            q += 2;
    }
    if (q < tl->n && (token_is(&tl->t[q], "am") || token_is(&tl->t[q], "pm") || token_is(&tl->t[q], "uhr")))
        q++;
    else if (q + 2 < tl->n && (token_is(&tl->t[q], "a") || token_is(&tl->t[q], "p")) && is_punct(tl, q + 1, '.') &&
             token_is(&tl->t[q + 2], "m")) {
        q += 3;
        if (is_punct(tl, q, '.'))
            q++;
    }
    return q;
}

/* "+02:00", "-0500", "+03" */
static int skip_offset(const token_list *tl, int p)
{
    if (!(is_punct(tl, p, '+') || is_punct(tl, p, '-')))
        return p;
    if (is_num(tl, p + 1, 4, 4))
        return p + 2;
    if (is_num(tl, p + 1, 1, 2)) {
        if (is_punct(tl, p + 2, ':') && is_num(tl, p + 3, 2, 2))
            return p + 4;
        return p + 2;
    }
    return p;
}

/* "Z", "UTC", "GMT+2", "+02:00", "(UTC)" */
static int skip_zone(const token_list *tl, int p)
{
    if (is_punct(tl, p, '(') && p + 2 < tl->n && is_punct(tl, p + 2, ')') &&
        token_in(&tl->t[p + 1], zone_names, sizeof zone_names / sizeof *zone_names))
        return p + 3;
    if (p < tl->n && token_in(&tl->t[p], zone_names, sizeof zone_names / sizeof *zone_names))
        return skip_offset(tl, p + 1);
    return skip_offset(tl, p);
}

/* "16th", "1st", "1er", "2e" after a day number */
static int skip_ordinal(const token_list *tl, int p)
{
    static const char *const suffixes[] = {"st", "nd", "rd", "th", "er", "e"};
    if (p < tl->n && token_in(&tl->t[p], suffixes, sizeof suffixes / sizeof *suffixes))
        return p + 1;
    return p;
}

/* The core date at p: writes y/m/d and returns the position after it, or -1. */
static int parse_core(const token_list *tl, int p, long *y, long *m, long *d)
{
    /* 2022-02-16, 2022/02/16, 2022.02.16 */
    if (is_num(tl, p, 4, 4) && p + 4 < tl->n && tl->t[p + 1].kind == TOK_PUNCT && is_num(tl, p + 2, 1, 2) &&
        is_num(tl, p + 4, 1, 2)) {
        char sep = tl->t[p + 1].text[0];
        if ((sep == '-' || sep == '/' || sep == '.') && is_punct(tl, p + 3, sep)) {
            *y = tl->t[p].value;
            *m = tl->t[p + 2].value;
            *d = tl->t[p + 4].value;
            return p + 5;
        }
    }
    /* 16.02.2022, 16/02/2022, 16-02-2022: day first; month first only when day first is impossible */
    if (is_num(tl, p, 1, 2) && p + 4 < tl->n && tl->t[p + 1].kind == TOK_PUNCT && is_num(tl, p + 2, 1, 2) &&
        is_num(tl, p + 4, 4, 4)) {
        char sep = tl->t[p + 1].text[0];
        if ((sep == '-' || sep == '/' || sep == '.') && is_punct(tl, p + 3, sep)) {
            *d = tl->t[p].value;
            *m = tl->t[p + 2].value;
            *y = tl->t[p + 4].value;
            if (*m > 12 && *d <= 12) {
                long t = *m;
                *m = *d;
                *d = t;
            }
            return p + 5;
        }
    }
    /* February 16, 2022; Feb. 16 2022; February 16th, 2022 */
    int month = p < tl->n ? month_of(&tl->t[p]) : 0;
    if (month) {
        int q = p + 1;
        if (is_punct(tl, q, '.'))
            q++;
        if (is_num(tl, q, 1, 2)) {
            *d = tl->t[q].value;
            q = skip_ordinal(tl, q + 1);
            if (is_punct(tl, q, ','))
                q++;
            if (is_num(tl, q, 4, 4)) {
                *m = month;
                *y = tl->t[q].value;
                return q + 1;
            }
        }
        return -1;
    }
    /* 16 February 2022; 16. Februar 2022; 16th of February, 2022; 1er février 2022; 16 лютого 2022 р.;
     * 26-Feb-1987 */
    if (is_num(tl, p, 1, 2)) {
        *d = tl->t[p].value;
        int q = p + 1;
        bool dashed = false;
        if (is_punct(tl, q, '.'))
            q++;
        else if (is_punct(tl, q, '-')) {
            q++;
            dashed = true;
        } else
            q = skip_ordinal(tl, q);
        if (!dashed && q < tl->n && token_is(&tl->t[q], "of"))
            q++;
        month = q < tl->n ? month_of(&tl->t[q]) : 0;
        if (!month)
            return -1;
        q++;
        if (dashed) {
            if (!is_punct(tl, q, '-'))
                return -1;
            q++;
        } else {
            if (is_punct(tl, q, '.'))
                q++;
            if (is_punct(tl, q, ','))
                q++;
        }
        if (!is_num(tl, q, 4, 4))
            return -1;
        *m = month;
        *y = tl->t[q].value;
        q++;
        if (q < tl->n && token_in(&tl->t[q], year_suffixes, sizeof year_suffixes / sizeof *year_suffixes)) {
            q++;
            if (is_punct(tl, q, '.'))
                q++;
        }
        return q;
    }
    return -1;
}

/* The whole date from p to the end of the tokens. */
static bool parse_from(const token_list *tl, int p, long *y, long *m, long *d)
{
    int q = parse_core(tl, p, y, m, d);
    if (q < 0)
        return false;
    q = skip_time(tl, q);
    q = skip_zone(tl, q);
    if (is_punct(tl, q, '.'))
        q++;
    return q == tl->n && valid_ymd(*y, *m, *d);
}

/* "YYYY-MM-DD" for a date valid_ymd accepted. */
static void write_iso(char out[11], long y, long m, long d)
{
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

bool pc_date_parse(const char *s, size_t len, char out[11])
{
    if (!s || len == 0 || len > DATE_MAX_BYTES)
        return false;
    char buf[DATE_MAX_BYTES * 2];
    token_list tl;
    if (!tokenize(s, len, buf, sizeof buf, &tl) || tl.n == 0)
        return false;
    long y = 0, m = 0, d = 0;
    bool ok = false;
    if (token_in(&tl.t[0], weekday_names, sizeof weekday_names / sizeof *weekday_names)) {
        int p = 1;
        while (is_punct(&tl, p, ',') || is_punct(&tl, p, '.'))
            p++;
        ok = parse_from(&tl, p, &y, &m, &d);
    }
    if (!ok)
        ok = parse_from(&tl, 0, &y, &m, &d);
    if (!ok)
        return false;
    write_iso(out, y, m, d);
    return true;
}

static int two_digits(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

long pc_date_day_number(const char *iso)
{
    if (!iso)
        return -1;
    int hi = two_digits(iso);
    if (hi < 0)
        return -1;
    int lo = two_digits(iso + 2);
    if (lo < 0 || iso[4] != '-')
        return -1;
    int month = two_digits(iso + 5);
    if (month < 0 || iso[7] != '-')
        return -1;
    int day = two_digits(iso + 8);
    if (day < 0)
        return -1;
    long year = hi * 100L + lo;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return -1;
    static const int days_before_month[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    long y = year - 1;
    long days = y * 365 + y / 4 - y / 100 + y / 400 + days_before_month[month - 1] + (day - 1);
    if (month > 2 && is_leap(year))
        days++;
    return days;
}
