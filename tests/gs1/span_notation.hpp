#pragma once
// Test helpers: write an error's span into its input with "|" marks, so a
// table can state "(17)20|13|10" for a bad month.

#include <string>
#include <string_view>

#include "gs1/parser.hpp"

namespace gs1inspect::gs1::testing {

/// `input` with "|" before and after the span [offset, offset + length).
std::string markSpan(std::string_view input, std::size_t offset, std::size_t length);

/// The reference date of every table test, so verdicts do not move with the calendar.
ParseOptions fixedOptions();

/// Codes of all errors, comma-separated, in order ("" when valid).
std::string codes(const ParseResult& result);

}  // namespace gs1inspect::gs1::testing
