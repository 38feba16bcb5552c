// demo_data.cpp: the demo's scenario (see demo_data.hpp). Requests are made in time order; each
// minute's spans, logs and metrics are written as one line per service and signal.
#include "demo_data.hpp"

#include "otlp_json.hpp"
#include "random.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace tinkr::demo {

namespace {

constexpr int64_t kMs = 1'000'000;
constexpr int64_t kMinute = 60'000 * kMs;
constexpr const char* kServices[] = {"checkout", "inventory", "payments-api"};
const std::vector<double> kLatencyBoundsMs = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

struct RouteStats {
  std::vector<double> durations_ms;
  std::map<int64_t, uint64_t> by_status;
};

class Generator {
 public:
  Generator(const DemoOptions& options, std::string& out)
      : options_(options),
        rng_(options.seed),
        ids_(options.seed ^ (static_cast<uint64_t>(options.now_ns) * 0x9E3779B97F4A7C15ull)),
        incident_(incident_window(options.now_ns)),
        out_(out) {
    summary_.incident = incident_;
  }

  DemoSummary run() {
    const int64_t from = options_.now_ns - options_.duration_ns;
    minute_ = from / kMinute;
    const double mean_gap_ns = 1e9 / options_.requests_per_second;
    int64_t next_health = from;
    for (int64_t t = from + static_cast<int64_t>(rng_.exponential(mean_gap_ns)); t < options_.now_ns;
         t += 1 + static_cast<int64_t>(rng_.exponential(mean_gap_ns))) {
      advance_to(t);
      while (next_health <= t) {
        log("payments-api", next_health, 9, "INFO", "health check ok", {}, {},
            {{"http.route", std::string("/healthz")}});
        next_health += 30'000 * kMs;
      }
      checkout(t);
    }
    flush_minute();
    return summary_;
  }

 private:
  bool in_incident(int64_t t) const { return t >= incident_.start_ns && t < incident_.end_ns; }

  void advance_to(int64_t t) {
    while (t / kMinute != minute_) {
      flush_minute();
      ++minute_;
    }
  }

  DemoSpan& span(const std::string& service, const std::string& trace, const std::string& parent,
                 std::string name, SpanKind kind, int64_t start) {
    auto& list = spans_[service];
    list.push_back(
        {trace, ids_.hex(16), parent, std::move(name), kind, start, start, SpanStatus::unset, {}, {}, {}});
    ++summary_.spans;
    return list.back();
  }

  void log(const std::string& service, int64_t t, int severity, const char* text, std::string body,
           const std::string& trace, const std::string& span_id, Attributes attributes) {
    logs_[service].push_back({t, severity, text, std::move(body), trace, span_id, std::move(attributes)});
    ++summary_.logs;
  }

  void served(const std::string& service, const std::string& route, int64_t status, int64_t duration_ns) {
    auto& stats = routes_[{service, route}];
    stats.durations_ms.push_back(static_cast<double>(duration_ns) / kMs);
    ++stats.by_status[status];
  }

