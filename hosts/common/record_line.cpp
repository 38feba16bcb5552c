// Checks record lines with RapidJSON's SAX reader: no tree is built and nothing is allocated per line
// once the first has been read.
#include "common/record_line.hpp"

#include <tinkr/record_fields.hpp>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace tinkr::host {
namespace {

using fields::Json;

/// What a member's value must be, as record_reader.cpp reads it.
enum class Want { anything, string, whole_number, boolean, array_of_points };

std::string_view what(Want want) {
  switch (want) {
    case Want::string:
      return "a string";
    case Want::whole_number:
      return "a whole number";
    case Want::boolean:
      return "true or false";
    case Want::array_of_points:
      return "an array of objects";
    case Want::anything:
      break;
  }
  return "a value";
}

template <class Kept>
Want want_in(std::string_view key) {
  Want want = Want::anything;
  fields::any_field<CView<Kept>, Kept>([&](const auto& field) {
    if (!field.shown.empty() && key == field.shown) return want = Want::string, true;
    if (key != field.name) return false;
    switch (field.json) {
      case Json::text:
      case Json::optional_text:
      case Json::status:
        want = Want::string;
        break;
      case Json::number:
      case Json::count:
      case Json::time:
      case Json::severity:
        want = Want::whole_number;
        break;
      case Json::orphan:
        want = Want::boolean;
        break;
      case Json::points:
        want = Want::array_of_points;
        break;
      case Json::object:
        break;  // any JSON value: the reader keeps its text
    }
    return true;
  });
  return want;
}

Want want_of(std::string_view type, std::string_view key) {
  if (type == record_type_of<LogRecord>) return want_in<LogRecord>(key);
  if (type == record_type_of<MetricSeries>) return want_in<MetricSeries>(key);
  if (type == record_type_of<Span>) return want_in<Span>(key);
  return want_in<TraceSummary>(key);
}

// Follows the object's members: depth 1 is the record, depth 2 its points array, depth 3 a point.
class Checker : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Checker> {
 public:
  explicit Checker(std::string_view type) : type_(type) {}

  bool Null() { return value(Want::anything, false); }
  bool Bool(bool) { return value(Want::boolean, false); }
  bool Int(int) { return value(Want::whole_number, false); }
  bool Uint(unsigned) { return value(Want::whole_number, false); }
  bool Int64(int64_t) { return value(Want::whole_number, false); }
  bool Uint64(uint64_t n) {
    return value(
        n <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ? Want::whole_number : Want::anything,
        false);
  }
  bool Double(double) { return value(Want::anything, false); }
  bool String(const char*, rapidjson::SizeType, bool) { return value(Want::string, false); }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view key(text, length);
    if (depth_ == 1) {
      key_.assign(key);
      want_ = want_of(type_, key);
    } else if (depth_ == 3) {
      point_time_ = key == "time_ns";
    }
    return true;
  }
  bool StartObject() {
    if (depth_ == 0) return ++depth_, true;
    if (!value(Want::anything, true)) return false;
    return ++depth_, true;
  }
  bool EndObject(rapidjson::SizeType) { return --depth_, true; }
  bool StartArray() {
    if (depth_ == 0) return note("the line is not a JSON object");
    if (depth_ == 1 && want_ == Want::array_of_points) {
      in_points_ = true;
      return ++depth_, true;
    }
    if (!value(Want::anything, false)) return false;
    return ++depth_, true;
  }
  bool EndArray(rapidjson::SizeType) {
    if (depth_ == 2) in_points_ = false;
    return --depth_, true;
  }

  const std::string& error() const { return error_; }

 private:
  // A value of kind `got` (an object when is_object) at the current depth.
  bool value(Want got, bool is_object) {
    if (depth_ == 0) return note("the line is not a JSON object");
    if (depth_ == 1) {
      if (want_ == Want::anything || want_ == got) return true;
      return mistyped(key_, want_);
    }
    if (depth_ == 2 && in_points_ && !is_object) return mistyped(key_, Want::array_of_points);
    if (depth_ == 3 && in_points_ && point_time_ && got != Want::whole_number) {
      point_time_ = false;
      return note("record (metric point): 'time_ns' must be a whole number");
    }
    return true;
  }
  bool mistyped(std::string_view key, Want want) {
    return note("record (" + std::string(type_) + "): '" + std::string(key) + "' must be " +
                std::string(what(want)));
  }
  bool note(std::string message) {
    error_ = std::move(message);
    return false;
  }

  std::string_view type_;
  int depth_ = 0;
  std::string key_;
  Want want_ = Want::anything;
  bool in_points_ = false;
  bool point_time_ = false;
  std::string error_;
};

Error bad_line(std::string message) {
  return Error(Error::Code::upstream_unavailable, "server reply: " + std::move(message),
               Error::Source::upstream);
}

}  // namespace

std::string_view record_line_type(std::string_view line) {
  constexpr std::string_view kStart = R"({"type":")";
  if (!line.starts_with(kStart)) return {};
  for (std::string_view type : {record_type_of<LogRecord>, record_type_of<MetricSeries>, record_type_of<Span>,
                                record_type_of<TraceSummary>}) {
    const std::string_view rest = line.substr(kStart.size());
    if (rest.starts_with(type) && rest.substr(type.size()).starts_with('"')) return type;
  }
  return {};
}

Expected<void> check_record_line(std::string_view line, std::string_view type) {
  // JSON escapes every control character inside strings; outside them it allows tab and carriage
  // return as space, which the server never writes and which must not reach a terminal raw.
  if (std::any_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return Unexpected(bad_line("NDJSON line holds a raw control character"));
  Checker checker(type);
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(line.data(), line.size());
  const auto result = reader.Parse(stream, checker);
  if (!checker.error().empty()) return Unexpected(bad_line(checker.error()));
  if (result.IsError()) return Unexpected(bad_line("NDJSON line is not a JSON object"));
  return {};
}

}  // namespace tinkr::host
