# Warnings, sanitizers and ccache for every target of the build.
find_program(TINKR_CCACHE ccache)
if(TINKR_CCACHE)
  set(CMAKE_C_COMPILER_LAUNCHER ${TINKR_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${TINKR_CCACHE})
endif()

add_compile_options(-Wall -Wextra -Wpedantic)
# GCC 12 reports a false -Wrestrict in std::string concatenation once optimising (GCC bug 105329,
# fixed in 13); it would fail every Release build under -Werror for code that is correct.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  add_compile_options($<$<NOT:$<CONFIG:Debug>>:-Wno-restrict>)
endif()

if(TINKR_WERROR)
  add_compile_options(-Werror)
endif()

if(TINKR_SANITIZE)
  list(JOIN TINKR_SANITIZE "," tinkr_sanitizers)
  add_compile_options(-fsanitize=${tinkr_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${tinkr_sanitizers})
  # GCC's sanitizer instrumentation is known to cause false -Wmaybe-uninitialized reports; the dev
  # build still fails on them, the sanitized one (make test) only warns.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-error=maybe-uninitialized)
  endif()
endif()
# RAPIDJSON_SSE2 stays undefined: in Debian's RapidJSON 1.1.0 its string scanning takes only bytes up
# to 0x19 for control characters, so the writer lets 0x1A-0x1F (ESC among them) through unescaped and
# the reader accepts them raw (ToJson.StringsReadBackWholeWhereverAnEscapedCharacterFalls catches it).
# libFuzzer's coverage instrumentation everywhere; only the fuzz targets link libFuzzer itself.
# Clang's UBSan also checks pointer arithmetic on null, which Debian's RapidJSON 1.1.0 does on every
# parse (internal/stack.h:117, fixed upstream after 1.1.0): without this every input "crashes" there.
if(TINKR_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link -fno-sanitize=pointer-overflow)
endif()

# Debug builds stay quick to compile but not painfully slow to run.
string(APPEND CMAKE_CXX_FLAGS_DEBUG " -Og")
