// The core's error-as-value door to the SDK's IR reader.
#include "tinkr/ir.hpp"

#include <tinkr/sdk/ir_json.hpp>

namespace tinkr::ir {

Expected<Query> parse_json(std::string_view text) {
  try {
    return from_json(text);
  } catch (const sdk::Error& e) {
    return fail(code_from_status(e.status()), e.what());
  }
}

}  // namespace tinkr::ir
