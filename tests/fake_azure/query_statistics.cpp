// The statistics member of a Log Analytics answer; see query_statistics.hpp.
#include "query_statistics.hpp"

#include <string>

namespace tinkr::fake_azure {

namespace {

// executionTime 0.25 s; cpu 1.5 s; shards: hot hit 1,024,000 + miss 24,000, cold hit 4,096 + miss 512,
// bypass 100 (1,052,708 bytes in all); rows 4,200 of 5,000 scanned; extents 7 of 10.
constexpr const char* kStatistics =
    R"(,"statistics":{"query":{"executionTime":0.25,"resourceUsage":{"cache":{"memory":{"hits":3,)"
    R"("misses":1,"total":4},"disk":{"hits":0,"misses":0,"total":0},"shards":{"hot":{"hitbytes":1024000,)"
    R"("missbytes":24000,"retrievebytes":0},"cold":{"hitbytes":4096,"missbytes":512,"retrievebytes":0},)"
    R"("bypassbytes":100}},"cpu":{"user":"00:00:01.2500000","kernel":"00:00:00.2500000",)"
    R"("totalCpu":"00:00:01.5000000"},"memory":{"peakPerNode":524384},"network":{)"
    R"("interClusterTotalBytes":1824,"crossClusterTotalBytes":0}},"inputDatasetStatistics":{"extents":{)"
    R"("total":10,"scanned":7,"scannedMinDatetime":"2026-11-25T09:00:00.0000000Z",)"
    R"("scannedMaxDatetime":"2026-11-25T10:00:00.0000000Z"},"rows":{"total":5000,"scanned":4200},)"
    R"("rowstores":{"scannedRows":0,"scannedValuesSize":0},"shards":{"queriesGeneric":1,)"
    R"("queriesSpecialized":0}},"datasetStatistics":[{"tableRowCount":12,"tableSize":3456}],)"
    R"("crossClusterResourceUsage":{}}})";

}  // namespace

void add_query_statistics(const RecordedRequest& request, FakeResponse& response) {
  const bool log_analytics =
      request.route == Route::log_analytics_query || request.route == Route::log_analytics_search;
  if (!log_analytics || response.status != 200) return;
  if (request.header("Prefer").find("include-statistics=true") == std::string_view::npos) return;
  for (const auto& [name, value] : response.headers)
    if (name == "Content-Encoding") return;
  const auto end = response.body.find_last_not_of(" \t\r\n");
  if (end == std::string::npos || response.body[end] != '}' || response.body.front() != '{') return;
  response.body.insert(end, kStatistics);
}

}  // namespace tinkr::fake_azure
