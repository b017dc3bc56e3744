#include "read/data_matrix_grid.hpp"

#include <gtest/gtest.h>

#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "generator/gs1_content.hpp"
#include "generator/symbol_renderer.hpp"
#include "read/quarter_turns.hpp"
#include "read/zxing_call.hpp"

namespace gs1inspect::read {
namespace {

constexpr const char* kData = "(01)09506000134352(17)201225(10)ABC123";

// A DataMatrix rendered by libzint at `modulePx`, blurred, on paper, as the
// reader's 2x crops show it; `turns` quarter turns clockwise.
cv::Mat renderedDataMatrix(float modulePx, int turns, double blurSigma = 1.5) {
  std::string error;
  const auto symbol = generator::renderSymbol(generator::Symbology::DataMatrix,
                                              generator::Gs1Content{kData, "09506000134352"}, true, error);
  EXPECT_TRUE(symbol) << error;
  cv::Mat m;
  cv::resize(symbol->modules, m, cv::Size(), modulePx, modulePx, cv::INTER_NEAREST);
  const int quiet = static_cast<int>(3 * modulePx);
  cv::copyMakeBorder(m, m, quiet, quiet, quiet, quiet, cv::BORDER_CONSTANT, cv::Scalar(255));
  m.convertTo(m, CV_8U, 170.0 / 255.0, 40);  // ink 40, paper 210
  if (blurSigma > 0) cv::GaussianBlur(m, m, cv::Size(0, 0), blurSigma);
  turnClockwise(m, turns, m);
  return m;
}

// What the reader does with the grids: the first that decodes, and where
// its top-left corner falls in the crop.
std::optional<std::pair<std::string, cv::Point2f>> firstRead(const cv::Mat& crop) {
  for (const RedrawnGrid& g : redrawDataMatrix(crop, 4, 4)) {
    ZxingAttempt a;
    a.formats = ZXing::BarcodeFormat::DataMatrix;
    a.binarizer = ZXing::Binarizer::FixedThreshold;
    a.pure = true;
    const auto r = decodeOne(g.image, a);
    if (!r) continue;
    const auto p = r->position()[0];
    const cv::Point2f drawn(static_cast<float>(p.x), static_cast<float>(p.y));
    const cv::Point2f inCrop = mapPoint(g.toCrop, drawn);
    return std::make_pair(std::string(r->bytes().begin(), r->bytes().end()), inCrop);
  }
  return std::nullopt;
}

class EveryQuarterTurn : public ::testing::TestWithParam<int> {};

TEST_P(EveryQuarterTurn, RedrawsAndReadsAClearSymbolWithItsCornerInPlace) {
  const int turns = GetParam();
  const cv::Mat crop = renderedDataMatrix(8, turns);
  const auto read = firstRead(crop);
  ASSERT_TRUE(read);
  EXPECT_NE(read->first.find("9506000134352"), std::string::npos) << read->first;
  // The symbol's own top-left corner (the clock track's end over the L's
  // upright arm) is where the turn put it, within a module.
  const float q = 24, side = 20 * 8;  // quiet zone and the 20x20 symbol's side, px
  const cv::Point2f expected[] = {{q, q}, {q + side, q}, {q + side, q + side}, {q, q + side}};
  EXPECT_NEAR(read->second.x, expected[turns].x, 8) << "turns " << turns;
  EXPECT_NEAR(read->second.y, expected[turns].y, 8) << "turns " << turns;
}

INSTANTIATE_TEST_SUITE_P(DataMatrixGrid, EveryQuarterTurn, ::testing::Values(0, 1, 2, 3));

TEST(DataMatrixGrid, RepairsAFinderArmAPrintheadStripeWiped) {
  // A stripe of paper 1.5 modules wide down the L's upright arm and into
  // the data beside it: ZXing's detector finds no L; the grid is redrawn
  // with the arm whole and Reed-Solomon correction takes the rest.
  for (const int turns : {0, 1, 2, 3}) {
    cv::Mat m = renderedDataMatrix(8, 0);
    cv::rectangle(m, cv::Rect(24 - 2, 0, 12, m.rows), cv::Scalar(210), cv::FILLED);
    turnClockwise(m, turns, m);
    ZxingAttempt plain;
    plain.formats = ZXing::BarcodeFormat::DataMatrix;
    plain.tryHarder = true;
    EXPECT_FALSE(decodeOne(m, plain)) << "the stripe should defeat the detector, turns " << turns;
    const auto read = firstRead(m);
    ASSERT_TRUE(read) << "turns " << turns;
    EXPECT_NE(read->first.find("ABC123"), std::string::npos);
  }
}

TEST(DataMatrixGrid, LeavesOutTheCornerOfABoxDrawnAroundTheSymbol) {
  // Labels draw boxes around their fields: the corner of one, a thin rule
  // along the top and down the right a module and a half from the symbol,
  // is ink far longer than thick; it must not be taken for the symbol's
  // extent or its clock track.
  for (const int turns : {0, 1, 2, 3}) {
    cv::Mat m = renderedDataMatrix(8, 0, 0);
    cv::copyMakeBorder(m, m, 8, 8, 8, 8, cv::BORDER_CONSTANT, cv::Scalar(210));
    const int gap = 12, top = 8 + 24 - gap - 4, right = m.cols - (8 + 24) + gap;
    cv::rectangle(m, cv::Rect(0, top, right + 4, 4), cv::Scalar(40), cv::FILLED);
    cv::rectangle(m, cv::Rect(right, top, 4, m.rows / 2), cv::Scalar(40), cv::FILLED);
    cv::GaussianBlur(m, m, cv::Size(0, 0), 1.5);
    turnClockwise(m, turns, m);
    const auto read = firstRead(m);
    ASSERT_TRUE(read) << "turns " << turns;
    EXPECT_NE(read->first.find("ABC123"), std::string::npos);
  }
}

TEST(DataMatrixGrid, ReadsARectangularSymbolThroughHeavyNoise) {
  // A rectangular symbol under sensor noise of 40 grey levels: the arms
  // and the extent also fit other sizes, which the grids' own finder and
  // clock tracks tell apart.
  std::string error;
  const auto symbol = generator::renderSymbol(generator::Symbology::DataMatrix,
                                              generator::Gs1Content{"(410)9506000830841(3300)053015", ""}, true, error);
  ASSERT_TRUE(symbol) << error;
  ASSERT_LT(symbol->modules.rows, symbol->modules.cols) << "a rectangular symbol";
  cv::Mat m;
  cv::resize(symbol->modules, m, cv::Size(), 8, 8, cv::INTER_NEAREST);
  cv::copyMakeBorder(m, m, 24, 24, 24, 24, cv::BORDER_CONSTANT, cv::Scalar(255));
  m.convertTo(m, CV_32F, 170.0 / 255.0, 40);
  cv::GaussianBlur(m, m, cv::Size(0, 0), 1.5);
  cv::Mat noise(m.size(), CV_32F);
  cv::RNG(3).fill(noise, cv::RNG::NORMAL, 0, 40);
  m += noise;
  m.convertTo(m, CV_8U);
  const auto read = firstRead(m);
  ASSERT_TRUE(read);
  EXPECT_NE(read->first.find("9506000830841"), std::string::npos) << read->first;
  // The grids come best first by how well their L and clock tracks show,
  // and the best is the symbol's own size.
  const auto grids = redrawDataMatrix(m, 4, 4);
  ASSERT_FALSE(grids.empty());
  for (std::size_t i = 1; i < grids.size(); ++i) EXPECT_GE(grids[i - 1].patternFit, grids[i].patternFit);
  EXPECT_EQ(grids[0].rows, symbol->modules.rows);
  EXPECT_EQ(grids[0].cols, symbol->modules.cols);
  EXPECT_GT(grids[0].patternFit, 0.8F);
}

TEST(DataMatrixGrid, FindsNoGridInBlankPaperOrNoise) {
  EXPECT_TRUE(redrawDataMatrix(cv::Mat(100, 100, CV_8U, cv::Scalar(200)), 4, 4).empty());
  EXPECT_TRUE(redrawDataMatrix(cv::Mat(), 4, 4).empty());
  EXPECT_TRUE(redrawDataMatrix(cv::Mat(100, 100, CV_32F, cv::Scalar(0)), 4, 4).empty());
  cv::Mat noise(120, 120, CV_8U);
  cv::RNG rng(5);
  rng.fill(noise, cv::RNG::UNIFORM, 0, 256);
  EXPECT_FALSE(firstRead(noise));
}

TEST(DataMatrixGrid, ReadsNothingWhenTooMuchIsWiped) {
  // A third of the symbol under paper: beyond what its error correction
  // can recover, so nothing may be returned.
  cv::Mat m = renderedDataMatrix(8, 0);
  cv::rectangle(m, cv::Rect(24 + 40, 0, 56, m.rows), cv::Scalar(210), cv::FILLED);
  EXPECT_FALSE(firstRead(m));
}

}  // namespace
}  // namespace gs1inspect::read
