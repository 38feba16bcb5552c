// Running a query: plan it against the backend's capabilities, send the pushed part through the ABI,
// apply the residual filter to each streamed record's view, deliver those that pass (log records as
// views, the rest as copies), apply the limit, and stop the plugin early once the limit is reached or
// the caller's sink has enough.
#include <algorithm>
#include <exception>
#include <type_traits>

#include "base/call_state.hpp"
#include "base/message_text.hpp"
#include "engine/engine_impl.hpp"
#include "engine/paging.hpp"
#include "engine/record_copy.hpp"
#include "engine/validate.hpp"
#include "planner/view_matches.hpp"
#include "registry/plugin_call.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr {
namespace {

struct RunState {
  RunState(ResultSink& sink, const planner::Plan& p) : out(sink), plan(p) {}
  ResultSink& out;
  const planner::Plan& plan;
  bool limited = false;       // the limit applies to this signal's records
  bool sort_in_core = false;  // hold every record, sort, then deliver (backend cannot order)
  std::vector<Record> held;
  TimePager* pager = nullptr;    // set when the core pages through the backend by time
  tinkr_cancel* call = nullptr;  // its `finished` says the core stopped the plugin
  std::exception_ptr failure;    // an exception thrown by the host's sink, rethrown after execute
  std::vector<std::optional<std::string_view>> row_views;  // the table row being delivered, reused
  RunStats stats;
};

RunState& state(void* ctx) {
  return *static_cast<RunState*>(ctx);
}

// The core has what it needs: the plugin's next sink call is refused, and its transfers in flight end
// now rather than at their next piece.
int32_t stop_by_core(RunState& st) {
  st.call->finished.store(true, std::memory_order_release);
  return TINKR_CANCELLED;
}

// A log record goes to the sink as the plugin's view: a sink that writes it out copies nothing (the
// page's logs query streams 100,000 of them). The other kinds are copied here.
bool deliver(RunState& st, const tinkr_log_record& raw) {
  return st.out.on_log_record_view(view_record(raw));
}
template <typename CRecord>
bool deliver(RunState& st, const CRecord& raw) {
  return st.out.on_record(copy_record(raw));
}

template <typename CRecord>
int32_t on_record(void* ctx, const CRecord* raw) {
  auto& st = state(ctx);
  try {
    ++st.stats.received;
    // A backend that streams many records the residual filter rejects keeps the core busy without
    // the plugin ever polling: the core checks the caller's cancel and the deadline itself.
    if (st.stats.residual && is_cancelled(st.call)) return TINKR_CANCELLED;
    // The plugin's view is filtered as it is; only a record that passes is delivered.
    if (st.pager && !st.pager->first_sighting(*raw)) return TINKR_OK;
    if (st.stats.residual && !planner::matches(st.plan.residual, *raw)) return TINKR_OK;
    if (st.sort_in_core) {
      st.held.push_back(copy_record(*raw));
      return TINKR_OK;
    }
    if (st.limited && st.plan.limit > 0 && st.stats.delivered >= st.plan.limit) {
      st.stats.truncated = true;
      return stop_by_core(st);
    }
    ++st.stats.delivered;
    if (!deliver(st, *raw)) return stop_by_core(st);
    return TINKR_OK;
  } catch (...) {
    st.failure = std::current_exception();
    return TINKR_INTERNAL;
  }
}

int32_t on_table_begin(void* ctx, tinkr_str name, const tinkr_column* columns, uint64_t count) {
  auto& st = state(ctx);
  try {
    std::vector<Column> cols;
    cols.reserve(static_cast<std::size_t>(count));
    for (uint64_t i = 0; i < count; ++i)
      cols.push_back({copy_string(columns[i].name), copy_string(columns[i].type)});
    if (st.out.on_table_begin(copy_string(name), cols)) return TINKR_OK;
    return stop_by_core(st);
  } catch (...) {
    st.failure = std::current_exception();
    return TINKR_INTERNAL;
  }
}

int32_t on_table_row(void* ctx, const tinkr_str* cells, uint64_t count) {
  auto& st = state(ctx);
  try {
    ++st.stats.received;
    if (st.plan.limit > 0 && st.stats.delivered >= st.plan.limit) {
      st.stats.truncated = true;
      return stop_by_core(st);
    }
    // The views are the plugin's; the sink copies what it keeps (ResultSink::on_table_row_view).
    auto& row = st.row_views;
    row.clear();
    for (uint64_t i = 0; i < count; ++i)
      row.push_back(cells[i].ptr ? std::optional<std::string_view>(
                                       std::string_view(cells[i].ptr, static_cast<std::size_t>(cells[i].len)))
                                 : std::nullopt);
    ++st.stats.delivered;
    if (st.out.on_table_row_view(row)) return TINKR_OK;
    return stop_by_core(st);
  } catch (...) {
    st.failure = std::current_exception();
    return TINKR_INTERNAL;
  }
}

int32_t on_warning(void* ctx, tinkr_str message) {
  auto& st = state(ctx);
  try {
    // A warning may quote upstream text: cleaned like an error message (secrets, UTF-8, size).
    st.stats.warnings.push_back(detail::clean_message(copy_string(message)));
    st.out.on_warning(st.stats.warnings.back());
    return TINKR_OK;
  } catch (...) {
    st.failure = std::current_exception();
    return TINKR_INTERNAL;
  }
}

// 1.3: statistics are kept as the backend's JSON object, re-written so that only JSON reaches the
// hosts that embed it; an info notice joins the notices, cleaned like a warning.
int32_t on_notice(void* ctx, tinkr_str kind, tinkr_str text) {
  auto& st = state(ctx);
  try {
    if (copy_string(kind) == "statistics") {
      rapidjson::Document doc;
      doc.Parse(text.ptr ? text.ptr : "", static_cast<std::size_t>(text.len));
      if (doc.HasParseError() || !doc.IsObject()) return TINKR_OK;  // not what the ABI promises: dropped
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      doc.Accept(writer);
      st.stats.statistics_json.assign(buffer.GetString(), buffer.GetSize());
    } else {
      st.stats.notices.push_back(detail::clean_message(copy_string(text)));
    }
    return TINKR_OK;
  } catch (...) {
    st.failure = std::current_exception();
    return TINKR_INTERNAL;
  }
}

/// The value a record is ordered by: "duration", or its time.
int64_t order_key(const Record& record, const std::string& field) {
  const bool by_duration = field == "duration";
  return std::visit(
      [by_duration](const auto& r) -> int64_t {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, LogRecord>) return r.time_ns;
        if constexpr (std::is_same_v<T, Span> || std::is_same_v<T, TraceSummary>)
          return by_duration ? r.duration_ns : r.start_ns;
        return 0;
      },
      record);
}

