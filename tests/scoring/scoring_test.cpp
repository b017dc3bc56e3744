// Scoring on hand-made truth and results: one-to-one matching, families,
// element-wise comparison, false reads, partly visible symbols, tallies.
#include "scoring/scoring.hpp"

#include <gtest/gtest.h>

namespace gs1inspect::scoring {
namespace {

using frameset::FrameSet;
using frameset::TruthFrame;
using frameset::TruthSymbol;

TruthSymbol symbol(std::string symbology, std::string hri, std::vector<std::string> damage = {},
                   bool fullyVisible = true) {
  TruthSymbol s;
  s.symbology = std::move(symbology);
  s.hri = std::move(hri);
  s.damage = std::move(damage);
  s.fullyVisible = fullyVisible;
  return s;
}

FrameSet makeSet() {
  FrameSet set;
  set.frames = {"frames/000000.png", "frames/000001.png", "frames/000002.png", "frames/000003.png"};
  set.hasTruth = true;
  TruthSymbol striped = symbol("gs1-128", "(00)106141412345678908", {"stripe"});
  striped.detail["stripe_orientation"] = "parallel";
  set.truth.push_back({"frames/000000.png", std::nullopt, "C1", {}, {
      striped,
      symbol("gs1-datamatrix", "(01)09506000134352(17)201225(10)ABC123"),
      symbol("gs1-databar-expanded", "(01)09506000134352(3103)000450", {"blur", "rotation"}),
  }});
  set.truth.push_back({"frames/000001.png", std::nullopt, "C1", {}, {
      symbol("gs1-qr", "(01)09506000134352(10)X", {}, false),
      symbol("ean13", "9506000134352"),
  }});
  // frames/000002.png: empty belt. frames/000003.png: truth but not read.
  set.truth.push_back({"frames/000003.png", std::nullopt, "C2", {}, {symbol("gs1-128", "(00)106141412345678908")}});
  return set;
}

TEST(Scoring, MatchesByFamilyAndElementsOneToOne) {
  const FrameSet set = makeSet();
  const std::vector<FrameReads> reads = {
      {"frames/000000.png",
       {{"gs1-128", "(00)106141412345678908"},
        {"gs1-128", "(00)106141412345678908"},  // the same symbol twice: one is false
        {"gs1-datamatrix", "(01)09506000134352(10)ABC123(17)201225"},  // other order: not the same string
        {"gs1-databar-expanded-stacked", "(01)09506000134352(3103)000450"}},  // same family, other variant
       3.0},
      {"frames/000001.png", {{"gs1-qr", "(01)09506000134352(10)X"}, {"upca", "950600013435"}}, 2.0},
      {"frames/000002.png", {{"qr", "hello"}}, 1.0, false, true},
  };
  const Score s = score(set, reads);
  // frame 0: 128 read, DataMatrix not (element order differs), DataBar read;
  // frame 1: QR partly visible (read, not counted, not false), EAN-13 not read.
  EXPECT_EQ(s.overall.symbols, 4u);
  EXPECT_EQ(s.overall.read, 2u);
  // false: the second 128, the reordered DataMatrix, the UPC-A, the empty-belt QR
  EXPECT_EQ(s.falseReads, 4u);
  EXPECT_EQ(s.bySymbology.at("gs1-128").read, 1u);
  EXPECT_EQ(s.bySymbology.at("gs1-datamatrix").read, 0u);
  EXPECT_EQ(s.bySymbology.at("gs1-databar-expanded").read, 1u);
  EXPECT_EQ(s.bySymbology.count("gs1-qr"), 0u);
  EXPECT_EQ(s.byDamage.at("clean").symbols, 2u);
  EXPECT_EQ(s.byDamage.at("stripe").read, 1u);
  EXPECT_EQ(s.byDamage.at("blur").read, 1u);
  EXPECT_EQ(s.byDamage.at("rotation").symbols, 1u);
  // Alone: the stripe is the 128's only tag; blur and rotation share a symbol.
  EXPECT_EQ(s.byDamageAlone.at("stripe").read, 1u);
  EXPECT_EQ(s.byDamageAlone.count("rotation"), 0u);
  EXPECT_EQ(s.cleanBySymbology.at("gs1-datamatrix").symbols, 1u);
  EXPECT_EQ(s.cleanBySymbology.at("gs1-datamatrix").read, 0u);
  EXPECT_EQ(s.cleanBySymbology.at("ean13").symbols, 1u);
  EXPECT_EQ(s.cleanBySymbology.count("gs1-128"), 0u);
  EXPECT_EQ(s.byStripeOrientation.at("parallel").read, 1u);
  EXPECT_EQ(s.frames, 3u);
  EXPECT_EQ(s.budgetHits, 1u);
  // frames/000003.png was not read: its symbol is not in the denominators.
  EXPECT_DOUBLE_EQ(s.overall.rate(), 0.5);
}

TEST(Scoring, ElementStringsCompareInRawForm) {
  EXPECT_EQ(contentKey("gs1-128", "(01)09506000134352(10)A"),
            contentKey("gs1-128", "]C10109506000134352" "10A"));
  EXPECT_EQ(contentKey("gs1-datamatrix", "(10)A\\(B"), contentKey("gs1-datamatrix", "10A(B"));
  EXPECT_NE(contentKey("gs1-128", "(01)09506000134352(10)A"), contentKey("gs1-128", "(01)09506000134352(10)B"));
  EXPECT_NE(contentKey("qr", "(01)x"), contentKey("qr", "hello"));
  EXPECT_EQ(contentKey("ean13", "0614141799398"), contentKey("upca", "614141799398"));
  EXPECT_NE(contentKey("ean13", "9506000134352"), contentKey("upca", "506000134352"));
}

TEST(Scoring, AbortedFramesReadNothing) {
  const FrameSet set = makeSet();
  const Score s = score(set, {{"frames/000000.png", {}, 0.0, true}});
  EXPECT_EQ(s.abortedFrames, 1u);
  EXPECT_EQ(s.overall.symbols, 3u);
  EXPECT_EQ(s.overall.read, 0u);
  EXPECT_EQ(s.falseReads, 0u);
}

TEST(Scoring, FramesTheReaderCouldNotReadAreCounted) {
  const FrameSet set = makeSet();
  FrameReads failed{"frames/000000.png", {}, 0.0};
  failed.error = "a CV_16UC1 image: only 8-bit grey (CV_8UC1), BGR (CV_8UC3) and BGRA (CV_8UC4) images are read";
  const Score s = score(set, {failed, {"frames/000001.png", {}, 1.0}});
  EXPECT_EQ(s.errorFrames, 1u);
  EXPECT_EQ(s.frames, 2u);
  EXPECT_EQ(s.overall.read, 0u);
}

TEST(Scoring, Families) {
  EXPECT_EQ(symbologyFamily("code128"), symbologyFamily("gs1-128"));
  EXPECT_EQ(symbologyFamily("gs1-databar-stacked"), "databar");
  EXPECT_EQ(symbologyFamily("datamatrix"), "datamatrix");
  EXPECT_EQ(symbologyFamily("upca"), symbologyFamily("ean8"));
  EXPECT_EQ(symbologyFamily("pdf417"), "");
}

}  // namespace
}  // namespace gs1inspect::scoring
