#!/usr/bin/env bash
# test_usage.sh — the command line itself: help, version, unknown commands and options, exit codes, --db
# and $PRESSCUT_DB, a missing or foreign index, malformed queries.
. "$(dirname "$0")/lib.sh"

assert_status 0 "--help" -- "$PRESSCUT" --help
assert_contains "$(cat "$WORK/last.out")" "index" "--help lists commands"
assert_status 0 "--version" -- "$PRESSCUT" --version
assert_contains "$(cat "$WORK/last.out")" "presscut " "--version prints the version"
assert_status 2 "no command" -- "$PRESSCUT"
assert_status 2 "unknown command" -- "$PRESSCUT" frobnicate
assert_contains "$(cat "$WORK/last.err")" "'frobnicate' is not a presscut command" "unknown command message"
assert_status 2 "unknown option" -- pc index --no-such-option corpus
assert_contains "$(cat "$WORK/last.err")" "unknown option '--no-such-option'" "unknown option is named"
assert_status 2 "missing option value" -- pc index corpus --lang
assert_status 2 "index without paths" -- pc index
assert_contains "$(cat "$WORK/last.err")" "name at least one file or folder" "index without paths says what to do"
assert_status 0 "index --help" -- pc index --help
assert_contains "$(cat "$WORK/last.out")" "--max-file-size" "index --help lists its options"
assert_status 2 "bad size" -- pc index --max-file-size lots corpus
assert_contains "$(cat "$WORK/last.err")" "'lots'" "bad size is quoted"
assert_status 2 "bad language" -- pc index --lang english-ish "$SOURCE/corpus"

# Option errors come from the option tables: each names the option (by its long name) and quotes the value,
# before any index is opened.
assert_status 2 "missing value, named" -- pc index corpus --lang
assert_contains "$(cat "$WORK/last.err")" "option '--lang' needs a value" "missing value names the option"
assert_status 2 "unknown short option" -- pc search -z attacks
assert_contains "$(cat "$WORK/last.err")" "unknown option '-z'" "unknown short option is named"
assert_contains "$(cat "$WORK/last.err")" "presscut search --help" "unknown option points to the command's help"
assert_status 2 "bad number" -- pc search --offset ten attacks
assert_contains "$(cat "$WORK/last.err")" "--offset takes a whole number, not 'ten'" "bad number is named"
assert_status 2 "bad number, short option" -- pc search -n ten attacks
assert_contains "$(cat "$WORK/last.err")" "--limit takes a whole number, not 'ten'" "bad -n names the long option"
assert_status 2 "bad number, --opt=value" -- pc search --snippet=-5 attacks
assert_contains "$(cat "$WORK/last.err")" "--snippet takes a whole number, not '-5'" "bad --snippet= value"
assert_status 2 "bad size" -- pc index --batch-size 0 corpus
assert_contains "$(cat "$WORK/last.err")" "--batch-size takes a size" "a zero size is refused"
assert_status 2 "bad choice" -- pc stats --format xml
assert_contains "$(cat "$WORK/last.err")" "--format: unknown output format 'xml': use text, json or jsonl" "bad choice lists the choices"
assert_status 2 "bad analyzer choice" -- pc index --diacritics maybe corpus
assert_contains "$(cat "$WORK/last.err")" "--diacritics takes 'fold' or 'keep', not 'maybe'" "bad --diacritics"
assert_status 2 "bad analyzer choice (rebuild)" -- pc rebuild --exact-forms maybe
assert_contains "$(cat "$WORK/last.err")" "--exact-forms takes 'keep' or 'drop', not 'maybe'" "bad --exact-forms"
assert_status 2 "bad --color" -- pc show 1 --color sometimes
assert_contains "$(cat "$WORK/last.err")" "--color takes auto, always or never, not 'sometimes'" "bad --color"
assert_status 2 "--map twice" -- pc index --map text=body --map title=head corpus
assert_contains "$(cat "$WORK/last.err")" "--map given twice" "--map twice"
assert_status 2 "a flag given a value" -- pc index --prune=yes corpus
assert_contains "$(cat "$WORK/last.err")" "option '--prune' takes no value" "a flag given a value is named"
# Also for a flag with a short form (named by its long name, not its letter) and for --help.
assert_status 2 "a flag with a short form given a value" -- pc stats --all=yes
assert_eq "$(cat "$WORK/last.err")" "presscut: option '--all' takes no value
Try 'presscut stats --help' for more information." "stats --all=yes"
assert_status 2 "sql --header=1" -- pc sql --header=1 "SELECT 1"
assert_contains "$(cat "$WORK/last.err")" "option '--header' takes no value" "sql --header=1"
assert_status 2 "search --passages=1" -- pc search --passages=1 attacks
assert_contains "$(cat "$WORK/last.err")" "option '--passages' takes no value" "search --passages=1"
assert_status 2 "an abbreviated flag given a value" -- pc search --pass=1 attacks
assert_contains "$(cat "$WORK/last.err")" "option '--passages' takes no value" "search --pass=1"
assert_status 2 "--help given a value" -- pc sql --help=1
assert_contains "$(cat "$WORK/last.err")" "option '--help' takes no value" "sql --help=1"
assert_status 2 "unknown option with a value" -- pc index --no-such-option=3 corpus
assert_contains "$(cat "$WORK/last.err")" "unknown option '--no-such-option'" "unknown option=value is named"
assert_status 2 "unknown short option after a long one" -- pc search --limit 3 -z attacks
assert_contains "$(cat "$WORK/last.err")" "unknown option '-z'" "unknown short option after a long one"
assert_eq "$(ls "$WORK" | grep -c index.db)" "0" "option errors open no index"
assert_status 2 "--db without a value" -- "$PRESSCUT" --db

