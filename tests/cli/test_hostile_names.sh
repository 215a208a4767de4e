#!/usr/bin/env bash
# test_hostile_names.sh — what presscut prints cannot drive a terminal and names files again: files whose names
# hold a newline, a tab and a byte that is not UTF-8, and whose text holds ANSI escapes (CSI, OSC ended by BEL
# and by ST) and C1 controls (raw, and HTML's &#155;), searched and exported in every format. No output holds
# an ESC, a BEL or a C1 control, and every path printed, unquoted (C-style, as `ls --quoting-style=c`), is
# the real file.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
files="$WORK/files"
mkdir -p "$files"
body() { # the text of every file: escapes and C1 controls in the title and the body
  printf 'Port \033[2Jattack \033]0;owned\007title\n\n'
  printf 'Police \033[31mattacked\033[0m the port \033]8;;http://x\033\\link\033]8;;\033\\ on Monday, '
  printf 'said \xc2\x9b31m the chief \xc2\x85 again.\n'
}
body >"$files/plain.txt"
body >"$files/$(printf 'new\nline.txt')"
body >"$files/$(printf 'tab\there.txt')"
body >"$files/$(printf 'bad\xffbyte.txt')"
printf '%s' '<html><head><title>Port &#155; attack</title></head>' \
  '<body><p>Police attacked &#155;31m the port &#x9b; and &#133; then.</p></body></html>' \
  >"$files/$(printf 'entity\x1b[1m.html')"
# JSON Lines: the escapes come from JSON's \u escapes, after the file's text was cleaned.
printf '%s' '{"title": "Port \u001b]0;owned\u0007attack \u009b title", "text": "Police \u001b[31mattacked' \
  '\u001b[0m the port \u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\ on Monday, said \u009b31m the chief' \
  ' \u0085 again."}' >"$files/feed.jsonl"
assert_status 0 "index the hostile files" -- pc index --no-progress "$files"
assert_contains "$(cat "$WORK/last.out")" "indexed 6 files" "every hostile file is indexed"

# no_controls FILE WHAT: FILE holds no ESC, no BEL and no C1 control (as UTF-8 or as a lone byte 0x80-0x9f
# after 0xc2).
no_controls() {
  local found
  found="$($PY -c '
import re, sys
data = open(sys.argv[1], "rb").read()
bad = [m.group() for m in re.finditer(rb"\x1b|\x07|\xc2[\x80-\x9f]", data)]
print(len(bad))' "$1")"
  assert_eq "$found" "0" "$2: no ESC, BEL or C1 control in the output"
}
# paths_name_files FILE WHAT: every path in FILE (one per line, as printed) unquotes to an existing file, and
# the paths cover the six files.
paths_name_files() {
  local result
  result="$($PY -c '
import codecs, os, sys
ok = 0
for line in open(sys.argv[1], "rb").read().split(b"\n"):
    if not line:
        continue
    if line.startswith(b"\""):
        if not line.endswith(b"\""):
            print("not closed:", line); continue
        name = codecs.escape_decode(line[1:-1])[0]
    else:
        name = line
    if os.path.isfile(name):
        ok += 1
    else:
        print("no such file:", line)
print(ok)' "$1")"
  assert_eq "$result" "6" "$2: every path printed names its file"
}

# text: the path starts the location line of each hit.
pc search -n all --all-copies attack >"$WORK/out.txt" 2>/dev/null
no_controls "$WORK/out.txt" "search (text)"
grep -a ' · id [0-9]' "$WORK/out.txt" | sed 's/^ *//; s/ · .*//' >"$WORK/paths"
paths_name_files "$WORK/paths" "search (text)"
assert_contains "$(cat "$WORK/out.txt")" "\"$files/new\\nline.txt\"" "a newline in a name is printed \\n, quoted"
assert_contains "$(cat "$WORK/out.txt")" "\"$files/bad\\xffbyte.txt\"" "a byte that is not UTF-8 is printed \\xff"
assert_contains "$(cat "$WORK/out.txt")" "\"$files/tab\\there.txt\"" "a tab in a name is printed \\t"
assert_contains "$(cat "$WORK/out.txt")" "$files/plain.txt ·" "a plain name is printed as it is"

