#include "lint.hpp"

namespace gs1inspect::gs1 {

namespace {

struct CodeInfo {
  LintCode code;
  std::string_view name;
  std::string_view description;
};

constexpr CodeInfo kCodes[] = {
    {LintCode::UnknownAi, "unknown-ai", "The AI is not in the GS1 Application Identifier dictionary."},
    {LintCode::BadLength, "bad-length", "A value is shorter or longer than its AI allows."},
    {LintCode::BadCharacter, "bad-character",
     "A character is outside the character set of its component (digits, GS1 set 82, set 39 or set 64)."},
    {LintCode::BadCheckDigit, "bad-check-digit", "A GS1 check digit or check character pair does not match the data."},
    {LintCode::BadDate, "bad-date", "A date field is not a real calendar date (month, day or day 00 where not allowed)."},
    {LintCode::BadTime, "bad-time", "A time field has an hour, minute or second out of range."},
    {LintCode::BadDecimal, "bad-decimal",
     "The AI's decimal point indicator asks for more decimal places than the measure allows."},
    {LintCode::BadCountry, "bad-country", "A country field is not an ISO 3166-1 code."},
    {LintCode::BadCurrency, "bad-currency", "A currency field is not an ISO 4217 numeric code."},
    {LintCode::BadValue, "bad-value",
     "A coded value is outside its allowed set (flag, winding, media type, piece of total, coupon structure...)."},
    {LintCode::BadCompanyPrefix, "bad-company-prefix",
     "The GS1 Company Prefix position holds a prefix that cannot start a GS1 key."},
    {LintCode::BadPercentEncoding, "bad-percent-encoding", "A field meant to be percent-encoded has a broken %XX escape."},
    {LintCode::BadIban, "bad-iban", "An IBAN has a bad country code, length or ISO 7064 mod 97 check."},
    {LintCode::MissingRequisite, "missing-requisite", "An AI appears without the AI (or AIs) it requires."},
    {LintCode::InvalidPair, "invalid-pair", "Two AIs that must not appear together do."},
    {LintCode::ConflictingRepeat, "conflicting-repeat", "The same AI appears twice with different values."},
    {LintCode::Unterminated, "unterminated",
     "A variable-length value runs past its maximum length: the FNC1 (GS) separator after it is missing."},
    {LintCode::TrailingData, "trailing-data", "Something follows the last element: a separator or left-over data."},
    {LintCode::BadSyntax, "bad-syntax", "The input is not a well-formed bracketed element string or Digital Link URI."},
    {LintCode::BadSymbologyId, "bad-symbology-id",
     "The symbology identifier is unknown or does not announce GS1 data (]C1, ]e0, ]d2, ]Q3, ]J1)."},
};

const CodeInfo* infoOf(LintCode code) {
  for (const auto& info : kCodes) {
    if (info.code == code) return &info;
  }
  return nullptr;
}

}  // namespace

std::string_view lintCodeName(LintCode code) {
  const CodeInfo* info = infoOf(code);
  return info != nullptr ? info->name : "unknown";
}

std::string_view lintCodeDescription(LintCode code) {
  const CodeInfo* info = infoOf(code);
  return info != nullptr ? info->description : std::string_view();
}

std::optional<LintCode> lintCodeFromName(std::string_view name) {
  for (const auto& info : kCodes) {
    if (info.name == name) return info.code;
  }
  return std::nullopt;
}

}  // namespace gs1inspect::gs1
