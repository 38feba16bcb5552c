// Engine::ingest from a stream: the plugin pulls the bytes through a tinkr_reader (ABI 1.1), so a
// 500 MB file costs a buffer, not its size in memory. A 1.0 plugin has no ingest_stream: it gets the
// whole input in one string, as before.
#include "tinkr/engine.hpp"

#include "base/call_state.hpp"
#include "engine/engine_impl.hpp"
#include "registry/plugin_call.hpp"

#include <cstddef>
#include <istream>
#include <iterator>

namespace tinkr {
namespace {

int64_t read_stream(void* ctx, char* buffer, uint64_t capacity) {
  auto& input = *static_cast<std::istream*>(ctx);
  try {
    input.read(buffer, static_cast<std::streamsize>(capacity));
    if (input.bad()) return -1;
    return static_cast<int64_t>(input.gcount());
  } catch (...) {
    return -1;  // a stream set to throw: a read error all the same
  }
}

bool has_ingest_stream(const tinkr_plugin& table) {
  return table.struct_size >= offsetof(tinkr_plugin, ingest_stream) + sizeof table.ingest_stream &&
         table.ingest_stream != nullptr;
}

}  // namespace

Expected<std::string> Engine::ingest(std::string_view format, std::string_view source, std::istream& input,
                                     const CancelSource* cancel) {
  const tinkr_plugin& table = impl_->table();
  if (!has_ingest_stream(table)) {
    std::string data(std::istreambuf_iterator<char>(input), {});
    if (input.bad()) return fail(Error::Code::invalid_data, "ingest " + std::string(source) + ": read error");
    return ingest(format, source, data);
  }
  tinkr_reader reader{sizeof(tinkr_reader), &input, &read_stream};
  tinkr_cancel call;
  call.flag = cancel ? cancel->shared_flag() : CancelSource().shared_flag();
  return call_returning_string(table, [&](tinkr_str* json, tinkr_error** error) {
    return table.ingest_stream(impl_->instance, {format.data(), format.size()},
                               {source.data(), source.size()}, &reader, &call, json, error);
  });
}

}  // namespace tinkr
