#!/usr/bin/env bash
# make_huge_article.sh — writes one plain-text article of about MB megabytes on a single line, made of the
# bbc-fulltext articles (real English news text) joined with spaces and repeated, for the tests and the
# benchmark of one very large article (tests/cli/test_huge_article.sh, tests/bench/huge_article.sh).
#   make_huge_article.sh OUT MB CORPUS     CORPUS: the shared corpus folder (holding bbc-fulltext/)
# Exits 2 with a message when the corpus is missing.
set -euo pipefail
out="$1" mb="$2" corpus="$3"
[ -d "$corpus/bbc-fulltext/bbc" ] || { echo "make_huge_article.sh: $corpus/bbc-fulltext/bbc not found" >&2; exit 2; }
want=$((mb * 1048576))
unit="$out.unit"
find "$corpus/bbc-fulltext/bbc" -name '*.txt' -print0 | sort -z | xargs -0 cat | tr -s ' \t\r\n' ' ' >"$unit"
unit_bytes=$(stat -c %s "$unit")
: >"$out.all"
for _ in $(seq $(((want + unit_bytes - 1) / unit_bytes))); do cat "$unit" >>"$out.all"; done
head -c "$want" "$out.all" >"$out"
echo >>"$out"
rm -f "$unit" "$out.all"
