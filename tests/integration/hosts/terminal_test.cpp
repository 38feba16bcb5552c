// The pictures of docs/cli.md "Charts" in a real terminal: tmux (a private server on its own socket,
// a 160 x 50 window) runs the tinkr binary over the demo's hour in a throwaway HOME, and the screen it
// shows is captured (`capture-pane -p -e`, escape sequences included) and read. Each command ends by
// printing a marker; the test polls the pane for it against a deadline. Also, as plain processes: the
// histogram counts every matching record of the window, not the page, and says when the limit cut it.
#include "demo_home.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>

namespace tinkr::testing {
namespace {

#ifdef TINKR_HAVE_LOCAL_PLUGIN

constexpr const char* kDone = "__TINKR_COMMAND_DONE__";

class Terminal : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new DemoHome(TINKR_CLI_PATH);
    ASSERT_TRUE(home_->ok()) << home_->demo().err;
  }
  static void TearDownTestSuite() { delete home_; }

  // NO_COLOR and TMUX of the environment the tests run in must not leak in: the terminal is tmux's.
  static std::map<std::string, std::string> env() {
    auto env = home_->env(true);
    env["TMUX"] = "";
    return env;
  }
  // tinkr as a plain process (stdout a pipe), NO_COLOR set.
  static ProcessResult tinkr(const std::vector<std::string>& args) {
    return run_process(TINKR_CLI_PATH, args, home_->env());
  }

  void SetUp() override {
    static std::atomic<int> count{0};
    socket_ = "tinkr-test-" + std::to_string(::getpid()) + "-" + std::to_string(count++);
  }
  void TearDown() override { run_process(TINKR_TMUX_PATH, {"-L", socket_, "kill-server"}); }

  // Runs `command` (tinkr's arguments, quoted for sh) in a new tmux session (-u: UTF-8 whatever the
  // locale, as a bare Debian root has no LANG) and returns the screen
  // once the command has finished, with its escape sequences. The pane stays open after tinkr ends
  // (`exec cat` waits on the terminal), so that its screen can be read.
  std::string screen_of(const std::string& session, const std::string& arguments, bool escapes = false) {
    const std::string shell =
        std::string("'") + TINKR_CLI_PATH + "' " + arguments + "; echo " + kDone + " $?; exec cat";
    auto started = run_process(TINKR_TMUX_PATH,
                               {"-u", "-L", socket_, "-f", "/dev/null", "new-session", "-d", "-s", session,
                                "-x", "160", "-y", "50", shell},
                               env());
    EXPECT_EQ(started.exit_code, 0) << started.err;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::string screen;
    while (std::chrono::steady_clock::now() < deadline) {
      std::vector<std::string> capture = {"-L", socket_, "capture-pane", "-p",   "-J",
                                          "-S", "-",     "-t",           session};
      if (escapes) capture.insert(capture.begin() + 3, "-e");
      screen = run_process(TINKR_TMUX_PATH, capture).out;
      if (screen.find(std::string(kDone) + " ") != std::string::npos) return screen;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the poll's pace, not a wait
    }
    ADD_FAILURE() << "tinkr " << arguments << " did not finish within 60 s; the screen:\n" << screen;
    return screen;
  }

  static std::string slowest_trace() {
    auto traces = tinkr({"-o", "ndjson", "traces", "payments-api", "--since", "2h", "--limit", "1000"});
    EXPECT_EQ(traces.exit_code, 0) << traces.err;
    std::istringstream lines(traces.out);
    std::string line, slowest;
    int64_t longest = -1;
    while (std::getline(lines, line)) {
      rapidjson::Document trace;
      trace.Parse(line.c_str());
      if (trace.HasParseError() || !trace.HasMember("duration_ns")) continue;
      if (trace["duration_ns"].GetInt64() > longest)
        longest = trace["duration_ns"].GetInt64(), slowest = trace["trace_id"].GetString();
    }
    return slowest;
  }

  static std::string line_with(const std::string& screen, const std::string& needle) {
    const auto at = screen.find(needle);
    if (at == std::string::npos) return {};
    const auto start = screen.rfind('\n', at) + 1;
    return screen.substr(start, screen.find('\n', at) - start);
  }

