#!/usr/bin/env bash
# test_expand.sh — pseudo-relevance feedback of `search --any` on the TIME collection (../shared/corpus/time):
# --explain lists the words added and their weights (text and JSON), --no-expand leaves them out and gives
# the order of the question's words alone, and a search without --any is the same with or without it.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
mkdir -p "$WORK/time"
cp "$CORPUS/time/TIME.ALL" "$WORK/time/"
assert_status 0 "index TIME" -- pc index "$WORK/time"
question="communist china's reaction to the soviet union's signing of the nuclear test ban treaty with the west"

assert_status 0 "explain --any" -- pc search --any --explain -- "$question"
out="$(cat "$WORK/last.out")"
assert_contains "$out" "added from the best first hits" "explain names the words added"
added="$(printf '%s\n' "$out" | grep '^added from the best first hits' | sed 's/.*weighs 1)://')"
# TIME's articles on the test ban speak of Khrushchev and Moscow, words the question does not hold
assert_contains "$added" " khrushchev " "an added word typical of the best hits"
assert_contains "$added" " moscow " "another"
assert_not_contains "$added" " treaty " "not a word of the question"
assert_not_contains "$added" " the " "not a word in more than 10% of passages"
assert_contains "$out" 'passages ranked, with the added words:  ("china'"'"'s" OR' "the expression ranked"

assert_status 0 "explain --any --format json" -- pc search --any --explain --format json -- "$question"
record="$(cat "$WORK/last.out")"
quoted="${record//\'/\'\'}"
assert_eq "$(sql "SELECT json_array_length('$quoted', '\$.expansion')")" "20" "json: 20 words added (fb_terms)"
assert_eq "$(sql "SELECT json_extract('$quoted', '\$.expansion[0].weight') > 0 AND
  json_extract('$quoted', '\$.expansion[0].weight') >= json_extract('$quoted', '\$.expansion[19].weight')")" "1" \
  "json: weights, heaviest first"

assert_status 0 "explain --any --no-expand" -- pc search --any --no-expand --explain -- "$question"
out="$(cat "$WORK/last.out")"
assert_not_contains "$out" "added from the best first hits" "--no-expand: no words added"
assert_not_contains "$out" "with the added words" "--no-expand: no expanded expression"
assert_status 0 "explain --any --no-expand --format json" -- pc search --any --no-expand --explain --format json -- "$question"
record="$(cat "$WORK/last.out")"
quoted="${record//\'/\'\'}"
assert_eq "$(sql "SELECT json_array_length('$quoted', '\$.expansion')")" "0" "json --no-expand: an empty list"

# The order changes with the words added; --no-expand is the order of the question's words alone, which
# PRESSCUT_RANK_PARAMS=fb_docs=0 also gives.
assert_status 0 "search --any" -- pc search --any --format jsonl -n 20 -- "$question"
expanded="$(cat "$WORK/last.out")"
assert_status 0 "search --any --no-expand" -- pc search --any --no-expand --format jsonl -n 20 -- "$question"
plain="$(cat "$WORK/last.out")"
[ "$expanded" != "$plain" ] && pass || fail "the words added change the hits"
out="$(PRESSCUT_RANK_PARAMS=fb_docs=0 "$PRESSCUT" --db "$DB" search --any --format jsonl -n 20 -- "$question")"
assert_eq "$out" "$plain" "--no-expand = fb_docs=0"

# Without --any nothing is added: --no-expand changes nothing and explain lists no words
for q in "nuclear test ban" "khrushchev OR kennedy"; do
  assert_status 0 "search $q" -- pc search --format jsonl -n 50 -- "$q"
  a="$(cat "$WORK/last.out")"
  assert_status 0 "search $q --no-expand" -- pc search --no-expand --format jsonl -n 50 -- "$q"
  assert_eq "$(cat "$WORK/last.out")" "$a" "without --any: the same hits with --no-expand ($q)"
  assert_status 0 "explain $q" -- pc search --explain -- "$q"
  assert_not_contains "$(cat "$WORK/last.out")" "added from the best first hits" "without --any: nothing added ($q)"
done
finish
