// Percentiles of the requests' latency. Azure Monitor Metrics computes no percentiles, so a metrics
// query asking p95 of responseTime (or another request-duration name, catalog.hpp) is answered from
// Application Insights' AppRequests table in Log Analytics instead:
//   AppRequests | where TimeGenerated between (...) | where AppRoleName == "payments-api"
//   | summarize percentiles(DurationMs, 50, 95), avg(DurationMs) by bin_at(TimeGenerated, 300000ms,
//   datetime(...))
// Kusto's percentiles() is an estimate (T-Digest), accurate to about 1% of the rank. Every aggregation
// of such a query then comes from AppRequests, in milliseconds, so that its series agree.
#pragma once

#include "common/query_context.hpp"
#include "decode/table_reader.hpp"

#include <tinkr/sdk/ir.hpp>
#include <tinkr/sdk/records.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::azure::metrics {

/// True when the query asks a percentile and every metric it names is a request duration.
bool answered_from_requests(const ir::MetricsSpec& spec);

/// The KQL above. Throws sdk::Error(TINKR_UNSUPPORTED) for a dimension filter, group-by or top (AppRequests
/// has no metric dimensions) and TINKR_INVALID_QUERY without a service or time range.
std::string lower_request_percentiles_kql(const ir::Query& query);

RequestPlan lower_request_percentiles(const ir::Query& query, const QueryContext& context);

/// The column Kusto names for an aggregation of DurationMs: percentile_DurationMs_99_9, avg_DurationMs,
/// count_.
std::string request_column(ir::Aggregation aggregation);

/// Collects the answer's rows into buckets, then emits one series per metric name and aggregation on
/// the query's whole grid (a bucket without requests is a point without value).
class RequestPercentileConsumer : public decode::RowConsumer {
 public:
  explicit RequestPercentileConsumer(const ir::Query& query);
  bool begin_table(std::size_t index, std::string_view, std::span<const decode::ColumnInfo> columns) override;
  bool row(std::span<const decode::Cell> cells) override;
  /// Emits the series; false when the sink wants no more.
  bool emit(sdk::Sink& sink) const;

 private:
  const ir::Query& query_;
  std::vector<ir::Aggregation> aggregations_;
  int64_t from_ns_ = 0, interval_ns_ = 0;
  std::size_t bucket_count_ = 0;
  bool first_table_ = false;
  int time_ = -1;
  std::vector<int> columns_;                                // per aggregation
  std::vector<std::vector<std::optional<double>>> values_;  // per aggregation, per bucket
};

}  // namespace tinkr::azure::metrics
