// Checks of coded values (countries, currencies, flags, counts) and the
// table from Check to function.
#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>

#include "component_checks.hpp"
#include "iso_codes.hpp"
#include "package_types.hpp"

namespace gs1inspect::gs1 {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isHex(char c) { return isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }
bool allDigits(std::string_view s) { return std::all_of(s.begin(), s.end(), isDigit); }

CheckResult badValue(std::string_view value, std::string message) {
  return CheckFailure{LintCode::BadValue, 0, value.size(), std::move(message)};
}

CheckResult oneOf(std::string_view value, std::string_view allowed, std::string_view what) {
  if (value.size() == 1 && allowed.find(value[0]) != std::string_view::npos) return std::nullopt;
  return badValue(value, fmt::format("{} must be one of {}, not '{}'", what, allowed, value));
}

// Compares two digit strings as numbers.
int compareNumbers(std::string_view a, std::string_view b) {
  auto strip = [](std::string_view s) {
    while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
    return s;
  };
  a = strip(a);
  b = strip(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b);
}

}  // namespace

namespace {

// One bit per character set for each byte value, built once at compile time.
struct CharSetTable {
  std::array<std::uint8_t, 256> bits{};
  constexpr CharSetTable() {
    auto mark = [this](std::string_view chars, CharSet set) {
      for (char c : chars) {
        auto& entry = bits[static_cast<unsigned char>(c)];
        entry = static_cast<std::uint8_t>(entry | (1u << static_cast<unsigned>(set)));
      }
    };
    constexpr std::string_view kDigits = "0123456789";
    constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
    mark(kDigits, CharSet::Numeric);
    for (CharSet set : {CharSet::Cset82, CharSet::Cset39, CharSet::Cset64}) {
      mark(kDigits, set);
      mark(kUpper, set);
    }
    mark(kLower, CharSet::Cset82);
    mark("!\"%&'()*+,-./:;<=>?_", CharSet::Cset82);
    mark("#-/", CharSet::Cset39);
    mark(kLower, CharSet::Cset64);
    mark("-_", CharSet::Cset64);
  }
};

constexpr CharSetTable kCharSets;

}  // namespace

bool inCharSet(CharSet charset, char c) {
  const unsigned bits = kCharSets.bits[static_cast<unsigned char>(c)];
  return ((bits >> static_cast<unsigned>(charset)) & 1u) != 0;
}

std::string_view charSetName(CharSet charset) {
  switch (charset) {
    case CharSet::Numeric: return "digits";
    case CharSet::Cset82: return "GS1 character set 82";
    case CharSet::Cset39: return "GS1 character set 39";
    case CharSet::Cset64: return "GS1 character set 64 (base64url)";
  }
  return "?";
}

CheckResult checkCountry(std::string_view value, const CheckContext&) {
  if (countryAlpha2(value)) return std::nullopt;
  return CheckFailure{LintCode::BadCountry, 0, value.size(),
                      fmt::format("{} is not an ISO 3166-1 numeric country code", value)};
}

CheckResult checkCountry999(std::string_view value, const CheckContext& context) {
  if (value == "999") return std::nullopt;
  return checkCountry(value, context);
}

