#!/usr/bin/env bash
# test_kill.sh — SIGKILL at any moment leaves a consistent index, and a rerun completes it without
# duplicates: the indexer is killed at several points while indexing the BBC corpus, then checked and rerun.
# No assertion depends on timing: wherever a kill lands (before the first commit, which leaves an empty
# file, or after), the same assertions hold; the script waits for events, not for time to pass.
. "$(dirname "$0")/lib.sh"


# A zero-byte index file (what a kill before the first commit leaves) is a new, empty index to every command.
: >"$DB"
assert_status 0 "check on a zero-byte file" -- pc check
assert_contains "$(cat "$WORK/last.out")" "is consistent" "check on a zero-byte file says it is consistent"
assert_status 1 "search on a zero-byte file finds nothing" -- pc search attacks
assert_contains "$(cat "$WORK/last.err")" "no article matches" "search on a zero-byte file says so"
assert_status 0 "stats on a zero-byte file" -- pc stats
assert_contains "$(cat "$WORK/last.out")" "articles   0" "stats on a zero-byte file: no article"
assert_eq "$(wc -c <"$DB" | tr -d ' ')" "0" "reading commands leave a zero-byte file as it is"
mkdir -p "$WORK/tiny"
printf 'Port attack\n\nPolice attacked the port on Monday.\n' >"$WORK/tiny/port.txt"
assert_status 0 "index into a zero-byte file" -- pc index --no-progress "$WORK/tiny"
assert_contains "$(cat "$WORK/last.out")" "indexed 1 file" "index into a zero-byte file writes it"
assert_status 0 "search after indexing into a zero-byte file" -- pc search attacks
assert_status 0 "check after indexing into a zero-byte file" -- pc check
rm -f "$DB" "$DB-wal" "$DB-shm"

require_shared_corpus
corpus="$CORPUS"
src="$corpus/bbc-fulltext"

# Reference: one clean run.
pc index --no-progress -q --batch-size 256k "$src" >/dev/null 2>&1
expected_articles="$(sql 'SELECT count(*) FROM articles')"
expected_passages="$(sql 'SELECT count(*) FROM passages')"
assert_eq "$expected_articles" "2225" "reference run indexes every BBC article"
rm -f "$DB" "$DB-wal" "$DB-shm"

# Each kill lands some time after the index file appears: before its schema is committed (an empty file),
# inside a batch, or after the run has finished. Every outcome must pass the same check.
for delay in 0 0.05 0.3 0.8 1.5 3; do
  "$PRESSCUT" --db "$DB" index --no-progress -q --batch-size 256k "$src" >/dev/null 2>&1 &
  pid=$!
  wait_until "$pid" test -e "$DB" || fail "the index file did not appear within 30 s"
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  assert_status 0 "check after SIGKILL ${delay}s after the file appeared" -- pc check
done
assert_status 0 "rerun after the kills" -- pc index --no-progress "$src"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "$expected_articles" "no article lost or duplicated"
assert_eq "$(sql 'SELECT count(*) FROM passages')" "$expected_passages" "no passage lost or duplicated"
assert_eq "$(sql 'SELECT count(*) FROM (SELECT path FROM files GROUP BY path HAVING count(*) > 1)')" "0" "no file twice"
assert_eq "$(sql 'SELECT count(*) FROM articles a JOIN files f ON f.id = a.file_id')" "$expected_articles" "every article has its file"
assert_status 0 "check after the rerun" -- pc check

# Ctrl-C (SIGINT) stops after the file being written, commits, says so and exits 130.
rm -f "$DB" "$DB-wal" "$DB-shm"
# The signal is sent once the handler is installed, so it either stops the run or comes after its end.
"$PRESSCUT" --db "$DB" index --no-progress --batch-size 64M "$src" >"$WORK/int.out" 2>"$WORK/int.err" &
pid=$!
wait_until "$pid" catches_sigint "$pid" || fail "the indexer did not install its SIGINT handler within 30 s"
sleep 0.4
kill -INT "$pid" 2>/dev/null
wait "$pid"
status=$?
if grep -q "interrupted after" "$WORK/int.err"; then
  assert_eq "$status" "130" "SIGINT exit status"
  assert_contains "$(cat "$WORK/int.err")" "run the same command again to finish" "SIGINT says what to do"
  kept="$(sql 'SELECT count(*) FROM articles')"
  assert_contains "$(cat "$WORK/int.out")" "indexed $kept file" "the summary counts what was kept (1 file, N files)"
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
