#!/usr/bin/env bash
# test_source_filter.sh — `source:` and `--source` on real data: ukraine-news-bias-2014 (source
# "ukraine-news-bias-2014", from its folder), BSNLP files named by their url's host or by their folder
# ("uk"), and a scratch folder "UK". The oracle is the same search without the filter, its hits kept by a
# plain comparison of their source field: source:uk gives exactly the hits whose source is "uk" in any
# case (no longer ukraine-news-bias-2014 for containing "uk"), source:ukraine* those starting "ukraine",
# -source:uk the others, source:*.ua the hosts ending in ".ua".
. "$(dirname "$0")/lib.sh"
require_shared_corpus
bsnlp="$CORPUS/bsnlp-slavic-news"

mkdir -p "$WORK/UK"
printf 'Kyiv talks\n\nUkraine and Russia met in Kyiv on Monday.\n' >"$WORK/UK/talks.txt"
assert_status 0 "index" -- pc index "$CORPUS/ukraine-news-bias-2014" "$bsnlp/ec/annotated/uk" "$bsnlp/trump/raw/uk" \
  "$bsnlp/ec/raw/uk" "$WORK/UK"

query='ukraine OR україна OR украина'
# "source<TAB>path" of every hit of a search, sorted
hits() {
  pc search -n 5000 --all-copies --format jsonl "$@" 2>/dev/null |
    sed 's/.*"source":"\([^"]*\)".*"path":"\([^"]*\)".*/\1\t\2/' | LC_ALL=C sort
}
hits "$query" >"$WORK/all"
[ "$(wc -l <"$WORK/all")" -gt 100 ] || fail "the unfiltered search finds too little: $(wc -l <"$WORK/all")"
# the oracle: keep the lines whose source passes a plain test
keep() { while IFS=$'\t' read -r source path; do if "$@" "$source"; then printf '%s\t%s\n' "$source" "$path"; fi; done <"$WORK/all"; }
is_uk() { [ "${1,,}" = "uk" ]; }
not_uk() { ! is_uk "$1"; }
starts_ukraine() { [[ "${1,,}" == ukraine* ]]; }
is_bias() { [ "${1,,}" = "ukraine-news-bias-2014" ]; }
ends_ua() { [[ "$1" == *.ua ]]; }

expected_uk="$(keep is_uk)"
[ "$(echo "$expected_uk" | grep -c .)" -gt 10 ] || fail "too few articles with the source uk in the oracle"
assert_contains "$expected_uk" "UK	$WORK/UK/talks.txt" "the oracle has the UK folder"
assert_eq "$(hits "$query source:uk")" "$expected_uk" "source:uk: exactly the articles whose source is uk, any case"
assert_eq "$(hits "$query" --source UK)" "$expected_uk" "--source UK: the same"
assert_not_contains "$(hits "$query source:uk")" "ukraine-news-bias-2014" "source:uk: no longer a substring match"
assert_eq "$(hits "$query source:ukraine*")" "$(keep starts_ukraine)" "source:ukraine*: the names starting ukraine"
assert_contains "$(hits "$query source:ukraine*" | head -1)" "ukraine-news-bias-2014" "source:ukraine* finds them"
assert_eq "$(hits "$query -source:uk")" "$(keep not_uk)" "-source:uk: all the others"
assert_eq "$(hits "$query source:*.ua")" "$(keep ends_ua)" "source:*.ua: the hosts ending .ua"
[ -n "$(keep ends_ua)" ] || fail "no .ua host in the oracle"
assert_eq "$(hits "$query source:UKRAINE-news-bias-2014")" "$(keep is_bias)" "a whole name, any case"
assert_not_contains "$(hits "$query source:UKRAINE-news-bias-2014")" "ukrainepravo.com" "...and only that name"
assert_contains "$(hits "$query source:ukraine*")" "ukrainepravo.com" "source:ukraine* also finds ukrainepravo.com"
assert_status 1 "a source no article has" -- pc search "$query source:tass"
assert_status 2 "a pattern with no letter" -- pc search "$query source:**"
assert_contains "$(cat "$WORK/last.err")" "no letter or digit" "the error says why"
finish
