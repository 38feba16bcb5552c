// The one table that maps each error class to the CLI's exit code and the server's HTTP status.
// `tinkr --help`, docs/cli.md and docs/server.md print the same table.
#pragma once

#include <tinkr/error.hpp>

#include <string>
#include <string_view>

namespace tinkr::host {

struct ErrorClass {
  Error::Code code;
  int exit_code;
  int http_status;
  std::string_view meaning;
};

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;  // a command line CLI11 refused
// Some results printed, but not all: the backend said part is missing, or the answer was cut short.
inline constexpr int kExitPartial = 13;

/// One row per error code, in exit-code order.
inline constexpr ErrorClass kErrorClasses[] = {
    {Error::Code::internal, 1, 500, "internal error (a bug)"},
    {Error::Code::invalid_query, 3, 400, "the query is invalid"},
    {Error::Code::unsupported, 4, 422, "the backend cannot answer this query"},
    {Error::Code::not_found, 5, 404, "not found (service, metric, trace, route)"},
    {Error::Code::unauthenticated, 6, 401, "no valid credentials"},
    {Error::Code::forbidden, 7, 403, "credentials lack the permission"},
    {Error::Code::throttled, 8, 429, "throttled by the backend or server"},
    {Error::Code::upstream_unavailable, 9, 502, "the backend is unreachable or failing"},
    {Error::Code::timeout, 10, 504, "the query ran out of time"},
    {Error::Code::plugin_abi, 11, 500, "a plugin could not be loaded"},
    {Error::Code::config, 12, 500, "the configuration is invalid"},
    // After invalid_query, so that a bare 400 still reads as invalid_query.
    {Error::Code::invalid_data, 14, 400, "the input data is invalid (a file given to ingest)"},
    {Error::Code::cancelled, 130, 499, "cancelled (Ctrl-C)"},
};

int exit_code_for(Error::Code code);
int http_status_for(Error::Code code);

/// The error code a bare HTTP status stands for (a reply without an error body).
Error::Code code_for_http_status(int status);

/// The exit-code table as text, for `tinkr --help`.
std::string exit_code_table();

}  // namespace tinkr::host
