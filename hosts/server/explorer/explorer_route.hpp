// GET / and GET /ui/...: the web explorer's own files, served without a key (they hold no data; every
// data call the page makes goes through the API with the key the user enters). Each answer carries a
// strict Content-Security-Policy (same origin only, no inline script or style, no framing), nosniff,
// a strong ETag (If-None-Match answers 304) and, when the client accepts it, a gzip body.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <optional>
#include <string_view>

namespace tinkr::server::explorer {

namespace http = boost::beast::http;

/// The route template of a path the explorer serves ("/" or "/ui/{file}"), or nullopt.
std::optional<std::string_view> route_of(std::string_view path);

/// The reply to a GET or HEAD of one of the explorer's paths; nullopt when no such file exists.
std::optional<http::response<http::string_body>> serve(const http::request<http::string_body>& request,
                                                       std::string_view path);

/// The header every explorer file is sent with (also asserted by the tests).
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

}  // namespace tinkr::server::explorer
