#!/usr/bin/env bash
# test_db_faults.sh — index files presscut cannot or must not write, or that are not presscut indexes: a
# read-only folder and a read-only file (read, checked, writes refused), a WAL left in a read-only folder,
# not SQLite, truncated, another program's SQLite database, one made by a newer presscut, a named pipe, a
# device, a folder, and a lock held by another program. Each gives a clear error (exit 2) or a correct read,
# and the file stays byte-for-byte as it was wherever presscut must not write.
# Root ignores permission bits, so as root the reading user is nobody (setpriv), and the test checks that
# this user really cannot write there; it fails (never skips) when that cannot be arranged.
. "$(dirname "$0")/lib.sh"

in="$WORK/in"
mkdir -p "$in"
printf 'Harbour budget\n\nThe council approved the new budget for the harbour district on Tuesday.\n' >"$in/a.txt"
printf 'Ferry timetable\n\nThe ferry timetable changes in spring, the harbour master said.\n' >"$in/b.txt"
assert_status 0 "index the sample" -- pc index --no-progress "$in"
pc search -n all harbour >"$WORK/hits.expected" 2>/dev/null
printf 'Late news\n\nA third article about the harbour, added later.\n' >"$in/c.txt"

# as_reader COMMAND...: runs COMMAND as a user without write access where the test takes it away.
chmod 755 "$WORK"
if [ "$(id -u)" -eq 0 ]; then
  cp "$PRESSCUT" "$WORK/presscut" && chmod 755 "$WORK/presscut"
  READER_PRESSCUT="$WORK/presscut"
  as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
  READER_PRESSCUT="$PRESSCUT"
  as_reader() { "$@"; }
fi
reader_pc() { as_reader "$READER_PRESSCUT" --db "$1" "${@:2}"; }

