#!/usr/bin/env bash
# test_hostile_inputs.sh — files made to hurt an indexer: deep nesting (10^5 HTML tags, a 10^6-deep JSON
# line), an unterminated CSV quote, symbolic-link loops, file names with a newline or invalid UTF-8, ANSI
# escapes and C1 controls in every field, NUL bytes, UTF-16 with and without a byte-order mark, a zero-byte
# and a binary file, a 20 MB line, overlong UTF-8 and surrogates, a file replaced by a folder between runs
# and an unreadable file. For each: the exit status the README documents, a message naming the file (and
# line), the index consistent, earlier work kept, and the good parts searchable; every run is bounded in
# time (`timeout`, and the ctest TIMEOUT) and in peak memory (/usr/bin/time, a looser bound under ASan).
. "$(dirname "$0")/lib.sh"

# Peak memory bounds in KB: release, and an AddressSanitizer build (shadow memory, quarantine, redzones).
if grep -qa __asan_init "$PRESSCUT"; then small_kb=400000; big_kb=1200000; else small_kb=100000; big_kb=250000; fi
limit_s=120

# measured MAX_KB WHAT ARGS...: runs presscut on the index within $limit_s seconds and MAX_KB of peak
# memory; its status in $status, its output in $WORK/last.out and $WORK/last.err.
measured() {
  local max_kb="$1" what="$2"; shift 2
  timeout "$limit_s" /usr/bin/time -f '%M' -o "$WORK/peak" "$PRESSCUT" --db "$DB" "$@" >"$WORK/last.out" 2>"$WORK/last.err"
  status=$?
  [ "$status" -ne 124 ] && pass || fail "$what: still running after $limit_s s"
  local peak
  peak="$(tail -n 1 "$WORK/peak")"
  echo "$what: exit $status, peak $peak KB" >&2
  [ "${peak:-0}" -le "$max_kb" ] 2>/dev/null && pass || fail "$what: peak memory $peak KB over $max_kb KB"
}
hits() { # hits QUERY: how many articles match (copies of one story counted one by one)
  pc search --all-copies -n 0 "$1" 2>&1 | grep -o '^[0-9]* articles\? match' | grep -o '^[0-9]*' || echo 0
}
assert_consistent() {
  assert_status 0 "$1: check" -- pc check
  assert_eq "$(sql 'PRAGMA integrity_check')" "ok" "$1: integrity_check"
}

# Earlier work, to be kept through everything below.
mkdir -p "$WORK/earlier"
printf 'Harbour works\n\nThe zanzibarian ferry returns to the harbour on Monday.\n' >"$WORK/earlier/ferry.txt"
assert_status 0 "earlier work" -- pc index --no-progress "$WORK/earlier"

