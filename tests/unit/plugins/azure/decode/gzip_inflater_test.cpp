// The streaming gzip inflater and the body decoding around it: every byte comes out in order however
// the compressed body is cut, the limit holds against a gzip bomb without inflating it, and garbled,
// cut or mislabelled bodies fail naming the cause.
#include "decode/gzip_inflater.hpp"
#include "decode/content_encoding.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <zlib.h>

#include <string>

namespace tinkr::azure::decode {
namespace {

std::string gzip_of(std::string_view text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Varied text that does not compress to nothing: rows of a Log Analytics-like answer.
std::string sample_answer(int rows) {
  std::string text = R"({"tables":[{"name":"PrimaryResult","rows":[)";
  for (int i = 0; i < rows; ++i)
    text += (i ? ",[\"" : "[\"") + std::to_string(i * 7919) + " caf\xc3\xa9 \\\"quoted\\\"\"," +
            std::to_string(i % 97) + "]";
  return text + "]}]}";
}

constexpr uint64_t kMiB = uint64_t{1} << 20;

std::string inflate_in_pieces(std::string_view compressed, std::size_t piece_size,
                              uint64_t limit = 64 * kMiB) {
  GzipInflater inflater(limit, "the answer from Log Analytics", "max_answer_bytes");
  std::string out;
  for (std::size_t at = 0; at < compressed.size(); at += piece_size)
    EXPECT_TRUE(inflater.feed(compressed.substr(at, piece_size), [&](std::string_view piece) {
      EXPECT_LE(piece.size(), GzipInflater::kOutputChunk);
      out.append(piece);
      return true;
    }));
  inflater.finish();
  EXPECT_EQ(inflater.inflated_bytes(), out.size());
  return out;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UPSTREAM_UNAVAILABLE);
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return {};
}

TEST(GzipInflater, GivesBackEveryByteInOrderHoweverTheBodyIsCut) {
  const std::string text = sample_answer(20'000);
  const std::string compressed = gzip_of(text);
  ASSERT_LT(compressed.size() * 3, text.size());
  for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{16 * 1024}, compressed.size()})
    EXPECT_EQ(inflate_in_pieces(compressed, piece), text) << "pieces of " << piece;
}

TEST(GzipInflater, StopsWhenTheReceiverStops) {
  const std::string compressed = gzip_of(sample_answer(20'000));
  GzipInflater inflater(64 * kMiB, "the answer", "max_answer_bytes");
  int calls = 0;
  EXPECT_FALSE(inflater.feed(compressed, [&](std::string_view) { return ++calls < 2; }));
  EXPECT_EQ(calls, 2);
}

TEST(GzipInflater, RefusesABombOnceItsOutputPassesTheLimit) {
  // 8 MiB of spaces compress to about 8 KiB; a 1 MiB limit must stop it after one more chunk.
  const std::string bomb = gzip_of(std::string(8 * kMiB, ' '));
  ASSERT_LT(bomb.size(), 16u * 1024);
  uint64_t received = 0;
  GzipInflater inflater(kMiB, "the answer from Log Analytics", "max_answer_bytes");
  std::string message = error_of([&] {
    inflater.feed(bomb, [&](std::string_view piece) {
      received += piece.size();
      return true;
    });
  });
  EXPECT_EQ(message,
            "the answer from Log Analytics inflates past the 1 MiB limit (max_answer_bytes); narrow the time "
            "range or add filters");
  EXPECT_LE(received, kMiB);
  EXPECT_LE(inflater.inflated_bytes(), kMiB + GzipInflater::kOutputChunk);
}

TEST(GzipInflater, NamesGarbledCutAndOverlongStreams) {
  const std::string compressed = gzip_of(sample_answer(100));
  auto ignore = [](std::string_view) { return true; };
  std::string garbled = compressed;
  for (std::size_t i = 20; i < 60; ++i) garbled[i] = static_cast<char>(garbled[i] ^ 0x5a);
  EXPECT_NE(error_of([&] {
              inflate_in_pieces(garbled, 16);
            }).find("the answer from Log Analytics is not valid gzip"),
            std::string::npos);
  EXPECT_NE(error_of([&] { inflate_in_pieces("not gzip at all", 4); }).find("is not valid gzip"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              inflate_in_pieces(compressed.substr(0, compressed.size() / 2), 64);
            }).find("the body ended before the gzip stream did"),
            std::string::npos);
  GzipInflater inflater(64 * kMiB, "the answer", "max_answer_bytes");
  EXPECT_NE(error_of([&] {
              inflater.feed(compressed + "{}", ignore);
            }).find("data continues after the end of the gzip stream"),
            std::string::npos);
}

sdk::HttpResponse response_with(std::string encoding, std::string body = {}) {
  sdk::HttpResponse response;
  response.status = 200;
  if (!encoding.empty()) response.headers.push_back({"Content-Encoding", std::move(encoding)});
  response.body = std::move(body);
  return response;
}

std::string pull_through(std::string_view body, sdk::HttpResponse response, uint64_t limit = 64 * kMiB,
                         std::size_t piece_size = 1000) {
  PiecedBody raw(body, piece_size);
  InflatingBody inflating(raw, response, limit, "the answer from Log Analytics");
  EXPECT_TRUE(response.header("Content-Encoding").empty()) << "the header goes once the body is undone";
  std::string out;
  for (auto piece = inflating.next_piece(); !piece.empty(); piece = inflating.next_piece()) {
    EXPECT_LE(piece.size(), GzipInflater::kOutputChunk);
    out.append(piece);
  }
  return out;
}

TEST(InflatingBody, InflatesGzipAndPassesAPlainBodyThrough) {
  const std::string text = sample_answer(2'000);
  EXPECT_EQ(pull_through(gzip_of(text), response_with("gzip")), text);
  EXPECT_EQ(pull_through(gzip_of(text), response_with("gzip"), 64 * kMiB, 1), text) << "byte by byte";
  EXPECT_EQ(pull_through(gzip_of(text), response_with("gzip"), 64 * kMiB, 1 << 20), text) << "in one piece";
  EXPECT_EQ(pull_through(text, response_with("")), text);
  EXPECT_EQ(pull_through(text, response_with("identity")), text);
}

TEST(InflatingBody, RefusesAMislabelledCutOrUnreadableBody) {
  const std::string text = sample_answer(10);
  EXPECT_EQ(error_of([&] { pull_through(text, response_with("gzip")); }),
            "the answer from Log Analytics is not valid gzip: it says Content-Encoding 'gzip' but is not "
            "compressed");
  EXPECT_EQ(error_of([&] { pull_through(text, response_with("br")); }),
            "the answer from Log Analytics came with Content-Encoding 'br', which tinkr cannot read");
  const std::string compressed = gzip_of(text);
  EXPECT_EQ(
      error_of([&] { pull_through(compressed.substr(0, compressed.size() / 2), response_with("gzip")); }),
      "the answer from Log Analytics is not valid gzip: the body ended before the gzip stream did");
}

TEST(InflatingBody, StopsABombAtTheLimitWithoutInflatingIt) {
  const std::string bomb = gzip_of(std::string(8 * kMiB, ' '));
  EXPECT_NE(error_of([&] {
              pull_through(bomb, response_with("gzip"), kMiB);
            }).find("inflates past the 1 MiB limit"),
            std::string::npos);
}

TEST(InflateWholeBody, InflatesAGzipErrorBodyAndDropsTheHeader) {
  const std::string text = R"({"error":{"code":"PathNotFoundError","message":"caf\u00e9"}})";
  sdk::HttpResponse response = response_with("GZIP", gzip_of(text));
  response.status = 404;
  inflate_whole_body(response, 64 * kMiB, "the answer from Log Analytics");
  EXPECT_EQ(response.body, text);
  EXPECT_TRUE(response.headers.empty());
  sdk::HttpResponse odd = response_with("compress\x1b[31m", "x");
  EXPECT_EQ(
      error_of([&] { inflate_whole_body(odd, 64 * kMiB, "the answer from Log Analytics"); }),
      "the answer from Log Analytics came with Content-Encoding 'compress?[31m', which tinkr cannot read");
}

}  // namespace
}  // namespace tinkr::azure::decode
