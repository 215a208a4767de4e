/* fields.c — record keys to article fields, and putting one value into an article (see
 * include/presscut/ingest/fields.h). */
#include "presscut/ingest/fields.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "presscut/text/dates.h"
#include "presscut/text/text_decode.h"
#include "presscut/core/utf8.h"

static const char *const field_names[PC_FIELD_COUNT] = {"", "title", "text", "date", "url", "source", "lang"};

/* The usual key names per field, lowercase without '_', '-' and ' '. */
static const struct {
    const char *key;
    pc_field field;
} usual_keys[] = {
    {"title", PC_FIELD_TITLE},        {"headline", PC_FIELD_TITLE},      {"heading", PC_FIELD_TITLE},
    {"text", PC_FIELD_TEXT},          {"body", PC_FIELD_TEXT},           {"content", PC_FIELD_TEXT},
    {"article", PC_FIELD_TEXT},       {"articlebody", PC_FIELD_TEXT},    {"fulltext", PC_FIELD_TEXT},
    {"maintext", PC_FIELD_TEXT},      {"story", PC_FIELD_TEXT},          {"date", PC_FIELD_DATE},
    {"published", PC_FIELD_DATE},     {"publishedat", PC_FIELD_DATE},    {"publishdate", PC_FIELD_DATE},
    {"publicationdate", PC_FIELD_DATE}, {"pubdate", PC_FIELD_DATE},      {"datepublished", PC_FIELD_DATE},
    {"datetime", PC_FIELD_DATE},      {"timestamp", PC_FIELD_DATE},      {"time", PC_FIELD_DATE},
    {"created", PC_FIELD_DATE},       {"createdat", PC_FIELD_DATE},      {"url", PC_FIELD_URL},
    {"link", PC_FIELD_URL},           {"href", PC_FIELD_URL},            {"uri", PC_FIELD_URL},
    {"permalink", PC_FIELD_URL},      {"canonicalurl", PC_FIELD_URL},    {"canonical", PC_FIELD_URL},
    {"source", PC_FIELD_SOURCE},      {"outlet", PC_FIELD_SOURCE},       {"publisher", PC_FIELD_SOURCE},
    {"site", PC_FIELD_SOURCE},        {"sitename", PC_FIELD_SOURCE},     {"domain", PC_FIELD_SOURCE},
    {"sourcename", PC_FIELD_SOURCE},  {"media", PC_FIELD_SOURCE},        {"newspaper", PC_FIELD_SOURCE},
    {"agency", PC_FIELD_SOURCE},      {"lang", PC_FIELD_LANG},           {"language", PC_FIELD_LANG},
    {"locale", PC_FIELD_LANG},
};

/* Language names a lang value may give instead of a code (lowercase). */
static const struct {
    const char *name;
    const char *code;
} language_names[] = {
    {"english", "en"},     {"german", "de"},     {"deutsch", "de"},     {"french", "fr"},
    {"français", "fr"},    {"francais", "fr"},   {"spanish", "es"},     {"español", "es"},
    {"italian", "it"},     {"italiano", "it"},   {"portuguese", "pt"},  {"português", "pt"},
    {"dutch", "nl"},       {"nederlands", "nl"}, {"polish", "pl"},      {"polski", "pl"},
    {"czech", "cs"},       {"čeština", "cs"},    {"russian", "ru"},     {"русский", "ru"},
    {"ukrainian", "uk"},   {"українська", "uk"}, {"bulgarian", "bg"},   {"български", "bg"},
    {"serbian", "sr"},     {"српски", "sr"},     {"slovak", "sk"},      {"slovenian", "sl"},
    {"slovene", "sl"},     {"croatian", "hr"},   {"hrvatski", "hr"},
};

