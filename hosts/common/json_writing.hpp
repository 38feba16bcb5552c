// The hosts' JSON writers (the CLI's json output, the server's replies, the access log, MCP) use the
// core's pieces (tinkr/json_writing.hpp), so that the incident report the core writes and the records
// the hosts write are built the same way.
#pragma once

#include <tinkr/json_writing.hpp>

namespace tinkr::host {

using json::append_raw;
using json::JsonMembers;
using json::JsonWriter;
using json::to_json_text;
using json::write_bool_member;
using json::write_int_member;
using json::write_key;
using json::write_number_member;
using json::write_string;
using json::write_string_member;

}  // namespace tinkr::host
