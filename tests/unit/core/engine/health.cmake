# The verdict on a backend's health JSON (tinkr::read_health), shared by the CLI and the server.
tinkr_add_test(tinkr_health_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/read_health_test.cpp
  LIBRARIES tinkr::core)
