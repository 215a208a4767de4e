#!/usr/bin/env bash
# test_huge_article.sh — one 16 MB article on a single line (bbc-fulltext text, tests/support/
# make_huge_article.sh) is indexed, checked, rebuilt, re-indexed after a change and searched with
# --passages. Cost that grows with the square of an article's size (every passage unpacking the whole
# body: hours at this size) shows up as the ctest time-out of this test (tests/CMakeLists.txt); peak
# memory of indexing is asserted under GNU time: at most 64 MB + 2x the file in a release build, a looser
# bound under the sanitizers (which keep freed memory in quarantine and shadow every byte).
# About 11 s of CPU in a release build (82 MB peak), 45 s under ASan; tests/bench/huge_article.sh prints figures.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
mb=16
docs="$WORK/docs"
mkdir -p "$docs"
"$SOURCE/tests/support/make_huge_article.sh" "$docs/huge.txt" "$mb" "$CORPUS" || fail "cannot make the article"

if grep -q __asan_init "$PRESSCUT"; then
  limit_mb=$((64 + 2 * mb)) # what a release build must keep to
  bound_mb=$((limit_mb * 3)) # sanitizers: shadow memory and a small quarantine on top (16 MB: 177 MB)
  export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}quarantine_size_mb=16"
else
  bound_mb=$((64 + 2 * mb))
fi

/usr/bin/time -f %M -o "$WORK/rss" "$PRESSCUT" --db "$DB" index --no-progress -q "$docs" >"$WORK/out" 2>"$WORK/err"
assert_eq "$?" "0" "index the huge article: $(tail -c 300 "$WORK/err")"
rss_mb=$(($(tail -n 1 "$WORK/rss") / 1024))
echo "peak RSS indexing a $mb MB article: $rss_mb MB (bound $bound_mb MB)" >&2
if [ "$rss_mb" -le "$bound_mb" ]; then pass; else
  fail "indexing a $mb MB article took $rss_mb MB at its peak, over $bound_mb MB"; fi
assert_eq "$(sql 'SELECT count(*) FROM articles')" "1" "one article"
passages="$(sql 'SELECT count(*) FROM passages')"
if [ "$passages" -gt 15000 ]; then pass; else fail "expected over 15000 passages, got $passages"; fi

assert_status 0 "check the huge article" -- pc check
assert_contains "$(cat "$WORK/last.out")" "is consistent" "check says the index is consistent"

# The hits of --passages equal, passage for passage, those of an oracle: the passages whose text holds a
# word of the stem (govern, governs, governed, governing, government, governments, governance), by regex.
word_re='\bgovern(s|ed|ing|ment|ments|ance)?\b'
assert_status 0 "search --passages on the huge article" -- pc search --passages -n all --format jsonl government
grep -o '"passage_id":[0-9]*' "$WORK/last.out" | cut -d: -f2 | sort -n >"$WORK/hits"
sql "SELECT id, text FROM passage_text" | grep -iE "$word_re" | cut -f1 | sort -n >"$WORK/oracle"
n_hits="$(wc -l <"$WORK/hits")"
if [ "$n_hits" -gt 1000 ]; then pass; else fail "expected over 1000 passages to match, got $n_hits"; fi
assert_eq "$(cat "$WORK/hits")" "$(cat "$WORK/oracle")" "the passages found are those holding the word"
assert_status 0 "search --passages -n 1000" -- pc search --passages -n 1000 government
assert_contains "$(cat "$WORK/last.err")" "$n_hits passages match (1000 shown)" "the count of matching passages"
cp "$WORK/last.out" "$WORK/before_rebuild.out"

assert_status 0 "rebuild the huge article" -- pc rebuild
assert_status 0 "search after rebuild" -- pc search --passages -n 1000 government
assert_eq "$(cat "$WORK/last.out")" "$(cat "$WORK/before_rebuild.out")" "rebuild gives the same hits"

echo " A last sentence about the government." >>"$docs/huge.txt"
assert_status 0 "re-index the changed huge article" -- pc index --no-progress -q "$docs"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "1" "still one article after the change"
assert_status 0 "check after the change" -- pc check
finish
