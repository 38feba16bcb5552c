/*
 * tinkr/plugin.h: the stable C ABI between the Tinkr core (the host) and a backend plugin.
 *
 * A plugin is a shared library exporting exactly one symbol, tinkr_plugin_entry. The host calls it with
 * the ABI version it speaks and its services table; the plugin answers with its own table of function
 * pointers. Everything that crosses is plain C: fixed-width integers, string views, callbacks. No C++
 * type and no exception ever crosses this boundary.
 *
 * Versioning. TINKR_PLUGIN_ABI_MAJOR changes only when an existing member changes meaning or place; the
 * host refuses a plugin whose major differs. TINKR_PLUGIN_ABI_MINOR grows when members are appended at
 * the END of a struct, each group under a comment naming the minor that added it. Every struct that
 * may grow starts with struct_size; before reading a member newer than 1.0 the reader checks that
 * struct_size covers it, and treats a missing or NULL member as "not supported".
 *
 * Strings. tinkr_str is a UTF-8 view {ptr, len}: not NUL-terminated, and borrowed only for the length
 * of the call that passes it, unless the function's comment says otherwise. A receiver that keeps a
 * string copies it. ptr may be NULL only when len is 0 (an empty or absent value).
 *
 * Errors. Every fallible call returns an int32_t tinkr_status: TINKR_OK (0) on success. On failure it
 * may also store an error object in *out_error; that object is allocated by the callee and released by
 * the caller with the CALLEE's free function (tinkr_plugin.free_error for errors a plugin returns,
 * tinkr_host.free_error for errors the host returns), as SQLite's pzErrMsg contract does.
 *
 * Threads. The host may call execute/explain on one instance from several threads at once; a plugin
 * makes its instance safe for that. describe, open and close are never called concurrently with each
 * other for the same instance. Host services may be called from any thread, the plugin's own helper
 * threads included (with the cancel of the execute they serve); sink callbacks only from the thread
 * that called execute. Callbacks (sink, host services) must not throw, unwind or re-enter the
 * function that called them.
 */
#ifndef TINKR_PLUGIN_H
#define TINKR_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TINKR_PLUGIN_ABI_MAJOR 1
#define TINKR_PLUGIN_ABI_MINOR 4

/* The one exported symbol's name, for hosts that look it up by string. */
#define TINKR_PLUGIN_ENTRY_SYMBOL "tinkr_plugin_entry"

#if defined(_WIN32)
#define TINKR_PLUGIN_EXPORT __declspec(dllexport)
#else
#define TINKR_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------------------------- */
/* Status codes: mirror tinkr::Error::Code one for one. Pinned to 32 bits.                          */

typedef enum tinkr_status {
  TINKR_OK = 0,
  TINKR_INVALID_QUERY = 1,        /* the query or IR is malformed or asks for something meaningless */
  TINKR_UNSUPPORTED = 2,          /* the backend cannot do this (signal, operator, service stub)    */
  TINKR_NOT_FOUND = 3,            /* a trace, resource, workspace or metric does not exist          */
  TINKR_UNAUTHENTICATED = 4,      /* no usable credential, or the upstream rejected it              */
  TINKR_FORBIDDEN = 5,            /* authenticated, but not allowed                                 */
  TINKR_THROTTLED = 6,            /* upstream 429; retry_after_ms says when                         */
  TINKR_UPSTREAM_UNAVAILABLE = 7, /* upstream 5xx, connection failure, garbled answer               */
  TINKR_TIMEOUT = 8,              /* the deadline passed                                            */
  TINKR_CANCELLED = 9,            /* the caller cancelled; also a sink's "stop, I have enough"      */
  TINKR_PLUGIN_ABI = 10,          /* versions or tables do not match                                */
  TINKR_CONFIG = 11,              /* the plugin's options are invalid or incomplete                 */
  TINKR_INTERNAL = 12,            /* a bug: an exception, a broken invariant                        */
  TINKR_INVALID_DATA = 13,        /* 1.1: input data (an ingested file) is malformed                 */
  TINKR_STATUS_MAX_ = 0x7FFFFFFF
} tinkr_status;

/* A borrowed UTF-8 string view. */
typedef struct tinkr_str {
  const char* ptr;
  uint64_t len;
} tinkr_str;

