// The config schema, checked on the JSON tree that either syntax produced: top-level keys, profiles,
// [server] and [auth]. Every message starts "config <file>: " and names the key and what was expected.
#include "config/schema.hpp"

#include <tinkr/redact.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::config::detail {
namespace {

using Allocator = rapidjson::Document::AllocatorType;

std::string_view view(const rapidjson::Value& v) {
  return {v.GetString(), v.GetStringLength()};
}

std::string type_name(const rapidjson::Value& v) {
  if (v.IsString()) return "a string";
  if (v.IsBool()) return "a boolean";
  if (v.IsNumber()) return "a number";
  if (v.IsArray()) return "an array";
  if (v.IsObject()) return "a table";
  return "null";
}

class SchemaReader {
 public:
  SchemaReader(const std::string& origin, Environment& environment, Allocator& allocator)
      : origin_(origin), environment_(environment), allocator_(allocator) {}

  Expected<Config> read(rapidjson::Value& root) {
    Config config;
    config.path = origin_;
    if (!root.IsObject())
      return error("", "expected a table of settings at the top, found " + type_name(root));
    for (auto& member : root.GetObject()) {
      const std::string key(view(member.name));
      Expected<bool> ok = true;
      if (key == "active_profile") {
        if (auto resolved = resolve_strings(member.value, "active_profile", ""); !resolved)
          return fail_with(resolved);
        if (!member.value.IsString()) return error("", "'active_profile' must be a string naming a profile");
        config.active_profile = std::string(view(member.value));
      } else if (key == "profiles") {
        ok = read_profiles(member.value, config);
      } else if (key == "server") {
        ok = read_server(member.value, config.server);
      } else if (key == "auth") {
        ok = read_auth(member.value, config);
      } else {
        return error("", "unknown key '" + key + "' (expected active_profile, profiles, server or auth)");
      }
      if (!ok) return tl::make_unexpected(ok.error());
    }
    if (!config.active_profile.empty() && !config.profiles.contains(config.active_profile))
      return error("", "active_profile '" + config.active_profile + "' is not one of the profiles (" +
                           profile_names(config) + ")");
    return config;
  }

 private:
  Unexpected error(const std::string& context, const std::string& what) const {
    return fail(Error::Code::config,
                "config " + origin_ + ": " + (context.empty() ? "" : context + ": ") + what);
  }
  template <typename T>
  static Unexpected fail_with(const Expected<T>& failed) {
    return tl::make_unexpected(failed.error());
  }

  static std::string profile_names(const Config& config) {
    std::string names;
    for (const auto& [name, profile] : config.profiles) names += (names.empty() ? "" : ", ") + name;
    return names.empty() ? "there are none" : names;
  }

  /// Replaces every "env:VAR" string under `value` by the variable's value; `key` names it in messages.
  Expected<bool> resolve_strings(rapidjson::Value& value, const std::string& key,
                                 const std::string& context) {
    if (value.IsObject()) {
      for (auto& member : value.GetObject())
        if (auto ok = resolve_strings(member.value, key + "." + std::string(view(member.name)), context); !ok)
          return ok;
    } else if (value.IsArray()) {
      for (rapidjson::SizeType i = 0; i < value.Size(); ++i)
        if (auto ok = resolve_strings(value[i], key + "[" + std::to_string(i) + "]", context); !ok) return ok;
    } else if (value.IsString() && view(value).starts_with("env:")) {
      const std::string variable(view(value).substr(4));
      if (variable.empty()) return error(context, "key '" + key + "' is \"env:\" without a variable name");
      auto found = environment_.lookup(variable);
      if (!found) return tl::make_unexpected(found.error());
      if (!*found)
        return error(context,
                     "key '" + key + "' is \"env:" + variable + "\" but " + variable + " is not set");
      // A secret named by its variable (workspace_id = "env:AZURE_CLIENT_SECRET") or its key stays
      // out of every message, even one that quotes the option it was put in by mistake.
      if (is_secret_name(variable) || is_secret_name(key)) remember_secret(**found);
      value.SetString((*found)->data(), static_cast<rapidjson::SizeType>((*found)->size()), allocator_);
    } else if (value.IsString() && is_secret_name(key)) {
      remember_secret(view(value));
    }
    return true;
  }

