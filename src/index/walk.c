/* walk.c — lists the files under user-given paths (see include/presscut/index/walk.h): recursive, in the
 * order of their full paths, hidden entries and excluded names skipped, symbolic-link loops detected. The
 * walk is resumable (pc_walk_cursor): it holds the sorted entries of the directories on the way from the
 * root to the current one, never the whole tree. */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include "presscut/index/walk.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "presscut/core/array.h"

/* One entry of a directory being walked: a file to take, or a directory to enter. */
typedef struct walk_entry {
    char *name;       /* a directory's ends with '/', so that sorting by name gives the order of full paths */
    bool is_dir;
    /* The entry's (the target's when a followed symbolic link); kept small: a directory may have many. */
    long long size, mtime_ns;
    dev_t dev;
    ino_t ino;
} walk_entry;

/* A directory open on the way from the root to the current one: its entries, sorted, and the next one. */
typedef struct walk_frame {
    char *path;
    dev_t dev;
    ino_t ino;
    walk_entry *entries;
    size_t n, next;
} walk_frame;

/* What a walk that follows symbolic links has taken, by device and inode: a file or directory reached again
 * through another link is taken once. Open addressing, at most half full; a slot {0, 0} is empty (no file
 * has inode 0). 32 bytes a file, and only with follow_symlinks. */
typedef struct walk_taken {
    struct walk_identity {
        uint64_t dev, ino;
    } *slots;
    size_t cap, n;
} walk_taken;

struct pc_walk_cursor {
    pc_walk_options opt;
    pc_walk_problem_fn problem;
    void *payload;
    char *root;       /* as given, for problems about it */
    char *abs;        /* absolute and normalised */
    size_t root_len;  /* length of abs, to form paths relative to it */
    bool started;
    bool root_file;   /* the root is a regular file, not yet yielded */
    struct stat root_st;
    walk_frame *frames;
    size_t depth, cap;
    walk_taken taken; /* with follow_symlinks */
};

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

static int list_push(pc_walk_list *list, const char *path, long long size, long long mtime_ns, bool explicit_arg)
{
    pc_walk_file *files = pc_array_reserve(list->files, &list->cap, list->n + 1, sizeof *files, 256);
    if (!files)
        return PC_ENOMEM;
    list->files = files;
    char *copy = strdup(path);
    if (!copy)
        return PC_ENOMEM;
    list->files[list->n++] = (pc_walk_file){
        .path = copy, .size = size, .mtime_ns = mtime_ns, .explicit_arg = explicit_arg};
    return PC_OK;
}

static bool is_excluded(const pc_walk_cursor *w, const char *path, const char *name)
{
    const char *relative = path + w->root_len;
    while (*relative == '/')
        relative++;
    if (w->opt.excludes) {
        for (const char *const *g = w->opt.excludes; *g; g++) {
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

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const walk_entry *)a)->name, ((const walk_entry *)b)->name);
}

static void free_entries(walk_entry *entries, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(entries[i].name);
    free(entries);
}

/* `dir`/`name` in a malloc'd string, or NULL when out of memory. */
static char *join_path(const char *dir, const char *name, size_t name_len)
{
    size_t dir_len = strlen(dir);
    if (dir_len == 1 && dir[0] == '/')
        dir_len = 0;
    char *path = malloc(dir_len + 1 + name_len + 1);
    if (!path)
        return NULL;
    memcpy(path, dir, dir_len);
    path[dir_len] = '/';
    memcpy(path + dir_len + 1, name, name_len);
    path[dir_len + 1 + name_len] = '\0';
    return path;
}

static size_t taken_slot(const walk_taken *t, uint64_t dev, uint64_t ino)
{
    uint64_t h = (ino * 0x9E3779B97F4A7C15ULL) ^ (dev * 0xC2B2AE3D27D4EB4FULL);
    size_t i = (size_t)(h ^ (h >> 29)) & (t->cap - 1);
    while ((t->slots[i].dev || t->slots[i].ino) && !(t->slots[i].dev == dev && t->slots[i].ino == ino))
        i = (i + 1) & (t->cap - 1);
    return i;
}

/* Records that the walk takes the file or directory (dev, ino): *first is false when it was taken before
 * (through another path). Returns 0 or PC_ENOMEM. */
