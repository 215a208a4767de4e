#!/usr/bin/env bash
# test_crash_safety.sh — SIGKILL at any moment leaves a consistent index that a rerun completes to exactly
# what an uninterrupted run gives. On a scratch copy of the BBC corpus, `index` and `rebuild` are killed in
# every phase of their work (the first batch, mid-run, the second pass over repeated lines, a re-index of
# changed files, `rebuild`, `index --force`); after each kill the index is checked (SQLite's integrity check,
# FTS5's integrity-check command through `presscut check`, and SQL that finds any half-written article or
# file), and at the end a rerun must equal a clean index of the same files: same counts and the same hash
# over every article's path, title, date, body and passages, and over the stored terms. Then a zero-byte
# index file and Ctrl-C. Kills wait for events (progress lines, the write-ahead log growing), never for a
# time; the moment within a phase is drawn from $RANDOM seeded by PRESSCUT_CRASH_SEED (printed, to replay).
. "$(dirname "$0")/lib.sh"

# ---- a zero-byte index file (what a kill before the first commit leaves) is a new, empty index ----------
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
seed="${PRESSCUT_CRASH_SEED:-$(( $(date +%s) % 32768 ))}"
RANDOM="$seed"
echo "crash-safety seed $seed (run again with PRESSCUT_CRASH_SEED=$seed to draw the same kill points)" >&2

# The files: a copy of three of BBC's sections (1,328 articles), which the test changes. A closing line in a quarter of the
# business files is too rare to be boilerplate; later it is added to another quarter, which makes it
# boilerplate in every file that has it, so the run that re-indexes those files also re-cleans the others
# in its second pass (the phase after the last progress line).
src="$WORK/bbc"
mkdir -p "$src"
for section in business politics tech; do cp -R "$CORPUS/bbc-fulltext/bbc/$section" "$src/"; done
slogan='BBC Business Daily: the numbers behind the news, every weekday morning'
add_slogan() { # REMAINDER: appends the slogan to business files whose position modulo 4 is REMAINDER
  local i=0 f
  for f in "$src"/business/*.txt; do
    [ $((i % 4)) -eq "$1" ] && printf '\n%s\n' "$slogan" >>"$f"
    i=$((i + 1))
  done
}
add_slogan 0
correct_stories() { # appends a correction, different in each, to every third story of every section
  local i=0 f
  for f in "$src"/*/*.txt; do
    [ $((i % 3)) -eq 0 ] && printf '\nCorrection %d: an earlier version of this story gave a wrong figure.\n' "$i" >>"$f"
    i=$((i + 1))
  done
}
total_files="$(find "$src" -name '*.txt' | wc -l | tr -d ' ')"

# ---- the checks after every kill -------------------------------------------------------------------------
# Ways an article or file can be half-written, each as WHAT|TABLE|KEY|OTHER|OTHER_KEY: the rows of TABLE
# whose KEY has no row of OTHER with that OTHER_KEY. Every count must be 0.
titled="(SELECT id FROM articles WHERE title IS NOT NULL)"
half_written_rows=(
  "article without body|articles|id|bodies|article_id"
  "body without article|bodies|article_id|articles|id"
  "article without passages|articles|id|passages|article_id"
  "passage without article|passages|article_id|articles|id"
  "passage without full-text row|passages|id|passage_fts_docsize|id"
  "full-text row without passage|passage_fts_docsize|id|passages|id"
  "title without full-text row|$titled|id|title_fts_docsize|id"
  "title full-text row without title|title_fts_docsize|id|$titled|id"
  "article without file|articles|file_id|files|id"
  "file without article|files|id|articles|file_id"
  "edge line of no article|edge_lines|article_id|articles|id"
  "signature of no article|cluster_signatures|article_id|articles|id"
)
half_written_sql=""
whole=""
for row in "${half_written_rows[@]}"; do
  IFS='|' read -r what table key other other_key <<<"$row"
  half_written_sql+="SELECT '$what', count(*) FROM $table x
    WHERE NOT EXISTS (SELECT 1 FROM $other y WHERE y.$other_key = x.$key) UNION ALL "
  whole+="$what"$'\t0\n'