/* An error object. Allocated by whoever returns it, released with that side's free_error. */
typedef struct tinkr_error {
  uint64_t struct_size;
  int32_t status;         /* a tinkr_status other than TINKR_OK */
  int32_t retryable;      /* nonzero when the same call may succeed later */
  int64_t retry_after_ms; /* for TINKR_THROTTLED: the upstream's advice; 0 when unknown */
  tinkr_str message;      /* for a person: lowercase start, no final period, never a secret */
} tinkr_error;

/* Opaque host handle for one call's cancellation state and deadline. */
typedef struct tinkr_cancel tinkr_cancel;
/* Opaque plugin handle for one opened backend (one profile). */
typedef struct tinkr_instance tinkr_instance;

/* ---------------------------------------------------------------------------------------------- */
/* Records the plugin hands to the host through the sink. All strings are borrowed for the call.    */

/* OpenTelemetry span status. */
#define TINKR_SPAN_STATUS_UNSET 0
#define TINKR_SPAN_STATUS_OK 1
#define TINKR_SPAN_STATUS_ERROR 2

/* Span flags. */
#define TINKR_SPAN_FLAG_ORPHAN 1u /* its parent_span_id names a span that is not in the trace */

typedef struct tinkr_log_record {
  uint64_t struct_size;
  int64_t time_unix_nano;
  int32_t severity_number; /* OpenTelemetry 1..24; 0 = unspecified */
  int32_t reserved0;
  tinkr_str severity_text; /* the backend's own level text, e.g. "Warning" or "err" */
  tinkr_str body;
  tinkr_str service;
  tinkr_str trace_id;
  tinkr_str span_id;
  tinkr_str attributes_json; /* a JSON object, or empty */
  int64_t item_count;        /* records this one stands for (sampling); 1 when not sampled */
} tinkr_log_record;

typedef struct tinkr_metric_point {
  int64_t time_unix_nano;
  double value;
  int32_t has_value; /* 0: the backend reported no value for this interval */
  int32_t reserved0;
} tinkr_metric_point;

typedef struct tinkr_metric_series {
  uint64_t struct_size;
  tinkr_str metric;        /* the name the user asked for */
  tinkr_str native_metric; /* the backend's own name, when different */
  tinkr_str aggregation;   /* avg | min | max | sum | count | pNN (p95, p99.9) */
  tinkr_str unit;          /* e.g. "Count", "Seconds", "Milliseconds", "Percent" */
  tinkr_str service;
  tinkr_str dimensions_json; /* a JSON object of dimension name -> value, or empty */
  int64_t interval_ns;
  const tinkr_metric_point* points;
  uint64_t point_count;
} tinkr_metric_series;

typedef struct tinkr_span {
  uint64_t struct_size;
  tinkr_str trace_id;
  tinkr_str span_id;
  tinkr_str parent_span_id; /* empty for a root */
  tinkr_str service;
  tinkr_str name;
  tinkr_str kind; /* server | client | internal | producer | consumer */
  int64_t start_unix_nano;
  int64_t duration_ns;
  int32_t status;            /* TINKR_SPAN_STATUS_* */
  uint32_t flags;            /* TINKR_SPAN_FLAG_* */
  tinkr_str status_code;     /* e.g. an HTTP result code "503" */
  tinkr_str attributes_json; /* a JSON object, or empty */
  tinkr_str events_json;     /* a JSON array of {time_unix_nano, name, attributes}, e.g. exceptions */
} tinkr_span;

typedef struct tinkr_trace_summary {
  uint64_t struct_size;
  tinkr_str trace_id;
  tinkr_str service; /* the root (or matched) span's service */
  tinkr_str name;    /* the root (or matched) span's name */
  int64_t start_unix_nano;
  int64_t duration_ns;
  int32_t status; /* TINKR_SPAN_STATUS_* */
  int32_t reserved0;
  tinkr_str status_code;
  int64_t span_count;  /* 0 when unknown */
  int64_t error_count; /* 0 when unknown */
} tinkr_trace_summary;

/* The column types a generic table may declare (native passthrough). */
typedef struct tinkr_column {
  tinkr_str name;
  tinkr_str type; /* the backend's type name: string, long, real, bool, datetime, dynamic, ... */
} tinkr_column;

/*
 * The sink: where execute sends results, possibly while it is still reading the upstream answer.
 * Every callback returns TINKR_OK to go on, or another status (TINKR_CANCELLED when the host has
 * enough records or the call was cancelled); the plugin then stops producing and returns that status
 * from execute. Callbacks are invoked from the thread that called execute, one at a time.
 */
