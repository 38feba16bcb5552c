// The stdio loop (see stdio_transport.hpp).
#include "mcp/stdio_transport.hpp"

#include <string>

namespace tinkr::mcp {

void run_stdio(Server& server, std::istream& in, std::ostream& out, const CancelSource& cancel) {
  CallContext call;
  call.cancel = cancel;
  std::string line;
  while (!cancel.cancelled() && std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    Reply reply = server.handle(line, call);
    if (reply.body.empty()) continue;
    out << reply.body << '\n';
    out.flush();
  }
}

}  // namespace tinkr::mcp
