#pragma once
// The written forms of parsed GS1 data: bracketed (HRI), raw (with GS
// separators) and the canonical GS1 Digital Link URI. Pure functions.

#include <optional>
#include <string>
#include <string_view>

#include "parse_result.hpp"

namespace gs1inspect::gs1 {

inline constexpr std::string_view kCanonicalDigitalLinkStem = "https://id.gs1.org";

/// "(01)09506000134352(10)ABC", "(" in data written "\(". nullopt when the
/// input could not be cut into elements.
std::optional<std::string> toBracketed(const ParseResult& result);

/// "0109506000134352" "10ABC" GS "21..." : GS after each variable-length value
/// that is not last. nullopt when some element could not be read back from it
/// (unknown AI, wrong length of a predefined-length value, a GS in a value).
std::optional<std::string> toRaw(const ParseResult& result);

/// The canonical Digital Link: the first primary key in the data, its
/// qualifiers in the dictionary's order in the path, the other elements as
/// query parameters in AI order. nullopt when there is no primary key or an
/// element cannot be a data attribute.
std::optional<std::string> toDigitalLink(const ParseResult& result,
                                         std::string_view stem = kCanonicalDigitalLinkStem);

}  // namespace gs1inspect::gs1