  // The text of a captured line without its SGR sequences (tmux may carry a colour's end over from the
  // line before).
  static std::string without_escapes(const std::string& line) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\x1b' && i + 1 < line.size() && line[i + 1] == '[') {
        i += 2;
        while (i < line.size() && !(line[i] >= '@' && line[i] <= '~')) ++i;
        continue;
      }
      text += line[i];
    }
    return text;
  }

  // Columns on the screen: UTF-8 code points (every character here is one column wide).
  static std::size_t columns(const std::string& line) {
    return static_cast<std::size_t>(std::count_if(
        line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }

  static inline DemoHome* home_ = nullptr;
  std::string socket_;
};

TEST_F(Terminal, MetricsChartIsDrawnInBrailleWithItsRangeAndTimeAxis) {
  const std::string screen =
      screen_of("metrics", "metrics payments-api http.server.duration,http.server.errors --agg p95 -o chart");
  EXPECT_NE(screen.find(std::string(kDone) + " 0"), std::string::npos) << screen;
  EXPECT_NE(screen.find("http.server.duration p95 (ms)"), std::string::npos) << screen;
  EXPECT_NE(screen.find("http.server.errors p95"), std::string::npos) << screen;
  std::size_t braille = 0;
  for (std::size_t at = screen.find("\xE2\xA0"); at != std::string::npos;
       at = screen.find("\xE2\xA0", at + 1))
    ++braille;
  for (std::size_t at = screen.find("\xE2\xA1"); at != std::string::npos;
       at = screen.find("\xE2\xA1", at + 1))
    ++braille;
  EXPECT_GT(braille, 500u) << "a chart of braille characters (U+2800..)\n" << screen;
  EXPECT_NE(screen.find("┤"), std::string::npos);
  EXPECT_NE(screen.find("└──"), std::string::npos) << "the time axis";
  EXPECT_EQ(columns(line_with(screen, "└──")), 160u) << "as wide as the terminal\n" << screen;
}

TEST_F(Terminal, MetricsTableOnAWideTerminalHasATrendColumn) {
  const std::string screen = screen_of("table", "metrics payments-api http.server.duration --agg p95");
  EXPECT_NE(screen.find("TREND"), std::string::npos) << screen;
  EXPECT_NE(screen.find("█"), std::string::npos) << screen;
}

TEST_F(Terminal, LogHistogramShowsTheBurstBySeverity) {
  const std::string screen = screen_of("logs", "logs payments-api --histogram", true);
  EXPECT_NE(screen.find(std::string(kDone) + " 0"), std::string::npos) << screen;
  EXPECT_NE(screen.find("log records of payments-api by severity"), std::string::npos) << screen;
  EXPECT_NE(screen.find("2m00s buckets"), std::string::npos) << screen;
  EXPECT_NE(screen.find("ERROR"), std::string::npos);
  EXPECT_NE(screen.find("TOTAL"), std::string::npos);
  EXPECT_NE(screen.find("▒"), std::string::npos) << "info's shade";
  EXPECT_NE(screen.find("█"), std::string::npos) << "the incident's errors";
  EXPECT_NE(screen.find("\x1b[31m"), std::string::npos) << "errors are red on a colour terminal";
}

TEST_F(Terminal, TraceHighlightsTheCriticalPath) {
  const std::string trace = slowest_trace();
  ASSERT_EQ(trace.size(), 32u);
  const std::string screen = screen_of("trace", "trace " + trace, true);
  EXPECT_NE(screen.find(std::string(kDone) + " 0"), std::string::npos) << screen;
  EXPECT_NE(screen.find("marks the critical path"), std::string::npos) << screen;
  const std::string root = line_with(screen, "payments-api: POST /payments");
  EXPECT_EQ(without_escapes(root).rfind("▶ ", 0), 0u) << "the path is marked\n" << screen;
  EXPECT_NE(root.find("\x1b[1m"), std::string::npos) << "and bold on the terminal\n" << root;
  const std::string plain = screen_of("trace-plain", "--no-color trace " + trace, true);
  const std::string plain_root = line_with(plain, "payments-api: POST /payments");
  EXPECT_EQ(plain_root.rfind("▶ ", 0), 0u) << plain;
  EXPECT_EQ(plain_root.find("\x1b["), std::string::npos) << "--no-color: the marker alone\n" << plain_root;
}

TEST_F(Terminal, HistogramCountsEveryMatchingRecordNotThePage) {
  // Two hours: the whole demo hour, so that both runs see the same records whatever the clock says.
  auto all = tinkr({"-o", "ndjson", "logs", "payments-api", "--since", "2h", "--limit", "1000000"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const auto records = std::count(all.out.begin(), all.out.end(), '\n');
  ASSERT_GT(records, 100) << "more records than the default page of 100";
  auto json = tinkr({"-o", "json", "logs", "payments-api", "--since", "2h", "--histogram"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  rapidjson::Document histogram;
  histogram.Parse(json.out.c_str());
  ASSERT_FALSE(histogram.HasParseError()) << json.out.substr(0, 300);
  EXPECT_EQ(histogram["records"].GetInt64(), records);
  EXPECT_STREQ(histogram["bucket"].GetString(), "5m00s");
  EXPECT_TRUE(histogram["complete"].GetBool());
  int64_t summed = 0;
  for (const auto& bucket : histogram["buckets"].GetArray()) summed += bucket["total"].GetInt64();
  EXPECT_EQ(summed, histogram["records"].GetInt64());
  EXPECT_EQ(json.out.find("█"), std::string::npos) << "json carries the numbers, not the drawing";

  auto cut = tinkr({"logs", "payments-api", "--since", "1h", "--histogram", "--limit", "50"});
  ASSERT_EQ(cut.exit_code, 0) << cut.err;
  EXPECT_NE(cut.out.find("note: the limit cut the count: only the newest 50 records were read"),
            std::string::npos)
      << cut.out;
  EXPECT_EQ(cut.out.find('\x1b'), std::string::npos) << "plain text off a terminal";
  auto csv = tinkr({"-o", "csv", "logs", "payments-api", "--histogram"});
  EXPECT_EQ(csv.exit_code, 3) << csv.err;
  auto chart = tinkr({"-o", "chart", "logs", "payments-api"});
  EXPECT_EQ(chart.exit_code, 3) << chart.err;
}

#endif

}  // namespace
}  // namespace tinkr::testing
