#!/usr/bin/env bash
# test_wrapped_export.sh — hard-wrapped text in a JSON Lines export (a blank line after every line, as TIME
# and many converted archives are) is rejoined into paragraphs before boilerplate removal and passage cutting:
# wrapped lines a source repeats at its articles' starts and wrapped lines holding a furniture phrase as
# part of a sentence are real content and stay searchable; an export of short one-line paragraphs is left
# as it is; and the TIME collection as one export keeps the TIME reader's words, article by article.
. "$(dirname "$0")/lib.sh"

# Four articles of one source, each opening with the same wrapped line, one with "share one" (the phrase
# "share on") on a short wrapped line. Every line ends mid-sentence; lines are separated by blank lines.
export_file="$WORK/wire/export.jsonl"
mkdir -p "$WORK/wire"
opening='FROM OUR CORRESPONDENT IN THE CAPITAL, WHERE THE TALKS ON THE\n\n'
line() { printf '%s' "$1\\n\\n"; }
{
  middles=("NEW FEDERATION WENT INTO THEIR TENTH WEEK, THE DELEGATES STILL ARGUED OVER DUES AND"
           "BORDER DISPUTE BROKE DOWN, THE ARMY MOVED TWO BRIGADES TOWARD THE RIVER AND CLOSED"
           "NEW BUDGET DRAGGED ON, THE FINANCE MINISTER RESIGNED IN ANGER OVER TAXES ON COFFEE AND")
  endings=("THE FISHING RIGHTS OF THE SMALLER ISLANDS ." "EVERY BRIDGE BUT ONE ." "TEA FROM THE HILLS .")
  for n in 1 2 3; do
    printf '{"id": "%s", "text": "%s' "$n" "$opening"
    line "${middles[n - 1]}"
    printf '%s"}\n' "${endings[n - 1]}"
  done
  printf '{"id": "4", "text": "%s' "$opening"
  line "NEW FEDERATION AGREED THAT THE PEOPLE OF ALL THE ISLANDS WOULD"
  line "SHARE ONE NATIONALITY, BUT EACH OF THE THREE REGIONS WOULD BE"
  printf '%s"}\n' "FREE TO KEEP ITS OWN COURTS AND ITS OWN SCHOOLS ."
  printf '%s\n' '{"id": "5", "text": "Short lines.\n\nEach one a paragraph.\n\nNot wrapped at all."}'
} >"$export_file"

assert_status 0 "index the export" -- pc index "$export_file"
assert_not_contains "$(cat "$WORK/last.out")" "boilerplate" "no line of the wrapped text is taken for furniture"
assert_status 0 "search the repeated opening line" -- pc search --format jsonl -n 10 -- correspondent capital
assert_eq "$(grep -c '"rank"' "$WORK/last.out")" "4" "the opening line every article shares is found in all four"
assert_status 0 "search the furniture phrase inside a sentence" -- pc search --format jsonl -- nationality
assert_contains "$(cat "$WORK/last.out")" '"record":"line 4"' "the line with 'share one' is searchable"
assert_eq "$(sql "SELECT body FROM article_details WHERE record = 'line 1'")" \
  "FROM OUR CORRESPONDENT IN THE CAPITAL, WHERE THE TALKS ON THE NEW FEDERATION WENT INTO THEIR TENTH WEEK, THE DELEGATES STILL ARGUED OVER DUES AND THE FISHING RIGHTS OF THE SMALLER ISLANDS ." \
  "wrapped lines joined into one paragraph"
assert_eq "$(sql "SELECT count(*) FROM passages p JOIN articles a ON a.id = p.article_id WHERE a.record = 'line 1'")" \
  "1" "one passage for one paragraph"
assert_eq "$(sql "SELECT body FROM article_details WHERE record = 'line 5'")" \
  'Short lines.\n\nEach one a paragraph.\n\nNot wrapped at all.' "short one-line paragraphs stay paragraphs"

# TIME.ALL as one export, {id, text} per article with the text as in the file: the same articles and words
# as through the TIME reader (white space aside; paragraph breaks only where a short line ends a sentence).
require_shared_corpus
awk 'function flush() { if (id != "") printf "{\"id\": \"%s\", \"text\": \"%s\"}\n", id, text }
     /^\*TEXT/ { flush(); id = $2; text = ""; next }
     { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); text = text $0 "\\n" }
     END { flush() }' "$CORPUS/time/TIME.ALL" >"$WORK/time.jsonl"
assert_eq "$(wc -l <"$WORK/time.jsonl" | tr -d ' ')" "423" "one export line per TIME article"
words() { sed 's/\\n/ /g; s/  */ /g; s/ $//'; }
DB="$WORK/time_reader.db"
assert_status 0 "index TIME.ALL through its reader" -- pc index "$CORPUS/time/TIME.ALL"
sql "SELECT body FROM article_details ORDER BY id" | words >"$WORK/reader.txt"
DB="$WORK/time_export.db"
assert_status 0 "index the TIME export" -- pc index "$WORK/time.jsonl"
sql "SELECT body FROM article_details ORDER BY id" | words >"$WORK/export.txt"
assert_eq "$(wc -l <"$WORK/export.txt" | tr -d ' ')" "423" "every exported article indexed"
if cmp -s "$WORK/reader.txt" "$WORK/export.txt"; then pass; else
  fail "the export's words differ from the reader's: $(diff "$WORK/reader.txt" "$WORK/export.txt" | head -c 600)"
fi
finish
