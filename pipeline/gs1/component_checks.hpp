#pragma once
// The content checks of AI components ("linters"): pure functions with one
// signature, looked up by the dictionary's Check value.
//
// Each takes one component's characters (already known to be of the right
// character set and length) and returns nothing, or the lint code with the
// offending span relative to the component's first character.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ai_dictionary.hpp"
#include "check_digit.hpp"
#include "lint.hpp"

namespace gs1inspect::gs1 {

struct CheckContext {
  int referenceYear = 2000;  // for the century of two-digit years
};

struct CheckFailure {
  LintCode code;
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string message;
};

using CheckResult = std::optional<CheckFailure>;
using CheckFunction = CheckResult (*)(std::string_view value, const CheckContext& context);

/// The function implementing a check.
CheckFunction checkFunction(Check check);

/// True when `c` belongs to the character set.
bool inCharSet(CharSet charset, char c);
/// The name of a character set for messages ("digits", "GS1 character set 82", ...).
std::string_view charSetName(CharSet charset);

// Check digits (check_digit_checks.cpp)
/// The GS1 alphanumeric check character pair of `data` (character set 82).
std::string gs1CheckPair(std::string_view data);
CheckResult checkDigitLast(std::string_view value, const CheckContext&);
CheckResult checkPairAlnum(std::string_view value, const CheckContext&);
CheckResult checkIban(std::string_view value, const CheckContext&);

// Dates and times (date_checks.cpp)
CheckResult checkDate6(std::string_view value, const CheckContext& context);
CheckResult checkDate6Day00(std::string_view value, const CheckContext& context);
CheckResult checkDate8(std::string_view value, const CheckContext& context);
CheckResult checkHourMinute(std::string_view value, const CheckContext&);
CheckResult checkHour(std::string_view value, const CheckContext&);
CheckResult checkMinute(std::string_view value, const CheckContext&);
CheckResult checkSecond(std::string_view value, const CheckContext&);

// Coded values (code_checks.cpp)
CheckResult checkCountry(std::string_view value, const CheckContext&);
CheckResult checkCountry999(std::string_view value, const CheckContext&);
CheckResult checkCountryAlpha2(std::string_view value, const CheckContext&);
CheckResult checkCurrency(std::string_view value, const CheckContext&);
CheckResult checkCompanyPrefix1(std::string_view value, const CheckContext&);
CheckResult checkCompanyPrefix2(std::string_view value, const CheckContext&);
CheckResult checkPercentEncoded(std::string_view value, const CheckContext&);
CheckResult checkYesNo(std::string_view value, const CheckContext&);
CheckResult checkHyphen(std::string_view value, const CheckContext&);
CheckResult checkLatitude(std::string_view value, const CheckContext&);
CheckResult checkLongitude(std::string_view value, const CheckContext&);
CheckResult checkNonZero(std::string_view value, const CheckContext&);
CheckResult checkZero(std::string_view value, const CheckContext&);
CheckResult checkWinding(std::string_view value, const CheckContext&);
CheckResult checkPieceOfTotal(std::string_view value, const CheckContext&);
CheckResult checkImporterIndex(std::string_view value, const CheckContext&);
CheckResult checkPackageType(std::string_view value, const CheckContext&);
CheckResult checkMediaType(std::string_view value, const CheckContext&);
CheckResult checkBiologicalSex(std::string_view value, const CheckContext&);
CheckResult checkSequenceSlash(std::string_view value, const CheckContext&);
CheckResult checkNoZeroPrefix(std::string_view value, const CheckContext&);
CheckResult checkHasNonDigit(std::string_view value, const CheckContext&);

// North American coupon codes (coupon_checks.cpp)
CheckResult checkCoupon(std::string_view value, const CheckContext& context);
CheckResult checkCouponPos(std::string_view value, const CheckContext&);

}  // namespace gs1inspect::gs1
