// Native tables to the sink; see native_rows.hpp.
#include "decode/native_rows.hpp"

namespace tinkr::azure::decode {

bool NativeRowConsumer::begin_table(std::size_t, std::string_view name, std::span<const ColumnInfo> columns) {
  columns_.clear();
  for (const auto& c : columns) columns_.push_back({c.name, c.type_name});
  cells_.assign(columns.size(), tinkr_str{nullptr, 0});
  return sink_.begin_table(name, columns_);
}

bool NativeRowConsumer::row(std::span<const Cell> cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    // A NULL ptr means null; an empty string must stay distinguishable from it.
    static constexpr char kEmpty[] = "";
    const Cell& c = cells[i];
    cells_[i] = c.is_null() ? tinkr_str{nullptr, 0}
                            : tinkr_str{c.text.empty() ? kEmpty : c.text.data(), c.text.size()};
  }
  return sink_.emit_row(cells_);
}

}  // namespace tinkr::azure::decode