/// Sorts what a backend that cannot order returned, then delivers it up to the limit.
void deliver_held(RunState& st, const ir::Order& order) {
  std::stable_sort(st.held.begin(), st.held.end(), [&](const Record& a, const Record& b) {
    const int64_t ka = order_key(a, order.field), kb = order_key(b, order.field);
    return order.descending ? ka > kb : ka < kb;
  });
  for (auto& record : st.held) {
    if (st.limited && st.plan.limit > 0 && st.stats.delivered >= st.plan.limit) {
      st.stats.truncated = true;
      break;
    }
    ++st.stats.delivered;
    if (!st.out.on_record(std::move(record))) break;
  }
  st.held.clear();
}

std::string seconds_text(std::chrono::milliseconds timeout) {
  auto ms = timeout.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

}  // namespace

namespace {

/// What execute_once needs of the engine: the plugin's table and the opened instance.
struct Backend {
  const tinkr_plugin& plugin;
  tinkr_instance* instance;
  const tinkr_plugin& table() const { return plugin; }
};

/// "trace 'ID' not found between A and B": which window was searched is what a user needs to widen it.
/// `plugin_message` is the backend's own not-found message, kept (it may name something else missing).
Error trace_not_found(const ir::Query& query, const std::string& plugin_message) {
  std::string message = plugin_message.empty() ? "trace '" + query.trace_id + "' not found" : plugin_message;
  if (query.time.from_ns != 0 && query.time.to_ns != 0)
    message += " between " + query::format_utc(query.time.from_ns) + " and " +
               query::format_utc(query.time.to_ns) + " (" +
               query::format_span(query.time.to_ns - query.time.from_ns) +
               " searched; search a wider time range to look further back)";
  return Error(Error::Code::not_found, std::move(message));
}

/// One execute call of the plugin for `pushed`; errors mapped as the host sees them.
Expected<void> execute_once(const Backend& impl, const ir::Query& pushed, tinkr_sink& c_sink,
                            tinkr_cancel& cancel, RunState& st, std::chrono::milliseconds timeout) {
  const std::string ir_json = ir::to_json(pushed);
  tinkr_error* error = nullptr;
  int32_t status =
      impl.table().execute(impl.instance, {ir_json.data(), ir_json.size()}, &c_sink, &cancel, &error);
  if (st.failure) {
    if (error) impl.table().free_error(error);
    try {
      std::rethrow_exception(st.failure);
    } catch (const std::exception& e) {
      return fail(Error::Code::internal, std::string("result sink failed: ") + e.what());
    } catch (...) {
      return fail(Error::Code::internal, "result sink failed");
    }
  }
  if (status == TINKR_CANCELLED && cancel.finished.load(std::memory_order_acquire)) {
    if (error) impl.table().free_error(error);
    status = TINKR_OK;
  }
  if (status == TINKR_OK) return {};
  Error e = error_from_plugin(impl.table(), status, error);
  if (cancel.flag->load()) return fail(Error::Code::cancelled, "query cancelled");
  if (now_ns() >= cancel.deadline_ns &&
      (e.code() == Error::Code::cancelled || e.code() == Error::Code::timeout))
    return fail(Error::Code::timeout, "query exceeded its deadline of " + seconds_text(timeout),
                Error::Source::core);
  return Unexpected(std::move(e));
}

void warn(RunState& st, std::string message) {
  st.stats.warnings.push_back(std::move(message));
  st.out.on_warning(st.stats.warnings.back());
}

/// Pages through the backend by time until the limit is met, the window is exhausted, the caller
/// stops, or kMaxPagedRecords were read.
Expected<void> execute_paged(const Backend& impl, const planner::Plan& plan, tinkr_sink& c_sink,
                             tinkr_cancel& cancel, RunState& st, std::chrono::milliseconds timeout) {
  TimePager pager(plan.pushed);
  st.pager = &pager;
  for (;;) {
    ++st.stats.requests;
    if (auto done = execute_once(impl, pager.query(), c_sink, cancel, st, timeout); !done) return done;
    if (cancel.finished.load(std::memory_order_acquire)) return {};  // the limit, or the caller, stopped it
    // The limit is met at a page's last record: another page would read on for one more match only
    // to learn that there is one.
    if (st.limited && plan.limit > 0 && st.stats.delivered >= plan.limit) return {};
    if (!pager.advance()) return {};
    if (st.stats.received >= kMaxPagedRecords) {
      warn(st, "results may be incomplete: stopped after reading " + std::to_string(st.stats.received) +
                   " records in " + std::to_string(st.stats.requests) + " requests, of which " +
                   std::to_string(st.stats.delivered) +
                   " passed the filters evaluated in core; narrow the time range or the query");
      return {};
    }
  }
}

}  // namespace

