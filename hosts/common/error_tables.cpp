// Lookups in the error-class table.
#include "common/error_tables.hpp"

namespace tinkr::host {
namespace {

const ErrorClass& class_of(Error::Code code) {
  for (const auto& row : kErrorClasses)
    if (row.code == code) return row;
  return kErrorClasses[0];
}

}  // namespace

int exit_code_for(Error::Code code) {
  return class_of(code).exit_code;
}

int http_status_for(Error::Code code) {
  return class_of(code).http_status;
}

Error::Code code_for_http_status(int status) {
  if (status == 413) return Error::Code::invalid_query;
  if (status == 503) return Error::Code::throttled;
  for (const auto& row : kErrorClasses)
    if (row.http_status == status && row.code != Error::Code::plugin_abi && row.code != Error::Code::config)
      return row.code;
  if (status >= 400 && status < 500) return Error::Code::invalid_query;
  return status >= 500 ? Error::Code::upstream_unavailable : Error::Code::internal;
}

std::string exit_code_table() {
  std::string text = "Exit codes:\n  0    success\n  2    usage error (bad flags or arguments)\n";
  for (const auto& row : kErrorClasses) {
    std::string code = std::to_string(row.exit_code);
    code.resize(5, ' ');
    text += "  " + code + std::string(to_string(row.code)) + ": " + std::string(row.meaning) + "\n";
  }
  text += "  " + std::to_string(kExitPartial) +
          "   partial: results printed, but the backend said part is missing or the answer was cut short\n";
  return text;
}

}  // namespace tinkr::host
