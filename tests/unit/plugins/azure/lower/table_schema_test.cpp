// `tinkr schema TABLE` on Azure (lower/table_schema.hpp): the metadata request, the table's columns
// with its plan from the profile, a table name checked before anything is sent, and an unknown table
// not found with the name that differs only in case.
#include "lower/table_schema.hpp"
#include "plan_cases.hpp"
#include "recording_sink.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

namespace tinkr::azure {
namespace {

ir::Query schema_of(std::string table) {
  ir::Query query;
  query.signal = ir::Signal::schema;
  query.table = std::move(table);
  return query;
}

constexpr std::string_view kMetadata =
    R"({"tables":[{"id":"t/AppTraces","name":"AppTraces","columns":[{"name":"TimeGenerated","type":"datetime"}]},)"
    R"({"id":"t/ContainerLogV2","name":"ContainerLogV2","timespanColumn":"TimeGenerated","columns":[)"
    R"({"name":"TimeGenerated","type":"datetime"},{"name":"LogMessage","type":"dynamic"}]}],"functions":[]})";

TEST(TableSchema, TheRequestIsTheWorkspacesMetadataAndTheNameIsCheckedFirst) {
  const QueryContext context = testing::test_context();
  const RequestPlan plan = lower_table_schema(schema_of("ContainerLogV2"), context);
  EXPECT_EQ(plan.method, "GET");
  EXPECT_EQ(plan.url,
            context.endpoints.log_analytics + "/v1/workspaces/" + context.workspace_id + "/metadata");
  try {
    lower_table_schema(schema_of("AppTraces | take 1"), context);
    FAIL() << "a name no table can have was accepted";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_INVALID_QUERY);
    EXPECT_NE(e.message().find("'AppTraces | take 1' is not a Log Analytics table name"), std::string::npos);
  }
}

TEST(TableSchema, ColumnsComeWithThePlanTheProfileGivesTheTable) {
  QueryContext context = testing::test_context();
  context.table_plans.basic = {"ContainerLogV2"};
  testing::RecordingSink recording;
  emit_schema_from_metadata(kMetadata, schema_of("ContainerLogV2"), context, recording.sink());
  ASSERT_EQ(recording.table_columns.size(), 1u);
  EXPECT_EQ(recording.table_columns[0],
            (std::vector<std::string>{"table:string", "plan:string", "column:string", "type:string"}));
  ASSERT_EQ(recording.rows.size(), 2u);
  EXPECT_EQ(recording.rows[1],
            (std::vector<std::optional<std::string>>{"ContainerLogV2", "Basic", "LogMessage", "dynamic"}));
  testing::RecordingSink analytics;
  emit_schema_from_metadata(kMetadata, schema_of("AppTraces"), context, analytics.sink());
  ASSERT_EQ(analytics.rows.size(), 1u);
  EXPECT_EQ(analytics.rows[0][1], "Analytics");
}

TEST(TableSchema, AnUnknownTableIsNotFoundAndACaseSlipIsSuggested) {
  testing::RecordingSink recording;
  try {
    emit_schema_from_metadata(kMetadata, schema_of("containerlogv2"), testing::test_context(),
                              recording.sink());
    FAIL() << "no error";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_NOT_FOUND);
    EXPECT_NE(e.message().find("table 'containerlogv2' is not in the workspace's metadata; table names are "
                               "case-sensitive: did you mean 'ContainerLogV2'?"),
              std::string::npos)
        << e.message();
  }
  try {
    emit_schema_from_metadata(R"({"value":[]})", schema_of("AppTraces"), testing::test_context(),
                              recording.sink());
    FAIL() << "no error";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_UPSTREAM_UNAVAILABLE);
  }
}

}  // namespace
}  // namespace tinkr::azure
