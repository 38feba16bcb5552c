// The SDK's records are views that the sink copies during emit; these tests hold the line that makes
// them hard to dangle: a record field refuses a temporary std::string (or a series a temporary
// vector of points), which would be destroyed before the host copies it (issue 13, item 5: the mock
// plugin's `r.service = q.service.empty() ? "mock-service" : q.service;` read freed stack memory).
#include <tinkr/sdk/records.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tinkr::sdk {
namespace {

template <typename Field>
constexpr bool refuses_temporaries() {
  return !std::is_assignable_v<Field&, std::string> && !std::is_assignable_v<Field&, std::string&&> &&
         !std::is_constructible_v<Field, std::string>;
}

template <typename Field>
constexpr bool takes_lasting_text() {
  return std::is_assignable_v<Field&, const std::string&> && std::is_assignable_v<Field&, std::string&> &&
         std::is_assignable_v<Field&, std::string_view> && std::is_assignable_v<Field&, const char*>;
}

TEST(SdkRecords, StringFieldsRefuseATemporaryString) {
  EXPECT_TRUE(refuses_temporaries<decltype(LogRecord::service)>()) << "LogRecord::service";
  EXPECT_TRUE(refuses_temporaries<decltype(LogRecord::body)>()) << "LogRecord::body";
  EXPECT_TRUE(refuses_temporaries<decltype(MetricSeries::dimensions_json)>())
      << "MetricSeries::dimensions_json";
  EXPECT_TRUE(refuses_temporaries<decltype(Span::attributes_json)>()) << "Span::attributes_json";
  EXPECT_TRUE(refuses_temporaries<decltype(TraceSummary::trace_id)>()) << "TraceSummary::trace_id";
  EXPECT_TRUE(refuses_temporaries<decltype(Column::name)>()) << "Column::name";
}

TEST(SdkRecords, StringFieldsTakeStringsThatOutliveTheEmit) {
  EXPECT_TRUE(takes_lasting_text<decltype(LogRecord::service)>());
  EXPECT_TRUE(takes_lasting_text<decltype(Span::name)>());
  EXPECT_TRUE(takes_lasting_text<decltype(Column::type)>());
}

TEST(SdkRecords, PointsRefuseATemporaryVector) {
  using Field = decltype(MetricSeries::points);
  EXPECT_FALSE((std::is_assignable_v<Field&, std::vector<MetricPoint>>));
  EXPECT_TRUE((std::is_assignable_v<Field&, const std::vector<MetricPoint>&>));
  EXPECT_TRUE((std::is_assignable_v<Field&, std::span<const MetricPoint>>));
}

TEST(SdkRecords, TextReadsAndComparesAsAStringView) {
  const std::string kept = "payments-api";
  LogRecord r;
  r.service = kept;
  r.body = "literal";
  r.trace_id = std::string_view(kept).substr(0, 8);
  EXPECT_EQ(r.service, "payments-api");
  EXPECT_EQ(r.body.size(), 7u);
  EXPECT_EQ(r.trace_id, std::string_view("payments"));
  EXPECT_EQ(std::string(r.service), kept);
  EXPECT_TRUE(LogRecord{}.body.empty());
}

TEST(SdkRecords, TheSinkHandsTheHostTheBytesOfEveryField) {
  struct Seen {
    std::string service, body;
  } seen;
  tinkr_sink raw{};
  raw.struct_size = sizeof raw;
  raw.ctx = &seen;
  raw.log_record = [](void* ctx, const tinkr_log_record* c) {
    auto& s = *static_cast<Seen*>(ctx);
    s.service.assign(c->service.ptr, c->service.len);
    s.body.assign(c->body.ptr, c->body.len);
    return int32_t{TINKR_OK};
  };
  Sink sink(&raw);
  const std::string body = "connection timeout";
  const std::string service;
  LogRecord r;
  r.body = body;
  r.service = service.empty() ? std::string_view("default-service") : std::string_view(service);
  ASSERT_TRUE(sink.emit(r));
  EXPECT_EQ(seen.service, "default-service");
  EXPECT_EQ(seen.body, "connection timeout");
}

// ABI 1.3's notice: passed on by a 1.3 host's sink, never read past the end of an older host's.
TEST(SdkRecords, ANoticeReachesA1_3HostAndIsDroppedByAnOlderOne) {
  struct Seen {
    std::string kind, text;
  } seen;
  tinkr_sink raw{};
  raw.struct_size = sizeof raw;
  raw.ctx = &seen;
  raw.notice = [](void* ctx, tinkr_str kind, tinkr_str text) {
    auto& s = *static_cast<Seen*>(ctx);
    s.kind.assign(kind.ptr, kind.len);
    s.text.assign(text.ptr, text.len);
    return int32_t{TINKR_OK};
  };
  Sink sink(&raw);
  EXPECT_TRUE(sink.notice("statistics", R"({"cpu_ns":1})"));
  EXPECT_EQ(seen.kind, "statistics");
  EXPECT_EQ(seen.text, R"({"cpu_ns":1})");

  seen = {};
  raw.struct_size = offsetof(tinkr_sink, notice);  // a 1.2 host's sink ends before it
  Sink older(&raw);
  EXPECT_TRUE(older.notice("info", "cached")) << "dropped, not a stop";
  EXPECT_TRUE(seen.kind.empty()) << "read past the sink's struct_size";
  EXPECT_FALSE(older.stopped());
}

}  // namespace
}  // namespace tinkr::sdk
