/* passage_answers.c — does the passage presscut shows answer the question? Runs the questions of
 * tests/eval/passage_answers.tsv (plain-words questions over corpus/seeds and corpus/bbc-fulltext, each with
 * a regex of its answer and the file that holds it) through `presscut search --any` and, in the same run,
 * through plain SQLite FTS5 with one row per paragraph of the same files (porter unicode61, bm25), and prints
 * per system how often the answer is in the top hit's passage, in the snippet shown for it, and how often the
 * expected article is the top hit or among the first five.
 *
 *   eval_passage_answers --presscut BIN --questions TSV [--corpus DIR] [--db PATH] [--per-question] [--check]
 *
 *   --presscut BIN   the presscut binary; the index is built with `BIN --db PATH index DIR/seeds DIR/bbc-fulltext`
 *   --questions TSV  the question set (columns: question, answer regex, expected-file regex, note)
 *   --corpus DIR     the shared corpus folder; default $PRESSCUT_SHARED/corpus
 *   --db PATH        the index to build or reuse (default: a fresh one in a temporary folder, removed after)
 *   --per-question   prints each question's outcome for both systems
 *   --check          exits 1 unless presscut has the answer in its top passage, and in its top snippet, at
 *                    least as often as FTS5 per paragraph does (used as a test)
 *
 * presscut: each question runs as `BIN --db PATH search --any --format jsonl -n 5 --snippet 0 -- QUESTION`
 * (the whole best passage of each of the top five articles) and `... -n 1 -- QUESTION` (the snippet shown by
 * default, about 240 characters), by posix_spawn (no shell). PRESSCUT_RANK_PARAMS in the environment reaches
 * presscut, so parameters can be tried without rebuilding.
 *
 * FTS5: each file split into paragraphs at blank lines (the BBC headline is its own paragraph); a question is
 * an OR of its words (runs of letters and digits, lowercased, each quoted), ranked by bm25. Its "passage" is
 * the top paragraph, its "snippet" snippet(t, 0, '', '', '…', 40) of that paragraph (about 240 characters);
 * an article is found @5 when one of the first five distinct files of the ranking is it.
 *
 * An answer regex is POSIX extended, case-insensitive; an expected-file regex is matched against the path.
 * Exit status: 0 done, 1 --check failed, 2 error; 77 when the corpus is absent (a failure under CI=true). */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <regex.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MEASURE_PROGRAM "eval_passage_answers"
#include "measure.h"
#include "run_capture.h"

#define TOP_ARTICLES 5
#define FTS5_SNIPPET_TOKENS "40"
#define FTS5_PARAGRAPHS_READ "200" /* enough rows to find five distinct files */

static const char *const corpus_folders[] = {"seeds", "bbc-fulltext"};

/* ---- the question set -------------------------------------------------------------------------------- */

typedef struct question {
    char *text;
    char *answer_source;
    regex_t answer;
    regex_t expected_file;
    int line;
} question;

typedef struct question_set {
    question *items;
    size_t n;
} question_set;

/* The tab-separated field starting at *p, NUL-terminated in place; *p moves past its tab (NULL at the end). */
static char *next_field(char **p)
{
    char *start = *p;
    if (!start)
        return NULL;
    char *tab = strchr(start, '\t');
    if (tab) {
        *tab = '\0';
        *p = tab + 1;
    } else {
        *p = NULL;
    }
    return start;
}

static bool compile_regex(regex_t *re, const char *pattern, const char *path, int line, const char *column)
{
    int rc = regcomp(re, pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB);
    if (rc == 0)
        return true;
    char why[200];
    regerror(rc, re, why, sizeof why);
    fprintf(stderr, "eval_passage_answers: %s:%d: the %s '%s' is not a POSIX extended regex (%s); fix that column\n",
            path, line, column, pattern, why);
    return false;
}