# A missing index is an error for read commands, naming the index and how to create it.
assert_status 2 "stats on a missing index" -- "$PRESSCUT" --db "$WORK/none.db" stats
assert_contains "$(cat "$WORK/last.err")" "none.db" "missing index is named"
assert_eq "$(ls "$WORK" | grep -c none.db)" "0" "read commands do not create an index"
# Every command that needs an existing index says the same (as it always has: rebuild without the second line).
missing="presscut: there is no index at '$WORK/none.db': build one with: presscut --db $WORK/none.db index FOLDER"
create_first="Create it first with: presscut --db $WORK/none.db index PATH..."
for command in "search attacks" stats "show 1" "sql SELECT" check; do
  assert_status 2 "$command on a missing index" -- "$PRESSCUT" --db "$WORK/none.db" $command
  assert_eq "$(cat "$WORK/last.err")" "$missing
$create_first" "$command on a missing index: the message"
done
assert_status 2 "rebuild on a missing index" -- "$PRESSCUT" --db "$WORK/none.db" rebuild
assert_eq "$(cat "$WORK/last.err")" "$missing" "rebuild on a missing index: the message"
assert_eq "$(ls "$WORK" | grep -c none.db)" "0" "no command creates an index it needs to find"

# A file that is not an index.
printf 'this is not a database, just text\n%.0s' $(seq 1 200) >"$WORK/notes.db"
assert_status 2 "foreign file as index" -- "$PRESSCUT" --db "$WORK/notes.db" stats
assert_contains "$(cat "$WORK/last.err")" "not a presscut index" "foreign file is refused with a clear message"
assert_status 2 "foreign file as index (index)" -- "$PRESSCUT" --db "$WORK/notes.db" index "$SOURCE/corpus"
assert_eq "$(head -c 33 "$WORK/notes.db")" "this is not a database, just text" "a foreign file is left untouched"

# $PRESSCUT_DB picks the index; --db wins over it.
mkdir -p "$WORK/docs"
printf 'Cyber attack on the city hall\n\nHackers attacked the city hall website on Monday, officials said.\n' >"$WORK/docs/a.txt"
PRESSCUT_DB="$WORK/env.db" assert_status 0 "index into \$PRESSCUT_DB" -- "$PRESSCUT" index "$WORK/docs"
assert_eq "$(test -f "$WORK/env.db" && echo yes)" "yes" "\$PRESSCUT_DB is used"
PRESSCUT_DB="$WORK/env.db" assert_status 0 "--db wins over \$PRESSCUT_DB" -- "$PRESSCUT" --db "$DB" index "$WORK/docs"
assert_eq "$(test -f "$DB" && echo yes)" "yes" "--db is used"

# Search exit codes and malformed queries: exit 2 with the column, never SQLite's own text.
assert_status 0 "search finds" -- pc search attacks
assert_contains "$(cat "$WORK/last.out")" "Cyber attack on the city hall" "search prints the title"
assert_status 1 "search finds nothing" -- pc search zebra
assert_status 2 "unbalanced quote" -- pc search 'city "hall'
assert_contains "$(cat "$WORK/last.err")" "the '\"' at column 6 is never closed" "unbalanced quote names the column"
assert_status 2 "empty query" -- pc search ''
assert_status 2 "punctuation-only query" -- pc search '!!! ... ,,,'
assert_contains "$(cat "$WORK/last.err")" "the query has no searchable word" "punctuation-only query"
assert_status 2 "dangling =" -- pc search '= hall'
assert_status 2 "star inside a word" -- pc search 'ci*ty'
big=$(head -c 100000 /dev/zero | tr '\0' 'a')
assert_status 2 "100 KB query" -- pc search "$big"
assert_contains "$(cat "$WORK/last.err")" "limit" "long query error names the limit"
for q in 'AND' 'NEAR(' '"' 'a OR' '(' ')' '^x' 'col:x' '{a b}' '- x' '+' "x'" ; do
  "$PRESSCUT" --db "$DB" search "$q" >/dev/null 2>"$WORK/err"
  status=$?
  if [ $status -ne 0 ] && [ $status -ne 1 ] && [ $status -ne 2 ]; then fail "query '$q' crashed with $status"; else pass; fi
  assert_not_contains "$(cat "$WORK/err")" "fts5" "query '$q' does not leak SQLite's text"
  assert_not_contains "$(cat "$WORK/err")" "syntax error" "query '$q' does not leak SQLite's text"
done

# sql: read-only.
assert_status 2 "sql refuses writes" -- pc sql "DELETE FROM articles"
assert_eq "$(sql 'SELECT count(*) FROM articles')" "1" "sql reads; the refused DELETE changed nothing"
assert_status 2 "sql with a syntax error" -- pc sql "SELEC 1"
finish
