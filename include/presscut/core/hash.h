/* hash.h — content fingerprints (XXH3-128) used to notice changed files and identical articles. */
#ifndef PRESSCUT_HASH_H
#define PRESSCUT_HASH_H

#include <stddef.h>

#define PC_HASH_HEX_LEN 32

/* Writes the 128-bit XXH3 hash of [data, data+len) as 32 lowercase hex digits and a NUL into out. */
void pc_hash_hex(const void *data, size_t len, char out[PC_HASH_HEX_LEN + 1]);

#endif
