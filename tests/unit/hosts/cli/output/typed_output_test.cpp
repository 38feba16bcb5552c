// Native table cells keep their types in every format, machine formats carry a partial result's
// incompleteness, and json / ndjson / table stream instead of holding a table.
#include "common/cell_json.hpp"
#include "common/result_json.hpp"
#include "output/json_output.hpp"
#include "output/output_format.hpp"
#include "output/table_output.hpp"

#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <sstream>

namespace tinkr::cli {
namespace {

using Cells = std::vector<std::optional<std::string>>;

std::string cell(std::string_view type, std::optional<std::string> text) {
  return host::row_to_json_array({host::cell_kind(type)}, {std::move(text)});
}

// Every Log Analytics type of query.all-types.response.json, as the Azure plugin hands it on.
TEST(CellJson, EachColumnTypeBecomesItsJsonValue) {
  EXPECT_EQ(cell("int", "12345"), "[12345]");
  EXPECT_EQ(cell("long", "1234567890123"), "[1234567890123]");
  EXPECT_EQ(cell("real", "12345.6789"), "[12345.6789]") << "digits kept as sent";
  EXPECT_EQ(cell("bool", "false"), "[false]");
  EXPECT_EQ(cell("bool", "True"), "[true]") << "the spec's examples write bools as text";
  EXPECT_EQ(cell("bool", std::nullopt), "[null]");
  EXPECT_EQ(cell("dynamic", R"({"a":123,"b":"hello","c":[1,2,3],"d":{}})"),
            R"([{"a":123,"b":"hello","c":[1,2,3],"d":{}}])")
      << "dynamic is the JSON value it holds";
  EXPECT_EQ(cell("dynamic", "{\n  \"a\": 1\n}"), R"([{"a":1}])") << "rewritten on one line (NDJSON)";
  EXPECT_EQ(cell("dynamic", "not json"), R"(["not json"])") << "text when it is not JSON";
  EXPECT_EQ(cell("datetime", "2015-12-31T23:59:59.9Z"), R"(["2015-12-31T23:59:59.9Z"])");
  EXPECT_EQ(cell("decimal", "0.10101"), R"(["0.10101"])") << "decimals stay strings: no digit lost";
  EXPECT_EQ(cell("timespan", "00:00:10"), R"(["00:00:10"])");
  EXPECT_EQ(cell("guid", "74be27de-1e4e-49d9-b579-fe0b331d3642"),
            R"(["74be27de-1e4e-49d9-b579-fe0b331d3642"])");
}

// Debian's RapidJSON 1.1.0 read 0e200 as 7.8e56 and rounds integers past 2^53 as doubles.
TEST(CellJson, ADynamicCellsNumbersAreWrittenAsTheyCame) {
  EXPECT_EQ(cell("dynamic", R"({"zero":0E0000200,"big":12345678901234567891,"x":1.10})"),
            R"([{"zero":0E0000200,"big":12345678901234567891,"x":1.10}])");
  EXPECT_EQ(cell("dynamic", "[1, 2] x"), R"(["[1, 2] x"])") << "trailing text: not JSON";
  EXPECT_EQ(cell("dynamic", "[1e]"), R"(["[1e]"])") << "a malformed number: not JSON";
}

TEST(CellJson, ANumberColumnCellThatIsNotAJsonNumberStaysText) {
  EXPECT_EQ(cell("real", "NaN"), R"(["NaN"])");
  EXPECT_EQ(cell("real", "-Infinity"), R"(["-Infinity"])");
  EXPECT_EQ(cell("long", "12abc"), R"(["12abc"])") << "SQLite lets any column hold text";
  EXPECT_EQ(cell("long", "007"), R"(["007"])");
  EXPECT_EQ(cell("real", "1e"), R"(["1e"])");
  EXPECT_EQ(cell("real", "-1.5E+10"), "[-1.5E+10]");
}

TEST(CellJson, TypedValuesReadBackAsTheSameText) {
  rapidjson::Document document;
  document.Parse(R"([12345,12345.6789,false,{"a":[1,2]},"x",null])");
  ASSERT_FALSE(document.HasParseError());
  Cells back;
  for (const auto& value : document.GetArray()) back.push_back(host::cell_from_json(value));
  EXPECT_EQ(back, (Cells{"12345", "12345.6789", "false", R"({"a":[1,2]})", "x", std::nullopt}));
}

// Remote mode: a server's JSON reply and its NDJSON lines give the sink the cells the backend sent.
TEST(CellJson, ServerRepliesReplayTheSameCells) {
  const Table table{
      "PrimaryResult",
      {{"n", "long"}, {"r", "real"}, {"s", "string"}, {"d", "dynamic"}, {"b", "bool"}},
      {{"12", "0.5", "x", R"({"a":[1,2]})", "true"}, {"-3", "NaN", std::nullopt, "plain", "false"}}};
  struct Collector final : ResultSink {
    bool on_record(Record&&) override { return true; }
    bool on_table_begin(const std::string&, const std::vector<Column>& columns) override {
      seen_columns = columns;
      return true;
    }
    bool on_table_row(Cells&& cells) override {
      rows.push_back(std::move(cells));
      return true;
    }
    std::vector<Column> seen_columns;
    std::vector<Cells> rows;
  };
  QueryResult result;
  result.tables.push_back(table);
  Collector from_json;
  ASSERT_TRUE(host::replay_result(host::result_to_json(result), from_json));
  EXPECT_EQ(from_json.rows, table.rows);

  Collector from_ndjson;
  host::NdjsonReplayer replayer(from_ndjson);
  std::string lines = host::table_line(table.name, table.columns);
  for (const auto& row : table.rows) lines += host::row_line(host::cell_kinds(table.columns), row);
  for (std::size_t start = 0, end; (end = lines.find('\n', start)) != std::string::npos; start = end + 1)
    ASSERT_TRUE(replayer.feed(std::string_view(lines).substr(start, end - start)));
  EXPECT_EQ(from_ndjson.seen_columns.size(), 5u);
  EXPECT_EQ(from_ndjson.rows, table.rows);
}

Incompleteness missing_something() {
  return Incompleteness{{"PartialError: query exceeded 64 MB"},
                        Error(Error::Code::upstream_unavailable, "the answer ended early")};
}

// A script reading json sees that the result is partial: the array ends with a warning record and an
// error record marked partial.
TEST(Incompleteness, JsonEndsWithTheWarningAndTheError) {
  std::ostringstream out;
  auto output = make_output(Format::json, out);
  output->table_begin("PrimaryResult", {{"n", "long"}});
  output->table_row({"1"});
  output->mark_incomplete(missing_something());
  output->finish();
  rapidjson::Document document;
  document.Parse(out.str().c_str());
  ASSERT_FALSE(document.HasParseError()) << out.str();
  ASSERT_EQ(document.Size(), 3u) << out.str();
  EXPECT_STREQ(document[1]["type"].GetString(), "warning");
  EXPECT_STREQ(document[1]["message"].GetString(), "PartialError: query exceeded 64 MB");
  EXPECT_STREQ(document[2]["type"].GetString(), "error");
  EXPECT_TRUE(document[2]["partial"].GetBool());
  EXPECT_STREQ(document[2]["error"]["code"].GetString(), "upstream_unavailable");
}

TEST(Incompleteness, NdjsonEndsWithTheWarningAndTheErrorLines) {
  std::ostringstream out;
  auto output = make_output(Format::ndjson, out);
  output->table_begin("PrimaryResult", {{"n", "long"}});
  output->table_row({"1"});
  output->mark_incomplete(missing_something());
  output->finish();
  EXPECT_EQ(out.str(),
            "{\"n\":1}\n"
            "{\"type\":\"warning\",\"message\":\"PartialError: query exceeded 64 MB\"}\n"
            "{\"type\":\"error\",\"partial\":true,\"error\":{\"code\":\"upstream_unavailable\","
            "\"message\":\"the answer ended early\"}}\n");
}

// json, ndjson and table print a table's rows while it is still arriving (memory does not grow with it).
TEST(Streaming, RowsArePrintedBeforeTheTableEnds) {
  for (Format format : {Format::json, Format::ndjson, Format::csv}) {
    std::ostringstream out;
    auto output = make_output(format, out);
    output->table_begin("PrimaryResult", {{"n", "long"}, {"s", "string"}});
    output->table_row({"41", "first-row"});
    EXPECT_NE(out.str().find("first-row"), std::string::npos) << "format " << static_cast<int>(format);
    output->finish();
  }
  std::ostringstream out;
  auto table = make_output(Format::table, out);
  table->table_begin("PrimaryResult", {{"n", "long"}});
  for (std::size_t i = 0; i < TableOutput::kBlockRows + 10; ++i) table->table_row({std::to_string(i)});
  const std::string before_end = out.str();
  EXPECT_NE(before_end.find("\n" + std::to_string(TableOutput::kBlockRows + 9) + "\n"), std::string::npos)
      << "past the first block, rows print as they come";
  table->finish();
}

TEST(Streaming, NdjsonRowsAreObjectsKeyedByColumnName) {
  std::ostringstream out;
  auto output = make_output(Format::ndjson, out);
  output->table_begin("PrimaryResult", {{"service", "string"}, {"count", "long"}, {"ok", "bool"}});
  output->table_row({"api", "42", "true"});
  output->table_row({"web", std::nullopt, "false"});
  output->finish();
  EXPECT_EQ(out.str(),
            "{\"service\":\"api\",\"count\":42,\"ok\":true}\n"
            "{\"service\":\"web\",\"count\":null,\"ok\":false}\n");
}

}  // namespace
}  // namespace tinkr::cli
