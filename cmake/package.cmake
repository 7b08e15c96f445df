# Debian packages (scripts/package DIR): jne-server, jne and jne-dev, from the
# install components of cmake/install.cmake. Dependencies come from dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jne)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "jne project")
set(CPACK_PACKAGE_CONTACT "jne-server maintainers <maintainers@jne-server.org>")
set(CPACK_STRIP_FILES ON)  # the programs without their symbols, as Debian ships them
# Each package says its own synopsis (the first line of its description): none shared.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server cli dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME jne-server)
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "JNE merchant API server\njne-server answers JNE's merchant API (tariffs, tracking, airwaybills,\npickups) on SQLite or PostgreSQL, with JNE's sandbox catalogue, as a\nsystemd service.")
# adduser: its user; the font: the labels'; debconf: the question on purge.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, fonts-dejavu-core, debconf (>= 0.5) | debconf-2.0")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/packaging/debian/server/postinst;${PROJECT_SOURCE_DIR}/packaging/debian/server/prerm;${PROJECT_SOURCE_DIR}/packaging/debian/server/postrm;${PROJECT_SOURCE_DIR}/packaging/debian/server/conffiles;${PROJECT_SOURCE_DIR}/packaging/debian/server/templates;${PROJECT_SOURCE_DIR}/packaging/debian/server/config")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_CLI_PACKAGE_NAME jne)
set(CPACK_DEBIAN_CLI_DESCRIPTION
    "command-line tool for JNE's merchant API\nQuotes tariffs, tracks airwaybills and creates shipments and pickups,\none or a CSV batch at a time, against JNE's server or a jne-server.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME jne-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_DESCRIPTION
    "C++ client library for JNE's merchant API\nHeaders under <jne/...>, the static client library, its CMake package\n(find_package(jne)) and a pkg-config file (jne.pc).")
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libboost-json1.81-dev, libboost1.81-dev, libcurl4-openssl-dev | libcurl-dev, libssl-dev")

include(CPack)
