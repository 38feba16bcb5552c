# Profiles and configuration: the page's TOML, its YAML twin, the environment, .env and every error.
tinkr_add_test(tinkr_config_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/config_file_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/config_errors_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/config_limits_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/api_keys_from_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/select_profile_test.cpp
  LIBRARIES tinkr::core)
