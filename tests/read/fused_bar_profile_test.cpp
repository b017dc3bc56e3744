// The profile across bars fused from the rows that see each column, on
// libzint GS1-128 symbols drawn as bands of rows with a strap laid across
// them at a slant, glare over a corner, and rows of another symbol below.

#include "read/fused_bar_profile.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "read/code128_erasures.hpp"
#include "synthetic_frame.hpp"

namespace gs1inspect::read {
namespace {

constexpr float kInk = 40, kPaper = 215;
constexpr int kQuietModules = 10;
constexpr int kModulePx = 3;
constexpr int kRows = 30;  // bands of 6 px: a bar height of 180 px

const std::string kSscc = "(00)095060001343528129(400)PO-778812";

std::vector<bool> modulesOf(const std::string& bracketed) { return testing::gs1128Bars(bracketed); }

// `rows` bands of the symbol's bars with quiet zones, as floats.
cv::Mat bandsOf(const std::vector<bool>& bars, int rows) {
  const int cols = (static_cast<int>(bars.size()) + 2 * kQuietModules) * kModulePx;
  cv::Mat image(rows, cols, CV_32F, cv::Scalar(kPaper));
  for (int x = 0; x < cols; ++x) {
    const int module = x / kModulePx - kQuietModules;
    if (module >= 0 && module < static_cast<int>(bars.size()) && bars[static_cast<std::size_t>(module)]) {
      image.col(x).setTo(kInk);
    }
  }
  return image;
}

// A strap `widthPx` wide of grey `level` across every row, its left edge
// at `fromPx` in the first row, moving `travelPx` across by the last.
void strapOver(cv::Mat& image, float fromPx, float widthPx, float travelPx, float level) {
  for (int y = 0; y < image.rows; ++y) {
    const float left = fromPx + travelPx * static_cast<float>(y) / static_cast<float>(image.rows - 1);
    for (int x = 0; x < image.cols; ++x) {
      if (static_cast<float>(x) >= left && static_cast<float>(x) < left + widthPx) image.at<float>(y, x) = level;
    }
  }
}

// Blur across the bars and sensor noise (seeded), to 8-bit.
cv::Mat finished(const cv::Mat& image, double noise) {
  cv::Mat blurred;
  cv::GaussianBlur(image, blurred, cv::Size(0, 0), 0.8, 0.01, cv::BORDER_REPLICATE);
  cv::Mat grain(image.size(), CV_32F);
  cv::RNG random(7);
  random.fill(grain, cv::RNG::NORMAL, 0.0, noise);
  cv::Mat out;
  cv::Mat(blurred + grain).convertTo(out, CV_8U);
  return out;
}

// Columns of the symbol (quiet zones left out) whose level falls on the
// wrong side of mid-grey.
int wrongColumns(const std::vector<float>& levels, const std::vector<bool>& bars) {
  int wrong = 0;
  for (int x = kQuietModules * kModulePx; x < (kQuietModules + static_cast<int>(bars.size())) * kModulePx; ++x) {
    const bool bar = bars[static_cast<std::size_t>(x / kModulePx - kQuietModules)];
    const bool dark = levels[static_cast<std::size_t>(x)] < 0.5F * (kInk + kPaper);
    // An edge's own column may go either way under the blur.
    const bool atEdge = x % kModulePx == 0 || x % kModulePx == kModulePx - 1;
    if (bar != dark && !atEdge) ++wrong;
  }
  return wrong;
}

TEST(FusedBarProfile, BarsNothingHidesAreTheirOwnProfile) {
  const auto bars = modulesOf(kSscc);
  const cv::Mat bands = finished(bandsOf(bars, kRows), 4.0);
  const FusedBarProfile fused = fuseBarRows(bands, 0.0F);
  // A column at the symbol's outer edges may come and go with the noise.
  EXPECT_LE(fused.columnsSeenElsewhere, 2);
  EXPECT_EQ(fused.firstRow, 0);
  EXPECT_EQ(fused.lastRow, kRows - 1);
  EXPECT_EQ(wrongColumns(fused.levels, bars), 0);
}

TEST(FusedBarProfile, AStrapAtASlantHidesNoColumnFromEveryRow) {
  const auto bars = modulesOf(kSscc);
  // A dark strap and white tape, 56 px wide (14 mm at 4 px/mm: two characters
  // and more), moving 64 px across the bars' height: each column is
  // hidden in up to 90% of the rows.
  for (const float level : {60.0F, 200.0F}) {
    cv::Mat image = bandsOf(bars, kRows);
    strapOver(image, 150.0F, 56.0F, 64.0F, level);
    const cv::Mat bands = finished(image, 4.0);
    const FusedBarProfile fused = fuseBarRows(bands, 0.0F);
    EXPECT_GT(fused.columnsSeenElsewhere, 100) << "strap grey " << level;
    EXPECT_EQ(wrongColumns(fused.levels, bars), 0) << "strap grey " << level;
    const auto read = readCode128WithErasures(fused.levels, testing::gs1ElementsHold);
    ASSERT_TRUE(read) << "strap grey " << level;
    EXPECT_EQ(read->data, testing::gs1128Data(kSscc));
  }
}

TEST(FusedBarProfile, ColumnsEveryRowHidesStayPaper) {
  const auto bars = modulesOf(kSscc);
  cv::Mat image = bandsOf(bars, kRows);
  strapOver(image, 200.0F, 60.0F, 20.0F, 60.0F);  // almost along the bars: 40 px hidden in every row
  const FusedBarProfile fused = fuseBarRows(finished(image, 4.0), 0.0F);
  int paper = 0;
  for (int x = 225; x < 255; ++x) paper += fused.levels[static_cast<std::size_t>(x)] == 255.0F ? 1 : 0;
  EXPECT_EQ(paper, 30);

}

TEST(FusedBarProfile, GlareOverPartOfTheBarsIsSeenPast) {
  const auto bars = modulesOf(kSscc);
  cv::Mat image = bandsOf(bars, kRows);
  // A saturated disk over the top half of a stretch of the symbol, a rim
  // of fading contrast around it.
  const cv::Point2f centre(250.0F, 4.0F);
  for (int y = 0; y < image.rows; ++y) {
    for (int x = 0; x < image.cols; ++x) {
      const float d = std::hypot((static_cast<float>(x) - centre.x) / 8.0F, static_cast<float>(y) - centre.y);
      const float glare = std::clamp(1.4F - d / 10.0F, 0.0F, 1.0F);
      image.at<float>(y, x) = std::min(255.0F, image.at<float>(y, x) + glare * 255.0F);
    }
  }
  const cv::Mat bands = finished(image, 3.0);
  const FusedBarProfile fused = fuseBarRows(bands, 0.0F);
  EXPECT_GT(fused.columnsSeenElsewhere, 50);
  EXPECT_EQ(wrongColumns(fused.levels, bars), 0);
  const auto read = readCode128WithErasures(fused.levels, testing::gs1ElementsHold);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->data, testing::gs1128Data(kSscc));
}

TEST(FusedBarProfile, RowsOfAnotherSymbolBelowAreNotFused) {
  const auto bars = modulesOf(kSscc);
  const auto other = modulesOf("(01)09506000134352(17)271231(10)AB12CD");
  cv::Mat image = bandsOf(bars, kRows);
  strapOver(image, 150.0F, 56.0F, 100.0F, 60.0F);
  cv::Mat below = bandsOf(other, 12);
  cv::Mat gap(3, image.cols, CV_32F, cv::Scalar(kPaper));
  below = below.colRange(0, std::min(below.cols, image.cols)).clone();
  if (below.cols < image.cols) cv::hconcat(below, cv::Mat(12, image.cols - below.cols, CV_32F, cv::Scalar(kPaper)), below);
  cv::Mat both;
  cv::vconcat(std::vector<cv::Mat>{image, gap, below}, both);
  const FusedBarProfile fused = fuseBarRows(finished(both, 4.0), 0.0F);
  EXPECT_EQ(fused.firstRow, 0);
  EXPECT_EQ(fused.lastRow, kRows - 1);
  EXPECT_EQ(wrongColumns(fused.levels, bars), 0);
}

TEST(FusedBarProfile, BarsThatLeanAreStoodUpright) {
  const auto bars = modulesOf(kSscc);
  cv::Mat image = bandsOf(bars, kRows);
  strapOver(image, 150.0F, 56.0F, 100.0F, 60.0F);
  // Each row shifted right by 0.2 px per row: the bars lean by 6 px.
  cv::Mat leaning(image.size(), CV_32F);
  for (int y = 0; y < image.rows; ++y) {
    const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, 0.2 * (y + 0.5), 0, 1, 0);
    cv::warpAffine(image.row(y), leaning.row(y), shift, cv::Size(image.cols, 1), cv::INTER_LINEAR,
                   cv::BORDER_REPLICATE);
  }
  const FusedBarProfile fused = fuseBarRows(finished(leaning, 4.0), 0.2F);
  EXPECT_EQ(wrongColumns(fused.levels, bars), 0);
}

}  // namespace
}  // namespace gs1inspect::read
