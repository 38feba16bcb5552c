// Drain's fixed-depth tree, flattened: the tree's first levels (the token count, then the first
// `prefix_depth` tokens, a masked token standing for any) become one hash key, and each key holds
// its templates in a list that is searched for the most similar one.
#include "message_masking.hpp"

#include <tinkr/template_miner.hpp>

namespace tinkr::analysis {
namespace {

constexpr std::string_view kWildcard = "<*>";

bool is_masked(std::string_view token) {
  return token.find(kWildcard) != std::string_view::npos;
}

// FNV-1a, 64 bits.
constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t mix(uint64_t hash, std::string_view bytes) {
  for (char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return (hash ^ 0xFFu) * kFnvPrime;  // a separator, so that "ab","c" and "a","bc" differ
}

}  // namespace

std::string mask_message(std::string_view message) {
  std::string out;
  std::vector<TokenSpan> tokens;
  mask_tokens(message, TemplateMiner::Options{}.max_tokens, out, tokens);
  return out;
}

TemplateMiner::TemplateMiner(Options options) : options_(options) {}

std::size_t TemplateMiner::add(std::string_view message) {
  mask_tokens(message, options_.max_tokens, scratch_, tokens_);
  return join_or_create(group_key());
}

std::string TemplateMiner::template_text(std::size_t id) const {
  std::string text;
  for (const auto& token : clusters_[id].tokens) {
    if (!text.empty()) text += ' ';
    text += token;
  }
  return text;
}

uint64_t TemplateMiner::group_key() const {
  uint64_t hash = kFnvOffset;
  hash = (hash ^ tokens_.size()) * kFnvPrime;
  for (std::size_t i = 0; i < tokens_.size() && i < options_.prefix_depth; ++i) {
    const auto t = token(i);
    hash = mix(hash, is_masked(t) ? kWildcard : t);
  }
  return hash;
}

std::size_t TemplateMiner::join_or_create(uint64_t key) {
  auto& group = groups_[key];
  const std::size_t n = tokens_.size();
  std::size_t best = clusters_.size();
  std::size_t best_same = 0;
  for (std::size_t id : group) {
    const auto& candidate = clusters_[id].tokens;
    if (candidate.size() != n) continue;  // a hash collision between lengths
    std::size_t same = 0;
    for (std::size_t i = 0; i < n; ++i) same += candidate[i] == token(i) ? 1 : 0;
    if (best == clusters_.size() || same > best_same) best = id, best_same = same;
    if (same == n) break;
  }
  const bool similar =
      best != clusters_.size() &&
      (n == 0 || static_cast<double>(best_same) >= options_.similarity * static_cast<double>(n));
  if (similar || (best != clusters_.size() && group.size() >= options_.max_group)) {
    Cluster& cluster = clusters_[best];
    if (best_same != n)
      for (std::size_t i = 0; i < n; ++i)
        if (cluster.tokens[i] != token(i)) cluster.tokens[i] = kWildcard;
    ++cluster.count;
    return best;
  }
  Cluster cluster;
  cluster.tokens.reserve(n);
  for (std::size_t i = 0; i < n; ++i) cluster.tokens.emplace_back(token(i));
  cluster.count = 1;
  clusters_.push_back(std::move(cluster));
  group.push_back(clusters_.size() - 1);
  return clusters_.size() - 1;
}

}  // namespace tinkr::analysis
