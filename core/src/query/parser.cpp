// The query language's recursive-descent parser over a string_view. It allocates only what the filter
// tree itself holds, uses no regex on the input and no exceptions: the first problem is kept as an
// Issue and every level returns early once one is set.
//
//   query    := or_expr
//   or_expr  := and_expr (OR and_expr)*
//   and_expr := unary ((AND)? unary)*          juxtaposition is AND
//   unary    := NOT unary | primary
//   primary  := '(' or_expr ')' | "phrase" | '*' | field relation value | field ':' '(' values ')' | word
// Inside field:( ... ) the same rules apply, with values in place of terms.
#include <tinkr/text.hpp>
#include "query/char_class.hpp"
#include "query/predicate_builder.hpp"
#include "query/syntax_error.hpp"

#include <tinkr/query.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace tinkr::query {
namespace {

using detail::char_class;
using detail::Issue;
using detail::Relation;
using detail::ValueToken;
using ir::Filter;

// Deep enough for any hand-written query, shallow enough that the recursion cannot exhaust the stack.
constexpr int kMaxDepth = 64;

bool is_space(char c) {
  return (char_class(c) & detail::kSpace) != 0;
}

enum class Keyword { none, and_, or_, not_ };

/// The field a group of values belongs to: `level:(ERROR OR WARN)`.
struct FieldContext {
  const std::string* field;
  Relation relation;
};

class Parser {
 public:
  Parser(std::string_view input, detail::Clock& clock) : input_(input), clock_(clock) {}

  // One result object, returned on every path: GCC builds it in the caller's place only then, and the
  // filter is moved into it by assignment, which skips the empty strings of an and-node.
  Expected<Filter> parse() {
    Expected<Filter> result(tl::in_place);
    skip_space();
    if (at_end()) return result;
    *result = parse_or(nullptr);
    if (!issue_) {
      skip_space();
      if (!at_end()) set_issue(pos_, "unexpected ')' with no matching '('");
    }
    if (issue_) result = tl::unexpected(detail::syntax_error(input_, issue_->position, issue_->what));
    return result;
  }

 private:
  bool at_end() const { return pos_ >= input_.size(); }
  char peek() const { return input_[pos_]; }
  void skip_space() {
    while (!at_end() && is_space(peek())) ++pos_;
  }
  // Cold: the compiler moves each path that reports a problem, message building and all, out of the
  // parsing code that runs for every query.
  [[gnu::cold]] void set_issue(std::size_t position, std::string what) {
    if (!issue_) issue_ = Issue{position, std::move(what)};
  }

  /// The keyword (AND, OR, NOT in any case) at the cursor, or none. A keyword must stand alone: `order`
  /// and `NOT:x` are not keywords.
  Keyword keyword_at_cursor() const {
    if (at_end()) return Keyword::none;
    // This runs between every two terms, and only A, O and N can start a keyword: most cursors are
    // turned away at their first character. `| 0x20` lowercases a letter and makes no other
    // character a lowercase letter.
    Keyword keyword;
    std::string_view spelling;
    switch (input_[pos_] | 0x20) {
      case 'a':
        keyword = Keyword::and_, spelling = "and";
        break;
      case 'o':
        keyword = Keyword::or_, spelling = "or";
        break;
      case 'n':
        keyword = Keyword::not_, spelling = "not";
        break;
      default:
        return Keyword::none;
    }
    if (input_.size() - pos_ < spelling.size()) return Keyword::none;
    for (std::size_t i = 1; i < spelling.size(); ++i)
      if ((input_[pos_ + i] | 0x20) != spelling[i]) return Keyword::none;
    const std::size_t end = pos_ + spelling.size();
    if (end < input_.size() && !is_space(input_[end]) && input_[end] != '(' && input_[end] != ')' &&
        input_[end] != '"')
      return Keyword::none;
    return keyword;
  }

  // Groups are collected as a plain list of children and made a Filter once, at the end: a Filter is
  // large, and building an empty one early only to move into it costs as much as the list itself.
  static void add_child(std::vector<Filter>& children, Filter&& child, Filter::Kind kind) {
    if (child.kind == kind) {
      for (auto& grandchild : child.children) children.push_back(std::move(grandchild));
    } else {
      children.push_back(std::move(child));
    }
  }

  static Filter finish_group(std::vector<Filter>&& children, Filter::Kind kind) {
    if (children.size() == 1) return std::move(children.front());
    return kind == Filter::Kind::and_ ? Filter::make_and(std::move(children))
                                      : Filter::make_or(std::move(children));
  }

