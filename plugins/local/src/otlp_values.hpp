// otlp_values.hpp: reading the pieces of OpenTelemetry's OTLP/JSON encoding that every signal shares
// (int64 as decimal strings, ids as hex, AnyValue, KeyValue lists, the resource's service.name), with
// errors that name the JSON path of the bad value.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace tinkr::local::otlp {

using Json = rapidjson::Value;
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

/// Where a value stands, built on the stack as the reader descends and only rendered for an error:
/// resourceLogs[0].scopeLogs[0].logRecords[3].timeUnixNano
struct Path {
  const Path* parent = nullptr;
  std::string_view member;
  int64_t index = -1;  // >= 0: member[index]

  Path at(std::string_view child) const { return {this, child, -1}; }
  Path at(std::string_view child, std::size_t i) const { return {this, child, static_cast<int64_t>(i)}; }
  std::string render() const;
};

/// A bad value: what is wrong and where. The ingest loop adds the source and line.
struct FieldError {
  std::string path;
  std::string what;
};

[[noreturn]] void fail(const Path& path, std::string what);

/// The member `name` of `object`, or nullptr when absent or JSON null.
const Json* member(const Json& object, std::string_view name);

/// An array member (absent: nullptr); anything but an array is an error.
const Json* array_member(const Json& object, const Path& path, std::string_view name);

/// An int64 given as a decimal string (proto3 JSON) or a JSON integer; 0 when absent.
int64_t read_int64(const Json& object, const Path& path, std::string_view name);
/// A number given as a JSON number or one of the strings proto3 JSON allows ("NaN", "1.5"...).
double read_double(const Json& value, const Path& path);
/// A string member; empty when absent.
std::string_view read_string(const Json& object, const Path& path, std::string_view name);
/// An enum given as its number or its name (SPAN_KIND_SERVER); names are matched by their suffix
/// after `prefix`, against `names` (index = number). 0 when absent.
int read_enum(const Json& object, const Path& path, std::string_view name, std::string_view prefix,
              std::initializer_list<std::string_view> names);

/// A trace or span id: hex of `digits` digits, lowercased into `out`; empty when absent.
void read_hex_id(const Json& object, const Path& path, std::string_view name, std::size_t digits,
                 std::string& out);

/// Writes an AnyValue as JSON (string, bool, int, double, array, kvlist, bytes as its base64 text).
void write_any_value(JsonWriter& w, const Json& any, const Path& path);
/// Writes a KeyValue list as a JSON object.
void write_attributes(JsonWriter& w, const Json* attributes, const Path& path);
/// A body: a stringValue as it is, any other AnyValue as its JSON text.
void read_body(const Json& any, const Path& path, rapidjson::StringBuffer& buffer, std::string_view& out);

/// The string value of attribute `key` in a KeyValue list (ints as decimal text); empty if absent.
std::string attribute_text(const Json* attributes, std::string_view key);

/// service.name from a resource, or "unknown_service" as OpenTelemetry's SDKs report it.
std::string service_name(const Json& resource_holder);

}  // namespace tinkr::local::otlp
