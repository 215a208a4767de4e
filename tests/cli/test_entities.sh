#!/usr/bin/env bash
# test_entities.sh — `presscut entities import/list/remove` and @name in queries on real files: the import
# format (comments, blank lines, a BOM, spaces around fields), every kind of bad line named by FILE:LINE with
# nothing imported, importing again replaces, list in text (importable again), json and jsonl, remove; @name
# finds exactly the articles of the OR of its aliases written by hand (sample corpus and the shared seeds),
# an unknown @name is an error with its column, and --explain shows the expansion.
. "$(dirname "$0")/lib.sh"
cp -r "$SOURCE/corpus" "$WORK/corpus"

printf 'kyiv\tKyiv\n' >"$WORK/one.tsv"
assert_status 2 "import before an index exists" -- pc entities import "$WORK/one.tsv"
assert_contains "$(cat "$WORK/last.err")" "there is no index" "import: no index"
assert_status 0 "index the sample corpus" -- pc index "$WORK/corpus"

# ---- import: format and errors ----
printf '\xEF\xBB\xBF# places\n\nkyiv\tKyiv\n  kyiv \t Kiev \r\nKYIV\tKyiv\nmoscow\tMoscow\n' >"$WORK/list.tsv"
assert_status 0 "import" -- pc entities import "$WORK/list.tsv"
assert_eq "$(cat "$WORK/last.out")" "imported 4 aliases from $WORK/list.tsv" "import: summary"
assert_status 0 "list" -- pc entities list
assert_eq "$(cat "$WORK/last.out")" "$(printf 'kyiv\tKyiv\nkyiv\tKiev\nmoscow\tMoscow')" \
  "list: the import format, in order, no repeats"

printf 'ok\tfine\nno tab here\n\tempty name\nempty alias\t\na\tb\tc\nDmitry Peskov\tPeskov\n\xff\tx\n' \
  >"$WORK/bad.tsv"
assert_status 2 "import a file with bad lines" -- pc entities import "$WORK/bad.tsv"
err="$(cat "$WORK/last.err")"
assert_contains "$err" "bad.tsv:2: no tab between the entity and the alias: write entity<TAB>alias" "bad: no tab"
assert_contains "$err" "bad.tsv:3: the entity name before the tab is empty" "bad: empty name"
assert_contains "$err" "bad.tsv:4: the alias after the tab is empty" "bad: empty alias"
assert_contains "$err" "bad.tsv:5: more than one tab" "bad: two tabs"
assert_contains "$err" "bad.tsv:6: the entity name 'Dmitry Peskov' has a space" "bad: a name with a space"
assert_contains "$err" "bad.tsv:7: not valid UTF-8" "bad: invalid UTF-8"
assert_contains "$err" "nothing imported from '$WORK/bad.tsv'" "bad: nothing imported"
assert_status 2 "list ok after the failed import" -- pc entities list ok
assert_contains "$(cat "$WORK/last.err")" "no entity 'ok' in the index; see presscut entities list" "nothing imported"
assert_status 2 "import a missing file" -- pc entities import "$WORK/missing.tsv"
assert_contains "$(cat "$WORK/last.err")" "cannot read the entity list '$WORK/missing.tsv'" "missing file"
printf '# nothing\n' >"$WORK/empty.tsv"
assert_status 2 "import a file without entities" -- pc entities import "$WORK/empty.tsv"
assert_contains "$(cat "$WORK/last.err")" "has no entity" "empty file"
assert_status 2 "entities without a subcommand" -- pc entities
assert_status 2 "an unknown subcommand" -- pc entities frobnicate
assert_contains "$(cat "$WORK/last.err")" "'frobnicate' is not an entities command" "unknown subcommand"

