// Resource resolution; see resource_resolver.hpp.
#include "metrics/resource_resolver.hpp"

#include "common/url.hpp"
#include "decode/azure_error.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/document.h>

namespace tinkr::azure::metrics {

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

std::string member(const rapidjson::Value& v, const char* name) {
  auto it = v.FindMember(name);
  return it != v.MemberEnd() && it->value.IsString()
             ? std::string(it->value.GetString(), it->value.GetStringLength())
             : std::string();
}

bool name_matches(const ArmResource& r, std::string_view service) {
  if (same_ignoring_case(r.name, service)) return true;
  const auto slash = r.name.rfind('/');  // SQL databases are listed as "server/db"
  return slash != std::string::npos &&
         same_ignoring_case(std::string_view(r.name).substr(slash + 1), service);
}

}  // namespace

std::shared_ptr<const std::vector<ArmResource>> ResourceCache::get(
    const std::string& key, int64_t now_ns, const std::function<std::vector<ArmResource>()>& fetch) {
  std::unique_lock lock(mutex_);
  for (;;) {
    Slot& slot = slots_[key];
    if (slot.resources && now_ns - slot.fetched_ns < ttl_ns_) return slot.resources;
    if (!slot.loading) break;
    loaded_.wait(lock);
  }
  slots_[key].loading = true;
  lock.unlock();
  std::shared_ptr<const std::vector<ArmResource>> fresh;
  try {
    fresh = std::make_shared<const std::vector<ArmResource>>(fetch());
  } catch (...) {
    lock.lock();
    slots_[key].loading = false;
    loaded_.notify_all();
    throw;
  }
  lock.lock();
  Slot& slot = slots_[key];
  slot.resources = fresh;
  slot.fetched_ns = now_ns;
  slot.loading = false;
  loaded_.notify_all();
  return fresh;
}

ResourceCache& shared_resource_cache() {
  static ResourceCache cache;
  return cache;
}

std::vector<ArmResource> parse_resource_page(std::string_view body, std::string& next_link) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject())
    throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                     "azure resource manager answered a resource list that is not JSON");
  std::vector<ArmResource> out;
  auto value = doc.FindMember("value");
  if (value != doc.MemberEnd() && value->value.IsArray())
    for (const auto& r : value->value.GetArray())
      if (r.IsObject())
        out.push_back({member(r, "id"), member(r, "name"), member(r, "type"), member(r, "kind")});
  next_link = member(doc, "nextLink");
  return out;
}

std::vector<ArmResource> list_resources(const QueryContext& context, Transport& transport,
                                        const sdk::CallContext& call) {
  if (context.subscription_id.empty() || context.resource_group.empty())
    throw sdk::Error(TINKR_CONFIG, "metrics by service name need subscription_id and resource_group");
  RequestPlan plan;
  plan.audience = Audience::arm;
  plan.headers = {{"Accept", "application/json"}};
  plan.url = context.endpoints.arm + "/subscriptions/";
  plan.url += percent_encode(context.subscription_id);
  plan.url += "/resourceGroups/";
  plan.url += percent_encode(context.resource_group);
  plan.url += "/resources?api-version=2021-04-01";
  const auto arm = split_url(context.endpoints.arm);
  const std::string origin = arm ? arm->origin() : std::string();
  std::vector<ArmResource> all;
  for (int page = 0; page < 100; ++page) {
    call.throw_if_cancelled();
    sdk::HttpResponse response = transport.send(plan, call);
    if (!decode::is_success(response.status)) throw decode::azure_error(response, "azure resource manager");
    std::string next;
    auto resources = parse_resource_page(response.body, next);
    all.insert(all.end(), resources.begin(), resources.end());
    if (next.empty()) return all;
    // A bearer token must never follow a link to another host.
    const auto next_url = split_url(next);
    if (!next_url || next_url->origin() != origin)
      throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, "azure resource manager's nextLink leaves " + origin);
    plan.url = next;
  }
  throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                   "azure resource manager's resource list has more than 100 pages");
}

ResourceKind kind_of_resource_id(std::string_view id, std::string_view hint) {
  auto hinted = kind_from_hint(hint);
  auto contains = [&](std::string_view part) {
    for (std::size_t i = 0; i + part.size() <= id.size(); ++i)
      if (same_ignoring_case(id.substr(i, part.size()), part)) return true;
    return false;
  };
  if (contains("/providers/Microsoft.Web/sites/"))
    return hinted == ResourceKind::function_app ? ResourceKind::function_app : ResourceKind::web_app;
  if (contains("/providers/Microsoft.App/containerApps/")) return ResourceKind::container_app;
  if (contains("/providers/Microsoft.Sql/servers/") && contains("/databases/"))
    return ResourceKind::sql_database;
  if (hinted) return *hinted;
  throw sdk::Error(TINKR_UNSUPPORTED, "resource '" + std::string(id) +
                                          "' is not an App Service, Function, Container App or SQL database");
}

ResolvedResource pick_resource(const std::vector<ArmResource>& resources, std::string_view service,
                               std::string_view hint, std::string_view resource_group) {
  const auto hinted = kind_from_hint(hint);
  std::vector<std::pair<const ArmResource*, ResourceKind>> found;
  for (const auto& r : resources) {
    const auto kind = kind_of_resource(r.type, r.kind);
    if (!kind || !name_matches(r, service)) continue;
    if (hinted && *hinted != *kind) continue;
    found.emplace_back(&r, *kind);
  }
  if (found.size() == 1) return {found.front().first->id, found.front().second};
  if (found.empty())
    throw sdk::Error(TINKR_NOT_FOUND, "no App Service, Function, Container App or SQL database named '" +
                                          std::string(service) + "' in resource group '" +
                                          std::string(resource_group) + "'");
  std::string list;
  for (const auto& [r, kind] : found) list += (list.empty() ? "" : ", ") + r->id + " (" + r->type + ")";
  throw sdk::Error(TINKR_INVALID_QUERY, "service '" + std::string(service) + "' names " +
                                            std::to_string(found.size()) + " resources in resource group '" +
                                            std::string(resource_group) + "': " + list +
                                            "; give a resource type hint or the full resource id");
}

}  // namespace tinkr::azure::metrics
