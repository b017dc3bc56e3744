#pragma once
// Calendar dates for GS1 date fields and the century rule.

#include <optional>
#include <string>
#include <string_view>

namespace gs1inspect::gs1 {

/// A proleptic Gregorian calendar date. Plain value type.
struct CivilDate {
  int year = 2000;
  int month = 1;
  int day = 1;

  /// Today in UTC.
  static CivilDate today();
  /// Parses "YYYY-MM-DD"; nullopt unless it is a real date.
  static std::optional<CivilDate> parse(std::string_view iso);
  /// "YYYY-MM-DD".
  std::string iso() const;

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

/// Days in `month` (1-12) of `year`, by <chrono>'s Gregorian calendar; 0
/// for a month out of range.
int daysInMonth(int year, int month);

/// The four-digit year of a two-digit GS1 year, by the GS1 General
/// Specifications' sliding window (section 7.12): relative to the reference
/// year, a difference of 51..99 falls in the previous century, -99..-50 in
/// the next one, anything else in the reference year's century.
int fullYear(int twoDigitYear, int referenceYear);

}  // namespace gs1inspect::gs1
