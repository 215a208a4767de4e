#!/usr/bin/env bash
# test_ingest_header_block.sh — `presscut index` on plain-text files that open with a bare header block
# (an id, a language code, a date, a url, then the title), as the raw files of
# ../shared/corpus/bsnlp-slavic-news are written. For two files of every raw/<language> folder and the odd
# ones (a Unix time, an empty date line, the 1970-01-01 placeholder, "cz" for Czech, an id with a space and
# no url): the stored date, url, language and source equal what a plain reading of the file's first five
# lines gives; the title is the fifth line (or, when that is a paragraph of over 200 characters, the
# paragraph opens the body); the body starts with none of the header lines. BBC files keep their titles.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
bsnlp="$CORPUS/bsnlp-slavic-news"

files="$WORK/files"
for dir in $(find "$bsnlp" -path '*/raw/*' -type d | LC_ALL=C sort); do
  find "$dir" -maxdepth 1 -name '*.txt' | LC_ALL=C sort | head -2
done >"$files"
for odd in ec/raw/uk/file_449_ua.txt trump/raw/cs/file_101.txt ryanair/raw/cs/ryanair_CZ-new.xml_file_2007.txt \
  ec/raw/uk/file_389_ua.txt ryanair/raw/pl/pl-ryanair-eiki.txt; do
  echo "$bsnlp/$odd"
done >>"$files"
LC_ALL=C sort -u -o "$files" "$files"
n_files=$(wc -l <"$files")
[ "$n_files" -gt 80 ] || fail "sample: only $n_files files found under $bsnlp"

assert_status 0 "index the sample" -- xargs -d '\n' "$PRESSCUT" --db "$DB" index <"$files"
assert_contains "$(cat "$WORK/last.out")" "indexed $n_files files ($n_files articles" "one article per file"

# what the file's first five lines say: id, language, date, url, title (BOM and CR dropped, spaces collapsed)
expected() {
  LC_ALL=C awk 'NR == 1 { sub(/^\xef\xbb\xbf/, "") }
       { gsub(/\r/, ""); gsub(/[ \t]+/, " "); sub(/^ /, ""); sub(/ $/, "") }
       NR <= 5 { print } NR == 5 { exit }' "$1"
}

# every stored article of the sample: one query per field (path<TAB>value; empty values survive)
declare -A s_date s_url s_lang s_source s_title s_body
read_field() {
  local -n into="$1"
  while IFS=$'\t' read -r path value; do into["$path"]="$value"; done < <(sql "SELECT path, $2 FROM article_details")
}
read_field s_date "coalesce(published, '')"
read_field s_url "coalesce(url, '')"
read_field s_lang "lang"
read_field s_source "source"
read_field s_title "coalesce(title, '')"
read_field s_body "replace(replace(substr(body, 1, 400), char(10), ' '), char(9), ' ')"

checked=0
while IFS= read -r file; do
  mapfile -t head_lines < <(expected "$file")
  id="${head_lines[0]}" lang="${head_lines[1]}" date="${head_lines[2]}" url="${head_lines[3]}" title="${head_lines[4]}"
  case "$lang" in ua) lang=uk ;; cz) lang=cs ;; esac
  if [[ "$date" =~ ^[0-9]{9,10}$ ]]; then date="$(date -u -d "@$date" +%F)"; else date="${date:0:10}"; fi
  [ "$date" = "1970-01-01" ] && date=""
  # the source: the url's host, else the folder
  host="${url#*://}" host="${host%%/*}" host="${host#www.}"
  [ -n "$url" ] || host="$(basename "$(dirname "$file")")"
  assert_eq "${s_date[$file]:-}|${s_url[$file]:-}|${s_lang[$file]:-}|${s_source[$file]:-}" \
    "$date|$url|$lang|$host" "$file: date|url|language|source"
  stored_title="${s_title[$file]:-}" body="${s_body[$file]:-}"
  if [ "${#title}" -gt 200 ]; then
    # a paragraph, not a headline: it opens the body, and the title is its first sentence or none
    assert_eq "${body:0:40}" "${title:0:40}" "$file: the long fifth line opens the body"
    [ -z "$stored_title" ] || [ "${title#"$stored_title"}" != "$title" ] || fail "$file: title '$stored_title'"
  # the indexer may cut a site name off the end of the title, never its start
  elif [ -n "$stored_title" ] && [ "${title#"$stored_title"}" != "$title" ]; then pass; else
    fail "$file: title '$stored_title' is not the fifth line '$title'"; fi
  [ -z "$url" ] || assert_not_contains "$body" "$url" "$file: the url is not in the body"
  case "$body" in
    "$id "* | "${head_lines[1]} "* | "${head_lines[2]} "*) fail "$file: the body starts with a header line: $body" ;;
    *) pass ;;
  esac
  checked=$((checked + 1))
done <"$files"
assert_eq "$checked" "$n_files" "every file checked"

# no header line stays in any body: no body starts with an id, a language code or a date line
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE body GLOB '[a-z][a-z]
*' OR body GLOB 'http*'")" "0" "no body starts with a language code or a url"

# the dates serve date filters: date:2018 finds exactly the 2018 hits of the unfiltered search
dates_of() { pc search -n 5000 --all-copies --format jsonl "$@" 2>/dev/null | sed 's/.*"date":\("[^"]*"\|null\).*/\1/'; }
in_2018="$(dates_of ryanair | grep -c '"2018-')"
[ "$in_2018" -gt 5 ] || fail "too few ryanair articles dated 2018 in the sample: $in_2018"
assert_eq "$(dates_of 'ryanair date:2018' | grep -c '"2018-')" "$in_2018" "date:2018 finds the 2018 articles"
assert_eq "$(dates_of 'ryanair date:2018' | grep -vc '"2018-')" "0" "...and no other"

# BBC files: title line, then body; the first line stays the title
bbc="$CORPUS/bbc-fulltext/bbc/business"
assert_status 0 "index BBC files" -- pc index "$bbc/001.txt" "$bbc/002.txt"
assert_eq "$(sql "SELECT title FROM article_details WHERE path LIKE '%/business/001.txt'")" \
  "Ad sales boost Time Warner profit" "a BBC title"
assert_eq "$(sql "SELECT coalesce(published, 'none') FROM article_details WHERE path LIKE '%/business/002.txt'")" \
  "none" "a BBC file has no date"
finish
