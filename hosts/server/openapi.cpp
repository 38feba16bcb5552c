// The OpenAPI 3.0 document, kept as one literal beside the routes it describes (route.cpp).
#include "openapi.hpp"

namespace tinkr::server {
namespace {

constexpr std::string_view kDocument = R"json({
  "openapi": "3.0.3",
  "info": {"title": "tinkr-server", "version": "1", "description": "Logs, metrics and traces from one backend, over HTTP. Errors are {\"error\": {\"code\", \"message\"}}."},
  "components": {
    "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}},
    "schemas": {
      "Error": {"type": "object", "properties": {"error": {"type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "retry_after_ms": {"type": "integer"}}}}},
      "QueryRequest": {"type": "object", "properties": {
        "service": {"type": "string"}, "query": {"type": "string"}, "since": {"type": "string", "example": "1h"},
        "from": {"type": "string"}, "to": {"type": "string"}, "limit": {"type": "integer", "minimum": 0},
        "resource_type": {"type": "string"},
        "order": {"type": "object", "properties": {"field": {"type": "string"}, "descending": {"type": "boolean"}}},
        "metrics": {"type": "object", "properties": {"names": {"type": "array", "items": {"type": "string"}},
          "aggregations": {"type": "array", "items": {"type": "string", "pattern": "^(avg|min|max|sum|count|p[0-9]{1,2}(\\.[0-9]{1,3})?)$"}},
          "interval": {"type": "string"}, "group_by": {"type": "array", "items": {"type": "string"}}, "top": {"type": "integer"}}},
        "slow": {"type": "string"}, "failed": {"type": "boolean"}, "trace_id": {"type": "string"},
        "signal": {"type": "string", "enum": ["logs", "metrics", "trace_search", "trace_get", "native"]},
        "native": {"type": "string"}, "ir": {"type": "object"}, "explain": {"type": "boolean"}}},
      "QueryResult": {"type": "object", "properties": {"records": {"type": "array", "items": {"type": "object"}},
        "tables": {"type": "array", "items": {"type": "object"}}, "stats": {"type": "object"},
        "warnings": {"type": "array", "items": {"type": "string"}},
        "error": {"type": "object", "description": "In place of stats and warnings when the query failed after a chunked answer (past 1 MiB) had begun: what came before it stands"}}}
    },
    "responses": {
      "Result": {"description": "Records (JSON, sent in chunks past 1 MiB, or NDJSON with Accept: application/x-ndjson), or {\"explain\": {...}} when explain is true",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QueryResult"}},
                    "application/x-ndjson": {"schema": {"type": "string"}}}},
      "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "requestBodies": {"Query": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QueryRequest"}}}}}
  },
  "security": [{"apiKey": []}],
  "paths": {
    "/healthz": {"get": {"summary": "The process is up", "security": [], "responses": {"200": {"description": "up"}}}},
    "/readyz": {"get": {"summary": "The backend is loaded and healthy", "security": [],
      "responses": {"200": {"description": "ready"}, "502": {"$ref": "#/components/responses/Error"}}}},
    "/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3"}}}},
    "/metrics": {"get": {"summary": "Prometheus metrics (role viewer)", "responses": {"200": {"description": "text exposition format"}}}},
    "/api/v1/backends": {"get": {"summary": "The backend this server queries (role viewer)", "responses": {"200": {"description": "{\"backends\": [...]}"}}}},
    "/api/v1/logs": {"post": {"summary": "Log records (role viewer)", "requestBody": {"$ref": "#/components/requestBodies/Query"},
      "responses": {"200": {"$ref": "#/components/responses/Result"}, "default": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/metrics": {"post": {"summary": "Metric series (role viewer)", "requestBody": {"$ref": "#/components/requestBodies/Query"},
      "responses": {"200": {"$ref": "#/components/responses/Result"}, "default": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/traces": {"post": {"summary": "Trace search (role viewer)", "requestBody": {"$ref": "#/components/requestBodies/Query"},
      "responses": {"200": {"$ref": "#/components/responses/Result"}, "default": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/traces/{id}": {"get": {"summary": "Every span of one trace and its critical_path (role viewer)",
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                     {"name": "since", "in": "query", "schema": {"type": "string"}},
                     {"name": "from", "in": "query", "schema": {"type": "string"}},
                     {"name": "to", "in": "query", "schema": {"type": "string"}},
                     {"name": "explain", "in": "query", "schema": {"type": "boolean"}}],
      "responses": {"200": {"$ref": "#/components/responses/Result"}, "default": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/schema/{table}": {"get": {"summary": "A table's columns and plan (role viewer; docs/cli.md, tinkr schema)",
      "parameters": [{"name": "table", "in": "path", "required": true, "schema": {"type": "string"}},
                     {"name": "explain", "in": "query", "schema": {"type": "boolean"}}],
      "responses": {"200": {"$ref": "#/components/responses/Result"}, "default": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/query": {"post": {"summary": "IR JSON, a query string of any signal, or a native query (native: role oncall)",
      "requestBody": {"$ref": "#/components/requestBodies/Query"},
      "responses": {"200": {"$ref": "#/components/responses/Result"}, "default": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/incident": {"post": {"summary": "One report on a service: error patterns, failing operations, metric shifts, example traces with their critical path, and the queries run (role viewer; docs/incident.md)",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["service"],
        "additionalProperties": false,
        "properties": {"service": {"type": "string"}, "since": {"type": "string", "example": "1h"},
          "from": {"type": "string"}, "to": {"type": "string"},
          "baseline": {"type": "string", "description": "prev (default) or a duration before the window, e.g. 24h"},
          "slow": {"type": "string", "description": "a request longer than this is slow (default 1s)"},
          "top": {"type": "integer", "minimum": 1, "maximum": 1000}}}}}},
      "responses": {"200": {"description": "the report: service, window, baseline, bucket_ns, error_patterns, failing_operations, metric_shifts, example_traces, queries, warnings",
          "content": {"application/json": {"schema": {"type": "object"}}}},
        "default": {"$ref": "#/components/responses/Error"}}}},
    "/mcp": {"post": {"summary": "Model Context Protocol, Streamable HTTP (role viewer; run_native_query needs oncall): see docs/mcp.md",
      "parameters": [{"name": "MCP-Protocol-Version", "in": "header", "schema": {"type": "string"}}],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object",
        "description": "a JSON-RPC 2.0 request or notification"}}}},
      "responses": {"200": {"description": "a JSON-RPC response, as application/json or one text/event-stream event",
          "content": {"application/json": {"schema": {"type": "object"}}, "text/event-stream": {"schema": {"type": "string"}}}},
        "202": {"description": "a notification, accepted"},
        "default": {"$ref": "#/components/responses/Error"}}}}
  }
})json";

}  // namespace

std::string_view openapi_document() {
  return kDocument;
}

}  // namespace tinkr::server
