# Installs jne-server, the jne tool and the client library as a CMake package.
include(GNUInstallDirs)
install(TARGETS jne_server jne_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
