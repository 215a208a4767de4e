/* cli.c — helpers shared by the subcommands: option parsing that fills a command's options struct from its
 * option table, usage text from the same table, opening the index as the command's table row says, and
 * user-facing errors. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "presscut/core/quote.h"

/* Writes "presscut: <message>" and a newline to stderr, on one line: control characters and bytes that are
 * not UTF-8 in the message (a file name holds any) are escaped as quote.h says. */
static void print_error(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    pc_strbuf line = {0};
    if (msg) {
        vsnprintf(msg, (size_t)n + 1, fmt, again);
        pc_quote_escape_controls(&line, msg, (size_t)n);
    }
    va_end(again);
    fputs("presscut: ", stderr);
    fputs(line.data && !line.failed ? line.data : "(out of memory while composing the message)", stderr);
    fputc('\n', stderr);
    pc_strbuf_free(&line);
    free(msg);
}

/* ---- interruption ---- */

/* The signal caught by cli_stop_on_interrupt's handler, or 0. */
static volatile sig_atomic_t interrupt_signal;
static bool interrupts_caught;

static void note_interrupt(int signo)
{
    interrupt_signal = signo;
    signal(signo, SIG_DFL); /* a second Ctrl-C ends the process at once */
}

/* The store's stop check (pc_store_set_stop_check): true once a signal was caught. */
static bool store_should_stop(void *unused)
{
    (void)unused;
    return interrupt_signal != 0;
}

void cli_on_interrupt_signals(void (*handler)(int signo))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

void cli_stop_on_interrupt(cli_context *ctx)
{
    cli_on_interrupt_signals(note_interrupt);
    interrupts_caught = true;
    if (ctx->store)
        pc_store_set_stop_check(ctx->store, store_should_stop, NULL);
}

int cli_interrupt_signal(void)
{
    return interrupt_signal;
}

void cli_error(const char *fmt, ...)
{
    if (interrupt_signal)
        return; /* the failure follows from the stop: main says "interrupted" once */
    va_list ap;
    va_start(ap, fmt);
    print_error(fmt, ap);
    va_end(ap);
}

int cli_usage_error(const cli_context *ctx, const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_error(fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try '%s %s --help' for more information.\n", ctx->program, command);
    return PC_EXIT_ERROR;
}

static bool takes_value(const cli_option *o)
{
    return o->kind != CLI_FLAG && o->kind != CLI_SET;
}

void cli_print_usage(const cli_context *ctx, const cli_command_help *help, FILE *out)
{
    fprintf(out, "usage: %s [--db FILE] %s [OPTIONS] %s\n\n%s\n", ctx->program, help->name, help->args, help->summary);
    if (help->options && help->options[0].long_name) {
        fputs("\nOptions:\n", out);
        for (const cli_option *o = help->options; o->long_name; o++) {
            const char *arg = takes_value(o) ? (o->arg ? o->arg : "VALUE") : NULL;
            char left[64];
            if (o->short_name)
                snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->long_name, arg ? " " : "", arg ? arg : "");
            else
                snprintf(left, sizeof left, "    --%s%s%s", o->long_name, arg ? " " : "", arg ? arg : "");
            /* a help text of several lines continues under its first line */
            fprintf(out, "  %-28s ", left);
            for (const char *line = o->help; *line;) {
                const char *nl = strchr(line, '\n');
                int len = nl ? (int)(nl - line) : (int)strlen(line);
                fprintf(out, "%.*s\n", len, line);
                if (!nl)
                    break;
                line = nl + 1;
                fprintf(out, "%31s", "");
            }
        }
        fprintf(out, "  %-28s %s\n", "-h, --help", "show this help");
    }
    if (help->details)
        fprintf(out, "\n%s\n", help->details);
}

