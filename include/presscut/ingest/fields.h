/* fields.h — how the keys of structured records (JSON objects, CSV columns) map to article fields: the usual
 * names ("title", "text", "body", "publishedAt", ...), overridden by the user's `--map text=article_body`;
 * and how one value is put into an article (dates normalised, language names made codes). Shared by the
 * JSON and CSV readers. Knows nothing of the store. */
#ifndef PRESSCUT_FIELDS_H
#define PRESSCUT_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/article.h"
#include "presscut/core/error.h"
#include "presscut/core/strbuf.h"

typedef enum pc_field {
    PC_FIELD_NONE = 0, /* a key no article field takes */
    PC_FIELD_TITLE,
    PC_FIELD_TEXT,
    PC_FIELD_DATE,
    PC_FIELD_URL,
    PC_FIELD_SOURCE,
    PC_FIELD_LANG,
    PC_FIELD_COUNT
} pc_field;

/* The user's overrides: for each field, the record key that fills it (NULL: the usual names). */
typedef struct pc_field_map {
    char *key[PC_FIELD_COUNT];
} pc_field_map;

/* The field's name as the user writes it in --map ("title", "text", "date", "url", "source", "lang"). */
const char *pc_field_name(pc_field f);

/* Parses "text=article_body,date=pub_ts" into map (zeroed first; free with pc_field_map_clear). Field names
 * are those of pc_field_name plus the aliases body, content (text) and published (date). Errors (PC_EINVAL,
 * map left empty): an unknown field ("unknown field 'x' at column N; fields are ..."), a missing '=' or
 * key, a field given twice. The column is 1-based in spec. */
int pc_field_map_parse(const char *spec, pc_field_map *map, pc_error *err);

/* Frees the keys. Accepts NULL. */
void pc_field_map_clear(pc_field_map *map);

/* Which field the record key [key, key+len) fills. A key the map names for a field fills that field; a
 * field the map names takes no other key. Otherwise the usual names, ignoring case and '_', '-', ' ':
 *   title: title, headline, heading
 *   text: text, body, content, article, articlebody, fulltext, maintext, story
 *   date: date, published, publishedat, publishdate, publicationdate, pubdate, datepublished, datetime,
 *         timestamp, time, created, createdat
 *   url: url, link, href, uri, permalink, canonicalurl, canonical
 *   source: source, outlet, publisher, site, sitename, domain, sourcename, media, newspaper, agency
 *   lang: lang, language, locale
 * map may be NULL. */
pc_field pc_field_for_key(const pc_field_map *map, const char *key, size_t len);

/* Puts the value [value, value+len) into the article's field, trimmed, with runs of white space made one
 * space (except text, kept as is apart from trimming). An empty value leaves the field alone. A field
 * already set is kept (the first key wins) and 0 is returned.
 *   - date: any pc_date_parse form, and Unix times (9–10 digits: seconds, 12–13: milliseconds, optionally
 *     with a fraction) → "YYYY-MM-DD"; anything else leaves the date empty and returns 1 with a warning
 *     in why ("date 'xyz' not understood; left empty").
 *   - lang: an ISO 639-1 code ("uk", "en-GB", "uk_UA"; "ua" means "uk") or an English or native language
 *     name; anything else returns 1 with a warning ("language 'xyz' not understood; detected instead").
 * Terminal escape sequences in the value are removed whole first (pc_text_without_escapes).
 * Returns 0, 1 (a warning written to why, the value not used) or PC_ENOMEM. why may be NULL. */
int pc_article_set_field(pc_article *a, pc_field f, const char *value, size_t len, char *why, size_t why_size);

/* Appends the record value [s, s+len) to out as article text: terminal escape sequences dropped whole
 * (pc_text_without_escapes), other control characters than TAB and LF dropped, white space (and CR) at line
 * ends dropped, lines kept, runs of blank lines made one "\n\n" (a paragraph break), blank lines at the start
 * and end dropped. Lines end at LF and CRLF; a lone CR ends a line too when `cr_ends_line` (JSON strings),
 * else it is dropped like other control characters (CSV cells). Out of memory is left in out->failed
 * (strbuf.h). */
void pc_field_add_text(pc_strbuf *out, const char *s, size_t len, bool cr_ends_line);

/* The ISO 639-1 code for a language value as pc_article_set_field reads it, written to code (3 bytes) or
 * returned static; NULL when not understood. Any two letters are taken for a code ("xx" gives "xx"; check
 * it with pc_language_code_is_iso); the country codes "ua" and "cz" give "uk" and "cs". */
const char *pc_language_code(const char *s, size_t len, char code[3]);

/* True when code (lower case) is one of the two-letter codes of ISO 639-1. NULL gives false. */
bool pc_language_code_is_iso(const char *code);

/* A date value as pc_article_set_field reads it (any pc_date_parse form, or a Unix time in seconds or
 * milliseconds), white space around it allowed: writes "YYYY-MM-DD" and a NUL to out and returns true, else
 * returns false. */
bool pc_field_date(const char *s, size_t len, char out[11]);

/* The host of a URL without "www." ("https://www.bbc.co.uk/news/x" → "bbc.co.uk"), lowercased, as a new
 * string; NULL when url has no host (or on allocation failure). Used for an article's source when the data
 * names none. */
char *pc_url_domain(const char *url);

#endif
