#!/usr/bin/env bash
# test_query_limits.sh — the work one query may cause is bounded, and Ctrl-C stops a search at once: a
# hostile 4 KB query (195 NEAR groups of two one-letter prefixes) is refused at once with the column at
# fault, as are a prefix that stands for too many words and a query whose words stand for too many passage
# entries; prefix queries within the limits find exactly the files a grep finds; and search, export and
# mentions killed with SIGINT say "interrupted" and exit 130. No assertion depends on timing.
. "$(dirname "$0")/lib.sh"

require_shared_corpus
business="$CORPUS/bbc-fulltext/bbc/business"
# 5001 made-up words that all start with "zq", 12 to a line: one prefix that stands for too many words.
mkdir -p "$WORK/zq"
awk 'BEGIN { for (i = 0; i < 5001; i++) { w = "zq"; n = i
               for (k = 0; k < 4; k++) { w = w sprintf("%c", 97 + n % 26); n = int(n / 26) }
               printf "%s%s", w, (i % 12 == 11 ? "\n" : " ") } print "" }' >"$WORK/zq/made_up.txt"
assert_status 0 "index the BBC business articles and the made-up words" -- pc index -q "$business" "$WORK/zq"

# The query of the issue: 195 x NEAR(a* b*, 1000) joined by OR, 4 KB. Refused before it runs.
hostile="NEAR(a* b*, 1000)"
for _ in $(seq 2 195); do hostile="$hostile OR NEAR(a* b*, 1000)"; done
assert_eq "${#hostile}" "4091" "the hostile query is the issue's 4 KB"
assert_status 2 "the hostile query is refused" -- pc search "$hostile"
assert_eq "$(cat "$WORK/last.err")" "presscut: the query has more than 128 words (counting each alias of an @name): \
the one at column 1350 is past the limit; search for fewer words at once" "the refusal names the column past the limit"
assert_eq "$(wc -c <"$WORK/last.out" | tr -d ' ')" "0" "nothing is printed on stdout for a refused query"
assert_status 2 "export refuses it too" -- pc export --format csv "$hostile"
assert_contains "$(cat "$WORK/last.err")" "more than 128 words" "export names the limit"

# Fewer words, but together they stand for more passage entries than the index allows.
broad="NEAR(a* s*, 1000)"
for _ in $(seq 2 60); do broad="$broad OR NEAR(a* s*, 1000)"; done
assert_status 2 "a query whose words stand for too many passage entries is refused" -- pc search "$broad"
assert_contains "$(cat "$WORK/last.err")" "the query is too broad for this index" "the refusal says why"
assert_contains "$(cat "$WORK/last.err")" "'a*' at column 6 alone stands for" "and names the heaviest word"

# A prefix that stands for more than 5000 words, and one a letter longer that does not.
assert_status 2 "a prefix of 5001 words is refused" -- pc search 'oil zq*'
assert_eq "$(cat "$WORK/last.err")" "presscut: the prefix 'zq*' at column 5 stands for 5001 words in this index \
(at most 5000): write more letters before the '*'" "the refusal names the prefix, its column and what to do"
assert_status 0 "a longer prefix is searched" -- pc search -n 1 'zqa*'
assert_contains "$(cat "$WORK/last.out")" "made_up.txt" "the longer prefix finds the made-up words"

# Prefix queries within the limits: their articles are exactly the files a grep finds (surface forms,
# case folded, the prefix at the start of a word).
files() {
  pc search -n all --all-copies --format jsonl "$@" 2>/dev/null | sed 's/.*"path":"\([^"]*\)".*/\1/' |
    sed "s|.*/corpus/||" | sort
}
grep_files() { grep -rliP --include='*.txt' "$1" "$business" | sed "s|.*/corpus/||" | sort; }
check_oracle() { # WHAT QUERY PATTERN
  local got expected
  got="$(files "$2")"
  expected="$(grep_files "$3")"
  [ -n "$expected" ] || fail "$1: the oracle finds no file"
  assert_eq "$got" "$expected" "$1 ($(printf '%s\n' "$got" | sed '/^$/d' | wc -l) files)"
}
check_oracle "a prefix" 'opec*' '\bopec'
check_oracle "a short prefix" 'yu*' '\byu'
check_oracle "two prefixes" 'airl* strik*' '\bairl[\s\S]*\bstrik|\bstrik[\s\S]*\bairl'
check_oracle "prefixes in OR" 'yuko* OR gazpr*' '\b(yuko|gazpr)'

# Ctrl-C: the search's output goes to a pipe that is read only after the signal, so the search cannot have
# finished before it (its output is larger than a pipe holds); the signal is sent once the handler is in.
interrupt() { # WHAT ARGS...: runs presscut ARGS, interrupts it, checks the exit status and the message
  local what="$1" pid tries=0; shift
  rm -f "$WORK/pid" "$WORK/go" "$WORK/int.status"
  { sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$WORK/pid" "$PRESSCUT" --db "$DB" "$@" 2>"$WORK/int.err"
    echo $? >"$WORK/int.status"; } | { until [ -e "$WORK/go" ]; do sleep 0.01; done; cat >/dev/null; } &
  local pipeline=$!
  until [ -s "$WORK/pid" ] || [ "$tries" -ge 3000 ]; do tries=$((tries + 1)); sleep 0.01; done
  pid="$(cat "$WORK/pid")"
  wait_until "$pid" catches_sigint "$pid" || fail "$what: no SIGINT handler within 30 s"
  kill -INT "$pid"
  touch "$WORK/go"
  wait "$pipeline"
  assert_eq "$(cat "$WORK/int.status")" "130" "$what: Ctrl-C exits 130"
  assert_eq "$(cat "$WORK/int.err")" "presscut: interrupted" "$what: Ctrl-C says so, once"
}
interrupt "search" search -n all --snippet 1000 'a* OR s*'
interrupt "export" export --format csv 'a* OR s*'
interrupt "mentions" mentions -C 30 said
assert_status 0 "the index is intact after the interruptions" -- pc check

finish
