#!/usr/bin/env bash
# passage_answers.sh — does the passage shown answer the question: runs eval_passage_answers
# (tests/eval/passage_answers.c) on the questions of tests/eval/passage_answers.tsv with the built presscut
# and the shared corpus (seeds + bbc-fulltext); prints, for presscut --any and for plain FTS5 per paragraph,
# how often the answer is in the top passage and snippet, and the expected article @1 and @5. Extra arguments
# go to eval_passage_answers (--per-question, --check, --db PATH); PRESSCUT_RANK_PARAMS reaches presscut.
#   tests/eval/passage_answers.sh [ARGS...]
# Needs a release build in build/ (scripts/setup.sh), or PRESSCUT_BUILD naming another build folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${PRESSCUT_BUILD:-$root/build}"
shared="${PRESSCUT_SHARED:-$root/../shared}"
[ -x "$build/presscut" ] && [ -x "$build/tests/eval_passage_answers" ] || {
  echo "passage_answers.sh: build first: scripts/setup.sh (looked in $build)" >&2; exit 2; }
exec "$build/tests/eval_passage_answers" --presscut "$build/presscut" --corpus "$shared/corpus" \
  --questions "$root/tests/eval/passage_answers.tsv" "$@"