  // Every path returns `result`, so the compiler builds it in the caller's place (NRVO): most calls
  // find no OR, and return what parse_and made without moving it.
  Filter parse_or(const FieldContext* context) {
    Filter result = parse_and(context);
    skip_space();
    if (issue_ || keyword_at_cursor() != Keyword::or_) return result;
    std::vector<Filter> children;
    children.reserve(4);
    add_child(children, std::move(result), Filter::Kind::or_);
    while (!issue_ && keyword_at_cursor() == Keyword::or_) {
      const std::size_t keyword_pos = pos_;
      pos_ += 2;
      skip_space();
      if (at_end() || peek() == ')') {
        set_issue(pos_, "expected a " + std::string(context ? "value" : "term") + " after 'OR' (column " +
                            std::to_string(keyword_pos + 1) + ")");
        break;
      }
      add_child(children, parse_and(context), Filter::Kind::or_);
      skip_space();
    }
    // `* OR x` matches everything.
    const bool matches_everything =
        std::any_of(children.begin(), children.end(), [](const Filter& child) { return child.is_all(); });
    result = matches_everything ? Filter::all() : finish_group(std::move(children), Filter::Kind::or_);
    return result;
  }

  Filter parse_and(const FieldContext* context) {
    Filter first = parse_unary(context, 0);
    std::vector<Filter> children;
    bool grouped = false;
    for (;;) {
      skip_space();
      if (issue_ || at_end() || peek() == ')') break;
      const Keyword keyword = keyword_at_cursor();
      if (keyword == Keyword::or_) break;
      if (keyword == Keyword::and_) {
        pos_ += 3;
        skip_space();
        if (at_end() || peek() == ')') {
          set_issue(pos_, std::string("expected a ") + (context ? "value" : "term") + " after 'AND'");
          break;
        }
      }
      Filter next = parse_unary(context, 0);
      if (!grouped) {
        children.reserve(4);
        add_child(children, std::move(first), Filter::Kind::and_);
        grouped = true;
      }
      add_child(children, std::move(next), Filter::Kind::and_);
    }
    if (!grouped) return first;
    // `*` adds nothing to an and.
    std::erase_if(children, [](const Filter& child) { return child.is_all(); });
    if (children.empty()) return Filter::all();
    return finish_group(std::move(children), Filter::Kind::and_);
  }

  Filter parse_unary(const FieldContext* context, int depth) {
    skip_space();
    if (depth > kMaxDepth) {
      set_issue(pos_, "too many NOTs in a row (more than 64)");
      return {};
    }
    if (keyword_at_cursor() == Keyword::not_) {
      pos_ += 3;
      skip_space();
      if (at_end() || peek() == ')') {
        set_issue(pos_, std::string("expected a ") + (context ? "value" : "term") + " after 'NOT'");
        return {};
      }
      Filter child = parse_unary(context, depth + 1);
      if (child.kind == Filter::Kind::not_) return std::move(child.children.front());
      return Filter::make_not(std::move(child));
    }
    return parse_primary(context);
  }

  Filter parse_parenthesised(const FieldContext* context) {
    const std::size_t open = pos_++;
    if (++depth_ > kMaxDepth) {
      set_issue(open, "parentheses nested deeper than 64 levels");
      return {};
    }
    skip_space();
    if (!at_end() && peek() == ')') {
      set_issue(pos_, std::string("expected a ") + (context ? "value" : "term") + " inside '(' ')'");
      return {};
    }
    Filter inner = parse_or(context);
    --depth_;
    if (issue_) return {};
    skip_space();
    if (at_end() || peek() != ')') {
      set_issue(pos_, "expected ')' to close the '(' at column " + std::to_string(open + 1));
      return {};
    }
    ++pos_;
    return inner;
  }

  /// A "..." token; the cursor is on the opening quote. Returns the text between the quotes, and says
  /// in `escaped` whether a backslash is in it (the caller need not look again).
  std::string_view read_delimited(char delimiter, std::string_view what, bool* escaped = nullptr) {
    const std::size_t open = pos_;
    const std::size_t size = input_.size();
    // memchr finds the closing delimiter; only a backslash before it calls for the walk below.
    const char* begin = input_.data() + open + 1;
    const auto* close = static_cast<const char*>(std::memchr(begin, delimiter, size - open - 1));
    if (close && !std::memchr(begin, '\\', static_cast<std::size_t>(close - begin))) {
      pos_ = static_cast<std::size_t>(close - input_.data()) + 1;
      return {begin, static_cast<std::size_t>(close - begin)};
    }
    if (escaped) *escaped = true;
    for (std::size_t i = open + 1; i < size; ++i) {
      if (input_[i] == '\\' && i + 1 < size) {
        ++i;
      } else if (input_[i] == delimiter) {
        pos_ = i + 1;
        return input_.substr(open + 1, i - open - 1);
      }
    }
    pos_ = size;
    set_issue(open, "unterminated " + std::string(what) + ": expected a closing " + delimiter);
    return {};
  }

