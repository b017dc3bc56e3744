#pragma once
// Lint codes and the error record every GS1 check returns.
//
// A code is stable: scripts and dashboards key on its name. Each code has one
// sentence in lintCodeDescription() and in the README's table.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gs1inspect::gs1 {

enum class LintCode {
  UnknownAi,          // "unknown-ai"
  BadLength,          // "bad-length"
  BadCharacter,       // "bad-character"
  BadCheckDigit,      // "bad-check-digit"
  BadDate,            // "bad-date"
  BadTime,            // "bad-time"
  BadDecimal,         // "bad-decimal"
  BadCountry,         // "bad-country"
  BadCurrency,        // "bad-currency"
  BadValue,           // "bad-value"
  BadCompanyPrefix,   // "bad-company-prefix"
  BadPercentEncoding, // "bad-percent-encoding"
  BadIban,            // "bad-iban"
  MissingRequisite,   // "missing-requisite"
  InvalidPair,        // "invalid-pair"
  ConflictingRepeat,  // "conflicting-repeat"
  Unterminated,       // "unterminated"
  TrailingData,       // "trailing-data"
  BadSyntax,          // "bad-syntax"
  BadSymbologyId,     // "bad-symbology-id"
};

inline constexpr LintCode kAllLintCodes[] = {
    LintCode::UnknownAi,         LintCode::BadLength,          LintCode::BadCharacter,
    LintCode::BadCheckDigit,     LintCode::BadDate,            LintCode::BadTime,
    LintCode::BadDecimal,        LintCode::BadCountry,         LintCode::BadCurrency,
    LintCode::BadValue,          LintCode::BadCompanyPrefix,   LintCode::BadPercentEncoding,
    LintCode::BadIban,           LintCode::MissingRequisite,   LintCode::InvalidPair,
    LintCode::ConflictingRepeat, LintCode::Unterminated,       LintCode::TrailingData,
    LintCode::BadSyntax,         LintCode::BadSymbologyId,
};

/// The stable kebab-case name of a code, e.g. "bad-check-digit".
std::string_view lintCodeName(LintCode code);
/// One sentence saying what the code means.
std::string_view lintCodeDescription(LintCode code);
/// The code with that name, if any.
std::optional<LintCode> lintCodeFromName(std::string_view name);

/// One problem found in GS1 data. `offset` and `length` locate the offending
/// bytes in the input exactly as it was given to the parser; `ai` is empty
/// when the problem concerns no single AI (e.g. a bad symbology identifier).
struct LintError {
  LintCode code;
  std::string ai;
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string message;
};

}  // namespace gs1inspect::gs1