const char *pc_field_name(pc_field f)
{
    return f > PC_FIELD_NONE && f < PC_FIELD_COUNT ? field_names[f] : "";
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0) {
        size_t n = pc_utf8_space_len(*s, *len);
        if (n == 0)
            break;
        *s += n;
        *len -= n;
    }
    while (*len > 0) {
        size_t n = 0;
        for (size_t k = 1; k <= 3 && k <= *len && n == 0; k++)
            if (pc_utf8_space_len(*s + *len - k, k) == k)
                n = k;
        if (n == 0)
            break;
        *len -= n;
    }
}

/* Compares a key with a usual name, ignoring ASCII case and '_', '-', ' '. */
static bool key_matches(const char *key, size_t len, const char *usual)
{
    size_t i = 0;
    for (; i < len; i++) {
        char c = key[i];
        if (c == '_' || c == '-' || c == ' ')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c | 0x20);
        if (*usual != c)
            return false;
        usual++;
    }
    return *usual == '\0';
}

static pc_field field_by_name(const char *s, size_t len)
{
    for (int f = PC_FIELD_TITLE; f < PC_FIELD_COUNT; f++)
        if (strlen(field_names[f]) == len && strncasecmp(s, field_names[f], len) == 0)
            return (pc_field)f;
    if ((len == 4 && strncasecmp(s, "body", 4) == 0) || (len == 7 && strncasecmp(s, "content", 7) == 0))
        return PC_FIELD_TEXT;
    if (len == 9 && strncasecmp(s, "published", 9) == 0)
        return PC_FIELD_DATE;
    if (len == 8 && strncasecmp(s, "language", 8) == 0)
        return PC_FIELD_LANG;
    return PC_FIELD_NONE;
}

void pc_field_map_clear(pc_field_map *map)
{
    if (!map)
        return;
    for (int f = 0; f < PC_FIELD_COUNT; f++)
        free(map->key[f]);
    memset(map, 0, sizeof *map);
}

int pc_field_map_parse(const char *spec, pc_field_map *map, pc_error *err)
{
    memset(map, 0, sizeof *map);
    const char *p = spec;
    for (;;) {
        const char *item = p;
        const char *end = strchr(p, ',');
        if (!end)
            end = p + strlen(p);
        const char *eq = memchr(item, '=', (size_t)(end - item));
        long column = (long)(item - spec) + 1;
        int rc = PC_OK;
        if (!eq) {
            rc = pc_error_set(err, PC_EINVAL, "--map: expected FIELD=KEY at column %ld, as in text=article_body",
                              column);
        } else {
            const char *name = item, *key = eq + 1;
            size_t name_len = (size_t)(eq - item), key_len = (size_t)(end - key);
            trim(&name, &name_len);
            trim(&key, &key_len);
            pc_field f = field_by_name(name, name_len);
            if (f == PC_FIELD_NONE)
                rc = pc_error_set(err, PC_EINVAL,
                                  "--map: unknown field '%.*s' at column %ld; fields are title, text, date, url, "
                                  "source, lang",
                                  (int)name_len, name, column);
            else if (key_len == 0)
                rc = pc_error_set(err, PC_EINVAL, "--map: no key after '%.*s=' at column %ld", (int)name_len, name,
                                  column);
            else if (map->key[f])
                rc = pc_error_set(err, PC_EINVAL, "--map: field '%s' given twice (column %ld)", field_names[f],
                                  column);
            else if (!(map->key[f] = strndup(key, key_len)))
                rc = pc_error_set(err, PC_ENOMEM, "out of memory");
        }
        if (rc != PC_OK) {
            pc_field_map_clear(map);
            return rc;
        }
        if (*end == '\0')
            return PC_OK;
        p = end + 1;
    }
}

