// tinkr/text.hpp: ASCII case-insensitive comparison for the core and the hosts. The one definition
// lives in the SDK (tinkr/sdk/text.hpp) because plugins need it too.
#pragma once

#include <tinkr/sdk/text.hpp>

namespace tinkr {

using sdk::ascii_lower;
using sdk::ascii_lowercase;
using sdk::equals_ignoring_case;
using sdk::starts_with_ignoring_case;

}  // namespace tinkr
