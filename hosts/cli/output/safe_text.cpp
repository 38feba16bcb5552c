// Visible escapes for control characters (see safe_text.hpp).
#include "output/safe_text.hpp"

#include <cstdio>
#include <streambuf>

namespace tinkr::cli {
namespace {

// The length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

void append_hex(std::string& out, const char* format, unsigned value) {
  char text[8];
  std::snprintf(text, sizeof text, format, value);
  out += text;
}

// Buffers what is written and hands it on escaped, at each line end and flush.
class TerminalSafeBuffer final : public std::streambuf {
 public:
  explicit TerminalSafeBuffer(std::ostream& terminal) : terminal_(terminal) {}
  ~TerminalSafeBuffer() override { drain(true); }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    pending_ += traits_type::to_char_type(c);
    if (c == '\n' || pending_.size() >= 4096) drain(false);
    return c;
  }
  std::streamsize xsputn(const char* data, std::streamsize count) override {
    pending_.append(data, static_cast<std::size_t>(count));
    if (pending_.find('\n') != std::string::npos || pending_.size() >= 4096) drain(false);
    return count;
  }
  int sync() override {
    drain(false);
    terminal_.flush();
    return 0;
  }

 private:
  // A UTF-8 sequence cut between two writes waits for its end (unless this is the last drain).
  void drain(bool last) {
    const std::size_t keep = last ? 0 : incomplete_utf8_tail(pending_);
    terminal_ << escape_controls(std::string_view(pending_).substr(0, pending_.size() - keep), "\n\r\t");
    pending_.erase(0, pending_.size() - keep);
  }

  std::ostream& terminal_;
  std::string pending_;
};

class TerminalSafeStream final : public std::ostream {
 public:
  explicit TerminalSafeStream(std::ostream& terminal) : std::ostream(nullptr), buffer_(terminal) {
    rdbuf(&buffer_);
  }
  ~TerminalSafeStream() override { flush(); }

 private:
  TerminalSafeBuffer buffer_;
};

}  // namespace

std::size_t incomplete_utf8_tail(std::string_view text) {
  for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto c = static_cast<unsigned char>(text[text.size() - back]);
    if (is_continuation(c)) continue;
    const std::size_t length = sequence_length(c);
    return length > back ? back : 0;
  }
  return 0;
}

std::string escape_controls(std::string_view text, std::string_view keep) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      if (keep.find(static_cast<char>(c)) != std::string_view::npos) {
        out += static_cast<char>(c);
      } else {
        append_hex(out, "\\x%02x", c);
      }
      ++i;
      continue;
    }
    std::size_t length = sequence_length(c);
    bool valid = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k)
      valid = is_continuation(static_cast<unsigned char>(text[i + k]));
    if (!valid) {
      append_hex(out, "\\x%02x", c);
      ++i;
      continue;
    }
    // U+0080..U+009F are C2 80..C2 9F in UTF-8.
    if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      append_hex(out, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::unique_ptr<std::ostream> make_terminal_safe_stream(std::ostream& terminal) {
  return std::make_unique<TerminalSafeStream>(terminal);
}

}  // namespace tinkr::cli
