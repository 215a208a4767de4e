/* cli.h — what the subcommands of the `presscut` front-end share: the command context (with the index it
 * opens the way the command's table row says), option tables that say each option's kind and target field
 * (cli_parse fills the command's options struct from them and usage is printed from them), and the readers
 * of options several commands share.
 *
 * To add a command:
 *   1. Write src/cli/cmd_<name>.c with `int cmd_<name>(cli_context *ctx, int argc, char **argv)`, a struct
 *      for its options, and a cli_option table whose rows point into that struct with CLI_TARGET; give it a
 *      cli_command_help (args, summary, details) and declare the function at the end of this file.
 *   2. In the function: cli_parse (returns -1 after --help: exit 0; > 0: exit with it), check the operands
 *      (cli_usage_error), then, if the command reads the index, cli_open_store(ctx, NULL). The store belongs
 *      to ctx: do not close it.
 *   3. Add a row to the command table in main.c: name, function, how the index is opened (cli_store_mode)
 *      and the one-line summary `presscut --help` lists.
 *   4. Add tests/cli/test_<name>.sh (usage, errors and exit codes too) and describe the command in README. */
#ifndef PRESSCUT_CLI_H
#define PRESSCUT_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "presscut/core/error.h"
#include "presscut/output/printer.h"
#include "presscut/store/store.h"

/* How a command opens the index, from its row in main.c's command table. */
typedef enum cli_store_mode {
    CLI_STORE_NONE,    /* the command does not use the index */
    CLI_STORE_READ,    /* read-only; a missing index is an error that says how to create it */
    CLI_STORE_WRITE,   /* read-write, the index must exist (and is migrated if older) */
    CLI_STORE_CREATE,  /* read-write, created when missing; the analyzer options of `index` apply */
    CLI_STORE_REBUILD, /* read-write even when built with another analyzer: pc_store_rebuild comes next */
    CLI_STORE_CHECK,   /* read-write where the index can be written, else read-only (pc_store_check copies it) */
} cli_store_mode;

typedef struct cli_context {
    const char *db_path;        /* from --db, $PRESSCUT_DB, or "presscut.db" */
    const char *program;        /* "presscut" */
    cli_store_mode store_mode;  /* the command's table row */
    pc_store *store;            /* NULL until cli_open_store; closed by the dispatcher after the command */
} cli_context;

/* ---- options ---- */

typedef struct cli_option cli_option;

/* Reads the value of a CLI_CALLBACK option into target. Returns 0, or PC_EXIT_ERROR after printing the
 * error (cli_error). `value` points into argv. */
typedef int (*cli_option_read_fn)(const cli_option *option, const char *value, void *target);

/* What an option is, and so what cli_parse stores at its target (a field of the command's options struct).
 * Values point into argv; nothing is copied. */
typedef enum cli_option_kind {
    CLI_FLAG,     /* no value; sets a bool to true */
    CLI_SET,      /* no value; sets an int to `constant` (--progress 1, --no-progress -1: the last wins) */
    CLI_COUNT,    /* a whole number >= 0 into a long long */
    CLI_SIZE,     /* a size > 0 in bytes (64M, 512k, 2G, 1000) into a long long */
    CLI_STRING,   /* the value into a const char * (the last one given wins) */
    CLI_LIST,     /* appends the value to a cli_string_list (repeatable) */
    CLI_CHOICE,   /* one of `choices` into an int: its index in choices */
    CLI_CALLBACK, /* `read` checks and stores the value (for values that need real work) */
} cli_option_kind;

/* One row of a command's option table (write rows with the CLI_OPT_* macros below; CLI_OPT_END ends the
 * table). `arg` names the value in the usage ("FILE"; none for CLI_FLAG and CLI_SET). Errors about a value
 * name the option by its long name ("--limit", also when -n was given). */
struct cli_option {
    const char *long_name;        /* without "--" */
    char short_name;              /* 0 when none */
    cli_option_kind kind;
    size_t target;                /* offset of the field in the options struct (CLI_TARGET) */
    const char *arg;
    const char *help;             /* lines after the first continue under it in the usage */
    const char *const *choices;   /* CLI_CHOICE: the allowed values, NULL-terminated */
    const char *examples;         /* CLI_SIZE: good values, for the error about a bad one ("64M or 500k") */
    int constant;                 /* CLI_SET */
    cli_option_read_fn read;      /* CLI_CALLBACK */
};

