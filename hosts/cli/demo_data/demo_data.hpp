// demo_data.hpp: a realistic hour of telemetry for `tinkr demo`, as OpenTelemetry's OTLP/JSON lines
// (one Export{Logs,Trace,Metrics}ServiceRequest per line, as the Collector's file exporter writes).
//
// Services: checkout (the entry point) calls inventory and payments-api; payments-api queries its
// database, orders-db (client spans with db.system). Every request leaves spans, log records with
// its trace id, and per-minute metrics. An incident sits in the hour: orders-db slows down and times
// out, so payments-api answers 503 and logs errors (an error burst), its latency spikes, and checkout
// reports the failing downstream call. The same seed and now give the same bytes; another now gives
// other trace and span ids, so running the demo twice never puts two traces under one id.
#pragma once

#include <cstdint>
#include <string>

namespace tinkr::demo {

/// What goes wrong in the incident window. orders_db: orders-db slows down and times out, so
/// payments-api answers 503 (the demo's story). inventory_outage: inventory's stock cache fails, so
/// inventory answers 503 after retrying, and checkout gives up on the order with 503: another
/// service, another error, the same report expected to find it.
enum class Fault { orders_db, inventory_outage };

struct DemoOptions {
  int64_t now_ns = 0;                       // the end of the hour (Unix nanoseconds)
  uint64_t seed = 42;                       // same seed + same now = same output
  int64_t duration_ns = 3'600'000'000'000;  // how much history to write
  double requests_per_second = 2.0;         // checkout's traffic outside the incident
  Fault fault = Fault::orders_db;
};

/// When the incident happens, for tests and for the demo's narration.
struct Incident {
  int64_t start_ns = 0;
  int64_t end_ns = 0;
};

struct DemoSummary {
  int64_t lines = 0;
  int64_t requests = 0;  // traces
  int64_t logs = 0;
  int64_t spans = 0;
  int64_t metric_points = 0;
  Incident incident;
};

/// The incident window for a given end of the hour: from 25 to 13 minutes before now.
Incident incident_window(int64_t now_ns);

/// Appends the telemetry as OTLP/JSON lines to `out` (each ends with '\n') and says what it wrote.
DemoSummary generate_demo(const DemoOptions& options, std::string& out);

}  // namespace tinkr::demo
