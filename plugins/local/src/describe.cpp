// describe.cpp: what the local backend can do, in the capabilities format every plugin shares
// (docs/plugin-abi.md). Every operator it pushes down is evaluated in SQL with the core's meaning
// (tests/unit/plugins/local compares both on the same records), so all are exact; `matches` too, since its
// SQL REGEXP is RE2, the core's regex engine (docs/query-language.md, "Regular expressions").
#include "local_backend.hpp"

namespace tinkr::local {

std::string LocalBackend::describe() {
  return R"({"name":"local","version":")" + std::string(kVersion) +
         R"(","description":"Local embedded store on SQLite: OTLP/JSON ingest, queries with no cloud account",)"
         R"("signals":["logs","metrics","trace_search","trace_get","native"],)"
         R"("native_language":"sql","metric_percentiles":true,"schema":true,"log_groups":true,)"
         R"("pushdown":{"fields":["time","severity","body","service","trace_id","span_id","attributes.*","name",)"
         R"("duration","status","status_code","kind","parent_span_id"],)"
         R"("operators":["eq","ne","lt","le","gt","ge","in","contains","startswith","matches","exists"],)"
         R"("exact_operators":["eq","ne","lt","le","gt","ge","in","contains","startswith","matches","exists"],)"
         R"("text_search":true,"or":true,"not":true,"order":true,"limit":true,"max_limit":0},)"
         R"("resource_types":[],)"
         R"("options":{"path":{"required":false,"default":"~/.tinkr/local.db",)"
         R"("description":"the database file; created with its schema when missing"},)"
         R"("read_only":{"required":false,"default":false,"description":"open for queries only; ingest refused"}}})";
}

}  // namespace tinkr::local
