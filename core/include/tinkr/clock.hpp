// tinkr/clock.hpp: the engine's clock, declared once for the core, its host services and the hosts.
#pragma once

#include <cstdint>

namespace tinkr {

/// The current time in Unix nanoseconds (the engine's clock).
int64_t now_ns();

}  // namespace tinkr
