/* tui_internal.h — what the files of the interactive screen share: the screen's state (tui_app), the data
 * it shows (results, the open article, the mentions view), and the functions of each file.
 *   tui.c       the terminal (ncurses set-up, signals, restore), the event loop and the key actions
 *   tui_data.c  reading the index: searching, opening an article, mentions, exports (no drawing)
 *   tui_draw.c  composing each frame from the state (no index access) */
#ifndef PRESSCUT_TUI_INTERNAL_H
#define PRESSCUT_TUI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "presscut/core/error.h"
#include "presscut/core/span.h"
#include "presscut/search/mentions.h"
#include "presscut/search/session.h"
#include "presscut/search/snippet.h"
#include "presscut/store/store.h"
#include "presscut/tui/keys.h"
#include "presscut/tui/screen_text.h"

/* ---- data (tui_data.c) ---- */

/* One hit of the list, copied out of the search's callback. Strings malloc'd, NULL when absent. */
typedef struct tui_hit {
    long long article_id, copies;
    char *date, *source, *title, *path, *lang;
    char *passage;
    size_t passage_len;
    pc_span *spans;       /* matched words, byte offsets into passage */
    size_t n_spans;
    pc_span *title_spans; /* into title */
    size_t n_title_spans;
    pc_snippet snippet;
} tui_hit;

typedef struct tui_results {
    tui_hit *hits;
    size_t n;
    long long total; /* hits of the whole search (the list holds the first n) */
} tui_results;

void tui_results_free(tui_results *r);

typedef enum tui_sort { TUI_SORT_RELEVANCE, TUI_SORT_NEWEST, TUI_SORT_OLDEST } tui_sort;
extern const char *const tui_sort_names[]; /* "relevance", "newest", "oldest" */

/* Sorts the list by date (newest or oldest first; undated last), or leaves it in rank order. Stable. */
void tui_results_sort(tui_results *r, tui_sort sort);

/* The open article. */
typedef struct tui_article {
    long long id;
    char *title, *date, *source, *path;
    char *body;
    size_t body_len;
    pc_span *spans; /* every match in the body */
    size_t n_spans;
    size_t current; /* the match n/N went to */
    /* the body broken into lines of wrap_width columns: [starts[i], ends[i]) */
    size_t *starts, *ends, n_lines, wrap_width;
    size_t top;     /* first line shown */
} tui_article;

void tui_article_free(tui_article *a);

/* Breaks the body into lines of `width` columns (again only when the width changed). Returns 0 or
 * PC_ENOMEM. */
int tui_article_wrap(tui_article *a, size_t width);

/* The line that holds byte `offset` of the body. */
size_t tui_article_line_of(const tui_article *a, size_t offset);

/* The mentions view. */
typedef struct tui_mentions {
    char *name;
    char **aliases;           /* searched: the entity list's, or the name itself */
    size_t n_aliases;
    pc_mention_list list;
    pc_mention_counts counts; /* by month */
    pc_mention_totals totals;
    pc_mention_sort sort;     /* date, left or right */
    size_t top;
} tui_mentions;

void tui_mentions_free(tui_mentions *m);

/* ---- the screen's state ---- */

#define TUI_MAX_FILTERS 16

typedef struct tui_app {
    pc_store *store;
    pc_query_session *qs;       /* the query shown (with the filters standing) */
    pc_tui_keys keys;
    tui_results results;        /* the last good results: kept when a query is malformed */
    size_t selected, top;       /* selected hit and first hit shown */
    char *results_query;        /* the query text the results are of */
    tui_sort sort;
    char filter_text[PC_LINE_EDIT_MAX];   /* as the user wrote them: since=2014 source=bbc* */
    char *filter_names[TUI_MAX_FILTERS], *filter_values[TUI_MAX_FILTERS];
    size_t n_filters;
    char status[768];
    bool status_error;
    bool search_pending;        /* the query line changed since the results were made */
    long long search_due_ms;    /* when to search (debounce) */
    long long search_ms;        /* how long the last search took */
    tui_article article;
    bool have_article;
    tui_mentions mentions;
    bool have_mentions;
    int rows, cols;
    bool color;
    FILE *trace;
} tui_app;

/* Milliseconds of a monotonic clock. */
long long tui_now_ms(void);

/* Sets the status line (printf-style); `error` shows it as an error. */
void tui_status(tui_app *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Runs the query line's query: retargets the session and reads the first hits. On success the results, the
 * selection and the status are replaced; on a malformed query the status shows the error (with its column)
 * and the results stay. Returns 0, or PC_ESTOP when a key came in meanwhile (nothing changed: search
 * again later). */
int tui_search(tui_app *app);

/* Replaces the standing filters by those of `text` (name=value or name:value words; names since, until,
 * source, lang). On a bad filter the status says which and nothing changes. Returns 0 or the error. */
int tui_set_filters(tui_app *app, const char *text);

/* Opens the selected hit in the article view. Returns 0 (app->article filled), or the error (status set). */
int tui_open_selected(tui_app *app);

/* Runs the mentions of the entity `name` (its aliases from the entity list, or the name itself) under the
 * standing filters. Returns 0 (app->mentions filled), or the error (status set; PC_ESTOP when a key came). */
int tui_run_mentions(tui_app *app, const char *name);

/* Exports the current query's hits (all of them, in rank order) to `path`, the format chosen by its
 * extension (.csv, .tsv, .jsonl, .json, .xlsx). The status says where they went or what failed. */
int tui_export(tui_app *app, const char *path);

/* Exports the mentions view's concordance, in the order shown, to `path` (format by extension, as
 * tui_export) with the columns of presscut mentions --format. The status says where it went. */
int tui_export_mentions(tui_app *app, const char *path);

/* ---- drawing (tui_draw.c) ---- */

/* Colours or attributes for each pc_screen_style; call after the screen is set up. `color` false: no
 * colours (NO_COLOR, or a terminal without them), only bold, underline and reverse. */
void tui_draw_init(bool color);

/* Composes the whole frame for the current view and writes it in one refresh. */
void tui_draw(tui_app *app);

/* How many hits the list view shows at once for the current size. */
size_t tui_list_capacity(const tui_app *app);

/* How many body lines the article and mentions views show. */
size_t tui_body_rows(const tui_app *app);

/* Lines the mentions view scrolls through (timeline, then concordance). */
size_t tui_mentions_lines(const tui_app *app);

#endif
