// Service name -> Azure resource id, through the ARM resource list of the profile's resource group
// (GET {arm}/subscriptions/{s}/resourceGroups/{rg}/resources?api-version=2021-04-01, nextLink
// followed on the same host only). The list is cached per resource group with a time-to-live, and
// one fetch is in flight however many queries wait for it.
#pragma once

#include "common/query_context.hpp"
#include "metrics/catalog.hpp"

#include <tinkr/sdk/host.hpp>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tinkr::azure::metrics {

struct ArmResource {
  std::string id, name, type, kind;
};

/// Resource lists by key (endpoint + subscription + resource group), single-flight with a TTL.
class ResourceCache {
 public:
  explicit ResourceCache(int64_t ttl_ns = 300'000'000'000) : ttl_ns_(ttl_ns) {}

  /// The cached list when younger than the TTL at now_ns; otherwise fetch() runs (once, however many
  /// callers wait) and its result is stored. A fetch that throws is not cached; its waiters retry.
  std::shared_ptr<const std::vector<ArmResource>> get(const std::string& key, int64_t now_ns,
                                                      const std::function<std::vector<ArmResource>()>& fetch);

 private:
  struct Slot {
    std::shared_ptr<const std::vector<ArmResource>> resources;
    int64_t fetched_ns = 0;
    bool loading = false;
  };
  int64_t ttl_ns_;
  std::mutex mutex_;
  std::condition_variable loaded_;
  std::map<std::string, Slot> slots_;
};

/// The process-wide cache run_query uses.
ResourceCache& shared_resource_cache();

/// Reads every page of the resource group's list. Throws the Azure error for non-2xx answers.
std::vector<ArmResource> list_resources(const QueryContext& context, Transport& transport,
                                        const sdk::CallContext& call);

/// Parses one page: resources and the nextLink (empty on the last page).
std::vector<ArmResource> parse_resource_page(std::string_view body, std::string& next_link);

struct ResolvedResource {
  std::string id;
  ResourceKind kind;
};

/// Picks the service's resource: a full resource id ("/subscriptions/...") as is; otherwise the one
/// resource of a metrics-capable type named service (case-insensitive; a SQL database also by its
/// database part of "server/db"), narrowed by the hint. None -> TINKR_NOT_FOUND; several ->
/// TINKR_INVALID_QUERY listing them.
ResolvedResource pick_resource(const std::vector<ArmResource>& resources, std::string_view service,
                               std::string_view hint, std::string_view resource_group);

/// A full resource id's kind, from its provider segments; throws for unsupported types.
ResourceKind kind_of_resource_id(std::string_view id, std::string_view hint);

}  // namespace tinkr::azure::metrics
