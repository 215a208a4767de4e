#!/usr/bin/env bash
# index.sh — indexing benchmark: presscut and plain SQLite FTS5 (tests/bench/fts5_plain.py: title + body in one
# fts5 table, porter unicode61 remove_diacritics 2, one transaction) index the same files, each into a fresh
# database, in the same run; prints articles, seconds, MB/s, peak RSS (GNU time), index size, index bytes per
# raw-text byte, and presscut's MB/s as a multiple of plain FTS5's. Raw-text bytes, one count for both: the
# sizes of the files the walk takes (fts5_plain.py counts them; presscut takes the same files).
# A script that prints figures, not a timed test.
#   tests/bench/index.sh [--corpus NAME] [--mb N] [--work DIR] [PATH...]
#     --corpus NAME  files          Reuters-21578 bodies one article per .txt file + BBC (~22 MB, 21,268 files;
#                                   the default)
#                    files-trimmed  the same without the Reuters sign-off line ("Reuter") at each body's end
#                    jsonl          one large JSON Lines file from make-scale-corpus --format jsonl
#                    mixed          bsnlp-slavic-news + seeds + ukraine-news-bias-2014 + bbc-fulltext
#     --mb N         size of the jsonl corpus (default 100)
#     --work DIR     where built corpora are kept for the next run (default /tmp/presscut-bench); the two
#                    databases are made in a temporary folder and removed
#     PATH...        index these files or folders instead of a named corpus
# See tests/bench/lib.sh for what it needs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
corpus=files mb=100 work=/tmp/presscut-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus="$2"; shift 2 ;;
    --mb) mb="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "index.sh: unknown option '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
    *) break ;;
  esac
done
bench_check index.sh
mkdir -p "$work"
if [ $# -gt 0 ]; then
  paths=("$@")
else
  mapfile -t paths < <(bench_corpus "$corpus" "$work" "$mb")
fi
dbs="$(mktemp -d)"
trap 'rm -rf "$dbs"' EXIT

bench_index_both "$dbs" "${paths[@]}"
printf 'corpus: %s (%s)\n' "$([ $# -gt 0 ] && echo "given paths" || echo "$corpus")" "${paths[*]}"
printf 'raw text: %.1f MB in %s files; machine load: %s\n' "$(awk -v b="$raw_bytes" 'BEGIN { print b / 1e6 }')" \
  "$raw_files" "$(cut -d' ' -f1-3 /proc/loadavg)"
bench_index_table
