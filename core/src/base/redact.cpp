// Secret redaction; see tinkr/redact.hpp. Plain scans rather than regular expressions: each rule is a
// keyword and a run of token characters, and the scan must stay linear on long upstream bodies.
#include "tinkr/redact.hpp"
#include <tinkr/text.hpp>

#include <algorithm>
#include <cctype>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <vector>

extern char** environ;

namespace tinkr {
namespace {

constexpr std::size_t kShortestSecret = 6;

// Access tokens are renewed every hour or so: a long-running server keeps only the latest ones.
constexpr std::size_t kShortLivedKept = 32;

struct SecretSet {
  std::shared_mutex mutex;
  std::vector<std::string> lasting;     // configuration and environment secrets
  std::deque<std::string> short_lived;  // bearer tokens, oldest first
};

void insert(SecretSet& set, std::string_view value, bool short_lived) {
  if (value.size() < kShortestSecret) return;
  auto known = [&] {
    auto in = [&](const auto& values) {
      return std::find(values.begin(), values.end(), value) != values.end();
    };
    return in(set.lasting) || in(set.short_lived);
  };
  {
    // Every HTTPS request reports its token: the common case (already known) takes the shared lock only.
    std::shared_lock lock(set.mutex);
    if (known()) return;
  }
  std::unique_lock lock(set.mutex);
  if (known()) return;
  if (!short_lived) {
    set.lasting.emplace_back(value);
    // Longest first, so that a secret that contains another is redacted whole.
    std::stable_sort(set.lasting.begin(), set.lasting.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return;
  }
  set.short_lived.emplace_back(value);
  if (set.short_lived.size() > kShortLivedKept) set.short_lived.pop_front();
}

// The set, seeded once with the secret-named variables of the environment (a plugin reads
// AZURE_CLIENT_SECRET itself; a profile may name it with env:).
SecretSet& secrets() {
  static SecretSet* set = [] {
    auto* s = new SecretSet;  // never destroyed: logging may run during static destruction
    for (char** entry = environ; entry && *entry; ++entry) {
      std::string_view line(*entry);
      const auto equals = line.find('=');
      if (equals != std::string_view::npos && is_secret_name(line.substr(0, equals)))
        insert(*s, line.substr(equals + 1), false);
    }
    return s;
  }();
  return *set;
}

bool is_token_char(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~' ||
         c == '+' || c == '/' || c == '=' || c == ':';  // ':' for SharedKey's account:signature
}

bool is_base64url_char(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

std::size_t token_end(std::string_view text, std::size_t at) noexcept {
  while (at < text.size() && is_token_char(text[at])) ++at;
  return at;
}

// Replaces [begin, end) of text by kRedacted; returns the index just after the replacement.
std::size_t blank(std::string& text, std::size_t begin, std::size_t end) {
  text.replace(begin, end - begin, kRedacted);
  return begin + kRedacted.size();
}

void redact_remembered(std::string& text) {
  auto& set = secrets();
  auto redact_each = [&](const auto& values) {
    for (const auto& secret : values)
      for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
        at = blank(text, at, at + secret.size());
  };
  std::shared_lock lock(set.mutex);
  redact_each(set.lasting);
  redact_each(set.short_lived);
}

// A credential: at least 8 token characters, one of them not a letter, so that prose ("a bearer
// credential", "authorization failed") stays as it is while every real token (digits, dots, dashes,
// base64 padding) goes.
std::size_t credential_end(std::string_view text, std::size_t at) noexcept {
  constexpr std::size_t kShortestCredential = 8;
  const std::size_t end = token_end(text, at);
  bool has_non_letter = false;
  for (std::size_t i = at; i < end && !has_non_letter; ++i)
    has_non_letter = !std::isalpha(static_cast<unsigned char>(text[i]));
  return end - at >= kShortestCredential && has_non_letter ? end : at;
}

// "Bearer <credential>" anywhere, and "Authorization: [scheme] <credential>" as a header dump or a JSON
// member ("Authorization":"Basic ...") writes it.
void redact_credentials(std::string& text) {
  auto skip = [&](std::size_t at, std::string_view chars) {
    while (at < text.size() && chars.find(text[at]) != std::string_view::npos) ++at;
    return at;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t at;
    if (starts_with_ignoring_case(std::string_view(text).substr(i), "bearer ")) {
      at = skip(i + 7, " ");
    } else if (starts_with_ignoring_case(std::string_view(text).substr(i), "authorization")) {
      at = skip(i + 13, "\"'\\");
      if (at >= text.size() || (text[at] != ':' && text[at] != '=')) continue;
      at = skip(at + 1, " \"'\\");
      std::size_t word = at;  // an optional scheme (Bearer, Basic, SharedKey) before the credential
      while (word < text.size() && std::isalpha(static_cast<unsigned char>(text[word]))) ++word;
      if (word < text.size() && text[word] == ' ' && word > at) at = skip(word, " ");
    } else {
      continue;
    }
    const std::size_t end = credential_end(text, at);
    if (end > at) i = blank(text, at, end) - 1;
  }
}

// JSON Web Tokens wherever they stand: "eyJ" + base64url, two dots.
void redact_jwts(std::string& text) {
  for (auto at = text.find("eyJ"); at != std::string::npos; at = text.find("eyJ", at + 1)) {
    std::size_t end = at;
    int dots = 0;
    while (end < text.size() && (is_base64url_char(text[end]) || text[end] == '.'))
      dots += text[end++] == '.';
    if (dots >= 2 && end - at >= 20) at = blank(text, at, end) - 1;
  }
}

// scheme://user:password@host -> scheme://[redacted]@host
void redact_url_user_info(std::string& text) {
  for (auto at = text.find("://"); at != std::string::npos; at = text.find("://", at + 1)) {
    const std::size_t begin = at + 3;
    std::size_t end = begin, last_at = std::string::npos;
    while (end < text.size() && text[end] != '/' && text[end] != '?' && text[end] != '#' &&
           !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '"' && text[end] != '\'') {
      if (text[end] == '@') last_at = end;
      ++end;
    }
    if (last_at != std::string::npos && last_at > begin &&
        text.compare(begin, last_at - begin, kRedacted) != 0)
      at = blank(text, begin, last_at);
  }
}

}  // namespace

bool is_secret_name(std::string_view name) noexcept {
  static constexpr std::string_view kSecretSegments[] = {
      "SECRET", "PASSWORD", "PASSWD", "TOKEN", "KEY", "APIKEY", "CREDENTIAL", "CREDENTIALS", "PAT"};
  auto upper_equals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (std::toupper(static_cast<unsigned char>(a[i])) != b[i]) return false;
    return true;
  };
  if (upper_equals(name, "IDENTITY_HEADER")) return true;
  // Which credential to use, by kind ("managed_identity", "ManagedIdentityCredential"): a choice, not a
  // secret. Taken for one, it blanked the kind wherever it was printed (doctor's "credential '...'").
  if (upper_equals(name, "CREDENTIAL") || upper_equals(name, "AZURE_TOKEN_CREDENTIALS")) return false;
  bool secret = false;
  std::string_view last;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i < name.size() && name[i] != '_' && name[i] != '-' && name[i] != '.') continue;
    last = name.substr(start, i - start);
    for (auto word : kSecretSegments) secret = secret || upper_equals(last, word);
    start = i + 1;
  }
  // AZURE_FEDERATED_TOKEN_FILE, tls_key_file: where a secret is, not the secret.
  return secret && !upper_equals(last, "FILE") && !upper_equals(last, "PATH") && !upper_equals(last, "DIR");
}

void remember_secret(std::string_view value) {
  insert(secrets(), value, false);
}

void remember_credential(std::string_view authorization) {
  // "Bearer eyJ...": the credential alone, which is what an upstream quotes back most often.
  const auto space = authorization.find(' ');
  insert(secrets(), space == std::string_view::npos ? authorization : authorization.substr(space + 1), true);
}

std::string redact_secrets(std::string_view text) {
  std::string out(text);
  redact_remembered(out);
  redact_credentials(out);
  redact_jwts(out);
  redact_url_user_info(out);
  return out;
}

}  // namespace tinkr
