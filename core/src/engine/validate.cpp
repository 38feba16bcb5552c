#include "engine/validate.hpp"

namespace tinkr {

Expected<void> validate_query(const ir::Query& q) {
  const std::string signal(ir::to_string(q.signal));
  if (q.time.from_ns < 0 || q.time.to_ns < 0)
    return fail(Error::Code::invalid_query, "the time range must not start before 1970");
  if (q.time.to_ns != 0 && q.time.from_ns >= q.time.to_ns)
    return fail(Error::Code::invalid_query, "the time range is empty: 'from' must come before 'to'");
  if (q.limit < 0) return fail(Error::Code::invalid_query, "the limit must not be negative");
  switch (q.signal) {
    case ir::Signal::trace_get:
      if (q.trace_id.empty()) return fail(Error::Code::invalid_query, "a trace_get query needs a trace id");
      break;
    case ir::Signal::native:
      if (q.native_text.empty())
        return fail(Error::Code::invalid_query, "a native query needs the query text");
      break;
    case ir::Signal::metrics:
      if (q.metrics.names.empty())
        return fail(Error::Code::invalid_query, "a metrics query needs a metric name");
      if (q.metrics.interval_ns < 0 || q.metrics.top < 0)
        return fail(Error::Code::invalid_query, "metric interval and top must not be negative");
      break;
    case ir::Signal::logs:
    case ir::Signal::trace_search:
      if (q.time.to_ns == 0)
        return fail(Error::Code::invalid_query, "a " + signal + " query needs a time range");
      break;
  }
  return {};
}

}  // namespace tinkr
