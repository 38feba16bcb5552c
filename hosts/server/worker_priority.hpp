// The worker threads run below the I/O threads' scheduling priority.
//
// A query can keep a worker busy on the CPU (decoding a big answer, writing its JSON), while the I/O
// threads' work is short and on every request's path: accepting, reading requests, sending replies.
// With the CPU contended, a worker that preempts the I/O thread delays every connection, not only its
// own (measured in docs/server-figures.md), so the workers take a higher nice value, as ClickHouse's
// os_thread_priority does for its query threads. They are not starved: at nice 5 against the I/O
// thread's 0 a worker still gets about a quarter of a CPU both want (the kernel's weights, 335 to
// 1024), and all of one the I/O thread leaves idle.
#pragma once

namespace tinkr::server {

/// Raises the calling thread's nice value by `steps` (the workers' `worker_nice`, capped at 19), the
/// first time a thread calls it; later calls on the same thread do nothing. Best effort: where the OS
/// refuses, the thread keeps the priority it had.
void lower_worker_priority(int steps);

}  // namespace tinkr::server
