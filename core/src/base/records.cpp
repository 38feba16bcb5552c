// Names of record enums; a log record's view and its kept copy.
#include "tinkr/records.hpp"

#include <boost/pfr/core.hpp>

#include <tuple>
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
template <class Kept, class View>
constexpr bool view_mirrors_kept = boost::pfr::tuple_size_v<Kept> ==
                                   boost::pfr::tuple_size_v<View>&& mirrors<Kept, View>(
                                       std::make_index_sequence<boost::pfr::tuple_size_v<Kept>>{});
static_assert(view_mirrors_kept<LogRecord, LogRecordView>);

// Each member of `from` assigned to the same member of `to` (a string from a view, a view of a string).
template <class To, class From>
To copy_members(const From& from) {
  To to;
  auto target = boost::pfr::structure_tie(to);
  const auto source = boost::pfr::structure_tie(from);
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((std::get<I>(target) = std::get<I>(source)), ...);
  }
  (std::make_index_sequence<boost::pfr::tuple_size_v<To>>{});
  return to;
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
  return copy_members<LogRecord>(view);
}

LogRecordView view_of(const LogRecord& record) {
  return copy_members<LogRecordView>(record);
}

}  // namespace tinkr
