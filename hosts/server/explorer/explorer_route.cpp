// The explorer's files over HTTP (see explorer_route.hpp).
#include "explorer/explorer_route.hpp"

#include "explorer/static_assets.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>
#include <vector>

namespace tinkr::server::explorer {
namespace {

constexpr std::string_view kFilePrefix = "/ui/";

const StaticAsset* find_asset(std::string_view path) {
  for (const auto& asset : static_assets())
    if (asset.path == path) return &asset;
  return nullptr;
}

// One gzip member of the whole text (zlib's window bits 16 + 15 write the gzip header and trailer).
std::string gzip(std::string_view text) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("explorer: zlib could not start");
  std::string out(deflateBound(&stream, static_cast<uLong>(text.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(out.size() - stream.avail_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("explorer: gzip of an asset did not finish");
  return out;
}

// The gzip bodies, made once (on the first request that accepts gzip) and kept for the process.
const std::string& gzipped(const StaticAsset& asset) {
  static const std::vector<std::string> bodies = [] {
    std::vector<std::string> made;
    for (const auto& each : static_assets()) made.push_back(gzip(each.body));
    return made;
  }();
  return bodies[static_cast<std::size_t>(&asset - static_assets().data())];
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Calls visit(item) for each comma-separated item of a header, trimmed.
template <typename Visit>
void for_each_item(std::string_view header, Visit visit) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    visit(trim(header.substr(0, comma)));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
  }
}

// "gzip" or "gzip;q=0.5" accept it; "gzip;q=0" refuses it (RFC 9110 12.5.3).
bool accepts_gzip(std::string_view accept_encoding) {
  bool accepted = false;
  for_each_item(accept_encoding, [&](std::string_view item) {
    const auto semicolon = item.find(';');
    std::string coding(trim(item.substr(0, semicolon)));
    std::transform(coding.begin(), coding.end(), coding.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (coding != "gzip") return;
    std::string_view parameters = semicolon == std::string_view::npos ? "" : item.substr(semicolon + 1);
    parameters = trim(parameters);
    const bool refused =
        parameters == "q=0" || parameters == "q=0.0" || parameters == "q=0.00" || parameters == "q=0.000";
    accepted = !refused;
  });
  return accepted;
}

bool matches_etag(std::string_view if_none_match, std::string_view etag) {
  bool matched = false;
  for_each_item(if_none_match, [&](std::string_view item) {
    if (item.starts_with("W/")) item.remove_prefix(2);  // weak comparison, as If-None-Match asks
    if (item == "*" || item == etag) matched = true;
  });
  return matched;
}

}  // namespace

std::optional<std::string_view> route_of(std::string_view path) {
  if (path == "/") return "/";
  if (path.starts_with(kFilePrefix)) return "/ui/{file}";
  return std::nullopt;
}

std::optional<http::response<http::string_body>> serve(const http::request<http::string_body>& request,
                                                       std::string_view path) {
  const StaticAsset* asset = find_asset(path);
  if (asset == nullptr) return std::nullopt;
  const bool gzip_body = accepts_gzip(request[http::field::accept_encoding]);
  // The gzip body is another representation, so it has its own tag.
  std::string etag(asset->etag);
  if (gzip_body) etag.insert(etag.size() - 1, "-gz");
  const bool not_modified = matches_etag(request[http::field::if_none_match], etag);
  http::response<http::string_body> response{not_modified ? http::status::not_modified : http::status::ok,
                                             request.version()};
  response.keep_alive(request.keep_alive());
  response.set(http::field::content_type, asset->content_type);
  response.set(http::field::etag, etag);
  // Revalidate every time (a 304 is cheap): an upgraded server never leaves an old page in a cache.
  response.set(http::field::cache_control, "no-cache");
  response.set(http::field::vary, "Accept-Encoding");
  response.set("Content-Security-Policy", kContentSecurityPolicy);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  if (!not_modified) {
    if (gzip_body) response.set(http::field::content_encoding, "gzip");
    response.body() = gzip_body ? gzipped(*asset) : std::string(asset->body);
  }
  response.prepare_payload();
  return response;
}

}  // namespace tinkr::server::explorer
