# Installs jne-server, the jne tool, and the client library as a CMake package:
# find_package(jne) then target_link_libraries(app PRIVATE jne::client).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS jne_server jne_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set_target_properties(jne_wire jne_client PROPERTIES POSITION_INDEPENDENT_CODE ON)
install(TARGETS jne_api jne_wire jne_client EXPORT jneTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/jne)
foreach(component api wire client)
    install(DIRECTORY src/${component}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/jne/${component}
        FILES_MATCHING PATTERN "*.hpp")
endforeach()

install(EXPORT jneTargets NAMESPACE jne:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jne)
configure_package_config_file(cmake/jneConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/jneConfig.cmake
    INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jne)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/jneConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/jneConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/jneConfigVersion.cmake
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jne)
