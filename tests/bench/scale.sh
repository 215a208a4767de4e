#!/usr/bin/env bash
# scale.sh — how cost grows with corpus size: for each size, a synthetic corpus from make-scale-corpus is
# indexed by presscut and by plain FTS5 (fts5_plain.py), then searched as whole processes (search_process.py,
# the queries of process_queries.tsv); prints one table, presscut and plain FTS5 side by side per size:
# index seconds, MB/s, peak RSS, index ÷ raw text, search p50/p95 per query type (ms, new process each run).
# A script that prints figures, not a timed test. The 1000 MB run takes long (about 2 minutes per 100 MB on
# a loaded 2-core machine): it is left out unless asked for.
#   tests/bench/scale.sh [--sizes 50,200[,1000]] [--format txt|jsonl] [--reps R] [--work DIR]
#     --sizes    corpus sizes in MB, comma-separated (default 50,200)
#     --format   txt: a folder of one-article files (default); jsonl: one JSON Lines file
#     --reps R   runs of each query (default 4)
#     --work DIR where the corpora are kept for the next run (default /tmp/presscut-bench); the databases
#                are made in a temporary folder and removed after each size
# See tests/bench/lib.sh for what it needs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
sizes=50,200 format=txt reps=4 work=/tmp/presscut-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --format) format="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "scale.sh: unknown argument '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
done
case "$format" in
  txt) layout=scale ;;
  jsonl) layout=jsonl ;;
  *) echo "scale.sh: --format takes txt or jsonl, not '$format'" >&2; exit 2 ;;
esac
bench_check scale.sh
mkdir -p "$work"
dbs="$(mktemp -d)"
trap 'rm -rf "$dbs"' EXIT

table="$dbs/table"
types=""
for mb in ${sizes//,/ }; do
  [[ "$mb" =~ ^[0-9]+$ ]] || bench_die "--sizes takes whole MB numbers separated by commas, not '$mb'"
  mapfile -t paths < <(bench_corpus "$layout" "$work" "$mb")
  echo "indexing $mb MB ..." >&2
  bench_index_both "$dbs" "${paths[@]}"
  echo "searching it ..." >&2
  "$bench_python" "$bench_dir/search_process.py" --presscut "$build/presscut" --pdb "$dbs/presscut.db" \
    --fdb "$dbs/fts5.db" --queries "$bench_dir/process_queries.tsv" --reps "$reps" --tsv >"$dbs/search"
  types="$(cut -f1 "$dbs/search" | tr '\n' ' ')"
  # one row per system: size, system, articles, seconds, MB/s, peak MiB, index/raw, then p50/p95 per type
  awk -v mb="$mb" -v s="$p_secs" -v b="$raw_bytes" -v a="$p_articles" -v k="$p_kib" -v d="$p_db" \
    'BEGIN { printf "%s MB\tpresscut\t%d\t%.1f\t%.2f\t%.0f\t%.2f", mb, a, s, b / 1e6 / s, k / 1024, d / b }' >>"$table"
  awk -F'\t' '{ printf "\t%.0f / %.0f", $2, $3 } END { print "" }' "$dbs/search" >>"$table"
  awk -v mb="$mb" -v s="$f_secs" -v b="$raw_bytes" -v a="$f_articles" -v k="$f_kib" -v d="$f_db" \
    'BEGIN { printf "\tplain FTS5\t%d\t%.1f\t%.2f\t%.0f\t%.2f", a, s, b / 1e6 / s, k / 1024, d / b }' >>"$table"
  awk -F'\t' '{ printf "\t%.0f / %.0f", $4, $5 } END { print "" }' "$dbs/search" >>"$table"
  awk -v mb="$mb" -v ps="$p_secs" -v fs="$f_secs" 'BEGIN { printf "\tratio\t\t\t%.2fx\t\t", fs / ps }' >>"$table"
  awk -F'\t' '{ printf "\t%.2fx", $3 / $5 } END { print "" }' "$dbs/search" >>"$table"
  rm -f "$dbs"/presscut.db* "$dbs"/fts5.db*
done

printf 'synthetic %s corpora (make-scale-corpus), %d runs of each query; machine load: %s\n' "$format" "$reps" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
{
  printf 'size\tindexer\tarticles\tseconds\tMB/s\tpeak MiB\tindex/raw'
  for t in $types; do printf '\t%s' "$t"; done
  echo
  cat "$table"
} | column -t -s $'\t'
echo "ratio row: presscut MB/s as a multiple of plain FTS5's, and presscut p95 / sqlite3 p95 per query type"
