/* hash.c — content fingerprints with xxHash's XXH3-128: fast (several GB/s) and well-kept (libxxhash). */
#include "presscut/core/hash.h"

#include <stdio.h>
#include <xxhash.h>

void pc_hash_hex(const void *data, size_t len, char out[PC_HASH_HEX_LEN + 1])
{
    XXH128_hash_t h = XXH3_128bits(data, len);
    snprintf(out, PC_HASH_HEX_LEN + 1, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
}
