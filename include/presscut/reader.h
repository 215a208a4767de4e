/* reader.h — the interface every input format implements (txt, html, json/jsonl, csv/tsv, Reuters SGML,
 * the TIME collection), and the table that picks a reader by file extension or by a look at the content. Readers turn decoded text into articles;
 * they know nothing of the store.
 *
 * To add a format: write src/ingest/read_<fmt>.c with a pc_reader_fn, and add a row to the table in
 * src/ingest/reader.c. */
#ifndef PRESSCUT_READER_H
#define PRESSCUT_READER_H

#include <stddef.h>

#include "presscut/article.h"
#include "presscut/error.h"
#include "presscut/fields.h"

typedef struct pc_reader_input {
    const char *path;               /* as it will be stored and shown */
    const unsigned char *raw;       /* the file's bytes, before decoding */
    size_t raw_len;
    const char *text;               /* the file decoded to clean UTF-8 (see text_decode.h), NUL-terminated */
    size_t text_len;
    const pc_field_map *map;        /* the user's --map for structured records, or NULL */
} pc_reader_input;

/* Receives each article a reader finds. The article is the reader's: the sink may take fields by moving
 * them out (setting them to NULL); the reader clears the rest after the call. Return 0 to go on, non-zero
 * to stop reading (the reader returns that value). */
typedef int (*pc_article_sink)(void *payload, pc_article *article);

/* Receives a non-fatal problem in the input: `line` is 1-based, or 0 when not about one line. The message
 * says what is wrong, lowercase, without the path. */
typedef void (*pc_warn_fn)(void *payload, const char *path, long line, const char *msg);

/* Reads every article in `in`, calling sink for each and warn for each skipped record. Returns 0, the
 * sink's non-zero value, or a negative PC_E* code with err filled when the whole file is unusable. */
typedef int (*pc_reader_fn)(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload,
                            pc_error *err);

/* Whether a file whose extension no reader claims is in this reader's format, from its first bytes
 * (head, up to 4 KiB, not NUL-terminated). */
typedef int (*pc_reader_sniff_fn)(const unsigned char *head, size_t len);

typedef struct pc_reader {
    const char *name;               /* "txt" */
    const char *const *extensions;  /* lowercase, without dot, NULL-terminated */
    pc_reader_fn read;
    pc_reader_sniff_fn sniff;       /* NULL: by extension only */
} pc_reader;

/* The reader for a path by its extension (case-insensitive), or NULL when no reader takes it. */
const pc_reader *pc_reader_for_path(const char *path);

/* The reader for a file no extension names, from its first bytes (see pc_reader_sniff_fn), or NULL. */
const pc_reader *pc_reader_for_content(const unsigned char *head, size_t len);

/* The reader for a file: by extension, else by content (reading up to 4 KiB of it). NULL when none takes
 * it or it cannot be read. */
const pc_reader *pc_reader_for_file(const char *path);

/* The reader with this name, or NULL. */
const pc_reader *pc_reader_by_name(const char *name);

/* NULL-terminated list of every reader. */
const pc_reader *const *pc_readers(void);

/* The readers themselves (also reachable through the table). Each is a pc_reader_fn. */

/* `txt` (extensions txt, text): one article per file.
 *   - Header lines at the top fill fields instead of becoming the title: `date 2022-02-16`,
 *     `Date: February 16, 2022`, `published: 16.02.2022`, a line that is only a date (any pc_date_parse
 *     form), `source: Reuters`, `url: https://...` or a line that is only a url, `lang: uk` (a code, "ua",
 *     or a language name), `title: ...`. Keys are matched ignoring case, in English and a few other
 *     languages ("Дата:", "Джерело:"). `date <date> <text>` gives the date and its text is read as the next
 *     line. Header lines recognised but not stored (`author:`, `updated:`, `category:`, `tags:`, or a date
 *     that cannot be read, which is warned about) stay in the body. The first header line of a kind wins.
 *   - The title is the first other non-empty line, runs of spaces and tabs made one. When it is over 200
 *     characters it is a paragraph, not a headline: it stays in the body and the title is its first
 *     sentence (NULL when that is over 200 characters too); when it is the first line of a hard-wrapped
 *     paragraph (the sentence goes on in lower case), there is no title. A section label above the
 *     headline ("World News": at most 3 capitalised words, no punctuation, followed by a longer line of 5
 *     words or more standing alone, then more text) is dropped and the next line is the title. Right after
 *     the title, lines that are only a date or url, or complete `key: value` header lines, are header lines
 *     too, also when site furniture stands between them and the title ("Share this article" above
 *     "Published: March 6, 2022": the furniture line is dropped; see boilerplate.h).
 *   - Body: the other lines, trimmed, runs of spaces and tabs made one space; each line is a paragraph,
 *     except blocks of consecutive lines that look hard-wrapped (lines mostly 50..90 characters, none over
 *     100, most not ending a sentence, not a list), which are joined with spaces (a word hyphenated at a line
 *     end is rejoined) and split into paragraphs at indented lines, list items ("- ", "1. ") and short lines
 *     ending a sentence. Paragraphs are joined by "\n\n". A first paragraph equal to the title (ignoring case
 *     and white space) is dropped.
 *   - Nothing after the title: no article, warn "no text after the title" (line of the title).
 *   - `lang` is set only from a header line, `record` stays NULL and passages are not cut: the caller runs
 *     pc_langid_detect and pc_passages_split. */
int pc_read_txt(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

/* `html` (html, htm, xhtml): one article per page; see src/ingest/read_html.c for the rules. */
int pc_read_html(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

/* `json` (json: an array of article objects, or one object) and `jsonl` (jsonl, ndjson: one object per
 * line); keys map to fields through fields.h. record is "line N" (jsonl) or "record N" (json). */
int pc_read_json(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);
int pc_read_jsonl(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

/* `csv` (csv) and `tsv` (tsv, tab): a header row, then one article per row (RFC 4180 quoting, newlines
 * inside quotes); columns map to fields through fields.h. record is "line N" (the row's first line). */
int pc_read_csv(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);
int pc_read_tsv(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

/* `sgml` (sgm, sgml): Reuters-21578 <REUTERS> records. record is "NEWID N". */
int pc_read_sgml(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

/* `time` (found by content: "*TEXT nnn mm/dd/yy PAGE nnn" records): the TIME collection. record is
 * "TEXT nnn". */
int pc_read_time(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

#endif
