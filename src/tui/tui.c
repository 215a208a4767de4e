/* tui.c — the interactive screen's terminal and event loop: sets up ncursesw (a UTF-8 locale, raw keys,
 * colours unless NO_COLOR or the terminal has none), restores the terminal on every way out (quit, SIGINT,
 * SIGTERM, SIGHUP, crash signals), and runs the loop: wait for a key or for the debounce to end, hand keys
 * to the key state machine (keys.h), carry out its actions (tui_data.c), draw (tui_draw.c). A search runs
 * with the store's stop check polling the terminal, so a key typed meanwhile cancels it and is handled at
 * once; the search runs again once typing pauses. */
#define _XOPEN_SOURCE 700
#define NCURSES_WIDECHAR 1
#include "presscut/tui/tui.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tui_internal.h"

/* Milliseconds typing must pause before the query runs. */
#define DEBOUNCE_MS 120

/* ---- restoring the terminal ---- */

static volatile sig_atomic_t quit_signal;    /* SIGINT, SIGTERM or SIGHUP came */
static struct termios saved_termios;
static bool have_saved_termios;
static char restore_sequence[256];           /* leaves the alternate screen, shows the cursor, plain text */
static size_t restore_len;
static SCREEN *screen;

static void on_quit_signal(int sig)
{
    quit_signal = sig;
}

/* A crash: put the terminal back as it was (only async-signal-safe calls), then die of the signal. */
static void on_crash_signal(int sig)
{
    if (restore_len > 0) {
        ssize_t ignored = write(STDOUT_FILENO, restore_sequence, restore_len);
        (void)ignored;
    }
    if (have_saved_termios)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void add_capability(const char *name)
{
    char *s = tigetstr(name);
    if (!s || s == (char *)-1)
        return;
    size_t n = strlen(s);
    if (restore_len + n < sizeof restore_sequence) {
        memcpy(restore_sequence + restore_len, s, n);
        restore_len += n;
    }
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal; /* no SA_RESTART: the wait for a key returns */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_crash_signal;
    sa.sa_flags = SA_RESETHAND;
    int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++)
        sigaction(crash[i], &sa, NULL);
}

static void restore_signals(void)
{
    int all[] = {SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        signal(all[i], SIG_DFL);
}

/* ---- set-up ---- */

static bool wants_color(void)
{
    const char *no_color = getenv("NO_COLOR");
    return !(no_color && *no_color) && has_colors();
}

static int start_screen(tui_app *app, pc_error *err)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return pc_error_set(err, PC_EINVAL,
                            "presscut tui needs a terminal: run it in one, or use presscut search for scripts");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 && !setlocale(LC_CTYPE, "C.UTF-8"))
        return pc_error_set(err, PC_EINVAL, "presscut tui needs a UTF-8 locale: set LANG=C.UTF-8");
    const char *term = getenv("TERM");
    if (!term || !*term || strcmp(term, "dumb") == 0)
        return pc_error_set(err, PC_EINVAL,
                            "presscut tui needs a terminal that can move the cursor: set TERM (e.g. xterm-256color)");
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0)
        have_saved_termios = true;
    install_signals();
    set_escdelay(25);
    screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        restore_signals();
        return pc_error_set(err, PC_EINVAL, "cannot set up the terminal '%s': check TERM", term);
    }
    restore_len = 0;
    add_capability("rmcup");
    add_capability("cnorm");
    add_capability("sgr0");
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    app->color = wants_color();
    tui_draw_init(app->color);
    app->rows = LINES;
    app->cols = COLS;
    return 0;
}

static void end_screen(void)
{
    endwin();
    delscreen(screen);
    screen = NULL;
    restore_signals();
    restore_len = 0;
    have_saved_termios = false;
}

/* ---- keys ---- */

/* The stop check of searches: a key waits on the terminal, or a signal asked to quit. */
static bool key_waiting(void *ctx)
{
    (void)ctx;
    if (quit_signal)
        return true;
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}

/* The key state machine's code for an ncurses key, or 0 for none. */
static uint32_t key_of(int kind, wint_t ch)
{
    if (kind == KEY_CODE_YES) {
        switch (ch) {
        case KEY_UP: return PC_KEY_UP;
        case KEY_DOWN: return PC_KEY_DOWN;
        case KEY_LEFT: return PC_KEY_LEFT;
        case KEY_RIGHT: return PC_KEY_RIGHT;
        case KEY_PPAGE: return PC_KEY_PAGE_UP;
        case KEY_NPAGE: return PC_KEY_PAGE_DOWN;
        case KEY_HOME: return PC_KEY_HOME;
        case KEY_END: return PC_KEY_END;
        case KEY_BACKSPACE: return PC_KEY_BACKSPACE;
        case KEY_DC: return PC_KEY_DELETE;
        case KEY_ENTER: return PC_KEY_ENTER;
        case KEY_BTAB: return PC_KEY_BACKTAB;
        case KEY_F(1): return PC_KEY_F1;
        default: return 0;
        }
    }
    switch (ch) {
    case '\r':
    case '\n': return PC_KEY_ENTER;
    case 27: return PC_KEY_ESCAPE;
    case '\t': return PC_KEY_TAB;
    case 127:
    case 8: return PC_KEY_BACKSPACE;
    default: return (uint32_t)ch;
    }
}

