// Fuzz target: OTLP/JSON ingest (`tinkr ingest FILE`, one Export*ServiceRequest per line) into the
// local backend's tables, on an in-memory database. A bad line must be an error naming it, with
// nothing of the input stored.
#include "otlp_ingest.hpp"
#include "schema.hpp"
#include "sqlite.hpp"

#include <tinkr/sdk/error.hpp>

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using namespace tinkr;

local::Connection& database() {
  static local::Connection* connection = [] {
    auto* c = new local::Connection(":memory:", local::Connection::Mode::read_write_create);
    local::ensure_schema(*c);
    return c;
  }();
  return *connection;
}

int64_t rows(local::Connection& db) {
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db.raw(),
                     "SELECT (SELECT count(*) FROM logs) + (SELECT count(*) FROM spans) + "
                     "(SELECT count(*) FROM metric_points)",
                     -1, &statement, nullptr);
  sqlite3_step(statement);
  const int64_t n = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto& db = database();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto counts = local::ingest_otlp_json(db, "fuzz.jsonl", text);
    if (rows(db) != counts.logs + counts.spans + counts.metric_points)
      std::abort();  // counts are what is stored
    db.exec("DELETE FROM logs; DELETE FROM spans; DELETE FROM metric_points;");
  } catch (const sdk::Error&) {
    if (rows(db) != 0) std::abort();  // all or nothing: a refused input leaves no row behind
  }
  return 0;
}