typedef struct tinkr_sink {
  uint64_t struct_size;
  void* ctx;
  int32_t (*log_record)(void* ctx, const tinkr_log_record* record);
  int32_t (*metric_series)(void* ctx, const tinkr_metric_series* series);
  int32_t (*span)(void* ctx, const tinkr_span* span);
  int32_t (*trace_summary)(void* ctx, const tinkr_trace_summary* summary);
  /* A native query's result: table_begin once per result table, then table_row per row. A cell
   * with ptr == NULL is null; other cells are the value's text (JSON text for dynamic columns). */
  int32_t (*table_begin)(void* ctx, tinkr_str table_name, const tinkr_column* columns, uint64_t column_count);
  int32_t (*table_row)(void* ctx, const tinkr_str* cells, uint64_t cell_count);
  /* A partial result: the records so far stand, and this says what is missing. */
  int32_t (*warning)(void* ctx, tinkr_str message);

  /* ---- 1.3 ---- */

  /* What the host may show beside the records that is no partial result (warning is that): kind
   * "statistics" with a JSON object of what the query cost (docs/plugin-abi.md lists its members;
   * sent when the IR asks for "statistics"), or kind "info" with a sentence for a person (an answer
   * served from the service's cache). A plugin calls it only when struct_size covers it and it is
   * not NULL. */
  int32_t (*notice)(void* ctx, tinkr_str kind, tinkr_str text);
} tinkr_sink;

/* ---------------------------------------------------------------------------------------------- */
/* Host services: what the core gives every plugin.                                                */

#define TINKR_LOG_DEBUG 0
#define TINKR_LOG_INFO 1
#define TINKR_LOG_WARN 2
#define TINKR_LOG_ERROR 3

typedef struct tinkr_http_header {
  tinkr_str name;
  tinkr_str value;
} tinkr_http_header;

/* Request flags. */
#define TINKR_HTTP_ALLOW_PLAIN_HTTP 1u /* http:// allowed (IMDS, identity endpoints, loopback) */
#define TINKR_HTTP_NO_RETRY 2u         /* one attempt only (e.g. a probe) */

/* Called with each piece of the response body as it arrives, when set on the request. */
typedef int32_t (*tinkr_http_body_fn)(void* ctx, const char* data, uint64_t len);

typedef struct tinkr_http_request {
  uint64_t struct_size;
  tinkr_str method; /* "GET", "POST", ... */
  tinkr_str url;    /* absolute; https:// unless TINKR_HTTP_ALLOW_PLAIN_HTTP */
  const tinkr_http_header* headers;
  uint64_t header_count;
  tinkr_str body;
  int64_t timeout_ms;         /* whole request including retries; 0 = the call's deadline */
  int64_t connect_timeout_ms; /* 0 = host default */
  int64_t max_response_bytes; /* 0 = host default; a larger body fails with a clear error */
  tinkr_str ca_file;          /* PEM bundle to verify the server with; empty = system store */
  uint32_t flags;             /* TINKR_HTTP_* */
  uint32_t reserved0;
  /* When set, a success's (2xx) body is pushed to on_body as it arrives, on the thread that called
   * http_request, and not kept in the response (response->body empty); 1.4's open_response lets a
   * plugin pull the body instead. Any other status's body is read whole into response->body and
   * never reaches on_body: it may be retried, and it is what explains the error. on_body returning
   * non-zero aborts the transfer with that status. */
  tinkr_http_body_fn on_body;
  void* on_body_ctx;
} tinkr_http_request;

/* 1.4: an answer whose body the plugin pulls (tinkr_host.open_response). Opaque; released with
 * tinkr_host.close_response. */
typedef struct tinkr_http_stream tinkr_http_stream;

/* A response, allocated by the host and released with tinkr_host.free_http_response. */
typedef struct tinkr_http_response {
  uint64_t struct_size;
  int32_t status; /* HTTP status code */
  int32_t reserved0;
  const tinkr_http_header* headers;
  uint64_t header_count;
  tinkr_str body;
} tinkr_http_response;

