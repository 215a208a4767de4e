/* test_indexer.c — unit tests for the index job: summary counts and notes for new, unchanged, changed,
 * broken and deleted files, forced language, duplicates named twice, and the store's view afterwards; the
 * Ukrainian stems of other-language words, computed by the indexer's stemmer thread, fill stem_lookup
 * exactly as the store computing them itself (rebuild) does; one large JSON Lines file is indexed whole
 * without holding the terms of all its records; read in parts, such a file gives the index reading it whole
 * gives, also after a run stopped between two parts. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "presscut/core/strbuf.h"
#include "presscut/index/indexer.h"

static char tmp_root[64];

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
    harness_write_file(dir, name, text, len);
}

static void write_in(const char *folder, const char *name, const char *text)
{
    harness_write_file(folder, name, text, strlen(text));
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

/* ---- Ukrainian stems of other-language words ---- */

typedef struct dump {
    char text[16384];
    size_t len;
} dump;

static int dump_row(void *payload, int ncols, const char *const *names, const char *const *values)
{
    (void)names;
    dump *d = payload;
    for (int i = 0; i < ncols; i++) {
        int n = snprintf(d->text + d->len, sizeof d->text - d->len, "%s%s", values[i] ? values[i] : "NULL",
                         i + 1 < ncols ? "|" : "\n");
        if (n > 0 && d->len + (size_t)n < sizeof d->text)
            d->len += (size_t)n;
    }
    return 0;
}

/* stem_lookup, sorted, one "lang|surface|stem" line a pair, without the words of 0_ru.txt when `all` is false. */
static void dump_stems(pc_store *store, bool all, dump *d)
{
    d->len = 0;
    d->text[0] = '\0';
    pc_error err;
    CHECK_INT_EQ(pc_store_sql(store,
                              all ? "SELECT lang, surface, stem FROM stem_lookup ORDER BY 1, 2"
                                  : "SELECT lang, surface, stem FROM stem_lookup WHERE surface NOT IN "
                                    "('шойгу', 'прибыл', 'минск') ORDER BY 1, 2",
                              dump_row, d, &err),
                 PC_OK);
}

static int index_dir(pc_store *store, const char *path, long long batch_bytes, pc_index_summary *s)
{
    pc_index_options opt = {.batch_bytes = batch_bytes};
    pc_error err;
    pc_error_clear(&err);
    const char *paths[] = {path};
    int rc = pc_index_run(store, paths, 1, &opt, NULL, s, &err);
    if (rc != PC_OK)
        fprintf(stderr, "index: %s\n", err.msg);
    return rc;
}

