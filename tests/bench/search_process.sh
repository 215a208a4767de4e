#!/usr/bin/env bash
# search_process.sh — search as a whole process: indexes a corpus with presscut and with plain FTS5
# (fts5_plain.py), then times `presscut search -n 10 QUERY` against the sqlite3 shell running bm25 + snippet
# top-10 on the plain table, each a new process, alternated, --reps runs of each of the 31 queries of
# tests/bench/process_queries.tsv (term, and, phrase, name, prefix); prints p50/p95 per query type for both,
# a date-filtered query against the same words unfiltered, and a Cyrillic word the index has never seen
# (each run a new process: the cost of loading a hunspell dictionary shows here). See search_process.py.
# A script that prints figures, not a timed test. (search.sh measures presscut in-process instead.)
#   tests/bench/search_process.sh [--corpus NAME] [--mb N] [--reps R] [--work DIR]
#     --corpus NAME  mixed (default), files, files-trimmed, jsonl or scale (see index.sh and lib.sh)
#     --mb N         size of a jsonl or scale corpus (default 50)
#     --reps R       runs of each query (default 4)
#     --work DIR     where built corpora are kept for the next run (default /tmp/presscut-bench); the
#                    databases are made in a temporary folder and removed
# See tests/bench/lib.sh for what it needs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
corpus=mixed mb=50 reps=4 work=/tmp/presscut-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus="$2"; shift 2 ;;
    --mb) mb="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "search_process.sh: unknown argument '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
done
bench_check search_process.sh
mkdir -p "$work"
mapfile -t paths < <(bench_corpus "$corpus" "$work" "$mb")
dbs="$(mktemp -d)"
trap 'rm -rf "$dbs"' EXIT

# a date range that keeps part of each corpus: Reuters is 1987, bsnlp 2018-2021, the synthetic 1987-2024
case "$corpus" in
  files | files-trimmed) date_query="oil date:1987-03" ;;
  mixed) date_query="Brexit date:2019" ;;
  *) date_query="market date:2000..2009" ;;
esac
bench_index_both "$dbs" "${paths[@]}"
printf 'corpus: %s (%s), %.1f MB; machine load: %s\n' "$corpus" "${paths[*]}" \
  "$(awk -v b="$raw_bytes" 'BEGIN { print b / 1e6 }')" "$(cut -d' ' -f1-3 /proc/loadavg)"
"$bench_python" "$bench_dir/search_process.py" --presscut "$build/presscut" --pdb "$dbs/presscut.db" \
  --fdb "$dbs/fts5.db" --queries "$bench_dir/process_queries.tsv" --reps "$reps" \
  --date-query "$date_query" --cold-word "зюзюкаться"
