// See worker_priority.hpp.
#include "worker_priority.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace tinkr::server {

void lower_worker_priority(int steps) {
  thread_local bool done = false;
  if (done) return;
  done = true;
  if (steps <= 0) return;
  // On Linux the nice value belongs to each thread, and PRIO_PROCESS with a thread id sets that
  // thread's alone (setpriority(2), NOTES). Raising it needs no privilege.
  const auto thread = static_cast<id_t>(gettid());
  errno = 0;
  const int current = getpriority(PRIO_PROCESS, thread);
  if (current == -1 && errno != 0) return;
  setpriority(PRIO_PROCESS, thread, std::min(19, current + steps));
}

}  // namespace tinkr::server
