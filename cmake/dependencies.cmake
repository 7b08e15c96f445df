# Every dependency comes from Debian 12's packages.
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS json url system)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(prometheus-cpp REQUIRED CONFIG COMPONENTS core)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)  # libpqxx 6.4 ships no CMake package

# libcsv ships neither a CMake package nor a pkg-config file.
find_path(CSV_INCLUDE_DIR csv.h REQUIRED)
find_library(CSV_LIBRARY csv REQUIRED)
add_library(csv::csv UNKNOWN IMPORTED)
set_target_properties(csv::csv PROPERTIES IMPORTED_LOCATION "${CSV_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${CSV_INCLUDE_DIR}")

if(JNE_BUILD_TESTS)
    find_package(GTest REQUIRED)
    pkg_check_modules(ZBAR REQUIRED IMPORTED_TARGET zbar)  # reads the labels' barcodes back
endif()
if(JNE_BUILD_BENCH)
    find_package(benchmark REQUIRED)
endif()

# Readiness and stopping reported to systemd (sd_notify), when run as a service.
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)

# Labels: cairo draws them (PDF and PNG surfaces), zint encodes their barcodes.
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo cairo-pdf cairo-png)
# zint ships a CMake find module outside CMake's path, and no pkg-config file.
find_path(ZINT_INCLUDE_DIR zint.h REQUIRED)
find_library(ZINT_LIBRARY zint REQUIRED)
add_library(zint::zint UNKNOWN IMPORTED)
set_target_properties(zint::zint PROPERTIES IMPORTED_LOCATION "${ZINT_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${ZINT_INCLUDE_DIR}")
