#!/usr/bin/env bash
# search.sh — search latency benchmark: presscut in-process (parse + search + text output, limit 10) against
# a plain SQLite FTS5 table (bm25, porter unicode61) holding the same articles, per query type of
# tests/bench/search_queries.tsv: p50/p95/p99/max in ms, the slowest queries, and `presscut search` wall
# times including process start.
#   tests/bench/search.sh [--db PATH] [--reps R] [CORPUS...]
#     CORPUS    folders or files to index (default: ../shared/corpus, all of it)
#     --db PATH use this index; when PATH does not exist it is built there from CORPUS and kept
#               (default: built in a temporary folder and removed)
#     --reps R  timed runs per query (default 20)
# Needs a release build in build/ (scripts/setup.sh), or PRESSCUT_BUILD naming another build folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${PRESSCUT_BUILD:-$root/build}"
shared="${PRESSCUT_SHARED:-$root/../shared}"
db="" reps=20
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "search.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- "$shared/corpus"
[ -x "$build/presscut" ] && [ -x "$build/tests/bench_search_bench" ] || {
  echo "search.sh: build first: scripts/setup.sh (looked in $build)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -n "$db" ] || db="$work/index.db"

if [ ! -e "$db" ]; then
  printf 'indexing %s\n' "$*"
  /usr/bin/time -f '%e' -o "$work/time" "$build/presscut" --db "$db" index --no-progress -q "$@" \
    >"$work/out" 2>"$work/err" || { tail -5 "$work/err" >&2; exit 2; }
  printf 'indexed in %s s: %s\n' "$(cat "$work/time")" "$(head -1 "$work/out")"
fi
printf 'index: %s articles, %s passages, %s MB\n' \
  "$("$build/presscut" --db "$db" sql "SELECT count(*) FROM articles")" \
  "$("$build/presscut" --db "$db" sql "SELECT count(*) FROM passages")" \
  "$(( $(stat -c %s "$db") / 1000000 ))"
"$build/tests/bench_search_bench" --db "$db" --queries "$root/tests/bench/search_queries.tsv" --reps "$reps" \
  --presscut "$build/presscut"
