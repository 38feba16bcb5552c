// Runs a Job on a worker thread: the plugin call, then the reply. NDJSON replies stream in chunks as
// records arrive; JSON replies are sent whole up to 1 MiB and in chunks beyond. An error before the
// first chunk is a normal error reply with its status; after it, the reply ends with the error (an
// error line, or the JSON reply's "error" member: the status is sent).
#pragma once

#include "route.hpp"

#include <chrono>
#include <string>

namespace tinkr::server {

/// Where a job's reply goes; the session implements it by posting to its own executor.
class JobOutput {
 public:
  virtual ~JobOutput() = default;
  /// A whole reply; called at most once, and never after stream().
  virtual void respond(Response response) = 0;
  /// A piece of a reply sent in chunks (NDJSON, or JSON past 1 MiB); the first call sends the head. May block
  /// while the client is slow to read (back-pressure). Returns false once the client has gone (the query then
  /// stops).
  virtual bool stream(std::string chunk, bool last) = 0;
};

void run_job(const Job& job, const Services& services, JobOutput& output, const CancelSource& cancel,
             std::chrono::milliseconds timeout);

}  // namespace tinkr::server
