// The bounded memory `tinkr tail` uses to print each record once although its polls overlap: it
// remembers the keys of the last `capacity` records and forgets the oldest first.
#pragma once

#include <tinkr/records.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_set>

namespace tinkr::cli {

class DedupWindow {
 public:
  explicit DedupWindow(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  /// True the first time a record is seen (within the memory), false for a repeat.
  bool first_sighting(const LogRecord& record);

  std::size_t size() const { return order_.size(); }
  std::size_t capacity() const { return capacity_; }

  /// A record's identity: its time, service, severity, trace and span ids and body.
  static uint64_t key_of(const LogRecord& record);

 private:
  std::size_t capacity_;
  std::deque<uint64_t> order_;
  std::unordered_set<uint64_t> seen_;
};

}  // namespace tinkr::cli
