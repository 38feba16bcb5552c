// Undoing an answer's Content-Encoding: the plugin asks every Azure service for gzip and inflates
// what comes back, streamed or whole, under one limit on the inflated bytes. The host's client hands
// a streamed body over before it hands over the headers, so a streamed body is recognised as gzip by
// its first byte (0x1f, which no JSON text starts with) and checked against Content-Encoding once
// the headers arrive.
#pragma once

#include "common/query_context.hpp"
#include "decode/gzip_inflater.hpp"

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

namespace tinkr::azure::decode {

/// Stands between the host's client and the body's real receiver for one request.
class StreamedBodyInflater {
 public:
  /// downstream receives the body inflated; source names it in errors ("the answer from Log
  /// Analytics"); the limit is the profile's max_answer_bytes.
  StreamedBodyInflater(BodyReceiver downstream, uint64_t max_inflated_bytes, std::string source);

  /// For the request's on_body. Never throws: a failure is kept and stops the transfer.
  BodyReceiver receiver();
  /// The failure that stopped the transfer (garbled gzip, the limit), if any.
  std::exception_ptr failure() const { return failure_; }
  /// Once the response has arrived: throws the kept failure, an incomplete gzip stream, a body whose
  /// Content-Encoding the plugin cannot read or that is not what the header says; inflates a body the
  /// host returned whole.
  void finish(sdk::HttpResponse& response);

 private:
  bool receive(std::string_view piece);

  BodyReceiver downstream_;
  const uint64_t max_inflated_;
  const std::string source_;
  std::optional<GzipInflater> inflater_;  // set once the first byte says gzip
  bool started_ = false;
  std::exception_ptr failure_;
};

/// Inflates a body that arrived whole when its Content-Encoding is gzip (and drops the header);
/// throws sdk::Error for an encoding the plugin cannot read or a garbled or oversized body.
void inflate_whole_body(sdk::HttpResponse& response, uint64_t max_inflated_bytes, const std::string& source);

}  // namespace tinkr::azure::decode
