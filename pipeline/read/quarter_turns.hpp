#pragma once
// Images turned by whole quarter turns, and the way back: the one table of
// OpenCV's rotations the readers and their tests use.

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

namespace gs1inspect::read {

/// `image` turned `turns` quarter turns clockwise (any integer, taken
/// modulo 4) into `out` (cv::rotate; a copy for 0). `out` may be `image`.
void turnClockwise(const cv::Mat& image, int turns, cv::Mat& out);

/// The affine map that takes a point of an image turned `turns` quarter
/// turns clockwise back to the same point of the unturned image, whose
/// size is `size`.
cv::Matx23f unturnMap(int turns, cv::Size size);

/// `p` mapped by the affine map `m` (cv::Matx product with (x, y, 1)).
inline cv::Point2f mapPoint(const cv::Matx23f& m, cv::Point2f p) {
  const cv::Vec2f q = m * cv::Vec3f(p.x, p.y, 1.0F);
  return {q[0], q[1]};
}

}  // namespace gs1inspect::read
