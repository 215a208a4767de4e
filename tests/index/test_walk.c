/* test_walk.c — unit tests for the file walker: order, hidden entries, exclusion globs, default excludes,
 * symbolic links and loops, files reached twice through links, explicit files, missing roots, the resumable
 * walk in chunks, path normalisation. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "presscut/index/walk.h"

static char root[4096];
static int problems, root_problems;
static char last_problem[4096];

static void on_problem(void *payload, const char *path, const char *msg, bool is_root)
{
    problems++;
    root_problems += is_root;
    snprintf(last_problem, sizeof last_problem, "%s: %s", path, msg);
}

static void write_file(const char *rel, const char *text)
{
    harness_write_file(root, rel, text, strlen(text));
}

static void make_dir(const char *rel)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    mkdir(path, 0755);
}

static bool txt_only(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcmp(path + n - 4, ".txt") == 0;
}

/* The path of list entry i relative to root, or "" */
static const char *rel(const pc_walk_list *list, size_t i)
{
    if (i >= list->n)
        return "";
    size_t n = strlen(root);
    return strncmp(list->files[i].path, root, n) == 0 ? list->files[i].path + n + 1 : list->files[i].path;
}

/* Checks that list holds exactly the paths `expected` (relative to root, NULL-terminated), in that order. */
static void check_listed(const pc_walk_list *list, const char *const *expected)
{
    size_t n = 0;
    while (expected[n])
        n++;
    CHECK_INT_EQ(list->n, n);
    for (size_t i = 0; i < n; i++)
        CHECK_STR_EQ(rel(list, i), expected[i]);
}

static void setup_tree(void)
{
    char tmpl[] = "/tmp/presscut-walk-XXXXXX";
    CHECK(mkdtemp(tmpl) != NULL);
    snprintf(root, sizeof root, "%s", tmpl);
    make_dir("b");
    make_dir("a");
    make_dir(".git");
    make_dir("a/deep");
    write_file("b/2.txt", "x");
    write_file("b/10.txt", "x");
    write_file("a/1.txt", "x");
    write_file("a/deep/3.txt", "x");
    write_file("a/notes.md", "x");
    write_file(".git/config.txt", "x");
    write_file(".hidden.txt", "x");
    write_file("README.txt", "x");
    write_file("skip-me.txt", "x");
    char target[8192], link[8192];
    snprintf(target, sizeof target, "%s/a", root);
    snprintf(link, sizeof link, "%s/b/loop", root);
    CHECK(symlink(target, link) == 0);
    snprintf(link, sizeof link, "%s/a/deep/up", root);
    snprintf(target, sizeof target, "%s/a", root);
    CHECK(symlink(target, link) == 0);
}

static void test_order_hidden_and_defaults(void)
{
    pc_walk_options opt = {.default_excludes = true, .wanted = txt_only};
    pc_walk_list list = {0};
    problems = root_problems = 0;
    CHECK_INT_EQ(pc_walk(root, &opt, &list, on_problem, NULL), PC_OK);
    CHECK_INT_EQ(list.n, 5);
    CHECK_STR_EQ(rel(&list, 0), "a/1.txt");
    CHECK_STR_EQ(rel(&list, 1), "a/deep/3.txt");
    CHECK_STR_EQ(rel(&list, 2), "b/10.txt");
    CHECK_STR_EQ(rel(&list, 3), "b/2.txt");
    CHECK_STR_EQ(rel(&list, 4), "skip-me.txt");
    CHECK_INT_EQ(list.excluded, 1); /* README.txt */
    CHECK_INT_EQ(problems, 0);
    CHECK(!list.files[0].explicit_arg);
    CHECK_INT_EQ(list.files[0].size, 1);
    pc_walk_list_free(&list);
    CHECK_INT_EQ(list.n, 0);
}

