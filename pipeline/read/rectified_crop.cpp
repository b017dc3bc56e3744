#include "read/rectified_crop.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "read/quarter_turns.hpp"

namespace gs1inspect::read {

namespace {

// Angles within this of a multiple of 90 degrees are read without
// resampling (radians; 1.5 degrees leans bars by 0.16 px over a 6 px band
// of the reader's averaged rows).
constexpr float kAxisSnap = 0.026F;

// The crop of an axis-aligned rectangle at scale 1: a copy of frame pixels,
// turned by a multiple of 90 degrees (quarter turns counter-clockwise of
// the crop's x axis from the frame's). False when it leaves the frame.
bool axisCrop(const cv::Mat& grey, cv::Point origin, int quarter, cv::Size size, cv::Mat& out) {
  const int w = size.width, h = size.height;
  cv::Rect roi;
  switch (quarter) {
    case 0: roi = cv::Rect(origin.x, origin.y, w, h); break;
    case 1: roi = cv::Rect(origin.x - (h - 1), origin.y, h, w); break;
    case 2: roi = cv::Rect(origin.x - (w - 1), origin.y - (h - 1), w, h); break;
    default: roi = cv::Rect(origin.x, origin.y - (w - 1), h, w); break;
  }
  if ((roi & cv::Rect(0, 0, grey.cols, grey.rows)) != roi) return false;
  // The crop's x axis turned counter-clockwise: its pixels turned back.
  turnClockwise(grey(roi), -quarter, out);
  return true;
}

}  // namespace

void rectify(const cv::Mat& grey, cv::Point2f centre, float angle, float halfX, float halfY, float scaleX, float scaleY,
             RectifiedCrop& crop) {
  const cv::Size size(std::max(1, static_cast<int>(std::lround(2 * halfX * scaleX))),
                      std::max(1, static_cast<int>(std::lround(2 * halfY * scaleY))));
  crop.scaleX = scaleX;
  crop.scaleY = scaleY;
  const float quarterTurns = angle / static_cast<float>(CV_PI / 2);
  const float nearest = std::round(quarterTurns);
  if (scaleX == 1.0F && scaleY == 1.0F && std::abs(quarterTurns - nearest) * static_cast<float>(CV_PI / 2) < kAxisSnap) {
    const int quarter = ((static_cast<int>(nearest) % 4) + 4) % 4;
    static constexpr int kCos[] = {1, 0, -1, 0};
    static constexpr int kSin[] = {0, 1, 0, -1};
    const cv::Point2f u(static_cast<float>(kCos[quarter]), static_cast<float>(kSin[quarter]));
    const cv::Point2f v(-u.y, u.x);
    const cv::Point2f corner = centre - u * halfX - v * halfY;
    const cv::Point origin(static_cast<int>(std::lround(corner.x)), static_cast<int>(std::lround(corner.y)));
    if (axisCrop(grey, origin, quarter, size, crop.image)) {
      crop.toFrame = cv::Matx23f(u.x, v.x, static_cast<float>(origin.x), u.y, v.y, static_cast<float>(origin.y));
      return;
    }
  }
  const cv::Point2f u(std::cos(angle), std::sin(angle));
  const cv::Point2f v(-u.y, u.x);
  const cv::Point2f origin = centre - u * halfX - v * halfY;
  crop.toFrame = cv::Matx23f(u.x / scaleX, v.x / scaleY, origin.x, u.y / scaleX, v.y / scaleY, origin.y);
  cv::warpAffine(grey, crop.image, cv::Mat(crop.toFrame), size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                 cv::BORDER_REPLICATE);
}

void scaledCrop(const cv::Mat& grey, cv::Rect box, float scale, RectifiedCrop& crop) {
  box &= cv::Rect(0, 0, grey.cols, grey.rows);
  crop.scaleX = crop.scaleY = scale;
  crop.toFrame = cv::Matx23f(1 / scale, 0, static_cast<float>(box.x), 0, 1 / scale, static_cast<float>(box.y));
  if (box.empty()) {
    crop.image.release();
    return;
  }
  if (scale == 1.0F)
    grey(box).copyTo(crop.image);
  else
    cv::resize(grey(box), crop.image, cv::Size(), scale, scale, cv::INTER_LINEAR);
}

}  // namespace gs1inspect::read
