// Constant-time API-key checks.
#include "auth.hpp"
#include <tinkr/text.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cctype>
#include <memory>

namespace tinkr::server {
namespace {

std::optional<std::array<unsigned char, 32>> decode_hex_digest(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  std::array<unsigned char, 32> digest{};
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < 32; ++i) {
    const int high = nibble(hex[2 * i]), low = nibble(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    digest[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return digest;
}

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

// OpenSSL 3's one-shot SHA256() looks the algorithm up in its provider tables on every call, which
// was most of what checking a request's key cost (profiled under wrk: about 100,000 instructions a
// request). Fetched once, with a context per thread, hashing a key is just the hashing.
Digest sha256(std::string_view text) {
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                                     &EVP_MD_CTX_free);
  Digest digest{};
  unsigned int size = 0;
  if (kSha256 != nullptr && context && EVP_DigestInit_ex2(context.get(), kSha256, nullptr) == 1 &&
      EVP_DigestUpdate(context.get(), text.data(), text.size()) == 1 &&
      EVP_DigestFinal_ex(context.get(), digest.data(), &size) == 1 && size == digest.size())
    return digest;
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return digest;
}

}  // namespace

std::optional<Role> role_from_text(std::string_view text) {
  if (text == "viewer") return Role::viewer;
  if (text == "oncall") return Role::oncall;
  if (text == "sre-lead") return Role::sre_lead;
  return std::nullopt;
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::oncall:
      return "oncall";
    case Role::sre_lead:
      return "sre-lead";
    case Role::viewer:
      break;
  }
  return "viewer";
}

std::string sha256_hex(std::string_view text) {
  const Digest digest = sha256(text);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 15];
  }
  return hex;
}

Authenticator::Authenticator(const std::vector<config::ApiKey>& keys, std::vector<std::string>* rejected)
    : keys_(make_keys(keys, rejected)) {}

std::shared_ptr<const Authenticator::Keys> Authenticator::make_keys(const std::vector<config::ApiKey>& keys,
                                                                    std::vector<std::string>* rejected) {
  auto made = std::make_shared<Keys>();
  for (const auto& key : keys) {
    auto digest = decode_hex_digest(key.sha256_hex);
    if (!digest) {
      if (rejected) rejected->push_back("api key of '" + key.subject + "': hash is not 64 hex digits");
      continue;
    }
    Key entry;
    entry.digest = *digest;
    entry.principal.subject = key.subject;
    for (const auto& name : key.roles) {
      auto role = role_from_text(name);
      if (!role) continue;
      if (!entry.principal.has_role || static_cast<int>(*role) > static_cast<int>(entry.principal.highest))
        entry.principal.highest = *role;
      entry.principal.has_role = true;
    }
    made->push_back(std::move(entry));
  }
  return made;
}

std::shared_ptr<const Authenticator::Keys> Authenticator::current() const {
  std::lock_guard lock(mutex_);
  return keys_;
}

std::size_t Authenticator::key_count() const {
  return current()->size();
}

void Authenticator::replace(const std::vector<config::ApiKey>& keys, std::vector<std::string>* rejected) {
  auto made = make_keys(keys, rejected);
  std::lock_guard lock(mutex_);
  keys_ = std::move(made);
}

std::optional<Principal> Authenticator::authenticate(std::string_view authorization) const {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  if (!starts_with_ignoring_case(authorization, kScheme)) return std::nullopt;
  const std::string_view key = authorization.substr(kScheme.size());
  const Digest digest = sha256(key);
  // Every entry is compared, even after a match, so the time taken does not say which one matched.
  const auto keys = current();
  const Key* match = nullptr;
  for (const auto& entry : *keys)
    if (CRYPTO_memcmp(entry.digest.data(), digest.data(), digest.size()) == 0) match = &entry;
  if (!match) return std::nullopt;
  return match->principal;
}

}  // namespace tinkr::server
