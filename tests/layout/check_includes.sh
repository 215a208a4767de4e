#!/usr/bin/env bash
# check_includes.sh — holds the source tree to its architecture: each folder of src/ (and of include/presscut/)
# is one stage of the data's path, and a file may include only headers of its own stage or of the stages it
# builds on (the table below). Also refuses a circle among headers and a header or source left outside a
# stage folder. Prints each violation with file and line; exits 1 when there is any.
set -u
root="${PRESSCUT_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$root" || exit 2

# stage: the stages it may include (besides itself). Read top to bottom, it is the order of the data's path.
declare -A allowed=(
  [core]=""
  [text]="core"
  [ingest]="core text"
  [fts5]="core text"
  [store]="core text ingest fts5"
  [index]="core text ingest fts5 store"
  [search]="core text fts5 store"
  [output]="core text fts5 store search"
  [tui]="core text fts5 store search output"
  [cli]="core text ingest fts5 store index search output tui"
)
problems=0
complain() { echo "$1"; problems=$((problems + 1)); }

# Every source and public header sits in a stage folder.
while IFS= read -r f; do
  complain "$f: not in a stage folder (src/<stage>/ or include/presscut/<stage>/)"
done < <(find src include/presscut -maxdepth 1 -type f \( -name '*.c' -o -name '*.h' \) | sort)

edges="$(mktemp)"
trap 'rm -f "$edges"' EXIT
while IFS= read -r f; do
  case "$f" in
    src/*) stage="${f#src/}" ;;
    include/presscut/*) stage="${f#include/presscut/}" ;;
  esac
  stage="${stage%%/*}"
  if [ -z "${allowed[$stage]+set}" ]; then complain "$f: '$stage' is not a known stage"; continue; fi
  while IFS=: read -r line inc; do
    inc="${inc#*\"}"; inc="${inc%%\"*}"
    case "$inc" in
      presscut/*/*) target="${inc#presscut/}"; target="${target%%/*}"; header="include/$inc" ;;
      */*) target="${inc%%/*}"; header="src/$inc" ;;
      *) target="$stage"; header="$(dirname "$f")/$inc" ;;
    esac
    if [ "$target" != "$stage" ] && [[ " ${allowed[$stage]} " != *" $target "* ]]; then
      complain "$f:$line: the $stage stage includes \"$inc\" of the later or unrelated stage $target"
    fi
    case "$f" in *.h) echo "$f $header" >>"$edges" ;; esac
  done < <(grep -n '^#include "' "$f" | sed 's/^\([0-9]*\):/\1:/')
done < <(find src include/presscut -mindepth 2 -type f \( -name '*.c' -o -name '*.h' \) | sort)

# A circle among headers (tsort names the headers on it).
if ! tsort "$edges" >/dev/null 2>"$edges.err"; then
  complain "headers include each other in a circle: $(tr '\n' ' ' <"$edges.err")"
fi
rm -f "$edges.err"

if [ "$problems" -gt 0 ]; then
  echo "$problems layout problems"
  exit 1
fi
echo "layout: every include points to the same or an earlier stage, no header circle"
