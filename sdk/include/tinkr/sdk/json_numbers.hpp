// tinkr/sdk/json_numbers.hpp: JSON text into a rapidjson::Document with every number read exactly.
//
// Why not RapidJSON's own number parsing: Debian 12's RapidJSON 1.1.0 reads "0e200" with
// kParseFullPrecisionFlag as 7.8e56 (its DiyFp normalisation passes zero to clz, undefined
// behaviour that fuzz_ir_json found), and without that flag some doubles are off by an ulp. So
// RapidJSON checks the syntax and hands each number over as text (kParseNumbersAsStringsFlag), and
// std::from_chars, which rounds correctly, gives its value.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <string_view>

namespace tinkr::sdk::json_numbers_detail {

// The decimal exponent just past a number's first significant digit ("123" → 3, "0.05" → -1,
// "5e-400" → -399): positive means a value out of double's range is too big, otherwise too small.
inline long long magnitude(std::string_view number) {
  constexpr long long kSaturated = 1LL << 60;  // far past any double, far from overflowing
  const std::size_t e = number.find_first_of("eE");
  std::string_view mantissa = number.substr(0, e);
  if (!mantissa.empty() && mantissa.front() == '-') mantissa.remove_prefix(1);
  long long exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = number.substr(e + 1);
    const bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
    if (ec != std::errc{} || exponent > kSaturated) exponent = kSaturated;
    if (negative) exponent = -exponent;
  }
  const std::size_t point = mantissa.find('.');
  const std::string_view whole = mantissa.substr(0, point);
  if (const std::size_t first = whole.find_first_not_of('0'); first != std::string_view::npos)
    return exponent + static_cast<long long>(whole.size() - first);
  const std::string_view fraction = point == std::string_view::npos ? "" : mantissa.substr(point + 1);
  const std::size_t first = fraction.find_first_not_of('0');
  return first == std::string_view::npos ? -kSaturated : exponent - static_cast<long long>(first);
}

// RapidJSON's handler events, passed on to the document, with numbers converted on the way.
struct ExactNumbers {
  rapidjson::Document& document;
  bool out_of_range = false;

  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view number(text, length);
    const char* last = text + length;
    if (number.find_first_of(".eE") == std::string_view::npos) {
      // The integer kinds RapidJSON itself would choose; past 64 bits it becomes a double, as there.
      if (number.front() == '-') {
        std::int64_t value = 0;
        if (std::from_chars(text, last, value).ec == std::errc{})
          return value >= std::numeric_limits<int>::min() ? document.Int(static_cast<int>(value))
                                                          : document.Int64(value);
      } else {
        std::uint64_t value = 0;
        if (std::from_chars(text, last, value).ec == std::errc{})
          return value <= std::numeric_limits<unsigned>::max() ? document.Uint(static_cast<unsigned>(value))
                                                               : document.Uint64(value);
      }
    }
    double value = 0;
    if (std::from_chars(text, last, value).ec == std::errc{}) return document.Double(value);
    if (magnitude(number) <= 0) return document.Double(number.front() == '-' ? -0.0 : 0.0);  // underflow
    out_of_range = true;
    return false;
  }
  bool Null() { return document.Null(); }
  bool Bool(bool b) { return document.Bool(b); }
  bool Int(int i) { return document.Int(i); }
  bool Uint(unsigned i) { return document.Uint(i); }
  bool Int64(std::int64_t i) { return document.Int64(i); }
  bool Uint64(std::uint64_t i) { return document.Uint64(i); }
  bool Double(double d) { return document.Double(d); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return document.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return document.Key(s, n, copy); }
  bool StartObject() { return document.StartObject(); }
  bool EndObject(rapidjson::SizeType members) { return document.EndObject(members); }
  bool StartArray() { return document.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return document.EndArray(elements); }
};

}  // namespace tinkr::sdk::json_numbers_detail

namespace tinkr::sdk {

/// Parses `text` into `document` (which is left null on failure) with RapidJSON's `Flags`, reading
/// every number exactly. Returns RapidJSON's result: a number beyond double's range is
/// kParseErrorNumberTooBig at the offset where it starts.
template <unsigned Flags = rapidjson::kParseDefaultFlags>
rapidjson::ParseResult parse_json_exactly(rapidjson::Document& document, std::string_view text) {
  json_numbers_detail::ExactNumbers handler{document};
  rapidjson::ParseResult result;
  auto generate = [&](rapidjson::Document&) {
    rapidjson::MemoryStream memory(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(memory);
    rapidjson::Reader reader;
    result = reader.Parse<Flags | rapidjson::kParseNumbersAsStringsFlag>(input, handler);
    return !result.IsError();
  };
  document.SetNull();
  document.Populate(generate);
  if (handler.out_of_range) result.Set(rapidjson::kParseErrorNumberTooBig, result.Offset());
  return result;
}

}  // namespace tinkr::sdk
