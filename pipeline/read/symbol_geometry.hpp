#pragma once
// The reader's own estimate of where a decoded symbol is and how large its
// modules are, from the crop it was read in. ZXing gives a linear symbol's
// position as one scan line; the outline and module size are measured here.

#include <array>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

namespace gs1inspect::read {

/// Outline of a linear symbol in crop coordinates, clockwise from the
/// symbol's own top-left: the decoded line's ends extended up and down as
/// long as rows keep bar edges between them. `upsideDown` when the symbol
/// reads right to left in the crop.
std::array<cv::Point2f, 4> linearOutline(const cv::Mat& crop, float x0, float x1, float yTop, float yBottom,
                                         bool upsideDown);

/// Module size in pixels along the segment a-b of `image`: the mean of the
/// narrowest runs of ink and paper met along it. 0 when the segment holds
/// too few runs to tell.
float moduleAlong(const cv::Mat& image, cv::Point2f a, cv::Point2f b);

}  // namespace gs1inspect::read