# The files beside DB but its -shm and an empty -wal: SQLite makes those to read a WAL-mode file (a presscut
# index) in a folder it may write, and a reader cannot remove them (a writer may have begun to use them).
files_beside() {
  local f
  for f in "$(dirname "$1")"/*; do
    case "$f" in "$1-shm") continue ;; "$1-wal") [ -s "$f" ] || continue ;; esac
    echo "$f"
  done
}
# refuses DB WHAT NEEDLE COMMAND...: runs presscut COMMAND on DB and checks exit status 2, NEEDLE in the
# message, DB byte-for-byte unchanged and no file made or removed beside it (each DB is alone in its folder).
refuses() {
  local db="$1" what="$2" needle="$3"
  shift 3
  cp "$db" "$WORK/before.db"
  local files
  files="$(files_beside "$db")"
  "$PRESSCUT" --db "$db" "$@" >"$WORK/last.out" 2>"$WORK/last.err"
  assert_eq "$?" "2" "$what ($*): exit status; stderr: $(head -c 300 "$WORK/last.err")"
  assert_contains "$(cat "$WORK/last.err")" "$needle" "$what ($*): message"
  cmp -s "$db" "$WORK/before.db" && pass || fail "$what ($*): the file was changed"
  assert_eq "$(files_beside "$db")" "$files" "$what ($*): no file made beside it"
}
# Every command on a file presscut must leave alone.
refused_by_every_command() {
  local db="$1" what="$2" needle="$3"
  refuses "$db" "$what" "$needle" index --no-progress "$in"
  refuses "$db" "$what" "$needle" check
  refuses "$db" "$what" "$needle" rebuild
  refuses "$db" "$what" "$needle" search harbour
  refuses "$db" "$what" "$needle" stats
  refuses "$db" "$what" "$needle" show 1
  refuses "$db" "$what" "$needle" sql "SELECT 1"
  refuses "$db" "$what" "$needle" export harbour
  refuses "$db" "$what" "$needle" entities list
}
# other_program DB STATEMENT...: runs the statements on DB through another program (Python's sqlite3) and
# prints the first value the last one returns.
other_program() {
  /usr/bin/python3 -c '
import sqlite3, sys
db, row = sqlite3.connect(sys.argv[1]), None
for statement in sys.argv[2:]:
    row = db.execute(statement).fetchone()
db.commit()
db.close()
if row:
    print(row[0])' "$@"
}
journal_mode() { other_program "$1" "PRAGMA journal_mode"; }

# ---- a read-only folder and a read-only file: reading works, writing is refused ---------------------------
mkdir -p "$WORK/ro-folder" "$WORK/ro-file"
cp "$DB" "$WORK/ro-folder/index.db"
cp "$DB" "$WORK/ro-file/index.db"
chmod 444 "$WORK/ro-folder/index.db" "$WORK/ro-file/index.db"
chmod 555 "$WORK/ro-folder"
chmod 777 "$WORK/ro-file" # the reader may make the -wal and -shm files there, but not change the index
if as_reader touch "$WORK/ro-folder/probe" 2>/dev/null ||
  as_reader sh -c "echo >>'$WORK/ro-file/index.db'" 2>/dev/null; then
  fail "the reading user can write where it must not: the read-only cases would prove nothing"
fi
for place in ro-folder ro-file; do
  db="$WORK/$place/index.db"
  cp "$db" "$WORK/before.db"
  reader_pc "$db" search -n all harbour >"$WORK/hits.out" 2>"$WORK/last.err"
  assert_eq "$?" "0" "$place: search; stderr: $(head -c 300 "$WORK/last.err")"
  assert_eq "$(cat "$WORK/hits.out")" "$(cat "$WORK/hits.expected")" "$place: search finds what it finds elsewhere"
  assert_eq "$(reader_pc "$db" sql "SELECT count(*) FROM articles" 2>&1)" "2" "$place: sql"
  assert_contains "$(reader_pc "$db" stats 2>&1)" "articles   2" "$place: stats"
  assert_contains "$(reader_pc "$db" show 1 2>&1)" "harbour district" "$place: show"
  assert_eq "$(reader_pc "$db" check 2>&1)" "ok: the index '$db' is consistent" "$place: check without write access"
  reader_pc "$db" index --no-progress "$in" >"$WORK/last.out" 2>"$WORK/last.err"
  assert_eq "$?" "2" "$place: index is refused"
  assert_contains "$(cat "$WORK/last.err")" "read-only" "$place: index says the index is read-only"
  assert_not_contains "$(cat "$WORK/last.err")" "files indexed before this error are kept" \
    "$place: no claim that files were kept when none was indexed"
  cmp -s "$db" "$WORK/before.db" && pass || fail "$place: the index was changed"
done
assert_eq "$(ls -A "$WORK/ro-folder")" "index.db" "read-only folder: nothing made in it"

# A WAL in a read-only folder: read through its -shm file; without one, a clear error instead of a stale read.
mkdir -p "$WORK/wal"
cp "$DB" "$WORK/wal/index.db"
/usr/bin/python3 - "$WORK/wal/index.db" <<'EOF'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA wal_autocheckpoint = 0")
db.execute("INSERT INTO meta(key, value) VALUES('test_marker', 'only in the wal')")
db.commit()
os._exit(0)  # as a killed writer would: the -wal and -shm files stay
EOF
chmod 644 "$WORK/wal/index.db-wal" "$WORK/wal/index.db-shm"
chmod 555 "$WORK/wal"
assert_eq "$(reader_pc "$WORK/wal/index.db" sql "SELECT value FROM meta WHERE key = 'test_marker'" 2>&1)" \
  "only in the wal" "a read-only folder with a WAL: its commits are read"
chmod 755 "$WORK/wal"
mv "$WORK/wal/index.db-shm" "$WORK/shm.saved"
chmod 555 "$WORK/wal"
reader_pc "$WORK/wal/index.db" search harbour >"$WORK/last.out" 2>"$WORK/last.err"
assert_eq "$?" "2" "a WAL without its -shm in a read-only folder is refused"
assert_contains "$(cat "$WORK/last.err")" "its last changes are in '$WORK/wal/index.db-wal'" "and the message says why"
chmod 755 "$WORK/wal"

# ---- files that are not presscut indexes, or that this presscut must not change --------------------------
mkdir -p "$WORK/text" "$WORK/truncated" "$WORK/foreign" "$WORK/foreign-version" "$WORK/newer"
head -c 4096 "$in/a.txt" >"$WORK/text/index.db"
for i in 1 2 3 4 5 6 7 8; do cat "$in/a.txt" >>"$WORK/text/index.db"; done
refused_by_every_command "$WORK/text/index.db" "not SQLite" "is not a presscut index (not an SQLite database)"

size=$(wc -c <"$DB")
head -c $((size / 2)) "$DB" >"$WORK/truncated/index.db"
for command in check "search harbour" stats "show 1" "export harbour"; do
  # shellcheck disable=SC2086
  refuses "$WORK/truncated/index.db" "truncated" "is damaged" $command
done

other_program "$WORK/foreign/other.db" "CREATE TABLE t(x)"
refused_by_every_command "$WORK/foreign/other.db" "another program's database" "is not a presscut index"
assert_eq "$(journal_mode "$WORK/foreign/other.db")" "delete" "another program's database: journal mode unchanged"
other_program "$WORK/foreign-version/other.db" "CREATE TABLE t(x)" "PRAGMA user_version = 3"
refused_by_every_command "$WORK/foreign-version/other.db" "a database with a user_version" "is not a presscut index"
assert_eq "$(journal_mode "$WORK/foreign-version/other.db")" "delete" "a database with a user_version: journal unchanged"

cp "$DB" "$WORK/newer/index.db"
other_program "$WORK/newer/index.db" "PRAGMA user_version = 999"
refused_by_every_command "$WORK/newer/index.db" "a newer schema" "was made by a newer presscut"

# ---- not files: a named pipe, a device, a folder -----------------------------------------------------------
mkfifo "$WORK/pipe"
assert_status 2 "a named pipe as --db" -- timeout 60 "$PRESSCUT" --db "$WORK/pipe" search harbour
assert_contains "$(cat "$WORK/last.err")" "is a named pipe (FIFO), not an index file" "a named pipe is refused"
mkdir -p "$WORK/dev"
device="$WORK/dev/null"
mknod "$device" c 1 3 2>/dev/null || device=/dev/null # a device of our own where we may make one
assert_status 2 "a device as --db" -- "$PRESSCUT" --db "$device" index --no-progress "$in"
assert_contains "$(cat "$WORK/last.err")" "is a device, not an index file" "a device is refused"
[ -e "$device-journal" ] && fail "a device as --db: $device-journal was made" || pass
assert_status 2 "a folder as --db" -- pc --db "$in" search harbour
assert_contains "$(cat "$WORK/last.err")" "is a folder, not an index file" "a folder is named as such"
assert_not_contains "$(cat "$WORK/last.err")" "Create it first" "a folder gets no hint to create it"

# ---- a lock held by another program --------------------------------------------------------------------------
coproc HOLDER { /usr/bin/python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")' "$DB"; }
read -r held <&"${HOLDER[0]}"
assert_eq "$held" "locked" "another program holds the write lock"
assert_status 2 "index while another program holds the lock" -- pc index --no-progress "$in"
assert_contains "$(cat "$WORK/last.err")" "is locked by another process" "the lock is named"
assert_not_contains "$(cat "$WORK/last.err")" "presscut process" "the lock is not blamed on presscut"
echo released >&"${HOLDER[1]}"
wait "$HOLDER_PID"
assert_status 0 "index once the lock is released" -- pc index --no-progress "$in"
assert_eq "$(sql "SELECT count(*) FROM articles")" "3" "nothing lost"

finish
