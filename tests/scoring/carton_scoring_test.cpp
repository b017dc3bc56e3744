// Journal records matched to a set's cartons by the frames they share, and
// verdicts compared with the expectations.
#include "scoring/carton_scoring.hpp"

#include <gtest/gtest.h>

namespace gs1inspect::scoring {
namespace {

frameset::FrameSet twoCartonSet() {
  frameset::FrameSet set;
  for (int i = 0; i < 6; ++i) {
    frameset::TruthFrame t;
    t.frame = "frames/00000" + std::to_string(i) + ".png";
    if (i < 3) t.inView = {"C1"};
    if (i == 3) t.inView = {"C1", "C2"};  // two in view
    if (i > 3) t.inView = {"C2"};
    t.carton = t.inView.back();
    set.truth.push_back(t);
  }
  set.cartons = {{"C1", "pass", ""}, {"C2", "divert", "invalid-data"}};
  return set;
}

TEST(CartonScoring, MatchesRecordsByTheirFramesAndComparesVerdicts) {
  const auto score = scoreCartons(
      twoCartonSet(), {{"S2", "divert", "invalid-data", {"frames/000003.png", "frames/000004.png", "frames/000005.png"}, {}},
                       {"S1", "pass", "", {"frames/000000.png", "frames/000001.png", "frames/000002.png", "frames/000003.png"}, {}}});
  EXPECT_EQ(score.cartons, 2U);
  EXPECT_EQ(score.agree, 2U);
  EXPECT_EQ(score.missing + score.extra + score.wrongPasses, 0U);
  EXPECT_DOUBLE_EQ(score.agreement(), 1.0);
}

TEST(CartonScoring, CountsWrongPassesMissingAndExtraRecords) {
  const auto score = scoreCartons(
      twoCartonSet(), {{"S1", "divert", "no-read", {"frames/000000.png", "frames/000001.png"}, {"no symbol read"}},
                       {"S2", "pass", "", {"frames/000004.png", "frames/000005.png"}, {}},
                       {"S3", "pass", "", {"frames/000009.png"}, {}}});
  EXPECT_EQ(score.agree, 0U);
  EXPECT_EQ(score.wrongPasses, 1U);  // C2 had to be diverted
  EXPECT_EQ(score.extra, 1U);        // S3 shares no frame with any carton
  ASSERT_EQ(score.disagreements.size(), 3U);
  EXPECT_EQ(score.disagreements[0].expected, "pass");
  EXPECT_EQ(score.disagreements[0].got, "divert/no-read");
  EXPECT_EQ(score.disagreements[0].why, std::vector<std::string>{"no symbol read"});
  EXPECT_EQ(score.byExpected.at("divert/invalid-data"), (std::pair<std::size_t, std::size_t>{0, 1}));

  const auto none = scoreCartons(twoCartonSet(), {});
  EXPECT_EQ(none.missing, 2U);
}

TEST(CartonScoring, JournalLinesNeedTheirKeys) {
  JournalCarton c;
  std::string error;
  EXPECT_TRUE(journalCartonFromJson(
      nlohmann::json::parse(R"({"carton":"S1","verdict":"divert","reason":"no-read","frames":["a"],"why":["x"]})"), c, error));
  EXPECT_EQ(c.reason, "no-read");
  EXPECT_FALSE(journalCartonFromJson(nlohmann::json::parse(R"({"carton":"S1","verdict":"pass"})"), c, error));
  EXPECT_EQ(error, "no \"frames\"");
}

}  // namespace
}  // namespace gs1inspect::scoring