static void test_excludes_hidden_and_symlinks(void)
{
    const char *globs[] = {"skip-*", "b", NULL};
    pc_walk_options opt = {.excludes = globs, .hidden = true, .follow_symlinks = true, .wanted = txt_only};
    pc_walk_list list = {0};
    problems = 0;
    CHECK_INT_EQ(pc_walk(root, &opt, &list, on_problem, NULL), PC_OK);
    /* .git/config.txt, .hidden.txt, README.txt (no default excludes), a/1.txt, a/deep/3.txt; the link
     * a/deep/up -> a is a loop and is reported, b is excluded. */
    check_listed(&list, (const char *const[]){".git/config.txt", ".hidden.txt", "README.txt", "a/1.txt",
                                               "a/deep/3.txt", NULL});
    CHECK_INT_EQ(problems, 1);
    CHECK(strstr(last_problem, "symbolic link loop") != NULL);
    pc_walk_list_free(&list);

    /* Relative-path globs. */
    const char *deep[] = {"a/deep", NULL};
    pc_walk_options opt2 = {.excludes = deep, .wanted = txt_only};
    CHECK_INT_EQ(pc_walk(root, &opt2, &list, on_problem, NULL), PC_OK);
    CHECK_INT_EQ(list.n, 5); /* a/1.txt b/10.txt b/2.txt README.txt skip-me.txt */
    CHECK_STR_EQ(rel(&list, 0), "README.txt");
    pc_walk_list_free(&list);
}

static void test_explicit_and_missing(void)
{
    pc_walk_options opt = {.default_excludes = true, .wanted = txt_only};
    pc_walk_list list = {0};
    char path[8192];
    snprintf(path, sizeof path, "%s/a/notes.md", root);
    problems = root_problems = 0;
    CHECK_INT_EQ(pc_walk(path, &opt, &list, on_problem, NULL), PC_OK);
    CHECK_INT_EQ(list.n, 1); /* explicit files are always taken */
    CHECK(list.files[0].explicit_arg);
    snprintf(path, sizeof path, "%s/README.txt", root);
    CHECK_INT_EQ(pc_walk(path, &opt, &list, on_problem, NULL), PC_OK);
    CHECK_INT_EQ(list.n, 2);
    snprintf(path, sizeof path, "%s/missing", root);
    CHECK_INT_EQ(pc_walk(path, &opt, &list, on_problem, NULL), PC_OK);
    CHECK_INT_EQ(list.n, 2);
    CHECK_INT_EQ(root_problems, 1);
    CHECK(strstr(last_problem, "No such file") != NULL);
    pc_walk_list_free(&list);
}

/* Walks `opt` with a cursor in chunks of `chunk` files; the files, their order and the counts must be those
 * of the whole walk. */
static void check_chunks_same_as_whole(const pc_walk_options *opt, size_t chunk)
{
    pc_walk_list whole = {0};
    problems = 0;
    CHECK_INT_EQ(pc_walk(root, opt, &whole, on_problem, NULL), PC_OK);
    int whole_problems = problems;

    pc_walk_list all = {0};
    size_t excluded = 0;
    problems = 0;
    pc_walk_cursor *cursor;
    CHECK_INT_EQ(pc_walk_cursor_new(&cursor, root, opt, on_problem, NULL), PC_OK);
    bool finished = false;
    int calls = 0;
    while (!finished && calls++ < 100) {
        pc_walk_list list = {0};
        CHECK_INT_EQ(pc_walk_next(cursor, &list, chunk, &finished), PC_OK);
        CHECK(list.n <= chunk);
        CHECK(finished || list.n == chunk);
        excluded += list.excluded;
        for (size_t i = 0; i < list.n; i++) {
            all.files = realloc(all.files, (all.n + 1) * sizeof *all.files);
            all.files[all.n++] = list.files[i];
        }
        free(list.files); /* the paths moved to `all` */
    }
    pc_walk_cursor_free(cursor);
    CHECK(finished);
    CHECK_INT_EQ(all.n, whole.n);
    for (size_t i = 0; i < whole.n && i < all.n; i++)
        CHECK_STR_EQ(rel(&all, i), rel(&whole, i));
    CHECK_INT_EQ(excluded, whole.excluded);
    CHECK_INT_EQ(problems, whole_problems);
    pc_walk_list_free(&all);
    pc_walk_list_free(&whole);
}