/* Reads the question set; false after a message naming the file and line. */
static bool read_questions(const char *path, question_set *set)
{
    size_t len = 0;
    char *text = (char *)harness_read_file(path, &len);
    if (!text) {
        fprintf(stderr, "eval_passage_answers: cannot read the questions '%s': %s\n", path, strerror(errno));
        return false;
    }
    bool ok = true;
    int line_no = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line && ok; line = strtok_r(NULL, "\n", &save)) {
        line_no++; /* strtok_r skips empty lines, so numbers count non-empty lines; the set has none */
        size_t line_len = strlen(line);
        if (line_len && line[line_len - 1] == '\r')
            line[line_len - 1] = '\0';
        if (line[0] == '#' || !strncmp(line, "question\t", 9))
            continue;
        char *p = line;
        char *q = next_field(&p), *answer = next_field(&p), *file = next_field(&p);
        if (!q || !answer || !file || !*q || !*answer || !*file) {
            fprintf(stderr, "eval_passage_answers: %s:%d: needs question, answer and expected file, tab-separated\n",
                    path, line_no);
            ok = false;
            break;
        }
        set->items = xrealloc(set->items, (set->n + 1) * sizeof *set->items);
        question *item = &set->items[set->n];
        item->line = line_no;
        if (!compile_regex(&item->answer, answer, path, line_no, "answer")) {
            ok = false;
            break;
        }
        if (!compile_regex(&item->expected_file, file, path, line_no, "expected file")) {
            regfree(&item->answer);
            ok = false;
            break;
        }
        item->text = xstrndup(q, strlen(q));
        item->answer_source = xstrndup(answer, strlen(answer));
        set->n++;
    }
    free(text);
    if (ok && set->n == 0) {
        fprintf(stderr, "eval_passage_answers: %s holds no questions\n", path);
        ok = false;
    }
    return ok;
}

static void free_questions(question_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->items[i].text);
        free(set->items[i].answer_source);
        regfree(&set->items[i].answer);
        regfree(&set->items[i].expected_file);
    }
    free(set->items);
}

static bool matches(const regex_t *re, const char *text)
{
    return text && regexec(re, text, 0, NULL, 0) == 0;
}

/* ---- outcomes ---------------------------------------------------------------------------------------- */

/* What one system did for one question. */
typedef struct outcome {
    bool answer_in_passage, answer_in_snippet, article_at_1, article_at_5;
    char *top_path; /* the top hit's file, malloc'd, or NULL when nothing was found */
} outcome;

typedef struct totals {
    size_t answer_in_passage, answer_in_snippet, article_at_1, article_at_5, failed;
} totals;

static void add_outcome(totals *t, const outcome *o)
{
    t->answer_in_passage += o->answer_in_passage;
    t->answer_in_snippet += o->answer_in_snippet;
    t->article_at_1 += o->article_at_1;
    t->article_at_5 += o->article_at_5;
}

/* ---- the files --------------------------------------------------------------------------------------- */

typedef struct path_list {
    char **paths;
    size_t n;
} path_list;

static bool ends_with_txt(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcmp(name + n - 4, ".txt");
}

