// run_native_query's read-only check: Kusto management commands and SQL other than SELECT/WITH are
// refused before anything is sent, whatever comments or strings surround them.
#include "mcp/tools/native_guard.hpp"

#include <gtest/gtest.h>

namespace tinkr::mcp {
namespace {

TEST(NativeGuard, KqlQueriesPassAndManagementCommandsAreRefused) {
  for (const char* ok : {"AppRequests | take 3", "let x = 1;\nAppTraces | where Message has \".drop\"",
                         "print s = '; .set'", "// .ingest in a comment\nAppTraces | count"})
    EXPECT_TRUE(check_read_only("kql", ok)) << ok;
  for (const char* bad :
       {".drop table AppRequests", "  .set-or-append T <| print 1",
        "// note\n.ingest inline into table T <| 1", "print 1; .drop table T", ".show tables"}) {
    auto result = check_read_only("kql", bad);
    ASSERT_FALSE(result) << bad;
    EXPECT_NE(result.error().message().find("management command"), std::string::npos)
        << result.error().message();
  }
}

TEST(NativeGuard, SqlMustBeOneSelectOrWith) {
  for (const char* ok : {"SELECT 1", "  with t as (select 1) select * from t", "-- c\nSELECT ';' AS x",
                         "/* DELETE */ select 'a;b'", "SELECT 1;"})
    EXPECT_TRUE(check_read_only("sql", ok)) << ok;
  for (const char* bad : {"DELETE FROM logs", "PRAGMA writable_schema = 1", "SELECT 1; DROP TABLE logs",
                          "ATTACH 'x.db' AS x", "", "  -- only a comment"}) {
    EXPECT_FALSE(check_read_only("sql", bad)) << bad;
  }
}

TEST(NativeGuard, ALanguageWithoutACheckIsRefused) {
  auto result = check_read_only("promql", "up");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::unsupported);
}

}  // namespace
}  // namespace tinkr::mcp
