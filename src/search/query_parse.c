/* query_parse.c — reading the query language of include/presscut/search/query.h: a lexer that cuts the query
 * text into tokens (with 1-based character columns for messages), a recursive-descent parser that builds the
 * pc_qnode tree and the filters, and the error messages that say where the query went wrong and what to write.
 * Filter values are read by query_filters.c; compiling the tree is query_compile.c's work.
 *
 * Grammar (precedence: unary - / NOT > NEAR/N > OR > AND, implicit or explicit):
 *   query    := and_expr END
 *   and_expr := or_expr ( [AND] or_expr )*
 *   or_expr  := near_expr ( OR near_expr )*
 *   near_expr:= unary ( NEAR/N unary )*
 *   unary    := ( '-' | NOT ) primary | primary
 *   primary  := word | phrase | '(' and_expr ')' | NEAR( words-and-phrases [, N] ) | filter | @name
 * An @name is replaced while parsing by the OR of its entity's aliases (pc_query_options.entity_aliases). */
#include "presscut/search/query.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"
#include "query_internal.h"

/* ========================================================================================================
 * Small helpers
 * ======================================================================================================== */

/* The 1-based character column of byte `offset` of text: code points before it plus one (an invalid byte
 * sequence counts as one character). */
static size_t column_of(const char *text, size_t offset)
{
    size_t column = 1, i = 0;
    while (i < offset) {
        unsigned int cp;
        i += pc_utf8_next(text + i, offset - i, &cp);
        column++;
    }
    return column;
}

/* The length of the separator at text[pos] (white space, an ASCII or C1 control character), or 0. Control
 * characters count as spaces: they could otherwise forge the analyzer's markers. */
static size_t separator_len(const char *text, size_t len, size_t pos)
{
    unsigned char c = (unsigned char)text[pos];
    if (c < 0x20 || c == 0x7f)
        return 1;
    if (c == 0xC2 && pos + 1 < len && (unsigned char)text[pos + 1] >= 0x80 && (unsigned char)text[pos + 1] <= 0x9F)
        return 2;
    return pc_utf8_space_len(text + pos, len - pos);
}

