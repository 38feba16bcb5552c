// The host services table handed to every plugin: logging into the core's logger, HTTPS through the
// core's pooled client (a whole answer, or one whose body the plugin pulls), the clock, and the call's
// cancellation state.
#include <limits>

#include "base/call_state.hpp"
#include "base/log.hpp"
#include "http/host_bridge.hpp"
#include "tinkr/plugin.h"
#include "tinkr/registry.hpp"

namespace tinkr {
namespace {

void host_log(void*, int32_t level, tinkr_str message) {
  auto lvl = level <= TINKR_LOG_DEBUG  ? log::Level::debug
             : level == TINKR_LOG_INFO ? log::Level::info
             : level == TINKR_LOG_WARN ? log::Level::warn
                                       : log::Level::error;
  log::write(lvl, "plugin",
             std::string_view(message.ptr ? message.ptr : "", static_cast<std::size_t>(message.len)));
}

int32_t host_http_request(void*, const tinkr_http_request* request, const tinkr_cancel* cancel,
                          tinkr_http_response** out_response, tinkr_error** out_error) {
  return http::host_http_request(request, cancel, out_response, out_error);
}

void host_free_http_response(void*, tinkr_http_response* response) {
  http::free_http_response(response);
}
void host_free_error(void*, tinkr_error* error) {
  http::free_error(error);
}
int32_t host_open_response(void*, const tinkr_http_request* request, const tinkr_cancel* cancel,
                           tinkr_http_stream** out_stream, tinkr_error** out_error) {
  return http::open_response(request, cancel, out_stream, out_error);
}
int32_t host_response_head(void*, tinkr_http_stream* stream, const tinkr_http_response** out_response,
                           tinkr_error** out_error) {
  return http::response_head(stream, out_response, out_error);
}
int32_t host_read_body(void*, tinkr_http_stream* stream, char* buffer, uint64_t capacity, uint64_t* out_len,
                       tinkr_error** out_error) {
  return http::read_body(stream, buffer, capacity, out_len, out_error);
}
void host_close_response(void*, tinkr_http_stream* stream) {
  http::close_response(stream);
}
int64_t host_now(void*) {
  return now_ns();
}
int32_t host_is_cancelled(void*, const tinkr_cancel* cancel) {
  return is_cancelled(cancel) ? 1 : 0;
}
int64_t host_deadline(void*, const tinkr_cancel* cancel) {
  return deadline_ns(cancel);
}

const tinkr_host kHostServices = {
    sizeof(tinkr_host),
    TINKR_PLUGIN_ABI_MAJOR,
    TINKR_PLUGIN_ABI_MINOR,
    nullptr,
    &host_log,
    &host_http_request,
    &host_free_http_response,
    &host_free_error,
    &host_now,
    &host_is_cancelled,
    &host_deadline,
    // 1.4
    &host_open_response,
    &host_response_head,
    &host_read_body,
    &host_close_response,
};

}  // namespace

const tinkr_host* host_services_table() {
  return &kHostServices;
}

}  // namespace tinkr
