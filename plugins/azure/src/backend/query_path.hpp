// Where the backend's query path comes from: azure-query's lower/run_query.hpp (issue 5) when it is
// in the tree, otherwise the temporary native-KQL stopgap. One include, so that the switch (and, once
// the real one has landed, removing the stopgap) touches nothing else.
#pragma once

#if __has_include("lower/run_query.hpp")
#include "lower/run_query.hpp"
namespace tinkr::azure::query_path {
using ::tinkr::azure::capabilities_json;
using ::tinkr::azure::explain_query;
using ::tinkr::azure::run_query;
}  // namespace tinkr::azure::query_path
#else
#include "backend/native_kql_stopgap.hpp"
namespace tinkr::azure::query_path {
using ::tinkr::azure::stopgap::capabilities_json;
using ::tinkr::azure::stopgap::explain_query;
using ::tinkr::azure::stopgap::run_query;
}  // namespace tinkr::azure::query_path
#endif
