/* walk.h — lists the files under the paths a user gives, like ripgrep does: directories recursively, in
 * name order, hidden entries and unsupported extensions skipped, exclusion globs applied. Knows nothing of
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
    bool follow_symlinks;        /* follow symbolic links found inside directories (loops are detected) */
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

/* Appends the files under `root` to *list. Problems are reported through `problem` and walking goes on.
 * Returns 0, or PC_ENOMEM. A root that cannot be read is reported (is_root = true) and returns 0. */
int pc_walk(const char *root, const pc_walk_options *opt, pc_walk_list *list, pc_walk_problem_fn problem,
            void *payload);

/* Frees the list's contents and zeroes it. Accepts NULL. */
void pc_walk_list_free(pc_walk_list *list);

/* Makes `path` absolute (against the current directory) and normalised, without resolving symbolic links.
 * Returns a malloc'd string, or NULL when out of memory or the current directory is unknown. */
char *pc_path_absolute(const char *path);

#endif
