#include "gs1/association_rules.hpp"

#include <gtest/gtest.h>

#include "gs1/parser.hpp"
#include "gs1/span_notation.hpp"

namespace gs1inspect::gs1 {
namespace {

using testing::codes;
using testing::fixedOptions;

TEST(AssociationRules, PatternsMatchDigitsAndN) {
  EXPECT_TRUE(aiMatchesPattern("3103", "31nn"));
  EXPECT_TRUE(aiMatchesPattern("3103", "310n"));
  EXPECT_FALSE(aiMatchesPattern("3113", "310n"));
  EXPECT_FALSE(aiMatchesPattern("310", "310n"));
  EXPECT_TRUE(aiMatchesPattern("01", "01"));
}

TEST(AssociationRules, CombinedRequisites) {
  // (8030) needs (00), or (01) with (21), or ...
  EXPECT_EQ(codes(parse("(01)09506000134352(8030)ABC", fixedOptions())), "missing-requisite");
  EXPECT_EQ(codes(parse("(01)09506000134352(21)S1(8030)ABC", fixedOptions())), "");
  EXPECT_EQ(codes(parse("(00)106141412345678908(8030)ABC", fixedOptions())), "");
}

TEST(AssociationRules, EveryRequisiteRuleMustHold) {
  // (250) needs (01) or (8006), and (21).
  EXPECT_EQ(codes(parse("(01)09506000134352(250)X", fixedOptions())), "missing-requisite");
  EXPECT_EQ(codes(parse("(01)09506000134352(21)S(250)X", fixedOptions())), "");
}

// Data that breaks only rules between elements still holds element by
// element: what a reader may confirm a repaired decode with.
TEST(AssociationRules, ElementsHoldWhateverTheRulesBetweenThem) {
  EXPECT_TRUE(parse("(410)4012345715842(3300)020711", fixedOptions()).elementsHold());
  EXPECT_FALSE(parse("(410)4012345715842(3300)020711", fixedOptions()).valid());
  EXPECT_TRUE(parse("(01)09506000134352(10)A(10)B", fixedOptions()).elementsHold());
  EXPECT_FALSE(parse("(01)09506000134353(250)X", fixedOptions()).elementsHold()) << "a bad check digit";
  EXPECT_FALSE(parse("(01)09506000134352(17)271331", fixedOptions()).elementsHold()) << "month 13";
  EXPECT_FALSE(parse("(01)0950600013435", fixedOptions()).elementsHold()) << "too short";
}

TEST(AssociationRules, RepeatsAreReportedOnce) {
  const auto result = parse("(01)09506000134352(10)A(10)B(10)C(10)A", fixedOptions());
  EXPECT_EQ(codes(result), "conflicting-repeat,conflicting-repeat");
  // A second (3103) with another value is a conflict, not an invalid pair with itself.
  EXPECT_EQ(codes(parse("(01)09506000134352(3103)000450(3103)000451", fixedOptions())), "conflicting-repeat");
}

TEST(AssociationRules, MutuallyExclusiveAisGiveOneError) {
  const auto result = parse("(00)106141412345678908(4330)001234(4331)001234", fixedOptions());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].ai, "4331");  // the AI its span points at
}

}  // namespace
}  // namespace gs1inspect::gs1
