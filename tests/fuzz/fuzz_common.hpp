#pragma once
// What every fuzz target checks after parsing: a verdict, spans inside the
// input, and written forms that parse back to the same elements.

#include <string_view>

namespace gs1inspect::gs1::fuzz {

/// Parses `input` and aborts on any broken invariant.
void checkParse(std::string_view input);

}  // namespace gs1inspect::gs1::fuzz
