#include "read/symbol_likeness.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace gs1inspect::read {

namespace {

// A row of a bar field has contrast when its grey levels spread this much
// (standard deviation, grey levels): a stripe's blank row has sensor noise
// only.
constexpr double kMinRowSpread = 12.0;
// A row or column of a 2D crop is blank when less than this share of it is
// ink; ink is darker than the middle between the crop's paper and ink
// (its 95th and 5th percentiles).
constexpr double kBlankInkShare = 0.02;
// The blank bands a 2D symbol may hold in either direction (one stripe).
constexpr int kMaxSymbolGaps = 1;
// ... or less than this share of the median inked row or column: a row of
// a 2D symbol holds about half ink, the gap between two lines of text
// little.
constexpr double kGapOfMedian = 0.15;
// Print within this of upright (rad, 2 degrees) is judged as it is.
constexpr float kUprightRad = 0.035F;

// Number of runs of blank entries in `blank` between non-blank ones.
int interiorGaps(const std::vector<bool>& blank) {
  const auto first = std::find(blank.begin(), blank.end(), false);
  const auto last = std::find(blank.rbegin(), blank.rend(), false);
  if (first == blank.end()) return 0;
  const auto end = last.base();
  int gaps = 0;
  for (auto it = first; it != end; ++it) {
    if (*it && !*(it - 1)) ++gaps;
  }
  return gaps;
}

}  // namespace

float barConsistency(const cv::Mat& bands) {
  if (bands.empty() || bands.type() != CV_8U || bands.cols < 8) return 0;
  std::vector<cv::Mat> rows;
  for (int y = 0; y < bands.rows; ++y) {
    cv::Mat row;
    bands.row(y).convertTo(row, CV_32F);
    cv::Scalar mean, spread;
    cv::meanStdDev(row, mean, spread);
    if (spread[0] < kMinRowSpread) continue;
    rows.push_back((row - mean[0]) / spread[0]);
  }
  if (rows.size() < 2) return 0;
  std::vector<float> correlations;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    correlations.push_back(static_cast<float>(rows[i].dot(rows[i - 1]) / static_cast<double>(bands.cols)));
  }
  auto mid = correlations.begin() + static_cast<std::ptrdiff_t>(correlations.size() / 2);
  std::nth_element(correlations.begin(), mid, correlations.end());
  return *mid;
}

bool hasTextGaps(const cv::Mat& crop, float angleRad) {
  if (crop.empty() || crop.type() != CV_8U || crop.rows < 4 || crop.cols < 4) return false;
  std::vector<std::uint8_t> values(crop.begin<std::uint8_t>(), crop.end<std::uint8_t>());
  const auto at = [&](double q) {
    auto it = values.begin() + static_cast<std::ptrdiff_t>(q * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), it, values.end());
    return *it;
  };
  const int ink = at(0.05), paper = at(0.95);
  if (paper - ink < 2 * kMinRowSpread) return false;  // no print to judge
  // Rows along the print's own direction; what the turn brings in is paper.
  cv::Mat grey = crop;
  if (std::abs(angleRad) > kUprightRad) {
    const cv::Point2f centre(static_cast<float>(crop.cols) / 2, static_cast<float>(crop.rows) / 2);
    const cv::Mat turn = cv::getRotationMatrix2D(centre, angleRad * 180.0 / CV_PI, 1.0);
    cv::warpAffine(crop, grey, turn, crop.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(paper));
  }
  cv::Mat inked = grey < (ink + paper) / 2;  // 255 where ink
  cv::Mat perRow, perColumn;
  cv::reduce(inked, perRow, 1, cv::REDUCE_AVG, CV_64F);
  cv::reduce(inked, perColumn, 0, cv::REDUCE_AVG, CV_64F);
  // Blank: under kBlankInkShare, or under a share of the inked lines'
  // median (lines of text a little aslant leave no row quite empty).
  const auto blanks = [](const cv::Mat& shares) {
    std::vector<double> v(shares.begin<double>(), shares.end<double>());
    std::vector<double> withInk;
    for (double& x : v) {
      x /= 255.0;
      if (x >= kBlankInkShare) withInk.push_back(x);
    }
    double median = 0;
    if (!withInk.empty()) {
      auto mid = withInk.begin() + static_cast<std::ptrdiff_t>(withInk.size() / 2);
      std::nth_element(withInk.begin(), mid, withInk.end());
      median = *mid;
    }
    const double blank = std::max(kBlankInkShare, kGapOfMedian * median);
    std::vector<bool> out;
    for (double x : v) out.push_back(x < blank);
    return out;
  };
  return interiorGaps(blanks(perRow)) > kMaxSymbolGaps || interiorGaps(blanks(perColumn)) > kMaxSymbolGaps;
}

}  // namespace gs1inspect::read
