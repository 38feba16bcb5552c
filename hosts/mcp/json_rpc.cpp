// JSON-RPC messages in and out (see json_rpc.hpp).
#include "mcp/json_rpc.hpp"

namespace tinkr::mcp {
namespace {

std::string id_text(const rapidjson::Value& id) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  id.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

ReadFailure invalid(std::string_view id_json, std::string_view why) {
  return {write_error(id_json, code::kInvalidRequest, why)};
}

void write_frame_start(JsonWriter& w, std::string_view id_json) {
  w.StartObject();
  write_string_member(w, "jsonrpc", "2.0");
  write_key(w, "id");
  if (id_json.empty()) {
    w.Null();
  } else {
    w.RawValue(id_json.data(), id_json.size(), rapidjson::kNumberType);
  }
}

}  // namespace

const rapidjson::Value* find_member(const rapidjson::Value* object, std::string_view key) {
  if (object == nullptr || !object->IsObject()) return nullptr;
  auto it = object->FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  return it == object->MemberEnd() ? nullptr : &it->value;
}

std::variant<Message, ReadFailure> read_message(std::string_view text) {
  Message message;
  message.document.Parse(text.data(), text.size());
  if (message.document.HasParseError())
    return ReadFailure{write_error("", code::kParseError, "parse error: the message is not valid JSON")};
  const auto& doc = message.document;
  if (doc.IsArray()) return invalid("", "JSON-RPC batches are not supported: send one message at a time");
  if (!doc.IsObject()) return invalid("", "a JSON-RPC message must be an object");
  const auto* id = find_member(&doc, "id");
  if (id != nullptr) {
    if (!id->IsString() && !id->IsInt64()) return invalid("", "the id must be a string or an integer");
    message.id_json = id_text(*id);
  }
  const auto* version = find_member(&doc, "jsonrpc");
  if (version == nullptr || !version->IsString() || std::string_view(version->GetString()) != "2.0")
    return invalid(message.id_json, "\"jsonrpc\" must be \"2.0\"");
  const auto* method = find_member(&doc, "method");
  if (method == nullptr) {
    if (find_member(&doc, "result") != nullptr || find_member(&doc, "error") != nullptr) return message;
    return invalid(message.id_json, "a request needs \"method\"");
  }
  if (!method->IsString()) return invalid(message.id_json, "\"method\" must be a string");
  message.method.assign(method->GetString(), method->GetStringLength());
  message.params = find_member(&doc, "params");
  if (message.params != nullptr && !message.params->IsObject())
    return ReadFailure{write_error(message.id_json, code::kInvalidParams, "\"params\" must be an object")};
  return message;
}

std::string write_result(std::string_view id_json, Era era, const ServerIdentity& server,
                         const MemberWriter& members) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  write_frame_start(w, id_json);
  write_key(w, "result");
  w.StartObject();
  members(w);
  if (era == Era::modern) {
    write_string_member(w, "resultType", "complete");
    write_key(w, "_meta");
    w.StartObject();
    write_key(w, kMetaServerInfo);
    w.StartObject();
    write_string_member(w, "name", server.name);
    write_string_member(w, "title", server.title);
    write_string_member(w, "version", server.version);
    w.EndObject();
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string write_error(std::string_view id_json, int error_code, std::string_view message,
                        const MemberWriter* data) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  write_frame_start(w, id_json);
  write_key(w, "error");
  w.StartObject();
  write_key(w, "code");
  w.Int(error_code);
  write_string_member(w, "message", message);
  if (data != nullptr) {
    write_key(w, "data");
    w.StartObject();
    (*data)(w);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace tinkr::mcp
