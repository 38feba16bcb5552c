// local_backend.cpp: see local_backend.hpp.
#include "local_backend.hpp"

#include "known_names.hpp"

#include "lower.hpp"
#include "metric_series.hpp"
#include "otlp_ingest.hpp"
#include "run.hpp"
#include "schema.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace tinkr::local {

namespace {

std::string home_folder() {
  const char* home = std::getenv("HOME");
  return home ? home : "";
}

// The writer is opened (and the schema made) before any reader, so readers never find a bare file.
std::unique_ptr<Connection> open_writer(const Options& options) {
  if (options.read_only) {
    if (!std::filesystem::exists(options.path))
      throw sdk::Error(TINKR_CONFIG,
                       "local database '" + options.path + "' does not exist (and read_only is set)");
    Connection probe(options.path, Connection::Mode::read_only);
    check_schema(probe);
    return nullptr;
  }
  std::filesystem::path parent = std::filesystem::path(options.path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec)
    throw sdk::Error(TINKR_CONFIG, "local database '" + options.path + "': cannot create folder '" +
                                       parent.string() + "': " + ec.message());
  auto writer = std::make_unique<Connection>(options.path, Connection::Mode::read_write_create);
  ensure_schema(*writer);
  return writer;
}

// A store nothing was ever written to: a first run, not a query that matched nothing.
bool store_is_empty(Connection& connection) {
  Statement stmt(connection,
                 "SELECT NOT EXISTS (SELECT 1 FROM logs) AND NOT EXISTS (SELECT 1 FROM spans) "
                 "AND NOT EXISTS (SELECT 1 FROM metric_points)");
  return stmt.step() && stmt.column_int(0) != 0;
}

}  // namespace

LocalBackend::LocalBackend(const sdk::Host& /*host*/, std::string_view config_json)
    : LocalBackend(parse_options(config_json, home_folder())) {}

LocalBackend::LocalBackend(Options options)
    : options_(std::move(options)),
      writer_(open_writer(options_)),
      readers_(options_.path, Connection::Mode::read_only) {}

void LocalBackend::execute(const ir::Query& query, sdk::Sink& sink, const sdk::CallContext& call) {
  auto connection = readers_.acquire();
  connection->set_cancel_check([&call] { return call.cancelled(); });
  const bool reads_records = query.signal != ir::Signal::native && query.signal != ir::Signal::schema;
  if (reads_records && store_is_empty(*connection))
    throw sdk::Error(TINKR_NOT_FOUND,
                     "no data yet: run `tinkr demo` or `tinkr ingest FILE` (local database '" +
                         options_.path + "' is empty)");
  require_known_names(*connection, query);
  switch (query.signal) {
    case ir::Signal::logs:
      run_logs(*connection, query, sink);
      break;
    case ir::Signal::metrics:
      run_metrics(*connection, query, sink);
      break;
    case ir::Signal::trace_search:
      run_trace_search(*connection, query, sink);
      break;
    case ir::Signal::trace_get:
      run_trace_get(*connection, query, sink);
      break;
    case ir::Signal::native:
      run_native(*connection, query.native_text, sink);
      break;
    case ir::Signal::schema:
      run_schema(*connection, query, sink);
      break;
    case ir::Signal::log_groups:
      run_log_groups(*connection, query, sink);
      break;
  }
}

std::string LocalBackend::explain(const ir::Query& query) {
  switch (query.signal) {
    case ir::Signal::logs:
      return explain_text(lower_logs(query));
    case ir::Signal::metrics: {
      const MetricsPlan plan = lower_metrics(query);
      if (!wants_percentiles(query.metrics)) return explain_text(plan.sql);
      // Percentiles rank the values themselves: of gauges and sums, and of server spans for a
      // request-duration histogram (nearest rank, docs/backends/local.md).
      return explain_text(plan.sql) + ";\n" + explain_text(lower_point_values(query, plan)) + ";\n" +
             explain_text(lower_span_durations(query, plan));
    }
    case ir::Signal::trace_search:
      return explain_text(lower_trace_search(query));
    case ir::Signal::trace_get:
      return explain_text(lower_trace_get(query));
    case ir::Signal::native:
      return query.native_text;
    case ir::Signal::schema:
      return "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid  -- ?1 = the table";
    case ir::Signal::log_groups:
      return explain_text(lower_log_groups(query));
  }
  return {};
}

std::string LocalBackend::check_health(const sdk::CallContext& /*call*/) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  try {
    auto connection = readers_.acquire();
    Statement stmt(*connection, "SELECT count(*) FROM logs");
    stmt.step();
    w.Key("status");
    w.String("ok");
    w.Key("message");
    w.String(("local database " + options_.path + (options_.read_only ? " (read-only)" : "")).c_str());
  } catch (const std::exception& e) {
    w.Key("status");
    w.String("error");
    w.Key("message");
    w.String(e.what());
  }
  w.EndObject();
  return buffer.GetString();
}

void LocalBackend::check_ingest(std::string_view format, std::string_view source) const {
  if (format != "otlp-json")
    throw sdk::Error(TINKR_UNSUPPORTED, "ingest " + std::string(source) + ": unknown format '" +
                                            std::string(format) + "' (the local backend reads otlp-json)");
  if (!writer_)
    throw sdk::Error(TINKR_UNSUPPORTED, "ingest " + std::string(source) + ": local database '" +
                                            options_.path + "' is opened read-only");
}

std::string LocalBackend::ingest(std::string_view format, std::string_view source, std::string_view data) {
  check_ingest(format, source);
  std::lock_guard lock(write_mutex_);
  return ingest_otlp_json(*writer_, source, data).to_json();
}

std::string LocalBackend::ingest_stream(std::string_view format, std::string_view source,
                                        const sdk::Reader& data, const sdk::CallContext& call) {
  check_ingest(format, source);
  otlp::PulledStream input(
      [&data](char* buffer, std::size_t capacity) { return data.read(buffer, capacity); });
  std::lock_guard lock(write_mutex_);
  return ingest_otlp_json(*writer_, source, input, &call).to_json();
}

}  // namespace tinkr::local
