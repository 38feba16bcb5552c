// One JSON line per request on the access log: when, who (the key's subject, never the key), what
// (method and path without the query string) and how it went. Lines are written whole under a lock.
#pragma once

#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace tinkr::server {

struct AccessEntry {
  std::string method;
  std::string path;   // the target up to '?'
  std::string route;  // the route template
  std::string subject;
  std::string remote;
  int status = 0;
  double seconds = 0;
  uint64_t bytes = 0;  // body bytes sent
};

class AccessLog {
 public:
  explicit AccessLog(std::ostream* out) : out_(out) {}
  void write(const AccessEntry& entry);

 private:
  std::ostream* out_;  // nullptr: off
  std::mutex mutex_;
};

}  // namespace tinkr::server
