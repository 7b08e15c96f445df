# What installs where, by component (the packages of cmake/package.cmake):
#   server  jne-server, the sandbox catalogue (share/jne/sandbox), man page, completion
#   cli     jne, man page, completion
#   dev     headers under <jne/…>, the static client library, the CMake package, jne.pc
# With JNE_PACKAGING, also the files a Debian system wants outside the prefix:
# the systemd unit and /etc/jne/jne-server.conf.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS jne_server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
install(TARGETS jne_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(DIRECTORY data/sandbox/ DESTINATION ${CMAKE_INSTALL_DATADIR}/jne/sandbox COMPONENT server)
install(FILES packaging/completions/jne-server
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT server)
install(FILES packaging/completions/jne
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)

# Man pages from the programs' own --help (help2man), when help2man is there.
find_program(HELP2MAN help2man)
if(HELP2MAN)
    foreach(program jne_server jne_cli)
        get_target_property(name ${program} OUTPUT_NAME)
        set(page ${CMAKE_CURRENT_BINARY_DIR}/man/${name}.1.gz)
        add_custom_command(OUTPUT ${page}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
            # HOME=~ so that defaults under it read ~/.config/…, not the builder's home.
            COMMAND ${CMAKE_COMMAND} -E env HOME=~ ${HELP2MAN} --no-info --no-discard-stderr --section 1
                --name "$<IF:$<STREQUAL:${name},jne>,JNE's merchant API from the command line,JNE's merchant API server>"
                --output ${CMAKE_CURRENT_BINARY_DIR}/man/${name}.1 $<TARGET_FILE:${program}>
            COMMAND gzip -9nf ${CMAKE_CURRENT_BINARY_DIR}/man/${name}.1
            DEPENDS ${program} VERBATIM)
        list(APPEND jne_man_pages ${page})
    endforeach()
    add_custom_target(man_pages ALL DEPENDS ${jne_man_pages})
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/man/jne-server.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT server)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/man/jne.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
endif()

set_target_properties(jne_wire jne_client PROPERTIES POSITION_INDEPENDENT_CODE ON)
install(TARGETS jne_api jne_wire jne_client EXPORT jneTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} ${CMAKE_INSTALL_INCLUDEDIR}/jne)
foreach(component api wire client)
    install(DIRECTORY src/${component}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/jne/${component}
        COMPONENT dev FILES_MATCHING PATTERN "*.hpp")
endforeach()

install(EXPORT jneTargets NAMESPACE jne:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jne COMPONENT dev)
configure_package_config_file(cmake/jneConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/jneConfig.cmake
    INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jne)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/jneConfigVersion.cmake
    COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/jneConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/jneConfigVersion.cmake
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/jne COMPONENT dev)
# Relative to where the file lies, so an installed prefix may move.
file(RELATIVE_PATH JNE_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(cmake/jne.pc.in ${CMAKE_CURRENT_BINARY_DIR}/jne.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/jne.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
    COMPONENT dev)

if(JNE_PACKAGING)
    install(FILES packaging/jne-server.service DESTINATION /lib/systemd/system COMPONENT server)
    install(FILES packaging/jne-server.conf DESTINATION /etc/jne COMPONENT server)
    # Each package's copyright and Debian changelog, where Debian policy puts them.
    string(TIMESTAMP jne_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/changelog.Debian
        "jne (${PROJECT_VERSION}-1) unstable; urgency=medium\n\n"
        "  * Release ${PROJECT_VERSION}, built from the project's own sources.\n\n"
        " -- jne-server maintainers <maintainers@jne-server.org>  ${jne_changelog_date}\n")
    execute_process(COMMAND gzip -9nf ${CMAKE_CURRENT_BINARY_DIR}/changelog.Debian)
    foreach(pair server:jne-server cli:jne dev:jne-dev)
        string(REPLACE ":" ";" pair ${pair})
        list(GET pair 0 component)
        list(GET pair 1 package)
        install(FILES packaging/debian/copyright ${CMAKE_CURRENT_BINARY_DIR}/changelog.Debian.gz
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
    endforeach()
endif()
