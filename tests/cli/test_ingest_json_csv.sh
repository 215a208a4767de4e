#!/usr/bin/env bash
# test_ingest_json_csv.sh — `presscut index` on JSON Lines, JSON and CSV: the sample feeds in corpus/feeds
# index without a warning and with their fields; the malformed fixtures in tests/fixtures/ingest/{json,csv}
# give warnings with their lines and keep their good records; --map picks other keys; a bad --map exits 2
# naming the column; the real 10kGNAD CSV (no header, ';' and '\'') reads whole when ../shared is there.
. "$(dirname "$0")/lib.sh"
feeds="$SOURCE/corpus/feeds"
fixtures="$SOURCE/tests/fixtures/ingest"

# --- the sample feeds: no warnings at all ---
assert_status 0 "index the sample feeds" -- pc index "$feeds"
assert_contains "$(cat "$WORK/last.out")" "indexed 2 files (10 articles" "2 files, 10 articles"
assert_eq "$(cat "$WORK/last.err")" "" "the sample feeds index without a message"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE path LIKE '%/wire-digest.jsonl'")" "6" "jsonl articles"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE path LIKE '%/monitoring-export.csv'")" "4" "csv articles"
assert_eq "$(sql "SELECT lang || ' ' || count(*) FROM articles GROUP BY lang ORDER BY lang")" \
  "$(printf 'de 1\nen 5\nfr 1\nru 1\nuk 2')" "languages"
assert_eq "$(sql "SELECT record || '|' || published || '|' || source || '|' || lang FROM article_details WHERE path LIKE '%/wire-digest.jsonl' ORDER BY id")" \
  "$(printf '%s\n' 'line 1|2022-02-17|Northgate Wire|en' 'line 2|2022-02-18|Московский вестовой|ru' \
    'line 3|2022-02-18|Вечірній дзвін|uk' 'line 4|2022-02-20|Lakeshore Observer|en' \
    'line 5|2022-02-19|Вечірній дзвін|uk' 'line 6|2022-02-21|The Kyiv Lantern|en')" \
  "jsonl records: ISO, Unix seconds, RFC 2822, Unix ms, dd.mm.yyyy and 'February 21, 2022' dates; nested source"
assert_eq "$(sql "SELECT tags FROM articles WHERE title LIKE 'Volunteers map%'")" \
  "keyword:shelters; keyword:Podil; keyword:volunteers" "keywords string made tags"
assert_eq "$(sql "SELECT tags FROM articles WHERE title LIKE 'Port of Odesa%'")" "tag:grain; tag:shipping" "tags array"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE title = 'Volunteers map every bomb shelter in Podil' AND body LIKE 'KYIV — A group%locked.' || char(10) || char(10) || 'The group, led by%' || char(10) || char(10) || 'District officials%'")" \
  "1" "a text array becomes paragraphs"
assert_eq "$(sql "SELECT url FROM articles WHERE title LIKE 'Lakeshore ferry%'")" \
  "https://lakeshore-observer.example/local/ferry-ice" "'link' is the url"
assert_eq "$(sql "SELECT record || '|' || published || '|' || source || '|' || lang || '|' || tags FROM article_details WHERE path LIKE '%/monitoring-export.csv' ORDER BY id")" \
  "$(printf '%s\n' 'line 2|2022-02-16|Eastbridge Gazette|en|category:local' \
    'line 5|2022-02-17|Lindenhafener Tageblatt|de|category:economy' \
    'line 7|2022-02-18|L’Écho de Valbrune|fr|category:culture' \
    'line 10|2022-02-21|Northgate Wire|en|category:technology')" "csv rows: first lines, dd.mm.yyyy dates, sources"
assert_eq "$(sql "SELECT title FROM articles WHERE record = 'line 10' AND source = 'Northgate Wire'")" \
  "Hosting firm says it blocked 2,000 fake login attempts a minute" "a quoted title with a comma"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE title LIKE 'Council approves flood wall, but not the budget' AND body LIKE '%pay for it.' || char(10) || char(10) || 'Councillor Maeve Doran said%\"overdue by ten years\".'")" \
  "1" "a quoted body with a blank line and doubled quotes"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE title LIKE 'Stadtwerke%' AND body LIKE '%unverändert.' || char(10) || 'Ein Sprecher%'")" \
  "1" "a single newline inside a quoted body is kept"
assert_contains "$(pc search 'рятувальники')" "На Закарпатті рятувальники розчистили перевал" "search finds a jsonl article"
assert_contains "$(pc search 'médiathèque')" "la médiathèque rouvre" "search finds a csv article"
assert_status 0 "check" -- pc check

# --- malformed fixtures ---
assert_status 0 "index the fixtures" -- pc index "$fixtures/json" "$fixtures/csv"
err="$(cat "$WORK/last.err")"
assert_contains "$err" "bad-lines.jsonl:3: warning: not valid JSON: " "the broken line 3"
assert_contains "$err" "(column 121)" "with its column"
assert_contains "$err" "bad-lines.jsonl:5: warning: record has no text (keys: title, author, date); skipped" "line 5 without text"
assert_contains "$err" "truncated.json: skipped: not valid JSON at line 3, column" "the truncated .json is skipped whole"
assert_contains "$err" "bad-rows.csv:3: warning: row has 2 fields, the header has 4; skipped" "the short row"
assert_contains "$err" "bad-rows.csv:5: warning: quote opened here is never closed; the rest of the file (lines 5-6) is not read" \
  "the unterminated quote"
