// Writes a JSON reply as the results arrive (see json_reply_writer.hpp).
#include "common/json_reply_writer.hpp"

#include "common/error_json.hpp"
#include "common/record_json.hpp"
#include "common/result_json.hpp"

namespace tinkr::host {
namespace {

// The reply's text starts at 64 KiB rather than rapidjson's 256 bytes: a reply of a hundred records
// (about 28 KB) is written without the dozen regrowths, each copying all written so far, that took
// about 2% of tinkr-server's CPU (issue 15).
constexpr std::size_t kReplyCapacity = 64 * 1024;
constexpr std::string_view kReplyOpening = R"({"records":)";

std::string take(rapidjson::StringBuffer& buffer, std::string_view before = {}) {
  std::string text;
  text.reserve(before.size() + buffer.GetSize());
  text.append(before).append(buffer.GetString(), buffer.GetSize());
  buffer.Clear();
  return text;
}

}  // namespace

JsonReplyWriter::JsonReplyWriter()
    : records_(nullptr, kReplyCapacity), records_writer_(records_), tables_writer_(tables_) {
  append_raw(records_, kReplyOpening);
  records_writer_.StartArray();
  tables_writer_.StartArray();
}

void JsonReplyWriter::record(const Record& record) {
  write_record(records_writer_, record);
  any_record_ = true;
}

void JsonReplyWriter::record(const LogRecordView& record) {
  write_record(records_writer_, record);
  any_record_ = true;
}

void JsonReplyWriter::table_begin(const std::string& name, const std::vector<Column>& columns) {
  end_table();
  tables_writer_.StartObject();
  write_table_head(tables_writer_, name, columns);
  tables_writer_.Key("rows");
  tables_writer_.StartArray();
  kinds_ = cell_kinds(columns);
  in_table_ = true;
}

void JsonReplyWriter::table_row(const std::vector<std::optional<std::string>>& cells) {
  // A row before any head belongs to a table without name or columns (as Engine::collect keeps it).
  if (!in_table_) table_begin({}, {});
  write_row_array(tables_writer_, kinds_, cells);
}

void JsonReplyWriter::end_table() {
  if (!in_table_) return;
  tables_writer_.EndArray();
  tables_writer_.EndObject();
  in_table_ = false;
}

void JsonReplyWriter::add_member(std::string key, std::string json_value) {
  more_members_.emplace_back(std::move(key), std::move(json_value));
}

std::size_t JsonReplyWriter::ready_bytes() const {
  switch (lead_) {
    case Lead::undecided:
      return records_.GetSize() + tables_.GetSize();
    case Lead::records:
      return records_.GetSize();
    case Lead::tables:
      return tables_.GetSize();
  }
  return 0;
}

std::string JsonReplyWriter::take_ready() {
  if (lead_ == Lead::undecided) {
    // The tables lead only when they are all there is so far: records already written stay first.
    const bool tables_begun = in_table_ || tables_.GetSize() > 1;
    lead_ = !any_record_ && tables_begun ? Lead::tables : Lead::records;
    if (lead_ == Lead::tables) return take(tables_, R"({"tables":)");
  }
  return take(lead_ == Lead::records ? records_ : tables_);
}

rapidjson::StringBuffer& JsonReplyWriter::close_arrays() {
  end_table();
  tables_writer_.EndArray();
  records_writer_.EndArray();
  if (lead_ == Lead::tables) {
    // The records follow the tables: their array, without the reply's opening kept before it.
    append_raw(tables_, R"(,"records":)");
    append_raw(tables_,
               std::string_view(records_.GetString(), records_.GetSize()).substr(kReplyOpening.size()));
    return tables_;
  }
  append_raw(records_, R"(,"tables":)");
  append_raw(records_, std::string_view(tables_.GetString(), tables_.GetSize()));
  return records_;
}

std::string JsonReplyWriter::finish(const RunStats& stats) {
  auto& reply = close_arrays();
  JsonWriter w(reply);
  append_raw(reply, R"(,"stats":)");
  write_stats(w, stats);
  append_raw(reply, R"(,"warnings":)");
  w.Reset(reply);
  w.StartArray();
  for (const auto& warning : stats.warnings) w.String(warning.c_str());
  w.EndArray();
  for (const auto& [key, value] : more_members_) {
    append_raw(reply, ",");
    w.Reset(reply);
    w.String(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    append_raw(reply, ":");
    append_raw(reply, value);
  }
  append_raw(reply, "}");
  return take(reply);
}

std::string JsonReplyWriter::finish_failed(const Error& error) {
  auto& reply = close_arrays();
  append_raw(reply, R"(,"error":)");
  JsonWriter w(reply);
  write_error_object(w, error);
  append_raw(reply, "}");
  return take(reply);
}

}  // namespace tinkr::host
