#!/usr/bin/env bash
# test_search_real.sh — `presscut search` on real news: the seed articles and bbc-fulltext from ../shared.
# Results are compared with the text itself (grep over the files): a phrase finds exactly the files holding
# it, =attacks exactly the files with that word; stemming, apostrophes, dates, ranking and snippets.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
seeds="$CORPUS/seeds"
bbc="$CORPUS/bbc-fulltext"
assert_status 0 "index seeds and BBC" -- pc index "$seeds" "$bbc"

# The files of a search's hits (all of them, copies included), relative to the corpus, sorted.
hit_files() {
  pc search -n 5000 --all-copies --format jsonl "$@" 2>/dev/null | sed 's/.*"path":"\([^"]*\)".*/\1/' |
    sed "s|.*/corpus/||" | sort
}
# The files a grep finds, the same way.
grep_files() { grep -rl --include="*.txt" "$@" "$seeds" "$bbc" | sed "s|.*/corpus/||" | sort; }

assert_eq "$(hit_files '"mobile phone"')" "$(grep_files -iP '\bmobile[\s-]+phones?\b')" \
  "a phrase finds exactly the files with it (its stemmed forms: mobile phones too)"
assert_eq "$(hit_files '"mobile phone"' | wc -l)" "86" "86 files say mobile phone(s)"
assert_eq "$(hit_files '"=mobile =phone"')" "$(grep_files -iP '\bmobile[\s-]+phone\b')" \
  "an exact phrase finds exactly the files with those forms"
assert_eq "$(hit_files =attacks)" "$(grep_files -iw attacks)" "=attacks: exactly the files with the word attacks"
seed2="seeds/002_98e8bc952d28f28d.txt"
assert_contains "$(hit_files attacks)" "$seed2" "attacks finds the seed that says attacked"
assert_not_contains "$(hit_files =attacks)" "$seed2" "... and =attacks does not"
assert_contains "$(hit_files "Russia's")" "$seed2" "Russia's finds Russia’s (typographic apostrophe)"
assert_contains "$(hit_files "=Russia's")" "$seed2" "=Russia's finds Russia’s too"

# Dates: only the first seed is dated (2022-02-16); BBC is undated.
assert_eq "$(hit_files 'ukraine date:2022-02-16')" "seeds/000_fd232383f0c3aa82.txt" "date filter keeps the dated seed"
assert_status 1 "a date range with nothing in it" -- pc search 'ukraine date:2022-02-17..'
assert_eq "$(hit_files 'ukraine date:2022')" "$(hit_files 'ukraine date:2022-02-16')" "undated articles never match a date filter"

# Ranking and snippets: the three best hits for yukos are about Yukos, and their snippets show the word.
top="$(pc search yukos -n 3 --format jsonl 2>/dev/null)"
assert_eq "$(echo "$top" | grep -c '"title":"[^"]*Yukos')" "3" "the three best hits for yukos have Yukos in the title"
assert_eq "$(echo "$top" | grep -c '"matched":\["yukos"\]')" "3" "their snippets highlight yukos"
first="$(pc search '"mobile phone" camera' -n 1 --color=never 2>/dev/null)"
assert_contains "$first" "mobile phone" "the snippet shows the phrase"
assert_contains "$first" "camera" "... and the other word, from the same passage"
# A long passage is cut around its matches, within the snippet length.
snippet="$(pc search yukos -n 1 --format jsonl --snippet 80 2>/dev/null | sed 's/.*"snippet":"\([^"]*\)".*/\1/')"
assert_contains "$snippet" "Yukos" "the cut snippet keeps the match"
[ "$(printf '%s' "$snippet" | wc -m)" -le 82 ] && pass || fail "snippet of 80 characters (plus …): got '$snippet'"

# Explain counts passages as a search does.
explain="$(pc search --explain '"mobile phone"')"
assert_contains "$explain" "phrase at column 1 matches $(sql "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH '\"mobile phone\"'") passages" \
  "explain: the phrase's passage count"

# Malformed queries on a real index: exit 2 with the column.
assert_status 2 "unbalanced parenthesis" -- pc search '(mobile phone'
assert_contains "$(cat "$WORK/last.err")" "column 1" "unbalanced parenthesis: its column"

finish
