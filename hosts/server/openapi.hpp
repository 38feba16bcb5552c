// GET /openapi.json: an OpenAPI 3 description of the server's routes.
#pragma once

#include <string_view>

namespace tinkr::server {

std::string_view openapi_document();

}  // namespace tinkr::server
