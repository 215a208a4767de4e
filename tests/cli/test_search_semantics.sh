#!/usr/bin/env bash
# test_search_semantics.sh — what AND, OR, NOT, phrases, NEAR and title: mean at article level, first on
# articles written for the purpose (words in different paragraphs, in the title only, close together or
# far apart), then against a grep oracle over the real seeds and BBC files: the articles a query finds are
# exactly the files whose text holds the query.
. "$(dirname "$0")/lib.sh"

# A paragraph of filler long enough (over 40 words) to be a passage of its own.
filler() {
  local topic="$1"
  printf 'The %s report ran to many pages and covered the usual ground. Officials in several capitals said ' "$topic"
  printf 'they were studying the details and would respond in due course, while analysts in the region noted '
  printf 'that the figures were broadly in line with earlier estimates and that markets had barely moved on '
  printf 'the news during a quiet afternoon of trading.\n\n'
}
mkdir -p "$WORK/news"
{ echo "Kremlin comments on the budget"; echo
  printf 'Dmitry Peskov told reporters on Monday that the budget would be balanced. '; filler budget
  filler weather
  printf 'Later the tennis player Lindsay Davenport was asked about the same budget and declined to answer. '
  filler tennis; } >"$WORK/news/far.txt"
{ echo "Davenport puts retirement on hold"; echo
  printf 'Lindsay Davenport said she would play another season. '; filler tennis; } >"$WORK/news/tennis.txt"
{ echo "Peskov speaks"; echo
  printf 'The spokesman answered questions about Lindsay Davenport at length. '; filler sport; } >"$WORK/news/title.txt"
{ echo "Close together"; echo
  printf 'Peskov met Davenport at the reception. '; filler reception; } >"$WORK/news/near.txt"
assert_status 0 "index the written articles" -- pc index -q "$WORK/news"

# The files of a search's hits (all of them, copies included), by name, sorted, one line.
names() {
  pc search -n 5000 --all-copies --format jsonl "$@" 2>/dev/null | sed 's/.*"path":"\([^"]*\)".*/\1/' |
    sed 's|.*/||' | sort | tr '\n' ' '
}
assert_eq "$(names 'Peskov Davenport')" "far.txt near.txt title.txt " \
  "AND: both words anywhere in the article (other paragraphs, the title); not the article with one word"
assert_eq "$(names 'Peskov AND Davenport')" "$(names 'Peskov Davenport')" "AND written out is the same"
assert_eq "$(names 'Peskov OR Davenport')" "far.txt near.txt tennis.txt title.txt " "OR: either word"
assert_eq "$(names 'Davenport -Peskov')" "tennis.txt " "NOT: the articles with no Peskov at all (not in the title either)"
assert_eq "$(names 'Davenport NOT (Peskov OR Kremlin)')" "tennis.txt " "NOT of a group"
assert_eq "$(names '"Peskov told reporters"')" "far.txt " "a phrase: the words in order"
assert_eq "$(names '"Peskov Davenport"')" "" "a phrase does not span words apart"
assert_eq "$(names 'NEAR(Peskov Davenport, 5)')" "near.txt " "NEAR stays within one passage: not the article with the words paragraphs apart"
assert_eq "$(names 'Peskov NEAR/200 Davenport')" "near.txt " "... whatever the distance"
assert_eq "$(names 'budget title:Kremlin')" "far.txt " "title: filters the title alone"
assert_eq "$(names '(Peskov OR Kremlin) tennis')" "far.txt " "a group ANDed with a word from another paragraph"
assert_eq "$(names '(Peskov OR Kremlin) Lindsay')" "far.txt title.txt " "... or from the title"
assert_status 1 "no article holds both" -- pc search 'Peskov zeppelin'

# The best passage is the one that covers the query best: of far.txt's passages, the first holds "budget",
# the third "Davenport", "budget" and "declined".
best="$(pc search -n 1 --format jsonl 'Davenport budget declined' 2>/dev/null)"
assert_contains "$best" '"passage_seq":3' "the best passage holds most of the query"
explain="$(pc search --explain 'Peskov Davenport -Kremlin')"
assert_contains "$explain" 'articles must match:  ("Peskov" AND "Davenport") NOT "Kremlin"' "explain: the article-level test"
assert_contains "$explain" 'passages ranked and shown (any wanted term):  ("Peskov" OR "Davenport")' "explain: the passages ranked"

# The oracle: on the real seeds and BBC files, the articles a query finds are exactly the files a grep
# finds. Exact forms (=word) keep the comparison to spelling; stemmed forms are compared with a regex of
# the inflections the stemmer groups.
if have_shared_corpus; then
  DB="$WORK/real.db"
  seeds="$CORPUS/seeds"
  bbc="$CORPUS/bbc-fulltext"
  assert_status 0 "index seeds and BBC" -- pc index -q "$seeds" "$bbc"
  files() {
    pc search -n 5000 --all-copies --format jsonl "$@" 2>/dev/null | sed 's/.*"path":"\([^"]*\)".*/\1/' |
      sed "s|.*/corpus/||" | sort
  }
  # grep_all PATTERN...: the files matching every pattern (grep -iP, anywhere in the file).
  grep_all() {
    local list
    list="$(grep -rliP --include='*.txt' "$1" "$seeds" "$bbc" | sed "s|.*/corpus/||" | sort)"
    shift
    for pattern in "$@"; do
      list="$(comm -12 <(printf '%s\n' "$list") <(grep -rliP --include='*.txt' "$pattern" "$seeds" "$bbc" |
        sed "s|.*/corpus/||" | sort))"
    done
    printf '%s\n' "$list" | sed '/^$/d'
  }
  # grep_none LIST PATTERN: the files of LIST that do not match PATTERN.
  grep_without() {
    comm -23 <(printf '%s\n' "$1") <(grep -rliP --include='*.txt' "$2" "$seeds" "$bbc" | sed "s|.*/corpus/||" | sort) |
      sed '/^$/d'
  }
  check_oracle() { # WHAT QUERY EXPECTED
    local got
    got="$(files "$2")"
    assert_eq "$got" "$3" "$1 ($(printf '%s\n' "$got" | sed '/^$/d' | wc -l) files)"
  }
  check_oracle "=mobile =phone: both words, anywhere" '=mobile =phone' "$(grep_all '\bmobile\b' '\bphone\b')"
  check_oracle "=cyber =attacks" '=cyber =attacks' "$(grep_all '\bcyber\b' '\battacks\b')"
  check_oracle "=ryanair =strike" '=ryanair =strike' "$(grep_all '\bryanair\b' '\bstrike\b')"
  check_oracle "three exact words" '=oil =prices =opec' "$(grep_all '\boil\b' '\bprices\b' '\bopec\b')"
  check_oracle "=ryanair OR =easyjet" '=ryanair OR =easyjet' "$(grep_all '\b(ryanair|easyjet)\b')"
  check_oracle "=yukos -=khodorkovsky" '=yukos -=khodorkovsky' \
    "$(grep_without "$(grep_all '\byukos\b')" '\bkhodorkovsky\b')"
  check_oracle "a phrase and a word" '"=mobile =phone" =camera' "$(grep_all '\bmobile[\s-]+phone\b' '\bcamera\b')"
  check_oracle "stemmed: cyber attacks" 'cyber attacks' "$(grep_all '\bcyber\b' '\battack(s|ed|ing|er|ers)?\b')"
  check_oracle "stemmed: strike ryanair" 'strike ryanair' "$(grep_all '\bryanair\b' '\bstrik(e|es|ing)\b')"
fi
finish
