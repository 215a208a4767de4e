/* indexer.h — the `index` job: walks the given paths, reads each supported file (skipping unchanged ones
 * by size/mtime and content hash), decodes, parses, detects languages, cuts passages and writes to the
 * store in batched transactions; optionally prunes articles whose files are gone.
 *
 * Lines a source repeats across its files (boilerplate.h rule 3) are counted as files are read
 * (line_tally.h), so a line is removed from the files read after its counts reach the rule, and in the
 * store, which decides at the end: the files judged otherwise (read before the line was found, in an
 * earlier run, or where the line turned out rarer in the end) are indexed again in a second pass
 * (pc_index_summary.recleaned), so the result equals indexing with the lines known from the start.
 *
 * Consistency: every batch is one transaction covering both the articles and the record of the files
 * they came from, so an indexer killed at any moment leaves a consistent index, and a rerun finishes the
 * job without duplicates. A file read in parts (pc_index_options.part_bytes) may span batches: until its
 * last part is written its record carries no hash, so a run stopped in between leaves its first parts
 * searchable and the next run reads the whole file again. Reading and parsing run on a second thread while the store writes. */
#ifndef PRESSCUT_INDEXER_H
#define PRESSCUT_INDEXER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/ingest/fields.h"
#include "presscut/store/store.h"

#define PC_DEFAULT_MAX_FILE_BYTES (64LL * 1024 * 1024)
/* Language of an article whose language is neither given nor detected. */
#define PC_DEFAULT_LANG "en"

typedef struct pc_index_options {
    const char *forced_lang;       /* ISO 639-1 code for every article (--lang), or NULL to detect */
    const char *default_lang;      /* when detection is unsure (--default-lang); NULL: PC_DEFAULT_LANG */
    const char *forced_format;     /* reader name for every file (--format), or NULL: by extension */
    const pc_field_map *field_map; /* record keys for the json/csv readers (--map), or NULL */
    long long max_file_bytes;      /* larger files are skipped; <= 0 means PC_DEFAULT_MAX_FILE_BYTES */
    bool prune;                    /* remove articles whose source files no longer exist */
    bool force;                    /* re-read files even when they look unchanged */
    /* When not NULL and it becomes non-zero (a signal handler sets it), the run stops after the file being
     * written: the open batch is committed and pc_index_run returns PC_ESTOP. */
    const volatile sig_atomic_t *stop;
    const char *const *excludes;   /* NULL-terminated fnmatch globs (see walk.h), or NULL */
    bool no_default_excludes;      /* take README*, LICENSE*, ... inside directories too */
    bool hidden;                   /* take hidden files and directories */
    bool follow_symlinks;
    long long batch_bytes;         /* commit after about this many bytes of text; <= 0: 16 MiB */
    /* A file of one record a line (JSON Lines) larger than this is read and written in parts of about this
     * many bytes, so that memory stays bounded whatever its size; <= 0: 512 KiB. */
    long long part_bytes;
    /* Files listed and read at a time: the walk and the jobs hold at most this many, so that memory does not
     * grow with the number of files; 0: 4096. */
    size_t chunk_files;
} pc_index_options;

typedef enum pc_note_kind {
    PC_NOTE_WARNING, /* something was repaired or a record skipped; the file was indexed */
    PC_NOTE_SKIPPED, /* the file was not indexed because of its content (binary, empty, too large, ...) */
    PC_NOTE_FAILED,  /* the file could not be read */
} pc_note_kind;

/* The totals are counted by a walk before the files are read (files changed meanwhile may make them
 * inexact). */
typedef struct pc_index_progress {
    size_t files_done, files_total;
    long long bytes_done, bytes_total;
    const char *current_path;
} pc_index_progress;

typedef struct pc_index_callbacks {
    /* A problem with one file (line 0 when not about a line). Called on the caller's thread. */
    void (*note)(void *payload, pc_note_kind kind, const char *path, long line, const char *msg);
    /* Called after each file, on the caller's thread. May be NULL. */
    void (*progress)(void *payload, const pc_index_progress *p);
    void *payload;
} pc_index_callbacks;

typedef struct pc_index_summary {
    size_t files;          /* files considered */
    size_t indexed;        /* new or changed files written */
    size_t unchanged;      /* skipped because unchanged */
    size_t skipped;        /* skipped because of their content */
    size_t failed;         /* could not be read */
    size_t excluded;       /* left out by exclusion globs */
    size_t removed;        /* files pruned (--prune) */
    size_t warnings;       /* warnings about files that were indexed */
    size_t repaired;       /* files with invalid UTF-8 repaired */
    size_t converted;      /* files converted from another encoding */
    size_t boilerplate_lines; /* lines of site furniture removed from bodies (see boilerplate.h) */
    size_t recleaned;      /* files indexed again because lines their source repeats became known */
    size_t root_errors;    /* paths named by the user that could not be read */
    long long articles;    /* articles written */
    long long passages;    /* passages written */
    long long bytes;       /* bytes of files read */
    double seconds;
} pc_index_summary;

/* Indexes `paths` (n entries) into `store`. Per-file problems are reported through cb->note and counted in
 * *summary; they do not make the call fail. Returns 0; PC_ESTOP when opt->stop asked to stop (everything
 * written so far is committed); or a negative PC_E* code (with err filled) when something fatal happened
 * (the database cannot be written, out of memory): batches committed before that stay in the index. */
int pc_index_run(pc_store *store, const char *const *paths, size_t n, const pc_index_options *opt,
                 const pc_index_callbacks *cb, pc_index_summary *summary, pc_error *err);

#endif
