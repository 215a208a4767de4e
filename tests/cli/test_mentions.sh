#!/usr/bin/env bash
# test_mentions.sh — `presscut mentions` on the sample corpus and on the shared seeds: every occurrence (counted
# by hand with grep), both spellings with --alias, no false friends, counts per month, sorting, csv and jsonl
# parsed back with Python, usage errors and exit codes.
. "$(dirname "$0")/lib.sh"

pc index "$SOURCE/corpus" >/dev/null 2>&1

# Kyiv with alias Kiev: both spellings, as written (KYIV in a dateline too).
out="$(pc mentions Kyiv --alias Kiev --all-copies --color never 2>"$WORK/err")"
assert_status 0 "kyiv found" -- pc mentions Kyiv --alias Kiev
assert_contains "$out" "│ Kyiv │" "Kyiv as written"
assert_contains "$out" "│ Kiev │" "Kiev as written"
assert_contains "$out" "│ KYIV │" "KYIV in capitals"
assert_contains "$(cat "$WORK/err")" "mentions in" "totals on stderr"
# Oracle: every spelling grep finds in the sample corpus, and nothing else. Besides Kyiv and Kiev as written:
# Kiew (German, corpus/lindenhafener-tageblatt), Kyiv’s (possessive), Київ/Києві (Ukrainian, by transliteration
# and inflection), Киев/Киеву (Russian, from the alias Kiev) and Киeве, a Russian Киеве typed with a Latin e
# (a look-alike letter: still the word Киеве).
spellings() {
  pc mentions "$@" --all-copies --format csv 2>/dev/null |
    /usr/bin/python3 -c 'import csv,sys; print(" ".join(sorted({r["mention"].lower() for r in csv.DictReader(sys.stdin)})))'
}
assert_eq "$(spellings Kyiv --alias Kiev)" "kiev kiew kyiv kyiv’s киeве киев киеву києві київ" \
  "every spelling of kyiv and kiev, nothing else"
# Transliteration: Kyiv alone finds the Ukrainian Київ and its locative Києві, not the Russian Киев.
assert_eq "$(spellings Kyiv)" "kyiv kyiv’s києві київ" "kyiv alone: Київ, Києві"
# --exact drops the inflections (Києві, Киеву, Киеве), --no-translit every other script and spelling.
assert_eq "$(spellings Kyiv --alias Kiev --exact)" "kiev kiew kyiv kyiv’s киев київ" "--exact: no inflections"
assert_eq "$(spellings Kyiv --alias Kiev --no-translit)" "kiev kyiv kyiv’s" "--no-translit: the spellings given"
# --case-sensitive: a mention has its alias's case shape; KYIV (a dateline in capitals) is left out.
assert_eq "$(spellings Kyiv --case-sensitive --no-translit)" "kyiv kyiv’s" "--case-sensitive"
kyiv_caps="$(pc mentions Kyiv --case-sensitive --all-copies --format csv 2>/dev/null | grep -c ',KYIV,' || true)"
assert_eq "$kyiv_caps" "0" "--case-sensitive leaves KYIV out"
assert_status 0 "Київ through an alias" -- pc mentions Kyiv --alias Київ --lang uk

# Putin: no put, puts.
out="$(pc mentions Putin --all-copies --format csv 2>/dev/null |
  /usr/bin/python3 -c 'import csv,sys; print(sorted({r["form"] for r in csv.DictReader(sys.stdin)}))')"
assert_not_contains "$out" "'put'" "put is not Putin"
assert_not_contains "$out" "'puts'" "puts is not Putin"

# Counts per month: a header and buckets in time order; csv gives the same table.
out="$(pc mentions Kyiv --alias Kiev --by month --color never 2>/dev/null)"
assert_contains "$out" "month    mentions  stories  articles" "counts header"
assert_contains "$out" "2022-02" "february bucket"
csv_total="$(pc mentions Kyiv --alias Kiev --by month --format csv 2>/dev/null |
  /usr/bin/python3 -c 'import csv,sys; print(sum(int(r["mentions"]) for r in csv.DictReader(sys.stdin)))')"
rows="$(pc mentions Kyiv --alias Kiev --format csv 2>/dev/null | /usr/bin/python3 -c 'import csv,sys; print(len(list(csv.DictReader(sys.stdin))))')"
assert_eq "$csv_total" "$rows" "the month counts add up to the mentions"

# Sorting by date: dates never go down.
sorted="$(pc mentions Kyiv --alias Kiev --sort date --format jsonl 2>/dev/null |
  /usr/bin/python3 -c 'import json,sys; d=[json.loads(l)["date"] or "~" for l in sys.stdin]; print(d == sorted(d), len(d))')"
assert_eq "$sorted" "True $rows" "sorted by date, same mentions"
# Sorting by left context: the nearest word before each mention is in order.
left="$(pc mentions Kyiv --alias Kiev --sort left --context 1 --format csv 2>/dev/null |
  /usr/bin/python3 -c 'import csv,sys; k=[r["left"].lower() for r in csv.DictReader(sys.stdin) if r["left"]]; print(len(k) > 3)')"
assert_eq "$left" "True" "sorted by left context"

# -o FILE with text: colour follows the file, which never gets any (not even with --color always).
pc mentions Kyiv --alias Kiev --color always -o "$WORK/mentions.txt" 2>/dev/null
assert_contains "$(cat "$WORK/mentions.txt")" "│ Kiev │" "text written to the file"
assert_eq "$(grep -c $'\033' "$WORK/mentions.txt" || true)" "0" "no colour codes in the file"

# Errors and exit codes.
assert_status 1 "nothing found" -- pc mentions Zzyzxqv
assert_status 2 "no name" -- pc mentions
assert_contains "$(cat "$WORK/last.err")" "give a NAME or --alias" "no name: what to do"
assert_status 2 "bad format" -- pc mentions Kyiv --format pdf
assert_status 2 "bad sort" -- pc mentions Kyiv --sort sideways
assert_status 2 "bad date" -- pc mentions Kyiv --since 2022-13
assert_contains "$(cat "$WORK/last.err")" "2022-13" "bad date named"

# The seeds: "Peskov" occurs 5 times (grep -o Peskov over the files: 4 in 000_…, 1 in 002_…), each found once.
if have_shared_corpus; then
  DB="$WORK/seeds.db"
  pc index "$CORPUS/seeds" >/dev/null 2>&1
  expected="$(cat "$CORPUS"/seeds/*.txt | grep -o 'Peskov' | wc -l)"
  assert_eq "$expected" "5" "Peskov by hand in the seeds"
  got="$(pc mentions Peskov --format csv 2>/dev/null | /usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assert all(r["mention"] == "Peskov" for r in rows), rows
print(len(rows))')"
  assert_eq "$got" "$expected" "every Peskov in the seeds"
  # The seeds hold no Cyrillic Песков/Пєсков (grep finds none), so the 5 are all of them.
  assert_eq "$(cat "$CORPUS"/seeds/*.txt | grep -c 'Песков\|Пєсков' || true)" "0" "no Cyrillic Peskov in the seeds"
  # Putin: grep -ow finds it 3 times in the seeds; put/puts never count (the unit test has them side by side).
  forms="$(pc mentions Putin --all-copies --format csv 2>/dev/null |
    /usr/bin/python3 -c 'import csv,sys; r=[r["mention"].lower() for r in csv.DictReader(sys.stdin)]; print(len(r), sorted(set(r)))')"
  assert_eq "$forms" "3 ['putin']" "Putin in the seeds, no put"
fi
finish
