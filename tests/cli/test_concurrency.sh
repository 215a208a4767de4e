#!/usr/bin/env bash
# test_concurrency.sh — readers and writers at the same time on one index, on real files (BBC politics and
# business, and a file of Reuters, from the shared corpus):
#  1. searches, exports and mentions run in a loop while `index --force` commits every 64 KB: every one of
#     them succeeds (each command reads one snapshot, so an article it found cannot vanish before it reads it);
#  2. two `index` runs started together (BBC politics, BBC business): each finishes, or fails clearly naming
#     the lock, and after running again the one that failed, the index holds what one uninterrupted run makes.
# No assertion depends on timing: how many commands overlap the indexer varies, and the test only needs one.
. "$(dirname "$0")/lib.sh"
require_shared_corpus

POLITICS="$CORPUS/bbc-fulltext/bbc/politics"
BUSINESS="$CORPUS/bbc-fulltext/bbc/business"
REUTERS="$CORPUS/reuters21578/reut2-000.sgm"

# What an index holds, to compare two: counts, and a hash over every article's file, record, title and body.
index_content() {
  "$PRESSCUT" --db "$1" sql "SELECT count(*) FROM files" &&
    "$PRESSCUT" --db "$1" sql "SELECT count(*) FROM articles" &&
    "$PRESSCUT" --db "$1" sql "SELECT f.path, a.record, a.title, a.body_bytes, a.content_hash FROM articles a
                                JOIN files f ON f.id = a.file_id ORDER BY f.path, a.record" | sha256sum
}

# ---- 1. reading while an index run commits -------------------------------------------------------------
assert_status 0 "index BBC and Reuters files" -- pc index --no-progress "$POLITICS" "$BUSINESS" "$REUTERS"
pc index --force --no-progress --batch-size 64k "$POLITICS" "$BUSINESS" "$REUTERS" >/dev/null 2>"$WORK/force.err" &
indexer=$!
runs=0
failed=0
: >"$WORK/reader.err"
while kill -0 "$indexer" 2>/dev/null; do
  case $((runs % 3)) in
    0) pc search -n 5 government >/dev/null 2>"$WORK/one.err" ;;
    1) pc export --format jsonl minister >/dev/null 2>"$WORK/one.err" ;;
    2) pc mentions Blair >/dev/null 2>"$WORK/one.err" ;;
  esac
  status=$?
  runs=$((runs + 1))
  # 0: found, 1: nothing found (the index may be between a file's removal and its return); 2: an error.
  if [ "$status" -gt 1 ]; then
    failed=$((failed + 1))
    cat "$WORK/one.err" >>"$WORK/reader.err"
  fi
done
wait "$indexer"
assert_eq "$?" "0" "index --force while commands read"
echo "reading commands run while the indexer was alive: $runs, failed: $failed" >&2
[ "$runs" -gt 0 ] && pass || fail "no reading command ran while the indexer was alive"
assert_eq "$failed" "0" "reading commands that failed during index --force (first errors: $(head -c 400 "$WORK/reader.err"))"
assert_status 0 "check after index --force under readers" -- pc check

# ---- 2. two index runs at once ----------------------------------------------------------------------------
ALONE="$WORK/alone.db"
assert_status 0 "an uninterrupted run" -- "$PRESSCUT" --db "$ALONE" index --no-progress "$POLITICS" "$BUSINESS"
expected="$(index_content "$ALONE")"

TWO="$WORK/two.db"
"$PRESSCUT" --db "$TWO" index --no-progress --batch-size 64k "$POLITICS" >"$WORK/a.out" 2>"$WORK/a.err" &
first=$!
"$PRESSCUT" --db "$TWO" index --no-progress --batch-size 64k "$BUSINESS" >"$WORK/b.out" 2>"$WORK/b.err" &
second=$!
wait "$first"
status_a=$?
wait "$second"
status_b=$?
for run in a b; do
  eval "status=\$status_$run"
  if [ "$status" -eq 0 ]; then
    pass
  elif [ "$status" -eq 2 ]; then
    assert_contains "$(cat "$WORK/$run.err")" "is locked by another process" "run $run failed naming the lock"
    assert_status 0 "run $run again" -- "$PRESSCUT" --db "$TWO" index --no-progress "$POLITICS" "$BUSINESS"
  else
    fail "concurrent index run $run: exit status $status, expected 0 or 2: $(head -c 400 "$WORK/$run.err")"
  fi
done
assert_eq "$(index_content "$TWO")" "$expected" "two concurrent runs end with what one run makes"
assert_status 0 "check after two concurrent runs" -- "$PRESSCUT" --db "$TWO" check

finish