static void test_cursor_chunks(void)
{
    /* "a.b.txt" sorts before "a/..." in full paths ('.' < '/') though its name sorts after "a". */
    write_file("a.b.txt", "x");
    const char *globs[] = {"skip-*", "a/deep/3*", NULL};
    pc_walk_options plain = {.default_excludes = true, .wanted = txt_only};
    pc_walk_options all = {.excludes = globs, .hidden = true, .follow_symlinks = true, .wanted = txt_only};
    for (size_t chunk = 1; chunk <= 3; chunk++) {
        check_chunks_same_as_whole(&plain, chunk);
        check_chunks_same_as_whole(&all, chunk);
    }
    pc_walk_list list = {0};
    CHECK_INT_EQ(pc_walk(root, &plain, &list, on_problem, NULL), PC_OK);
    CHECK_STR_EQ(rel(&list, 0), "a.b.txt");
    CHECK_STR_EQ(rel(&list, 1), "a/1.txt");
    pc_walk_list_free(&list);

    /* A loop met while following links is reported once per walk, chunked or not. */
    problems = 0;
    CHECK_INT_EQ(pc_walk(root, &all, &list, on_problem, NULL), PC_OK);
    CHECK(problems >= 1);
    CHECK(strstr(last_problem, "symbolic link loop") != NULL);
    pc_walk_list_free(&list);
    char path[8192];
    snprintf(path, sizeof path, "%s/a.b.txt", root);
    CHECK(unlink(path) == 0);
}

/* Following links, a file or folder reached through two paths is listed once, through the first path in
 * path order: b/loop -> a (not a loop: b is not above a) and a file linked from another folder. */
static void test_follow_lists_each_file_once(void)
{
    char target[8192], link[8192];
    snprintf(target, sizeof target, "%s/a/1.txt", root);
    snprintf(link, sizeof link, "%s/b/same.txt", root);
    CHECK(symlink(target, link) == 0);
    pc_walk_options opt = {.follow_symlinks = true, .wanted = txt_only};
    pc_walk_list list = {0};
    problems = 0;
    CHECK_INT_EQ(pc_walk(root, &opt, &list, on_problem, NULL), PC_OK);
    /* Not b/loop/1.txt, b/loop/deep/3.txt nor b/same.txt. */
    static const char *const once[] = {"README.txt", "a/1.txt", "a/deep/3.txt", "b/10.txt", "b/2.txt", "skip-me.txt",
                                       NULL};
    check_listed(&list, once);
    pc_walk_list_free(&list);
    /* In chunks of one file too: what is remembered lasts the whole walk. */
    pc_walk_cursor *w = NULL;
    CHECK_INT_EQ(pc_walk_cursor_new(&w, root, &opt, on_problem, NULL), PC_OK);
    bool finished = false;
    while (w && !finished)
        CHECK_INT_EQ(pc_walk_next(w, &list, 1, &finished), PC_OK);
    pc_walk_cursor_free(w);
    check_listed(&list, once);
    pc_walk_list_free(&list);
    CHECK(unlink(link) == 0);
}

static void test_absolute_paths(void)
{
    char *p = pc_path_absolute("/a//b/./c/../d/");
    CHECK_STR_EQ(p, "/a/b/d");
    free(p);
    p = pc_path_absolute("/../..");
    CHECK_STR_EQ(p, "/");
    free(p);
    char *cwd = getcwd(NULL, 0);
    p = pc_path_absolute("x/./y");
    char expected[8192];
    snprintf(expected, sizeof expected, "%s/x/y", strcmp(cwd, "/") == 0 ? "" : cwd);
    CHECK_STR_EQ(p, expected);
    free(p);
    free(cwd);
}

static void cleanup_tree(void)
{
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    setup_tree();
    RUN_TEST(test_order_hidden_and_defaults);
    RUN_TEST(test_excludes_hidden_and_symlinks);
    RUN_TEST(test_explicit_and_missing);
    RUN_TEST(test_cursor_chunks);
    RUN_TEST(test_follow_lists_each_file_once);
    RUN_TEST(test_absolute_paths);
    cleanup_tree();
    return TEST_REPORT();
}