  Expected<bool> read_profiles(rapidjson::Value& profiles, Config& config) {
    if (!profiles.IsObject()) return error("", "'profiles' must be a table of profiles ([profiles.NAME])");
    for (auto& member : profiles.GetObject()) {
      const std::string name(view(member.name));
      const std::string context = "profile '" + name + "'";
      rapidjson::Value& table = member.value;
      if (!table.IsObject()) return error(context, "must be a table, found " + type_name(table));
      for (auto& option : table.GetObject()) {
        auto ok = resolve_strings(option.value, std::string(view(option.name)), context);
        if (!ok) return ok;
      }
      if (!table.HasMember("backend"))
        return error(context, "'backend' is missing (e.g. backend = \"azure\")");
      if (!table["backend"].IsString() || table["backend"].GetStringLength() == 0)
        return error(context, "'backend' must be a string");
      Profile profile;
      profile.name = name;
      profile.backend = std::string(view(table["backend"]));
      profile.origin = origin_;
      table.RemoveMember("backend");
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      table.Accept(writer);
      profile.options_json.assign(buffer.GetString(), buffer.GetSize());
      config.profiles.insert_or_assign(name, std::move(profile));
    }
    return true;
  }

  Expected<bool> read_integer(const rapidjson::Value& value, const std::string& key, int64_t min, int64_t max,
                              int64_t& out, const std::string& table = "server") {
    if (!value.IsInt64() || value.GetInt64() < min || value.GetInt64() > max)
      return error(table, "'" + key + "' must be an integer from " + std::to_string(min) + " to " +
                              std::to_string(max) + ", found " +
                              (value.IsInt64() ? std::to_string(value.GetInt64()) : type_name(value)));
    out = value.GetInt64();
    return true;
  }