h="$WORK/hostile"
mkdir -p "$h"
/usr/bin/python3 - "$h" <<'PY'
import csv, io, json, os, sys
h = sys.argv[1]
def write(name, data):
    with open(os.path.join(h, name) if isinstance(name, str) else os.path.join(h.encode(), name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())
write('deep.html', '<html><head><title>Deep page</title></head><body>' + '<div>' * 100000
      + '<p>The abyssal trench story sits under a hundred thousand tags.</p>' + '</div>' * 100000 + '</body></html>')
write('deep.jsonl', '[' * 1000000 + '\n'
      + json.dumps({'title': 'After the deep line', 'text': 'A bathyscaphe record follows the deep line.'}) + '\n')
write('unterminated.csv', 'title,text\n"Good row","The gondolier row is fine."\n'
      '"Bad row","This quote is never closed\nand the rest\nof the file\n')
# ANSI escapes (CSI, OSC) and C1 controls (U+009B CSI, U+0085 NEL) around the words of every field.
def hostile(s):
    return '\x1b[31m' + s + '\x1b[0m\u009b2J\u0085\x1b]0;pwned\x07 tail'
rec = {'title': hostile('Escaped okapi title'), 'text': hostile('The okapi body of a JSON record.'),
       'date': hostile('2021-03-04'), 'source': hostile('Escape Source'), 'url': hostile('http://x.example/a'),
       'keywords': [hostile('okapi keyword')], 'author': hostile('Mallory')}
write('escapes.jsonl', json.dumps(rec) + '\n')
write('escapes.json', json.dumps([rec]))
out = io.StringIO()
w = csv.writer(out, lineterminator='\n')
w.writerow(['title', 'text', 'date', 'source', 'url'])
w.writerow([hostile('Escaped okapi title'), hostile('The okapi body of a CSV row.'), hostile('2021-03-05'),
            hostile('Escape Source'), hostile('http://y.example')])
write('escapes.csv', out.getvalue())
write('escapes.html', '<html><head><title>' + hostile('Escaped okapi title') + '</title><meta name="author" content="'
      + hostile('Mallory') + '"></head><body><h1>' + hostile('Heading') + '</h1><p>'
      + hostile('The okapi body of an HTML page, long enough to be its text.') + '</p><p>&#155;2J &#27;[31m'
      + ' entities okapi &#133;</p></body></html>')
write('escapes.txt', hostile('Escaped okapi title') + '\n\n' + hostile('The okapi body of a text file.') + '\n')
write('nul.txt', b'Title\n\nA body with a NUL \x00 byte.\n')
for name, enc, bom in (('utf16le.txt', 'utf-16-le', True), ('utf16be.txt', 'utf-16-be', True),
                       ('utf16le-nobom.txt', 'utf-16-le', False), ('utf16be-nobom.txt', 'utf-16-be', False)):
    text = 'Sixteen bits\n\nThe ' + name.split('.')[0].replace('-', ' ') + ' narwhal text, Привіт світ.\n'
    write(name, (('\ufeff' if bom else '') + text).encode(enc))
write('zero.txt', b'')
write('binary.txt', bytes(range(256)) * 64)
write('overlong.txt', 'Broken bytes — a title\n\nThe axolotl text has '.encode()
      + b'an overlong slash \xc0\xaf, \xe0\x80\xaf, a lone surrogate \xed\xa0\x80 and \xed\xbf\xbf in it.\n')
write('name\nwith newline.txt', 'Newline name\n\nThe quetzal file has a newline in its name.\n')
write(b'bad\xff\xfename.txt', b'Bad name\n\nThe tapir file has invalid UTF-8 in its name.\n')
os.symlink('.', os.path.join(h, 'loop'))
os.symlink('loop-b', os.path.join(h, 'loop-a'))
os.symlink('loop-a', os.path.join(h, 'loop-b'))
PY
# The 20 MB line goes to an index of its own: `check` reads every passage of an article with a copy of its
# whole body, hours for one of 20 MB.
mkdir -p "$WORK/big"
/usr/bin/python3 -c "import sys; open(sys.argv[1], 'w').write('Big line ' + 'a pangolin walks ' * 1200000 + '\n')" \
  "$WORK/big/line.txt"

measured "$big_kb" "index the hostile folder" index --no-progress --follow "$h"
assert_eq "$status" "0" "a run with bad files completes (exit 0)"
err="$(cat "$WORK/last.err")"
out="$(cat "$WORK/last.out")"
assert_contains "$out" "indexed 15 files (15 articles" "every readable file indexed"
assert_contains "$out" "3 skipped, 3 failed" "skipped: the NUL, binary and empty files; failed: the 3 loops"
# Each bad file named, with its line where it has one (a link to its own folder, two links to each other).
for message in "deep.jsonl:1: warning: not valid JSON" \
  "unterminated.csv:3: warning: quote opened here is never closed" \
  "nul.txt: skipped: binary file (NUL byte at offset 25)" "binary.txt: skipped: binary file" \
  "zero.txt: skipped: empty file" "overlong.txt: warning:" "hostile/loop: error: symbolic link loop, not followed" \
  "loop-a: error: symbolic link loop, not followed" "loop-b: error: symbolic link loop, not followed"; do
  assert_contains "$err" "$message" "the message for a bad file"
done
assert_not_contains "$err" "broken symbolic link" "a loop is not called a broken link"
assert_consistent "after the hostile folder"

assert_eq "$(hits zanzibarian)" "1" "earlier work kept"
assert_eq "$(hits abyssal)" "1" "text under 10^5 nested tags"
assert_eq "$(hits bathyscaphe)" "1" "the JSON line after the 10^6-deep one"
assert_eq "$(hits gondolier)" "1" "the CSV row before the open quote"
assert_eq "$(hits okapi)" "5" "escapes and C1 controls in every field: each format's article searchable"
assert_eq "$(hits 'title:okapi')" "5" "titles with escapes searchable"
assert_eq "$(hits entities)" "1" "escapes written as HTML entities"
assert_eq "$(sql "SELECT count(*) FROM articles WHERE title LIKE '%okapi%'")" "5" "every title stored"
assert_eq "$(hits narwhal)" "4" "UTF-16 LE and BE, with a byte-order mark and without"
assert_eq "$(hits 'narwhal світ')" "4" "UTF-16: Cyrillic decoded"
assert_eq "$(hits axolotl)" "1" "overlong UTF-8 and surrogates: the file is kept"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE instr(body, char(65533)) > 0 AND path LIKE '%overlong.txt'")" \
  "1" "overlong UTF-8 and surrogates become U+FFFD"
assert_eq "$(hits quetzal)" "1" "a newline in a file name"
assert_eq "$(sql "SELECT count(*) FROM files WHERE instr(path, char(10)) > 0")" "1" "the newline kept in the stored path"
assert_eq "$(hits tapir)" "1" "invalid UTF-8 in a file name"

big_db="$DB"
DB="$WORK/big.db"
measured "$big_kb" "index a 20 MB line" index --no-progress "$WORK/big"
assert_eq "$status" "0" "a 20 MB line: exit 0"
assert_eq "$(hits pangolin)" "1" "a 20 MB line is one searchable article"
assert_eq "$(sql 'PRAGMA integrity_check')" "ok" "a 20 MB line: integrity_check"
DB="$big_db"

# A file replaced by a folder between runs: the folder is read, the old file's articles stay until --prune.
mkdir -p "$WORK/swap"
printf 'Swap story\n\nThe wapiti file is about to become a folder.\n' >"$WORK/swap/story.txt"
measured "$small_kb" "index the file" index --no-progress "$WORK/swap"
rm "$WORK/swap/story.txt"
mkdir "$WORK/swap/story.txt"
printf 'Inside\n\nThe ibex file lives in the new folder.\n' >"$WORK/swap/story.txt/inner.txt"
measured "$small_kb" "index after the file became a folder" index --no-progress "$WORK/swap"
assert_eq "$status" "0" "file replaced by a folder: exit 0"
assert_eq "$(hits ibex)" "1" "the new folder's file is indexed"
assert_eq "$(hits wapiti)" "1" "without --prune the old file's article is kept"
measured "$small_kb" "index --prune after the file became a folder" index --no-progress --prune "$WORK/swap"
assert_contains "$(cat "$WORK/last.out")" "1 removed" "--prune removes a file that is now a folder"
assert_eq "$(hits wapiti)" "0" "--prune: the old file's article is gone"
assert_eq "$(hits ibex)" "1" "--prune keeps the file inside the folder"
assert_consistent "after the file became a folder"

# A file that cannot be read (permission bits; as root they are ignored, so presscut runs as nobody then).
locked="$WORK/locked"
mkdir -p "$locked"
printf 'Readable\n\nThe dugong file can be read.\n' >"$locked/open.txt"
printf 'Secret\n\nThe locked file.\n' >"$locked/secret.txt"
chmod 000 "$locked/secret.txt"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 755 "$WORK" "$locked"
  mkdir -p "$WORK/nobody" && chmod 777 "$WORK/nobody"
  cp "$DB" "$WORK/nobody/index.db" && chmod 666 "$WORK/nobody/index.db"
  DB="$WORK/nobody/index.db"
fi
timeout "$limit_s" "${as_user[@]}" "$PRESSCUT" --db "$DB" index --no-progress "$locked" >"$WORK/last.out" 2>"$WORK/last.err"
assert_eq "$?" "0" "an unreadable file does not stop the run (exit 0)"
assert_contains "$(cat "$WORK/last.err")" "secret.txt: error: cannot read: Permission denied" "the unreadable file is named, with why"
assert_contains "$(cat "$WORK/last.out")" "1 failed" "the unreadable file is counted as failed"
assert_eq "$(hits dugong)" "1" "the readable file beside it is indexed"
assert_eq "$(hits zanzibarian)" "1" "earlier work kept after all"
assert_consistent "after the unreadable file"
finish
