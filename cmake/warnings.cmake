# Warnings as an INTERFACE target that every project target links privately.
add_library(jne_warnings INTERFACE)
add_library(jne::warnings ALIAS jne_warnings)
target_compile_options(jne_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough
    # GCC 12 reports std::string concatenation as overlapping memcpy (GCC bug 105329).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
    $<$<BOOL:${JNE_WARNINGS_AS_ERRORS}>:-Werror>)
