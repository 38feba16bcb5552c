// Compiled by the ExpectedIsNodiscard test, which passes only when the compiler warns that the
// result below is ignored: Expected<T> is [[nodiscard]], so a failure cannot be dropped silently.
#include <tinkr/error.hpp>

tinkr::Expected<int> may_fail() {
  return tinkr::fail(tinkr::Error::Code::internal, "dropped");
}

void drops_it() {
  may_fail();
}
