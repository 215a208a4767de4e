/* tui.h — `presscut tui`: the interactive full-screen front-end (ncursesw). A query line whose results update
 * as the user types (debounced; a running search is cancelled by the next key through the store's stop
 * check), a result list with a preview pane, the article view with every match highlighted, filters and
 * sort, an entity's mentions with their timeline, and exports of the list — all through the same query
 * session, search, mentions, printers' text helpers and export writers as the commands.
 *
 * The terminal is restored when the screen ends: on quit, on SIGINT/SIGTERM/SIGHUP, and on a crash signal
 * (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT: restored, then the signal's default action). */
#ifndef PRESSCUT_TUI_H
#define PRESSCUT_TUI_H

#include "presscut/core/error.h"
#include "presscut/store/store.h"

typedef struct pc_tui_options {
    const char *query;       /* the query to start with, or NULL */
    const char *trace_path;  /* NULL, or a file to which each key's and frame's times are appended (for
                                measuring keystroke-to-screen delay; $PRESSCUT_TUI_TRACE) */
} pc_tui_options;

/* Runs the screen on `store` (open for reading; not closed) until the user quits. stdin and stdout must be
 * a terminal. Returns 0 after a quit, PC_ESTOP after SIGINT/SIGTERM/SIGHUP (the terminal restored), or
 * PC_EINVAL when there is no usable terminal ("presscut tui needs a terminal: ..."), PC_ENOMEM or the
 * index's error (PC_EDB, PC_ECONFIG) when the first session cannot be made, with err filled. */
int pc_tui_run(pc_store *store, const pc_tui_options *opt, pc_error *err);

#endif
