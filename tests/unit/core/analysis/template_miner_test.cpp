// The template miner: masking of values, and Drain's clustering of messages into templates.
#include <gtest/gtest.h>

#include <tinkr/template_miner.hpp>

#include <string>

namespace tinkr::analysis {
namespace {

TEST(MaskMessage, NumbersKeepTheirUnit) {
  EXPECT_EQ(mask_message("database timeout: orders-db did not answer within 2000ms"),
            "database timeout: orders-db did not answer within <*>ms");
  EXPECT_EQ(mask_message("slow query on orders-db: SELECT orders took 912ms"),
            "slow query on orders-db: SELECT orders took <*>ms");
  EXPECT_EQ(mask_message("retry in 1.5s, disk at 97%"), "retry in <*>s, disk at <*>%");
  EXPECT_EQ(mask_message("payments-api returned 503 Service Unavailable"),
            "payments-api returned <*> Service Unavailable");
}

TEST(MaskMessage, IdsGuidsAndHexAreValues) {
  EXPECT_EQ(mask_message("card declined for order ord-100042"), "card declined for order <*>");
  EXPECT_EQ(mask_message("trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7 lost"),
            "trace <*> span <*> lost");
  EXPECT_EQ(mask_message("tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 throttled (0x80070005)"),
            "tenant <*> throttled (<*>)");
  EXPECT_EQ(mask_message("connect to 10.0.0.12:5432 refused"), "connect to <*> refused");
  EXPECT_EQ(mask_message("took 1h30m"), "took <*>");
}

TEST(MaskMessage, QuotedValuesAndKeyValues) {
  EXPECT_EQ(mask_message("user 'bob smith' not found"), "user <*> not found");
  EXPECT_EQ(mask_message("file=\"/var/log/a b.txt\" missing"), "file=<*> missing");
  EXPECT_EQ(mask_message("retry status=503 attempt=2,"), "retry status=<*> attempt=<*>,");
  EXPECT_EQ(mask_message("the cache didn't answer"), "the cache didn't answer");  // an apostrophe
  EXPECT_EQ(mask_message("unclosed \"quote stays a word"), "unclosed \"quote stays a word");
}

TEST(MaskMessage, OnlyTheFirstLineAndSingleBlanks) {
  EXPECT_EQ(mask_message("  NullReferenceException\tat  Foo()\n   at Bar.cs:line 42\n"),
            "NullReferenceException at Foo()");
  EXPECT_EQ(mask_message(""), "");
  EXPECT_EQ(mask_message(" \n x"), "");
}

TEST(TemplateMiner, MaskedValuesMakeOneTemplate) {
  TemplateMiner miner;
  const auto a = miner.add("database timeout: orders-db did not answer within 2000ms");
  const auto b = miner.add("database timeout: orders-db did not answer within 2013ms");
  const auto c = miner.add("card declined for order ord-100042");
  const auto d = miner.add("card declined for order ord-100777");
  EXPECT_EQ(a, b);
  EXPECT_EQ(c, d);
  EXPECT_NE(a, c);
  EXPECT_EQ(miner.size(), 2u);
  EXPECT_EQ(miner.count(a), 2);
  EXPECT_EQ(miner.template_text(c), "card declined for order <*>");
}

TEST(TemplateMiner, SimilarMessagesGeneraliseTheDifferingWords) {
  TemplateMiner miner;
  const auto a = miner.add("login failed for user alice from portal");
  const auto b = miner.add("login failed for user bob from portal");
  EXPECT_EQ(a, b);
  EXPECT_EQ(miner.template_text(a), "login failed for user <*> from portal");
  EXPECT_EQ(miner.count(a), 2);
}

TEST(TemplateMiner, DifferentMessagesStayApart) {
  TemplateMiner miner;
  const auto a = miner.add("connection reset by peer");
  const auto b = miner.add("connection refused by upstream");  // 2 of 4 agree: below 0.6
  const auto c = miner.add("connection reset by peer again");  // another length
  const auto d = miner.add("disk full on node-7");
  EXPECT_NE(a, b);
  EXPECT_NE(a, c);
  EXPECT_NE(a, d);
  EXPECT_EQ(miner.size(), 4u);
  EXPECT_EQ(miner.template_text(a), "connection reset by peer");
}

TEST(TemplateMiner, TheFirstTokensMustAgree) {
  TemplateMiner miner;
  // Four of five positions agree, but the leading words differ: Drain's tree keeps them apart.
  const auto a = miner.add("payments failed for order now");
  const auto b = miner.add("refunds failed for order now");
  EXPECT_NE(a, b);
}

TEST(TemplateMiner, AGroupStaysBoundedWhateverTheInput) {
  TemplateMiner::Options options;
  options.max_group = 4;
  TemplateMiner miner(options);
  // Every message differs from every other in three of five words (digits would be masked).
  auto word = [](char first, int i) {
    return std::string{first, static_cast<char>('a' + i % 26), static_cast<char>('a' + i / 26)};
  };
  for (int i = 0; i < 100; ++i) miner.add("x y " + word('p', i) + " " + word('q', i) + " " + word('r', i));
  EXPECT_LE(miner.size(), 4u);
}

TEST(TemplateMiner, EmptyMessagesShareOneTemplate) {
  TemplateMiner miner;
  EXPECT_EQ(miner.add(""), miner.add("   "));
  EXPECT_EQ(miner.template_text(0), "");
}

}  // namespace
}  // namespace tinkr::analysis
