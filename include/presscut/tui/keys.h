/* keys.h — what a key does on the interactive screen, as a state machine with no terminal behind it: which
 * view is up (the query line, the result list, an article, the mentions view, help, a one-line prompt), the
 * text of the query line and of the prompt, and for each key the action the screen must carry out (search
 * again, open the selected hit, export, ...). Views that need no data change here; the screen changes the
 * others once the data is there (pc_tui_keys.view is the caller's to set after PC_ACT_OPEN and
 * PC_ACT_PROMPT_DONE). Keys are Unicode code points, or the PC_KEY_* values for keys that have none. */
#ifndef PRESSCUT_TUI_KEYS_H
#define PRESSCUT_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Keys that are not characters (above the Unicode range). Control keys are their code: PC_KEY_CTRL('u'). */
enum {
    PC_KEY_UP = 0x110001,
    PC_KEY_DOWN,
    PC_KEY_LEFT,
    PC_KEY_RIGHT,
    PC_KEY_PAGE_UP,
    PC_KEY_PAGE_DOWN,
    PC_KEY_HOME,
    PC_KEY_END,
    PC_KEY_BACKSPACE,
    PC_KEY_DELETE,
    PC_KEY_ENTER,
    PC_KEY_ESCAPE,
    PC_KEY_TAB,
    PC_KEY_BACKTAB,
    PC_KEY_F1,
};
#define PC_KEY_CTRL(c) ((uint32_t)((c) & 0x1f))

/* One editable line of text (the query, a prompt): UTF-8 text[0, len), NUL-terminated, and the cursor as a
 * byte offset on a character boundary. At most PC_LINE_EDIT_MAX - 1 bytes: keys that would go past it are
 * ignored. */
#define PC_LINE_EDIT_MAX 1024
typedef struct pc_line_edit {
    char text[PC_LINE_EDIT_MAX];
    size_t len, cursor;
} pc_line_edit;

/* Sets the line to `text` (cut at a character boundary to fit) with the cursor at its end. */
void pc_line_edit_set(pc_line_edit *e, const char *text);

/* Applies an editing key: a printable character is inserted at the cursor; Backspace, Delete, Left, Right,
 * Home/Ctrl-A, End/Ctrl-E move or delete one character; Ctrl-U deletes to the start, Ctrl-K to the end,
 * Ctrl-W the word before the cursor. Returns true when the text changed; keys it does not know change
 * nothing (false). */
bool pc_line_edit_key(pc_line_edit *e, uint32_t key);

typedef enum pc_tui_view {
    PC_VIEW_QUERY,    /* the result list with the query line taking keys */
    PC_VIEW_LIST,     /* the result list taking command keys */
    PC_VIEW_ARTICLE,  /* one article, every match highlighted */
    PC_VIEW_MENTIONS, /* an entity's concordance and timeline */
    PC_VIEW_HELP,
    PC_VIEW_PROMPT,   /* a one-line question at the bottom (see pc_tui_prompt) */
} pc_tui_view;

/* What a prompt asks for. */
typedef enum pc_tui_prompt {
    PC_PROMPT_EXPORT,   /* a file name; its extension chooses the format */
    PC_PROMPT_FILTERS,  /* since=… until=… source=… lang=… */
    PC_PROMPT_MENTIONS, /* an entity's name or alias */
} pc_tui_prompt;

typedef enum pc_tui_action {
    PC_ACT_NONE,          /* nothing to do (the key was ignored) */
    PC_ACT_REDRAW,        /* the state changed: draw again */
    PC_ACT_QUIT,
    PC_ACT_QUERY_EDITED,  /* the query line changed: search again (debounced) */
    PC_ACT_MOVE,          /* move the selection or scroll by pc_tui_keys.move lines (a page: +-1000) */
    PC_ACT_OPEN,          /* open the selected hit */
    PC_ACT_NEXT_MATCH,
    PC_ACT_PREV_MATCH,
    PC_ACT_SORT,          /* the next sort (results: relevance/newest/oldest; mentions: date/left/right) */
    PC_ACT_PROMPT_DONE,   /* the prompt's text was accepted: carry it out (pc_tui_keys.prompt_kind) */
} pc_tui_action;

/* A move of PC_ACT_MOVE that stands for a page up or down. */
#define PC_TUI_PAGE 1000

typedef struct pc_tui_keys {
    pc_tui_view view;
    pc_tui_view prompt_from;   /* the view a prompt or help returns to */
    pc_tui_prompt prompt_kind;
    pc_line_edit query;
    pc_line_edit prompt;
    int move;                  /* PC_ACT_MOVE: lines (negative: up), or +-PC_TUI_PAGE */
} pc_tui_keys;

/* Starts in the query view with `query` (may be NULL) on the query line. */
void pc_tui_keys_init(pc_tui_keys *k, const char *query);

/* Opens a prompt of `kind` over the current view with `initial` text (may be NULL). */
void pc_tui_keys_prompt(pc_tui_keys *k, pc_tui_prompt kind, const char *initial);

/* Handles one key in the current view and returns what the screen must do.
 *   query view:    characters edit the query (PC_ACT_QUERY_EDITED); Down, Tab, Enter go to the list;
 *                  Ctrl-C quits; F1 help
 *   list view:     Up/Down/k/j, PageUp/PageDown move; Enter opens; / or Tab or Esc back to the query;
 *                  e export, f filters, m mentions (prompts), s sort, ? help, q quit
 *   article view:  n/N next/previous match; Up/Down/k/j, PageUp/PageDown/Space scroll; Esc/q back to the list
 *   mentions view: s sort by date/left/right; Up/Down/j/k, pages scroll; e export; Esc/q back
 *   help:          any key goes back
 *   prompt:        editing keys; Enter accepts (PC_ACT_PROMPT_DONE, back to the view it came from); Esc
 *                  cancels
 * Ctrl-C quits from every view. */
pc_tui_action pc_tui_keys_handle(pc_tui_keys *k, uint32_t key);

#endif
