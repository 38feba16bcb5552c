#!/usr/bin/env bash
# Installs the Debian packages Tinkr builds and tests with, and nothing else.
# As root it runs apt-get itself; otherwise it prints the one command to run and fails, so that
# `make demo` / `make test` never half-build on a machine that lacks a dependency.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config ccache
  libboost1.81-dev libboost-filesystem1.81-dev libboost-url1.81-dev
  libssl-dev rapidjson-dev libyaml-cpp-dev libtomlplusplus-dev libcli11-dev libexpected-dev
  libgtest-dev libbenchmark-dev libsqlite3-dev libre2-dev zlib1g-dev
  tmux  # tests/integration/hosts/terminal_test.cpp draws the charts in a real terminal
)
# Extra groups, asked for by name: `setup.sh kql` adds what the KQL parser check needs, `browser`
# Debian's chromium for the explorer's browser tests (tests/browser; puppeteer-core never downloads a
# browser), `fuzz` clang and libFuzzer for `make fuzz`.
for extra in "$@"; do
  case "$extra" in
    kql) packages+=(nodejs npm) ;;
    browser) packages+=(chromium) ;;
    bench) packages+=(wrk time) ;;
    deploy) packages+=(shellcheck yamllint dpkg-dev file) ;;
    package) packages+=(dpkg-dev file debootstrap) ;;
    image) packages+=(mmdebstrap umoci) ;;
    fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;  # libclang-rt-14-dev holds libFuzzer's runtime
    *) echo "setup.sh: unknown group '$extra' (known: kql, browser, bench, deploy, package, image, fuzz)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  # npm is also shipped outside Debian (nodesource, nvm): a working binary is enough.
  if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "tinkr: missing Debian packages: ${missing[*]}" >&2
  echo "run this once, then try again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "tinkr: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
