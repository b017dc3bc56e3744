#pragma once
// Rules between elements: requisite AIs, invalid pairs, conflicting repeats.

#include "parse_result.hpp"

namespace gs1inspect::gs1 {

/// Checks the dictionary's req= and ex= rules over all elements of the
/// result and flags an AI repeated with a different value. Each problem is
/// reported once, at the AI that carries the rule.
void checkAssociations(ParseResult& result);

}  // namespace gs1inspect::gs1
