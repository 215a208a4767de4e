/* screen_text.h — text from articles made ready for a character-cell screen: one screen line at a time, as
 * UTF-8 with a style per byte, escaped (control characters and ANSI escapes shown as \xNN, C1 controls as
 * \u00NN, as safe_text.h does; a tab or a line break becomes one space; a byte that is not UTF-8 becomes
 * U+FFFD), cut to a number of columns with "…" where text was left out, and measured the way the terminal
 * places it (wcwidth: wide characters take 2 columns, combining marks 0). Also where to break a long text
 * into lines of a width. Pure text work: no terminal, no allocation but the line's own buffers.
 *
 * The caller's locale must be a UTF-8 one (LC_CTYPE) for the widths to be those of the terminal. */
#ifndef PRESSCUT_TUI_SCREEN_TEXT_H
#define PRESSCUT_TUI_SCREEN_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/span.h"

/* How a piece of a screen line is shown; the screen maps each to colours or attributes. */
typedef enum pc_screen_style {
    PC_STYLE_PLAIN,
    PC_STYLE_MATCH,         /* a matched word */
    PC_STYLE_CURRENT_MATCH, /* the match n/N jumped to */
    PC_STYLE_DIM,           /* dates, sources, "+N copies" */
    PC_STYLE_TITLE,
    PC_STYLE_SELECTED,      /* the selected result */
    PC_STYLE_BAR,           /* status and help lines */
    PC_STYLE_ERROR,
    PC_STYLE_COUNT
} pc_screen_style;

/* One screen line: text[0, len) is what is drawn, style[i] the style of text[i]; `columns` its width on
 * screen. Zero-initialise; free with pc_screen_line_free. Out of memory is sticky: `failed` is set and
 * further appends do nothing. */
typedef struct pc_screen_line {
    char *text;
    unsigned char *style;
    size_t len, cap;
    size_t columns;
    bool failed;
} pc_screen_line;

/* Empties the line (keeps its buffers). */
void pc_screen_line_reset(pc_screen_line *l);

/* Frees the line's buffers and zeroes it. Accepts NULL. */
void pc_screen_line_free(pc_screen_line *l);

/* The columns one character of s[0, len) (len > 0) takes once escaped as above, and through *used how many
 * bytes of s it is (at least 1). */
size_t pc_screen_char_columns(const char *s, size_t len, size_t *used);

/* The columns s[0, len) takes once escaped. */
size_t pc_screen_text_columns(const char *s, size_t len);

/* Appends s[0, len) escaped, in `style`, with the bytes inside spans[0, n_spans) (byte offsets into s,
 * sorted; may be NULL) in `mark_style`, while the line stays within `max_columns`. When s does not fit, it
 * is cut at a character boundary and "…" ends the line (within max_columns). A combining mark stays with
 * the character before it. Returns the bytes of s appended (len when all of it fit). */
size_t pc_screen_line_add(pc_screen_line *l, const char *s, size_t len, pc_screen_style style,
                          const pc_span *spans, size_t n_spans, pc_screen_style mark_style, size_t max_columns);

/* Appends a plain ASCII or UTF-8 label (not escaped: for the program's own text) within max_columns, cut
 * with "…" like pc_screen_line_add. */
void pc_screen_line_label(pc_screen_line *l, const char *label, pc_screen_style style, size_t max_columns);

/* Appends spaces in `style` until the line is `columns` wide (nothing when it is already). */
void pc_screen_line_pad(pc_screen_line *l, size_t columns, pc_screen_style style);

/* Where the line of s[0, len) starting at byte `start` ends when lines are `width` columns wide (width >= 1):
 * at the last space that keeps it within width, else (one long word) at the last character that fits; a
 * line break ends it early. Returns the end (bytes [start, end) are the line, trailing spaces excluded)
 * and sets *next to where the following line starts (after the spaces or the line break that ended it);
 * *next == len at the end of the text. Always moves forward: *next > start when start < len. */
size_t pc_screen_wrap(const char *s, size_t len, size_t start, size_t width, size_t *next);

#endif
