// Localisation alone: symbols among what a carton also shows (printed text,
// packing tape, the carton's edge against the belt) are found, each as one
// region whose outline holds the symbol within a stated tolerance.
#include "read/localiser.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "synthetic_frame.hpp"

namespace gs1inspect::read {
namespace {

using generator::Symbology;
using testing::SymbolTruth;

// How far a region may reach past its symbol's outline, and how far a
// corner of the symbol may stand outside the region: two cells of 8 px (a
// cell is found or not as a whole; a symbol's quiet zone has no edges).
constexpr float kOutlineTolerancePx = 16.0F;

// The corners of a bar field's rotated rectangle (frame px).
std::array<cv::Point2f, 4> corners(const Candidate& c) {
  const cv::Point2f u(std::cos(c.angle), std::sin(c.angle)), v(-u.y, u.x);
  return {c.centre - u * c.halfAcross - v * c.halfAlong, c.centre + u * c.halfAcross - v * c.halfAlong,
          c.centre + u * c.halfAcross + v * c.halfAlong, c.centre - u * c.halfAcross + v * c.halfAlong};
}

// Largest distance of a point of `inner` outside the convex polygon `outer`
// (0 when all are inside).
float outside(const std::array<cv::Point2f, 4>& inner, const std::array<cv::Point2f, 4>& outer) {
  const std::vector<cv::Point2f> polygon(outer.begin(), outer.end());
  float worst = 0;
  for (const auto& p : inner) worst = std::max(worst, static_cast<float>(-cv::pointPolygonTest(polygon, p, true)));
  return worst;
}

// The largest candidate of `kind` whose box holds the centre of `truth`
// (a 2D region may also come as a smaller core inside it, by design: an
// eroded level may split two symbols an earlier level joined).
std::optional<Candidate> regionOf(const std::vector<Candidate>& found, Candidate::Kind kind, const SymbolTruth& truth) {
  const cv::Point2f centre = (truth.quad[0] + truth.quad[2]) * 0.5F;
  std::optional<Candidate> match;
  for (const auto& c : found) {
    if (c.kind != kind || !c.box.contains(cv::Point(centre))) continue;
    if (!match || c.cells > match->cells) match = c;
  }
  return match;
}

class LocaliserOnACarton : public ::testing::Test {
 protected:
  void SetUp() override {
    // A carton (board grey 150) across the lower part of the belt; a
    // GS1-128 label standing on its top edge, a DataMatrix label turned
    // 25 degrees, lines of text on a third label, and a strip of clear
    // tape (lighter, glossy) across the board.
    frame_ = testing::syntheticFrame(
        {{Symbology::Gs1128, testing::sampleContent(Symbology::Gs1128), {620, 420}, 0, 3},
         {Symbology::DataMatrix, testing::sampleContent(Symbology::DataMatrix), {1450, 700}, 25, 4}},
        truth_);
    const float labelBottom = std::max(truth_[0].quad[2].y, truth_[0].quad[3].y) + 30;
    edgeY_ = labelBottom;
    cv::Mat board = frame_(cv::Rect(0, static_cast<int>(labelBottom), frame_.cols, frame_.rows - static_cast<int>(labelBottom)));
    cv::Mat boardMask = board < 100;  // the belt's grey, not the DataMatrix label
    board.setTo(cv::Scalar(150), boardMask);
    cv::rectangle(frame_, {200, 850}, {1000, 1100}, cv::Scalar(225), cv::FILLED);
    for (int line = 0; line < 5; ++line)
      cv::putText(frame_, "SHIP TO: HUB 7 LEIPZIG PO 21157724", {220, 890 + 45 * line}, cv::FONT_HERSHEY_SIMPLEX, 0.8,
                  cv::Scalar(20), 2);
    cv::Mat tape = frame_(cv::Rect(0, 1130, frame_.cols, 50));
    tape.convertTo(tape, -1, 0.6, 110);  // lighter, flatter
  }

  cv::Mat frame_;
  std::vector<SymbolTruth> truth_;
  float edgeY_ = 0;  // where the carton's edge runs across the frame
};

TEST_F(LocaliserOnACarton, FindsEachSymbolAsOneRegionAroundIt) {
  LocaliserScratch scratch;
  const std::vector<Candidate> found = localise(frame_, ReaderOptions{}, scratch);

  const auto bars = regionOf(found, Candidate::Kind::Bars, truth_[0]);
  ASSERT_TRUE(bars) << "the GS1-128 was not found";
  const auto barCorners = corners(*bars);
  EXPECT_LE(outside(truth_[0].quad, barCorners), kOutlineTolerancePx) << "the region cuts the symbol";
  EXPECT_LE(outside(barCorners, truth_[0].quad), kOutlineTolerancePx) << "the region reaches far past the symbol";
  // Across the bars is along x for an upright GS1-128.
  EXPECT_LT(std::abs(std::sin(bars->angle)), 0.05F) << bars->angle;

  const auto matrix = regionOf(found, Candidate::Kind::Matrix, truth_[1]);
  ASSERT_TRUE(matrix) << "the DataMatrix was not found";
  EXPECT_LE(outside(truth_[1].quad, matrix->region), kOutlineTolerancePx) << "the region cuts the symbol";
  // The region is the symbol's own turned rectangle, not its upright box.
  EXPECT_LE(outside(matrix->region, truth_[1].quad), 2 * kOutlineTolerancePx);
}

TEST_F(LocaliserOnACarton, TapeAndTheCartonEdgeGiveNoRegion) {
  // (Text may give regions: the readers judge them; see symbol_likeness.)
  LocaliserScratch scratch;
  const std::vector<Candidate> found = localise(frame_, ReaderOptions{}, scratch);
  for (const auto& c : found) {
    EXPECT_FALSE(c.centre.y > 1120) << "a region on the tape at (" << c.centre.x << "," << c.centre.y << ")";
    const bool onEdge = std::abs(c.centre.y - edgeY_) < 12 && (c.centre.x < 180 || c.centre.x > 1100);
    EXPECT_FALSE(onEdge) << "a region on the carton's edge at (" << c.centre.x << "," << c.centre.y << ")";
  }
}

TEST(Localiser, AnEmptyOrTinyFrameHasNoCandidates) {
  LocaliserScratch scratch;
  EXPECT_TRUE(localise(cv::Mat(1200, 1920, CV_8UC1, cv::Scalar(60)), ReaderOptions{}, scratch).empty());
  EXPECT_TRUE(localise(cv::Mat(10, 10, CV_8UC1, cv::Scalar(60)), ReaderOptions{}, scratch).empty());
}

}  // namespace
}  // namespace gs1inspect::read