# ---- importing again replaces; list formats; remove ----
printf 'Kyiv\tKyiv\nKyiv\tKiev\nKyiv\tКиїв\nKyiv\tКиев\n' >"$WORK/again.tsv"
assert_status 0 "import again" -- pc entities import "$WORK/again.tsv"
assert_status 0 "list json" -- pc entities list --format json
assert_eq "$(cat "$WORK/last.out")" "$(printf '[\n  {"entity": "Kyiv", "aliases": ["Kyiv", "Kiev", "Київ", "Киев"]},\n  {"entity": "moscow", "aliases": ["Moscow"]}\n]')" \
  "list json: replaced aliases, the other entity kept"
assert_status 0 "list jsonl one" -- pc entities list --format jsonl moscow
assert_eq "$(cat "$WORK/last.out")" '{"entity":"moscow","aliases":["Moscow"]}' "list jsonl: the one named"
pc entities list >"$WORK/listed.tsv"
assert_status 0 "a listing imports again" -- pc entities import "$WORK/listed.tsv"
assert_status 0 "remove" -- pc entities remove MOSCOW
assert_status 2 "remove again" -- pc entities remove moscow
assert_contains "$(cat "$WORK/last.err")" "no entity 'moscow' in the index; see presscut entities list" "remove: unknown"
assert_status 2 "search @moscow after remove" -- pc search '@moscow'
assert_contains "$(cat "$WORK/last.err")" "no entity 'moscow' in the index (@moscow at column 1); see presscut entities list" \
  "search: unknown entity with its column"

# ---- @name = the OR of its aliases, each a phrase ----
ids() { pc search "$@" --all-copies -n 100000 --format jsonl 2>/dev/null | sed -n 's/.*"article_id":\([0-9]*\).*/\1/p' | sort -n | tr '\n' ' '; }
by_entity="$(ids '@kyiv')"
by_hand="$(ids 'Kyiv OR Kiev OR Київ OR Киев')"
assert_eq "$by_entity" "$by_hand" "@kyiv finds the articles of its aliases ORed"
[ -n "$by_entity" ] && pass || fail "@kyiv finds articles"
assert_eq "$(ids '@kyiv -shelling')" "$(ids '(Kyiv OR Kiev OR Київ OR Киев) -shelling')" "@kyiv with NOT"
assert_status 0 "explain @kyiv" -- pc search '@KYIV' --explain
assert_contains "$(cat "$WORK/last.out")" "OR   (@KYIV: its aliases)" "explain: the expansion is named"
assert_contains "$(cat "$WORK/last.out")" "Київ" "explain: every alias"

# On the shared seeds: a multi-word alias is a phrase.
if have_shared_corpus; then
  DB="$WORK/seeds.db"
  assert_status 0 "index seeds" -- pc index "$CORPUS/seeds"
  printf 'peskov\tDmitry Peskov\npeskov\tPeskov\npeskov\tПесков\npeskov\tПєсков\n' >"$WORK/peskov.tsv"
  assert_status 0 "import peskov" -- pc entities import "$WORK/peskov.tsv"
  by_entity="$(ids '@peskov')"
  assert_eq "$by_entity" "$(ids '"Dmitry Peskov" OR Peskov OR Песков OR Пєсков')" "@peskov = its aliases ORed"
  files="$(pc search '@peskov' --all-copies -n 100000 --format jsonl | sed -n 's/.*"path":"\([^"]*\)".*/\1/p' | sort -u | wc -l)"
  grep_files="$(grep -rlE 'Peskov|Песков|Пєсков|ПЕСКОВ|PESKOV' "$CORPUS/seeds" --include='*.txt' | wc -l)"
  assert_eq "$files" "$grep_files" "@peskov: the files grep finds"
  one_alias="$(printf 'dp\tDmitry Peskov\n' >"$WORK/dp.tsv"; pc entities import "$WORK/dp.tsv" >/dev/null; ids '@dp')"
  assert_eq "$one_alias" "$(ids '"Dmitry Peskov"')" "a two-word alias is a phrase"
fi
finish
