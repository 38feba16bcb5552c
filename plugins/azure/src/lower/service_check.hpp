// An empty answer for a named service: a quiet window, or a name Log Analytics has never seen? The
// exit-code table promises "not found" (5) for an unknown service, as the local backend gives; here
// one more small query tells the two apart, asked only when an answer came back empty.
#pragma once

#include "common/query_context.hpp"
#include "kql/filter.hpp"

#include <tinkr/sdk/ir.hpp>

#include <string>
#include <string_view>

namespace tinkr::azure {

/// How far back a service's name is looked for: Application Insights keeps 90 days by default, and a
/// service silent for a month is as good as unknown to someone searching the last hour.
inline constexpr int64_t kServiceLookbackNs = 30LL * 24 * 3600 * 1'000'000'000;

/// Where a signal's rows live: the table, its time column and its fields (service among them).
struct ServiceTable {
  std::string_view table;
  std::string_view time_column;
  const kql::FieldMap& fields;
};

/// `TABLE | where TIME between (...) | where SERVICE == "name" | take 1 | project TIME`, over the
/// lookback before `end_ns`.
std::string lower_service_check_kql(const ServiceTable& where, std::string_view service, int64_t end_ns);

/// Throws sdk::Error(TINKR_NOT_FOUND) naming the service, the table and the lookback when the service
/// left no row in the table over the lookback before the query's end (or now). Returns quietly when it
/// did, or when the query names no service.
void check_service_known(const ir::Query& query, const ServiceTable& where, const QueryContext& context,
                         Transport& transport, const sdk::CallContext& call);

}  // namespace tinkr::azure
