// The process environment behind a function, so that tests decide what every credential and option
// fallback sees instead of mutating the real environment.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tinkr::azure {

/// Reads one environment variable. An unset or empty variable is nullopt: Azure's SDKs treat both
/// alike, and an empty AZURE_CLIENT_SECRET must not count as a configured credential.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;

/// The real environment of this process (getenv).
Environment process_environment();

/// A fixed environment, for tests: only the given variables exist.
Environment fixed_environment(std::map<std::string, std::string, std::less<>> variables);

/// The variables of names that env does not have, phrased for a credential's reason:
/// "AZURE_TENANT_ID and AZURE_CLIENT_SECRET are not set"; empty when all are set.
std::string describe_missing(const Environment& env, std::initializer_list<std::string_view> names);

}  // namespace tinkr::azure
