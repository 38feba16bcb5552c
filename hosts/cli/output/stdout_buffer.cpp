// See stdout_buffer.hpp.
#include "output/stdout_buffer.hpp"

#include <unistd.h>

namespace tinkr::cli {

void buffer_unless_terminal(std::FILE* stream) {
  if (isatty(fileno(stream))) return;
  // glibc ignores the size when it is given no buffer, so the buffer is ours. It is static, never
  // freed: stdio flushes at exit, after destructors have run. Untouched pages cost no memory.
  static char buffer[kFileOutputBuffer];
  std::setvbuf(stream, buffer, _IOFBF, sizeof buffer);
}

}  // namespace tinkr::cli
