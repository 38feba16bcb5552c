// Jaeger's critical path (core/include/tinkr/critical_path.hpp) on small traces worked out by hand.
#include <tinkr/critical_path.hpp>

#include <gtest/gtest.h>

namespace tinkr::analysis {
namespace {

Span span(std::string id, std::string parent, int64_t start, int64_t duration) {
  Span s;
  s.span_id = std::move(id);
  s.parent_span_id = std::move(parent);
  s.start_ns = start;
  s.duration_ns = duration;
  return s;
}

struct Piece {
  std::string id;
  int64_t start, end;
  friend bool operator==(const Piece&, const Piece&) = default;
};

std::vector<Piece> pieces(const std::vector<Span>& spans) {
  std::vector<Piece> out;
  for (const auto& s : critical_path(spans))
    out.push_back({spans[s.span_index].span_id, s.start_ns, s.end_ns});
  return out;
}

TEST(CriticalPath, SequentialChildrenAndTheParentsOwnTimeBetweenThem) {
  // root 0..100; a 10..40; b 50..90 (b's child c 60..70)
  const std::vector<Span> spans = {span("root", "", 0, 100), span("a", "root", 10, 30),
                                   span("b", "root", 50, 40), span("c", "b", 60, 10)};
  const std::vector<Piece> expected = {{"root", 0, 10}, {"a", 10, 40}, {"root", 40, 50}, {"b", 50, 60},
                                       {"c", 60, 70},   {"b", 70, 90}, {"root", 90, 100}};
  EXPECT_EQ(pieces(spans), expected);
}

TEST(CriticalPath, OfTwoParallelChildrenTheOneThatFinishesLastIsOnThePath) {
  // a 10..80 and b 20..60 run in parallel: the root waited on a; b ends after a starts, so never counts.
  const std::vector<Span> spans = {span("root", "", 0, 100), span("a", "root", 10, 70),
                                   span("b", "root", 20, 40)};
  const std::vector<Piece> expected = {{"root", 0, 10}, {"a", 10, 80}, {"root", 80, 100}};
  EXPECT_EQ(pieces(spans), expected);
}

TEST(CriticalPath, AChildOverflowingItsParentIsClippedAndOneOutsideIsDropped) {
  // a starts before the root and ends inside it; b lies wholly after the root's end (clock skew).
  const std::vector<Span> spans = {span("root", "", 100, 100), span("a", "root", 50, 100),
                                   span("b", "root", 300, 10)};
  const std::vector<Piece> expected = {{"a", 100, 150}, {"root", 150, 200}};
  EXPECT_EQ(pieces(spans), expected);
}

TEST(CriticalPath, EmptyAndCyclicInputsEndWithoutHanging) {
  EXPECT_TRUE(critical_path({}).empty());
  // x and y name each other as parents: no root among them, so only the real root counts.
  const std::vector<Span> spans = {span("root", "", 0, 10), span("x", "y", 1, 2), span("y", "x", 3, 2)};
  const std::vector<Piece> expected = {{"root", 0, 10}};
  EXPECT_EQ(pieces(spans), expected);
}

}  // namespace
}  // namespace tinkr::analysis
