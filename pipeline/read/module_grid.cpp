#include "read/module_grid.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace gs1inspect::read {
namespace {

struct SymbolSize {
  int rows, cols;
};
// A piece of ink at least this many times longer than thick, and at most
// this thick (px of the half-size crop, the frame's own resolution), is a
// rule across the label, not part of a symbol: a 0.5 mm rule at 4 px/mm
// is 2 px; a 2D symbol's module is 1.5 px and more.
constexpr int kMinRuleElongation = 8;
constexpr int kMaxRuleThicknessPx = 4;
// Pixels a row or column of the crop needs below the ink threshold to be
// part of the symbol (specks of noise have fewer once the mask is cleaned).
constexpr int kMinInkPx = 2;

// Removes from `mask` the rules printed across a label, the boxes drawn
// around its fields and the edges of boards: pieces of ink far longer
// than thick (a straight rule, or the corner of a box, whose ink is its
// thickness times its sides), apart from the symbol. The finder L's arms
// are as thin, but joined to the symbol's modules, whose ink fills about
// half the symbol's box.
void removeRules(cv::Mat& mask) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<std::uint8_t> rule(static_cast<std::size_t>(n), 0);
  bool any = false;
  for (int i = 1; i < n; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int ink = stats.at<int>(i, cv::CC_STAT_AREA);
    const float thickness = static_cast<float>(ink) / static_cast<float>(w + h);  // of a line along its sides
    rule[static_cast<std::size_t>(i)] =
        thickness <= static_cast<float>(kMaxRuleThicknessPx) &&
        static_cast<float>(std::max(w, h)) >= static_cast<float>(kMinRuleElongation) * std::max(thickness, 1.0F);
    any = any || rule[static_cast<std::size_t>(i)] != 0;
  }
  if (!any) return;
  for (int y = 0; y < mask.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    std::uint8_t* m = mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < mask.cols; ++x)
      if (rule[static_cast<std::size_t>(label[x])] != 0) m[x] = 0;
  }
}

}  // namespace

