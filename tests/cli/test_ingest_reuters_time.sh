#!/usr/bin/env bash
# test_ingest_reuters_time.sh — `presscut index` on Reuters-21578 (../shared/corpus/reuters21578, the .sgm
# files) and the TIME collection (../shared/corpus/time, TIME.ALL found by content): exact article counts,
# fields of hand-checked records, clean bodies; and the sgml/time fixtures, whose bad records are reported
# as PATH:LINE while their good ones are indexed.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
reuters="$CORPUS/reuters21578"
time_dir="$CORPUS/time"
fixtures="$SOURCE/tests/fixtures/ingest"

# The Reuters folder also holds .txt files (category lists, the CIA factbook data, README.txt) that the txt
# reader would take as articles: they are not news, so they are excluded.
assert_status 0 "index reuters and time" -- pc index --exclude '*.txt' "$reuters" "$time_dir"
out="$(cat "$WORK/last.out")"
err="$(cat "$WORK/last.err")"
assert_contains "$out" "indexed 23 files (22000 articles" "22 .sgm files and TIME.ALL: 21,577 + 423 articles"
assert_contains "$out" "0 skipped, 0 failed" "nothing skipped or failed"
assert_contains "$err" "reut2-012.sgm:25983: warning: record NEWID 12793: no title and no text; skipped" \
  "the one empty Reuters record is reported at its <REUTERS> line"
assert_contains "$err" "reut2-017.sgm: warning: not UTF-8: read as Windows-1252" "the file with the 0xFC byte"
assert_eq "$(echo "$err" | grep -c .)" "2" "no other message"

# Reuters: 21,578 records, one of them (NEWID 12793) with no text at all
assert_eq "$(sql "SELECT count(*) FROM articles WHERE source = 'Reuters'")" "21577" "Reuters articles"
assert_eq "$(sql "SELECT count(DISTINCT record) FROM articles WHERE source = 'Reuters'")" "21577" "one per NEWID"
assert_eq "$(sql "SELECT count(*) FROM articles WHERE source = 'Reuters' AND published BETWEEN '1987-02-26' AND '1987-10-20'")" \
  "21577" "every Reuters date read, within the collection's range"
assert_eq "$(sql "SELECT count(*) FROM articles WHERE source = 'Reuters' AND lang = 'en'")" "21577" "English"
assert_eq "$(sql "SELECT count(*) FROM articles WHERE source = 'Reuters' AND title IS NULL")" "736" \
  "UNPROC records have no title (737, less the empty one)"
# NEWID 1, checked by hand in reut2-000.sgm lines 2-35
assert_eq "$(sql "SELECT title, published, source, tags FROM articles WHERE record = 'NEWID 1'")" \
  "$(printf 'BAHIA COCOA REVIEW\t1987-02-26\tReuters\tplace:el-salvador; place:usa; place:uruguay; topic:cocoa')" \
  "NEWID 1: title, date, source, tags"
assert_contains "$(sql "SELECT body FROM article_details WHERE record = 'NEWID 1'")" \
  'SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone' "NEWID 1 opens with its dateline"
# NEWID 30 is TYPE="BRIEF": the title is the body
assert_eq "$(sql "SELECT title = body FROM article_details WHERE record = 'NEWID 30'")" "1" "a brief's body is its title"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE source = 'Reuters' AND (instr(body, '&lt;') OR instr(body, '&#3;') OR instr(body, '&#') OR instr(body, 'Blah blah blah'))")" \
  "0" "entities decoded, end markers and brief placeholders gone"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE source = 'Reuters' AND (body LIKE '%Reuter' OR body LIKE '%Reuters' OR body LIKE '%Reuter...')")" \
  "0" "no body ends with the sign-off"
# NEWID 4, reut2-000.sgm line 137: "<TITLE>TALKING POINT/BANKAMERICA &lt;BAC> EQUITY OFFER</TITLE>"
assert_eq "$(sql "SELECT title FROM articles WHERE record = 'NEWID 4'")" "TALKING POINT/BANKAMERICA <BAC> EQUITY OFFER" \
  "NEWID 4: &lt; decoded in the title"
assert_contains "$(sql "SELECT body FROM article_details WHERE record = 'NEWID 4'")" "First Interstate Bancorp <I> takeover bid" \
  "NEWID 4: &lt; decoded in the body"
assert_contains "$(pc search 'comissaria temporao' -n 3 2>/dev/null)" "BAHIA COCOA REVIEW" "Reuters articles are searchable"

# TIME: 423 articles; record is the TEXT number, doc:N the ordinal position the judgments use
assert_eq "$(sql "SELECT count(*) FROM articles WHERE source = 'TIME'")" "423" "TIME articles"
assert_eq "$(sql "SELECT record, published, lang, tags, title IS NULL FROM articles WHERE record = 'TEXT 017'")" \
  "$(printf 'TEXT 017\t1963-01-04\ten\tdoc:1; page:20\t1')" "TIME document 017"
assert_eq "$(sql "SELECT published, tags FROM articles WHERE record = 'TEXT 431'")" \
  "$(printf '1963-08-30\tdoc:333; page:26')" "header '08/30 63' with a missing slash"
assert_eq "$(sql "SELECT count(*) FROM articles WHERE source = 'TIME' AND published BETWEEN '1963-01-04' AND '1963-12-27'")" \
  "423" "every TIME date read"
assert_contains "$(sql "SELECT body FROM article_details WHERE record = 'TEXT 017'")" \
  "THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST PROPOSED" "TIME text as written, upper case"

# fixtures: bad records reported with their line, good ones indexed
DB="$WORK/fixtures.db"
assert_status 0 "index the fixtures" -- pc index "$fixtures/sgml/broken.sgm" "$fixtures/time/truncated"
err="$(cat "$WORK/last.err")"
assert_contains "$err" "broken.sgm:17: warning: record NEWID 9102: no </REUTERS> before the next <REUTERS>; skipped" \
  "sgml: unclosed record"
assert_contains "$err" "broken.sgm:45: warning: record NEWID 9104: broken <BODY> element" "sgml: broken tag"
assert_contains "$err" "broken.sgm:73: warning: record NEWID 9106: no </REUTERS> before the end of the file" \
  "sgml: truncated end"
assert_contains "$err" "truncated:7: warning: record TEXT 018 has no text; skipped" "time: record without text"
assert_contains "$err" "truncated:9: warning: malformed header '*TEXT ABC" "time: malformed header"
assert_contains "$err" "truncated:17: warning: record TEXT 56 has no text; skipped" "time: truncated header"
assert_eq "$(sql "SELECT record FROM articles ORDER BY id")" \
  "$(printf 'NEWID 9101\nNEWID 9103\nNEWID 9105\nTEXT 017\nTEXT 431')" "the good records are indexed"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE instr(body, 'QUINCEBLOSSOM') OR instr(body, 'PERSIMMON') OR instr(body, 'GUAVAFRUIT') OR instr(body, 'LOQUAT')")" \
  "0" "nothing of the bad records is indexed"
assert_eq "$(sql "SELECT tags FROM articles WHERE record = 'NEWID 9103'")" "place:canada; topic:grain; topic:wheat" \
  "fixture tags"

finish
