// The canonical span fields in AppRequests (and AppDependencies): the FieldMap trace search lowers
// filters with.
//   status eq "error"  -> Success == false        duration gt 500000000 -> DurationMs > 500
//   kind eq "server"   -> true (every request is a server span)
#pragma once

#include "kql/filter.hpp"

namespace tinkr::azure::traces {

class SpanFieldMap : public kql::FieldMap {
 public:
  /// table: "AppRequests" (kind server) or "AppDependencies" (kind client).
  explicit SpanFieldMap(std::string_view table);
  kql::FieldRef resolve(std::string_view field) const override;

 private:
  std::string_view table_;
  std::string_view kind_;
};

}  // namespace tinkr::azure::traces
