/* Freezes the ABI 1.0 layout: reordering or resizing a member fails the build. Compiled as C11. */
#include <stddef.h>
#include <tinkr/plugin.h>

_Static_assert(sizeof(tinkr_str) == 16, "tinkr_str is {ptr, len}");
_Static_assert(sizeof(tinkr_status) == 4, "tinkr_status is pinned to 32 bits");
_Static_assert(offsetof(tinkr_error, status) == 8, "tinkr_error.status");
_Static_assert(offsetof(tinkr_error, message) == 24, "tinkr_error.message");
_Static_assert(offsetof(tinkr_log_record, time_unix_nano) == 8, "log.time");
_Static_assert(offsetof(tinkr_log_record, severity_number) == 16, "log.severity_number");
_Static_assert(offsetof(tinkr_log_record, body) == 40, "log.body");
_Static_assert(offsetof(tinkr_log_record, item_count) == 120, "log.item_count");
_Static_assert(sizeof(tinkr_log_record) == 128, "log record size");
_Static_assert(sizeof(tinkr_metric_point) == 24, "metric point size");
_Static_assert(offsetof(tinkr_metric_series, points) == 112, "series.points");
_Static_assert(sizeof(tinkr_metric_series) == 128, "series size");
_Static_assert(offsetof(tinkr_span, start_unix_nano) == 104, "span.start");
_Static_assert(sizeof(tinkr_span) == 176, "span size");
_Static_assert(sizeof(tinkr_trace_summary) == 112, "trace summary size");
_Static_assert(offsetof(tinkr_sink, log_record) == 16, "sink.log_record");
_Static_assert(offsetof(tinkr_sink, warning) == 64, "sink.warning");
_Static_assert(offsetof(tinkr_sink, notice) == 72, "sink.notice (1.3)");
_Static_assert(sizeof(tinkr_sink) == 80, "sink size (1.3)");
_Static_assert(offsetof(tinkr_http_request, on_body) == 120, "http request.on_body");
_Static_assert(offsetof(tinkr_host, log) == 24, "host.log");
_Static_assert(offsetof(tinkr_host, deadline_unix_nano) == 72, "host.deadline");
_Static_assert(offsetof(tinkr_host, open_response) == 80, "host.open_response (1.4)");
_Static_assert(offsetof(tinkr_host, close_response) == 104, "host.close_response (1.4)");
_Static_assert(sizeof(tinkr_host) == 112, "host size (1.4)");
_Static_assert(offsetof(tinkr_plugin, name) == 16, "plugin.name");
_Static_assert(offsetof(tinkr_plugin, describe) == 32, "plugin.describe");
_Static_assert(offsetof(tinkr_plugin, free_error) == 80, "plugin.free_error");
_Static_assert(offsetof(tinkr_plugin, check_health) == 88, "plugin.check_health");
_Static_assert(offsetof(tinkr_plugin, ingest_stream) == 104, "plugin.ingest_stream (1.1)");
_Static_assert(offsetof(tinkr_plugin, read_secret) == 112, "plugin.read_secret (1.2)");
_Static_assert(sizeof(tinkr_plugin) == 120, "plugin size (1.2)");
_Static_assert(offsetof(tinkr_reader, read) == 16, "reader.read (1.1)");

int main(void) {
  return 0;
}
