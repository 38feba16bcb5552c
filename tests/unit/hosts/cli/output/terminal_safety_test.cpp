// Control characters from data never reach a terminal raw, and the table fits the terminal's width.
#include "fixed_records.hpp"
#include "output/output_format.hpp"
#include "output/safe_text.hpp"
#include "output/table_output.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace tinkr::cli {
namespace {

// ESC ] 0 ; pwned BEL retitles a terminal window.
const std::string kRetitle = "before \x1b]0;pwned\x07 after";

Record log_with(const std::string& body) {
  LogRecord log;
  log.time_ns = 1'795'000'000'000'000'000;
  log.severity_number = 17;
  log.service = "payments-api";
  log.body = body;
  log.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  return log;
}

bool has_raw_control(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) return true;
  }
  return false;
}

TEST(EscapeControls, ShowsControlsVisiblyAndKeepsPrintableUtf8) {
  EXPECT_EQ(escape_controls(kRetitle), "before \\x1b]0;pwned\\x07 after");
  EXPECT_EQ(escape_controls("caf\xc3\xa9 \xe2\x86\xb5"), "caf\xc3\xa9 \xe2\x86\xb5") << "UTF-8 unchanged";
  EXPECT_EQ(escape_controls("csi \xc2\x9b"
                            "2J"),
            "csi \\u009b2J")
      << "C1 controls are escaped too";
  EXPECT_EQ(escape_controls("bad \xff byte"), "bad \\xff byte") << "bytes that are not UTF-8";
  EXPECT_EQ(escape_controls("a\nb\tc", "\n"), "a\nb\\x09c") << "only what `keep` names passes";
}

TEST(TerminalSafety, TheTableEscapesAMessagesControlCharacters) {
  std::ostringstream out;
  auto output = make_output(Format::table, out);
  output->record(log_with(kRetitle));
  output->finish();
  EXPECT_FALSE(has_raw_control(out.str())) << out.str();
  EXPECT_NE(out.str().find("before \\x1b]0;pwned\\x07 after"), std::string::npos) << out.str();
}

// json, ndjson and csv on a terminal go through the same escaping (JSON's own escapes leave C1
// controls and csv leaves everything raw).
TEST(TerminalSafety, MachineFormatsOnATerminalAreEscapedToo) {
  for (Format format : {Format::json, Format::ndjson, Format::csv}) {
    std::ostringstream out;
    auto output = make_output(format, out, Style{false, true, 80});
    output->record(log_with(kRetitle + " \xc2\x9b"
                                       "2J"));
    output->finish();
    EXPECT_FALSE(has_raw_control(out.str())) << static_cast<int>(format) << ": " << out.str();
  }
  // A log record handed over as a view (the engine's way) goes through the same escaping.
  for (Format format : {Format::json, Format::ndjson, Format::csv, Format::table}) {
    std::ostringstream out;
    auto output = make_output(format, out, Style{false, true, 80});
    const auto log = std::get<LogRecord>(log_with(kRetitle + " \xc2\x9b"
                                                             "2J"));
    output->log_record(view_of(log));
    output->finish();
    EXPECT_FALSE(has_raw_control(out.str())) << static_cast<int>(format) << ": " << out.str();
    EXPECT_NE(out.str().find("before"), std::string::npos) << static_cast<int>(format) << ": " << out.str();
  }
  std::ostringstream piped;
  auto csv = make_output(Format::csv, piped, Style{});
  csv->record(log_with(kRetitle));
  csv->finish();
  EXPECT_NE(piped.str().find(kRetitle), std::string::npos) << "into a pipe the data is kept as it is";
}

// One 3,000-character message no longer pads every row: the table fits 100 columns, the message cut
// with an ellipsis; json keeps the whole text.
TEST(TerminalWidth, TheTableFitsTheTerminalAndCutsTheMessage) {
  const std::string long_message(3000, 'm');
  std::ostringstream out;
  auto output = make_output(Format::table, out, Style{false, true, 100});
  output->record(log_with("short"));
  output->record(log_with(long_message));
  output->finish();
  std::istringstream lines(out.str());
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count)
    EXPECT_LE(display_width(line), 100u) << line.substr(0, 120);
  EXPECT_EQ(count, 3);
  EXPECT_NE(out.str().find("m…"), std::string::npos) << "the cut message ends with an ellipsis";
  EXPECT_NE(out.str().find("4bf92f3577b34da6a3ce929d0e0e4736"), std::string::npos)
      << "the columns after the message stay whole";

  std::ostringstream json;
  auto full = make_output(Format::json, json, Style{false, true, 100});
  full->record(log_with(long_message));
  full->finish();
  EXPECT_NE(json.str().find(long_message), std::string::npos);
}

TEST(TerminalWidth, CutToWidthCountsCodePoints) {
  EXPECT_EQ(cut_to_width("héllo wörld", 5), "héll…");
  EXPECT_EQ(cut_to_width("short", 10), "short");
}

}  // namespace
}  // namespace tinkr::cli
