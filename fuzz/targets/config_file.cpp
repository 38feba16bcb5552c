// Fuzz targets config_toml and config_yaml: the configuration file (~/.tinkr/config.toml or .yaml,
// --config, the server's config): profiles, server settings and API keys. Bad text must be an error
// naming the file and key. The build compiles this file once per syntax, with TINKR_FUZZ_CONFIG_ORIGIN
// a file name whose extension picks the reader.
#include <tinkr/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // A home that does not exist: nothing outside the input (no ~/.tinkr/.env) is read.
  static const std::string home = "/nonexistent/tinkr-fuzz-home";
  auto config = tinkr::config::parse(text, TINKR_FUZZ_CONFIG_ORIGIN, home);
  if (config) {
    std::string notice;
    (void)tinkr::config::select_profile(*config, "", &notice, home);
    for (const auto& [name, profile] : config->profiles)
      (void)tinkr::config::select_profile(*config, name, &notice, home);
  }
  return 0;
}