static int take_once(walk_taken *t, dev_t dev, ino_t ino, bool *first)
{
    if (2 * (t->n + 1) > t->cap) {
        walk_taken grown = {.cap = t->cap ? 2 * t->cap : 1024};
        grown.slots = calloc(grown.cap, sizeof *grown.slots);
        if (!grown.slots)
            return PC_ENOMEM;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].dev || t->slots[i].ino)
                grown.slots[taken_slot(&grown, t->slots[i].dev, t->slots[i].ino)] = t->slots[i];
        grown.n = t->n;
        free(t->slots);
        *t = grown;
    }
    size_t i = taken_slot(t, (uint64_t)dev, (uint64_t)ino);
    *first = !(t->slots[i].dev || t->slots[i].ino);
    if (*first) {
        t->slots[i] = (struct walk_identity){(uint64_t)dev, (uint64_t)ino};
        t->n++;
    }
    return PC_OK;
}

/* Decides what the entry `name` of the directory `dir` is: *keep false when it is skipped (hidden, excluded,
 * not a regular file or directory, unwanted, or a problem reported). Excluded files are counted in *excluded. */
static int classify_entry(pc_walk_cursor *w, const char *dir, const char *name, walk_entry *e, bool *keep,
                          size_t *excluded)
{
    *keep = false;
    if (!w->opt.hidden && name[0] == '.')
        return PC_OK;
    char *path = join_path(dir, name, strlen(name));
    if (!path)
        return PC_ENOMEM;
    struct stat st;
    if (lstat(path, &st) != 0) {
        w->problem(w->payload, path, strerror(errno), false);
        goto done;
    }
    if (S_ISLNK(st.st_mode)) {
        if (!w->opt.follow_symlinks)
            goto done;
        if (stat(path, &st) != 0) {
            /* Links that point to each other (ELOOP) are a loop, not a broken link. */
            w->problem(w->payload, path,
                       errno == ELOOP    ? "symbolic link loop, not followed"
                       : errno == ENOENT ? "broken symbolic link"
                                         : strerror(errno),
                       false);
            goto done;
        }
    }
    if (is_excluded(w, path, name)) {
        if (S_ISREG(st.st_mode))
            (*excluded)++;
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        e->is_dir = true;
    } else {
        if (!S_ISREG(st.st_mode))
            goto done; /* sockets, fifos, devices: never articles */
        if (w->opt.wanted && !w->opt.wanted(path))
            goto done;
        if (w->opt.default_excludes && is_default_excluded(name)) {
            (*excluded)++;
            goto done;
        }
        e->is_dir = false;
    }
    size_t len = strlen(name);
    e->name = malloc(len + 2);
    if (!e->name) {
        free(path);
        return PC_ENOMEM;
    }
    memcpy(e->name, name, len);
    e->name[len] = '/';
    e->name[len + (e->is_dir ? 1 : 0)] = '\0';
    e->size = (long long)st.st_size;
    e->mtime_ns = mtime_ns_of(&st);
    e->dev = st.st_dev;
    e->ino = st.st_ino;
    *keep = true;
done:
    free(path);
    return PC_OK;
}

/* Reads the entries of the directory `path` (without "." and ".."), classified and sorted, into a new
 * frame on the cursor's stack. A directory already on the way from the root (a symbolic-link loop) or
 * that cannot be read is reported and not entered. Returns 0 or PC_ENOMEM. */
static int enter_directory(pc_walk_cursor *w, const char *path, dev_t dev, ino_t ino, pc_walk_list *list)
{
    for (size_t i = 0; i < w->depth; i++) {
        if (w->frames[i].dev == dev && w->frames[i].ino == ino) {
            w->problem(w->payload, path, "symbolic link loop, not followed", false);
            return PC_OK;
        }
    }
    if (w->opt.follow_symlinks) {
        bool first = true;
        int taken = take_once(&w->taken, dev, ino, &first);
        if (taken != PC_OK || !first)
            return taken; /* its files are listed once, through the path met first */
    }
    DIR *dir = opendir(path);
    if (!dir) {
        w->problem(w->payload, path, strerror(errno), w->depth == 0);
        return PC_OK;
    }
    walk_entry *entries = NULL;
    size_t n = 0, cap = 0;
    int rc = PC_OK;
    struct dirent *d;
    errno = 0;
    while ((d = readdir(dir)) != NULL) {
        if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
            continue;
        walk_entry *grown = pc_array_reserve(entries, &cap, n + 1, sizeof *grown, 64);
        if (!grown) {
            rc = PC_ENOMEM;
            break;
        }
        entries = grown;
        bool keep;
        int saved = errno;
        rc = classify_entry(w, path, d->d_name, &entries[n], &keep, &list->excluded);
        errno = saved;
        if (rc != PC_OK)
            break;
        n += keep;
    }
    int saved = errno;
    closedir(dir);
    if (rc == PC_OK && saved != 0) {
        w->problem(w->payload, path, strerror(saved), w->depth == 0);
        free_entries(entries, n);
        return PC_OK;
    }
    char *copy = NULL;
    if (rc == PC_OK) {
        walk_frame *frames = pc_array_reserve(w->frames, &w->cap, w->depth + 1, sizeof *frames, 16);
        copy = strdup(path);
        if (frames)
            w->frames = frames;
        if (!frames || !copy) {
            free(copy);
            rc = PC_ENOMEM;
        }
    }
    if (rc != PC_OK) {
        free_entries(entries, n);
        return rc;
    }
    if (n > 1)
        qsort(entries, n, sizeof *entries, compare_entries);
    w->frames[w->depth++] = (walk_frame){
        .path = copy, .dev = dev, .ino = ino, .entries = entries, .n = n};
    return PC_OK;
}

