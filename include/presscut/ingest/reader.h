/* reader.h — the interface every input format implements (txt, html, json/jsonl, csv/tsv, Reuters SGML,
 * the TIME collection), and the table that picks a reader by file extension or by a look at the content. Readers turn decoded text into articles;
 * they know nothing of the store.
 *
 * To add a format: write src/ingest/read_<fmt>.c with a pc_reader_fn, and add a row to the table in
 * src/ingest/reader.c. */
#ifndef PRESSCUT_READER_H
#define PRESSCUT_READER_H

#include <stddef.h>

#include "presscut/core/article.h"
#include "presscut/core/error.h"
#include "presscut/ingest/fields.h"

typedef struct pc_reader_input {
    const char *path;               /* as it will be stored and shown */
    const unsigned char *raw;       /* the file's bytes, before decoding; NULL when the caller let them go */
    size_t raw_len;
    const char *text;               /* the file decoded to clean UTF-8 (see text_decode.h), NUL-terminated */
    size_t text_len;
    const pc_field_map *map;        /* the user's --map for structured records, or NULL */
    long first_line;                /* the file's line number of text's first line, when text is a part of a
                                     * file (see pc_reader.line_records); 0 or 1: text starts the file */
} pc_reader_input;

/* Receives each article a reader finds. The article is the reader's: the sink may take fields by moving
 * them out (setting them to NULL); the reader clears the rest after the call. Return 0 to go on, non-zero
 * to stop reading (the reader returns that value). */
typedef int (*pc_article_sink)(void *payload, pc_article *article);

/* Receives a non-fatal problem in the input: `line` is 1-based, or 0 when not about one line. The message
 * says what is wrong, lowercase, without the path. */
typedef void (*pc_warn_fn)(void *payload, const char *path, long line, const char *msg);

/* Formats a warning (printf-style, at most 1023 bytes) and hands it to `warn`, unless warn is NULL: what
 * every reader does with a record it reports. */
