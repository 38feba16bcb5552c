// Executing a query: lower, send, decode, stream. See run_query.hpp.
#include "lower/run_query.hpp"

#include "decode/azure_error.hpp"
#include "decode/log_groups.hpp"
#include "decode/log_records.hpp"
#include "decode/native_rows.hpp"
#include "decode/table_reader.hpp"
#include "kql/tables.hpp"
#include "lower/log_analytics_plan.hpp"
#include "lower/lower_logs.hpp"
#include "lower/lower_traces.hpp"
#include "lower/query_cost.hpp"
#include "lower/read_answer.hpp"
#include "lower/service_check.hpp"
#include "lower/sliced_logs.hpp"
#include "lower/table_plan.hpp"
#include "lower/table_schema.hpp"
#include "metrics/decode_metrics.hpp"
#include "metrics/lower_metrics.hpp"
#include "metrics/request_percentiles.hpp"
#include "metrics/resource_resolver.hpp"
#include "traces/span_fields.hpp"
#include "traces/span_tree.hpp"
#include "traces/trace_rows.hpp"

#include <tinkr/sdk/error.hpp>

#include <algorithm>

namespace tinkr::azure {

namespace {

constexpr std::string_view kLogAnalytics = "log analytics";

// What to do about an answer the service cut at its caps, by signal.
enum class CapAdvice { narrow, native };

// A partial error becomes a warning; one that says the answer passed the service's row or size cap
// says how to get the rest.
void warn_partial(const decode::ReadResult& result, sdk::Sink& sink, CapAdvice advice) {
  if (!result.has_partial_error() || sink.stopped()) return;
  std::string message = "log analytics returned a partial result (" + result.partial_error_code +
                        "): " + result.partial_error_message;
  if (result.partial_error_message.find("E_QUERY_RESULT_SET_TOO_LARGE") != std::string::npos)
    message += advice == CapAdvice::native
                   ? "; native KQL is not cut into time slices (an aggregation over a slice is not a slice "
                     "of the aggregation): narrow its time range or filter it, or use a logs query, which "
                     "is fetched past the caps in slices"
                   : "; narrow the time range or add filters";
  sink.warn(message);
}

// Sends a Log Analytics plan and feeds the answer to consumer as it arrives; a partial error becomes
// a warning.
decode::ReadResult run_log_analytics(const RequestPlan& plan, Transport& transport,
                                     const sdk::CallContext& call, sdk::Sink& sink,
                                     decode::RowConsumer& consumer, QueryCost& cost,
                                     CapAdvice advice = CapAdvice::narrow) {
  call.throw_if_cancelled();
  const decode::ReadResult result = read_answer(transport, plan, call, consumer, kLogAnalytics);
  cost.add(result);
  warn_partial(result, sink, advice);
  return result;
}

// An empty answer for a named service is "not found" when the service left no row in a month.
void run_service_search(const ir::Query& query, const RequestPlan& plan, const ServiceTable& where,
                        const QueryContext& context, Transport& transport, const sdk::CallContext& call,
                        sdk::Sink& sink, decode::RowConsumer& consumer, QueryCost& cost) {
  const decode::ReadResult result = run_log_analytics(plan, transport, call, sink, consumer, cost);
  if (result.rows == 0 && !result.has_partial_error())
    check_service_known(query, where, context, transport, call);
}

void run_trace_get(const ir::Query& query, const QueryContext& context, Transport& transport, sdk::Sink& sink,
                   const sdk::CallContext& call, QueryCost& cost) {
  traces::TraceRowCollector collector;
  run_log_analytics(lower_trace_get(query, context), transport, call, sink, collector, cost);
  if (collector.rows.empty())
    throw sdk::Error(TINKR_NOT_FOUND, "trace '" + query.trace_id +
                                          "' has no rows in AppRequests, AppDependencies or AppExceptions" +
                                          (has_time(query.time) ? " in " + timespan_of(query.time) : ""));
  if (collector.rows.size() > static_cast<std::size_t>(kMaxTraceRows)) {
    collector.rows.resize(static_cast<std::size_t>(kMaxTraceRows));
    if (!sink.warn("trace '" + query.trace_id + "' has more than " + std::to_string(kMaxTraceRows) +
                   " rows; the rest are not shown"))
      return;
  }
  for (const auto& span : traces::assemble_trace(query.trace_id, collector.rows))
    if (!sink.emit(span.view())) return;
}

std::string cache_key(const QueryContext& c) {
  return c.endpoints.arm + "|" + c.subscription_id + "|" + c.resource_group;
}

bool is_resource_id(std::string_view service) {
  return service.starts_with("/subscriptions/");
}

void run_metrics(const ir::Query& query, const QueryContext& context, Transport& transport, sdk::Sink& sink,
                 const sdk::CallContext& call, metrics::ResourceCache& cache, QueryCost& cost) {
  if (query.service.empty())
    throw sdk::Error(TINKR_INVALID_QUERY,
                     "metrics need a service: a resource name in the resource group or an id");
  if (metrics::answered_from_requests(query.metrics)) {
    metrics::RequestPercentileConsumer consumer(query);
    run_log_analytics(metrics::lower_request_percentiles(query, context), transport, call, sink, consumer,
                      cost);
    consumer.emit(sink);
    return;
  }
  metrics::refuse_percentiles(query.metrics);  // before the resource lookup
  metrics::ResolvedResource resource;
  if (is_resource_id(query.service)) {
    resource = {query.service, metrics::kind_of_resource_id(query.service, query.resource_type)};
  } else {
    auto list = cache.get(cache_key(context), context.now_ns,
                          [&] { return metrics::list_resources(context, transport, call); });
    resource = metrics::pick_resource(*list, query.service, query.resource_type, context.resource_group);
  }
  const metrics::MetricsPlan plan = metrics::lower_metrics(query, context, resource.id, resource.kind);
  call.throw_if_cancelled();
  const sdk::HttpResponse response = transport.send(plan.request, call);
  if (!decode::is_success(response.status)) throw decode::azure_error(response, "azure monitor metrics");
  metrics::emit_metric_series(response.body, plan, query.service, sink);
}

// The id a service name would resolve to, for explain (no I/O there).
std::string presumed_resource_id(const ir::Query& query, const QueryContext& context,
                                 metrics::ResourceKind kind) {
  std::string id = "/subscriptions/" + context.subscription_id + "/resourceGroups/" + context.resource_group +
                   "/providers/";
  if (kind == metrics::ResourceKind::sql_database) {
    const auto slash = query.service.find('/');
    if (slash == std::string::npos) return id + "Microsoft.Sql/servers/{server}/databases/" + query.service;
    return id + "Microsoft.Sql/servers/" + query.service.substr(0, slash) + "/databases/" +
           query.service.substr(slash + 1);
  }
  return id + std::string(metrics::arm_type(kind)) + "/" + query.service;
}

}  // namespace

void run_query(const ir::Query& query, const QueryContext& context, Transport& transport, sdk::Sink& sink,
               const sdk::CallContext& call) {
  run_query(query, context, transport, sink, call, metrics::shared_resource_cache());
}

namespace {

void run_signal(const ir::Query& query, const QueryContext& context, Transport& transport, sdk::Sink& sink,
                const sdk::CallContext& call, metrics::ResourceCache& resources, QueryCost& cost) {
  switch (query.signal) {
    case ir::Signal::logs: {
      const kql::TableMapping& table = kql::table_for(query.resource_type);
      const kql::LogFieldMap fields(table);
      decode::LogRecordConsumer consumer(table, query.service, sink);
      const ServiceTable where{table.table, table.time.column, fields};
      if (wants_slicing(query, context.slices)) {
        const decode::ReadResult result =
            run_sliced_logs(query, context, transport, call, consumer, [&](const decode::ReadResult& slice) {
              cost.add(slice);
              warn_partial(slice, sink, CapAdvice::narrow);
            });
        if (result.rows == 0 && !result.has_partial_error() && !result.stopped)
          check_service_known(query, where, context, transport, call);
        return;
      }
      return run_service_search(query, lower_logs(query, context), where, context, transport, call, sink,
                                consumer, cost);
    }
    case ir::Signal::log_groups: {
      const kql::TableMapping& table = kql::table_for(query.resource_type);
      const kql::LogFieldMap fields(table);
      decode::LogGroupConsumer consumer(table, sink);
      return run_service_search(query, lower_log_groups(query, context),
                                {table.table, table.time.column, fields}, context, transport, call, sink,
                                consumer, cost);
    }
    case ir::Signal::trace_search: {
      const traces::SpanFieldMap fields("AppRequests");
      traces::TraceSummaryConsumer consumer(query.service, sink);
      return run_service_search(query, lower_trace_search(query, context),
                                {"AppRequests", "TimeGenerated", fields}, context, transport, call, sink,
                                consumer, cost);
    }
    case ir::Signal::trace_get:
      return run_trace_get(query, context, transport, sink, call, cost);
    case ir::Signal::native: {
      decode::NativeRowConsumer consumer(sink);
      run_log_analytics(lower_native(query, context), transport, call, sink, consumer, cost,
                        CapAdvice::native);
      return;
    }
    case ir::Signal::metrics:
      return run_metrics(query, context, transport, sink, call, resources, cost);
    case ir::Signal::schema: {
      const RequestPlan plan = lower_table_schema(query, context);
      call.throw_if_cancelled();
      const sdk::HttpResponse response = transport.send(plan, call);
      if (!decode::is_success(response.status)) throw decode::azure_error(response, "log analytics metadata");
      return emit_schema_from_metadata(response.body, query, context, sink);
    }
  }
  throw sdk::Error(TINKR_UNSUPPORTED, "signal is not supported by the azure backend");
}

// The KQL a query sends to Log Analytics; empty for metrics read from the Metrics REST API.
std::string log_analytics_kql(const ir::Query& query, const QueryContext& context) {
  switch (query.signal) {
    case ir::Signal::logs:
      return lower_logs_kql(query);
    case ir::Signal::log_groups:
      return lower_log_groups_kql(query);
    case ir::Signal::trace_search:
      return lower_trace_search_kql(query);
    case ir::Signal::trace_get:
      return lower_trace_get_kql(query);
    case ir::Signal::native:
      return lower_native(query, context).kql;
    case ir::Signal::metrics:
      return metrics::answered_from_requests(query.metrics) ? metrics::lower_request_percentiles_kql(query)
                                                            : std::string();
    case ir::Signal::schema:
      return {};
  }
  return {};
}

// The Basic or Auxiliary table the query reads, once what /search cannot run has been refused.
std::optional<RestrictedTable> checked_restricted_table(const ir::Query& query, const std::string& kql,
                                                        const QueryContext& context) {
  auto table = restricted_table_in(kql, context.table_plans);
  if (table) check_restricted_query(kql, *table, query.time, context.now_ns);
  return table;
}

// Log Analytics runs at most two queries at once per user over Basic and Auxiliary tables.
constexpr int kSearchConcurrency = 2;

}  // namespace

void run_query(const ir::Query& query, const QueryContext& context, Transport& transport, sdk::Sink& sink,
               const sdk::CallContext& call, metrics::ResourceCache& resources) {
  // How to ask (no cache, statistics) goes with every Log Analytics request of this query.
  QueryContext asked = context;
  asked.no_cache = query.no_cache;
  asked.statistics = query.statistics;
  QueryCost cost(context.slices, context.max_answer_bytes);
  if (const auto restricted = checked_restricted_table(query, log_analytics_kql(query, context), context)) {
    asked.search_endpoint = true;
    asked.slices.concurrency = std::min(asked.slices.concurrency, kSearchConcurrency);
    cost.bill_per_scanned(*restricted);
  }
  run_signal(query, asked, transport, sink, call, resources, cost);
  cost.report(sink, query.statistics);
}

std::string explain_query(const ir::Query& query, const QueryContext& context) {
  switch (query.signal) {
    case ir::Signal::schema:
      return "GET " + lower_table_schema(query, context).url + "\n(the columns of table '" + query.table +
             "'; plan " + std::string(plan_name(plan_of(context.table_plans, query.table))) +
             ", from the profile)";
    case ir::Signal::logs:
    case ir::Signal::log_groups:
    case ir::Signal::trace_search:
    case ir::Signal::trace_get:
    case ir::Signal::native: {
      std::string kql = log_analytics_kql(query, context);
      // On a Basic or Auxiliary table the data scanned is the bill: say so before running.
      if (const auto restricted = checked_restricted_table(query, kql, context))
        kql += "\n" + billing_note(*restricted);
      return kql;
    }
    case ir::Signal::metrics: {
      if (metrics::answered_from_requests(query.metrics)) {
        std::string kql = metrics::lower_request_percentiles_kql(query);
        if (const auto restricted = checked_restricted_table(query, kql, context))
          kql += "\n" + billing_note(*restricted);
        return kql;
      }
      if (is_resource_id(query.service)) {
        const auto kind = metrics::kind_of_resource_id(query.service, query.resource_type);
        return "GET " + metrics::lower_metrics(query, context, query.service, kind).request.url;
      }
      const auto kind = metrics::kind_from_hint(query.resource_type).value_or(metrics::ResourceKind::web_app);
      return "GET " +
             metrics::lower_metrics(query, context, presumed_resource_id(query, context, kind), kind)
                 .request.url +
             "\n(the resource id is resolved at execution from resource group '" + context.resource_group +
             "'; shown for a " + std::string(metrics::arm_type(kind)) + " named '" + query.service + "')";
    }
  }
  throw sdk::Error(TINKR_UNSUPPORTED, "signal is not supported by the azure backend");
}

}  // namespace tinkr::azure
