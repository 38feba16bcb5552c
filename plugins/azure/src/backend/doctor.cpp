// The Azure backend's doctor (see doctor.hpp).
#include "backend/doctor.hpp"

#include "decode/azure_error.hpp"
#include "lower/log_analytics_plan.hpp"
#include "metrics/lower_metrics.hpp"
#include "metrics/resource_resolver.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <functional>
#include <vector>

namespace tinkr::azure {
namespace {

struct Check {
  std::string name, status, detail, code;
};

// The fix for a failure, by its kind; a 403's message already carries the role and the command.
std::string fix_for(int32_t status, std::string_view check) {
  switch (status) {
    case TINKR_UNAUTHENTICATED:
      return "fix: on Azure give the app a managed identity (and set AZURE_CLIENT_ID to a user-assigned "
             "one's client id) or workload identity; on a workstation run `az login`; never use a client "
             "secret in production";
    case TINKR_FORBIDDEN:
      return "";
    case TINKR_NOT_FOUND:
      return check == "log analytics query"
                 ? "fix: check workspace_id (the workspace's customerId: az monitor log-analytics workspace "
                   "show --query customerId)"
                 : "fix: check subscription_id and resource_group";
    default:
      return "fix: check the network path to the endpoint (proxy, firewall, DNS) and try again";
  }
}

Check run_check(std::string name, const std::function<std::string()>& body) {
  try {
    std::string detail = body();  // first: a throw must leave name intact for the failure
    return {std::move(name), "ok", std::move(detail), ""};
  } catch (const sdk::Error& e) {
    std::string detail = e.what();
    if (auto fix = fix_for(e.status(), name); !fix.empty()) detail += "; " + fix;
    return {std::move(name), "error", std::move(detail), std::string(sdk::status_name(e.status()))};
  }
}

std::string send_ok(Transport& transport, const RequestPlan& plan, const sdk::CallContext& call,
                    std::string_view api) {
  const sdk::HttpResponse response = transport.send(plan, call);
  if (!decode::is_success(response.status)) throw decode::azure_error(response, api);
  return "HTTP " + std::to_string(response.status);
}

std::string to_json(const std::vector<Check>& checks) {
  const Check* failed = nullptr;
  for (const auto& check : checks)
    if (check.status == "error" && !failed) failed = &check;
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> w(out);
  auto text = [&w](const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  w.StartObject();
  w.Key("status");
  w.String(failed ? "error" : "ok");
  w.Key("message");
  text(failed ? failed->name + ": " + failed->detail : "every check passed");
  w.Key("checks");
  w.StartArray();
  for (const auto& check : checks) {
    w.StartObject();
    w.Key("check");
    text(check.name);
    w.Key("status");
    text(check.status);
    w.Key("detail");
    text(check.detail);
    if (!check.code.empty()) {
      w.Key("code");
      text(check.code);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out.GetString();
}

}  // namespace

std::string run_doctor(const DoctorInputs& in, const sdk::CallContext& call) {
  std::vector<Check> checks;
  // The first token (Log Analytics') chooses the credential; the second audience uses the same one.
  checks.push_back(run_check("credential", [&] {
    in.tokens.get(in.log_analytics_scope, call);
    auto active = in.credentials.active_credential();
    std::string detail = "credential '" + std::string(active ? credential_name(*active) : "?") +
                         "' has a token for scope '" + in.log_analytics_scope + "'";
    if (auto skipped = in.credentials.skipped_reasons(); !skipped.empty())
      detail += " (skipped: " + skipped + ")";
    return detail;
  }));
  if (checks.back().status != "ok") {
    for (const char* name : {"token for Azure Resource Manager", "log analytics query", "metric definitions"})
      checks.push_back({name, "skipped", "needs a credential", ""});
    return to_json(checks);
  }
  checks.push_back(run_check("token for Azure Resource Manager", [&] {
    in.tokens.get(in.arm_scope, call);
    return "scope " + in.arm_scope;
  }));
  checks.push_back(run_check("log analytics query", [&] {
    return "print 1 in workspace " + in.context.workspace_id + ": " +
           send_ok(in.transport, make_log_analytics_plan("print 1", {}, in.context), call, "log analytics");
  }));
  if (in.context.subscription_id.empty() || in.context.resource_group.empty()) {
    checks.push_back({"metric definitions", "skipped",
                      "no subscription_id and resource_group configured (metrics need both)", ""});
    return to_json(checks);
  }
  checks.push_back(run_check("metric definitions", [&] {
    auto resources = metrics::list_resources(in.context, in.transport, call);
    if (resources.empty()) return "resource group " + in.context.resource_group + " holds no resources";
    return "resource " + resources.front().name + ": " +
           send_ok(in.transport, metrics::metric_definitions_plan(in.context, resources.front().id), call,
                   "azure monitor metrics");
  }));
  return to_json(checks);
}

}  // namespace tinkr::azure
