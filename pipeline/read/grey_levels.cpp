#include "read/grey_levels.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace gs1inspect::read {

cv::Mat greyHistogram(const cv::Mat& image, const cv::Mat& mask) {
  if (mask.empty() && image.type() == CV_8UC1) {
    // Counted directly: calcHist's set-up costs more than the counting
    // on the small images the readers make.
    std::array<int, 256> counts{};
    for (int y = 0; y < image.rows; ++y) {
      const auto* p = image.ptr<std::uint8_t>(y);
      for (int x = 0; x < image.cols; ++x) ++counts[p[x]];
    }
    cv::Mat histogram(256, 1, CV_32F);
    for (int i = 0; i < 256; ++i) histogram.at<float>(i) = static_cast<float>(counts[static_cast<std::size_t>(i)]);
    return histogram;
  }
  const int channels[] = {0};
  const int bins[] = {256};
  const float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::Mat histogram;
  cv::calcHist(&image, 1, channels, mask, histogram, 1, bins, ranges);
  return histogram;
}

int levelReaching(const cv::Mat& histogram, double count) {
  double seen = 0;
  for (int i = 0; i < 256; ++i) {
    seen += static_cast<double>(histogram.at<float>(i));
    if (seen >= count) return i;
  }
  return 255;
}

void stretchContrast(cv::Mat& image) {
  if (image.empty()) return;
  const cv::Mat histogram = greyHistogram(image);
  const auto total = static_cast<long>(image.total());
  // The 2nd percentile: the first level past total/50 pixels; the 98th:
  // the first that reaches all but total/50.
  const int low = levelReaching(histogram, static_cast<double>(total / 50 + 1));
  const int high = levelReaching(histogram, static_cast<double>(total - total / 50));
  if (high <= low) return;
  cv::Mat lut(1, 256, CV_8U);
  for (int i = 0; i < 256; ++i)
    lut.at<std::uint8_t>(i) = cv::saturate_cast<std::uint8_t>((i - low) * 255.0 / (high - low));
  cv::LUT(image, lut, image);
}

void isolate(cv::Mat& image, const std::array<cv::Point2f, 4>& inside) {
  if (image.empty()) return;
  cv::Mat mask(image.size(), CV_8U, cv::Scalar(0));
  std::array<cv::Point, 4> corners;
  for (std::size_t i = 0; i < 4; ++i) corners[i] = cv::Point(cvRound(inside[i].x), cvRound(inside[i].y));
  cv::fillConvexPoly(mask, corners.data(), 4, cv::Scalar(255));
  const int count = cv::countNonZero(mask);
  if (count == 0) return;
  const int paper = levelReaching(greyHistogram(image, mask), static_cast<double>(count) * 9 / 10);
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
    // Rounded half up (cv::reduce would round half to even).
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

void inkFlips(const std::uint8_t* levels, int n, int low, int high, std::vector<int>& flips) {
  flips.clear();
  if (n <= 0) return;
  bool ink = 2 * static_cast<int>(levels[0]) < low + high;
  for (int i = 0; i < n; ++i) {
    const int level = levels[i];
    if (ink ? level > high : level < low) {
      flips.push_back(i);
      ink = !ink;
    }
  }
}

Transitions mostTransitions(const cv::Mat& bands) {
  // Hysteresis: a transition needs a clear step past the middle.
  constexpr int kLow = 112, kHigh = 144;
  Transitions most;
  std::vector<int> flips;
  for (int y = 0; y < bands.rows; ++y) {
    inkFlips(bands.ptr<std::uint8_t>(y), bands.cols, kLow, kHigh, flips);
    const auto count = static_cast<int>(flips.size());
    if (count > most.count)
      most = {count, static_cast<float>(count) / static_cast<float>(std::max(1, flips.back() - flips.front()))};
  }
  return most;
}

}  // namespace gs1inspect::read
