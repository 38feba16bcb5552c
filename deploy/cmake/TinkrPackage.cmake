# The Debian package: `cpack -G DEB` in a build configured with CMAKE_INSTALL_PREFIX=/usr (the
# `package` preset). Depends come from dpkg-shlibdeps, i.e. Debian 12's runtime libraries only; the
# SDK headers (component sdk) stay out of it.
set(CPACK_PACKAGE_NAME tinkr)
set(CPACK_PACKAGE_VENDOR "Tinkr")
set(CPACK_PACKAGE_CONTACT "Tinkr maintainers <tinkr@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "logs, metrics and traces from any backend, from one command line")
set(CPACK_PACKAGE_DESCRIPTION
    "tinkr (command line) and tinkr-server (HTTP API) ask Azure Monitor or a local store for logs,\nmetrics and traces through backend plugins.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Only the default component: the programs, plugins, docs, config, unit and completions.
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};tinkr;Unspecified;/")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # tinkr_VERSION_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS ca-certificates)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_LIST_DIR}/../package/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/move_etc.cmake)
include(CPack)
