// sdk::Host::http owns what the host allocated (the response, the error) from the moment the call
// returns: each is freed once with the host's own function, also when copying it out throws.
#include <tinkr/sdk/host.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <new>

namespace tinkr::sdk {
namespace {

struct Counts {
  int responses_freed = 0;
  int errors_freed = 0;
};

struct Canned {
  tinkr_http_header header{};
  tinkr_http_response response{};
  tinkr_error error{};
  int32_t status = TINKR_OK;
  Counts counts;
  tinkr_host table{};

  Canned() {
    response.struct_size = sizeof response;
    response.status = 200;
    response.headers = &header;
    response.header_count = 1;
    header.name = {"Content-Type", 12};
    header.value = {"application/json", 16};
    response.body = {"{}", 2};
    error.struct_size = sizeof error;
    error.status = TINKR_THROTTLED;
    error.retryable = 1;
    error.retry_after_ms = 1500;
    error.message = {"slow down", 9};
    table.struct_size = sizeof table;
    table.abi_major = TINKR_PLUGIN_ABI_MAJOR;
    table.abi_minor = TINKR_PLUGIN_ABI_MINOR;
    table.ctx = this;
    table.http_request = [](void* ctx, const tinkr_http_request*, const tinkr_cancel*,
                            tinkr_http_response** out, tinkr_error** err) -> int32_t {
      auto* self = static_cast<Canned*>(ctx);
      *out = &self->response;
      if (self->status != TINKR_OK) *err = &self->error;
      return self->status;
    };
    table.free_http_response = [](void* ctx, tinkr_http_response*) {
      ++static_cast<Canned*>(ctx)->counts.responses_freed;
    };
    table.free_error = [](void* ctx, tinkr_error*) { ++static_cast<Canned*>(ctx)->counts.errors_freed; };
  }

  HttpResponse send() {
    HttpRequest request;
    request.url = "https://example.test/";
    return Host(&table).http(request, CallContext(&table, nullptr));
  }
};

TEST(SdkHostHttp, TheResponseIsCopiedAndFreedOnce) {
  Canned host;
  auto response = host.send();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("content-type"), "application/json");
  EXPECT_EQ(response.body, "{}");
  EXPECT_EQ(host.counts.responses_freed, 1);
  EXPECT_EQ(host.counts.errors_freed, 0);
}

TEST(SdkHostHttp, AFailureThrowsItsStatusAndFreesBoth) {
  Canned host;
  host.status = TINKR_THROTTLED;
  try {
    (void)host.send();
    ADD_FAILURE() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), TINKR_THROTTLED);
    EXPECT_STREQ(e.what(), "slow down");
  }
  EXPECT_EQ(host.counts.errors_freed, 1);
  EXPECT_EQ(host.counts.responses_freed, 1);
}

TEST(SdkHostHttp, AResponseThatCannotBeCopiedIsStillFreed) {
  Canned host;
  // A length no string can hold: copying the header throws std::length_error before reading it.
  host.header.name = {"X", UINT64_MAX};
  EXPECT_THROW((void)host.send(), std::length_error);
  EXPECT_EQ(host.counts.responses_freed, 1) << "the copy threw, and the response was freed all the same";
}

}  // namespace
}  // namespace tinkr::sdk
