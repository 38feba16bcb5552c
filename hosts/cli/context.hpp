// What every subcommand shares: the global flags, the output streams, the query client (opened on
// first use, local or remote), Ctrl-C cancellation and the error-to-exit-code report.
#pragma once

#include "output/output_format.hpp"
#include "query_client.hpp"

#include <tinkr/engine.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace tinkr::cli {

struct GlobalOptions {
  std::string output = "table";
  std::string profile;
  std::string config;
  std::string server;  // --server, or TINKR_SERVER
  bool no_color = false;
};

class Context {
 public:
  Context(std::ostream& out, std::ostream& err) : out(out), err(err) {}

  GlobalOptions options;
  std::ostream& out;
  std::ostream& err;
  CancelSource cancel;  // cancelled by Ctrl-C (see main.cpp)

  bool remote_mode() const { return !options.server.empty(); }
  OpenOptions open_options() const;

  /// The local engine or the server, opened on first use.
  Expected<QueryClient*> client();
  /// The local engine; refused in remote mode with a message naming `command`.
  Expected<Engine*> engine(std::string_view command);
  /// The server's client; refused outside remote mode.
  Expected<RemoteClient*> remote();

  Style style() const;
  bool progress_enabled() const;

  /// Prints "tinkr: <code>: <message>" on stderr and returns the error's exit code.
  int report(const Error& error);

 private:
  std::unique_ptr<Engine> engine_;
  // One of the two, by mode: each kept as its own type, so that remote() needs no cast.
  std::unique_ptr<LocalClient> local_;
  std::unique_ptr<RemoteClient> remote_;
};

}  // namespace tinkr::cli
