#!/usr/bin/env bash
# exact_forms.sh — how to answer exact-form queries (=word): surface forms kept in the index next to stems
# (presscut's default) against a stems-only index verified at query time. Prints the indexing time and
# index size of both, then per word the passages found and the time each way (they must agree).
#   tests/bench/exact_forms.sh [PATH...]     default: ../shared/corpus/seeds ../shared/corpus/bbc-fulltext
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${PRESSCUT_BUILD:-$root/build}"
shared="${PRESSCUT_SHARED:-$root/../shared}"
[ $# -gt 0 ] || set -- "$shared/corpus/seeds" "$shared/corpus/bbc-fulltext"
[ -x "$build/tests/bench_exact_forms" ] || { echo "exact_forms.sh: build first: scripts/setup.sh" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf 'corpus: %s\n%-22s %9s %12s\n' "$*" "index" "seconds" "MB"
for mode in keep drop; do
  start=$(date +%s.%N)
  "$build/presscut" --db "$work/$mode.db" index -q --no-progress --exact-forms "$mode" "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v m="exact forms $mode" -v s="$start" -v e="$end" -v b="$(stat -c %s "$work/$mode.db")" \
    'BEGIN { printf "%-22s %9.2f %12.1f\n", m, e - s, b / 1e6 }'
done
echo
"$build/tests/bench_exact_forms" "$work/keep.db" "$work/drop.db" \
  attacks attacked government said markets negotiations minister profits "Russia's" Kyiv
