// Bracketed element strings: (01)09506000134352(10)ABC, with "\(" for a
// literal parenthesis in data.
#include <algorithm>

#include <fmt/format.h>

#include "syntax.hpp"

namespace gs1inspect::gs1 {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// The value from `pos` up to the next unescaped "(" or the end.
std::size_t readValue(std::string_view input, std::size_t pos, Element& element) {
  bool escaped = false;
  std::size_t end = pos;
  while (end < input.size() && input[end] != '(') {
    if (input[end] == '\\' && end + 1 < input.size() && input[end + 1] == '(') {
      escaped = true;
      end += 2;
    } else {
      ++end;
    }
  }
  element.valueOffset = pos;
  element.valueLength = end - pos;
  if (!escaped) {
    element.value = std::string(input.substr(pos, end - pos));
    return end;
  }
  for (std::size_t i = pos; i < end;) {
    element.valueMap.push_back(static_cast<std::uint32_t>(i));
    const bool escape = input[i] == '\\' && i + 1 < end && input[i + 1] == '(';
    element.value.push_back(input[escape ? i + 1 : i]);
    i += escape ? 2 : 1;
  }
  element.valueMap.push_back(static_cast<std::uint32_t>(end));
  return end;
}

}  // namespace

void splitBracketed(std::string_view input, const AiDictionary& dictionary, ParseResult& result) {
  result.form = InputForm::Bracketed;
  std::size_t pos = 0;
  if (input.empty() || input.front() != '(') {
    result.errors.push_back({LintCode::BadSyntax, {}, 0, std::min<std::size_t>(1, input.size()),
                             "a bracketed element string starts with '('"});
    result.complete = false;
    return;
  }
  result.elements.reserve(8);
  while (pos < input.size()) {
    // input[pos] == '('
    const std::size_t close = input.find(')', pos + 1);
    if (close == std::string_view::npos) {
      result.errors.push_back({LintCode::BadSyntax, {}, pos, input.size() - pos, "'(' without ')'"});
      result.complete = false;
      return;
    }
    const auto ai = input.substr(pos + 1, close - pos - 1);
    Element element;
    element.aiOffset = pos + 1;
    element.aiLength = ai.size();
    const std::size_t next = readValue(input, close + 1, element);
    if (ai.size() < 2 || ai.size() > 4 || !std::all_of(ai.begin(), ai.end(), isDigit)) {
      result.errors.push_back({LintCode::BadSyntax, {}, pos, close + 1 - pos,
                               fmt::format("'({})' is not an AI: an AI is 2 to 4 digits", ai)});
      result.complete = false;
    } else {
      element.ai = std::string(ai);
      element.entry = lookupAi(ai, element.aiOffset, dictionary, result);
      result.elements.push_back(std::move(element));
    }
    pos = next;
  }
}

}  // namespace gs1inspect::gs1
