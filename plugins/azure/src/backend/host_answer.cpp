// HostAnswer: the head, then the body pulled and inflated (see host_answer.hpp).
#include "backend/host_answer.hpp"

#include "decode/azure_error.hpp"

namespace tinkr::azure {

const sdk::HttpResponse& HostAnswer::head() {
  if (head_) return *head_;
  sdk::HttpResponse response = stream_.head();
  if (decode::is_success(response.status))
    body_.emplace(raw_, response, max_inflated_, source_);
  else
    decode::inflate_whole_body(response, max_inflated_, source_);
  if (on_head_) on_head_(response);
  head_ = std::move(response);
  return *head_;
}

std::string_view HostAnswer::next_piece() {
  head();
  return body_ ? body_->next_piece() : std::string_view();
}

}  // namespace tinkr::azure
