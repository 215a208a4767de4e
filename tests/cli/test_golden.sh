#!/usr/bin/env bash
# test_golden.sh — golden output of `presscut search` and `presscut show` on the sample corpus: each command
# below writes its exit status, stdout and stderr to one file, compared byte for byte with
# tests/golden/<name>.out, so that a change in what users see (ranking, ids, snippets, highlight escapes,
# JSON fields, counts, error messages) cannot slip through unnoticed.
#
# Masked before comparing: the scratch folder ($WORK, also as its physical path) becomes <WORK>. Nothing else
# differs between runs or between the release and sanitizer builds: article ids follow the sorted file walk,
# passage ids are (day << 32) | n, and the scores in the JSON output are the same in both builds, so they are
# compared as printed.
#
# To regenerate after an intended change, run with PRESSCUT_GOLDEN_UPDATE=1 (it then writes the expected
# files instead of comparing), e.g. PRESSCUT_GOLDEN_UPDATE=1 ctest --test-dir build -R cli_golden, and review
# the diff of tests/golden before committing it.
. "$(dirname "$0")/lib.sh"
GOLDEN="$SOURCE/tests/golden"
update="${PRESSCUT_GOLDEN_UPDATE:-0}"
cp -r "$SOURCE/corpus" "$WORK/corpus"
assert_status 0 "index the sample corpus" -- pc index "$WORK/corpus"
[ "$update" = 1 ] && mkdir -p "$GOLDEN"

# A sed pattern matching a literal string.
literal() { printf '%s' "$1" | sed 's/[][\/.^$*]/\\&/g'; }
work_physical="$(cd "$WORK" && pwd -P)"
mask() { sed -e "s/$(literal "$WORK")/<WORK>/g" -e "s/$(literal "$work_physical")/<WORK>/g"; }

# The command line as a reader would type it (arguments with spaces or quotes in single quotes).
show_command() {
  printf '$ presscut'
  local arg
  for arg in "$@"; do
    case "$arg" in
      *[!A-Za-z0-9=_./:,-]* | '') printf " '%s'" "${arg//\'/\'\\\'\'}" ;;
      *) printf ' %s' "$arg" ;;
    esac
  done
  printf '\n'
}

# golden NAME ARGS...: runs presscut ARGS on the scratch index and compares (or, when updating, writes)
# tests/golden/NAME.out: the command, its exit status, stdout and stderr.
golden() {
  local name="$1"; shift
  local actual="$WORK/golden-$name.out" expected="$GOLDEN/$name.out"
  pc "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  local status=$?
  {
    show_command "$@"
    echo "[exit $status]"
    echo "[stdout]"
    cat "$WORK/stdout"
    echo "[stderr]"
    cat "$WORK/stderr"
  } | mask >"$actual"
  if [ "$update" = 1 ]; then
    cp "$actual" "$expected"
    pass
  elif [ ! -f "$expected" ]; then
    fail "$name: $expected is missing (run with PRESSCUT_GOLDEN_UPDATE=1 to write it)"
  elif diff -u --label "expected $name.out" --label "actual $name.out" "$expected" "$actual" >&2; then
    pass
  else
    fail "$name: the output differs from tests/golden/$name.out (diff above)"
  fi
}

# search: text, with and without colour, and the two JSON formats.
golden search_text           search --color never attacks
golden search_color          search --color always attacks
golden search_json           search --format json attacks
golden search_jsonl          search --format jsonl kyiv OR kiev
# One hit per passage; near-duplicate copies one by one (of a phrase); an exact form.
golden search_passages       search --color never --passages attacks
golden search_all_copies     search --color never --all-copies '"card payments"'
golden search_exact          search --color never =attacked
# Filters.
golden search_filter_source_date search --color never 'attacks source:*lantern date:2022-02-15..2022-02-17'
golden search_filter_lang    search --color always 'Київ lang:uk'
# Any of the words; Cyrillic across Russian and Ukrainian; how a query is understood (for people and as JSON).
golden search_any            search --color never --any zeppelin hosting banks -n 5
golden search_cyrillic       search --color never атака
golden search_explain        search --explain 'attacks -kremlin "card payments" date:2022-02'
golden search_explain_json   search --explain --format json 'attacks -kremlin "card payments" date:2022-02'
# No hits (exit 1) and a malformed query (exit 2, its column on stderr).
golden search_no_hits        search --color never zeppelin
golden search_malformed      search --color never 'attacks AND'
# show: text, JSON (an article from a feed, with url, record and tags), highlighted.
golden show_text             show --color never 42
golden show_json             show --format json 11
golden show_highlight        show --color always --highlight attacks 42

finish
