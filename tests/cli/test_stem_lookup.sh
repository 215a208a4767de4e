#!/usr/bin/env bash
# test_stem_lookup.sh — Ukrainian query stems come from the index's stem_lookup table: indexing Ukrainian
# articles (../shared/corpus/ner-uk-nashigroshi) fills it with the analyzer's stems, and Cyrillic queries find
# the same passages with the table as with the table emptied (the hunspell stemmer then runs as before); words
# the table does not know are stemmed against its stems, without the dictionary.
# Russian and Bulgarian articles indexed next to Ukrainian ones (../shared/corpus/bsnlp-slavic-news) add their
# words with Ukrainian stems, computed by the indexer's stemmer thread, the same pairs rebuild computes again.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
uk="$CORPUS/ner-uk-nashigroshi/ng"

assert_status 0 "index 60 Ukrainian articles" -- pc index --lang uk $(ls "$uk"/*.txt | head -60)
assert_eq "$(sql "SELECT count(*) FROM articles WHERE lang = 'uk'")" "60" "60 Ukrainian articles"
pairs="$(sql "SELECT count(*) FROM stem_lookup WHERE lang = 'uk'")"
[ "$pairs" -gt 3000 ] && pass || fail "stem_lookup holds the articles' words ($pairs pairs)"
assert_eq "$(sql "SELECT count(*) FROM stem_lookup WHERE lang <> 'uk'")" "0" "only Ukrainian pairs"
# Every pair with a stem is a surface term followed by that Ukrainian stem term in the index, and so is every
# word recorded as its own stem.
assert_eq "$(sql "SELECT count(*) FROM stem_lookup WHERE stem IS NOT NULL AND char(1) || 'uk:' || stem NOT IN
                  (SELECT term FROM passage_vocab UNION SELECT term FROM title_vocab)")" "0" \
  "every recorded stem is a stem term of the index"
assert_eq "$(sql "SELECT count(*) FROM stem_lookup WHERE stem IS NULL AND char(1) || 'uk:' || surface NOT IN
                  (SELECT term FROM passage_vocab UNION SELECT term FROM title_vocab)")" "0" \
  "every word recorded as its own stem is its own stem term in the index"
assert_eq "$(sql "SELECT count(*) FROM stem_lookup WHERE surface NOT IN
                  (SELECT term FROM passage_vocab UNION SELECT term FROM title_vocab)")" "0" \
  "every recorded surface is a surface term of the index"
assert_eq "$(sql "SELECT stem FROM stem_lookup WHERE surface = 'києві'")" "київ" "Києві -> київ"

# matching PASSAGE_QUERY: the ids of the passages that match, in order
matching() { sql "SELECT group_concat(rowid) FROM (SELECT rowid FROM passage_fts WHERE passage_fts MATCH '$1' ORDER BY rowid)"; }
# Words the table knows; then words it does not know (грошей, депутатами), stemmed against its stems.
queries=("Києва" "Києві" "України" "депутата" "депутатами" "грошей")
before=()
for q in "${queries[@]}"; do
  before+=("$(matching "$q")")
done
[ -n "${before[0]}" ] && pass || fail "Києва matches passages"
[ -n "${before[2]}" ] && pass || fail "України matches passages"
for q in "депутатами" "грошей"; do
  assert_eq "$(sql "SELECT count(*) FROM stem_lookup WHERE surface = '$q'")" "0" "'$q' is not in the table"
done
# No query loads the dictionary: a word the table does not know finds the same passages without it, through
# the table's stems (депутатами: депутат, as the dictionary stems it; грошей: гріш, the stem of гроші, where
# the dictionary's own stem грош is held by no word, so that it found nothing).
assert_eq "$(PRESSCUT_HUNSPELL_DIR="$WORK/no-dictionary" matching "депутатами")" "$(matching "депутата")" \
  "'депутатами' matches the passages of 'депутата', without the dictionary"
assert_eq "$(PRESSCUT_HUNSPELL_DIR="$WORK/no-dictionary" matching "грошей")" "$(matching "гроші")" \
  "'грошей' matches the passages of 'гроші', without the dictionary"
[ -n "${before[5]}" ] && pass || fail "грошей matches passages"
assert_eq "$(PRESSCUT_HUNSPELL_DIR="$WORK/no-dictionary" matching "зюзюкаться")" "" \
  "a word no article has matches nothing, without the dictionary"

# The same queries without the table (an index made before it): the dictionary stems every word, and the same
# passages match, but for грошей, whose dictionary stem no word of the index has.
sqlite3 "$DB" 'DELETE FROM stem_lookup'
assert_eq "$(sql "SELECT count(*) FROM stem_lookup")" "0" "table emptied"
for i in "${!queries[@]}"; do
  q="${queries[$i]}"
  expected="${before[$i]}"
  [ "$q" = "грошей" ] && expected=""
  assert_eq "$(matching "$q")" "$expected" "'$q' matches the same passages without the table"
done

# rebuild refills it.
assert_status 0 "rebuild" -- pc rebuild
assert_eq "$(sql "SELECT count(*) FROM stem_lookup")" "$pairs" "rebuild refills the table"

# Other languages, once the index has Ukrainian articles: Russian and Bulgarian news, with titles.
bsnlp="$CORPUS/bsnlp-slavic-news/brexit/raw"
assert_status 0 "index 40 Russian and 40 Bulgarian articles" -- \
  pc index $(ls "$bsnlp"/ru/*.txt | head -40) $(ls "$bsnlp"/bg/*.txt | head -40)
assert_eq "$(sql "SELECT count(*) FROM articles WHERE lang IN ('ru', 'bg')")" "80" "80 Russian and Bulgarian articles"
all="$(sql "SELECT count(*) FROM stem_lookup")"
[ "$all" -gt $((pairs + 3000)) ] && pass || fail "their words are added ($pairs -> $all pairs)"
assert_eq "$(sql "SELECT stem FROM stem_lookup WHERE surface = 'брексита'")" "брексит" "Брексита (ru) -> брексит"
assert_eq "$(sql "SELECT coalesce(stem, 'own') FROM stem_lookup WHERE surface = 'брексит'")" "own" \
  "Брексит is its own stem"
assert_eq "$(sql "SELECT stem FROM stem_lookup WHERE surface = 'великобритании'")" "великобритани" \
  "Великобритании (ru) -> великобритани"
assert_eq "$(sql "SELECT count(*) FROM stem_lookup WHERE surface NOT IN
                  (SELECT term FROM passage_vocab UNION SELECT term FROM title_vocab)")" "0" \
  "every recorded surface is a surface term of the index"
indexed="$(sql "SELECT lang, surface, stem FROM stem_lookup ORDER BY 1, 2" | md5sum)"
assert_status 0 "rebuild" -- pc rebuild
assert_eq "$(sql "SELECT lang, surface, stem FROM stem_lookup ORDER BY 1, 2" | md5sum)" "$indexed" \
  "rebuild, stemming every word again, gives the same pairs"
finish
