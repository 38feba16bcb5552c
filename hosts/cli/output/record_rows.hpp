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

/// Appends the record's rows (one per metric point; a series without points gives one row).
void append_record_rows(const Record& record, std::vector<TextRow>& rows);

}  // namespace tinkr::cli