static void test_uk_stems_of_other_languages(void)
{
    char folder[128], db[160];
    snprintf(folder, sizeof folder, "%s/mixed", tmp_root);
    snprintf(db, sizeof db, "%s/mixed.db", tmp_root);
    mkdir(folder, 0755);
    /* Walk order: a Russian file before the first Ukrainian one (committed alone, its words are not recorded:
     * queries did not stem in Ukrainian when it was written), then Russian and Bulgarian ones, a title-only
     * word, English with a Cyrillic name, and a file of several articles. */
    write_in(folder, "0_ru.txt", "lang: ru\nШойгу прибыл\n\nШойгу прибыл в Минск.\n");
    write_in(folder, "1_uk.txt", "lang: uk\nЗеленський у Києві\n\nЗеленського зустріли в Києві. Кремль мовчить.\n");
    write_in(folder, "2_ru.txt",
             "lang: ru\nКремль ответил\n\nПесков заявил журналистам, что Кремль не комментирует.\n\n"
             "Представители Кремля сообщили о переговорах с Украиной.\n");
    write_in(folder, "3_bg.txt", "lang: bg\nПравителството\n\nПравителството на България обяви нови мерки.\n");
    write_in(folder, "4_en.txt", "lang: en\nTalks\n\nThe spokesman Песков said talks went on.\n");
    write_in(folder, "5_many.jsonl",
             "{\"lang\": \"ru\", \"title\": \"Газпром\", \"text\": \"Газпром повысил цены для Европы.\"}\n"
             "{\"lang\": \"uk\", \"title\": \"Газпром\", \"text\": \"Газпром підвищив ціни для Європи.\"}\n"
             "{\"lang\": \"bg\", \"title\": \"Газпром\", \"text\": \"Газпром повиши цените за Европа.\"}\n");

    pc_store *store = NULL;
    pc_store_options sopt = {.create = true};
    pc_error err;
    CHECK_INT_EQ(pc_store_open(&store, db, &sopt, &err), PC_OK);
    if (!store)
        return;
    pc_index_summary s;
    CHECK_INT_EQ(index_dir(store, folder, 1, &s), PC_OK); /* a commit after each file */
    CHECK_INT_EQ(s.articles, 8);
    static dump indexed, rebuilt, all;
    dump_stems(store, true, &all);
    CHECK(strstr(all.text, "uk|шойгу|") == NULL);
    CHECK(strstr(all.text, "uk|ответил|") != NULL); /* title only */
    CHECK(strstr(all.text, "uk|журналистам|") != NULL);
    CHECK(strstr(all.text, "uk|правителството|") != NULL);
    CHECK(strstr(all.text, "uk|песков|") != NULL);  /* a name in an English article */
    CHECK(strstr(all.text, "uk|повысил|") != NULL); /* articles of one file around a Ukrainian one */
    CHECK(strstr(all.text, "uk|повиши|") != NULL);
    CHECK(strstr(all.text, "uk|києві|київ\n") != NULL);
    dump_stems(store, false, &indexed);
    /* rebuild: the store stems every word itself; the same pairs, and now those of 0_ru.txt too. */
    CHECK_INT_EQ(pc_store_rebuild(store, NULL, &err), PC_OK);
    dump_stems(store, false, &rebuilt);
    CHECK_STR_EQ(indexed.text, rebuilt.text);
    CHECK(indexed.len > 200);
    dump_stems(store, true, &all);
    CHECK(strstr(all.text, "uk|шойгу|") != NULL);

    /* A later run adds Russian words: the index has Ukrainian articles from the start. */
    write_in(folder, "6_ru.txt", "lang: ru\nЛавров\n\nЛавров встретился с министром иностранных дел.\n");
    CHECK_INT_EQ(index_dir(store, folder, 0, &s), PC_OK);
    CHECK_INT_EQ(s.indexed, 1);
    dump_stems(store, false, &indexed);
    CHECK(strstr(indexed.text, "uk|встретился|") != NULL);
    CHECK(strstr(indexed.text, "uk|лавров|") != NULL);
    CHECK_INT_EQ(pc_store_rebuild(store, NULL, &err), PC_OK);
    dump_stems(store, false, &rebuilt);
    CHECK_STR_EQ(indexed.text, rebuilt.text);
    CHECK_INT_EQ(pc_store_check(store, &err), PC_OK);
    pc_store_close(store);

    /* In one batch, the Russian file before the Ukrainian one is written to FTS5 after it: its words are
     * recorded too (stemmed by the store), and the pairs are again those rebuild gives. */
    char db2[200];
    snprintf(db2, sizeof db2, "%s/mixed2.db", tmp_root);
    store = NULL;
    CHECK_INT_EQ(pc_store_open(&store, db2, &sopt, &err), PC_OK);
    if (!store)
        return;
    CHECK_INT_EQ(index_dir(store, folder, 0, &s), PC_OK);
    CHECK_INT_EQ(s.articles, 9);
    dump_stems(store, true, &indexed);
    CHECK(strstr(indexed.text, "uk|шойгу|") != NULL);
    CHECK_INT_EQ(pc_store_rebuild(store, NULL, &err), PC_OK);
    dump_stems(store, true, &rebuilt);
    CHECK_STR_EQ(indexed.text, rebuilt.text);
    pc_store_close(store);
}