  // GET /inventory/{sku}: a fast lookup that sometimes finds nothing. In an inventory outage its stock
  // cache often fails: three tries, then 503.
  std::pair<int64_t, int64_t> inventory(const std::string& trace, const std::string& parent, int64_t start,
                                        const std::string& sku) {
    int64_t duration = static_cast<int64_t>(rng_.lognormal(12, 0.4) * kMs);
    const bool outage = options_.fault == Fault::inventory_outage && in_incident(start) && rng_.chance(0.4);
    const bool missing = !outage && rng_.chance(0.01);
    const int64_t status = outage ? 503 : missing ? 404 : 200;
    if (outage) duration = 3 * 100 * kMs + static_cast<int64_t>(rng_.lognormal(20, 0.3) * kMs);
    DemoSpan& s = span("inventory", trace, parent, "GET /inventory/{sku}", SpanKind::server, start);
    s.end_ns = start + duration;
    s.attributes = {{"http.request.method", std::string("GET")},
                    {"http.route", std::string("/inventory/{sku}")},
                    {"http.response.status_code", status},
                    {"inventory.sku", sku}};
    const std::string id = s.span_id;
    if (outage) {
      s.status = SpanStatus::error;
      s.status_message = "stock-cache unavailable";
      s.events.push_back({s.end_ns,
                          "exception",
                          {{"exception.type", std::string("UpstreamUnavailable")},
                           {"exception.message", std::string("stock-cache returned 503 after 3 tries")}}});
      log("inventory", start + duration, 17, "ERROR",
          "stock lookup failed for sku " + sku + ": stock-cache returned 503 after 3 tries", trace, id,
          {{"inventory.sku", sku}, {"peer.service", std::string("stock-cache")}});
    } else if (missing) {
      log("inventory", start + duration / 2, 13, "WARN", "sku " + sku + " not found", trace, id,
          {{"inventory.sku", sku}});
    } else {
      log("inventory", start + duration / 2, 5, "DEBUG", "stock checked for sku " + sku, trace, id,
          {{"inventory.sku", sku}});
    }
    served("inventory", "/inventory/{sku}", status, duration);
    return {start + duration, status};
  }

  // A query to orders-db; during the incident it is slow and often times out. Returns its end, or
  // -1 after a timeout.
  int64_t database(const std::string& trace, const std::string& parent, int64_t start, const char* statement,
                   const char* table, bool& timed_out) {
    int64_t duration = static_cast<int64_t>(rng_.lognormal(4, 0.5) * kMs);
    timed_out = false;
    if (options_.fault == Fault::orders_db && in_incident(start)) {
      timed_out = rng_.chance(0.35);
      duration = timed_out ? 2000 * kMs + rng_.between(0, 30) * kMs
                           : static_cast<int64_t>(rng_.lognormal(900, 0.5) * kMs);
    }
    DemoSpan& s =
        span("payments-api", trace, parent, std::string(statement) + " " + table, SpanKind::client, start);
    s.end_ns = start + duration;
    s.attributes = {{"db.system", std::string("postgresql")},
                    {"db.name", std::string("orders")},
                    {"db.operation", std::string(statement)},
                    {"peer.service", std::string("orders-db")},
                    {"server.address", std::string("orders-db.internal")}};
    if (timed_out) {
      s.status = SpanStatus::error;
      s.status_message = "orders-db did not answer within 2000ms";
      s.events.push_back({s.end_ns,
                          "exception",
                          {{"exception.type", std::string("TimeoutError")},
                           {"exception.message", std::string("orders-db did not answer within 2000ms")}}});
    }
    return s.end_ns;
  }

  // POST /payments: two queries to orders-db, then the card is charged.
  std::pair<int64_t, int64_t> payments(const std::string& trace, const std::string& parent, int64_t start,
                                       const std::string& order, double amount) {
    DemoSpan& server = span("payments-api", trace, parent, "POST /payments", SpanKind::server, start);
    const std::string id = server.span_id;
    bool timed_out = false;
    int64_t t = database(trace, id, start + 1 * kMs, "SELECT", "orders", timed_out);
    int64_t status = 200;
    if (timed_out) {
      status = 503;
      log("payments-api", t, 17, "ERROR", "database timeout: orders-db did not answer within 2000ms", trace,
          id,
          {{"db.system", std::string("postgresql")},
           {"peer.service", std::string("orders-db")},
           {"order.id", order}});
    } else {
      if (t - start > 500 * kMs)
        log("payments-api", t, 13, "WARN",
            "slow query on orders-db: SELECT orders took " + std::to_string((t - start) / kMs) + "ms", trace,
            id, {{"peer.service", std::string("orders-db")}});
      t = database(trace, id, t + 1 * kMs, "INSERT", "payments", timed_out);
      if (timed_out) status = 503;
      if (timed_out)
        log("payments-api", t, 17, "ERROR", "database timeout: orders-db did not answer within 2000ms", trace,
            id,
            {{"db.system", std::string("postgresql")},
             {"peer.service", std::string("orders-db")},
             {"order.id", order}});
    }
    if (status == 200 && rng_.chance(0.01)) {
      status = 402;
      log("payments-api", t, 13, "WARN", "card declined for order " + order, trace, id,
          {{"order.id", order}});
    } else if (status == 200) {
      log("payments-api", t, 9, "INFO", "payment authorized for order " + order, trace, id,
          {{"order.id", order}, {"payment.amount", amount}, {"payment.currency", std::string("EUR")}});
    }
    t += static_cast<int64_t>(rng_.lognormal(8, 0.3) * kMs);
    // `server` may have moved while children were added: find it again by id.
    for (auto& s : spans_["payments-api"]) {
      if (s.span_id != id) continue;
      s.end_ns = t;
      s.status = status >= 500 ? SpanStatus::error : SpanStatus::unset;
      s.attributes = {{"http.request.method", std::string("POST")},
                      {"http.route", std::string("/payments")},
                      {"http.response.status_code", status},
                      {"order.id", order}};
    }
    served("payments-api", "/payments", status, t - start);
    return {t, status};
  }

