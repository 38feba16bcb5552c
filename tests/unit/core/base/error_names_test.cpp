// One table of error-code names: the core's to_string(Error::Code) is the SDK's status_name, so a
// plugin's "forbidden" and the core's are the same word, and no code is left unnamed.
#include <tinkr/error.hpp>
#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

namespace tinkr {
namespace {

TEST(ErrorNames, EveryCodeHasTheSdksName) {
  for (int32_t status = TINKR_INVALID_QUERY; status <= TINKR_INVALID_DATA; ++status) {
    const Error::Code code = code_from_status(status);
    EXPECT_EQ(static_cast<int32_t>(code), status);
    EXPECT_EQ(to_string(code), sdk::status_name(status));
    EXPECT_NE(to_string(code), "unknown") << status;
  }
  EXPECT_EQ(to_string(Error::Code::upstream_unavailable), "upstream_unavailable");
  EXPECT_EQ(Error(Error::Code::forbidden, "no role").to_string(), "forbidden: no role");
}

}  // namespace
}  // namespace tinkr
