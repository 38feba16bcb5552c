// The error patterns' input as message groups, from either kind of answer (incident_sections.hpp).
#include "incident_sections.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace tinkr::incident::detail {
namespace {

Unexpected bad_answer(const std::string& what) {
  return fail(Error::Code::plugin_abi, "the backend's log_groups answer " + what);
}

template <typename Int>
bool parse_integer(const std::optional<std::string>& cell, Int& out) {
  if (!cell) return false;
  const char* end = cell->data() + cell->size();
  auto [ptr, ec] = std::from_chars(cell->data(), end, out);
  return ec == std::errc() && ptr == end;
}

}  // namespace

LogGroupSplit groups_of_records(const std::vector<LogRecord>& logs, const ir::TimeRange& window) {
  LogGroupSplit out;
  for (const auto& log : logs) {
    const bool in_window = log.time_ns >= window.from_ns && log.time_ns < window.to_ns;
    (in_window ? out.window : out.baseline)
        .push_back({log.body, log.severity_number, log.severity_text, std::max<int64_t>(log.item_count, 1),
                    log.time_ns, log.time_ns, log.trace_id});
  }
  return out;
}

Expected<std::vector<sdk::LogGroup>> groups_of_tables(const std::vector<Table>& tables) {
  const Table* found = nullptr;
  for (const auto& table : tables)
    if (table.name == sdk::kLogGroupsTable) found = &table;
  if (!found) return bad_answer("has no table named " + std::string(sdk::kLogGroupsTable));
  constexpr std::size_t kColumns = sdk::kLogGroupColumnNames.size();
  std::array<std::size_t, kColumns> at{};
  for (std::size_t want = 0; want < kColumns; ++want) {
    std::size_t i = 0;
    while (i < found->columns.size() && found->columns[i].name != sdk::kLogGroupColumnNames[want]) ++i;
    if (i == found->columns.size())
      return bad_answer("lacks the column " + std::string(sdk::kLogGroupColumnNames[want]));
    at[want] = i;
  }
  std::vector<sdk::LogGroup> out;
  out.reserve(found->rows.size());
  for (std::size_t r = 0; r < found->rows.size(); ++r) {
    const auto& row = found->rows[r];
    if (row.size() != found->columns.size())
      return bad_answer("row " + std::to_string(r + 1) + " has " + std::to_string(row.size()) +
                        " cells, not " + std::to_string(found->columns.size()));
    sdk::LogGroup g;
    g.body = row[at[0]].value_or("");
    g.severity_text = row[at[2]].value_or("");
    g.trace_id = row[at[6]].value_or("");
    if (!parse_integer(row[at[1]], g.severity_number) || !parse_integer(row[at[3]], g.count) ||
        !parse_integer(row[at[4]], g.first_ns) || !parse_integer(row[at[5]], g.last_ns))
      return bad_answer("row " + std::to_string(r + 1) +
                        " has a severity, count or time that is not an integer");
    g.count = std::max<int64_t>(g.count, 1);  // a group stands for at least one record
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace tinkr::incident::detail
