#pragma once
// Upright crops of candidate regions at the scale the decoder reads best,
// and the way back to frame coordinates.

#include <array>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include "read/quarter_turns.hpp"

namespace gs1inspect::read {

/// A crop of the frame, rotated upright and scaled. Owns its pixels.
struct RectifiedCrop {
  cv::Mat image;                                   // 8-bit grey
  cv::Matx23f toFrame = cv::Matx23f(1, 0, 0, 0, 1, 0);  // crop px -> frame px
  float scaleX = 1;                                // crop px per frame px across / along the crop's x, y
  float scaleY = 1;

  cv::Point2f frameOf(cv::Point2f p) const { return mapPoint(toFrame, p); }
};

/// The rectangle centred at `centre`, with its x axis along `angle`
/// (radians) and half sizes `halfX`, `halfY` (frame px), resampled to
/// `scaleX`, `scaleY` crop pixels per frame pixel (linear interpolation;
/// outside the frame repeats the border), into `crop` (its buffer is reused).
void rectify(const cv::Mat& grey, cv::Point2f centre, float angle, float halfX, float halfY, float scaleX, float scaleY,
             RectifiedCrop& crop);

/// An axis-aligned crop scaled by `scale` (a copy even at 1), into `crop`.
void scaledCrop(const cv::Mat& grey, cv::Rect box, float scale, RectifiedCrop& crop);

}  // namespace gs1inspect::read
