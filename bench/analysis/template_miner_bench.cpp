// The template miner's rate on one core: a mix of realistic service log lines (ids, durations,
// addresses, quoted values, GUIDs) is generated first, then mined; the figure is lines per second of
// mining alone. Usage: template_miner_bench [LINES] (default 2,000,000).
#include <tinkr/template_miner.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

std::vector<std::string> make_lines(std::size_t count) {
  std::mt19937_64 rng(42);
  auto pick = [&](int from, int to) {
    return std::to_string(std::uniform_int_distribution<int>(from, to)(rng));
  };
  auto hex = [&](int digits) {
    std::string s;
    for (int i = 0; i < digits; ++i) s += "0123456789abcdef"[rng() % 16];
    return s;
  };
  const char* users[] = {"alice", "bob", "carol", "dave"};
  std::vector<std::string> lines;
  lines.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    switch (rng() % 10) {
      case 0:
        lines.push_back("database timeout: orders-db did not answer within " + pick(2000, 2030) + "ms");
        break;
      case 1:
        lines.push_back("slow query on orders-db: SELECT orders took " + pick(500, 3000) + "ms");
        break;
      case 2:
        lines.push_back("card declined for order ord-" + pick(100000, 999999));
        break;
      case 3:
        lines.push_back("sku sku-" + pick(1000, 1099) + " not found");
        break;
      case 4:
        lines.push_back("payment failed: payments-api returned " + pick(500, 504) + " Service Unavailable");
        break;
      case 5:
        lines.push_back("connect to 10.0." + pick(0, 9) + "." + pick(1, 250) + ":5432 refused after " +
                        pick(1, 5) + " attempts");
        break;
      case 6:
        lines.push_back("request " + hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12) +
                        " throttled: retry after " + pick(1, 60) + "s");
        break;
      case 7:
        lines.push_back(std::string("user '") + users[rng() % 4] + "' failed to log in: bad password");
        break;
      case 8:
        lines.push_back("cache miss ratio " + pick(10, 99) + "% above threshold 5% on node-" + pick(1, 9));
        break;
      default:
        lines.push_back("trace " + hex(32) + " span " + hex(16) + " exported with status=" + pick(200, 503));
        break;
    }
  }
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2'000'000;
  const auto lines = make_lines(count);
  std::size_t bytes = 0;
  for (const auto& line : lines) bytes += line.size();
  tinkr::analysis::TemplateMiner miner;
  const auto start = std::chrono::steady_clock::now();
  std::size_t checksum = 0;
  for (const auto& line : lines) checksum += miner.add(line);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu lines (%.1f MB) in %.3f s: %.2f million lines/s, %zu templates (checksum %zu)\n", count,
              static_cast<double>(bytes) / 1e6, seconds, static_cast<double>(count) / seconds / 1e6,
              miner.size(), checksum);
  for (std::size_t id = 0; id < miner.size(); ++id)
    std::printf("  %9lld  %s\n", static_cast<long long>(miner.count(id)), miner.template_text(id).c_str());
  return 0;
}
