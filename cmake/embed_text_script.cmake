# Run by gs1i_embed_text: turns INPUT into a C++ byte array named VARIABLE.
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hexLength)
math(EXPR size "${hexLength} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUTPUT}
"// Generated from ${INPUT} by cmake/embed_text_script.cmake. Do not edit.\n"
"#include <string_view>\n"
"namespace ${NAMESPACE} {\n"
"namespace {\nconstexpr char kBytes[] = {\n${bytes}'\\0'};\n}  // namespace\n"
"extern const std::string_view ${VARIABLE};\n"
"const std::string_view ${VARIABLE}{kBytes, ${size}};\n"
"}  // namespace ${NAMESPACE}\n")
