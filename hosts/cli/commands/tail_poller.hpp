// The polls of `tinkr tail`, apart from the command's flags and output so that tests drive them one
// by one against a real backend.
//
// Two ways to know which records are new:
// - by ingestion time, where the backend can filter on it (Log Analytics' ingestion_time()): each poll
//   asks for the records stored since the previous poll began (less `overlap`, for clock skew and rows
//   not yet visible), whatever their own time, within the last kLateArrivalWindow. A row that arrives
//   minutes after its TimeGenerated is still printed.
// - by record time elsewhere: each poll asks for [previous poll's end - overlap, now).
// Either way a bounded memory of the records printed keeps each from being printed twice.
#pragma once

#include "commands/dedup_window.hpp"
#include "query_client.hpp"

#include <functional>
#include <optional>
#include <string>

namespace tinkr::cli {

/// How far back in record time a poll by ingestion time looks: rows later than this are not expected
/// (Log Analytics' worst measured ingestion delays are a few minutes).
inline constexpr int64_t kLateArrivalWindowNs = 3'600'000'000'000;

struct TailSettings {
  std::string service;
  std::string query;
  int64_t since_ns = 60'000'000'000;    // the backlog shown by the first poll
  int64_t overlap_ns = 30'000'000'000;  // how far each poll reaches back
  std::size_t memory = 100'000;         // records remembered to print each once
  int64_t poll_limit = 5000;            // records asked for per poll
};

struct PollResult {
  int64_t printed = 0;
  bool truncated = false;                // more records than poll_limit: some were skipped
  std::optional<int64_t> newest_age_ns;  // now minus the newest record printed: the ingestion lag
};

class TailPoller {
 public:
  using Print = std::function<void(const Record&)>;
  TailPoller(QueryClient& client, TailSettings settings, Print print);

  /// Does the backend filter on ingestion time? Asked once (an explain, which sends nothing).
  Expected<void> start();
  bool by_ingestion_time() const { return by_ingestion_; }

  /// One poll: prints the records not printed before.
  Expected<PollResult> poll(const RunOptions& options);

 private:
  QuerySpec spec_for(int64_t now) const;

  QueryClient& client_;
  TailSettings settings_;
  Print print_;
  DedupWindow seen_;
  bool by_ingestion_ = false;
  int64_t started_ = 0;
  int64_t polls_ = 0;
  int64_t previous_poll_ = 0;  // when the previous poll began (our clock)
};

}  // namespace tinkr::cli
