// tinkr/config.hpp: profiles and configuration. ~/.tinkr/config.toml (or its YAML twin config.yaml)
// holds named profiles, the active one, the [server] table and [auth] keys. "env:VAR" values come from
// the environment or ~/.tinkr/.env (which never overrides a variable already set). With no file at
// all, TINKR_BACKEND alone selects a backend configured from the environment; with neither, the local
// backend at ~/.tinkr/local.db is the default.
#pragma once

#include <tinkr/error.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tinkr::config {

/// One `[profiles.NAME]` table: the backend and its options. Options stay JSON because only the
/// plugin knows (and validates) its own keys.
struct Profile {
  std::string name;
  std::string backend;
  std::string options_json;  // a JSON object of every key but `backend`, env: values resolved
  std::string origin;        // where it came from, for messages: "~/.tinkr/config.toml", "environment", ...
};

struct ApiKey {
  std::string sha256_hex;  // lowercase hex of the key's SHA-256
  std::string subject;
  std::vector<std::string> roles;  // viewer | oncall | sre-lead
};

struct ServerSettings {
  std::string host = "127.0.0.1";
  uint16_t port = 8000;
  int max_concurrent_queries = 16;
  int64_t max_body_bytes = 1 << 20;
  int64_t header_timeout_ms = 10'000;
  int64_t idle_timeout_ms = 60'000;
  int64_t query_timeout_ms = 200'000;
  int worker_threads = 4;
};

struct Config {
  std::string path;  // the file read; empty when none exists
  std::string active_profile;
  std::map<std::string, Profile> profiles;
  ServerSettings server;
  std::vector<ApiKey> api_keys;
};

/// Where configuration is looked for; tests point these elsewhere.
struct Sources {
  std::string config_path;  // explicit file (--config); empty: TINKR_CONFIG, then ~/.tinkr/config.{toml,yaml,yml}
  std::string home;         // empty: $HOME
};

/// Reads the config file (TOML or YAML by extension). A missing default file is not an error (an
/// empty Config with path ""); a missing explicit file is. Errors name the file, the key, and what
/// was expected.
Expected<Config> load(const Sources& sources = {});

/// Parses config text; `origin` names it in messages and decides the syntax (.toml / .yaml / .yml).
Expected<Config> parse(std::string_view text, const std::string& origin, const std::string& home = "");

/// The profile to use: `requested` (a --profile flag), else TINKR_PROFILE, else active_profile, else
/// TINKR_BACKEND alone (options from the environment), else the only profile, else the embedded
/// local default. `notice` receives a one-line explanation when the choice was implicit.
Expected<Profile> select_profile(const Config& config, const std::string& requested,
                                 std::string* notice = nullptr, const std::string& home = "");

/// ~/.tinkr, from `home` or $HOME.
std::string tinkr_dir(const std::string& home = "");

}  // namespace tinkr::config