void pc_reader_warnf(pc_warn_fn warn, void *payload, const char *path, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

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
    /* Each record is one line and nothing spans lines (JSON Lines): a large file may be read in parts cut
     * after a newline, each given with its first_line, with the articles and warnings reading it whole
     * would give. false: the reader must be given the whole file. */
    bool line_records;
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
 *   - A bare header block may stand first instead: lines of an id, a language code, a date and a url, without
 *     keys ("ua-1" / "uk" / "2018-07-15" / "https://..."), then the title line, read as read_txt.c
 *     (read_bare_header_block) describes: the date (not 1970-01-01), url and ISO 639-1 language fill the
 *     fields, the id is dropped, the line after the block is the title whatever it looks like (a line over
 *     200 characters is a paragraph, as below).
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

/* `html` (html, htm, xhtml): one article per page, parsed with libxml2's recovering HTML parser from
 * in->text as UTF-8 (a <meta charset> is ignored: the text is decoded already).
 *   - Text comes from the <article>, <main> or [itemprop=articleBody] element with the most visible text,
 *     else from <body>. Left out, with everything inside them: script, style, noscript, template, nav,
 *     header, footer, aside, form, button, iframe, svg and other non-text elements (figcaption is kept);
 *     elements that are hidden (hidden, aria-hidden="true", style display:none); role navigation, banner,
 *     contentinfo, complementary, search, menu; and elements whose class or id holds, as a whole word
 *     between spaces, '-' and '_', one of share, social, cookie(s), consent, newsletter, subscribe,
 *     subscription, related, comment(s), breadcrumb(s), advert(isement), ad(s), promo, sidebar, menu,
 *     footer, header, nav(bar/igation), popup, modal (not applied to <html>, <body> or the candidates).
 *   - Block elements (p, div, h1-h6, li, blockquote, pre, tr, section, table, figure, ...), <br> and line
 *     ends inside <pre> end paragraphs; paragraphs are joined by "\n\n"; inline elements join without a
 *     space; table cells are separated by one. Entities are decoded. A run of white space is one space (a
 *     run of only no-break or other non-ASCII spaces stays as its first one); none at paragraph ends.
 *   - title: og:title, else <title>, else the first <h1>; squeezed. A leading or trailing part after " | ",
 *     " - ", " – ", " — ", " · ", " :: ", " » " or " / " is removed when it is og:site_name (ignoring
 *     case); from <title>, a trailing part of at most 4 words is removed too when its separator appears
 *     once and is not between digits ("Rovers 2 - 1 United" stays). A first paragraph equal to the title
 *     (ignoring case and white space) is dropped.
 *   - published: the first of these that pc_article_set_field reads as a date: meta article:published_time;
 *     meta date, pubdate, publishdate, publish-date, publication_date, dc.date(.issued), dcterms.created,
 *     dcterms.issued, sailthru.date, parsely-pub-date, og:published_time; itemprop=datePublished (content,
 *     datetime or text); the first <time datetime> inside the chosen element (its own headers count, the
 *     page's banner, asides and related boxes do not); JSON-LD datePublished (an Article/BlogPosting-typed
 *     object's first, through @graph, mainEntity and lists). Values present but none readable: warning
 *     "date '...' not understood; left empty" (line 0). None: NULL.
 *   - url: og:url, else <link rel=canonical>, only when it contains "://". source: og:site_name, else
 *     JSON-LD publisher.name (a name, an object, a list, or an @id reference), else NULL (the indexer fills
 *     it). lang: <html lang> (or xml:lang) when pc_language_code reads it, else NULL. record and passages
 *     are not set; body_len is.
 *   - No article (warning, the caller skips the file): text without any tag ("no HTML markup in the file:
 *     not a web page"), no <body> ("no article text in the page (no <body>)"), or no text left after the
 *     rules above. A page that opens <html> and never closes it still gives its text, with a warning "page
 *     is cut short ..." at its last line; if the parser gives up part way, a warning at its line. Invalid
 *     JSON-LD is a warning at the script's line and is ignored. Returns PC_EFORMAT only for text over
 *     INT_MAX bytes. */
int pc_read_html(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

/* `json` (json) and `jsonl` (jsonl, ndjson): article objects whose keys map to fields through fields.h
 * (pc_field_for_key with in->map, then pc_article_set_field; the first non-empty key of a field wins).
 *   - jsonl: one object per line; blank lines are skipped; CRLF and a last line without newline are fine;
 *     lines of any length. record is "line N". A line that is not valid JSON is warned about with jansson's
 *     text and its column, "not valid JSON: <text> (column C)" (plus "; the file looks truncated" for an
 *     unfinished last line), a line that is not an object is warned about, and both are skipped.
 *   - json: an array of objects (record "record N", 1-based; warnings carry the line the element starts on),
 *     or one object (an article when a key maps to text: record NULL), or an object with exactly one member
 *     that is an array of objects holding the articles ({"articles": [...]} as NewsAPI writes, {"data": ...}).
 *     An array under "sentences", "paragraphs", "parts", "blocks", "segments", "chunks" or "lines" holds the
 *     parts of one article instead: an object without a text key takes its text from them (each element a
 *     string or an object's longest text-key value; sentences joined by a space, other parts as paragraphs).
 *     A file that is not valid JSON, or of another shape, is a whole-file PC_EFORMAT error ("not valid JSON
 *     at line L, column C: <text>"); array elements that are not objects are warned about and skipped.
 *   - Values: strings; numbers (a date may be a Unix time in seconds or milliseconds); null, booleans and
 *     empty strings are absent; an object gives its "name" (NewsAPI's "source": {"id", "name"}), else its
 *     "value", "text" or "title"; an array gives text as its strings joined by "\n\n", other fields its
 *     first string. Keys tags/keywords/categories/topics (or the singular), when no field takes the key, give
 *     article->tags "tag:v; keyword:v2; ..." (label the singular key) from an array of strings (or objects
 *     with "name") or from a string split at ',' and ';'; repeats left out.
 *   - Text and titles: CRLF and CR made LF, control characters but TAB dropped, white space at line ends
 *     dropped, single "\n" kept, runs of blank lines made one "\n\n" (a paragraph break).
 *   - A record without text is skipped with "record has no text (keys: a, b, c); skipped" (in .json
 *     prefixed "record N: "). A value pc_article_set_field refuses (a bad date or language) is warned about
 *     with the record's line, and the record is kept without it.
 *   - No source but a url: the source is the url's host (pc_url_domain); lang is left NULL unless given, and
 *     passages are not cut: the caller detects the language and splits. */
int pc_read_json(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);
int pc_read_jsonl(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

/* `csv` (csv) and `tsv` (tsv, tab): a header row (the first non-empty row), then one article per row;
 * columns map to fields through fields.h (pc_field_for_key with in->map; a --map key that is a number N and
 * names no column means the Nth column), columns named tags/keywords/categories/topics (or the singular)
 * give article->tags as in the json reader. record is "line N", N the row's first physical line.
 *   - csv: RFC 4180: fields separated by ',' (';' when the header line has more ';' than ',' outside
 *     double quotes), quoted fields with doubled quotes and newlines inside, CRLF or LF. A quote inside an
 *     unquoted field is an ordinary character; text after a closing quote is kept. When another separator
 *     (',' / ';') or quote ('"' / '\'') gives more of the first rows the header's number of fields (or as
 *     many and more quoted fields), that one is used, as for `label;'text'` files.
 *   - tsv: tab-separated, no quoting; the escapes \t \n \r \\ are decoded, another backslash is kept.
 *   - Blank lines are skipped. A row with another number of fields than the header: warn "row has X
 *     fields, the header has Y; skipped". A quote never closed: warn at the row's first line "quote opened
 *     here is never closed; the rest of the file (lines A-B) is not read" and stop (return 0). A row whose
 *     text cell is empty: warn and skip. Bad dates or languages: warned about, the row kept without them.
 *   - No column maps to text: a headerless file when a first-row cell is 200 bytes or longer (or --map
 *     names the text column by number): the first row is data, columns are known by number, the text is
 *     the map's column or else the first row's longest cell, and one warning at line 1 says so. Otherwise a
 *     whole-file PC_EFORMAT error naming the header's columns and suggesting --map text=COLUMN. An
 *     unclosed quote in the header, or no rows at all, is a PC_EFORMAT error too.
 *   - Text and titles are cleaned as in the json reader; no source but a url: the url's host; lang is left
 *     NULL unless given; passages are not cut. */
int pc_read_csv(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);
int pc_read_tsv(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

/* `sgml` (sgm, sgml): Reuters-21578 files, many <REUTERS ... NEWID="n"> records each; one article per record.
 *   - record "NEWID n", source "Reuters", lang "en"; published from the first word of <DATE>
 *     ("26-FEB-1987 15:01:01.79" → "1987-02-26", through pc_article_set_field; a time or comment after it is
 *     ignored; a date that cannot be read is warned about and left empty, the article is kept).
 *   - tags from the category lists, in this order: <PLACES> "place:", <TOPICS> "topic:", <PEOPLE> "person:",
 *     <ORGS> "org:", <EXCHANGES> "exchange:", <COMPANIES> "company:", one per <D>, joined by "; "
 *     ("place:usa; topic:earn"); NULL when all lists are empty.
 *   - title: <TITLE>, white space made one space; a sign-off line "Reuter" at its end is dropped.
 *   - body: <BODY>, led by the <DATELINE> ("SALVADOR, Feb 26 - Showers continued ..."): the dateline is
 *     kept because it names the city the story was filed from, which the country-level PLACES tags do not.
 *     The wire's hard-wrapped lines are rejoined: a line that starts with white space (the 4-space indent,
 *     table rows) or follows an empty line starts a paragraph, other lines continue it after one space (no
 *     space after a letter and '-': "English-" + "language"); runs of white space become one space;
 *     paragraphs are joined by "\n\n". A final sign-off word "Reuter", "REUTER", "Reuters" (any case, dots
 *     after it allowed), on its own line or after the last sentence, is dropped, twice when doubled; with a
 *     single dot after it ("told Reuters.") only on a line of its own.
 *     <AUTHOR> and <UNKNOWN> are not indexed.
 *   - TYPE="BRIEF" (a title and "Blah blah blah."): the title is also the body, so the record is found by
 *     its words. TYPE="UNPROC" (no TITLE or BODY): title NULL, the whole text of <TEXT> is the body, laid
 *     out as above. A record with neither title nor text: warned ("no title and no text") and skipped.
 *   - Entities are decoded: &lt; &gt; &amp; &quot; &apos; &#N; &#xH;. Numeric entities of control characters
 *     (&#2; and &#3; start and end markers, &#5; &#22; &#127; ...) are dropped; unknown ones are kept as
 *     written. Tag names are matched ignoring case.
 *   - A malformed record is warned about at the line of its <REUTERS> tag ("record NEWID n: WHAT; skipped")
 *     and skipped, and reading goes on with the next <REUTERS>: no </REUTERS> before the next <REUTERS> or
 *     the end of the file (a truncated file), a start tag not closed by '>', no NEWID, no <TEXT>, or a
 *     <TEXT>, <TITLE>, <DATELINE> or <BODY> whose start tag is not closed or whose end tag is missing.
 *     Text outside records (the <!DOCTYPE> line) is ignored. */
int pc_read_sgml(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

/* `time` (found by content, see pc_reader_for_content): the TIME collection (TIME.ALL, 423 articles of 1963).
 * A record starts at a header line "*TEXT 017 01/04/63 PAGE 020" and runs to the next header; a "*STOP"
 * line ends the collection (what follows is ignored). Headers are split on white space, so irregular
 * spacing is read; in the date a blank may stand for a slash ("08/30 63").
 *   - record "TEXT 017" (the number as written), source "TIME", lang "en", published from mm/dd/yy with
 *     yy → 19yy ("1963-01-04"); a date that cannot be read is warned about and left empty (article kept).
 *   - tags "doc:N; page:P": N is the record's ordinal position (1-based) among the *TEXT headers of the
 *     file, P the magazine page. The relevance judgments (TIME.REL, TIME.REL.ALL) name documents by their
 *     ordinal position in the original 425-document file, not by the TEXT number. The distributed TIME.ALL
 *     lacks two of those documents, somewhere between TEXT 498 and TEXT 508, so judged numbers 1..370 are
 *     doc 1..370 and judged numbers 378..425 are doc 376..423 (checked against the queries' words; no
 *     judgment names 371..377).
 *   - title NULL: the section name, the headline and the first sentence run together without a separator
 *     ("SOUTH VIET NAM TRIAL BY FIRE THE AUTOMOBILE AT ..."), so no title can be cut out without guessing.
 *   - body: the text lines (double-spaced in the file) joined into one paragraph with single spaces (no
 *     space after a letter and '-' at a line end); runs of blanks made one space; case is kept (the
 *     collection is all capitals).
 *   - A header without a text number: warned ("malformed header ...; record skipped") with its line, its
 *     text skipped up to the next header. A record without text: warned and skipped. Non-blank text before
 *     the first header: warned once and ignored. */
int pc_read_time(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err);

#endif
