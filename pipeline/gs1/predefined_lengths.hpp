#pragma once
// The GS1 General Specifications' table of element strings with predefined
// length (figure 7.8.5-2): AIs starting with these two digits need no FNC1
// separator after their value. The dictionary's "fixed" flag must agree with
// it (tests/gs1/ai_dictionary_test.cpp).

#include <optional>
#include <string_view>

namespace gs1inspect::gs1 {

struct PredefinedLength {
  std::string_view prefix;  // first two digits of the AI
  int totalLength;          // AI digits + value
};

inline constexpr PredefinedLength kPredefinedLengths[] = {
    {"00", 20}, {"01", 16}, {"02", 16}, {"03", 16}, {"04", 18}, {"11", 8},  {"12", 8},  {"13", 8},
    {"14", 8},  {"15", 8},  {"16", 8},  {"17", 8},  {"18", 8},  {"19", 8},  {"20", 4},  {"31", 10},
    {"32", 10}, {"33", 10}, {"34", 10}, {"35", 10}, {"36", 10}, {"41", 16},
};

/// The total length (AI + value) of an element string whose AI starts with
/// `ai`'s first two digits, if that prefix has a predefined length.
constexpr std::optional<int> predefinedLength(std::string_view ai) {
  if (ai.size() < 2) return std::nullopt;
  for (const auto& entry : kPredefinedLengths) {
    if (entry.prefix == ai.substr(0, 2)) return entry.totalLength;
  }
  return std::nullopt;
}

}  // namespace gs1inspect::gs1
