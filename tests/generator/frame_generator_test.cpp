// The generator: the same arguments give the same set, byte for byte (and
// damage model 1 the sets it made before model 2); the set reads back
// without errors; its truth is consistent with its data; model 2's damage
// reaches the ends of its ranges.
#include "generator/frame_generator.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "frameset/frame_set.hpp"
#include "generator/symbol_renderer.hpp"
#include "gs1/parser.hpp"

namespace gs1inspect::generator {
namespace {

namespace fs = std::filesystem;

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("gen_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

GeneratorOptions small(const fs::path& out, std::uint64_t seed) {
  GeneratorOptions o;
  o.out = out;
  o.frames = 14;
  o.seed = seed;
  return o;
}

TEST(SymbolText, DataBarTruthCarriesTheCheckDigitItsDecoderComputes) {
  using gs1inspect::generator::Symbology;
  using gs1inspect::generator::symbolText;
  // A wrong GTIN check digit (2 instead of 1) cannot be carried by DataBar.
  const gs1inspect::generator::Gs1Content bad{"(01)25412345023512(10)MWX239", "25412345023512"};
  EXPECT_EQ(symbolText(Symbology::DataBarExpanded, bad), "(01)25412345023511(10)MWX239");
  EXPECT_EQ(symbolText(Symbology::DataBarExpandedStacked, bad), "(01)25412345023511(10)MWX239");
  EXPECT_EQ(symbolText(Symbology::Gs1128, bad), "(01)25412345023512(10)MWX239");
  const gs1inspect::generator::Gs1Content omni{"(01)25412345023512", "25412345023512"};
  EXPECT_EQ(symbolText(Symbology::DataBarOmni, omni), "(01)25412345023511");
  const gs1inspect::generator::Gs1Content other{"(00)106141412345678908", ""};
  EXPECT_EQ(symbolText(Symbology::DataBarExpanded, other), "(00)106141412345678908");
}

TEST(FrameGenerator, SameArgumentsSameSet) {
  const auto a = freshDir("a");
  const auto b = freshDir("b");
  const auto c = freshDir("c");
  GeneratorSummary sa, sb, sc;
  std::string error;
  ASSERT_TRUE(generateFrameSet(small(a, 11), sa, error)) << error;
  ASSERT_TRUE(generateFrameSet(small(b, 11), sb, error)) << error;
  ASSERT_TRUE(generateFrameSet(small(c, 12), sc, error)) << error;
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(a)) {
    if (!entry.is_regular_file()) continue;
    const auto relative = fs::relative(entry.path(), a);
    EXPECT_EQ(slurp(entry.path()), slurp(b / relative)) << relative;
    ++files;
  }
  EXPECT_GT(files, 14u);
  EXPECT_NE(slurp(a / "truth.jsonl"), slurp(c / "truth.jsonl"));
  for (const auto& dir : {a, b, c}) fs::remove_all(dir);
}

TEST(FrameGenerator, SetReadsBackAndTruthIsConsistent) {
  const auto dir = freshDir("truth");
  GeneratorSummary summary;
  std::string error;
  auto options = small(dir, 3);
  options.frames = 40;
  ASSERT_TRUE(generateFrameSet(options, summary, error)) << error;
  const auto read = frameset::readFrameSet(dir);
  for (const auto& e : read.errors) ADD_FAILURE() << e.describe();
  ASSERT_TRUE(read.set);
  EXPECT_EQ(read.set->frames.size(), 40u);
  EXPECT_NEAR(read.set->info.pxPerMm, 4.0, 1e-9);
  EXPECT_GE(summary.cartons, 3);
  EXPECT_GT(summary.symbolsFullyVisible, 0);
  std::map<std::string, std::string> expect;
  for (const auto& c : read.set->cartons) expect[c.carton] = c.expect + "/" + c.reason;
  gs1::ParseOptions parseOptions;
  parseOptions.today = gs1::CivilDate{2026, 11, 25};
  for (const auto& t : read.set->truth) {
    EXPECT_FALSE(t.carton.empty()) << t.frame;
    for (const auto& s : t.symbols) {
      const std::string carton = s.carton.empty() ? t.carton : s.carton;
      ASSERT_TRUE(expect.contains(carton)) << carton;
      if (!s.symbology.starts_with("gs1-")) {
        // EAN-13 / UPC-A: the GTIN-13 / GTIN-12 digits, check digit included.
        EXPECT_EQ(s.hri.size(), s.symbology == "ean13" ? 13u : 12u) << s.hri;
        EXPECT_TRUE(gs1::parse("(01)" + std::string(14 - s.hri.size(), '0') + s.hri, parseOptions).errors.empty()) << s.hri;
        continue;
      }
      const auto parsed = gs1::parse(s.hri, parseOptions);
      EXPECT_TRUE(parsed.complete) << s.hri;
      // A carton expected to pass carries valid data as a whole; a symbol on
      // it may lean on a sibling for a requisite AI, so only the other
      // errors are checked here.
      if (expect[carton] == "pass/") {
        for (const auto& e : parsed.errors) {
          EXPECT_EQ(e.code, gs1::LintCode::MissingRequisite) << s.hri << ": " << e.message;
        }
      }
      EXPECT_TRUE(s.detail.contains("quad")) << t.frame;
    }
  }
  fs::remove_all(dir);
}

// A carton expected as invalid-data shows at least one symbol whose data
// breaks a GS1 rule; one expected to pass shows none that does (beyond a
// requisite AI that a sibling symbol on the carton supplies).
TEST(FrameGenerator, ExpectationsMatchTheData) {
  const auto dir = freshDir("expect");
  GeneratorSummary summary;
  std::string error;
  auto options = small(dir, 2);  // seed 2 puts two invalid-data cartons in 30 frames
  options.frames = 30;
  ASSERT_TRUE(generateFrameSet(options, summary, error)) << error;
  const auto read = frameset::readFrameSet(dir);
  ASSERT_TRUE(read.set);
  gs1::ParseOptions parseOptions;
  parseOptions.today = gs1::CivilDate{2026, 11, 25};
  std::map<std::string, std::set<std::string>> symbolsOf;  // carton -> hri of its symbols
  for (const auto& t : read.set->truth) {
    for (const auto& s : t.symbols) symbolsOf[s.carton.empty() ? t.carton : s.carton].insert(s.symbology + " " + s.hri);
  }
  int invalidCartons = 0;
  for (const auto& c : read.set->cartons) {
    std::vector<std::string> broken;
    std::string combined;
    for (const auto& entry : symbolsOf[c.carton]) {
      const std::string hri = entry.substr(entry.find(' ') + 1);
      if (!hri.starts_with("(")) continue;  // EAN-13 / UPC-A digits
      combined += hri;
      const auto parsed = gs1::parse(hri, parseOptions);
      for (const auto& e : parsed.errors) {
        if (e.code != gs1::LintCode::MissingRequisite) broken.push_back(hri);
      }
    }
    if (c.reason == "invalid-data") {
      if (combined.empty()) continue;  // its label was never in view in these frames
      ++invalidCartons;
      // The fault shows in one symbol, or in the carton's data taken together.
      const bool combinedInvalid = !combined.empty() && !gs1::parse(combined, parseOptions).valid();
      EXPECT_TRUE(!broken.empty() || combinedInvalid) << c.carton << " is expected invalid-data but its data is valid";
    } else if (c.expect == "pass") {
      EXPECT_TRUE(broken.empty()) << c.carton << ": " << (broken.empty() ? "" : broken.front());
    } else if (c.reason == "no-read") {
      EXPECT_TRUE(symbolsOf[c.carton].empty()) << c.carton << " is no-read but shows symbols";
    }
  }
  EXPECT_GE(invalidCartons, 1);
  fs::remove_all(dir);
}

// FNV-1a over the files' bytes, in order.
std::uint64_t fingerprint(const fs::path& dir, const std::vector<std::string>& files) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const auto& f : files) {
    for (const char c : slurp(dir / f)) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
  }
  return h;
}

