// An unknown service or metric is TINKR_NOT_FOUND naming what the store holds, not an empty answer.
#include "test_support.hpp"

#include <tinkr/sdk/error.hpp>

#include <functional>

namespace tinkr::local::testing {
namespace {

int32_t status_of(const std::function<void()>& call, std::string& message) {
  try {
    call();
  } catch (const sdk::Error& e) {
    message = e.what();
    return e.status();
  }
  return TINKR_OK;
}

TEST_F(LocalTest, AnEmptyStoreSaysThereIsNoDataYet) {
  ir::Query q;
  q.signal = ir::Signal::logs;
  q.service = "payments-api";
  q.time = {1, 1000};
  std::string message;
  EXPECT_EQ(status_of([&] { run(q); }, message), TINKR_NOT_FOUND);
  EXPECT_NE(message.find("no data yet: run `tinkr demo`"), std::string::npos) << message;
}

TEST_F(LocalTest, AnUnknownServiceOrMetricIsNotFoundAndNamesTheKnownOnes) {
  ingest(log_line("svc", R"("timeUnixNano":"5","severityNumber":9,"body":{"stringValue":"hi"})"));
  ir::Query q;
  q.signal = ir::Signal::logs;
  q.service = "nosuch";
  q.time = {1, 1000};
  std::string message;
  EXPECT_EQ(status_of([&] { run(q); }, message), TINKR_NOT_FOUND);
  EXPECT_NE(message.find("service 'nosuch'"), std::string::npos) << message;
  EXPECT_NE(message.find("services: svc"), std::string::npos) << message;

  q.service = "svc";
  q.time = {100, 1000};  // a known service with nothing in the window is an empty answer
  EXPECT_EQ(status_of([&] { EXPECT_TRUE(run(q).logs.empty()); }, message), TINKR_OK) << message;

  q.signal = ir::Signal::metrics;
  q.metrics.names = {"latency"};
  EXPECT_EQ(status_of([&] { run(q); }, message), TINKR_NOT_FOUND);
  EXPECT_NE(message.find("metric 'latency' not found for service 'svc'"), std::string::npos) << message;
}

}  // namespace
}  // namespace tinkr::local::testing
