# lib.sh — what the speed benchmarks share (sourced by index.sh, search_process.sh and scale.sh): finding the
# build and ../shared, building the benchmark corpora in a work folder, and indexing the same files with
# presscut and with plain FTS5 (fts5_plain.py) under GNU time.
# Needs: a release build (scripts/setup.sh; or PRESSCUT_BUILD naming the build folder), /usr/bin/time,
# /usr/bin/python3 (Debian's, for its sqlite3 module with FTS5), sqlite3. The shared folder is PRESSCUT_SHARED,
# default ../shared from the project root.
# shellcheck shell=bash

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench_dir="$bench_root/tests/bench"
build="${PRESSCUT_BUILD:-$bench_root/build}"
shared="${PRESSCUT_SHARED:-$bench_root/../shared}"
[ ! -d "$shared" ] || shared="$(cd "$shared" && pwd)"
bench_python=/usr/bin/python3

# Stops the script with a message on stderr.
bench_die() {
  echo "$bench_name: $*" >&2
  exit 2
}

# Checks that the build, the shared folder and the tools are there. $1: the script's name for messages.
bench_check() {
  bench_name="$1"
  [ -x "$build/presscut" ] || bench_die "build first: scripts/setup.sh (no presscut in $build; or set PRESSCUT_BUILD)"
  [ -d "$shared/corpus" ] || bench_die "$shared/corpus not found: set PRESSCUT_SHARED to the shared folder"
  local tool
  for tool in /usr/bin/time "$bench_python" sqlite3; do
    command -v "$tool" >/dev/null || bench_die "$tool is missing (scripts/setup.sh installs it)"
  done
}

# Prints the paths of a benchmark corpus, one per line, building it in $2 when it is not there yet.
#   $1: files | files-trimmed | jsonl | mixed | scale   $2: work folder   $3: MB (jsonl, scale)
#   files          Reuters-21578 bodies one per .txt file (reuters_as_files.py) + bbc-fulltext, ~22 MB, 21,268 files
#   files-trimmed  the same with each Reuters body's last line (the sign-off "Reuter") left out
#   jsonl          make-scale-corpus --format jsonl: one large .jsonl file of MB megabytes
#   mixed          bsnlp-slavic-news + seeds + ukraine-news-bias-2014 + bbc-fulltext as they are
#   scale          make-scale-corpus (txt): a folder of MB megabytes of one-article .txt files
bench_corpus() {
  local layout="$1" work="$2" mb="${3:-}" dir
  local c="$shared/corpus"
  case "$layout" in
    files | files-trimmed)
      dir="$work/reuters-as-files"
      local extra=()
      if [ "$layout" = files-trimmed ]; then dir="$work/reuters-as-files-trimmed"; extra=(--drop-last-line); fi
      if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        "$bench_python" "$bench_dir/reuters_as_files.py" "$c/reuters21578" "$dir" "${extra[@]}" >/dev/null
        touch "$dir/.complete"
      fi
      printf '%s\n' "$dir" "$c/bbc-fulltext" ;;
    jsonl | scale)
      [ -n "$mb" ] || bench_die "the $layout corpus needs a size in MB"
      [ -x "$shared/tools/make-scale-corpus" ] || bench_die "$shared/tools/make-scale-corpus not found: set PRESSCUT_SHARED"
      local format=txt
      [ "$layout" = jsonl ] && format=jsonl
      dir="$work/scale-$format-${mb}mb"
      if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        echo "making a $mb MB synthetic $format corpus in $dir ..." >&2
        "$shared/tools/make-scale-corpus" "$dir" --mb "$mb" --format "$format" >/dev/null
        touch "$dir/.complete"
      fi
      printf '%s\n' "$dir" ;;
    mixed)
      printf '%s\n' "$c/bsnlp-slavic-news" "$c/seeds" "$c/ukraine-news-bias-2014" "$c/bbc-fulltext" ;;
    *) bench_die "unknown corpus '$layout' (files, files-trimmed, jsonl, mixed, scale)" ;;
  esac
}

