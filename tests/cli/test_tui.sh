#!/usr/bin/env bash
# test_tui.sh — `presscut tui` driven in tmux on an index of the project's corpus/ and the shared seeds: the
# keys are sent with send-keys and the screen read with capture-pane, each step waiting (bounded, by polling
# the screen) until what it expects appears. Checks the first hit against `presscut search`, a malformed query
# (its column shown, the results kept), an article and its next match, the mentions of a seed entity against
# `presscut mentions` (and its concordance exported), an export parsed back against `presscut export`, a resize to 60x20 and back (the same
# screen again, no line wider than the window), and the terminal restored after q and after SIGTERM.
source "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null; then
  if [ "${CI:-}" = "true" ]; then echo "tmux is missing: scripts/setup.sh installs it" >&2; exit 1; fi
  echo "tmux is missing: skipping" >&2; exit 77
fi
require_shared_corpus
pc index "$SOURCE/corpus" "$CORPUS/seeds" >/dev/null 2>&1 || fail "indexing the corpus"

socket="presscut-test-$$"
tm() { tmux -L "$socket" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$WORK"' EXIT

screen() { tm capture-pane -p -t "$1"; }
# export_to PANE OFFERED FILE DONE: e, the file name offered, FILE typed in its place, Enter, DONE shown.
export_to() {
  tm send-keys -t "$1" e
  wait_for "$1" "$2" "e offers a file name"
  tm send-keys -t "$1" C-u
  tm send-keys -t "$1" -l "$3"
  tm send-keys -t "$1" Enter
  wait_for "$1" "$4" "the status says the export was written"
}
# wait_for PANE TEXT WHAT: polls the screen until TEXT shows (60 s at most); fails with the screen otherwise.
wait_for() {
  local i
  for ((i = 0; i < 1200; i++)); do
    case "$(screen "$1")" in *"$2"*) pass; return 0 ;; esac
    sleep 0.05
  done
  fail "$3: '$2' did not appear; the screen: $(screen "$1")"
  return 1
}
# start NAME ARGS...: presscut tui in a new 80x24 window; when it ends the pane tells its exit status and the
# terminal's line settings, then waits.
start() {
  local name="$1"; shift
  tm new-session -d -s "$name" -x 80 -y 24 \
    "env TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1 '$PRESSCUT' --db '$DB' tui $*; echo \"exit status \$?\"; stty -a | tr ' ;' '\n\n' | grep -x -- '-\\?icanon'; sleep 600"
  tm set-option -t "$name" remain-on-exit on >/dev/null
}

# ---- a query and its first hit ----
start main
wait_for main "type a query" "the screen comes up"
first_title="$(pc search 'Peskov' --format jsonl -n 1 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["title"][:40])')"
tm send-keys -t main -l 'Peskov'
wait_for main "articles match" "the query runs as it is typed"
third_line="$(screen main | sed -n 3p)"
assert_contains "$third_line" "$first_title" "the first hit is the first hit of presscut search"
assert_contains "$(screen main | sed -n 1p)" "search: Peskov" "the query line"

# ---- a malformed query: the error with its column, the results kept ----
tm send-keys -t main -l ' "kremlin'
wait_for main "column 8" "the error names the column of the unclosed quote"
assert_contains "$(screen main | sed -n 3p)" "$first_title" "the last good results stay on screen"
tm send-keys -t main BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
wait_for main "articles match" "the query is good again"

# ---- open the first hit, jump to the next match ----
tm send-keys -t main Enter Enter
wait_for main "match 1 of" "the article opens on its first match"
total_matches="$(screen main | grep -o 'match 1 of [0-9]*' | grep -o '[0-9]*$')"
[ "${total_matches:-0}" -ge 2 ] && pass || fail "the first Peskov hit should have 2 matches or more, got '$total_matches'"
tm send-keys -t main n
wait_for main "match 2 of $total_matches" "n jumps to the next match"
assert_contains "$(screen main | sed -n '3,22p')" "Peskov" "the match is on screen"
tm send-keys -t main N
wait_for main "match 1 of $total_matches" "N jumps back"
tm send-keys -t main Escape
wait_for main "Enter:open" "Esc goes back to the list"

# ---- mentions of a seed entity ----
expected_totals="$(pc mentions Peskov --color never 2>&1 >/dev/null | grep -m1 'mentions in')"
[ -n "$expected_totals" ] && pass || fail "presscut mentions Peskov gives its totals"
tm send-keys -t main m
wait_for main "mentions of:" "m asks for the entity"
tm send-keys -t main -l 'Peskov'
tm send-keys -t main Enter
wait_for main "$expected_totals" "the mentions view shows the totals of presscut mentions"
assert_contains "$(screen main)" "│ Peskov │" "the concordance, the mention between its contexts"
expected_month="$(pc mentions Peskov --by month --format csv 2>/dev/null |
  /usr/bin/python3 -c 'import csv,sys; print(*[" ".join((r["mentions"], r["stories"], r["articles"])) for r in csv.DictReader(sys.stdin) if r["bucket"] == "2022-02"])')"
