// Date and time checks: YYMMDD (with or without day 00), YYYYMMDD, HHMM, HH, MM, SS.
#include <fmt/format.h>

#include "civil_date.hpp"
#include "component_checks.hpp"

namespace gs1inspect::gs1 {

namespace {

int twoDigits(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

CheckResult badLength(std::string_view value, std::size_t expected, std::string_view what) {
  return CheckFailure{LintCode::BadLength, 0, value.size(), fmt::format("{} needs {} digits", what, expected)};
}

// Month and day of a date whose year is already known; `monthAt` is the
// offset of MM in `value`.
CheckResult checkMonthDay(std::string_view value, std::size_t monthAt, int year, bool allowDay00) {
  const int month = twoDigits(value, monthAt);
  if (month < 1 || month > 12) {
    return CheckFailure{LintCode::BadDate, monthAt, 2, fmt::format("month {:02} does not exist", month)};
  }
  const int day = twoDigits(value, monthAt + 2);
  if (day == 0 && allowDay00) return std::nullopt;
  if (day == 0) return CheckFailure{LintCode::BadDate, monthAt + 2, 2, "day 00 is not allowed in this date"};
  if (day > daysInMonth(year, month)) {
    return CheckFailure{LintCode::BadDate, monthAt + 2, 2,
                        fmt::format("{:04}-{:02} has no day {:02}", year, month, day)};
  }
  return std::nullopt;
}

CheckResult checkYymmdd(std::string_view value, const CheckContext& context, bool allowDay00) {
  if (value.size() != 6) return badLength(value, 6, "a YYMMDD date");
  return checkMonthDay(value, 2, fullYear(twoDigits(value, 0), context.referenceYear), allowDay00);
}

CheckResult checkRange(std::string_view value, int limit, std::string_view what) {
  if (value.size() != 2) return badLength(value, 2, what);
  const int n = twoDigits(value, 0);
  if (n <= limit) return std::nullopt;
  return CheckFailure{LintCode::BadTime, 0, 2, fmt::format("{} {:02} is out of range 00-{:02}", what, n, limit)};
}

}  // namespace

CheckResult checkDate6(std::string_view value, const CheckContext& context) {
  return checkYymmdd(value, context, false);
}

CheckResult checkDate6Day00(std::string_view value, const CheckContext& context) {
  return checkYymmdd(value, context, true);
}

CheckResult checkDate8(std::string_view value, const CheckContext&) {
  if (value.size() != 8) return badLength(value, 8, "a YYYYMMDD date");
  const int year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  return checkMonthDay(value, 4, year, false);
}

CheckResult checkHour(std::string_view value, const CheckContext&) { return checkRange(value, 23, "hour"); }

CheckResult checkMinute(std::string_view value, const CheckContext&) { return checkRange(value, 59, "minute"); }

CheckResult checkSecond(std::string_view value, const CheckContext&) { return checkRange(value, 59, "second"); }

CheckResult checkHourMinute(std::string_view value, const CheckContext& context) {
  if (value.size() != 4) return badLength(value, 4, "an HHMM time");
  if (auto failure = checkHour(value.substr(0, 2), context)) return failure;
  if (auto failure = checkMinute(value.substr(2, 2), context)) {
    failure->offset += 2;
    return failure;
  }
  return std::nullopt;
}

}  // namespace gs1inspect::gs1
