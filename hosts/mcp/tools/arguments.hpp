// A tool's arguments, read with errors the model can fix: each names the argument and what was
// expected. The schemas in tools/list say the same thing up front; this is the check that holds.
#pragma once

#include <tinkr/error.hpp>

#include <rapidjson/document.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::mcp {

class Arguments {
 public:
  /// Refuses members not in `known` (the schemas say additionalProperties: false).
  static Expected<Arguments> read(const rapidjson::Value& value,
                                  std::initializer_list<std::string_view> known);

  Expected<std::string> string(std::string_view key, bool required = false) const;
  /// An integer in [min, max]; `fallback` when absent.
  Expected<int64_t> integer(std::string_view key, int64_t fallback, int64_t min, int64_t max) const;
  Expected<bool> boolean(std::string_view key, bool fallback) const;
  /// An array of strings; also accepts one string (a common slip). `max_items` 0: no bound.
  Expected<std::vector<std::string>> strings(std::string_view key, bool required = false,
                                             std::size_t max_items = 0) const;

 private:
  explicit Arguments(const rapidjson::Value* value) : value_(value) {}
  const rapidjson::Value* member(std::string_view key) const;
  const rapidjson::Value* value_;
};

}  // namespace tinkr::mcp
