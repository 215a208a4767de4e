# lib.sh — shared by the end-to-end tests in tests/cli: assertions that count, a scratch folder, the
# presscut binary ($PRESSCUT) on a scratch index, and the shared corpus path (skip, or fail under CI=true).
set -u
: "${PRESSCUT:?set PRESSCUT to the built presscut binary}"
SOURCE="${PRESSCUT_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/index.db"
checks=0
failures=0

fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }
pass() { checks=$((checks + 1)); }

# assert_eq ACTUAL EXPECTED WHAT
assert_eq() {
  if [ "$1" == "$2" ]; then pass; else fail "$3: expected '$2', got '$1'"; fi
}
# assert_contains HAYSTACK NEEDLE WHAT
assert_contains() {
  case "$1" in *"$2"*) pass ;; *) fail "$3: '$2' not found in: $1" ;; esac
}
assert_not_contains() {
  case "$1" in *"$2"*) fail "$3: '$2' unexpectedly found in: $1" ;; *) pass ;; esac
}
# assert_status EXPECTED WHAT -- runs the rest of the line and checks its exit status
assert_status() {
  local expected="$1" what="$2"; shift 3
  "$@" >"$WORK/last.out" 2>"$WORK/last.err"
  local status=$?
  if [ "$status" -eq "$expected" ]; then pass; else
    fail "$what: exit status $status, expected $expected; stderr: $(head -c 600 "$WORK/last.err")"; fi
}

pc() { "$PRESSCUT" --db "$DB" "$@"; }
# sql STATEMENT: one value or rows, tab-separated
sql() { "$PRESSCUT" --db "$DB" sql "$1"; }

# Sets CORPUS to the shared real-data corpus folder; exits 77 (skip) when it is absent, or 1 under CI=true.
# (Call it directly, not in $(...): an exit there would only leave the subshell.)
require_shared_corpus() {
  CORPUS="${PRESSCUT_SHARED:-$SOURCE/../shared}/corpus"
  [ -f "$CORPUS/seeds/SOURCE.md" ] && return
  if [ "${CI:-}" = "true" ]; then
    echo "shared corpus not found at $CORPUS (set PRESSCUT_SHARED); it is required under CI=true" >&2; exit 1
  fi
  echo "shared corpus not found at $CORPUS: skipping" >&2; exit 77
}

# For a part of a test that needs the shared corpus: true (CORPUS set) when it is there; when it is not,
# a failure under CI=true, else a note on stderr; false either way.
have_shared_corpus() {
  CORPUS="${PRESSCUT_SHARED:-$SOURCE/../shared}/corpus"
  [ -f "$CORPUS/seeds/SOURCE.md" ] && return 0
  if [ "${CI:-}" = "true" ]; then
    fail "shared corpus not found at $CORPUS (set PRESSCUT_SHARED); it is required under CI=true"
  else
    echo "shared corpus not found at $CORPUS: its part of this test is left out" >&2
  fi
  return 1
}

# wait_until PID COMMAND...: waits (at most 60 s) until COMMAND succeeds or process PID has exited. Returns 1
# on time-out.
wait_until() {
  local pid="$1" tries=0; shift
  until "$@" || ! kill -0 "$pid" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -ge 6000 ] && return 1
    sleep 0.01
  done
}
# True once process $1 catches SIGINT (its handler is installed), read from /proc; true without /proc.
catches_sigint() {
  [ -r "/proc/$1/status" ] || return 0
  local mask
  mask="$(awk '/^SigCgt:/ {print $2}' "/proc/$1/status")"
  [ -n "$mask" ] && [ $((0x$mask & 2)) -ne 0 ]
}

finish() {
  echo "$checks checks, $failures failed" >&2
  [ "$failures" -eq 0 ]
  exit $?
}
