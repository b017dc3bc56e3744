// Verdicts: each reason, their precedence, and the line's rules.
#include "decide/judge.hpp"

#include <gtest/gtest.h>

#include "gs1/parser.hpp"

namespace gs1inspect::decide {
namespace {

const gs1::CivilDate kCaptured{2026, 12, 6};

read::DecodedSymbol gs1Symbol(const std::string& symbology, const std::string& bracketed) {
  read::DecodedSymbol s;
  s.symbology = symbology;
  s.gs1 = true;
  gs1::ParseOptions options;
  options.today = kCaptured;
  s.parsed = gs1::parse(bracketed, options);
  s.hri = bracketed;
  s.raw = bracketed;
  return s;
}

track::CartonTrack carton(const std::string& id, std::vector<read::DecodedSymbol> symbols) {
  track::CartonTrack c;
  c.id = id;
  for (auto& s : symbols) c.symbols.push_back({std::move(s), "frames/000001.png", 2});
  return c;
}

std::string reasonOf(const Verdict& v) { return v.reason ? std::string(reasonName(*v.reason)) : "pass"; }

TEST(Judge, ValidSymbolsPass) {
  Judge judge({}, {});
  const auto v = judge.judge(carton("S1", {gs1Symbol("gs1-128", "(00)106141412345678908")}), kCaptured, 1.0);
  EXPECT_EQ(reasonOf(v), "pass");
  EXPECT_TRUE(v.why.empty());
}

TEST(Judge, NothingReadIsNoRead) {
  Judge judge({}, {});
  EXPECT_EQ(reasonOf(judge.judge(carton("S1", {}), kCaptured, 1.0)), "no-read");
}

TEST(Judge, OnlySymbolsOfOtherSymbologiesIsNoRead) {
  Judge judge({}, {"gs1-128"});
  const auto v = judge.judge(carton("S1", {gs1Symbol("gs1-datamatrix", "(01)09506000134352")}), kCaptured, 1.0);
  EXPECT_EQ(reasonOf(v), "no-read");
  EXPECT_EQ(v.why, std::vector<std::string>{"no symbol of a judged symbology read"});
}

TEST(Judge, CartonTheCameraLostSightOfIsNoReadWhateverWasRead) {
  Judge judge({}, {});
  track::CartonTrack c = carton("S1", {gs1Symbol("gs1-128", "(00)106141412345678908")});
  c.blind = "camera at 10.0.0.5: no frame for 2.0 s";
  const auto v = judge.judge(c, kCaptured, 1.0);
  EXPECT_EQ(reasonOf(v), "no-read");
  EXPECT_EQ(v.why, std::vector<std::string>{"camera lost while in view: camera at 10.0.0.5: no frame for 2.0 s"});
  c.failures.push_back("frames/1.png: read: out of memory");  // unexpected still comes first
  EXPECT_EQ(reasonOf(judge.judge(c, kCaptured, 2.0)), "unexpected");
}

TEST(Judge, BadCheckDigitIsInvalidData) {
  Judge judge({}, {});
  const auto v = judge.judge(carton("S1", {gs1Symbol("gs1-128", "(01)09506000134353")}), kCaptured, 1.0);
  EXPECT_EQ(reasonOf(v), "invalid-data");
  ASSERT_FALSE(v.why.empty());
  EXPECT_NE(v.why[0].find("(01)09506000134353"), std::string::npos) << v.why[0];
}

TEST(Judge, RequisitesMayStandInAnotherSymbolOfTheCarton) {
  Judge judge({}, {});
  // A logistic label: (02)+(37) in the DataMatrix need the (00) of the GS1-128.
  const auto content = gs1Symbol("gs1-datamatrix", "(02)00614141456826(37)81(10)1P2PYUW");
  ASSERT_FALSE(content.valid());
  EXPECT_EQ(reasonOf(judge.judge(carton("S1", {content, gs1Symbol("gs1-128", "(00)106141412345678908")}), kCaptured, 1)),
            "pass");
  // Alone, the requisite is missing.
  const auto alone = judge.judge(carton("S2", {content}), kCaptured, 2);
  EXPECT_EQ(reasonOf(alone), "invalid-data");
  ASSERT_EQ(alone.why.size(), 1U);
  EXPECT_NE(alone.why[0].find("missing-requisite"), std::string::npos) << alone.why[0];
}

TEST(Judge, FailureOutranksEverything) {
  Judge judge({}, {});
  auto c = carton("S1", {gs1Symbol("gs1-128", "(01)09506000134353")});
  c.failures.push_back("frames/000003.png: reader: std::bad_alloc");
  const auto v = judge.judge(c, kCaptured, 1.0);
  EXPECT_EQ(reasonOf(v), "unexpected");
  EXPECT_EQ(v.why, c.failures);
}

TEST(Judge, SameSsccOnAnotherCartonWithinTheWindowIsDuplicate) {
  config::RulesConfig rules;
  rules.duplicateSsccWindowS = 60;
  Judge judge(rules, {});
  const auto label = gs1Symbol("gs1-128", "(00)106141412345678908");
  EXPECT_EQ(reasonOf(judge.judge(carton("S1", {label}), kCaptured, 10.0)), "pass");
  const auto second = judge.judge(carton("S2", {label}), kCaptured, 20.0);
  EXPECT_EQ(reasonOf(second), "duplicate-sscc");
  EXPECT_EQ(second.why, std::vector<std::string>{"SSCC 106141412345678908 was on carton S1 10.0 s before"});
  // Outside the window (counted from the last carton that bore it).
  EXPECT_EQ(reasonOf(judge.judge(carton("S3", {label}), kCaptured, 81.0)), "pass");
  // One carton with the SSCC in two symbols is no duplicate.
  const auto other = gs1Symbol("gs1-datamatrix", "(00)106141412345678915");
  const auto both = gs1Symbol("gs1-128", "(00)106141412345678915");
  EXPECT_EQ(reasonOf(judge.judge(carton("S4", {other, both}), kCaptured, 90.0)), "pass");
}

TEST(Judge, InvalidDataOutranksDuplicate) {
  Judge judge({}, {});
  const auto label = gs1Symbol("gs1-128", "(00)106141412345678908");
  judge.judge(carton("S1", {label}), kCaptured, 1.0);
  const auto v = judge.judge(carton("S2", {label, gs1Symbol("gs1-128", "(01)09506000134353")}), kCaptured, 2.0);
  EXPECT_EQ(reasonOf(v), "invalid-data");
}

TEST(Judge, LineRulesMakeMismatch) {
  config::RulesConfig rules;
  rules.requiredAis = {"00"};
  Judge required(rules, {});
  const auto v = required.judge(carton("S1", {gs1Symbol("gs1-128", "(01)09506000134352")}), kCaptured, 1.0);
  EXPECT_EQ(reasonOf(v), "mismatch");
  EXPECT_EQ(v.why, std::vector<std::string>{"AI (00) is required and no symbol carries it"});

  config::RulesConfig gtins;
  gtins.expectedGtins = {"09506000134352"};
  Judge expected(gtins, {});
  EXPECT_EQ(reasonOf(expected.judge(carton("S1", {gs1Symbol("gs1-128", "(01)09506000134352")}), kCaptured, 1.0)), "pass");
  read::DecodedSymbol ean;
  ean.symbology = "ean13";
  ean.hri = ean.raw = "5012345678900";
  const auto retail = expected.judge(carton("S2", {ean}), kCaptured, 2.0);
  EXPECT_EQ(reasonOf(retail), "mismatch");
  EXPECT_EQ(retail.why, std::vector<std::string>{"GTIN 05012345678900 is not one the line expects"});
}

TEST(Judge, ExpiryMustLeaveTheDaysTheLineAsks) {
  config::RulesConfig rules;
  rules.minDaysToExpiry = 30;
  Judge judge(rules, {});
  // Captured 2026-12-06: the earliest expiry allowed is 2027-01-05.
  EXPECT_EQ(reasonOf(judge.judge(carton("S1", {gs1Symbol("gs1-128", "(01)09506000134352(17)270105")}), kCaptured, 1)),
            "pass");
  const auto v = judge.judge(carton("S2", {gs1Symbol("gs1-128", "(01)09506000134352(17)270104")}), kCaptured, 2);
  EXPECT_EQ(reasonOf(v), "mismatch");
  EXPECT_EQ(v.why, std::vector<std::string>{"expiry 2027-01-04 is before 2027-01-05 (30 days after capture on 2026-12-06)"});
  // Day 00 is the month's last day.
  EXPECT_EQ(reasonOf(judge.judge(carton("S3", {gs1Symbol("gs1-128", "(01)09506000134352(17)270100")}), kCaptured, 3)),
            "pass");
}

}  // namespace
}  // namespace gs1inspect::decide
