// tinkr-server's web explorer files (GET / and /ui/...) over real sockets on 127.0.0.1: served
// without a key, with a strict Content-Security-Policy, nosniff, the right Content-Type, ETag
// revalidation and gzip; the page's compressed size budget; and the trace answer's critical path
// that the explorer's waterfall draws. The page itself is driven in a real browser by tests/browser.
#include "explorer/explorer_route.hpp"
#include "explorer/static_assets.hpp"
#include "server_fixture.hpp"

#include <rapidjson/document.h>
#include <zlib.h>

namespace tinkr::testing {
namespace {

// The page's own files, compressed as the server sends them, must stay under this (issue 20).
constexpr std::size_t kCompressedBudgetBytes = 200 * 1024;

class ExplorerTest : public ServerFixture {
 protected:
  // A browser's GET: no key, any Accept.
  host::HttpReply get(const std::string& target, std::map<std::string, std::string> headers = {}) {
    host::HttpCall request;
    request.target = target;
    request.accept = "*/*";
    request.headers = std::move(headers);
    request.timeout = std::chrono::seconds(30);
    auto reply = host::http_call(endpoint(), request);
    EXPECT_TRUE(reply.has_value()) << (reply ? "" : reply.error().to_string());
    return reply ? *reply : host::HttpReply{};
  }
};

std::string gunzip(const std::string& compressed, std::size_t expected_size) {
  std::string out(expected_size + 1, '\0');
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 16 + MAX_WBITS), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(out.size() - stream.avail_out);
  inflateEnd(&stream);
  return out;
}

TEST_F(ExplorerTest, ThePageNeedsNoKeyAndCarriesTheSecurityHeaders) {
  auto page = get("/");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(page.headers["content-security-policy"], server::explorer::kContentSecurityPolicy);
  EXPECT_NE(page.headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(page.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(page.headers["cache-control"], "no-cache");
  EXPECT_FALSE(page.headers["etag"].empty());
  EXPECT_NE(page.body.find("<script type=\"module\" src=\"/ui/app.js\">"), std::string::npos);
  // No inline script or style: the policy would block them, so the page must not need them.
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_EQ(page.body.find("<style"), std::string::npos);
  EXPECT_EQ(page.body.find("style=\""), std::string::npos);
  EXPECT_EQ(page.body.find("onclick"), std::string::npos);
}

TEST_F(ExplorerTest, EveryFileIsServedWithItsContentType) {
  for (const auto& asset : server::explorer::static_assets()) {
    auto reply = get(std::string(asset.path));
    ASSERT_EQ(reply.status, 200) << asset.path;
    EXPECT_EQ(reply.headers["content-type"], asset.content_type) << asset.path;
    EXPECT_EQ(reply.body, asset.body) << asset.path;
    EXPECT_EQ(reply.headers["x-content-type-options"], "nosniff") << asset.path;
  }
  auto script = get("/ui/app.js");
  EXPECT_EQ(script.headers["content-type"], "text/javascript; charset=utf-8");
  auto licence = get("/ui/vendor/uPlot.LICENSE.txt");
  EXPECT_NE(licence.body.find("MIT License"), std::string::npos);
}

TEST_F(ExplorerTest, AnUnchangedFileRevalidatesWith304) {
  auto first = get("/ui/app.js");
  ASSERT_EQ(first.status, 200);
  auto again = get("/ui/app.js", {{"If-None-Match", first.headers["etag"]}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.headers["etag"], first.headers["etag"]);
  auto other = get("/ui/app.js", {{"If-None-Match", "\"something-else\""}});
  EXPECT_EQ(other.status, 200);
}

TEST_F(ExplorerTest, GzipWhenAcceptedAndTheWholePageStaysUnderTheBudget) {
  std::size_t total = 0;
  for (const auto& asset : server::explorer::static_assets()) {
    auto reply = get(std::string(asset.path), {{"Accept-Encoding", "br, gzip;q=0.8"}});
    ASSERT_EQ(reply.status, 200) << asset.path;
    EXPECT_EQ(reply.headers["content-encoding"], "gzip") << asset.path;
    EXPECT_EQ(reply.headers["vary"], "Accept-Encoding") << asset.path;
    EXPECT_EQ(gunzip(reply.body, asset.body.size()), asset.body) << asset.path;
    total += reply.body.size();
  }
  std::cout << "explorer: " << server::explorer::static_assets().size() << " files, " << total
            << " bytes gzip-compressed (budget " << kCompressedBudgetBytes << ")\n";
  EXPECT_LT(total, kCompressedBudgetBytes);
  auto refused = get("/", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_TRUE(refused.headers["content-encoding"].empty());
  // A gzip body is another representation: its tag differs from the plain one's.
  auto plain = get("/");
  auto zipped = get("/", {{"Accept-Encoding", "gzip"}});
  EXPECT_NE(plain.headers["etag"], zipped.headers["etag"]);
}

TEST_F(ExplorerTest, UnknownFilesAndOtherMethodsAreRefused) {
  EXPECT_EQ(get("/ui/nothing.js").status, 404);
  EXPECT_EQ(get("/ui/../route.cpp").status, 404);
  EXPECT_EQ(get("/ui/%2e%2e/route.cpp").status, 404);
  EXPECT_EQ(get("/index.html").status, 404);
  auto post = call("POST", "/", "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.headers["allow"], "GET");
}

TEST_F(ExplorerTest, ATraceAnswerNamesItsCriticalPath) {
  auto reply = call("GET", "/api/v1/traces/trace-1");
  ASSERT_EQ(reply.status, 200) << reply.body;
  rapidjson::Document document;
  document.Parse(reply.body.c_str());
  ASSERT_TRUE(document.IsObject() && document.HasMember("critical_path")) << reply.body;
  // The mock trace: a1 [0, 900 ms] > b2 [50, 850] > c3 [100, 750]; the orphan d4 is not on it.
  std::vector<std::string> path;
  for (const auto& section : document["critical_path"].GetArray())
    path.push_back(section["span_id"].GetString());
  EXPECT_EQ(path, (std::vector<std::string>{"a1", "b2", "c3", "b2", "a1"}));
  EXPECT_EQ(document["records"].Size(), 4u);
}

}  // namespace
}  // namespace tinkr::testing
