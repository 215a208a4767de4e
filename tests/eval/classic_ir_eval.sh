#!/usr/bin/env bash
# classic_ir_eval.sh — relevance on the classic judged collections (CISI, CRAN, MED of corpus/classic-ir):
# runs eval_classic_ir_eval (tests/eval/classic_ir_eval.c) with the built presscut and the shared corpus;
# prints MAP, P@10 and nDCG@10 for presscut --any (a JSON Lines export of each collection) and plain FTS5 bm25.
# A ranking change tuned on TIME (time_eval.sh) is kept only if it does not lower MAP here. Extra arguments
# go to eval_classic_ir_eval (--collections cisi,cran,med, --params "k1=1.2", --grid, --grid-spec SPEC,
# --per-query).
#   tests/eval/classic_ir_eval.sh [ARGS...]
# Needs a release build in build/ (scripts/setup.sh), or PRESSCUT_BUILD naming another build folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${PRESSCUT_BUILD:-$root/build}"
shared="${PRESSCUT_SHARED:-$root/../shared}"
[ -x "$build/presscut" ] && [ -x "$build/tests/eval_classic_ir_eval" ] || {
  echo "classic_ir_eval.sh: build first: scripts/setup.sh (looked in $build)" >&2; exit 2; }
[ -d "$shared/corpus/classic-ir/cisi" ] || { echo "classic_ir_eval.sh: no $shared/corpus/classic-ir" >&2; exit 2; }
exec "$build/tests/eval_classic_ir_eval" --presscut "$build/presscut" --corpus "$shared/corpus" "$@"