assert_eq "$(screen main | awk '$1 == "2022-02" {print $2, $3, $4}')" "$expected_month" "the timeline counts 2022-02 as presscut mentions --by month does"
tm send-keys -t main s
wait_for main "(sorted by left)" "s sorts by the left context"
export_to main "presscut-mentions.csv" "$WORK/mentions.jsonl" "mentions written to"
places() { /usr/bin/python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(" ".join(sorted("%s:%s" % (r["article_id"], r["byte_start"]) for r in rows if "article_id" in r)))' "$1"; }
pc mentions Peskov --format jsonl -o "$WORK/mentions-cli.jsonl" 2>/dev/null
assert_eq "$(places "$WORK/mentions.jsonl")" "$(places "$WORK/mentions-cli.jsonl")" "the same mentions as presscut mentions --format jsonl"
assert_eq "$(head -1 "$WORK/mentions.jsonl" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["presscut_export"]["entity"]["name"])')" "Peskov" "the manifest names the entity"
tm send-keys -t main q
wait_for main "Enter:open" "q goes back to the list"

# ---- export, parsed back ----
export_to main "presscut-export.csv" "$WORK/hits.csv" "hits written to"
assert_contains "$(screen main)" "$WORK/hits.csv" "the file is named"
pc export Peskov -o "$WORK/expected.csv" 2>/dev/null
ids() { /usr/bin/python3 -c 'import csv,sys; print(" ".join(r["article_id"] for r in csv.DictReader(open(sys.argv[1], newline=""))))' "$1"; }
assert_eq "$(ids "$WORK/hits.csv")" "$(ids "$WORK/expected.csv")" "the export holds the hits of presscut export, in order"
[ -n "$(ids "$WORK/hits.csv")" ] && pass || fail "the export has rows"
manifest_query="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["presscut_export"]["query"])' "$WORK/hits.csv.manifest.json")"
assert_eq "$manifest_query" "Peskov" "the manifest names the query"

# ---- resize to 60x20 and back ----
before="$(screen main)"
tm resize-window -t main -x 60 -y 20
wait_for main "Enter:open  /:query  s:sort  f:filters  m:mentions  e:e" "the help line is redrawn at 60 columns"
small="$(screen main)"
assert_eq "$(printf '%s\n' "$small" | wc -l)" "20" "20 lines"
widest="$(printf '%s\n' "$small" | while IFS= read -r line; do printf '%s' "$line" | wc -m; done | sort -n | tail -1)"
[ "$widest" -le 60 ] && pass || fail "a line of $widest characters in a 60-column window: $small"
assert_contains "$(printf '%s\n' "$small" | sed -n 1p)" "search: Peskov" "the query line at the top"
assert_contains "$(printf '%s\n' "$small" | sed -n 3p)" "${first_title:0:20}" "the first hit below it"
tm resize-window -t main -x 80 -y 24
wait_for main "Enter:open  /:query  s:sort  f:filters  m:mentions  e:export" "the help line at 80 columns again"
assert_eq "$(screen main)" "$before" "back at 80x24 the screen is the same as before"

# ---- quit: the terminal restored ----
tm send-keys -t main q
wait_for main "exit status 0" "q quits with status 0"
assert_eq "$(tm display -p -t main '#{alternate_on}')" "0" "the alternate screen is left"
assert_eq "$(tm display -p -t main '#{cursor_flag}')" "1" "the cursor is shown again"
assert_contains "$(screen main)" $'\nicanon' "the line discipline is back (icanon)"
assert_not_contains "$(screen main)" "-icanon" "not left in raw mode"

# ---- SIGTERM from outside: the terminal restored too ----
start killed Peskov
wait_for killed "articles match" "a query given on the command line runs at once"
shell_pid="$(tm display -p -t killed '#{pane_pid}')"
tui_pid="$(pgrep -P "$shell_pid" | head -1)"
[ -n "$tui_pid" ] && kill -TERM "$tui_pid"
wait_for killed "exit status 130" "SIGTERM ends it with status 130"
assert_eq "$(tm display -p -t killed '#{alternate_on}')" "0" "the alternate screen is left after SIGTERM"
assert_not_contains "$(screen killed)" "-icanon" "not left in raw mode after SIGTERM"

# ---- the terminal goes away without a SIGHUP reaching presscut: it ends instead of spinning on a dead pty ----
# setsid puts presscut in a session of its own, so closing the window hangs up only the pane's shell.
tm new-session -d -s gone -x 80 -y 24 \
  "env TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1 setsid -w '$PRESSCUT' --db '$DB' tui Peskov; sleep 600"
wait_for gone "articles match" "the screen comes up in its own session"
gone_pid="$(pgrep -f -- "--db $DB tui Peskov" | head -1)"
tm kill-session -t gone
ended=no
for ((i = 0; i < 600; i++)); do
  kill -0 "$gone_pid" 2>/dev/null || { ended=yes; break; }
  sleep 0.05
done
assert_eq "$ended" "yes" "presscut tui ends when its terminal is gone"
[ "$ended" = yes ] || kill -9 "$gone_pid" 2>/dev/null

# ---- not a terminal ----
assert_status 2 "tui without a terminal" -- pc tui </dev/null
assert_contains "$(cat "$WORK/last.err")" "needs a terminal" "says it needs a terminal"

finish