/* The offset of `member` in the options struct `type`, checked at compile time to be a `field_type`. */
#define CLI_TARGET(type, member, field_type)                                                              \
    (offsetof(type, member) + 0 * sizeof((field_type *){&((type *)0)->member}))
/* The target of a callback that needs several fields: the whole options struct. */
#define CLI_TARGET_WHOLE ((size_t)0)

/* Rows of an option table, one macro per kind; each checks that `type`'s `member` has the kind's field type.
 * `short_name` is a letter or 0; `arg` names the value in the usage; `help` may span lines ("\n"). */
#define CLI_OPT_FLAG(long_name_, short_name_, type, member, help_)                                          \
    {.long_name = long_name_, .short_name = short_name_, .kind = CLI_FLAG,                                   \
     .target = CLI_TARGET(type, member, bool), .help = help_}
#define CLI_OPT_SET(long_name_, short_name_, type, member, constant_, help_)                                \
    {.long_name = long_name_, .short_name = short_name_, .kind = CLI_SET,                                    \
     .target = CLI_TARGET(type, member, int), .constant = constant_, .help = help_}
#define CLI_OPT_COUNT(long_name_, short_name_, type, member, arg_, help_)                                   \
    {.long_name = long_name_, .short_name = short_name_, .kind = CLI_COUNT,                                  \
     .target = CLI_TARGET(type, member, long long), .arg = arg_, .help = help_}
#define CLI_OPT_SIZE(long_name_, short_name_, type, member, examples_, arg_, help_)                         \
    {.long_name = long_name_, .short_name = short_name_, .kind = CLI_SIZE,                                   \
     .target = CLI_TARGET(type, member, long long), .examples = examples_, .arg = arg_, .help = help_}
#define CLI_OPT_STRING(long_name_, short_name_, type, member, arg_, help_)                                  \
    {.long_name = long_name_, .short_name = short_name_, .kind = CLI_STRING,                                 \
     .target = CLI_TARGET(type, member, const char *), .arg = arg_, .help = help_}
#define CLI_OPT_LIST(long_name_, short_name_, type, member, arg_, help_)                                    \
    {.long_name = long_name_, .short_name = short_name_, .kind = CLI_LIST,                                   \
     .target = CLI_TARGET(type, member, cli_string_list), .arg = arg_, .help = help_}
#define CLI_OPT_CHOICE(long_name_, short_name_, type, member, choices_, arg_, help_)                         \
    {.long_name = long_name_, .short_name = short_name_, .kind = CLI_CHOICE,                                 \
     .target = CLI_TARGET(type, member, int), .choices = choices_, .arg = arg_, .help = help_}
/* `target_`: CLI_TARGET(type, member, what read_ expects) or CLI_TARGET_WHOLE. */
#define CLI_OPT_CALLBACK(long_name_, short_name_, target_, read_, arg_, help_)                              \
    {.long_name = long_name_, .short_name = short_name_, .kind = CLI_CALLBACK, .target = target_,            \
     .read = read_, .arg = arg_, .help = help_}
#define CLI_OPT_END {.long_name = NULL}

/* The target of a CLI_LIST option. `items` is NULL-terminated (or NULL when empty); free with
 * cli_string_list_free. The strings are argv's. */
typedef struct cli_string_list {
    const char **items;
    size_t count;
} cli_string_list;

/* Frees the list's array (not the strings) and empties it. Accepts NULL. */
void cli_string_list_free(cli_string_list *list);

typedef struct cli_command_help {
    const char *name;
    const char *args;     /* "PATH..." */
    const char *summary;  /* one line */
    const char *details;  /* NULL or a paragraph printed after the options */
    const cli_option *options; /* terminated by an entry with long_name == NULL */
} cli_command_help;

/* Parses argv (argv[0] is the command name) against help->options, storing each option's value into its
 * target field of `options` (the command's options struct, initialised by the caller with the defaults).
 * Prints usage and returns -1 for --help; prints an error naming the option and returns PC_EXIT_ERROR for an
 * unknown option, a missing value, a value given to an option that takes none ("--all=yes"), or a bad value
 * (not a number, not a size, not one of the choices, or a callback's error); otherwise returns 0 with
 * *first_operand set to the index of the first operand in argv.
 * Options and operands may be mixed (operands are moved to the end of argv, in order); "--" ends options.
 * On an error, CLI_LIST targets may already hold values: free them all the same. */
int cli_parse(const cli_context *ctx, const cli_command_help *help, int argc, char **argv, void *options,
              int *first_operand);

