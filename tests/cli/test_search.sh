#!/usr/bin/env bash
# test_search.sh — `presscut search` and `presscut show` on the sample corpus: stemmed and exact forms,
# apostrophes, phrases (compared with the text itself), operators, every filter, --any, --passages,
# paging, the three output formats, colour rules, --explain, malformed queries (exit 2 with a column),
# and show with highlights.
. "$(dirname "$0")/lib.sh"
cp -r "$SOURCE/corpus" "$WORK/corpus"
assert_status 0 "index the sample corpus" -- pc index "$WORK/corpus"

# The article ids of a search, in rank order, space-separated (from --format jsonl).
ids() { pc search -n 100 --all-copies --format jsonl "$@" 2>/dev/null | sed 's/^{"rank":[0-9]*,"article_id":\([0-9]*\),.*/\1/' | tr '\n' ' ' | sed 's/ $//'; }
sorted_ids() { ids "$@" | tr ' ' '\n' | sort -n | tr '\n' ' ' | sed 's/ $//'; }
id_of() { sql "SELECT id FROM article_details WHERE path LIKE '%/$1'"; }
sql_ids() { sql "$1" | sort -n | tr '\n' ' ' | sed 's/ $//'; }

kremlin=$(id_of wire/kremlin-dismisses-outage-claims.txt)
hosting=$(id_of kyiv-lantern/how-a-hosting-firm-kept-banks-online.txt)
nato=$(id_of wire/nato-cyber-support-pledge.txt)
bank_wire=$(id_of wire/bank-websites-knocked-offline.txt)

# Stemmed: attacks finds attacked (and attack, attacking); =attacks only that form.
assert_contains " $(ids attacks) " " $kremlin " "attacks finds the article with attacked/attacking"
assert_eq "$(pc search --format jsonl =attacked 2>/dev/null | grep -c '"matched":\["attacked"\]')" "1" "=attacked highlights attacked"
assert_contains "$(pc search attacks --format jsonl 2>/dev/null | grep "\"article_id\":$kremlin,")" '"attacked"' \
  "the Kremlin hit shows attacked highlighted"
assert_eq "$(sorted_ids =attacks)" "$(sql_ids "SELECT id FROM article_details WHERE body GLOB '*[^a-z]attacks[^a-z]*' OR title GLOB '*[^a-z]attacks[^a-z]*'")" \
  "=attacks finds exactly the articles with the word attacks"
assert_not_contains " $(ids =attacks) " " $bank_wire " "=attacks does not find an article that only says attack"
assert_contains " $(ids attacks) " " $bank_wire " "... which attacks finds"

# Apostrophes: Russia's finds Russia’s (typographic), exact or stemmed.
assert_contains " $(ids "Russia's") " " $hosting " "Russia's finds Russia’s"
assert_eq "$(sorted_ids "=Russia's")" "$(sql_ids "SELECT id FROM article_details WHERE body LIKE '%Russia''s%' OR body LIKE '%Russia’s%'")" \
  "=Russia's: exactly the articles with either apostrophe"

# A phrase finds exactly the articles containing it (title or body).
assert_eq "$(sorted_ids '"card payments"')" \
  "$(sql_ids "SELECT id FROM article_details WHERE body LIKE '%card payments%' OR title LIKE '%card payments%'")" \
  "phrase = the articles containing it"
assert_eq "$(sorted_ids '"payments card"')" "" "the words in the other order are not the phrase"

# Operators.
assert_eq "$(sorted_ids 'attacks -kremlin')" \
  "$(sql_ids "SELECT id FROM article_details WHERE id IN ($(sorted_ids attacks | tr ' ' ',')) AND body NOT LIKE '%kremlin%' AND title NOT LIKE '%kremlin%'")" \
  "-kremlin leaves out every article that mentions the Kremlin"
assert_eq "$(sorted_ids 'attacks NOT kremlin')" "$(sorted_ids 'attacks -kremlin')" "NOT = -"
assert_eq "$(sorted_ids 'kyiv OR kiev')" \
  "$(sql_ids "SELECT id FROM article_details WHERE body LIKE '%kyiv%' OR body LIKE '%kiev%' OR title LIKE '%kyiv%' OR title LIKE '%kiev%'")" \
  "OR: either spelling"
assert_eq "$(ids 'NEAR(hackers attacked, 2)')" "$kremlin" "NEAR: within 2 words"
assert_eq "$(ids 'hackers NEAR/0 attacked')" "$kremlin" "NEAR/0: adjacent"
assert_status 1 "NEAR too far apart" -- pc search 'NEAR(nobody attacked, 2)'

