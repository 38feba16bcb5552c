// An answer from the host's HTTPS client (ABI 1.4's pulled body, sdk::HttpStream), read on the thread
// that decodes it: large reads of the raw body, gzip undone on the way. No thread, no pipe.
#pragma once

#include "common/query_context.hpp"
#include "decode/content_encoding.hpp"

#include <tinkr/sdk/host.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace tinkr::azure {

/// The raw body of a host stream, in reads of up to kReadSize bytes.
class HttpStreamBody final : public PieceSource {
 public:
  /// Large enough that one read takes every TLS record that has arrived, small next to any answer.
  static constexpr std::size_t kReadSize = std::size_t{256} << 10;

  explicit HttpStreamBody(sdk::HttpStream& stream) : stream_(stream), buffer_(kReadSize, '\0') {}
  std::string_view next_piece() override {
    return {buffer_.data(), stream_.read(buffer_.data(), buffer_.size())};
  }

 private:
  sdk::HttpStream& stream_;
  std::string buffer_;
};

class HostAnswer final : public Answer {
 public:
  /// Called once with the head before anyone sees it (the token cache's 401, the 403's advice).
  using HeadHook = std::function<void(sdk::HttpResponse& head)>;

  /// source names the answer in errors; the limit is on the inflated bytes (max_answer_bytes).
  HostAnswer(sdk::HttpStream stream, uint64_t max_inflated_bytes, std::string source, HeadHook on_head)
      : stream_(std::move(stream)),
        max_inflated_(max_inflated_bytes),
        source_(std::move(source)),
        on_head_(std::move(on_head)) {}
  HostAnswer(const HostAnswer&) = delete;
  HostAnswer& operator=(const HostAnswer&) = delete;

  const sdk::HttpResponse& head() override;
  std::string_view next_piece() override;

 private:
  sdk::HttpStream stream_;
  HttpStreamBody raw_{stream_};
  const uint64_t max_inflated_;
  const std::string source_;
  HeadHook on_head_;
  std::optional<sdk::HttpResponse> head_;
  std::optional<decode::InflatingBody> body_;  // a success's body, once the head has arrived
};

}  // namespace tinkr::azure