Expected<RunStats> Engine::run(const ir::Query& query, ResultSink& sink, const RunOptions& options) {
  const int64_t started = now_ns();
  if (auto valid = validate_query(query); !valid) return Unexpected(valid.error());
  auto plan = planner::plan(query, impl_->capabilities, options.pushdown);
  if (!plan) return Unexpected(plan.error());
  if (auto settled = settle_log_groups_plan(*plan, impl_->info.name); !settled)
    return Unexpected(settled.error());

  RunState st(sink, *plan);
  st.limited = query.signal == ir::Signal::logs || query.signal == ir::Signal::trace_search ||
               query.signal == ir::Signal::native || query.signal == ir::Signal::log_groups;
  st.stats.residual = !plan->residual.is_all();
  st.stats.notices = plan->notices;
  st.sort_in_core = plan->sort_in_core;

  tinkr_sink c_sink{};
  c_sink.struct_size = sizeof c_sink;
  c_sink.ctx = &st;
  c_sink.log_record = &on_record<tinkr_log_record>;
  c_sink.metric_series = &on_record<tinkr_metric_series>;
  c_sink.span = &on_record<tinkr_span>;
  c_sink.trace_summary = &on_record<tinkr_trace_summary>;
  c_sink.table_begin = &on_table_begin;
  c_sink.table_row = &on_table_row;
  c_sink.warning = &on_warning;
  c_sink.notice = &on_notice;
  // A plugin older than 1.3 would refuse the IR's no_cache and statistics members: it gets neither,
  // and the notices say so.
  if (impl_->table().abi_minor < 3 && (plan->pushed.no_cache || plan->pushed.statistics)) {
    plan->pushed.no_cache = plan->pushed.statistics = false;
    st.stats.notices.push_back("backend '" + impl_->info.name +
                               "' (plugin ABI older than 1.3) cannot skip its cache or report statistics");
  }

  const auto timeout = options.timeout.count() > 0 ? options.timeout : impl_->default_timeout;
  tinkr_cancel cancel;
  cancel.flag = options.cancel ? options.cancel->shared_flag() : CancelSource().shared_flag();
  cancel.deadline_ns = started + std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
  st.call = &cancel;

  const Backend backend{impl_->table(), impl_->instance};
  const bool paged = can_page_by_time(*plan);
  Expected<void> done;
  if (paged) {
    done = execute_paged(backend, *plan, c_sink, cancel, st, timeout);
  } else {
    st.stats.requests = 1;
    done = execute_once(backend, plan->pushed, c_sink, cancel, st, timeout);
  }
  if (query.signal == ir::Signal::trace_get && query.filter.is_all() &&
      (done ? st.stats.delivered == 0 : done.error().code() == Error::Code::not_found))
    return Unexpected(trace_not_found(query, done ? std::string() : done.error().message()));
  if (!done) return Unexpected(done.error());
  if (st.sort_in_core) deliver_held(st, query.order);
  if (!paged && plan->overfetch && st.stats.received >= plan->pushed.limit &&
      st.stats.delivered < plan->limit)
    warn(st, "results may be incomplete: the backend returned its maximum of " +
                 std::to_string(plan->pushed.limit) + " records and " + std::to_string(st.stats.delivered) +
                 " passed the filters evaluated in core; narrow the time range or the query");
  // Reached exactly, the limit may have cut results even when the backend applied it itself.
  if (st.limited && plan->limit > 0 && st.stats.delivered >= plan->limit) st.stats.limit = plan->limit;
  st.stats.elapsed_ns = now_ns() - started;
  return std::move(st.stats);
}

Expected<QueryResult> Engine::collect(const ir::Query& query, const RunOptions& options) {
  struct Collector final : ResultSink {
    QueryResult result;
    bool on_record(Record&& r) override {
      result.records.push_back(std::move(r));
      return true;
    }
    bool on_table_begin(const std::string& name, const std::vector<Column>& columns) override {
      result.tables.push_back(Table{name, columns, {}});
      return true;
    }
    bool on_table_row(std::vector<std::optional<std::string>>&& cells) override {
      if (result.tables.empty()) result.tables.emplace_back();
      result.tables.back().rows.push_back(std::move(cells));
      return true;
    }
  } collector;
  auto stats = run(query, collector, options);
  if (!stats) return Unexpected(stats.error());
  collector.result.stats = std::move(*stats);
  return std::move(collector.result);
}

}  // namespace tinkr