# --any ranks articles with any of the words.
assert_status 1 "all words: nothing has zeppelin" -- pc search zeppelin attacks
assert_eq "$(sorted_ids --any zeppelin attacks)" "$(sorted_ids attacks)" "--any: any of the words"

# Filters: dates become a rowid range; undated articles never match a date filter.
assert_eq "$(sorted_ids 'attacks date:2022-02-16..2022-02-17')" \
  "$(sql_ids "SELECT id FROM articles WHERE id IN ($(sorted_ids attacks | tr ' ' ',')) AND published BETWEEN '2022-02-16' AND '2022-02-17'")" \
  "date range keeps only those days"
assert_not_contains " $(ids 'attacks date:2022-02-16..2022-02-17') " " $bank_wire " "date range excludes 2022-02-15"
assert_eq "$(ids attacks --since 2022-02-18)" "$hosting" "--since"
assert_eq "$(sorted_ids attacks --until 2022-02-16 --since 2022-02-16)" "$(sorted_ids 'attacks date:2022-02-16')" "--since/--until = date:"
assert_eq "$(sorted_ids 'attacks date:>=2022-02-17')" "$(sorted_ids attacks --since 2022-02-17)" "date:>= = --since"
assert_eq "$(sql "SELECT count(*) FROM articles WHERE id IN ($(sorted_ids 'kyiv date:2022' | tr ' ' ',')) AND published IS NULL")" "0" \
  "no undated article under a date filter"
assert_eq "$(sorted_ids 'attacks source:Kyiv-Lantern')" "$(sql_ids "SELECT id FROM articles WHERE id IN ($(sorted_ids attacks | tr ' ' ',')) AND lower(source) = 'kyiv-lantern'")" \
  "source: the whole name, ignoring case"
assert_eq "$(sorted_ids 'attacks source:*lantern')" "$(sql_ids "SELECT id FROM articles WHERE id IN ($(sorted_ids attacks | tr ' ' ',')) AND lower(source) LIKE '%lantern'")" \
  "source: with '*', the names ending in lantern"
assert_status 1 "source:lantern is not a part of a name" -- pc search 'attacks source:lantern'
assert_eq "$(sorted_ids attacks --source '*LANTERN')" "$(sorted_ids 'attacks source:*lantern')" "--source = source:"
assert_eq "$(sorted_ids 'kyiv lang:uk')" "" "lang: no Ukrainian article has the Latin word"
assert_eq "$(sorted_ids 'Київ' --lang uk)" "$(sorted_ids 'Київ lang:uk')" "--lang = lang:"
assert_eq "$(sql "SELECT DISTINCT lang FROM articles WHERE id IN ($(sorted_ids 'Київ lang:uk' | tr ' ' ','))")" "uk" "lang:uk keeps Ukrainian"
assert_eq "$(sorted_ids 'title:kyiv')" "$(sql_ids "SELECT id FROM articles WHERE title LIKE '%kyiv%'")" "title: alone: titles that match"
assert_status 2 "only filters" -- pc search 'date:2022 lang:en'
assert_contains "$(cat "$WORK/last.err")" "only filters" "only filters: told what to add"

# One hit per article by default, one per passage with --passages; paging; -n 0 counts.
assert_eq "$(pc search attacks --passages -n 100 --format jsonl 2>/dev/null | wc -l)" \
  "$(sql "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH '\"attacks\"'")" "--passages: every matching passage"
assert_eq "$(ids attacks -n 2 --offset 1)" "$(ids attacks | cut -d' ' -f2-3)" "--offset 1 -n 2 = hits 2 and 3"
assert_status 0 "-n 0 counts" -- pc search attacks -n 0
assert_eq "$(cat "$WORK/last.out")" "" "-n 0 prints no hit"
assert_contains "$(cat "$WORK/last.err")" "4 articles match" "-n 0 still counts them"
assert_eq "$(ids attacks)" "$(ids attacks)" "the same query gives the same order"

# Near-duplicate copies (the same wire story in four places) fold into the best-ranked one.
assert_eq "$(pc search '"card payments"' --format jsonl 2>/dev/null | wc -l)" "1" "copies folded into one hit"
assert_contains "$(pc search '"card payments"' --format jsonl 2>/dev/null)" '"copies":3' "the hit counts its 3 copies"
assert_contains "$(pc search '"card payments"' --color=never 2>/dev/null)" "· +3 copies" "text: +3 copies"
assert_eq "$(pc search '"card payments"' --all-copies --format jsonl 2>/dev/null | wc -l)" "4" "--all-copies lists them"

