/* output.h — the printers of search results and articles: human text (with colour on a terminal), JSON and
 * JSON Lines. The printer is chosen once; the search loop hands it hits and never formats text itself.
 * Text from articles is printed safely: control characters (ANSI escapes included) are shown as \xNN, so
 * scraped text cannot drive the terminal. */
#ifndef PRESSCUT_OUTPUT_H
#define PRESSCUT_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "presscut/core/error.h"
#include "presscut/search/search.h"

typedef enum pc_output_format {
    PC_OUTPUT_TEXT,  /* for people */
    PC_OUTPUT_JSON,  /* one JSON document: {"query": ..., "total": N, "hits": [...]} */
    PC_OUTPUT_JSONL, /* one JSON object per hit and line */
} pc_output_format;

typedef struct pc_output_options {
    pc_output_format format;
    bool color;            /* TEXT only: ANSI colours and highlighted matches */
    FILE *out;             /* where to print (not closed) */
    const char *query;     /* the query text, for the JSON document */
} pc_output_options;

typedef struct pc_output pc_output;

/* Parses a --format value ("text", "json", "jsonl"). Returns 0 or PC_EINVAL with a message listing them. */
int pc_output_format_parse(const char *name, pc_output_format *out, pc_error *err);

/* Creates a printer. Returns 0 and sets *out (free with pc_output_free), or PC_ENOMEM. */
int pc_output_new(const pc_output_options *opt, pc_output **out, pc_error *err);

/* Prints one search hit. Returns 0, or PC_EIO when writing failed (e.g. a closed pipe). */
int pc_output_hit(pc_output *o, const pc_search_hit *hit, pc_error *err);

/* Ends a search result: closes the JSON document (with total, offset and the number of hits printed); prints
 * nothing more for TEXT and JSONL. Returns 0 or PC_EIO. */
int pc_output_end(pc_output *o, long long total, long long offset, pc_error *err);

/* Prints a whole article (metadata, then the body with its paragraphs, matches highlighted). JSON/JSONL: one
 * object with the same fields as a hit plus "body" and "highlights" into it. Returns 0 or PC_EIO. */
int pc_output_article(pc_output *o, const pc_article_view *a, pc_error *err);

/* Frees a printer (does not close its FILE). Accepts NULL. */
void pc_output_free(pc_output *o);

#endif
