#include "read/ean_upc_profile.hpp"
#include "read/smeared_ean_upc.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "generator/gs1_content.hpp"
#include "generator/symbol_renderer.hpp"

namespace gs1inspect::read {
namespace {

using generator::Symbology;

// How a row of bars is seen: libzint's modules drawn along x at `modulePx`
// growing to `modulePx * perspective` at the far end, bars widened by
// `inkSpreadPx`, blurred (Gaussian `blurSigma` px), between `ink` and
// `paper` grey with noise of `noise` grey levels; 12 bands of averaged rows.
// A motion smear of `smearPx` (a box along x) comes before the blur.
struct Seen {
  float modulePx = 2.0F;
  float perspective = 1.0F;
  float inkSpreadPx = 0.0F;
  float blurSigma = 0.0F;
  float smearPx = 0.0F;
  // A printhead stripe, no ink from `stripeAtPx` for `stripePx` (px from
  // the left end of the row), printed before any smear or blur.
  float stripeAtPx = 0.0F;
  float stripePx = 0.0F;
  int ink = 30;
  int paper = 220;
  double noise = 0;
  bool turned = false;  // read right to left
};

cv::Mat bandsOf(Symbology symbology, const std::string& gtin14, const Seen& seen) {
  std::string error;
  const auto symbol = generator::renderSymbol(symbology, generator::Gs1Content{"(01)" + gtin14, gtin14}, true, error);
  EXPECT_TRUE(symbol) << error;
  if (!symbol) return {};
  const cv::Mat row = symbol->modules.row(symbol->modules.rows / 2);
  const int modules = row.cols;
  // Module edges along x: widths growing linearly from modulePx.
  std::vector<float> edge(static_cast<std::size_t>(modules + 1));
  const float quiet = 14 * seen.modulePx;
  edge[0] = quiet;
  for (int m = 0; m < modules; ++m) {
    const float t = static_cast<float>(m) / static_cast<float>(modules);
    edge[static_cast<std::size_t>(m + 1)] = edge[static_cast<std::size_t>(m)] + seen.modulePx * (1 + (seen.perspective - 1) * t);
  }
  const int width = static_cast<int>(edge.back() + quiet);
  // Darkness at 8 samples per px, then averaged down: bars cover fractions of pixels.
  constexpr int kSub = 8;
  std::vector<float> dark(static_cast<std::size_t>(width * kSub), 0.0F);
  for (int m = 0; m < modules; ++m) {
    if (row.at<std::uint8_t>(0, m) != 0) continue;  // space
    const float from = edge[static_cast<std::size_t>(m)] - seen.inkSpreadPx / 2;
    const float to = edge[static_cast<std::size_t>(m + 1)] + seen.inkSpreadPx / 2;
    for (auto i = static_cast<int>(from * kSub); i < static_cast<int>(to * kSub); ++i) dark[static_cast<std::size_t>(i)] = 1;
  }
  for (auto i = static_cast<int>(seen.stripeAtPx * kSub); i < static_cast<int>((seen.stripeAtPx + seen.stripePx) * kSub); ++i)
    if (i >= 0 && i < static_cast<int>(dark.size())) dark[static_cast<std::size_t>(i)] = 0;
  if (seen.smearPx > 0) {
    // A box of smearPx along x, at 8 samples per px (fractions of a px too).
    const int box = std::max(1, static_cast<int>(std::lround(seen.smearPx * kSub)));
    std::vector<float> smeared(dark.size(), 0.0F);
    for (std::size_t i = 0; i < dark.size(); ++i) {
      const auto from = static_cast<std::ptrdiff_t>(i) - box / 2;
      float sum = 0;
      for (std::ptrdiff_t j = from; j < from + box; ++j)
        if (j >= 0 && j < static_cast<std::ptrdiff_t>(dark.size())) sum += dark[static_cast<std::size_t>(j)];
      smeared[i] = sum / static_cast<float>(box);
    }
    dark = smeared;
  }
  cv::Mat line(1, width, CV_32F);
  for (int x = 0; x < width; ++x) {
    float sum = 0;
    for (int k = 0; k < kSub; ++k) sum += dark[static_cast<std::size_t>(x * kSub + k)];
    line.at<float>(0, x) = static_cast<float>(seen.paper) - static_cast<float>(seen.paper - seen.ink) * sum / kSub;
  }
  if (seen.blurSigma > 0) cv::GaussianBlur(line, line, cv::Size(0, 1), seen.blurSigma, 0, cv::BORDER_REPLICATE);
  cv::Mat bands;
  cv::repeat(line, 12, 1, bands);
  if (seen.noise > 0) {
    cv::Mat n(bands.size(), CV_32F);
    cv::RNG rng(7);
    rng.fill(n, cv::RNG::NORMAL, 0, seen.noise);
    bands += n;
  }
  cv::Mat out;
  bands.convertTo(out, CV_8U);
  if (seen.turned) cv::flip(out, out, 1);
  return out;
}

constexpr const char* kEan13 = "04012345800609";  // GTIN-14 of EAN-13 4012345800609
constexpr const char* kUpcA = "00123456589612";   // UPC-A 123456589612
constexpr const char* kEan8 = "00000095012346";   // EAN-8 95012346

// One symbol of each kind, and what it spells.
struct KnownSymbol {
  Symbology symbology;
  const char* gtin;
  EanUpcRead::Kind kind;
  const char* digits;
};
constexpr KnownSymbol kSymbols[] = {{Symbology::Ean13, kEan13, EanUpcRead::Kind::Ean13, "4012345800609"},
                                    {Symbology::UpcA, kUpcA, EanUpcRead::Kind::UpcA, "123456589612"},
                                    {Symbology::Ean8, kEan8, EanUpcRead::Kind::Ean8, "95012346"}};

struct Case {
  const char* name;
  Seen seen;
};

class ReadsThroughBlur : public ::testing::TestWithParam<Case> {};

TEST_P(ReadsThroughBlur, Ean13UpcAAndEan8) {
  const Seen& seen = GetParam().seen;
  for (const auto& s : kSymbols) {
    const cv::Mat bands = bandsOf(s.symbology, s.gtin, seen);
    const auto read = readEanUpcProfile(bands, 3);
    ASSERT_TRUE(read) << s.digits;
    EXPECT_EQ(read->digits, s.digits);
    EXPECT_EQ(read->kind, s.kind);
    EXPECT_EQ(read->upsideDown, seen.turned);
    // The outer guard edges within a module of where they were drawn.
    const float modules = s.kind == EanUpcRead::Kind::Ean8 ? 67.0F : 95.0F;
    const float drawnWidth = seen.modulePx * modules * (1 + seen.perspective) / 2;
    EXPECT_NEAR(read->right - read->left, drawnWidth, 2 * seen.modulePx) << s.digits;
  }
}

INSTANTIATE_TEST_SUITE_P(
    EanUpcProfile, ReadsThroughBlur,
    ::testing::Values(Case{"sharp", {}}, Case{"sharp_turned", {.turned = true}},
                      // Board print: thin spaces filled to a faint ripple.
                      Case{"blurred_ink_spread", {.inkSpreadPx = 0.4F, .blurSigma = 1.0F, .ink = 90, .paper = 200, .noise = 3}},
                      Case{"tilted", {.modulePx = 1.8F, .perspective = 1.08F, .blurSigma = 0.9F, .noise = 2}},
                      Case{"tilted_turned",
                           {.modulePx = 1.8F, .perspective = 1.08F, .blurSigma = 0.9F, .noise = 2, .turned = true}},
                      Case{"large_modules", {.modulePx = 4.0F, .blurSigma = 1.5F}}),
    [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

TEST(EanUpcProfile, ReadsNothingFromOtherBars) {
  // GS1-128 and DataBar of the same data, sharp and blurred.
  for (const float blur : {0.0F, 1.0F}) {
    Seen seen;
    seen.blurSigma = blur;
    EXPECT_FALSE(readEanUpcProfile(bandsOf(Symbology::Gs1128, kEan13, seen), 3));
    EXPECT_FALSE(readEanUpcProfile(bandsOf(Symbology::DataBarOmni, kEan13, seen), 3));
    EXPECT_FALSE(readEanUpcProfile(bandsOf(Symbology::DataBarExpanded, kEan13, seen), 3));
  }
}

TEST(EanUpcProfile, ReadsNothingFromNoiseOrBlankRows) {
  cv::Mat noise(12, 300, CV_8U);
  cv::RNG rng(3);
  rng.fill(noise, cv::RNG::UNIFORM, 0, 256);
  EXPECT_FALSE(readEanUpcProfile(noise, 3));
  EXPECT_FALSE(readEanUpcProfile(cv::Mat(12, 300, CV_8U, cv::Scalar(200)), 3));
  EXPECT_FALSE(readEanUpcProfile(cv::Mat(), 3));
  EXPECT_FALSE(readEanUpcProfile(cv::Mat(12, 300, CV_32F, cv::Scalar(0)), 3));
}

TEST(EanUpcProfile, ReturnsNothingWhenACharacterIsUnreadable) {
  // A blot over one character in every row: the check digit may not be
  // guessed, so nothing is returned.
  cv::Mat bands = bandsOf(Symbology::Ean13, kEan13, Seen{});
  const int module = 2, left = 14 * module;
  cv::rectangle(bands, cv::Rect(left + 10 * module, 0, 7 * module, bands.rows), cv::Scalar(30), cv::FILLED);
  EXPECT_FALSE(readEanUpcProfile(bands, 3));
}

TEST(EanUpcProfile, ReturnsNothingWhenRowsDisagree) {
  // Two different valid symbols in the upper and lower rows of one field.
  const cv::Mat a = bandsOf(Symbology::Ean13, kEan13, Seen{});
  const cv::Mat b = bandsOf(Symbology::Ean13, "05901234123457", Seen{});
  ASSERT_EQ(a.cols, b.cols);
  cv::Mat both;
  cv::vconcat(a, b, both);
  EXPECT_FALSE(readEanUpcProfile(both, 3));
  // Either alone reads.
  EXPECT_TRUE(readEanUpcProfile(a, 3));
  EXPECT_TRUE(readEanUpcProfile(b, 3));
}

TEST(EanUpcProfile, NeedsTwoGroupsOfRowsThatAgree) {
  const cv::Mat bands = bandsOf(Symbology::Ean13, kEan13, Seen{});
  EXPECT_FALSE(readEanUpcProfile(bands.rowRange(0, 5), 3));  // one group of 3 rows
  EXPECT_TRUE(readEanUpcProfile(bands.rowRange(0, 6), 3));
}

// Through a motion smear of two to five modules: the box's zeros take the
// symbol's own frequencies, and the grey levels are read against the
// symbol seen through the smear.
class ReadsThroughSmear : public ::testing::TestWithParam<Case> {};

TEST_P(ReadsThroughSmear, Ean13UpcAAndEan8) {
  const Seen& seen = GetParam().seen;
  for (const auto& s : kSymbols) {
    const cv::Mat bands = bandsOf(s.symbology, s.gtin, seen);
    // The smear measured a little off.
    const auto read = readSmearedEanUpc(bands, seen.smearPx + 0.6F);
    ASSERT_TRUE(read) << s.digits;
    EXPECT_EQ(read->digits, s.digits);
    EXPECT_EQ(read->kind, s.kind);
    EXPECT_EQ(read->upsideDown, seen.turned);
    const float modules = s.kind == EanUpcRead::Kind::Ean8 ? 67.0F : 95.0F;
    EXPECT_NEAR(read->right - read->left, seen.modulePx * modules * (1 + seen.perspective) / 2, seen.modulePx) << s.digits;
  }
}

INSTANTIATE_TEST_SUITE_P(
    SmearedEanUpc, ReadsThroughSmear,
    ::testing::Values(Case{"two_modules", {.blurSigma = 0.8F, .smearPx = 4.0F, .noise = 3}},
                      Case{"four_modules", {.blurSigma = 0.8F, .smearPx = 8.0F, .noise = 3}},
                      Case{"five_modules_turned", {.modulePx = 2.4F, .blurSigma = 0.8F, .smearPx = 12.0F, .ink = 60, .noise = 2, .turned = true}},
                      Case{"faint_noisy", {.modulePx = 2.5F, .blurSigma = 1.0F, .smearPx = 9.0F, .ink = 130, .paper = 200, .noise = 4}},
                      Case{"tilted", {.modulePx = 2.2F, .perspective = 1.08F, .blurSigma = 0.8F, .smearPx = 8.0F, .noise = 2}}),
    [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

TEST(SmearedEanUpc, ReadsThroughBlurAloneAndTextOverSomeRows) {
  // 2 px modules under a lens blur that fills their one-module spaces: no
  // smear, the model's spread is the blur alone.
  Seen seen;
  seen.blurSigma = 1.8F;
  seen.noise = 2;
  cv::Mat bands = bandsOf(Symbology::Ean13, kEan13, seen);
  EXPECT_FALSE(readEanUpcProfile(bands, 3));
  auto read = readSmearedEanUpc(bands, 0);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->digits, "4012345800609");
  // Text printed across the top rows of the bars and on past them: the
  // profile is the rows' median, which leaves it out.
  for (int x = 40; x < bands.cols - 10; x += 9) cv::rectangle(bands, cv::Rect(x, 0, 6, 4), cv::Scalar(40), cv::FILLED);
  read = readSmearedEanUpc(bands, 0);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->digits, "4012345800609");
}

TEST(SmearedEanUpc, ReadsNothingFromOtherBars) {
  Seen seen;
  seen.blurSigma = 0.8F;
  seen.smearPx = 8.0F;
  EXPECT_FALSE(readSmearedEanUpc(bandsOf(Symbology::Gs1128, kEan13, seen), seen.smearPx));
  EXPECT_FALSE(readSmearedEanUpc(bandsOf(Symbology::DataBarOmni, kEan13, seen), seen.smearPx));
  EXPECT_FALSE(readSmearedEanUpc(bandsOf(Symbology::DataBarExpanded, kEan13, seen), seen.smearPx));
  EXPECT_FALSE(readSmearedEanUpc(cv::Mat(12, 300, CV_8U, cv::Scalar(200)), 8));
  EXPECT_FALSE(readSmearedEanUpc(cv::Mat(), 8));
}

TEST(SmearedEanUpc, ReturnsNothingWhenACharacterIsUnreadable) {
  // A blot over one character: the check digit may not be guessed.
  Seen seen;
  seen.blurSigma = 0.8F;
  seen.smearPx = 8.0F;
  seen.noise = 2;
  cv::Mat bands = bandsOf(Symbology::Ean13, kEan13, seen);
  ASSERT_TRUE(readSmearedEanUpc(bands, seen.smearPx));
  const int left = 14 * 2;
  cv::rectangle(bands, cv::Rect(left + 10 * 2, 0, 7 * 2, bands.rows), cv::Scalar(120), cv::FILLED);
  EXPECT_FALSE(readSmearedEanUpc(bands, seen.smearPx));
}

TEST(SmearedEanUpc, AStripeTheModelLeavesOutGivesTheSymbolOrNothing) {
  // A printhead stripe (paper, two modules wide) through each character in
  // turn under the smear: the misfit it leaves where it lies may not be
  // explained away by another valid symbol.
  Seen seen;
  seen.blurSigma = 0.8F;
  seen.smearPx = 9.0F;
  seen.noise = 2;
  seen.modulePx = 2.5F;
  seen.stripePx = 2 * seen.modulePx;
  for (int module = 3; module < 92; module += 7) {
    seen.stripeAtPx = (14.0F + static_cast<float>(module + 2)) * seen.modulePx;
    const auto r = readSmearedEanUpc(bandsOf(Symbology::Ean13, kEan13, seen), seen.smearPx);
    if (r) {
      EXPECT_EQ(r->digits, "4012345800609") << "stripe at module " << module;
    }
  }
}

TEST(SmearedEanUpc, NoiseBeyondTheSmearsReachGivesNothingNeverAWrongSymbol) {
  // As noise grows the read fails; what it returns before that is right.
  int read = 0;
  for (const double noise : {2.0, 6.0, 12.0, 20.0, 35.0, 60.0}) {
    Seen seen;
    seen.blurSigma = 0.8F;
    seen.smearPx = 9.0F;
    seen.noise = noise;
    const auto r = readSmearedEanUpc(bandsOf(Symbology::Ean13, kEan13, seen), seen.smearPx);
    if (!r) continue;
    ++read;
    EXPECT_EQ(r->digits, "4012345800609") << noise;
  }
  EXPECT_GE(read, 2);
  Seen drowned;
  drowned.smearPx = 9.0F;
  drowned.noise = 120;
  EXPECT_FALSE(readSmearedEanUpc(bandsOf(Symbology::Ean13, kEan13, drowned), drowned.smearPx));
}

}  // namespace
}  // namespace gs1inspect::read
