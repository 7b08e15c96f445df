# What --version prints: the project's version and the commit it was configured from
# (a tree outside git, such as a source package, says "unknown").
execute_process(COMMAND git rev-parse --short=12 HEAD
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    OUTPUT_VARIABLE JNE_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE jne_git_failed)
if(jne_git_failed OR NOT JNE_COMMIT)
    set(JNE_COMMIT unknown)
endif()
set(JNE_VERSION_STRING "${PROJECT_VERSION} (commit ${JNE_COMMIT})")
