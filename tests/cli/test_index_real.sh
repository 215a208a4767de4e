#!/usr/bin/env bash
# test_index_real.sh — `presscut index ../shared/corpus/seeds ../shared/corpus/bbc-fulltext`: indexes
# without errors; counts, titles, dates, languages and the Latin-1 file are right; stemmed, exact and
# apostrophe matching agree with grep on the raw files.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
corpus="$CORPUS"
seeds="$corpus/seeds"
bbc="$corpus/bbc-fulltext"

assert_status 0 "index seeds and BBC" -- pc index "$seeds" "$bbc"
out="$(cat "$WORK/last.out")"
err="$(cat "$WORK/last.err")"
assert_contains "$out" "indexed 2228 files (2228 articles" "every article indexed"
assert_contains "$out" "0 skipped, 0 failed, 1 excluded" "nothing skipped or failed; README.TXT excluded"
assert_eq "$(echo "$err" | grep -c .)" "1" "exactly one message"
assert_contains "$err" "bbc/sport/199.txt: warning: not UTF-8: read as Windows-1252" "the Latin-1 file is converted"
assert_contains "$(sql "SELECT body FROM article_details WHERE path LIKE '%/bbc/sport/199.txt'")" "£" "its pound sign survives"

assert_eq "$(sql 'SELECT count(*) FROM articles')" "2228" "articles"
assert_eq "$(sql "SELECT lang, count(*) FROM articles GROUP BY lang")" "$(printf 'en\t2228')" "all English"
assert_eq "$(sql "SELECT source || ' ' || count(*) FROM articles GROUP BY source ORDER BY source")" \
  "$(printf 'business 510\nentertainment 386\npolitics 417\nseeds 3\nsport 511\ntech 401')" "sources from folders"
assert_eq "$(sql "SELECT title FROM article_details WHERE path LIKE '%/bbc/business/001.txt'")" \
  "Ad sales boost Time Warner profit" "a BBC title"
assert_eq "$(sql "SELECT published FROM article_details WHERE path LIKE '%/seeds/000_%'")" "2022-02-16" \
  "the seed's 'date 2022-02-16' line"
assert_eq "$(sql "SELECT title FROM article_details WHERE path LIKE '%/seeds/001_%'")" \
  "Many Ukrainian government websites were down on Friday after a massive robbery attack" "a seed title"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE body LIKE 'date 2022%'")" "0" "metadata is not body text"
assert_eq "$(sql "SELECT title FROM article_details WHERE path LIKE '%/seeds/002_%'")" \
  "Russia is preparing an excuse to invade Ukraine: US official" "seed 002: section label and site suffix dropped"
for line in 'Post a Comment' 'Previous Post Next Post' 'Source link' 'Related Articles' 'Back to top button' 'World News'; do
  assert_eq "$(sql "SELECT count(*) FROM article_details WHERE path LIKE '%/seeds/%' AND instr(body, '$line') > 0")" "0" \
    "seed boilerplate '$line' removed"
done
assert_contains "$(sql "SELECT body FROM article_details WHERE path LIKE '%/seeds/001_%'")" \
  "failed to bring immediate progress." "seed 001 keeps its last real sentence"
assert_contains "$(sql "SELECT body FROM article_details WHERE path LIKE '%/seeds/002_%'")" \
  "a mockery of public comment.”" "seed 002 keeps its last real sentence"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE path LIKE '%/bbc/sport/322.txt' AND body LIKE 'Murrayfield, Edinburgh%1400 GMT%'")" \
  "1" "a match report's opening venue and kick-off lines are content, not furniture"
assert_eq "$(sql "SELECT count(*) FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.end_byte > a.body_bytes OR p.start_byte >= p.end_byte")" "0" "passages lie inside their bodies"
assert_status 0 "check" -- pc check

