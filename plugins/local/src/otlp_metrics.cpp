// otlp_metrics.cpp: ExportMetricsServiceRequest -> rows of `metric_points`. Every point is stored as
// its count, sum, min and max (a gauge or sum point as one observation of its value), so one set of
// aggregations serves every kind: avg = sum/count, sum, count, min, max. Sums are stored as reported;
// docs/backends/local.md says why delta temporality is the one that adds up.
#include "otlp_ingest.hpp"

#include <cmath>

namespace tinkr::local::otlp {

namespace {

struct Point {
  int64_t time = 0;
  double value = 0, count = 1, sum = 0, min = 0, max = 0;
};

struct MetricInfo {
  std::string_view name, unit, kind;
  std::string_view service;
};

void insert(const MetricInfo& m, const Point& p, Inserter& in) {
  Statement& s = in.metric;
  s.bind_text(1, m.name);
  s.bind_text(2, m.service);
  s.bind_text(3, m.unit);
  s.bind_text(4, m.kind);
  s.bind_text(5, {in.attributes.GetString(), in.attributes.GetSize()});
  s.bind_int(6, p.time);
  s.bind_double(7, p.value);
  s.bind_double(8, p.count);
  s.bind_double(9, p.sum);
  s.bind_double(10, p.min);
  s.bind_double(11, p.max);
  s.run();
  ++in.counts.metric_points;
}

// Common to every point kind: the time and the attributes (written to in.attributes).
int64_t read_point_head(const Json& point, const Path& path, Inserter& in) {
  if (!point.IsObject()) fail(path, "expected a data point object");
  const int64_t time = read_int64(point, path, "timeUnixNano");
  if (time <= 0) fail(path.at("timeUnixNano"), "missing");
  in.attributes.Clear();
  JsonWriter w(in.attributes);
  write_attributes(w, member(point, "attributes"), path.at("attributes"));
  return time;
}

void ingest_number_point(const MetricInfo& m, const Json& point, const Path& path, Inserter& in) {
  Point p;
  p.time = read_point_head(point, path, in);
  if (const Json* d = member(point, "asDouble")) {
    p.value = read_double(*d, path.at("asDouble"));
  } else if (member(point, "asInt")) {
    p.value = static_cast<double>(read_int64(point, path, "asInt"));
  } else {
    fail(path, "expected asDouble or asInt");
  }
  if (!std::isfinite(p.value)) return;  // NaN marks a gap (no recorded value); SQL cannot aggregate it
  p.sum = p.min = p.max = p.value;
  insert(m, p, in);
}

void ingest_distribution_point(const MetricInfo& m, const Json& point, const Path& path, Inserter& in) {
  Point p;
  p.time = read_point_head(point, path, in);
  p.count = static_cast<double>(read_int64(point, path, "count"));
  if (p.count <= 0) return;  // no observations in this interval: nothing to aggregate
  if (const Json* sum = member(point, "sum")) p.sum = read_double(*sum, path.at("sum"));
  p.value = p.sum / p.count;
  const Json* min = member(point, "min");
  const Json* max = member(point, "max");
  p.min = min ? read_double(*min, path.at("min")) : p.value;
  p.max = max ? read_double(*max, path.at("max")) : p.value;
  insert(m, p, in);
}

void ingest_metric(const Json& metric, const Path& path, std::string_view service, Inserter& in) {
  if (!metric.IsObject()) fail(path, "expected a Metric object");
  MetricInfo m;
  m.name = read_string(metric, path, "name");
  if (m.name.empty()) fail(path.at("name"), "missing");
  m.unit = read_string(metric, path, "unit");
  m.service = service;
  struct Kind {
    std::string_view member, stored;
    bool distribution;
  };
  static constexpr Kind kKinds[] = {{"gauge", "gauge", false},
                                    {"sum", "sum", false},
                                    {"histogram", "histogram", true},
                                    {"exponentialHistogram", "histogram", true},
                                    {"summary", "summary", true}};
  for (const auto& kind : kKinds) {
    const Json* data = member(metric, kind.member);
    if (!data) continue;
    const Path dpath = path.at(kind.member);
    if (!data->IsObject()) fail(dpath, "expected an object with dataPoints");
    m.kind = kind.stored;
    const Json* points = array_member(*data, dpath, "dataPoints");
    if (!points) return;
    for (rapidjson::SizeType i = 0; i < points->Size(); ++i) {
      if (kind.distribution)
        ingest_distribution_point(m, (*points)[i], dpath.at("dataPoints", i), in);
      else
        ingest_number_point(m, (*points)[i], dpath.at("dataPoints", i), in);
    }
    return;
  }
  fail(path, "expected one of gauge, sum, histogram, exponentialHistogram or summary");
}

}  // namespace

void ingest_metrics(const Json& request, Inserter& in) {
  const Path root;
  const Json* resources = array_member(request, root, "resourceMetrics");
  for (rapidjson::SizeType r = 0; r < resources->Size(); ++r) {
    const Json& resource = (*resources)[r];
    const Path rpath = root.at("resourceMetrics", r);
    if (!resource.IsObject()) fail(rpath, "expected a ResourceMetrics object");
    const std::string service = service_name(resource);
    const Json* scopes = array_member(resource, rpath, "scopeMetrics");
    if (!scopes) continue;
    for (rapidjson::SizeType s = 0; s < scopes->Size(); ++s) {
      const Path spath = rpath.at("scopeMetrics", s);
      if (!(*scopes)[s].IsObject()) fail(spath, "expected a ScopeMetrics object");
      const Json* metrics = array_member((*scopes)[s], spath, "metrics");
      if (!metrics) continue;
      for (rapidjson::SizeType i = 0; i < metrics->Size(); ++i)
        ingest_metric((*metrics)[i], spath.at("metrics", i), service, in);
    }
  }
}

}  // namespace tinkr::local::otlp
