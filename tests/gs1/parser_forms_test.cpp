// The three input forms of the same data give the same elements, and each
// form's own details (escapes, symbology identifiers, URI prefixes).
#include <gtest/gtest.h>

#include <algorithm>

#include "gs1/output_forms.hpp"
#include "gs1/parser.hpp"
#include "gs1/span_notation.hpp"

namespace gs1inspect::gs1 {
namespace {

using testing::codes;
using testing::fixedOptions;

std::vector<std::pair<std::string, std::string>> sortedElements(const ParseResult& result) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : result.elements) out.emplace_back(e.ai, e.value);
  std::sort(out.begin(), out.end());
  return out;
}

struct SameData {
  std::string bracketed;
  std::string raw;
  std::string digitalLink;
};

class Forms : public ::testing::TestWithParam<SameData> {};

TEST_P(Forms, GiveTheSameElements) {
  const auto& d = GetParam();
  const auto b = parse(d.bracketed, fixedOptions());
  const auto r = parse(d.raw, fixedOptions());
  const auto l = parse(d.digitalLink, fixedOptions());
  EXPECT_EQ(b.form, InputForm::Bracketed);
  EXPECT_EQ(r.form, InputForm::Raw);
  EXPECT_EQ(l.form, InputForm::DigitalLink);
  EXPECT_TRUE(b.valid()) << codes(b);
  EXPECT_TRUE(r.valid()) << codes(r);
  EXPECT_TRUE(l.valid()) << codes(l);
  EXPECT_EQ(sortedElements(b), sortedElements(r));
  EXPECT_EQ(sortedElements(b), sortedElements(l));
  // Each form writes the others back.
  EXPECT_EQ(toDigitalLink(b), toDigitalLink(r));
  EXPECT_EQ(toDigitalLink(r), toDigitalLink(l));
  EXPECT_EQ(toBracketed(b), d.bracketed);
  EXPECT_EQ(toRaw(b), d.raw);
  for (std::size_t i = 0; i < b.elements.size(); ++i) {
    const auto& e = b.elements[i];
    const auto it = std::find_if(l.elements.begin(), l.elements.end(), [&](const Element& x) { return x.ai == e.ai; });
    ASSERT_NE(it, l.elements.end());
    EXPECT_EQ(it->typed.date, e.typed.date);
    EXPECT_EQ(it->typed.decimal, e.typed.decimal);
    EXPECT_EQ(it->entry, e.entry);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, Forms,
    ::testing::Values(
        SameData{"(01)09506000134352(10)ABC123(17)201225", "010950600013435210ABC123\x1d" "17201225",
                 "https://id.gs1.org/01/09506000134352/10/ABC123?17=201225"},
        SameData{"(01)09506000134352(17)201225(3103)000450(10)L-1(21)S/1",
                 "0109506000134352172012253103000450" "10L-1\x1d" "21S/1",
                 "https://example.com/some/path/01/09506000134352/10/L-1/21/S%2F1?3103=000450&17=201225&utm=x"},
        SameData{"(00)106141412345678908(02)10614141000415(37)20(400)PO-2319",
                 "00106141412345678908" "0210614141000415" "3720\x1d" "400PO-2319",
                 "HTTPS://id.gs1.org/00/106141412345678908?02=10614141000415&37=20&400=PO-2319#top"},
        SameData{"(414)9501101020917(254)A1", "4149501101020917" "254A1",
                 "https://id.gs1.org/414/9501101020917/254/A1"}));

TEST(Forms, Detection) {
  EXPECT_EQ(detectForm("(01)1"), InputForm::Bracketed);
  EXPECT_EQ(detectForm("https://x/01/1"), InputForm::DigitalLink);
  EXPECT_EQ(detectForm("HTTP://x/01/1"), InputForm::DigitalLink);
  EXPECT_EQ(detectForm("]C10109506000134352"), InputForm::Raw);
  EXPECT_EQ(detectForm("0109506000134352"), InputForm::Raw);
  EXPECT_EQ(detectForm(""), InputForm::Raw);
}

TEST(Forms, BracketedEscapedParenthesis) {
  const auto result = parse("(01)09506000134352(10)A\\(B)C", fixedOptions());
  ASSERT_TRUE(result.valid()) << codes(result);
  EXPECT_EQ(result.elements[1].value, "A(B)C");
  EXPECT_EQ(toBracketed(result), "(01)09506000134352(10)A\\(B)C");
  // A bad character after the escape is located in the input as typed.
  const auto bad = parse("(01)09506000134352(10)A\\(B C", fixedOptions());
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(testing::markSpan("(01)09506000134352(10)A\\(B C", bad.errors[0].offset, bad.errors[0].length),
            "(01)09506000134352(10)A\\(B| |C");
}

TEST(Forms, RawSymbologyIdentifierAndLeadingFnc1) {
  const auto result = parse("]C1\x1d" "0109506000134352", fixedOptions());
  EXPECT_TRUE(result.valid()) << codes(result);
  EXPECT_EQ(result.symbologyId, "]C1");
  ASSERT_EQ(result.elements.size(), 1u);
  EXPECT_EQ(result.elements[0].aiOffset, 4u);
}

TEST(Forms, RawSeparatorAfterPredefinedLengthIsTolerated) {
  const auto result = parse("0109506000134352\x1d" "10ABC", fixedOptions());
  EXPECT_TRUE(result.valid()) << codes(result);
  EXPECT_EQ(result.elements.size(), 2u);
}

TEST(Forms, RawUnknownAiStopsTheCut) {
  const auto result = parse("0109506000134352" "2391" "10ABC", fixedOptions());
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(result.elements.size(), 1u);
  EXPECT_FALSE(toBracketed(result).has_value());
}

TEST(Forms, DigitalLinkShortGtinInTheQueryIsPadded) {
  const auto result = parse("https://id.gs1.org/00/106141412345678908?01=9506000134352", fixedOptions());
  ASSERT_EQ(result.elements.size(), 2u);
  EXPECT_EQ(result.elements[1].value, "09506000134352");
  EXPECT_TRUE(result.valid()) << codes(result);
  // A bad check digit is still located in the URI as written.
  const std::string bad = "https://id.gs1.org/00/106141412345678908?01=95060001343";
  const auto wrong = parse(bad, fixedOptions());
  ASSERT_FALSE(wrong.errors.empty());
  EXPECT_EQ(testing::markSpan(bad, wrong.errors[0].offset, wrong.errors[0].length),
            "https://id.gs1.org/00/106141412345678908?01=|95060001343|");
  EXPECT_EQ(codes(parse("https://id.gs1.org/01/9506000134352", fixedOptions())), "bad-length");
}

TEST(Forms, DigitalLinkPercentEncodingAndQueryPlus) {
  const auto result = parse("https://id.gs1.org/01/09506000134352/10/A%2FB?99=x+y&17=201225", fixedOptions());
  ASSERT_EQ(result.elements.size(), 4u);
  EXPECT_EQ(result.elements[1].value, "A/B");
  EXPECT_EQ(result.elements[2].value, "x y");  // a space: not in character set 82
  EXPECT_EQ(codes(result), "bad-character");
}

}  // namespace
}  // namespace gs1inspect::gs1
