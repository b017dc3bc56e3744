#pragma once
// Checks each element's value against its AI's components, and works out
// what the value means (dates, decimals, currency, countries).

#include "component_checks.hpp"
#include "parse_result.hpp"

namespace gs1inspect::gs1 {

/// Checks every element with a known AI: length, character set, then each
/// component's checks; fills Element::typed for values that passed. Errors
/// are appended to result.errors with spans in input offsets.
void validateElements(ParseResult& result, const CheckContext& context);

}  // namespace gs1inspect::gs1