/* ---- actions ---- */

static void move_in_list(tui_app *app, int move)
{
    size_t n = app->results.n;
    if (n == 0)
        return;
    long long step = move == PC_TUI_PAGE || move == -PC_TUI_PAGE ? (long long)tui_list_capacity(app) : 1;
    long long to = (long long)app->selected + (move < 0 ? -step : step);
    if (to < 0)
        to = 0;
    if (to >= (long long)n)
        to = (long long)n - 1;
    app->selected = (size_t)to;
}

/* Scrolls *top by `move` within [0, lines - rows]. */
static void scroll_by(size_t *top, int move, size_t lines, size_t rows)
{
    long long step = move == PC_TUI_PAGE || move == -PC_TUI_PAGE ? (long long)(rows > 1 ? rows - 1 : 1) : 1;
    long long to = (long long)*top + (move < 0 ? -step : step);
    long long last = lines > rows ? (long long)(lines - rows) : 0;
    *top = (size_t)(to < 0 ? 0 : to > last ? last : to);
}

/* Goes to match `index` of the article and scrolls it into view, two lines below the top. */
static void go_to_match(tui_app *app, size_t index)
{
    tui_article *a = &app->article;
    if (a->n_spans == 0)
        return;
    a->current = index;
    tui_article_wrap(a, app->cols > 2 ? (size_t)app->cols - 2 : 1);
    size_t line = tui_article_line_of(a, a->spans[index].start);
    size_t rows = tui_body_rows(app);
    if (line < a->top || line >= a->top + rows)
        a->top = line > 2 ? line - 2 : 0;
    tui_status(app, false, "match %zu of %zu: n next, N previous", index + 1, a->n_spans);
}

static void prompt_done(tui_app *app)
{
    const char *text = app->keys.prompt.text;
    switch (app->keys.prompt_kind) {
    case PC_PROMPT_EXPORT:
        tui_status(app, false, "exporting to %s...", text);
        tui_draw(app);
        pc_store_set_stop_check(app->store, key_waiting, NULL);
        if (app->keys.view == PC_VIEW_MENTIONS)
            tui_export_mentions(app, text);
        else
            tui_export(app, text);
        pc_store_set_stop_check(app->store, NULL, NULL);
        break;
    case PC_PROMPT_FILTERS:
        tui_set_filters(app, text);
        break;
    case PC_PROMPT_MENTIONS:
        tui_status(app, false, "finding the mentions of %s...", text);
        tui_draw(app);
        pc_store_set_stop_check(app->store, key_waiting, NULL);
        if (tui_run_mentions(app, text) == PC_OK)
            app->keys.view = PC_VIEW_MENTIONS;
        pc_store_set_stop_check(app->store, NULL, NULL);
        break;
    }
}

/* Carries out what key `key` asks for. Returns false to quit. */
static bool handle_key(tui_app *app, uint32_t key)
{
    pc_tui_view view = app->keys.view;
    pc_tui_action act = pc_tui_keys_handle(&app->keys, key);
    switch (act) {
    case PC_ACT_QUIT:
        return false;
    case PC_ACT_QUERY_EDITED:
        app->search_pending = true;
        app->search_due_ms = tui_now_ms() + DEBOUNCE_MS;
        break;
    case PC_ACT_MOVE:
        if (view == PC_VIEW_LIST)
            move_in_list(app, app->keys.move);
        else if (view == PC_VIEW_ARTICLE)
            scroll_by(&app->article.top, app->keys.move, app->article.n_lines, tui_body_rows(app));
        else if (view == PC_VIEW_MENTIONS)
            scroll_by(&app->mentions.top, app->keys.move, tui_mentions_lines(app), tui_body_rows(app));
        break;
    case PC_ACT_OPEN:
        if (tui_open_selected(app) == PC_OK) {
            app->keys.view = PC_VIEW_ARTICLE;
            go_to_match(app, 0);
        }
        break;
    case PC_ACT_NEXT_MATCH:
        if (app->article.n_spans)
            go_to_match(app, (app->article.current + 1) % app->article.n_spans);
        break;
    case PC_ACT_PREV_MATCH:
        if (app->article.n_spans)
            go_to_match(app, (app->article.current + app->article.n_spans - 1) % app->article.n_spans);
        break;
    case PC_ACT_SORT:
        if (view == PC_VIEW_MENTIONS) {
            tui_mentions *m = &app->mentions;
            m->sort = m->sort == PC_MENTION_SORT_DATE   ? PC_MENTION_SORT_LEFT
                      : m->sort == PC_MENTION_SORT_LEFT ? PC_MENTION_SORT_RIGHT
                                                        : PC_MENTION_SORT_DATE;
            pc_mention_list_sort(&m->list, m->sort);
        } else {
            app->sort = (tui_sort)((app->sort + 1) % 3);
            app->search_pending = true;
            app->search_due_ms = 0;
        }
        break;
    case PC_ACT_PROMPT_DONE:
        prompt_done(app);
        break;
    case PC_ACT_NONE:
    case PC_ACT_REDRAW:
        break;
    }
    if (app->keys.view == PC_VIEW_PROMPT && view != PC_VIEW_PROMPT) {
        /* a new prompt starts from the filters in force (edited in place) or a file name to change */
        if (app->keys.prompt_kind == PC_PROMPT_FILTERS)
            pc_line_edit_set(&app->keys.prompt, app->filter_text);
        else if (app->keys.prompt_kind == PC_PROMPT_EXPORT)
            pc_line_edit_set(&app->keys.prompt, view == PC_VIEW_MENTIONS ? "presscut-mentions.csv"
                                                                           : "presscut-export.csv");
    }
    return true;
}