CheckResult checkCountryAlpha2(std::string_view value, const CheckContext&) {
  if (isCountryAlpha2(value)) return std::nullopt;
  return CheckFailure{LintCode::BadCountry, 0, value.size(),
                      fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code", value)};
}

CheckResult checkCurrency(std::string_view value, const CheckContext&) {
  if (currencyAlpha3(value)) return std::nullopt;
  return CheckFailure{LintCode::BadCurrency, 0, value.size(),
                      fmt::format("{} is not an ISO 4217 numeric currency code", value)};
}

CheckResult checkCompanyPrefix1(std::string_view value, const CheckContext&) {
  // Without a GS1 Company Prefix lookup the prefix can only be checked for
  // form: a GCP starts with at least four digits.
  if (value.size() < 4) {
    return CheckFailure{LintCode::BadCompanyPrefix, 0, value.size(), "too short to hold a GS1 Company Prefix"};
  }
  for (std::size_t i = 0; i < 4; ++i) {
    if (!isDigit(value[i])) {
      return CheckFailure{LintCode::BadCompanyPrefix, i, 1, "a GS1 Company Prefix starts with four digits"};
    }
  }
  return std::nullopt;
}

CheckResult checkCompanyPrefix2(std::string_view value, const CheckContext& context) {
  if (value.size() < 2) {
    return CheckFailure{LintCode::BadCompanyPrefix, 0, value.size(), "too short to hold a GS1 Company Prefix"};
  }
  auto failure = checkCompanyPrefix1(value.substr(1), context);
  if (failure) failure->offset += 1;
  return failure;
}

CheckResult checkPercentEncoded(std::string_view value, const CheckContext&) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '%') continue;
    if (i + 2 >= value.size()) {
      return CheckFailure{LintCode::BadPercentEncoding, i, value.size() - i, "'%' must be followed by two hex digits"};
    }
    if (!isHex(value[i + 1]) || !isHex(value[i + 2])) {
      return CheckFailure{LintCode::BadPercentEncoding, i, 3, "'%' must be followed by two hex digits"};
    }
    i += 2;
  }
  return std::nullopt;
}

CheckResult checkYesNo(std::string_view value, const CheckContext&) { return oneOf(value, "01", "a yes/no flag"); }

CheckResult checkHyphen(std::string_view value, const CheckContext&) {
  if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c == '-'; })) return std::nullopt;
  return badValue(value, "only '-' (a negative value) may follow here");
}

CheckResult checkLatitude(std::string_view value, const CheckContext&) {
  if (value.size() == 10 && allDigits(value) && compareNumbers(value, "1800000000") <= 0) return std::nullopt;
  return badValue(value, "latitude must be 0000000000-1800000000 (degrees + 90, 7 decimals)");
}

CheckResult checkLongitude(std::string_view value, const CheckContext&) {
  if (value.size() == 10 && allDigits(value) && compareNumbers(value, "3600000000") <= 0) return std::nullopt;
  return badValue(value, "longitude must be 0000000000-3600000000 (degrees + 180, 7 decimals)");
}

CheckResult checkNonZero(std::string_view value, const CheckContext&) {
  if (!value.empty() && allDigits(value) && value.find_first_not_of('0') != std::string_view::npos) {
    return std::nullopt;
  }
  return badValue(value, "must not be zero");
}

CheckResult checkZero(std::string_view value, const CheckContext&) {
  if (!value.empty() && value.find_first_not_of('0') == std::string_view::npos) return std::nullopt;
  return badValue(value, "must be zero");
}

CheckResult checkWinding(std::string_view value, const CheckContext&) {
  return oneOf(value, "019", "winding direction");
}

CheckResult checkPieceOfTotal(std::string_view value, const CheckContext&) {
  const std::size_t half = value.size() / 2;
  if (value.empty() || value.size() % 2 != 0 || !allDigits(value)) {
    return badValue(value, "piece and total need the same number of digits");
  }
  const auto piece = value.substr(0, half);
  const auto total = value.substr(half);
  if (compareNumbers(piece, "0") == 0) return CheckFailure{LintCode::BadValue, 0, half, "piece number 0"};
  if (compareNumbers(total, "0") == 0) return CheckFailure{LintCode::BadValue, half, half, "total 0"};
  if (compareNumbers(piece, total) > 0) {
    return badValue(value, fmt::format("piece {} is beyond the total {}", piece, total));
  }
  return std::nullopt;
}

CheckResult checkImporterIndex(std::string_view value, const CheckContext&) {
  if (value.size() == 1 && (isDigit(value[0]) || isUpper(value[0]) || (value[0] >= 'a' && value[0] <= 'z') ||
                            value[0] == '-' || value[0] == '_')) {
    return std::nullopt;
  }
  return badValue(value, "an importer index is one of 0-9 A-Z a-z - _");
}

