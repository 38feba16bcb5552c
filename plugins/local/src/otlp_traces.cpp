// otlp_traces.cpp: ExportTraceServiceRequest -> rows of `spans`.
#include "otlp_ingest.hpp"

namespace tinkr::local::otlp {

namespace {

constexpr std::string_view kKinds[] = {"internal", "internal", "server", "client", "producer", "consumer"};
constexpr std::string_view kStatuses[] = {"unset", "ok", "error"};

// The protocol's own result code, as the ABI's status_code wants it ("503", "UNAVAILABLE" = 14).
std::string status_code(const Json* attributes) {
  for (std::string_view key : {"http.response.status_code", "http.status_code", "rpc.grpc.status_code"}) {
    std::string code = attribute_text(attributes, key);
    if (!code.empty()) return code;
  }
  return {};
}

void write_events(JsonWriter& w, const Json* events, const Path& path) {
  w.StartArray();
  if (events) {
    for (rapidjson::SizeType i = 0; i < events->Size(); ++i) {
      const Json& e = (*events)[i];
      const Path here = path.at("", i);
      if (!e.IsObject()) fail(here, "expected an Event object");
      w.StartObject();
      w.Key("time_unix_nano");
      w.Int64(read_int64(e, here, "timeUnixNano"));
      w.Key("name");
      std::string_view name = read_string(e, here, "name");
      w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
      w.Key("attributes");
      write_attributes(w, member(e, "attributes"), here.at("attributes"));
      w.EndObject();
    }
  }
  w.EndArray();
}

void ingest_span(const Json& span, const Path& path, std::string_view service, Inserter& in) {
  if (!span.IsObject()) fail(path, "expected a Span object");
  read_hex_id(span, path, "traceId", 32, in.id_a);
  if (in.id_a.empty()) fail(path.at("traceId"), "missing (a span needs its trace id)");
  read_hex_id(span, path, "spanId", 16, in.id_b);
  if (in.id_b.empty()) fail(path.at("spanId"), "missing (a span needs its id)");
  read_hex_id(span, path, "parentSpanId", 16, in.id_c);
  const int64_t start = read_int64(span, path, "startTimeUnixNano");
  const int64_t end = read_int64(span, path, "endTimeUnixNano");
  if (start <= 0) fail(path.at("startTimeUnixNano"), "missing");
  if (end < start) fail(path.at("endTimeUnixNano"), "before startTimeUnixNano");
  const int kind = read_enum(span, path, "kind", "SPAN_KIND_",
                             {"UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"});
  int status = 0;
  if (const Json* st = member(span, "status")) {
    if (!st->IsObject()) fail(path.at("status"), "expected a Status object");
    status = read_enum(*st, path.at("status"), "code", "STATUS_CODE_", {"UNSET", "OK", "ERROR"});
  }
  const Json* attributes = member(span, "attributes");
  in.attributes.Clear();
  JsonWriter w(in.attributes);
  write_attributes(w, attributes, path.at("attributes"));
  in.extra.Clear();
  JsonWriter events(in.extra);
  const Json* event_list = array_member(span, path, "events");
  write_events(events, event_list, path.at("events"));
  const std::string code = status_code(attributes);

  Statement& s = in.span;
  s.bind_text(1, in.id_a);
  s.bind_text(2, in.id_b);
  s.bind_text(3, in.id_c);
  s.bind_text(4, service);
  s.bind_text(5, read_string(span, path, "name"));
  s.bind_text(6, kKinds[kind]);
  s.bind_int(7, start);
  s.bind_int(8, end - start);
  s.bind_text(9, kStatuses[status]);
  s.bind_text(10, code);
  s.bind_text(11, {in.attributes.GetString(), in.attributes.GetSize()});
  s.bind_text(12, {in.extra.GetString(), in.extra.GetSize()});
  s.run();
  ++in.counts.spans;
}

}  // namespace

void ingest_spans(const Json& request, Inserter& in) {
  const Path root;
  const Json* resources = array_member(request, root, "resourceSpans");
  for (rapidjson::SizeType r = 0; r < resources->Size(); ++r) {
    const Json& resource = (*resources)[r];
    const Path rpath = root.at("resourceSpans", r);
    if (!resource.IsObject()) fail(rpath, "expected a ResourceSpans object");
    const std::string service = service_name(resource);
    const Json* scopes = array_member(resource, rpath, "scopeSpans");
    if (!scopes) continue;
    for (rapidjson::SizeType s = 0; s < scopes->Size(); ++s) {
      const Path spath = rpath.at("scopeSpans", s);
      if (!(*scopes)[s].IsObject()) fail(spath, "expected a ScopeSpans object");
      const Json* spans = array_member((*scopes)[s], spath, "spans");
      if (!spans) continue;
      for (rapidjson::SizeType i = 0; i < spans->Size(); ++i)
        ingest_span((*spans)[i], spath.at("spans", i), service, in);
    }
  }
}

}  // namespace tinkr::local::otlp
