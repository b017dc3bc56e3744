#include "iso_codes.hpp"

#include <algorithm>

#include "iso_codes_table.hpp"

namespace gs1inspect::gs1 {

namespace {

std::optional<std::string_view> lookup(const detail::IsoCode* table, std::size_t count, std::string_view numeric) {
  const auto* end = table + count;
  const auto* it = std::lower_bound(table, end, numeric,
                                    [](const detail::IsoCode& code, std::string_view n) { return code.numeric < n; });
  if (it == end || it->numeric != numeric) return std::nullopt;
  return it->alpha;
}

}  // namespace

std::optional<std::string_view> countryAlpha2(std::string_view numeric) {
  return lookup(detail::kCountries, detail::kCountryCount, numeric);
}

bool isCountryAlpha2(std::string_view alpha2) {
  return std::any_of(detail::kCountries, detail::kCountries + detail::kCountryCount,
                     [&](const detail::IsoCode& code) { return code.alpha == alpha2; });
}

std::optional<std::string_view> currencyAlpha3(std::string_view numeric) {
  return lookup(detail::kCurrencies, detail::kCurrencyCount, numeric);
}

}  // namespace gs1inspect::gs1
