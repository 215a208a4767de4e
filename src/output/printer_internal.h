/* printer_internal.h — what the printers of the output stage share and nothing else sees: the printer object
 * (the chosen format's vtable, its options and state), the writing helpers of printer.c, and the renderer of
 * article text of safe_text.c. */
#ifndef PRESSCUT_OUTPUT_PRINTER_INTERNAL_H
#define PRESSCUT_OUTPUT_PRINTER_INTERNAL_H

#include <jansson.h>
#include <stdint.h>

#include "presscut/core/strbuf.h"
#include "presscut/output/printer.h"

#define PRINTER_MAX_DEPTH 32

/* One open map or list of a structured record. printer.c keeps the first three fields; the others belong to
 * the format that opened the level. */
typedef struct printer_level {
    bool is_map;
    bool has_key;      /* map: a key was given and waits for its value */
    size_t children;   /* values written into it */
    size_t indent;     /* text: columns of indent of the level's lines */
    bool dash;         /* text: the level is a list item whose "- " is not printed yet */
    size_t header_end; /* text: buffer length after the "key:" line that opened it; SIZE_MAX: none */
    json_t *json;      /* json: the container (borrowed from its parent; the root is owned by `root`) */
} printer_level;

struct pc_printer {
    const pc_printer_vtable *vt;
    pc_printer_options opt;
    long long hits;       /* hits printed (TEXT, JSONL) or collected (JSON) */
    long long articles;   /* articles printed */
    long long results;    /* results begun */
    json_t *collected;    /* JSON: the hits, until pc_printer_end */
    json_t *suggestions;  /* JSON: the result's spelling suggestions, until pc_printer_end; NULL: none */
    json_t *root;         /* json, jsonl: the structured record being built */
    pc_strbuf buf;        /* the text being composed, reused */
    pc_strbuf scratch;    /* strings being composed, reused */
    pc_strbuf key;        /* the key given to pc_printer_map_key */
    printer_level levels[PRINTER_MAX_DEPTH];
    size_t depth;         /* open levels of the structured record */
    int status;           /* the first error of the structured calls, 0 when none */
    pc_error status_err;
};

/* ---- printer.c ---- */

/* Writes s[0, n) to the printer's FILE. Returns 0 or PC_EIO ("cannot write the results: ..."). */
int printer_write(pc_printer *p, const char *s, size_t n, pc_error *err);
/* Writes the composed buffer, or reports PC_ENOMEM when composing it ran out of memory. */
int printer_write_buf(pc_printer *p, pc_error *err);
/* Flushes the FILE. Returns 0 or PC_EIO. */
int printer_flush_file(pc_printer *p, pc_error *err);
/* Records the first error of the structured calls (later ones are dropped). */
void printer_fail(pc_printer *p, int rc, const char *msg);
/* The level structured values go into now (NULL at the top, outside any record). */
printer_level *printer_parent(pc_printer *p);
/* Appends printf-formatted text to `out` (for the layouts of reports). Out of memory is sticky in `out`. */
void printer_addf(pc_strbuf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A key and its value in the open map of a structured record (for the records of reports). */
void printer_key_string(pc_printer *p, const char *key, const char *s);
void printer_key_integer(pc_printer *p, const char *key, long long v);
void printer_key_boolean(pc_printer *p, const char *key, bool v);

/* ---- safe_text.c: the renderer of article text ----
 * Writes text into a strbuf and
 *   - repairs UTF-8: each bad byte becomes U+FFFD, so JSON is always valid and terminals get no stray bytes;
 *   - with `escape`, shows control characters as \xNN (C1 controls U+0080..U+009F as \u00NN), so scraped
 *     text cannot drive the terminal; JSON leaves them to the JSON encoder, which escapes them;
 *   - with `collapse`, turns white space runs (pc_utf8_space_len) into single spaces and drops them at both
 *     ends;
 *   - marks matched spans: ANSI STYLE_MATCH with `color`, [start, end] code point pairs in `highlights`. */

#define STYLE_RESET "\033[0m"
#define STYLE_DIM "\033[2m"
#define STYLE_DATE "\033[32m"
#define STYLE_SOURCE "\033[36m"
#define STYLE_TITLE "\033[1m"
#define STYLE_MATCH "\033[1;31m"

#define ELLIPSIS "\xE2\x80\xA6" /* … */

typedef struct render {
    pc_strbuf *out;
    bool collapse;      /* white space runs become one space; none at either end */
    bool escape;        /* control characters as \xNN (TEXT) */
    bool color;         /* matches in STYLE_MATCH */
    const char *style;  /* colour: the style of the surrounding text, restored after a match (NULL: none) */
    json_t *highlights; /* JSON: receives [start, end] code point pairs of the matches (NULL: none) */
    size_t cps;         /* code points written so far into the string the highlights refer to */
    bool failed;        /* a highlight could not be added (out of memory) */
} render;

void render_init(render *r, pc_strbuf *out, bool collapse, bool escape, bool color, const char *style);
/* Appends s[0, n), which holds `cps` code points, as it is. */
void render_put(render *r, const char *s, size_t n, size_t cps);
/* Renders s[from, to), marking the parts of `spans` (byte offsets into s, sorted; may be NULL) inside it. */
void render_range(render *r, const char *s, size_t from, size_t to, const pc_span *spans, size_t n_spans);
/* Renders a hit's snippet: its window of the passage (marking the matches), with "…" where it was cut.
 * Returns false when the hit has no snippet to show (nothing written). */
bool render_snippet(render *r, const pc_search_hit *h);
/* True when s is not NULL and holds something other than white space. */
bool render_has_text(const char *s);

/* The formats' vtables (print_text.c, print_json.c), listed once in printer.c's table of formats. */
extern const pc_printer_vtable pc_text_printer;
extern const pc_printer_vtable pc_json_printer;
extern const pc_printer_vtable pc_jsonl_printer;

#endif
