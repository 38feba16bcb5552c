// Fuzz target: the IR's JSON form, which the server's clients, `tinkr query --ir`, and every plugin
// (as the query it is asked) read. A query that parses must come back unchanged from its own JSON:
// the IR is documented as lossless.
#include <tinkr/ir.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto query = tinkr::ir::parse_json(text);
  if (!query) return 0;
  auto again = tinkr::ir::parse_json(tinkr::ir::to_json(*query));
  if (!again || !(*again == *query)) std::abort();
  return 0;
}
