#include "civil_date.hpp"

#include <chrono>

#include <fmt/format.h>

namespace gs1inspect::gs1 {

CivilDate CivilDate::today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{now};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<CivilDate> CivilDate::parse(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
      value = value * 10 + (iso[i] - '0');
    }
    return value;
  };
  auto year = number(0, 4);
  auto month = number(5, 2);
  auto day = number(8, 2);
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > daysInMonth(*year, *month)) {
    return std::nullopt;
  }
  return CivilDate{*year, *month, *day};
}

std::string CivilDate::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

int daysInMonth(int year, int month) {
  if (month < 1 || month > 12) return 0;
  const std::chrono::year_month_day_last last{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                                              std::chrono::last};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

int fullYear(int twoDigitYear, int referenceYear) {
  const int century = referenceYear - referenceYear % 100;
  const int difference = twoDigitYear - referenceYear % 100;
  if (difference >= 51) return century - 100 + twoDigitYear;
  if (difference <= -50) return century + 100 + twoDigitYear;
  return century + twoDigitYear;
}

}  // namespace gs1inspect::gs1
