#pragma once
// Operations on the grey levels of 8-bit crops that the readers share:
// contrast stretched to the crop's own ink and paper, light levelled along
// rows, rows averaged in bands, a region isolated on paper, and ink/paper
// transitions counted with hysteresis. Each takes an image and returns an
// image or a number; none keeps state.

#include <array>
#include <cstdint>
#include <vector>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

namespace gs1inspect::read {

/// The 256-bin histogram of an 8-bit image (cv::calcHist), counting only
/// pixels where `mask` (8-bit, same size) is non-zero when it is given.
/// CV_32F, 256 x 1.
cv::Mat greyHistogram(const cv::Mat& image, const cv::Mat& mask = cv::Mat());

/// The lowest grey level at which `histogram` (from greyHistogram) has
/// counted at least `count` pixels; 255 when it never does.
int levelReaching(const cv::Mat& histogram, double count);

/// Stretches grey levels so the 2nd and 98th percentiles become 0 and 255:
/// a fixed threshold then falls between the crop's own ink and paper.
void stretchContrast(cv::Mat& image);

/// Paints everything outside the polygon `inside` (crop coordinates) the
/// paper grey of what is inside (its 90th percentile): a 2D symbol alone
/// on blank paper, without the label edges and text around it.
void isolate(cv::Mat& image, const std::array<cv::Point2f, 4>& inside);

/// The means of `bands` equal bands of rows of `image` (8-bit), one row
/// each, into `out` (8-bit, bands x image.cols).
void bandMeans(const cv::Mat& image, int bands, cv::Mat& out);

/// `image` with its light level evened out along each row: every pixel
/// rescaled between the darkest and lightest within `window` pixels of it
/// on its row, so that one threshold fits a symbol under uneven light.
void levelRows(const cv::Mat& image, int window, cv::Mat& out);

/// Where a run of `n` grey levels turns between ink and paper, with
/// hysteresis: paper turns to ink below `low`, ink to paper above `high`;
/// the first level is ink when under the middle of the two. The indexes of
/// the levels where it turns, into `flips` (cleared first).
void inkFlips(const std::uint8_t* levels, int n, int low, int high, std::vector<int>& flips);

/// The row of `bands` (8-bit, contrast stretched: ink near 0, paper near
/// 255) with the most ink/paper transitions (inkFlips between 112 and 144):
/// how many, and how many per pixel between its first and last.
struct Transitions {
  int count = 0;
  float perPx = 0;
};
Transitions mostTransitions(const cv::Mat& bands);

}  // namespace gs1inspect::read