/* Prints the usage of one command to `out`. */
void cli_print_usage(const cli_context *ctx, const cli_command_help *help, FILE *out);

/* Prints "presscut: <message>" on stderr; nothing once cli_stop_on_interrupt caught a signal (what fails then
 * fails because of the stop, which main reports once). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "presscut: <message>\n" plus a hint to run `presscut COMMAND --help`, and returns PC_EXIT_ERROR. */
int cli_usage_error(const cli_context *ctx, const char *command, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Opens the index named by ctx the way ctx->store_mode (the command's table row) says, once: ctx->store is
 * returned if already open. `analyzer` is the configuration wanted for CLI_STORE_CREATE (as in
 * pc_store_options; NULL: the recorded or default one) and ignored otherwise. The store is ctx's: the
 * dispatcher closes it after the command. On failure prints the error (for a missing index read or written,
 * with how to create it) and returns NULL. */
pc_store *cli_open_store(cli_context *ctx, const pc_analyzer_config *analyzer);

/* Installs `handler` for SIGINT and SIGTERM (sigaction, no SA_RESTART: a blocked read or write returns). */
void cli_on_interrupt_signals(void (*handler)(int signo));

/* For commands that only read (search, mentions, export): makes SIGINT and SIGTERM stop the command at once.
 * Installs a handler that notes the signal (and restores the default, so that a second one ends the process),
 * and a stop check on ctx's store, now or when cli_open_store opens it: the running pc_store_* call then fails
 * with PC_ESTOP. main then prints "interrupted" and exits 128 + the signal (130 for Ctrl-C) whatever the
 * command returned. */
void cli_stop_on_interrupt(cli_context *ctx);

/* The signal cli_stop_on_interrupt's handler caught, or 0. */
int cli_interrupt_signal(void);

/* Parses a size such as "64M", "512k", "2G", "1000" (bytes; binary multiples). Returns -1 when invalid. */
long long cli_parse_size(const char *text);

/* Parses a non-negative integer that fits in long long; returns -1 when invalid. */
long long cli_parse_count(const char *text);

/* The analyzer options of `index` and `rebuild`: CLI_CHOICE targets over cli_diacritics_choices and
 * cli_exact_forms_choices, -1 (CLI_ANALYZER_OPTIONS_UNSET) when not given. */
typedef struct cli_analyzer_options {
    int diacritics;
    int exact_forms;
} cli_analyzer_options;
#define CLI_ANALYZER_OPTIONS_UNSET {.diacritics = -1, .exact_forms = -1}
enum { CLI_DIACRITICS_FOLD, CLI_DIACRITICS_KEEP };
enum { CLI_EXACT_FORMS_KEEP, CLI_EXACT_FORMS_DROP };
extern const char *const cli_diacritics_choices[];  /* "fold", "keep" */
extern const char *const cli_exact_forms_choices[]; /* "keep", "drop" */

/* Sets the analyzer options given in *given on *cfg (the others keep their value). Returns whether any
 * was given. */
bool cli_analyzer_options_apply(const cli_analyzer_options *given, pc_analyzer_config *cfg);

/* True when colour suits stdout: it is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb". */
bool cli_stdout_wants_color(void);

/* CLI_CALLBACK readers (the option row is not used). cli_read_color reads a --color value into a bool:
 * "always" true, "never" false, "auto" cli_stdout_wants_color(). cli_read_output_format reads the --format
 * of search, show and stats (text, json, jsonl) into a pc_output_format. A bad value is an error: printed,
 * and PC_EXIT_ERROR returned; else 0. */
int cli_read_color(const cli_option *option, const char *value, void *target);
int cli_read_output_format(const cli_option *option, const char *value, void *target);

int cmd_index(cli_context *ctx, int argc, char **argv);
int cmd_search(cli_context *ctx, int argc, char **argv);
int cmd_stats(cli_context *ctx, int argc, char **argv);
int cmd_rebuild(cli_context *ctx, int argc, char **argv);
int cmd_check(cli_context *ctx, int argc, char **argv);
int cmd_sql(cli_context *ctx, int argc, char **argv);
int cmd_show(cli_context *ctx, int argc, char **argv);
int cmd_entities(cli_context *ctx, int argc, char **argv);
int cmd_mentions(cli_context *ctx, int argc, char **argv);
int cmd_export(cli_context *ctx, int argc, char **argv);
int cmd_tui(cli_context *ctx, int argc, char **argv);

#endif