  /// A bare token: everything up to a space, a parenthesis or a quote; backslash escapes any character.
  /// With `stop_at_relation`, also up to `:` `<` `>` `=` or `!=` (a field name ends there).
  std::string_view read_word(bool stop_at_relation) {
    const std::size_t start = pos_;
    const std::size_t size = input_.size();
    std::size_t i = start;
    const uint8_t stops = stop_at_relation ? detail::kEndsWord | detail::kEndsFieldName : detail::kEndsWord;
    for (; i < size; ++i) {
      const char c = input_[i];
      const uint8_t kind = char_class(c);
      if (kind == 0) continue;  // most characters of a word
      if (kind == detail::kEscape) {
        if (i + 1 < size) ++i;
        continue;
      }
      if ((kind & stops) == 0) continue;
      if (c == '!' && (i + 1 >= size || input_[i + 1] != '=')) continue;  // only "!=" is a relation
      break;
    }
    pos_ = i;
    return input_.substr(start, i - start);
  }

  /// The relation at the cursor, consumed; nullopt when there is none.
  std::optional<Relation> read_relation() {
    if (at_end()) return std::nullopt;
    const char c = peek();
    const bool then_equals = pos_ + 1 < input_.size() && input_[pos_ + 1] == '=';
    if (c == ':') return ++pos_, Relation::colon;
    if (c == '=') return ++pos_, Relation::eq;
    if (c == '!' && then_equals) return pos_ += 2, Relation::ne;
    if (c == '<') return then_equals ? (pos_ += 2, Relation::le) : (++pos_, Relation::lt);
    if (c == '>') return then_equals ? (pos_ += 2, Relation::ge) : (++pos_, Relation::gt);
    return std::nullopt;
  }

  Filter predicate_from(const std::string& field, Relation relation, const ValueToken& value) {
    auto built = detail::build_predicate(field, relation, value, clock_);
    if (!built) {
      set_issue(built.error().position, std::move(built.error().what));
      return {};
    }
    return std::move(*built);
  }

  /// A value in a field's position; the cursor is on its first character.
  Filter parse_value(const FieldContext& context) {
    ValueToken token;
    token.position = pos_;
    if (peek() == '"') {
      token.kind = ValueToken::Kind::quoted;
      token.raw = read_delimited('"', "quoted value");
    } else if (peek() == '/') {
      token.kind = ValueToken::Kind::regex;
      token.raw = read_delimited('/', "regex");
    } else {
      token.raw = read_word(false);
    }
    if (issue_) return {};
    return predicate_from(*context.field, context.relation, token);
  }

  /// `field relation value`; the cursor is just past the relation.
  Filter parse_field_term(std::string_view name, std::size_t name_pos, Relation relation) {
    const std::size_t relation_end = pos_;
    if (at_end() || is_space(peek()) || peek() == ')') {
      set_issue(pos_, "expected a value after '" +
                          std::string(input_.substr(name_pos, relation_end - name_pos)) + "'");
      return {};
    }
    if (name == "_exists_") {
      if (relation != Relation::colon) {
        set_issue(name_pos, "_exists_ takes ':' and a field name (_exists_:trace_id)");
        return {};
      }
      const std::size_t field_pos = pos_;
      auto field = detail::resolve_field(detail::unescape(read_word(false)), field_pos);
      if (!field) return set_issue(field.error().position, std::move(field.error().what)), Filter{};
      return Filter::make_predicate(std::move(*field), ir::Op::exists, {});
    }
    auto field = detail::resolve_field(name, name_pos);
    if (!field) return set_issue(field.error().position, std::move(field.error().what)), Filter{};
    const FieldContext context{&*field, relation};
    if (peek() == '(') {
      // Built here, in the returned value, with the field moved in: a Filter is large to move.
      if (auto values = read_value_list(context))
        return Filter::make_predicate(std::move(*field), ir::Op::in, std::move(*values));
      return collapse_to_in(parse_parenthesised(&context));
    }
    return parse_value(context);
  }

