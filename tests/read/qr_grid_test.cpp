#include "read/qr_codewords.hpp"
#include "read/qr_grid.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "generator/symbol_renderer.hpp"
#include "read/module_grid.hpp"
#include "read/quarter_turns.hpp"
#include "read/zxing_call.hpp"
#include "synthetic_frame.hpp"

namespace gs1inspect::read {
namespace {

constexpr const char* kData = "(01)09506000134352(17)201225(10)ABC123";
constexpr int kQuietModules = 3;

// The symbol's modules as libzint makes them (1 dark), level M.
cv::Mat qrModules() { return testing::symbolModules(generator::Symbology::Qr, kData); }

// The QR symbol at `modulePx`, on paper (ink 40, paper 210), blurred, as
// the reader's 2x crops show it; `turns` quarter turns clockwise.
cv::Mat renderedQr(float modulePx, int turns, double blurSigma = 1.5) {
  cv::Mat light = 1 - qrModules();
  cv::Mat m;
  cv::resize(light * 255, m, cv::Size(), modulePx, modulePx, cv::INTER_NEAREST);
  const int quiet = static_cast<int>(kQuietModules * modulePx);
  cv::copyMakeBorder(m, m, quiet, quiet, quiet, quiet, cv::BORDER_CONSTANT, cv::Scalar(255));
  m.convertTo(m, CV_8U, 170.0 / 255.0, 40);
  if (blurSigma > 0) cv::GaussianBlur(m, m, cv::Size(0, 0), blurSigma);
  turnClockwise(m, turns, m);
  return m;
}

ZxingAttempt qrAttempt() {
  ZxingAttempt a;
  a.formats = ZXing::BarcodeFormat::QRCode;
  a.binarizer = ZXing::Binarizer::FixedThreshold;
  a.pure = true;
  return a;
}

std::string text(const ZXing::Result& r) { return std::string(r.bytes().begin(), r.bytes().end()); }

// What the reader does with the grids: the first that decodes, and where
// the decoder's top-left corner falls in the crop.
std::optional<std::pair<std::string, cv::Point2f>> firstRead(const cv::Mat& crop) {
  for (const RedrawnQr& g : redrawQr(crop, 4, 4)) {
    const auto r = decodeOne(g.image, qrAttempt());
    if (!r) continue;
    const auto p = r->position()[0];
    return std::make_pair(text(*r), mapPoint(g.toCrop, cv::Point2f(static_cast<float>(p.x), static_cast<float>(p.y))));
  }
  return std::nullopt;
}

class QrEveryQuarterTurn : public ::testing::TestWithParam<int> {};

TEST_P(QrEveryQuarterTurn, RedrawsAndReadsAClearSymbolWithItsCornerInPlace) {
  const int turns = GetParam();
  const int modules = qrModules().rows;
  const cv::Mat crop = renderedQr(8, turns);
  const auto read = firstRead(crop);
  ASSERT_TRUE(read) << "turns " << turns;
  EXPECT_NE(read->first.find("9506000134352"), std::string::npos) << read->first;
  // The symbol's own top-left corner (the decoder's first point, the outer
  // corner of the finder there) is where the turn put it, within a module.
  const float q = kQuietModules * 8, side = static_cast<float>(modules) * 8;
  const cv::Point2f expected[] = {{q, q}, {q + side, q}, {q + side, q + side}, {q, q + side}};
  EXPECT_NEAR(read->second.x, expected[turns].x, 8) << "turns " << turns;
  EXPECT_NEAR(read->second.y, expected[turns].y, 8) << "turns " << turns;
}

INSTANTIATE_TEST_SUITE_P(QrGrid, QrEveryQuarterTurn, ::testing::Values(0, 1, 2, 3));

TEST(QrGrid, RepairsFinderPatternsAPrintheadStripeBroke) {
  // A stripe of paper a module wide down the middle of the left finders'
  // cores: their 1:1:3:1:1 runs are gone, so ZXing's detector finds two
  // finders short; the grid is laid from the finder left whole, redrawn
  // with all three, and Reed-Solomon takes the data modules under the stripe.
  for (const int turns : {0, 1, 2, 3}) {
    cv::Mat m = renderedQr(8, 0);
    const int x = (kQuietModules + 3) * 8;
    cv::rectangle(m, cv::Rect(x, 0, 8, m.rows), cv::Scalar(210), cv::FILLED);
    turnClockwise(m, turns, m);
    ZxingAttempt plain;
    plain.formats = ZXing::BarcodeFormat::QRCode;
    plain.tryHarder = true;
    EXPECT_FALSE(decodeOne(m, plain)) << "the stripe should defeat the detector, turns " << turns;
    const auto read = firstRead(m);
    ASSERT_TRUE(read) << "turns " << turns;
    EXPECT_NE(read->first.find("ABC123"), std::string::npos);
  }
}

TEST(QrGrid, WritesTheFormatTheSymbolCarriesAndNoOther) {
  // libzint's symbol carries level M and a mask of its choosing: exactly
  // one of the 32 formats, written over the symbol's own, changes nothing.
  const cv::Mat modules = qrModules();
  int matches = 0, level = -1;
  for (int l = 0; l < 4; ++l) {
    for (int mask = 0; mask < 8; ++mask) {
      cv::Mat written = modules.clone();
      writeQrFormat(written, l, mask);
      if (cv::countNonZero(written != modules) == 0) ++matches, level = l;
    }
  }
  EXPECT_EQ(matches, 1);
  EXPECT_EQ(level, 1);  // M
}

TEST(QrGrid, AStripeAlongTheFormatRowIsReadThroughEveryFormat) {
  // A stripe along row 8 wipes the format information's row half in both
  // copies: the grid is found (the finders stand) but the redrawn symbol
  // does not decode until the right format is written into it.
  cv::Mat m = renderedQr(8, 0);
  const int y = (kQuietModules + 8) * 8;
  cv::rectangle(m, cv::Rect(0, y, m.cols, 8), cv::Scalar(210), cv::FILLED);
  const auto grids = redrawQr(m, 4, 4);
  ASSERT_FALSE(grids.empty());
  const RedrawnQr& g = grids.front();
  EXPECT_FALSE(decodeOne(g.image, qrAttempt()));
  // Every format that decodes gives the data: a level with fewer check
  // codewords reads a symbol of more as well (its generator divides the
  // other's). Tried from the most checks down, the first is the symbol's
  // own level, M.
  int firstLevel = -1;
  for (const int l : {3, 2, 1, 0}) {
    for (int mask = 0; mask < 8; ++mask) {
      cv::Mat dark = g.dark.clone();
      writeQrFormat(dark, l, mask);
      cv::Mat image;
      drawModules(dark, 4, image);
      const auto r = decodeOne(image, qrAttempt());
      if (!r) continue;
      if (firstLevel < 0) firstLevel = l;
      EXPECT_NE(text(*r).find("ABC123"), std::string::npos) << "level " << l << " mask " << mask;
    }
  }
  EXPECT_EQ(firstLevel, 1);
}

TEST(QrGrid, FindsNoGridInBlankPaperNoiseOrADataMatrix) {
  EXPECT_TRUE(redrawQr(cv::Mat(100, 100, CV_8U, cv::Scalar(200)), 4, 4).empty());
  EXPECT_TRUE(redrawQr(cv::Mat(), 4, 4).empty());
  EXPECT_TRUE(redrawQr(cv::Mat(100, 100, CV_32F, cv::Scalar(0)), 4, 4).empty());
  cv::Mat noise(160, 160, CV_8U);
  cv::RNG(7).fill(noise, cv::RNG::UNIFORM, 0, 256);
  EXPECT_TRUE(redrawQr(noise, 4, 4).empty());
  const cv::Mat light = (1 - testing::symbolModules(generator::Symbology::DataMatrix, kData)) * 255;
  cv::Mat m;
  cv::resize(light, m, cv::Size(), 8, 8, cv::INTER_NEAREST);
  cv::copyMakeBorder(m, m, 24, 24, 24, 24, cv::BORDER_CONSTANT, cv::Scalar(255));
  EXPECT_TRUE(redrawQr(m, 4, 4).empty());
}

}  // namespace
}  // namespace gs1inspect::read
