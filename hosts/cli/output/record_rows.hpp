// Records as rows of text cells, the shared shape of the table and csv formats: a log is one row, a
// metric series one row per point, a native table its own columns.
#pragma once

#include <tinkr/records.hpp>

#include <string>
#include <vector>

namespace tinkr::cli {

using TextRow = std::vector<std::string>;

/// The column headers for records of this record's kind (the same for every record of a kind).
const std::vector<std::string>& record_headers(const Record& record);

/// A metric value as the table and csv show it: six significant digits, whole numbers in full
/// (3001080, not 3.00108e+06), no trailing zeros.
std::string format_number(double value);

/// The unit a series' values are in: its metric's unit, except for a count, which is a number of events
/// whatever the metric measures (a count of latencies is not in ms).
std::string value_unit(const MetricSeries& series);

/// Appends the record's rows (one per metric point; a series without points gives one row).
void append_record_rows(const Record& record, std::vector<TextRow>& rows);

}  // namespace tinkr::cli
