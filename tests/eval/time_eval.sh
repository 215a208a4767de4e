#!/usr/bin/env bash
# time_eval.sh — relevance on the TIME collection: runs eval_time_eval (tests/eval/time_eval.c) with the
# built presscut and the shared corpus; prints MAP, P@10 and nDCG@10 for presscut --any along both paths
# (its TIME reader, and a JSON Lines export of the same texts as users hand theirs over) and for plain FTS5
# bm25. Extra arguments go to eval_time_eval (--path reader|jsonl, --params "k1=1.2,b=0.75", --grid,
# --grid-spec SPEC, --per-query).
#   tests/eval/time_eval.sh [ARGS...]
# Needs a release build in build/ (scripts/setup.sh), or PRESSCUT_BUILD naming another build folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${PRESSCUT_BUILD:-$root/build}"
shared="${PRESSCUT_SHARED:-$root/../shared}"
[ -x "$build/presscut" ] && [ -x "$build/tests/eval_time_eval" ] || {
  echo "time_eval.sh: build first: scripts/setup.sh (looked in $build)" >&2; exit 2; }
[ -f "$shared/corpus/time/TIME.ALL" ] || { echo "time_eval.sh: no $shared/corpus/time/TIME.ALL" >&2; exit 2; }
exec "$build/tests/eval_time_eval" --presscut "$build/presscut" --corpus "$shared/corpus" "$@"
