// The log_groups signal on the local backend: the logs a logs query selects, counted per message and
// severity in SQL, most frequent first, limited; one trace id per group.
#include "test_support.hpp"

#include <tinkr/sdk/log_groups.hpp>

namespace tinkr::local::testing {
namespace {

std::string log_at(int64_t t, int severity, const std::string& body, const std::string& trace = "") {
  return R"("timeUnixNano":")" + std::to_string(t) + R"(","severityNumber":)" + std::to_string(severity) +
         R"(,"body":{"stringValue":")" + body + R"("})" +
         (trace.empty() ? "" : R"(,"traceId":")" + trace + "\"");
}

TEST_F(LocalTest, LogGroupsCountEachMessageOnceWithItsFirstAndLastTime) {
  const std::string trace(32, 'a');
  std::string data;
  for (int i = 0; i < 5; ++i) data += log_line("svc", log_at(100 + i, 17, "db timeout", i == 3 ? trace : ""));
  for (int i = 0; i < 2; ++i) data += log_line("svc", log_at(200 + i, 13, "slow disk"));
  data += log_line("svc", log_at(300, 9, "started"));        // below the filter
  data += log_line("svc", log_at(5000, 17, "db timeout"));   // outside the range
  data += log_line("other", log_at(150, 17, "db timeout"));  // another service
  ingest(data);

  auto q = logs_query("svc");
  q.signal = ir::Signal::log_groups;
  q.time = {0, 1000};
  q.filter = ir::Filter::make_predicate("severity", ir::Op::ge, {int64_t{13}});
  auto out = run(q);
  ASSERT_EQ(out.columns.size(), sdk::kLogGroupColumnNames.size());
  for (std::size_t i = 0; i < out.columns.size(); ++i)
    EXPECT_EQ(out.columns[i].substr(0, out.columns[i].find(':')), sdk::kLogGroupColumnNames[i]);
  ASSERT_EQ(out.rows.size(), 2u);
  const std::vector<std::optional<std::string>> timeout = {"db timeout", "17", "", "5", "100", "104", trace};
  EXPECT_EQ(out.rows[0], timeout) << "most frequent first, with the one trace id among its records";
  EXPECT_EQ(out.rows[1][0], std::optional<std::string>("slow disk"));
  EXPECT_EQ(out.rows[1][3], std::optional<std::string>("2"));
  EXPECT_EQ(out.rows[1][6], std::optional<std::string>(""));

  q.limit = 1;
  EXPECT_EQ(run(q).rows.size(), 1u);
}

TEST_F(LocalTest, LogGroupsOfAnUnknownServiceSayWhichServicesThereAre) {
  ingest(log_line("svc", log_at(100, 17, "db timeout")));
  auto q = logs_query("nope");
  q.signal = ir::Signal::log_groups;
  q.time = {0, 1000};
  try {
    run(q);
    ADD_FAILURE() << "an unknown service answered";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_NOT_FOUND);
    EXPECT_NE(std::string(e.what()).find("svc"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace tinkr::local::testing
