/* test_keys.c — the keys of the interactive screen (keys.h): editing the query line in UTF-8, moving between
 * the query, the list, an article, help and prompts, and the action each key asks for. */
#include <string.h>

#include "presscut/tui/keys.h"

#include "harness.h"

static void type(pc_tui_keys *k, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t cp = *p;
        int n = 1;
        if (cp >= 0xF0) { cp &= 0x07; n = 4; }
        else if (cp >= 0xE0) { cp &= 0x0F; n = 3; }
        else if (cp >= 0xC0) { cp &= 0x1F; n = 2; }
        for (int i = 1; i < n; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        pc_tui_keys_handle(k, cp);
        p += n;
    }
}

static void test_line_editing(void)
{
    pc_tui_keys k;
    pc_tui_keys_init(&k, "Ky");
    CHECK_INT_EQ(pc_tui_keys_handle(&k, 'i'), PC_ACT_QUERY_EDITED);
    type(&k, "v q");
    CHECK_STR_EQ(k.query.text, "Kyiv q"); /* q is a letter of the query here, not quit */
    pc_tui_keys_handle(&k, PC_KEY_CTRL('w'));
    CHECK_STR_EQ(k.query.text, "Kyiv ");
    pc_tui_keys_handle(&k, PC_KEY_CTRL('u'));
    CHECK_STR_EQ(k.query.text, "");
    type(&k, "Київ");
    CHECK_INT_EQ(k.query.len, strlen("Київ"));
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_BACKSPACE), PC_ACT_QUERY_EDITED);
    CHECK_STR_EQ(k.query.text, "Киї"); /* a whole character, not a byte */
    pc_tui_keys_handle(&k, PC_KEY_LEFT);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_LEFT), PC_ACT_REDRAW);
    type(&k, "=");
    CHECK_STR_EQ(k.query.text, "К=иї");
    pc_tui_keys_handle(&k, PC_KEY_END);
    CHECK_INT_EQ(k.query.cursor, k.query.len);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_ESCAPE), PC_ACT_NONE);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, 0x1b), PC_ACT_NONE); /* no raw escape into the query */
    CHECK_STR_EQ(k.query.text, "К=иї");

    pc_line_edit e;
    char full[PC_LINE_EDIT_MAX + 8];
    memset(full, 'a', sizeof full - 1);
    full[sizeof full - 1] = '\0';
    pc_line_edit_set(&e, full);
    CHECK_INT_EQ(e.len, PC_LINE_EDIT_MAX - 1);
    CHECK(!pc_line_edit_key(&e, 'b'));
    CHECK_INT_EQ(e.len, PC_LINE_EDIT_MAX - 1);
}

static void test_views(void)
{
    pc_tui_keys k;
    pc_tui_keys_init(&k, "kyiv");
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_ENTER), PC_ACT_REDRAW);
    CHECK_INT_EQ(k.view, PC_VIEW_LIST);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, 'j'), PC_ACT_MOVE);
    CHECK_INT_EQ(k.move, 1);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_PAGE_UP), PC_ACT_MOVE);
    CHECK_INT_EQ(k.move, -PC_TUI_PAGE);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, 's'), PC_ACT_SORT);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_ENTER), PC_ACT_OPEN);
    k.view = PC_VIEW_ARTICLE; /* the screen opens the article */
    CHECK_INT_EQ(pc_tui_keys_handle(&k, 'n'), PC_ACT_NEXT_MATCH);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, 'N'), PC_ACT_PREV_MATCH);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, '?'), PC_ACT_REDRAW);
    CHECK_INT_EQ(k.view, PC_VIEW_HELP);
    pc_tui_keys_handle(&k, 'x');
    CHECK_INT_EQ(k.view, PC_VIEW_ARTICLE); /* help goes back where it came from */
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_ESCAPE), PC_ACT_REDRAW);
    CHECK_INT_EQ(k.view, PC_VIEW_LIST);
    pc_tui_keys_handle(&k, '/');
    CHECK_INT_EQ(k.view, PC_VIEW_QUERY);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_CTRL('c')), PC_ACT_QUIT);
    pc_tui_keys_handle(&k, PC_KEY_DOWN);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, 'q'), PC_ACT_QUIT);
}

static void test_prompts(void)
{
    pc_tui_keys k;
    pc_tui_keys_init(&k, "kyiv");
    pc_tui_keys_handle(&k, PC_KEY_TAB);
    pc_tui_keys_handle(&k, 'e');
    CHECK_INT_EQ(k.view, PC_VIEW_PROMPT);
    CHECK_INT_EQ(k.prompt_kind, PC_PROMPT_EXPORT);
    type(&k, "hits.csv");
    CHECK_STR_EQ(k.prompt.text, "hits.csv");
    CHECK_STR_EQ(k.query.text, "kyiv"); /* the prompt has its own line */
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_ENTER), PC_ACT_PROMPT_DONE);
    CHECK_INT_EQ(k.view, PC_VIEW_LIST);

    pc_tui_keys_handle(&k, 'm');
    CHECK_INT_EQ(k.prompt_kind, PC_PROMPT_MENTIONS);
    type(&k, "Zelensky");
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_ESCAPE), PC_ACT_REDRAW);
    CHECK_INT_EQ(k.view, PC_VIEW_LIST); /* cancelled */

    pc_tui_keys_handle(&k, 'f');
    CHECK_INT_EQ(k.prompt_kind, PC_PROMPT_FILTERS);
    k.view = PC_VIEW_MENTIONS;
    pc_tui_keys_prompt(&k, PC_PROMPT_EXPORT, "m.csv");
    CHECK_INT_EQ(pc_tui_keys_handle(&k, PC_KEY_ENTER), PC_ACT_PROMPT_DONE);
    CHECK_INT_EQ(k.view, PC_VIEW_MENTIONS);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, 's'), PC_ACT_SORT);
    CHECK_INT_EQ(pc_tui_keys_handle(&k, 'q'), PC_ACT_REDRAW);
    CHECK_INT_EQ(k.view, PC_VIEW_LIST);
}

int main(void)
{
    RUN_TEST(test_line_editing);
    RUN_TEST(test_views);
    RUN_TEST(test_prompts);
    return TEST_REPORT();
}
