#!/usr/bin/env bash
# test_explain.sh — `presscut search --explain --format json|jsonl` on the sample corpus: the record is valid
# JSON (checked by SQLite's JSON functions through `presscut sql`), and its words, forms and passage counts
# agree with the index itself (FTS5 MATCH and the fts5vocab table). The text output is in test_search.sh and
# tests/golden.
. "$(dirname "$0")/lib.sh"
cp -r "$SOURCE/corpus" "$WORK/corpus"
assert_status 0 "index the sample corpus" -- pc index "$WORK/corpus"

# Passages holding the stored term $1 (stems start with byte 0x01 and their language: pass "stem LANG:WORD").
vocab_passages() {
  case "$1" in
    stem\ *) sql "SELECT doc FROM passage_vocab WHERE term = char(1) || '${1#stem }'" ;;
    *) sql "SELECT doc FROM passage_vocab WHERE term = '$1'" ;;
  esac
}

for format in json jsonl; do
  assert_status 0 "explain --format $format" -- pc search --explain --format "$format" 'attacks -kremlin'
  record="$(cat "$WORK/last.out")"
  quoted="${record//\'/\'\'}"
  # field PATH: a value of the record, read by SQLite
  field() { sql "SELECT json_extract('$quoted', '$1')"; }
  assert_eq "$(sql "SELECT json_valid('$quoted')")" "1" "$format: valid JSON"
  [ "$format" = jsonl ] && assert_eq "$(printf '%s\n' "$record" | wc -l | tr -d ' ')" "1" "$format: one line"
  assert_eq "$(field '$.query')" "attacks -kremlin" "$format: the query"
  assert_eq "$(field '$.understood_as')" '["AND","  attacks","  NOT","    kremlin"]' "$format: the tree"
  assert_eq "$(field '$.terms[0].words[0].text') $(field '$.terms[1].words[0].text')" "attacks kremlin" \
    "$format: the words"
  assert_eq "$(field '$.terms[0].passages')" \
    "$(sql "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH '\"attacks\"'")" "$format: passages of attacks"
  assert_eq "$(field '$.terms[1].passages')" \
    "$(sql "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH '\"kremlin\"'")" "$format: passages of kremlin"
  assert_eq "$(field '$.terms[0].passages') $(field '$.terms[1].passages')" "9 8" "$format: the counts"
  forms=""
  for i in 0 1 2 3; do
    form="$(field "\$.terms[0].words[0].forms[$i].text")=$(field "\$.terms[0].words[0].forms[$i].passages")"
    [ "$(field "\$.terms[0].words[0].forms[$i].stem")" = 1 ] &&
      form="stem $(field "\$.terms[0].words[0].forms[$i].lang"):$form"
    forms="$forms${forms:+, }$form"
  done
  assert_eq "$forms" "attacks=3, stem de:attack=0, stem en:attack=9, stem fr:attack=0" \
    "$format: the forms of attacks: the surface, then the stem of each language"
  assert_eq "$(field '$.terms[0].words[0].forms[2].passages')" "$(vocab_passages 'stem en:attack')" \
    "$format: a stem's passages as the index has them"
  assert_eq "$(field '$.terms[1].words[0].forms[0].passages')" "$(vocab_passages kremlin)" \
    "$format: a surface form's passages as the index has them"
  assert_eq "$(field '$.fts5.match') | $(field '$.fts5.passages')" '"attacks" NOT "kremlin" | "attacks"' \
    "$format: the FTS5 expressions"
  assert_eq "$(sql "SELECT json_type('$quoted', '\$.passage_id_range') || ' ' || json_type('$quoted', '\$.left_out')")" \
    "null array" "$format: no date filter, nothing left out"
done

# A date filter gives the range of passage ids; --any in a large enough index leaves words out (not here).
assert_status 0 "explain with a date" -- pc search --explain --format jsonl 'attacks date:2022-02'
quoted="$(sed "s/'/''/g" "$WORK/last.out")"
assert_eq "$(sql "SELECT json_extract('$quoted', '\$.passage_id_range.from') >> 32")" "738186" \
  "the date filter's first day"

finish
