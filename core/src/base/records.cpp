// Names of record enums.
#include "tinkr/records.hpp"

namespace tinkr {

std::string_view to_string(SpanStatus status) noexcept {
  switch (status) {
    case SpanStatus::ok:
      return "ok";
    case SpanStatus::error:
      return "error";
    case SpanStatus::unset:
      break;
  }
  return "unset";
}

}  // namespace tinkr
