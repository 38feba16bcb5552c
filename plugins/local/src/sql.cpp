// sql.cpp: see sql.hpp.
#include "sql.hpp"

#include <cstdio>

namespace tinkr::local {

std::string SqlQuery::param(ir::Value value) {
  params.push_back(std::move(value));
  std::string placeholder = std::to_string(params.size());
  placeholder.insert(0, 1, '?');  // not "?" + ...: GCC 12 at -O3 warns falsely (-Wrestrict) on that form
  return placeholder;
}

std::string literal(const ir::Value& value) {
  switch (value.index()) {
    case 0: {
      std::string out = "'";
      for (char c : std::get<std::string>(value)) {
        if (c == '\'')
          out += "''";
        else if (c == '\n')
          out += "\\n";
        else if (c == '\r')
          out += "\\r";
        else
          out += c;
      }
      return out + "'";
    }
    case 1:
      return std::to_string(std::get<int64_t>(value));
    case 2: {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.17g", std::get<double>(value));
      return buffer;
    }
    default:
      return std::get<bool>(value) ? "1" : "0";
  }
}

std::string explain_text(const SqlQuery& query) {
  std::string out = query.text;
  for (std::size_t i = 0; i < query.params.size(); ++i) {
    out += "\n-- ?";
    out += std::to_string(i + 1);
    out += " = ";
    out += literal(query.params[i]);
  }
  return out;
}

void bind_all(Statement& statement, const SqlQuery& query) {
  for (std::size_t i = 0; i < query.params.size(); ++i)
    statement.bind(static_cast<int>(i + 1), query.params[i]);
}

}  // namespace tinkr::local
