// The body of GET /api/v1/backends: the backend this server queries, computed once at start-up.
#pragma once

#include <tinkr/engine.hpp>

#include <string>

namespace tinkr::server {

/// {"backends": [{"name", "version", "abi", "path", "profile", "signals", "capabilities": {...}}]}
std::string backends_json(const BackendInfo& backend, const std::string& profile);

}  // namespace tinkr::server
