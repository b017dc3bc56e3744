#include "read/rectified_crop.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace gs1inspect::read {

void rectify(const cv::Mat& grey, cv::Point2f centre, float angle, float halfX, float halfY, float scaleX, float scaleY,
             RectifiedCrop& crop) {
  const cv::Point2f u(std::cos(angle), std::sin(angle));
  const cv::Point2f v(-u.y, u.x);
  crop.scaleX = scaleX;
  crop.scaleY = scaleY;
  const cv::Point2f origin = centre - u * halfX - v * halfY;
  crop.toFrame = cv::Matx23f(u.x / scaleX, v.x / scaleY, origin.x, u.y / scaleX, v.y / scaleY, origin.y);
  const cv::Size size(std::max(1, static_cast<int>(std::lround(2 * halfX * scaleX))),
                      std::max(1, static_cast<int>(std::lround(2 * halfY * scaleY))));
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

void stretchContrast(cv::Mat& image) {
  if (image.empty()) return;
  int histogram[256] = {};
  for (int y = 0; y < image.rows; ++y) {
    const auto* p = image.ptr<std::uint8_t>(y);
    for (int x = 0; x < image.cols; ++x) ++histogram[p[x]];
  }
  const long total = static_cast<long>(image.total());
  const long lowCount = total / 50, highCount = total - total / 50;
  int low = 0, high = 255;
  long seen = 0;
  for (int i = 0; i < 256; ++i) {
    seen += histogram[i];
    if (seen > lowCount) {
      low = i;
      break;
    }
  }
  seen = 0;
  for (int i = 0; i < 256; ++i) {
    seen += histogram[i];
    if (seen >= highCount) {
      high = i;
      break;
    }
  }
  if (high <= low) return;
  cv::Mat lut(1, 256, CV_8U);
  for (int i = 0; i < 256; ++i)
    lut.at<std::uint8_t>(i) = cv::saturate_cast<std::uint8_t>((i - low) * 255.0 / (high - low));
  cv::LUT(image, lut, image);
}

}  // namespace gs1inspect::read