assert_contains "$err" "no-text-column.csv: skipped: no column holds the article text: the header has 'headline', 'summary', 'when'; name it with --map text=COLUMN" \
  "no text column"
assert_eq "$(sql "SELECT record FROM article_details WHERE path LIKE '%/bad-lines.jsonl' ORDER BY id" | tr '\n' ' ')" \
  "line 1 line 2 line 4 line 6 " "the good lines of the bad jsonl are indexed"
assert_eq "$(sql "SELECT title FROM article_details WHERE path LIKE '%/bad-rows.csv' ORDER BY id" | tr '\n' '|')" \
  "Water main repaired|School roof fixed|" "the good rows before the unclosed quote are indexed"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE path LIKE '%/truncated.json' OR path LIKE '%/no-text-column.csv'")" \
  "0" "nothing from the files skipped whole"
assert_eq "$(sql "SELECT record || '|' || source || '|' || published FROM article_details WHERE path LIKE '%/newsapi.json' ORDER BY id" | tr '\n' ' ')" \
  "record 1|Fixture News|2022-03-07 record 2|Fixture News|2022-03-08 " "NewsAPI wrapper: records, source names, dates"
assert_eq "$(sql "SELECT body || '|' || coalesce(published, 'none') FROM article_details WHERE path LIKE '%/mapped-keys.jsonl' AND record = 'line 1'")" \
  "Teaser: a crane fell.|none" "without --map: the 'text' key, no date"

# --- --map ---
DB="$WORK/mapped.db"
assert_status 0 "index with --map" -- pc index --map text=article_body,date=pub_ts "$fixtures/json/mapped-keys.jsonl"
assert_eq "$(cat "$WORK/last.err")" "" "no warning with --map"
assert_eq "$(sql "SELECT published || '|' || source || '|' || pc_body(body) FROM articles JOIN bodies ON article_id = id WHERE record = 'line 1'")" \
  "2022-03-01|Mapped Wire|A harbour crane toppled into the water during Tuesday night's gale. Nobody was hurt, the port authority said." \
  "--map text=article_body,date=pub_ts"
assert_eq "$(sql "SELECT published FROM articles WHERE record = 'line 2'")" "2022-03-02" "pub_ts of line 2"
DB="$WORK/badmap.db"
assert_status 2 "a bad --map" -- pc index --map text=article_body,colour=red "$fixtures/json/mapped-keys.jsonl"
assert_contains "$(cat "$WORK/last.err")" "unknown field 'colour' at column 19" "the bad --map names its column"
assert_status 2 "a --map without '='" -- pc index --map text "$fixtures/json/mapped-keys.jsonl"
assert_contains "$(cat "$WORK/last.err")" "expected FIELD=KEY at column 1" "the --map without '=' names its column"
[ -e "$DB" ] && [ "$(sql 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)" != "0" ] && fail "a bad --map indexed something" || pass

# --- the real 10kGNAD test split and the sentence-split JSON of ukraine-news-bias-2014 ---
if have_shared_corpus; then
  DB="$WORK/gnad.db"
  gnad="$CORPUS/10kgnad-de/test.csv"
  assert_status 0 "index 10kGNAD" -- pc index "$gnad"
  assert_contains "$(cat "$WORK/last.out")" "indexed 1 file (1028 articles" "all 1,028 rows"
  assert_eq "$(grep -c . "$WORK/last.err")" "1" "one message"
  assert_contains "$(cat "$WORK/last.err")" "test.csv:1: warning: no header row (the first row holds text): columns are numbered, the text is column 2" \
    "the headerless file is said"
  assert_eq "$(sql "SELECT lang || ' ' || count(*) FROM articles GROUP BY lang ORDER BY count(*) DESC LIMIT 1")" "de 1028" "German"
  assert_eq "$(sql "SELECT count(*) FROM article_details WHERE body LIKE '''%' OR body LIKE '%'''")" "0" "the quotes are removed"

  # One object per file whose text is a list of sentence objects: one article per file, not per sentence.
  DB="$WORK/bias.db"
  assert_status 0 "index ukraine-news-bias-2014" -- pc index "$CORPUS/ukraine-news-bias-2014"
  assert_contains "$(cat "$WORK/last.out")" "indexed 90 files (90 articles" "one article per file"
  assert_eq "$(sql "SELECT substr(body, 1, 80) FROM article_details WHERE path LIKE '%/article_0.json'")" \
    "Russia claims thousands fleeing Ukraine Russia says 143,000 Ukrainians have alre" "sentences joined in order"
  assert_eq "$(sql "SELECT count(*) FROM article_details WHERE body LIKE '%article_0 %'")" "0" "sentence ids are not text"
fi
finish
