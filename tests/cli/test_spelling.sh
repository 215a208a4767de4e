#!/usr/bin/env bash
# test_spelling.sh — spellings of one word and "did you mean", on real news (the seeds and bsnlp-slavic-news
# from ../shared). One query finds cyberattack, cyber-attack and cyber attack: the articles it returns are
# exactly those whose stored text matches a regex for every spelling and the stemmer's inflections (the
# oracle), checked by article id. A word in no article gets suggestions (stderr, the JSON field), never
# a rewritten query; a query whose words are all in the index gets none.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
export LC_ALL=C.UTF-8
# The seeds and the three bsnlp topics that write кібератака (covid-19, us_election_2020, trump; the last two
# also name Песков): a fifth of bsnlp, so that the test stays quick under the sanitizers.
bsnlp="$CORPUS/bsnlp-slavic-news"
assert_status 0 "index the seeds and three bsnlp topics" -- pc index "$CORPUS/seeds" "$bsnlp/covid-19" \
  "$bsnlp/us_election_2020" "$bsnlp/trump"

# The article ids a search returns (all of them, copies included), sorted.
hit_ids() {
  pc search -n 5000 --all-copies --format jsonl "$@" 2>/dev/null | grep '"article_id"' |
    sed 's/.*"article_id":\([0-9]*\).*/\1/' | sort -n | tr '\n' ' '
}
# The ids of the articles whose stored title or body matches a Perl regex (case-insensitive): one row per
# article, newlines written \n by `sql`.
oracle_ids() {
  sql "SELECT id, title, body FROM article_details" | grep -iP "$1" | cut -f1 | sort -n | tr '\n' ' '
}
L='(?<![\p{L}\p{N}])' R='(?![\p{L}\p{N}])' GAP='(-|\s|\\n)?'

english="$(oracle_ids "${L}cyber${GAP}attack(s|ed|ing|ers?)?$R")"
assert_eq "$english" "$(oracle_ids "${L}cyber${GAP}attack")" "the oracle's inflections miss no form in the text"
assert_contains "$english" " " "the oracle finds articles"
for q in cyberattack cyberattacks cyber-attack '"cyber attack"' '"cyber attacks"'; do
  assert_eq "$(hit_ids "$q")" "$english" "$q finds exactly the articles saying cyberattack, cyber-attack or cyber attack"
done
# The seed that writes "cyber attacks" only (two words) is among them: the split form is searched.
split_only="$(sql "SELECT a.id FROM articles a JOIN files f ON f.id = a.file_id WHERE f.path LIKE '%001_4bf69c8301f7563b.txt'")"
assert_contains " $(hit_ids cyberattack)" " $split_only " "cyberattack finds the article that says cyber attacks"

ukrainian="$(oracle_ids "${L}кібер${GAP}атак(а|и|у|і|ою|ам|ами|ах)?$R")"
assert_eq "$(hit_ids кібератака)" "$ukrainian" "кібератака finds кібератаки and кібер-атака"
assert_eq "$(hit_ids кібер-атака)" "$ukrainian" "кібер-атака finds кібератака too"
assert_eq "$(echo $ukrainian | wc -w)" "3" "three Ukrainian articles write it"

# Exact words are left as typed; separate words are two words; explain shows the added spelling.
assert_eq "$(hit_ids =cyberattack)" "$(oracle_ids "${L}cyberattack$R")" "=cyberattack: that form only"
explain="$(pc search --explain cyberattack)"
assert_contains "$explain" '"cyber attack"   (another spelling, found in the index)' "explain shows the split form"
assert_contains "$explain" '("cyberattack" OR "cyber attack")' "... and the expression that runs"
assert_not_contains "$(pc search --explain 'cyber attack')" "another spelling" "two words are not joined"

# Did you mean: stderr for text, exit 1 all the same, the query unchanged.
assert_status 1 "Peskow finds nothing" -- pc search Peskow
assert_contains "$(cat "$WORK/last.err")" "'Peskow' is not in the index; did you mean peskov" "Peskow: peskov first"
assert_eq "$(cat "$WORK/last.out")" "" "no hits are printed for a suggestion"
assert_status 1 "Oshchadbank finds nothing" -- pc search Oshchadbank
assert_contains "$(cat "$WORK/last.err")" "did you mean oschadbank" "Oshchadbank: oschadbank"
assert_status 1 "Пескоу finds nothing" -- pc search Пескоу
assert_contains "$(cat "$WORK/last.err")" "did you mean песков" "Cyrillic: Пескоу -> песков"
json="$(pc search --format json Peskow 2>/dev/null | tr -d ' \n')"
assert_contains "$json" '"suggestions":[{"word":"Peskow","column":1,"did_you_mean":["peskov",' "JSON field"
assert_contains "$json" '"total":0,' "JSON: nothing found"
assert_status 0 "kremlin Peskow in JSON Lines" -- pc search --format jsonl 'kremlin OR Peskow'
assert_eq "$(grep -vc '"rank":' "$WORK/last.out")" "0" "JSON Lines: every line is a hit"
assert_contains "$(cat "$WORK/last.err")" "'Peskow' is not in the index; did you mean peskov" \
  "JSON Lines: suggestions on stderr, also after hits"
# A query with hits whose words are all in the index suggests nothing.
assert_status 0 "peskov kremlin finds articles" -- pc search peskov kremlin
assert_not_contains "$(cat "$WORK/last.err")" "did you mean" "known words: no suggestion"
assert_contains "$(pc search --format json peskov 2>/dev/null)" '"suggestions": []' "known words: an empty JSON list"
assert_eq "$(pc search --format jsonl peskov 2>/dev/null | grep -c suggestions)" "0" "known words: no JSON Lines line"
# A word with a close index word that the query finds under another spelling gets no suggestion.
assert_not_contains "$(pc search cyberattack 2>&1 >/dev/null)" "did you mean" "cyberattack is known"

finish
