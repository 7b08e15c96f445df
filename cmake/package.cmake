# Debian packages (scripts/package DIR): jne-server, jne and jne-dev, from the
# install components of cmake/install.cmake. Dependencies come from dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jne)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "jne project")
set(CPACK_PACKAGE_CONTACT "jne maintainers <jne@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "JNE's merchant API: a faithful sandbox and a courier's core")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server cli dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME jne-server)
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "JNE merchant API server\n jne-server answers JNE's merchant API (tariffs, tracking, airwaybills,\n pickups) on SQLite or PostgreSQL, with JNE's sandbox catalogue, as a\n systemd service.")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, fonts-dejavu-core")  # the labels' font
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/packaging/debian/server/postinst;${PROJECT_SOURCE_DIR}/packaging/debian/server/prerm;${PROJECT_SOURCE_DIR}/packaging/debian/server/postrm;${PROJECT_SOURCE_DIR}/packaging/debian/server/conffiles")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_CLI_PACKAGE_NAME jne)
set(CPACK_COMPONENT_CLI_DESCRIPTION
    "JNE merchant API from the command line\n jne quotes tariffs, tracks airwaybills and creates shipments and pickups,\n one or a CSV batch at a time, against JNE's server or a jne-server.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME jne-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "C++ client library for JNE's merchant API\n Headers under <jne/...>, the static client library, its CMake package\n (find_package(jne)) and a pkg-config file (jne.pc).")
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libboost-json1.81-dev, libboost1.81-dev, libcurl4-openssl-dev | libcurl-dev, libssl-dev")

include(CPack)
