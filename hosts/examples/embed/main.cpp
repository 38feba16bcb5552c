// Embedding Tinkr: open the configured profile, ask for a service's warnings and errors of the last
// hour, print them. docs/embedding.md walks through it. Usage: tinkr-embed-example [SERVICE]
#include <tinkr/engine.hpp>

#include <cstdio>

static int fail(const tinkr::Error& error) {
  std::fprintf(stderr, "embed: %s\n", error.to_string().c_str());
  return 1;
}

int main(int argc, char** argv) {
  std::string notice;  // says so when the profile was chosen implicitly
  auto engine = tinkr::Engine::open({}, &notice);
  if (!engine) return fail(engine.error());
  if (!notice.empty()) std::fprintf(stderr, "embed: %s\n", notice.c_str());

  tinkr::QuerySpec spec;
  spec.signal = tinkr::ir::Signal::logs;
  spec.service = argc > 1 ? argv[1] : "payments-api";
  spec.text = "level>=warn";  // the Tinkr query language
  spec.since = "1h";
  spec.limit = 10;
  auto query = (*engine)->build(spec);
  if (!query) return fail(query.error());
  auto result = (*engine)->collect(*query);
  if (!result) return fail(result.error());

  for (const auto& record : result->records)
    if (const auto* log = std::get_if<tinkr::LogRecord>(&record))
      std::printf("%lld %-5s %s %s\n", static_cast<long long>(log->time_ns),
                  std::string(tinkr::ir::severity_text(log->severity_number)).c_str(), log->service.c_str(),
                  log->body.c_str());
  return 0;
}
