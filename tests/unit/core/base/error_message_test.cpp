// Error messages stay printable whatever they quote (issue 13.17): valid UTF-8 with invalid bytes
// escaped, control characters (NUL too) escaped, and a bounded size.
#include <tinkr/error.hpp>

#include <gtest/gtest.h>

#include <string>

namespace tinkr {
namespace {

Error invalid(std::string_view message) {
  return Error(Error::Code::invalid_query, message);
}

TEST(ErrorMessage, ValidUtf8IsKeptAsIs) {
  EXPECT_EQ(invalid("naïve ✓ 🎉 \u00e9t\u00e9\nsecond line\tand a tab").message(),
            "naïve ✓ 🎉 \u00e9t\u00e9\nsecond line\tand a tab");
}

TEST(ErrorMessage, InvalidUtf8BytesAreEscaped) {
  EXPECT_EQ(invalid("bad \xff\xfe byte").message(), "bad \\xff\\xfe byte");
  EXPECT_EQ(invalid("cut \xe2\x9c").message(), "cut \\xe2\\x9c") << "a sequence cut short";
  EXPECT_EQ(invalid("overlong \xc0\xaf").message(), "overlong \\xc0\\xaf");
  EXPECT_EQ(invalid("surrogate \xed\xa0\x80").message(), "surrogate \\xed\\xa0\\x80");
  EXPECT_EQ(invalid("too high \xf4\x90\x80\x80").message(), "too high \\xf4\\x90\\x80\\x80");
}

TEST(ErrorMessage, NulAndControlCharactersAreEscapedNotCutOrPassedToTheTerminal) {
  const std::string with_nul("trace 'ab\0cd' not found", 23);
  EXPECT_EQ(invalid(with_nul).message(), "trace 'ab\\x00cd' not found");
  EXPECT_EQ(invalid("\x1b[31mred\x1b[0m\r\x7f").message(), "\\x1b[31mred\\x1b[0m\\x0d\\x7f");
}

TEST(ErrorMessage, SizeIsBoundedWithANoteOfWhatWasCut) {
  const std::string query(100'000, 'a');
  const Error e = invalid("cannot parse '" + query + "': at offset 3, '" + query + "'");
  EXPECT_LE(e.message().size(), 4096u + 40u);
  EXPECT_EQ(e.message().rfind("cannot parse 'aaa", 0), 0u);
  EXPECT_NE(e.message().find("more bytes)"), std::string::npos) << e.message().substr(4000);
  const Error with_context = e.with_context("profile 'p'");
  EXPECT_LE(with_context.message().size(), 4096u + 40u);
  EXPECT_EQ(with_context.message().rfind("profile 'p': cannot parse", 0), 0u);
}

TEST(ErrorMessage, ACutNeverSplitsACharacter) {
  std::string text;
  while (text.size() < 10'000) text += "é";  // two bytes each
  const std::string message = invalid(text).message();
  EXPECT_EQ(message.find("\\x"), std::string::npos) << "no half character escaped at the cut";
}

TEST(ErrorMessage, FailCleansToo) {
  auto failed = fail(Error::Code::config, std::string("a\0b", 3));
  EXPECT_EQ(failed.value().message(), "a\\x00b");
}

}  // namespace
}  // namespace tinkr
