#pragma once
// Upright crops of candidate regions at the scale the decoder reads best,
// and the way back to frame coordinates.

#include <array>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

namespace gs1inspect::read {

/// A crop of the frame, rotated upright and scaled. Owns its pixels.
struct RectifiedCrop {
  cv::Mat image;                                   // 8-bit grey
  cv::Matx23f toFrame = cv::Matx23f(1, 0, 0, 0, 1, 0);  // crop px -> frame px
  float scaleX = 1;                                // crop px per frame px across / along the crop's x, y
  float scaleY = 1;

  cv::Point2f frameOf(cv::Point2f p) const {
    return {toFrame(0, 0) * p.x + toFrame(0, 1) * p.y + toFrame(0, 2),
            toFrame(1, 0) * p.x + toFrame(1, 1) * p.y + toFrame(1, 2)};
  }
};

/// The rectangle centred at `centre`, with its x axis along `angle`
/// (radians) and half sizes `halfX`, `halfY` (frame px), resampled to
/// `scaleX`, `scaleY` crop pixels per frame pixel (linear interpolation;
/// outside the frame repeats the border), into `crop` (its buffer is reused).
void rectify(const cv::Mat& grey, cv::Point2f centre, float angle, float halfX, float halfY, float scaleX, float scaleY,
             RectifiedCrop& crop);

/// An axis-aligned crop scaled by `scale` (a copy even at 1), into `crop`.
void scaledCrop(const cv::Mat& grey, cv::Rect box, float scale, RectifiedCrop& crop);

/// Stretches grey levels so the 2nd and 98th percentiles become 0 and 255:
/// a fixed threshold then falls between the crop's own ink and paper.
void stretchContrast(cv::Mat& image);

}  // namespace gs1inspect::read

namespace gs1inspect::read {

/// The direction of a 2D symbol's module grid in `image` (radians, -45 to
/// 45 degrees): module edges run in two perpendicular directions, whose
/// gradient angles agree when multiplied by four.
float gridAngle(const cv::Mat& image);

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

/// How far the bars of an upright bar crop lean: crop pixels along x per
/// crop row, measured by correlating the edges of the upper and lower
/// thirds. 0 when the crop is too small to tell.
float barSlant(const cv::Mat& crop);

}  // namespace gs1inspect::read
