// The server's Prometheus metrics (text exposition format 0.0.4): requests by route and status, a
// request latency histogram per route, queries in flight, and upstream calls and errors by backend.
// Route labels are templates (/api/v1/traces/{id}), never raw paths, so their number stays fixed.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace tinkr::server {

class ServerMetrics {
 public:
  void record_request(const std::string& route, int status, double seconds);
  void record_upstream_call(const std::string& backend, const std::string& error_code /* "" when ok */);
  void query_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void query_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  int64_t queries_in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

  /// The exposition text for GET /metrics.
  std::string render() const;

  static constexpr std::array<double, 11> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,   1,    2.5,   10};

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, uint64_t> upstream_calls_;
  std::map<std::pair<std::string, std::string>, uint64_t> upstream_errors_;
  std::atomic<int64_t> in_flight_{0};
};

}  // namespace tinkr::server
