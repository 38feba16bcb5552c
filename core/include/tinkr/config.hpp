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

/// [server]. Each number is range-checked when read (see the limits in docs/configuration.md).
struct ServerSettings {
  std::string listen_address = "127.0.0.1";  // the config's [server] host and tinkr-server's --host
  uint16_t port = 8000;
  int max_concurrent_queries = 16;
  int max_connections = 512;  // open client connections; beyond it the longest-idle one is closed
  int64_t max_body_bytes = 1 << 20;
  int64_t header_timeout_ms = 10'000;
  int64_t idle_timeout_ms = 60'000;
  int64_t query_timeout_ms = 200'000;
  int worker_threads = 4;
  // How many nice steps (0 to 19) the worker threads run below the I/O threads, so that queries busy on
  // the CPU never delay accepting, reading and sending (docs/server.md).
  int worker_nice = 5;
};

struct Config {
  std::string path;  // the file read; empty when none exists
  std::string active_profile;
  std::map<std::string, Profile> profiles;
  ServerSettings server;
  std::vector<ApiKey> api_keys;
  // [auth] api_keys_from: a secret URI (e.g. "keyvault:https://NAME.vault.azure.net/secrets/S") whose
  // text holds more keys in the format parse_api_keys reads; the server reads it with the backend's
  // credentials at start and every api_keys_refresh_seconds.
  std::string api_keys_from;
  int api_keys_refresh_seconds = 300;
};

/// Where configuration is looked for; tests point these elsewhere.
struct Sources {
  std::string
      config_path;   // explicit file (--config); empty: TINKR_CONFIG, then ~/.tinkr/config.{toml,yaml,yml}
  std::string home;  // empty: $HOME
};

/// Reads the config file (TOML or YAML by extension): sources.config_path, else TINKR_CONFIG, else the
/// first of ~/.tinkr/config.toml, config.yaml, config.yml. A missing default file is not an error (an
/// empty Config with path ""); a missing explicit file is. Errors name the file, the key, and what
/// was expected: `config /home/u/.tinkr/config.toml: profile 'azure-prod': 'backend' must be a string`.
Expected<Config> load(const Sources& sources = {});

/// Parses config text; `origin` names it in messages and decides the syntax (.toml / .yaml / .yml).
Expected<Config> parse(std::string_view text, const std::string& origin, const std::string& home = "");

/// The profile to use: `requested` (a --profile flag), else TINKR_PROFILE, else active_profile, else
/// TINKR_BACKEND alone (options from the environment), else the only profile, else the embedded
/// local default ({backend "local", options {"path": "<home>/.tinkr/local.db"}}). TINKR_BACKEND gives
/// a profile named "env" with empty options: each plugin reads its own variables. `notice` receives a
/// one-line explanation when the choice was implicit (and is cleared otherwise). TINKR_PROFILE and
/// TINKR_BACKEND may also come from ~/.tinkr/.env.
Expected<Profile> select_profile(const Config& config, const std::string& requested,
                                 std::string* notice = nullptr, const std::string& home = "");

/// API keys kept outside the config file (a Key Vault secret named by [auth] api_keys_from): TOML that
/// holds only the config's own `[auth]` table with `api_keys = [{hash, subject, roles}, ...]`, each
/// key checked as in a config file. Errors start "config <origin>: " and never quote a hash.
Expected<std::vector<ApiKey>> parse_api_keys(std::string_view text, const std::string& origin);

/// ~/.tinkr, from `home` or $HOME (or the passwd entry's home when HOME is unset).
std::string tinkr_dir(const std::string& home = "");

/// Copies ~/.tinkr/.env into the process environment, never overriding a variable already set, so
/// that plugins reading their own variables (AZURE_LOG_ANALYTICS_WORKSPACE_ID, ...) see them too.
/// Returns how many variables it set (0 when there is no .env). setenv is not thread-safe: call it
/// once at start-up, before any thread starts. load() and select_profile() read .env themselves and
/// do not need this.
Expected<int> apply_dotenv(const std::string& home = "");

}  // namespace tinkr::config
