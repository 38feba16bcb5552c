// tinkr/redact.hpp: keeping secrets out of everything Tinkr prints. Errors (tinkr::Error cleans its
// message), log lines and warnings pass through redact_secrets; hosts use it for what they print
// themselves (an access log line, a server URL).
#pragma once

#include <string>
#include <string_view>

namespace tinkr {

/// What replaces a secret in printed text.
inline constexpr std::string_view kRedacted = "[redacted]";

/// Remembers value as a secret for the rest of the process: every later redact_secrets replaces it.
/// Values shorter than 6 bytes are ignored (they would blank ordinary words). Thread-safe.
void remember_secret(std::string_view value);

/// Remembers the credential of an Authorization header value ("Bearer <token>": the token) that is
/// being sent, so that an upstream error quoting it back is redacted. Only the latest 32 are kept
/// (tokens are renewed; a server runs for months).
void remember_credential(std::string_view authorization);

/// True for names of variables and keys that hold secrets: a segment (split at '_', '-', '.')
/// SECRET, PASSWORD, PASSWD, TOKEN, KEY, APIKEY, CREDENTIAL(S) or PAT, unless the last one is FILE,
/// PATH or DIR (where a secret is kept is no secret); and IDENTITY_HEADER. Not `credential` nor
/// AZURE_TOKEN_CREDENTIALS, which choose a kind of credential. Any case.
bool is_secret_name(std::string_view name) noexcept;

/// text with secrets replaced by kRedacted: values remembered with remember_secret (and, on first
/// use, those of the process's environment variables whose names are secret), bearer and other
/// Authorization credentials, JWTs (eyJ...), and the user-info of URLs (https://user:pass@host).
std::string redact_secrets(std::string_view text);

}  // namespace tinkr
