# Project-wide options, all prefixed JNE_.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

option(JNE_BUILD_TESTS "Build the tests" ON)
option(JNE_BUILD_BENCH "Build the Google Benchmark cases" ON)
option(JNE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(JNE_SANITIZE_THREAD "Build with ThreadSanitizer" OFF)
option(JNE_FUZZ "Build the libFuzzer targets of fuzz/ (clang; the fuzz preset)" OFF)
option(JNE_PACKAGING "Install the systemd unit and /etc/jne (Debian packages: scripts/package)" OFF)
option(JNE_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
option(JNE_UNITY_BUILD "Compile src/'s files eight at a time (a third less build time)" ON)

# Where the sandbox catalogue is read from when the server seeds a new database.
set(JNE_SANDBOX_DATA_DIR "${PROJECT_SOURCE_DIR}/data/sandbox" CACHE PATH "Sandbox catalogue CSV folder")