  /// The values of the common `field:(a OR b OR c)` of plain values, read straight into what becomes
  /// one `in` predicate. For anything else (one value, AND, NOT, quotes, wildcards, a bad value) the
  /// cursor is put back and nullopt returned: the general path parses it and reports any error.
  std::optional<std::vector<ir::Value>> read_value_list(const FieldContext& context) {
    if ((context.relation != Relation::colon && context.relation != Relation::eq) || *context.field == "body")
      return std::nullopt;
    const std::size_t start = pos_++;
    std::vector<ir::Value> values;
    values.reserve(4);
    for (;;) {
      skip_space();
      if (at_end() || peek() == '(' || peek() == ')' || peek() == '"' || peek() == '/' ||
          keyword_at_cursor() != Keyword::none)
        break;
      ValueToken token;
      token.position = pos_;
      token.raw = read_word(false);
      if (token.raw.find('*') != std::string_view::npos) break;
      auto value = detail::build_value(*context.field, token, clock_);
      if (!value) break;
      values.push_back(std::move(*value));
      skip_space();
      if (!at_end() && peek() == ')' && values.size() >= 2) {
        ++pos_;
        return values;
      }
      if (keyword_at_cursor() != Keyword::or_) break;
      pos_ += 2;
    }
    pos_ = start;
    return std::nullopt;
  }

  /// field:(a OR b) of plain equalities becomes `field in [a, b]`: one predicate every backend can
  /// push, instead of an or that some cannot.
  static Filter collapse_to_in(Filter&& filter) {
    if (filter.kind != Filter::Kind::or_) return std::move(filter);
    const auto& first = filter.children.front();
    for (const auto& child : filter.children) {
      if (child.kind != Filter::Kind::predicate || child.predicate.op != ir::Op::eq ||
          child.predicate.field != first.predicate.field)
        return std::move(filter);
    }
    std::vector<ir::Value> values;
    values.reserve(filter.children.size());
    for (auto& child : filter.children) values.push_back(std::move(child.predicate.values.front()));
    return Filter::make_predicate(std::move(filter.children.front().predicate.field), ir::Op::in,
                                  std::move(values));
  }

  Filter parse_primary(const FieldContext* context) {
    if (at_end()) {
      set_issue(pos_, context ? "expected a value" : "expected a search term");
      return {};
    }
    const char c = peek();
    if (c == '(') return parse_parenthesised(context);
    if (c == ')') {
      set_issue(pos_, "unexpected ')' with no matching '('");
      return {};
    }
    if (context) return parse_value(*context);
    if (c == '"') {
      const std::size_t open = pos_;
      bool escaped = false;
      const std::string_view raw = read_delimited('"', "quoted phrase", &escaped);
      if (issue_) return {};
      if (raw.empty()) {
        set_issue(open, "expected a phrase between the quotes");
        return {};
      }
      return Filter::make_text(escaped ? detail::unescape(raw) : std::string(raw));
    }
    const std::size_t word_pos = pos_;
    const std::string_view word = read_word(true);
    if (auto relation = read_relation()) {
      if (word.empty()) {
        set_issue(word_pos, "expected a field name before '" +
                                std::string(input_.substr(word_pos, pos_ - word_pos)) + "'");
        return {};
      }
      return parse_field_term(word, word_pos, *relation);
    }
    if (word.empty()) {
      set_issue(word_pos, "expected a search term");
      return {};
    }
    if (const auto keyword = keyword_at_cursor_of(word); !keyword.empty()) {
      set_issue(word_pos, "expected a search term before '" + std::string(word) + "'");
      return {};
    }
    if (word == "*") return Filter::all();
    return Filter::make_text(detail::unescape(word));
  }

  static std::string_view keyword_at_cursor_of(std::string_view word) {
    for (std::string_view keyword : {"AND", "OR"})
      if (equals_ignoring_case(word, keyword)) return keyword;
    return {};
  }

  std::string_view input_;
  detail::Clock& clock_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::optional<Issue> issue_;
};

}  // namespace

Expected<ir::Filter> parse_filter(std::string_view text) {
  detail::Clock clock;
  return Parser(text, clock).parse();
}

Expected<ir::Filter> parse_filter(std::string_view text, int64_t now_ns) {
  detail::Clock clock(now_ns);
  return Parser(text, clock).parse();
}

}  // namespace tinkr::query
