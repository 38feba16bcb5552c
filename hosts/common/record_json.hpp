// Records and native tables as JSON objects: the server's wire format and the CLI's json / ndjson
// output, so that both print exactly the same thing. Every object carries "type" (log,
// metric_series, span, trace, table); record_reader.hpp reads them back.
//
//   {"type":"log","time":"2026-11-25T10:00:00.123Z","time_ns":1795...,"severity":"error",
//    "severity_number":17,"severity_text":"Error","service":"payments-api","body":"...",
//    "trace_id":"...","span_id":"...","attributes":{...},"item_count":1}
#pragma once

#include "common/cell_json.hpp"

#include <tinkr/records.hpp>

#include <string>
#include <string_view>

namespace tinkr::host {

void write_record(JsonWriter& writer, const Record& record);
/// The same object for a log record's view (ResultSink::on_log_record_view).
void write_record(JsonWriter& writer, const LogRecordView& record);
/// A table's head members ("type", "name", "columns") inside an object the caller opened, so that a
/// writer can add the rows as they arrive (the server's answers).
void write_table_head(JsonWriter& writer, const std::string& name, const std::vector<Column>& columns);
/// A whole table: {"type":"table","name":...,"columns":[{"name","type"}...],"rows":[[typed cells]...]}.
void write_table(JsonWriter& writer, const Table& table);

/// One record (or table) as a compact JSON object, without a newline.
std::string record_to_json(const Record& record);
std::string table_to_json(const Table& table);
/// A table's head without rows, {"type":"table","name":...,"columns":[...]}: the NDJSON line that
/// precedes its row lines on the wire, and (less its closing brace) the start of a streamed table.
std::string table_head_to_json(const std::string& name, const std::vector<Column>& columns);

/// The same text, written again and again into one buffer: no allocation per record (the CLI's json
/// and ndjson outputs). The text returned is valid until the next call.
class RecordText {
 public:
  RecordText() : writer_(buffer_) {}
  RecordText(const RecordText&) = delete;
  RecordText& operator=(const RecordText&) = delete;
  template <class AnyRecord>  // Record or LogRecordView
  std::string_view operator()(const AnyRecord& record) {
    buffer_.Clear();
    writer_.Reset(buffer_);
    write_record(writer_, record);
    return {buffer_.GetString(), buffer_.GetSize()};
  }

 private:
  rapidjson::StringBuffer buffer_;
  JsonWriter writer_;
};

}  // namespace tinkr::host
