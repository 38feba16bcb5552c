// Shared set-up for the transport tests: a fresh fake Azure and a client that trusts its CA and
// records retry delays instead of sleeping them.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "base/call_state.hpp"
#include "fake_azure.hpp"
#include "http/client.hpp"

namespace tinkr::http::testing {

using namespace std::chrono_literals;
using fake_azure::FakeAzure;
using fake_azure::FakeResponse;
using fake_azure::Route;

class TransportTest : public ::testing::Test {
 protected:
  TransportTest() { client_ = std::make_unique<Client>(options()); }

  // Retry delays are recorded, not slept: tests stay fast and still see what would have been waited.
  ClientOptions options() {
    ClientOptions o;
    o.sleep_for = [this](std::chrono::milliseconds delay, const tinkr_cancel*) {
      std::lock_guard lock(mutex_);
      delays_.push_back(delay);
      return true;
    };
    return o;
  }

  Request get(std::string path) {
    Request request;
    request.url = server_.https_url() + path;
    request.ca_file = server_.ca_file();
    request.timeout = 10s;
    return request;
  }

  std::vector<std::chrono::milliseconds> delays() {
    std::lock_guard lock(mutex_);
    return delays_;
  }

  std::string authority() const { return "127.0.0.1:" + std::to_string(server_.https_port()); }

  FakeAzure server_;
  std::unique_ptr<Client> client_;
  std::mutex mutex_;
  std::vector<std::chrono::milliseconds> delays_;
};

inline std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

}  // namespace tinkr::http::testing
