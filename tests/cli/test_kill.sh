#!/usr/bin/env bash
# test_kill.sh — SIGKILL at any moment leaves a consistent index, and a rerun completes it without
# duplicates: the indexer is killed at several points while indexing the BBC corpus, then checked and rerun.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
corpus="$CORPUS"
src="$corpus/bbc-fulltext"

# Reference: one clean run.
pc index --no-progress -q --batch-size 256k "$src" >/dev/null 2>&1
expected_articles="$(sql 'SELECT count(*) FROM articles')"
expected_passages="$(sql 'SELECT count(*) FROM passages')"
assert_eq "$expected_articles" "2225" "reference run indexes every BBC article"
rm -f "$DB" "$DB-wal" "$DB-shm"

for delay in 0.05 0.3 0.8 1.5 3; do
  "$PRESSCUT" --db "$DB" index --no-progress -q --batch-size 256k "$src" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -f "$DB" ]; then
    assert_status 0 "check after SIGKILL at ${delay}s" -- pc check
  fi
done
assert_status 0 "rerun after the kills" -- pc index --no-progress "$src"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "$expected_articles" "no article lost or duplicated"
assert_eq "$(sql 'SELECT count(*) FROM passages')" "$expected_passages" "no passage lost or duplicated"
assert_eq "$(sql 'SELECT count(*) FROM (SELECT path FROM files GROUP BY path HAVING count(*) > 1)')" "0" "no file twice"
assert_eq "$(sql 'SELECT count(*) FROM articles a JOIN files f ON f.id = a.file_id')" "$expected_articles" "every article has its file"
assert_status 0 "check after the rerun" -- pc check

# Ctrl-C (SIGINT) stops after the file being written, commits, says so and exits 130.
rm -f "$DB" "$DB-wal" "$DB-shm"
"$PRESSCUT" --db "$DB" index --no-progress --batch-size 64M "$src" >"$WORK/int.out" 2>"$WORK/int.err" &
pid=$!
sleep 0.4
kill -INT "$pid" 2>/dev/null
wait "$pid"
status=$?
if grep -q "interrupted after" "$WORK/int.err"; then
  assert_eq "$status" "130" "SIGINT exit status"
  assert_contains "$(cat "$WORK/int.err")" "run the same command again to finish" "SIGINT says what to do"
  kept="$(sql 'SELECT count(*) FROM articles')"
  assert_contains "$(cat "$WORK/int.out")" "indexed $kept files" "the summary counts what was kept"
else
  assert_eq "$status" "0" "the run finished before SIGINT arrived"
fi
assert_status 0 "check after SIGINT" -- pc check
assert_status 0 "rerun after SIGINT" -- pc index --no-progress "$src"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "$expected_articles" "SIGINT then rerun: every article once"
assert_status 0 "a third run changes nothing" -- pc index --no-progress "$src"
assert_contains "$(cat "$WORK/last.out")" "indexed 0 files" "third run: nothing to do"
assert_contains "$(cat "$WORK/last.out")" "2225 unchanged" "third run: all unchanged"
finish
