#!/usr/bin/env bash
# export.sh — export benchmark: writes every hit of a common query (about 100,000 on the default 400 MB
# synthetic corpus) as CSV with `presscut export`, and in the same run dumps the same query's hits from a
# plain SQLite FTS5 table of the same files (`SELECT rowid, bm25, title, snippet ... MATCH ... ORDER BY bm25`
# through the sqlite3 shell's CSV mode); prints rows, seconds and peak RSS of both and their ratio, and those of
# `presscut search -n 10` for the same query (the search's own share of them).
# A script that prints figures, not a timed test.
#   tests/bench/export.sh [--mb N] [--query WORD] [--work DIR]
#     --mb N        size of the synthetic corpus (../shared/tools/make-scale-corpus), default 400
#     --query WORD  one word, the same query for both, default said
#     --work DIR    where the corpus, the two indexes and the exports are kept (reused when there),
#                   default /tmp/presscut-bench-export
# Needs a release build in build/ (scripts/setup.sh; or PRESSCUT_BUILD), /usr/bin/time, sqlite3 and python3.
# The shared folder is PRESSCUT_SHARED, default ../shared from the project root.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${PRESSCUT_BUILD:-$root/build}"
shared="${PRESSCUT_SHARED:-$root/../shared}"
mb=400
query=said
work=/tmp/presscut-bench-export
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --query) query="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "export.sh: unknown argument '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
done
[ -x "$build/presscut" ] || {
  echo "export.sh: build first: scripts/setup.sh (looked in $build)" >&2; exit 2; }
[ -x "$shared/tools/make-scale-corpus" ] || {
  echo "export.sh: $shared/tools/make-scale-corpus not found: set PRESSCUT_SHARED" >&2; exit 2; }
for tool in /usr/bin/time sqlite3 python3 /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "export.sh: $tool is missing (scripts/setup.sh installs it)" >&2; exit 2; }
done
mkdir -p "$work"
corpus="$work/corpus-${mb}mb"
pdb="$work/presscut-${mb}mb.db"
bdb="$work/fts5-${mb}mb.db"

if [ ! -f "$corpus/.complete" ]; then
  echo "making a ${mb} MB synthetic corpus in $corpus ..." >&2
  rm -rf "$corpus"
  "$shared/tools/make-scale-corpus" "$corpus" --mb "$mb" >/dev/null
  touch "$corpus/.complete"
fi
if [ ! -f "$pdb.complete" ]; then
  echo "indexing it with presscut ..." >&2
  rm -f "$pdb" "$pdb-wal" "$pdb-shm"
  "$build/presscut" --db "$pdb" index -q --no-progress "$corpus" >/dev/null
  touch "$pdb.complete"
fi
if [ ! -f "$bdb.complete" ]; then
  echo "indexing it with plain FTS5 ..." >&2
  rm -f "$bdb" "$bdb-wal" "$bdb-shm"
  /usr/bin/python3 "$root/tests/bench/fts5_plain.py" "$bdb" "$corpus" >/dev/null
  touch "$bdb.complete"
fi

# Runs a command under GNU time; leaves "seconds peak_kib" in $work/time.
timed() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" 2>"$work/err" || { cat "$work/err" >&2; exit 2; }
}
# Data rows of a CSV file with a header line, counted by a real CSV parser.
csv_rows() {
  python3 -c 'import csv, sys
csv.field_size_limit(1 << 30)
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    print(sum(1 for _ in csv.reader(f)) - 1)' "$1"
}

timed "$build/presscut" --db "$pdb" export --all-copies "$query" --format csv -o "$work/presscut.csv"
read -r p_secs p_kib <"$work/time"
timed "$build/presscut" --db "$pdb" search --all-copies "$query" -n 10 >/dev/null
read -r s_secs s_kib <"$work/time"
timed sqlite3 -csv -header "$bdb" \
  "SELECT rowid, bm25(doc) AS score, title, snippet(doc, 1, '', '', '…', 40) AS snippet FROM doc
   WHERE doc MATCH '$query' ORDER BY bm25(doc)" >"$work/fts5.csv"
read -r b_secs b_kib <"$work/time"

printf 'corpus: %s MB synthetic (%s), query: %s\n' "$mb" "$corpus" "$query"
printf '%-38s %10s %9s %9s %9s\n' "export" "rows" "seconds" "peak MiB" "MB out"
row() { # name rows seconds kib bytes
  awk -v n="$1" -v r="$2" -v s="$3" -v k="$4" -v b="$5" \
    'BEGIN { printf "%-38s %10d %9.2f %9.1f %9.1f\n", n, r, s, k / 1024, b / 1e6 }'
}
row "presscut export --format csv" "$(csv_rows "$work/presscut.csv")" "$p_secs" "$p_kib" \
  "$(stat -c %s "$work/presscut.csv")"
row "plain FTS5 MATCH dump (csv)" "$(csv_rows "$work/fts5.csv")" "$b_secs" "$b_kib" "$(stat -c %s "$work/fts5.csv")"
row "(presscut search -n 10, same query)" 10 "$s_secs" "$s_kib" 0
awk -v p="$p_secs" -v b="$b_secs" -v pk="$p_kib" -v bk="$b_kib" \
  'BEGIN { printf "ratio presscut / plain: %.2fx seconds, %.2fx peak memory\n", p / (b > 0 ? b : 0.01), pk / bk }'
