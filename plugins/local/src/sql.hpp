// sql.hpp: a SQL statement under construction with its bound parameters. Values never enter the text:
// each one becomes a numbered parameter (?1, ?2, ...) bound at run time, and explain lists them after
// the statement.
#pragma once

#include "sqlite.hpp"

#include <tinkr/sdk/ir.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tinkr::local {

struct SqlQuery {
  std::string text;
  std::vector<ir::Value> params;  // params[i] binds ?(i+1)

  /// Adds a parameter and returns its placeholder ("?3").
  std::string param(ir::Value value);
};

/// The statement followed by one comment line per parameter, e.g.
///   SELECT ... WHERE service = ?1
///   -- ?1 = 'payments-api'
std::string explain_text(const SqlQuery& query);

/// A value as a SQL literal, for explain's comments only (never executed): strings quoted with ''
/// doubled and line breaks shown as \n.
std::string literal(const ir::Value& value);

/// Binds every parameter of `query` to `statement` (prepared from query.text).
void bind_all(Statement& statement, const SqlQuery& query);

}  // namespace tinkr::local