TEST(FrameGenerator, DamageModelOneReproducesTheSetsMadeBeforeModelTwo) {
  const auto dir = freshDir("model1");
  GeneratorOptions o;
  o.out = dir;
  o.frames = 24;  // the default seed, damage mix
  o.damageModel = 1;
  GeneratorSummary summary;
  std::string error;
  ASSERT_TRUE(generateFrameSet(o, summary, error)) << error;
  std::vector<std::string> files{"truth.jsonl", "cartons.jsonl"};
  for (int i = 0; i < 24; ++i) files.push_back(fmt::format("frames/{:06}.png", i));
  // Measured on the generator as it was before damage model 2 (Debian 12's
  // OpenCV 4.6 writing the PNGs).
  EXPECT_EQ(fingerprint(dir, files), 0x9e6f4fe449bd32deULL);
  const auto set = frameset::readFrameSet(dir);
  ASSERT_TRUE(set.set);
  EXPECT_EQ(set.set->info.extra.at("generator").at("damage_model"), 1);
  o.damageModel = 3;
  o.out = freshDir("model3");
  EXPECT_FALSE(generateFrameSet(o, summary, error));
  EXPECT_EQ(error, "damage model 3 does not exist (1 to 2)");
  fs::remove_all(dir);
}

// Each range of model 2 is reached at both ends (within a tenth of its
// span), as the truth records the parameters drawn: cartons ride a fast
// belt past few frames, so that many are drawn cheaply.
TEST(FrameGenerator, DamageModelTwoReachesTheEndsOfItsRanges) {
  const auto dir = freshDir("model2");
  GeneratorOptions o;
  o.out = dir;
  o.frames = 90;
  o.beltMmPerS = 25000;
  o.seed = 5;
  o.damage = {Damage::Stripe, Damage::Noise, Damage::Glare, Damage::LowContrast, Damage::Partial, Damage::Motion};
  GeneratorSummary summary;
  std::string error;
  ASSERT_TRUE(generateFrameSet(o, summary, error)) << error;
  const auto set = frameset::readFrameSet(dir);
  ASSERT_TRUE(set.set);
  std::map<std::string, std::pair<double, double>> seen;  // detail key: min, max
  std::map<std::string, int> draws;
  std::set<std::string> partialKinds;
  bool liveElement = false;
  for (const auto& t : set.set->truth) {
    for (const auto& s : t.symbols) {
      for (const char* key : {"stripe_mm", "stripe_residue", "noise_sigma", "glare_peak", "pcs", "motion_px"}) {
        if (!s.detail.contains(key)) continue;
        const double v = s.detail[key].get<double>();
        ++draws[key];
        auto [it, added] = seen.try_emplace(key, v, v);
        it->second = {std::min(it->second.first, v), std::max(it->second.second, v)};
      }
      if (s.detail.contains("partial_kind")) partialKinds.insert(s.detail["partial_kind"].get<std::string>());
      liveElement = liveElement || s.detail.contains("stripe_live_element");
    }
  }
  const DamageRanges r = DamageRanges::forModel(2);
  const std::map<std::string, std::pair<double, double>> ranges{
      {"stripe_mm", {r.stripeMinMm, r.stripeMaxMm}},   {"stripe_residue", {0, r.stripeResidueMax}},
      {"noise_sigma", {r.noiseMinSigma, r.noiseMaxSigma}}, {"glare_peak", {r.glareMinPeak, r.glarePeakMax}},
      {"pcs", {r.lowContrastMin, r.lowContrastMax}},   {"motion_px", {r.motionMinPx, r.motionMaxPx}}};
  for (const auto& [key, range] : ranges) {
    ASSERT_TRUE(seen.contains(key)) << key << " never drawn";
    std::cout << key << ": " << seen[key].first << " to " << seen[key].second << " over " << draws[key]
              << " symbol frames\n";
    const double tenth = (range.second - range.first) / 10;
    EXPECT_LE(seen[key].first, range.first + tenth) << key;
    EXPECT_GE(seen[key].second, range.second - tenth) << key;
    EXPECT_GE(seen[key].first, range.first - 1e-9) << key;
    EXPECT_LE(seen[key].second, range.second + 1e-9) << key;
  }
  EXPECT_EQ(partialKinds, (std::set<std::string>{"neighbour", "strap", "tape", "torn"}));
  EXPECT_TRUE(liveElement) << "no stripe with a live element among its dead ones";
  // Noise of model 2 goes past model 1's, contrast lower, glare saturates.
  EXPECT_GT(seen["noise_sigma"].second, DamageRanges::forModel(1).noiseMaxSigma);
  EXPECT_LT(seen["pcs"].first, DamageRanges::forModel(1).lowContrastMin);
  EXPECT_GT(seen["glare_peak"].second, 255);
  fs::remove_all(dir);
}

TEST(FrameGenerator, RefusesToWriteOverAFolder) {
  const auto dir = freshDir("busy");
  fs::create_directories(dir);
  std::ofstream(dir / "keep.txt") << "x";
  GeneratorSummary summary;
  std::string error;
  EXPECT_FALSE(generateFrameSet(small(dir, 1), summary, error));
  EXPECT_NE(error.find("never written over"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gs1inspect::generator