static void leave_directory(pc_walk_cursor *w)
{
    walk_frame *f = &w->frames[--w->depth];
    free_entries(f->entries, f->n);
    free(f->path);
}

int pc_walk_cursor_new(pc_walk_cursor **out, const char *root, const pc_walk_options *opt,
                       pc_walk_problem_fn problem, void *payload)
{
    *out = NULL;
    pc_walk_cursor *w = calloc(1, sizeof *w);
    if (!w)
        return PC_ENOMEM;
    w->opt = *opt;
    w->problem = problem;
    w->payload = payload;
    w->root = strdup(root);
    w->abs = pc_path_absolute(root);
    if (!w->root || !w->abs) {
        pc_walk_cursor_free(w);
        return PC_ENOMEM;
    }
    w->root_len = strlen(w->abs);
    *out = w;
    return PC_OK;
}

int pc_walk_next(pc_walk_cursor *w, pc_walk_list *list, size_t max, bool *finished)
{
    *finished = false;
    int rc = PC_OK;
    if (!w->started) {
        w->started = true;
        if (stat(w->abs, &w->root_st) != 0)
            w->problem(w->payload, w->root, strerror(errno), true);
        else if (S_ISDIR(w->root_st.st_mode))
            rc = enter_directory(w, w->abs, w->root_st.st_dev, w->root_st.st_ino, list);
        else if (S_ISREG(w->root_st.st_mode))
            w->root_file = true;
        else
            w->problem(w->payload, w->root, "not a regular file or directory", true);
    }
    size_t added = 0;
    if (rc == PC_OK && w->root_file && max > 0) {
        rc = list_push(list, w->abs, (long long)w->root_st.st_size, mtime_ns_of(&w->root_st), true);
        w->root_file = false;
        added++;
    }
    while (rc == PC_OK && added < max && w->depth > 0) {
        walk_frame *f = &w->frames[w->depth - 1];
        if (f->next == f->n) {
            leave_directory(w);
            continue;
        }
        walk_entry *e = &f->entries[f->next++];
        size_t name_len = strlen(e->name) - (e->is_dir ? 1 : 0);
        char *path = join_path(f->path, e->name, name_len);
        if (!path)
            return PC_ENOMEM;
        if (e->is_dir) {
            rc = enter_directory(w, path, e->dev, e->ino, list);
        } else {
            bool first = true;
            if (w->opt.follow_symlinks)
                rc = take_once(&w->taken, e->dev, e->ino, &first);
            if (rc == PC_OK && first) {
                rc = list_push(list, path, e->size, e->mtime_ns, false);
                added++;
            }
        }
        free(path);
    }
    *finished = rc == PC_OK && w->depth == 0 && !w->root_file && w->started;
    return rc;
}

void pc_walk_cursor_free(pc_walk_cursor *w)
{
    if (!w)
        return;
    while (w->depth > 0)
        leave_directory(w);
    free(w->frames);
    free(w->taken.slots);
    free(w->root);
    free(w->abs);
    free(w);
}

int pc_walk(const char *root, const pc_walk_options *opt, pc_walk_list *list, pc_walk_problem_fn problem,
            void *payload)
{
    pc_walk_cursor *w;
    int rc = pc_walk_cursor_new(&w, root, opt, problem, payload);
    bool finished = false;
    while (rc == PC_OK && !finished)
        rc = pc_walk_next(w, list, SIZE_MAX, &finished);
    pc_walk_cursor_free(w);
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
