/* indexer.c — the `index` job (see include/presscut/index/indexer.h): walk, skip unchanged files, read and
 * parse the others on a worker thread, write them to the store in batched transactions, prune.
 *
 * Threads: the caller's thread owns the store (lookups and writes) and calls every callback; one worker
 * thread reads files and turns them into articles (decode, parse, language, passages), which needs no
 * database. The files are listed a chunk at a time (pc_index_options.chunk_files, a resumable walk), and
 * jobs are handed over in walk order through a window of bounded size, so memory stays flat however many
 * files and however large the corpus is; a large file of one record a line is several jobs, one per part of it
 * (file_job.parts), so memory stays flat however large one file is too.
 *
 * A third thread, the stemmer, computes the Ukrainian stems the store records for the Cyrillic words of
 * articles in other languages (its stem_lookup table, for queries) between the worker and the writer:
 * hunspell takes tens of microseconds a word, which would otherwise be spent on the writer thread when the
 * store commits, or on the worker, which is the slower of the two on Slavic news. A job that needs no
 * stems goes from the worker to the writer directly. */
#include "presscut/index/indexer.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "presscut/core/array.h"
#include "presscut/core/hash.h"
#include "presscut/ingest/langid.h"
#include "presscut/ingest/unwrap.h"
#include "presscut/ingest/passage.h"
#include "presscut/ingest/boilerplate.h"
#include "presscut/ingest/fields.h"
#include "presscut/ingest/line_tally.h"
#include "presscut/ingest/neardup.h"
#include "presscut/ingest/reader.h"
#include "presscut/store/body_codec.h"
#include "presscut/store/prepared_article.h"
#include "presscut/text/stem_cache.h"
#include "presscut/text/term_list.h"
#include "presscut/text/text_decode.h"
#include "presscut/index/walk.h"

#define DEFAULT_BATCH_BYTES (16LL * 1024 * 1024)
/* How far the worker may run ahead of the writer: jobs, and bytes of memory the read jobs hold (their
 * articles' texts and pre-analysed terms, which take about ten times the text). The memory bound, with the
 * store's FTS queue (see store_fts.c), is most of what indexing holds beyond SQLite's page cache; it lets the
 * worker keep reading while the writer flushes the queue. */
#define WINDOW_JOBS 4096
#define WINDOW_MEMORY (4LL * 1024 * 1024)
/* The pre-analysed terms one job may hold: the passages of a file with more (a large JSON Lines or CSV
 * export) are left to the store's tokenizer, which analyses them as it writes, so memory stays bounded
 * whatever the size of one file. */
#define JOB_TERMS_MEMORY (8LL * 1024 * 1024)
/* Language detection looks at the start of an article only. */
#define LANGID_SAMPLE_BYTES 8192
/* A file of one record a line (pc_reader.line_records) larger than this is read in parts of about this size
 * (pc_index_options.part_bytes), each a job of its own, so that memory stays bounded however large the file. */
#define DEFAULT_PART_BYTES (512LL * 1024)
/* Files listed and read at a time (pc_index_options.chunk_files). */
#define DEFAULT_CHUNK_FILES 4096
/* The block in which a file read in parts is hashed and checked before its first part is read. */
#define CHECK_BLOCK_BYTES (1024 * 1024)

typedef enum job_outcome {
    JOB_PENDING,
    JOB_UNCHANGED,   /* same size and mtime as stored: decided without reading */
    JOB_SAME_HASH,   /* read, but the content hash is the stored one */
    JOB_WRITE,       /* new or changed: articles to write */
    JOB_SKIPPED,     /* content cannot be indexed */
    JOB_FAILED,      /* cannot be read */
    JOB_PART_SETTLED, /* a later part of a file its first part settled (read whole, unchanged, skipped) */
} job_outcome;

typedef struct job_note {
    pc_note_kind kind;
    long line;
    char *msg;
} job_note;

typedef struct file_job {
    const pc_walk_file *file;
    pc_file_state stored;
    /* A large file of one record a line is read in `parts` jobs, this one its part-th (0-based); 1 and 0
     * for a file read whole. Parts are the file's lines from where the part before ended to about
     * part_bytes further, cut after a newline; the last part reads to the end. */
    size_t part, parts;
    bool whole; /* read whole: a file of one part, or one its first part found unfit to be read in parts */
    /* Filled by the worker: */
    job_outcome outcome;
    char hash[PC_HASH_HEX_LEN + 1];
    pc_prepared_article **articles; /* each with what the worker and the stemmer work out ahead */
    size_t n_articles, cap_articles;
    job_note *notes;
    size_t n_notes, cap_notes;
    bool repaired, converted;
    size_t boilerplate_lines; /* removed from this file's articles */
    long long bytes_read;
    long long memory; /* bytes its articles hold once read (see job_memory), counted in the window */
    /* Articles from this index on may need Ukrainian stems (indexer.uk_seen); n_articles when none. */
    size_t stem_from;
    bool read; /* the worker is done with it and the stemmer has work: the job is not done yet */
    bool done; /* ready for the writer */
} file_job;

typedef struct indexer {
    pc_store *store;
    const pc_index_options *opt;
    const pc_index_callbacks *cb;
    pc_index_summary *summary;
    pc_index_summary pending; /* written in the open transaction: counted in summary once committed */
    /* The worker's analyzer (same configuration as the store's): passages are analysed on the worker
     * thread and their terms handed to the store, so the writer thread only writes. NULL: the store's
     * tokenizer analyses instead. */
    pc_analyzer *analyzer;
    /* The Ukrainian stems of other-language articles (pc_prepared_article.uk_stems), computed once the index
     * has Ukrainian articles (when the run starts, or met by the worker since): the store records such words
     * for queries only then. uk_seen belongs to the worker after the start, stem_ahead to the stemmer. */
    bool uk_seen;
    pc_stem_ahead *stem_ahead; /* NULL when no stems are wanted */
    pc_body_packer *packer;    /* the worker's: bodies are compressed there, not on the writer thread */
    pc_body_sampler *sampler;  /* the worker's, while the index has no body dictionary: it trains one */

    file_job *jobs;
    size_t n_jobs, n_files; /* of the chunk; jobs: a file read in parts takes several (file_job.parts) */
    pc_index_progress progress; /* over the chunks of the pass */
    bool force; /* this pass re-reads every job's file (--force, or the second pass) */
    /* Keys of the edge lines the sources repeat (boilerplate rule 3 across files), sorted; read from the
     * store when the run starts. */
    uint64_t *known_lines;
    size_t n_known_lines;
    /* The edge lines of the articles read in the first pass, counted as the worker reads them, so that a
     * line a source repeats is removed from the articles read after it is found (the second pass then only
     * mends the articles read before). The worker's during the first pass; NULL in the second. */
    pc_line_tally *tally;
    /* The file the worker reads in parts (file_job.parts): whether its first part found it fit to be read in
     * parts (else that part settled it), where the next part starts, in bytes and lines, and its hash. */
    struct {
        const pc_walk_file *file;
        bool in_parts;
        long long offset;
        long next_line;
        char hash[PC_HASH_HEX_LEN + 1];
    } parts;
    /* The writer's: a file read in parts whose part the store refused (its later parts are not written), and
     * the articles written from the parts of the current file. */
    const pc_walk_file *refused_file;
    long long part_articles;

    pthread_mutex_t lock;
    pthread_cond_t job_read;    /* worker -> stemmer: a job is read */
    pthread_cond_t job_done;    /* worker or stemmer -> writer: a job is done */
    pthread_cond_t window_free; /* writer -> worker: the window has room again */
    size_t consumed;            /* jobs the writer has finished with */
    long long memory_in_flight; /* bytes the jobs read and not yet consumed hold (file_job.memory) */
    bool cancel;                /* writer -> worker and stemmer: stop */
    size_t finished;            /* jobs the worker is done with (read or done) */
    bool worker_exited;         /* the worker thread has left its loop */
    bool stemmer_stopped;       /* the stemmer thread has left its loop (no job is done by it any more) */
    int worker_error;           /* a fatal PC_E* code from the worker (out of memory, a stemmer missing) */
    pc_error worker_err;        /* its message, when there is one; read by the writer after worker_error */
} indexer;

/* ---- notes and articles collected by the worker ---- */

