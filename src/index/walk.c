/* walk.c — lists the files under user-given paths (see include/presscut/index/walk.h): recursive, sorted by
 * name, hidden entries and excluded names skipped, symbolic-link loops detected. */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include "presscut/index/walk.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "presscut/core/array.h"

/* Directories on the way from the root to the current one, to detect symbolic-link loops. */
typedef struct dir_chain {
    dev_t dev;
    ino_t ino;
    const struct dir_chain *parent;
} dir_chain;

typedef struct walk_state {
    const pc_walk_options *opt;
    pc_walk_list *list;
    pc_walk_problem_fn problem;
    void *payload;
    size_t root_len; /* length of the root path, to form paths relative to it */
} walk_state;

static const char *const default_excluded_names[] = {
    "README*", "LICENSE*", "LICENCE*", "COPYING*", "CHANGELOG*", "NOTICE*", NULL,
};

static long long mtime_ns_of(const struct stat *st)
{
    return (long long)st->st_mtim.tv_sec * 1000000000LL + (long long)st->st_mtim.tv_nsec;
}

char *pc_path_absolute(const char *path)
{
    char *joined = NULL;
    if (path[0] == '/') {
        joined = strdup(path);
    } else {
        char *cwd = getcwd(NULL, 0);
        if (!cwd)
            return NULL;
        size_t n = strlen(cwd) + strlen(path) + 2;
        joined = malloc(n);
        if (joined) {
            strcpy(joined, cwd);
            strcat(joined, "/");
            strcat(joined, path);
        }
        free(cwd);
    }
    if (!joined)
        return NULL;

    /* Normalise in place: component by component, dropping "." and empty ones, and "x/.." pairs. */
    size_t len = strlen(joined);
    char *out = malloc(len + 2);
    if (!out) {
        free(joined);
        return NULL;
    }
    size_t o = 0;
    const char *p = joined;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *end = strchr(p, '/');
        size_t clen = end ? (size_t)(end - p) : strlen(p);
        if (clen == 1 && p[0] == '.') {
            /* skip */
        } else if (clen == 2 && p[0] == '.' && p[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* drop the slash too */
        } else {
            out[o++] = '/';
            memcpy(out + o, p, clen);
            o += clen;
        }
        p += clen;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    free(joined);
    return out;
}

static int list_push(pc_walk_list *list, const char *path, const struct stat *st, bool explicit_arg)
{
    pc_walk_file *files = pc_array_reserve(list->files, &list->cap, list->n + 1, sizeof *files, 256);
    if (!files)
        return PC_ENOMEM;
    list->files = files;
    char *copy = strdup(path);
    if (!copy)
        return PC_ENOMEM;
    list->files[list->n++] = (pc_walk_file){
        .path = copy, .size = (long long)st->st_size, .mtime_ns = mtime_ns_of(st), .explicit_arg = explicit_arg};
    return PC_OK;
}

static bool is_excluded(const walk_state *w, const char *path, const char *name)
{
    const char *relative = path + w->root_len;
    while (*relative == '/')
        relative++;
    if (w->opt->excludes) {
        for (const char *const *g = w->opt->excludes; *g; g++) {
            if (fnmatch(*g, name, 0) == 0 || fnmatch(*g, relative, FNM_PATHNAME) == 0)
                return true;
        }
    }
    return false;
}

static bool is_default_excluded(const char *name)
{
    for (const char *const *g = default_excluded_names; *g; g++) {
        if (fnmatch(*g, name, FNM_CASEFOLD) == 0)
            return true;
    }
    return false;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Reads the entry names of `path` into a sorted array (without "." and ".."). Returns 0, PC_ENOMEM, or
 * PC_EIO with errno set when the directory cannot be read. */
static int read_sorted_names(const char *path, char ***out, size_t *out_n)
{
    *out = NULL;
    *out_n = 0;
    DIR *dir = opendir(path);
    if (!dir)
        return PC_EIO;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = PC_OK;
    struct dirent *entry;
    errno = 0;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char **grown = pc_array_reserve(names, &cap, n + 1, sizeof *grown, 64);
        if (!grown) {
            rc = PC_ENOMEM;
            break;
        }
        names = grown;
        names[n] = strdup(entry->d_name);
        if (!names[n]) {
            rc = PC_ENOMEM;
            break;
        }
        n++;
    }
    int saved = errno;
    closedir(dir);
    if (rc == PC_OK && saved != 0) {
        rc = PC_EIO;
        errno = saved;
    }
    if (rc != PC_OK) {
        free_names(names, n);
        return rc;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, compare_names);
    *out = names;
    *out_n = n;
    return PC_OK;
}

static int walk_directory(walk_state *w, const char *path, const struct stat *dir_st, const dir_chain *chain);

static int walk_entry(walk_state *w, const char *path, const char *name, const dir_chain *chain)
{
    if (!w->opt->hidden && name[0] == '.')
        return PC_OK;
    struct stat st;
    if (lstat(path, &st) != 0) {
        w->problem(w->payload, path, strerror(errno), false);
        return PC_OK;
    }
    if (S_ISLNK(st.st_mode)) {
        if (!w->opt->follow_symlinks)
            return PC_OK;
        if (stat(path, &st) != 0) {
            w->problem(w->payload, path, "broken symbolic link", false);
            return PC_OK;
        }
    }
    if (is_excluded(w, path, name)) {
        if (S_ISREG(st.st_mode))
            w->list->excluded++;
        return PC_OK;
    }
    if (S_ISDIR(st.st_mode))
        return walk_directory(w, path, &st, chain);
    if (!S_ISREG(st.st_mode))
        return PC_OK; /* sockets, fifos, devices: never articles */
    if (w->opt->wanted && !w->opt->wanted(path))
        return PC_OK;
    if (w->opt->default_excludes && is_default_excluded(name)) {
        w->list->excluded++;
        return PC_OK;
    }
    return list_push(w->list, path, &st, false);
}

static int walk_directory(walk_state *w, const char *path, const struct stat *dir_st, const dir_chain *chain)
{
    for (const dir_chain *c = chain; c; c = c->parent) {
        if (c->dev == dir_st->st_dev && c->ino == dir_st->st_ino) {
            w->problem(w->payload, path, "symbolic link loop, not followed", false);
            return PC_OK;
        }
    }
    dir_chain here = {.dev = dir_st->st_dev, .ino = dir_st->st_ino, .parent = chain};

    char **names;
    size_t n;
    int rc = read_sorted_names(path, &names, &n);
    if (rc == PC_EIO) {
        w->problem(w->payload, path, strerror(errno), chain == NULL);
        return PC_OK;
    }
    if (rc != PC_OK)
        return rc;

    size_t path_len = strlen(path);
    for (size_t i = 0; i < n && rc == PC_OK; i++) {
        size_t child_len = path_len + 1 + strlen(names[i]) + 1;
        char *child = malloc(child_len);
        if (!child) {
            rc = PC_ENOMEM;
            break;
        }
        if (path_len == 1 && path[0] == '/')
            snprintf(child, child_len, "/%s", names[i]);
        else
            snprintf(child, child_len, "%s/%s", path, names[i]);
        rc = walk_entry(w, child, names[i], &here);
        free(child);
    }
    free_names(names, n);
    return rc;
}

int pc_walk(const char *root, const pc_walk_options *opt, pc_walk_list *list, pc_walk_problem_fn problem,
            void *payload)
{
    char *abs = pc_path_absolute(root);
    if (!abs)
        return PC_ENOMEM;
    walk_state w = {.opt = opt, .list = list, .problem = problem, .payload = payload, .root_len = strlen(abs)};
    struct stat st;
    int rc = PC_OK;
    if (stat(abs, &st) != 0) {
        problem(payload, root, strerror(errno), true);
    } else if (S_ISDIR(st.st_mode)) {
        rc = walk_directory(&w, abs, &st, NULL);
    } else if (S_ISREG(st.st_mode)) {
        rc = list_push(list, abs, &st, true);
    } else {
        problem(payload, root, "not a regular file or directory", true);
    }
    free(abs);
    return rc;
}

void pc_walk_list_free(pc_walk_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++)
        free(list->files[i].path);
    free(list->files);
    memset(list, 0, sizeof *list);
}
