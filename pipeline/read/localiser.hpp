#pragma once
// Localisation: where in a frame symbols may be, found cheaply on a grid of
// cells before any decoder runs.
//
// Each cell (ReaderOptions::cellPx square) gets the mean absolute grey
// difference in four directions on a half-size copy of the frame. Their
// imbalance gives the edge orientation and its coherence: a bar field has
// strong edges all in one direction, a 2D symbol strong edges in both and
// no preferred one. Connected cells of each kind are candidates.

#include <array>
#include <vector>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include "read/reader_options.hpp"

namespace gs1inspect::read {

/// A region that may hold a symbol. Plain value, frame coordinates.
struct Candidate {
  enum class Kind { Bars, Matrix };
  Kind kind = Kind::Bars;
  cv::Point2f centre;
  /// Bars: direction across the bars (radians, image axes, y down), and the
  /// half extents across (along `angle`) and along the bars. Matrix: 0 (the
  /// reader measures the module grid's direction on the pixels).
  float angle = 0;
  float halfAcross = 0;
  float halfAlong = 0;
  /// Axis-aligned bounds of the cells, clipped to the frame.
  cv::Rect box;
  /// Matrix: the rectangle (any angle) around the region's cells with one
  /// cell to spare, frame coordinates; what lies outside it is not the
  /// symbol.
  std::array<cv::Point2f, 4> region{};
  int cells = 0;         // cells in the region
  float strength = 0;    // mean edge energy of its cells (grey levels per pixel)
  /// Bars: a field seen only with cells too faint for ink (bars smeared
  /// along the belt); read only once the smear is measured and undone.
  bool faint = false;
};

/// Per-cell measures of a frame, on a grid of `cellPx` squares.
struct CellFeatures {
  int cellPx = 8;
  cv::Mat energy;     // CV_32F: mean |grey difference| between neighbours along x plus along y
  cv::Mat cos2;       // CV_32F: doubled-angle vector of the edge direction (unnormalised)
  cv::Mat sin2;
  cv::Mat coherence;  // CV_32F: 0 (no preferred direction) to about 0.4 (all edges parallel)
  cv::Mat contrast;   // CV_32F: standard deviation of grey levels in the cell
};

/// Working buffers of the localiser, kept between frames so that a frame
/// allocates nothing once the sizes are known. Not shared between threads.
struct LocaliserScratch {
  cv::Mat half;
  cv::Mat firstHalves[6];  // the six block means' first halving
  cv::Mat halves[6][2];    // their further halvings
  cv::Mat means[6];
  CellFeatures features;
  cv::Mat bars, matrix, faint, closed, levels[3];  // cell masks
  std::vector<std::uint8_t> seen;           // region growing
  std::vector<cv::Vec2f> directions;
  std::vector<int> stack;
};

/// The cell measures of `grey` (8-bit, one channel). `cellPx` is 4, 8 or 16.
/// The result lives in `scratch.features`.
const CellFeatures& cellFeatures(const cv::Mat& grey, int cellPx, LocaliserScratch& scratch);

/// Candidates in `grey` (8-bit, one channel), strongest first.
std::vector<Candidate> localise(const cv::Mat& grey, const ReaderOptions& options, LocaliserScratch& scratch);

}  // namespace gs1inspect::read
