#include "gs1/civil_date.hpp"

#include <gtest/gtest.h>

namespace gs1inspect::gs1 {
namespace {

// GS1 General Specifications 7.12: the century of a two-digit year.
TEST(CivilDate, SlidingWindowForTwoDigitYears) {
  EXPECT_EQ(fullYear(26, 2026), 2026);
  EXPECT_EQ(fullYear(76, 2026), 2076);  // difference 50: this century
  EXPECT_EQ(fullYear(77, 2026), 1977);  // difference 51: previous century
  EXPECT_EQ(fullYear(99, 2026), 1999);
  EXPECT_EQ(fullYear(0, 2026), 2000);
  EXPECT_EQ(fullYear(0, 2090), 2100);   // difference -90: next century
  EXPECT_EQ(fullYear(40, 2090), 2140);  // difference -50: next century
  EXPECT_EQ(fullYear(41, 2090), 2041);  // difference -49: this century
}

TEST(CivilDate, ParsesOnlyRealDates) {
  EXPECT_EQ(CivilDate::parse("2024-02-29"), (CivilDate{2024, 2, 29}));
  EXPECT_FALSE(CivilDate::parse("2023-02-29"));
  EXPECT_FALSE(CivilDate::parse("2023-13-01"));
  EXPECT_FALSE(CivilDate::parse("2023-1-01"));
  EXPECT_FALSE(CivilDate::parse("tomorrow"));
  EXPECT_EQ((CivilDate{2026, 3, 5}).iso(), "2026-03-05");
}

TEST(CivilDate, LeapYears) {
  EXPECT_EQ(daysInMonth(2000, 2), 29);
  EXPECT_EQ(daysInMonth(1900, 2), 28);
  EXPECT_EQ(daysInMonth(2024, 2), 29);
  EXPECT_EQ(daysInMonth(2100, 2), 28);
  EXPECT_EQ(daysInMonth(2026, 4), 30);
  EXPECT_EQ(daysInMonth(2026, 12), 31);
  EXPECT_EQ(daysInMonth(2026, 13), 0);
  EXPECT_EQ(daysInMonth(2026, 0), 0);
}

}  // namespace
}  // namespace gs1inspect::gs1