namespace gs1inspect::read {
namespace {

// The cell measures as first written: each full-size measure made whole,
// then halved to cells by OpenCV's area resize.
cv::Mat halvedTo(const cv::Mat& m, int halvings, double scale) {
  cv::Mat in = m.clone(), next;
  for (int i = 0; i < halvings; ++i) {
    cv::resize(in, next, cv::Size(in.cols / 2, in.rows / 2), 0, 0, cv::INTER_AREA);
    in = next.clone();
  }
  cv::Mat out;
  in.convertTo(out, CV_32F, scale);
  return out;
}

// The one-pass first halving gives the cell measures, to the last bit,
// that the measures made one by one give: on noise (every grey level and
// difference), on sizes not a multiple of 16, at each cell size.
TEST(CellFeatures, EqualTheMeasuresMadeOneByOne) {
  cv::RNG rng(20261207);
  for (const cv::Size size : {cv::Size(1920, 1200), cv::Size(301, 177), cv::Size(642, 90)}) {
    cv::Mat grey(size, CV_8U);
    rng.fill(grey, cv::RNG::UNIFORM, 0, 256);
    // Some flat paper and full-range steps, as labels have.
    grey(cv::Rect(0, 0, size.width / 3, size.height / 2)).setTo(235);
    grey(cv::Rect(size.width / 2, size.height / 2, 7, size.height / 2)).setTo(0);
    for (const int cellPx : {4, 8, 16}) {
      LocaliserScratch scratch;
      const CellFeatures& g = cellFeatures(grey, cellPx, scratch);
      cv::Mat half;
      cv::resize(grey, half, cv::Size(grey.cols / 2, grey.rows / 2), 0, 0, cv::INTER_AREA);
      const int cell = cellPx / 2, halvings = cell == 2 ? 1 : cell == 4 ? 2 : 3;
      const int gw = (half.cols - 1) / cell, gh = (half.rows - 1) / cell;
      const cv::Rect area(0, 0, gw * cell, gh * cell);
      const cv::Mat a = half(area), right = half(area + cv::Point(1, 0)), down = half(area + cv::Point(0, 1)),
                    diagonal = half(area + cv::Point(1, 1));
      cv::Mat d0, d90, d45, d135, squares;
      cv::absdiff(right, a, d0);
      cv::absdiff(down, a, d90);
      cv::absdiff(diagonal, a, d45);
      cv::absdiff(down, right, d135);
      cv::multiply(a, a, squares, 1, CV_16U);
      const double diagonalScale = 1 / std::sqrt(2.0);
      const cv::Mat m0 = halvedTo(d0, halvings, 1), m90 = halvedTo(d90, halvings, 1);
      const cv::Mat m45 = halvedTo(d45, halvings, diagonalScale), m135 = halvedTo(d135, halvings, diagonalScale);
      const cv::Mat mean = halvedTo(a, halvings, 1), meanSquare = halvedTo(squares, halvings, 1);
      ASSERT_EQ(g.energy.size(), m0.size()) << size << " cell " << cellPx;
      int differing = 0;
      for (int y = 0; y < m0.rows; ++y)
        for (int x = 0; x < m0.cols; ++x) {
          const float e = m0.at<float>(y, x) + m90.at<float>(y, x);
          const float c = m0.at<float>(y, x) - m90.at<float>(y, x), s = m45.at<float>(y, x) - m135.at<float>(y, x);
          const float contrast =
              std::sqrt(std::max(0.0F, meanSquare.at<float>(y, x) - mean.at<float>(y, x) * mean.at<float>(y, x)));
          differing += g.energy.at<float>(y, x) != e || g.cos2.at<float>(y, x) != c || g.sin2.at<float>(y, x) != s ||
                       g.contrast.at<float>(y, x) != contrast;
        }
      EXPECT_EQ(differing, 0) << size << " cell " << cellPx;
    }
  }
}

}  // namespace
}  // namespace gs1inspect::read
