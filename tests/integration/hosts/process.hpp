// Runs the host programs as child processes for the integration tests: arguments and extra
// environment in, exit code and both output streams out. No shell is involved.
#pragma once

#include <sys/types.h>
#include <map>
#include <string>
#include <vector>

namespace tinkr::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `program` to completion. `env` is added to (and overrides) the test's environment; `input`
/// is its standard input (none when empty).
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {}, const std::string& input = "");

/// The full path of a program found on PATH (run_process starts programs by path, without a shell);
/// the bare name when it is not found.
std::string program_on_path(const std::string& name);

/// The SHA-256 of an API key as [auth] api_keys wants it, from `tinkr-server --hash-key`.
std::string api_key_hash(const std::string& server_path, const std::string& key);

/// A child whose stdout is read line by line while it runs (tinkr-server).
class ChildProcess {
 public:
  /// stderr goes to err_path when given (else it is the test's own).
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {}, const std::string& err_path = "");
  ~ChildProcess();
  /// The next line of stdout (blocks until it comes); "" at end of output.
  std::string read_line();
  void signal(int number);
  /// Waits for the child to end; its exit code (128 + signal when killed).
  int wait();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string pending_;
  bool waited_ = false;
  int exit_code_ = -1;
};

/// A fresh temporary folder, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace tinkr::testing
