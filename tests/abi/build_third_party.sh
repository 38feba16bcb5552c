#!/usr/bin/env bash
# Installs the SDK from the build tree into a temporary prefix, builds examples/third_party_plugin
# against that prefix alone (a fresh CMake project that cannot see the source tree), and copies the
# module into a plugin folder. usage: build_third_party.sh BUILD_DIR EXAMPLE_DIR OUT_DIR
set -euo pipefail
build=$1 example=$2 out=$3
rm -rf "$out"
mkdir -p "$out/plugins"
cmake --install "$build" --component sdk --prefix "$out/prefix" >"$out/install.log"
test -f "$out/prefix/include/tinkr/plugin.h"
cmake -S "$example" -B "$out/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$out/prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$out/configure.log"
cmake --build "$out/build" >"$out/build.log"
cp "$out/build/libtinkr-example.so" "$out/plugins/"
echo "built $out/plugins/libtinkr-example.so against $out/prefix"
