#include "gs1/output_forms.hpp"

#include <gtest/gtest.h>

#include "gs1/parser.hpp"
#include "gs1/result_json.hpp"
#include "gs1/span_notation.hpp"

namespace gs1inspect::gs1 {
namespace {

using testing::fixedOptions;

TEST(OutputForms, CanonicalDigitalLinkOrdersQualifiersAndAttributes) {
  const auto result = parse("(01)09506000134352(21)S1(3103)000450(17)201225(10)L1(22)V", fixedOptions());
  EXPECT_EQ(toDigitalLink(result),
            "https://id.gs1.org/01/09506000134352/22/V/10/L1/21/S1?17=201225&3103=000450");
}

TEST(OutputForms, DigitalLinkAlternativeQualifier) {
  const auto result = parse("(01)09506000134352(235)ABC", fixedOptions());
  EXPECT_EQ(toDigitalLink(result), "https://id.gs1.org/01/09506000134352/235/ABC");
}

TEST(OutputForms, DigitalLinkPercentEncodesValues) {
  const auto result = parse("(01)09506000134352(10)A/B&C", fixedOptions());
  EXPECT_EQ(toDigitalLink(result), "https://id.gs1.org/01/09506000134352/10/A%2FB%26C");
  EXPECT_EQ(toDigitalLink(result, "https://brand.example/dl/"), "https://brand.example/dl/01/09506000134352/10/A%2FB%26C");
}

TEST(OutputForms, NoDigitalLinkWithoutPrimaryKeyOrForAttributeOnlyAis) {
  EXPECT_FALSE(toDigitalLink(parse("(10)ABC", fixedOptions())).has_value());
  // (8040) IMEI is not a Digital Link data attribute.
  EXPECT_FALSE(toDigitalLink(parse("(01)09506000134352(21)S(8040)123456789012345", fixedOptions())).has_value());
}

TEST(OutputForms, NoDigitalLinkForValuesItCannotCarry) {
  EXPECT_FALSE(toDigitalLink(parse("(01)09506000134352(10)", fixedOptions())).has_value());
  EXPECT_FALSE(toDigitalLink(parse("(01)0950600013435", fixedOptions())).has_value());
  EXPECT_FALSE(toDigitalLink(parse("(01)09506000134352(3106)000450", fixedOptions())).has_value());
  EXPECT_FALSE(toDigitalLink(parse("(01)09506000134352\x1d(10)A", fixedOptions())).has_value());
}

TEST(OutputForms, RawNeedsDelimitableValues) {
  EXPECT_EQ(toRaw(parse("(10)A(01)09506000134352(21)S", fixedOptions())), "10A\x1d" "0109506000134352" "21S");
  EXPECT_FALSE(toRaw(parse("(01)0950600013435", fixedOptions())).has_value());
  EXPECT_FALSE(toRaw(parse("(01)09506000134352(23)1", fixedOptions())).has_value());
  EXPECT_EQ(toBracketed(parse("(01)09506000134352(23)1", fixedOptions())), "(01)09506000134352(23)1");
}

TEST(OutputForms, JsonHasTheDocumentedShape) {
  const auto json = toJson(parse("(01)09506000134352(17)201225(10)ABC123", fixedOptions()));
  EXPECT_EQ(json["form"], "bracketed");
  EXPECT_EQ(json["valid"], true);
  EXPECT_EQ(json["hri"], "(01)09506000134352(17)201225(10)ABC123");
  EXPECT_EQ(json["raw"], "01095060001343521720122510ABC123");
  EXPECT_EQ(json["digital_link"], "https://id.gs1.org/01/09506000134352/10/ABC123?17=201225");
  ASSERT_EQ(json["elements"].size(), 3u);
  EXPECT_EQ(json["elements"][1]["ai"], "17");
  EXPECT_EQ(json["elements"][1]["title"], "USE BY OR EXPIRY");
  EXPECT_EQ(json["elements"][1]["value"], "201225");
  EXPECT_EQ(json["elements"][1]["date"], "2020-12-25");
  EXPECT_TRUE(json["errors"].empty());

  const auto bad = toJson(parse("(10)ABC", fixedOptions()));
  EXPECT_EQ(bad["valid"], false);
  EXPECT_TRUE(bad["digital_link"].is_null());
  ASSERT_EQ(bad["errors"].size(), 1u);
  EXPECT_EQ(bad["errors"][0]["code"], "missing-requisite");
  EXPECT_EQ(bad["errors"][0]["ai"], "10");
  EXPECT_EQ(bad["errors"][0]["offset"], 1);
  EXPECT_EQ(bad["errors"][0]["length"], 2);
}

}  // namespace
}  // namespace gs1inspect::gs1
