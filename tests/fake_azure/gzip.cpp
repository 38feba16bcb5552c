// gzip for the fake Azure (see gzip.hpp).
#include "gzip.hpp"

#include <zlib.h>

#include <cctype>
#include <stdexcept>

namespace tinkr::fake_azure {

namespace {

constexpr int kGzipWindow = 16 + MAX_WBITS;

class Deflater {
 public:
  Deflater() {
    if (deflateInit2(&z_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw std::runtime_error("fake azure: zlib could not start deflating");
  }
  ~Deflater() { deflateEnd(&z_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  /// Compresses input with flush (Z_NO_FLUSH, Z_FULL_FLUSH, Z_FINISH) and returns the bytes made.
  std::string run(std::string_view input, int flush) {
    std::string out;
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    z_.avail_in = static_cast<uInt>(input.size());
    char buffer[64 * 1024];
    int rc = Z_OK;
    do {
      z_.next_out = reinterpret_cast<Bytef*>(buffer);
      z_.avail_out = sizeof buffer;
      rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) throw std::runtime_error("fake azure: deflate failed");
      out.append(buffer, sizeof buffer - z_.avail_out);
    } while (z_.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return out;
  }

 private:
  z_stream z_{};
};

void put_le32(std::string& out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uLong crc_of(std::string_view text) {
  return crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(text.data()),
               static_cast<uInt>(text.size()));
}

}  // namespace

std::string gzip(std::string_view text) {
  Deflater deflater;
  return deflater.run(text, Z_FINISH);
}

std::string gzip_repeated(std::string_view prefix, std::string_view chunk, uint64_t repeats) {
  Deflater deflater;
  // A full flush empties the window, so every later copy of chunk compresses to the same bytes.
  std::string out = deflater.run(prefix, Z_FULL_FLUSH);
  const std::string segment = deflater.run(chunk, Z_FULL_FLUSH);
  for (uint64_t i = 0; i < repeats; ++i) out += segment;
  // The stream's own trailer covers only prefix and one chunk: replace it with the whole text's.
  std::string tail = deflater.run({}, Z_FINISH);
  tail.resize(tail.size() - 8);
  out += tail;
  uLong crc = crc_of(prefix);
  const uLong chunk_crc = crc_of(chunk);
  for (uint64_t i = 0; i < repeats; ++i)
    crc = crc32_combine(crc, chunk_crc, static_cast<z_off_t>(chunk.size()));
  put_le32(out, static_cast<uint32_t>(crc));
  put_le32(out, static_cast<uint32_t>(prefix.size() + chunk.size() * repeats));  // modulo 2^32, as gzip says
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::string lowered;
  for (char c : accept_encoding)
    lowered.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lowered.find("gzip") != std::string::npos;
}

}  // namespace tinkr::fake_azure