done
half_written_sql+="SELECT 'file without size, time or hash', count(*) FROM files
    WHERE size <= 0 OR mtime_ns <= 0 OR hash = '' OR indexed_at = ''
  UNION ALL SELECT 'totals off by', (SELECT abs(articles - (SELECT count(*) FROM articles))
    + abs(passages - (SELECT count(*) FROM passages)) FROM corpus_totals)"
whole+=$'file without size, time or hash\t0\ntotals off by\t0'

# check_consistent WHAT: SQLite's integrity check, FTS5's (inside `check`) and nothing half-written.
check_consistent() {
  [ -s "$DB" ] || return 0 # killed before the schema was committed: an empty index (covered above)
  assert_eq "$(sql 'PRAGMA integrity_check')" "ok" "$1: PRAGMA integrity_check"
  assert_status 0 "$1: presscut check (FTS5 integrity-check of passages and titles)" -- pc check
  assert_eq "$(sql "$half_written_sql")" "$whole" "$1: nothing half-written"
}

# The content of the index, apart from row ids (which depend on the order of the work): files, articles with
# their bodies and passage ranges, the lines remembered at their edges, and the stored terms with counts.
content_hash() {
  {
    sql "SELECT path, size, mtime_ns, hash FROM files ORDER BY path"
    sql "SELECT f.path, a.record, a.title, a.published, a.day, a.source, a.url, a.lang, a.tags, a.body_bytes,
                a.content_hash, pc_body(b.body),
                (SELECT group_concat(seq || ':' || start_byte || '-' || end_byte, ',')
                   FROM (SELECT seq, start_byte, end_byte FROM passages p WHERE p.article_id = a.id ORDER BY seq))
         FROM articles a JOIN files f ON f.id = a.file_id JOIN bodies b ON b.article_id = a.id
         ORDER BY f.path, coalesce(a.record, '')"
    sql "SELECT f.path, e.line_key, e.kept FROM edge_lines e JOIN articles a ON a.id = e.article_id
         JOIN files f ON f.id = a.file_id ORDER BY f.path, e.line_key"
    sql "SELECT term, doc, cnt FROM passage_vocab ORDER BY term"
    sql "SELECT term, doc, cnt FROM title_vocab ORDER BY term"
  } | cksum
}

progress_files() { # the files done in the last progress line of $WORK/run.err (0 before the first)
  local n
  n="$(tr '\r' '\n' <"$WORK/run.err" | grep -o '[0-9]*/[0-9]* files' | tail -n 1)"
  n="${n%%/*}"; echo "${n:-0}"
}
progress_at_least() { [ "$(progress_files)" -ge "$1" ] 2>/dev/null; }
# True once the command being killed ($run_pid) has used $1 hundredths of a second of CPU (true without /proc).
cpu_at_least() {
  [ -r "/proc/$run_pid/stat" ] || return 0
  [ "$(awk '{print $14 + $15}' "/proc/$run_pid/stat")" -ge "$1" ]
}
random_below() { echo $((RANDOM % $1)); }

kills=0
in_flight=0
# kill_when PHASE EVENT... -- COMMAND...: starts COMMAND in the background ($run_pid), waits until the
# command EVENT succeeds, then a random 0-99 ms more, kills it with SIGKILL and checks the index.
kill_when() {
  local phase="$1"; shift
  local event=()
  while [ "$1" != "--" ]; do event+=("$1"); shift; done
  shift
  "$@" >"$WORK/run.out" 2>"$WORK/run.err" &
  run_pid=$!
  local pid=$run_pid pause
  wait_until "$pid" "${event[@]}" || fail "$phase: the event '${event[*]}' did not come within 60 s"
  pause="0.0$(printf '%02d' "$(random_below 100)")"
  sleep "$pause"
  local state="ran to its end"
  if [ -r "/proc/$pid/stat" ] && [ "$(awk '{print $3}' "/proc/$pid/stat")" != "Z" ]; then
    state="killed at work"; in_flight=$((in_flight + 1))
  fi
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  kills=$((kills + 1))
  check_consistent "kill $kills ($phase)"
  echo "kill $kills ($phase): ${event[*]} + ${pause}s: $state, $(progress_files) files in progress," \
    "$( [ -s "$DB" ] && sql 'SELECT count(*) FROM articles' || echo 0) articles kept" >&2
}

