#pragma once
// One GS1 element (AI + value) as found in the input, and its typed value.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ai_dictionary.hpp"

namespace gs1inspect::gs1 {

/// The value of an element read for what it means, where the AI gives it a
/// meaning. Empty strings mean "not applicable".
struct TypedValue {
  std::string date;      // ISO 8601: "2025-12-31", or "2025-12" for day 00
  std::string time;      // "13:45" or "13:45:30"
  std::string dateEnd;   // second date of a range (AI 7007)
  std::string decimal;   // value with its implied decimal point: "45.0"
  std::string unit;      // unit of measure: "kg", "lb", ...
  std::string currency;  // ISO 4217 alphabetic code: "EUR"
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2 codes, in order
};

/// An element string as parsed. Spans refer to the parser's input bytes.
struct Element {
  std::string ai;
  std::string value;  // decoded: escapes and percent-encoding removed
  const AiEntry* entry = nullptr;  // nullptr when the AI is unknown
  std::size_t aiOffset = 0;
  std::size_t aiLength = 0;
  std::size_t valueOffset = 0;
  std::size_t valueLength = 0;  // length in the input
  // Input offset of each value byte, plus one for the end; empty when the
  // value was copied byte for byte from valueOffset on.
  std::vector<std::uint32_t> valueMap;
  TypedValue typed;

  /// Input offset of byte `index` of value (index == value.size() gives the end).
  std::size_t inputOffset(std::size_t index) const {
    return valueMap.empty() ? valueOffset + index : valueMap[index];
  }
};

}  // namespace gs1inspect::gs1
