/* test_indexer.c — unit tests for the index job: summary counts and notes for new, unchanged, changed,
 * broken and deleted files, forced language, duplicates named twice, and the store's view afterwards. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "presscut/indexer.h"

static char dir[4096];
static char db_path[4200];
static int notes[3];
static char last_note[2048];

static void on_note(void *payload, pc_note_kind kind, const char *path, long line, const char *msg)
{
    notes[kind]++;
    const char *base = strrchr(path, '/');
    snprintf(last_note, sizeof last_note, "%s: %s", base ? base + 1 : path, msg);
}

static void write_file(const char *name, const char *text, size_t len)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
}

static int run(pc_store *store, pc_index_options *opt, pc_index_summary *s)
{
    memset(notes, 0, sizeof notes);
    last_note[0] = '\0';
    pc_index_callbacks cb = {.note = on_note};
    const char *paths[] = {dir, dir}; /* named twice: read once */
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_index_run(store, paths, 2, opt, &cb, s, &err);
    if (rc != PC_OK)
        fprintf(stderr, "index: %s\n", err.msg);
    return rc;
}

static long long count(pc_store *store, const char *what)
{
    pc_store_stats st;
    pc_error err;
    CHECK_INT_EQ(pc_store_stats_get(store, &st, &err), PC_OK);
    long long v = strcmp(what, "articles") == 0 ? st.articles : strcmp(what, "files") == 0 ? st.files : st.passages;
    pc_store_stats_free(&st);
    return v;
}

static void test_index_cycle(void)
{
    const char *a = "Harbour ferry returns\n\nThe harbour ferry returned to service on Monday after repairs.\n";
    const char *b = "date 2022-02-16\nBanks hit by cyber attacks\n\nSeveral banks were attacked by hackers.\n";
    const char *c = "Спортивные новости\n\nКоманда выиграла матч в субботу вечером со счётом три один.\n";
    write_file("a.txt", a, strlen(a));
    write_file("b.txt", b, strlen(b));
    write_file("c.txt", c, strlen(c));
    write_file("bin.txt", "x\0y", 3);
    write_file("skip.md", "not an article", 14);

    pc_store *store = NULL;
    pc_store_options sopt = {.create = true};
    pc_error err;
    CHECK_INT_EQ(pc_store_open(&store, db_path, &sopt, &err), PC_OK);
    if (!store)
        return;
    pc_index_options opt = {0};
    pc_index_summary s;
    CHECK_INT_EQ(run(store, &opt, &s), PC_OK);
    CHECK_INT_EQ(s.files, 4);
    CHECK_INT_EQ(s.indexed, 3);
    CHECK_INT_EQ(s.skipped, 1);
    CHECK_INT_EQ(s.failed, 0);
    CHECK_INT_EQ(s.articles, 3);
    CHECK(s.passages >= 3);
    CHECK_INT_EQ(notes[PC_NOTE_SKIPPED], 1);
    CHECK(strstr(last_note, "bin.txt: binary file (NUL byte at offset 1)") != NULL);
    CHECK_INT_EQ(count(store, "articles"), 3);

    /* Nothing changed. */
    CHECK_INT_EQ(run(store, &opt, &s), PC_OK);
    CHECK_INT_EQ(s.indexed, 0);
    CHECK_INT_EQ(s.unchanged, 3);
    CHECK_INT_EQ(s.skipped, 1);

    /* One file changed, one deleted, prune on. */
    const char *a2 = "Harbour ferry returns\n\nThe ferry is back, and the timetable has changed again.\n";
    write_file("a.txt", a2, strlen(a2));
    char path[8192];
    snprintf(path, sizeof path, "%s/c.txt", dir);
    CHECK(unlink(path) == 0);
    opt.prune = true;
    CHECK_INT_EQ(run(store, &opt, &s), PC_OK);
    CHECK_INT_EQ(s.indexed, 1);
    CHECK_INT_EQ(s.unchanged, 1);
    CHECK_INT_EQ(s.removed, 1);
    CHECK_INT_EQ(count(store, "articles"), 2);
    CHECK_INT_EQ(count(store, "files"), 2);

    /* --force re-reads everything; --lang overrides detection. */
    opt.prune = false;
    opt.force = true;
    opt.forced_lang = "de";
    CHECK_INT_EQ(run(store, &opt, &s), PC_OK);
    CHECK_INT_EQ(s.indexed, 2);
    pc_store_stats st;
    CHECK_INT_EQ(pc_store_stats_get(store, &st, &err), PC_OK);
    CHECK_INT_EQ(st.n_langs, 1);
    if (st.n_langs == 1)
        CHECK_STR_EQ(st.langs[0].name, "de");
    CHECK_STR_EQ(st.first_date, "2022-02-16");
    CHECK_INT_EQ(st.undated, 1);
    pc_store_stats_free(&st);

    /* A file over the size limit. */
    opt.force = false;
    opt.forced_lang = NULL;
    opt.max_file_bytes = 10;
    write_file("a.txt", a, strlen(a));
    CHECK_INT_EQ(run(store, &opt, &s), PC_OK);
    CHECK_INT_EQ(s.skipped, 2);
    CHECK(strstr(last_note, "over the size limit") != NULL || notes[PC_NOTE_SKIPPED] == 2);
    CHECK_INT_EQ(count(store, "articles"), 2); /* the earlier version of a.txt is kept */
    CHECK_INT_EQ(pc_store_check(store, &err), PC_OK);
    pc_store_close(store);
}

int main(void)
{
    char tmpl[] = "/tmp/presscut-indexer-XXXXXX";
    if (!mkdtemp(tmpl))
        return 1;
    snprintf(dir, sizeof dir, "%s/in", tmpl);
    mkdir(dir, 0755);
    snprintf(db_path, sizeof db_path, "%s/index.db", tmpl);
    RUN_TEST(test_index_cycle);
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
    if (system(cmd) != 0)
        return 1;
    return TEST_REPORT();
}
