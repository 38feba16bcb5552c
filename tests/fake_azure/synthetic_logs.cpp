// The generated AppTraces workspace; see synthetic_logs.hpp.
#include "synthetic_logs.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <string_view>

namespace tinkr::fake_azure {

namespace {

constexpr int64_t kNsPerSecond = 1'000'000'000;

// "2024-05-01T09:00:00Z" or with a fraction of up to 9 digits.
std::optional<int64_t> parse_iso(std::string_view text) {
  std::tm tm{};
  int fraction_start = 0;
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &fraction_start) != 6)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  int64_t ns = static_cast<int64_t>(::timegm(&tm)) * kNsPerSecond;
  if (static_cast<std::size_t>(fraction_start) < s.size() &&
      s[static_cast<std::size_t>(fraction_start)] == '.') {
    int64_t scale = kNsPerSecond / 10;
    for (std::size_t i = static_cast<std::size_t>(fraction_start) + 1;
         i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, scale /= 10)
      ns += (s[i] - '0') * scale;
  }
  return ns;
}

// "2024-05-01T09:00:00.1234567Z": Log Analytics' own form (100 ns ticks).
std::string format_iso(int64_t ns) {
  const std::time_t seconds = static_cast<std::time_t>(ns / kNsPerSecond);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%07lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>((ns % kNsPerSecond) / 100));
  return text;
}

// The datetime literal after `marker` in kql.
std::optional<int64_t> datetime_after(std::string_view kql, std::string_view marker) {
  const auto at = kql.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  const auto open = kql.find("datetime(", at + marker.size());
  if (open == std::string_view::npos) return std::nullopt;
  const auto close = kql.find(')', open);
  return parse_iso(kql.substr(open + 9, close - open - 9));
}

std::optional<int64_t> number_after(std::string_view kql, std::string_view marker) {
  const auto at = kql.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  int64_t value = 0;
  bool any = false;
  for (std::size_t i = at + marker.size(); i < kql.size() && kql[i] >= '0' && kql[i] <= '9'; ++i, any = true)
    value = value * 10 + (kql[i] - '0');
  return any ? std::optional<int64_t>(value) : std::nullopt;
}

// The rows [first, last) of the table the query's time range selects.
struct Selection {
  int64_t first = 0, last = 0;
};

Selection select_rows(std::string_view kql, const SyntheticLogs& table) {
  int64_t from = table.start_ns, to = table.start_ns + table.rows * table.step_ns;
  bool to_inclusive = false;
  if (auto a = datetime_after(kql, "TimeGenerated between ("); a) {
    from = *a;
    to = datetime_after(kql, " .. ").value_or(to);
    to_inclusive = true;
  } else if (auto b = datetime_after(kql, "TimeGenerated >= "); b) {
    from = *b;
    to = datetime_after(kql, "TimeGenerated < ").value_or(to);
  }
  auto index_at_or_after = [&](int64_t t) {
    if (t <= table.start_ns) return int64_t{0};
    return std::min(table.rows, (t - table.start_ns + table.step_ns - 1) / table.step_ns);
  };
  Selection s{index_at_or_after(from), index_at_or_after(to)};
  if (to_inclusive && s.last < table.rows && table.start_ns + s.last * table.step_ns == to) ++s.last;
  s.last = std::max(s.first, s.last);
  return s;
}

std::string row_json(const SyntheticLogs& table, int64_t i) {
  return "[\"" + format_iso(table.start_ns + i * table.step_ns) + "\",\"row " + std::to_string(i) +
         "\",1,\"{}\",\"synthetic-api\"]";
}

std::string cap_error(std::string_view what, int64_t limit) {
  return R"(,"error":{"code":"PartialError","message":"There were some errors when processing your query.",)"
         R"("details":[{"code":"EngineError","message":"Something went wrong processing your query on the server.",)"
         R"("innererror":{"code":"-2133196794","message":"Query result set has exceeded the internal )" +
         std::string(what) + " limit " + std::to_string(limit) +
         R"x( (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)","severity":2,)x"
         R"("severityName":"Error"}}]})";
}

FakeResponse rows_answer(std::string_view kql, const SyntheticLogs& table, SyntheticLogsCounters* counters) {
  const Selection s = select_rows(kql, table);
  const bool ascending = kql.find("order by TimeGenerated asc") != std::string_view::npos;
  int64_t take = number_after(kql, "| take ").value_or(s.last - s.first);
  take = std::min(take, s.last - s.first);
  std::string body =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},)"
      R"({"name":"Message","type":"string"},{"name":"SeverityLevel","type":"int"},)"
      R"({"name":"Properties","type":"dynamic"},{"name":"AppRoleName","type":"string"}],"rows":[)";
  std::string error;
  for (int64_t n = 0; n < take; ++n) {
    if (n == table.row_cap) {
      error = cap_error("record count", table.row_cap);
      break;
    }
    const std::string row = row_json(table, ascending ? s.first + n : s.last - 1 - n);
    if (static_cast<int64_t>(body.size() + row.size()) > table.byte_cap) {
      error = cap_error("data size", table.byte_cap);
      break;
    }
    if (n) body += ',';
    body += row;
  }
  body += "]}]" + error + "}";
  if (counters && !error.empty()) ++counters->capped_answers;
  return FakeResponse::json(200, std::move(body));
}

FakeResponse count_answer(std::string_view kql, const SyntheticLogs& table) {
  const Selection s = select_rows(kql, table);
  const int64_t width_ns = number_after(kql, "bin_at(TimeGenerated, ").value_or(1000) * 1'000'000;
  const int64_t origin = datetime_after(kql, "ms, ").value_or(table.start_ns);
  std::map<int64_t, std::pair<int64_t, int64_t>> bins;  // bin start -> rows, bytes
  for (int64_t i = s.first; i < s.last; ++i) {
    const int64_t t = table.start_ns + i * table.step_ns;
    const int64_t bin = origin + (t - origin) / width_ns * width_ns;
    auto& [rows, bytes] = bins[bin];
    ++rows;
    bytes += static_cast<int64_t>(row_json(table, i).size());
  }
  std::string body =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},)"
      R"({"name":"row_count","type":"long"},{"name":"data_bytes","type":"long"}],"rows":[)";
  bool first = true;
  for (const auto& [start, counts] : bins) {
    body += first ? "[\"" : ",[\"";
    first = false;
    body +=
        format_iso(start) + "\"," + std::to_string(counts.first) + "," + std::to_string(counts.second) + "]";
  }
  return FakeResponse::json(200, body + "]}]}");
}

}  // namespace

std::function<std::optional<FakeResponse>(const RecordedRequest&)> synthetic_logs_handler(
    SyntheticLogs table, std::shared_ptr<SyntheticLogsCounters> counters) {
  return [table, counters](const RecordedRequest& request) -> std::optional<FakeResponse> {
    if (request.route != Route::log_analytics_query) return std::nullopt;
    rapidjson::Document body;
    body.Parse(request.body.data(), request.body.size());
    if (body.HasParseError() || !body.IsObject() || !body.HasMember("query") || !body["query"].IsString())
      return std::nullopt;
    const std::string_view kql(body["query"].GetString(), body["query"].GetStringLength());
    if (kql.find("| summarize row_count = count()") != std::string_view::npos) {
      if (counters) ++counters->count_queries;
      return count_answer(kql, table);
    }
    if (counters) ++counters->row_queries;
    return rows_answer(kql, table, counters.get());
  };
}

}  // namespace tinkr::fake_azure