typedef struct tinkr_host {
  uint64_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;
  void* ctx; /* passed back as the first argument of every service below */

  /* Writes one log line through the host's logger. message is borrowed. Never pass secrets. */
  void (*log)(void* ctx, int32_t level, tinkr_str message);

  /* Performs an HTTP request with the host's pooled client (TLS verified, retried on 408/429/5xx
   * within the deadline, cancelled with cancel). Blocks the calling thread. On TINKR_OK *out_response
   * holds the final response whatever its HTTP status; release it with free_http_response. On failure
   * *out_error says why (release with free_error). cancel may be NULL. */
  int32_t (*http_request)(void* ctx, const tinkr_http_request* request, const tinkr_cancel* cancel,
                          tinkr_http_response** out_response, tinkr_error** out_error);
  void (*free_http_response)(void* ctx, tinkr_http_response* response);
  void (*free_error)(void* ctx, tinkr_error* error);

  /* The host's clock: nanoseconds since the Unix epoch (tests control it). */
  int64_t (*now_unix_nano)(void* ctx);
  /* Nonzero once the call owning cancel was cancelled, its deadline passed, or the host needs nothing
   * more from it (a sink callback returned non-OK; http_request calls in flight then end too). cancel
   * may be NULL. */
  int32_t (*is_cancelled)(void* ctx, const tinkr_cancel* cancel);
  /* The deadline of the call owning cancel, in Unix nanoseconds; INT64_MAX when none. */
  int64_t (*deadline_unix_nano)(void* ctx, const tinkr_cancel* cancel);

  /* ---- 1.4: a body the plugin pulls from its own thread (no thread or pipe of its own) ---- */

  /* Sends request as http_request does (request->on_body must be NULL) and returns once it is sent,
   * without waiting for the answer, so that one thread may have several requests in flight. On
   * TINKR_OK *out_stream is the answer to come, released with close_response; on failure (nothing
   * could be sent) *out_error says why. cancel (may be NULL) governs every later call on the stream.
   * A stream is used by one thread at a time. */
  int32_t (*open_response)(void* ctx, const tinkr_http_request* request, const tinkr_cancel* cancel,
                           tinkr_http_stream** out_stream, tinkr_error** out_error);
  /* Waits for the final answer (retrying 408/429/5xx and a reset connection within the deadline, as
   * http_request does) and stores its status and headers in *out_response, which belongs to the stream
   * (valid until close_response). A 2xx body is left for read_body (response->body empty); any other
   * status's body is read whole into response->body. Later calls give the same answer or error. */
  int32_t (*response_head)(void* ctx, tinkr_http_stream* stream, const tinkr_http_response** out_response,
                           tinkr_error** out_error);
  /* Reads the next bytes of a 2xx body into buffer, at most capacity: waits until some arrive, then
   * takes whatever else has already arrived, so that one call returns many network reads (a buffer of
   * 256 KiB or more is a good size). *out_len is 0 at the end of the body, and always for a non-2xx
   * answer. Calls response_head first when it was not called. Fails (body cut short, timeout,
   * cancelled, over max_response_bytes) with *out_error; the stream then fails every later call. */
  int32_t (*read_body)(void* ctx, tinkr_http_stream* stream, char* buffer, uint64_t capacity,
                       uint64_t* out_len, tinkr_error** out_error);
  /* Releases stream and its response. A body not read to its end closes the connection. Accepts NULL. */
  void (*close_response)(void* ctx, tinkr_http_stream* stream);
} tinkr_host;

/* 1.1: a source of bytes the plugin pulls (ingest_stream). read stores up to capacity bytes in
 * buffer and returns how many; 0 at the end of the data; a negative number when reading failed (the
 * plugin then fails with TINKR_INVALID_DATA, naming the source). Called only from the thread that
 * called ingest_stream. */
typedef struct tinkr_reader {
  uint64_t struct_size;
  void* ctx;
  int64_t (*read)(void* ctx, char* buffer, uint64_t capacity);
} tinkr_reader;

/* ---------------------------------------------------------------------------------------------- */
/* The plugin's table.                                                                             */

