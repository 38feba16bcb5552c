// Test doubles; see recording_sink.hpp.
#include "recording_sink.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tinkr::azure::testing {

namespace {
std::string s(tinkr_str v) {
  return std::string(sdk::to_view(v));
}
}  // namespace

RecordingSink::RecordingSink() : sink_(&raw_) {
  raw_.struct_size = sizeof raw_;
  raw_.ctx = this;
  raw_.log_record = [](void* ctx, const tinkr_log_record* r) {
    self(ctx).logs.push_back({r->time_unix_nano, r->severity_number, s(r->severity_text), s(r->body),
                              s(r->service), s(r->trace_id), s(r->span_id), s(r->attributes_json),
                              r->item_count});
    return self(ctx).accept();
  };
  raw_.metric_series = [](void* ctx, const tinkr_metric_series* m) {
    self(ctx).series.push_back({s(m->metric), s(m->native_metric), s(m->aggregation), s(m->unit),
                                s(m->service), s(m->dimensions_json), m->interval_ns,
                                std::vector<tinkr_metric_point>(m->points, m->points + m->point_count)});
    return self(ctx).accept();
  };
  raw_.span = [](void* ctx, const tinkr_span* p) {
    self(ctx).spans.push_back({s(p->trace_id), s(p->span_id), s(p->parent_span_id), s(p->service), s(p->name),
                               s(p->kind), s(p->status_code), s(p->attributes_json), s(p->events_json),
                               p->start_unix_nano, p->duration_ns, p->status, p->flags});
    return self(ctx).accept();
  };
  raw_.trace_summary = [](void* ctx, const tinkr_trace_summary* t) {
    self(ctx).summaries.push_back({s(t->trace_id), s(t->service), s(t->name), s(t->status_code),
                                   t->start_unix_nano, t->duration_ns, t->status});
    return self(ctx).accept();
  };
  raw_.table_begin = [](void* ctx, tinkr_str, const tinkr_column* c, uint64_t n) {
    std::vector<std::string> columns;
    for (uint64_t i = 0; i < n; ++i) columns.push_back(s(c[i].name) + ":" + s(c[i].type));
    self(ctx).table_columns.push_back(std::move(columns));
    return int32_t{TINKR_OK};
  };
  raw_.table_row = [](void* ctx, const tinkr_str* cells, uint64_t n) {
    std::vector<std::optional<std::string>> row;
    for (uint64_t i = 0; i < n; ++i)
      row.push_back(cells[i].ptr ? std::optional<std::string>(s(cells[i])) : std::nullopt);
    self(ctx).rows.push_back(std::move(row));
    return self(ctx).accept();
  };
  raw_.warning = [](void* ctx, tinkr_str m) {
    self(ctx).warnings.push_back(s(m));
    return int32_t{TINKR_OK};
  };
}

int32_t RecordingSink::accept() {
  return ++accepted_ >= stop_after ? TINKR_CANCELLED : TINKR_OK;
}

PiecedAnswer::PiecedAnswer(sdk::HttpResponse response, std::size_t piece_size, std::size_t* pieces)
    : head_(std::move(response)), piece_size_(piece_size), pieces_(pieces) {
  if (head_.status >= 200 && head_.status < 300) body_ = std::exchange(head_.body, {});
}

std::string_view PiecedAnswer::next_piece() {
  if (at_ >= body_.size()) return {};
  if (before_piece) before_piece(handed_);
  const std::string_view piece = std::string_view(body_).substr(at_, piece_size_);
  at_ += piece.size();
  ++handed_;
  if (pieces_) ++*pieces_;
  return piece;
}

std::unique_ptr<Answer> ScriptedTransport::open(const RequestPlan& plan, const sdk::CallContext&) {
  sent.push_back(plan);
  if (script_.empty())
    throw sdk::Error(TINKR_INTERNAL, "scripted transport: no response left for " + plan.url);
  sdk::HttpResponse r = std::move(script_.front());
  script_.pop_front();
  return std::make_unique<PiecedAnswer>(std::move(r), piece_size, &pieces_sent);
}

std::vector<std::string> log_analytics_answer_vectors() {
  std::vector<std::string> names;
  const auto dir = std::filesystem::path(TINKR_VECTORS_DIR) / "azure" / "log-analytics";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with("query.") && name.ends_with(".response.json"))
      names.push_back("log-analytics/" + name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

sdk::Error error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const sdk::Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error was thrown";
  return sdk::Error(TINKR_INTERNAL, "no error was thrown");
}

std::string read_vector(const std::string& relative) {
  const std::string path = std::string(TINKR_VECTORS_DIR) + "/azure/" + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read vector " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace tinkr::azure::testing
