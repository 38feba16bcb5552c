// `tinkr tail` against Log Analytics, whose rows arrive 20 s to minutes after their TimeGenerated. The
// fake workspace below stores rows with the moment they were ingested and answers the tail's KQL as Log
// Analytics would: by TimeGenerated window and, when asked, by ingestion_time(). Rows ingested between
// two polls with a TimeGenerated minutes old must still be printed, each exactly once.
#include "fixture.hpp"

#include "commands/tail_poller.hpp"
#include "common/time_text.hpp"

#include <algorithm>
#include <mutex>

namespace tinkr::azure_e2e {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

struct StoredRow {
  int64_t time_generated;
  int64_t ingested;
  std::string message;
};

/// The datetime(...) after `marker` in the KQL, as Unix nanoseconds; nullopt when absent.
std::optional<int64_t> datetime_after(std::string_view kql, std::string_view marker) {
  const auto at = kql.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  const auto open = kql.find("datetime(", at + marker.size());
  const auto close = kql.find(')', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return std::nullopt;
  return parse_utc_ns(std::string(kql.substr(open + 9, close - open - 9)));
}

class FakeWorkspace {
 public:
  void ingest(int64_t time_generated, std::string message) {
    std::lock_guard lock(mutex_);
    rows_.push_back({time_generated, now_ns(), std::move(message)});
  }
  std::optional<FakeResponse> answer(std::string_view kql) {
    if (kql.rfind("AppTraces ", 0) != 0) return std::nullopt;
    const auto from = datetime_after(kql, "TimeGenerated between (");
    const auto to = datetime_after(kql, ".. ");
    const auto stored_since = datetime_after(kql, "ingestion_time() >= ");
    std::vector<StoredRow> rows;
    {
      std::lock_guard lock(mutex_);
      for (const auto& row : rows_)
        if (from && to && row.time_generated >= *from && row.time_generated <= *to &&
            (!stored_since || row.ingested >= *stored_since))
          rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end(),
              [](const StoredRow& a, const StoredRow& b) { return a.time_generated < b.time_generated; });
    std::vector<std::vector<std::string>> cells;
    for (const auto& row : rows)
      cells.push_back({js(host::format_time(row.time_generated)), js(row.message), "1", js("{}")});
    return FakeResponse::json(200, log_analytics_answer({{"TimeGenerated", "datetime"},
                                                         {"Message", "string"},
                                                         {"SeverityLevel", "int"},
                                                         {"Properties", "dynamic"}},
                                                        cells));
  }

 private:
  std::mutex mutex_;
  std::vector<StoredRow> rows_;
};

using AzureTail = AzureEndToEnd;

TEST_F(AzureTail, RowsThatArriveMinutesLateArePrintedOnceAndNoneIsLost) {
  FakeWorkspace workspace;
  fake_.on_query([&workspace](std::string_view kql) { return workspace.answer(kql); });
  cli::LocalClient client(*engine_);
  cli::TailSettings settings;
  settings.service = "payments-api";
  settings.overlap_ns = 5 * kSecond;
  std::vector<std::string> printed;
  cli::TailPoller poller(client, settings,
                         [&printed](const Record& r) { printed.push_back(std::get<LogRecord>(r).body); });
  ASSERT_TRUE(poller.start());
  EXPECT_TRUE(poller.by_ingestion_time()) << "Log Analytics filters on ingestion_time()";

  workspace.ingest(now_ns() - 10 * kSecond, "on time");
  auto first = poller.poll({});
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->printed, 1);

  // Ingested after the first poll, stamped 87 s and 193 s earlier: the delays one deployment measured
  // as median and worst case. A 30 s overlap in record time would never ask for them.
  workspace.ingest(now_ns() - 87 * kSecond, "late by 87 s");
  workspace.ingest(now_ns() - 193 * kSecond, "late by 193 s");
  auto second = poller.poll({});
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ(second->printed, 2);
  ASSERT_TRUE(second->newest_age_ns.has_value());
  EXPECT_GE(*second->newest_age_ns, 87 * kSecond) << "the lag is how old the newest new row is";

  auto third = poller.poll({});  // the overlap asks again for what the second poll saw
  ASSERT_TRUE(third) << third.error().message();
  EXPECT_EQ(third->printed, 0) << "nothing is printed twice";

  EXPECT_EQ(printed, (std::vector<std::string>{"on time", "late by 193 s", "late by 87 s"}));

  auto requests = log_analytics_requests();
  ASSERT_EQ(requests.size(), 3u);
  for (std::size_t i = 1; i < requests.size(); ++i) {
    EXPECT_NE(sent_query(requests[i]).kql.find("| where ingestion_time() >= datetime("), std::string::npos)
        << sent_query(requests[i]).kql;
    EXPECT_EQ(requests[i].header("Cache-Control"), "no-cache") << "a poll must not get a cached answer";
  }
}

}  // namespace
}  // namespace tinkr::azure_e2e
