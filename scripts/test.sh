#!/usr/bin/env bash
# test.sh — sets presscut up (scripts/setup.sh), then runs the whole test suite twice: on the release build
# and on an AddressSanitizer + UndefinedBehaviorSanitizer build; then builds the libFuzzer targets with clang
# and runs each a bounded, deterministic number of inputs from its seeds (tests/fuzz/run.sh). Tests on real
# data read ../shared/corpus (or $PRESSCUT_SHARED/corpus); under CI=true its absence fails them.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${PRESSCUT_SHARED:-$(cd .. && pwd)/shared}"
jobs="$(nproc)"

bash scripts/setup.sh
cmake -S . -B build -DPRESSCUT_SHARED_DIR="$shared" >/dev/null
cmake --build build -j"$jobs" >/dev/null
echo "== tests (release build)"
ctest --test-dir build --output-on-failure -j"$jobs"

bash scripts/setup.sh --sanitize
cmake -S . -B build-asan -DPRESSCUT_SHARED_DIR="$shared" >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
echo "== tests (AddressSanitizer + UndefinedBehaviorSanitizer build)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

bash scripts/setup.sh --fuzz
echo "== fuzzing (libFuzzer, ASan + UBSan: ${PRESSCUT_FUZZ_RUNS:-2000} inputs per target)"
bash tests/fuzz/run.sh build-fuzz "${PRESSCUT_FUZZ_RUNS:-2000}"
