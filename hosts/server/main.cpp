// tinkr-server: reads the configuration, opens the backend (TINKR_BACKEND and credentials are
// resolved once, here), then serves until SIGTERM or SIGINT and finishes the requests in flight.
#include "api_key_refresher.hpp"
#include "auth.hpp"
#include "backends_json.hpp"
#include "common/error_tables.hpp"
#include "mcp_route.hpp"
#include "server.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

using tinkr::Error;
using tinkr::Expected;
using tinkr::Unexpected;

int refuse(const Error& error) {
  std::cerr << "tinkr-server: " << error.to_string() << '\n';
  return tinkr::host::exit_code_for(error.code());
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

struct Flags {
  std::string config_path, profile, host;
  // One I/O thread by default: its work is short (HTTP and the socket; plugin calls run on the
  // workers) and, above the workers' priority (worker_priority.hpp), it serves some 17,000 requests/s
  // of 100 records on two cores with a lower tail than two that contend with each other
  // (docs/server.md). The shipped deployments give the server one CPU or less.
  int port = -1, io_threads = 1;
  bool no_auth = false, quiet = false, hash_key = false;
  std::size_t mcp_max_result_bytes = 64 * 1024;
  tinkr::mcp::HttpOptions mcp_http;
};

void add_flags(CLI::App& app, Flags& flags) {
  app.add_option("--config", flags.config_path, "the configuration file (default ~/.tinkr/config.toml)");
  app.add_option("--profile", flags.profile, "the profile whose backend to serve");
  app.add_option("--host", flags.host, "address to listen on (default from [server], 127.0.0.1)");
  app.add_option("--port", flags.port, "port (default from [server], 8000; 0: any free port, printed)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--io-threads", flags.io_threads, "threads for network I/O")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  app.add_flag("--no-auth", flags.no_auth, "serve without API keys (binds to loopback only)");
  app.add_flag("--quiet", flags.quiet, "no access log");
  // The key comes on standard input: an argument would sit in the shell's history and in ps.
  app.add_flag("--hash-key", flags.hash_key,
               "read an API key from standard input, print its sha256 for [auth] api_keys, and exit");
  app.add_option("--mcp-max-result-bytes", flags.mcp_max_result_bytes,
                 "the largest MCP tool result (POST /mcp)")
      ->capture_default_str()
      ->check(CLI::Range(4096, 16 << 20));
  app.add_option("--mcp-allow-origin", flags.mcp_http.allowed_origins,
                 "a browser Origin allowed to call POST /mcp besides loopback ones (repeatable)");
}

// --hash-key: the sha256 of the key on standard input, for [auth] api_keys.
int print_key_hash() {
  std::string key;
  std::getline(std::cin, key);
  if (!key.empty() && key.back() == '\r') key.pop_back();
  if (key.empty())
    return refuse(
        Error(Error::Code::config, "--hash-key reads the key from standard input, and it was empty"));
  std::cout << tinkr::server::sha256_hex(key) << '\n';
  return 0;
}

// Where to listen: the config's [server], overridden by the flags; --no-auth only on loopback.
Expected<tinkr::config::ServerSettings> listen_settings(const tinkr::config::Config& config,
                                                        const Flags& flags) {
  auto settings = config.server;
  if (!flags.host.empty()) settings.listen_address = flags.host;
  if (flags.port >= 0) settings.port = static_cast<uint16_t>(flags.port);
  if (flags.no_auth && !is_loopback(settings.listen_address))
    return tinkr::fail(Error::Code::config,
                       "--no-auth serves on loopback only; '" + settings.listen_address + "' is not");
  if (settings.listen_address == "localhost") settings.listen_address = "127.0.0.1";
  return settings;
}

// The config's own API keys, each it cannot use named on stderr; refused when none is usable and no
// secret names more.
Expected<void> open_authenticator(std::optional<tinkr::server::Authenticator>& authenticator,
                                  const tinkr::config::Config& config) {
  std::vector<std::string> rejected;
  authenticator.emplace(config.api_keys, &rejected);
  for (const auto& reason : rejected) std::cerr << "tinkr-server: warning: " << reason << '\n';
  if (authenticator->key_count() == 0 && config.api_keys_from.empty())
    return tinkr::fail(
        Error::Code::config,
        "no usable [auth] api_keys in the configuration; add one (see tinkr-server --hash-key), "
        "name a secret with api_keys_from, or run with --no-auth on loopback");
  return {};
}

// Replies are built on the worker threads and freed on the I/O threads, tens of KB each. glibc hands
// a thread arena's free top back to the kernel once it passes the trim threshold (128 KiB by default,
// less than 16 replies in flight), and the next replies fault the same pages in again: with 100
// records per reply, trimming and page faults were about 4% of the server's CPU (issue 15). Keeping up
// to 16 MiB free per arena costs at most that much resident memory after a burst. Setting it stops
// glibc moving its thresholds by itself, so the mmap threshold is set too, at half the trim threshold
// as glibc keeps them: blocks up to 8 MiB (big replies) come from the heap and are reused as well.
void keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 8 << 20);
  mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

