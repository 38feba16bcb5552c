// Opens the engine or the server connection on first use, and reports errors.
#include "context.hpp"

#include "common/error_tables.hpp"
#include "output/safe_text.hpp"
#include "terminal.hpp"

#include <cstdlib>

namespace tinkr::cli {

Style Console::style() const {
  const bool terminal = stdout_is_terminal();
  return Style{use_colour(terminal, std::getenv("NO_COLOR"), options_.no_color), terminal,
               terminal_width(terminal)};
}

bool Console::progress_enabled() const {
  return stderr_is_terminal();
}

int Console::report(const Error& error) {
  // Messages quote upstream text and user data: never raw control characters on a terminal.
  err << "tinkr: " << escape_controls(error.to_string(), "\n") << '\n';
  return host::exit_code_for(error.code());
}

OpenOptions Backends::open_options() const {
  OpenOptions open;
  open.sources.config_path = options_.config;
  open.profile = options_.profile;
  return open;
}

Expected<Engine*> Backends::engine(std::string_view command) {
  if (remote_mode())
    return fail(Error::Code::unsupported, "tinkr " + std::string(command) +
                                              ": not available through --server (it needs a local backend)");
  if (!engine_) {
    std::string notice;
    auto opened = Engine::open(open_options(), &notice);
    if (!opened) return Unexpected(opened.error());
    if (!notice.empty()) err_ << "tinkr: " << notice << '\n';
    engine_ = std::move(*opened);
  }
  return engine_.get();
}

Expected<RemoteClient*> Backends::remote() {
  if (!remote_mode()) return fail(Error::Code::internal, "not in remote mode");
  if (!remote_) {
    auto endpoint = host::parse_server_url(options_.server);
    if (!endpoint) return Unexpected(endpoint.error());
    const char* token = std::getenv("TINKR_TOKEN");
    remote_ = std::make_unique<RemoteClient>(std::move(*endpoint), token ? token : "");
  }
  return remote_.get();
}

Expected<QueryClient*> Backends::client() {
  if (remote_mode()) {
    auto opened = remote();
    if (!opened) return Unexpected(opened.error());
    return *opened;
  }
  if (!local_) {
    auto opened = engine("query");
    if (!opened) return Unexpected(opened.error());
    local_ = std::make_unique<LocalClient>(**opened);
  }
  return local_.get();
}

}  // namespace tinkr::cli
