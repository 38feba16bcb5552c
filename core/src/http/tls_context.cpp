// TLS client contexts: verification on, old protocol versions off.
#include "http/tls_context.hpp"

#include <boost/asio/ssl/context.hpp>

namespace tinkr::http {

Expected<std::shared_ptr<boost::asio::ssl::context>> TlsContexts::get(const std::string& ca_file) {
  namespace ssl = boost::asio::ssl;
  std::lock_guard lock(mutex_);
  if (auto found = contexts_.find(ca_file); found != contexts_.end()) return found->second;
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  context->set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (ca_file.empty()) {
    context->set_default_verify_paths(ec);
    if (ec)
      return fail(Error::Code::config, "cannot load the system's trusted certificates: " + ec.message());
  } else {
    context->load_verify_file(ca_file, ec);
    if (ec)
      return fail(Error::Code::config,
                  "ca_file '" + ca_file + "': cannot load a PEM certificate bundle (" + ec.message() + ")");
  }
  contexts_.emplace(ca_file, context);
  return context;
}

}  // namespace tinkr::http
