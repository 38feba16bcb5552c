// Prometheus text rendering of the server's counters.
#include "server_metrics.hpp"

#include <cstdio>
#include <cstdlib>

namespace tinkr::server {
namespace {

// Label values are escaped as the exposition format asks: backslash, quote and newline.
std::string label(std::string_view value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\' || c == '"') escaped += '\\';
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped += c;
  }
  return escaped;
}

// Shortest text that reads back as the same bucket bound or sum ("0.005", not "0.0050000000000000001").
std::string number(double value) {
  char text[40];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

}  // namespace

void ServerMetrics::record_request(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  auto& histogram = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++histogram.counts[i];
  ++histogram.count;
  histogram.sum += seconds;
}

void ServerMetrics::record_upstream_call(const std::string& backend, const std::string& error_code) {
  std::lock_guard lock(mutex_);
  ++upstream_calls_[backend];
  if (!error_code.empty()) ++upstream_errors_[{backend, error_code}];
}

std::string ServerMetrics::render() const {
  std::lock_guard lock(mutex_);
  std::string text;
  text += "# HELP tinkr_http_requests_total HTTP requests by route and status.\n";
  text += "# TYPE tinkr_http_requests_total counter\n";
  for (const auto& [key, count] : requests_)
    text += "tinkr_http_requests_total{route=\"" + label(key.first) + "\",status=\"" +
            std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
  text += "# HELP tinkr_http_request_duration_seconds Time from reading a request to the end of its reply.\n";
  text += "# TYPE tinkr_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    const std::string route_label = "route=\"" + label(route) + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      text += "tinkr_http_request_duration_seconds_bucket{" + route_label + ",le=\"" + number(kBuckets[i]) +
              "\"} " + std::to_string(histogram.counts[i]) + "\n";
    text += "tinkr_http_request_duration_seconds_bucket{" + route_label + ",le=\"+Inf\"} " +
            std::to_string(histogram.count) + "\n";
    text += "tinkr_http_request_duration_seconds_sum{" + route_label + "} " + number(histogram.sum) + "\n";
    text += "tinkr_http_request_duration_seconds_count{" + route_label + "} " +
            std::to_string(histogram.count) + "\n";
  }
  text += "# HELP tinkr_queries_in_flight Queries running on the worker pool.\n";
  text += "# TYPE tinkr_queries_in_flight gauge\n";
  text += "tinkr_queries_in_flight " + std::to_string(in_flight_.load(std::memory_order_relaxed)) + "\n";
  text += "# HELP tinkr_upstream_calls_total Calls to the backend plugin.\n";
  text += "# TYPE tinkr_upstream_calls_total counter\n";
  for (const auto& [backend, count] : upstream_calls_)
    text += "tinkr_upstream_calls_total{backend=\"" + label(backend) + "\"} " + std::to_string(count) + "\n";
  text += "# HELP tinkr_upstream_errors_total Failed calls to the backend plugin, by error code.\n";
  text += "# TYPE tinkr_upstream_errors_total counter\n";
  for (const auto& [key, count] : upstream_errors_)
    text += "tinkr_upstream_errors_total{backend=\"" + label(key.first) + "\",code=\"" + label(key.second) +
            "\"} " + std::to_string(count) + "\n";
  return text;
}

}  // namespace tinkr::server
