// The incident report as text for a reader (docs/incident.md): a heading, then one block per section,
// aligned columns, times in RFC 3339. Every text from data goes through escape_controls. Sparklines
// of the metric shifts only on a terminal; colour only when style.colour.
#pragma once

#include "output/output_format.hpp"

#include <tinkr/incident.hpp>

#include <optional>
#include <ostream>
#include <vector>

namespace tinkr::cli {

void print_incident(const incident::Report& report, const std::string& slow, std::ostream& out,
                    const Style& style);

}  // namespace tinkr::cli