# json and jsonl (search), json, jsonl, csv, tsv (export): the "path" field or column.
json_paths() { # FILE: the "path" of every record of a JSON document or JSON Lines
  $PY -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
try:
    docs = [json.loads(text)]
except ValueError:
    docs = [json.loads(l) for l in text.splitlines() if l.strip()]
recs = []
for d in docs:
    recs += d.get("hits", d.get("rows", [d])) if isinstance(d, dict) else d
for r in recs:
    if r.get("path"):
        sys.stdout.buffer.write(r["path"].encode("utf-8") + b"\n")' "$1"
}
for format in json jsonl; do
  pc search -n all --all-copies --format "$format" attack >"$WORK/out.$format" 2>/dev/null
  no_controls "$WORK/out.$format" "search --format $format"
  json_paths "$WORK/out.$format" >"$WORK/paths"
  paths_name_files "$WORK/paths" "search --format $format"
  pc export --all-copies --format "$format" attack >"$WORK/exp.$format" 2>/dev/null
  no_controls "$WORK/exp.$format" "export --format $format"
  json_paths "$WORK/exp.$format" >"$WORK/paths"
  paths_name_files "$WORK/paths" "export --format $format"
done
assert_contains "$(cat "$WORK/out.jsonl")" '"snippet":"Police attacked the port link on Monday, said 31m the chief again."' \
  "the indexer drops escape sequences whole and C1 controls"
for leftover in '[31m' '[0m' ']0;' ']8;;' '[2J'; do
  assert_not_contains "$(cat "$WORK/out.jsonl")" "$leftover" "no '$leftover' left of an escape sequence"
done
for format in csv tsv; do
  pc export --all-copies --format "$format" -o "$WORK/exp.$format" attack 2>/dev/null
  no_controls "$WORK/exp.$format" "export --format $format"
  $PY -c '
import csv, sys
delim = "," if sys.argv[1].endswith("csv") else "\t"
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f, delimiter=delim, quoting=csv.QUOTE_MINIMAL if delim == "," else csv.QUOTE_NONE):
        sys.stdout.buffer.write(row["path"].encode("utf-8") + b"\n")' "$WORK/exp.$format" >"$WORK/paths"
  paths_name_files "$WORK/paths" "export --format $format"
done
pc export --all-copies --format xlsx -o "$WORK/exp.xlsx" attack 2>/dev/null
$PY -c '
import re, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["hits"]
rows = list(ws.iter_rows(values_only=True))
col = rows[0].index("path")
bad = 0
for row in rows[1:]:
    sys.stdout.buffer.write(row[col].encode("utf-8") + b"\n")
    bad += sum(1 for v in row if isinstance(v, str) and re.search("[\x1b\x07\x80-\x9f]", v))
sys.stderr.write("%d\n" % bad)' "$WORK/exp.xlsx" >"$WORK/paths" 2>"$WORK/xlsx.bad"
assert_eq "$(cat "$WORK/xlsx.bad")" "0" "export --format xlsx: no ESC, BEL or C1 control in a cell"
paths_name_files "$WORK/paths" "export --format xlsx"

# mentions as a table, and show.
pc mentions --all-copies --format jsonl attack >"$WORK/men.jsonl" 2>/dev/null
no_controls "$WORK/men.jsonl" "mentions --format jsonl"
json_paths "$WORK/men.jsonl" | sort -u >"$WORK/paths"
paths_name_files "$WORK/paths" "mentions --format jsonl"
: >"$WORK/paths"
for id in $(sql "SELECT id FROM articles ORDER BY id"); do
  pc show "$id" >"$WORK/show.txt" 2>/dev/null
  no_controls "$WORK/show.txt" "show $id"
  grep -a '^path: ' "$WORK/show.txt" | sed 's/^path: *//' >>"$WORK/paths"
done
paths_name_files "$WORK/paths" "show"

# Messages on stderr name the file the same way: a file that cannot be read.
chmod 000 "$files/$(printf 'bad\xffbyte.txt')"
if [ ! -r "$files/$(printf 'bad\xffbyte.txt')" ]; then # root reads it all the same
  pc index --no-progress --force "$files" >/dev/null 2>"$WORK/index.err"
  no_controls "$WORK/index.err" "index messages"
  assert_contains "$(cat "$WORK/index.err")" "\"$files/bad\\xffbyte.txt\": " "an index message quotes the name"
fi
chmod 644 "$files/$(printf 'bad\xffbyte.txt')"
assert_status 2 "a missing file to index" -- pc index --no-progress "$(printf '%s/gone\033[2J\n.txt' "$files")"
no_controls "$WORK/last.err" "an error message"
assert_contains "$(cat "$WORK/last.err")" 'gone\x1b[2J\n.txt' "an error message escapes the name's controls"

finish
