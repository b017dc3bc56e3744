// The pieces the readers build on, each on an image whose answer is known:
// the rectified crop and its way back to the frame, quarter turns, grey
// levels, and symbol geometry (module size, outline, grid direction, lean).
#include <cmath>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "read/grey_levels.hpp"
#include "read/quarter_turns.hpp"
#include "read/rectified_crop.hpp"
#include "read/symbol_geometry.hpp"

namespace gs1inspect::read {
namespace {

constexpr float kPi = 3.14159265F;

// A frame with a gradient (every pixel a different level along x and y) to
// tell where a crop's pixels came from.
cv::Mat gradientFrame() {
  cv::Mat frame(400, 600, CV_8UC1);
  for (int y = 0; y < frame.rows; ++y)
    for (int x = 0; x < frame.cols; ++x) frame.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>((x / 3 + 7 * (y / 5)) % 256);
  return frame;
}

// Upright bars (dark 30 on 220): `widths` in modules, alternating bar and
// space, starting at x = `left`, `module` px each, rows [top, bottom).
cv::Mat barsImage(const std::vector<int>& widths, int module, int left, int top, int bottom, cv::Size size) {
  cv::Mat image(size, CV_8UC1, cv::Scalar(220));
  int x = left;
  for (std::size_t i = 0; i < widths.size(); ++i) {
    const int w = widths[i] * module;
    if (i % 2 == 0) image(cv::Rect(x, top, w, bottom - top)).setTo(30);
    x += w;
  }
  return image;
}

TEST(RectifiedCrop, MapsEveryCropPixelBackToWhereItCameFrom) {
  const cv::Mat frame = gradientFrame();
  for (const float degrees : {0.0F, 90.0F, 180.0F, 270.0F, 30.0F, -65.0F}) {
    RectifiedCrop crop;
    const float angle = degrees * kPi / 180;
    rectify(frame, {300, 200}, angle, 60, 40, 1.0F, 1.0F, crop);
    ASSERT_EQ(crop.image.size(), cv::Size(120, 80)) << degrees;
    // The crop's x axis runs along `angle` in the frame.
    const cv::Point2f o = crop.frameOf({0, 0}), dx = crop.frameOf({1, 0}) - o;
    EXPECT_NEAR(dx.x, std::cos(angle), 1e-4) << degrees;
    EXPECT_NEAR(dx.y, std::sin(angle), 1e-4) << degrees;
    // Pixels away from the crop's edges hold the frame's level where
    // frameOf says they came from (exactly at quarter turns: a copy).
    for (const cv::Point p : {cv::Point(10, 10), cv::Point(60, 40), cv::Point(100, 70)}) {
      const cv::Point2f f = crop.frameOf(cv::Point2f(p));
      const int expected = frame.at<std::uint8_t>(cvRound(f.y), cvRound(f.x));
      const int got = crop.image.at<std::uint8_t>(p);
      if (std::fmod(degrees, 90.0F) == 0) {
        EXPECT_EQ(got, expected) << degrees << " at " << p;
      } else {
        EXPECT_NEAR(got, expected, 8) << degrees << " at " << p;
      }
    }
  }
}

TEST(RectifiedCrop, ScalesAndStaysWithinTheFrameAtItsEdge) {
  const cv::Mat frame = gradientFrame();
  RectifiedCrop crop;
  rectify(frame, {300, 200}, 0, 50, 20, 2.0F, 1.0F, crop);
  EXPECT_EQ(crop.image.size(), cv::Size(200, 40));
  EXPECT_NEAR(crop.frameOf({200, 0}).x - crop.frameOf({0, 0}).x, 100, 1e-3);
  // Half outside the frame: the border repeats, nothing is read outside.
  rectify(frame, {5, 5}, 0.3F, 30, 30, 1.0F, 1.0F, crop);
  EXPECT_EQ(crop.image.size(), cv::Size(60, 60));
  scaledCrop(frame, cv::Rect(-20, 390, 100, 100), 1.0F, crop);
  EXPECT_EQ(crop.image.size(), cv::Size(80, 10));  // clipped to the frame
  EXPECT_EQ(crop.frameOf({0, 0}), cv::Point2f(0, 390));
}

TEST(QuarterTurns, TurnAndTurnBackAreInverse) {
  const cv::Mat image = gradientFrame()(cv::Rect(0, 0, 7, 4)).clone();
  for (int turns = 0; turns < 4; ++turns) {
    cv::Mat turned;
    turnClockwise(image, turns, turned);
    EXPECT_EQ(turned.size(), turns % 2 == 0 ? image.size() : cv::Size(4, 7)) << turns;
    const cv::Matx23f back = unturnMap(turns, image.size());
    for (int y = 0; y < turned.rows; ++y)
      for (int x = 0; x < turned.cols; ++x) {
        const cv::Point2f p = mapPoint(back, cv::Point2f(static_cast<float>(x), static_cast<float>(y)));
        EXPECT_EQ(turned.at<std::uint8_t>(y, x), image.at<std::uint8_t>(cvRound(p.y), cvRound(p.x))) << turns;
      }
  }
  cv::Mat once, again;
  turnClockwise(image, -1, once);
  turnClockwise(image, 3, again);
  EXPECT_EQ(cv::countNonZero(once != again), 0);
}

TEST(GreyLevels, StretchCountAndLevel) {
  cv::Mat image = barsImage({1, 1, 2, 1, 3, 1, 1, 2, 1, 1}, 4, 20, 0, 10, {100, 10});
  image.convertTo(image, -1, 0.25, 100);  // ink 107, paper 155: a faded print
  stretchContrast(image);
  double lo, hi;
  cv::minMaxLoc(image, &lo, &hi);
  EXPECT_EQ(lo, 0);
  EXPECT_EQ(hi, 255);
  // Ten elements, nine edges between them and one each side of them.
  EXPECT_EQ(mostTransitions(image).count, 10);
  cv::Mat bands;
  bandMeans(image, 2, bands);
  EXPECT_EQ(bands.size(), cv::Size(100, 2));
  std::vector<int> flips;
  const std::uint8_t row[] = {200, 200, 120, 90, 120, 200, 135, 200};
  inkFlips(row, 8, 112, 144, flips);
  EXPECT_EQ(flips, (std::vector<int>{3, 5}));  // 120 and 135 are within the hysteresis
  const cv::Mat histogram = greyHistogram(image);
  EXPECT_EQ(levelReaching(histogram, 1), 0);
  EXPECT_EQ(levelReaching(histogram, static_cast<double>(image.total())), 255);
}

TEST(SymbolGeometry, ModuleSizeAndOutlineOfBars) {
  // A Code 128-like run of elements at 3 px modules, rows 20-80.
  const std::vector<int> widths = {2, 1, 1, 2, 3, 2, 1, 1, 2, 3, 1, 1, 4, 1, 1, 2, 2, 1, 2, 3, 1, 1, 2, 2, 1};
  const int module = 3;
  const cv::Mat image = barsImage(widths, module, 40, 20, 80, {300, 100});
  EXPECT_NEAR(moduleAlong(image, {30, 50}, {270, 50}), 3.0F, 0.4F);
  int width = 0;
  for (int w : widths) width += w * module;
  // The decoder saw one row; the outline grows to the bars' full height.
  const auto q = linearOutline(image, 40, static_cast<float>(40 + width), 49, 51, false, 3.0F);
  EXPECT_NEAR(q[0].x, 40, 2);
  EXPECT_NEAR(q[1].x, 40 + width, 2);
  EXPECT_NEAR(q[0].y, 20, 2);
  EXPECT_NEAR(q[2].y, 80, 2);
  // Upside down: the same box, its corners from the other end.
  const auto r = linearOutline(image, 40, static_cast<float>(40 + width), 49, 51, true, 3.0F);
  EXPECT_NEAR(r[0].x, q[2].x, 0.01);
  EXPECT_NEAR(r[0].y, q[2].y, 0.01);
  EXPECT_EQ(moduleAlong(image, {30, 50}, {34, 50}), 0.0F);  // too short to tell
}

TEST(SymbolGeometry, BarsThatLeanAreMeasured) {
  // Bars leaning 0.05 px across per row (about 3 degrees).
  cv::Mat image(60, 200, CV_8UC1, cv::Scalar(220));
  for (int y = 0; y < image.rows; ++y)
    for (int k = 0; k < 12; ++k) {
      const int x0 = 30 + 12 * k + (k % 3) * 2 + static_cast<int>(std::lround(0.05 * y));
      image(cv::Rect(x0, y, 3 + (k % 2) * 3, 1)).setTo(30);
    }
  EXPECT_NEAR(barSlant(image), 0.05F, 0.02F);
  EXPECT_EQ(barSlant(image(cv::Rect(0, 0, 20, 8))), 0.0F);  // too small to tell
}

TEST(SymbolGeometry, GridDirectionAndModuleOfA2dSymbol) {
  // A checkerboard of 6 px modules, turned 20 degrees.
  cv::Mat board(240, 240, CV_8UC1);
  for (int y = 0; y < board.rows; ++y)
    for (int x = 0; x < board.cols; ++x) board.at<std::uint8_t>(y, x) = ((x / 6 + y / 6) % 2) != 0 ? 30 : 220;
  cv::Mat turned;
  const cv::Mat rotation = cv::getRotationMatrix2D({120, 120}, 20, 1.0);
  cv::warpAffine(board, turned, rotation, board.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT);
  const cv::Mat middle = turned(cv::Rect(60, 60, 120, 120));
  // gridAngle reports the rows' direction in image axes (y down): a turn
  // of 20 degrees counter-clockwise on screen is -20 degrees there.
  EXPECT_NEAR(gridAngle(middle) * 180 / kPi, -20.0F, 1.5F);
  EXPECT_NEAR(gridAngle(board(cv::Rect(0, 0, 120, 120))), 0.0F, 0.02F);
  const std::array<cv::Point2f, 4> square = {cv::Point2f(30, 30), {210, 30}, {210, 210}, {30, 210}};
  EXPECT_NEAR(matrixModule(board, square), 6.0F, 0.6F);
}

}  // namespace
}  // namespace gs1inspect::read