/* Runs the pending search with the stop check on; a key typed meanwhile leaves it pending. */
static void search_now(tui_app *app)
{
    pc_store_set_stop_check(app->store, key_waiting, NULL);
    int rc = tui_search(app);
    pc_store_set_stop_check(app->store, NULL, NULL);
    if (rc != PC_ESTOP)
        app->search_pending = false;
}

/* Reads every key the terminal holds and handles it. Returns false to quit. */
static bool read_keys(tui_app *app, long long *first_key_ms)
{
    for (;;) {
        wint_t ch = 0;
        int kind = get_wch(&ch);
        if (kind == ERR)
            return true;
        if (!*first_key_ms)
            *first_key_ms = tui_now_ms();
        if (kind == KEY_CODE_YES && ch == KEY_RESIZE) {
            app->rows = LINES;
            app->cols = COLS;
            continue;
        }
        uint32_t key = key_of(kind, ch);
        if (key && !handle_key(app, key))
            return false;
    }
}

static void trace_event(tui_app *app, const char *what, long long since_ms)
{
    if (app->trace)
        fprintf(app->trace, "%s %lld\n", what, tui_now_ms() - since_ms);
}

int pc_tui_run(pc_store *store, const pc_tui_options *opt, pc_error *err)
{
    tui_app app;
    memset(&app, 0, sizeof app);
    app.store = store;
    pc_tui_keys_init(&app.keys, opt ? opt->query : NULL);
    int rc = pc_query_session_new(&app.qs, store, NULL, NULL, err);
    if (rc != PC_OK)
        return rc;
    if (opt && opt->trace_path) {
        app.trace = fopen(opt->trace_path, "a");
        if (app.trace)
            setvbuf(app.trace, NULL, _IOLBF, 0);
    }
    quit_signal = 0;
    rc = start_screen(&app, err);
    if (rc != PC_OK) {
        pc_query_session_free(app.qs);
        if (app.trace)
            fclose(app.trace);
        return rc;
    }
    app.search_pending = true;
    app.search_due_ms = 0;
    tui_status(&app, false, "type a query");
    bool running = true;
    long long key_ms = 0;
    while (running && !quit_signal) {
        long long now = tui_now_ms();
        bool list_up = app.keys.view == PC_VIEW_QUERY || app.keys.view == PC_VIEW_LIST;
        if (app.search_pending && list_up && now >= app.search_due_ms && !key_waiting(NULL)) {
            long long started = now;
            search_now(&app);
            trace_event(&app, app.search_pending ? "search-stopped" : "search", started);
        }
        tui_draw(&app);
        if (key_ms) {
            trace_event(&app, "key-to-screen", key_ms);
            key_ms = 0;
        }
        int timeout = -1;
        if (app.search_pending && list_up) {
            long long wait = app.search_due_ms - tui_now_ms();
            timeout = wait < 0 ? 0 : (int)wait;
        }
        struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
        int ready = poll(&p, 1, timeout);
        if (ready < 0 && errno != EINTR)
            break;
        /* The terminal is gone (its window closed, a lost connection) without a SIGHUP reaching us: the keys
         * it still held are read, then the screen quits instead of polling a dead descriptor for ever. */
        bool terminal_gone = ready > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
        /* a resize (SIGWINCH) comes in as a key too */
        running = read_keys(&app, &key_ms) && !terminal_gone;
    }
    end_screen();
    int status = quit_signal ? PC_ESTOP : PC_OK;
    if (quit_signal)
        pc_error_set(err, PC_ESTOP, "stopped by a signal");
    tui_results_free(&app.results);
    tui_article_free(&app.article);
    tui_mentions_free(&app.mentions);
    free(app.results_query);
    for (size_t i = 0; i < app.n_filters; i++) {
        free(app.filter_names[i]);
        free(app.filter_values[i]);
    }
    pc_query_session_free(app.qs);
    if (app.trace)
        fclose(app.trace);
    return status;
}
