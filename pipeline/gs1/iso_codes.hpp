#pragma once
// ISO 3166-1 country and ISO 4217 currency codes, as shipped by Debian's
// iso-codes package at build time. Pure functions over constant tables.

#include <optional>
#include <string_view>

namespace gs1inspect::gs1 {

/// The alpha-2 code of a three-digit ISO 3166-1 numeric code ("276" -> "DE").
std::optional<std::string_view> countryAlpha2(std::string_view numeric);
/// True for an assigned ISO 3166-1 alpha-2 code ("DE").
bool isCountryAlpha2(std::string_view alpha2);
/// The alphabetic code of a three-digit ISO 4217 numeric code ("978" -> "EUR").
std::optional<std::string_view> currencyAlpha3(std::string_view numeric);

}  // namespace gs1inspect::gs1
