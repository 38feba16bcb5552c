// What a query cost (issue 16.4): the statistics Log Analytics adds to each answer when asked with
// Prefer: include-statistics, summed over every answer of one execute (a sliced query has several),
// with the rows and bytes returned and how close the largest answer came to the service's caps. Sent
// to the host as the sink's "statistics" notice (ABI 1.3), never as a warning: a costly answer is not
// a partial one. An answer the service served from its cache (an Age header) is said as an "info"
// notice whether or not statistics were asked.
#pragma once

#include "common/query_context.hpp"
#include "decode/table_reader.hpp"
#include "lower/table_plan.hpp"

#include <tinkr/sdk/records.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace tinkr::azure {

class QueryCost {
 public:
  explicit QueryCost(const SliceSettings& caps, int64_t byte_cap)
      : row_cap_(caps.row_cap), byte_cap_(byte_cap) {}

  void add(const decode::ReadResult& answer);

  /// The query reads a Basic or Auxiliary table: its data scanned is what it is billed.
  void bill_per_scanned(const RestrictedTable& table) { billed_ = table; }

  /// The statistics object (docs/backends/azure.md, "Statistics").
  std::string statistics_json() const;

  /// Sends the info notice of a cached answer, and the statistics when asked and any answer had them.
  void report(sdk::Sink& sink, bool statistics_asked) const;

 private:
  int64_t row_cap_, byte_cap_;
  int64_t answers_ = 0, with_statistics_ = 0;
  decode::AnswerStatistics sum_;
  uint64_t rows_ = 0, bytes_ = 0, largest_rows_ = 0, largest_bytes_ = 0;
  int64_t cached_answers_ = 0;
  std::string oldest_age_;
  std::optional<RestrictedTable> billed_;
};

}  // namespace tinkr::azure