typedef struct tinkr_plugin {
  uint64_t struct_size;
  uint32_t abi_major; /* TINKR_PLUGIN_ABI_MAJOR the plugin was built with */
  uint32_t abi_minor;
  const char* name;    /* static, NUL-terminated: "azure", "local" */
  const char* version; /* static, NUL-terminated semantic version of the plugin */

  /* Capabilities as a JSON object (docs/plugin-abi.md lists the members). The plugin allocates
   * *out_json; the host releases it with free_string. */
  int32_t (*describe)(tinkr_str* out_json, tinkr_error** out_error);

  /* Opens one backend from its options (a JSON object the host built from a profile). Validates the
   * options and reports every problem in one error. *out_instance lives until close. May block (it may
   * resolve credentials). */
  int32_t (*open)(tinkr_str config_json, tinkr_instance** out_instance, tinkr_error** out_error);

  /* Runs one query given as IR JSON ("ir": 1) and streams the results to sink. Blocks; checks the
   * host's is_cancelled(cancel) between upstream calls and stops when a sink callback returns non-OK. */
  int32_t (*execute)(tinkr_instance* instance, tinkr_str ir_json, const tinkr_sink* sink,
                     const tinkr_cancel* cancel, tinkr_error** out_error);

  /* The backend's native request for an IR (KQL, SQL, a URL), without sending it. The plugin
   * allocates *out_text; the host releases it with free_string. */
  int32_t (*explain)(tinkr_instance* instance, tinkr_str ir_json, tinkr_str* out_text,
                     tinkr_error** out_error);

  /* Releases an instance. Never fails. */
  void (*close)(tinkr_instance* instance);

  /* Release what this plugin allocated. Both accept an empty string / NULL. */
  void (*free_string)(tinkr_str text);
  void (*free_error)(tinkr_error* error);

  /* Is the backend usable right now (credentials, reachability)? *out_json is a JSON object
   * {"status": "ok" | "error", "message": "..."}; released with free_string. May be NULL. */
  int32_t (*check_health)(tinkr_instance* instance, const tinkr_cancel* cancel, tinkr_str* out_json,
                          tinkr_error** out_error);

  /* Stores telemetry in the backend, for backends that keep their own data (the local one). format
   * names the encoding ("otlp-json": one OTLP/JSON Export*ServiceRequest per line); source names the
   * input in error messages (a file name). All or nothing: on failure nothing of data is kept.
   * *out_json is a JSON summary {"logs": n, "spans": n, "metric_points": n}; released with
   * free_string. NULL when the backend takes no data. */
  int32_t (*ingest)(tinkr_instance* instance, tinkr_str format, tinkr_str source, tinkr_str data,
                    tinkr_str* out_json, tinkr_error** out_error);

  /* ---- 1.1 ---- */

  /* As ingest, but the plugin pulls the data through reader as it stores it, so a file of any size
   * is stored in bounded memory (still all or nothing). format "otlp-json" here also accepts one
   * pretty-printed document, or several, as well as one per line. The summary may add
   * "already_ingested": true when the backend had stored these exact bytes before (and kept nothing
   * new). Checks cancel between pieces. NULL when the backend takes no data this way. */
  int32_t (*ingest_stream)(tinkr_instance* instance, tinkr_str format, tinkr_str source,
                           const tinkr_reader* reader, const tinkr_cancel* cancel, tinkr_str* out_json,
                           tinkr_error** out_error);

  /* ---- 1.2 ---- */

  /* Reads one secret named by uri ("keyvault:https://NAME.vault.azure.net/secrets/SECRET") with the
   * instance's credentials, for a host that keeps its own secrets (API-key hashes) in the backend's
   * cloud. The plugin allocates *out_value; the host releases it with free_string. Neither the value
   * nor a token ever goes into an error or a log line. A plugin that knows no such URI answers
   * TINKR_UNSUPPORTED naming its scheme. Blocks; checks cancel. NULL when the plugin reads no
   * secrets. */
  int32_t (*read_secret)(tinkr_instance* instance, tinkr_str uri, const tinkr_cancel* cancel,
                         tinkr_str* out_value, tinkr_error** out_error);
} tinkr_plugin;

/*
 * The entry point every plugin exports (declared here, defined by the plugin, usually through
 * TINKR_EXPORT_BACKEND). host_abi_major/minor are the version the host speaks, passed apart from the
 * host table so that a plugin can refuse a host without reading a struct whose layout it cannot know.
 * The host table stays valid until the library is unloaded. On success, stores the plugin's static
 * table in *out_plugin and returns TINKR_OK. On failure, returns a status and stores a static,
 * NUL-terminated reason in *out_reason (valid until the library is unloaded).
 */
typedef int32_t (*tinkr_plugin_entry_fn)(uint32_t host_abi_major, uint32_t host_abi_minor,
                                         const tinkr_host* host, const tinkr_plugin** out_plugin,
                                         const char** out_reason);

TINKR_PLUGIN_EXPORT int32_t tinkr_plugin_entry(uint32_t host_abi_major, uint32_t host_abi_minor,
                                               const tinkr_host* host, const tinkr_plugin** out_plugin,
                                               const char** out_reason);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TINKR_PLUGIN_H */
