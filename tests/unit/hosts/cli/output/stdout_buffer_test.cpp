// The command's output, when it goes to a file or a pipe, is written in large blocks rather than
// stdio's 4 KB ones (one write call per 4 KB cost more than formatting a big answer's rows).
#include "output/stdout_buffer.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <string>

namespace tinkr::cli {
namespace {

long long written_bytes(std::FILE* file) {
  struct stat info {};
  EXPECT_EQ(fstat(fileno(file), &info), 0);
  return static_cast<long long>(info.st_size);
}

TEST(StdoutBuffer, AFileGetsTheLargeBuffer) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::tmpfile(), &std::fclose);
  ASSERT_NE(file, nullptr);
  buffer_unless_terminal(file.get());
  // Three quarters of the buffer: stdio's default (one 4 KB block) would have written most of it.
  const std::string rows(kFileOutputBuffer / 4 * 3, 'x');
  ASSERT_EQ(std::fwrite(rows.data(), 1, rows.size(), file.get()), rows.size());
  EXPECT_EQ(written_bytes(file.get()), 0);
  ASSERT_EQ(std::fflush(file.get()), 0);
  EXPECT_EQ(written_bytes(file.get()), static_cast<long long>(rows.size()));
}

}  // namespace
}  // namespace tinkr::cli
