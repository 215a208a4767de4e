/* body_codec.h — how article bodies are kept small in the index: each body is one zstd frame, compressed
 * with a dictionary trained from the first bodies an index receives (short news texts share their words,
 * names and phrasing, which a few kilobytes of body alone cannot exploit). The frame header names its
 * dictionary by id (0: none), so any frame can be read back with the dictionaries the index keeps. No SQL
 * here: the store decides where frames and dictionaries live (schema/008_compressed_bodies.sql).
 *
 * Thread-safety: a pc_body_dictionary is immutable once made and may be shared by threads; a packer or an
 * unpacker is one thread's at a time. Every constructor either succeeds whole or leaves *out NULL; every
 * free accepts NULL. */
#ifndef PRESSCUT_BODY_CODEC_H
#define PRESSCUT_BODY_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "presscut/core/error.h"

/* The most sample bytes worth gathering for training, and the size of the dictionary trained. */
#define PC_BODY_TRAIN_BYTES (1024 * 1024)
#define PC_BODY_DICTIONARY_BYTES (32 * 1024)

typedef struct pc_body_dictionary pc_body_dictionary;
typedef struct pc_body_packer pc_body_packer;
typedef struct pc_body_unpacker pc_body_unpacker;

/* Trains a dictionary from `n` sample bodies laid end to end in `samples` (sizes[i] bytes each). Returns 0,
 * PC_ENOMEM, or PC_EINVAL when the samples are too few or too alike to train on (then store without one). */
int pc_body_dictionary_train(const char *samples, const size_t *sizes, size_t n, pc_body_dictionary **out);

/* Makes a dictionary from the bytes pc_body_dictionary_bytes gave (as kept in an index; copied). Returns 0,
 * PC_ENOMEM, or PC_EFORMAT when they are not a zstd dictionary. */
int pc_body_dictionary_load(const void *bytes, size_t len, pc_body_dictionary **out);

/* Its id, which every frame packed with it carries (never 0); its bytes, owned by the dictionary. */
uint32_t pc_body_dictionary_id(const pc_body_dictionary *d);
const void *pc_body_dictionary_bytes(const pc_body_dictionary *d, size_t *len);

void pc_body_dictionary_free(pc_body_dictionary *d);

/* Gathers the start of the bodies it is given as training samples until it holds PC_BODY_TRAIN_BYTES, then
 * trains. One thread's at a time. */
typedef struct pc_body_sampler pc_body_sampler;

int pc_body_sampler_new(pc_body_sampler **out); /* 0 or PC_ENOMEM */
void pc_body_sampler_free(pc_body_sampler *sm);

/* Takes a sample of `body`. Once enough are gathered it trains: *trained is then the dictionary (the
 * caller's), or NULL when training failed, and the sampler is done (pc_body_sampler_done) and takes no more;
 * before that *trained is NULL. Returns 0 or PC_ENOMEM. */
int pc_body_sampler_add(pc_body_sampler *sm, const char *body, size_t len, pc_body_dictionary **trained);

/* Whether the sampler has trained (or tried to): it takes no more samples. */
int pc_body_sampler_done(const pc_body_sampler *sm);

int pc_body_packer_new(pc_body_packer **out); /* 0 or PC_ENOMEM */
void pc_body_packer_free(pc_body_packer *p);

/* Compresses `len` bytes of `body` with `dict` (NULL: none) into *frame (malloc'd, the caller's) of
 * *frame_len bytes. *frame is NULL when the frame would not be smaller than the text: keep the text as it
 * is. Returns 0 or PC_ENOMEM (then *frame is NULL). */
int pc_body_pack(pc_body_packer *p, const pc_body_dictionary *dict, const char *body, size_t len, void **frame,
                 size_t *frame_len);

int pc_body_unpacker_new(pc_body_unpacker **out); /* 0 or PC_ENOMEM */
void pc_body_unpacker_free(pc_body_unpacker *u);

/* The id of the dictionary `frame` needs (0: none), or 0 when it is not a zstd frame. */
uint32_t pc_body_frame_dictionary_id(const void *frame, size_t len);

/* Whether the unpacker holds the dictionary with this id (0: always). */
int pc_body_unpacker_has(const pc_body_unpacker *u, uint32_t id);

/* Gives the unpacker a dictionary (the bytes are copied). Returns 0, PC_ENOMEM or PC_EFORMAT. */
int pc_body_unpacker_add(pc_body_unpacker *u, const void *bytes, size_t len);

/* Decompresses `frame` into *text (malloc'd, NUL-terminated, the caller's) of *text_len bytes. Returns 0,
 * PC_ENOMEM, PC_ECONFIG when the frame needs a dictionary the unpacker lacks (add it and call again), or
 * PC_EFORMAT when the frame is damaged; *text is NULL on failure. */
int pc_body_unpack(pc_body_unpacker *u, const void *frame, size_t len, char **text, size_t *text_len);

#endif
