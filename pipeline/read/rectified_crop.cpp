#include "read/rectified_crop.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

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
  const cv::Mat view = grey(roi);
  switch (quarter) {
    case 0: view.copyTo(out); break;
    case 1: cv::transpose(view, out), cv::flip(out, out, 0); break;
    case 2: cv::flip(view, out, -1); break;
    default: cv::transpose(view, out), cv::flip(out, out, 1); break;
  }
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

namespace gs1inspect::read {

namespace {

// Edge profile of rows [y0, y1): the absolute x-derivative of their mean.
std::vector<float> edgeProfile(const cv::Mat& crop, int y0, int y1) {
  cv::Mat mean;
  cv::reduce(crop.rowRange(y0, y1), mean, 0, cv::REDUCE_AVG, CV_32F);
  std::vector<float> edges(static_cast<std::size_t>(crop.cols - 1));
  const float* m = mean.ptr<float>(0);
  for (int x = 0; x + 1 < crop.cols; ++x) edges[static_cast<std::size_t>(x)] = std::abs(m[x + 1] - m[x]);
  return edges;
}

}  // namespace

float gridAngle(const cv::Mat& image) {
  if (image.rows < 3 || image.cols < 3) return 0;
  cv::Mat gx, gy;
  cv::Sobel(image, gx, CV_32F, 1, 0);
  cv::Sobel(image, gy, CV_32F, 0, 1);
  // Every other pixel each way is plenty for a direction.
  float re = 0, im = 0;
  for (int y = 0; y < image.rows; y += 2) {
    const float* a = gx.ptr<float>(y);
    const float* b = gy.ptr<float>(y);
    for (int x = 0; x < image.cols; x += 2) {
      const float u = a[x], v = b[x];
      const float m2 = u * u + v * v;
      if (m2 < 1) continue;
      // (u + iv)^4 / |g|^2: the quadrupled angle, weighted by |g|^2.
      re += (u * u * u * u - 6 * u * u * v * v + v * v * v * v) / m2;
      im += (4 * u * u * u * v - 4 * u * v * v * v) / m2;
    }
  }
  return 0.25F * std::atan2(im, re);
}

void isolate(cv::Mat& image, const std::array<cv::Point2f, 4>& inside) {
  if (image.empty()) return;
  cv::Mat mask(image.size(), CV_8U, cv::Scalar(0));
  std::array<cv::Point, 4> corners;
  for (std::size_t i = 0; i < 4; ++i) corners[i] = cv::Point(cvRound(inside[i].x), cvRound(inside[i].y));
  cv::fillConvexPoly(mask, corners.data(), 4, cv::Scalar(255));
  int histogram[256] = {};
  long count = 0;
  for (int y = 0; y < image.rows; ++y) {
    const auto* p = image.ptr<std::uint8_t>(y);
    const auto* m = mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < image.cols; ++x)
      if (m[x]) ++histogram[p[x]], ++count;
  }
  if (count == 0) return;
  long seen = 0;
  int paper = 255;
  for (int i = 0; i < 256; ++i) {
    seen += histogram[i];
    if (seen * 10 >= count * 9) {
      paper = i;
      break;
    }
  }
  image.setTo(cv::Scalar(paper), mask == 0);
}

void bandMeans(const cv::Mat& image, int bands, cv::Mat& out) {
  bands = std::clamp(bands, 1, std::max(1, image.rows));
  out.create(bands, image.cols, CV_8U);
  std::vector<std::uint32_t> sums(static_cast<std::size_t>(image.cols));
  for (int b = 0; b < bands; ++b) {
    const int y0 = b * image.rows / bands, y1 = (b + 1) * image.rows / bands;
    std::fill(sums.begin(), sums.end(), 0U);
    for (int y = y0; y < y1; ++y) {
      const auto* p = image.ptr<std::uint8_t>(y);
      for (int x = 0; x < image.cols; ++x) sums[static_cast<std::size_t>(x)] += p[x];
    }
    const auto n = static_cast<std::uint32_t>(std::max(1, y1 - y0));
    auto* o = out.ptr<std::uint8_t>(b);
    for (int x = 0; x < image.cols; ++x) o[x] = static_cast<std::uint8_t>((sums[static_cast<std::size_t>(x)] + n / 2) / n);
  }
}

void levelRows(const cv::Mat& image, int window, cv::Mat& out) {
  cv::Mat light, dark;
  const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(std::max(3, window | 1), 1));
  cv::dilate(image, light, kernel);
  cv::erode(image, dark, kernel);
  out.create(image.size(), CV_8U);
  for (int y = 0; y < image.rows; ++y) {
    const auto* p = image.ptr<std::uint8_t>(y);
    const auto* l = light.ptr<std::uint8_t>(y);
    const auto* d = dark.ptr<std::uint8_t>(y);
    auto* o = out.ptr<std::uint8_t>(y);
    for (int x = 0; x < image.cols; ++x) {
      // Flat stretches (paper, a wide bar) keep their level: no contrast to
      // stretch means no edge to invent.
      const int range = std::max(static_cast<int>(l[x]) - static_cast<int>(d[x]), 48);
      o[x] = cv::saturate_cast<std::uint8_t>((static_cast<int>(p[x]) - static_cast<int>(d[x])) * 255 / range);
    }
  }
}

float barSlant(const cv::Mat& crop) {
  const int h = crop.rows;
  if (h < 12 || crop.cols < 32) return 0;
  const int band = std::max(2, h / 5);
  const int yTop = h / 5, yBottom = h - h / 5 - band;
  if (yBottom <= yTop) return 0;
  const auto top = edgeProfile(crop, yTop, yTop + band);
  const auto bottom = edgeProfile(crop, yBottom, yBottom + band);
  const float rows = static_cast<float>(yBottom - yTop);
  // The localiser's angle is good to a few degrees: leans up to 4 degrees
  // are looked for (wider searches fall on the period of the bars).
  const int maxLag = std::max(1, static_cast<int>(0.07F * rows));
  const int n = static_cast<int>(top.size());
  double best = -1;
  int bestLag = 0;
  for (int lag = -maxLag; lag <= maxLag; ++lag) {
    double sum = 0;
    for (int x = std::max(0, -lag); x < std::min(n, n - lag); ++x)
      sum += static_cast<double>(top[static_cast<std::size_t>(x)]) * bottom[static_cast<std::size_t>(x + lag)];
    if (sum > best) best = sum, bestLag = lag;
  }
  return static_cast<float>(bestLag) / rows;
}

}  // namespace gs1inspect::read