CheckResult checkPackageType(std::string_view value, const CheckContext&) {
  if (isPackageType(value)) return std::nullopt;
  return badValue(value, fmt::format("'{}' is not in the GS1 PackageTypeCode list (UN/ECE Rec. 21)", value));
}

CheckResult checkMediaType(std::string_view value, const CheckContext&) {
  if (value.size() == 2 && allDigits(value)) {
    const int n = (value[0] - '0') * 10 + (value[1] - '0');
    if ((n >= 1 && n <= 10) || n >= 80) return std::nullopt;
  }
  return badValue(value, "AIDC media type must be 01-10 or 80-99");
}

CheckResult checkBiologicalSex(std::string_view value, const CheckContext&) {
  return oneOf(value, "0129", "ISO/IEC 5218 code");
}

CheckResult checkSequenceSlash(std::string_view value, const CheckContext&) {
  const auto slash = value.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == value.size()) {
    return badValue(value, "position in sequence is written n/m");
  }
  const auto position = value.substr(0, slash);
  const auto end = value.substr(slash + 1);
  if (!allDigits(position) || !allDigits(end)) return badValue(value, "position in sequence is written n/m");
  if (position.front() == '0' || end.front() == '0') return badValue(value, "no zero or leading zero in n/m");
  if (compareNumbers(position, end) > 0) return badValue(value, "position is beyond the end of the sequence");
  return std::nullopt;
}

CheckResult checkNoZeroPrefix(std::string_view value, const CheckContext&) {
  if (value.empty() || value.front() != '0') return std::nullopt;
  return CheckFailure{LintCode::BadValue, 0, 1, "must not start with 0"};
}

CheckResult checkHasNonDigit(std::string_view value, const CheckContext&) {
  if (!allDigits(value)) return std::nullopt;
  return badValue(value, "must contain at least one character that is not a digit");
}

CheckFunction checkFunction(Check check) {
  switch (check) {
    case Check::CheckDigit: return checkDigitLast;
    case Check::CheckPairAlnum: return checkPairAlnum;
    case Check::CompanyPrefix1: return checkCompanyPrefix1;
    case Check::CompanyPrefix2: return checkCompanyPrefix2;
    case Check::Date6: return checkDate6;
    case Check::Date6Day00: return checkDate6Day00;
    case Check::Date8: return checkDate8;
    case Check::HourMinute: return checkHourMinute;
    case Check::Hour: return checkHour;
    case Check::Minute: return checkMinute;
    case Check::Second: return checkSecond;
    case Check::Country: return checkCountry;
    case Check::Country999: return checkCountry999;
    case Check::CountryAlpha2: return checkCountryAlpha2;
    case Check::Currency: return checkCurrency;
    case Check::PercentEncoded: return checkPercentEncoded;
    case Check::YesNo: return checkYesNo;
    case Check::Hyphen: return checkHyphen;
    case Check::Latitude: return checkLatitude;
    case Check::Longitude: return checkLongitude;
    case Check::NonZero: return checkNonZero;
    case Check::Zero: return checkZero;
    case Check::Winding: return checkWinding;
    case Check::PieceOfTotal: return checkPieceOfTotal;
    case Check::Iban: return checkIban;
    case Check::ImporterIndex: return checkImporterIndex;
    case Check::PackageType: return checkPackageType;
    case Check::MediaType: return checkMediaType;
    case Check::BiologicalSex: return checkBiologicalSex;
    case Check::SequenceSlash: return checkSequenceSlash;
    case Check::NoZeroPrefix: return checkNoZeroPrefix;
    case Check::HasNonDigit: return checkHasNonDigit;
    case Check::Coupon: return checkCoupon;
    case Check::CouponPos: return checkCouponPos;
  }
  return nullptr;
}

}  // namespace gs1inspect::gs1
