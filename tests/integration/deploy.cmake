# Deployment checks that need no root and run in seconds: the install to a prefix (and moved), and
# later the deploy/ scripts with a recording fake `az`, shellcheck, yamllint and Kubernetes schemas.
# The heavy ones (the .deb on a bare Debian root, the OCI image) are make targets of their own.
if(TARGET tinkr AND TARGET tinkr-server AND TARGET tinkr_plugin_local AND TARGET tinkr_plugin_azure)
  add_test(NAME deploy.install_to_prefix
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deploy/install_test.sh ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR}
                   ${PROJECT_VERSION})
  set_tests_properties(deploy.install_to_prefix PROPERTIES TIMEOUT 120)
endif()
if(TARGET tinkr AND TARGET tinkr_plugin_local)
  add_test(NAME deploy.demo_hints_work_as_pasted
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deploy/demo_hints_test.sh $<TARGET_FILE:tinkr>)
  set_tests_properties(deploy.demo_hints_work_as_pasted PROPERTIES TIMEOUT 120)
endif()
add_test(NAME deploy.demo_script_shows_pastable_commands
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deploy/demo_script_words_test.sh ${PROJECT_SOURCE_DIR})
# deploy/azure with a recording fake az and kubectl; needs shellcheck, yamllint (setup.sh deploy) and
# tests/k8s/node_modules (scripts/kql-deps.sh tests/k8s), all installed by `make setup-test`.
if(TARGET tinkr)
  add_test(NAME deploy.azure_scripts_with_fake_az
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deploy/deploy_scripts_test.sh ${PROJECT_SOURCE_DIR}
                   $<TARGET_FILE:tinkr>)
  set_tests_properties(deploy.azure_scripts_with_fake_az PROPERTIES TIMEOUT 180)
endif()
# The .deb of this build tree (cpack; dpkg-dev from setup.sh deploy): contents and Depends.
if(TARGET tinkr AND TARGET tinkr-server AND TARGET tinkr_plugin_local AND TARGET tinkr_plugin_azure)
  add_test(NAME deploy.package_contents
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deploy/package_contents_test.sh ${CMAKE_CPACK_COMMAND}
                   ${PROJECT_BINARY_DIR} ${PROJECT_VERSION})
  set_tests_properties(deploy.package_contents PROPERTIES TIMEOUT 180)
endif()
