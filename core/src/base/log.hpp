// The core's logger: one JSON object per line on stderr, filtered by TINKR_LOG (debug, info, warn,
// error; default warn). Plugins log through the host services table, which lands here.
#pragma once

#include <string_view>

namespace tinkr::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

bool enabled(Level level) noexcept;
/// Writes one line {"level": ..., "source": ..., "msg": ...}. Never pass a secret.
void write(Level level, std::string_view source, std::string_view message) noexcept;

}  // namespace tinkr::log
