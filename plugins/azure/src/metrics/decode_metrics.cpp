// Metrics decoding; see decode_metrics.hpp.
#include "metrics/decode_metrics.hpp"

#include "decode/cell.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <vector>

namespace tinkr::azure::metrics {

namespace {

std::string_view string_member(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return {};
  auto it = v.FindMember(name);
  if (it == v.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

const RequestedMetric* find_requested(const MetricsPlan& plan, std::string_view native) {
  for (const auto& m : plan.metrics) {
    if (m.mapped.native.size() != native.size()) continue;
    bool same = true;
    for (std::size_t i = 0; same && i < native.size(); ++i)
      same = (m.mapped.native[i] | 0x20) == (native[i] | 0x20);
    if (same) return &m;
  }
  return nullptr;
}

[[noreturn]] void malformed(const std::string& where, std::string_view what) {
  throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                   "azure monitor metrics answer: " + where + " " + std::string(what));
}

std::string at(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

// An optional member that, when present and not null, must be an array.
const rapidjson::Value* optional_array(const rapidjson::Value& object, const char* name,
                                       const std::string& where) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
  if (!it->value.IsArray()) malformed(where + "." + name, "is not an array");
  return &it->value;
}

// The text of a {"name": {"value": "..."}} member (metric and dimension names). Without it a metric
// or a dimension cannot be told apart from the others.
std::string_view localizable_name(const rapidjson::Value& owner, const std::string& where) {
  if (!owner.IsObject()) malformed(where, "is not an object");
  auto name = owner.FindMember("name");
  if (name != owner.MemberEnd() && name->value.IsObject()) {
    auto text = name->value.FindMember("value");
    if (text != name->value.MemberEnd() && text->value.IsString())
      return {text->value.GetString(), text->value.GetStringLength()};
  }
  malformed(where + ".name", "is not {\"value\": <name>}");
}

// {"dimension": "value", ...} from metadatavalues [{name: {value}, value}], or "" without dimensions.
std::string dimensions_json(const rapidjson::Value& series, const std::string& where) {
  const rapidjson::Value* entries = optional_array(series, "metadatavalues", where);
  if (!entries || entries->Empty()) return {};
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (rapidjson::SizeType i = 0; i < entries->Size(); ++i) {
    const auto& entry = (*entries)[i];
    const std::string entry_at = at(where + ".metadatavalues", i);
    const auto key = localizable_name(entry, entry_at);
    auto value = entry.FindMember("value");
    if (value != entry.MemberEnd() && !value->value.IsString() && !value->value.IsNull())
      malformed(entry_at + ".value", "is not a string");
    const auto text = string_member(entry, "value");
    w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

// Point `index` of a series' data: an object with a timeStamp in ISO 8601, each aggregation present a
// number or null. Returns the time. (Its path is built only for a message: no allocation per point.)
int64_t point_time(const rapidjson::Value& point, const std::string& series_at, rapidjson::SizeType index) {
  auto where = [&] { return at(series_at + ".data", index); };
  if (!point.IsObject()) malformed(where(), "is not a data point object");
  int64_t time = 0;
  if (!decode::parse_datetime(string_member(point, "timeStamp"), time))
    malformed(where() + ".timeStamp", "is missing or not an ISO 8601 time");
  for (const char* key : {"average", "minimum", "maximum", "total", "count"}) {
    auto value = point.FindMember(key);
    if (value != point.MemberEnd() && !value->value.IsNumber() && !value->value.IsNull())
      malformed(where() + "." + key, "is not a number");
  }
  return time;
}

}  // namespace

int64_t parse_iso_duration(std::string_view t) {
  if (t.empty() || t[0] != 'P') return 0;
  int64_t total = 0, number = 0;
  bool in_time = false, any = false;
  for (std::size_t i = 1; i < t.size(); ++i) {
    const char c = t[i];
    if (c >= '0' && c <= '9') {
      number = number * 10 + (c - '0');
      any = true;
      continue;
    }
    int64_t unit = 0;
    if (c == 'T') {
      in_time = true;
      continue;
    }
    if (c == 'D' && !in_time)
      unit = 86400;
    else if (c == 'H' && in_time)
      unit = 3600;
    else if (c == 'M' && in_time)
      unit = 60;
    else if (c == 'S' && in_time)
      unit = 1;
    else
      return 0;
    total += number * unit;
    number = 0;
  }
  return any ? total * 1'000'000'000 : 0;
}

bool emit_metric_series(std::string_view body, const MetricsPlan& plan, std::string_view service,
                        sdk::Sink& sink) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("value") || !doc["value"].IsArray())
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                     "azure monitor metrics answered something that is not a metrics list");
  int64_t interval = parse_iso_duration(string_member(doc, "interval"));
  if (interval == 0) interval = plan.interval_ns;
  std::vector<sdk::MetricPoint> points;
  std::vector<int64_t> times;
  static constexpr ir::Aggregation kAll[] = {ir::Aggregation::avg, ir::Aggregation::min, ir::Aggregation::max,
                                             ir::Aggregation::sum, ir::Aggregation::count};
  // Malformed entries are errors naming where they are, never skipped: skipping turns a broken answer
  // into "no records matched".
  const auto& metrics = doc["value"];
  for (rapidjson::SizeType m = 0; m < metrics.Size(); ++m) {
    const auto& metric = metrics[m];
    const std::string metric_at = at("value", m);
    const std::string_view native = localizable_name(metric, metric_at);
    const RequestedMetric* requested = find_requested(plan, native);
    if (const auto code = string_member(metric, "errorCode"); !code.empty() && code != "Success") {
      const auto message = string_member(metric, "errorMessage");
      if (!sink.warn("metric " + std::string(native) + ": " + std::string(code) +
                     (message.empty() ? "" : ": " + std::string(message))))
        return false;
    }
    const rapidjson::Value* all_series = optional_array(metric, "timeseries", metric_at);
    if (!all_series) continue;
    const std::string_view unit = string_member(metric, "unit");
    for (rapidjson::SizeType t = 0; t < all_series->Size(); ++t) {
      const auto& series = (*all_series)[t];
      const std::string series_at = at(metric_at + ".timeseries", t);
      if (!series.IsObject()) malformed(series_at, "is not a time series object");
      const std::string dimensions = dimensions_json(series, series_at);
      const rapidjson::Value* data = optional_array(series, "data", series_at);
      // Checked once per series, before any aggregation reads it.
      times.clear();
      if (data)
        for (rapidjson::SizeType i = 0; i < data->Size(); ++i)
          times.push_back(point_time((*data)[i], series_at, i));
      std::span<const ir::Aggregation> wanted = kAll;
      if (requested && !requested->aggregations.empty()) wanted = requested->aggregations;
      for (const auto aggregation : wanted) {
        const std::string_view key = response_key(aggregation);
        points.clear();
        bool any_value = false;
        if (data) {
          for (rapidjson::SizeType i = 0; i < data->Size(); ++i) {
            const auto& p = (*data)[i];
            sdk::MetricPoint point{};
            point.time_unix_nano = times[i];
            auto v = p.FindMember(rapidjson::StringRef(key.data(), key.size()));
            if (v != p.MemberEnd() && v->value.IsNumber()) {
              point.value = v->value.GetDouble();
              point.has_value = 1;
              any_value = true;
            }
            points.push_back(point);
          }
        }
        // Without an explicit request, only the aggregations Azure actually returned are series.
        if (!any_value && (!requested || requested->aggregations.empty())) continue;
        sdk::MetricSeries s;
        const std::string aggregation_name = ir::to_string(aggregation);
        s.metric = requested ? std::string_view(requested->name) : native;
        s.native_metric = native;
        s.aggregation = aggregation_name;
        s.unit = unit;
        s.service = service;
        s.dimensions_json = dimensions;
        s.interval_ns = interval;
        s.points = points;
        if (!sink.emit(s)) return false;
      }
    }
  }
  return true;
}

}  // namespace tinkr::azure::metrics