# Runs a command under GNU time; sets t_secs and t_kib (peak RSS), t_out and t_err (its stdout and stderr).
# On failure shows the end of its stderr and stops.
bench_timed() {
  local err
  err="$(mktemp)"
  /usr/bin/time -f '%e %M' -o "$err.time" "$@" >"$err.out" 2>"$err" || {
    tail -5 "$err" >&2; rm -f "$err" "$err.time" "$err.out"; bench_die "failed: $*"; }
  read -r t_secs t_kib <"$err.time"
  t_out="$(cat "$err.out")"
  t_err="$(cat "$err")"
  rm -f "$err" "$err.time" "$err.out"
}

# Indexes PATHs into $1/presscut.db with presscut and into $1/fts5.db with plain FTS5, each from scratch.
# Sets p_secs p_kib p_articles p_db, f_secs f_kib f_articles f_db (db: index file bytes, with its WAL), and
# raw_bytes raw_files: the raw text, counted once for both as the sizes of the files the walk takes (presscut
# reads them all, though it keeps no row for a file without text).
#   $1: work folder   $2...: PATHs
bench_index_both() {
  local work="$1"; shift
  local pdb="$work/presscut.db" fdb="$work/fts5.db"
  rm -f "$pdb" "$pdb-wal" "$pdb-shm"
  # --max-file-size: a JSON Lines export is one file, often larger than the default limit of 64M
  bench_timed "$build/presscut" --db "$pdb" index --no-progress -q --max-file-size 64G "$@"
  local p_warnings="$t_err"
  p_secs="$t_secs" p_kib="$t_kib"
  p_articles=$("$build/presscut" --db "$pdb" sql "SELECT count(*) FROM articles")
  p_bytes=$("$build/presscut" --db "$pdb" sql "SELECT sum(size) FROM files")
  p_db=$(( $(stat -c %s "$pdb") + $( [ -f "$pdb-wal" ] && stat -c %s "$pdb-wal" || echo 0) ))
  bench_timed "$bench_python" "$bench_dir/fts5_plain.py" "$fdb" "$@"
  f_secs="$t_secs" f_kib="$t_kib"
  # shellcheck disable=SC2034 # seconds: set by the eval, not used (GNU time measures the whole process)
  local files articles bytes seconds db_bytes
  eval "$t_out"
  f_articles="$articles" f_db="$db_bytes" raw_bytes="$bytes" raw_files="$files"
  # presscut keeps no row for a file without text (2 small files of the mixed folders); more than 1% less
  # means it skipped or failed files and the two did not index the same text
  awk -v p="${p_bytes:-0}" -v f="$raw_bytes" 'BEGIN { exit (p < 0.99 * f || p > f) }' || {
    printf '%s\n' "$p_warnings" | tail -5 >&2
    bench_die "presscut indexed ${p_bytes:-0} bytes of files, plain FTS5 $raw_bytes: not the same files (see above)"; }
}

# The header and rows of the indexing table, and the ratio line.
bench_index_header() {
  printf '%-12s %8s %8s %8s %10s %9s %10s\n' "indexer" "articles" "seconds" "MB/s" "peak MiB" "index MB" "index/raw"
}
bench_index_row() { # name articles seconds raw_bytes peak_kib db_bytes
  awk -v n="$1" -v a="$2" -v s="$3" -v b="$4" -v k="$5" -v d="$6" 'BEGIN {
    if (s <= 0) s = 0.01
    printf "%-12s %8d %8.2f %8.2f %10.1f %9.1f %10.2f\n", n, a, s, b / 1e6 / s, k / 1024, d / 1e6, d / b }'
}
bench_index_table() {
  bench_index_header
  bench_index_row presscut "$p_articles" "$p_secs" "$raw_bytes" "$p_kib" "$p_db"
  bench_index_row "plain FTS5" "$f_articles" "$f_secs" "$raw_bytes" "$f_kib" "$f_db"
  awk -v ps="$p_secs" -v fs="$f_secs" -v pk="$p_kib" -v fk="$f_kib" 'BEGIN {
    if (ps <= 0) ps = 0.01
    printf "presscut / plain FTS5: %.2fx MB/s, %.2fx peak memory\n", fs / ps, pk / fk }'
}
