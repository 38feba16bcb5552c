// known_names.cpp: see known_names.hpp.
#include "known_names.hpp"

#include <tinkr/sdk/error.hpp>

#include <string>

namespace tinkr::local {
namespace {

constexpr int kListed = 20;  // names quoted in an error at most

bool exists(Connection& connection, std::string_view sql, std::string_view first,
            std::string_view second = {}) {
  Statement stmt(connection, sql);
  if (!first.empty()) stmt.bind_text(1, first);
  if (!second.empty()) stmt.bind_text(2, second);
  return stmt.step();
}

std::string listed(Connection& connection, std::string_view sql, std::string_view bound = {}) {
  Statement stmt(connection, sql);
  if (!bound.empty()) stmt.bind_text(1, bound);
  std::string names;
  int count = 0;
  while (stmt.step()) {
    if (++count > kListed) return names + ", ...";
    names += (names.empty() ? "" : ", ") + std::string(stmt.column_text(0));
  }
  return names;
}

}  // namespace

void require_known_names(Connection& connection, const ir::Query& query) {
  const bool by_service = query.signal == ir::Signal::logs || query.signal == ir::Signal::log_groups ||
                          query.signal == ir::Signal::trace_search || query.signal == ir::Signal::metrics;
  if (!by_service || query.service.empty()) return;
  const std::string& service = query.service;
  const bool known = exists(connection,
                            "SELECT 1 WHERE EXISTS (SELECT 1 FROM logs WHERE service = ?1) OR EXISTS "
                            "(SELECT 1 FROM spans WHERE service = ?1) OR EXISTS "
                            "(SELECT 1 FROM metric_points WHERE service = ?1)",
                            service);
  if (!known) {
    const std::string services =
        listed(connection,
               "SELECT service FROM (SELECT DISTINCT service FROM logs UNION SELECT DISTINCT service FROM "
               "spans UNION SELECT DISTINCT service FROM metric_points) ORDER BY service LIMIT 21");
    throw sdk::Error(TINKR_NOT_FOUND,
                     "service '" + service + "' has no data in the local store (services: " + services + ")");
  }
  if (query.signal != ir::Signal::metrics) return;
  for (const auto& metric : query.metrics.names) {
    if (exists(connection, "SELECT 1 FROM metric_points WHERE service = ?1 AND metric = ?2 LIMIT 1", service,
               metric))
      continue;
    const std::string metrics = listed(
        connection, "SELECT DISTINCT metric FROM metric_points WHERE service = ?1 ORDER BY metric LIMIT 21",
        service);
    throw sdk::Error(TINKR_NOT_FOUND,
                     "metric '" + metric + "' not found for service '" + service + "' (" +
                         (metrics.empty() ? "it has no metrics" : "its metrics: " + metrics) + ")");
  }
}

}  // namespace tinkr::local