# Bodies are kept as zstd frames with a dictionary trained from the first bodies (5 MB here is enough to train
# one); read through article_details or pc_body(), they hold what the files hold: the articles whose body has a
# word are grep's files.
assert_eq "$(sql "SELECT count(*) FROM body_dictionaries")" "1" "a body dictionary is trained and kept"
packed="$(sql "SELECT count(*) FROM bodies WHERE typeof(body) = 'blob'")"
[ "$packed" -gt 2200 ] && pass || fail "bodies are stored compressed ($packed of 2228)"
for word in Murrayfield Yukos Gazprom Abramovich 'Chelsea'; do
  assert_eq "$(sql "SELECT count(*) FROM article_details WHERE instr(body, '$word') > 0")" \
    "$(grep -lF "$word" "$seeds"/*.txt "$bbc"/bbc/*/*.txt | wc -l)" "bodies with '$word': grep's files"
  assert_eq "$(sql "SELECT count(*) FROM bodies WHERE instr(pc_body(body), '$word') > 0")" \
    "$(sql "SELECT count(*) FROM article_details WHERE instr(body, '$word') > 0")" "pc_body() reads what the view does ('$word')"
done

# Articles matching an FTS5 expression in their passages or title.
articles_matching() {
  sql "SELECT count(*) FROM (SELECT p.article_id FROM passage_fts JOIN passages p ON p.id = passage_fts.rowid WHERE passage_fts MATCH '$1' UNION SELECT rowid FROM title_fts WHERE title_fts MATCH '$1')"
}
grep_files() { grep -liwE "$1" "$seeds"/*.txt "$bbc"/bbc/*/*.txt | wc -l; }
X="$(printf '\002')"
assert_eq "$(articles_matching "\"${X}attacked\"")" "$(grep_files 'attacked')" "=attacked: exactly grep's files"
assert_eq "$(articles_matching "\"${X}attacks\"")" "$(grep_files 'attacks')" "=attacks: exactly grep's files"
assert_eq "$(articles_matching '"attacks"')" "$(grep_files 'attack|attacks|attacked|attacking|attacker|attackers')" \
  "attacks (stemmed) finds every form"
stemmed="$(sql "SELECT count(*) FROM article_details WHERE id IN (SELECT p.article_id FROM passage_fts JOIN passages p ON p.id = passage_fts.rowid WHERE passage_fts MATCH 'attacks') AND body LIKE '%attacked%' AND body NOT LIKE '%attacks%'")"
[ "$stemmed" -gt 0 ] && pass || fail "attacks finds articles that only say attacked"
exact="$(sql "SELECT count(*) FROM article_details WHERE id IN (SELECT p.article_id FROM passage_fts JOIN passages p ON p.id = passage_fts.rowid WHERE passage_fts MATCH '\"${X}attacks\"') AND body NOT LIKE '%attacks%'")"
assert_eq "$exact" "0" "=attacks never finds an article without 'attacks'"
assert_eq "$(articles_matching "\"${X}russia''s\"")" "$(grep_files "russia[’']s")" "=Russia's finds both apostrophes"
assert_eq "$(articles_matching "\"${X}russia’s\"")" "$(articles_matching "\"${X}russia''s\"")" "Russia’s = Russia's"
assert_eq "$(sql "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH '\"russia’s\"' AND rowid IN (SELECT p.id FROM passages p JOIN article_details a ON a.id = p.article_id WHERE a.path LIKE '%/seeds/000_%')")" \
  "$(sql "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH '\"russia''s\"' AND rowid IN (SELECT p.id FROM passages p JOIN article_details a ON a.id = p.article_id WHERE a.path LIKE '%/seeds/000_%')")" \
  "the seed's typographic apostrophes match straight ones"
assert_contains "$(pc search 'negotiat*' -n 100)" "negotiations" "prefix over surface forms"

# The stored terms: surfaces and marked stems (fts5vocab through presscut sql).
assert_eq "$(sql "SELECT count(*) FROM passage_vocab WHERE term = 'attacked'")" "1" "surface term stored"
assert_eq "$(sql "SELECT count(*) FROM passage_vocab WHERE term = char(1) || 'en:attack'")" "1" "marked stem stored"
assert_eq "$(sql "SELECT count(*) FROM passage_vocab WHERE term = char(1) || 'said'")" "0" "no stem where it equals the surface"
finish
