// Validates KQL with Microsoft's own parser (@kusto/language-service-next) against a schema of the
// Log Analytics tables, and checks that each expected user value is exactly one string literal.
//   node check.js <cases.json> <tables-dir>
// cases.json: [{"name": "...", "kql": "...", "literals": ["value", ...]}]
// Prints a JSON array: [{"name", "diagnostics": ["Severity Code: message @offset"], "missing_literals": [...]}]
'use strict';
const fs = require('fs');
const path = require('path');
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next');

const K = Kusto.Language;

function loadGlobals(tablesDir) {
  const tables = [];
  for (const file of fs.readdirSync(tablesDir).filter((f) => f.endsWith('.json')).sort()) {
    const spec = JSON.parse(fs.readFileSync(path.join(tablesDir, file), 'utf8'));
    const columns = Object.entries(spec.columns).map(([name, type]) => `['${name}']:${type}`);
    tables.push(new K.Symbols.TableSymbol.$ctor7(spec.table, '(' + columns.join(', ') + ')', ''));
  }
  return K.GlobalState.Default.WithDatabase(new K.Symbols.DatabaseSymbol.ctor('workspace', tables));
}

function stringLiterals(code) {
  const values = [];
  for (let token = code.Syntax.GetFirstToken(); token; token = token.GetNextToken())
    if (token.Kind === K.Syntax.SyntaxKind.StringLiteralToken) values.push(K.KustoFacts.GetStringLiteralValue(token.Text));
  return values;
}

function check(kql, literals, globals) {
  const code = K.KustoCode.ParseAndAnalyze(kql, globals);
  const diagnostics = [];
  const list = code.GetDiagnostics();
  for (let i = 0; i < list.Count; i++) {
    const d = list.getItem(i);
    diagnostics.push(`${d.Severity} ${d.Code}: ${d.Message} @${d.Start}`);
  }
  const found = stringLiterals(code);
  const missing = literals.filter((value) => !found.includes(value));
  return { diagnostics, missing_literals: missing };
}

function main() {
  const [casesFile, tablesDir] = process.argv.slice(2);
  if (!casesFile || !tablesDir) {
    process.stderr.write('usage: node check.js <cases.json> <tables-dir>\n');
    process.exit(2);
  }
  const globals = loadGlobals(tablesDir);
  const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
  const out = cases.map((c) => Object.assign({ name: c.name }, check(c.kql, c.literals || [], globals)));
  process.stdout.write(JSON.stringify(out));
}

main();
