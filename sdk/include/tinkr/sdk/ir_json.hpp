// tinkr/sdk/ir_json.hpp: the IR's JSON form ("ir": 1), lossless both ways. The core writes it and
// every plugin reads it; docs/ir.md shows examples. Reading is strict: an unknown member, field,
// operator or signal is an error naming it and where it stands ($.filter.and[1].op).
#pragma once

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/json_numbers.hpp>
#include <tinkr/sdk/json_writer.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace tinkr::ir {

namespace json_detail {

// The writing side spells out its own punctuation (Writer's Raw* calls): each constant run between
// two values, such as `,"op":"`, is one copy. The IR is serialised on every query.

inline void write_value(Writer& w, const Value& v) {
  switch (v.index()) {
    case 0:
      w.RawString(std::get<std::string>(v));
      break;
    case 1:
      w.RawInt64(std::get<int64_t>(v));
      break;
    case 2:
      w.RawDouble(std::get<double>(v));
      break;
    case 3:
      w.RawBool(std::get<bool>(v));
      break;
  }
}

/// One of the IR's own names (a signal, an operator, an aggregation), quoted: they need no escaping.
inline void write_name(Writer& w, std::string_view name) {
  w.Raw("\"");
  w.Raw(name);
  w.Raw("\"");
}

inline void write_filter(Writer& w, const Filter& f) {
  switch (f.kind) {
    case Filter::Kind::all:
      w.Raw(R"({"all":true})");
      return;
    case Filter::Kind::predicate:
      w.Raw(R"({"field":)");
      w.RawString(f.predicate.field);
      w.Raw(R"(,"op":)");
      write_name(w, to_string(f.predicate.op));
      if (f.predicate.op == Op::in) {
        w.Raw(R"(,"values":[)");
        bool first = true;
        for (const auto& v : f.predicate.values) {
          if (!first) w.Raw(",");
          first = false;
          write_value(w, v);
        }
        w.Raw("]}");
      } else if (!f.predicate.values.empty()) {
        w.Raw(R"(,"value":)");
        write_value(w, f.predicate.values.front());
        w.Raw("}");
      } else {
        w.Raw("}");
      }
      return;
    case Filter::Kind::text:
      w.Raw(R"({"text":)");
      w.RawString(f.text);
      w.Raw("}");
      return;
    case Filter::Kind::and_:
    case Filter::Kind::or_: {
      if (f.kind == Filter::Kind::and_) {
        w.Raw(R"({"and":[)");
      } else {
        w.Raw(R"({"or":[)");
      }
      bool first = true;
      for (const auto& c : f.children) {
        if (!first) w.Raw(",");
        first = false;
        write_filter(w, c);
      }
      w.Raw("]}");
      return;
    }
    case Filter::Kind::not_:
      w.Raw(R"({"not":)");
      write_filter(w, f.children.front());
      w.Raw("}");
      return;
  }
}

// Equal to a default-built value, without building one (to_json asks on every query). Each says
// exactly what the defaulted operator== against T{} would.
inline bool is_default(const Order& o) {
  return o.descending && o.field == "time";
}
inline bool is_default(const Filter& f) {
  return f.kind == Filter::Kind::all && f.predicate.field.empty() && f.predicate.op == Op::eq &&
         f.predicate.values.empty() && f.text.empty() && f.children.empty();
}
inline bool is_default(const MetricsSpec& m) {
  return m.names.empty() && m.aggregations.empty() && m.interval_ns == 0 && m.group_by.empty() &&
         m.top == 0 && is_default(m.dimension_filter);
}

/// `"key":[...]` of strings; `key_run` is the key with its quotes, colon and opening bracket.
template <std::size_t N>
void write_strings(Writer& w, const char (&key_run)[N], const std::vector<std::string>& items) {
  w.Raw(key_run);
  bool first = true;
  for (const auto& s : items) {
    if (!first) w.Raw(",");
    first = false;
    w.RawString(s);
  }
  w.Raw("]");
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
    w.Raw(R"({"ir":)");
    w.RawInt64(kVersion);
    w.Raw(R"(,"signal":)");
    write_name(w, to_string(q.signal));
    if (!q.service.empty()) {
      w.Raw(R"(,"service":)");
      w.RawString(q.service);
    }
    if (!q.resource_type.empty()) {
      w.Raw(R"(,"resource_type":)");
      w.RawString(q.resource_type);
    }
    w.Raw(R"(,"time":{"from":)");
    w.RawInt64(q.time.from_ns);
    w.Raw(R"(,"to":)");
    w.RawInt64(q.time.to_ns);
    w.Raw("}");
    if (q.limit != 0) {
      w.Raw(R"(,"limit":)");
      w.RawInt64(q.limit);
    }
    // 1.3: written only when set, so that a query without them reads in a plugin older than 1.3.
    if (q.no_cache) w.Raw(R"(,"no_cache":true)");
    if (q.statistics) w.Raw(R"(,"statistics":true)");
    if (!is_default(q.order)) {
      w.Raw(R"(,"order":{"field":)");
      w.RawString(q.order.field);
      w.Raw(R"(,"desc":)");
      w.RawBool(q.order.descending);
      w.Raw("}");
    }
    if (!q.filter.is_all()) {
      w.Raw(R"(,"filter":)");
      write_filter(w, q.filter);
    }
    if (!is_default(q.metrics)) {
      const auto& m = q.metrics;
      w.Raw(R"(,"metrics":{)");
      write_strings(w, R"("names":[)", m.names);
      w.Raw(R"(,"aggregations":[)");
      bool first = true;
      for (auto a : m.aggregations) {
        if (!first) w.Raw(",");
        first = false;
        write_name(w, to_string(a));
      }
      w.Raw(R"(],"interval":)");
      w.RawInt64(m.interval_ns);
      if (!m.dimension_filter.is_all()) {
        w.Raw(R"(,"filter":)");
        write_filter(w, m.dimension_filter);
      }
      write_strings(w, R"(,"group_by":[)", m.group_by);
      w.Raw(R"(,"top":)");
      w.RawInt64(m.top);
      w.Raw("}");
    }
    if (!q.trace_id.empty()) {
      w.Raw(R"(,"trace_id":)");
      w.RawString(q.trace_id);
    }
    if (!q.native_text.empty()) {
      w.Raw(R"(,"native":)");
      w.RawString(q.native_text);
    }
    if (!q.table.empty()) {
      w.Raw(R"(,"table":)");
      w.RawString(q.table);
    }
    w.Raw("}");
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
