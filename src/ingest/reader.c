/* reader.c — the table of input-format readers and their lookup by file extension, by name, or by a look at
 * the first bytes (see include/presscut/ingest/reader.h). To add a format, declare its reader function in reader.h
 * and add a row. */
#include "presscut/ingest/reader.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int sniff_time(const unsigned char *head, size_t len);

static const char *const txt_extensions[] = {"txt", "text", NULL};
static const char *const html_extensions[] = {"html", "htm", "xhtml", NULL};
static const char *const json_extensions[] = {"json", NULL};
static const char *const jsonl_extensions[] = {"jsonl", "ndjson", NULL};
static const char *const csv_extensions[] = {"csv", NULL};
static const char *const tsv_extensions[] = {"tsv", "tab", NULL};
static const char *const sgml_extensions[] = {"sgm", "sgml", NULL};
static const char *const no_extensions[] = {NULL};

static const pc_reader txt_reader = {"txt", txt_extensions, pc_read_txt, NULL, false};
static const pc_reader html_reader = {"html", html_extensions, pc_read_html, NULL, false};
static const pc_reader json_reader = {"json", json_extensions, pc_read_json, NULL, false};
static const pc_reader jsonl_reader = {"jsonl", jsonl_extensions, pc_read_jsonl, NULL, true};
static const pc_reader csv_reader = {"csv", csv_extensions, pc_read_csv, NULL, false};
static const pc_reader tsv_reader = {"tsv", tsv_extensions, pc_read_tsv, NULL, false};
static const pc_reader sgml_reader = {"sgml", sgml_extensions, pc_read_sgml, NULL, false};
static const pc_reader time_reader = {"time", no_extensions, pc_read_time, sniff_time, false};

static const pc_reader *const all_readers[] = {&txt_reader, &html_reader, &json_reader, &jsonl_reader, &csv_reader,
                                               &tsv_reader, &sgml_reader, &time_reader, NULL};

/* The TIME collection starts with "*TEXT 017 01/04/63 PAGE 020". */
static int sniff_time(const unsigned char *head, size_t len)
{
    size_t i = 0;
    while (i < len && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
        i++;
    return len - i >= 10 && memcmp(head + i, "*TEXT ", 6) == 0 && head[i + 6] >= '0' && head[i + 6] <= '9';
}

const pc_reader *const *pc_readers(void)
{
    return all_readers;
}

const pc_reader *pc_reader_by_name(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; all_readers[i]; i++)
        if (strcmp(all_readers[i]->name, name) == 0)
            return all_readers[i];
    return NULL;
}

const pc_reader *pc_reader_for_path(const char *path)
{
    if (!path)
        return NULL;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base || dot[1] == '\0') /* no extension, or a hidden file such as ".txt" */
        return NULL;
    const char *ext = dot + 1;
    for (size_t i = 0; all_readers[i]; i++)
        for (const char *const *e = all_readers[i]->extensions; *e; e++)
            if (strcasecmp(*e, ext) == 0)
                return all_readers[i];
    return NULL;
}

const pc_reader *pc_reader_for_content(const unsigned char *head, size_t len)
{
    for (size_t i = 0; all_readers[i]; i++)
        if (all_readers[i]->sniff && all_readers[i]->sniff(head, len))
            return all_readers[i];
    return NULL;
}

const pc_reader *pc_reader_for_file(const char *path)
{
    const pc_reader *r = pc_reader_for_path(path);
    if (r || !path)
        return r;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    unsigned char head[4096];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    return n > 0 ? pc_reader_for_content(head, (size_t)n) : NULL;
}

void pc_reader_warnf(pc_warn_fn warn, void *payload, const char *path, long line, const char *fmt, ...)
{
    if (!warn)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    warn(payload, path, line, msg);
}
