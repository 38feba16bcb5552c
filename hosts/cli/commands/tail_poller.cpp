// The polls of `tinkr tail`; see tail_poller.hpp.
#include "commands/tail_poller.hpp"

#include "common/time_text.hpp"

#include <algorithm>

namespace tinkr::cli {
namespace {

// Passes on only log records not printed before, and notes the newest time printed.
class NewRecordsSink final : public ResultSink {
 public:
  NewRecordsSink(const TailPoller::Print& print, DedupWindow& seen) : print_(print), seen_(seen) {}
  bool on_record(Record&& record) override {
    auto* log = std::get_if<LogRecord>(&record);
    if (log == nullptr || !seen_.first_sighting(*log)) return true;
    newest_ = std::max(newest_, log->time_ns);
    ++printed_;
    print_(record);
    return true;
  }
  int64_t newest() const { return newest_; }
  int64_t printed() const { return printed_; }

 private:
  const TailPoller::Print& print_;
  DedupWindow& seen_;
  int64_t newest_ = 0;
  int64_t printed_ = 0;
};

}  // namespace

TailPoller::TailPoller(QueryClient& client, TailSettings settings, Print print)
    : client_(client), settings_(std::move(settings)), print_(std::move(print)), seen_(settings_.memory) {}

Expected<void> TailPoller::start() {
  started_ = now_ns();
  QuerySpec probe = spec_for(started_);
  probe.text =
      probe.text.empty() ? "ingestion_time>=now-1m" : "(" + probe.text + ") AND ingestion_time>=now-1m";
  auto explanation = client_.explain(probe);
  if (!explanation) return Unexpected(explanation.error());
  // A backend that cannot filter on ingestion time leaves it to the core, which cannot either (records
  // do not carry it): follow record time instead.
  by_ingestion_ = explanation->residual_json.find("ingestion_time") == std::string::npos;
  return {};
}

QuerySpec TailPoller::spec_for(int64_t now) const {
  QuerySpec spec;
  spec.signal = ir::Signal::logs;
  spec.service = settings_.service;
  spec.text = settings_.query;
  spec.limit = settings_.poll_limit;
  spec.order = ir::Order{"time", false};
  spec.to = host::format_time(now + 1'000'000);  // to is exclusive and the text has millisecond precision
  if (polls_ == 0) {
    spec.from = host::format_time(now - settings_.since_ns);
  } else if (by_ingestion_) {
    spec.from = host::format_time(now - kLateArrivalWindowNs);
    const std::string stored_since =
        "ingestion_time>=\"" + host::format_time(previous_poll_ - settings_.overlap_ns) + "\"";
    spec.text = spec.text.empty() ? stored_since : "(" + spec.text + ") AND " + stored_since;
  } else {
    spec.from = host::format_time(previous_poll_ - settings_.overlap_ns);
  }
  return spec;
}

Expected<PollResult> TailPoller::poll(const RunOptions& options) {
  const int64_t now = now_ns();
  NewRecordsSink sink(print_, seen_);
  auto stats = client_.run(spec_for(now), sink, options);
  if (!stats) return Unexpected(stats.error());
  previous_poll_ = now;
  ++polls_;
  PollResult result;
  result.printed = sink.printed();
  result.truncated = stats->truncated;
  if (sink.printed() > 0) result.newest_age_ns = std::max<int64_t>(0, now - sink.newest());
  return result;
}

}  // namespace tinkr::cli
