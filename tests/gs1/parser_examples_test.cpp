// The examples of the documents the project grew from and of the GS1
// General Specifications, with the verdict the specification gives them.
#include <gtest/gtest.h>

#include "gs1/output_forms.hpp"
#include "gs1/parser.hpp"
#include "gs1/span_notation.hpp"

namespace gs1inspect::gs1 {
namespace {

using testing::codes;
using testing::fixedOptions;

struct Example {
  std::string input;
  std::string codes;  // comma-separated lint codes; "" = valid
};

std::ostream& operator<<(std::ostream& out, const Example& e) { return out << '"' << e.input << '"'; }

class Examples : public ::testing::TestWithParam<Example> {};

TEST_P(Examples, SpecificationVerdict) {
  const Example& e = GetParam();
  const ParseResult result = parse(e.input, fixedOptions());
  EXPECT_EQ(codes(result), e.codes);
  EXPECT_EQ(result.valid(), e.codes.empty());
}

const Example kExamples[] = {
    // Valid as given.
    {"(01)09303141590012(15)141010(3153)001521(3922)302", ""},
    {"(01)00614141123452(10)LOT456(17)251231", ""},
    {"010061414112345210LOT456\x1d" "17251231", ""},
    {"(01)09506000134352(17)201225(10)ABC123", ""},
    {"https://id.gs1.org/01/09506000134352/10/ABC123?17=201225", ""},
    {"(00)106141412345678908", ""},
    // (00) 006141412312345678: the check digit of 00614141231234567 is 6.
    {"(00)006141412312345678", "bad-check-digit"},
    // (01) 00357000123456: the check digit of 0035700012345 is 2.
    {"(01)00357000123456(17)231231(10)LOT456ABC(21)SN1234567890", "bad-check-digit"},
    // (37) must not appear with (01), and needs (00) with (02) or (8026).
    {"(01)00614141123452(37)25(10)LOT2024-456(17)251231", "invalid-pair,missing-requisite,missing-requisite"},
    // (01) and (02) are an invalid pair; (37) also wants (00) and must not be with (01).
    {"(01)00614141999996(02)00614141123452(37)12(10)LOT-2024-SEP-15(15)260315",
     "invalid-pair,invalid-pair,missing-requisite"},
    // A measure needs the trade item or logistic unit it measures.
    {"(3201)000450", "missing-requisite"},
    {"(3202)000450", "missing-requisite"},
    // GS1 General Specifications: logistic label and trade item examples.
    {"(00)106141412345678908(02)10614141000415(37)20(400)PO-2319", ""},
    {"(01)10614141000415(3103)001250(15)261015(10)A1B2", ""},
    {"(00)106141412345678908(410)9501101020917(3300)001250", ""},
    {"(8006)106141410004150102(10)PKG1", ""},
    {"(8003)0950110102091700000001", ""},
    {"(253)9501101020917ABC-123", ""},
    {"(8017)950110153000000038", ""},
    {"(8017)950110153000000034", "bad-check-digit"},
};

INSTANTIATE_TEST_SUITE_P(Table, Examples, ::testing::ValuesIn(kExamples));

TEST(Examples, WeightsCarryTheirImpliedDecimalPoint) {
  const auto lb1 = parse("(01)09506000134352(3201)000450", fixedOptions());
  ASSERT_EQ(lb1.elements.size(), 2u);
  EXPECT_EQ(lb1.elements[1].typed.decimal, "45.0");
  EXPECT_EQ(lb1.elements[1].typed.unit, "lb");
  const auto lb2 = parse("(01)09506000134352(3202)000450", fixedOptions());
  EXPECT_EQ(lb2.elements[1].typed.decimal, "4.50");
  const auto kg0 = parse("(01)09506000134352(3100)000450", fixedOptions());
  EXPECT_EQ(kg0.elements[1].typed.decimal, "450");
  EXPECT_EQ(kg0.elements[1].typed.unit, "kg");
  const auto kg5 = parse("(01)09506000134352(3105)000450", fixedOptions());
  EXPECT_EQ(kg5.elements[1].typed.decimal, "0.00450");
}

TEST(Examples, RawFormOfTheSecondExample) {
  const auto result = parse("(01)00614141123452(10)LOT456(17)251231", fixedOptions());
  EXPECT_EQ(toRaw(result), "010061414112345210LOT456\x1d" "17251231");
}

TEST(Examples, DatesUseTheSlidingWindow) {
  auto options = fixedOptions();
  const auto result = parse("(01)09506000134352(17)201225(11)771231", options);
  ASSERT_EQ(result.elements.size(), 3u);
  EXPECT_EQ(result.elements[1].typed.date, "2020-12-25");
  EXPECT_EQ(result.elements[2].typed.date, "1977-12-31");
  options.today = CivilDate{2090, 1, 1};
  EXPECT_EQ(parse("(01)09506000134352(17)201225", options).elements[1].typed.date, "2120-12-25");
  EXPECT_EQ(parse("(01)09506000134352(17)251200", fixedOptions()).elements[1].typed.date, "2025-12");
}

TEST(Examples, CurrencyCountryAndTime) {
  const auto price = parse("(01)09506000134352(3103)000450(3932)978199", fixedOptions());
  EXPECT_EQ(price.elements[2].typed.currency, "EUR");
  EXPECT_EQ(price.elements[2].typed.decimal, "1.99");
  const auto origin = parse("(01)09506000134352(423)276040", fixedOptions());
  EXPECT_EQ(origin.elements[1].typed.countries, (std::vector<std::string>{"DE", "AT"}));
  const auto expiry = parse("(01)09506000134352(7003)2512311345", fixedOptions());
  EXPECT_EQ(expiry.elements[1].typed.date, "2025-12-31");
  EXPECT_EQ(expiry.elements[1].typed.time, "13:45");
}

}  // namespace
}  // namespace gs1inspect::gs1
