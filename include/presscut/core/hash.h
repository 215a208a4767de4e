/* hash.h — content fingerprints (XXH3-128) used to notice changed files and identical articles. */
#ifndef PRESSCUT_HASH_H
#define PRESSCUT_HASH_H

#include <stddef.h>

#define PC_HASH_HEX_LEN 32

/* Writes the 128-bit XXH3 hash of [data, data+len) as 32 lowercase hex digits and a NUL into out. */
void pc_hash_hex(const void *data, size_t len, char out[PC_HASH_HEX_LEN + 1]);

/* The same hash over data given in pieces: after pc_hash_stream_add for each piece in order,
 * pc_hash_stream_hex writes what pc_hash_hex gives for the pieces joined. Owned by the caller. */
typedef struct pc_hash_stream pc_hash_stream;

/* A new stream over no data yet, or NULL when out of memory. */
pc_hash_stream *pc_hash_stream_new(void);

/* Adds the next piece [data, data+len). */
void pc_hash_stream_add(pc_hash_stream *h, const void *data, size_t len);

/* Writes the hash of the pieces added so far as in pc_hash_hex; more may be added after. */
void pc_hash_stream_hex(const pc_hash_stream *h, char out[PC_HASH_HEX_LEN + 1]);

/* Frees the stream. Accepts NULL. */
void pc_hash_stream_free(pc_hash_stream *h);

#endif
