# tinkr_add_plugin(<name> SOURCES ... [LIBRARIES ...] [TEST_ONLY]): a backend plugin, built as a
# loadable module named libtinkr-<name>.so in the build tree's plugin folder, with hidden visibility
# so that only tinkr_plugin_entry is exported (Boost.DLL's FAQ remedy for symbols shadowed across
# plugins). A TEST_ONLY plugin (a test double) is never installed: users would see it as a backend.
function(tinkr_add_plugin name)
  cmake_parse_arguments(ARG "TEST_ONLY" "" "SOURCES;LIBRARIES" ${ARGN})
  set(target tinkr_plugin_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE tinkr::sdk ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME tinkr-${name}
    PREFIX lib
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${TINKR_PLUGIN_OUTPUT_DIR})
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  if(NOT ARG_TEST_ONLY)
    install(TARGETS ${target} LIBRARY DESTINATION ${TINKR_PLUGIN_INSTALL_DIR})
  endif()
endfunction()
