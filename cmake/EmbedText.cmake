# gs1i_embed_text(<output.cpp> <input> <namespace> <variable>)
#
# Writes a C++ source that defines `extern const std::string_view <variable>`
# in <namespace> holding the bytes of <input>, so data files (the AI
# dictionary) are compiled into the program and not looked up at run time.
# The file is regenerated whenever <input> changes.
function(gs1i_embed_text output input namespace variable)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output}
            -DNAMESPACE=${namespace} -DVARIABLE=${variable}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_text_script.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/embed_text_script.cmake
    COMMENT "Embedding ${input}"
    VERBATIM)
endfunction()
