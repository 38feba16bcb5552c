// Names of record enums; a log record's view and its kept copy.
#include "tinkr/records.hpp"

#include <boost/pfr/core.hpp>

#include <type_traits>
#include <utility>

namespace tinkr {
namespace {

// LogRecordView mirrors LogRecord member for member: the same count, in the same order, each the same
// type or a view of the kept string. A member added to one and not the other fails the build here.
template <class Kept, class View, std::size_t... I>
constexpr bool mirrors(std::index_sequence<I...>) {
  return ((std::is_same_v<boost::pfr::tuple_element_t<I, Kept>, boost::pfr::tuple_element_t<I, View>> ||
           (std::is_same_v<boost::pfr::tuple_element_t<I, Kept>, std::string> &&
            std::is_same_v<boost::pfr::tuple_element_t<I, View>, std::string_view>)) &&
          ...);
}
constexpr std::size_t kLogMembers = boost::pfr::tuple_size_v<LogRecord>;
static_assert(boost::pfr::tuple_size_v<LogRecordView> == kLogMembers);
static_assert(mirrors<LogRecord, LogRecordView>(std::make_index_sequence<kLogMembers>{}));

// Each member of `from` assigned to the same member of `to` (a string from a view, a view of a string).
template <class To, class From, std::size_t... I>
void assign_members(To& to, const From& from, std::index_sequence<I...>) {
  ((boost::pfr::get<I>(to) = boost::pfr::get<I>(from)), ...);
}

}  // namespace

std::string_view to_string(SpanStatus status) noexcept {
  switch (status) {
    case SpanStatus::ok:
      return "ok";
    case SpanStatus::error:
      return "error";
    case SpanStatus::unset:
      break;
  }
  return "unset";
}

LogRecord to_log_record(const LogRecordView& view) {
  LogRecord record;
  assign_members(record, view, std::make_index_sequence<kLogMembers>{});
  return record;
}

LogRecordView view_of(const LogRecord& record) {
  LogRecordView view;
  assign_members(view, record, std::make_index_sequence<kLogMembers>{});
  return view;
}

}  // namespace tinkr
