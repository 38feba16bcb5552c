// The SAX handler behind read_tables. A small stack of contexts says where each event stands; cells
// are collected in a vector reused for every row.
#include "decode/table_reader.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <vector>

namespace tinkr::azure::decode {

namespace {

enum class Ctx : uint8_t { root, tables, table, columns, column, rows, row, cell_complex, error, skip };

class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
 public:
  explicit Handler(RowConsumer& consumer) : consumer_(consumer) { stack_.reserve(16); }

  ReadResult result;
  std::string failure;  // a structural problem found by the handler

  bool Null() { return scalar(Cell::Json::null, {}); }
  bool Bool(bool b) { return scalar(Cell::Json::boolean, b ? "true" : "false"); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return scalar(Cell::Json::number, {s, n}); }
  bool String(const char* s, rapidjson::SizeType n, bool) { return scalar(Cell::Json::string, {s, n}); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    key_ = {s, n};
    return true;
  }
  bool StartObject() { return start(false); }
  bool StartArray() { return start(true); }
  bool EndObject(rapidjson::SizeType) { return end(); }
  bool EndArray(rapidjson::SizeType) { return end(); }

 private:
  Ctx top() const { return stack_.back(); }

  bool fail(std::string message) {
    failure = std::move(message);
    return false;
  }

  bool start(bool is_array) {
    if (stack_.empty()) {
      stack_.push_back(is_array ? Ctx::skip : Ctx::root);
      return true;
    }
    switch (top()) {
      case Ctx::root:
        if (is_array && key_ == "tables") return push(Ctx::tables);
        if (!is_array && key_ == "error") {
          error_depth_ = stack_.size();
          return push(Ctx::error);
        }
        return push(Ctx::skip);
      case Ctx::tables:
        if (is_array) return fail("table " + std::to_string(result.tables) + " is not an object");
        table_name_ = {};
        columns_.clear();
        have_columns_ = false;
        rows_done_ = false;
        return push(Ctx::table);
      case Ctx::table:
        if (is_array && key_ == "columns") return push(Ctx::columns);
        if (is_array && key_ == "rows") return begin_rows();
        return push(Ctx::skip);
      case Ctx::columns:
        columns_.push_back({});
        return push(Ctx::column);
      case Ctx::rows:
        if (!is_array) return fail(where() + "a row is not an array");
        cell_ = 0;
        return push(Ctx::row);
      case Ctx::row:
        // Dynamic values arrive as JSON text in a string; a nested value is kept as "complex".
        if (cell_ >= cells_.size()) return fail(where() + "has more cells than columns");
        cells_[cell_] = {Cell::Json::complex, {}};
        return push(Ctx::cell_complex);
      case Ctx::error:
      case Ctx::cell_complex:
      case Ctx::skip:
      case Ctx::column:
        return push(top() == Ctx::column ? Ctx::skip : top());
    }
    return true;
  }

  bool begin_rows() {
    if (!have_columns_) return fail("table " + std::to_string(result.tables) + " has rows before columns");
    cells_.assign(columns_.size(), Cell{});
    if (!consumer_.begin_table(result.tables, table_name_, columns_)) return stop();
    return push(Ctx::rows);
  }

  bool end() {
    const Ctx closing = top();
    stack_.pop_back();
    switch (closing) {
      case Ctx::columns:
        have_columns_ = true;
        break;
      case Ctx::column:
        columns_.back().type = cell_type_from_name(columns_.back().type_name);
        break;
      case Ctx::rows:
        rows_done_ = true;
        break;
      case Ctx::table:
        // A table without a rows member is still a table (with no rows).
        if (!rows_done_ && have_columns_ && !consumer_.begin_table(result.tables, table_name_, columns_))
          return stop();
        ++result.tables;
        break;
      case Ctx::row:
        if (cell_ != cells_.size())
          return fail(where() + "has " + std::to_string(cell_) + " cells for " +
                      std::to_string(cells_.size()) + " columns");
        ++result.rows;
        ++row_in_table_;
        if (!consumer_.row(cells_)) return stop();
        break;
      case Ctx::cell_complex:
        if (top() == Ctx::row) ++cell_;
        break;
      default:
        break;
    }
    if (closing == Ctx::rows) row_in_table_ = 0;
    return true;
  }

  bool scalar(Cell::Json json, std::string_view text) {
    if (stack_.empty()) return true;
    switch (top()) {
      case Ctx::row:
        if (cell_ >= cells_.size()) return fail(where() + "has more cells than columns");
        cells_[cell_++] = {json, text};
        return true;
      case Ctx::column:
        if (key_ == "name") columns_.back().name = text;
        if (key_ == "type") columns_.back().type_name = text;
        return true;
      case Ctx::table:
        if (key_ == "name") table_name_ = text;
        return true;
      case Ctx::error:
        // The innermost message is the deepest one (error.details[].innererror...).
        if (key_ == "message" && stack_.size() >= message_depth_) {
          message_depth_ = stack_.size();
          result.partial_error_message.assign(text);
        }
        if (key_ == "code" && stack_.size() == error_depth_ + 1 && result.partial_error_code.empty())
          result.partial_error_code.assign(text.empty() ? "error" : text);
        return true;
      default:
        return true;
    }
  }

  bool push(Ctx c) {
    stack_.push_back(c);
    return true;
  }

  bool stop() {
    result.stopped = true;
    return false;
  }

  std::string where() const {
    return "table " + std::to_string(result.tables) + " row " + std::to_string(row_in_table_) + " ";
  }

  RowConsumer& consumer_;
  std::vector<Ctx> stack_;
  std::string_view key_;
  std::string_view table_name_;
  std::vector<ColumnInfo> columns_;
  std::vector<Cell> cells_;
  std::size_t cell_ = 0;
  uint64_t row_in_table_ = 0;
  bool have_columns_ = false;
  bool rows_done_ = false;
  std::size_t error_depth_ = 0;
  std::size_t message_depth_ = 0;
};

bool is_blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return false;
  return true;
}

}  // namespace

ReadResult read_tables(std::string& body, RowConsumer& consumer) {
  if (is_blank(body)) return {};
  Handler handler(consumer);
  rapidjson::Reader reader;
  rapidjson::InsituStringStream stream(body.data());
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag;
  const rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, handler);
  if (!ok) {
    if (handler.result.stopped) return std::move(handler.result);
    if (!handler.failure.empty())
      throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, "log analytics answer: " + handler.failure);
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, "log analytics answer is not valid JSON at offset " +
                                                     std::to_string(ok.Offset()) + ": " +
                                                     rapidjson::GetParseError_En(ok.Code()));
  }
  return std::move(handler.result);
}

}  // namespace tinkr::azure::decode
