#!/usr/bin/env bash
# `cmake --install` to a prefix, then the prefix moved elsewhere: the programs still find their
# plugins (relative to the executable), print their version, and the docs, default config and bash
# completion are in place; a lone copied `tinkr` says it found no plugins and fails.
# usage: install_test.sh CMAKE BUILD_DIR VERSION
set -euo pipefail
cmake=$1 build=$2 version=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$work/first" >"$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
mv "$work/first" "$work/moved"
prefix=$work/moved
mkdir -p "$work/home"
run() { env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }

# Plugins, from the moved prefix only.
run "$prefix/bin/tinkr" -o csv plugins >"$work/plugins.csv" 2>"$work/plugins.err" || fail "tinkr plugins: $(cat "$work/plugins.err")"
for plugin in local azure; do
  grep -q "^$plugin,.*,$prefix/lib/tinkr/plugins/libtinkr-$plugin.so," "$work/plugins.csv" \
    || fail "plugin $plugin not loaded from $prefix/lib/tinkr/plugins: $(cat "$work/plugins.csv")"
done
grep -q "libtinkr-mock" "$work/plugins.csv" && fail "the test-only mock plugin was installed"

# Versions.
[ "$(run "$prefix/bin/tinkr" --version)" = "tinkr $version" ] || fail "tinkr --version: $(run "$prefix/bin/tinkr" --version)"
[ "$(run "$prefix/bin/tinkr-server" --version)" = "tinkr-server $version" ] || fail "tinkr-server --version"

# Docs, config, systemd unit, completion.
for file in share/doc/tinkr/README.md share/doc/tinkr/cli.md share/doc/tinkr/backends/azure.md \
  etc/tinkr/config.toml lib/systemd/system/tinkr-server.service share/bash-completion/completions/tinkr; do
  [ -s "$prefix/$file" ] || fail "$file not installed"
done
# The default config is one tinkr accepts.
run "$prefix/bin/tinkr" --config "$prefix/etc/tinkr/config.toml" profiles >/dev/null 2>"$work/profiles.err" \
  || fail "the default config is refused: $(cat "$work/profiles.err")"

# Completion: subcommands and a subcommand's flags, read from the installed tinkr.
complete_words() {
  PATH="$prefix/bin:/usr/bin:/bin" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _tinkr; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$prefix/share/bash-completion/completions/tinkr" "$@"
}
complete_words tinkr lo | grep -qx logs || fail "completion of 'tinkr lo': $(complete_words tinkr lo)"
complete_words tinkr logs --li | grep -qx -- --limit || fail "completion of 'tinkr logs --li': $(complete_words tinkr logs --li)"
complete_words tinkr doc | grep -qx doctor || fail "completion of 'tinkr doc': $(complete_words tinkr doc)"

# A lone copy has no plugins beside it: it must fail and say where it looked (unless a real install
# in the configured prefix exists on this machine, which it would then rightly find).
mkdir "$work/lone" && cp "$prefix/bin/tinkr" "$work/lone/"
configured=$(strings "$prefix/bin/tinkr" | grep -m1 '/lib/tinkr/plugins$' || true)
if [ -z "$configured" ] || [ ! -d "$configured" ]; then
  if run "$work/lone/tinkr" plugins >"$work/lone.out" 2>"$work/lone.err"; then fail "a lone tinkr plugins exited 0"; fi
  grep -qF "no plugins found; searched: $work/home/.tinkr/plugins, $work/lib/tinkr/plugins" "$work/lone.err" || fail "lone tinkr plugins said: $(cat "$work/lone.err")"
fi
echo "ok: installed, moved, plugins found relative to the executable"
