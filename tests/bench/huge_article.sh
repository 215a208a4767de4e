#!/usr/bin/env bash
# huge_article.sh — what one very large article costs: for each size, one single-line article of that many
# MB (tests/support/make_huge_article.sh, bbc-fulltext text) is indexed, checked, rebuilt, re-indexed after
# a change, and searched with --passages; prints seconds and peak RSS of each step under GNU time, and peak
# RSS as a multiple of the file. A script that prints figures, not a timed test (tests/cli/test_huge_article.sh
# is the test). Each step is stopped after --limit seconds and shown as ">LIMIT".
#   tests/bench/huge_article.sh [--sizes 2,4,8,50] [--limit 600] [--work DIR]
# See tests/bench/lib.sh for what it needs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
sizes=2,4,8,50 limit=600 work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "huge_article.sh: unknown argument '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
done
bench_check huge_article.sh
tmp="$(mktemp -d ${work:+-p "$work"})"
trap 'rm -rf "$tmp"' EXIT

# step NAME CMD...: runs CMD under GNU time with the time limit; prints "NAME SECONDS RSS_MB".
step() {
  local name="$1"; shift
  local status=0
  timeout "$limit" /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ "$status" -eq 124 ]; then
    printf ' %-9s %8s %8s' "$name" ">$limit" "-"
  elif [ "$status" -ne 0 ]; then
    bench_die "$name failed (exit $status): $(tail -c 400 "$tmp/err")"
  else
    read -r secs kb <"$tmp/time"
    printf ' %-9s %8s %8s' "$name" "$secs" "$((kb / 1024))"
    last_kb=$kb
  fi
}

echo "one single-line article; per step: seconds, peak RSS MB"
for mb in ${sizes//,/ }; do
  [[ "$mb" =~ ^[0-9]+$ ]] || bench_die "--sizes takes whole MB numbers separated by commas, not '$mb'"
  rm -rf "$tmp/docs" "$tmp/db"*
  mkdir -p "$tmp/docs"
  "$bench_root/tests/support/make_huge_article.sh" "$tmp/docs/huge.txt" "$mb" "$shared/corpus"
  pc=("$build/presscut" --db "$tmp/db")
  printf '%4d MB:' "$mb"
  last_kb=0
  step index "${pc[@]}" index "$tmp/docs"
  index_kb=$last_kb
  step check "${pc[@]}" check
  step rebuild "${pc[@]}" rebuild
  echo " changed" >>"$tmp/docs/huge.txt"
  step reindex "${pc[@]}" index "$tmp/docs"
  step passages "${pc[@]}" search --passages -n 1000 government
  printf '   index RSS %s x file\n' "$(awk -v k="$index_kb" -v m="$mb" 'BEGIN { printf "%.1f", k / 1024 / m }')"
done
