/* printer.h — the output stage: everything presscut prints for people or programs goes through a printer,
 * chosen once from a format name (text, json, jsonl); callers hand it data and never format text themselves.
 *
 * A printer knows two kinds of output:
 *   - results: search hits (pc_printer_hit ... pc_printer_end) and whole articles (pc_printer_article), in the
 *     layouts documented below;
 *   - structured records, for any other report (stats, query explanations, ...): nested maps and lists of
 *     strings, integers, reals, booleans and nulls (begin_map, map_key, string, ..., end_map). A record is
 *     written when its outermost map or list ends. A report that also has a hand-made layout for people
 *     goes through pc_printer_report, which lets the printer pick the layout or the structure.
 *
 * Formats of structured records:
 *   text  a readable outline: "key: value" per line, nested maps and lists indented by two spaces, list
 *         items after "- ", empty containers as {} and [], NULL strings as (none); strings on one line with
 *         white space collapsed and control characters escaped (as everywhere in TEXT);
 *   json  the outermost map or list with one member per line (two spaces of indent), each member's value
 *         on that line in compact JSON with ", " and ": " (e.g. "  \"dups\": {\"clusters\": 1}");
 *   jsonl the whole record as one line of compact JSON.
 * Strings are repaired UTF-8 (a bad byte becomes U+FFFD) in every format.
 *
 * Errors: functions returning int give 0, PC_ENOMEM, PC_EIO (writing failed, e.g. a closed pipe) or
 * PC_EINVAL (misuse, e.g. a value in a map without its key). The structured calls return nothing: their
 * first error is kept and later calls do nothing until pc_printer_flush reports it (so a report checks
 * once, at the end). A printer is used by one thread at a time. */
#ifndef PRESSCUT_OUTPUT_PRINTER_H
#define PRESSCUT_OUTPUT_PRINTER_H

#include <stdbool.h>
#include <stdio.h>

#include "presscut/core/error.h"
#include "presscut/core/strbuf.h"
#include "presscut/search/search.h"
#include "presscut/search/suggest.h"

typedef enum pc_output_format {
    PC_OUTPUT_TEXT,  /* for people */
    PC_OUTPUT_JSON,  /* one JSON document: {"query": ..., "total": N, "hits": [...]} */
    PC_OUTPUT_JSONL, /* one JSON object per hit and line */
} pc_output_format;

typedef struct pc_printer_options {
    pc_output_format format;
    bool color;        /* TEXT only: ANSI colours and highlighted matches */
    FILE *out;         /* where to print (not closed); NULL: stdout */
    const char *query; /* the query text, for the JSON search document (NULL: null) */
} pc_printer_options;

typedef struct pc_printer pc_printer;

/* Something to print that has its own layout for people as well as a structure for programs. The text
 * printer calls `layout` when it is set, every other printer (and text without a layout) calls `structure`,
 * which must emit one complete record through the structured calls. */
typedef struct pc_report {
    const void *data;
    void (*structure)(pc_printer *p, const void *data);
    /* Appends the text for people to `out` (ANSI colours only when `color`); NULL: none. */
    void (*layout)(pc_strbuf *out, const void *data, bool color);
} pc_report;

/* The interface every format implements (one file each: print_text.c, print_json.c). The printer module
 * checks the order of structured calls before it forwards them, so an implementation sees only well-formed
 * records. Implementations report errors of the void calls through the printer's sticky status. */
typedef struct pc_printer_vtable {
    const char *name; /* the --format value */
    int (*init)(pc_printer *p, pc_error *err);
    void (*destroy)(pc_printer *p);
    int (*begin)(pc_printer *p, pc_error *err);
    int (*hit)(pc_printer *p, const pc_search_hit *hit, pc_error *err);
    int (*article)(pc_printer *p, const pc_article_view *a, pc_error *err);
    int (*end)(pc_printer *p, long long total, long long offset, pc_error *err);
    int (*suggestions)(pc_printer *p, const pc_query_suggestions *s, pc_error *err); /* NULL: prints nothing */
    int (*report)(pc_printer *p, const pc_report *r, pc_error *err);
    void (*begin_map)(pc_printer *p);
    void (*map_key)(pc_printer *p, const char *key);
    void (*end_map)(pc_printer *p);
    void (*begin_list)(pc_printer *p);
    void (*end_list)(pc_printer *p);
    void (*string)(pc_printer *p, const char *s, size_t len);
    void (*integer)(pc_printer *p, long long v);
    void (*real)(pc_printer *p, double v);
    void (*boolean)(pc_printer *p, bool v);
    void (*null)(pc_printer *p);
} pc_printer_vtable;

