// message_masking.hpp: the first step of template mining (see tinkr/template_miner.hpp): a message's
// first line split into tokens, each value that varies between occurrences replaced by <*>.
#pragma once

#include <tinkr/template_miner.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tinkr::analysis {

/// Writes the masked tokens of `message` into `out` (cleared first) and where each sits into
/// `tokens` (cleared first); at most `max_tokens` tokens. Allocates only when `out` or `tokens`
/// must grow.
void mask_tokens(std::string_view message, std::size_t max_tokens, std::string& out,
                 std::vector<TokenSpan>& tokens);

}  // namespace tinkr::analysis
