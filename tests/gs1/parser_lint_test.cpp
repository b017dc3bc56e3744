// Every lint code, at least one input that raises it and one close to it
// that is valid, in all three input forms where the code applies. The
// expected span is written into the input with "|" marks.
#include <gtest/gtest.h>

#include "gs1/parser.hpp"
#include "gs1/span_notation.hpp"

namespace gs1inspect::gs1 {
namespace {

using testing::codes;
using testing::fixedOptions;
using testing::markSpan;

struct LintCase {
  std::string input;      // "\x1d" is the GS byte
  std::string code;       // expected code of the first error; "" = valid
  std::string marked;     // the input with the first error's span marked
};

std::ostream& operator<<(std::ostream& out, const LintCase& c) { return out << '"' << c.input << '"'; }

class Lint : public ::testing::TestWithParam<LintCase> {};

TEST_P(Lint, VerdictCodeAndSpan) {
  const LintCase& c = GetParam();
  const ParseResult result = parse(c.input, fixedOptions());
  if (c.code.empty()) {
    EXPECT_TRUE(result.valid()) << codes(result) << ": "
                                << (result.errors.empty() ? std::string("incomplete") : result.errors[0].message);
    return;
  }
  ASSERT_FALSE(result.valid());
  ASSERT_FALSE(result.errors.empty());
  const LintError& first = result.errors.front();
  EXPECT_EQ(lintCodeName(first.code), c.code) << codes(result) << ": " << first.message;
  EXPECT_EQ(markSpan(c.input, first.offset, first.length), c.marked) << first.message;
  EXPECT_FALSE(first.message.empty());
}

#define GTIN "(01)09506000134352"
#define RAW_GTIN "0109506000134352"
#define SSCC "(00)106141412345678908"
#define GS "\x1d"

const LintCase kCases[] = {
    // unknown-ai
    {GTIN "(235)TPX1", "", ""},
    {GTIN "(23)1", "unknown-ai", GTIN "(|23|)1"},
    {RAW_GTIN "2391", "unknown-ai", RAW_GTIN "|2391|"},
    {"https://id.gs1.org/01/09506000134352?99=x&2399=1", "unknown-ai", "https://id.gs1.org/01/09506000134352?99=x&|2399|=1"},
    // bad-length
    {"(01)0950600013435", "bad-length", "(01)|0950600013435|"},
    {GTIN "(10)ABCDEFGHIJKLMNOPQRST", "", ""},
    {GTIN "(10)ABCDEFGHIJKLMNOPQRSTU", "bad-length", GTIN "(10)ABCDEFGHIJKLMNOPQRST|U|"},
    {GTIN "(10)", "bad-length", GTIN "(10)||"},
    {"010950600013435", "bad-length", "01|0950600013435|"},
    {"https://id.gs1.org/01/9506000134352", "bad-length", "https://id.gs1.org/01/|9506000134352|"},
    {GTIN "(423)276040", "", ""},
    {GTIN "(423)2760", "bad-length", GTIN "(423)276|0|"},
    // bad-character
    {GTIN "(10)AB-C", "", ""},
    {GTIN "(10)AB C", "bad-character", GTIN "(10)AB| |C"},
    {"(01)0950600013435A", "bad-character", "(01)0950600013435|A|"},
    {RAW_GTIN "10AB#C", "bad-character", RAW_GTIN "10AB|#|C"},
    {"https://id.gs1.org/01/09506000134352/10/AB%23C", "bad-character", "https://id.gs1.org/01/09506000134352/10/AB|%23|C"},
    {"(8010)950600013#-/", "", ""},
    {"(8010)950600013a", "bad-character", "(8010)950600013|a|"},
    // GS1 character set 64 (base64url) and its padding
    {SSCC "(8030)AB-_12", "", ""},
    {SSCC "(8030)AB=", "", ""},
    {SSCC "(8030)A==", "", ""},
    {SSCC "(8030)ABC=", "bad-character", SSCC "(8030)ABC|=|"},
    {SSCC "(8030)A===", "bad-character", SSCC "(8030)A|===|"},
    {SSCC "(8030)A+B", "bad-character", SSCC "(8030)A|+|B"},
    // bad-check-digit
    {"(01)09506000134353", "bad-check-digit", "(01)|09506000134353|"},
    {"0109506000134353", "bad-check-digit", "01|09506000134353|"},
    {"https://id.gs1.org/00/106141412345678909", "bad-check-digit", "https://id.gs1.org/00/|106141412345678909|"},
    {SSCC, "", ""},
    // bad-date
    {GTIN "(17)201310", "bad-date", GTIN "(17)20|13|10"},
    {GTIN "(17)250230", "bad-date", GTIN "(17)2502|30|"},
    {GTIN "(17)251200", "", ""},
    {GTIN "(17)240229", "", ""},
    {GTIN "(7006)251200", "bad-date", GTIN "(7006)2512|00|"},
    {RAW_GTIN "17201310", "bad-date", RAW_GTIN "1720|13|10"},
    // bad-time
    {GTIN "(7003)2512312359", "", ""},
    {GTIN "(7003)2512312460", "bad-time", GTIN "(7003)251231|24|60"},
    {GTIN "(8008)25123123", "", ""},
    {GTIN "(8008)2512312361", "bad-time", GTIN "(8008)25123123|61|"},
    // bad-decimal
    {GTIN "(3105)000450", "", ""},
    {GTIN "(3106)000450", "bad-decimal", GTIN "(310|6|)000450"},
    {RAW_GTIN "3106000450", "bad-decimal", RAW_GTIN "310|6|000450"},
    {"(255)9501101020917(3944)1234", "bad-decimal", "(255)9501101020917(394|4|)1234"},
    // bad-country
    {GTIN "(422)276", "", ""},
    {GTIN "(422)999", "bad-country", GTIN "(422)|999|"},
    {SSCC "(4307)DE", "", ""},
    {SSCC "(4307)EU", "bad-country", SSCC "(4307)|EU|"},
    // bad-currency
    {GTIN "(3103)000450(3932)978199", "", ""},
    {GTIN "(3103)000450(3932)000199", "bad-currency", GTIN "(3103)000450(3932)|000|199"},
    // bad-value
    {SSCC "(4321)1", "", ""},
    {SSCC "(4321)2", "bad-value", SSCC "(4321)|2|"},
    // bad-company-prefix
    {"(8004)9506000ABC", "", ""},
    {"(8004)ABC123", "bad-company-prefix", "(8004)|A|BC123"},
    // bad-percent-encoding
    {SSCC "(4300)ABC%20D", "", ""},
    {SSCC "(4300)ABC%2", "bad-percent-encoding", SSCC "(4300)ABC|%2|"},
    // bad-iban
    {"(415)9501101020917(8020)INV123(8007)GB82WEST12345698765432", "", ""},
    {"(415)9501101020917(8020)INV123(8007)GB82WEST12345698765433", "bad-iban",
     "(415)9501101020917(8020)INV123(8007)GB|82|WEST12345698765433"},
    // missing-requisite
    {"(10)ABC", "missing-requisite", "(|10|)ABC"},
    {GTIN "(10)ABC", "", ""},
    {"(02)09506000134352(37)12", "missing-requisite", "(02)09506000134352(|37|)12"},
    {SSCC "(02)09506000134352(37)12", "", ""},
    {GTIN "(7004)12", "missing-requisite", GTIN "(|7004|)12"},
    {GTIN "(10)A(7004)12", "", ""},
    // invalid-pair
    {SSCC "(4330)001234", "", ""},
    {SSCC "(4330)001234(4331)001234", "invalid-pair", SSCC "(4330)001234(|4331|)001234"},
    {GTIN "(3103)000450(3102)004500", "invalid-pair", GTIN "(3103)000450(|3102|)004500"},
    {GTIN "(3103)000450(3203)000450", "", ""},
    // conflicting-repeat
    {GTIN "(10)A(10)A", "", ""},
    {GTIN "(10)A(10)B", "conflicting-repeat", GTIN "(10)A(|10|)B"},
    // unterminated
    {RAW_GTIN "10ABC" GS "21XYZ", "", ""},
    {RAW_GTIN "10ABCDEFGHIJKLMNOPQRST21XYZ", "unterminated", RAW_GTIN "10ABCDEFGHIJKLMNOPQRST|21XYZ|"},
    // trailing-data
    {RAW_GTIN "10ABC", "", ""},
    {RAW_GTIN "10ABC" GS, "trailing-data", RAW_GTIN "10ABC|" GS "|"},
    {RAW_GTIN "1", "trailing-data", RAW_GTIN "|1|"},
    {RAW_GTIN "A", "trailing-data", RAW_GTIN "|A|"},
    // bad-syntax
    {GTIN "(10ABC", "bad-syntax", GTIN "|(10ABC|"},
    {GTIN "(1A)ABC", "bad-syntax", GTIN "|(1A)|ABC"},
    {"(01)09506000134352 (10)ABC", "bad-length", "(01)09506000134352| |(10)ABC"},
    {"https://example.com/products/shoes", "bad-syntax", "https://example.com|/products/shoes|"},
    {"https://example.com/01/09506000134352/21/S1/10/L1", "bad-syntax",
     "https://example.com/01/09506000134352/21/S1/|10|/L1"},
    {"https://example.com/01/09506000134352/10/L1/21/S1", "", ""},
    {"https://id.gs1.org/01/09506000134352?10=L1", "bad-syntax", "https://id.gs1.org/01/09506000134352?|10|=L1"},
    {"https://id.gs1.org/01/09506000134352?254=L1", "bad-syntax", "https://id.gs1.org/01/09506000134352?|254|=L1"},
    {"https://id.gs1.org/01/09506000134352?17=251231&17=251231", "bad-syntax",
     "https://id.gs1.org/01/09506000134352?17=251231&|17|=251231"},
    {"https://id.gs1.org/01/09506000134352?17=251231&17=251230", "conflicting-repeat",
     "https://id.gs1.org/01/09506000134352?17=251231&|17|=251230"},
    {"https://id.gs1.org/01/09506000134352/10/A\"B", "bad-syntax", "https://id.gs1.org/01/09506000134352/10/A|\"|B"},
    {"https://id.gs1.org/01/09506000134352?99=A<B>", "bad-syntax", "https://id.gs1.org/01/09506000134352?99=A|<|B>"},
    {"https://exa_mple.com/01/09506000134352", "bad-syntax", "https://exa|_|mple.com/01/09506000134352"},
    {"https://id.gs1.org/01/09506000134352/10/A%2", "bad-syntax", "https://id.gs1.org/01/09506000134352/10/A|%2|"},
    {"https://id.gs1.org/01/09506000134352/10/A%2x", "bad-syntax", "https://id.gs1.org/01/09506000134352/10/A|%2x|"},
    {"]Q1https://id.gs1.org/01/09506000134352", "", ""},
    {"]d1https://example.com/01/09506000134352/10/A%2FB", "", ""},
    {"]C1https://id.gs1.org/01/09506000134352", "bad-symbology-id", "|]C1|https://id.gs1.org/01/09506000134352"},
    {"https://id.gs1.org/01/09506000134352 ", "bad-syntax", "https://id.gs1.org/01/09506000134352| |"},
    {"https:///01/09506000134352", "bad-syntax", "https://|/|01/09506000134352"},
    {"", "bad-syntax", "||"},
    // bad-symbology-id
    {"]C1" RAW_GTIN, "", ""},
    {"]d2" RAW_GTIN, "", ""},
    {"]Q3" RAW_GTIN, "", ""},
    {"]e0" RAW_GTIN, "", ""},
    {"]J1" RAW_GTIN, "", ""},
    {"]C0" RAW_GTIN, "bad-symbology-id", "|]C0|" RAW_GTIN},
    {"]Q1" RAW_GTIN, "bad-symbology-id", "|]Q1|" RAW_GTIN},
    {"]C", "bad-symbology-id", "|]C|"},
};

INSTANTIATE_TEST_SUITE_P(Table, Lint, ::testing::ValuesIn(kCases));

TEST(Lint, EveryCodeIsRaisedAndAvoidedByTheTable) {
  for (LintCode code : kAllLintCodes) {
    const std::string name(lintCodeName(code));
    bool raised = false;
    for (const auto& c : kCases) raised = raised || c.code == name;
    EXPECT_TRUE(raised) << name << " has no failing case";
    EXPECT_FALSE(lintCodeDescription(code).empty()) << name;
    EXPECT_EQ(lintCodeFromName(name), code);
  }
}

// Whatever the bytes, the parser gives a verdict: no crash, no exception,
// spans inside the input.
TEST(Lint, EveryByteSequenceGetsAVerdict) {
  const std::string samples[] = {
      std::string("\0\0\0", 3), "(", ")", "()", "((((", "(01", "\\(", "]", "]]]]", GS GS GS, "01" GS,
      "https://", "http://a", "http://a/01", "http://a/01/", "HTTPS://A/00/%", "https://a/01/1?=&&=1&",
      std::string("(10)\xff\xfe", 6), "(01)09506000134352(10)\\(", "999999999999999999999999",
      "8110" "0614141", "(8110)0614141123456212110123" "9"};
  for (const auto& s : samples) {
    const ParseResult result = parse(s, fixedOptions());
    for (const auto& error : result.errors) {
      EXPECT_LE(error.offset + error.length, s.size()) << '"' << s << '"';
    }
    if (!result.valid()) {
      EXPECT_FALSE(result.errors.empty() && result.complete && !result.elements.empty());
    }
  }
}

}  // namespace
}  // namespace gs1inspect::gs1
