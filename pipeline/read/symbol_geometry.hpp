#pragma once
// Geometry a reader measures on pixels: where a decoded symbol is and how
// large its modules are (ZXing gives a linear symbol's position as one scan
// line; the outline and module size are measured here), which way a 2D
// symbol's grid runs and how far bars lean.

#include <array>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

namespace gs1inspect::read {

/// Outline of a linear symbol in crop coordinates (bars vertical), clockwise
/// from the symbol's own top-left: the decoded line extended up and down as
/// long as rows keep bar edges along it, then left and right as long as ink
/// follows within 3 modules of `modulePx` (the rows of a stacked symbol are
/// wider than the one row a decoder reports).
/// `upsideDown` when the symbol reads right to left in the crop.
std::array<cv::Point2f, 4> linearOutline(const cv::Mat& crop, float x0, float x1, float yTop, float yBottom,
                                         bool upsideDown, float modulePx);

/// Module size in pixels along the segment a-b of `image`: the mean of the
/// narrowest runs of ink and paper met along it. 0 when the segment holds
/// too few runs to tell.
float moduleAlong(const cv::Mat& image, cv::Point2f a, cv::Point2f b);

/// Module size in pixels of a 2D symbol with corners `quad` in `image`: the
/// median of moduleAlong() on six lines across it. 0 when too small.
float matrixModule(const cv::Mat& image, const std::array<cv::Point2f, 4>& quad);

/// The direction of a 2D symbol's module grid in `image` (radians, -45 to
/// 45 degrees): module edges run in two perpendicular directions, whose
/// gradient angles agree when multiplied by four.
float gridAngle(const cv::Mat& image);

/// How far the bars of an upright bar crop lean: crop pixels along x per
/// crop row, measured by correlating the edges of the upper and lower
/// thirds. 0 when the crop is too small to tell.
float barSlant(const cv::Mat& crop);

}  // namespace gs1inspect::read
