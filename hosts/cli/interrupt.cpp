// SIGINT -> CancelSource. The handler only stores to a lock-free atomic and resets the disposition,
// both async-signal-safe.
#include "interrupt.hpp"

#include <csignal>

namespace tinkr::cli {
namespace {

const CancelSource* g_cancel = nullptr;

extern "C" void on_interrupt(int) {
  if (g_cancel) g_cancel->cancel();
  std::signal(SIGINT, SIG_DFL);
}

}  // namespace

void cancel_on_interrupt(const CancelSource& cancel) {
  g_cancel = &cancel;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
}

}  // namespace tinkr::cli
