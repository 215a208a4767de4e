#!/usr/bin/env bash
# test_index_sample.sh — `presscut index` and `stats` on the sample corpus in corpus/: counts, titles,
# dates, languages, stemmed and exact matching, apostrophes, look-alike letters, and incremental runs
# (unchanged, touched, changed, deleted + --prune).
. "$(dirname "$0")/lib.sh"
cp -r "$SOURCE/corpus" "$WORK/corpus"
c="$WORK/corpus"

assert_status 0 "index the sample corpus" -- pc index "$c"
assert_contains "$(cat "$WORK/last.out")" "indexed 35 files (43 articles" "summary counts"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "43" "articles"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE path LIKE '%README%'")" "0" "corpus/README.md is not an article"
assert_eq "$(sql "SELECT lang || ' ' || count(*) FROM articles GROUP BY lang ORDER BY lang")" \
  "$(printf 'de 3\nen 25\nfr 3\nru 5\nuk 7')" "languages detected"
assert_eq "$(sql "SELECT title FROM article_details WHERE path LIKE '%/wire/kremlin-dismisses-outage-claims.txt'")" \
  "Kremlin dismisses claims of Russian role in Ukraine bank outages" "title"
assert_eq "$(sql "SELECT published FROM article_details WHERE path LIKE '%/wire/kremlin-dismisses-outage-claims.txt'")" \
  "2022-02-16" "date in the line after the title"
assert_eq "$(sql "SELECT published || ' ' || title FROM article_details WHERE path LIKE '%/podil-by-election.txt'" | cut -c1-10)" \
  "2022-01-24" "date from a 'date' line before the title"
assert_eq "$(sql "SELECT published FROM article_details WHERE path LIKE '%/kreml-otverg-obvineniya.txt'")" "2022-02-16" "dd.mm.yyyy date"
assert_eq "$(sql "SELECT source FROM article_details WHERE path LIKE '%/wire/kremlin-dismisses-outage-claims.txt'")" "wire" "source from the folder"
assert_eq "$(sql "SELECT count(*) FROM articles WHERE published IS NULL")" "$(sql "SELECT count(*) FROM articles WHERE day = 0")" "undated articles sort first"

match() { sql "SELECT count(DISTINCT a.path) FROM passage_fts JOIN passages p ON p.id = passage_fts.rowid JOIN article_details a ON a.id = p.article_id WHERE passage_fts MATCH '$1'"; }
# "attack" in any form: 7 English files (and stems in other languages do not collide).
assert_eq "$(match '"attacks"')" "$(match '"attack"')" "stemmed search: attacks = attack"
assert_contains "$(pc search attacks)" "Kremlin dismisses claims" "attacks finds the article with attacked/attacking"
# exact forms: =attacked only in one file.
assert_eq "$(match "\"$(printf '\002')attacked\"")" "1" "exact form =attacked"
assert_eq "$(match "\"$(printf '\002')attacks\"")" "2" "exact form =attacks"
# Russia's with ’ and ' match each other.
assert_eq "$(match '"Russia'"''"'s"')" "$(match '"Russia’s"')" "Russia's = Russia’s"
assert_eq "$(match "\"$(printf '\002')russia''s\"")" "2" "exact =Russia's finds both apostrophe forms (2 files)"
# Ukrainian apostrophes: м’ясо, мʼясо and м'ясо are one word.
assert_eq "$(match '"м'"''"'ясо"')" "3" "м'ясо in three apostrophe forms"
# Look-alike letters: бaнков (Latin a) is found by банков.
assert_contains "$(pc search банков)" "kreml-otverg-obvineniya.txt" "mixed-script word repaired"
# Cyrillic stemming: Вербицкого finds Вербицкий.
assert_eq "$(match '"Вербицкий"')" "3" "Russian inflection"

