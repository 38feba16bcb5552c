// Decoding a Log Analytics answer while it arrives: the answer's body is pulled from the host's client
// on the thread that called execute (Transport::open), so records reach the sink before the last byte
// has arrived, with no thread or pipe in between.
#pragma once

#include "common/query_context.hpp"
#include "decode/table_reader.hpp"

#include <string_view>

namespace tinkr::azure {

/// Streams answer's rows to consumer. Returns read_tables' result (stopped when the consumer stopped;
/// the caller then drops the answer, which ends the transfer). Throws: the transport's sdk::Error when
/// no answer could be had or its body could not be read (a cut body explains any parse error after
/// it); decode::azure_error for a non-2xx answer (`api` names the upstream in its message);
/// read_tables' error for a malformed answer; and whatever the consumer threw.
decode::ReadResult read_answer(Answer& answer, decode::RowConsumer& consumer, std::string_view api);

/// Sends plan and reads its answer as above.
decode::ReadResult read_answer(Transport& transport, const RequestPlan& plan, const sdk::CallContext& call,
                               decode::RowConsumer& consumer, std::string_view api);

}  // namespace tinkr::azure
