#pragma once
// The generated ISO code tables (see cmake/IsoCodes.cmake); use iso_codes.hpp.

#include <cstddef>
#include <string_view>

namespace gs1inspect::gs1::detail {

struct IsoCode {
  std::string_view numeric;  // "276"
  std::string_view alpha;    // "DE" (ISO 3166-1 alpha-2) or "EUR" (ISO 4217)
};

extern const IsoCode kCountries[];
extern const std::size_t kCountryCount;
extern const IsoCode kCurrencies[];
extern const std::size_t kCurrencyCount;

}  // namespace gs1inspect::gs1::detail
