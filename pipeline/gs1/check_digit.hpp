#pragma once
// The GS1 mod-10 check digit (GS1 General Specifications 7.9.1), the one
// calculation every part of the project uses: the AI checks, the EAN/UPC
// profile reader and the frame generator.

#include <string_view>

namespace gs1inspect::gs1 {

/// The check digit of `digits` (weights 3, 1, 3, ... from the rightmost
/// digit), as a character '0'-'9'. `digits` holds only '0'-'9'.
char gs1CheckDigit(std::string_view digits);

}  // namespace gs1inspect::gs1
