// Telling an unknown service from a quiet one; see service_check.hpp.
#include "lower/service_check.hpp"

#include "lower/log_analytics_plan.hpp"
#include "lower/read_answer.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::azure {

namespace {

// The check's answer is one row or none; read_answer counts them, so the rows themselves are dropped.
class DropRows final : public decode::RowConsumer {
 public:
  bool begin_table(std::size_t, std::string_view, std::span<const decode::ColumnInfo>) override {
    return true;
  }
  bool row(std::span<const decode::Cell>) override { return true; }
};

ir::TimeRange lookback_before(int64_t end_ns) {
  return {end_ns - kServiceLookbackNs, end_ns};
}

}  // namespace

std::string lower_service_check_kql(const ServiceTable& where, std::string_view service, int64_t end_ns) {
  std::string kql(where.table);
  append_time_clause(kql, where.time_column, lookback_before(end_ns));
  kql += " | where ";
  kql::append_condition(kql, ir::Filter::make_predicate("service", ir::Op::eq, {std::string(service)}),
                        where.fields, true);
  kql += " | take 1 | project ";
  kql += where.time_column;
  return kql;
}

void check_service_known(const ir::Query& query, const ServiceTable& where, const QueryContext& context,
                         Transport& transport, const sdk::CallContext& call) {
  if (query.service.empty()) return;
  const int64_t end_ns = query.time.to_ns != 0 ? query.time.to_ns : context.now_ns;
  const RequestPlan plan = make_log_analytics_plan(lower_service_check_kql(where, query.service, end_ns),
                                                   lookback_before(end_ns), context);
  DropRows rows;
  if (read_answer(transport, plan, call, rows, "log analytics").rows > 0) return;
  throw sdk::Error(TINKR_NOT_FOUND, "no service named '" + query.service + "' in " +
                                        std::string(where.table) + " (" +
                                        where.fields.resolve("service").expr +
                                        ") over the 30 days before the query's end: check the name");
}

}  // namespace tinkr::azure
