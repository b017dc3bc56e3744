// Each component check on its own: table-driven, with the expected span of
// every failure written into the value with "|" marks.
#include "gs1/component_checks.hpp"

#include <gtest/gtest.h>

#include "gs1/span_notation.hpp"

namespace gs1inspect::gs1 {
namespace {

using testing::markSpan;

struct Case {
  Check check;
  std::string value;
  std::string expected;  // "" = passes; else "code:marked value"
};

std::ostream& operator<<(std::ostream& out, const Case& c) {
  return out << checkName(c.check) << " '" << c.value << "'";
}

class ComponentCheck : public ::testing::TestWithParam<Case> {};

TEST_P(ComponentCheck, GivesVerdictAndSpan) {
  const Case& c = GetParam();
  const auto result = checkFunction(c.check)(c.value, CheckContext{2026});
  if (c.expected.empty()) {
    EXPECT_FALSE(result.has_value()) << lintCodeName(result->code) << ": " << result->message;
  } else {
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(std::string(lintCodeName(result->code)) + ":" + markSpan(c.value, result->offset, result->length),
              c.expected);
    EXPECT_FALSE(result->message.empty());
  }
}

const Case kCases[] = {
    // GS1 mod-10 check digit
    {Check::CheckDigit, "09506000134352", ""},
    {Check::CheckDigit, "106141412345678908", ""},
    {Check::CheckDigit, "9501101020917", ""},
    {Check::CheckDigit, "09506000134353", "bad-check-digit:|09506000134353|"},
    {Check::CheckDigit, "0", ""},
    // alphanumeric check character pair (GS1 General Specifications example)
    {Check::CheckPairAlnum, "1987654Ad4X4bL5ttr2310c2K", ""},
    {Check::CheckPairAlnum, "22", ""},
    {Check::CheckPairAlnum, "1987654Ad4X4bL5ttr2310c2L", "bad-check-digit:|1987654Ad4X4bL5ttr2310c2L|"},
    {Check::CheckPairAlnum, "1987654Ad4X4bL5ttr2310c21", "bad-check-digit:1987654Ad4X4bL5ttr2310c2|1|"},
    // IBAN
    {Check::Iban, "GB82WEST12345698765432", ""},
    {Check::Iban, "GB82WEST12345698765433", "bad-iban:GB|82|WEST12345698765433"},
    {Check::Iban, "QQ82WEST12345698765432", "bad-iban:|QQ|82WEST12345698765432"},
    {Check::Iban, "GB82", "bad-iban:|GB82|"},
    {Check::Iban, "GB82west12345698765432", "bad-iban:GB82|w|est12345698765432"},
    // dates: YYMMDD, day 00, leap years, YYYYMMDD
    {Check::Date6, "201225", ""},
    {Check::Date6, "201310", "bad-date:20|13|10"},
    {Check::Date6, "200010", "bad-date:20|00|10"},
    {Check::Date6, "250230", "bad-date:2502|30|"},
    {Check::Date6, "240229", ""},
    {Check::Date6, "250229", "bad-date:2502|29|"},
    {Check::Date6, "000229", ""},  // 2000 was a leap year
    {Check::Date6, "251200", "bad-date:2512|00|"},
    {Check::Date6Day00, "251200", ""},
    {Check::Date6Day00, "251300", "bad-date:25|13|00"},
    {Check::Date6Day00, "250431", "bad-date:2504|31|"},
    {Check::Date8, "19991231", ""},
    {Check::Date8, "19000229", "bad-date:190002|29|"},
    {Check::Date8, "20000229", ""},
    {Check::Date8, "20001200", "bad-date:200012|00|"},
    // times
    {Check::HourMinute, "2359", ""},
    {Check::HourMinute, "2400", "bad-time:|24|00"},
    {Check::HourMinute, "1260", "bad-time:12|60|"},
    {Check::Hour, "23", ""},
    {Check::Hour, "24", "bad-time:|24|"},
    {Check::Minute, "59", ""},
    {Check::Second, "60", "bad-time:|60|"},
    // countries and currencies (Debian iso-codes)
    {Check::Country, "276", ""},
    {Check::Country, "840", ""},
    {Check::Country, "999", "bad-country:|999|"},
    {Check::Country, "000", "bad-country:|000|"},
    {Check::Country999, "999", ""},
    {Check::Country999, "998", "bad-country:|998|"},
    {Check::CountryAlpha2, "DE", ""},
    {Check::CountryAlpha2, "de", "bad-country:|de|"},
    {Check::CountryAlpha2, "XX", "bad-country:|XX|"},
    {Check::Currency, "978", ""},
    {Check::Currency, "840", ""},
    {Check::Currency, "000", "bad-currency:|000|"},
    // GS1 Company Prefix position
    {Check::CompanyPrefix1, "9506000ABC", ""},
    {Check::CompanyPrefix1, "950A000", "bad-company-prefix:950|A|000"},
    {Check::CompanyPrefix1, "950", "bad-company-prefix:|950|"},
    {Check::CompanyPrefix2, "09506000134352", ""},
    {Check::CompanyPrefix2, "0A", "bad-company-prefix:0|A|"},
    // coded values
    {Check::PercentEncoded, "ABC%20D", ""},
    {Check::PercentEncoded, "ABC", ""},
    {Check::PercentEncoded, "AB%2", "bad-percent-encoding:AB|%2|"},
    {Check::PercentEncoded, "AB%G1C", "bad-percent-encoding:AB|%G1|C"},
    {Check::YesNo, "1", ""},
    {Check::YesNo, "2", "bad-value:|2|"},
    {Check::Hyphen, "-", ""},
    {Check::Hyphen, "+", "bad-value:|+|"},
    {Check::Latitude, "1800000000", ""},
    {Check::Latitude, "1800000001", "bad-value:|1800000001|"},
    {Check::Longitude, "3600000000", ""},
    {Check::Longitude, "3600000001", "bad-value:|3600000001|"},
    {Check::NonZero, "0001", ""},
    {Check::NonZero, "0000", "bad-value:|0000|"},
    {Check::Zero, "0", ""},
    {Check::Zero, "1", "bad-value:|1|"},
    {Check::Winding, "9", ""},
    {Check::Winding, "2", "bad-value:|2|"},
    {Check::PieceOfTotal, "0103", ""},
    {Check::PieceOfTotal, "0303", ""},
    {Check::PieceOfTotal, "0403", "bad-value:|0403|"},
    {Check::PieceOfTotal, "0003", "bad-value:|00|03"},
    {Check::PieceOfTotal, "0100", "bad-value:01|00|"},
    {Check::ImporterIndex, "_", ""},
    {Check::ImporterIndex, "#", "bad-value:|#|"},
    {Check::PackageType, "1A", ""},
    {Check::PackageType, "BOXE", "bad-value:|BOXE|"},
    {Check::PackageType, "200", ""},
    {Check::PackageType, "ZZ", ""},
    {Check::PackageType, "ZZZ", "bad-value:|ZZZ|"},
    {Check::PackageType, "1C", "bad-value:|1C|"},
    {Check::MediaType, "01", ""},
    {Check::MediaType, "80", ""},
    {Check::MediaType, "11", "bad-value:|11|"},
    {Check::BiologicalSex, "9", ""},
    {Check::BiologicalSex, "3", "bad-value:|3|"},
    {Check::SequenceSlash, "1/2", ""},
    {Check::SequenceSlash, "3/2", "bad-value:|3/2|"},
    {Check::SequenceSlash, "0/2", "bad-value:|0/2|"},
    {Check::SequenceSlash, "12-", "bad-value:|12-|"},
    {Check::NoZeroPrefix, "10", ""},
    {Check::NoZeroPrefix, "01", "bad-value:|0|1"},
    {Check::HasNonDigit, "12A", ""},
    {Check::HasNonDigit, "123", "bad-value:|123|"},
    // coupons: 8112 positive offer file, 8110 coupon code
    {Check::CouponPos, "0" "0" "123456" "123456" "0" "123456", ""},
    {Check::CouponPos, "2" "0" "123456" "123456" "0" "123456", "bad-value:|2|01234561234560123456"},
    {Check::CouponPos, "0" "0" "123456" "123456" "0" "12345678", "bad-value:001234561234560123456|78|"},
    {Check::Coupon, "0" "614141" "123456" "2" "12" "1" "1" "0" "123", ""},
    {Check::Coupon, "0" "614141" "123456" "2" "12" "1" "1" "0" "123" "3" "261231", ""},
    {Check::Coupon, "0" "614141" "123456" "2" "12" "1" "1" "0" "123" "3" "261331",
     "bad-date:0614141123456212110123326|13|31"},
    {Check::Coupon, "0" "614141" "123456" "2" "12" "1" "1" "0" "123" "3" "261231" "4" "270101",
     "bad-value:061414112345621211012332612314|270101|"},
    {Check::Coupon, "0" "614141" "123456" "2" "12" "1" "1" "7" "123", "bad-value:061414112345621211|7|123"},
};

INSTANTIATE_TEST_SUITE_P(Table, ComponentCheck, ::testing::ValuesIn(kCases));

TEST(CheckDigit, ComputesGs1Mod10) {
  EXPECT_EQ(gs1CheckDigit("0950600013435"), '2');
  EXPECT_EQ(gs1CheckDigit("10614141234567890"), '8');
  EXPECT_EQ(gs1CheckDigit(""), '0');
}

TEST(CharSets, MatchTheGeneralSpecifications) {
  for (char c : std::string_view("!\"%&'()*+,-./09:;<=>?AZ_az")) EXPECT_TRUE(inCharSet(CharSet::Cset82, c)) << c;
  for (char c : std::string_view(" #$@[\\]^`{|}~\x1d")) EXPECT_FALSE(inCharSet(CharSet::Cset82, c)) << c;
  for (char c : std::string_view("#-/09AZ")) EXPECT_TRUE(inCharSet(CharSet::Cset39, c)) << c;
  for (char c : std::string_view("a_.")) EXPECT_FALSE(inCharSet(CharSet::Cset39, c)) << c;
  for (char c : std::string_view("-_09AZaz")) EXPECT_TRUE(inCharSet(CharSet::Cset64, c)) << c;
  EXPECT_FALSE(inCharSet(CharSet::Cset64, '+'));
  EXPECT_FALSE(inCharSet(CharSet::Numeric, 'A'));
}

}  // namespace
}  // namespace gs1inspect::gs1
