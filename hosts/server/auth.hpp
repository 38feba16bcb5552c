// API-key authentication and roles. A request carries `Authorization: Bearer <key>`; the key's
// SHA-256 is compared with every configured hash in constant time (CRYPTO_memcmp), so neither the
// key nor which entry matched leaks through timing. Roles nest: sre-lead ⊇ oncall ⊇ viewer.
#pragma once

#include <tinkr/config.hpp>

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::server {

enum class Role { viewer = 1, oncall = 2, sre_lead = 3 };

struct Principal {
  std::string subject;
  Role highest = Role::viewer;
  bool has_role = false;  // false: authenticated but granted no known role
};

class Authenticator {
 public:
  /// Keys whose hash is not 64 hex digits are skipped; `rejected` names them (never the hash).
  explicit Authenticator(const std::vector<config::ApiKey>& keys,
                         std::vector<std::string>* rejected = nullptr);

  /// The principal for an Authorization header value; nullopt when it is missing, not Bearer, or
  /// matches no key.
  std::optional<Principal> authenticate(std::string_view authorization) const;

  std::size_t key_count() const;

  /// Swaps in a new key list (api_keys_from refreshed); requests already checking keep the old one.
  void replace(const std::vector<config::ApiKey>& keys, std::vector<std::string>* rejected = nullptr);

 private:
  struct Key {
    std::array<unsigned char, 32> digest{};
    Principal principal;
  };
  using Keys = std::vector<Key>;
  static std::shared_ptr<const Keys> make_keys(const std::vector<config::ApiKey>& keys,
                                               std::vector<std::string>* rejected);
  std::shared_ptr<const Keys> current() const;

  mutable std::mutex mutex_;
  std::shared_ptr<const Keys> keys_;
};

/// "viewer" | "oncall" | "sre-lead".
std::optional<Role> role_from_text(std::string_view text);
std::string_view to_string(Role role);

/// Whether the principal's roles include `needed` (roles nest).
inline bool allows(const Principal& principal, Role needed) {
  return principal.has_role && static_cast<int>(principal.highest) >= static_cast<int>(needed);
}

/// Lowercase hex SHA-256 of text (tests and `tinkr-server --hash-key`).
std::string sha256_hex(std::string_view text);

}  // namespace tinkr::server
