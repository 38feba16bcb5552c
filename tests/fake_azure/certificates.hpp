// Throwaway X.509 material for the fake Azure: a CA and the server certificates it signs, made fresh
// in memory with OpenSSL for every run (EC P-256, valid from an hour ago for a day).
#pragma once

#include <string>

namespace tinkr::fake_azure {

struct KeyAndCertificate {
  std::string key_pem;
  std::string certificate_pem;
};

/// A self-signed CA named common_name.
KeyAndCertificate make_certificate_authority(const std::string& common_name);

/// A server certificate signed by ca, valid for subject_alt_names (OpenSSL syntax:
/// "IP:127.0.0.1,DNS:localhost").
KeyAndCertificate make_server_certificate(const KeyAndCertificate& ca, const std::string& subject_alt_names);

}  // namespace tinkr::fake_azure
