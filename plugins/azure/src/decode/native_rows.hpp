// Native KQL answers -> the sink's generic tables: every table, by position, with its declared
// column types; each cell as its text (JSON text for dynamic), null as a NULL view.
#pragma once

#include "decode/table_reader.hpp"

#include <tinkr/sdk/records.hpp>

#include <vector>

namespace tinkr::azure::decode {

class NativeRowConsumer : public RowConsumer {
 public:
  explicit NativeRowConsumer(sdk::Sink& sink) : sink_(sink) {}

  bool begin_table(std::size_t index, std::string_view name, std::span<const ColumnInfo> columns) override;
  bool row(std::span<const Cell> cells) override;

 private:
  sdk::Sink& sink_;
  std::vector<sdk::Column> columns_;
  std::vector<tinkr_str> cells_;
};

}  // namespace tinkr::azure::decode
