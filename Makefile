# The README's two commands. Everything else is CMake presets (CMakePresets.json).
JOBS ?= $(shell nproc)

.PHONY: demo test setup setup-test build-release build-dev build-asan fuzz bench format clean

setup:
	@scripts/setup.sh

# The demo needs the programs and the backends, not the test suite.
DEMO_TARGETS = tinkr tinkr-server tinkr_plugin_local tinkr_plugin_azure

demo: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target $(DEMO_TARGETS)
	@scripts/demo.sh build/release

# The suite runs under AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer (the asan preset,
# built with line tables only, -g1: enough for the sanitizers' reports and quicker to build and link),
# and replays the fuzz corpora (fuzz/corpus/) there.
test: setup-test build-asan
	ctest --preset asan -j $(JOBS)

# The tests also need node + npm for Microsoft's KQL parser (tests/kql), the Kubernetes schemas
# (tests/k8s), the MCP SDK client (tests/mcp) and puppeteer-core with Debian's chromium for the web
# explorer (tests/browser), and shellcheck + yamllint for deploy/.
setup-test:
	@scripts/setup.sh kql deploy browser
	@scripts/kql-deps.sh
	@scripts/kql-deps.sh tests/k8s
	@scripts/kql-deps.sh tests/mcp
	@scripts/kql-deps.sh tests/browser

build-release: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-dev: setup
	cmake --preset dev -DTINKR_WERROR=ON >/dev/null
	cmake --build --preset dev -j $(JOBS)

build-asan: setup
	cmake --preset asan -DTINKR_WERROR=ON >/dev/null
	cmake --build --preset asan -j $(JOBS)

# Runs every libFuzzer target for FUZZ_SECONDS each (clang; see docs/fuzzing.md).
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/setup.sh fuzz
	@scripts/fuzz.sh $(FUZZ_SECONDS)

bench: setup build-release
	@scripts/bench.sh build/release

format:
	git ls-files '*.hpp' '*.cpp' '*.h' '*.c' | xargs clang-format -i

clean:
	rm -rf build

# --- Installing, packaging and the container image (deploy/) ---
# `make install PREFIX=DIR`: programs, plugins, docs, a default config and bash completions under DIR;
# the programs find their plugins relative to themselves, so DIR may be moved or copied later.
PREFIX ?= /usr/local
.PHONY: install package

install: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target $(DEMO_TARGETS)
	cmake --install build/release --prefix $(PREFIX)

# `make package`: build/package/tinkr_VERSION_amd64.deb (CPack; a Release build for /usr, no tests).
package: setup
	@scripts/setup.sh package
	cmake -S . -B build/package -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
	  -DTINKR_BUILD_TESTS=OFF -DTINKR_BUILD_BENCH=OFF >/dev/null
	cmake --build build/package -j $(JOBS)
	cd build/package && cpack -G DEB

# Installs the package on a bare Debian 12 root (../shared/tools/fresh-debian.sh) and runs the demo
# from the PATH. Root; minutes. Not part of `make test` (which checks the package's contents).
.PHONY: package-test
package-test: package
	deploy/package/test-on-bare-debian.sh build/package

# `make image`: build/image/tinkr-oci-VERSION.tar, the image of deploy/image/Dockerfile built from
# Debian packages alone (mmdebstrap + umoci; root; minutes), for `docker load` / `podman load`.
# `make image-test`: tinkr-server from the image's root file system answers /healthz and /readyz.
.PHONY: image image-test
image: package
	@scripts/setup.sh image
	deploy/image/build.sh build/package build/image

image-test: image
	deploy/image/check.sh build/image
