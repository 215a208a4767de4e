/* cli.h — what the subcommands of the `presscut` front-end share: the command table entry, option tables
 * with inline help (usage is printed from them), opening the index, and safe printing of article text.
 *
 * To add a command: write src/cli/cmd_<name>.c with `int cmd_<name>(cli_context *, int argc, char **argv)`
 * and its option table, declare it below, add a row to the table in main.c, and add tests/cli/test_<name>.sh. */
#ifndef PRESSCUT_CLI_H
#define PRESSCUT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "presscut/core/error.h"
#include "presscut/output/printer.h"
#include "presscut/store/store.h"

typedef struct cli_context {
    const char *db_path;  /* from --db, $PRESSCUT_DB, or "presscut.db" */
    const char *program;  /* "presscut" */
} cli_context;

/* One option of a command. `arg` names the value ("FILE") or is NULL for a flag. `id` is what cli_parse
 * hands back: the short letter when there is one, otherwise a number >= 256. */
typedef struct cli_option {
    const char *long_name;
    int id;
    const char *arg;
    const char *help;
} cli_option;

typedef struct cli_command_help {
    const char *name;
    const char *args;     /* "PATH..." */
    const char *summary;  /* one line */
    const char *details;  /* NULL or a paragraph printed after the options */
    const cli_option *options; /* terminated by an entry with long_name == NULL */
} cli_command_help;

/* Called by cli_parse for each option found: return 0 to go on, or non-zero to stop with that exit code
 * (the callback prints the error). `value` is NULL for flags. */
typedef int (*cli_option_fn)(void *payload, int id, const char *value);

/* Parses argv (argv[0] is the command name) against help->options. Prints usage and returns -1 for
 * --help, prints an error naming the option and returns PC_EXIT_ERROR for an unknown option or a missing
 * value, returns the callback's non-zero value, or 0 with *first_operand set to the index of the first
 * operand in argv. Options and operands may be mixed; "--" ends options. */
int cli_parse(const cli_context *ctx, const cli_command_help *help, int argc, char **argv, cli_option_fn fn,
              void *payload, int *first_operand);

/* Prints the usage of one command to `out`. */
void cli_print_usage(const cli_context *ctx, const cli_command_help *help, FILE *out);

/* Prints "presscut: <message>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "presscut: <message>\n" plus a hint to run `presscut COMMAND --help`, and returns PC_EXIT_ERROR. */
int cli_usage_error(const cli_context *ctx, const char *command, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Opens the index named by ctx for a command. `create` for `index`. `analyzer` as in pc_store_options.
 * On failure prints the error and returns NULL. */
pc_store *cli_open_store(const cli_context *ctx, bool create, bool read_only, const pc_analyzer_config *analyzer);

/* Writes [s, s+len) to out with control characters (ANSI escapes included) shown as \xNN, so that text
 * from articles cannot drive the terminal: pc_safe_text_write of the output stage. Newlines are kept when
 * keep_newlines is true; otherwise each run of them becomes one space. */
void cli_write_safe(FILE *out, const char *s, size_t len, bool keep_newlines);

/* Parses a size such as "64M", "512k", "2G", "1000" (bytes; binary multiples). Returns -1 when invalid. */
long long cli_parse_size(const char *text);

/* Parses a non-negative integer that fits in long long; returns -1 when invalid. */
long long cli_parse_count(const char *text);

/* Parses the analyzer options shared by `index` and `rebuild` (--diacritics, --exact-forms) into *cfg. Returns
 * 1 if `id` was one of them (and sets *error when the value is bad), 0 otherwise. */
enum { CLI_OPT_DIACRITICS = 1000, CLI_OPT_EXACT_FORMS };
int cli_analyzer_option(int id, const char *value, pc_analyzer_config *cfg, bool *error);

/* True when colour suits stdout: it is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb". */
bool cli_stdout_wants_color(void);

/* Reads a --color value into *color: "always" true, "never" false, "auto" cli_stdout_wants_color(). Another
 * value is an error: printed, and PC_EXIT_ERROR returned; else 0. */
int cli_color_option(const char *value, bool *color);

/* Reads a --format value of search and show (text, json, jsonl) into *format. An error is printed and
 * PC_EXIT_ERROR returned; else 0. */
int cli_format_option(const char *value, pc_output_format *format);

/* Prints, for `search --explain`, how the query of session `qs` is understood on its index (pc_explanation):
 * the parsed tree and filters, each term's alternatives (stems and exact forms in the index's languages) with
 * the passages each one is in, the passages each term matches, and the final FTS5 expressions. Returns an exit
 * code (0, or 2 with the error printed). */
struct pc_query_session;
int cli_explain_query(struct pc_query_session *qs, FILE *out);

int cmd_index(cli_context *ctx, int argc, char **argv);
int cmd_search(cli_context *ctx, int argc, char **argv);
int cmd_stats(cli_context *ctx, int argc, char **argv);
int cmd_rebuild(cli_context *ctx, int argc, char **argv);
int cmd_check(cli_context *ctx, int argc, char **argv);
int cmd_sql(cli_context *ctx, int argc, char **argv);
int cmd_show(cli_context *ctx, int argc, char **argv);

#endif
