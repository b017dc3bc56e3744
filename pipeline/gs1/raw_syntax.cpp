// Raw GS1 data as a decoder returns it.
#include <algorithm>

#include <fmt/format.h>

#include "syntax.hpp"

namespace gs1inspect::gs1 {

namespace {

constexpr char kGroupSeparator = '\x1d';

// Symbology identifiers that announce GS1 data (ISO/IEC 15424): GS1-128,
// GS1 DataBar, GS1 DataMatrix, GS1 QR Code, GS1 DotCode.
constexpr std::string_view kGs1SymbologyIds[] = {"]C1", "]e0", "]d2", "]Q3", "]J1"};

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void splitRaw(std::string_view input, const AiDictionary& dictionary, ParseResult& result) {
  result.form = InputForm::Raw;
  std::size_t pos = 0;
  if (!input.empty() && input.front() == ']') {
    const auto id = input.substr(0, 3);
    if (std::find(std::begin(kGs1SymbologyIds), std::end(kGs1SymbologyIds), id) == std::end(kGs1SymbologyIds)) {
      result.errors.push_back({LintCode::BadSymbologyId, {}, 0, id.size(),
                               fmt::format("'{}' is not the symbology identifier of a GS1 symbol "
                                           "(]C1, ]e0, ]d2, ]Q3, ]J1)",
                                           id)});
    } else {
      result.symbologyId = std::string(id);
    }
    pos = id.size();
  }
  if (pos < input.size() && input[pos] == kGroupSeparator) ++pos;  // FNC1 in first position, as some decoders give it
  if (pos >= input.size()) {
    result.errors.push_back({LintCode::BadSyntax, {}, 0, input.size(), "no GS1 element strings"});
    result.complete = false;
    return;
  }

  result.elements.reserve(8);
  while (pos < input.size()) {
    const std::size_t aiOffset = pos;
    const AiEntry* entry = dictionary.findPrefix(input.substr(pos));
    std::size_t aiLength = entry != nullptr ? entry->ai.size() : 0;
    if (entry == nullptr) {
      // Take the digits that could be an AI, at most four.
      std::size_t n = 0;
      while (n < 4 && pos + n < input.size() && isDigit(input[pos + n])) ++n;
      if (n < 2) {
        if (!result.elements.empty() && input.size() - pos < 2) {
          result.errors.push_back({LintCode::TrailingData, {}, pos, input.size() - pos,
                                   "left-over data after the last element: too short for an AI"});
        } else {
          result.errors.push_back({LintCode::BadSyntax, {}, pos, std::max<std::size_t>(1, n),
                                   "expected an AI (2 to 4 digits)"});
          result.complete = false;
        }
        return;
      }
      entry = lookupAi(input.substr(pos, n), pos, dictionary, result);
      if (entry == nullptr) {
        result.complete = false;  // the value's length is unknown: nothing after it can be cut
        return;
      }
      aiLength = n;
    }
    pos += aiLength;

    Element& element = result.elements.emplace_back();
    element.ai = std::string(input.substr(aiOffset, aiLength));
    element.entry = entry;
    element.aiOffset = aiOffset;
    element.aiLength = aiLength;
    element.valueOffset = pos;

    const std::size_t separator = std::min(input.find(kGroupSeparator, pos), input.size());
    std::size_t end = separator;
    if (entry->predefinedLength) {
      end = std::min(separator, pos + entry->maxLength());
    } else if (separator - pos > entry->maxLength()) {
      result.errors.push_back({LintCode::Unterminated, element.ai, pos + entry->maxLength(),
                               separator - pos - entry->maxLength(),
                               fmt::format("({}) holds at most {} characters: the GS separator after it is missing",
                                           element.ai, entry->maxLength())});
      end = pos + entry->maxLength();
    }
    element.value = std::string(input.substr(pos, end - pos));
    element.valueLength = end - pos;

    pos = entry->predefinedLength || end == separator ? end : separator;
    if (pos < input.size() && input[pos] == kGroupSeparator) {
      ++pos;
      if (pos == input.size()) {
        result.errors.push_back({LintCode::TrailingData, {}, pos - 1, 1, "a GS separator ends the data"});
      }
    }
  }
}

}  // namespace gs1inspect::gs1
