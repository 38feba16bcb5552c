// Like Log Analytics, the fake adds a `statistics` member to a query's 200 answer when the request's
// Prefer header asks for include-statistics=true. Its shape is the one recorded from the live service
// (shared/vectors/azure/log-analytics/query.multiple-tables.response.json); the values are constructed,
// non-zero so that tests can see them (kQueryStatistics* below).
#pragma once

#include "fake_azure.hpp"

#include <cstdint>

namespace tinkr::fake_azure {

inline constexpr int64_t kStatisticsScannedBytes = 1'024'000 + 24'000 + 4'096 + 512 + 100;  // shard bytes
inline constexpr int64_t kStatisticsCpuMs = 1500;                                           // totalCpu
inline constexpr int64_t kStatisticsRowsScanned = 4200;

/// Adds the statistics to response when request asked for them and response is a 200 JSON object that
/// the test did not encode itself.
void add_query_statistics(const RecordedRequest& request, FakeResponse& response);

}  // namespace tinkr::fake_azure