pc_field pc_field_for_key(const pc_field_map *map, const char *key, size_t len)
{
    if (map) {
        for (int f = PC_FIELD_TITLE; f < PC_FIELD_COUNT; f++)
            if (map->key[f] && strlen(map->key[f]) == len && memcmp(map->key[f], key, len) == 0)
                return (pc_field)f;
    }
    for (size_t i = 0; i < sizeof usual_keys / sizeof *usual_keys; i++) {
        if (key_matches(key, len, usual_keys[i].key)) {
            pc_field f = usual_keys[i].field;
            return map && map->key[f] ? PC_FIELD_NONE : f;
        }
    }
    return PC_FIELD_NONE;
}

const char *pc_language_code(const char *s, size_t len, char code[3])
{
    trim(&s, &len);
    if (len >= 2 && (len == 2 || s[2] == '-' || s[2] == '_')) {
        char a = (char)(s[0] | 0x20), b = (char)(s[1] | 0x20);
        bool rest_ok = len <= 8;
        for (size_t i = 3; i < len && rest_ok; i++)
            rest_ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9');
        if (a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z' && rest_ok) {
            if (a == 'u' && b == 'a')
                return "uk";
            if (a == 'c' && b == 'z') /* the country code, often written for Czech */
                return "cs";
            code[0] = a;
            code[1] = b;
            code[2] = '\0';
            return code;
        }
    }
    for (size_t i = 0; i < sizeof language_names / sizeof *language_names; i++) {
        const char *name = language_names[i].name;
        size_t n = strlen(name);
        if (n != len)
            continue;
        /* ASCII case folded; the native names are compared as written (lowercase). */
        bool same = true;
        for (size_t k = 0; k < n && same; k++) {
            char c = s[k];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c | 0x20);
            same = c == name[k];
        }
        if (same)
            return language_names[i].code;
    }
    return NULL;
}

/* A Unix time in seconds (9–10 digits) or milliseconds (12–13), with an optional fraction. */
static bool unix_time_date(const char *s, size_t len, char out[11])
{
    size_t digits = 0;
    while (digits < len && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    if (digits < len) {
        if (s[digits] != '.')
            return false;
        for (size_t i = digits + 1; i < len; i++)
            if (s[i] < '0' || s[i] > '9')
                return false;
    }
    if (!(digits == 9 || digits == 10 || digits == 12 || digits == 13))
        return false;
    long long v = 0;
    for (size_t i = 0; i < digits; i++)
        v = v * 10 + (s[i] - '0');
    if (digits >= 12)
        v /= 1000;
    time_t t = (time_t)v;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return false;
    int year = tm.tm_year + 1900;
    if (year < 1800 || year > 2200)
        return false;
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, tm.tm_mon % 12 + 1, tm.tm_mday % 32);
    memcpy(out, buf, 11);
    return true;
}

bool pc_field_date(const char *s, size_t len, char out[11])
{
    trim(&s, &len);
    return len > 0 && (pc_date_parse(s, len, out) || unix_time_date(s, len, out));
}

bool pc_language_code_is_iso(const char *code)
{
    /* ISO 639-1, two letters each */
    static const char codes[] =
        "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz "
        "ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik "
        "io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml "
        "mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd "
        "se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi "
        "vo wa wo xh yi yo za zh zu";
    if (!code || strlen(code) != 2)
        return false;
    for (size_t i = 0; i + 1 < sizeof codes; i += 3)
        if (codes[i] == code[0] && codes[i + 1] == code[1])
            return true;
    return false;
}

static void set_why(char *why, size_t why_size, const char *what, const char *value, size_t len, const char *then)
{
    if (!why || why_size == 0)
        return;
    int shown = len > 60 ? 60 : (int)len;
    snprintf(why, why_size, "%s '%.*s%s' not understood; %s", what, shown, value, len > 60 ? "…" : "", then);
}

