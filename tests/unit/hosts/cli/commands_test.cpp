// A command is given only what it needs (issue 19, "CLI context"): a query command runs on a QueryEnv
// of a console, a query client and Ctrl-C, so it runs here on a fake client and string streams, with
// no engine, plugin, configuration or server behind it.
#include "commands/logs_command.hpp"
#include "context.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace tinkr::cli {
namespace {

class FakeClient final : public QueryClient, public QueryClients {
 public:
  Expected<QueryClient*> client() override {
    if (broken) return fail(Error::Code::unauthenticated, "fake: no credentials");
    return this;
  }
  Expected<RunStats> run(const QuerySpec& spec, ResultSink& sink, const RunOptions&,
                         host::RecordLineSink*) override {
    asked = spec;
    for (int i = 0; i < 2; ++i) {
      LogRecord log;
      log.time_ns = 1'795'597'200'000'000'000 + i;
      log.service = spec.service;
      log.body = "record " + std::to_string(i);
      sink.on_record(std::move(log));
    }
    RunStats stats;
    stats.delivered = 2;
    return stats;
  }
  Expected<Explanation> explain(const QuerySpec&) override { return Explanation{"FAKE", "", "", "", {}}; }

  bool broken = false;
  QuerySpec asked;
};

struct Streams {
  GlobalOptions options;
  std::ostringstream out, err;
  Console console{out, err, options};
};

TEST(Commands, LogsRunsOnWhatItIsGiven) {
  Streams streams;
  streams.options.output = "ndjson";
  FakeClient client;
  LogsOptions options;
  options.service = "payments-api";
  options.query = "level>=error";
  options.limit = 5;
  const int status = run_logs(options, QueryEnv{streams.console, client, CancelSource()});
  EXPECT_EQ(status, 0) << streams.err.str();
  EXPECT_EQ(client.asked.service, "payments-api");
  EXPECT_EQ(client.asked.text, "level>=error");
  EXPECT_EQ(client.asked.limit, 5);
  const std::string out = streams.out.str();
  EXPECT_NE(out.find(R"("body":"record 0")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("body":"record 1")"), std::string::npos) << out;
}

TEST(Commands, AClientThatCannotOpenIsReportedWithItsExitCode) {
  Streams streams;
  FakeClient client;
  client.broken = true;
  LogsOptions options;
  options.service = "payments-api";
  const int status = run_logs(options, QueryEnv{streams.console, client, CancelSource()});
  EXPECT_EQ(status, 6) << "unauthenticated";
  EXPECT_NE(streams.err.str().find("fake: no credentials"), std::string::npos) << streams.err.str();
  EXPECT_EQ(streams.out.str(), "") << "nothing on stdout";
}

}  // namespace
}  // namespace tinkr::cli
