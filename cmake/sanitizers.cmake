# Sanitizers as an INTERFACE target: JNE_SANITIZE for AddressSanitizer with
# UndefinedBehaviorSanitizer (the dev preset), JNE_SANITIZE_THREAD for
# ThreadSanitizer (the tsan preset). The two cannot share a tree. JNE_FUZZ (clang only) adds
# libFuzzer's coverage to AddressSanitizer and UndefinedBehaviorSanitizer (the fuzz preset).
add_library(jne_sanitizers INTERFACE)
add_library(jne::sanitizers ALIAS jne_sanitizers)
if(JNE_SANITIZE AND JNE_SANITIZE_THREAD)
    message(FATAL_ERROR "JNE_SANITIZE and JNE_SANITIZE_THREAD need separate build trees")
endif()
if(JNE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "JNE_FUZZ needs clang (the fuzz preset sets it)")
    endif()
    set(jne_sanitizer_flags -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
elseif(JNE_SANITIZE)
    set(jne_sanitizer_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
elseif(JNE_SANITIZE_THREAD)
    # GCC 12 warns that TSan does not model the fences Asio uses; that is TSan's limit, not
    # a defect here, and -Werror would stop the tree.
    set(jne_sanitizer_flags -fsanitize=thread -fno-omit-frame-pointer $<$<CXX_COMPILER_ID:GNU>:-Wno-tsan>)
endif()
if(jne_sanitizer_flags)
    target_compile_options(jne_sanitizers INTERFACE ${jne_sanitizer_flags})
    target_link_options(jne_sanitizers INTERFACE ${jne_sanitizer_flags})
endif()
