// GS1-128 read through a printhead stripe, on libzint symbols whose
// profile is drawn with a stripe of known width at every position across
// them.

#include "read/code128_erasures.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "gs1/parser.hpp"
#include "read/code128_characters.hpp"
#include "read/zxing_normaliser.hpp"
#include "synthetic_frame.hpp"

namespace gs1inspect::read {
namespace {

constexpr float kInk = 30, kPaper = 220;
constexpr int kQuietModules = 10;

struct Stripe {
  float fromModule = 0;  // where it starts, modules from the symbol's left edge
  float widthModules = 0;
  float residue = 0;  // share of the ink left inside it
};

// The grey profile across `bars` drawn `modulePx` px per module with a
// quiet zone, the stripe painted out, blurred by `blurPx` (Gaussian sigma).
std::vector<float> profileOf(const std::vector<bool>& bars, float modulePx, const Stripe& stripe, float blurPx = 0.7F) {
  constexpr int kSub = 16;  // samples per px
  const int modules = static_cast<int>(bars.size()) + 2 * kQuietModules;
  const int px = static_cast<int>(std::ceil(static_cast<float>(modules) * modulePx));
  cv::Mat fine(1, px * kSub, CV_32F);
  for (int i = 0; i < fine.cols; ++i) {
    const float m = (static_cast<float>(i) + 0.5F) / kSub / modulePx - kQuietModules;
    const int module = static_cast<int>(std::floor(m));
    float ink =
        module >= 0 && module < static_cast<int>(bars.size()) && bars[static_cast<std::size_t>(module)] ? 1.0F : 0.0F;
    if (m >= stripe.fromModule && m < stripe.fromModule + stripe.widthModules) ink *= stripe.residue;
    fine.at<float>(0, i) = kPaper - ink * (kPaper - kInk);
  }
  cv::Mat coarse;
  cv::resize(fine, coarse, cv::Size(px, 1), 0, 0, cv::INTER_AREA);
  if (blurPx > 0) cv::GaussianBlur(coarse, coarse, cv::Size(0, 0), blurPx, 0, cv::BORDER_REPLICATE);
  return {coarse.begin<float>(), coarse.end<float>()};
}

using testing::gs1128Data;
using testing::gs1ElementsHold;

std::vector<bool> modulesOf(const std::string& bracketed) { return testing::gs1128Bars(bracketed); }
bool gs1Holds(std::string_view data) { return gs1ElementsHold(data); }
std::string rawOf(const std::string& bracketed) { return gs1128Data(bracketed); }

const std::string kSscc = "(00)095060001343528129(400)PO-778812";
const std::string kBatch = "(01)09506000134352(17)271231(10)AB12CD";

TEST(Code128Characters, GivesTheDataOfAWholeSymbol) {
  // Start C, FNC1, 01, 09, 50, 60, 00, 13, 43, 52, check, as libzint draws it.
  const auto bars = modulesOf("(01)09506000134352");
  std::vector<int> values;
  std::size_t at = 0;
  while (at + kCode128CharModules <= bars.size() - 2) {
    // Widths of the next six elements.
    std::array<int, 6> w{};
    for (int e = 0; e < 6; ++e) {
      const bool bar = e % 2 == 0;
      while (at < bars.size() && bars[at] == bar) ++w[static_cast<std::size_t>(e)], ++at;
    }
    int value = -1;
    for (int v = 0; v <= kCode128Stop; ++v) {
      const auto& p = code128Widths(v);
      if (std::equal(p.begin(), p.end(), w.begin(), [](std::uint8_t a, int b) { return a == b; })) value = v;
    }
    ASSERT_GE(value, 0) << "no character has the widths libzint drew at module " << at;
    values.push_back(value);
  }
  ASSERT_EQ(values.back(), kCode128Stop) << "the stop's first six widths";
  values.pop_back();
  EXPECT_EQ(values.front(), kCode128StartC);
  EXPECT_EQ(gs1DataOfCode128(values).value_or("?"), "0109506000134352");
  values[3] ^= 1;  // a wrong character: the check fails
  EXPECT_FALSE(gs1DataOfCode128(values));
}

TEST(Code128Erasures, ReadsAWholeSymbolBothWays) {
  const auto bars = modulesOf(kSscc);
  for (const float module : {2.0F, 3.0F, 4.5F}) {
    const auto profile = profileOf(bars, module, {});
    const auto read = readCode128WithErasures(profile, gs1Holds);
    ASSERT_TRUE(read) << "module " << module;
    EXPECT_EQ(read->data, rawOf(kSscc));
    EXPECT_EQ(read->erasedChars, 0);
    EXPECT_FALSE(read->upsideDown);
    EXPECT_NEAR(read->left, kQuietModules * module, module);
    EXPECT_NEAR(read->modulePx, module, 0.1F * module);
    const std::vector<float> reversed(profile.rbegin(), profile.rend());
    const auto back = readCode128WithErasures(reversed, gs1Holds);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->data, rawOf(kSscc));
    EXPECT_TRUE(back->upsideDown);
  }
}

// Stripes 0.25-4 mm wide at 0.5 mm modules (0.5-8 modules) at every
// position across the symbol, start and stop included, with and without
// residue: stripes inside one character are read through (at least 90% of
// positions); every read, whatever the stripe, gives the symbol's data.
TEST(Code128Erasures, ReadsThroughAStripeOfEachWidthAtEachPosition) {
  for (const auto& text : {kSscc, kBatch}) {
    const auto bars = modulesOf(text);
    const int length = static_cast<int>(bars.size());
    for (const float module : {2.0F, 3.0F}) {
      for (const float width : {0.5F, 1.0F, 2.0F, 3.0F, 4.0F, 6.0F, 8.0F}) {
        int within = 0, withinRead = 0, wider = 0, widerRead = 0;
        for (float from = -width + 0.5F; from < static_cast<float>(length); from += 1.0F) {
          for (const float residue : {0.0F, 0.12F}) {
            const auto profile = profileOf(bars, module, {from, width, residue});
            const auto read = readCode128WithErasures(profile, gs1Holds);
            if (read) {
              ASSERT_EQ(read->data, rawOf(text))
                  << text << " module " << module << " stripe " << width << " at " << from;
            }
            // Inside one character (the stop's 13 modules count as one).
            const int first = static_cast<int>(std::floor(std::max(0.0F, from) / kCode128CharModules));
            const int last = static_cast<int>(
                std::floor((std::min(from + width, static_cast<float>(length)) - 0.01F) / kCode128CharModules));
            const int stopChar = (length - kCode128StopModules) / kCode128CharModules;
            const bool oneChar = first == last || (first >= stopChar && last >= stopChar);
            if (oneChar) {
              ++within;
              withinRead += read.has_value();
            } else {
              ++wider;
              widerRead += read.has_value();
            }
          }
        }
        // Some stripes turn a character into another valid one and leave
        // two single-character stories that both confirm: nothing is read.
        EXPECT_GE(withinRead, 0.9 * within) << text << " module " << module << " stripe " << width;
        RecordProperty(("read_" + std::to_string(module) + "_" + std::to_string(width)).c_str(),
                       std::to_string(withinRead) + "/" + std::to_string(within) + " within, " +
                           std::to_string(widerRead) + "/" + std::to_string(wider) + " wider");
      }
    }
  }
}

// Blur that fills the one-module spaces in (sigma 0.6-0.7 modules) with a
// stripe through one character: the edge-to-similar-edge reading and the
// sharpened profile still read most, and never other data. (At 0.8
// modules a one-module space keeps 4% of its contrast: nothing is read.)
TEST(Code128Erasures, ReadsThroughAStripeUnderBlur) {
  const auto bars = modulesOf(kSscc);
  const int length = static_cast<int>(bars.size());
  for (const float blur : {1.8F, 2.1F}) {
    int tried = 0, read = 0;
    for (float from = 11.5F; from + 3 < static_cast<float>(length - kCode128StopModules); from += 3.0F) {
      const auto profile = profileOf(bars, 3.0F, {from, 3.0F, 0.05F}, blur);
      const auto r = readCode128WithErasures(profile, gs1Holds);
      ++tried;
      if (!r) continue;
      ++read;
      ASSERT_EQ(r->data, rawOf(kSscc)) << "blur " << blur << " stripe at " << from;
    }
    EXPECT_GE(read, 0.6 * tried) << "blur " << blur;
    RecordProperty(("blur_" + std::to_string(blur)).c_str(), std::to_string(read) + "/" + std::to_string(tried));
  }
}

// Two whole characters of free text (the batch's last two) erased: more
// than one combination passes the check character and the GS1 layer,
// so nothing is returned.
TEST(Code128Erasures, ReturnsNothingWhenMoreThanOneDecodeHolds) {
  const auto bars = modulesOf(kBatch);
  const int length = static_cast<int>(bars.size());
  // Stop (13), check (11): the two characters before them.
  const float from = static_cast<float>(length - kCode128StopModules - 3 * kCode128CharModules) + 0.5F;
  const auto profile = profileOf(bars, 3.0F, {from, 2 * kCode128CharModules - 1.0F, 0});
  EXPECT_FALSE(readCode128WithErasures(profile, gs1Holds));
  // With the same stripe, a confirmation that refuses everything: nothing.
  EXPECT_FALSE(
      readCode128WithErasures(profileOf(bars, 3.0F, {20.5F, 3.0F, 0}), [](std::string_view) { return false; }));
}

TEST(Code128Erasures, ReadsNothingFromNoise) {
  cv::Mat noise(1, 900, CV_32F);
  cv::RNG rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    rng.fill(noise, cv::RNG::UNIFORM, kInk, kPaper);
    const std::vector<float> profile(noise.begin<float>(), noise.end<float>());
    EXPECT_FALSE(readCode128WithErasures(profile, gs1Holds));
  }
}

}  // namespace
}  // namespace gs1inspect::read
