#!/usr/bin/env bash
# The Debian package's contents and dependencies, from the build tree under test (CPack, as
# `make package` runs it on its Release tree): the programs, both plugins (not the test-only mock),
# docs, the systemd unit and the completion; no SDK headers; Depends only on Debian runtime packages.
# The install on a bare Debian 12 root is `make package-test`'s job (root, minutes).
# usage: package_contents_test.sh CPACK BUILD_DIR VERSION
set -euo pipefail
cpack=$1 build=$(cd "$2" && pwd) version=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$work" && "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) \
  || fail "cpack: $(tail -20 "$work/cpack.log")"
deb="$work/out/tinkr_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $(basename "$deb"): $(ls "$work/out")"
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/contents"
for file in ./usr/bin/tinkr ./usr/bin/tinkr-server ./usr/lib/tinkr/plugins/libtinkr-azure.so \
  ./usr/lib/tinkr/plugins/libtinkr-local.so ./usr/share/doc/tinkr/deploy-azure.md \
  ./usr/share/bash-completion/completions/tinkr ./usr/lib/systemd/system/tinkr-server.service \
  ./etc/tinkr/config.toml; do
  grep -qxF "$file" "$work/contents" || fail "$file is not in the package: $(cat "$work/contents")"
done
grep -q "mock" "$work/contents" && fail "a test-only plugin is in the package"
grep -q "^./usr/include" "$work/contents" && fail "SDK headers are in the runtime package"
grep -q "^./usr/etc" "$work/contents" && fail "configuration under /usr/etc"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/tinkr/config.toml || fail "no conffiles entry"
depends=$(dpkg-deb -f "$deb" Depends)
for needed in libssl3 libsqlite3-0 libboost-url1.81.0 libyaml-cpp0.7 libstdc++6; do
  [[ ", $depends," == *", $needed "* ]] || fail "Depends lacks $needed: $depends"
done
[[ "$depends" == *"-dev"* ]] && fail "Depends names a -dev package: $depends"
{ [ "$(dpkg-deb -f "$deb" Package)" = tinkr ] && [ "$(dpkg-deb -f "$deb" Version)" = "$version" ]; } \
  || fail "control: $(dpkg-deb -f "$deb" Package Version)"
echo "ok: $(basename "$deb") $(du -h "$deb" | cut -f1); Depends: $depends"
