#!/usr/bin/env bash
# test_export.sh — `presscut export` and `search --format csv|tsv|xlsx` on real files (the sample corpus, and
# the seeds and BBC articles of ../shared): every format parses back with a real parser (Python's csv and
# json, openpyxl for xlsx) and holds exactly the hits, in order, of `search -n all --format jsonl`; the body
# offsets point at the matched words in bytes and in characters (Cyrillic too), as search's JSON
# body_highlights do; CSV injection is neutralised
# unless --raw; --bom; the manifest; the stderr notice when -n cuts; errors and exit codes.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
PY=/usr/bin/python3 # Debian's, with openpyxl

# A title that a spreadsheet would run as a formula.
mkdir -p "$WORK/fixture"
printf '=HYPERLINK("http://evil.example","Kyiv")\n\nA note on Kyiv written to test spreadsheet safety.\n' \
  >"$WORK/fixture/formula-title.txt"
assert_status 0 "index the sample corpus and the fixture" -- pc index "$SOURCE/corpus" "$WORK/fixture"

# check_export QUERY [SEARCH OPTIONS...]: every export format against search -n all --format jsonl, and every
# match offset against the article body of `presscut show`. Prints "ok N" (N hits) or what differs.
check_export() {
  "$PY" - "$PRESSCUT" "$DB" "$WORK" "$@" <<'PYEOF'
import csv, io, json, subprocess, sys
import openpyxl
presscut, db, work, query, opts = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
def run(*args):
    return subprocess.run([presscut, "--db", db, *args], capture_output=True, check=False)
want = [json.loads(l) for l in run("search", "-n", "all", "--format", "jsonl", *opts, "--", query).stdout.splitlines()]
want_ids = [h["article_id"] for h in want]
problems = []
def same(what, ids):
    if ids != want_ids:
        problems.append(f"{what}: ids {ids[:8]}... differ from search's {want_ids[:8]}...")
rows = {}
for fmt in ("csv", "tsv", "jsonl", "json"):
    p = run("export", "--format", fmt, *opts, "--", query)
    text = p.stdout.decode("utf-8")
    if fmt in ("csv", "tsv"):
        r = list(csv.DictReader(io.StringIO(text, newline=""), delimiter="," if fmt == "csv" else "\t",
                                quoting=csv.QUOTE_MINIMAL if fmt == "csv" else csv.QUOTE_NONE))
        same(fmt, [int(x["article_id"]) for x in r])
    elif fmt == "jsonl":
        r = [json.loads(l) for l in text.splitlines()]
        same(fmt, [x["article_id"] for x in r])
    else:
        r = json.loads(text)["rows"]
        same(fmt, [x["article_id"] for x in r])
    rows[fmt] = r
for cmd in (["export", "--format", "xlsx"], ["search", "-n", "all", "--format", "xlsx"]):
    out = f"{work}/hits.xlsx"
    run(*cmd, "-o", out, *opts, "--", query)
    sheet = openpyxl.load_workbook(out, read_only=True)["hits"]
    table = list(sheet.iter_rows(values_only=True))
    col = table[0].index("article_id")
    same(" ".join(cmd[:3]), [int(x[col]) for x in table[1:]])
p = run("search", "-n", "all", "--format", "csv", *opts, "--", query)
same("search --format csv", [int(x["article_id"]) for x in csv.DictReader(io.StringIO(p.stdout.decode(), newline=""))])
# Offsets: body[bytes] and body[chars] are the matched words, in jsonl (lists) and csv (compact strings).
bodies = {}
def body(aid):
    if aid not in bodies:
        bodies[aid] = json.loads(run("show", str(aid), "--format", "json").stdout)["body"]
    return bodies[aid]
matches = 0
for j, c in zip(rows["jsonl"], rows["csv"]):
    b = body(j["article_id"])
    raw = b.encode("utf-8")
    pairs = lambda s: [[int(n) for n in x.split("-")] for x in s.split()] if s else []
    if pairs(c["match_bytes"]) != j["match_bytes"] or pairs(c["match_chars"]) != j["match_chars"]:
        problems.append(f"article {j['article_id']}: csv offsets {c['match_bytes']} differ from jsonl's")
    if (c["matched"].split(" | ") if c["matched"] else []) != j["matched"]:
        problems.append(f"article {j['article_id']}: csv matched {c['matched']!r} differs from jsonl's")
    for word, (bs, be), (cs, ce) in zip(j["matched"], j["match_bytes"], j["match_chars"]):
        matches += 1
        if raw[bs:be].decode("utf-8") != word or b[cs:ce] != word:
            problems.append(f"article {j['article_id']}: {word!r} is not at bytes {bs}-{be} "
                            f"({raw[bs:be].decode('utf-8', 'replace')!r}) / chars {cs}-{ce} ({b[cs:ce]!r})")
    if len(j["matched"]) != len(j["match_bytes"]) or len(j["matched"]) != len(j["match_chars"]):
        problems.append(f"article {j['article_id']}: matched and offsets differ in length")
# search's JSON gives the same places in the body (body_highlights, in characters) as the export.
for h, j in zip(want, rows["jsonl"]):
    if h["body_highlights"] != j["match_chars"]:
        problems.append(f"article {h['article_id']}: search body_highlights {h['body_highlights']} differ from "
                        f"export's match_chars {j['match_chars']}")
if not want_ids:
    problems.append("no hits to compare")
if matches == 0:
    problems.append("no match offsets to check")
print("\n".join(problems[:5]) if problems else f"ok {len(want_ids)}")
PYEOF
}

assert_eq "$(check_export kyiv)" "ok 10" "kyiv: every format holds search's hits; offsets point at the words"
assert_eq "$(check_export Київ)" "ok 12" "Київ: offsets in Cyrillic text, bytes and characters"
assert_eq "$(check_export kyiv --passages)" "ok 16" "kyiv --passages: one row per passage"

