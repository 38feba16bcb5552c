// The HTTPS host service as the plugin ABI sees it: C structs in, C structs out, one process-wide
// client behind it. The registry puts these into the tinkr_host table.
#pragma once

#include <cstdint>

#include "tinkr/plugin.h"

namespace tinkr::http {

/// Sends request with the process-wide client (created on first use from the environment:
/// HTTPS_PROXY, NO_PROXY). An HTTP error status (404, 500, a 429 after the retries) is not a failure:
/// it returns TINKR_OK and the response. Failures (no usable response: TLS, connection, timeout,
/// cancellation, size cap, invalid URL) return their status and store an error in *out_error.
/// Release *out_response with free_http_response and *out_error with free_error. Never throws.
int32_t host_http_request(const tinkr_http_request* request, const tinkr_cancel* cancel,
                          tinkr_http_response** out_response, tinkr_error** out_error) noexcept;

/// ABI 1.4's pulled body (plugin.h documents each): the request is sent by open_response and its
/// answer read through the stream, with the same client, retries and errors as host_http_request.
int32_t open_response(const tinkr_http_request* request, const tinkr_cancel* cancel,
                      tinkr_http_stream** out_stream, tinkr_error** out_error) noexcept;
int32_t response_head(tinkr_http_stream* stream, const tinkr_http_response** out_response,
                      tinkr_error** out_error) noexcept;
int32_t read_body(tinkr_http_stream* stream, char* buffer, uint64_t capacity, uint64_t* out_len,
                  tinkr_error** out_error) noexcept;
void close_response(tinkr_http_stream* stream) noexcept;

/// Releases a response from host_http_request. Accepts NULL.
void free_http_response(tinkr_http_response* response) noexcept;

/// Releases an error from host_http_request. Accepts NULL.
void free_error(tinkr_error* error) noexcept;

}  // namespace tinkr::http
