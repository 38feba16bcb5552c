// A Log Analytics workspace with one generated AppTraces table, for the tests and the benchmark of
// slicing past the service's caps (issue 16.3). It reads the KQL Tinkr's logs lowering emits (not KQL
// in general): the time range (`between (datetime(a) .. datetime(b))`, both ends, or `>= datetime(a)
// and < datetime(b)`), `order by TimeGenerated asc|desc`, `take N`, and the row count
// `summarize row_count = count(), data_bytes = sum(estimate_data_size(*)) by TimeGenerated =
// bin_at(TimeGenerated, Nms, datetime(f))`. Row i is at start_ns + i * step_ns with the message
// "row <i>". Like the service, an answer past row_cap rows or byte_cap bytes keeps what fits and ends
// with the partial-result error E_QUERY_RESULT_SET_TOO_LARGE (its envelope is the recorded
// query.partial-error.response.json's; the inner message follows Kusto's wording: constructed).
#pragma once

#include "fake_azure.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace tinkr::fake_azure {

struct SyntheticLogs {
  int64_t start_ns = 0;
  int64_t step_ns = 1'000'000'000;
  int64_t rows = 1000;
  int64_t row_cap = 500'000;
  int64_t byte_cap = int64_t{64} << 20;
};

/// What the handler saw, for tests: answers cut at a cap, and the queries of each kind.
struct SyntheticLogsCounters {
  std::atomic<int64_t> capped_answers{0};
  std::atomic<int64_t> count_queries{0};
  std::atomic<int64_t> row_queries{0};
};

/// A handler for FakeAzure::on_request answering Log Analytics queries from the table; other routes
/// pass. counters may be null.
std::function<std::optional<FakeResponse>(const RecordedRequest&)> synthetic_logs_handler(
    SyntheticLogs table, std::shared_ptr<SyntheticLogsCounters> counters = nullptr);

}  // namespace tinkr::fake_azure