static int job_note_add(file_job *job, pc_note_kind kind, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int job_note_add(file_job *job, pc_note_kind kind, long line, const char *fmt, ...)
{
    job_note *notes = pc_array_reserve(job->notes, &job->cap_notes, job->n_notes + 1, sizeof *notes, 4);
    if (!notes)
        return PC_ENOMEM;
    job->notes = notes;
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && (msg = malloc((size_t)n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (!msg)
        return PC_ENOMEM;
    job->notes[job->n_notes++] = (job_note){.kind = kind, .line = line, .msg = msg};
    return PC_OK;
}

static void job_release(file_job *job)
{
    for (size_t i = 0; i < job->n_articles; i++) {
        pc_prepared_article_clear(job->articles[i]);
        free(job->articles[i]);
    }
    free(job->articles);
    job->articles = NULL;
    job->n_articles = job->cap_articles = 0;
    for (size_t i = 0; i < job->n_notes; i++)
        free(job->notes[i].msg);
    free(job->notes);
    job->notes = NULL;
    job->n_notes = job->cap_notes = 0;
}

/* ---- the worker: one file to articles ---- */

typedef struct read_context {
    indexer *ix;
    file_job *job;
    int error; /* a fatal PC_E* code while collecting (message in ix->worker_err) */
    long long terms_memory; /* bytes the job's pre-analysed terms take (see JOB_TERMS_MEMORY) */
} read_context;

static char *parent_folder_name(const char *path)
{
    const char *last = strrchr(path, '/');
    if (!last || last == path)
        return NULL;
    const char *start = last - 1;
    while (start > path && *(start - 1) != '/')
        start--;
    size_t len = (size_t)(last - start);
    if (len == 0)
        return NULL;
    char *name = malloc(len + 1);
    if (name) {
        memcpy(name, start, len);
        name[len] = '\0';
    }
    return name;
}

/* Analyses every passage ahead of the writer (see indexer.analyzer) while the job's terms take less than
 * JOB_TERMS_MEMORY (*terms_memory: what they take so far, updated). A passage whose analysis fails or that
 * is over the budget is left to the store's tokenizer. Returns 0 or PC_ENOMEM. */
static int analyze_passages(pc_analyzer *analyzer, pc_prepared_article *prepared, long long *terms_memory)
{
    const pc_article *a = &prepared->article;
    if (!analyzer || a->n_passages == 0 || *terms_memory >= JOB_TERMS_MEMORY)
        return PC_OK;
    prepared->passage_terms = calloc(a->n_passages, sizeof *prepared->passage_terms);
    if (!prepared->passage_terms)
        return PC_ENOMEM;
    for (size_t i = 0; i < a->n_passages && *terms_memory < JOB_TERMS_MEMORY; i++) {
        const pc_passage_span *p = &a->passages[i];
        int rc = pc_term_list_build(analyzer, a->lang, a->body + p->start, p->end - p->start,
                                    &prepared->passage_terms[i]);
        if (rc == PC_ENOMEM)
            return rc;
        *terms_memory += (long long)pc_term_list_memory(prepared->passage_terms[i]);
    }
    return PC_OK;
}

/* About the bytes the job's articles hold: texts and pre-analysed terms (the small parts are left out). */
static long long job_memory(const file_job *job)
{
    long long bytes = 0;
    for (size_t i = 0; i < job->n_articles; i++) {
        const pc_prepared_article *p = job->articles[i];
        const pc_article *a = &p->article;
        bytes += (long long)(sizeof *p + a->body_len + p->packed_len + (a->title ? strlen(a->title) : 0));
        for (size_t k = 0; p->passage_terms && k < a->n_passages; k++)
            bytes += (long long)pc_term_list_memory(p->passage_terms[k]);
    }
    return bytes;
}

/* ---- Ukrainian stems of other-language words (see indexer.stem_ahead) ---- */

/* Computes the Ukrainian stems of the article's Cyrillic words not handed out before in this run: those of
 * its passages (their terms are ready) and of its title (analysed here; the store's tokenizer analyses
 * titles on the writer thread). Returns 0 or PC_ENOMEM. */
static int uk_stem_article(indexer *ix, pc_prepared_article *p)
{
    const pc_article *a = &p->article;
    int rc = PC_OK;
    for (size_t i = 0; p->passage_terms && i < a->n_passages && rc == PC_OK; i++)
        rc = pc_stem_ahead_terms(ix->stem_ahead, p->passage_terms[i], &p->uk_stems);
    if (rc == PC_OK && a->title && a->title[0])
        rc = pc_stem_ahead_text(ix->stem_ahead, a->lang, a->title, strlen(a->title), &p->uk_stems);
    return rc;
}

/* True if the text may hold a Cyrillic letter (a UTF-8 lead byte D0-D4). A word that only folding makes
 * Cyrillic is missed: the store then stems it itself, as for every word it is not handed. */
static bool may_have_cyrillic(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] >= 0xD0 && (unsigned char)text[i] <= 0xD4)
            return true;
    return false;
}

/* Worker: notes which articles of the finished job may need Ukrainian stems (job->stem_from) and returns
 * whether any does. Articles are taken in walk order, as the store writes them. */
static bool mark_stem_articles(indexer *ix, file_job *job)
{
    job->stem_from = job->n_articles;
    if (!ix->stem_ahead)
        return false;
    bool any = false;
    for (size_t i = 0; i < job->n_articles; i++) {
        const pc_article *a = &job->articles[i]->article;
        if (strcmp(a->lang, PC_STEM_RECORD_LANG) == 0) {
            ix->uk_seen = true; /* the store records other-language words from this article on */
            continue;
        }
        if (!ix->uk_seen || !a->lang[0] ||
            !(may_have_cyrillic(a->body, a->body_len) || (a->title && may_have_cyrillic(a->title, strlen(a->title)))))
            continue;
        if (!any)
            job->stem_from = i;
        any = true;
    }
    return any;
}

/* Stemmer: computes the Ukrainian stems of the job's articles that may need them. Returns 0 or PC_ENOMEM. */
static int stem_job(indexer *ix, file_job *job)
{
    if (!ix->stem_ahead)
        return PC_OK;
    for (size_t i = job->stem_from; i < job->n_articles; i++) {
        const pc_article *a = &job->articles[i]->article;
        if (strcmp(a->lang, PC_STEM_RECORD_LANG) == 0 || !a->lang[0] || a->n_passages == 0)
            continue;
        int rc = uk_stem_article(ix, job->articles[i]);
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

/* Fills what readers leave to the indexer: language and passages (and their terms). */
static int finish_article(read_context *rc, pc_prepared_article *p)
{
    pc_article *a = &p->article;
    const pc_index_options *opt = rc->ix->opt;
    if (!a->lang) {
        const char *lang = opt->forced_lang;
        if (!lang) {
            size_t sample = a->body_len < LANGID_SAMPLE_BYTES ? a->body_len : LANGID_SAMPLE_BYTES;
            lang = pc_langid_detect(a->body, sample);
        }
        if (!lang)
            lang = opt->default_lang ? opt->default_lang : PC_DEFAULT_LANG;
        a->lang = strdup(lang);
        if (!a->lang)
            return PC_ENOMEM;
    } else if (opt->forced_lang) {
        char *lang = strdup(opt->forced_lang);
        if (!lang)
            return PC_ENOMEM;
        free(a->lang);
        a->lang = lang;
    }
    pc_error err;
    pc_error_clear(&err);
    int rc_split = pc_passages_split(a, a->lang, &err);
    if (rc_split == PC_ENOMEM)
        return PC_ENOMEM;
    if (rc_split != PC_OK)
        return job_note_add(rc->job, PC_NOTE_WARNING, 0, "%s; article skipped", err.msg) == PC_OK ? 1 : PC_ENOMEM;
    /* A stemmer that cannot be made (hunspell-uk missing) stops the run with its own words, before the
     * store's tokenizer would fail with less helpful ones. */
    int prepared = pc_analyzer_prepare(rc->ix->analyzer, a->lang, &rc->ix->worker_err);
    if (prepared != PC_OK)
        return prepared;
    /* The near-duplicate signature is made here, on the worker, so the writer only looks up its bands. */
    if (pc_neardup_signature_new(a->body, a->body_len, &p->signature) != PC_OK)
        return PC_ENOMEM;
    const pc_body_dictionary *dict = pc_store_body_dictionary(rc->ix->store);
    pc_body_dictionary *trained = NULL;
    if (!dict && rc->ix->sampler && pc_body_sampler_add(rc->ix->sampler, a->body, a->body_len, &trained) != PC_OK)
        return PC_ENOMEM;
    if (trained)
        dict = pc_store_offer_body_dictionary(rc->ix->store, trained);
    if (pc_body_pack(rc->ix->packer, dict, a->body, a->body_len, &p->packed_body, &p->packed_len) != PC_OK)
        return PC_ENOMEM;
    return analyze_passages(rc->ix->analyzer, p, &rc->terms_memory);
}

/* Takes each article the reader finds into the job; they are finished once the whole file is read (see
 * finish_articles), because boilerplate removal compares the articles of one file with each other. */
static int collect_article(void *payload, pc_article *article)
{
    read_context *rc = payload;
    file_job *job = rc->job;
    if (job->n_articles == job->cap_articles) {
        size_t cap = job->cap_articles ? job->cap_articles * 2 : 4;
        pc_prepared_article **grown = realloc(job->articles, cap * sizeof *grown);
        if (!grown) {
            rc->error = PC_ENOMEM;
            return PC_ENOMEM;
        }
        job->articles = grown;
        job->cap_articles = cap;
    }
    pc_prepared_article *moved = calloc(1, sizeof *moved);
    if (!moved) {
        rc->error = PC_ENOMEM;
        return PC_ENOMEM;
    }
    moved->article = *article;
    memset(article, 0, sizeof *article);
    job->articles[job->n_articles++] = moved;
    return 0;
}

/* Strips the boilerplate of the job's articles (pc_boilerplate_strip) and keeps their edge lines for the
 * store. Returns 0 or PC_ENOMEM. */
static int strip_boilerplate(const indexer *ix, file_job *job, size_t *removed)
{
    size_t n = job->n_articles;
    *removed = 0;
    if (n == 0)
        return PC_OK;
    pc_article **plain = malloc(n * sizeof *plain);
    pc_edge_lines *lines = calloc(n, sizeof *lines);
    int rc = plain && lines ? PC_OK : PC_ENOMEM;
    for (size_t i = 0; rc == PC_OK && i < n; i++)
        plain[i] = &job->articles[i]->article;
    if (rc == PC_OK)
        rc = pc_boilerplate_strip_judged(plain, n, ix->known_lines, ix->n_known_lines,
                                         ix->tally ? pc_line_tally_judge : NULL, ix->tally, lines, removed);
    for (size_t i = 0; lines && i < n; i++) {
        pc_edge_lines_clear(&job->articles[i]->edge_lines);
        job->articles[i]->edge_lines = lines[i]; /* moved; cleared by pc_prepared_article_clear */
    }
    free(plain);
    free(lines);
    return rc;
}

/* Removes control characters and terminal escape sequences from the article's text fields
 * (pc_text_drop_controls). Returns 0 or PC_ENOMEM. */
static int drop_controls(pc_article *a)
{
    char **fields[] = {&a->title, &a->source, &a->url, &a->record, &a->tags};
    int rc = pc_text_drop_controls(&a->body, &a->body_len);
    for (size_t i = 0; rc == PC_OK && i < sizeof fields / sizeof fields[0]; i++) {
        size_t len = *fields[i] ? strlen(*fields[i]) : 0;
        rc = pc_text_drop_controls(fields[i], &len);
    }
    return rc;
}

/* Cleans the file's articles (control characters, site names in titles, the source from the url or folder,
 * hard-wrapped lines rejoined, boilerplate), then detects languages and cuts passages; articles left without words are dropped.
 * Returns 0 or a PC_E* code. */
static int finish_articles(read_context *rc)
{
    file_job *job = rc->job;
    for (size_t i = 0; i < job->n_articles; i++) {
        pc_article *a = &job->articles[i]->article;
        /* a reader's character references and escapes can still make controls and terminal escapes */
        if (drop_controls(a) != PC_OK)
            return PC_ENOMEM;
        pc_boilerplate_clean_title(a->title);
        /* the source first: boilerplate rule 3 counts lines per source */
        if (!a->source && a->url)
            a->source = pc_url_domain(a->url);
        if (!a->source)
            a->source = parent_folder_name(job->file->path);
        /* boilerplate rules and passages judge paragraphs, not the lines of hard-wrapped text */
        if (pc_unwrap_body(a, NULL) != PC_OK)
            return PC_ENOMEM;
    }
    size_t removed = 0;
    int rc_strip = strip_boilerplate(rc->ix, job, &removed);
    if (rc_strip != PC_OK)
        return rc_strip;
    job->boilerplate_lines = removed;
    size_t kept = 0;
    for (size_t i = 0; i < job->n_articles; i++) {
        pc_prepared_article *a = job->articles[i];
        int fin = finish_article(rc, a);
        if (fin < 0) {
            for (size_t k = i; k < job->n_articles; k++) {
                pc_prepared_article_clear(job->articles[k]);
                free(job->articles[k]);
            }
            job->n_articles = kept;
            return fin;
        }
        if (fin != PC_OK || a->article.n_passages == 0) {
            pc_prepared_article_clear(a); /* no passage (no words): nothing to index */
            free(a);
            continue;
        }
        job->articles[kept++] = a;
    }
    job->n_articles = kept;
    /* counted once finished: the store keeps only articles with passages, and rule 3 counts those */
    for (size_t i = 0; rc->ix->tally && i < kept; i++)
        if (pc_line_tally_add_article(rc->ix->tally, job->articles[i]->article.source,
                                      &job->articles[i]->edge_lines) != PC_OK)
            return PC_ENOMEM;
    return PC_OK;
}

static void collect_warning(void *payload, const char *path, long line, const char *msg)
{
    read_context *rc = payload;
    if (job_note_add(rc->job, PC_NOTE_WARNING, line, "%s", msg) != PC_OK)
        rc->error = PC_ENOMEM;
}

static int read_whole_file(const char *path, long long expected, unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return PC_EIO;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return PC_EIO;
    }
    size_t cap = (size_t)(st.st_size > expected ? st.st_size : expected) + 1;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return PC_ENOMEM;
    }
    size_t len = 0;
    for (;;) {
        if (len + 1 >= cap) { /* the file grew while we read it */
            unsigned char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                close(fd);
                return PC_ENOMEM;
            }
            buf = grown;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            free(buf);
            close(fd);
            errno = saved;
            return PC_EIO;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return PC_OK;
}

static void format_bytes(char *buf, size_t size, long long bytes)
{
    if (bytes >= 1024LL * 1024 * 1024)
        snprintf(buf, size, "%.1f GiB", (double)bytes / (1024.0 * 1024 * 1024));
    else if (bytes >= 1024LL * 1024)
        snprintf(buf, size, "%.1f MiB", (double)bytes / (1024.0 * 1024));
    else if (bytes >= 1024)
        snprintf(buf, size, "%.1f KiB", (double)bytes / 1024.0);
    else
        snprintf(buf, size, "%lld bytes", bytes);
}

/* Decodes `data` (len bytes; freed here: readers read the decoded text, so one copy of a large file is held,
 * not two) and reads the articles of the file's text from line first_line on into the job, finished. A part
 * of a file (job->parts > 1) is valid UTF-8 and may hold no article; a whole file without one is skipped.
 * *lines (may be NULL) gets the number of lines the decoded text holds. Returns 0 (the outcome says what
 * happened) or PC_ENOMEM. */
static int read_articles(indexer *ix, file_job *job, const pc_reader *reader, unsigned char *data, size_t len,
                         long first_line, long *lines)
{
    const pc_walk_file *file = job->file;
    bool part = !job->whole;
    pc_decoded_text decoded;
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_text_decode(data, len, &decoded, &err);
    free(data);
    if (rc == PC_ENOMEM)
        return rc;
    if (rc != PC_OK && part) { /* only white space: a part holds no NUL (see check_parts_fit) */
        job->outcome = JOB_WRITE;
        return PC_OK;
    }
    if (rc != PC_OK) {
        job->outcome = JOB_SKIPPED;
        return job_note_add(job, PC_NOTE_SKIPPED, 0, "%s", err.msg);
    }
    for (size_t i = 0; lines && i < decoded.len; i++)
        *lines += decoded.text[i] == '\n';
    if (decoded.encoding == PC_ENC_UTF8_REPAIRED) {
        job->repaired = true;
        rc = job_note_add(job, PC_NOTE_WARNING, 0, "%zu invalid UTF-8 sequence%s replaced by U+FFFD", decoded.repaired,
                          decoded.repaired == 1 ? "" : "s");
    } else if (decoded.encoding == PC_ENC_CP1252) {
        job->converted = true;
        rc = job_note_add(job, PC_NOTE_WARNING, 0, "not UTF-8: read as Windows-1252 (Latin-1)");
    } else if (decoded.encoding == PC_ENC_UTF16) {
        job->converted = true;
    }
    if (rc != PC_OK) {
        free(decoded.text);
        return rc;
    }

    pc_reader_input in = {
        .path = file->path, .text = decoded.text, .text_len = decoded.len,
        .map = ix->opt->field_map, .first_line = first_line};
    read_context ctx = {.ix = ix, .job = job};
    pc_error_clear(&err);
    rc = reader->read(&in, collect_article, collect_warning, &ctx, &err);
    free(decoded.text);
    if (ctx.error < 0)
        return ctx.error;
    if (rc >= 0) {
        int fin = finish_articles(&ctx);
        if (fin < 0)
            return fin;
    }
    if (rc == PC_ENOMEM)
        return PC_ENOMEM;
    if (rc < 0) {
        job->outcome = JOB_SKIPPED;
        return job_note_add(job, PC_NOTE_SKIPPED, 0, "%s", err.msg[0] ? err.msg : "unreadable content");
    }
    if (job->n_articles == 0 && !part) {
        job->outcome = JOB_SKIPPED;
        /* The reader usually said why ("no text after the title"): that becomes the reason. */
        if (job->n_notes > 0 && job->notes[job->n_notes - 1].kind == PC_NOTE_WARNING) {
            job->notes[job->n_notes - 1].kind = PC_NOTE_SKIPPED;
            return PC_OK;
        }
        return job_note_add(job, PC_NOTE_SKIPPED, 0, "no article text found");
    }
    job->outcome = JOB_WRITE;
    job->memory = job_memory(job);
    return PC_OK;
}

/* Reads up to len bytes at offset; *got gets how many (fewer only at the end of the file). Returns 0 or
 * PC_EIO with errno set. */
static int read_at(int fd, unsigned char *buf, size_t len, long long offset, size_t *got)
{
    *got = 0;
    while (*got < len) {
        ssize_t n = pread(fd, buf + *got, len - *got, (off_t)(offset + (long long)*got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return PC_EIO;
        if (n == 0)
            break;
        *got += (size_t)n;
    }
    return PC_OK;
}

/* Reads the file's bytes from `offset`: to its end when `to_end`, else about `want` bytes cut after their
 * last newline (further, to the next newline or the end, when they hold none). *out (malloc'd, the caller
 * frees; NULL when empty) and *out_len get them. Returns 0, PC_ENOMEM, or PC_EIO with errno set. */
static int read_part_bytes(const char *path, long long offset, size_t want, bool to_end, unsigned char **out,
                           size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return PC_EIO;
    size_t cap = want > 0 ? want : CHECK_BLOCK_BYTES, len = 0;
    unsigned char *buf = NULL;
    int rc = PC_OK;
    size_t cut = 0; /* the part's length once known */
    for (;;) {
        unsigned char *grown = realloc(buf, cap + 1);
        if (!grown) {
            rc = PC_ENOMEM;
            break;
        }
        buf = grown;
        size_t got = 0;
        if ((rc = read_at(fd, buf + len, cap - len, offset + (long long)len, &got)) != PC_OK)
            break;
        size_t searched = len;
        len += got;
        if (len < cap) { /* the end of the file */
            cut = len;
            break;
        }
        if (!to_end) {
            const unsigned char *nl = NULL;
            for (size_t i = len; i > searched && !nl; i--)
                if (buf[i - 1] == '\n')
                    nl = buf + i - 1;
            if (nl) {
                cut = (size_t)(nl - buf) + 1;
                break;
            }
        }
        cap *= 2;
    }
    int saved = errno;
    close(fd);
    if (rc != PC_OK || cut == 0) {
        free(buf);
        errno = saved;
        return rc;
    }
    *out = buf;
    *out_len = cut;
    return PC_OK;
}

/* Reads the file of the job's first part through once, in blocks: hashes it (into job->hash) and tells in
 * *fit whether it can be read in parts with the results of reading it whole: valid UTF-8 throughout (each
 * part then decodes as the whole file does) without a NUL byte. Returns 0, PC_ENOMEM, or PC_EIO with errno
 * set. */
static int check_parts_fit(file_job *job, bool *fit)
{
    *fit = true;
    int fd = open(job->file->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return PC_EIO;
    unsigned char *buf = malloc(CHECK_BLOCK_BYTES);
    pc_hash_stream *hash = pc_hash_stream_new();
    int rc = buf && hash ? PC_OK : PC_ENOMEM;
    size_t held = 0; /* bytes at the start of buf carried from the block before: hashed, not yet checked */
    for (long long offset = 0; rc == PC_OK;) {
        size_t got = 0;
        if ((rc = read_at(fd, buf + held, CHECK_BLOCK_BYTES - held, offset, &got)) != PC_OK)
            break;
        pc_hash_stream_add(hash, buf + held, got);
        offset += (long long)got;
        size_t len = held + got;
        bool end = len < CHECK_BLOCK_BYTES;
        if (offset == (long long)got && got >= 2 && (buf[0] == 0xFF || buf[0] == 0xFE))
            *fit = false; /* a UTF-16 byte order mark (not UTF-8 anyway) */
        if (got > 0 && memchr(buf + held, '\0', got))
            *fit = false;
        /* checked up to the last newline (a character never spans one); the rest waits for the next block */
        size_t checked = len;
        if (!end) {
            while (checked > 0 && buf[checked - 1] != '\n')
                checked--;
            if (checked == 0) { /* no newline in a whole block: up to the start of its last character */
                checked = len;
                for (int back = 0; back < 3 && (buf[checked - 1] & 0xC0) == 0x80; back++)
                    checked--;
                if (buf[checked - 1] >= 0xC0)
                    checked--;
            }
        }
        if (*fit && !pc_utf8_valid((const char *)buf, checked))
            *fit = false;
        if (end || !*fit)
            break;
        held = len - checked;
        memmove(buf, buf + checked, held);
    }
    int saved = errno;
    close(fd);
    if (hash && rc == PC_OK && *fit)
        pc_hash_stream_hex(hash, job->hash);
    pc_hash_stream_free(hash);
    free(buf);
    errno = saved;
    return rc;
}

/* Reads the job's part of its file (see file_job.parts) into articles, from where the part before ended.
 * Returns 0 (the outcome says what happened) or PC_ENOMEM. */
static int process_part(indexer *ix, file_job *job, const pc_reader *reader)
{
    long long part_bytes = ix->opt->part_bytes > 0 ? ix->opt->part_bytes : DEFAULT_PART_BYTES;
    unsigned char *data;
    size_t len;
    int rc = read_part_bytes(job->file->path, ix->parts.offset, (size_t)part_bytes, job->part + 1 == job->parts, &data,
                             &len);
    if (rc == PC_ENOMEM)
        return rc;
    if (rc != PC_OK) { /* the file went away or broke after its first part: the parts before are kept */
        ix->parts.in_parts = false;
        job->outcome = JOB_FAILED;
        return job_note_add(job, PC_NOTE_FAILED, 0, "cannot read from byte %lld: %s", ix->parts.offset,
                            strerror(errno));
    }
    memcpy(job->hash, ix->parts.hash, sizeof job->hash);
    job->bytes_read = (long long)len;
    ix->parts.offset += (long long)len;
    if (len == 0) { /* the parts before took the whole file */
        job->outcome = JOB_WRITE;
        return PC_OK;
    }
    long first_line = ix->parts.next_line;
    return read_articles(ix, job, reader, data, len, first_line, &ix->parts.next_line);
}

/* Turns one file, or one part of it (file_job.parts), into articles. Returns 0 (the outcome says what
 * happened) or PC_ENOMEM. */
static int process_file(indexer *ix, file_job *job)
{
    const pc_walk_file *file = job->file;
    const pc_reader *reader = ix->opt->forced_format ? pc_reader_by_name(ix->opt->forced_format)
                                                     : pc_reader_for_file(file->path);
    if (job->part > 0) {
        if (ix->parts.file != file || !ix->parts.in_parts || !reader) {
            job->outcome = JOB_PART_SETTLED;
            return PC_OK;
        }
        return process_part(ix, job, reader);
    }
    ix->parts.file = NULL; /* a first part: the state of the file before must not be taken for this one's */
    ix->parts.in_parts = false;
    long long limit = ix->opt->max_file_bytes > 0 ? ix->opt->max_file_bytes : PC_DEFAULT_MAX_FILE_BYTES;
    if (file->size > limit) {
        char size[32], max[32];
        format_bytes(size, sizeof size, file->size);
        format_bytes(max, sizeof max, limit);
        job->outcome = JOB_SKIPPED;
        return job_note_add(job, PC_NOTE_SKIPPED, 0, "file is %s, over the size limit of %s (raise it with --max-file-size)",
                            size, max);
    }
    if (!reader) {
        job->outcome = JOB_SKIPPED;
        return job_note_add(job, PC_NOTE_SKIPPED, 0, "unknown file type (name the format with --format txt)");
    }

    int rc = PC_OK;
    if (job->parts > 1) {
        bool fit = false;
        rc = check_parts_fit(job, &fit);
        if (rc == PC_ENOMEM)
            return rc;
        ix->parts.file = file;
        ix->parts.in_parts = rc == PC_OK && fit;
        if (ix->parts.in_parts && !ix->force && job->stored.found && strcmp(job->stored.hash, job->hash) == 0) {
            ix->parts.in_parts = false;
            job->outcome = JOB_SAME_HASH;
            return PC_OK;
        }
        if (ix->parts.in_parts) {
            ix->parts.offset = 0;
            ix->parts.next_line = 1;
            memcpy(ix->parts.hash, job->hash, sizeof job->hash);
            return process_part(ix, job, reader);
        }
        /* not valid UTF-8 (or unreadable): read whole, as a small file is */
    }

    unsigned char *data;
    size_t len;
    rc = read_whole_file(file->path, file->size, &data, &len);
    if (rc == PC_ENOMEM)
        return rc;
    if (rc != PC_OK) {
        job->outcome = JOB_FAILED;
        return job_note_add(job, PC_NOTE_FAILED, 0, "cannot read: %s", strerror(errno));
    }
    job->bytes_read = (long long)len;
    pc_hash_hex(data, len, job->hash);
    if (!ix->force && job->stored.found && strcmp(job->stored.hash, job->hash) == 0) {
        free(data);
        job->outcome = JOB_SAME_HASH;
        return PC_OK;
    }
    job->whole = true; /* the later parts, if any, are settled */
    return read_articles(ix, job, reader, data, len, 1, NULL);
}

static void *worker_main(void *arg)
{
    indexer *ix = arg;
    for (size_t i = 0; i < ix->n_jobs; i++) {
        file_job *job = &ix->jobs[i];
        pthread_mutex_lock(&ix->lock);
        while (!ix->cancel && (i - ix->consumed >= WINDOW_JOBS || ix->memory_in_flight > WINDOW_MEMORY))
            pthread_cond_wait(&ix->window_free, &ix->lock);
        bool cancel = ix->cancel;
        pthread_mutex_unlock(&ix->lock);
        if (cancel)
            break;

        int rc = PC_OK;
        if (job->outcome == JOB_PENDING)
            rc = process_file(ix, job);

        bool stems = rc == PC_OK && job->outcome == JOB_WRITE && mark_stem_articles(ix, job);
        pthread_mutex_lock(&ix->lock);
        if (rc != PC_OK)
            ix->worker_error = rc; /* this job stays not done: the writer stops at it */
        else if (stems)
            job->read = true; /* the stemmer makes it done */
        else
            job->done = true;
        if (rc == PC_OK)
            ix->finished = i + 1;
        ix->memory_in_flight += job->memory;
        if (rc != PC_OK || stems)
            pthread_cond_signal(&ix->job_read);
        if (rc != PC_OK || !stems)
            pthread_cond_signal(&ix->job_done);
        pthread_mutex_unlock(&ix->lock);
        if (rc != PC_OK)
            break;
    }
    pthread_mutex_lock(&ix->lock);
    ix->worker_exited = true;
    pthread_cond_signal(&ix->job_read);
    pthread_mutex_unlock(&ix->lock);
    return NULL;
}

/* The stemmer thread: takes the jobs the worker marked `read`, in order, computes their Ukrainian stems and
 * makes them done. Leaves when the worker has left and every job it finished is taken, or on an error. */
static void *stemmer_main(void *arg)
{
    indexer *ix = arg;
    size_t i = 0;
    for (;;) {
        pthread_mutex_lock(&ix->lock);
        for (;;) {
            while (i < ix->finished && !ix->jobs[i].read)
                i++;
            if (i < ix->finished || ix->worker_exited || ix->worker_error || ix->cancel)
                break;
            pthread_cond_wait(&ix->job_read, &ix->lock);
        }
        bool work = i < ix->finished && !ix->cancel;
        pthread_mutex_unlock(&ix->lock);
        if (!work)
            break;
        file_job *job = &ix->jobs[i];
        int rc = stem_job(ix, job);
        pthread_mutex_lock(&ix->lock);
        job->read = false;
        if (rc != PC_OK)
            ix->worker_error = rc; /* this job stays not done: the writer stops at it */
        else
            job->done = true;
        pthread_cond_signal(&ix->job_done);
        pthread_mutex_unlock(&ix->lock);
        if (rc != PC_OK)
            break;
        i++;
    }
    pthread_mutex_lock(&ix->lock);
    ix->stemmer_stopped = true;
    pthread_cond_signal(&ix->job_done);
    pthread_mutex_unlock(&ix->lock);
    return NULL;
}

/* ---- the writer (caller's thread) ---- */

static void report_note(indexer *ix, pc_note_kind kind, const char *path, long line, const char *msg)
{
    if (ix->cb && ix->cb->note)
        ix->cb->note(ix->cb->payload, kind, path, line, msg);
}

static void walk_problem(void *payload, const char *path, const char *msg, bool is_root)
{
    indexer *ix = payload;
    if (is_root)
        ix->summary->root_errors++;
    else
        ix->summary->failed++;
    report_note(ix, PC_NOTE_FAILED, path, 0, msg);
}

static bool has_reader(const char *path)
{
    return pc_reader_for_file(path) != NULL;
}

static int compare_walk_files(const void *a, const void *b)
{
    return strcmp(((const pc_walk_file *)a)->path, ((const pc_walk_file *)b)->path);
}

/* Sorts the list by path and drops repeats (a file named twice, or under two roots given). */
static void sort_unique(pc_walk_list *list)
{
    if (list->n < 2)
        return;
    qsort(list->files, list->n, sizeof *list->files, compare_walk_files);
    size_t out = 1;
    for (size_t i = 1; i < list->n; i++) {
        if (strcmp(list->files[i].path, list->files[out - 1].path) == 0) {
            list->files[out - 1].explicit_arg |= list->files[i].explicit_arg;
            free(list->files[i].path);
            continue;
        }
        list->files[out++] = list->files[i];
    }
    list->n = out;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct prune_list {
    char **paths;
    size_t n, cap;
} prune_list;

/* Adds an indexed path that no longer names a regular file to the prune list: gone (also when a folder on
 * its way is gone or became a file), or replaced by a folder, a FIFO or a device. A path that cannot be
 * looked at for another reason (permissions, I/O) is kept: its file may still be there. */
static int collect_missing(void *payload, const char *path)
{
    prune_list *pl = payload;
    struct stat st;
    if (stat(path, &st) == 0 ? S_ISREG(st.st_mode) : errno != ENOENT && errno != ENOTDIR)
        return 0;
    char **grown = pc_array_reserve(pl->paths, &pl->cap, pl->n + 1, sizeof *grown, 64);
    if (!grown)
        return PC_ENOMEM;
    pl->paths = grown;
    pl->paths[pl->n] = strdup(path);
    if (!pl->paths[pl->n])
        return PC_ENOMEM;
    pl->n++;
    return 0;
}

static int prune_missing(indexer *ix, pc_error *err)
{
    prune_list pl = {0};
    int rc = pc_store_file_foreach(ix->store, collect_missing, &pl, err);
    if (rc == PC_ENOMEM)
        pc_error_set(err, PC_ENOMEM, "out of memory while listing indexed files");
    if (rc == PC_OK && pl.n > 0) {
        rc = pc_store_begin(ix->store, err);
        for (size_t i = 0; rc == PC_OK && i < pl.n; i++)
            rc = pc_store_file_remove(ix->store, pl.paths[i], err);
        if (rc == PC_OK)
            rc = pc_store_commit(ix->store, err);
        else
            pc_store_rollback(ix->store);
        if (rc == PC_OK)
            ix->summary->removed = pl.n;
    }
    for (size_t i = 0; i < pl.n; i++)
        free(pl.paths[i]);
    free(pl.paths);
    return rc;
}

static int write_part(indexer *ix, file_job *job, pc_error *err);
static void count_written(indexer *ix, const file_job *job);

/* Writes one finished job. Returns 0 or a fatal PC_E* code. */
static int write_job(indexer *ix, file_job *job, pc_error *err)
{
    pc_index_summary *s = ix->summary;
    const char *path = job->file->path;
    for (size_t i = 0; i < job->n_notes; i++) {
        report_note(ix, job->notes[i].kind, path, job->notes[i].line, job->notes[i].msg);
        if (job->notes[i].kind == PC_NOTE_WARNING)
            s->warnings++;
    }
    s->bytes += job->bytes_read;
    switch (job->outcome) {
    case JOB_UNCHANGED:
        s->unchanged++;
        return PC_OK;
    case JOB_SAME_HASH:
        s->unchanged++;
        return pc_store_file_touch(ix->store, path, job->file->size, job->file->mtime_ns, err);
    case JOB_SKIPPED:
        s->skipped++;
        if (job->stored.found)
            report_note(ix, PC_NOTE_WARNING, path, 0, "the version indexed earlier is kept");
        return PC_OK;
    case JOB_FAILED:
        s->failed++;
        return PC_OK;
    case JOB_PART_SETTLED:
        return PC_OK;
    case JOB_WRITE:
        break;
    case JOB_PENDING:
        return pc_error_set(err, PC_EINVAL, "internal error: '%s' was not processed", path);
    }
    if (!job->whole)
        return write_part(ix, job, err);
    int rc = pc_store_file_replace_prepared(ix->store, path, job->file->size, job->file->mtime_ns, job->hash,
                                            job->articles, job->n_articles, err);
    if (rc == PC_EINVAL) {
        /* One bad article (a bug in a reader) must not stop the run: report it and go on. */
        report_note(ix, PC_NOTE_SKIPPED, path, 0, err->msg);
        pc_error_clear(err);
        s->skipped++;
        return PC_OK;
    }
    if (rc != PC_OK)
        return rc;
    count_written(ix, job);
    return PC_OK;
}

/* Writes one part of a file read in parts (file_job.parts): the first replaces what the index held for the
 * file, the others add to it; the file's size and hash are recorded with its last part only, so a run stopped
 * between two parts leaves the file to be read again. Returns 0 or a fatal PC_E* code. */
static int write_part(indexer *ix, file_job *job, pc_error *err)
{
    const char *path = job->file->path;
    bool first = job->part == 0, last = job->part + 1 == job->parts;
    if (first) {
        ix->refused_file = NULL;
        ix->part_articles = 0;
    } else if (ix->refused_file == job->file) {
        return PC_OK;
    }
    int rc = (first ? pc_store_file_replace_prepared : pc_store_file_append_prepared)(
        ix->store, path, last ? job->file->size : -1, job->file->mtime_ns, last ? job->hash : "", job->articles,
        job->n_articles, err);
    if (rc == PC_EINVAL) {
        /* as for a file read whole; the parts written before stay until the file is read again */
        report_note(ix, PC_NOTE_SKIPPED, path, 0, err->msg);
        pc_error_clear(err);
        ix->summary->skipped++;
        ix->refused_file = job->file;
        return PC_OK;
    }
    if (rc != PC_OK)
        return rc;
    ix->part_articles += (long long)job->n_articles;
    if (last && ix->part_articles == 0) {
        report_note(ix, PC_NOTE_SKIPPED, path, 0, "no article text found");
        ix->summary->skipped++;
        return pc_store_file_remove(ix->store, path, err);
    }
    count_written(ix, job);
    if (!last)
        ix->pending.indexed--; /* the file is counted once, with its last part */
    return PC_OK;
}

/* Counts what write_job wrote of the job in the open batch. */
static void count_written(indexer *ix, const file_job *job)
{
    pc_index_summary *p = &ix->pending;
    p->indexed++;
    if (job->repaired)
        p->repaired++;
    if (job->converted)
        p->converted++;
    p->boilerplate_lines += job->boilerplate_lines;
    p->articles += (long long)job->n_articles;
    for (size_t i = 0; i < job->n_articles; i++)
        p->passages += (long long)job->articles[i]->article.n_passages;
}

/* Commits the open batch and counts what it wrote; on failure the batch is rolled back and not counted. */
static int commit_batch(indexer *ix, pc_error *err)
{
    int rc = pc_store_commit(ix->store, err);
    if (rc != PC_OK) {
        pc_store_rollback(ix->store);
    } else {
        pc_index_summary *s = ix->summary, *p = &ix->pending;
        s->indexed += p->indexed;
        s->repaired += p->repaired;
        s->converted += p->converted;
        s->boilerplate_lines += p->boilerplate_lines;
        s->articles += p->articles;
        s->passages += p->passages;
    }
    memset(&ix->pending, 0, sizeof ix->pending);
    return rc;
}

static int run_jobs(indexer *ix, pc_error *err)
{
    pthread_t worker, stemmer;
    if (pthread_create(&worker, NULL, worker_main, ix) != 0)
        return pc_error_set(err, PC_ENOMEM, "cannot start the reader thread");
    if (pthread_create(&stemmer, NULL, stemmer_main, ix) != 0) {
        pthread_mutex_lock(&ix->lock);
        ix->cancel = true;
        pthread_cond_signal(&ix->window_free);
        pthread_mutex_unlock(&ix->lock);
        pthread_join(worker, NULL);
        for (size_t i = 0; i < ix->n_jobs; i++)
            job_release(&ix->jobs[i]);
        return pc_error_set(err, PC_ENOMEM, "cannot start the stemmer thread");
    }

    long long batch_limit = ix->opt->batch_bytes > 0 ? ix->opt->batch_bytes : DEFAULT_BATCH_BYTES;
    long long batch_bytes = 0;
    bool in_tx = false;
    int rc = PC_OK;
    pc_index_progress *progress = &ix->progress;
    long long file_start_bytes = progress->bytes_done; /* before the file's first part */

    for (size_t i = 0; i < ix->n_jobs && rc == PC_OK; i++) {
        if (ix->opt->stop && *ix->opt->stop) {
            rc = pc_error_set(err, PC_ESTOP, "interrupted after %zu of %zu files", progress->files_done,
                              progress->files_total);
            break;
        }
        file_job *job = &ix->jobs[i];
        pthread_mutex_lock(&ix->lock);
        while (!job->done && !ix->stemmer_stopped)
            pthread_cond_wait(&ix->job_done, &ix->lock);
        int worker_error = job->done ? 0 : ix->worker_error ? ix->worker_error : PC_ENOMEM;
        pthread_mutex_unlock(&ix->lock);
        if (worker_error) {
            if (ix->worker_err.msg[0])
                rc = pc_error_set(err, worker_error, "%s", ix->worker_err.msg);
            else
                rc = pc_error_set(err, worker_error, "out of memory while reading '%s'", job->file->path);
            break;
        }

        if (!in_tx && (job->outcome == JOB_WRITE || job->outcome == JOB_SAME_HASH)) {
            rc = pc_store_begin(ix->store, err);
            if (rc != PC_OK)
                break;
            in_tx = true;
        }
        rc = write_job(ix, job, err);
        batch_bytes += job->bytes_read;
        long long consumed_memory = job->memory;
        job_release(job);

        pthread_mutex_lock(&ix->lock);
        ix->consumed = i + 1;
        ix->memory_in_flight -= consumed_memory;
        pthread_cond_signal(&ix->window_free);
        pthread_mutex_unlock(&ix->lock);

        if (rc == PC_OK && in_tx && batch_bytes >= batch_limit) {
            rc = commit_batch(ix, err);
            in_tx = false;
            batch_bytes = 0;
        }
        progress->current_path = job->file->path;
        if (job->part == 0)
            file_start_bytes = progress->bytes_done;
        if (job->part + 1 < job->parts) {
            progress->bytes_done += job->bytes_read;
        } else {
            progress->files_done++;
            progress->bytes_done = file_start_bytes + job->file->size;
        }
        if (ix->cb && ix->cb->progress)
            ix->cb->progress(ix->cb->payload, progress);
        progress->current_path = NULL; /* the chunk's list does not outlive it */
    }
    if (in_tx) {
        if (rc == PC_OK || rc == PC_ESTOP) {
            int committed = commit_batch(ix, err);
            if (committed != PC_OK)
                rc = committed;
        } else {
            pc_store_rollback(ix->store);
        }
    }

    pthread_mutex_lock(&ix->lock);
    ix->cancel = true;
    pthread_cond_signal(&ix->window_free);
    pthread_cond_signal(&ix->job_read);
    pthread_mutex_unlock(&ix->lock);
    pthread_join(worker, NULL);
    pthread_join(stemmer, NULL);
    for (size_t i = 0; i < ix->n_jobs; i++)
        job_release(&ix->jobs[i]);
    return rc;
}

/* How many jobs read the file (see file_job.parts): more than one for a file of one record a line larger
 * than a part. */
static size_t file_parts(const indexer *ix, const pc_walk_file *file)
{
    long long part_bytes = ix->opt->part_bytes > 0 ? ix->opt->part_bytes : DEFAULT_PART_BYTES;
    if (file->size <= part_bytes)
        return 1;
    const pc_reader *reader = ix->opt->forced_format ? pc_reader_by_name(ix->opt->forced_format)
                                                     : pc_reader_for_file(file->path);
    if (!reader || !reader->line_records)
        return 1;
    return (size_t)((file->size + part_bytes - 1) / part_bytes);
}

/* Indexes the files of `list` (a chunk of the pass, in walk order, unique) with the worker and writer
 * threads; ix->progress goes on from the chunks before. */
static int index_list(indexer *ix, pc_walk_list *list, pc_error *err)
{
    size_t n_jobs = 0;
    for (size_t i = 0; i < list->n; i++)
        n_jobs += file_parts(ix, &list->files[i]);
    ix->jobs = calloc(n_jobs ? n_jobs : 1, sizeof *ix->jobs);
    if (!ix->jobs)
        return pc_error_set(err, PC_ENOMEM, "out of memory for %zu files", list->n);
    ix->n_jobs = n_jobs;
    ix->n_files = list->n;
    ix->consumed = 0;
    ix->memory_in_flight = 0;
    ix->cancel = false;
    ix->finished = 0;
    ix->worker_exited = ix->stemmer_stopped = false;
    ix->worker_error = 0;
    ix->parts.file = NULL; /* the chunks before are freed: their files' addresses may be reused */
    ix->refused_file = NULL;
    int rc = PC_OK;
    for (size_t i = 0, j = 0; i < list->n && rc == PC_OK; i++) {
        file_job *job = &ix->jobs[j];
        job->file = &list->files[i];
        rc = pc_store_file_get(ix->store, job->file->path, &job->stored, err);
        if (rc == PC_OK && !ix->force && job->stored.found && job->stored.size == job->file->size &&
            job->stored.mtime_ns == job->file->mtime_ns)
            job->outcome = JOB_UNCHANGED;
        size_t parts = file_parts(ix, job->file);
        for (size_t k = 0; k < parts; k++) {
            file_job *part = &ix->jobs[j + k];
            part->file = job->file;
            part->part = k;
            part->parts = parts;
            part->whole = parts == 1;
            if (k > 0)
                part->outcome = job->outcome == JOB_UNCHANGED ? JOB_PART_SETTLED : JOB_PENDING;
        }
        j += parts;
    }
    if (rc == PC_OK) {
        pthread_mutex_init(&ix->lock, NULL);
        pthread_cond_init(&ix->job_read, NULL);
        pthread_cond_init(&ix->job_done, NULL);
        pthread_cond_init(&ix->window_free, NULL);
        rc = run_jobs(ix, err);
        pthread_cond_destroy(&ix->window_free);
        pthread_cond_destroy(&ix->job_done);
        pthread_cond_destroy(&ix->job_read);
        pthread_mutex_destroy(&ix->lock);
    }
    free(ix->jobs);
    ix->jobs = NULL;
    ix->n_jobs = 0;
    return rc;
}

static size_t chunk_files(const indexer *ix)
{
    return ix->opt->chunk_files > 0 ? ix->opt->chunk_files : DEFAULT_CHUNK_FILES;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

typedef struct path_list {
    char **paths;
    size_t n, cap;
} path_list;

static int add_path(void *payload, const char *path)
{
    path_list *list = payload;
    char **grown = pc_array_reserve(list->paths, &list->cap, list->n + 1, sizeof *grown, 16);
    if (!grown)
        return PC_ENOMEM;
    list->paths = grown;
    if (!(list->paths[list->n] = strdup(path)))
        return PC_ENOMEM;
    list->n++;
    return PC_OK;
}

static void path_list_free(path_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->paths[i]);
    free(list->paths);
}

/* A file of the second pass that is gone or unreadable now: left to the next run (and --prune). */
static void ignore_problem(void *payload, const char *path, const char *msg, bool is_root)
{
    (void)payload;
    (void)path;
    (void)msg;
    (void)is_root;
}

static int add_source_size(void *payload, const char *source, long long articles)
{
    return pc_line_tally_add_indexed(payload, source, articles);
}

/* Makes ix->tally for the first pass, with the sizes of the sources already in the index. */
static int start_tally(indexer *ix, pc_error *err)
{
    if (pc_line_tally_new(&ix->tally, 0) != PC_OK)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    int rc = pc_store_source_sizes(ix->store, add_source_size, ix->tally, err);
    if (rc == PC_ENOMEM)
        pc_error_set(err, PC_ENOMEM, "out of memory");
    return rc;
}

/* Gives *out (malloc'd; NULL when none) the keys the tally judged repeated during the first pass that are
 * not in known[0..n_known) (sorted): lines it removed that the whole index does not find repeated. */
static int misjudged_keys(const pc_line_tally *tally, const uint64_t *known, size_t n_known, uint64_t **out,
                          size_t *n_out)
{
    uint64_t *judged = NULL;
    size_t n_judged = 0;
    if (pc_line_tally_judged_keys(tally, &judged, &n_judged) != PC_OK)
        return PC_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < n_judged; i++)
        if (n_known == 0 || !bsearch(&judged[i], known, n_known, sizeof *known, pc_compare_u64))
            judged[n++] = judged[i];
    if (n == 0) {
        free(judged);
        judged = NULL;
    }
    *out = judged;
    *n_out = n;
    return PC_OK;
}

/* The second pass: mends the articles whose repeated lines the first pass judged otherwise than the whole
 * index now does, by indexing their files again with the keys known now. These are lines a source repeats
 * that are still in stored bodies (they lie in articles read before the tally found them, or before an
 * earlier run that stopped before its second pass), and lines the tally found repeated early that the
 * source turned out to repeat too rarely. */
static int reclean_repeated_lines(indexer *ix, const pc_walk_options *wopt, pc_error *err)
{
    uint64_t *known = NULL, *misjudged = NULL;
    size_t n_known = 0, n_misjudged = 0;
    int rc = pc_store_repeated_line_keys(ix->store, PC_BOILERPLATE_REPEAT_MIN_ARTICLES,
                                         PC_BOILERPLATE_REPEAT_MIN_PERCENT, &known, &n_known, err);
    if (rc != PC_OK)
        return rc;
    free(ix->known_lines);
    ix->known_lines = known;
    ix->n_known_lines = n_known;
    if (ix->tally && misjudged_keys(ix->tally, known, n_known, &misjudged, &n_misjudged) != PC_OK)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    pc_line_tally_free(ix->tally);
    ix->tally = NULL; /* the second pass judges by the index alone */
    path_list paths = {0};
    if (n_known > 0)
        rc = pc_store_files_with_line_keys(ix->store, known, n_known, true, add_path, &paths, err);
    if (rc == PC_OK && n_misjudged > 0)
        rc = pc_store_files_with_line_keys(ix->store, misjudged, n_misjudged, false, add_path, &paths, err);
    free(misjudged);
    if (rc == PC_ENOMEM)
        pc_error_set(err, PC_ENOMEM, "out of memory");
    if (rc != PC_OK || paths.n == 0) {
        path_list_free(&paths);
        return rc;
    }
    /* The files as they are now (a file gone since is left to --prune), in path order, a chunk at a time. */
    qsort(paths.paths, paths.n, sizeof *paths.paths, compare_strings);
    size_t unique = 0;
    for (size_t i = 0; i < paths.n; i++) {
        if (unique > 0 && strcmp(paths.paths[i], paths.paths[unique - 1]) == 0)
            free(paths.paths[i]);
        else
            paths.paths[unique++] = paths.paths[i];
    }
    paths.n = unique;
    /* Counted apart: these files were indexed already in this run or before. */
    pc_index_summary kept = *ix->summary;
    const pc_index_callbacks *cb = ix->cb;
    ix->cb = NULL; /* their warnings were reported when they were read */
    ix->force = true;
    ix->progress = (pc_index_progress){.files_total = paths.n};
    size_t chunk = chunk_files(ix);
    for (size_t i = 0; i < paths.n && rc == PC_OK; i += chunk) {
        pc_walk_list list = {0};
        for (size_t k = i; k < paths.n && k < i + chunk && rc == PC_OK; k++)
            rc = pc_walk(paths.paths[k], wopt, &list, ignore_problem, NULL);
        if (rc != PC_OK) {
            rc = pc_error_set(err, rc, "out of memory while listing files");
        } else {
            sort_unique(&list);
            rc = index_list(ix, &list, err);
        }
        pc_walk_list_free(&list);
    }
    path_list_free(&paths);
    ix->force = ix->opt->force;
    ix->cb = cb;
    size_t recleaned = ix->summary->indexed - kept.indexed;
    size_t lines = ix->summary->boilerplate_lines - kept.boilerplate_lines;
    *ix->summary = kept;
    ix->summary->recleaned = recleaned;
    ix->summary->boilerplate_lines += lines;
    return rc;
}

/* A path given to pc_index_run: as given (for problems about it) and absolute. */
typedef struct pc_root {
    const char *given;
    char *abs;
} pc_root;

static int compare_roots(const void *a, const void *b)
{
    return strcmp(((const pc_root *)a)->abs, ((const pc_root *)b)->abs);
}

static void free_roots(pc_root *roots, size_t n)
{
    for (size_t i = 0; roots && i < n; i++)
        free(roots[i].abs);
    free(roots);
}

/* Gives *out (malloc'd) the paths given, made absolute, sorted and without repeats. Returns 0 or PC_ENOMEM. */
static int sort_roots(const char *const *paths, size_t n, pc_root **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    pc_root *roots = calloc(n ? n : 1, sizeof *roots);
    if (!roots)
        return PC_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        roots[i].given = paths[i];
        if (!(roots[i].abs = pc_path_absolute(paths[i]))) {
            free_roots(roots, i);
            return PC_ENOMEM;
        }
    }
    if (n > 1)
        qsort(roots, n, sizeof *roots, compare_roots);
    size_t unique = 0;
    for (size_t i = 0; i < n; i++) {
        if (unique > 0 && strcmp(roots[i].abs, roots[unique - 1].abs) == 0)
            free(roots[i].abs);
        else
            roots[unique++] = roots[i];
    }
    *out = roots;
    *n_out = unique;
    return PC_OK;
}

/* True if `path` is `dir` or lies under it. */
static bool path_within(const char *path, const char *dir)
{
    size_t len = strlen(dir);
    if (len == 1 && dir[0] == '/')
        return true;
    return strncmp(path, dir, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

/* Lists the next chunk of the files under roots[r] into *list: those under another root given (a
 * directory or file named inside this one) are left to that root, so that no file is taken twice. */
static int next_chunk(pc_walk_cursor *cursor, const pc_root *roots, size_t n_roots, size_t r, size_t chunk,
                      pc_walk_list *list, bool *finished)
{
    int rc = pc_walk_next(cursor, list, chunk, finished);
    size_t kept = 0;
    for (size_t i = 0; i < list->n; i++) {
        bool other = false;
        for (size_t k = r + 1; k < n_roots && !other; k++) /* roots within roots[r] sort after it */
            other = path_within(roots[k].abs, roots[r].abs) && path_within(list->files[i].path, roots[k].abs);
        if (other)
            free(list->files[i].path);
        else
            list->files[kept++] = list->files[i];
    }
    list->n = kept;
    return rc;
}

/* The first walk: counts the files and bytes (the totals of ix->progress, summary files and excluded) and
 * reports the paths that cannot be walked. Returns 0 or PC_ENOMEM. */
static int count_files(indexer *ix, const pc_root *roots, size_t n_roots, const pc_walk_options *wopt)
{
    size_t chunk = chunk_files(ix);
    ix->progress = (pc_index_progress){0};
    int rc = PC_OK;
    for (size_t r = 0; r < n_roots && rc == PC_OK; r++) {
        pc_walk_cursor *cursor;
        rc = pc_walk_cursor_new(&cursor, roots[r].given, wopt, walk_problem, ix);
        bool finished = false;
        while (rc == PC_OK && !finished) {
            pc_walk_list list = {0};
            rc = next_chunk(cursor, roots, n_roots, r, chunk, &list, &finished);
            ix->summary->excluded += list.excluded;
            ix->progress.files_total += list.n;
            for (size_t i = 0; i < list.n; i++)
                ix->progress.bytes_total += list.files[i].size;
            pc_walk_list_free(&list);
        }
        pc_walk_cursor_free(cursor);
    }
    ix->summary->files = ix->progress.files_total;
    return rc;
}

/* The first pass: indexes the files under the roots, a chunk at a time, in the order of their paths for
 * each root. Walk problems were reported by count_files. */
static int index_roots(indexer *ix, const pc_root *roots, size_t n_roots, const pc_walk_options *wopt,
                       pc_error *err)
{
    size_t chunk = chunk_files(ix);
    int rc = PC_OK;
    for (size_t r = 0; r < n_roots && rc == PC_OK; r++) {
        pc_walk_cursor *cursor;
        rc = pc_walk_cursor_new(&cursor, roots[r].given, wopt, ignore_problem, NULL);
        if (rc != PC_OK)
            rc = pc_error_set(err, rc, "out of memory while listing files");
        bool finished = false;
        while (rc == PC_OK && !finished) {
            if (ix->opt->stop && *ix->opt->stop) {
                rc = pc_error_set(err, PC_ESTOP, "interrupted after %zu of %zu files", ix->progress.files_done,
                                  ix->progress.files_total);
                break;
            }
            pc_walk_list list = {0};
            rc = next_chunk(cursor, roots, n_roots, r, chunk, &list, &finished);
            if (rc != PC_OK)
                rc = pc_error_set(err, rc, "out of memory while listing files");
            else
                rc = index_list(ix, &list, err);
            pc_walk_list_free(&list);
        }
        pc_walk_cursor_free(cursor);
    }
    return rc;
}

/* True if the index has articles in `lang` (false when that cannot be read). */
static bool index_has_lang(pc_store *store, const char *lang)
{
    char **langs = NULL;
    size_t n = 0;
    pc_error ignored;
    bool found = false;
    if (pc_store_query_langs(store, &langs, &n, &ignored) != PC_OK)
        return false;
    for (size_t i = 0; i < n; i++) {
        found = found || strcmp(langs[i], lang) == 0;
        free(langs[i]);
    }
    free(langs);
    return found;
}

int pc_index_run(pc_store *store, const char *const *paths, size_t n, const pc_index_options *opt,
                 const pc_index_callbacks *cb, pc_index_summary *summary, pc_error *err)
{
    static const pc_index_options default_options;
    if (!opt)
        opt = &default_options;
    memset(summary, 0, sizeof *summary);
    double started = now_seconds();

    indexer ix = {.store = store, .opt = opt, .cb = cb, .summary = summary, .force = opt->force};
    pc_walk_options wopt = {
        .excludes = opt->excludes,
        .default_excludes = !opt->no_default_excludes,
        .hidden = opt->hidden,
        .follow_symlinks = opt->follow_symlinks,
        .wanted = opt->forced_format ? NULL : has_reader,
    };
    pc_root *roots = NULL;
    size_t n_roots = 0;
    int rc = sort_roots(paths, n, &roots, &n_roots);
    /* A first walk counts the files and reports the paths that cannot be walked, before anything is read;
     * the files are then listed again a chunk at a time as they are read. */
    if (rc == PC_OK)
        rc = count_files(&ix, roots, n_roots, &wopt);
    if (rc != PC_OK) {
        free_roots(roots, n_roots);
        return pc_error_set(err, rc, "out of memory while listing files");
    }

    rc = pc_store_repeated_line_keys(store, PC_BOILERPLATE_REPEAT_MIN_ARTICLES, PC_BOILERPLATE_REPEAT_MIN_PERCENT,
                                     &ix.known_lines, &ix.n_known_lines, err);
    if (rc == PC_OK)
        rc = pc_analyzer_new(&ix.analyzer, pc_store_analyzer_config(store), err);
    if (rc == PC_OK && (pc_body_packer_new(&ix.packer) != PC_OK ||
                        (!pc_store_body_dictionary(store) && pc_body_sampler_new(&ix.sampler) != PC_OK)))
        rc = pc_error_set(err, PC_ENOMEM, "out of memory");
    /* Without exact forms the store records no stems: the stemmer thread then passes jobs on. */
    if (rc == PC_OK && pc_store_analyzer_config(store)->exact_forms &&
        pc_stem_ahead_new(&ix.stem_ahead, pc_store_analyzer_config(store), NULL) == PC_OK)
        ix.uk_seen = index_has_lang(store, PC_STEM_RECORD_LANG);
    if (rc == PC_OK)
        rc = start_tally(&ix, err);
    if (rc == PC_OK)
        rc = index_roots(&ix, roots, n_roots, &wopt, err);
    if (rc == PC_OK)
        rc = reclean_repeated_lines(&ix, &wopt, err);
    pc_line_tally_free(ix.tally);
    pc_analyzer_free(ix.analyzer);
    pc_body_packer_free(ix.packer);
    pc_body_sampler_free(ix.sampler);
    pc_stem_ahead_free(ix.stem_ahead);
    free(ix.known_lines);
    free_roots(roots, n_roots);

    if (rc == PC_OK && opt->prune)
        rc = prune_missing(&ix, err);
    if (rc == PC_OK || rc == PC_ESTOP) {
        pc_error refresh_err;
        int refreshed = pc_store_refresh_query_langs(store, &refresh_err);
        if (refreshed != PC_OK) {
            *err = refresh_err;
            rc = refreshed;
        }
    }
    summary->seconds = now_seconds() - started;
    return rc;
}
