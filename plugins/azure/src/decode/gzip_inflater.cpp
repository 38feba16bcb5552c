// GzipInflater: zlib's inflate in gzip mode, one bounded output chunk at a time (see gzip_inflater.hpp).
#include "decode/gzip_inflater.hpp"

#include <tinkr/sdk/error.hpp>

#include <zlib.h>

#include <limits>

namespace tinkr::azure::decode {

struct GzipInflater::Stream {
  z_stream z{};
  bool ready = false;
  ~Stream() {
    if (ready) inflateEnd(&z);
  }
};

namespace {
constexpr int kGzipOnly = 16 + MAX_WBITS;  // a gzip header and trailer, not zlib's or raw deflate
}

std::string byte_size_text(uint64_t bytes) {
  if (bytes != 0 && bytes % (uint64_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

GzipInflater::GzipInflater(uint64_t max_inflated_bytes, std::string source, std::string limit_hint)
    : stream_(std::make_unique<Stream>()),
      max_inflated_(max_inflated_bytes),
      source_(std::move(source)),
      limit_hint_(std::move(limit_hint)) {
  if (inflateInit2(&stream_->z, kGzipOnly) != Z_OK)
    throw sdk::Error(TINKR_INTERNAL, "zlib could not start inflating " + source_);
  stream_->ready = true;
  output_.resize(kOutputChunk);
}

GzipInflater::~GzipInflater() = default;

void GzipInflater::fail(const std::string& what) const {
  throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, source_ + " is not valid gzip: " + what);
}

std::string_view GzipInflater::inflate_some(std::string_view& compressed) {
  if (ended_) {
    if (!compressed.empty()) fail("data continues after the end of the gzip stream");
    return {};
  }
  z_stream& z = stream_->z;
  // zlib counts input in 32-bit units; a larger piece goes in slices.
  const auto slice = std::min<std::size_t>(compressed.size(), std::numeric_limits<uInt>::max());
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(slice);
  z.next_out = reinterpret_cast<Bytef*>(output_.data());
  z.avail_out = static_cast<uInt>(output_.size());
  const int rc = inflate(&z, Z_NO_FLUSH);
  if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR) fail(z.msg ? z.msg : "corrupt deflate data");
  if (rc == Z_MEM_ERROR) throw sdk::Error(TINKR_INTERNAL, "zlib ran out of memory inflating " + source_);
  compressed.remove_prefix(slice - z.avail_in);
  const std::size_t produced = output_.size() - z.avail_out;
  inflated_ += produced;
  if (inflated_ > max_inflated_)
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, source_ + " inflates past the " +
                                                     byte_size_text(max_inflated_) + " limit (" +
                                                     limit_hint_ + "); narrow the time range or add filters");
  ended_ = rc == Z_STREAM_END;
  // A full output chunk may leave more output inside zlib, even with no input left.
  more_output_ = !ended_ && z.avail_out == 0;
  return {output_.data(), produced};
}

bool GzipInflater::feed(std::string_view compressed, const InflatedReceiver& out) {
  while (!compressed.empty() || more_output_) {
    const std::string_view piece = inflate_some(compressed);
    if (!piece.empty() && !out(piece)) return false;
  }
  return true;
}

void GzipInflater::finish() const {
  if (!ended_) fail("the body ended before the gzip stream did");
}

std::string gunzip(std::string_view compressed, uint64_t max_inflated_bytes, const std::string& source,
                   const std::string& limit_hint) {
  GzipInflater inflater(max_inflated_bytes, source, limit_hint);
  std::string whole;
  inflater.feed(compressed, [&](std::string_view piece) {
    whole.append(piece);
    return true;
  });
  inflater.finish();
  return whole;
}

}  // namespace tinkr::azure::decode
