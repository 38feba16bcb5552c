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

std::string dimensions_json(const rapidjson::Value& series) {
  auto it = series.FindMember("metadatavalues");
  if (it == series.MemberEnd() || !it->value.IsArray() || it->value.Empty()) return {};
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& m : it->value.GetArray()) {
    auto name = m.IsObject() ? m.FindMember("name") : m.MemberEnd();
    const auto key = name != m.MemberEnd() ? string_member(name->value, "value") : std::string_view();
    const auto value = string_member(m, "value");
    w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
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
  static constexpr ir::Aggregation kAll[] = {ir::Aggregation::avg, ir::Aggregation::min, ir::Aggregation::max,
                                             ir::Aggregation::sum, ir::Aggregation::count};
  for (const auto& metric : doc["value"].GetArray()) {
    if (!metric.IsObject()) continue;
    auto name_it = metric.FindMember("name");
    const std::string_view native =
        name_it != metric.MemberEnd() ? string_member(name_it->value, "value") : std::string_view();
    const RequestedMetric* requested = find_requested(plan, native);
    if (const auto code = string_member(metric, "errorCode"); !code.empty() && code != "Success") {
      const auto message = string_member(metric, "errorMessage");
      if (!sink.warn("metric " + std::string(native) + ": " + std::string(code) +
                     (message.empty() ? "" : ": " + std::string(message))))
        return false;
    }
    auto series_it = metric.FindMember("timeseries");
    if (series_it == metric.MemberEnd() || !series_it->value.IsArray()) continue;
    const std::string_view unit = string_member(metric, "unit");
    for (const auto& series : series_it->value.GetArray()) {
      if (!series.IsObject()) continue;
      const std::string dimensions = dimensions_json(series);
      auto data = series.FindMember("data");
      const bool has_data = data != series.MemberEnd() && data->value.IsArray();
      std::span<const ir::Aggregation> wanted = kAll;
      if (requested && !requested->aggregations.empty()) wanted = requested->aggregations;
      for (const auto aggregation : wanted) {
        const std::string_view key = response_key(aggregation);
        points.clear();
        bool any_value = false;
        if (has_data) {
          for (const auto& p : data->value.GetArray()) {
            sdk::MetricPoint point{};
            decode::parse_datetime(string_member(p, "timeStamp"), point.time_unix_nano);
            auto v =
                p.IsObject() ? p.FindMember(rapidjson::StringRef(key.data(), key.size())) : p.MemberEnd();
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
        s.metric = requested ? std::string_view(requested->name) : native;
        s.native_metric = native;
        s.aggregation = ir::to_string(aggregation);
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
