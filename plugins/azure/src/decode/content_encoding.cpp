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

StreamedBodyInflater::StreamedBodyInflater(BodyReceiver downstream, uint64_t max_inflated_bytes,
                                           std::string source)
    : downstream_(std::move(downstream)), max_inflated_(max_inflated_bytes), source_(std::move(source)) {}

BodyReceiver StreamedBodyInflater::receiver() {
  return [this](std::string_view piece) { return receive(piece); };
}

bool StreamedBodyInflater::receive(std::string_view piece) {
  if (piece.empty()) return true;
  try {
    if (!started_) {
      started_ = true;
      if (piece.front() == kGzipFirstByte) inflater_.emplace(max_inflated_, source_, kLimitHint);
    }
    if (!inflater_) return downstream_(piece);
    return inflater_->feed(piece, downstream_);
  } catch (...) {
    failure_ = std::current_exception();
    return false;
  }
}

void StreamedBodyInflater::finish(sdk::HttpResponse& response) {
  if (failure_) std::rethrow_exception(failure_);
  if (!response.body.empty()) return inflate_whole_body(response, max_inflated_, source_);
  const std::string encoding = content_encoding(response);
  if (inflater_) {
    inflater_->finish();
  } else if (started_ && encoding == "gzip") {
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                     source_ + " is not valid gzip: it says Content-Encoding 'gzip' but is not compressed");
  }
  if (!is_identity(encoding) && encoding != "gzip") unreadable_encoding(source_, encoding);
  drop_content_encoding(response);
}

void inflate_whole_body(sdk::HttpResponse& response, uint64_t max_inflated_bytes, const std::string& source) {
  const std::string encoding = content_encoding(response);
  if (is_identity(encoding)) return;
  if (encoding != "gzip") unreadable_encoding(source, encoding);
  if (!response.body.empty()) response.body = gunzip(response.body, max_inflated_bytes, source, kLimitHint);
  drop_content_encoding(response);
}

}  // namespace tinkr::azure::decode
