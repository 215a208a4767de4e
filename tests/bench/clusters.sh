#!/usr/bin/env bash
# clusters.sh — do two builds make the same near-duplicate clusters of the same files? Indexes the files with
# this build and with a reference build (e.g. one of an earlier commit), then prints for each: clusters and
# articles, and the bytes of cluster_signatures and cluster_bands (dbstat); then either "clusters: identical"
# or every article whose cluster differs (path, record, cluster here and there; articles are matched by id,
# as both builds take the same files in the same order). Exits 1 when they differ.
# A check to run by hand after a change to near-duplicate signatures or band keys, not a timed test.
#   tests/bench/clusters.sh --reference BUILD_DIR [--corpus NAME] [--work DIR] [PATH...]
#     --reference DIR  the other build folder (holding its presscut)
#     --corpus NAME    as index.sh: files (default), files-trimmed, jsonl, mixed
# See tests/bench/lib.sh for what it needs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
corpus=files work=/tmp/presscut-bench reference=
while [ $# -gt 0 ]; do
  case "$1" in
    --reference) reference="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "clusters.sh: unknown option '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
    *) break ;;
  esac
done
bench_check clusters.sh
[ -x "$reference/presscut" ] || bench_die "no presscut in '$reference': give the reference build with --reference"
mkdir -p "$work"
if [ $# -gt 0 ]; then paths=("$@"); else mapfile -t paths < <(bench_corpus "$corpus" "$work" 100); fi
dbs="$(mktemp -d)"
trap 'rm -rf "$dbs"' EXIT

# Indexes the paths with the presscut in $1 into $2 and prints its figures.
index_with() {
  "$1/presscut" --db "$2" index --no-progress -q "${paths[@]}" >/dev/null 2>&1 || bench_die "$1/presscut failed to index"
  printf '%s: %s\n' "$1" "$(sqlite3 -separator ' ' "$2" "SELECT count(DISTINCT cluster) || ' clusters of', \
    count(*) || ' articles;' FROM articles") $(sqlite3 -separator ' ' "$2" "SELECT name || ' ' || sum(pgsize) \
    || ' bytes' FROM dbstat WHERE name IN ('cluster_signatures', 'cluster_bands') GROUP BY name" | tr '\n' ' ')"
}
index_with "$build" "$dbs/here.db"
index_with "$reference" "$dbs/there.db"
differ="$(sqlite3 -separator ' ' "$dbs/here.db" "ATTACH '$dbs/there.db' AS t; \
  SELECT f.path, coalesce(a.record, '-'), a.cluster, b.cluster FROM articles a JOIN t.articles b ON b.id = a.id \
  JOIN files f ON f.id = a.file_id WHERE a.cluster IS NOT b.cluster ORDER BY a.id")"
if [ -z "$differ" ]; then echo "clusters: identical"; exit 0; fi
printf 'articles whose cluster differs (path, record, cluster here, cluster in the reference):\n%s\n' "$differ"
exit 1
