// FIFO-bounded set of record keys.
#include "commands/dedup_window.hpp"

#include <functional>
#include <string_view>

namespace tinkr::cli {
namespace {

uint64_t mix(uint64_t seed, uint64_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

}  // namespace

uint64_t DedupWindow::key_of(const LogRecord& record) {
  std::hash<std::string_view> hash;
  uint64_t key = static_cast<uint64_t>(record.time_ns);
  key = mix(key, static_cast<uint64_t>(record.severity_number));
  for (std::string_view part : {std::string_view(record.service), std::string_view(record.trace_id),
                                std::string_view(record.span_id), std::string_view(record.body)})
    key = mix(key, hash(part));
  return key;
}

bool DedupWindow::first_sighting(const LogRecord& record) {
  const uint64_t key = key_of(record);
  if (!seen_.insert(key).second) return false;
  order_.push_back(key);
  if (order_.size() > capacity_) {
    seen_.erase(order_.front());
    order_.pop_front();
  }
  return true;
}

}  // namespace tinkr::cli
