// A temporary HOME for config tests, and the TINKR_* variables cleared for the test's duration.
#pragma once

#include <tinkr/config.hpp>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tinkr_test {

/// Sets (or unsets) environment variables and restores what was there on destruction.
class ScopedEnvironment {
 public:
  ~ScopedEnvironment() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
  }
  void set(const std::string& name, const std::string& value) {
    save(name);
    setenv(name.c_str(), value.c_str(), 1);
  }
  void unset(const std::string& name) {
    save(name);
    unsetenv(name.c_str());
  }

 private:
  void save(const std::string& name) {
    if (saved_.contains(name)) return;
    const char* value = std::getenv(name.c_str());
    saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "tinkr-config-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    home_ = pattern;
    std::filesystem::create_directories(home_ + "/.tinkr");
    for (const char* name : {"TINKR_CONFIG", "TINKR_PROFILE", "TINKR_BACKEND", "TINKR_TEST_WORKSPACE",
                             "TINKR_TEST_SECRET", "TINKR_TEST_UNSET"})
      env_.unset(name);
  }
  void TearDown() override { std::filesystem::remove_all(home_); }

  std::string write(const std::string& name, const std::string& text) {
    const std::string path = home_ + "/.tinkr/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  tinkr::config::Sources sources() const { return {"", home_}; }

  static rapidjson::Document json(const std::string& text) {
    rapidjson::Document document;
    document.Parse(text.c_str());
    EXPECT_FALSE(document.HasParseError()) << "not JSON: " << text;
    return document;
  }

  std::string home_;
  ScopedEnvironment env_;
};

}  // namespace tinkr_test