# Output formats.
assert_status 0 "json" -- pc search attacks --format json
json="$(cat "$WORK/last.out")"
assert_contains "$json" '"total": 4' "json: total"
assert_contains "$json" '"hits": [' "json: hits"
for field in rank article_id passage_id passage_seq score date source title url lang path record tags \
  matching_passages copies snippet highlights title_highlights matched; do
  assert_contains "$(pc search attacks --format jsonl -n 1 2>/dev/null)" "\"$field\":" "jsonl field $field"
done
assert_eq "$(pc search attacks --format jsonl 2>/dev/null | wc -l)" "4" "jsonl: one line per hit"
text="$(pc search attacks --color=never 2>/dev/null)"
assert_contains "$text" "1. 2022-02-16 · wire · Kremlin dismisses claims of Russian role in Ukraine bank outages" "text: rank, date, source, title"
assert_contains "$text" "kremlin-dismisses-outage-claims.txt · id $kremlin · 2 matching passages" "text: path, id, passages"
assert_contains "$text" "…" "text: long passages are cut with …"
assert_not_contains "$text" $'\e[' "--color=never: no escape codes"
assert_contains "$(pc search attacks --color=always 2>/dev/null)" $'\e[1;31mattacked\e[0m' "--color=always highlights"
assert_not_contains "$(NO_COLOR=1 pc search attacks 2>/dev/null)" $'\e[' "not a terminal: no colour"
assert_contains "$(NO_COLOR=1 pc search attacks --color=always 2>/dev/null)" $'\e[1;31m' "--color=always beats NO_COLOR"
assert_status 2 "bad --format" -- pc search attacks --format xml
assert_status 2 "bad --color" -- pc search attacks --color=sometimes

# --explain: the tree, each term's forms and counts, the expressions run.
assert_status 0 "explain" -- pc search --explain 'attacks -kremlin "card payments" date:2022-02'
explain="$(cat "$WORK/last.out")"
assert_contains "$explain" "stem en:attack (" "explain: the stem, with its language"
assert_contains "$explain" "term at column 1 matches" "explain: passages per term"
assert_contains "$explain" 'articles must match:  ("attacks" AND "card payments") NOT "kremlin"' \
  "explain: the article-level test, with the exclusion"
assert_contains "$explain" 'passages ranked and shown (any wanted term):  ("attacks" OR "card payments")' \
  "explain: the passages ranked"
assert_contains "$explain" "date: from 2022-02-01 to 2022-02-28" "explain: the date filter"

# Malformed queries: exit 2, one line, with the column; never SQLite's words.
while IFS='|' read -r query column; do
  assert_status 2 "malformed: $query" -- pc search -- "$query"
  err="$(cat "$WORK/last.err")"
  assert_contains "$err" "column $column" "malformed '$query' names column $column"
  assert_eq "$(echo "$err" | wc -l)" "1" "malformed '$query': one line"
  assert_not_contains "$err" "fts5" "malformed '$query': no SQLite text"
done <<'EOF'
attacks AND|9
"card payments|1
(kyiv OR kiev|1
kyiv)|5
NEAR(a b, x)|11
attacks date:2022-13|14
attacks -|9
EOF
assert_status 2 "empty query" -- pc search ''
assert_status 2 "100 KB query" -- pc search "$(head -c 100000 /dev/zero | tr '\0' 'a')"

# show: the whole article, highlighted.
assert_status 0 "show" -- pc show "$kremlin" --highlight attacks --color=always
shown="$(cat "$WORK/last.out")"
assert_contains "$shown" "Kremlin dismisses claims of Russian role in Ukraine bank outages" "show: title"
assert_contains "$shown" "2022-02-16" "show: date"
assert_contains "$shown" $'\e[1;31mattacked\e[0m' "show: highlight in the body"
assert_contains "$shown" $'\e[1;31mattacking\e[0m' "show: every form highlighted"
assert_contains "$(pc show "$kremlin" --format jsonl)" "\"article_id\":$kremlin" "show --format jsonl"
assert_eq "$(pc show "$kremlin" --color=never | tail -n +2 | grep -c 'Kremlin spokesman Anton Verbitsky')" "1" "show: the body"
assert_status 1 "show: no such id" -- pc show 99999
assert_contains "$(cat "$WORK/last.err")" "no article has id 99999" "show: unknown id named"
assert_status 2 "show: not an id" -- pc show twelve
assert_status 2 "show: bad highlight query" -- pc show "$kremlin" --highlight '"open'

finish
