# CPack pre-build script: the package's configuration belongs in /etc, not under the /usr prefix the
# rest of the package is installed to (Debian policy; the conffiles list names /etc/tinkr/config.toml).
set(staged "${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
if(EXISTS "${staged}/usr/etc")
  file(MAKE_DIRECTORY "${staged}/etc")
  file(RENAME "${staged}/usr/etc/tinkr" "${staged}/etc/tinkr")
  file(REMOVE_RECURSE "${staged}/usr/etc")
endif()
