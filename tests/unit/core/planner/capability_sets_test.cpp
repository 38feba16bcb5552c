// The sets capabilities are made of answer as the std::sets they replaced did: membership for
// canonical names, wildcards and any other name, ascending iteration, no duplicates.
#include <tinkr/capability_sets.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using tinkr::ir::Op;
using tinkr::planner::FieldSet;
using tinkr::planner::OpSet;

TEST(FieldSet, AnswersForEveryCanonicalFieldWildcardAndOtherName) {
  FieldSet fields = {"severity", "attributes.*", "attributes.http.method", "colour"};
  for (auto field : tinkr::ir::kFields) EXPECT_EQ(fields.contains(field), field == "severity") << field;
  EXPECT_TRUE(fields.contains("attributes.*"));
  EXPECT_FALSE(fields.contains("dimensions.*"));
  EXPECT_TRUE(fields.contains("attributes.http.method"));
  EXPECT_FALSE(fields.contains("attributes.http.route"));
  EXPECT_TRUE(fields.contains("colour"));
  EXPECT_FALSE(fields.contains("severit"));
  EXPECT_FALSE(fields.contains(""));

  FieldSet every;
  for (auto field : tinkr::ir::kFields) every.insert(field);
  every.insert("dimensions.*");
  for (auto field : tinkr::ir::kFields) EXPECT_TRUE(every.contains(field)) << field;
  EXPECT_TRUE(every.contains("dimensions.*"));
  EXPECT_FALSE(every.contains("attributes.*"));
}

TEST(FieldSet, KeepsNamesSortedAndUnique) {
  FieldSet fields = {"time", "body", "time", "attributes.*"};
  fields.emplace("body");
  EXPECT_EQ(fields.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(fields.begin(), fields.end()),
            (std::vector<std::string>{"attributes.*", "body", "time"}));
  EXPECT_EQ(fields, (FieldSet{"attributes.*", "time", "body"}));
  EXPECT_FALSE(fields == FieldSet{"body"});
  EXPECT_TRUE(FieldSet{}.empty());
}

TEST(OpSet, IteratesInAscendingOrderWithoutDuplicates) {
  OpSet ops = {Op::exists, Op::eq, Op::in, Op::eq};
  EXPECT_EQ(ops.size(), 3u);
  EXPECT_EQ(std::vector<Op>(ops.begin(), ops.end()), (std::vector<Op>{Op::eq, Op::in, Op::exists}));
  EXPECT_TRUE(ops.contains(Op::exists));
  EXPECT_FALSE(ops.contains(Op::ne));
  EXPECT_TRUE(OpSet{}.empty());
  EXPECT_EQ(OpSet{}.begin(), OpSet{}.end());
}

}  // namespace
