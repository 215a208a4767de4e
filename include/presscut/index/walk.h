/* walk.h — lists the files under the paths a user gives, like ripgrep does: directories recursively, in
 * path order, hidden entries and unsupported extensions skipped, exclusion globs applied. Knows nothing of
 * formats' contents or of the store. */
#ifndef PRESSCUT_WALK_H
#define PRESSCUT_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"

typedef struct pc_walk_options {
    const char *const *excludes; /* fnmatch globs; a file or directory is skipped when a glob matches its
                                    base name or its path relative to the root given; NULL-terminated or NULL */
    bool default_excludes;       /* also skip README*, LICENSE*, LICENCE*, COPYING*, CHANGELOG*, NOTICE* found
                                    inside directories (files named on the command line are always taken) */
    bool hidden;                 /* descend into / take entries whose name starts with '.' */
    /* Follow symbolic links found inside directories: loops are detected, and a file or directory reached
     * through several paths is listed once, through the first in path order (32 bytes a file to remember). */
    bool follow_symlinks;
    /* Decides whether a file found inside a directory is taken (e.g. "has a reader for its extension").
     * NULL: take every file. Files named on the command line are always taken. */
    bool (*wanted)(const char *path);
} pc_walk_options;

typedef struct pc_walk_file {
    char *path;          /* absolute, normalised (no "//", "/./", "/../"), owned by the list */
    long long size;
    long long mtime_ns;
    bool explicit_arg;   /* named on the command line */
} pc_walk_file;

typedef struct pc_walk_list {
    pc_walk_file *files;
    size_t n, cap;
    size_t excluded;     /* files skipped by exclusion globs or default excludes */
} pc_walk_list;

/* Reports a path that cannot be walked (missing, unreadable directory, symlink loop): `msg` is lowercase,
 * without the path. `is_root` is true for a path given on the command line. */
typedef void (*pc_walk_problem_fn)(void *payload, const char *path, const char *msg, bool is_root);

/* A resumable walk of one root: yields the files pc_walk would list, in the same order, a chunk at a time.
 * It holds the sorted entries of the directories from the root to the current one, not the whole tree. */
typedef struct pc_walk_cursor pc_walk_cursor;

/* Makes a cursor over the files under `root`; `opt` (copied; its excludes must outlive the cursor),
 * `problem` and `payload` as for pc_walk. Nothing is read yet. Returns 0, or PC_ENOMEM with *out NULL. */
int pc_walk_cursor_new(pc_walk_cursor **out, const char *root, const pc_walk_options *opt,
                       pc_walk_problem_fn problem, void *payload);

/* Appends the next files of the walk to *list, at most `max` of them (excluded files met on the way are
 * counted in list->excluded), reporting problems as pc_walk does. *finished becomes true when the walk has
 * nothing more to yield. Returns 0, or PC_ENOMEM (the cursor can then only be freed). */
int pc_walk_next(pc_walk_cursor *cursor, pc_walk_list *list, size_t max, bool *finished);

/* Frees the cursor. Accepts NULL. */
void pc_walk_cursor_free(pc_walk_cursor *cursor);

/* Appends the files under `root` to *list, in the order of their paths (strcmp). Problems are reported through `problem` and walking goes on.
 * Returns 0, or PC_ENOMEM. A root that cannot be read is reported (is_root = true) and returns 0. */
int pc_walk(const char *root, const pc_walk_options *opt, pc_walk_list *list, pc_walk_problem_fn problem,
            void *payload);

/* Frees the list's contents and zeroes it. Accepts NULL. */
void pc_walk_list_free(pc_walk_list *list);

/* Makes `path` absolute (against the current directory) and normalised, without resolving symbolic links.
 * Returns a malloc'd string, or NULL when out of memory or the current directory is unknown. */
char *pc_path_absolute(const char *path);

#endif