// The signals main waits for; blocked before any thread starts, so that every thread inherits the mask
// and only sigwait sees them.
sigset_t block_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);  // read api_keys_from again now (after rotating the secret)
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Serves until SIGTERM or SIGINT (SIGHUP re-reads the keys' secret), then finishes the requests in flight.
int serve(tinkr::Engine& engine, const tinkr::config::ServerSettings& settings, const Flags& flags,
          tinkr::server::Authenticator* authenticator, tinkr::server::ApiKeyRefresher* key_refresher,
          const sigset_t& signals) {
  tinkr::server::EngineBackend backend(engine);
  tinkr::server::ServerMetrics metrics;
  tinkr::server::Services services{backend, metrics, authenticator,
                                   tinkr::server::backends_json(engine.backend(), engine.profile_name())};
  tinkr::server::McpBackend mcp_backend(backend, engine.profile_name());
  tinkr::mcp::ServerOptions mcp_options;
  mcp_options.limits.max_result_bytes = flags.mcp_max_result_bytes;
  mcp_options.limits.timeout = std::chrono::milliseconds(settings.query_timeout_ms);
  tinkr::mcp::Server mcp_server(mcp_backend, mcp_options);
  services.mcp = &mcp_server;
  services.mcp_http = &flags.mcp_http;
  if (key_refresher) services.api_keys_status = [key_refresher] { return key_refresher->status_json(); };
  tinkr::server::Server server(std::move(services), settings, flags.quiet ? nullptr : &std::clog);
  auto bound = server.listen(settings.listen_address, settings.port);
  if (!bound) return refuse(bound.error());
  server.start(flags.io_threads);
  std::cout << "tinkr-server: listening on http://" << settings.listen_address << ':' << *bound
            << " (backend " << engine.backend().name << ", profile " << engine.profile_name() << ", auth "
            << (flags.no_auth ? "off" : "on") << ")" << std::endl;

  int received = 0;
  while (sigwait(&signals, &received) == 0 && received == SIGHUP)
    if (key_refresher) key_refresher->refresh_now();
  std::cerr << "tinkr-server: " << (received == SIGTERM ? "SIGTERM" : "SIGINT")
            << ": finishing the requests in flight\n";
  server.shutdown();
  server.wait();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tinkr-server: the Tinkr HTTP API over one backend"};
  app.footer("\n" + tinkr::host::exit_code_table());
  app.set_version_flag("--version", "tinkr-server " TINKR_VERSION);
  Flags flags;
  add_flags(app, flags);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : tinkr::host::kExitUsage;
  }
  if (flags.hash_key) return print_key_hash();

  // Before any thread starts: ~/.tinkr/.env feeds the plugins' own variables too (never overriding).
  if (auto dotenv = tinkr::config::apply_dotenv(); !dotenv) return refuse(dotenv.error());
  tinkr::OpenOptions open;
  open.sources.config_path = flags.config_path;
  open.profile = flags.profile;
  auto config = tinkr::config::load(open.sources);
  if (!config) return refuse(config.error());
  auto settings = listen_settings(*config, flags);
  if (!settings) return refuse(settings.error());

  std::optional<tinkr::server::Authenticator> authenticator;
  if (!flags.no_auth)
    if (auto opened = open_authenticator(authenticator, *config); !opened) return refuse(opened.error());

  std::string notice;
  auto engine = tinkr::Engine::open(open, &notice);
  if (!engine) return refuse(engine.error().with_context("backend cannot start"));
  if (!notice.empty()) std::cerr << "tinkr-server: " << notice << '\n';

  // Keys kept in the backend's cloud (a Key Vault secret), read with the backend's own identity.
  std::optional<tinkr::server::ApiKeyRefresher> key_refresher;
  if (authenticator && !config->api_keys_from.empty()) {
    key_refresher.emplace(
        *authenticator, config->api_keys, config->api_keys_from,
        std::chrono::seconds(config->api_keys_refresh_seconds),
        [&engine](const std::string& uri) { return (*engine)->read_secret(uri); }, std::cerr);
    if (auto loaded = key_refresher->load(); !loaded) return refuse(loaded.error());
    if (authenticator->key_count() == 0)
      return refuse(Error(Error::Code::config, "api_keys_from '" + config->api_keys_from +
                                                   "' holds no usable key, and [auth] api_keys has none"));
  }

  keep_freed_memory_for_reuse();
  const sigset_t signals = block_signals();
  if (key_refresher) key_refresher->start();
  const int status = serve(**engine, *settings, flags, authenticator ? &*authenticator : nullptr,
                           key_refresher ? &*key_refresher : nullptr, signals);
  if (key_refresher) key_refresher->stop();
  if (status == 0) std::cerr << "tinkr-server: stopped\n";
  return status;
}
