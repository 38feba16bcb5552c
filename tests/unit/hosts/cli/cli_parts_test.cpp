// The CLI's small parts: colour rules, tail's de-duplication memory, URL escaping.
#include "commands/dedup_window.hpp"
#include "progress_line.hpp"
#include "query_client.hpp"
#include "terminal.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace tinkr::cli {
namespace {

TEST(Colour, OnlyOnATerminalAndNeverWithNoColor) {
  EXPECT_TRUE(use_colour(true, nullptr, false));
  EXPECT_FALSE(use_colour(false, nullptr, false)) << "a pipe gets no escape codes";
  EXPECT_FALSE(use_colour(true, "1", false)) << "NO_COLOR set to anything turns colour off";
  EXPECT_TRUE(use_colour(true, "", false)) << "an empty NO_COLOR does not count (no-color.org)";
  EXPECT_FALSE(use_colour(true, nullptr, true)) << "--no-color";
}

LogRecord log_at(int64_t time, std::string body) {
  LogRecord log;
  log.time_ns = time;
  log.body = std::move(body);
  log.service = "svc";
  return log;
}

// Overlapping polls print each record once.
TEST(DedupWindow, RepeatsAreSuppressed) {
  DedupWindow window(10);
  EXPECT_TRUE(window.first_sighting(log_at(1, "a")));
  EXPECT_TRUE(window.first_sighting(log_at(1, "b"))) << "same time, different body: a different record";
  EXPECT_FALSE(window.first_sighting(log_at(1, "a"))) << "the overlap window returned it again";
}

// The memory is bounded: it never holds more than its capacity and forgets the oldest first.
TEST(DedupWindow, MemoryIsBounded) {
  DedupWindow window(3);
  for (int i = 0; i < 100; ++i) window.first_sighting(log_at(i, "x"));
  EXPECT_EQ(window.size(), 3u);
  EXPECT_FALSE(window.first_sighting(log_at(99, "x"))) << "recent records are remembered";
  EXPECT_TRUE(window.first_sighting(log_at(0, "x"))) << "the oldest was forgotten";
}

// A trace id from the command line never reaches a URL unescaped.
TEST(RemoteClient, PathSegmentsArePercentEncoded) {
  EXPECT_EQ(encode_path_segment("4bf92f35"), "4bf92f35");
  EXPECT_EQ(encode_path_segment("../admin?x=1"), "..%2Fadmin%3Fx%3D1");
  EXPECT_EQ(encode_path_segment("a b#"), "a%20b%23");
}

// A query that ends within the delay never shows a progress line, and a disabled line (stderr is not
// a terminal) never draws at all.
TEST(ProgressLine, QuietBeforeItsDelayAndWhenDisabled) {
  std::ostringstream err;
  {
    ProgressLine quick(err, true, std::chrono::hours(1));
    quick.add_records(5);
    quick.stop();
  }
  {
    ProgressLine off(err, false, std::chrono::milliseconds(0));
    off.add_records(5);
  }
  EXPECT_EQ(err.str(), "");
}

}  // namespace
}  // namespace tinkr::cli
