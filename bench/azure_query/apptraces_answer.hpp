// A generated Log Analytics answer of 100,000 AppTraces rows (~45 MB), shaped like the page's query plus
// trace context and ItemCount, with realistic escaping in messages and dynamic Properties: the body
// the Azure benchmarks decode.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace tinkr::bench {

constexpr int kRows = 100'000;
constexpr std::size_t kPieceSize = 16 * 1024;  // the host's read size

// The answer generated as it is read, a piece of about kPieceSize bytes at a time (it never exists
// whole): next_piece returns an empty view at the end.
class AppTracesGenerator {
 public:
  std::string_view next_piece() {
    buffer_.clear();
    if (next_row_ == 0)
      buffer_ +=
          R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},)"
          R"({"name":"Message","type":"string"},{"name":"SeverityLevel","type":"int"},)"
          R"({"name":"Properties","type":"dynamic"},{"name":"AppRoleName","type":"string"},)"
          R"({"name":"OperationId","type":"string"},{"name":"ParentId","type":"string"},)"
          R"({"name":"ItemCount","type":"int"}],"rows":[)";
    for (; next_row_ < kRows && buffer_.size() < kPieceSize; ++next_row_) append_row(next_row_);
    if (next_row_ == kRows && !ended_ && buffer_.size() < kPieceSize) {
      buffer_ += "]}]}";
      ended_ = true;
    }
    return buffer_;
  }

 private:
  void append_row(int i) {
    char row[1024];
    const int n = std::snprintf(
        row, sizeof row,
        R"(%s["2024-05-01T09:%02d:%02d.%07dZ","payment %d for order \"ord-%08d\" failed: upstream returned 503 )"
        R"(Service Unavailable after 3 retries; circuit breaker state=half-open, latency_ms=%d, region=westeurope, )"
        R"(user=customer-%06d@example.com",%d,"{\"http.method\":\"POST\",\"http.route\":\"/v1/payments/{id}\",)"
        R"(\"tenant\":\"t-%04d\",\"retry\":\"%d\",\"cloud.region\":\"westeurope\"}","payments-api",)"
        R"("4bf92f3577b34da6a3ce929d0e0e%04x","00f067aa0ba9%04x",%d])",
        i ? "," : "", (i / 60) % 60, i % 60, i % 10'000'000, i, i, i % 5000, i % 1'000'000, i % 5, i % 10000,
        i % 4, i & 0xffff, (i * 7) & 0xffff, 1 + i % 3);
    buffer_.append(row, static_cast<std::size_t>(n));
  }

  std::string buffer_;
  int next_row_ = 0;
  bool ended_ = false;
};

inline std::string make_apptraces_answer() {
  std::string body;
  body.reserve(static_cast<std::size_t>(kRows) * 540);
  AppTracesGenerator generator;
  for (auto piece = generator.next_piece(); !piece.empty(); piece = generator.next_piece())
    body.append(piece);
  return body;
}

}  // namespace tinkr::bench
