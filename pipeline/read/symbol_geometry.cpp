#include "read/symbol_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "read/grey_levels.hpp"

namespace gs1inspect::read {

namespace {

// A row belongs to the symbol while its edge energy is at least this share
// of the decoded row's: rows of a stacked symbol and the bars' full height
// stay above it, the quiet zone and human-readable text fall below.
constexpr float kRowEnergyShare = 0.35F;
// A column is ink when its mean over the symbol's rows is this share of the
// way from paper to the darkest column: a bar in one row of four is enough.
constexpr float kInkShare = 0.15F;
// Columns of paper across all rows of a stacked symbol are rare inside it:
// its quiet zone is the first run of more than this many modules.
constexpr float kMaxSpaceModules = 3.0F;

float rowEnergy(const cv::Mat& crop, int y, int x0, int x1) {
  const auto* p = crop.ptr<std::uint8_t>(y);
  long sum = 0;
  for (int x = x0; x < x1; ++x) sum += std::abs(static_cast<int>(p[x + 1]) - static_cast<int>(p[x]));
  return x1 > x0 ? static_cast<float>(sum) / static_cast<float>(x1 - x0) : 0.0F;
}

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

std::array<cv::Point2f, 4> linearOutline(const cv::Mat& crop, float x0, float x1, float yTop, float yBottom,
                                         bool upsideDown, float modulePx) {
  const int ix0 = std::clamp(static_cast<int>(x0), 0, crop.cols - 2);
  const int ix1 = std::clamp(static_cast<int>(x1), ix0, crop.cols - 2);
  int top = std::clamp(static_cast<int>(yTop), 0, crop.rows - 1);
  int bottom = std::clamp(static_cast<int>(yBottom), top, crop.rows - 1);
  float reference = 0;
  for (int y = top; y <= bottom; ++y) reference = std::max(reference, rowEnergy(crop, y, ix0, ix1));
  const float floor = kRowEnergyShare * reference;
  while (top > 0 && rowEnergy(crop, top - 1, ix0, ix1) >= floor) --top;
  while (bottom < crop.rows - 1 && rowEnergy(crop, bottom + 1, ix0, ix1) >= floor) ++bottom;
  // Columns of ink over those rows; the symbol goes on while one follows
  // within a few modules (a single row's decoder may report only part of
  // a stacked symbol).
  cv::Mat columns;
  cv::reduce(crop.rowRange(top, bottom + 1), columns, 0, cv::REDUCE_AVG, CV_32F);
  const float* col = columns.ptr<float>(0);
  float paper = 0, ink = 255;
  for (int x = ix0; x <= ix1; ++x) paper = std::max(paper, col[x]), ink = std::min(ink, col[x]);
  const float inkLevel = paper - kInkShare * (paper - ink);
  const int gap = std::max(4, static_cast<int>(std::ceil(kMaxSpaceModules * std::max(modulePx, 1.0F))));
  const auto extend = [&](int from, int step) {
    int last = from;
    for (int x = from + step, quiet = 0; x >= 0 && x < crop.cols && quiet <= gap; x += step) {
      if (col[x] < inkLevel) {
        last = x;
        quiet = 0;
      } else {
        ++quiet;
      }
    }
    return last;
  };
  x0 = std::min(x0, static_cast<float>(extend(ix0, -1)));
  x1 = std::max(x1, static_cast<float>(extend(ix1, +1) + 1));
  const float t = static_cast<float>(top), b = static_cast<float>(bottom) + 1.0F;
  if (upsideDown) return {cv::Point2f(x1, b), {x0, b}, {x0, t}, {x1, t}};
  return {cv::Point2f(x0, t), {x1, t}, {x1, b}, {x0, b}};
}

float matrixModule(const cv::Mat& image, const std::array<cv::Point2f, 4>& quad) {
  // Lines across at 30%, 50% and 70% between opposite edges, both ways,
  // the outer 5% of each (finder and clock edges) left out; the median of
  // their estimates.
  std::vector<float> estimates;
  for (const float f : {0.3F, 0.5F, 0.7F}) {
    const cv::Point2f pairs[2][2] = {{quad[0] + (quad[3] - quad[0]) * f, quad[1] + (quad[2] - quad[1]) * f},
                                     {quad[0] + (quad[1] - quad[0]) * f, quad[3] + (quad[2] - quad[3]) * f}};
    for (const auto& pair : pairs) {
      const cv::Point2f a = pair[0] + (pair[1] - pair[0]) * 0.05F, b = pair[1] + (pair[0] - pair[1]) * 0.05F;
      const float m = moduleAlong(image, a, b);
      if (m > 0) estimates.push_back(m);
    }
  }
  if (estimates.empty()) return 0;
  std::nth_element(estimates.begin(), estimates.begin() + static_cast<std::ptrdiff_t>(estimates.size() / 2), estimates.end());
  return estimates[estimates.size() / 2];
}

float moduleAlong(const cv::Mat& image, cv::Point2f a, cv::Point2f b) {
  const float length = static_cast<float>(cv::norm(b - a));
  if (length < 8) return 0;
  constexpr float kStep = 0.5F;
  const int n = static_cast<int>(length / kStep);
  std::vector<std::uint8_t> samples;
  samples.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const cv::Point2f p = a + (b - a) * (static_cast<float>(i) / static_cast<float>(n));
    const int x = std::clamp(static_cast<int>(std::lround(p.x)), 0, image.cols - 1);
    const int y = std::clamp(static_cast<int>(std::lround(p.y)), 0, image.rows - 1);
    samples.push_back(image.at<std::uint8_t>(y, x));
  }
  const auto [lo, hi] = std::minmax_element(samples.begin(), samples.end());
  // A run ends only when the grey level crosses well past the middle:
  // noise around the threshold makes no runs.
  const int middle = (static_cast<int>(*lo) + static_cast<int>(*hi)) / 2;
  const int margin = (static_cast<int>(*hi) - static_cast<int>(*lo)) / 6;
  std::vector<int> flips;
  inkFlips(samples.data(), static_cast<int>(samples.size()), middle - margin, middle + margin, flips);
  std::vector<float> runs;
  int from = 0;
  for (const int at : flips) {
    runs.push_back(static_cast<float>(at - from) * kStep);
    from = at;
  }
  // The first and last runs are cut by the segment's ends.
  if (runs.size() < 6) return 0;
  runs.erase(runs.begin());
  std::sort(runs.begin(), runs.end());
  const float narrow = runs[runs.size() / 4];
  float sum = 0;
  int count = 0;
  for (const float r : runs) {
    if (r > 1.5F * narrow) break;
    sum += r;
    ++count;
  }
  return count > 0 ? sum / static_cast<float>(count) : 0.0F;
}

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
