# ASan+UBSan as an INTERFACE target; CI builds a second tree with JNE_SANITIZE=ON.
add_library(jne_sanitizers INTERFACE)
add_library(jne::sanitizers ALIAS jne_sanitizers)
if(JNE_SANITIZE)
    set(jne_sanitizer_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_compile_options(jne_sanitizers INTERFACE ${jne_sanitizer_flags})
    target_link_options(jne_sanitizers INTERFACE ${jne_sanitizer_flags})
endif()
