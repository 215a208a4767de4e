#!/usr/bin/env bash
# setup.sh — installs the Debian packages presscut needs (when missing) and builds it with CMake.
#   scripts/setup.sh              release build in build/
#   scripts/setup.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
#   scripts/setup.sh --fuzz       also clang and its libFuzzer runtime; the fuzz targets (tests/fuzz) in build-fuzz/
# Run as root (or with sudo available) on Debian 12. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libsqlite3-dev sqlite3 libicu-dev libstemmer-dev
          libhunspell-dev hunspell-uk libxxhash-dev libzstd-dev libxml2-dev libjansson-dev libexttextcat-dev time
          libxlsxwriter-dev python3-openpyxl xlsx2csv libncurses-dev tmux procps)
[ "${1:-}" = "--fuzz" ] && packages+=(clang libclang-rt-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build=build
args=(-DCMAKE_BUILD_TYPE=Release)
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRESSCUT_SANITIZE=ON)
fi
if [ "${1:-}" = "--fuzz" ]; then
  cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRESSCUT_FUZZ=ON >/dev/null
  cmake --build build-fuzz -j"$(nproc)" --target fuzz_targets 2>&1 | grep -vE '^\[ *[0-9]+%\]' || true
  test -x build-fuzz/tests/fuzz/fuzz_query || { echo "setup: the fuzz build failed (see above)" >&2; exit 2; }
  exit 0
fi
cmake -S . -B "$build" "${args[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" 2>&1 | grep -vE '^\[ *[0-9]+%\]' || true
test -x "$build/presscut" || { echo "setup: the build failed (see above)" >&2; exit 2; }
