// The accept loop.
#include "listener.hpp"

#include "session.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

namespace tinkr::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Out of descriptors (EMFILE/ENFILE) or memory, accept fails at once for as long as it lasts: pausing
// keeps the accept loop from spinning on the CPU until a connection closes.
constexpr std::chrono::milliseconds kAcceptPause{50};

}  // namespace

Listener::Listener(net::io_context& io, ServerContext& context)
    : io_(io), context_(context), acceptor_(net::make_strand(io)), pause_(acceptor_.get_executor()) {}

Expected<uint16_t> Listener::open(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  const std::string where = host + ":" + std::to_string(port);
  if (ec) return fail(Error::Code::config, "listen address '" + host + "': not an IP address");
  const tcp::endpoint endpoint(address, port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return fail(Error::Code::config, "listen on " + where + ": " + ec.message());
  return acceptor_.local_endpoint().port();
}

void Listener::start(int io_threads) {
  one_io_thread_ = io_threads <= 1;
  do_accept();
}

void Listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ec;
    self->acceptor_.close(ec);
    self->pause_.cancel();
  });
}

void Listener::do_accept() {
  // A session's handlers must never run at once. Past one I/O thread that takes a strand per
  // connection; with one (the default), that thread runs every handler in turn, which Asio calls an
  // implicit strand, and a strand of its own would only put each completion through its queue and
  // its lock once more: 2% of a 100-record reply's instructions (issue 15). Workers hand replies
  // back by posting to the session's executor either way.
  const auto session_executor =
      one_io_thread_ ? net::any_io_executor(io_.get_executor()) : net::any_io_executor(net::make_strand(io_));
  acceptor_.async_accept(
      session_executor, [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !self->acceptor_.is_open()) return;
        if (ec) {
          self->pause_.expires_after(kAcceptPause);
          self->pause_.async_wait([self](boost::system::error_code wait_ec) {
            if (!wait_ec && self->acceptor_.is_open()) self->do_accept();
          });
          return;
        }
        auto session = std::make_shared<Session>(boost::beast::tcp_stream(std::move(socket)), self->context_);
        switch (self->context_.sessions.add(session)) {
          case SessionRegistry::Admission::admitted:
            session->start();
            break;
          case SessionRegistry::Admission::at_capacity:
            session->refuse(static_cast<std::size_t>(self->context_.settings.max_connections));
            break;
          case SessionRegistry::Admission::shutting_down:
            break;  // the session closes its socket as it goes
        }
        self->do_accept();
      });
}

}  // namespace tinkr::server
