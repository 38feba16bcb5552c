# The web explorer in Debian's chromium, driven by puppeteer-core (tests/browser: node + npm packages
# installed by scripts/kql-deps.sh tests/browser from its package-lock.json; the tests skip themselves
# without them or without /usr/bin/chromium). Screenshots land in build/<preset>/tests/browser/.
if(TARGET tinkr AND TARGET tinkr-server AND TARGET tinkr_plugin_local AND TARGET tinkr_plugin_azure)
  tinkr_add_test(browser_explorer_test
    SOURCES ${PROJECT_SOURCE_DIR}/tests/browser/explorer_browser_test.cpp
            ${PROJECT_SOURCE_DIR}/tests/integration/hosts/process.cpp
    LIBRARIES tinkr_fake_azure)
  target_include_directories(browser_explorer_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/integration/hosts)
  target_compile_definitions(browser_explorer_test PRIVATE
    TINKR_CLI_PATH="$<TARGET_FILE:tinkr>"
    TINKR_SERVER_PATH="$<TARGET_FILE:tinkr-server>")
  add_dependencies(browser_explorer_test tinkr tinkr-server tinkr_plugin_local tinkr_plugin_azure)
endif()
