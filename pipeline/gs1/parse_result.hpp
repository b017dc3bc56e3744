#pragma once
// What parsing GS1 data gives: the elements, the problems, and how the input
// was written.

#include <string>
#include <string_view>
#include <vector>

#include "element.hpp"
#include "lint.hpp"

namespace gs1inspect::gs1 {

enum class InputForm {
  Bracketed,    // (01)09506000134352(10)ABC
  Raw,          // ]C1 0109506000134352 10ABC <GS> ...
  DigitalLink,  // https://id.gs1.org/01/09506000134352/10/ABC
};

/// "bracketed", "raw" or "digital-link".
std::string_view inputFormName(InputForm form);

/// The outcome of parsing one input. Plain value; never throws.
struct ParseResult {
  InputForm form = InputForm::Raw;
  std::string symbologyId;        // "]C1" when the raw input carried one
  std::vector<Element> elements;  // in input order
  std::vector<LintError> errors;  // in the order found
  // False when the input could not be cut into elements to its end (e.g. an
  // unknown AI in raw data): the elements then hold only what came before.
  bool complete = true;

  bool valid() const { return errors.empty() && complete && !elements.empty(); }

  /// True when every element holds on its own (known AI, length,
  /// characters, check digit, date, ...), whatever the rules between
  /// elements say (a missing requisite, an invalid pair, a conflicting
  /// repeat): data a symbol really holds, valid or not as a whole. What a
  /// reader may confirm a repaired decode with.
  bool elementsHold() const {
    if (!complete || elements.empty()) return false;
    for (const auto& e : errors)
      if (e.code != LintCode::MissingRequisite && e.code != LintCode::InvalidPair &&
          e.code != LintCode::ConflictingRepeat)
        return false;
    return true;
  }
};

}  // namespace gs1inspect::gs1