static char *copy_range(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

static bool ascii_equal_nocase(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* ========================================================================================================
 * Nodes
 * ======================================================================================================== */

static void node_free(pc_qnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n_words; i++)
        free(n->words[i].text);
    free(n->words);
    for (size_t i = 0; i < n->n_children; i++)
        node_free(n->children[i]);
    free(n->children);
    free(n->entity);
    free(n);
}

void query_node_free(pc_qnode *n)
{
    node_free(n);
}

static pc_qnode *node_new(pc_qnode_kind kind, size_t column)
{
    pc_qnode *n = calloc(1, sizeof *n);
    if (n) {
        n->kind = kind;
        n->column = column;
    }
    return n;
}

/* Appends child to n->children; on failure frees child and returns PC_ENOMEM. */
static int node_add_child(pc_qnode *n, pc_qnode *child)
{
    pc_qnode **grown = realloc(n->children, (n->n_children + 1) * sizeof *grown);
    if (!grown) {
        node_free(child);
        return PC_ENOMEM;
    }
    n->children = grown;
    n->children[n->n_children++] = child;
    return PC_OK;
}

/* Adds child to n (an AND or OR node), moving the children of a child of the same kind up into n (a AND
 * (b AND c) is a AND b AND c). Takes ownership of child in every case. */
static int node_add_flat(pc_qnode *n, pc_qnode *child)
{
    if (child->kind != n->kind)
        return node_add_child(n, child);
    int rc = PC_OK;
    for (size_t i = 0; i < child->n_children; i++) {
        if (rc == PC_OK)
            rc = node_add_child(n, child->children[i]);
        else
            node_free(child->children[i]);
        child->children[i] = NULL;
    }
    child->n_children = 0;
    node_free(child);
    return rc;
}

/* A growing list of nodes, owned until handed over. */
typedef struct node_list {
    pc_qnode **items;
    size_t n;
} node_list;

static int node_list_add(node_list *l, pc_qnode *node)
{
    pc_qnode **grown = realloc(l->items, (l->n + 1) * sizeof *grown);
    if (!grown) {
        node_free(node);
        return PC_ENOMEM;
    }
    l->items = grown;
    l->items[l->n++] = node;
    return PC_OK;
}

static void node_list_free(node_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        node_free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

/* Turns the list into one node: NULL when empty, the item itself when alone, else a `kind` node (AND/OR,
 * flattened) or a NEAR node with `distance`. Empties the list. */
static int node_list_join(node_list *l, pc_qnode_kind kind, int distance, pc_qnode **out)
{
    *out = NULL;
    if (l->n == 0) {
        node_list_free(l);
        return PC_OK;
    }
    if (l->n == 1) {
        *out = l->items[0];
        l->n = 0;
        node_list_free(l);
        return PC_OK;
    }
    pc_qnode *joined = node_new(kind, l->items[0]->column);
    if (!joined) {
        node_list_free(l);
        return PC_ENOMEM;
    }
    joined->distance = distance;
    int rc = PC_OK;
    for (size_t i = 0; i < l->n; i++) {
        pc_qnode *item = l->items[i];
        l->items[i] = NULL;
        if (rc != PC_OK)
            node_free(item);
        else if (kind == PC_QNODE_NEAR)
            rc = node_add_child(joined, item);
        else
            rc = node_add_flat(joined, item);
    }
    l->n = 0;
    node_list_free(l);
    if (rc != PC_OK) {
        node_free(joined);
        return rc;
    }
    *out = joined;
    return PC_OK;
}

/* ========================================================================================================
 * Lexer
 * ======================================================================================================== */

typedef enum token_kind {
    TOK_END,
    TOK_WORD,       /* a bare word: [text_start, text_end) without '=' and '*' */
    TOK_PHRASE,     /* "...": [text_start, text_end) between the quotes */
    TOK_LPAREN,
    TOK_RPAREN,
    TOK_AND,
    TOK_OR,
    TOK_NOT,        /* the word NOT */
    TOK_MINUS,      /* '-' right before a term */
    TOK_NEAR_OP,    /* NEAR/N: distance */
    TOK_NEAR_GROUP, /* NEAR( */
    TOK_FILTER,     /* name: (the value follows right after the colon) */
    TOK_COMMA,      /* only inside NEAR( ... ) */
    TOK_ENTITY,     /* @name: [text_start, text_end) is the name */
} token_kind;

typedef enum filter_kind { FILTER_TITLE, FILTER_SOURCE, FILTER_LANG, FILTER_DATE } filter_kind;

static const char *const filter_names[] = {"title", "source", "lang", "date"};

typedef struct token {
    token_kind kind;
    size_t start, end;            /* the whole token, bytes */
    size_t text_start, text_end;  /* WORD, PHRASE */
    size_t column;                /* of start */
    bool exact, prefix;           /* WORD, PHRASE */
    int distance;                 /* NEAR_OP */
    filter_kind filter;           /* FILTER */
} token;

/* Where a filter is met: at the top level, or somewhere filters are not allowed (for the message). */
typedef enum context {
    CTX_TOP,
    CTX_PARENS,
    CTX_OR,
    CTX_NEAR,
    CTX_TITLE,
} context;

typedef struct parser {
    pc_analyzer *analyzer;
    const pc_query_options *opt; /* may be NULL */
    const char *text;
    size_t len;
    size_t pos;        /* where the next token is lexed */
    bool near_mode;    /* inside NEAR( ... ): ',' is a token of its own */
    token tok;         /* the current token */
    bool any;
    int depth;
    pc_query *q;
    pc_error *err;
    bool dropped;      /* a word without letters or digits was dropped */
    size_t dropped_start, dropped_end;
} parser;

static int out_of_memory(parser *p)
{
    return pc_error_set(p->err, PC_ENOMEM, "out of memory while reading the query");
}

/* True when text[pos] ends a bare word: the end, a separator, a parenthesis or a quote (or ',' in NEAR). */
static bool ends_word(const parser *p, size_t pos)
{
    if (pos >= p->len)
        return true;
    char c = p->text[pos];
    if (c == '(' || c == ')' || c == '"' || (c == ',' && p->near_mode))
        return true;
    return separator_len(p->text, p->len, pos) > 0;
}

/* The length in bytes of the character at pos (for quoting it in a message). */
static int char_len_at(const parser *p, size_t pos)
{
    unsigned int cp;
    return (int)pc_utf8_next(p->text + pos, p->len - pos, &cp);
}

/* Reads a NEAR distance from [s, s+n): 0..PC_QUERY_MAX_NEAR written in digits. Returns -1 when bad. */
static int parse_distance(const char *s, size_t n)
{
    if (n == 0 || n > 4)
        return -1;
    int value = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value <= PC_QUERY_MAX_NEAR ? value : -1;
}

/* Lexes a phrase whose opening quote is at p->pos into t (exact when it was written ="..."). */
static int lex_phrase(parser *p, token *t, bool exact)
{
    size_t open = p->pos;
    const char *close = memchr(p->text + open + 1, '"', p->len - open - 1);
    if (!close)
        return pc_error_set(p->err, PC_EINVAL,
                            "unbalanced quote: the '\"' at column %zu is never closed; add a '\"' after the phrase",
                            column_of(p->text, open));
    t->kind = TOK_PHRASE;
    t->exact = exact;
    t->text_start = open + 1;
    t->text_end = (size_t)(close - p->text);
    size_t after = t->text_end + 1;
    if (after < p->len && p->text[after] == '*') {
        t->prefix = true;
        after++;
    }
    if (after < p->len && p->text[after] != ')' && !(p->near_mode && p->text[after] == ',') &&
        separator_len(p->text, p->len, after) == 0)
        return pc_error_set(p->err, PC_EINVAL,
                            "unexpected '%.*s' at column %zu after a phrase: put a space after the closing quote",
                            char_len_at(p, after), p->text + after, column_of(p->text, after));
    t->end = after;
    return PC_OK;
}

/* Lexes a bare word starting at p->pos into t. Operators (AND, OR, NOT, NEAR/N, NEAR( ) and filters
 * (name:) are recognised unless `exact` (the word was written =word). Checks the '*' rules. */
static int lex_word(parser *p, token *t, bool exact)
{
    size_t start = p->pos, end = start;
    while (!ends_word(p, end))
        end++;
    const char *w = p->text + start;
    size_t n = end - start;
    t->end = end;
    if (!exact) {
        if (n == 3 && memcmp(w, "AND", 3) == 0) {
            t->kind = TOK_AND;
            return PC_OK;
        }
        if (n == 2 && memcmp(w, "OR", 2) == 0) {
            t->kind = TOK_OR;
            return PC_OK;
        }
        if (n == 3 && memcmp(w, "NOT", 3) == 0) {
            t->kind = TOK_NOT;
            return PC_OK;
        }
        if (n == 4 && memcmp(w, "NEAR", 4) == 0 && end < p->len && p->text[end] == '(') {
            t->kind = TOK_NEAR_GROUP;
            t->end = end + 1;
            return PC_OK;
        }
        if (n >= 5 && memcmp(w, "NEAR/", 5) == 0) {
            t->kind = TOK_NEAR_OP;
            t->distance = parse_distance(w + 5, n - 5);
            if (t->distance < 0)
                return pc_error_set(p->err, PC_EINVAL,
                                    "bad NEAR distance '%.*s' at column %zu: write NEAR/N with N a number from 0 "
                                    "to %d, as in NEAR/5",
                                    (int)(n - 5), w + 5, column_of(p->text, start + 5), PC_QUERY_MAX_NEAR);
            return PC_OK;
        }
        const char *colon = memchr(w, ':', n);
        if (colon) {
            size_t name_len = (size_t)(colon - w);
            for (int f = FILTER_TITLE; f <= FILTER_DATE; f++) {
                if (strlen(filter_names[f]) == name_len && ascii_equal_nocase(w, filter_names[f], name_len)) {
                    t->kind = TOK_FILTER;
                    t->filter = (filter_kind)f;
                    t->end = start + name_len + 1;
                    return PC_OK;
                }
            }
        }
    }
    const char *star = memchr(w, '*', n);
    if (star && star != w + n - 1)
        return pc_error_set(p->err, PC_EINVAL, "'*' at column %zu must end a word, as in negotiat*",
                            column_of(p->text, (size_t)(star - p->text)));
    if (star && n == 1)
        return pc_error_set(p->err, PC_EINVAL, "'*' at column %zu must follow the start of a word, as in negotiat*",
                            column_of(p->text, start));
    t->kind = TOK_WORD;
    t->exact = exact;
    t->prefix = star != NULL;
    t->text_start = start;
    t->text_end = star ? end - 1 : end;
    return PC_OK;
}

/* Lexes the next token from p->pos into p->tok and moves p->pos after it. */
static int advance(parser *p)
{
    size_t sep;
    while (p->pos < p->len && (sep = separator_len(p->text, p->len, p->pos)) > 0)
        p->pos += sep;
    token t;
    memset(&t, 0, sizeof t);
    t.start = p->pos;
    t.end = p->pos;
    t.column = column_of(p->text, p->pos);
    if (p->pos >= p->len) {
        t.kind = TOK_END;
        p->tok = t;
        return PC_OK;
    }
    char c = p->text[p->pos];
    int rc = PC_OK;
    if (c == '(' || c == ')' || (c == ',' && p->near_mode)) {
        t.kind = c == '(' ? TOK_LPAREN : c == ')' ? TOK_RPAREN : TOK_COMMA;
        t.end = p->pos + 1;
    } else if (c == '"') {
        rc = lex_phrase(p, &t, false);
    } else if (c == '=') {
        size_t after = p->pos;
        while (after < p->len && p->text[after] == '=')
            after++;
        if (ends_word(p, after) && !(after < p->len && p->text[after] == '"'))
            return pc_error_set(p->err, PC_EINVAL,
                                "'=' at column %zu must come right before a word or a phrase, as in =attacks",
                                t.column);
        p->pos = after;
        rc = p->text[after] == '"' ? lex_phrase(p, &t, true) : lex_word(p, &t, true);
    } else if (c == '@') {
        size_t end = p->pos + 1;
        while (!ends_word(p, end))
            end++;
        if (end == p->pos + 1)
            return pc_error_set(p->err, PC_EINVAL,
                                "'@' at column %zu must come right before an entity name, as in @peskov", t.column);
        t.kind = TOK_ENTITY;
        t.text_start = p->pos + 1;
        t.text_end = t.end = end;
    } else if (c == '-') {
        size_t after = p->pos + 1;
        if (ends_word(p, after) && !(after < p->len && (p->text[after] == '"' || p->text[after] == '(')))
            return pc_error_set(p->err, PC_EINVAL, "'-' at column %zu must come right before a term, as in -word",
                                t.column);
        t.kind = TOK_MINUS;
        t.end = after;
    } else {
        rc = lex_word(p, &t, false);
    }
    if (rc != PC_OK)
        return rc;
    p->pos = t.end;
    p->tok = t;
    return PC_OK;
}

/* ========================================================================================================
 * Words: which are searchable, and how exact words are cut
 * ======================================================================================================== */

typedef struct word_ranges {
    size_t start[16], end[16];
    size_t n;      /* words the analyzer found (may exceed 16; only the first 16 ranges are kept) */
} word_ranges;

static int collect_word(void *payload, const pc_term *term)
{
    word_ranges *r = payload;
    if (term->colocated)
        return 0;
    if (r->n < 16) {
        r->start[r->n] = (size_t)term->start;
        r->end[r->n] = (size_t)term->end;
    }
    r->n++;
    return 0;
}

/* Adds the word [start, end) of the query to `words` (*n_words entries): nothing when the analyzer finds no
 * word in it (it is then remembered as dropped); for an exact word, one exact word per word the analyzer
 * finds ("=«Київ»" -> "Київ", "=e-mail" -> "e", "mail"), so that the exact mark sits right before each;
 * otherwise the word as typed. */
static int add_word(parser *p, size_t start, size_t end, bool exact, pc_qword **words, size_t *n_words)
{
    word_ranges r;
    r.n = 0;
    int rc = pc_analyze(p->analyzer, NULL, p->text + start, end - start, collect_word, &r);
    if (rc < 0)
        return rc == PC_ENOMEM ? out_of_memory(p)
                               : pc_error_set(p->err, rc, "the query could not be analysed at column %zu",
                                              column_of(p->text, start));
    if (r.n == 0) {
        if (!p->dropped) {
            p->dropped = true;
            p->dropped_start = start;
            p->dropped_end = end;
        }
        return PC_OK;
    }
    bool split = exact && r.n <= 16 && !(r.n == 1 && r.start[0] == 0 && r.end[0] == end - start);
    size_t pieces = split ? r.n : 1;
    pc_qword *grown = realloc(*words, (*n_words + pieces) * sizeof *grown);
    if (!grown)
        return out_of_memory(p);
    *words = grown;
    for (size_t i = 0; i < pieces; i++) {
        size_t s = split ? start + r.start[i] : start, e = split ? start + r.end[i] : end;
        char *text = copy_range(p->text + s, e - s);
        if (!text)
            return out_of_memory(p);
        grown[*n_words].text = text;
        grown[*n_words].exact = exact;
        (*n_words)++;
    }
    return PC_OK;
}

/* Makes a TERM (one word) or PHRASE node from words, or *out = NULL when there are none. Takes the words. */
static int words_node(parser *p, pc_qword *words, size_t n_words, bool prefix, size_t column, pc_qnode **out)
{
    *out = NULL;
    if (n_words == 0) {
        free(words);
        return PC_OK;
    }
    pc_qnode *n = node_new(n_words == 1 ? PC_QNODE_TERM : PC_QNODE_PHRASE, column);
    if (!n) {
        for (size_t i = 0; i < n_words; i++)
            free(words[i].text);
        free(words);
        return out_of_memory(p);
    }
    n->words = words;
    n->n_words = n_words;
    n->prefix = prefix;
    *out = n;
    return PC_OK;
}

static void free_words(pc_qword *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(words[i].text);
    free(words);
}

/* The node for the current WORD token (NULL when dropped). */
static int word_token_node(parser *p, pc_qnode **out)
{
    pc_qword *words = NULL;
    size_t n = 0;
    int rc = add_word(p, p->tok.text_start, p->tok.text_end, p->tok.exact, &words, &n);
    if (rc != PC_OK) {
        free_words(words, n);
        return rc;
    }
    return words_node(p, words, n, p->tok.prefix, p->tok.column, out);
}

/* The node for the current PHRASE token: its words split on white space, each with its own '=' (or all
 * exact for ="..."), a '*' only at the end of the last word (the same as "..."*). NULL when no word is
 * searchable, a TERM when one is. */
static int phrase_token_node(parser *p, pc_qnode **out)
{
    const token *t = &p->tok;
    pc_qword *words = NULL;
    size_t n = 0;
    bool prefix = t->prefix;
    size_t i = t->text_start;
    int rc = PC_OK;
    while (rc == PC_OK && i < t->text_end) {
        size_t sep = separator_len(p->text, t->text_end, i);
        if (sep > 0) {
            i += sep;
            continue;
        }
        size_t start = i;
        while (i < t->text_end && separator_len(p->text, t->text_end, i) == 0)
            i++;
        size_t end = i;
        bool exact = t->exact;
        while (start < end && p->text[start] == '=') {
            exact = true;
            start++;
        }
        if (start == end) {
            rc = pc_error_set(p->err, PC_EINVAL, "'=' at column %zu must come right before a word, as in =attacks",
                              column_of(p->text, end - 1));
            break;
        }
        const char *star = memchr(p->text + start, '*', end - start);
        if (star) {
            size_t star_at = (size_t)(star - p->text);
            bool last_word = true;
            for (size_t k = end; k < t->text_end; k++)
                if (separator_len(p->text, t->text_end, k) == 0) {
                    last_word = false;
                    break;
                }
            if (star_at != end - 1 || !last_word || start == star_at) {
                rc = pc_error_set(p->err, PC_EINVAL,
                                  "'*' at column %zu must end the last word of a phrase, as in \"peace negotiat\"*",
                                  column_of(p->text, star_at));
                break;
            }
            prefix = true;
            end--;
        }
        rc = add_word(p, start, end, exact, &words, &n);
    }
    if (rc != PC_OK) {
        free_words(words, n);
        return rc;
    }
    if (n == 0 && !p->dropped) {
        p->dropped = true;
        p->dropped_start = t->start;
        p->dropped_end = t->end;
    }
    return words_node(p, words, n, prefix, t->column, out);
}

/* Makes the TERM or PHRASE node of one alias of an entity: its words split on white space, each kept as
 * written when the analyzer finds a word in it (*out NULL when none does). */
static int alias_node(parser *p, const char *alias, size_t column, pc_qnode **out)
{
    pc_qword *words = NULL;
    size_t n = 0, len = strlen(alias), i = 0;
    int rc = PC_OK;
    while (rc == PC_OK && i < len) {
        size_t sep = separator_len(alias, len, i);
        if (sep > 0) {
            i += sep;
            continue;
        }
        size_t start = i;
        while (i < len && separator_len(alias, len, i) == 0)
            i++;
        word_ranges r = {.n = 0};
        if (pc_analyze(p->analyzer, NULL, alias + start, i - start, collect_word, &r) < 0 || r.n == 0)
            continue;
        pc_qword *grown = realloc(words, (n + 1) * sizeof *grown);
        char *text = grown ? copy_range(alias + start, i - start) : NULL;
        if (grown)
            words = grown;
        if (!text)
            rc = out_of_memory(p);
        else
            words[n++] = (pc_qword){.text = text, .exact = false};
    }
    if (rc != PC_OK) {
        free_words(words, n);
        return rc;
    }
    return words_node(p, words, n, false, column, out);
}

/* The node for the current ENTITY token: the OR of its aliases (or the one alias), marked with its name. */
static int entity_token_node(parser *p, pc_qnode **out)
{
    *out = NULL;
    const token *t = &p->tok;
    char *name = copy_range(p->text + t->text_start, t->text_end - t->text_start);
    if (!name)
        return out_of_memory(p);
    char **aliases = NULL;
    size_t n_aliases = 0;
    int rc = PC_OK;
    if (!p->opt || !p->opt->entity_aliases)
        rc = pc_error_set(p->err, PC_EINVAL,
                          "@%s at column %zu names an entity, but there is no entity list here; to search for the "
                          "word, write \"%s\"",
                          name, t->column, name);
    else
        rc = p->opt->entity_aliases(p->opt->entity_payload, name, &aliases, &n_aliases, p->err);
    if (rc == PC_OK && n_aliases == 0)
        rc = pc_error_set(p->err, PC_EINVAL,
                          "no entity '%s' in the index (@%s at column %zu); see presscut entities list", name, name,
                          t->column);
    node_list alternatives = {0};
    for (size_t i = 0; i < n_aliases; i++) {
        pc_qnode *alt = NULL;
        if (rc == PC_OK)
            rc = alias_node(p, aliases[i], t->column, &alt);
        if (rc == PC_OK && alt && node_list_add(&alternatives, alt) != PC_OK)
            rc = out_of_memory(p);
        free(aliases[i]);
    }
    free(aliases);
    if (rc == PC_OK && alternatives.n == 0 && n_aliases > 0)
        rc = pc_error_set(p->err, PC_EINVAL,
                          "the entity '%s' (@%s at column %zu) has no alias with a letter or digit: import its "
                          "aliases again",
                          name, name, t->column);
    if (rc == PC_OK && node_list_join(&alternatives, PC_QNODE_OR, 0, out) != PC_OK)
        rc = out_of_memory(p);
    node_list_free(&alternatives);
    if (rc != PC_OK) {
        free(name);
        return rc;
    }
    (*out)->entity = name;
    return PC_OK;
}

/* ========================================================================================================
 * Parser
 * ======================================================================================================== */

static int parse_and(parser *p, context ctx, size_t group_column, pc_qnode **out);
static int parse_primary(parser *p, context ctx, pc_qnode **out, bool *is_filter);

static const char *token_text(const token *t)
{
    switch (t->kind) {
    case TOK_AND:
        return "AND";
    case TOK_OR:
        return "OR";
    case TOK_NOT:
        return "NOT";
    case TOK_NEAR_OP:
        return "NEAR/N";
    default:
        return "?";
    }
}

static bool is_binary_operator(token_kind k)
{
    return k == TOK_AND || k == TOK_OR || k == TOK_NEAR_OP;
}

/* The error for a filter met where filters are not allowed. */
static int filter_misplaced(parser *p, const token *t, context ctx)
{
    static const char *const where[] = {"", "inside parentheses", "with OR", "with NEAR", "inside title:"};
    static const char *const example[] = {"title:kyiv", "source:bbc", "lang:en", "date:2022"};
    return pc_error_set(p->err, PC_EINVAL,
                        "%s: at column %zu cannot be used %s: filters apply to the whole query; write it on its "
                        "own, as in '%s shelling'",
                        filter_names[t->filter], t->column, where[ctx], example[t->filter]);
}

/* An operator found where a term was expected. */
static int operator_without_term(parser *p, const token *t)
{
    if (t->kind == TOK_NEAR_OP)
        return pc_error_set(p->err, PC_EINVAL,
                            "NEAR/%d at column %zu needs a term on each side, as in 'kyiv NEAR/%d shelling'",
                            t->distance, t->column, t->distance);
    if (t->kind == TOK_NOT)
        return pc_error_set(p->err, PC_EINVAL,
                            "NOT at column %zu needs a term after it, as in 'kyiv NOT kiev'; to search for the word, "
                            "write \"NOT\"",
                            t->column);
    return pc_error_set(p->err, PC_EINVAL,
                        "%s at column %zu needs a term on each side, as in 'kyiv %s kiev'; to search for the word, "
                        "write \"%s\"",
                        token_text(t), t->column, token_text(t), token_text(t));
}

/* Reads the value of a source:, lang: or date: filter that starts at p->pos (right after the colon): a
 * quoted string or the characters up to white space or a parenthesis. Sets [*start, *end) and moves on. */
static int filter_value(parser *p, const token *name, size_t *start, size_t *end)
{
    size_t i = p->pos;
    if (i < p->len && p->text[i] == '"') {
        const char *close = memchr(p->text + i + 1, '"', p->len - i - 1);
        if (!close)
            return pc_error_set(p->err, PC_EINVAL,
                                "unbalanced quote: the '\"' at column %zu is never closed; add a '\"' after the value",
                                column_of(p->text, i));
        *start = i + 1;
        *end = (size_t)(close - p->text);
        p->pos = *end + 1;
        if (p->pos < p->len && p->text[p->pos] != ')' && separator_len(p->text, p->len, p->pos) == 0)
            return pc_error_set(p->err, PC_EINVAL,
                                "unexpected '%.*s' at column %zu after a quoted value: put a space after the closing "
                                "quote",
                                char_len_at(p, p->pos), p->text + p->pos, column_of(p->text, p->pos));
    } else {
        *start = i;
        while (i < p->len && p->text[i] != '(' && p->text[i] != ')' && separator_len(p->text, p->len, i) == 0)
            i++;
        *end = i;
        p->pos = i;
    }
    if (*start == *end)
        return pc_error_set(p->err, PC_EINVAL, "%s: at column %zu needs a value right after the colon, as in %s",
                            filter_names[name->filter], name->column,
                            name->filter == FILTER_SOURCE ? "source:bbc"
                            : name->filter == FILTER_LANG ? "lang:en"
                                                          : "date:2022-02");
    return PC_OK;
}

/* Parses the filter whose name is the current token (negated when it followed '-' or NOT at neg_column) and
 * records it in the query; moves past it. */
static int parse_filter(parser *p, bool negated, size_t neg_column)
{
    token name = p->tok;
    pc_query_filters *f = &p->q->filters;
    if (negated && (name.filter == FILTER_TITLE || name.filter == FILTER_DATE))
        return pc_error_set(p->err, PC_EINVAL,
                            "%s: at column %zu cannot be excluded (the '-' or NOT at column %zu): %s",
                            filter_names[name.filter], name.column, neg_column,
                            name.filter == FILTER_TITLE ? "exclude words instead, as in -word"
                                                        : "write a range instead, as in date:<2022 or date:2023..");
    if (name.filter == FILTER_TITLE) {
        if (p->pos >= p->len || separator_len(p->text, p->len, p->pos) > 0 || p->text[p->pos] == ')')
            return pc_error_set(p->err, PC_EINVAL,
                                "title: at column %zu needs a value right after the colon, as in title:kyiv or "
                                "title:\"peace talks\"",
                                name.column);
        int rc = advance(p);
        if (rc != PC_OK)
            return rc;
        if (p->tok.kind == TOK_FILTER)
            return filter_misplaced(p, &p->tok, CTX_TITLE);
        if (p->tok.kind != TOK_WORD && p->tok.kind != TOK_PHRASE && p->tok.kind != TOK_LPAREN &&
            p->tok.kind != TOK_ENTITY)
            return pc_error_set(p->err, PC_EINVAL,
                                "title: at column %zu takes a word, =word, \"phrase\", pref* or a (group), as in "
                                "title:(kyiv OR kiev)",
                                name.column);
        pc_qnode *value = NULL;
        bool is_filter = false;
        rc = parse_primary(p, CTX_TITLE, &value, &is_filter);
        if (rc != PC_OK)
            return rc;
        if (!value)
            return pc_error_set(p->err, PC_EINVAL,
                                "title: at column %zu has no searchable word: give it letters or digits, as in "
                                "title:kyiv",
                                name.column);
        if (!f->title) {
            f->title = value;
            return PC_OK;
        }
        if (f->title->kind != PC_QNODE_AND) {
            pc_qnode *both = node_new(PC_QNODE_AND, f->title->column);
            if (!both) {
                node_free(value);
                return out_of_memory(p);
            }
            if (node_add_child(both, f->title) != PC_OK) {
                f->title = NULL;
                node_free(both);
                node_free(value);
                return out_of_memory(p);
            }
            f->title = both;
        }
        if (node_add_flat(f->title, value) != PC_OK)
            return out_of_memory(p);
        return PC_OK;
    }

    size_t start = 0, end = 0;
    int rc = filter_value(p, &name, &start, &end);
    if (rc != PC_OK)
        return rc;
    const char *v = p->text + start;
    size_t n = end - start;
    size_t value_column = column_of(p->text, start);
    switch (name.filter) {
    case FILTER_SOURCE:
        if (!query_is_source_pattern(v, n))
            return pc_error_set(p->err, PC_EINVAL,
                                "source '%.*s' at column %zu has no letter or digit: write a source name or a pattern, "
                                "as in source:bbc.co.uk or source:*news*",
                                (int)n, v, value_column);
        rc = negated ? query_add_string(&f->not_sources, &f->n_not_sources, v, n, false)
                     : query_add_string(&f->sources, &f->n_sources, v, n, false);
        break;
    case FILTER_LANG:
        if (!query_is_lang_code(v, n))
            return pc_error_set(p->err, PC_EINVAL,
                                "bad language '%.*s' at column %zu: write a two-letter code, as in lang:en or lang:uk",
                                (int)n, v, value_column);
        rc = negated ? query_add_string(&f->not_langs, &f->n_not_langs, v, n, true)
                     : query_add_string(&f->langs, &f->n_langs, v, n, true);
        break;
    case FILTER_DATE: {
        long from, to;
        if (!query_date_spec(v, n, &from, &to))
            return pc_error_set(p->err, PC_EINVAL,
                                "bad date '%.*s' at column %zu: write date:2022, date:2022-02, date:2022-02-16, a "
                                "range such as date:2022-01..2022-03, or date:>=2022-02-10",
                                (int)n, v, value_column);
        query_narrow_dates(f, from, to);
        break;
    }
    case FILTER_TITLE:
        break;
    }
    if (rc != PC_OK)
        return out_of_memory(p);
    return advance(p);
}

/* Parses NEAR( term term ... [, N] ) with the current token being NEAR(. */
static int parse_near_group(parser *p, pc_qnode **out)
{
    size_t column = p->tok.column;
    int distance = 10;
    size_t typed = 0;
    node_list members = {0};
    p->near_mode = true;
    int rc = advance(p);
    while (rc == PC_OK) {
        token_kind k = p->tok.kind;
        if (k == TOK_RPAREN)
            break;
        if (k == TOK_END) {
            rc = pc_error_set(p->err, PC_EINVAL,
                              "unbalanced parenthesis: the '(' of NEAR( at column %zu is never closed; add ')'",
                              column);
            break;
        }
        if (k == TOK_WORD || k == TOK_PHRASE) {
            pc_qnode *member = NULL;
            rc = k == TOK_WORD ? word_token_node(p, &member) : phrase_token_node(p, &member);
            typed++;
            if (rc == PC_OK && member && node_list_add(&members, member) != PC_OK)
                rc = out_of_memory(p);
            if (rc == PC_OK)
                rc = advance(p);
            continue;
        }
        if (k == TOK_COMMA) {
            size_t i = p->tok.end;
            size_t sep;
            while (i < p->len && (sep = separator_len(p->text, p->len, i)) > 0)
                i += sep;
            size_t start = i;
            while (i < p->len && p->text[i] != ')' && separator_len(p->text, p->len, i) == 0)
                i++;
            distance = parse_distance(p->text + start, i - start);
            if (distance < 0) {
                rc = pc_error_set(p->err, PC_EINVAL,
                                  "bad NEAR distance '%.*s' at column %zu: write a number from 0 to %d, as in "
                                  "NEAR(a b, 10)",
                                  (int)(i - start), p->text + start, column_of(p->text, start), PC_QUERY_MAX_NEAR);
                break;
            }
            p->pos = i;
            rc = advance(p);
            if (rc == PC_OK && p->tok.kind != TOK_RPAREN)
                rc = p->tok.kind == TOK_END
                         ? pc_error_set(p->err, PC_EINVAL,
                                        "unbalanced parenthesis: the '(' of NEAR( at column %zu is never closed; "
                                        "add ')'",
                                        column)
                         : pc_error_set(p->err, PC_EINVAL,
                                        "expected ')' at column %zu after the NEAR distance, as in NEAR(a b, 10)",
                                        p->tok.column);
            break;
        }
        rc = pc_error_set(p->err, PC_EINVAL,
                          "NEAR( at column %zu takes words and phrases only (found '%.*s' at column %zu), as in "
                          "NEAR(kyiv \"peace talks\", 10)",
                          column, (int)(p->tok.end - p->tok.start), p->text + p->tok.start, p->tok.column);
    }
    p->near_mode = false;
    if (rc == PC_OK && typed < 2)
        rc = pc_error_set(p->err, PC_EINVAL, "NEAR( at column %zu needs at least two terms, as in NEAR(a b, 10)",
                          column);
    if (rc == PC_OK)
        rc = advance(p);
    if (rc == PC_OK) {
        rc = node_list_join(&members, PC_QNODE_NEAR, distance, out);
        if (rc != PC_OK)
            return out_of_memory(p);
        if (*out && (*out)->kind == PC_QNODE_NEAR)
            (*out)->column = column;
        return PC_OK;
    }
    node_list_free(&members);
    return rc;
}

/* Parses a primary (word, phrase, group, NEAR( ), filter). *out = NULL when it was dropped or a filter
 * (then *is_filter). */
static int parse_primary(parser *p, context ctx, pc_qnode **out, bool *is_filter)
{
    *out = NULL;
    *is_filter = false;
    int rc;
    switch (p->tok.kind) {
    case TOK_WORD:
        rc = word_token_node(p, out);
        break;
    case TOK_PHRASE:
        rc = phrase_token_node(p, out);
        break;
    case TOK_ENTITY:
        rc = entity_token_node(p, out);
        break;
    case TOK_NEAR_GROUP:
        return parse_near_group(p, out);
    case TOK_FILTER:
        if (ctx != CTX_TOP)
            return filter_misplaced(p, &p->tok, ctx);
        *is_filter = true;
        return parse_filter(p, false, 0);
    case TOK_LPAREN: {
        size_t column = p->tok.column;
        if (++p->depth > PC_QUERY_MAX_DEPTH)
            return pc_error_set(p->err, PC_EINVAL,
                                "the parenthesis at column %zu nests deeper than %d levels: simplify the query",
                                column, PC_QUERY_MAX_DEPTH);
        rc = advance(p);
        if (rc != PC_OK)
            return rc;
        if (p->tok.kind == TOK_RPAREN)
            return pc_error_set(p->err, PC_EINVAL,
                                "empty parentheses at column %zu: put a term inside them or remove them", column);
        rc = parse_and(p, CTX_PARENS, column, out);
        if (rc != PC_OK)
            return rc;
        if (p->tok.kind != TOK_RPAREN) {
            node_free(*out);
            *out = NULL;
            return pc_error_set(p->err, PC_EINVAL,
                                "unbalanced parenthesis: the '(' at column %zu is never closed; add ')'", column);
        }
        p->depth--;
        rc = advance(p);
        if (rc != PC_OK) {
            node_free(*out);
            *out = NULL;
        }
        return rc;
    }
    case TOK_RPAREN:
        return pc_error_set(p->err, PC_EINVAL, "expected a term at column %zu, found ')'", p->tok.column);
    case TOK_END:
        return pc_error_set(p->err, PC_EINVAL, "expected a term at the end of the query (column %zu)",
                            p->tok.column);
    case TOK_MINUS:
        return pc_error_set(p->err, PC_EINVAL,
                            "'-' at column %zu: a term cannot be excluded twice; remove one of the '-' or NOT",
                            p->tok.column);
    default:
        return operator_without_term(p, &p->tok);
    }
    if (rc == PC_OK)
        rc = advance(p);
    if (rc != PC_OK) {
        node_free(*out);
        *out = NULL;
    }
    return rc;
}

/* Parses an optional '-' or NOT and what follows. *out is a NOT node, a primary, or NULL (dropped, filter). */
static int parse_unary(parser *p, context ctx, pc_qnode **out, bool *is_filter)
{
    if (p->tok.kind != TOK_MINUS && p->tok.kind != TOK_NOT)
        return parse_primary(p, ctx, out, is_filter);
    token negation = p->tok;
    *out = NULL;
    *is_filter = false;
    int rc = advance(p);
    if (rc != PC_OK)
        return rc;
    if (p->tok.kind == TOK_MINUS || p->tok.kind == TOK_NOT)
        return pc_error_set(p->err, PC_EINVAL,
                            "'%s' at column %zu: a term cannot be excluded twice; remove one of the '-' or NOT",
                            p->tok.kind == TOK_NOT ? "NOT" : "-", p->tok.column);
    if (negation.kind == TOK_NOT && (p->tok.kind == TOK_END || p->tok.kind == TOK_RPAREN ||
                                     is_binary_operator(p->tok.kind)))
        return operator_without_term(p, &negation);
    if (negation.kind == TOK_MINUS && (p->tok.kind == TOK_RPAREN || is_binary_operator(p->tok.kind)))
        return pc_error_set(p->err, PC_EINVAL, "'-' at column %zu must come right before a term, as in -word",
                            negation.column);
    if (p->tok.kind == TOK_FILTER) {
        if (ctx != CTX_TOP)
            return filter_misplaced(p, &p->tok, ctx);
        *is_filter = true;
        return parse_filter(p, true, negation.column);
    }
    pc_qnode *child = NULL;
    bool child_filter;
    rc = parse_primary(p, ctx, &child, &child_filter);
    if (rc != PC_OK || !child)
        return rc;
    pc_qnode *not_node = node_new(PC_QNODE_NOT, negation.column);
    if (!not_node || node_add_child(not_node, child) != PC_OK) {
        if (!not_node)
            node_free(child);
        free(not_node);
        return out_of_memory(p);
    }
    *out = not_node;
    return PC_OK;
}

/* The error for an excluded term or a filter joined with OR or NEAR. */
static int not_joinable(parser *p, const pc_qnode *node, const token *op)
{
    const char *what = op->kind == TOK_OR ? "OR" : "NEAR";
    if (node && node->kind == PC_QNODE_NOT)
        return pc_error_set(p->err, PC_EINVAL,
                            "the excluded term at column %zu cannot be joined with %s (column %zu): exclude it on "
                            "its own, as in '(kyiv OR kiev) -moscow'",
                            node->column, what, op->column);
    return pc_error_set(p->err, PC_EINVAL,
                        "%s (column %zu) cannot join a filter or a group: it joins words and phrases, as in "
                        "NEAR(a \"b c\", 5)",
                        what, op->column);
}

static bool near_member(const pc_qnode *n)
{
    return !n || n->kind == PC_QNODE_TERM || n->kind == PC_QNODE_PHRASE;
}

/* Parses unary ( NEAR/N unary )*: one NEAR group for a chain with one distance. */
static int parse_near_chain(parser *p, context ctx, pc_qnode **out, bool *is_filter)
{
    pc_qnode *first = NULL;
    int rc = parse_unary(p, ctx, &first, is_filter);
    if (rc != PC_OK || p->tok.kind != TOK_NEAR_OP) {
        *out = first;
        return rc;
    }
    token op = p->tok;
    if (*is_filter)
        return pc_error_set(p->err, PC_EINVAL,
                            "NEAR/%d at column %zu cannot join a filter: filters apply to the whole query",
                            op.distance, op.column);
    if (first && first->kind == PC_QNODE_NOT) {
        rc = not_joinable(p, first, &op);
        node_free(first);
        return rc;
    }
    if (!near_member(first)) {
        node_free(first);
        return pc_error_set(p->err, PC_EINVAL,
                            "NEAR/%d at column %zu joins words and phrases only, not a group: write NEAR(a b c, %d)",
                            op.distance, op.column, op.distance);
    }
    size_t column = first ? first->column : op.column;
    node_list members = {0};
    if (first && node_list_add(&members, first) != PC_OK)
        return out_of_memory(p);
    while (rc == PC_OK && p->tok.kind == TOK_NEAR_OP) {
        token next = p->tok;
        if (next.distance != op.distance) {
            rc = pc_error_set(p->err, PC_EINVAL,
                              "NEAR/%d at column %zu: a chain of NEAR takes one distance (NEAR/%d before it); write "
                              "NEAR(a b c, %d)",
                              next.distance, next.column, op.distance, op.distance);
            break;
        }
        rc = advance(p);
        if (rc != PC_OK)
            break;
        if (p->tok.kind == TOK_END || p->tok.kind == TOK_RPAREN || is_binary_operator(p->tok.kind)) {
            rc = operator_without_term(p, &next);
            break;
        }
        pc_qnode *member = NULL;
        bool member_filter = false;
        rc = parse_unary(p, CTX_NEAR, &member, &member_filter);
        if (rc != PC_OK)
            break;
        if (member && member->kind == PC_QNODE_NOT) {
            rc = not_joinable(p, member, &next);
            node_free(member);
            break;
        }
        if (!near_member(member)) {
            node_free(member);
            rc = pc_error_set(p->err, PC_EINVAL,
                              "NEAR/%d at column %zu joins words and phrases only, not a group: write NEAR(a b c, %d)",
                              next.distance, next.column, next.distance);
            break;
        }
        if (member && node_list_add(&members, member) != PC_OK)
            rc = out_of_memory(p);
    }
    if (rc != PC_OK) {
        node_list_free(&members);
        return rc;
    }
    if (node_list_join(&members, PC_QNODE_NEAR, op.distance, out) != PC_OK)
        return out_of_memory(p);
    if (*out && (*out)->kind == PC_QNODE_NEAR)
        (*out)->column = column;
    return PC_OK;
}

/* Parses near_expr ( OR near_expr )*. */
static int parse_or(parser *p, context ctx, pc_qnode **out, bool *is_filter)
{
    pc_qnode *first = NULL;
    int rc = parse_near_chain(p, ctx, &first, is_filter);
    if (rc != PC_OK || p->tok.kind != TOK_OR) {
        *out = first;
        return rc;
    }
    if (*is_filter)
        return pc_error_set(p->err, PC_EINVAL,
                            "OR at column %zu cannot join a filter: filters apply to the whole query; write "
                            "source:a source:b for either source",
                            p->tok.column);
    if (first && first->kind == PC_QNODE_NOT) {
        rc = not_joinable(p, first, &p->tok);
        node_free(first);
        return rc;
    }
    node_list alternatives = {0};
    if (first && node_list_add(&alternatives, first) != PC_OK)
        return out_of_memory(p);
    while (rc == PC_OK && p->tok.kind == TOK_OR) {
        token op = p->tok;
        rc = advance(p);
        if (rc != PC_OK)
            break;
        if (p->tok.kind == TOK_END || p->tok.kind == TOK_RPAREN || is_binary_operator(p->tok.kind)) {
            rc = operator_without_term(p, &op);
            break;
        }
        pc_qnode *alt = NULL;
        bool alt_filter = false;
        rc = parse_near_chain(p, CTX_OR, &alt, &alt_filter);
        if (rc != PC_OK)
            break;
        if (alt && alt->kind == PC_QNODE_NOT) {
            rc = not_joinable(p, alt, &op);
            node_free(alt);
            break;
        }
        if (alt && node_list_add(&alternatives, alt) != PC_OK)
            rc = out_of_memory(p);
    }
    if (rc != PC_OK) {
        node_list_free(&alternatives);
        return rc;
    }
    if (node_list_join(&alternatives, PC_QNODE_OR, 0, out) != PC_OK)
        return out_of_memory(p);
    return PC_OK;
}

/* With opt->any, the terms written side by side since the last explicit AND (`segment`) become one OR;
 * moves them into `all`. */
static int flush_segment(parser *p, node_list *segment, node_list *all)
{
    pc_qnode *joined = NULL;
    if (node_list_join(segment, PC_QNODE_OR, 0, &joined) != PC_OK)
        return out_of_memory(p);
    if (joined && node_list_add(all, joined) != PC_OK)
        return out_of_memory(p);
    return PC_OK;
}

/* Parses or_expr ( [AND] or_expr )* up to the end or a ')' (group_column: where the '(' is, for messages).
 * *out = NULL when every term was dropped. */
static int parse_and(parser *p, context ctx, size_t group_column, pc_qnode **out)
{
    *out = NULL;
    node_list all = {0}, segment = {0};
    token pending_and = {0};
    bool have_pending = false, have_operand = false;
    int rc = PC_OK;
    size_t first_not_column = 0;
    while (rc == PC_OK && p->tok.kind != TOK_END && p->tok.kind != TOK_RPAREN) {
        if (p->tok.kind == TOK_AND) {
            if (!have_operand || have_pending) {
                rc = operator_without_term(p, &p->tok);
                break;
            }
            pending_and = p->tok;
            have_pending = true;
            if (p->any)
                rc = flush_segment(p, &segment, &all);
            if (rc == PC_OK)
                rc = advance(p);
            continue;
        }
        if (p->tok.kind == TOK_OR || p->tok.kind == TOK_NEAR_OP || p->tok.kind == TOK_COMMA) {
            rc = p->tok.kind == TOK_COMMA
                     ? pc_error_set(p->err, PC_EINVAL, "unexpected ',' at column %zu", p->tok.column)
                     : operator_without_term(p, &p->tok);
            break;
        }
        pc_qnode *node = NULL;
        bool is_filter = false;
        rc = parse_or(p, ctx, &node, &is_filter);
        if (rc != PC_OK)
            break;
        have_operand = true;
        have_pending = false;
        if (!node)
            continue;
        if (node->kind == PC_QNODE_NOT) {
            if (!first_not_column)
                first_not_column = node->column;
            if (node_list_add(&all, node) != PC_OK)
                rc = out_of_memory(p);
        } else if (node_list_add(p->any ? &segment : &all, node) != PC_OK) {
            rc = out_of_memory(p);
        }
    }
    if (rc == PC_OK && have_pending)
        rc = operator_without_term(p, &pending_and);
    if (rc == PC_OK && p->any)
        rc = flush_segment(p, &segment, &all);
    if (rc == PC_OK && all.n > 0) {
        size_t positives = 0;
        for (size_t i = 0; i < all.n; i++)
            positives += all.items[i]->kind != PC_QNODE_NOT;
        if (positives == 0)
            rc = ctx == CTX_TOP
                     ? pc_error_set(p->err, PC_EINVAL,
                                    "the query has only excluded terms (the first at column %zu): add a term to "
                                    "search for, as in 'kyiv -moscow'",
                                    first_not_column)
                     : pc_error_set(p->err, PC_EINVAL,
                                    "the group at column %zu has only excluded terms (the first at column %zu): add "
                                    "a term to search for, or write -(a OR b)",
                                    group_column, first_not_column);
    }
    if (rc != PC_OK) {
        node_list_free(&segment);
        node_list_free(&all);
        return rc;
    }
    if (node_list_join(&all, PC_QNODE_AND, 0, out) != PC_OK)
        return out_of_memory(p);
    return PC_OK;
}

/* ========================================================================================================
 * Public: parse, free, add_filter
 * ======================================================================================================== */

static void free_strings(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void pc_query_free(pc_query *q)
{
    if (!q)
        return;
    free(q->text);
    node_free(q->root);
    free_strings(q->filters.sources, q->filters.n_sources);
    free_strings(q->filters.not_sources, q->filters.n_not_sources);
    free_strings(q->filters.langs, q->filters.n_langs);
    free_strings(q->filters.not_langs, q->filters.n_not_langs);
    node_free(q->filters.title);
    free(q);
}

static bool has_filters(const pc_query_filters *f)
{
    return f->day_from || f->day_to || f->n_sources || f->n_not_sources || f->n_langs || f->n_not_langs ||
           f->title;
}

int pc_query_parse(pc_analyzer *analyzer, const char *text, const pc_query_options *opt, pc_query **out,
                   pc_error *err)
{
    *out = NULL;
    size_t len = strlen(text);
    if (len > PC_QUERY_MAX_BYTES)
        return pc_error_set(err, PC_EINVAL, "the query is %zu bytes long; the limit is %d: shorten it", len,
                            PC_QUERY_MAX_BYTES);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = pc_utf8_decode((const unsigned char *)text + i, len - i, &cp);
        if (n == 0)
            return pc_error_set(err, PC_EINVAL,
                                "the query is not valid UTF-8 at column %zu: retype the character there",
                                column_of(text, i));
        i += (size_t)n;
    }
    size_t first = 0;
    while (first < len && separator_len(text, len, first) > 0)
        first += separator_len(text, len, first);
    if (first == len)
        return pc_error_set(err, PC_EINVAL, "the query is empty: type a word to search for");

    pc_query *q = calloc(1, sizeof *q);
    if (!q || !(q->text = copy_range(text, len))) {
        free(q);
        return pc_error_set(err, PC_ENOMEM, "out of memory while reading the query");
    }
    q->any = opt && opt->any;
    q->expand = q->any && !opt->no_expand;
    parser p = {.analyzer = analyzer, .opt = opt, .text = q->text, .len = len, .any = q->any, .q = q, .err = err};
    int rc = advance(&p);
    if (rc == PC_OK)
        rc = parse_and(&p, CTX_TOP, 0, &q->root);
    if (rc == PC_OK && p.tok.kind == TOK_RPAREN)
        rc = pc_error_set(err, PC_EINVAL,
                          "unbalanced parenthesis: the ')' at column %zu has no '(' before it; remove it",
                          p.tok.column);
    if (rc == PC_OK && !q->root && !has_filters(&q->filters))
        rc = p.dropped ? pc_error_set(err, PC_EINVAL,
                                      "the query has no searchable word: '%.*s' at column %zu has no letter or "
                                      "digit; search for words",
                                      (int)(p.dropped_end - p.dropped_start), text + p.dropped_start,
                                      column_of(text, p.dropped_start))
                       : pc_error_set(err, PC_EINVAL, "the query has no searchable word: search for words");
    if (rc != PC_OK) {
        pc_query_free(q);
        return rc;
    }
    *out = q;
    return PC_OK;
}
