// A trace's critical path as JSON; see critical_path_json.hpp.
#include "common/critical_path_json.hpp"

#include <tinkr/critical_path.hpp>
#include <tinkr/json_writing.hpp>

namespace tinkr::host {

std::string critical_path_to_json(const std::vector<Span>& spans) {
  using namespace json;
  return to_json_text([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& section : analysis::critical_path(spans)) {
      w.StartObject();
      write_string_member(w, "span_id", spans[section.span_index].span_id);
      write_int_member(w, "start_ns", section.start_ns);
      write_int_member(w, "end_ns", section.end_ns);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::string critical_path_item(const std::vector<Span>& spans) {
  return R"({"type":"critical_path","sections":)" + critical_path_to_json(spans) + "}";
}

}  // namespace tinkr::host