/* Adds every regular *.txt file below dir to *list (lowercase ".txt": the BBC README.TXT is not news). */
static void collect_texts(const char *dir, path_list *list)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char *path = xpath_in(dir, entry->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            collect_texts(path, list);
            free(path);
        } else if (S_ISREG(st.st_mode) && ends_with_txt(entry->d_name)) {
            list->paths = xrealloc(list->paths, (list->n + 1) * sizeof *list->paths);
            list->paths[list->n++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the baseline: FTS5, one row per paragraph -------------------------------------------------------- */

static bool blank_line(const char *start, const char *end)
{
    for (const char *p = start; p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\f' && *p != '\v')
            return false;
    return true;
}

/* An OR of the question's words, each lowercased and quoted; NULL when it has none. A word is a run of ASCII
 * letters and digits or of bytes above 127 (so a UTF-8 letter stays inside its word). */
static char *fts5_or_query(const char *question_text)
{
    size_t cap = strlen(question_text) * 6 + 8, used = 0;
    char *expr = xmalloc(cap);
    for (const unsigned char *p = (const unsigned char *)question_text; *p;) {
        const unsigned char *word = p;
        while (*p && (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
            p++;
        if (p == word) {
            p++;
            continue;
        }
        used += (size_t)sprintf(expr + used, "%s\"", used ? " OR " : "");
        for (const unsigned char *c = word; c < p; c++)
            expr[used++] = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        expr[used++] = '"';
        expr[used] = '\0';
    }
    if (used == 0) {
        free(expr);
        return NULL;
    }
    return expr;
}

typedef struct baseline {
    sqlite3 *db;
    sqlite3_stmt *search;
    int *paragraph_file; /* rowid - 1 -> index in the path list */
    size_t n_paragraphs;
} baseline;

static void baseline_close(baseline *b)
{
    sqlite3_finalize(b->search);
    sqlite3_close(b->db);
    free(b->paragraph_file);
}

/* Loads every paragraph of the files into an in-memory FTS5 table; false after a message (nothing left open). */
static bool baseline_open(baseline *b, const path_list *files)
{
    memset(b, 0, sizeof *b);
    sqlite3_stmt *insert = NULL;
    int rc = sqlite3_open(":memory:", &b->db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(b->db, "CREATE VIRTUAL TABLE p USING fts5(body, tokenize='porter unicode61'); BEGIN", NULL,
                          NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(b->db, "INSERT INTO p(rowid, body) VALUES (?, ?)", -1, &insert, NULL);
    for (size_t f = 0; rc == SQLITE_OK && f < files->n; f++) {
        size_t len = 0;
        char *text = (char *)harness_read_file(files->paths[f], &len);
        if (!text) {
            fprintf(stderr, "eval_passage_answers: cannot read '%s': %s\n", files->paths[f], strerror(errno));
            rc = SQLITE_ERROR;
            break;
        }
        const char *para = NULL, *line = text, *end = text + len;
        while (rc == SQLITE_OK && line <= end) {
            const char *eol = memchr(line, '\n', (size_t)(end - line));
            if (!eol)
                eol = end;
            bool blank = blank_line(line, eol);
            if (!blank && !para)
                para = line;
            if ((blank || eol == end) && para) {
                b->paragraph_file = xrealloc(b->paragraph_file, (b->n_paragraphs + 1) * sizeof *b->paragraph_file);
                b->paragraph_file[b->n_paragraphs++] = (int)f;
                sqlite3_bind_int64(insert, 1, (sqlite3_int64)b->n_paragraphs);
                sqlite3_bind_text(insert, 2, para, (int)((blank ? line : eol) - para), SQLITE_STATIC);
                rc = sqlite3_step(insert) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
                sqlite3_reset(insert);
                para = NULL;
            }
            line = eol + 1;
        }
        free(text);
    }
    sqlite3_finalize(insert);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(b->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(b->db,
                                "SELECT rowid, body, snippet(p, 0, '', '', '…', " FTS5_SNIPPET_TOKENS ") FROM p "
                                "WHERE p MATCH ? ORDER BY bm25(p) LIMIT " FTS5_PARAGRAPHS_READ,
                                -1, &b->search, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "eval_passage_answers: building the FTS5 baseline failed: %s\n",
                b->db ? sqlite3_errmsg(b->db) : "cannot open an in-memory database");
        baseline_close(b);
        return false;
    }
    return true;
}

static outcome baseline_ask(baseline *b, const path_list *files, const question *q, totals *t)
{
    outcome o = {0};
    char *expr = fts5_or_query(q->text);
    if (!expr)
        return o;
    sqlite3_bind_text(b->search, 1, expr, -1, SQLITE_STATIC);
    int seen_files[TOP_ARTICLES];
    size_t n_seen = 0, rows = 0;
    int step;
    while ((step = sqlite3_step(b->search)) == SQLITE_ROW && n_seen < TOP_ARTICLES) {
        sqlite3_int64 rowid = sqlite3_column_int64(b->search, 0);
        int file = rowid >= 1 && (size_t)rowid <= b->n_paragraphs ? b->paragraph_file[rowid - 1] : -1;
        if (file < 0)
            continue;
        if (rows++ == 0) {
            o.answer_in_passage = matches(&q->answer, (const char *)sqlite3_column_text(b->search, 1));
            o.answer_in_snippet = matches(&q->answer, (const char *)sqlite3_column_text(b->search, 2));
            o.top_path = xstrndup(files->paths[file], strlen(files->paths[file]));
            o.article_at_1 = matches(&q->expected_file, files->paths[file]);
        }
        bool repeat = false;
        for (size_t i = 0; i < n_seen; i++)
            repeat = repeat || seen_files[i] == file;
        if (repeat)
            continue;
        seen_files[n_seen++] = file;
        o.article_at_5 = o.article_at_5 || matches(&q->expected_file, files->paths[file]);
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        fprintf(stderr, "eval_passage_answers: FTS5 failed on \"%s\": %s\n", q->text, sqlite3_errmsg(b->db));
        t->failed++;
    }
    sqlite3_reset(b->search);
    free(expr);
    return o;
}

/* ---- presscut ---------------------------------------------------------------------------------------- */

typedef struct presscut {
    const char *bin, *db, *err_path;
} presscut;

static void show_stderr(const char *err_path)
{
    size_t len = 0;
    char *text = (char *)harness_read_file(err_path, &len);
    if (text && len)
        fprintf(stderr, "  %s%s", text, text[len - 1] == '\n' ? "" : "\n");
    free(text);
}

/* Runs one search; returns its JSON lines (malloc'd) or NULL when it failed (after a message) or found
 * nothing (*failed says which). */
static char *presscut_search(const presscut *pc, const char *question_text, const char *limit, const char *snippet,
                             bool *failed)
{
    char *argv[] = {(char *)pc->bin, "--db", (char *)pc->db, "search", "--any", "--format", "jsonl",
                    "-n", (char *)limit, "--snippet", (char *)snippet, "--", (char *)question_text, NULL};
    char *out = NULL;
    size_t out_len = 0;
    int status = run_capture(argv, pc->err_path, &out, &out_len);
    *failed = status != 0 && status != 1;
    if (status == 0)
        return out;
    if (*failed) {
        fprintf(stderr, "eval_passage_answers: presscut search \"%s\" exited with status %d\n", question_text,
                status);
        show_stderr(pc->err_path);
    }
    free(out);
    return NULL;
}

static outcome presscut_ask(const presscut *pc, const question *q, totals *t)
{
    outcome o = {0};
    bool failed = false;
    char *whole = presscut_search(pc, q->text, "5", "0", &failed);
    char *save = NULL;
    size_t rank = 0;
    for (char *line = whole ? strtok_r(whole, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
        json_error_t jerr;
        json_t *hit = json_loads(line, 0, &jerr);
        const char *path = json_string_value(json_object_get(hit, "path"));
        if (!path) {
            fprintf(stderr, "eval_passage_answers: \"%s\": a line without a path: %.120s\n", q->text, line);
            failed = true;
        } else {
            if (rank == 0) {
                o.answer_in_passage = matches(&q->answer, json_string_value(json_object_get(hit, "snippet")));
                o.article_at_1 = matches(&q->expected_file, path);
                o.top_path = xstrndup(path, strlen(path));
            }
            o.article_at_5 = o.article_at_5 || matches(&q->expected_file, path);
            rank++;
        }
        json_decref(hit);
    }
    free(whole);
    char *shown = presscut_search(pc, q->text, "1", "240", &failed);
    json_t *hit = shown ? json_loads(shown, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
    o.answer_in_snippet = matches(&q->answer, json_string_value(json_object_get(hit, "snippet")));
    json_decref(hit);
    free(shown);
    t->failed += failed;
    return o;
}

static bool presscut_index(const presscut *pc, const char *corpus)
{
    char *folders[2] = {xpath_in(corpus, corpus_folders[0]), xpath_in(corpus, corpus_folders[1])};
    char *argv[] = {(char *)pc->bin, "--db", (char *)pc->db, "index", folders[0], folders[1], NULL};
    char *out = NULL;
    size_t out_len = 0;
    int status = run_capture(argv, pc->err_path, &out, &out_len);
    free(out);
    free(folders[0]);
    free(folders[1]);
    if (status != 0) {
        fprintf(stderr, "eval_passage_answers: presscut index exited with status %d\n", status);
        show_stderr(pc->err_path);
        return false;
    }
    return true;
}

/* ---- main -------------------------------------------------------------------------------------------- */

static void print_row(const char *system, const totals *t, size_t n)
{
    printf("%-34s %9zu/%-3zu %9zu/%-3zu %9zu/%-3zu %9zu/%-3zu %6zu\n", system, t->answer_in_passage, n,
           t->answer_in_snippet, n, t->article_at_1, n, t->article_at_5, n, t->failed);
}

static const char *short_path(const char *path, const char *corpus)
{
    if (!path)
        return "-";
    size_t n = strlen(corpus);
    return !strncmp(path, corpus, n) && path[n] == '/' ? path + n + 1 : path;
}

static void usage(void)
{
    fprintf(stderr, "usage: eval_passage_answers --presscut BIN --questions TSV [--corpus DIR] [--db PATH] "
                    "[--per-question] [--check]\n");
}

/* Exit status for a missing corpus: 77 (skip), or 2 under CI=true, where it must be present. */
static int missing_corpus(const char *corpus)
{
    const char *ci = getenv("CI");
    bool in_ci = ci && !strcmp(ci, "true");
    fprintf(stderr, "eval_passage_answers: the shared corpus is not at '%s'%s\n", corpus,
            in_ci ? " (required under CI=true)" : "; skipped");
    return in_ci ? 2 : 77;
}

int main(int argc, char **argv)
{
    const char *bin = NULL, *questions_path = NULL, *corpus = NULL, *db = NULL;
    bool per_question = false, check = false;
    for (int i = 1; i < argc; i++) {
        bool has_value = i + 1 < argc;
        if (!strcmp(argv[i], "--presscut") && has_value)
            bin = argv[++i];
        else if (!strcmp(argv[i], "--questions") && has_value)
            questions_path = argv[++i];
        else if (!strcmp(argv[i], "--corpus") && has_value)
            corpus = argv[++i];
        else if (!strcmp(argv[i], "--db") && has_value)
            db = argv[++i];
        else if (!strcmp(argv[i], "--per-question"))
            per_question = true;
        else if (!strcmp(argv[i], "--check"))
            check = true;
        else {
            usage();
            return 2;
        }
    }
    if (!bin || !questions_path) {
        usage();
        return 2;
    }
    char *corpus_owned = NULL;
    if (!corpus) {
        const char *shared = getenv("PRESSCUT_SHARED");
        corpus = corpus_owned = xpath_in(shared && *shared ? shared : "../shared", "corpus");
    }
    path_list files = {0};
    for (size_t i = 0; i < sizeof corpus_folders / sizeof corpus_folders[0]; i++) {
        char *folder = xpath_in(corpus, corpus_folders[i]);
        collect_texts(folder, &files);
        free(folder);
    }
    if (files.n == 0) {
        int rc = missing_corpus(corpus);
        free(corpus_owned);
        return rc;
    }
    qsort(files.paths, files.n, sizeof *files.paths, compare_paths);

    question_set set = {0};
    baseline base;
    bool base_open = false;
    char tmp_dir[] = "/tmp/presscut-passage-answers-XXXXXX";
    bool tmp_made = mkdtemp(tmp_dir) != NULL;
    char *err_path = xpath_in(tmp_dir, "stderr"), *db_owned = NULL;
    if (!db)
        db = db_owned = xpath_in(tmp_dir, "index.db");
    presscut pc = {.bin = bin, .db = db, .err_path = err_path};
    int exit_code = 2;
    if (!tmp_made) {
        fprintf(stderr, "eval_passage_answers: cannot make a temporary folder in /tmp: %s\n", strerror(errno));
        goto done;
    }
    if (!read_questions(questions_path, &set) || !(base_open = baseline_open(&base, &files)) ||
        !presscut_index(&pc, corpus))
        goto done;

    totals pc_totals = {0}, base_totals = {0};
    outcome *pc_out = xmalloc(set.n * sizeof *pc_out), *base_out = xmalloc(set.n * sizeof *base_out);
    for (size_t i = 0; i < set.n; i++) {
        pc_out[i] = presscut_ask(&pc, &set.items[i], &pc_totals);
        base_out[i] = baseline_ask(&base, &files, &set.items[i], &base_totals);
        add_outcome(&pc_totals, &pc_out[i]);
        add_outcome(&base_totals, &base_out[i]);
    }
    printf("%zu questions over %zu files (%zu paragraphs); answer = the answer regex found in the text shown\n",
           set.n, files.n, base.n_paragraphs);
    printf("%-34s %13s %13s %13s %13s %6s\n", "system", "answer@1 psg", "answer@1 snip", "article@1",
           "article@5", "failed");
    const char *params = getenv("PRESSCUT_RANK_PARAMS");
    char name[128];
    snprintf(name, sizeof name, "presscut --any%s%.20s", params && *params ? " " : "", params ? params : "");
    print_row(name, &pc_totals, set.n);
    print_row("FTS5 per paragraph, porter bm25", &base_totals, set.n);
    if (per_question) {
        printf("\n%-4s %-22s %-22s %-40s %s\n", "line", "presscut psg snip a@1 a@5", "fts5 psg snip a@1 a@5",
               "question", "presscut top file / fts5 top file");
        for (size_t i = 0; i < set.n; i++) {
            const outcome *a = &pc_out[i], *b = &base_out[i];
            printf("%-4d      %d    %d   %d   %d        %d    %d   %d   %d   %-40.40s %s / %s\n", set.items[i].line,
                   a->answer_in_passage, a->answer_in_snippet, a->article_at_1, a->article_at_5, b->answer_in_passage,
                   b->answer_in_snippet, b->article_at_1, b->article_at_5, set.items[i].text,
                   short_path(a->top_path, corpus), short_path(b->top_path, corpus));
        }
    }
    exit_code = pc_totals.failed || base_totals.failed ? 2 : 0;
    if (check && exit_code == 0 &&
        (pc_totals.answer_in_passage < base_totals.answer_in_passage ||
         pc_totals.answer_in_snippet < base_totals.answer_in_snippet)) {
        fprintf(stderr, "eval_passage_answers: presscut shows the answer less often than FTS5 per paragraph "
                        "(passage %zu against %zu, snippet %zu against %zu); rerun with --per-question to see which\n",
                pc_totals.answer_in_passage, base_totals.answer_in_passage, pc_totals.answer_in_snippet,
                base_totals.answer_in_snippet);
        exit_code = 1;
    }
    for (size_t i = 0; i < set.n; i++) {
        free(pc_out[i].top_path);
        free(base_out[i].top_path);
    }
    free(pc_out);
    free(base_out);

done:
    if (base_open)
        baseline_close(&base);
    free_questions(&set);
    for (size_t i = 0; i < files.n; i++)
        free(files.paths[i]);
    free(files.paths);
    if (tmp_made) {
        if (db_owned) {
            const char *index_files[] = {"index.db", "index.db-wal", "index.db-shm"};
            for (size_t i = 0; i < 3; i++) {
                char *path = xpath_in(tmp_dir, index_files[i]);
                unlink(path);
                free(path);
            }
        }
        unlink(err_path);
        rmdir(tmp_dir);
    }
    free(err_path);
    free(db_owned);
    free(corpus_owned);
    return exit_code;
}
