// otlp_stream.cpp: see otlp_stream.hpp.
#include "otlp_stream.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::local::otlp {

PulledStream::PulledStream(Source source, std::size_t buffer_size)
    : source_(std::move(source)), buffer_(buffer_size), sha_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
  if (!sha_ || EVP_DigestInit_ex(sha_.get(), EVP_sha256(), nullptr) != 1)
    throw sdk::Error(TINKR_INTERNAL, "ingest: SHA-256 is not available");
}

void PulledStream::fill() {
  if (exhausted_) return;
  const std::size_t got = source_(buffer_.data(), buffer_.size());
  if (got == 0) {
    exhausted_ = true;
    return;
  }
  EVP_DigestUpdate(sha_.get(), buffer_.data(), got);
  at_ = buffer_.data();
  end_ = at_ + got;
}

void PulledStream::skip_whitespace() {
  for (char c = Peek(); c == ' ' || c == '\t' || c == '\r' || c == '\n'; c = Peek()) Take();
}

std::string PulledStream::digest() {
  unsigned char sum[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(sha_.get(), sum, &size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[sum[i] >> 4];
    hex += kHex[sum[i] & 15];
  }
  return hex;
}

}  // namespace tinkr::local::otlp
