/* quote.h — printing names that may hold any bytes (file paths: a newline, a tab, bytes that are not UTF-8)
 * so that what is printed names the file again: C-style quoting, as `ls --quoting-style=c` does, used only
 * when needed. No allocation beyond the caller's buffer, no state: thread-safe.
 *
 * The quoted form is '"', then each byte as itself except: \n \t \r for those, \\ and \" for '\\' and '"',
 * \xHH (two lowercase hex digits) for the other C0 controls, DEL, each byte of a C1 control (U+0080..U+009F)
 * and each byte that is not part of well-formed UTF-8; then '"'. Undoing those escapes gives the bytes back. */
#ifndef PRESSCUT_QUOTE_H
#define PRESSCUT_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/strbuf.h"

/* True when s[0, len) must be quoted to be printed: it holds a control character (C0, DEL or C1) or bytes
 * that are not well-formed UTF-8, or it starts with '"' (so that an unquoted name never looks quoted). */
bool pc_quote_needed(const char *s, size_t len);

/* Appends s[0, len) to out: in the quoted form above when pc_quote_needed, else as it is. Out of memory is
 * sticky in out (strbuf.h). */
void pc_quote_add(pc_strbuf *out, const char *s, size_t len);

/* Appends s[0, len) to out with the escapes of the quoted form for control characters and bad bytes only
 * (no quotes added, '\\' and '"' kept): for one-line messages that hold a name among other words. */
void pc_quote_escape_controls(pc_strbuf *out, const char *s, size_t len);

#endif
