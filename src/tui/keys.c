/* keys.c — the interactive screen's keys as a state machine (see keys.h): line editing, and per view what a
 * key does. */
#include "presscut/tui/keys.h"

#include <string.h>

#include "presscut/core/utf8.h"

static bool is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

void pc_line_edit_set(pc_line_edit *e, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n >= PC_LINE_EDIT_MAX) {
        n = PC_LINE_EDIT_MAX - 1;
        while (n > 0 && is_continuation(text[n]))
            n--;
    }
    if (n)
        memcpy(e->text, text, n);
    e->text[n] = '\0';
    e->len = n;
    e->cursor = n;
}

static size_t char_before(const pc_line_edit *e, size_t at)
{
    if (at == 0)
        return 0;
    at--;
    while (at > 0 && is_continuation(e->text[at]))
        at--;
    return at;
}

static size_t char_after(const pc_line_edit *e, size_t at)
{
    if (at >= e->len)
        return e->len;
    at++;
    while (at < e->len && is_continuation(e->text[at]))
        at++;
    return at;
}

/* Deletes bytes [from, to) and puts the cursor at `from`. */
static bool delete_range(pc_line_edit *e, size_t from, size_t to)
{
    if (from >= to)
        return false;
    memmove(e->text + from, e->text + to, e->len - to + 1);
    e->len -= to - from;
    e->cursor = from;
    return true;
}

bool pc_line_edit_key(pc_line_edit *e, uint32_t key)
{
    switch (key) {
    case PC_KEY_LEFT:
        e->cursor = char_before(e, e->cursor);
        return false;
    case PC_KEY_RIGHT:
        e->cursor = char_after(e, e->cursor);
        return false;
    case PC_KEY_HOME:
    case PC_KEY_CTRL('a'):
        e->cursor = 0;
        return false;
    case PC_KEY_END:
    case PC_KEY_CTRL('e'):
        e->cursor = e->len;
        return false;
    case PC_KEY_BACKSPACE:
    case 0x7f:
    case PC_KEY_CTRL('h'):
        return delete_range(e, char_before(e, e->cursor), e->cursor);
    case PC_KEY_DELETE:
    case PC_KEY_CTRL('d'):
        return delete_range(e, e->cursor, char_after(e, e->cursor));
    case PC_KEY_CTRL('u'):
        return delete_range(e, 0, e->cursor);
    case PC_KEY_CTRL('k'):
        return delete_range(e, e->cursor, e->len);
    case PC_KEY_CTRL('w'): {
        size_t at = e->cursor;
        while (at > 0 && e->text[at - 1] == ' ')
            at--;
        while (at > 0 && e->text[at - 1] != ' ')
            at--;
        return delete_range(e, at, e->cursor);
    }
    default:
        break;
    }
    if (key < 0x20 || key == 0x7f || key > 0x10FFFF || (key >= 0x80 && key <= 0x9f))
        return false;
    char bytes[4];
    size_t n = (size_t)pc_utf8_encode(key, bytes);
    if (e->len + n >= PC_LINE_EDIT_MAX)
        return false;
    memmove(e->text + e->cursor + n, e->text + e->cursor, e->len - e->cursor + 1);
    memcpy(e->text + e->cursor, bytes, n);
    e->len += n;
    e->cursor += n;
    return true;
}

void pc_tui_keys_init(pc_tui_keys *k, const char *query)
{
    memset(k, 0, sizeof *k);
    k->view = PC_VIEW_QUERY;
    pc_line_edit_set(&k->query, query);
}

void pc_tui_keys_prompt(pc_tui_keys *k, pc_tui_prompt kind, const char *initial)
{
    k->prompt_from = k->view;
    k->prompt_kind = kind;
    pc_line_edit_set(&k->prompt, initial);
    k->view = PC_VIEW_PROMPT;
}

static pc_tui_action open_help(pc_tui_keys *k)
{
    k->prompt_from = k->view;
    k->view = PC_VIEW_HELP;
    return PC_ACT_REDRAW;
}

static pc_tui_action move_by(pc_tui_keys *k, int lines)
{
    k->move = lines;
    return PC_ACT_MOVE;
}

/* Keys that move or scroll in the list, article and mentions views; PC_ACT_NONE for any other key. */
static pc_tui_action movement(pc_tui_keys *k, uint32_t key)
{
    switch (key) {
    case PC_KEY_UP:
    case 'k':
        return move_by(k, -1);
    case PC_KEY_DOWN:
    case 'j':
        return move_by(k, 1);
    case PC_KEY_PAGE_UP:
    case 'b':
        return move_by(k, -PC_TUI_PAGE);
    case PC_KEY_PAGE_DOWN:
    case ' ':
        return move_by(k, PC_TUI_PAGE);
    default:
        return PC_ACT_NONE;
    }
}

