// tinkr/capability_sets.hpp: the sets a backend's capabilities are made of. The planner asks "is
// this one in?" of every filter node of every query, so membership is a bit test here, not a walk
// down a tree of strings; the rest of the interface is std::set's, for the parts Tinkr uses.
#pragma once

#include <tinkr/ir.hpp>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::planner {

/// A set of enumerators of an IR enum (ir::Op, ir::Signal, each fewer than 32), as a bit mask.
/// Iterates in ascending order, as std::set does.
template <typename Enum>
class EnumSet {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Enum;
    using difference_type = std::ptrdiff_t;
    using pointer = const Enum*;
    using reference = Enum;

    iterator() = default;
    explicit iterator(uint32_t rest) : rest_(rest) {}
    Enum operator*() const { return static_cast<Enum>(std::countr_zero(rest_)); }
    iterator& operator++() {
      rest_ &= rest_ - 1;  // drops the lowest set bit
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const iterator&, const iterator&) = default;

   private:
    uint32_t rest_ = 0;  // the members not yet visited
  };
  using const_iterator = iterator;
  using value_type = Enum;

  EnumSet() = default;
  EnumSet(std::initializer_list<Enum> items) {
    for (auto item : items) insert(item);
  }

  void insert(Enum item) { bits_ |= bit(item); }
  bool contains(Enum item) const { return (bits_ & bit(item)) != 0; }
  std::size_t size() const { return static_cast<std::size_t>(std::popcount(bits_)); }
  bool empty() const { return bits_ == 0; }
  iterator begin() const { return iterator(bits_); }
  iterator end() const { return iterator(0); }

  friend bool operator==(const EnumSet&, const EnumSet&) = default;

 private:
  static uint32_t bit(Enum item) { return uint32_t{1} << static_cast<unsigned>(item); }
  uint32_t bits_ = 0;
};

using OpSet = EnumSet<ir::Op>;
using SignalSet = EnumSet<ir::Signal>;

/// Field names: canonical fields, "attributes.*" / "dimensions.*" (every attribute or dimension), or
/// any other name a backend built in code lists. Kept sorted, as std::set keeps them; the canonical
/// names and the two wildcards are also bits, so that asking for one costs a length switch and a
/// fixed-size compare.
class FieldSet {
 public:
  using const_iterator = std::vector<std::string>::const_iterator;
  using iterator = const_iterator;
  using value_type = std::string;

  FieldSet() = default;
  FieldSet(std::initializer_list<std::string_view> names) {
    for (auto name : names) insert(name);
  }

  void insert(std::string_view name) {
    auto at = std::lower_bound(names_.begin(), names_.end(), name);
    if (at != names_.end() && *at == name) return;
    names_.emplace(at, name);
    if (const int known = known_index(name); known >= 0) known_ |= uint32_t{1} << known;
  }
  void emplace(std::string_view name) { insert(name); }

  bool contains(std::string_view name) const {
    if (const int known = known_index(name); known >= 0) return (known_ & (uint32_t{1} << known)) != 0;
    return std::binary_search(names_.begin(), names_.end(), name, std::less<>());
  }
  std::size_t size() const { return names_.size(); }
  bool empty() const { return names_.empty(); }
  const_iterator begin() const { return names_.begin(); }
  const_iterator end() const { return names_.end(); }

  friend bool operator==(const FieldSet& a, const FieldSet& b) { return a.names_ == b.names_; }

 private:
  /// The bit of a canonical field or wildcard; -1 for any other name.
  static int known_index(std::string_view name) {
    switch (name.size()) {
      case 4:
        if (name == "time") return 0;
        if (name == "body") return 1;
        if (name == "name") return 2;
        if (name == "kind") return 3;
        break;
      case 6:
        if (name == "status") return 4;
        break;
      case 7:
        if (name == "service") return 5;
        if (name == "span_id") return 6;
        break;
      case 8:
        if (name == "severity") return 7;
        if (name == "trace_id") return 8;
        if (name == "duration") return 9;
        break;
      case 11:
        if (name == "status_code") return 10;
        break;
      case 12:
        if (name == "attributes.*") return 11;
        if (name == "dimensions.*") return 12;
        break;
      case 14:
        if (name == "parent_span_id") return 13;
        break;
    }
    return -1;
  }

  std::vector<std::string> names_;  // sorted, no duplicates
  uint32_t known_ = 0;              // bit known_index(n) for each such n in names_
};

}  // namespace tinkr::planner