int pc_article_set_field(pc_article *a, pc_field f, const char *value, size_t len, char *why, size_t why_size)
{
    if (len > 0 && memchr(value, 0x1B, len)) {
        size_t clean_len = 0;
        char *clean = pc_text_without_escapes(value, len, &clean_len);
        if (!clean)
            return PC_ENOMEM;
        int rc = pc_article_set_field(a, f, clean, clean_len, why, why_size);
        free(clean);
        return rc;
    }
    trim(&value, &len);
    if (len == 0 || f <= PC_FIELD_NONE || f >= PC_FIELD_COUNT)
        return PC_OK;
    char **slot = NULL;
    switch (f) {
    case PC_FIELD_TITLE: slot = &a->title; break;
    case PC_FIELD_TEXT: slot = &a->body; break;
    case PC_FIELD_DATE: slot = &a->published; break;
    case PC_FIELD_URL: slot = &a->url; break;
    case PC_FIELD_SOURCE: slot = &a->source; break;
    case PC_FIELD_LANG: slot = &a->lang; break;
    default: return PC_OK;
    }
    if (*slot)
        return PC_OK;
    char *copy = NULL;
    if (f == PC_FIELD_DATE) {
        char iso[11];
        if (!pc_field_date(value, len, iso)) {
            set_why(why, why_size, "date", value, len, "left empty");
            return 1;
        }
        copy = strdup(iso);
    } else if (f == PC_FIELD_LANG) {
        char code[3];
        const char *lang = pc_language_code(value, len, code);
        if (!lang) {
            set_why(why, why_size, "language", value, len, "detected instead");
            return 1;
        }
        copy = strdup(lang);
    } else if (f == PC_FIELD_TEXT) {
        copy = strndup(value, len);
        if (copy)
            a->body_len = len;
    } else {
        copy = pc_utf8_squeeze_spaces(value, len);
    }
    if (!copy)
        return PC_ENOMEM;
    *slot = copy;
    return PC_OK;
}

char *pc_url_domain(const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (strncmp(p, "//", 2) == 0)
        p += 2;
    const char *at = NULL;
    size_t n = strcspn(p, "/?#");
    for (size_t i = 0; i < n; i++)
        if (p[i] == '@')
            at = p + i;
    if (at) {
        n -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    size_t host_len = 0;
    while (host_len < n && p[host_len] != ':')
        host_len++;
    if (host_len >= 4 && strncasecmp(p, "www.", 4) == 0) {
        p += 4;
        host_len -= 4;
    }
    if (host_len == 0 || !memchr(p, '.', host_len))
        return NULL;
    for (size_t i = 0; i < host_len; i++) {
        char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'))
            return NULL;
    }
    char *host = strndup(p, host_len);
    if (host)
        for (char *c = host; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c | 0x20);
    return host;
}

void pc_field_add_text(pc_strbuf *out, const char *s, size_t len, bool cr_ends_line)
{
    if (len > 0 && memchr(s, 0x1B, len)) {
        size_t clean_len = 0;
        char *clean = pc_text_without_escapes(s, len, &clean_len);
        if (clean)
            pc_field_add_text(out, clean, clean_len, cr_ends_line);
        else
            out->failed = true;
        free(clean);
        return;
    }
    bool blank_before = false; /* a blank line since the last line with text */
    bool any = false;          /* a line with text written */
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && s[i] != '\n' && !(cr_ends_line && s[i] == '\r'))
            i++;
        size_t end = i;
        if (i < len && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
            i++;
        if (i < len)
            i++;
        while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
            end--;
        bool has_text = false;
        for (size_t k = start; k < end && !has_text; k++)
            has_text = (unsigned char)s[k] > ' ' && s[k] != 0x7F;
        if (!has_text) {
            blank_before = any;
            continue;
        }
        if (any)
            pc_strbuf_add(out, "\n\n", blank_before ? 2 : 1);
        blank_before = false;
        any = true;
        /* copy the line without control characters */
        size_t run = start;
        for (size_t k = start; k <= end; k++) {
            if (k == end || ((unsigned char)s[k] < 0x20 && s[k] != '\t') || s[k] == 0x7F) {
                pc_strbuf_add(out, s + run, k - run);
                run = k + 1;
            }
        }
    }
}
