// tinkr/template_miner.hpp: log messages clustered into templates, Drain-style (He et al., "Drain: An
// Online Log Parsing Approach with Fixed Depth Tree", ICWS 2017). A message is first masked: each
// value that changes between occurrences becomes <*> (numbers, ids, GUIDs and hex, durations and
// sizes keep their unit: "2000ms" is "<*>ms", quoted values, key=value values), so "sku 1042 not
// found" and "sku 1077 not found" are one template before any clustering. Messages with the same
// number of tokens and the same first tokens are then compared position by position; one that
// agrees with a template on at least `similarity` of its positions joins it, and the positions
// where they differ become <*> in the template. Only the message's first line counts (a stack trace
// below it would make every message its own template).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tinkr::analysis {

/// Where one masked token sits in a scratch string.
struct TokenSpan {
  uint32_t offset = 0;
  uint32_t length = 0;
};

/// The masked form of one message's first line, tokens joined by single spaces.
std::string mask_message(std::string_view message);

class TemplateMiner {
 public:
  struct Options {
    double similarity = 0.6;       // Drain's st: the share of positions that must agree
    std::size_t prefix_depth = 2;  // leading tokens that must match exactly (Drain's depth - 2)
    std::size_t max_tokens = 64;   // tokens past this are ignored (a message of 1,000 words is rare)
    // A group (same length, same first tokens) holds at most this many templates; past it a message
    // joins the most similar one, so that input of all-different words cannot make adding quadratic.
    std::size_t max_group = 256;
  };

  TemplateMiner() : TemplateMiner(Options{}) {}
  explicit TemplateMiner(Options options);

  /// Adds one message; returns the id of its template. An id never changes, though its template
  /// may become more general as later messages join it.
  std::size_t add(std::string_view message);

  std::size_t size() const { return clusters_.size(); }
  /// The template text, tokens joined by single spaces ("" for an empty message).
  std::string template_text(std::size_t id) const;
  /// How many messages joined this template.
  int64_t count(std::size_t id) const { return clusters_[id].count; }

 private:
  struct Cluster {
    std::vector<std::string> tokens;
    int64_t count = 0;
  };
  std::string_view token(std::size_t i) const {
    return {scratch_.data() + tokens_[i].offset, tokens_[i].length};
  }
  uint64_t group_key() const;
  std::size_t join_or_create(uint64_t key);

  Options options_;
  std::vector<Cluster> clusters_;
  std::unordered_map<uint64_t, std::vector<std::size_t>> groups_;  // (length, prefix) -> clusters
  // Per-message scratch, reused so that adding a message allocates nothing in the common case.
  std::string scratch_;
  std::vector<TokenSpan> tokens_;
};

}  // namespace tinkr::analysis
