#include "parser.hpp"

#include <algorithm>
#include <exception>

#include "association_rules.hpp"
#include "element_validator.hpp"
#include "syntax.hpp"

namespace gs1inspect::gs1 {

std::string_view inputFormName(InputForm form) {
  switch (form) {
    case InputForm::Bracketed: return "bracketed";
    case InputForm::Raw: return "raw";
    case InputForm::DigitalLink: return "digital-link";
  }
  return "raw";
}

InputForm detectForm(std::string_view input) {
  if (!input.empty() && input.front() == '(') return InputForm::Bracketed;
  // A symbology identifier may precede a URI (]Q1 or ]d1 for a Digital Link).
  if (input.size() > 3 && input.front() == ']' && detectForm(input.substr(3)) == InputForm::DigitalLink) {
    return InputForm::DigitalLink;
  }
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
    if (input.size() >= scheme.size() &&
        std::equal(scheme.begin(), scheme.end(), input.begin(), [&](char a, char b) { return a == lower(b); })) {
      return InputForm::DigitalLink;
    }
  }
  return InputForm::Raw;
}

ParseResult parse(std::string_view input, const ParseOptions& options) {
  ParseResult result;
  try {
    const AiDictionary& dictionary = *options.dictionary;
    switch (detectForm(input)) {
      case InputForm::Bracketed: splitBracketed(input, dictionary, result); break;
      case InputForm::Raw: splitRaw(input, dictionary, result); break;
      case InputForm::DigitalLink: splitDigitalLink(input, dictionary, result); break;
    }
    validateElements(result, CheckContext{options.today.year});
    checkAssociations(result);
  } catch (const std::exception& e) {
    // Only allocation failure can get here; the verdict must still be "invalid".
    result.complete = false;
    result.errors.push_back({LintCode::BadSyntax, {}, 0, input.size(), std::string("internal error: ") + e.what()});
  }
  return result;
}

}  // namespace gs1inspect::gs1
