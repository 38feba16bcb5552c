// The local backend's options: defaults, `~`, every mistake named, and files it must not touch.
#include "test_support.hpp"

#include "options.hpp"

#include <tinkr/sdk/error.hpp>

#include <fstream>

namespace tinkr::local::testing {
namespace {

std::string config_error(std::string_view json, std::string_view home = "/home/me") {
  try {
    parse_options(json, home);
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_CONFIG);
    return e.what();
  }
  return "(accepted)";
}

TEST(LocalOptions, DefaultsToTheEmbeddedDatabaseInHome) {
  EXPECT_EQ(parse_options("", "/home/me").path, "/home/me/.tinkr/local.db");
  EXPECT_EQ(parse_options(R"({"path":"~/x.db","backend":"local"})", "/home/me").path, "/home/me/x.db");
  EXPECT_EQ(parse_options(R"({"path":"/abs/x.db","read_only":true})", "").path, "/abs/x.db");
  EXPECT_TRUE(parse_options(R"({"read_only":true})", "/h").read_only);
}

TEST(LocalOptions, EveryMistakeIsNamedInOneMessage) {
  EXPECT_EQ(
      config_error(R"({"path":3,"read_only":"yes","pth":"x"})"),
      "local backend: option 'path': expected a non-empty string (a database file); option 'read_only': "
      "expected true or false; unknown option 'pth' (known: path, read_only)");
  EXPECT_EQ(config_error("[1]"), "local backend: options must be a JSON object");
  EXPECT_EQ(config_error("{"),
            "local backend: options are not valid JSON: Missing a name for object member.");
  EXPECT_EQ(config_error(R"({"path":"~/x.db"})", ""),
            "local backend: option 'path' starts with '~' but HOME is not set");
}

TEST_F(LocalTest, CreatesTheFileAndFoldersAndRefusesForeignFiles) {
  Options options;
  options.path = (dir_ / "deep" / "er" / "new.db").string();
  { LocalBackend created(options); }
  EXPECT_TRUE(std::filesystem::exists(options.path));

  options.path = (dir_ / "not-a-db.txt").string();
  std::ofstream(options.path) << "hello, this is not sqlite";
  try {
    LocalBackend refused(options);
    FAIL() << "opened a text file";
  } catch (const sdk::Error& e) {
    EXPECT_NE(std::string(e.what()).find(options.path), std::string::npos) << e.what();
  }

  options.path = (dir_ / "missing.db").string();
  options.read_only = true;
  try {
    LocalBackend refused(options);
    FAIL() << "read-only opening created a file";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_CONFIG);
    EXPECT_FALSE(std::filesystem::exists(options.path));
  }
}

TEST_F(LocalTest, DescribeDeclaresEverySignalAndPushesRegexesExactly) {
  const std::string d = LocalBackend::describe();
  EXPECT_NE(d.find(R"("signals":["logs","metrics","trace_search","trace_get","native"])"), std::string::npos);
  EXPECT_NE(d.find(R"("native_language":"sql")"), std::string::npos);
  EXPECT_NE(
      d.find(R"("exact_operators":["eq","ne","lt","le","gt","ge","in","contains","startswith","matches")"),
      std::string::npos)
      << "regexes run in SQL (RE2 behind REGEXP), so the core need not page through the candidates";
  rapidjson::Document doc;
  doc.Parse(d.c_str());
  EXPECT_FALSE(doc.HasParseError());
}

}  // namespace
}  // namespace tinkr::local::testing