static pc_tui_action query_key(pc_tui_keys *k, uint32_t key)
{
    switch (key) {
    case PC_KEY_DOWN:
    case PC_KEY_TAB:
    case PC_KEY_ENTER:
        k->view = PC_VIEW_LIST;
        return PC_ACT_REDRAW;
    case PC_KEY_F1:
        return open_help(k);
    case PC_KEY_ESCAPE:
        return PC_ACT_NONE;
    default:
        break;
    }
    size_t before = k->query.cursor;
    if (pc_line_edit_key(&k->query, key))
        return PC_ACT_QUERY_EDITED;
    return k->query.cursor != before ? PC_ACT_REDRAW : PC_ACT_NONE;
}

static pc_tui_action list_key(pc_tui_keys *k, uint32_t key)
{
    switch (key) {
    case PC_KEY_ENTER:
        return PC_ACT_OPEN;
    case '/':
    case PC_KEY_TAB:
    case PC_KEY_BACKTAB:
    case PC_KEY_ESCAPE:
        k->view = PC_VIEW_QUERY;
        return PC_ACT_REDRAW;
    case 'e':
        pc_tui_keys_prompt(k, PC_PROMPT_EXPORT, NULL);
        return PC_ACT_REDRAW;
    case 'f':
        pc_tui_keys_prompt(k, PC_PROMPT_FILTERS, NULL);
        return PC_ACT_REDRAW;
    case 'm':
        pc_tui_keys_prompt(k, PC_PROMPT_MENTIONS, NULL);
        return PC_ACT_REDRAW;
    case 's':
        return PC_ACT_SORT;
    case '?':
    case PC_KEY_F1:
        return open_help(k);
    case 'q':
        return PC_ACT_QUIT;
    default:
        return movement(k, key);
    }
}

/* What the article and mentions views share: Esc and q back to the list, help, moves. */
static pc_tui_action page_key(pc_tui_keys *k, uint32_t key)
{
    switch (key) {
    case PC_KEY_ESCAPE:
    case 'q':
        k->view = PC_VIEW_LIST;
        return PC_ACT_REDRAW;
    case '?':
    case PC_KEY_F1:
        return open_help(k);
    default:
        return movement(k, key);
    }
}

static pc_tui_action article_key(pc_tui_keys *k, uint32_t key)
{
    switch (key) {
    case 'n':
        return PC_ACT_NEXT_MATCH;
    case 'N':
    case 'p':
        return PC_ACT_PREV_MATCH;
    case PC_KEY_LEFT:
        return page_key(k, PC_KEY_ESCAPE);
    default:
        return page_key(k, key);
    }
}

static pc_tui_action mentions_key(pc_tui_keys *k, uint32_t key)
{
    switch (key) {
    case 's':
        return PC_ACT_SORT;
    case 'e':
        pc_tui_keys_prompt(k, PC_PROMPT_EXPORT, NULL);
        return PC_ACT_REDRAW;
    default:
        return page_key(k, key);
    }
}

static pc_tui_action prompt_key(pc_tui_keys *k, uint32_t key)
{
    switch (key) {
    case PC_KEY_ENTER:
        k->view = k->prompt_from;
        return PC_ACT_PROMPT_DONE;
    case PC_KEY_ESCAPE:
        k->view = k->prompt_from;
        return PC_ACT_REDRAW;
    default:
        pc_line_edit_key(&k->prompt, key);
        return PC_ACT_REDRAW;
    }
}

pc_tui_action pc_tui_keys_handle(pc_tui_keys *k, uint32_t key)
{
    if (key == PC_KEY_CTRL('c'))
        return PC_ACT_QUIT;
    switch (k->view) {
    case PC_VIEW_QUERY:
        return query_key(k, key);
    case PC_VIEW_LIST:
        return list_key(k, key);
    case PC_VIEW_ARTICLE:
        return article_key(k, key);
    case PC_VIEW_MENTIONS:
        return mentions_key(k, key);
    case PC_VIEW_HELP:
        k->view = k->prompt_from;
        return PC_ACT_REDRAW;
    case PC_VIEW_PROMPT:
        return prompt_key(k, key);
    }
    return PC_ACT_NONE;
}
