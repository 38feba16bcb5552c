// JSON-lines logging to stderr; the level comes from TINKR_LOG once.
#include "base/log.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "tinkr/engine.hpp"
#include "tinkr/redact.hpp"

namespace tinkr::log {
namespace {

Level configured_level() noexcept {
  const char* env = std::getenv("TINKR_LOG");
  std::string_view v = env ? env : "";
  if (v == "debug") return Level::debug;
  if (v == "info") return Level::info;
  if (v == "error") return Level::error;
  return Level::warn;
}

std::string_view level_name(Level level) noexcept {
  static constexpr std::string_view kNames[] = {"debug", "info", "warn", "error"};
  return kNames[static_cast<int>(level)];
}

}  // namespace

bool enabled(Level level) noexcept {
  static const Level threshold = configured_level();
  return level >= threshold;
}

void write(Level level, std::string_view source, std::string_view message) noexcept {
  if (!enabled(level)) return;
  try {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("ts_ns");
    w.Int64(now_ns());
    w.Key("level");
    w.String(level_name(level).data(), static_cast<rapidjson::SizeType>(level_name(level).size()));
    w.Key("source");
    w.String(source.data(), static_cast<rapidjson::SizeType>(source.size()));
    w.Key("msg");
    const std::string redacted = redact_secrets(message);  // plugins log upstream text too
    w.String(redacted.data(), static_cast<rapidjson::SizeType>(redacted.size()));
    w.EndObject();
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::fprintf(stderr, "%s\n", buffer.GetString());
  } catch (...) {
    // logging must never take the process down
  }
}

}  // namespace tinkr::log
