#!/usr/bin/env bash
# test_repeated_lines_early.sh — lines a source repeats are removed from the articles read after they are
# found, in the same run, and only the few files read before are indexed again; the result equals indexing
# with the lines known from the start (--force over the finished index), on real news (Reuters-21578 bodies
# written one per file, each closing with "Reuter"); a line found repeated early that turns out rare keeps
# its place everywhere; a run that makes a line repeated cleans the articles of earlier runs.
. "$(dirname "$0")/lib.sh"

# A line in the first 4 of 14 articles (29%): repeated by the first 3, not by the whole source.
early="$WORK/early/valley-news"
mkdir -p "$early"
for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14; do
  {
    printf 'Valley story %s\n\nThe valley council agreed item %s of the budget after a long debate about roads and bridges.\n' "$i" "$i"
    case "$i" in 01 | 02 | 03 | 04) printf '\nWeekend edition\n' ;; esac
  } >"$early/story$i.txt"
done
assert_status 0 "index a line repeated only at first" -- pc index "$WORK/early"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE instr(body, 'Weekend edition') > 0")" "4" \
  "a line 29% of the source has stays in all 4 articles, story04 included (removed at first, then mended)"
assert_contains "$(cat "$WORK/last.out")" "1 file indexed again" "only story04 is read again"
assert_eq "$(sql "SELECT count(*) FROM edge_lines WHERE kept = 0")" "0" "no line is recorded as removed"

# An earlier run's articles lose a line a later run makes repeated.
rm -f "$DB"
late="$WORK/late/harbour-radio"
mkdir -p "$late"
story() { # FILE N
  printf 'Story number %s about the lake\n\nThe council met on Monday and agreed item %s of the budget after a long debate about the harbour.\n\nHarbour Radio, your voice on the lake\n' "$2" "$2" >"$1"
}
story "$late/a1.txt" 1
story "$late/a2.txt" 2
assert_status 0 "index two articles with the slogan" -- pc index "$WORK/late"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE instr(body, 'Harbour Radio') > 0")" "2" "2 articles: not repeated yet"
for i in 3 4 5; do story "$late/b$i.txt" "$i"; done
assert_status 0 "index three more" -- pc index "$WORK/late"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE instr(body, 'Harbour Radio') > 0")" "0" \
  "the slogan is gone from the earlier run's articles too"
assert_contains "$(cat "$WORK/last.out")" "indexed 3 files" "the new files counted once"

# Real news: every Reuters file read after the third loses "Reuter" as it is read.
require_shared_corpus
rm -f "$DB"
wire="$WORK/wire/reuters"
mkdir -p "$wire"
python3 - "$CORPUS/reuters21578/reut2-000.sgm" "$wire" <<'PY'
import html, re, sys
text = open(sys.argv[1], encoding='latin-1').read()
for n, body in enumerate(re.findall(r'<BODY>(.*?)</BODY>', text, re.S)[:400]):
    open(f'{sys.argv[2]}/{n:04d}.txt', 'w', encoding='utf-8').write(html.unescape(body).replace('\x03', ''))
PY
closing="$(for f in "$wire"/*.txt; do tail -n 1 "$f"; echo; done | grep -ci '^ *Reuter *$')"
assert_status 0 "index 400 Reuters articles" -- pc index "$WORK/wire"
out="$(cat "$WORK/last.out")"
assert_contains "$out" "indexed 400 files" "all read"
assert_contains "$out" "3 files indexed again" "only the files read before the line was found are read again"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE body LIKE '%' || char(10) || 'Reuter'")" "0" \
  "no body ends with the sign-off on a line of its own (LIKE ignores case)"
assert_eq "$(sql "SELECT count(*) FROM edge_lines e JOIN articles a ON a.id = e.article_id WHERE e.kept = 0")" \
  "$(sql "SELECT count(*) FROM edge_lines WHERE kept = 0")" "every removed line belongs to an article"
[ "$closing" -gt 380 ] && pass || fail "most of the files close with Reuter ($closing)"
sql "SELECT path, lang, body FROM article_details ORDER BY path" >"$WORK/bodies.early"
sql "SELECT a.path, p.seq, p.start_byte, p.end_byte FROM passages p JOIN article_details a ON a.id = p.article_id ORDER BY 1, 2" >"$WORK/passages.early"
sql "SELECT a.path, e.line_key, e.kept FROM edge_lines e JOIN article_details a ON a.id = e.article_id ORDER BY 1, 2" >"$WORK/lines.early"
pc search -n 50 --format tsv 'oil prices' | cut -f1,2,4-11,13- >"$WORK/search.early" # without article ids
# The same files indexed again with the line known from the start.
assert_status 0 "index again with the line known" -- pc index --force "$WORK/wire"
assert_not_contains "$(cat "$WORK/last.out")" "indexed again" "nothing left to mend"
sql "SELECT path, lang, body FROM article_details ORDER BY path" >"$WORK/bodies.known"
sql "SELECT a.path, p.seq, p.start_byte, p.end_byte FROM passages p JOIN article_details a ON a.id = p.article_id ORDER BY 1, 2" >"$WORK/passages.known"
sql "SELECT a.path, e.line_key, e.kept FROM edge_lines e JOIN article_details a ON a.id = e.article_id ORDER BY 1, 2" >"$WORK/lines.known"
pc search -n 50 --format tsv 'oil prices' | cut -f1,2,4-11,13- >"$WORK/search.known" # without article ids
for what in bodies passages lines search; do
  if cmp -s "$WORK/$what.early" "$WORK/$what.known"; then pass; else
    fail "$what differ from indexing with the line known: $(diff "$WORK/$what.early" "$WORK/$what.known" | head -5)"; fi
done
[ "$(wc -l <"$WORK/search.known")" -gt 10 ] && pass || fail "the search finds articles"
finish
