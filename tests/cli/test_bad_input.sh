#!/usr/bin/env bash
# test_bad_input.sh — `presscut index` on broken files: each is reported as 'path: what', skipped or
# repaired, the rest indexed, the summary counts them, exit status 0; a missing path is exit 2; nothing
# indexed earlier is lost.
. "$(dirname "$0")/lib.sh"

in="$WORK/in"
mkdir -p "$in/sub" "$in/.hidden"
printf 'Good article\n\nThe council approved the new budget for the harbour district on Tuesday.\n' >"$in/good.txt"
printf 'Bad bytes\n\nThe mayor\xff\xfe said the repairs at the caf\xc3\xa9 would take \xc3 three weeks.\n' >"$in/invalid.txt"
printf 'Latin one\n\nPrices rose to \xa3 5 in the caf\xe9 near the station.\n' >"$in/latin1.txt"
printf 'Binary\n\nsome text\0with a NUL byte\n' >"$in/binary.txt"
: >"$in/empty.txt"
printf '   \n\n\t\n' >"$in/blank.txt"
printf 'Only a title line\n' >"$in/title-only.txt"
head -c 3000 /dev/zero | tr '\0' 'x' >"$in/sub/big.txt"
printf 'Hidden\n\nThis file sits in a hidden folder and is not indexed by default.\n' >"$in/.hidden/h.txt"
printf 'Terminal escape\n\nThe text has an \033[31mANSI colour\033[0m code and a bell\a inside it.\n' >"$in/escape.txt"
printf '\xff\xfeU\x00T\x00F\x00-\x001\x006\x00\n\x00\n\x00W\x00i\x00d\x00e\x00 \x00t\x00e\x00x\x00t\x00 \x00a\x00r\x00t\x00i\x00c\x00l\x00e\x00\n\x00' >"$in/utf16.txt"
printf 'notes\n' >"$in/notes.md"
printf 'Crlf title\r\n\r\nLine one of the body.\r\nLine two of the body.\r\n' >"$in/crlf.txt"

assert_status 0 "index with broken files" -- pc index --max-file-size 2k "$in"
err="$(cat "$WORK/last.err")"
out="$(cat "$WORK/last.out")"
assert_contains "$err" "invalid.txt: warning: 3 invalid UTF-8 sequences replaced" "invalid UTF-8 is repaired and counted"
assert_contains "$err" "latin1.txt: warning: not UTF-8: read as Windows-1252" "Latin-1 is converted"
assert_contains "$err" "binary.txt: skipped: binary file (NUL byte at offset" "NUL bytes skip the file"
assert_contains "$err" "empty.txt: skipped: empty file" "empty file"
assert_contains "$err" "blank.txt: skipped: empty file" "white-space-only file"
assert_contains "$err" "title-only.txt" "a file with a title only is reported"
assert_contains "$err" "big.txt: skipped: file is 2.9 KiB, over the size limit of 2.0 KiB" "size limit"
assert_not_contains "$err" "h.txt" "hidden folders are not walked"
assert_not_contains "$err" "notes.md" "unsupported extensions inside folders are ignored"
assert_contains "$out" "skipped" "summary names skipped files"
assert_eq "$(sql "SELECT count(*) FROM articles")" "6" "good, invalid, latin1, escape, utf16, crlf are indexed"
assert_eq "$(sql "SELECT title FROM article_details WHERE body LIKE '%harbour%'")" "Good article" "good article title"
assert_eq "$(sql "SELECT body FROM article_details WHERE title = 'Latin one'")" "Prices rose to £ 5 in the café near the station." "Latin-1 text converted"
assert_contains "$(sql "SELECT body FROM article_details WHERE title = 'Bad bytes'")" "The mayor" "repaired text kept"
assert_not_contains "$(sql "SELECT body FROM article_details WHERE title = 'Terminal escape'")" "\\x1b" "ANSI escapes removed"
assert_eq "$(sql "SELECT body FROM article_details WHERE title = 'Terminal escape'")" "The text has an ANSI colour code and a bell inside it." "control characters removed"
assert_eq "$(sql "SELECT title FROM article_details WHERE path LIKE '%utf16.txt'")" "UTF-16" "UTF-16 with BOM is converted"
assert_eq "$(sql "SELECT body FROM article_details WHERE title = 'Crlf title'" | od -c | grep -c '\\r')" "0" "CRLF made LF"

# Exact counts in the summary line.
assert_contains "$out" "indexed 6 files" "summary: indexed"
assert_contains "$out" "0 failed" "summary: failed"

# A path that does not exist: reported, the others still indexed, exit 2.
printf 'Another\n\nA second good article about the harbour ferry timetable.\n' >"$WORK/another.txt"
assert_status 2 "missing path" -- pc index "$WORK/no-such-folder" "$WORK/another.txt"
assert_contains "$(cat "$WORK/last.err")" "no-such-folder: error: no such file or directory" "missing path is named"
assert_eq "$(sql "SELECT count(*) FROM articles")" "7" "the other path is indexed and nothing is lost"

# A file named explicitly with an unknown extension is skipped with advice; --format takes it.
assert_status 0 "explicit unknown extension" -- pc index "$in/notes.md"
assert_contains "$(cat "$WORK/last.err")" "notes.md: skipped: unknown file type (name the format with --format txt)" "unknown type advice"
assert_status 0 "--format txt" -- pc index --format txt "$in/notes.md"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE path LIKE '%notes.md'")" "0" "a title without text is no article"

