/* cmd_entities.c — `presscut entities import|list|remove`: the entity list kept in the index, which `@name`
 * in queries and `presscut mentions` use. The import file is read here (its format is in import_help); the
 * store keeps the list (pc_store_entities_*), the output stage prints it (print_entities.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "presscut/core/utf8.h"
#include "presscut/output/print_entities.h"

/* Errors of one import file reported before giving up (every bad line is an error; nothing is imported). */
#define MAX_REPORTED_ERRORS 10

typedef struct entities_args {
    pc_output_format format;
} entities_args;

static const cli_option no_options[] = {CLI_OPT_END};

static const cli_option list_options[] = {
    CLI_OPT_CALLBACK("format", 0, CLI_TARGET(entities_args, format, pc_output_format), cli_read_output_format,
                     "FORMAT", "text (default: the import format, entity<TAB>alias per line), json (one list)\n"
                               "or jsonl (one object per entity)"),
    CLI_OPT_END,
};

static const cli_command_help import_help = {
    .name = "entities import",
    .args = "FILE",
    .summary = "Imports an entity list: each entity gets exactly the aliases FILE gives it (importing again\n"
               "replaces them); entities FILE does not name keep theirs. A bad line imports nothing.",
    .details = "FILE is UTF-8 text with one alias per line: the entity's name, a tab, the alias, e.g.\n"
               "  peskov<TAB>Dmitry Peskov\n"
               "  peskov<TAB>Песков\n"
               "Lines starting with # and blank lines are ignored; spaces around a field are dropped.\n"
               "The name is what @name stands for in queries (one word, compared ignoring case); an alias\n"
               "is searched as a phrase. Write each alias in its usual form: inflections are found.",
    .options = no_options,
};

static const cli_command_help list_help = {
    .name = "entities list",
    .args = "[NAME...]",
    .summary = "Lists the entities of the index (or those named) with their aliases, in the import format.",
    .details = NULL,
    .options = list_options,
};

static const cli_command_help remove_help = {
    .name = "entities remove",
    .args = "NAME",
    .summary = "Removes an entity and its aliases from the entity list.",
    .details = NULL,
    .options = no_options,
};

static void print_entities_usage(FILE *out)
{
    fputs("usage: presscut [--db FILE] entities import FILE\n"
          "       presscut [--db FILE] entities list [--format FORMAT] [NAME...]\n"
          "       presscut [--db FILE] entities remove NAME\n\n"
          "Keeps a list of entities (people, organisations, places), each a name with the aliases it is\n"
          "written with; @name in a query stands for its aliases. 'presscut entities import --help' shows\n"
          "the file format.\n",
          out);
}

/* ---- reading the import file ---- */

/* The entities of an import file, grouped by name as written (the store merges names equal but for case). */
typedef struct entity_file {
    pc_entity *entities;
    size_t n;
    size_t aliases;   /* lines read */
    size_t errors;    /* bad lines */
} entity_file;

/* [*s, *e) without the spaces at both ends. */
static void trim(const char **s, const char **e)
{
    size_t sp;
    while (*s < *e && (sp = pc_utf8_space_len(*s, (size_t)(*e - *s))) > 0)
        *s += sp;
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
        (*e)--;
}

