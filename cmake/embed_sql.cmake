# Embeds numbered .sql migrations into a generated C++ source, so the binary
# carries its schema: jne_embed_migrations(TARGET NAMESPACE dir).
function(jne_embed_migrations target ns dir)
    file(GLOB sql_files CONFIGURE_DEPENDS "${dir}/*.sql")
    list(SORT sql_files)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_migrations.cpp")
    set(body "// Generated from ${dir}; do not edit.\n#include <string_view>\n#include <vector>\n\nnamespace ${ns} {\n\nconst std::vector<std::string_view>& migrations() {\n    static const std::vector<std::string_view> all{\n")
    foreach(file IN LISTS sql_files)
        file(READ "${file}" sql)
        # An edited migration configures again, so that its new text is what gets embedded.
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
        string(APPEND body "        R\"jnesql(${sql})jnesql\",\n")
    endforeach()
    string(APPEND body "    };\n    return all;\n}\n\n}  // namespace ${ns}\n")
    file(CONFIGURE OUTPUT "${out}" CONTENT "${body}" @ONLY)
    target_sources(${target} PRIVATE "${out}")
endfunction()
