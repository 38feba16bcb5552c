// Fuzz target: Azure Monitor Metrics answers and ARM resource-list pages, the two bodies the Azure
// plugin reads for `tinkr metrics`. The first byte picks which.
#include "checking_sink.hpp"
#include "metrics/catalog.hpp"
#include "metrics/decode_metrics.hpp"
#include "metrics/lower_metrics.hpp"
#include "metrics/resource_resolver.hpp"

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/records.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace tinkr;
using namespace tinkr::azure;

const metrics::MetricsPlan& a_plan() {
  static const metrics::MetricsPlan plan = [] {
    metrics::MetricsPlan p;
    for (const char* name : {"requests", "http5xx", "responseTime", "BlobCount"})
      p.metrics.push_back({name,
                           metrics::map_metric(metrics::ResourceKind::web_app, name),
                           {ir::Aggregation::avg, ir::Aggregation::max, ir::Aggregation::sum}});
    p.metrics.push_back({"cpu", metrics::map_metric(metrics::ResourceKind::web_app, "cpu"), {}});
    p.interval_ns = 60'000'000'000;
    return p;
  }();
  return plan;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    if (data[0] % 2 == 0) {
      fuzz::CheckingSink checking;
      sdk::Sink sink(checking.raw());
      metrics::emit_metric_series(body, a_plan(), "shop-web", sink);
      (void)metrics::parse_iso_duration(body);
    } else {
      std::string next_link;
      const auto resources = metrics::parse_resource_page(body, next_link);
      if (!resources.empty()) (void)metrics::pick_resource(resources, "shop-web", "", "rg-shop");
    }
  } catch (const sdk::Error&) {
    // A body that is not such an answer is an error with a message: the expected way out.
  }
  return 0;
}