# CSV safety: the fixture's title starts with '=': a ' goes before it, unless --raw.
safe="$(pc export --format csv 'spreadsheet safety' 2>/dev/null)"
assert_contains "$safe" "'=HYPERLINK" "csv: a formula-like title is neutralised"
raw="$(pc export --format csv --raw 'spreadsheet safety' 2>/dev/null)"
assert_contains "$raw" ',"=HYPERLINK' "csv --raw: the title as written"
assert_not_contains "$raw" "'=HYPERLINK" "csv --raw: nothing put before it"
assert_contains "$(pc export --format tsv 'spreadsheet safety' 2>/dev/null)" "'=HYPERLINK" "tsv: neutralised too"
assert_contains "$(pc export --format jsonl 'spreadsheet safety' 2>/dev/null)" '"title":"=HYPERLINK' "jsonl: the title as written"

# --bom: a UTF-8 byte order mark first, for Excel; none without it.
assert_eq "$(pc export --bom kyiv 2>/dev/null | head -c 3 | od -An -tx1 | tr -d ' ')" "efbbbf" "--bom"
assert_eq "$(pc export kyiv 2>/dev/null | head -c 4)" "rank" "no BOM by default: the header first"

# The manifest: a sidecar for csv with -o, a first record with --with-header, a sheet in xlsx.
assert_status 0 "export -o" -- pc export --since 2022-02 kyiv -o "$WORK/out.csv"
manifest="$("$PY" -c 'import json,sys; m=json.load(open(sys.argv[1]))["presscut_export"]; print(m["query"], m["command"], m["articles"], m["filters"][0]["name"], m["filters"][0]["value"], "fold_diacritics" in m["analyzer"], "time" in json.dumps(m))' "$WORK/out.csv.manifest.json")"
assert_eq "$manifest" "kyiv export $(sql 'SELECT count(*) FROM articles') since 2022-02 True False" \
  "the sidecar states query, command, article count, filters and analyzer, and no time"
assert_eq "$(head -n 1 "$WORK/last.out")" "" "export -o writes nothing to stdout"
assert_contains "$(cat "$WORK/last.err")" "articles match" "export -o reports the count on stderr"
first="$(pc export --format jsonl --with-header kyiv 2>/dev/null | head -n 1)"
assert_contains "$first" '{"presscut_export":' "jsonl --with-header: the manifest first"
assert_contains "$first" '"query":"kyiv"' "... with the query"
pc export --format xlsx -o "$WORK/m.xlsx" kyiv 2>/dev/null
assert_contains "$("$PY" -c 'import openpyxl,sys; print(list(openpyxl.load_workbook(sys.argv[1]).sheetnames), [r for r in openpyxl.load_workbook(sys.argv[1])["query"].iter_rows(values_only=True)][:4])' "$WORK/m.xlsx")" \
  "'query', 'kyiv'" "xlsx: the sheet 'query' holds the manifest"

# The stderr notice when -n cuts output that goes to a pipe or a file; none when every hit is written.
pc search kyiv -n 3 --format jsonl >/dev/null 2>"$WORK/err"
assert_contains "$(cat "$WORK/err")" "showing 3 of 10; -n all for every hit" "search -n 3 to a pipe says it was cut"
pc search kyiv -n all --format jsonl >/dev/null 2>"$WORK/err"
assert_not_contains "$(cat "$WORK/err")" "showing" "search -n all: no notice"
assert_eq "$(pc search kyiv -n all --format jsonl 2>/dev/null | wc -l)" "10" "-n all gives every hit"

# Errors and exit codes: as search (0 found, 1 none, 2 error).
assert_status 2 "-o into a missing folder" -- pc export kyiv -o "$WORK/missing/dir/hits.csv"
assert_contains "$(cat "$WORK/last.err")" "$WORK/missing/dir/hits.csv" "... names the file"
assert_status 2 "search -o into a missing folder" -- pc search kyiv --format csv -o "$WORK/missing/hits.csv"
assert_status 2 "search -o (text) into a missing folder" -- pc search kyiv -o "$WORK/missing/hits.txt"
assert_status 1 "export with no hit" -- pc export zzqqxxnotaword
assert_eq "$(head -n 1 "$WORK/last.out" | cut -d, -f1-3)" "rank,score,article_id" "... still writes the header"
assert_status 2 "an unknown format" -- pc export --format ods kyiv
assert_contains "$(cat "$WORK/last.err")" "xlsx" "... lists the formats"
assert_status 2 "a bad -n" -- pc search kyiv -n lots
assert_contains "$(cat "$WORK/last.err")" "--limit takes a whole number, not 'lots' (or all" "... says a number or all"
assert_status 2 "export without a query" -- pc export

# Real news from ../shared: seeds and BBC, a larger result (bigger than the default -n) and Cyrillic seeds.
DB="$WORK/real.db"
assert_status 0 "index seeds and BBC" -- pc index "$CORPUS/seeds" "$CORPUS/bbc-fulltext"
assert_eq "$(check_export '"mobile phone"' --all-copies)" "ok 86" "\"mobile phone\" --all-copies: the 86 files that say it, in every format, offsets right"
assert_eq "$(check_export Песков)" "ok $(pc search -n all --format jsonl Песков 2>/dev/null | wc -l)" \
  "Песков: Cyrillic offsets on real news"
assert_eq "$(check_export election --all-copies)" "ok $(pc search -n all --all-copies --format jsonl election 2>/dev/null | wc -l)" \
  "election --all-copies"

echo "$checks checks, $failures failures"
[ "$failures" -eq 0 ]