index_cmd=("$PRESSCUT" --db "$DB" index --progress --batch-size 128k "$src")
# First batch: from the first file on, before the first commit (of 2 MB here, about 800 files).
kill_when "first batch" progress_at_least 1 -- "${index_cmd[@]}" --batch-size 2M
# Mid-run, twice, at a random number of files.
kill_when "mid-run" progress_at_least $((100 + $(random_below 500))) -- "${index_cmd[@]}"
kill_when "mid-run" progress_at_least $((600 + $(random_below 600))) -- "${index_cmd[@]}"
# After the last file of the first pass: the second pass over repeated lines and the last commit.
kill_when "second pass" progress_at_least "$total_files" -- "${index_cmd[@]}"
assert_status 0 "the run after the first kills completes" -- "${index_cmd[@]}"
check_consistent "first completed run"

# Files changed: a correction at the end of a third of the stories, and the slogan added to another quarter
# of the business files. Kill while they are indexed again, then in the second pass, which re-cleans the
# files that had the slogan before.
correct_stories
add_slogan 2
kill_when "re-index of changed files" progress_at_least $((20 + $(random_below 1200))) -- "${index_cmd[@]}"
kill_when "second pass after changes" progress_at_least "$total_files" -- "${index_cmd[@]}"
assert_status 0 "the run after the changes completes" -- "${index_cmd[@]}"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE instr(body, '$slogan') > 0")" "0" \
  "the slogan, now boilerplate, is in no stored body"

# rebuild: one transaction, killed after some of its work (0.05-0.4 s of CPU): the old index or the new one.
kill_when "rebuild" cpu_at_least $((5 + $(random_below 35))) -- "$PRESSCUT" --db "$DB" rebuild --diacritics keep
assert_status 0 "rebuild after the killed rebuild" -- pc rebuild

# index --force, twice: each run starts over and replaces every file's articles.
kill_when "index --force" progress_at_least $((1 + $(random_below 600))) -- "${index_cmd[@]}" --force
kill_when "index --force" progress_at_least $((600 + $(random_below 700))) -- "${index_cmd[@]}" --force
echo "$kills kills, $in_flight of them while the command was at work" >&2
[ "$kills" -ge 8 ] && pass || fail "fewer than 8 kills"

# The rerun completes the job: the same content as an uninterrupted run over the same files.
assert_status 0 "the final rerun" -- "${index_cmd[@]}"
check_consistent "final rerun"
after_kills_articles="$(sql 'SELECT count(*) FROM articles')"
after_kills_passages="$(sql 'SELECT count(*) FROM passages')"
after_kills_hash="$(content_hash)"
mv "$DB" "$WORK/killed.db"
rm -f "$DB-wal" "$DB-shm"
assert_status 0 "the uninterrupted run" -- pc index --no-progress --batch-size 128k "$src"
assert_eq "$after_kills_articles" "$(sql 'SELECT count(*) FROM articles')" "articles after the kills and rerun"
assert_eq "$after_kills_articles" "$total_files" "every file is one article"
assert_eq "$after_kills_passages" "$(sql 'SELECT count(*) FROM passages')" "passages after the kills and rerun"
assert_eq "$after_kills_hash" "$(content_hash)" "content after the kills and rerun equals an uninterrupted run"

# ---- Ctrl-C (SIGINT) stops after the file being written, commits, says so and exits 130 ------------------
rm -f "$DB" "$DB-wal" "$DB-shm"
# The signal is sent once the handler is installed, so it either stops the run or comes after its end.
"$PRESSCUT" --db "$DB" index --no-progress --batch-size 64M "$src" >"$WORK/int.out" 2>"$WORK/int.err" &
pid=$!
wait_until "$pid" catches_sigint "$pid" || fail "the indexer did not install its SIGINT handler within 60 s"
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
check_consistent "after SIGINT"
assert_status 0 "rerun after SIGINT" -- pc index --no-progress "$src"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "$total_files" "SIGINT then rerun: every article once"
assert_status 0 "a third run changes nothing" -- pc index --no-progress "$src"
assert_contains "$(cat "$WORK/last.out")" "indexed 0 files" "third run: nothing to do"
assert_contains "$(cat "$WORK/last.out")" "$total_files unchanged" "third run: all unchanged"
finish