# A dangling symbolic link named explicitly.
ln -s "$WORK/gone.txt" "$WORK/dangling.txt"
assert_status 2 "dangling symlink" -- pc index "$WORK/dangling.txt"
assert_eq "$(sql "SELECT count(*) FROM articles")" "7" "nothing lost after errors"

# A stemmer that cannot be made (the Ukrainian dictionary missing) stops the run with its own words, keeps
# what was committed before, and search says the same instead of a database error.
mkdir -p "$WORK/uk"
printf 'Новини\n\nУряд країни ухвалив новий бюджет на наступний рік після довгих обговорень у парламенті.\n' >"$WORK/uk/a.txt"
PRESSCUT_HUNSPELL_DIR="$WORK/no-dictionary" assert_status 2 "missing Ukrainian dictionary" -- pc index --lang uk "$WORK/uk"
assert_contains "$(cat "$WORK/last.err")" "install the hunspell-uk package" "missing dictionary: what to do"
assert_eq "$(sql "SELECT count(*) FROM articles")" "7" "nothing lost when a run stops"
assert_status 0 "index Ukrainian with the dictionary" -- pc index --lang uk "$WORK/uk"
# A word form the index has seen is stemmed from the index's own table, an unseen one against its stems: no
# search needs the dictionary, unless the table is empty (an index made before it); then it says what to do.
PRESSCUT_HUNSPELL_DIR="$WORK/no-dictionary" assert_status 0 "search a known form without the dictionary" -- pc search бюджет
PRESSCUT_HUNSPELL_DIR="$WORK/no-dictionary" assert_status 1 "search an unknown word without the dictionary" -- pc search хлібом
PRESSCUT_HUNSPELL_DIR="$WORK/no-dictionary" assert_status 0 "search an unseen form without the dictionary" -- pc search бюджету
assert_contains "$(cat "$WORK/last.out")" "Новини" "Ukrainian inflection found without the dictionary"
assert_status 0 "search with the dictionary" -- pc search бюджету
assert_contains "$(cat "$WORK/last.out")" "Новини" "Ukrainian inflection found"
sqlite3 "$DB" 'DELETE FROM stem_lookup'
PRESSCUT_HUNSPELL_DIR="$WORK/no-dictionary" assert_status 2 "search without the table and the dictionary" -- pc search хлібом
assert_contains "$(cat "$WORK/last.err")" "install the hunspell-uk package" "search names the missing dictionary"
pc rebuild >/dev/null 2>&1

# The dictionary is part of the index's identity: after it changes, the index asks for a rebuild.
mkdir -p "$WORK/dict2"
cp /usr/share/hunspell/uk_UA.aff /usr/share/hunspell/uk_UA.dic "$WORK/dict2/"
echo "презкат" >>"$WORK/dict2/uk_UA.dic"
PRESSCUT_HUNSPELL_DIR="$WORK/dict2" assert_status 2 "changed dictionary" -- pc search бюджету
assert_contains "$(cat "$WORK/last.err")" "Ukrainian dictionary (hunspell-uk) has changed" "changed dictionary is named"
assert_contains "$(cat "$WORK/last.err")" "presscut --db $DB rebuild" "changed dictionary: the rebuild command"
PRESSCUT_HUNSPELL_DIR="$WORK/dict2" assert_status 0 "rebuild with the new dictionary" -- pc rebuild
PRESSCUT_HUNSPELL_DIR="$WORK/dict2" assert_status 0 "search after the rebuild" -- pc search бюджету
assert_status 2 "back to the old dictionary" -- pc search бюджету
assert_status 0 "rebuild again" -- pc rebuild
assert_status 0 "search with the system dictionary" -- pc search бюджету

# Opening the index compares the dictionary files' size, modification time and inode with those recorded next
# to its fingerprint instead of reading their 8 MB every time: a dictionary edited in place with that stamp
# kept is taken as it was, and one whose stamp differs is read and found changed.
mkdir -p "$WORK/dict3"
cp -p /usr/share/hunspell/uk_UA.aff /usr/share/hunspell/uk_UA.dic "$WORK/dict3/"
PRESSCUT_HUNSPELL_DIR="$WORK/dict3" assert_status 0 "rebuild with a copy of the dictionary" -- pc rebuild
assert_eq "$(sql "SELECT count(*) FROM meta WHERE key = 'dictionary_uk_stamp'")" "1" "the dictionary's stamp is kept"
cp -p "$WORK/dict3/uk_UA.dic" "$WORK/dict3.dic.orig"
printf 'Z' | dd of="$WORK/dict3/uk_UA.dic" bs=1 seek=100 conv=notrunc status=none
touch -r "$WORK/dict3.dic.orig" "$WORK/dict3/uk_UA.dic"
PRESSCUT_HUNSPELL_DIR="$WORK/dict3" assert_status 0 "same stamp: the dictionary is not read" -- pc search бюджету
touch -d '2001-01-01' "$WORK/dict3/uk_UA.dic"
PRESSCUT_HUNSPELL_DIR="$WORK/dict3" assert_status 2 "another stamp: the dictionary is read" -- pc search бюджету
assert_contains "$(cat "$WORK/last.err")" "Ukrainian dictionary (hunspell-uk) has changed" "edited dictionary is named"
assert_status 0 "rebuild with the system dictionary" -- pc rebuild
assert_status 0 "search with the system dictionary again" -- pc search бюджету

# The index is consistent after all this.
assert_status 0 "check" -- pc check
finish