# Paging: -n and --offset.
page="$(pc search attacks -n 2 2>/dev/null)"
assert_eq "$(echo "$page" | grep -c '^[0-9]*\. 20')" "2" "-n 2 shows two hits"
assert_contains "$page" "
2. 20" "-n 2 shows the second hit"
third="$(pc search attacks --offset 2 -n 1 2>/dev/null)"
assert_eq "$(echo "$third" | grep -c '^[0-9]*\. 20')" "1" "--offset 2 -n 1 shows one hit"
assert_eq "$(echo "$third" | grep -c '^3\. 20')" "1" "--offset 2 starts at the third hit"
assert_status 2 "bad --limit" -- pc search attacks -n lots
assert_contains "$(cat "$WORK/last.err")" "--limit takes a whole number, not 'lots'" "bad --limit is named"

assert_status 0 "stats" -- pc stats
stats="$(cat "$WORK/last.out")"
assert_contains "$stats" "articles   43" "stats: articles"
assert_contains "$stats" "en 25" "stats: languages"
assert_contains "$stats" "2022-01-12 .. 2023-06-10" "stats: date range"
assert_status 0 "stats --format json" -- pc stats --format json
assert_contains "$(cat "$WORK/last.out")" "\"articles\": 43" "stats json"

# Incremental runs.
assert_status 0 "second run" -- pc index "$c"
assert_contains "$(cat "$WORK/last.out")" "indexed 0 files (0 articles, 0 passages), 35 unchanged" "nothing changed"
touch "$c/wire/black-sea-grain-shipments.txt"
assert_status 0 "touched file" -- pc index "$c"
assert_contains "$(cat "$WORK/last.out")" "indexed 0 files (0 articles, 0 passages), 35 unchanged" "same content, new mtime: unchanged"
printf '\nA late paragraph about zeppelins was added to this story.\n' >>"$c/wire/black-sea-grain-shipments.txt"
assert_status 0 "changed file" -- pc index "$c"
assert_contains "$(cat "$WORK/last.out")" "indexed 1 file (1 article" "changed file re-indexed"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "43" "no duplicate after change"
assert_eq "$(match 'zeppelins')" "1" "new text searchable"
rm "$c/kyiv-lantern/metro-station-reopens.txt"
assert_status 0 "deleted file without --prune" -- pc index "$c"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "43" "without --prune nothing is removed"
assert_status 0 "deleted file with --prune" -- pc index --prune "$c"
assert_contains "$(cat "$WORK/last.out")" "1 removed" "prune reported"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "42" "pruned"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE path LIKE '%metro-station%'")" "0" "the deleted file is gone"
assert_status 0 "check" -- pc check

# Analyzer configuration is part of the index: a mismatch names the rebuild command.
assert_status 2 "config mismatch" -- pc index --diacritics keep "$c"
assert_contains "$(cat "$WORK/last.err")" "presscut --db $DB rebuild" "mismatch names the rebuild command"
assert_status 0 "rebuild with other options" -- pc rebuild --diacritics keep
assert_status 0 "index with the new options" -- pc index --diacritics keep "$c"
assert_contains "$(pc stats)" "diacritics kept" "rebuilt configuration recorded"
assert_status 0 "check after rebuild" -- pc check
assert_status 0 "search after rebuild" -- pc search attacks

# check finds damage done behind presscut's back, and rebuild repairs what it can.
if command -v sqlite3 >/dev/null; then
  sqlite3 "$DB" "UPDATE passages SET end_byte = end_byte - 5 WHERE id = (SELECT max(id) FROM passages)"
  assert_status 2 "check finds a full-text index out of step" -- pc check
  assert_contains "$(cat "$WORK/last.err")" "does not match the stored text: rebuild it with: presscut --db $DB rebuild" "check says how to repair"
  assert_status 0 "rebuild repairs it" -- pc rebuild --diacritics keep
  assert_status 0 "check after the repair" -- pc check
  sqlite3 "$DB" "UPDATE passages SET end_byte = 1000000 WHERE id = (SELECT max(id) FROM passages)"
  assert_status 2 "check finds a passage outside its body" -- pc check
  assert_contains "$(cat "$WORK/last.err")" "a passage lies outside its article's body" "check names the problem"
else
  fail "sqlite3 is missing (scripts/setup.sh installs it)"
fi
finish