  // POST /checkout: the user's request, calling inventory then payments-api.
  void checkout(int64_t t) {
    ++summary_.requests;
    const std::string trace = ids_.hex(32);
    const std::string order = "ord-" + std::to_string(100000 + summary_.requests);
    const std::string sku = "sku-" + std::to_string(rng_.between(1000, 1099));
    const double amount = static_cast<double>(rng_.between(500, 25000)) / 100.0;
    const std::string root = span("checkout", trace, "", "POST /checkout", SpanKind::server, t).span_id;

    const std::string inv_client =
        span("checkout", trace, root, "GET inventory", SpanKind::client, t + kMs).span_id;
    auto [inventory_end, stock] = inventory(trace, inv_client, t + 2 * kMs, sku);
    int64_t now = inventory_end + kMs;
    Attributes call_attributes = {{"peer.service", std::string("inventory")}};
    if (stock >= 500) call_attributes.emplace_back("http.response.status_code", stock);
    finish("checkout", inv_client, now, stock >= 500 ? SpanStatus::error : SpanStatus::unset,
           std::move(call_attributes));
    if (stock >= 500) {
      log("checkout", now, 17, "ERROR",
          "checkout aborted for order " + order + ": inventory returned " + std::to_string(stock) +
              " Service Unavailable",
          trace, root, {{"order.id", order}, {"peer.service", std::string("inventory")}});
      now += static_cast<int64_t>(rng_.lognormal(3, 0.3) * kMs);
      finish("checkout", root, now, SpanStatus::error,
             {{"http.request.method", std::string("POST")},
              {"http.route", std::string("/checkout")},
              {"http.response.status_code", int64_t{503}}});
      served("checkout", "/checkout", 503, now - t);
      return;
    }

    const std::string pay_client =
        span("checkout", trace, root, "POST payments-api", SpanKind::client, now + kMs).span_id;
    auto [end, status] = payments(trace, pay_client, now + 2 * kMs, order, amount);
    now = end + kMs;
    finish("checkout", pay_client, now, status >= 500 ? SpanStatus::error : SpanStatus::unset,
           {{"peer.service", std::string("payments-api")}, {"http.response.status_code", status}});

    int64_t checkout_status = 200;
    if (status >= 500) {
      checkout_status = 502;
      log("checkout", now, 17, "ERROR",
          "payment failed: payments-api returned " + std::to_string(status) + " Service Unavailable", trace,
          root, {{"order.id", order}, {"peer.service", std::string("payments-api")}});
    } else if (status == 402) {
      checkout_status = 402;
      log("checkout", now, 9, "INFO", "order " + order + " refused: card declined", trace, root,
          {{"order.id", order}});
    } else {
      log("checkout", now, 9, "INFO", "order " + order + " placed", trace, root,
          {{"order.id", order}, {"payment.amount", amount}});
    }
    now += static_cast<int64_t>(rng_.lognormal(3, 0.3) * kMs);
    finish("checkout", root, now, checkout_status >= 500 ? SpanStatus::error : SpanStatus::unset,
           {{"http.request.method", std::string("POST")},
            {"http.route", std::string("/checkout")},
            {"http.response.status_code", checkout_status}});
    served("checkout", "/checkout", checkout_status, now - t);
  }