/* Parses a --format value ("text", "json", "jsonl"). Returns 0 or PC_EINVAL with a message listing them. */
int pc_output_format_parse(const char *name, pc_output_format *out, pc_error *err);

/* Creates the printer of opt->format (opt NULL: TEXT without colour on stdout). Colour is dropped for formats
 * other than TEXT. Returns 0 and sets *out (free with pc_printer_free), or PC_ENOMEM / PC_EINVAL (*out NULL). */
int pc_printer_new(const pc_printer_options *opt, pc_printer **out, pc_error *err);

/* Frees a printer (does not close its FILE). Accepts NULL. */
void pc_printer_free(pc_printer *p);

/* ---- results ---- */

/* Begins a result: for `show`, each requested article is one. TEXT separates a result from the previous one
 * by a blank line; the other formats print nothing. Optional before the first result. Returns 0 or PC_EIO. */
int pc_printer_begin(pc_printer *p, pc_error *err);

/* Prints one search hit. TEXT: rank, date, source, title; the snippet; path, record, id and passages.
 * JSONL: one compact object per line. JSON: collected until pc_printer_end. Returns 0, PC_ENOMEM or PC_EIO. */
int pc_printer_hit(pc_printer *p, const pc_search_hit *hit, pc_error *err);

/* Ends a search result: JSON prints its document (query, total, offset, the number of hits printed, hits)
 * unless articles were printed; TEXT and JSONL print nothing more. Flushes. Returns 0, PC_ENOMEM or PC_EIO. */
int pc_printer_end(pc_printer *p, long long total, long long offset, pc_error *err);

/* Gives a search result its spelling suggestions (suggest.h), after its hits and before pc_printer_end.
 * JSON: the document's "suggestions" field (an empty list when this is not called); JSONL and TEXT: nothing
 * (every JSON Lines line is a hit; the command prints pc_suggestions_layout on stderr). Each word is {"word", "column", "did_you_mean": [index words, best first]}. Returns 0, PC_ENOMEM
 * or PC_EIO. */
int pc_printer_suggestions(pc_printer *p, const pc_query_suggestions *s, pc_error *err);

/* Appends the suggestions for people to `out`, one line per word:
 *   'Peskow' is not in the index; did you mean peskov, peska?
 * Nothing when there are none. */
void pc_suggestions_layout(pc_strbuf *out, const pc_query_suggestions *s);

/* Prints a whole article (metadata, then the body with its paragraphs, matches highlighted). JSON/JSONL: one
 * object with the same fields as a hit plus "body" and "highlights" into it. Flushes. Returns 0, PC_ENOMEM
 * or PC_EIO. */
int pc_printer_article(pc_printer *p, const pc_article_view *a, pc_error *err);

/* ---- structured records ---- */

void pc_printer_begin_map(pc_printer *p);
/* The key of the next value in the current map (copied; UTF-8: JSON refuses other keys, and every key presscut
 * prints is a literal). */
void pc_printer_map_key(pc_printer *p, const char *key);
void pc_printer_end_map(pc_printer *p);
void pc_printer_begin_list(pc_printer *p);
void pc_printer_end_list(pc_printer *p);
/* A NUL-terminated string (not kept); NULL is printed as null. */
void pc_printer_string(pc_printer *p, const char *s);
/* s[0, len), which may hold NULs. */
void pc_printer_string_n(pc_printer *p, const char *s, size_t len);
void pc_printer_integer(pc_printer *p, long long v);
/* A real number (10 significant digits); NaN and infinities are printed as null. */
void pc_printer_real(pc_printer *p, double v);
void pc_printer_boolean(pc_printer *p, bool v);
void pc_printer_null(pc_printer *p);

/* Prints a report (see pc_report) and flushes. Returns 0, PC_ENOMEM, PC_EIO or PC_EINVAL (the structure was
 * not one complete record). */
int pc_printer_report(pc_printer *p, const pc_report *r, pc_error *err);

/* Reports the first error of the structured calls since the last flush (and clears it), or PC_EINVAL when a
 * record is still open; then flushes the FILE. Returns 0, PC_ENOMEM, PC_EIO or PC_EINVAL. */
int pc_printer_flush(pc_printer *p, pc_error *err);

#endif
