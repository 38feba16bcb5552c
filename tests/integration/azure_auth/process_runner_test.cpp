// The Azure CLI credential's command runner with real processes: output captured through pipes, exit
// codes passed on, no shell between us and the program, and a program that overstays killed on time.
#include "auth/process_runner.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace tinkr::azure {
namespace {

class ProcessRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tinkr-process-runner-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string script(const std::string& name, const std::string& body) {
    auto path = dir_ / name;
    std::ofstream(path) << "#!/bin/sh\n" << body;
    ::chmod(path.c_str(), 0755);
    return path.string();
  }

  std::filesystem::path dir_;
};

TEST_F(ProcessRunnerTest, CapturesOutputErrorAndExitCode) {
  auto program = script("tool", "echo \"out:$1:$2\"; echo err >&2; exit 3\n");
  auto result = run_command({program, "a b", "$(not expanded)"}, 10'000);
  EXPECT_EQ(result.out, "out:a b:$(not expanded)\n") << "arguments reach the program verbatim, no shell";
  EXPECT_EQ(result.err, "err\n");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_FALSE(result.timed_out);
}

TEST_F(ProcessRunnerTest, KillsAProgramThatOutlivesItsTimeout) {
  // The child of the script holds the pipes open too: the whole process group must die.
  auto program = script("slow", "sleep 30 &\nsleep 30\n");
  auto start = std::chrono::steady_clock::now();
  auto result = run_command({program}, 200);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.exit_code, -1);
  EXPECT_LT(elapsed, std::chrono::seconds(10)) << "bounded by the timeout, not by the program";
}

TEST_F(ProcessRunnerTest, AProgramThatCannotStartIsAnErrorNamingIt) {
  try {
    run_command({(dir_ / "missing").string()}, 1000);
    FAIL() << "started";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot start '" + (dir_ / "missing").string() + "'"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(ProcessRunnerTest, FindsOnlyExecutableRegularFilesOnPath) {
  std::filesystem::create_directories(dir_ / "a" / "az");  // a directory named az
  std::ofstream(dir_ / "b" / "az");
  std::filesystem::create_directories(dir_ / "b");
  std::ofstream(dir_ / "b" / "az") << "not executable";
  std::filesystem::create_directories(dir_ / "c");
  std::ofstream(dir_ / "c" / "az") << "#!/bin/sh\n";
  ::chmod((dir_ / "c" / "az").c_str(), 0755);
  std::string path = (dir_ / "a").string() + "::" + (dir_ / "b").string() + ":" + (dir_ / "c").string();
  EXPECT_EQ(find_program("az", path), (dir_ / "c" / "az").string());
  EXPECT_EQ(find_program("az", std::nullopt), std::nullopt);
  EXPECT_EQ(find_program("az", (dir_ / "a").string()), std::nullopt);
}

}  // namespace
}  // namespace tinkr::azure
