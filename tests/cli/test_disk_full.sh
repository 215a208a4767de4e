#!/usr/bin/env bash
# test_disk_full.sh — no room to write stops an index run cleanly: the file size limit (ulimit -f, which
# without care ends the process with SIGXFSZ, exit 153, and no word) and, where the test may make one, a
# small real filesystem (tmpfs, as root). Either way: exit 2 with the disk-full message, what was committed
# before is a consistent index (presscut check), and a rerun with room ends with exactly the articles of an
# uninterrupted run (paths and content hashes). The ulimit case always runs; the tmpfs case says clearly
# when it cannot. About 5 s in a release build.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
src="$CORPUS/bbc-fulltext/bbc/business" # 510 articles, an index of about 2.5 MB

# The articles of the index $1, one "path content-hash" line each, sorted.
articles_of() { "$PRESSCUT" --db "$1" sql "SELECT path || ' ' || content_hash FROM article_details ORDER BY 1"; }

"$PRESSCUT" --db "$DB" index --no-progress -q --batch-size 64k "$src" >/dev/null 2>&1
expected="$(articles_of "$DB")"
assert_eq "$(printf '%s\n' "$expected" | wc -l)" "510" "the uninterrupted run indexes every article"

# check_stopped_run NAME DB STATUS: the run into DB ended with STATUS and $WORK/run.err; what it committed
# is a consistent part of the uninterrupted run.
check_stopped_run() {
  local name="$1" db="$2" status="$3"
  assert_eq "$status" "2" "$name: exit status (153 would be death by SIGXFSZ)"
  assert_contains "$(cat "$WORK/run.err")" "disk full while writing '$db': free some space" "$name: message"
  assert_not_contains "$(cat "$WORK/run.err")" "input/output error" "$name: not reported as an I/O error"
  assert_status 0 "$name: check passes on what was committed" -- "$PRESSCUT" --db "$db" check
  local kept
  kept="$(articles_of "$db")"
  local n_kept
  n_kept="$(printf '%s' "$kept" | grep -c .)"
  if [ "$n_kept" -ge 1 ] && [ "$n_kept" -lt 510 ]; then pass; else
    fail "$name: the run should stop midway with some batches committed, kept $n_kept of 510"; fi
  local extra
  extra="$(comm -23 <(printf '%s\n' "$kept") <(printf '%s\n' "$expected"))"
  assert_eq "$extra" "" "$name: every article kept is one of the uninterrupted run, with the same content"
}

# ---- the file size limit: 1200 KiB, about half of the index ----
db="$WORK/limited.db"
status=0
(ulimit -f 1200; exec "$PRESSCUT" --db "$db" index --no-progress -q --batch-size 64k "$src") \
  >/dev/null 2>"$WORK/run.err" || status=$?
check_stopped_run "ulimit -f" "$db" "$status"
assert_status 0 "ulimit -f: the rerun without the limit completes" -- \
  "$PRESSCUT" --db "$db" index --no-progress -q --batch-size 64k "$src"
assert_eq "$(articles_of "$db")" "$expected" "ulimit -f: the rerun ends with the articles of an uninterrupted run"
assert_status 0 "ulimit -f: check after the rerun" -- "$PRESSCUT" --db "$db" check

# ---- a small filesystem: a 1200 KiB tmpfs, grown to finish ----
small="$WORK/small"
mkdir -p "$small"
if [ "$(id -u)" -ne 0 ]; then
  echo "NOT RUN: disk full on a small filesystem: mounting a tmpfs needs root (running as $(id -un))" >&2
elif ! mount -t tmpfs -o size=1200k presscut-test "$small" 2>"$WORK/mount.err"; then
  echo "NOT RUN: disk full on a small filesystem: mount -t tmpfs is not permitted here: $(cat "$WORK/mount.err")" >&2
else
  trap 'umount "$small" 2>/dev/null; rm -rf "$WORK"' EXIT
  db="$small/index.db"
  status=0
  "$PRESSCUT" --db "$db" index --no-progress -q --batch-size 64k "$src" >/dev/null 2>"$WORK/run.err" || status=$?
  check_stopped_run "tmpfs" "$db" "$status"
  if mount -o remount,size=64m "$small"; then
    assert_status 0 "tmpfs: the rerun with room completes" -- \
      "$PRESSCUT" --db "$db" index --no-progress -q --batch-size 64k "$src"
    assert_eq "$(articles_of "$db")" "$expected" "tmpfs: the rerun ends with the articles of an uninterrupted run"
  else
    fail "tmpfs: cannot grow the tmpfs for the rerun"
  fi
fi
finish
