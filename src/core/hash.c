/* hash.c — content fingerprints with xxHash's XXH3-128: fast (several GB/s) and well-kept (libxxhash). */
#include "presscut/core/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <xxhash.h>

static void hash_to_hex(XXH128_hash_t h, char out[PC_HASH_HEX_LEN + 1])
{
    snprintf(out, PC_HASH_HEX_LEN + 1, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
}

void pc_hash_hex(const void *data, size_t len, char out[PC_HASH_HEX_LEN + 1])
{
    hash_to_hex(XXH3_128bits(data, len), out);
}

struct pc_hash_stream {
    XXH3_state_t *state;
};

pc_hash_stream *pc_hash_stream_new(void)
{
    pc_hash_stream *h = malloc(sizeof *h);
    if (!h)
        return NULL;
    h->state = XXH3_createState();
    if (!h->state || XXH3_128bits_reset(h->state) != XXH_OK) {
        pc_hash_stream_free(h);
        return NULL;
    }
    return h;
}

void pc_hash_stream_add(pc_hash_stream *h, const void *data, size_t len)
{
    XXH3_128bits_update(h->state, data, len);
}

void pc_hash_stream_hex(const pc_hash_stream *h, char out[PC_HASH_HEX_LEN + 1])
{
    hash_to_hex(XXH3_128bits_digest(h->state), out);
}

void pc_hash_stream_free(pc_hash_stream *h)
{
    if (!h)
        return;
    XXH3_freeState(h->state);
    free(h);
}
