// Helpers for the local backend's tests: a database in a fresh temporary folder, and a fake host
// sink (the C tinkr_sink of the ABI) that keeps copies of every record it is sent.
#pragma once

#include "local_backend.hpp"

#include <tinkr/sdk/backend.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace tinkr::local::testing {

struct Collected {
  struct Log {
    int64_t time_ns;
    int32_t severity_number;
    std::string severity_text, body, service, trace_id, span_id, attributes_json;
  };
  struct Series {
    std::string metric, aggregation, unit, service, dimensions_json;
    int64_t interval_ns;
    std::vector<tinkr_metric_point> points;
  };
  struct SpanRow {
    std::string trace_id, span_id, parent_span_id, service, name, kind, status_code, attributes_json,
        events_json;
    int64_t start_ns, duration_ns;
    int32_t status;
    uint32_t flags;
  };
  struct Summary {
    std::string trace_id, service, name, status_code;
    int64_t start_ns, duration_ns, span_count, error_count;
    int32_t status;
  };
  std::vector<Log> logs;
  std::vector<Series> series;
  std::vector<SpanRow> spans;
  std::vector<Summary> summaries;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
  int64_t stop_after = -1;  // >= 0: answer TINKR_CANCELLED once this many records arrived

  static std::string s(tinkr_str v) { return v.ptr ? std::string(v.ptr, v.len) : std::string(); }
  int32_t next() {
    int64_t n =
        static_cast<int64_t>(logs.size() + series.size() + spans.size() + summaries.size() + rows.size());
    return stop_after >= 0 && n >= stop_after ? TINKR_CANCELLED : TINKR_OK;
  }

  tinkr_sink sink() {
    tinkr_sink k{};
    k.struct_size = sizeof k;
    k.ctx = this;
    k.log_record = [](void* c, const tinkr_log_record* r) {
      auto* self = static_cast<Collected*>(c);
      self->logs.push_back({r->time_unix_nano, r->severity_number, s(r->severity_text), s(r->body),
                            s(r->service), s(r->trace_id), s(r->span_id), s(r->attributes_json)});
      return self->next();
    };
    k.metric_series = [](void* c, const tinkr_metric_series* r) {
      auto* self = static_cast<Collected*>(c);
      self->series.push_back({s(r->metric), s(r->aggregation), s(r->unit), s(r->service),
                              s(r->dimensions_json), r->interval_ns,
                              std::vector<tinkr_metric_point>(r->points, r->points + r->point_count)});
      return self->next();
    };
    k.span = [](void* c, const tinkr_span* r) {
      auto* self = static_cast<Collected*>(c);
      self->spans.push_back({s(r->trace_id), s(r->span_id), s(r->parent_span_id), s(r->service), s(r->name),
                             s(r->kind), s(r->status_code), s(r->attributes_json), s(r->events_json),
                             r->start_unix_nano, r->duration_ns, r->status, r->flags});
      return self->next();
    };
    k.trace_summary = [](void* c, const tinkr_trace_summary* r) {
      auto* self = static_cast<Collected*>(c);
      self->summaries.push_back({s(r->trace_id), s(r->service), s(r->name), s(r->status_code),
                                 r->start_unix_nano, r->duration_ns, r->span_count, r->error_count,
                                 r->status});
      return self->next();
    };
    k.table_begin = [](void* c, tinkr_str, const tinkr_column* cols, uint64_t n) {
      auto* self = static_cast<Collected*>(c);
      for (uint64_t i = 0; i < n; ++i) self->columns.push_back(s(cols[i].name) + ":" + s(cols[i].type));
      return int32_t{TINKR_OK};
    };
    k.table_row = [](void* c, const tinkr_str* cells, uint64_t n) {
      auto* self = static_cast<Collected*>(c);
      std::vector<std::optional<std::string>> row;
      for (uint64_t i = 0; i < n; ++i)
        row.push_back(cells[i].ptr ? std::optional<std::string>(s(cells[i])) : std::nullopt);
      self->rows.push_back(std::move(row));
      return self->next();
    };
    return k;
  }
};

/// A backend on a database file in a temporary folder removed at the end of the test.
class LocalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("tinkr-local-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    Options options;
    options.path = (dir_ / "local.db").string();
    backend_ = std::make_unique<LocalBackend>(options);
  }
  void TearDown() override {
    backend_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Collected run(const ir::Query& query) {
    Collected out;
    run_into(query, out);
    return out;
  }
  void run_into(const ir::Query& query, Collected& out) {
    tinkr_sink raw = out.sink();
    sdk::Sink sink(&raw);
    backend_->execute(query, sink, sdk::CallContext(nullptr, nullptr));
  }
  std::string ingest(const std::string& data, const std::string& source = "test.jsonl") {
    return backend_->ingest("otlp-json", source, data);
  }

  std::filesystem::path dir_;
  std::unique_ptr<LocalBackend> backend_;
};

/// A one-record OTLP logs line; `fields` is spliced into the LogRecord object (tests' own JSON).
inline std::string log_line(const std::string& service, const std::string& fields) {
  return R"({"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":")" +
         service + R"("}}]},"scopeLogs":[{"logRecords":[{)" + fields + "}]}]}]}\n";
}

inline ir::Query logs_query(const std::string& service = "") {
  ir::Query q;
  q.signal = ir::Signal::logs;
  q.service = service;
  return q;
}

}  // namespace tinkr::local::testing