/* Peak resident memory of this process so far, in KiB. */
static long peak_rss_kib(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

static int count_row(void *payload, int n_columns, const char *const *names, const char *const *values)
{
    (void)names;
    if (n_columns > 0 && values[0])
        *(long long *)payload = atoll(values[0]);
    return 0;
}

static long long sql_count(pc_store *store, const char *sql)
{
    long long n = -1;
    pc_error err;
    CHECK_INT_EQ(pc_store_sql(store, sql, count_row, &n, &err), PC_OK);
    return n;
}

/* A new index at `path`, or NULL (a failed check) when it cannot be made. */
static pc_store *open_new_store(const char *path)
{
    pc_store *store = NULL;
    pc_store_options sopt = {.create = true};
    pc_error err;
    CHECK_INT_EQ(pc_store_open(&store, path, &sopt, &err), PC_OK);
    return store;
}

/* A 16 MB JSON Lines file: its pre-analysed terms would take over 100 MB more if the indexer held them for the
 * whole file (it did); now a job holds a bounded amount and the store's tokenizer analyses the rest, with
 * the same terms. The memory check is left out under AddressSanitizer, which keeps freed memory. */
static void test_large_jsonl_bounded_memory(void)
{
    char folder[128], path[200], db[160];
    snprintf(folder, sizeof folder, "%s/large", tmp_root);
    snprintf(db, sizeof db, "%s/large.db", tmp_root);
    snprintf(path, sizeof path, "%s/export.jsonl", folder);
    mkdir(folder, 0755);
    static const char *const words[] = {"harbour", "ferry", "minister", "election", "grain", "market", "storm",
                                        "council", "budget", "strike", "railway", "court", "prices", "talks",
                                        "border", "vaccine", "exports", "summit", "village", "factory"};
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    unsigned long long state = 42;
    const int records = 2000;
    for (int r = 0; r < records; r++) {
        fprintf(f, "{\"title\": \"Report %d\", \"text\": \"%s", r, r == 0 ? "Aardvarkquill " : "");
        for (int w = 0; w < 650; w++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            /* numbered words: a large vocabulary, as in real text */
            fprintf(f, "%s%u%s", words[(state >> 33) % 20], (unsigned)((state >> 40) % 5000),
                    w % 60 == 59 ? ".\\n\\n" : " ");
        }
        fprintf(f, "%s\"}\n", r == records - 1 ? " zanzibarquill." : ".");
    }
    fclose(f);

    pc_store *store = open_new_store(db);
    if (!store)
        return;
    pc_error err;
    long before = peak_rss_kib();
    pc_index_summary s;
    CHECK_INT_EQ(index_dir(store, folder, 0, &s), PC_OK);
    long grown = peak_rss_kib() - before;
#if defined(__SANITIZE_ADDRESS__)
    (void)grown;
#else
    if (grown >= 120 * 1024)
        fprintf(stderr, "indexing a 16 MB file took %ld KiB more memory\n", grown);
    CHECK(grown < 120 * 1024);
#endif
    CHECK_INT_EQ(s.articles, records);
    CHECK(s.passages >= records * 5);
    /* the first record's passages were analysed ahead, the last one's by the store's tokenizer */
    CHECK_INT_EQ(sql_count(store, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'aardvarkquill'"), 1);
    CHECK_INT_EQ(sql_count(store, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'zanzibarquill'"), 1);
    CHECK_INT_EQ(sql_count(store, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'harbour17'"),
                 sql_count(store, "SELECT count(*) FROM passage_text WHERE text LIKE '%harbour17 %' OR text LIKE '%harbour17.%'"));
    /* the worker trains the body dictionary from the file's first bodies and packs the rest with it */
    CHECK_INT_EQ(sql_count(store, "SELECT count(*) FROM body_dictionaries"), 1);
    CHECK_INT_EQ(pc_store_check(store, &err), PC_OK);
    pc_store_close(store);
}

/* ---- large JSON Lines files read in parts ---- */

/* Writes a JSON Lines export of two sources whose records open and close with lines each source repeats
 * (boilerplate rule 3), with near-duplicates (clusters), Ukrainian and Russian records (stems), a record
 * larger than a part, a line that is not JSON in the middle, a blank line, a CRLF line and a last line
 * without newline. `latin1`: a byte of Windows-1252 in one record, so the file is not UTF-8. */
static void write_export(const char *path, bool latin1)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    static const char *const words[] = {"harbour", "ferry", "minister", "election", "grain", "market", "storm",
                                        "council", "budget", "strike", "railway", "court", "prices", "talks"};
    unsigned long long state = 7;
    for (int r = 0; r < 240; r++) {
        if (r == 120)
            fputs("{\"title\": \"Broken\", \"text\": \"unfinished\n", f);
        if (r == 60)
            fputs("\n", f);
        bool gazette = r % 2 == 0;
        fprintf(f, "{\"source\": \"%s\", \"title\": \"Report %d\", \"text\": \"%s\\n\\n", gazette ? "Gazette" : "Wire",
                r, gazette ? "Gazette live" : "Wire desk");
        if (r % 10 == 9) /* a near-duplicate of the record five before */
            state = (unsigned long long)(r - 5) * 977;
        else
            state = (unsigned long long)r * 977;
        int n_words = r == 77 ? 2400 : 60 + r % 40;
        if (r % 16 == 3)
            fputs("Міністр оборони заявив про нові переговори у Києві. ", f);
        if (r % 16 == 5)
            fputs("Министр заявил о новых переговорах в Москве. ", f);
        for (int w = 0; w < n_words; w++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            fprintf(f, "%s%u%s", words[(state >> 33) % 14], (unsigned)((state >> 40) % 300),
                    w % 30 == 29 ? ".\\n\\n" : " ");
        }
        if (latin1 && r == 200)
            fputs(" caf\xe9", f);
        fprintf(f, ".\\n\\n%s\"}%s", gazette ? "Subscribe to Gazette" : "More from the Wire",
                r == 239 ? "" : r == 30 ? "\r\n" : "\n");
    }
    fclose(f);
}

static void add_note(void *payload, pc_note_kind kind, const char *path, long line, const char *msg)
{
    char row[1400];
    snprintf(row, sizeof row, "%d|%s|%ld|%s\n", (int)kind, strrchr(path, '/') ? strrchr(path, '/') + 1 : path, line,
             msg);
    pc_strbuf_add_str(payload, row);
}

static int add_row(void *payload, int ncols, const char *const *names, const char *const *values)
{
    (void)names;
    for (int i = 0; i < ncols; i++) {
        pc_strbuf_add_str(payload, values[i] ? values[i] : "NULL");
        pc_strbuf_add_str(payload, i + 1 < ncols ? "|" : "\n");
    }
    return 0;
}

/* Everything an index holds of its articles, one line a row: articles, passages, edge lines, stems, files,
 * and the passages a few words find. */
static void dump_index(pc_store *store, pc_strbuf *out)
{
    static const char *const queries[] = {
        "SELECT id, file_id, record, title, published, day, source, url, lang, body_bytes, content_hash, tags, "
        "cluster FROM articles ORDER BY id",
        "SELECT id, article_id, seq, start_byte, end_byte FROM passages ORDER BY id",
        "SELECT line_key, article_id, kept FROM edge_lines ORDER BY 1, 2",
        "SELECT lang, surface, stem FROM stem_lookup ORDER BY 1, 2",
        "SELECT path, size, hash FROM files ORDER BY path",
        "SELECT rowid FROM passage_fts WHERE passage_fts MATCH 'harbour17 OR gazette OR переговори' ORDER BY rowid",
        "SELECT rowid FROM title_fts WHERE title_fts MATCH 'report' ORDER BY rowid",
    };
    pc_strbuf_reset(out);
    pc_error err;
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        CHECK_INT_EQ(pc_store_sql(store, queries[i], add_row, out, &err), PC_OK);
        pc_strbuf_add_str(out, "--\n");
    }
    CHECK(!out->failed);
}

static int *stop_counter;
static volatile sig_atomic_t *stop_flag;

static void stop_after(void *payload, const pc_index_progress *p)
{
    (void)payload;
    (void)p;
    if (--*stop_counter == 0)
        *stop_flag = 1;
}

/* Indexes `folder` into a new index at `db` with parts of part_bytes (0: the default, larger than the file);
 * stop_after_parts > 0 stops the run after that many parts are written. The notes go to *notes. */
static int index_in_parts(const char *folder, const char *db, long long part_bytes, int stop_after_parts,
                          pc_strbuf *notes_out, pc_index_summary *s, pc_store **out)
{
    static volatile sig_atomic_t stop;
    stop = 0;
    *out = open_new_store(db);
    if (!*out)
        return PC_EINVAL;
    pc_index_options opt = {.part_bytes = part_bytes, .batch_bytes = 8192, .stop = &stop};
    pc_index_callbacks cb = {.note = add_note, .payload = notes_out};
    pc_error err;
    pc_error_clear(&err);
    const char *paths[] = {folder};
    if (stop_after_parts > 0) { /* the indexer calls progress after each part it writes */
        static int parts_left;
        parts_left = stop_after_parts;
        cb.progress = stop_after;
        stop_counter = &parts_left;
        stop_flag = &stop;
    }
    int rc = pc_index_run(*out, paths, 1, &opt, &cb, s, &err);
    if (rc != PC_OK && rc != PC_ESTOP)
        fprintf(stderr, "index: %s\n", err.msg);
    return rc;
}

/* Writes the export into the folder `name` (write_export), indexes it whole into `name`-whole.db and in parts of
 * 4096 bytes into `name`-parts.db, and checks that both indexes hold the same and that the same notes were
 * given (*notes gets them). */
static void index_whole_and_in_parts(const char *name, bool latin1, pc_index_summary *s_whole,
                                     pc_index_summary *s_parts, pc_strbuf *notes_out)
{
    char folder[128], path[200], db_whole[160], db_parts[160];
    snprintf(folder, sizeof folder, "%s/%s", tmp_root, name);
    snprintf(path, sizeof path, "%s/export.jsonl", folder);
    snprintf(db_whole, sizeof db_whole, "%s/%s-whole.db", tmp_root, name);
    snprintf(db_parts, sizeof db_parts, "%s/%s-parts.db", tmp_root, name);
    mkdir(folder, 0755);
    write_export(path, latin1);
    struct stat st;
    CHECK(stat(path, &st) == 0 && st.st_size > 40 * 4096); /* many parts; record 77 alone is over 4096 bytes */

    pc_strbuf notes_whole = {0}, whole = {0}, parts = {0};
    pc_store *store = NULL;
    CHECK_INT_EQ(index_in_parts(folder, db_whole, 0, 0, &notes_whole, s_whole, &store), PC_OK);
    dump_index(store, &whole);
    pc_store_close(store);
    CHECK_INT_EQ(index_in_parts(folder, db_parts, 4096, 0, notes_out, s_parts, &store), PC_OK);
    dump_index(store, &parts);
    pc_error err;
    CHECK_INT_EQ(pc_store_check(store, &err), PC_OK);
    pc_store_close(store);
    CHECK(whole.len > 10000);
    CHECK_STR_EQ(parts.data, whole.data);
    CHECK_STR_EQ(notes_out->data, notes_whole.data);
    pc_strbuf_free(&notes_whole);
    pc_strbuf_free(&whole);
    pc_strbuf_free(&parts);
}

/* A file read in parts gives the index reading it whole gives: the same articles with the same ids,
 * passages, repeated lines removed, clusters, stems and warnings (the line that is not JSON named by its
 * line in the file), also when a record is larger than a part. */
static void test_jsonl_in_parts_same_as_whole(void)
{
    pc_strbuf notes_parts = {0};
    pc_index_summary s_whole, s_parts;
    index_whole_and_in_parts("parts", false, &s_whole, &s_parts, &notes_parts);
    CHECK_INT_EQ(s_whole.articles, 240);
    CHECK_INT_EQ(s_parts.indexed, 1);
    CHECK_INT_EQ(s_parts.articles, s_whole.articles);
    CHECK_INT_EQ(s_parts.passages, s_whole.passages);
    CHECK(s_whole.boilerplate_lines >= 400); /* the lines each source repeats were found */
    /* parts of a few records cannot show them repeated: the second pass mends the first parts (and the
     * summary counts their lines twice) */
    CHECK(s_parts.boilerplate_lines >= s_whole.boilerplate_lines);
    CHECK(str_contains(notes_parts.data, "0|export.jsonl|122|not valid JSON"));
    pc_strbuf_free(&notes_parts);
}

/* A file that is not valid UTF-8 is read whole (a part could be decoded otherwise than the whole file: as
 * Windows-1252 when it holds none of the file's valid UTF-8), with the same results as without parts. */
static void test_jsonl_not_utf8_read_whole(void)
{
    pc_strbuf notes_parts = {0};
    pc_index_summary s_whole, s_parts;
    index_whole_and_in_parts("latin1", true, &s_whole, &s_parts, &notes_parts);
    CHECK_INT_EQ(s_parts.repaired, 1);
    CHECK(str_contains(notes_parts.data, "1 invalid UTF-8 sequence replaced"));
    pc_strbuf_free(&notes_parts);
}

/* A run stopped between two parts of a file leaves a consistent index holding the file's first parts with
 * no hash recorded; the next run reads the file again and ends with the index a run without stop gives. */
static void test_jsonl_parts_interrupted(void)
{
    char folder[128], db_whole[160], db_stopped[160];
    snprintf(folder, sizeof folder, "%s/parts", tmp_root); /* written by test_jsonl_in_parts_same_as_whole */
    snprintf(db_whole, sizeof db_whole, "%s/parts-whole.db", tmp_root);
    snprintf(db_stopped, sizeof db_stopped, "%s/stopped.db", tmp_root);
    pc_strbuf stop_notes = {0}, whole = {0}, resumed = {0};
    pc_index_summary s;
    pc_store *store = NULL;
    pc_store_options ropt = {.create = false};
    pc_error err;
    CHECK_INT_EQ(pc_store_open(&store, db_whole, &ropt, &err), PC_OK);
    dump_index(store, &whole);
    pc_store_close(store);

    CHECK_INT_EQ(index_in_parts(folder, db_stopped, 4096, 3, &stop_notes, &s, &store), PC_ESTOP);
    CHECK_INT_EQ(s.indexed, 0);
    long long articles = sql_count(store, "SELECT count(*) FROM articles");
    CHECK(articles > 0 && articles < 240);
    CHECK_INT_EQ(sql_count(store, "SELECT count(*) FROM files WHERE size = -1 AND hash = ''"), 1);
    CHECK_INT_EQ(pc_store_check(store, &err), PC_OK);
    pc_index_options opt = {.part_bytes = 4096, .batch_bytes = 8192};
    const char *paths[] = {folder};
    CHECK_INT_EQ(pc_index_run(store, paths, 1, &opt, NULL, &s, &err), PC_OK);
    CHECK_INT_EQ(s.indexed, 1);
    CHECK_INT_EQ(s.unchanged, 0);
    dump_index(store, &resumed);
    CHECK_STR_EQ(resumed.data, whole.data);
    /* and a third run finds it unchanged */
    CHECK_INT_EQ(pc_index_run(store, paths, 1, &opt, NULL, &s, &err), PC_OK);
    CHECK_INT_EQ(s.unchanged, 1);
    pc_store_close(store);
    pc_strbuf_free(&stop_notes);
    pc_strbuf_free(&whole);
    pc_strbuf_free(&resumed);
}

/* Indexes `paths` into a new index at `db` listing `chunk` files at a time; *out gets the index dump. */
static void index_in_chunks(const char *const *paths, size_t n, const char *db, size_t chunk, pc_index_summary *s,
                            pc_strbuf *out)
{
    pc_store *store = open_new_store(db);
    CHECK(store != NULL);
    if (!store)
        return;
    pc_index_options opt = {.chunk_files = chunk, .batch_bytes = 4096};
    pc_error err;
    pc_error_clear(&err);
    CHECK_INT_EQ(pc_index_run(store, paths, n, &opt, NULL, s, &err), PC_OK);
    dump_index(store, out);
    pc_store_close(store);
}

/* A folder of more files than a chunk gives the index one chunk gives: same files, article ids, clusters,
 * repeated lines removed, and summary; roots named twice or inside another root are read once. */
static void test_chunks_same_as_one_chunk(void)
{
    char folder[128], sub[160], name[64], text[512];
    snprintf(folder, sizeof folder, "%s/chunks", tmp_root);
    snprintf(sub, sizeof sub, "%s/a", folder);
    mkdir(folder, 0755);
    mkdir(sub, 0755);
    for (int i = 0; i < 14; i++) {
        snprintf(name, sizeof name, i % 3 == 0 ? "a/%02d.txt" : i % 3 == 1 ? "a.%02d.txt" : "b%02d.txt", i);
        snprintf(text, sizeof text,
                 "Harbour report %d\n\nThe ferry to the harbour%d left at %d o'clock while the minister spoke "
                 "about grain.\n\nSubscribe to Gazette for more harbour news every morning.\n",
                 i, i, i % 5);
        write_in(folder, name, text);
    }
    write_in(folder, "README.txt", "not an article\n");
    char file_root[200];
    snprintf(file_root, sizeof file_root, "%s/b02.txt", folder);
    const char *paths[] = {sub, folder, file_root, folder};
    /* One root in one chunk, in chunks of 3; the four roots in one chunk, in chunks of 1. */
    const char *const *roots[4] = {paths + 1, paths + 1, paths, paths};
    const size_t n_roots[4] = {1, 1, 4, 4}, chunks[4] = {0, 3, 0, 1};
    char db[4][160];
    pc_index_summary s[4];
    pc_strbuf dumps[4] = {{0}, {0}, {0}, {0}};
    for (int k = 0; k < 4; k++) {
        snprintf(db[k], sizeof db[k], "%s/chunks-%d.db", tmp_root, k);
        index_in_chunks(roots[k], n_roots[k], db[k], chunks[k], &s[k], &dumps[k]);
    }
    CHECK_INT_EQ(s[0].files, 14);
    CHECK_INT_EQ(s[0].indexed, 14);
    CHECK_INT_EQ(s[0].excluded, 1);
    CHECK(s[0].boilerplate_lines > 0);
    CHECK_STR_EQ(dumps[1].data, dumps[0].data);
    CHECK_STR_EQ(dumps[3].data, dumps[2].data);
    for (int k = 1; k < 4; k++) {
        CHECK_INT_EQ(s[k].files, s[0].files);
        CHECK_INT_EQ(s[k].indexed, s[0].indexed);
        CHECK_INT_EQ(s[k].unchanged, 0);
        CHECK_INT_EQ(s[k].excluded, s[0].excluded);
        CHECK_INT_EQ(s[k].boilerplate_lines, s[0].boilerplate_lines);
        CHECK_INT_EQ(s[k].articles, s[0].articles);
    }
    for (int k = 0; k < 4; k++)
        pc_strbuf_free(&dumps[k]);
}

int main(void)
{
    char tmpl[] = "/tmp/presscut-indexer-XXXXXX";
    if (!mkdtemp(tmpl))
        return 1;
    snprintf(dir, sizeof dir, "%s/in", tmpl);
    mkdir(dir, 0755);
    snprintf(db_path, sizeof db_path, "%s/index.db", tmpl);
    snprintf(tmp_root, sizeof tmp_root, "%s", tmpl);
    RUN_TEST(test_large_jsonl_bounded_memory);
    RUN_TEST(test_jsonl_in_parts_same_as_whole);
    RUN_TEST(test_jsonl_not_utf8_read_whole);
    RUN_TEST(test_jsonl_parts_interrupted);
    RUN_TEST(test_index_cycle);
    RUN_TEST(test_uk_stems_of_other_languages);
    RUN_TEST(test_chunks_same_as_one_chunk);
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
    if (system(cmd) != 0)
        return 1;
    return TEST_REPORT();
}
