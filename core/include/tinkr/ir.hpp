// tinkr/ir.hpp: the query IR. Its definition lives in the SDK (tinkr/sdk/ir.hpp) so that the core and
// every plugin read one and the same structure; this header is the core's way in to it and to its
// JSON form. docs/ir.md documents both.
#pragma once

#include <tinkr/error.hpp>
#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/ir_json.hpp>

#include <string>
#include <string_view>

namespace tinkr::ir {

/// The IR from JSON, with errors as values (the SDK's reader throws).
Expected<Query> parse_json(std::string_view text);

}  // namespace tinkr::ir
