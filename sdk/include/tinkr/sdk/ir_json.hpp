// tinkr/sdk/ir_json.hpp: the IR's JSON form ("ir": 1), lossless both ways. The core writes it and
// every plugin reads it (a plugin may write it too, as the mock's explain does); both sides are on
// RapidJSON, and side by side here so that they cannot drift apart. docs/ir.md shows examples. Reading is
// strict: an unknown member, field, operator or signal is an error naming it and where it stands
// ($.filter.and[1].op).
#pragma once

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/json_numbers.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinkr::ir {

namespace json_detail {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

inline void write_string(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

inline void write_key(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

/// A double in std::to_chars' shortest form that reads back to the same value, kept a double when
/// read back ("2.0", not "2"). JSON has no NaN or infinity: they travel as the text "NaN",
/// "Infinity" or "-Infinity".
inline void write_double(Writer& w, double v) {
  if (!std::isfinite(v)) {
    write_string(w, std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    return;
  }
  char text[32];
  char* end = std::to_chars(text, text + sizeof text - 2, v).ptr;
  if (std::string_view(text, static_cast<std::size_t>(end - text)).find_first_of(".eE") ==
      std::string_view::npos) {
    *end++ = '.';
    *end++ = '0';
  }
  w.RawValue(text, static_cast<std::size_t>(end - text), rapidjson::kNumberType);
}

inline void write_value(Writer& w, const Value& v) {
  if (const auto* text = std::get_if<std::string>(&v)) write_string(w, *text);
  if (const auto* integer = std::get_if<int64_t>(&v)) w.Int64(*integer);
  if (const auto* real = std::get_if<double>(&v)) write_double(w, *real);
  if (const auto* flag = std::get_if<bool>(&v)) w.Bool(*flag);
}

inline void write_strings(Writer& w, std::string_view key, const std::vector<std::string>& items) {
  write_key(w, key);
  w.StartArray();
  for (const auto& item : items) write_string(w, item);
  w.EndArray();
}

inline void write_filter(Writer& w, const Filter& f) {
  w.StartObject();
  switch (f.kind) {
    case Filter::Kind::all:
      write_key(w, "all");
      w.Bool(true);
      break;
    case Filter::Kind::predicate:
      write_key(w, "field");
      write_string(w, f.predicate.field);
      write_key(w, "op");
      write_string(w, to_string(f.predicate.op));
      if (f.predicate.op == Op::in) {
        write_key(w, "values");
        w.StartArray();
        for (const auto& v : f.predicate.values) write_value(w, v);
        w.EndArray();
      } else if (!f.predicate.values.empty()) {
        write_key(w, "value");
        write_value(w, f.predicate.values.front());
      }
      break;
    case Filter::Kind::text:
      write_key(w, "text");
      write_string(w, f.text);
      break;
    case Filter::Kind::and_:
    case Filter::Kind::or_:
      write_key(w, f.kind == Filter::Kind::and_ ? "and" : "or");
      w.StartArray();
      for (const auto& child : f.children) write_filter(w, child);
      w.EndArray();
      break;
    case Filter::Kind::not_:
      write_key(w, "not");
      write_filter(w, f.children.front());
      break;
  }
  w.EndObject();
}

inline void write_metrics(Writer& w, const MetricsSpec& m) {
  w.StartObject();
  write_strings(w, "names", m.names);
  write_key(w, "aggregations");
  w.StartArray();
  for (const auto& aggregation : m.aggregations) write_string(w, to_string(aggregation));
  w.EndArray();
  write_key(w, "interval");
  w.Int64(m.interval_ns);
  if (!m.dimension_filter.is_all()) {
    write_key(w, "filter");
    write_filter(w, m.dimension_filter);
  }
  write_strings(w, "group_by", m.group_by);
  write_key(w, "top");
  w.Int64(m.top);
  w.EndObject();
}

/// `"key":"value"` when the value is not empty.
inline void write_text_member(Writer& w, std::string_view key, const std::string& value) {
  if (value.empty()) return;
  write_key(w, key);
  write_string(w, value);
}

/// What write(Writer&) writes, as compact JSON text.
template <typename Write>
std::string write_json(Write&& write) {
  // One allocator for both of RapidJSON's stacks, here rather than one each on the heap, and room
  // for a typical query at once (the IR is written on every query).
  rapidjson::CrtAllocator allocator;
  rapidjson::StringBuffer buffer(&allocator, 1024);
  Writer writer(buffer, &allocator);
  write(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

[[noreturn]] inline void fail(const std::string& path, const std::string& what) {
  throw sdk::Error(TINKR_INVALID_QUERY, "ir " + path + ": " + what);
}

inline std::string_view view(const rapidjson::Value& v) {
  return {v.GetString(), v.GetStringLength()};
}

/// Refuses any member of `object` not in `known`, naming it.
inline void check_members(const rapidjson::Value& object, const std::string& path,
                          std::initializer_list<std::string_view> known) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    auto name = view(it->name);
    bool found = false;
    for (auto k : known) found = found || k == name;
    if (!found) fail(path, "unknown member '" + std::string(name) + "'");
  }
}

inline const rapidjson::Value& require_object(const rapidjson::Value& v, const std::string& path) {
  if (!v.IsObject()) fail(path, "expected an object");
  return v;
}

inline std::string read_string(const rapidjson::Value& v, const std::string& path) {
  if (!v.IsString()) fail(path, "expected a string");
  return std::string(view(v));
}

inline int64_t read_int(const rapidjson::Value& v, const std::string& path) {
  if (!v.IsInt64()) fail(path, "expected an integer");
  return v.GetInt64();
}

inline std::vector<std::string> read_strings(const rapidjson::Value& v, const std::string& path) {
  if (!v.IsArray()) fail(path, "expected an array of strings");
  std::vector<std::string> out;
  out.reserve(v.Size());
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
    out.push_back(read_string(v[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

inline Value read_value(const rapidjson::Value& v, const std::string& path) {
  if (v.IsString()) return std::string(view(v));
  if (v.IsBool()) return v.GetBool();
  if (v.IsInt64()) return v.GetInt64();
  if (v.IsDouble()) return v.GetDouble();
  fail(path, "expected a string, number or boolean");
}

inline Filter read_filter(const rapidjson::Value& v, const std::string& path, int depth = 0) {
  require_object(v, path);
  if (depth > 64) fail(path, "filter nested deeper than 64 levels");
  if (v.HasMember("and") || v.HasMember("or")) {
    const bool is_and = v.HasMember("and");
    check_members(v, path, {is_and ? "and" : "or"});
    const auto& items = v[is_and ? "and" : "or"];
    const std::string here = path + (is_and ? ".and" : ".or");
    if (!items.IsArray() || items.Size() < 2) fail(here, "expected an array of two or more filters");
    std::vector<Filter> children;
    children.reserve(items.Size());
    for (rapidjson::SizeType i = 0; i < items.Size(); ++i)
      children.push_back(read_filter(items[i], here + "[" + std::to_string(i) + "]", depth + 1));
    return is_and ? Filter::make_and(std::move(children)) : Filter::make_or(std::move(children));
  }
  if (v.HasMember("not")) {
    check_members(v, path, {"not"});
    return Filter::make_not(read_filter(v["not"], path + ".not", depth + 1));
  }
  if (v.HasMember("text")) {
    check_members(v, path, {"text"});
    return Filter::make_text(read_string(v["text"], path + ".text"));
  }
  if (v.HasMember("all")) {
    check_members(v, path, {"all"});
    if (!v["all"].IsBool() || !v["all"].GetBool()) fail(path + ".all", "expected true");
    return Filter::all();
  }
  if (!v.HasMember("field")) fail(path, "expected one of 'and', 'or', 'not', 'text', 'all' or 'field'");
  check_members(v, path, {"field", "op", "value", "values"});
  auto field_name = read_string(v["field"], path + ".field");
  auto field = canonical_field(field_name);
  if (!field) fail(path + ".field", "unknown field '" + field_name + "'");
  if (!v.HasMember("op")) fail(path, "missing member 'op'");
  auto op_name = read_string(v["op"], path + ".op");
  auto op = op_from_string(op_name);
  if (!op) fail(path + ".op", "unknown operator '" + op_name + "'");
  std::vector<Value> values;
  if (*op == Op::in) {
    if (!v.HasMember("values") || !v["values"].IsArray() || v["values"].Empty())
      fail(path, "operator 'in' needs 'values', a non-empty array");
    if (v.HasMember("value")) fail(path, "operator 'in' takes 'values', not 'value'");
    const auto& arr = v["values"];
    for (rapidjson::SizeType i = 0; i < arr.Size(); ++i)
      values.push_back(read_value(arr[i], path + ".values[" + std::to_string(i) + "]"));
  } else if (*op == Op::exists) {
    if (v.HasMember("value") || v.HasMember("values")) fail(path, "operator 'exists' takes no value");
  } else {
    if (v.HasMember("values")) fail(path, "operator '" + op_name + "' takes 'value', not 'values'");
    if (!v.HasMember("value")) fail(path, "operator '" + op_name + "' needs a 'value'");
    values.push_back(read_value(v["value"], path + ".value"));
  }
  return Filter::make_predicate(std::move(*field), *op, std::move(values));
}

}  // namespace json_detail

/// The IR as compact JSON. Members equal to their defaults are left out.
inline std::string to_json(const Query& q) {
  using namespace json_detail;
  return write_json([&q](Writer& w) {
    w.StartObject();
    write_key(w, "ir");
    w.Int64(kVersion);
    write_key(w, "signal");
    write_string(w, to_string(q.signal));
    write_text_member(w, "service", q.service);
    write_text_member(w, "resource_type", q.resource_type);
    write_key(w, "time");
    w.StartObject();
    write_key(w, "from");
    w.Int64(q.time.from_ns);
    write_key(w, "to");
    w.Int64(q.time.to_ns);
    w.EndObject();
    if (q.limit != 0) {
      write_key(w, "limit");
      w.Int64(q.limit);
    }
    // 1.3: written only when set, so that a query without them reads in a plugin older than 1.3.
    for (auto [name, flag] : {std::pair{"no_cache", q.no_cache}, std::pair{"statistics", q.statistics}}) {
      if (!flag) continue;
      write_key(w, name);
      w.Bool(true);
    }
    if (q.order != Order{}) {
      write_key(w, "order");
      w.StartObject();
      write_key(w, "field");
      write_string(w, q.order.field);
      write_key(w, "desc");
      w.Bool(q.order.descending);
      w.EndObject();
    }
    if (!q.filter.is_all()) {
      write_key(w, "filter");
      write_filter(w, q.filter);
    }
    if (q.metrics != MetricsSpec{}) {
      write_key(w, "metrics");
      write_metrics(w, q.metrics);
    }
    write_text_member(w, "trace_id", q.trace_id);
    write_text_member(w, "native", q.native_text);
    write_text_member(w, "table", q.table);
    w.EndObject();
  });
}

/// A filter alone as JSON (for explain output and tests).
inline std::string to_json(const Filter& f) {
  return json_detail::write_json([&f](json_detail::Writer& w) { json_detail::write_filter(w, f); });
}

/// Reads a filter object (the "filter" member's value). Throws sdk::Error(TINKR_INVALID_QUERY).
inline Filter filter_from_json(const rapidjson::Value& v, const std::string& path = "$") {
  return json_detail::read_filter(v, path);
}

/// Reads the IR from JSON. Throws sdk::Error(TINKR_INVALID_QUERY) naming what is wrong and where.
inline Query from_json(std::string_view text) {
  using namespace json_detail;
  rapidjson::Document doc;
  // Numbers read exactly (see json_numbers.hpp): the IR is lossless, and RapidJSON's own reading is not.
  const rapidjson::ParseResult parsed = sdk::parse_json_exactly<rapidjson::kParseStopWhenDoneFlag>(doc, text);
  if (parsed.IsError())
    fail("at offset " + std::to_string(parsed.Offset()), rapidjson::GetParseError_En(parsed.Code()));
  require_object(doc, "$");
  check_members(doc, "$",
                {"ir", "signal", "service", "resource_type", "time", "limit", "order", "filter", "metrics",
                 "trace_id", "native", "no_cache", "statistics", "table"});
  if (!doc.HasMember("ir")) fail("$", "missing member 'ir' (the IR version)");
  if (read_int(doc["ir"], "$.ir") != kVersion)
    fail("$.ir", "version " + std::to_string(doc["ir"].GetInt64()) +
                     " is not supported; this build reads version " + std::to_string(kVersion));
  if (!doc.HasMember("signal")) fail("$", "missing member 'signal'");
  Query q;
  auto signal_name = read_string(doc["signal"], "$.signal");
  auto signal = signal_from_string(signal_name);
  if (!signal) fail("$.signal", "unknown signal '" + signal_name + "'");
  q.signal = *signal;
  if (doc.HasMember("service")) q.service = read_string(doc["service"], "$.service");
  if (doc.HasMember("resource_type")) q.resource_type = read_string(doc["resource_type"], "$.resource_type");
  if (doc.HasMember("time")) {
    const auto& t = require_object(doc["time"], "$.time");
    check_members(t, "$.time", {"from", "to"});
    if (t.HasMember("from")) q.time.from_ns = read_int(t["from"], "$.time.from");
    if (t.HasMember("to")) q.time.to_ns = read_int(t["to"], "$.time.to");
  }
  if (doc.HasMember("limit")) {
    q.limit = read_int(doc["limit"], "$.limit");
    if (q.limit < 0) fail("$.limit", "must not be negative");
  }
  for (auto [name, flag] : {std::pair{"no_cache", &q.no_cache}, std::pair{"statistics", &q.statistics}}) {
    if (!doc.HasMember(name)) continue;
    if (!doc[name].IsBool()) fail(std::string("$.") + name, "expected a boolean");
    *flag = doc[name].GetBool();
  }
  if (doc.HasMember("order")) {
    const auto& o = require_object(doc["order"], "$.order");
    check_members(o, "$.order", {"field", "desc"});
    if (o.HasMember("field")) q.order.field = read_string(o["field"], "$.order.field");
    if (o.HasMember("desc")) {
      if (!o["desc"].IsBool()) fail("$.order.desc", "expected a boolean");
      q.order.descending = o["desc"].GetBool();
    }
  }
  if (doc.HasMember("filter")) q.filter = read_filter(doc["filter"], "$.filter");
  if (doc.HasMember("metrics")) {
    const auto& m = require_object(doc["metrics"], "$.metrics");
    check_members(m, "$.metrics", {"names", "aggregations", "interval", "filter", "group_by", "top"});
    if (m.HasMember("names")) q.metrics.names = read_strings(m["names"], "$.metrics.names");
    if (m.HasMember("aggregations")) {
      for (const auto& name : read_strings(m["aggregations"], "$.metrics.aggregations")) {
        auto a = aggregation_from_string(name);
        if (!a) fail("$.metrics.aggregations", bad_aggregation_message(name));
        q.metrics.aggregations.push_back(*a);
      }
    }
    if (m.HasMember("interval")) q.metrics.interval_ns = read_int(m["interval"], "$.metrics.interval");
    if (m.HasMember("filter")) q.metrics.dimension_filter = read_filter(m["filter"], "$.metrics.filter");
    if (m.HasMember("group_by")) q.metrics.group_by = read_strings(m["group_by"], "$.metrics.group_by");
    if (m.HasMember("top")) q.metrics.top = read_int(m["top"], "$.metrics.top");
  }
  if (doc.HasMember("trace_id")) q.trace_id = read_string(doc["trace_id"], "$.trace_id");
  if (doc.HasMember("native")) q.native_text = read_string(doc["native"], "$.native");
  if (doc.HasMember("table")) q.table = read_string(doc["table"], "$.table");
  return q;
}

}  // namespace tinkr::ir
