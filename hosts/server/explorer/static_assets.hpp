// The explorer's files as compiled into the server (explorer_assets.cpp is generated at build time
// by embed_assets.cmake from web/).
#pragma once

#include <span>
#include <string_view>

namespace tinkr::server::explorer {

struct StaticAsset {
  std::string_view path;          // "/" for index.html, "/ui/<file>" for the rest
  std::string_view content_type;  // with charset for text
  std::string_view body;
  std::string_view etag;  // quoted, strong: from the file's SHA-256
};

/// Every embedded file, sorted by its file name.
std::span<const StaticAsset> static_assets();

}  // namespace tinkr::server::explorer
