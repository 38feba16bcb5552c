// Secret redaction (issue 13.16): remembered secrets, bearer tokens and Authorization values, JWTs and
// URL user-info are replaced, ordinary prose is left alone, and Error applies it to every message.
#include <tinkr/error.hpp>
#include <tinkr/redact.hpp>

#include <gtest/gtest.h>

namespace tinkr {
namespace {

TEST(Redact, BearerTokensAndAuthorizationValuesAnywhere) {
  EXPECT_EQ(redact_secrets("rejected Authorization: Bearer abc.def-ghi_jkl~123"),
            "rejected Authorization: Bearer [redacted]");
  EXPECT_EQ(redact_secrets(R"({"headers":{"Authorization":"Basic dXNlcjpwYXNzd29yZA=="}})"),
            R"({"headers":{"Authorization":"Basic [redacted]"}})");
  EXPECT_EQ(redact_secrets("token was bearer 0123456789abcdef0123"), "token was bearer [redacted]");
  EXPECT_EQ(redact_secrets("authorization=SharedKey acct:c2lnbmF0dXJlCg=="),
            "authorization=SharedKey [redacted]");
}

TEST(Redact, ProseAboutTokensStays) {
  for (const char* prose : {"a bearer token went to the authority", "Authorization header missing",
                            "no valid authorization was provided", "https://example.com/path@v2"})
    EXPECT_EQ(redact_secrets(prose), prose);
}

TEST(Redact, JsonWebTokens) {
  EXPECT_EQ(redact_secrets("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl expired"),
            "token [redacted] expired");
}

TEST(Redact, UrlUserInfo) {
  EXPECT_EQ(redact_secrets("--server 'https://u:hunter2@host:8000/x': expected http://"),
            "--server 'https://[redacted]@host:8000/x': expected http://");
  EXPECT_EQ(redact_secrets("http://token@127.0.0.1"), "http://[redacted]@127.0.0.1");
}

TEST(Redact, RememberedSecretsWherever) {
  remember_secret("s3cr3t-canary-value");
  remember_secret("short");  // too short to redact safely: ignored
  EXPECT_EQ(redact_secrets("'s3cr3t-canary-value' is not a GUID; short"),
            "'[redacted]' is not a GUID; short");
  remember_credential("Bearer opaque-token-canary");
  EXPECT_EQ(redact_secrets("quoted back: opaque-token-canary"), "quoted back: [redacted]");
}

TEST(Redact, ErrorMessagesAreRedacted) {
  remember_secret("another-canary-secret");
  const Error e(Error::Code::unauthenticated,
                "upstream said: another-canary-secret / Bearer abcdefgh12345678");
  EXPECT_EQ(e.message(), "upstream said: [redacted] / Bearer [redacted]");
  EXPECT_EQ(e.with_context("x").message(), "x: upstream said: [redacted] / Bearer [redacted]");
}

TEST(Redact, SecretNames) {
  for (const char* name : {"AZURE_CLIENT_SECRET", "TINKR_TOKEN", "api_key", "client-secret", "db.password",
                           "IDENTITY_HEADER", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "GITHUB_PAT"})
    EXPECT_TRUE(is_secret_name(name)) << name;
  for (const char* name : {"AZURE_CLIENT_ID", "workspace_id", "AZURE_FEDERATED_TOKEN_FILE", "tls_key_file",
                           "api_keys", "monkey", "PATH", "HOME", "credential", "AZURE_TOKEN_CREDENTIALS"})
    EXPECT_FALSE(is_secret_name(name)) << name;
}

}  // namespace
}  // namespace tinkr
