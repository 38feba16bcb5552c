// RowWriter: a native table's rows written into one reused buffer, byte for byte what a JSON writer
// building each row afresh writes.
#include "common/cell_json.hpp"

#include <rapidjson/document.h>

#include <gtest/gtest.h>

namespace tinkr::host {
namespace {

using Cells = std::vector<std::optional<std::string>>;

TEST(RowWriter, WritesObjectsAndArraysAsAFreshWriterWould) {
  const std::vector<Column> columns = {
      {"n", "long"}, {"say \"hi\"\n", "string"}, {"ok", "bool"}, {"props", "dynamic"}, {"x", "real"}};
  RowWriter rows(columns);
  const Cells first = {"42", "line\x01two", "True", "{ \"a\" : [1, 2.50] }", std::nullopt};
  EXPECT_EQ(rows.object(first),
            R"({"n":42,"say \"hi\"\n":"line\u0001two","ok":true,"props":{"a":[1,2.50]},"x":null})");
  EXPECT_EQ(rows.array(first), row_to_json_array(cell_kinds(columns), first));
  // The buffer is reused: a shorter row after a longer one leaves nothing of it behind.
  EXPECT_EQ(rows.object({"7"}), R"({"n":7})");
  // A cell past the columns is text under a numbered key.
  const Cells wide = {"1", "b", "false", "not json", "NaN", "extra"};
  const std::string object(rows.object(wide));
  EXPECT_EQ(object,
            R"({"n":1,"say \"hi\"\n":"b","ok":false,"props":"not json","x":"NaN","column6":"extra"})");
  rapidjson::Document parsed;
  EXPECT_FALSE(parsed.Parse(object.c_str()).HasParseError());
}

// A NUL inside a dynamic cell would end the JSON early and drop what follows it: such a cell is text,
// written whole (the NUL escaped).
TEST(RowWriter, ADynamicCellWithANulInsideIsWrittenWholeAsText) {
  RowWriter rows(std::vector<Column>{{"props", "dynamic"}});
  const std::string cell("{\"a\":1}\0{\"b\":2}", 15);
  EXPECT_EQ(rows.object({cell}), R"({"props":"{\"a\":1}\u0000{\"b\":2}"})");
  // A long one comes out whole, its escapes kept.
  const std::string long_text(100, 'x');
  EXPECT_EQ(rows.object({"{\"k\":\"" + long_text + "\\n\"}"}), R"({"props":{"k":")" + long_text + R"(\n"}})");
}

TEST(RowWriter, NamesColumnsByNumberWithoutATable) {
  RowWriter rows({});
  EXPECT_EQ(rows.object({"a", std::nullopt}), R"({"column1":"a","column2":null})");
  EXPECT_EQ(rows.array({"a", std::nullopt}), R"(["a",null])");
}

}  // namespace
}  // namespace tinkr::host