  void finish(const std::string& service, const std::string& id, int64_t end, SpanStatus status,
              Attributes attributes) {
    for (auto& s : spans_[service]) {
      if (s.span_id != id) continue;
      s.end_ns = end;
      s.status = status;
      s.attributes = std::move(attributes);
    }
  }

  std::vector<DemoMetric> minute_metrics(const std::string& service, int64_t start, int64_t end) {
    DemoMetric requests{"http.server.requests", "{request}", "requests served",
                        DemoMetric::Kind::sum,  {},          {}};
    DemoMetric errors{"http.server.errors",  "{request}", "requests answered 5xx",
                      DemoMetric::Kind::sum, {},          {}};
    DemoMetric latency{"http.server.duration", "ms", "time to answer", DemoMetric::Kind::histogram,
                       kLatencyBoundsMs,       {}};
    for (auto& [key, stats] : routes_) {
      if (std::get<0>(key) != service) continue;
      const std::string& route = std::get<1>(key);
      uint64_t five_xx = 0;
      for (auto [status, count] : stats.by_status) {
        requests.points.push_back({start,
                                   end,
                                   {{"http.route", route}, {"http.response.status_code", status}},
                                   static_cast<double>(count),
                                   0,
                                   0,
                                   0,
                                   0,
                                   {}});
        if (status >= 500) five_xx += count;
      }
      errors.points.push_back(
          {start, end, {{"http.route", route}}, static_cast<double>(five_xx), 0, 0, 0, 0, {}});
      DemoPoint p{start, end, {{"http.route", route}}, 0, stats.durations_ms.size(), 0, 0, 0, {}};
      p.bucket_counts.assign(kLatencyBoundsMs.size() + 1, 0);
      p.min = *std::min_element(stats.durations_ms.begin(), stats.durations_ms.end());
      p.max = *std::max_element(stats.durations_ms.begin(), stats.durations_ms.end());
      for (double d : stats.durations_ms) {
        p.sum += d;
        ++p.bucket_counts[static_cast<std::size_t>(
            std::lower_bound(kLatencyBoundsMs.begin(), kLatencyBoundsMs.end(), d) -
            kLatencyBoundsMs.begin())];
      }
      latency.points.push_back(std::move(p));
    }
    summary_.metric_points +=
        static_cast<int64_t>(requests.points.size() + errors.points.size() + latency.points.size());
    return {std::move(requests), std::move(errors), std::move(latency)};
  }

  void flush_minute() {
    const int64_t start = minute_ * kMinute, end = start + kMinute;
    for (const char* service : kServices) {
      if (auto& l = logs_[service]; !l.empty()) append_logs_line(out_, service, l), ++summary_.lines;
      if (auto& s = spans_[service]; !s.empty()) append_spans_line(out_, service, s), ++summary_.lines;
      auto metrics = minute_metrics(service, start, end);
      if (!metrics.front().points.empty()) append_metrics_line(out_, service, metrics), ++summary_.lines;
    }
    logs_.clear();
    spans_.clear();
    routes_.clear();
  }

  const DemoOptions& options_;
  Random rng_;
  // Trace and span ids draw from their own source, seeded by the seed and now: each `tinkr demo` run
  // gets fresh ids (two runs must not give two traces one id), and the rest of the hour keeps its shape.
  Random ids_;
  Incident incident_;
  std::string& out_;
  DemoSummary summary_;
  int64_t minute_ = 0;
  std::map<std::string, std::vector<DemoSpan>> spans_;
  std::map<std::string, std::vector<DemoLog>> logs_;
  std::map<std::tuple<std::string, std::string>, RouteStats> routes_;
};

}  // namespace

Incident incident_window(int64_t now_ns) {
  return {now_ns - 25 * kMinute, now_ns - 13 * kMinute};
}

DemoSummary generate_demo(const DemoOptions& options, std::string& out) {
  return Generator(options, out).run();
}

}  // namespace tinkr::demo
