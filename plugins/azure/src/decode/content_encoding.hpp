// Undoing an answer's Content-Encoding: the plugin asks every Azure service for gzip and inflates
// what comes back, pulled piece by piece or whole, under one limit on the inflated bytes.
#pragma once

#include "common/piece_source.hpp"
#include "decode/gzip_inflater.hpp"

#include <tinkr/sdk/host.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tinkr::azure::decode {

/// A success's body as it is pulled from the raw body, its Content-Encoding undone under one limit on
/// the inflated bytes.
class InflatingBody final : public PieceSource {
 public:
  /// Reads response's Content-Encoding and drops the header; throws sdk::Error for an encoding tinkr
  /// cannot read. source names the body in errors ("the answer from Log Analytics"); the limit is the
  /// profile's max_answer_bytes. raw must outlive this.
  InflatingBody(PieceSource& raw, sdk::HttpResponse& response, uint64_t max_inflated_bytes,
                std::string source);

  /// The next inflated piece; empty at the body's end. Throws sdk::Error for a garbled, mislabelled,
  /// incomplete or oversized gzip body.
  std::string_view next_piece() override;

 private:
  PieceSource& raw_;
  const std::string source_;
  std::optional<GzipInflater> inflater_;  // set when the answer says gzip
  std::string_view compressed_;           // raw bytes zlib has not taken yet
  bool started_ = false;
};

/// Inflates a body that arrived whole when its Content-Encoding is gzip (and drops the header);
/// throws sdk::Error for an encoding the plugin cannot read or a garbled or oversized body.
void inflate_whole_body(sdk::HttpResponse& response, uint64_t max_inflated_bytes, const std::string& source);

}  // namespace tinkr::azure::decode