static void line_error(entity_file *f, const char *path, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Prints "presscut: FILE:LINE: <message>" for the first MAX_REPORTED_ERRORS bad lines, and counts them all. */
static void line_error(entity_file *f, const char *path, size_t line, const char *fmt, ...)
{
    if (f->errors++ >= MAX_REPORTED_ERRORS)
        return;
    fprintf(stderr, "presscut: %s:%zu: ", path, line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* Adds alias [a, a_end) to the entity called [name, name_end). Returns 0 or PC_ENOMEM. */
static int add_alias(entity_file *f, const char *name, size_t name_len, const char *a, size_t a_len)
{
    pc_entity *e = NULL;
    for (size_t i = f->n; i-- > 0;)
        if (strlen(f->entities[i].name) == name_len && memcmp(f->entities[i].name, name, name_len) == 0) {
            e = &f->entities[i];
            break;
        }
    if (!e) {
        pc_entity *grown = realloc(f->entities, (f->n + 1) * sizeof *grown);
        if (!grown)
            return PC_ENOMEM;
        f->entities = grown;
        e = &grown[f->n];
        memset(e, 0, sizeof *e);
        if (!(e->name = strndup(name, name_len)))
            return PC_ENOMEM;
        f->n++;
    }
    char **grown = realloc(e->aliases, (e->n_aliases + 1) * sizeof *grown);
    if (!grown)
        return PC_ENOMEM;
    e->aliases = grown;
    if (!(grown[e->n_aliases] = strndup(a, a_len)))
        return PC_ENOMEM;
    e->n_aliases++;
    f->aliases++;
    return PC_OK;
}

/* A character that cannot be in an entity name, since it would end @name in a query; NULL when none. */
static const char *bad_name_char(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(' || s[i] == ')' || s[i] == '"' || (i == 0 && (s[i] == '@' || s[i] == '=' || s[i] == '-')))
            return s + i;
        if (pc_utf8_space_len(s + i, n - i) > 0)
            return s + i;
    }
    return NULL;
}

/* Reads one line [s, e) (without its newline). */
static int read_line(entity_file *f, const char *path, size_t line, const char *s, const char *e)
{
    if (e > s && e[-1] == '\r')
        e--;
    const char *first = s, *last = e;
    trim(&first, &last);
    if (first == last || *first == '#')
        return PC_OK;
    if (!pc_utf8_valid(s, (size_t)(e - s))) {
        line_error(f, path, line, "not valid UTF-8: save the file as UTF-8 text");
        return PC_OK;
    }
    const char *tab = memchr(s, '\t', (size_t)(e - s));
    if (!tab) {
        line_error(f, path, line, "no tab between the entity and the alias: write entity<TAB>alias");
        return PC_OK;
    }
    if (memchr(tab + 1, '\t', (size_t)(e - tab - 1))) {
        line_error(f, path, line, "more than one tab: write one alias per line, as entity<TAB>alias");
        return PC_OK;
    }
    const char *name = s, *name_end = tab, *alias = tab + 1, *alias_end = e;
    trim(&name, &name_end);
    trim(&alias, &alias_end);
    if (name == name_end) {
        line_error(f, path, line, "the entity name before the tab is empty: write entity<TAB>alias");
        return PC_OK;
    }
    if (alias == alias_end) {
        line_error(f, path, line, "the alias after the tab is empty: write entity<TAB>alias");
        return PC_OK;
    }
    const char *bad = bad_name_char(name, (size_t)(name_end - name));
    if (bad) {
        char quoted[160];
        snprintf(quoted, sizeof quoted, "%.*s", (int)(name_end - name), name);
        line_error(f, path, line,
                   "the entity name '%s' has a space, a parenthesis, a quote or a leading @, = or -: @name in a "
                   "query needs one word, as in peskov or dmitry_peskov",
                   quoted);
        return PC_OK;
    }
    return add_alias(f, name, (size_t)(name_end - name), alias, (size_t)(alias_end - alias));
}

/* Reads the import file at `path` into *f. Returns 0 (check f->errors), PC_EIO (printed) or PC_ENOMEM. */
static int read_entity_file(const char *path, entity_file *f)
{
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        cli_error("cannot read the entity list '%s': %s", path, strerror(errno));
        return PC_EIO;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    size_t line = 0;
    int rc = PC_OK;
    while (rc == PC_OK && (got = getline(&buf, &cap, in)) >= 0) {
        line++;
        const char *s = buf, *e = buf + got;
        if (e > s && e[-1] == '\n')
            e--;
        if (line == 1 && e - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3; /* a byte order mark */
        if (memchr(s, '\0', (size_t)(e - s)))
            line_error(f, path, line, "a NUL byte: the file is not text; save it as UTF-8 text");
        else
            rc = read_line(f, path, line, s, e);
    }
    if (rc == PC_OK && ferror(in)) {
        cli_error("cannot read the entity list '%s': %s", path, strerror(errno));
        rc = PC_EIO;
    }
    free(buf);
    if (in != stdin)
        fclose(in);
    return rc;
}

/* ---- the subcommands ---- */

static int entities_import(cli_context *ctx, int argc, char **argv)
{
    entities_args a = {0};
    int first = 0;
    int rc = cli_parse(ctx, &import_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (argc - first != 1)
        return cli_usage_error(ctx, "entities import", "'entities import' takes one FILE");
    const char *path = argv[first];
    entity_file f = {0};
    rc = read_entity_file(path, &f);
    if (rc == PC_ENOMEM)
        cli_error("out of memory while reading the entity list '%s'", path);
    if (rc == PC_OK && f.errors) {
        if (f.errors > MAX_REPORTED_ERRORS)
            cli_error("%s: %zu more bad lines", path, f.errors - MAX_REPORTED_ERRORS);
        cli_error("nothing imported from '%s': correct the %s above and import it again", path,
                  f.errors == 1 ? "line" : "lines");
        rc = PC_EFORMAT;
    }
    if (rc == PC_OK && f.n == 0) {
        cli_error("'%s' has no entity: write one entity<TAB>alias per line", path);
        rc = PC_EFORMAT;
    }
    pc_store *store = rc == PC_OK ? cli_open_store(ctx, NULL) : NULL;
    if (rc == PC_OK && !store)
        rc = PC_EIO;
    if (rc == PC_OK) {
        pc_error err;
        pc_error_clear(&err);
        rc = pc_store_entities_import(store, f.entities, f.n, &err);
        if (rc != PC_OK)
            cli_error("%s; nothing imported", err.msg);
        else
            printf("imported %zu %s from %s\n", f.aliases, f.aliases == 1 ? "alias" : "aliases", path);
    }
    pc_entities_free(f.entities, f.n);
    return rc == PC_OK ? PC_EXIT_OK : PC_EXIT_ERROR;
}

static int entities_list(cli_context *ctx, int argc, char **argv)
{
    entities_args a = {.format = PC_OUTPUT_TEXT};
    int first = 0;
    int rc = cli_parse(ctx, &list_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    ctx->store_mode = CLI_STORE_READ;
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store)
        return PC_EXIT_ERROR;
    pc_error err;
    pc_error_clear(&err);
    pc_entity *list = NULL;
    size_t n = 0;
    rc = pc_store_entities_list(store, (const char *const *)argv + first, (size_t)(argc - first), &list, &n, &err);
    pc_printer *printer = NULL;
    if (rc == PC_OK) {
        pc_printer_options popt = {.format = a.format, .out = stdout};
        rc = pc_printer_new(&popt, &printer, &err);
    }
    if (rc == PC_OK)
        rc = pc_print_entities(printer, list, n, &err);
    if (rc != PC_OK)
        cli_error("%s", err.msg);
    else if (n == 0)
        cli_error("the index has no entities: import a list with presscut entities import FILE");
    pc_printer_free(printer);
    pc_entities_free(list, n);
    return rc != PC_OK ? PC_EXIT_ERROR : n == 0 ? PC_EXIT_NOTHING : PC_EXIT_OK;
}

static int entities_remove(cli_context *ctx, int argc, char **argv)
{
    entities_args a = {0};
    int first = 0;
    int rc = cli_parse(ctx, &remove_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (argc - first != 1)
        return cli_usage_error(ctx, "entities remove", "'entities remove' takes one NAME");
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store)
        return PC_EXIT_ERROR;
    pc_error err;
    pc_error_clear(&err);
    bool removed = false;
    rc = pc_store_entity_remove(store, argv[first], &removed, &err);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    if (!removed) {
        cli_error("no entity '%s' in the index; see presscut entities list", argv[first]);
        return PC_EXIT_ERROR;
    }
    printf("removed %s\n", argv[first]);
    return PC_EXIT_OK;
}

int cmd_entities(cli_context *ctx, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : NULL;
    if (!sub) {
        print_entities_usage(stderr);
        return PC_EXIT_ERROR;
    }
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        print_entities_usage(stdout);
        return PC_EXIT_OK;
    }
    if (strcmp(sub, "import") == 0)
        return entities_import(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "list") == 0)
        return entities_list(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "remove") == 0)
        return entities_remove(ctx, argc - 1, argv + 1);
    cli_error("'%s' is not an entities command: use import, list or remove", sub);
    print_entities_usage(stderr);
    return PC_EXIT_ERROR;
}
