// Inflating answers streamed or whole (see content_encoding.hpp).
#include "decode/content_encoding.hpp"
#include <tinkr/sdk/text.hpp>

#include <tinkr/sdk/error.hpp>

#include <strings.h>
#include <algorithm>
#include <cctype>
#include <utility>

namespace tinkr::azure::decode {

namespace {

constexpr char kGzipFirstByte = '\x1f';
constexpr const char* kLimitHint = "max_answer_bytes";

std::string content_encoding(const sdk::HttpResponse& response) {
  for (const auto& h : response.headers)
    if (sdk::equals_ignoring_case(h.name, "Content-Encoding")) {
      std::string value;
      for (char c : h.value)
        if (!std::isspace(static_cast<unsigned char>(c))) value.push_back(sdk::ascii_lower(c));
      return value;
    }
  return {};
}

void drop_content_encoding(sdk::HttpResponse& response) {
  std::erase_if(response.headers, [](const sdk::HttpHeader& h) {
    return sdk::equals_ignoring_case(h.name, "Content-Encoding");
  });
}

// An upstream's header value, shown safely: printable ASCII only, and short.
std::string shown(const std::string& value) {
  std::string out;
  for (char c : value.substr(0, 40)) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return "'" + out + "'";
}

[[noreturn]] void unreadable_encoding(const std::string& source, const std::string& encoding) {
  throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                   source + " came with Content-Encoding " + shown(encoding) + ", which tinkr cannot read");
}

bool is_identity(const std::string& encoding) {
  return encoding.empty() || encoding == "identity";
}

}  // namespace

InflatingBody::InflatingBody(PieceSource& raw, sdk::HttpResponse& response, uint64_t max_inflated_bytes,
                             std::string source)
    : raw_(raw), source_(std::move(source)) {
  const std::string encoding = content_encoding(response);
  if (encoding == "gzip")
    inflater_.emplace(max_inflated_bytes, source_, kLimitHint);
  else if (!is_identity(encoding))
    unreadable_encoding(source_, encoding);
  drop_content_encoding(response);
}

std::string_view InflatingBody::next_piece() {
  if (!inflater_) return raw_.next_piece();
  while (true) {
    if (!compressed_.empty() || inflater_->more_output()) {
      const std::string_view out = inflater_->inflate_some(compressed_);
      if (!out.empty()) return out;
      if (!compressed_.empty()) continue;  // zlib took input and gave nothing yet (the gzip header)
    }
    compressed_ = raw_.next_piece();
    if (compressed_.empty()) {
      inflater_->finish();
      return {};
    }
    if (!started_) {
      started_ = true;
      // 0x1f starts every gzip stream and no JSON text: a body that says gzip and is plain is named.
      if (compressed_.front() != kGzipFirstByte)
        throw sdk::Error(
            TINKR_UPSTREAM_UNAVAILABLE,
            source_ + " is not valid gzip: it says Content-Encoding 'gzip' but is not compressed");
    }
  }
}

void inflate_whole_body(sdk::HttpResponse& response, uint64_t max_inflated_bytes, const std::string& source) {
  const std::string encoding = content_encoding(response);
  if (is_identity(encoding)) return;
  if (encoding != "gzip") unreadable_encoding(source, encoding);
  if (!response.body.empty()) response.body = gunzip(response.body, max_inflated_bytes, source, kLimitHint);
  drop_content_encoding(response);
}

}  // namespace tinkr::azure::decode
