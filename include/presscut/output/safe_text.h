/* safe_text.h — printing untrusted text (from articles, file names, sources) to a terminal: control characters,
 * ANSI escapes included, are shown as \xNN and C1 controls (U+0080..U+009F) as \u00NN, so scraped text cannot
 * drive the terminal. Tabs are kept. Other bytes, invalid UTF-8 included, pass unchanged. */
#ifndef PRESSCUT_OUTPUT_SAFE_TEXT_H
#define PRESSCUT_OUTPUT_SAFE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "presscut/core/strbuf.h"

/* Appends s[0, len) to `out`, escaped as above. Newlines are kept when keep_newlines is true; otherwise each
 * run of them becomes one space. Out of memory is sticky in `out` (see strbuf.h). */
void pc_safe_text_add(pc_strbuf *out, const char *s, size_t len, bool keep_newlines);

/* Writes s[0, len) to `out` as pc_safe_text_add composes it. Write errors are left in the FILE (ferror). */
void pc_safe_text_write(FILE *out, const char *s, size_t len, bool keep_newlines);

/* Writes JSON text json[0, len) to `out` with each C1 control (U+0080..U+009F) as its JSON escape \u0080..
 * \u009f: the same JSON, with no byte a terminal would take for a control. Write errors are left in the FILE. */
void pc_safe_json_write(FILE *out, const char *json, size_t len);

/* True when s[0, len) holds a control character the renderer escapes: C0 other than tab, newline and
 * carriage return, DEL, or a C1 control (as two UTF-8 bytes). */
bool pc_safe_text_has_controls(const char *s, size_t len);

#endif
