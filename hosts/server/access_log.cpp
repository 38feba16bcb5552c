// JSON access-log lines.
#include "access_log.hpp"

#include "common/record_json.hpp"
#include "common/time_text.hpp"

#include <tinkr/engine.hpp>
#include <tinkr/redact.hpp>

namespace tinkr::server {

void AccessLog::write(const AccessEntry& entry) {
  if (out_ == nullptr) return;
  rapidjson::StringBuffer buffer;
  host::JsonWriter w(buffer);
  w.StartObject();
  host::write_string_member(w, "time", host::format_time(now_ns()));
  host::write_string_member(w, "method", entry.method);
  host::write_string_member(w, "path", redact_secrets(entry.path));  // a token pasted into a path stays out
  host::write_string_member(w, "route", entry.route);
  host::write_int_member(w, "status", entry.status);
  host::write_number_member(w, "ms", static_cast<double>(static_cast<int64_t>(entry.seconds * 1e6)) / 1e3);
  host::write_int_member(w, "bytes", static_cast<int64_t>(entry.bytes));
  host::write_string_member(w, "subject", entry.subject);
  host::write_string_member(w, "remote", entry.remote);
  w.EndObject();
  std::lock_guard lock(mutex_);
  *out_ << buffer.GetString() << '\n' << std::flush;
}

}  // namespace tinkr::server
