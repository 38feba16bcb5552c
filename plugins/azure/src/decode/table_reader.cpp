// The SAX handler behind read_tables. A small stack of contexts says where each event stands. Strings
// lie in the batch being parsed, which is dropped when the next one comes (see body_batches.hpp).
// Batches end only between rows, so a row's cells are views into the batch; what lies above the rows
// and must outlive a batch (the key, the table's name and columns) is copied.
#include "decode/table_reader.hpp"

#include "decode/batch_stream.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <vector>

namespace tinkr::azure::decode {

namespace {

// The offending value for a message: its JSON kind and a short printable excerpt.
std::string describe_cell(const Cell& cell) {
  switch (cell.json) {
    case Cell::Json::complex:
      return "an object or array";
    case Cell::Json::boolean:
      return "the bool " + std::string(cell.text);
    case Cell::Json::null:
      return "null";
    case Cell::Json::number:
    case Cell::Json::string:
      break;
  }
  constexpr std::size_t kExcerpt = 40;
  std::string out = cell.json == Cell::Json::number ? "the number " : "the string \"";
  for (char c : cell.text.substr(0, kExcerpt)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  if (cell.text.size() > kExcerpt) out += "...";
  if (cell.json == Cell::Json::string) out += '"';
  return out;
}

enum class Ctx : uint8_t {
  root,
  tables,
  table,
  columns,
  column,
  rows,
  row,
  cell_complex,
  error,
  statistics,
  skip
};

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
    key_.assign(s, n);
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
        if (!is_array && key_ == "statistics") {
          result.statistics.present = true;
          return push(Ctx::statistics);
        }
        return push(Ctx::skip);
      case Ctx::tables:
        if (is_array) return fail("table " + std::to_string(result.tables) + " is not an object");
        table_name_.clear();
        column_text_.clear();
        columns_.clear();
        have_columns_ = false;
        rows_done_ = false;
        return push(Ctx::table);
      case Ctx::table:
        if (is_array && key_ == "columns") {
          // A second columns member would grow column_text_ under the views columns_ holds into it
          // (a use-after-free the fuzzer found): a table has one list of columns.
          if (have_columns_ || !column_text_.empty())
            return fail("table " + std::to_string(result.tables) + " has more than one columns member");
          return push(Ctx::columns);
        }
        if (is_array && key_ == "rows") return begin_rows();
        return push(Ctx::skip);
      case Ctx::columns:
        column_text_.emplace_back();
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
      case Ctx::statistics:
        if (is_array) return push(Ctx::skip);  // per-table datasetStatistics: not read
        statistics_path_.push_back(statistics_key_.size());
        statistics_key_ += key_;
        statistics_key_ += '.';
        return push(Ctx::statistics);
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
        // Views into column_text_, which stays put until the next table.
        for (const auto& text : column_text_)
          columns_.push_back({text.name, text.type_name, cell_type_from_name(text.type_name)});
        have_columns_ = true;
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
        if (!check_cells()) return false;
        ++result.rows;
        ++row_in_table_;
        if (!consumer_.row(cells_)) return stop();
        break;
      case Ctx::cell_complex:
        if (top() == Ctx::row) ++cell_;
        break;
      case Ctx::statistics:
        if (!statistics_path_.empty()) {
          statistics_key_.resize(statistics_path_.back());
          statistics_path_.pop_back();
        }
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
        if (key_ == "name") column_text_.back().name.assign(text);
        if (key_ == "type") column_text_.back().type_name.assign(text);
        return true;
      case Ctx::table:
        if (key_ == "name") table_name_.assign(text);
        return true;
      case Ctx::statistics:
        read_statistic(json, text);
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

  // One number of the statistics object, by its path below `statistics`.
  void read_statistic(Cell::Json json, std::string_view text) {
    const std::string path = statistics_key_ + key_;
    AnswerStatistics& s = result.statistics;
    const Cell cell{json, text};
    int64_t n = 0;
    if (path == "query.executionTime") {
      read_double(cell, s.execution_seconds);
    } else if (path == "query.resourceUsage.cpu.totalCpu") {
      parse_timespan(text, s.cpu_ns);
    } else if (path.starts_with("query.resourceUsage.cache.shards.") &&
               (path.ends_with("hitbytes") || path.ends_with("missbytes") || path.ends_with("bypassbytes"))) {
      if (read_int64(cell, n)) s.scanned_bytes += n;
    } else if (path == "query.inputDatasetStatistics.rows.scanned") {
      read_int64(cell, s.rows_scanned);
    } else if (path == "query.inputDatasetStatistics.extents.scanned") {
      read_int64(cell, s.extents_scanned);
    }
  }

  // A cell that does not fit its column's declared type ("not-a-date" in a datetime, an object in a
  // string) is malformed data, not an empty value: refused, naming the column and the row.
  bool check_cells() {
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      if (fits_column(cells_[i], columns_[i].type)) continue;
      return fail(where() + "column '" + std::string(columns_[i].name) + "' (" +
                  std::string(columns_[i].type_name) + ") holds " + describe_cell(cells_[i]) +
                  ", which is not a " + std::string(columns_[i].type_name));
    }
    return true;
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

  struct ColumnText {
    std::string name, type_name;
  };

  RowConsumer& consumer_;
  std::vector<Ctx> stack_;
  std::string key_;
  std::string table_name_;
  std::vector<ColumnText> column_text_;
  std::vector<ColumnInfo> columns_;
  std::vector<Cell> cells_;
  std::size_t cell_ = 0;
  uint64_t row_in_table_ = 0;
  bool have_columns_ = false;
  bool rows_done_ = false;
  std::size_t error_depth_ = 0;
  std::string statistics_key_;                // "query.resourceUsage." below statistics
  std::vector<std::size_t> statistics_path_;  // statistics_key_'s length before each level
  std::size_t message_depth_ = 0;
};

// Whitespace only (or nothing): Azure's way of saying "no data".
bool is_blank(BatchStream& stream) {
  while (stream.Peek() == ' ' || stream.Peek() == '\n' || stream.Peek() == '\r' || stream.Peek() == '\t')
    stream.Take();
  return stream.at_end();
}

}  // namespace

ReadResult read_tables(PieceSource& source, RowConsumer& consumer) {
  // {"tables": [ {"rows": [ : four arrays and objects are open between two rows.
  constexpr int kOpenBetweenRows = 4;
  BodyBatches batches(source, kOpenBetweenRows);
  BatchStream stream(batches);
  if (is_blank(stream)) return {};
  Handler handler(consumer);
  rapidjson::Reader reader;
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
  // RapidJSON takes a NUL byte for the end of the text; what follows one is not ignored here.
  if (!stream.at_end())
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                     "log analytics answer has a NUL byte at offset " + std::to_string(stream.Tell()));
  return std::move(handler.result);
}

ReadResult read_tables(std::string_view body, RowConsumer& consumer) {
  WholeBody whole(body);
  return read_tables(whole, consumer);
}

}  // namespace tinkr::azure::decode
