#!/usr/bin/env bash
# test_repeated_lines.sh — boilerplate rule 3 across files: a closing line one site repeats in its single-
# article files, with no furniture phrase in it, is found once enough of the site's articles have it, removed
# from the files indexed before that (a second pass) and from new files at once; another site's same line,
# and lines too rare to be furniture, stay; re-indexing and pruning keep the counts right.
. "$(dirname "$0")/lib.sh"
site="$WORK/harbour-radio"
other="$WORK/lake-weekly"
mkdir -p "$site" "$other"
story() { # FILE N: an article closing with the station's slogan
  printf 'Story number %s about the lake\n\nThe council met on Monday and agreed item %s of the budget after a long debate about the harbour and its ferries.\n\nIt will meet again next month to discuss the ferry timetable, number %s on the agenda.\n\nHarbour Radio, your voice on the lake\n' "$2" "$2" "$2" >"$1"
}
for i in 1 2 3 4 5; do story "$site/story$i.txt" "$i"; done
printf 'A different story\n\nNothing about the radio here, just a long sentence about the weather on the lake and the boats.\n\nReporting by Anna Berg\n' >"$site/weather.txt"
printf 'Ice on the bay\n\nThe ice on the bay is thicker than in any winter since 2010, the harbour master said on Monday.\n\nHarbour Radio, your voice on the lake\n' >"$other/ice.txt"

assert_status 0 "index two sites" -- pc index "$WORK"
out="$(cat "$WORK/last.out")"
assert_contains "$out" "indexed 7 files (7 articles" "every file indexed once in the counts"
# story1-3 are read before the line is found (in 3 of 3 articles); story4 and story5 lose it as they are read
assert_contains "$out" "3 files indexed again: lines their source repeats were found and removed" "second pass said"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE source = 'harbour-radio' AND instr(body, 'Harbour Radio') > 0")" "0" \
  "the slogan is gone from every file of the site"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE source = 'lake-weekly' AND instr(body, 'Harbour Radio') > 0")" "1" \
  "another site quoting the same line keeps it"
assert_contains "$(sql "SELECT body FROM article_details WHERE path LIKE '%/weather.txt'")" "Reporting by Anna Berg" \
  "a line only one article has stays"
assert_contains "$(sql "SELECT body FROM article_details WHERE path LIKE '%/story3.txt'")" "number 3 on the agenda." \
  "the real last sentence stays"
assert_status 0 "check" -- pc check

# A new file of the site loses the line at once; nothing else is read again.
printf 'New benches on the shore path\n\nVolunteers installed twelve new benches along the lake shore path this week, the parks office said.\n\nHarbour Radio, your voice on the lake\n' >"$site/benches.txt"
assert_status 0 "index the new file" -- pc index "$WORK"
out="$(cat "$WORK/last.out")"
assert_contains "$out" "indexed 1 file (1 article" "only the new file"
assert_not_contains "$out" "indexed again" "no second pass needed"
assert_eq "$(sql "SELECT instr(body, 'Harbour Radio') FROM article_details WHERE path LIKE '%/benches.txt'")" "0" \
  "known repeated line removed from the new file"

# A text that is nothing but the slogan keeps it (a body is never emptied), and is not read again and again.
printf 'Station note\n\nHarbour Radio, your voice on the lake\n' >"$site/note.txt"
assert_status 0 "index the slogan-only file" -- pc index "$WORK"
assert_contains "$(sql "SELECT body FROM article_details WHERE path LIKE '%/note.txt'")" "Harbour Radio" \
  "a body made only of the line keeps it"

# Unchanged files are not read again; a removed file takes its lines' counts with it.
assert_status 0 "index again" -- pc index "$WORK"
assert_contains "$(cat "$WORK/last.out")" "indexed 0 files (0 articles, 0 passages), 9 unchanged" "nothing changed"
assert_not_contains "$(cat "$WORK/last.out")" "indexed again" "no file is cleaned twice"
rm "$site/story1.txt"
assert_status 0 "prune" -- pc index --prune "$WORK"
assert_eq "$(sql "SELECT count(*) FROM edge_lines WHERE article_id NOT IN (SELECT id FROM articles)")" "0" \
  "no edge lines of removed articles"
assert_status 0 "check after prune" -- pc check
finish
