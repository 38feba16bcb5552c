// The seam between the Azure plugin's two halves: the backend (options, identity, tokens, HTTPS; see
// backend/ and auth/) and the query path (lowering to KQL / Metrics REST, decoding; see lower/,
// decode/, traces/, metrics/). Lowering is pure: IR + context -> RequestPlan values that tests compare
// without HTTP. Only Transport does I/O.
#pragma once

#include "common/piece_source.hpp"

#include <tinkr/sdk/host.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::azure {

/// Service endpoints of one cloud (public, usgov, china), each overridable in the profile. No
/// trailing slash.
struct Endpoints {
  std::string log_analytics;  // https://api.loganalytics.io
  std::string arm;            // https://management.azure.com
  std::string authority;      // https://login.microsoftonline.com
  std::string imds;           // http://169.254.169.254
};

/// Token audiences (the scope's resource) a request may need.
enum class Audience { log_analytics, arm };

/// Log Analytics answers at most 500,000 rows and about 64 MB per query. A logs query asking for more
/// than slice_above_rows first counts its rows per time bin, then is fetched in time slices that each
/// fit row_cap and byte_budget, concurrency at a time (lower/sliced_logs.hpp).
struct SliceSettings {
  int64_t max_rows = 10'000'000;            // a larger limit is refused, naming the option max_rows
  int64_t row_cap = 500'000;                // the service's row cap (lowered in tests)
  int64_t slice_above_rows = 50'000;        // below this, one query as before
  int64_t byte_budget = int64_t{32} << 20;  // estimated bytes per slice: half of max_answer_bytes
  int concurrency = 3;
};

/// How a Log Analytics table is billed and queried: Analytics (the default), or Basic and Auxiliary,
/// which are queried through the /search endpoint with fewer operators, a required timespan and a
/// shorter reach, and billed per GB scanned (lower/table_plan.hpp).
enum class TablePlan { analytics, basic, auxiliary };

/// The tables the profile names as Basic or Auxiliary (options basic_tables, auxiliary_tables).
struct TablePlans {
  std::vector<std::string> basic;
  std::vector<std::string> auxiliary;
};

/// Everything lowering needs besides the IR. Values come from the profile, never from a clock or
/// the environment inside lowering.
struct QueryContext {
  std::string workspace_id;
  std::string subscription_id;
  std::string resource_group;
  Endpoints endpoints;
  int64_t now_ns = 0;
  int server_timeout_seconds = 180;  // Log Analytics' own limit, sent as Prefer: wait=N
  SliceSettings slices;
  int64_t max_answer_bytes = int64_t{64} << 20;
  // The query's own asks (ir::Query::no_cache, statistics), for every Log Analytics request it makes:
  // Cache-Control: no-cache and Prefer: include-statistics=true.
  bool no_cache = false;
  bool statistics = false;
  TablePlans table_plans;
  // Set for one query over a Basic or Auxiliary table: its requests go to /search, not /query.
  bool search_endpoint = false;
};

/// One HTTP request the plugin will send, before authentication.
struct RequestPlan {
  std::string method = "GET";
  std::string url;
  std::vector<sdk::HttpHeader> headers;
  std::string body;
  Audience audience = Audience::log_analytics;
  std::string kql;  // the KQL inside body, for explain and tests; empty for REST calls
};

/// One answer in flight (Transport::open): its status and headers once they arrive, then a success's
/// body pulled piece by piece, its Content-Encoding undone, from the thread that opened it. Destroying
/// it before the body's end ends the transfer.
class Answer : public PieceSource {
 public:
  /// Waits for the answer and returns its status and headers; the body of any status but a success
  /// (2xx) is whole in it, inflated. Throws sdk::Error when no answer could be had.
  virtual const sdk::HttpResponse& head() = 0;
  /// The next piece of a success's body (calls head() first); empty at its end, and at once for any
  /// other status.
  std::string_view next_piece() override = 0;
};

/// Sends a plan with a bearer token for its audience (attached only to the configured cloud's hosts).
/// Throws sdk::Error when no response could be had.
class Transport {
 public:
  virtual ~Transport() = default;
  /// Sends plan and returns once it is sent, so that several answers can be in flight at once; the
  /// answer is then pulled through the result.
  virtual std::unique_ptr<Answer> open(const RequestPlan& plan, const sdk::CallContext& call) = 0;
  /// The whole answer at once, whatever its status.
  sdk::HttpResponse send(const RequestPlan& plan, const sdk::CallContext& call) {
    auto answer = open(plan, call);
    sdk::HttpResponse response = answer->head();
    for (auto piece = answer->next_piece(); !piece.empty(); piece = answer->next_piece())
      response.body.append(piece);
    return response;
  }
};

}  // namespace tinkr::azure
