/* cli.c — helpers shared by the subcommands: option parsing from option tables, usage text, opening the
 * index with user-facing errors, and printing untrusted text safely. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "presscut/output/safe_text.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("presscut: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage_error(const cli_context *ctx, const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("presscut: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fprintf(stderr, "Try '%s %s --help' for more information.\n", ctx->program, command);
    return PC_EXIT_ERROR;
}

void cli_print_usage(const cli_context *ctx, const cli_command_help *help, FILE *out)
{
    fprintf(out, "usage: %s [--db FILE] %s [OPTIONS] %s\n\n%s\n", ctx->program, help->name, help->args, help->summary);
    if (help->options && help->options[0].long_name) {
        fputs("\nOptions:\n", out);
        for (const cli_option *o = help->options; o->long_name; o++) {
            char left[64];
            if (o->id < 256)
                snprintf(left, sizeof left, "-%c, --%s%s%s", o->id, o->long_name, o->arg ? " " : "", o->arg ? o->arg : "");
            else
                snprintf(left, sizeof left, "    --%s%s%s", o->long_name, o->arg ? " " : "", o->arg ? o->arg : "");
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

int cli_parse(const cli_context *ctx, const cli_command_help *help, int argc, char **argv, cli_option_fn fn,
              void *payload, int *first_operand)
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
        longs[i] = (struct option){o->long_name, o->arg ? required_argument : no_argument, NULL, o->id};
        if (o->id < 256) {
            shorts[s++] = (char)o->id;
            if (o->arg)
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
        if (c == 'h') {
            cli_print_usage(ctx, help, stdout);
            rc = -1;
        } else if (c == '?') {
            if (optopt && optopt < 256)
                rc = cli_usage_error(ctx, help->name, "unknown option '-%c'", optopt);
            else
                rc = cli_usage_error(ctx, help->name, "unknown option '%s'", argv[optind - 1]);
        } else if (c == ':') {
            rc = cli_usage_error(ctx, help->name, "option '%s' needs a value", argv[optind - 1]);
        } else {
            rc = fn(payload, c, optarg);
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

pc_store *cli_open_store(const cli_context *ctx, bool create, bool read_only, const pc_analyzer_config *analyzer)
{
    pc_store_options opt = {.create = create, .read_only = read_only, .analyzer = analyzer};
    pc_store *store = NULL;
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_store_open(&store, ctx->db_path, &opt, &err);
    if (rc != PC_OK) {
        cli_error("%s", err.msg[0] ? err.msg : "cannot open the index");
        if (rc == PC_EIO && !create)
            fprintf(stderr, "Create it first with: %s --db %s index PATH...\n", ctx->program, ctx->db_path);
        return NULL;
    }
    return store;
}

void cli_write_safe(FILE *out, const char *s, size_t len, bool keep_newlines)
{
    pc_safe_text_write(out, s, len, keep_newlines);
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

/* Sets *flag from a two-way option value ("on_word" -> true, "off_word" -> false); false on anything else,
 * after saying what the option takes. */
static bool parse_two_way(const char *option, const char *value, const char *on_word, const char *off_word,
                          bool *flag)
{
    if (strcmp(value, on_word) == 0 || strcmp(value, off_word) == 0) {
        *flag = strcmp(value, on_word) == 0;
        return true;
    }
    cli_error("--%s takes '%s' or '%s', not '%s'", option, on_word, off_word, value);
    return false;
}

int cli_analyzer_option(int id, const char *value, pc_analyzer_config *cfg, bool *error)
{
    *error = false;
    if (id == CLI_OPT_DIACRITICS)
        *error = !parse_two_way("diacritics", value, "fold", "keep", &cfg->fold_diacritics);
    else if (id == CLI_OPT_EXACT_FORMS)
        *error = !parse_two_way("exact-forms", value, "keep", "drop", &cfg->exact_forms);
    else
        return 0;
    return 1;
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

int cli_color_option(const char *value, bool *color)
{
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

int cli_format_option(const char *value, pc_output_format *format)
{
    pc_error err;
    pc_error_clear(&err);
    if (pc_output_format_parse(value, format, &err) != PC_OK) {
        cli_error("--format: %s", err.msg);
        return PC_EXIT_ERROR;
    }
    return 0;
}
