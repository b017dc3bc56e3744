#pragma once
// What the DataMatrix and QR grid readers share: a symbol's ink found in
// an upright crop, a module grid laid over it and sampled, and a grid
// redrawn clean for the decoder.

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

namespace gs1inspect::read {

/// Modules narrower than this (px at the frame's own resolution) are not
/// resolved by the camera.
inline constexpr float kMinModulePx = 1.5F;

/// The ink of a crop (8-bit grey, dark on light) and its extent.
struct Ink {
  cv::Mat mask;  // 255 where darker than the threshold (Otsu), specks and rules removed
  double threshold = 0;
  int x0 = 0, x1 = 0, y0 = 0, y1 = 0;  // columns and rows holding ink, [x0, x1) x [y0, y1)
};

/// Finds the ink of `image` at the frame's own resolution (the rules
/// removed are up to 4 px thick). False when there is too little of it
/// (an extent under 8 px either way).
bool findInk(const cv::Mat& image, Ink& ink);

/// How cleanly a grid of `rows` x `cols` modules over `symbol` samples
/// `image` (8-bit): the mean distance of its module centres' grey from
/// `threshold`. A grid off by a fraction of a module samples edges, close
/// to the threshold.
float gridContrast(const cv::Mat& image, const cv::Rect2f& symbol, int rows, int cols, double threshold);

/// `symbol` with each edge moved by up to a third of a module, one edge at
/// a time, to where the grid samples most cleanly.
cv::Rect2f refineExtent(const cv::Mat& image, cv::Rect2f symbol, int rows, int cols, double threshold);

/// The modules of a `rows` x `cols` grid over `symbol`, sampled in
/// `image` (8-bit): CV_8U, 1 where the middle half of the module (each
/// way) is on average darker than `threshold`.
cv::Mat sampleModules(const cv::Mat& image, const cv::Rect2f& symbol, int rows, int cols, double threshold);

/// As sampleModules, from the one pixel at each module's centre: a
/// coarse look at many grid hypotheses.
cv::Mat sampleModuleCentres(const cv::Mat& image, const cv::Rect2f& symbol, int rows, int cols, double threshold);

/// Draws `dark` (CV_8U, 1 for a dark module) at `modulePx` per module with
/// a 2-module quiet zone into `image` (8-bit, black on white).
void drawModules(const cv::Mat& dark, int modulePx, cv::Mat& image);

}  // namespace gs1inspect::read
