# The README's two commands. Everything else is CMake presets (CMakePresets.json).
JOBS ?= $(shell nproc)

.PHONY: demo test setup build-release build-dev bench format clean

setup:
	@scripts/setup.sh

demo: setup build-release
	@scripts/demo.sh build/release

test: setup build-dev
	ctest --preset dev -j $(JOBS)

build-release:
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-dev:
	cmake --preset dev -DTINKR_WERROR=ON >/dev/null
	cmake --build --preset dev -j $(JOBS)

bench: setup build-release
	@scripts/bench.sh build/release

format:
	git ls-files '*.hpp' '*.cpp' '*.h' '*.c' | xargs clang-format -i

clean:
	rm -rf build