  Expected<bool> read_server(rapidjson::Value& server, ServerSettings& settings) {
    if (!server.IsObject()) return error("", "'server' must be a table ([server])");
    // Bounds that keep every later sum and conversion in range (a timeout becomes nanoseconds on a
    // steady clock) and that a real deployment stays well inside.
    constexpr int64_t kHourMs = 3'600'000;
    constexpr int64_t kDayMs = 24 * kHourMs;
    constexpr int64_t kGibibyte = int64_t{1} << 30;
    for (auto& member : server.GetObject()) {
      const std::string key(view(member.name));
      if (auto ok = resolve_strings(member.value, key, "server"); !ok) return ok;
      int64_t number = 0;
      Expected<bool> ok = true;
      if (key == "host") {
        if (!member.value.IsString() || member.value.GetStringLength() == 0)
          return error("server", "'host' must be a string (an address to listen on, e.g. \"127.0.0.1\")");
        settings.listen_address = std::string(view(member.value));
      } else if (key == "port") {
        if ((ok = read_integer(member.value, key, 1, 65535, number)))
          settings.port = static_cast<uint16_t>(number);
      } else if (key == "max_concurrent_queries") {
        if ((ok = read_integer(member.value, key, 1, 100'000, number)))
          settings.max_concurrent_queries = static_cast<int>(number);
      } else if (key == "max_connections") {
        if ((ok = read_integer(member.value, key, 1, 1'000'000, number)))
          settings.max_connections = static_cast<int>(number);
      } else if (key == "worker_threads") {
        if ((ok = read_integer(member.value, key, 1, 1024, number)))
          settings.worker_threads = static_cast<int>(number);
      } else if (key == "worker_nice") {
        if ((ok = read_integer(member.value, key, 0, 19, number)))
          settings.worker_nice = static_cast<int>(number);
      } else if (key == "max_body_bytes") {
        ok = read_integer(member.value, key, 1, kGibibyte, settings.max_body_bytes);
      } else if (key == "header_timeout_ms") {
        ok = read_integer(member.value, key, 1, kHourMs, settings.header_timeout_ms);
      } else if (key == "idle_timeout_ms") {
        ok = read_integer(member.value, key, 1, kHourMs, settings.idle_timeout_ms);
      } else if (key == "query_timeout_ms") {
        ok = read_integer(member.value, key, 1, kDayMs, settings.query_timeout_ms);
      } else {
        return error("server", "unknown key '" + key +
                                   "' (expected host, port, max_concurrent_queries, max_connections, "
                                   "max_body_bytes, header_timeout_ms, idle_timeout_ms, query_timeout_ms, "
                                   "worker_threads or worker_nice)");
      }
      if (!ok) return ok;
    }
    return true;
  }

  Expected<bool> read_api_key(rapidjson::Value& entry, const std::string& context, ApiKey& key) {
    if (!entry.IsObject()) return error(context, "must be a table {hash, subject, roles}");
    for (auto& member : entry.GetObject()) {
      const std::string name(view(member.name));
      if (name != "hash" && name != "subject" && name != "roles")
        return error(context, "unknown key '" + name + "' (expected hash, subject and roles)");
      if (auto ok = resolve_strings(member.value, name, context); !ok) return ok;
    }
    if (!entry.HasMember("hash") || !entry["hash"].IsString())
      return error(context, "'hash' must be a string");
    key.sha256_hex = std::string(view(entry["hash"]));
    bool hex = key.sha256_hex.size() == 64;
    for (auto& c : key.sha256_hex) {
      c = static_cast<char>(c >= 'A' && c <= 'F' ? c + 32 : c);
      hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
    if (!hex) return error(context, "'hash' must be 64 hexadecimal characters (the SHA-256 of the key)");
    if (!entry.HasMember("subject") || !entry["subject"].IsString() ||
        entry["subject"].GetStringLength() == 0)
      return error(context, "'subject' must be a non-empty string (who the key belongs to)");
    key.subject = std::string(view(entry["subject"]));
    if (!entry.HasMember("roles") || !entry["roles"].IsArray() || entry["roles"].Empty())
      return error(context, "'roles' must be a non-empty array of viewer, oncall, sre-lead");
    for (const auto& role : entry["roles"].GetArray()) {
      const std::string_view name = role.IsString() ? view(role) : std::string_view();
      if (name != "viewer" && name != "oncall" && name != "sre-lead")
        return error(context, "'roles' has '" + (role.IsString() ? std::string(name) : type_name(role)) +
                                  "'; expected viewer, oncall or sre-lead");
      key.roles.emplace_back(name);
    }
    return true;
  }

  Expected<bool> read_auth(rapidjson::Value& auth, Config& config) {
    if (!auth.IsObject()) return error("", "'auth' must be a table ([auth])");
    for (auto& member : auth.GetObject()) {
      const std::string key(view(member.name));
      if (key == "api_keys_from") {
        if (auto ok = resolve_strings(member.value, key, "auth"); !ok) return ok;
        const std::string_view uri = member.value.IsString() ? view(member.value) : std::string_view();
        const auto colon = uri.find(':');
        if (colon == 0 || colon == std::string_view::npos || colon + 1 == uri.size())
          return error("auth",
                       "'api_keys_from' must be a secret URI such as "
                       "\"keyvault:https://NAME.vault.azure.net/secrets/SECRET\"");
        config.api_keys_from = std::string(uri);
        continue;
      }
      if (key == "api_keys_refresh_seconds") {
        int64_t seconds = 0;
        if (auto ok = read_integer(member.value, key, 1, 86'400, seconds, "auth"); !ok) return ok;
        config.api_keys_refresh_seconds = static_cast<int>(seconds);
        continue;
      }
      if (key != "api_keys")
        return error("auth", "unknown key '" + key +
                                 "' (expected api_keys, api_keys_from or api_keys_refresh_seconds)");
      if (!member.value.IsArray())
        return error("auth", "'api_keys' must be an array of {hash, subject, roles}");
      for (rapidjson::SizeType i = 0; i < member.value.Size(); ++i) {
        ApiKey api_key;
        const std::string context = "auth.api_keys[" + std::to_string(i) + "]";
        auto ok = read_api_key(member.value[i], context, api_key);
        if (!ok) return ok;
        // One key, two entries: which subject and roles it gets would depend on the order of the
        // list. The hash itself is never printed.
        for (std::size_t j = 0; j < config.api_keys.size(); ++j)
          if (config.api_keys[j].sha256_hex == api_key.sha256_hex)
            return error(context, "'hash' is the same as auth.api_keys[" + std::to_string(j) +
                                      "]'s (subjects '" + config.api_keys[j].subject + "' and '" +
                                      api_key.subject + "'); each key needs its own hash");
        config.api_keys.push_back(std::move(api_key));
      }
    }
    return true;
  }

  const std::string& origin_;
  Environment& environment_;
  Allocator& allocator_;
};

}  // namespace

Expected<Config> read_config(rapidjson::Document& document, const std::string& origin,
                             Environment& environment) {
  return SchemaReader(origin, environment, document.GetAllocator()).read(document);
}

Expected<std::vector<ApiKey>> read_api_keys_document(rapidjson::Document& document, const std::string& origin,
                                                     Environment& environment) {
  // Only [auth] api_keys: a key list kept elsewhere must not reconfigure the server nor name yet
  // another place to read keys from.
  const auto refuse = [&](const std::string& what) {
    return fail(Error::Code::config,
                "config " + origin + ": " + what + " (a key-hash secret holds only [auth] api_keys = [...])");
  };
  if (!document.IsObject()) return refuse("expected a table at the top");
  for (const auto& member : document.GetObject())
    if (view(member.name) != "auth") return refuse("unknown key '" + std::string(view(member.name)) + "'");
  if (!document.HasMember("auth") || !document["auth"].IsObject()) return refuse("no [auth] table");
  for (const auto& member : document["auth"].GetObject())
    if (view(member.name) != "api_keys")
      return refuse("unknown key 'auth." + std::string(view(member.name)) + "'");
  auto config = read_config(document, origin, environment);
  if (!config) return tl::make_unexpected(config.error());
  return std::move(config->api_keys);
}

}  // namespace tinkr::config::detail
