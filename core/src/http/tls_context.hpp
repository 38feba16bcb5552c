// TLS client contexts, one per trust store (the system's, or a CA file), made once and shared by
// every connection that verifies against the same store.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "tinkr/error.hpp"

namespace boost::asio::ssl {
class context;
}

namespace tinkr::http {

class TlsContexts {
 public:
  /// The context verifying peers against ca_file (a PEM bundle), or the system store when empty.
  /// TLS 1.2 or newer, peer verification on. Fails with config when ca_file cannot be loaded.
  Expected<std::shared_ptr<boost::asio::ssl::context>> get(const std::string& ca_file);

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<boost::asio::ssl::context>> contexts_;
};

}  // namespace tinkr::http
