#!/usr/bin/env bash
# test_stats.sh — `presscut stats` in each format on the sample corpus: the text lines, and the json and
# jsonl records parsed back by SQLite's JSON functions (through `presscut sql`) with the same figures as the
# text and the index itself; a bad --format value is refused.
. "$(dirname "$0")/lib.sh"
cp -r "$SOURCE/corpus" "$WORK/corpus"
assert_status 0 "index the sample corpus" -- pc index "$WORK/corpus"

assert_status 0 "stats" -- pc stats
text="$(cat "$WORK/last.out")"
assert_eq "$(printf '%s\n' "$text" | cut -c1-11 | tr -d ' ' | tr '\n' ,)" \
  "index,files,articles,passages,text,languages,sources,dates,duplicates,analyzer," "stats: the text lines"
assert_contains "$text" "articles   43" "stats: articles"
assert_contains "$text" "(+6 more; --all lists them)" "stats: the 10 largest sources, then a count"
assert_status 0 "stats --all" -- pc stats --all
assert_not_contains "$(cat "$WORK/last.out")" "more; --all" "stats --all: every source"

# json_get RECORD PATH: a value of a JSON record read by SQLite (an empty answer when RECORD is not JSON)
json_get() {
  local quoted="${1//\'/\'\'}"
  sql "SELECT CASE WHEN json_valid('$quoted') THEN json_extract('$quoted', '$2') END"
}
# json_type RECORD PATH
json_type() {
  local quoted="${1//\'/\'\'}"
  sql "SELECT json_type('$quoted', '$2')"
}

for format in json jsonl; do
  assert_status 0 "stats --format $format" -- pc stats --format "$format"
  record="$(cat "$WORK/last.out")"
  [ "$format" = jsonl ] && assert_eq "$(printf '%s\n' "$record" | wc -l | tr -d ' ')" "1" "$format: one line"
  assert_eq "$(json_get "$record" '$.articles')" "$(sql 'SELECT count(*) FROM articles')" "$format: articles"
  assert_eq "$(json_get "$record" '$.passages')" "$(sql 'SELECT count(*) FROM passages')" "$format: passages"
  assert_eq "$(json_get "$record" '$.index')" "$DB" "$format: the index path"
  assert_eq "$(json_get "$record" '$.first_date')" "2022-01-12" "$format: first date"
  assert_eq "$(json_get "$record" '$.last_date')" "2023-06-10" "$format: last date"
  assert_eq "$(json_get "$record" '$.languages[0].name') $(json_get "$record" '$.languages[0].articles')" "en 25" \
    "$format: the most common language"
  assert_eq "$(json_get "$record" '$.sources[#-1].articles')" "1" "$format: every source is listed"
  assert_eq "$(json_get "$record" '$.duplicates.largest')" "4" "$format: the largest cluster"
  assert_eq "$(json_type "$record" '$.analyzer.fold_diacritics')" "true" "$format: a boolean"
  assert_eq "$(json_type "$record" '$.index_bytes') $(json_type "$record" '$.undated')" "integer integer" \
    "$format: integers"
  assert_eq "$(json_type "$record" '$.schema_version')" "integer" "$format: schema version"
done

assert_status 2 "stats --format xml" -- pc stats --format xml
assert_contains "$(cat "$WORK/last.err")" "unknown output format 'xml'" "a bad format is named"
finish
