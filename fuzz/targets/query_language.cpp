// Fuzz target: the query language (what a user types after `tinkr logs` or sends as "query"), and the
// durations and times the hosts read from flags and request bodies. A filter that parses must also
// survive the IR's JSON form unchanged, since that is how it travels to a plugin.
#include <tinkr/ir.hpp>
#include <tinkr/query.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {
constexpr int64_t kNow = 1'780'000'000'000'000'000;  // a fixed "now": the run must not depend on the clock
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto filter = tinkr::query::parse_filter(text, kNow)) {
    tinkr::ir::Query query;
    query.filter = *filter;
    auto back = tinkr::ir::parse_json(tinkr::ir::to_json(query));
    if (!back || !(back->filter == *filter)) std::abort();  // the IR must carry every filter it can hold
  }
  (void)tinkr::query::parse_duration(text);
  (void)tinkr::query::parse_time(text, kNow);
  // Flags come in threes (--since, --from, --to): split the input at the first two newlines.
  const auto first = text.find('\n');
  const auto second = first == std::string_view::npos ? first : text.find('\n', first + 1);
  if (second != std::string_view::npos)
    (void)tinkr::query::parse_time_range(text.substr(0, first), text.substr(first + 1, second - first - 1),
                                         text.substr(second + 1), kNow);
  return 0;
}
