// The incident report as text: golden plain text off a terminal, colour and sparklines only on one,
// and control characters from data escaped either way (docs/incident.md, "Output").
#include "output/incident_text.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace tinkr::cli {
namespace {

constexpr int64_t kFrom = 1'764'000'000'000'000'000;  // 2025-11-24T16:00:00Z
constexpr int64_t kMinute = 60'000'000'000;

incident::Report small_report() {
  incident::Report r;
  r.service = "payments-api";
  r.window = {kFrom, kFrom + 4 * kMinute};
  r.baseline = {kFrom - 4 * kMinute, kFrom};
  r.bucket_ns = kMinute;
  r.baseline_has_data = true;
  incident::Pattern p;
  p.pattern = "db timeout after <*>ms \x1b]0;pwned\x07";
  p.severity_number = 17;
  p.severity_text = "ERROR";
  p.count = 12;
  p.is_new = true;
  p.first_seen_ns = kFrom + kMinute;
  p.last_seen_ns = kFrom + 2 * kMinute;
  r.patterns.push_back(p);
  incident::Operation o;
  o.name = "POST /pay";
  o.requests = 40;
  o.failed = 12;
  o.max_duration_ns = 2'000'000'000;
  o.result_codes = {{"503", 12}};
  r.operations.push_back(o);
  incident::MetricShift s;
  s.metric = "error_rate";
  s.unit = "ratio";
  s.window_value = 0.3;
  s.baseline_value = 0.0;
  s.score = 30;
  s.shifted = true;
  s.shift_start_ns = kFrom + kMinute;
  s.points = {0.0, 0.5, 0.5, std::nullopt};
  r.shifts.push_back(s);
  incident::ExampleTrace e;
  e.why = "slowest failing request";
  e.trace_id = "abc";
  e.name = "payments-api: POST /pay";
  e.status_code = "503";
  e.start_ns = kFrom + kMinute;
  e.duration_ns = 2'000'000'000;
  e.critical_path = {{"payments-api", "POST /pay", "s1", kFrom + kMinute, kFrom + kMinute + 1'000'000, false},
                     {"payments-api", "SELECT orders", "s2", kFrom + kMinute + 1'000'000,
                      kFrom + kMinute + 2'000'000'000, true}};
  e.exceptions = {"payments-api SELECT orders: TimeoutError: no answer"};
  r.examples.push_back(e);
  r.queries.push_back({"error patterns", "logs", "SELECT 1\n-- ?1 = 'x'"});
  return r;
}

TEST(IncidentText, PlainTextOffATerminal) {
  std::ostringstream out;
  print_incident(small_report(), "1s", out, Style{false, false, 0});
  EXPECT_EQ(out.str(),
            "incident report: payments-api  2025-11-24T16:00:00.000Z .. 2025-11-24T16:04:00.000Z\n"
            "baseline 2025-11-24T15:56:00.000Z .. 2025-11-24T16:00:00.000Z\n"
            "\n"
            "ERROR PATTERNS (warning and worse, new first)\n"
            "     LEVEL  COUNT  BASELINE  FIRST SEEN                LAST SEEN                 PATTERN\n"
            "new  ERROR     12         0  2025-11-24T16:01:00.000Z  2025-11-24T16:02:00.000Z  db timeout "
            "after <*>ms "
            "\\x1b]0;pwned\\x07\n"
            "\n"
            "FAILING OPERATIONS (failed, or slower than 1s)\n"
            "OPERATION  REQUESTS  FAILED  SLOW  BASELINE FAILED  SLOWEST  RESULT CODES\n"
            "POST /pay        40      12     0                0    2.00s  503 ×12\n"
            "\n"
            "METRIC SHIFTS (per 1m00s bucket, robust z = (x - median) / 1.4826 MAD against the baseline)\n"
            "METRIC      WINDOW  BASELINE  SCORE  SHIFT BEGAN\n"
            "error_rate   30.0%      0.0%   30.0  2025-11-24T16:01:00.000Z\n"
            "\n"
            "EXAMPLE TRACES (critical path: what the trace waited on)\n"
            "slowest failing request: trace abc  payments-api: POST /pay  2.00s  503\n"
            "  AT       TOOK  SPAN\n"
            "  +0ns    1.0ms  payments-api: POST /pay\n"
            "  +1.0ms  2.00s  payments-api: SELECT orders  ERROR\n"
            "  ! payments-api SELECT orders: TimeoutError: no answer\n"
            "\n"
            "QUERIES RUN (as --explain shows them)\n"
            "# error patterns (logs)\n"
            "SELECT 1\n"
            "-- ?1 = 'x'\n");
}

TEST(IncidentText, ColourAndSparklinesOnlyOnATerminal) {
  std::ostringstream out;
  print_incident(small_report(), "1s", out, Style{true, true, 120});
  const std::string text = out.str();
  EXPECT_NE(text.find("\x1b[31m"), std::string::npos);
  EXPECT_NE(text.find("OVER THE WINDOW"), std::string::npos);
  EXPECT_NE(text.find("▁██"), std::string::npos) << text;
  EXPECT_EQ(text.find("\x1b]0;"), std::string::npos) << "the data's escape sequence stays escaped";
  std::ostringstream no_colour;
  print_incident(small_report(), "1s", no_colour, Style{false, true, 120});
  EXPECT_EQ(no_colour.str().find('\x1b'), std::string::npos);
  EXPECT_NE(no_colour.str().find("▁██"), std::string::npos);
}

}  // namespace
}  // namespace tinkr::cli
