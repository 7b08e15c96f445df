# Warnings as an INTERFACE target that every project target links privately.
add_library(jne_warnings INTERFACE)
add_library(jne::warnings ALIAS jne_warnings)
target_compile_options(jne_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough
    # GCC 12 reports std::string concatenation as overlapping memcpy (GCC bug 105329).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
    # In a unity batch every file is a header to GCC, which then reports a lambda capturing a
    # type of a file's anonymous namespace as if a header did it.
    $<$<AND:$<CXX_COMPILER_ID:GNU>,$<BOOL:${JNE_UNITY_BUILD}>>:-Wno-subobject-linkage>
    $<$<BOOL:${JNE_WARNINGS_AS_ERRORS}>:-Werror>)
