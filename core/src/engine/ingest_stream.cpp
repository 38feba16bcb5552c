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

// What the plugin reads through: the input, and the caller's cancel. Ctrl-C interrupts a blocked read
// (EINTR), which a std::istream takes for the end of its input; checked after the read, the flag turns
// that short read into a failure, so that a cut input is never stored as if it were whole.
struct ReaderState {
  std::istream& input;
  const CancelSource* cancel;
};

int64_t read_stream(void* ctx, char* buffer, uint64_t capacity) {
  auto& state = *static_cast<ReaderState*>(ctx);
  try {
    if (state.cancel && state.cancel->cancelled()) return -1;
    state.input.read(buffer, static_cast<std::streamsize>(capacity));
    if (state.input.bad() || (state.cancel && state.cancel->cancelled())) return -1;
    return static_cast<int64_t>(state.input.gcount());
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
  ReaderState state{input, cancel};
  tinkr_reader reader{sizeof(tinkr_reader), &state, &read_stream};
  tinkr_cancel call;
  call.flag = cancel ? cancel->shared_flag() : CancelSource().shared_flag();
  auto summary = call_returning_string(table, [&](tinkr_str* json, tinkr_error** error) {
    return table.ingest_stream(impl_->instance, {format.data(), format.size()},
                               {source.data(), source.size()}, &reader, &call, json, error);
  });
  // Whatever the plugin made of a read cut by the cancel (a read error, a truncated record), the
  // caller asked to stop, and the plugin stored nothing of a failed input.
  if (!summary && cancel && cancel->cancelled())
    return fail(Error::Code::cancelled, "ingest " + std::string(source) + ": cancelled; nothing was stored");
  return summary;
}

}  // namespace tinkr
