#!/usr/bin/env bash
# test_clusters.sh — near-duplicate clusters at index time: in the sample corpus the exact, edited and
# reworded copies of the wire's bank-websites story share the original's cluster and the other stories of
# the storyline do not; in the BBC corpus exact copies, a copy with a new headline and edited copies share a
# cluster while follow-ups on the same topic do not; re-indexing keeps them; `stats` prints the figures.
. "$(dirname "$0")/lib.sh"

cluster_of() { sql "SELECT cluster FROM article_details WHERE path LIKE '%/$1'"; }

assert_status 0 "index the sample corpus" -- pc index "$SOURCE/corpus"
wire="$(cluster_of wire/bank-websites-knocked-offline.txt)"
[ -n "$wire" ] && pass || fail "the wire original has a cluster"
assert_eq "$(cluster_of eastbridge-gazette/bank-websites-knocked-offline.txt)" "$wire" "exact copy joins the original"
assert_eq "$(cluster_of lakeshore-observer/cyberattack-hits-ukrainian-ministry.txt)" "$wire" \
  "copy with a new headline and an added paragraph joins the original"
# One reworded sentence and another footer leave 0.8 of the shingles shared: the copy joins too.
assert_eq "$(cluster_of kyiv-lantern/bank-websites-knocked-offline.txt)" "$wire" "reworded copy joins the original"
assert_eq "$(sql "SELECT count(*) FROM articles WHERE cluster = $wire")" "4" "the bank-websites cluster has 4 articles"
for other in wire/kremlin-dismisses-outage-claims.txt wire/nato-cyber-support-pledge.txt \
  kyiv-lantern/how-a-hosting-firm-kept-banks-online.txt vechirnii-dzvin/khakery-atakuvaly-saity.txt; do
  assert_eq "$(sql "SELECT cluster = id FROM article_details WHERE path LIKE '%/$other'")" "1" "$other stands alone"
done
assert_eq "$(sql 'SELECT count(*) FROM articles WHERE cluster IS NULL')" "0" "every article has a cluster"
assert_eq "$(sql 'SELECT count(*) FROM cluster_bands WHERE article_id NOT IN (SELECT id FROM articles)')" "0" \
  "no band key without its article"
out="$(pc stats)"
assert_contains "$out" "duplicates " "stats prints the cluster figures"
assert_contains "$out" "articles in them (largest 4)" "stats: the largest cluster"
assert_contains "$(pc stats --format json)" "\"largest\": 4}" "stats json: the largest cluster"

# Re-indexing a member: its old signature goes and the new article joins the cluster again.
cp -r "$SOURCE/corpus" "$WORK/corpus"
rm -f "$DB" "$DB-wal" "$DB-shm"
assert_status 0 "index a copy of the sample" -- pc index "$WORK/corpus"
printf '\nAn added closing line.\n' >>"$WORK/corpus/kyiv-lantern/bank-websites-knocked-offline.txt"
assert_status 0 "re-index the changed copy" -- pc index "$WORK/corpus"
wire="$(cluster_of wire/bank-websites-knocked-offline.txt)"
assert_eq "$(cluster_of kyiv-lantern/bank-websites-knocked-offline.txt)" "$wire" "the re-indexed copy rejoins"
assert_eq "$(sql 'SELECT count(*) FROM cluster_signatures WHERE article_id NOT IN (SELECT id FROM articles)')" "0" \
  "the old signature is gone"
rm "$WORK/corpus/eastbridge-gazette/bank-websites-knocked-offline.txt"
assert_status 0 "prune the exact copy" -- pc index --prune "$WORK/corpus"
assert_eq "$(sql "SELECT count(*) FROM articles WHERE cluster = $wire")" "3" "pruned copy leaves the cluster"
assert_eq "$(sql 'SELECT count(*) FROM cluster_bands WHERE article_id NOT IN (SELECT id FROM articles)')" "0" \
  "pruning removes the band keys"
assert_status 0 "check" -- pc check

# The BBC corpus: pairs read by hand (tests/eval/neardup_bbc_labels.tsv).
require_shared_corpus
rm -f "$DB" "$DB-wal" "$DB-shm"
assert_status 0 "index BBC" -- pc index "$CORPUS/bbc-fulltext"
same() { assert_eq "$(cluster_of "bbc/$1")" "$(cluster_of "bbc/$2")" "$1 and $2 share a cluster ($3)"; }
apart() {
  local a b
  a="$(cluster_of "bbc/$1")"; b="$(cluster_of "bbc/$2")"
  [ -n "$a" ] && [ "$a" != "$b" ] && pass || fail "$1 and $2 are in different clusters ($3): $a $b"
}
same business/007.txt business/253.txt "exact copy"
same tech/008.txt tech/252.txt "exact copy"
same politics/082.txt politics/383.txt "same body, new headline"
same entertainment/179.txt entertainment/216.txt "one paragraph changed, Jaccard 0.84"
same tech/009.txt tech/379.txt "paragraphs added, Jaccard 0.76"
same politics/043.txt politics/313.txt "paragraph added, Jaccard 0.62"
same politics/088.txt politics/337.txt "two paragraphs replaced, Jaccard 0.56"
apart politics/327.txt politics/328.txt "next-day follow-up, Jaccard 0.47"
apart tech/018.txt tech/190.txt "PlayStation 3 chip before and after, Jaccard 0.36"
apart entertainment/143.txt entertainment/159.txt "two Band Aid stories, Jaccard 0.37"
apart business/138.txt business/152.txt "oil prices on different days, Jaccard 0.34"
out="$(pc stats)"
assert_contains "$out" "duplicates 167 clusters of copies, 335 articles in them (largest 3)" "BBC cluster figures"
assert_contains "$(pc stats --format json)" '"duplicates": {"clusters": 167, "articles": 335, "largest": 3}' \
  "BBC cluster figures in json"
finish