bool findInk(const cv::Mat& image, Ink& ink) {
  ink.threshold = cv::threshold(image, ink.mask, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::medianBlur(ink.mask, ink.mask, 3);
  removeRules(ink.mask);
  // Ink pixels per column and per row (the mask is 0 or 255).
  cv::Mat columns, rows;
  cv::reduce(ink.mask, columns, 0, cv::REDUCE_SUM, CV_32S);
  cv::reduce(ink.mask, rows, 1, cv::REDUCE_SUM, CV_32S);
  std::vector<int> perColumn(columns.begin<int>(), columns.end<int>()), perRow(rows.begin<int>(), rows.end<int>());
  for (int& v : perColumn) v /= 255;
  for (int& v : perRow) v /= 255;
  auto extent = [](const std::vector<int>& counts, int& from, int& to) {
    from = -1, to = -1;
    for (int i = 0; i < static_cast<int>(counts.size()); ++i)
      if (counts[static_cast<std::size_t>(i)] >= kMinInkPx) {
        if (from < 0) from = i;
        to = i + 1;
      }
    return from >= 0 && to - from >= 8;
  };
  return extent(perColumn, ink.x0, ink.x1) && extent(perRow, ink.y0, ink.y1);
}

float gridContrast(const cv::Mat& image, const cv::Rect2f& symbol, int rows, int cols, double threshold) {
  const SymbolSize size{rows, cols};
  const float mx = symbol.width / static_cast<float>(size.cols), my = symbol.height / static_cast<float>(size.rows);
  float sum = 0;
  for (int r = 0; r < size.rows; ++r) {
    const int y = static_cast<int>(symbol.y + (static_cast<float>(r) + 0.5F) * my);
    if (y < 0 || y >= image.rows) continue;
    const auto* p = image.ptr<std::uint8_t>(y);
    for (int c = 0; c < size.cols; ++c) {
      const int x = static_cast<int>(symbol.x + (static_cast<float>(c) + 0.5F) * mx);
      if (x >= 0 && x < image.cols) sum += std::abs(static_cast<float>(p[x]) - static_cast<float>(threshold));
    }
  }
  return sum / static_cast<float>(size.rows * size.cols);
}

cv::Rect2f refineExtent(const cv::Mat& image, cv::Rect2f symbol, int rows, int cols, double threshold) {
  const SymbolSize size{rows, cols};
  float best = gridContrast(image, symbol, rows, cols, threshold);
  const float m = symbol.width / static_cast<float>(size.cols);
  const int reach = std::max(1, static_cast<int>(m / 3));
  {
    for (int edge = 0; edge < 4; ++edge) {
      const cv::Rect2f start = symbol;
      for (int d = -reach; d <= reach; ++d) {
        if (d == 0) continue;
        cv::Rect2f r = start;
        const auto f = static_cast<float>(d);
        if (edge == 0) r.x += f, r.width -= f;
        if (edge == 1) r.width += f;
        if (edge == 2) r.y += f, r.height -= f;
        if (edge == 3) r.height += f;
        const float score = gridContrast(image, r, rows, cols, threshold);
        if (score > best) best = score, symbol = r;
      }
    }
  }
  return symbol;
}

cv::Mat sampleModules(const cv::Mat& image, const cv::Rect2f& symbol, int rows, int cols, double threshold) {
  const float mx = symbol.width / static_cast<float>(cols), my = symbol.height / static_cast<float>(rows);
  cv::Mat seen(rows, cols, CV_8U);
  const int hx = std::max(0, static_cast<int>(0.25F * mx)), hy = std::max(0, static_cast<int>(0.25F * my));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const int px = static_cast<int>(symbol.x + (static_cast<float>(c) + 0.5F) * mx);
      const int py = static_cast<int>(symbol.y + (static_cast<float>(r) + 0.5F) * my);
      int sum = 0, n = 0;
      for (int y = std::max(0, py - hy); y <= std::min(image.rows - 1, py + hy); ++y)
        for (int x = std::max(0, px - hx); x <= std::min(image.cols - 1, px + hx); ++x)
          sum += image.at<std::uint8_t>(y, x), ++n;
      seen.at<std::uint8_t>(r, c) = n > 0 && static_cast<double>(sum) / n < threshold ? 1 : 0;
    }
  }
  return seen;
}

cv::Mat sampleModuleCentres(const cv::Mat& image, const cv::Rect2f& symbol, int rows, int cols, double threshold) {
  const float mx = symbol.width / static_cast<float>(cols), my = symbol.height / static_cast<float>(rows);
  cv::Mat seen(rows, cols, CV_8U);
  for (int r = 0; r < rows; ++r) {
    const int y = static_cast<int>(symbol.y + (static_cast<float>(r) + 0.5F) * my);
    auto* out = seen.ptr<std::uint8_t>(r);
    if (y < 0 || y >= image.rows) {
      std::fill(out, out + cols, std::uint8_t{0});
      continue;
    }
    const auto* p = image.ptr<std::uint8_t>(y);
    for (int c = 0; c < cols; ++c) {
      const int x = static_cast<int>(symbol.x + (static_cast<float>(c) + 0.5F) * mx);
      out[c] = x >= 0 && x < image.cols && p[x] < threshold ? 1 : 0;
    }
  }
  return seen;
}

void drawModules(const cv::Mat& dark, int modulePx, cv::Mat& image) {
  image.create((dark.rows + 4) * modulePx, (dark.cols + 4) * modulePx, CV_8U);
  image.setTo(255);
  for (int r = 0; r < dark.rows; ++r)
    for (int c = 0; c < dark.cols; ++c)
      if (dark.at<std::uint8_t>(r, c) != 0)
        image(cv::Rect((c + 2) * modulePx, (r + 2) * modulePx, modulePx, modulePx)).setTo(0);
}

}  // namespace gs1inspect::read
