// GS1 check digits, the alphanumeric check character pair and the IBAN check.
#include <fmt/format.h>

#include "component_checks.hpp"
#include "iso_codes.hpp"

namespace gs1inspect::gs1 {

namespace {

// GS1 character set 82 in the order that gives each character its value in
// the check character pair calculation (GS1 General Specifications 7.9.5).
constexpr std::string_view kCset82Order =
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
// The 32 characters a check character may be.
constexpr std::string_view kCset32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
// Weights of the check pair: primes, from the rightmost data character.
constexpr int kPrimes[] = {2,   3,   5,   7,   11,  13,  17,  19,  23,  29,  31,  37,  41,  43,  47,  53,  59,
                           61,  67,  71,  73,  79,  83,  89,  97,  101, 103, 107, 109, 113, 127, 131, 137, 139,
                           149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233,
                           239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317, 331, 337,
                           347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419, 421, 431, 433, 439,
                           443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509, 521, 523};

}  // namespace

char gs1CheckDigit(std::string_view digits) {
  int sum = 0;
  int weight = 3;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

CheckResult checkDigitLast(std::string_view value, const CheckContext&) {
  if (value.empty()) return CheckFailure{LintCode::BadLength, 0, 0, "no room for a check digit"};
  const char expected = gs1CheckDigit(value.substr(0, value.size() - 1));
  if (value.back() == expected) return std::nullopt;
  // The span is the whole protected value: which digit is wrong is unknown.
  return CheckFailure{LintCode::BadCheckDigit, 0, value.size(),
                      fmt::format("check digit is {}, the data gives {}", value.back(), expected)};
}

std::string gs1CheckPair(std::string_view data) {
  int sum = 0;
  std::size_t weightIndex = 0;
  for (auto it = data.rbegin(); it != data.rend() && weightIndex < std::size(kPrimes); ++it, ++weightIndex) {
    const auto position = kCset82Order.find(*it);
    if (position == std::string_view::npos) return {};
    sum += static_cast<int>(position) * kPrimes[weightIndex];
  }
  sum %= 1021;
  return {kCset32[static_cast<std::size_t>(sum / 32)], kCset32[static_cast<std::size_t>(sum % 32)]};
}

CheckResult checkPairAlnum(std::string_view value, const CheckContext&) {
  if (value.size() < 2) return CheckFailure{LintCode::BadLength, 0, value.size(), "no room for a check character pair"};
  if (value.size() - 2 > std::size(kPrimes)) {
    return CheckFailure{LintCode::BadLength, 0, value.size(), "too long for a check character pair"};
  }
  const auto pair = value.substr(value.size() - 2);
  for (std::size_t i = 0; i < 2; ++i) {
    if (kCset32.find(pair[i]) == std::string_view::npos) {
      return CheckFailure{LintCode::BadCheckDigit, value.size() - 2 + i, 1,
                          fmt::format("'{}' cannot be a check character", pair[i])};
    }
  }
  const auto expected = gs1CheckPair(value.substr(0, value.size() - 2));
  if (expected == pair) return std::nullopt;
  return CheckFailure{LintCode::BadCheckDigit, 0, value.size(),
                      fmt::format("check characters are {}, the data gives {}", pair, expected)};
}

CheckResult checkIban(std::string_view value, const CheckContext&) {
  // ISO 13616: country code, two check digits, up to 30 characters of BBAN.
  if (value.size() < 11 || value.size() > 34) {
    return CheckFailure{LintCode::BadIban, 0, value.size(), "an IBAN has 11 to 34 characters"};
  }
  if (!isCountryAlpha2(value.substr(0, 2))) {
    return CheckFailure{LintCode::BadIban, 0, 2, fmt::format("'{}' is not an ISO 3166 country", value.substr(0, 2))};
  }
  int remainder = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[(i + 4) % value.size()];  // the first four characters move to the end
    if (c >= '0' && c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    } else {
      return CheckFailure{LintCode::BadIban, (i + 4) % value.size(), 1,
                          fmt::format("'{}' is not a digit or capital letter", c)};
    }
  }
  if (remainder == 1) return std::nullopt;
  return CheckFailure{LintCode::BadIban, 2, 2, "IBAN check digits do not match (ISO 7064 mod 97)"};
}

}  // namespace gs1inspect::gs1
