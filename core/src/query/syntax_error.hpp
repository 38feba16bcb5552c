// Formats a query syntax error the way compilers do: the phrase, the column, then the input with a
// caret under the place.
#pragma once

#include <tinkr/error.hpp>

#include <cstddef>
#include <string_view>

namespace tinkr::query::detail {

/// Error::Code::invalid_query with the message
///   invalid query: expected a value after 'level:' at column 7
///     level:
///           ^
/// `position` is a byte offset; the column counts characters (UTF-8 code points) from 1.
Error syntax_error(std::string_view input, std::size_t position, std::string_view what);

}  // namespace tinkr::query::detail
