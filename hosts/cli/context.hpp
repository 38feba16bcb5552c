// What the subcommands share, in the pieces each needs: the Console every command writes to (data,
// diagnostics, how output may look, the error-to-exit-code report), the Backends that only commands
// needing a backend are given (the query client, local or remote, opened on first use), and for query
// commands a QueryEnv of the console, the query client and Ctrl-C. main owns them in one Context.
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

/// Where a command writes. The global options it reads (-o, --no-color) are parsed after the
/// commands are set up, so it reads them when asked.
class Console {
 public:
  Console(std::ostream& out, std::ostream& err, const GlobalOptions& options)
      : out(out), err(err), options_(options) {}

  std::ostream& out;  // data
  std::ostream& err;  // diagnostics

  /// The -o format's name.
  const std::string& output() const { return options_.output; }
  Style style() const;
  bool progress_enabled() const;
  /// Prints "tinkr: <code>: <message>" on stderr and returns the error's exit code.
  int report(const Error& error);

 private:
  const GlobalOptions& options_;
};

/// What a query command needs of the backends: its query client, opened on first use.
class QueryClients {
 public:
  virtual ~QueryClients() = default;
  /// The local engine's client, or the server's in remote mode.
  virtual Expected<QueryClient*> client() = 0;
};

/// The backends, opened on first use: a local engine, or a tinkr-server (--server).
class Backends final : public QueryClients {
 public:
  Backends(const GlobalOptions& options, std::ostream& err) : options_(options), err_(err) {}

  bool remote_mode() const { return !options_.server.empty(); }
  /// The configuration file and profile the flags name.
  OpenOptions open_options() const;

  Expected<QueryClient*> client() override;
  /// The local engine; refused in remote mode with a message naming `command`.
  Expected<Engine*> engine(std::string_view command);
  /// The server's client; refused outside remote mode.
  Expected<RemoteClient*> remote();

 private:
  const GlobalOptions& options_;
  std::ostream& err_;  // the engine's notice on opening
  std::unique_ptr<Engine> engine_;
  // One of the two, by mode: each kept as its own type, so that remote() needs no cast.
  std::unique_ptr<LocalClient> local_;
  std::unique_ptr<RemoteClient> remote_;
};

/// What a query command (logs, metrics, traces, trace, tail, query, schema) is given.
struct QueryEnv {
  Console& console;
  QueryClients& clients;
  CancelSource cancel;  // cancelled by Ctrl-C
};

/// The whole, owned by main: it hands each command its pieces.
class Context {
 public:
  Context(std::ostream& out, std::ostream& err) : console(out, err, options), backends(options, err) {}

  GlobalOptions options;
  Console console;
  Backends backends;
  CancelSource cancel;  // cancelled by Ctrl-C (see main.cpp)

  QueryEnv query_env() { return QueryEnv{console, backends, cancel}; }
};

}  // namespace tinkr::cli