void cli_string_list_free(cli_string_list *list)
{
    if (!list)
        return;
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

static int string_list_add(cli_string_list *list, const char *value)
{
    const char **grown = realloc(list->items, (list->count + 2) * sizeof *grown);
    if (!grown) {
        cli_error("out of memory");
        return PC_EXIT_ERROR;
    }
    list->items = grown;
    list->items[list->count++] = value;
    list->items[list->count] = NULL;
    return 0;
}

/* The index of value in o->choices, or -1 after saying which values the option takes. */
static int find_choice(const cli_option *o, const char *value)
{
    size_t n = 0;
    for (; o->choices[n]; n++)
        if (strcmp(value, o->choices[n]) == 0)
            return (int)n;
    char allowed[256];
    size_t used = 0;
    allowed[0] = '\0';
    for (size_t i = 0; i < n && used < sizeof allowed; i++) {
        const char *sep = i == 0 ? "" : i + 1 == n ? " or " : ", ";
        int len = snprintf(allowed + used, sizeof allowed - used, "%s'%s'", sep, o->choices[i]);
        used += len > 0 ? (size_t)len : 0;
    }
    cli_error("--%s takes %s, not '%s'", o->long_name, allowed, value);
    return -1;
}

/* Stores the value of option o into its target field of `options`; a bad value is an error naming the
 * option by its long name, whichever form was given. */
static int store_option(const cli_option *o, const char *value, void *options)
{
    void *target = (char *)options + o->target;
    switch (o->kind) {
    case CLI_FLAG:
        *(bool *)target = true;
        return 0;
    case CLI_SET:
        *(int *)target = o->constant;
        return 0;
    case CLI_COUNT: {
        long long v = cli_parse_count(value);
        if (v < 0) {
            cli_error("--%s takes a whole number, not '%s'", o->long_name, value);
            return PC_EXIT_ERROR;
        }
        *(long long *)target = v;
        return 0;
    }
    case CLI_SIZE: {
        long long v = cli_parse_size(value);
        if (v <= 0) {
            cli_error("--%s takes a size such as %s, not '%s'", o->long_name, o->examples, value);
            return PC_EXIT_ERROR;
        }
        *(long long *)target = v;
        return 0;
    }
    case CLI_STRING:
        *(const char **)target = value;
        return 0;
    case CLI_LIST:
        return string_list_add(target, value);
    case CLI_CHOICE: {
        int i = find_choice(o, value);
        if (i < 0)
            return PC_EXIT_ERROR;
        *(int *)target = i;
        return 0;
    }
    case CLI_CALLBACK:
        return o->read(o, value, target);
    }
    return PC_EXIT_ERROR;
}

/* getopt_long's code for option row i: its short letter, or 256 + i for a long-only option. */
static int option_code(const cli_option *options, size_t i)
{
    return options[i].short_name ? (unsigned char)options[i].short_name : 256 + (int)i;
}

static const cli_option *option_by_code(const cli_option *options, size_t n, int code)
{
    for (size_t i = 0; i < n; i++)
        if (option_code(options, i) == code)
            return &options[i];
    return NULL;
}

/* The long option named `name` (its first `len` bytes), or else the only one whose name begins with them,
 * as getopt_long accepts abbreviations; NULL when none or several. */
static const struct option *long_option_by_name(const struct option *longs, const char *name, size_t len)
{
    const struct option *found = NULL;
    for (const struct option *o = longs; len > 0 && o->name; o++) {
        if (strncmp(o->name, name, len) != 0)
            continue;
        if (o->name[len] == '\0')
            return o;
        if (found)
            return NULL;
        found = o;
    }
    return found;
}

/* The usage error for a long option getopt_long refused, `arg` as given: "--name=value" for an option that
 * takes no value, or a name that is unknown (or ambiguous). getopt's optopt is no help here: for the first
 * it holds the option's code, which is a letter when the option has a short form. */
static int long_option_error(const cli_context *ctx, const char *command, const struct option *longs,
                             const char *arg)
{
    const char *name = arg + 2;
    const char *equals = strchr(name, '=');
    size_t len = equals ? (size_t)(equals - name) : strlen(name);
    const struct option *o = long_option_by_name(longs, name, len);
    if (o && equals && o->has_arg == no_argument)
        return cli_usage_error(ctx, command, "option '--%s' takes no value", o->name);
    return cli_usage_error(ctx, command, "unknown option '--%.*s'", (int)len, name);
}

int cli_parse(const cli_context *ctx, const cli_command_help *help, int argc, char **argv, void *options,
              int *first_operand)
{
    size_t n = 0;
    while (help->options && help->options[n].long_name)
        n++;
    struct option *longs = calloc(n + 2, sizeof *longs);
    char *shorts = malloc(2 * n + 4);
    if (!longs || !shorts) {
        free(longs);
        free(shorts);
        cli_error("out of memory");
        return PC_EXIT_ERROR;
    }
    size_t s = 0;
    shorts[s++] = '+'; /* stop at "--" only; operands are permuted by hand below */
    shorts[s++] = ':';
    for (size_t i = 0; i < n; i++) {
        const cli_option *o = &help->options[i];
        longs[i] = (struct option){o->long_name, takes_value(o) ? required_argument : no_argument, NULL,
                                   option_code(help->options, i)};
        if (o->short_name) {
            shorts[s++] = o->short_name;
            if (takes_value(o))
                shorts[s++] = ':';
        }
    }
    longs[n] = (struct option){"help", no_argument, NULL, 'h'};
    shorts[s++] = 'h';
    shorts[s] = '\0';

    /* getopt_long with '+' stops at the first operand; operands are collected and options after them still
     * parsed, the way git and ripgrep accept `cmd PATH --opt`. */
    char **operands = malloc(((size_t)argc + 1) * sizeof *operands);
    if (!operands) {
        free(longs);
        free(shorts);
        cli_error("out of memory");
        return PC_EXIT_ERROR;
    }
    int n_operands = 0;
    int rc = 0;
    optind = 1;
    opterr = 0;
    while (rc == 0 && optind < argc) {
        int prev = optind;
        int c = getopt_long(argc, argv, shorts, longs, NULL);
        if (c == -1) {
            if (optind > prev && strcmp(argv[optind - 1], "--") == 0) {
                while (optind < argc)
                    operands[n_operands++] = argv[optind++];
                break;
            }
            operands[n_operands++] = argv[optind++];
            continue;
        }
        const cli_option *o = c == '?' || c == ':' ? NULL : option_by_code(help->options, n, c);
        if (c == ':') {
            rc = cli_usage_error(ctx, help->name, "option '%s' needs a value", argv[optind - 1]);
        } else if (o) {
            rc = store_option(o, optarg, options);
        } else if (c == 'h') {
            cli_print_usage(ctx, help, stdout);
            rc = -1;
        } else if (strncmp(argv[prev], "--", 2) == 0) {
            rc = long_option_error(ctx, help->name, longs, argv[prev]);
        } else {
            rc = cli_usage_error(ctx, help->name, "unknown option '-%c'", optopt);
        }
    }
    if (rc == 0) {
        /* Put the operands at the end of argv, in order, and tell where they start. */
        int first = argc - n_operands;
        for (int i = 0; i < n_operands; i++)
            argv[first + i] = operands[i];
        *first_operand = first;
    }
    free(operands);
    free(longs);
    free(shorts);
    return rc;
}

pc_store *cli_open_store(cli_context *ctx, const pc_analyzer_config *analyzer)
{
    if (ctx->store)
        return ctx->store;
    cli_store_mode mode = ctx->store_mode;
    if (mode == CLI_STORE_NONE) {
        cli_error("internal error: this command is not meant to open the index");
        return NULL;
    }
    pc_store_options opt = {
        .create = mode == CLI_STORE_CREATE,
        .read_only = mode == CLI_STORE_READ,
        .analyzer = mode == CLI_STORE_CREATE ? analyzer : NULL,
        .for_rebuild = mode == CLI_STORE_REBUILD,
        .read_only_if_unwritable = mode == CLI_STORE_CHECK,
    };
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_store_open(&ctx->store, ctx->db_path, &opt, &err);
    if (rc != PC_OK) {
        cli_error("%s", err.msg[0] ? err.msg : "cannot open the index");
        struct stat sb;
        bool missing = stat(ctx->db_path, &sb) != 0 && errno == ENOENT; /* the hint is wrong for a folder */
        bool must_exist = mode == CLI_STORE_READ || mode == CLI_STORE_WRITE || mode == CLI_STORE_CHECK;
        if (rc == PC_EIO && missing && must_exist)
            fprintf(stderr, "Create it first with: %s --db %s index PATH...\n", ctx->program, ctx->db_path);
        return NULL;
    }
    if (interrupts_caught)
        pc_store_set_stop_check(ctx->store, store_should_stop, NULL);
    return ctx->store;
}

long long cli_parse_count(const char *text)
{
    if (!text || !*text || !isdigit((unsigned char)text[0]))
        return -1;
    errno = 0;
    char *end;
    long long v = strtoll(text, &end, 10);
    if (errno || *end)
        return -1;
    return v;
}

long long cli_parse_size(const char *text)
{
    if (!text || !*text || !isdigit((unsigned char)text[0]))
        return -1;
    errno = 0;
    char *end;
    double v = strtod(text, &end);
    if (errno || v < 0)
        return -1;
    double mult = 1;
    switch (tolower((unsigned char)*end)) {
    case '\0': break;
    case 'k': mult = 1024.0; end++; break;
    case 'm': mult = 1024.0 * 1024; end++; break;
    case 'g': mult = 1024.0 * 1024 * 1024; end++; break;
    default: return -1;
    }
    if (*end == 'i' || *end == 'I')
        end++;
    if (*end == 'b' || *end == 'B')
        end++;
    if (*end)
        return -1;
    double bytes = v * mult;
    if (bytes > (double)LLONG_MAX / 2)
        return -1;
    return (long long)bytes;
}

const char *const cli_diacritics_choices[] = {[CLI_DIACRITICS_FOLD] = "fold", [CLI_DIACRITICS_KEEP] = "keep", NULL};
const char *const cli_exact_forms_choices[] = {[CLI_EXACT_FORMS_KEEP] = "keep", [CLI_EXACT_FORMS_DROP] = "drop", NULL};

bool cli_analyzer_options_apply(const cli_analyzer_options *given, pc_analyzer_config *cfg)
{
    if (given->diacritics >= 0)
        cfg->fold_diacritics = given->diacritics == CLI_DIACRITICS_FOLD;
    if (given->exact_forms >= 0)
        cfg->exact_forms = given->exact_forms == CLI_EXACT_FORMS_KEEP;
    return given->diacritics >= 0 || given->exact_forms >= 0;
}

bool cli_stdout_wants_color(void)
{
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(STDOUT_FILENO) == 1;
}

int cli_read_color(const cli_option *option, const char *value, void *target)
{
    (void)option;
    bool *color = target;
    if (strcmp(value, "always") == 0)
        *color = true;
    else if (strcmp(value, "never") == 0)
        *color = false;
    else if (strcmp(value, "auto") == 0)
        *color = cli_stdout_wants_color();
    else {
        cli_error("--color takes auto, always or never, not '%s'", value);
        return PC_EXIT_ERROR;
    }
    return 0;
}

int cli_read_output_format(const cli_option *option, const char *value, void *target)
{
    (void)option;
    pc_error err;
    pc_error_clear(&err);
    if (pc_output_format_parse(value, target, &err) != PC_OK) {
        cli_error("--format: %s", err.msg);
        return PC_EXIT_ERROR;
    }
    return 0;
}
