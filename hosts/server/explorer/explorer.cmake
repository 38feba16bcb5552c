# The web explorer (docs/server.md, "Explorer"): the files under web/ are compiled into tinkr-server
# (embed_assets.cmake turns them into a C++ source at build time), so the server needs nothing at run
# time and nothing is fetched at build time. Included by hosts/server/CMakeLists.txt.
file(GLOB_RECURSE tinkr_explorer_web_files CONFIGURE_DEPENDS RELATIVE ${CMAKE_CURRENT_LIST_DIR}/web
     ${CMAKE_CURRENT_LIST_DIR}/web/*)
list(SORT tinkr_explorer_web_files)
set(tinkr_explorer_generated ${CMAKE_CURRENT_BINARY_DIR}/explorer/explorer_assets.cpp)
list(TRANSFORM tinkr_explorer_web_files PREPEND ${CMAKE_CURRENT_LIST_DIR}/web/ OUTPUT_VARIABLE tinkr_explorer_web_paths)
add_custom_command(
  OUTPUT ${tinkr_explorer_generated}
  COMMAND ${CMAKE_COMMAND} -DWEB_DIR=${CMAKE_CURRENT_LIST_DIR}/web -DOUTPUT=${tinkr_explorer_generated}
          "-DFILES=${tinkr_explorer_web_files}" -P ${CMAKE_CURRENT_LIST_DIR}/embed_assets.cmake
  DEPENDS ${tinkr_explorer_web_paths} ${CMAKE_CURRENT_LIST_DIR}/embed_assets.cmake
  COMMENT "Embedding the explorer's web files"
  VERBATIM)
target_sources(tinkr_server_lib PRIVATE
  ${tinkr_explorer_generated}
  ${CMAKE_CURRENT_LIST_DIR}/explorer_route.cpp)
target_link_libraries(tinkr_server_lib PRIVATE ZLIB::ZLIB)
