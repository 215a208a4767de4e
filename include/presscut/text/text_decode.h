/* text_decode.h — turns the raw bytes of a file into clean UTF-8 text: BOMs and UTF-16 detected, Latin-1 /
 * Windows-1252 files converted, invalid UTF-8 sequences repaired, CRLF/CR made LF, control characters
 * (ANSI escapes included) removed, NUL bytes refused. Knows nothing of formats or the store. */
#ifndef PRESSCUT_TEXT_DECODE_H
#define PRESSCUT_TEXT_DECODE_H

#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/core/utf8.h" /* pc_utf8_next and friends, once declared here */

typedef enum pc_source_encoding {
    PC_ENC_UTF8 = 0,   /* valid UTF-8 (with or without BOM) */
    PC_ENC_UTF8_REPAIRED, /* UTF-8 with some invalid sequences, each replaced by U+FFFD */
    PC_ENC_CP1252,     /* no valid multi-byte UTF-8 at all and bytes >= 0x80: read as Windows-1252 */
    PC_ENC_UTF16,      /* UTF-16: with a BOM, or without one where only UTF-16 explains its NUL bytes */
} pc_source_encoding;

typedef struct pc_decoded_text {
    char *text;        /* clean UTF-8, NUL-terminated, owned by the caller (free()) */
    size_t len;
    pc_source_encoding encoding;
    size_t repaired;   /* number of invalid UTF-8 sequences replaced (PC_ENC_UTF8_REPAIRED) */
    size_t removed_controls; /* control characters removed */
} pc_decoded_text;

/* Decodes `len` bytes. On success returns 0 and fills *out (caller frees out->text).
 * Rules, in order:
 *   - a UTF-8 BOM is dropped; a UTF-16 LE/BE BOM makes the data UTF-16 (unpaired surrogates and an odd last
 *     byte become U+FFFD, counted in `repaired`); a UTF-32 BOM is refused (PC_EFORMAT);
 *   - otherwise data of even length without a UTF-8 BOM whose NUL bytes all fall on the high byte of UTF-16
 *     units (every other byte), whose units are all characters text holds (no control but TAB, LF, CR;
 *     surrogates paired) and at least one in ten below U+0100, is UTF-16 without a BOM, LE or BE after
 *     where the first NUL lies;
 *   - otherwise a NUL byte is refused: PC_EFORMAT "binary file (NUL byte at offset N)";
 *   - bytes >= 0x80 with not one valid multi-byte UTF-8 sequence: read as Windows-1252 (0xA3 -> "£");
 *   - otherwise UTF-8, each maximal invalid subsequence replaced by one U+FFFD (PC_ENC_UTF8_REPAIRED);
 *   - CRLF and lone CR -> LF; U+2028/U+2029 -> LF; VT and FF -> LF (they separate lines or pages);
 *   - removed, each counted once in `removed_controls`: the other C0 controls except TAB, DEL, C1 controls
 *     (U+0080..U+009F), U+FEFF inside the text, and whole terminal escape sequences (ESC [ ... final byte,
 *     ESC ] ... BEL or ESC \, other ESC sequences), so scraped text cannot carry terminal escapes;
 *   - no-break and other Unicode spaces are kept.
 * Returns PC_EFORMAT "empty file" when nothing but white space remains, PC_ENOMEM when out of memory.
 * The message does not name the path: the caller prefixes it. Thread-safe (no shared state). */
int pc_text_decode(const unsigned char *data, size_t len, pc_decoded_text *out, pc_error *err);

/* Removes from UTF-8 text that was decoded another way (HTML character references, JSON \u escapes, CSV
 * cells) what pc_text_decode removes from a file's text: whole terminal escape sequences, C0 controls except
 * TAB and LF (CR, CRLF, VT, FF, U+2028/U+2029 become LF), DEL, C1 controls and U+FEFF; an invalid UTF-8
 * sequence becomes U+FFFD. *text (malloc'd, NUL-terminated, *len bytes) is replaced by a new malloc'd string
 * (the old one freed) only when something changes. Returns 0, or PC_ENOMEM with *text unchanged. */
int pc_text_drop_controls(char **text, size_t *len);

/* A copy of the UTF-8 text s[0, len) without its terminal escape sequences (whole, as pc_text_decode removes
 * them; every other character kept, an invalid UTF-8 sequence made U+FFFD): for readers that drop control
 * characters one by one, which would leave "[2J" of ESC [2J. Returns the copy (malloc'd, NUL-terminated,
 * *out_len bytes; the caller frees it), or NULL when out of memory. */
char *pc_text_without_escapes(const char *s, size_t len, size_t *out_len);

#endif
