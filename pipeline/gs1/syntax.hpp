#pragma once
// The three input syntaxes: each cuts its input into elements and reports
// problems of form (brackets, separators, URI structure). Contents are
// checked afterwards by validateElements() and checkAssociations(), which are
// the same for every form.

#include <string_view>

#include "ai_dictionary.hpp"
#include "parse_result.hpp"

namespace gs1inspect::gs1 {

/// "(01)09506000134352(10)ABC\(1)": "\(" stands for a literal "(".
void splitBracketed(std::string_view input, const AiDictionary& dictionary, ParseResult& result);
/// Raw data as decoders give it: optional symbology identifier, GS (0x1D)
/// after each variable-length value that is not last.
void splitRaw(std::string_view input, const AiDictionary& dictionary, ParseResult& result);
/// A GS1 Digital Link URI: any domain and path prefix, primary key and
/// qualifiers in the path, data attributes in the query.
void splitDigitalLink(std::string_view input, const AiDictionary& dictionary, ParseResult& result);

/// The entry for `ai`, or, for an AI whose decimal point indicator is beyond
/// what its family allows (3106), the family's entry with a bad-decimal
/// error; nullptr with an unknown-ai error otherwise.
const AiEntry* lookupAi(std::string_view ai, std::size_t offset, const AiDictionary& dictionary,
                        ParseResult& result);

}  // namespace gs1inspect::gs1
