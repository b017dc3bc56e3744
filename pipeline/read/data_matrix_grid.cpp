#include "read/data_matrix_grid.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include <opencv2/imgproc.hpp>

#include "read/module_grid.hpp"
#include "read/quarter_turns.hpp"

namespace gs1inspect::read {
namespace {

struct SymbolSize {
  int rows, cols;
};
// ECC 200 symbol sizes, rows x columns (ISO/IEC 16022 table 7).
constexpr std::array<SymbolSize, 30> kSizes = {
    {{10, 10},   {12, 12},   {14, 14},   {16, 16},   {18, 18}, {20, 20}, {22, 22}, {24, 24}, {26, 26}, {32, 32},
     {36, 36},   {40, 40},   {44, 44},   {48, 48},   {52, 52}, {64, 64}, {72, 72}, {80, 80}, {88, 88}, {96, 96},
     {104, 104}, {120, 120}, {132, 132}, {144, 144}, {8, 18},  {8, 32},  {12, 26}, {12, 36}, {16, 36}, {16, 48}}};
// Share of a column (row) of modules that must be light, its finder module
// included, for it to be taken as under a stripe: one in a symbol's data
// has half its modules dark.
constexpr float kMinStripeLightShare = 0.9F;
// Most of a symbol's rows or columns a stripe may take: 4 mm across a
// symbol of 16 modules of 0.6 mm is 7.
constexpr float kMaxStripeShare = 0.45F;
// Weight of an edge's ink/paper turns per px against its share of ink in
// telling the finder L's corner: a clock track turns about once per
// module (half a turn per px at 2 px modules), an arm not at all.
constexpr double kClockTurnWeight = 2.0;
// A size fits when its modules, across and down, differ from the clock
// track's by at most this share in all (sum of the three relative gaps).
constexpr float kMaxSizeMisfit = 0.3F;
// An arm of the L fits a size when it is at most this share longer than
// the size's side at the clock track's module, or shorter by at most
// kMaxCutModules (a stripe of 4 mm cuts 5 modules of 0.75 mm); each
// module it lacks counts kMissingModuleCost against the size.
constexpr float kMaxArmMisfit = 0.04F;
constexpr float kMaxCutModules = 6.0F;
constexpr float kMissingModuleCost = 0.03F;
// Cost of the share of the crop's ink extent a grid leaves outside (text
// and rules left beside the symbol make some of it).
constexpr float kUncoveredInkCost = 0.2F;
// Ink extents take in text and rules left near the symbol: their
// hypotheses come after those anchored on the L.
constexpr float kExtentPenalty = 0.1F;

// The period of a strip's darkness (px), from its autocorrelation: the
// smallest lag whose correlation comes within 80% of the best, refined to
// a fraction of a pixel. 0 when the strip is not periodic.
float period(const std::vector<float>& dark, int minLag, int maxLag) {
  const int n = static_cast<int>(dark.size());
  maxLag = std::min(maxLag, n / 2);
  if (maxLag <= minLag) return 0;
  float mean = 0;
  for (float v : dark) mean += v;
  mean /= static_cast<float>(n);
  std::vector<float> c(static_cast<std::size_t>(maxLag + 2), 0.0F);
  float energy = 0;
  for (float v : dark) energy += (v - mean) * (v - mean);
  if (energy <= 0) return 0;
  for (int lag = minLag - 1; lag <= maxLag + 1 && lag < n; ++lag) {
    float s = 0;
    for (int i = 0; i + lag < n; ++i)
      s += (dark[static_cast<std::size_t>(i)] - mean) * (dark[static_cast<std::size_t>(i + lag)] - mean);
    c[static_cast<std::size_t>(std::max(0, std::min(lag, maxLag + 1)))] = s / energy;
  }
  float best = 0;
  for (int lag = minLag; lag <= maxLag; ++lag) best = std::max(best, c[static_cast<std::size_t>(lag)]);
  if (best < 0.2F) return 0;
  for (int lag = minLag; lag <= maxLag; ++lag) {
    const float v = c[static_cast<std::size_t>(lag)];
    if (v < 0.8F * best || v < c[static_cast<std::size_t>(lag - 1)] || v < c[static_cast<std::size_t>(lag + 1)])
      continue;
    const float a = c[static_cast<std::size_t>(lag - 1)], b = c[static_cast<std::size_t>(lag + 1)];
    const float denominator = a - 2 * v + b;
    return static_cast<float>(lag) + (denominator < 0 ? 0.5F * (a - b) / denominator : 0.0F);
  }
  return 0;
}

// The finder L's arms in a mask turned so that the L is left and bottom:
// the longest run of ink along a row of the lower half (the bottom arm,
// which spans the symbol's width) and down a column of the left half (the
// left arm, its height), each with its outer edge. A stripe may cut one
// arm; the other is whole.
struct Arms {
  int bottomFrom = 0, bottomTo = 0, bottomEdge = 0;  // x range, y below the arm
  int leftFrom = 0, leftTo = 0, leftEdge = 0;        // y range, x of the arm's left side
};

Arms findArms(const cv::Mat& mask) {
  Arms a;
  auto longestRun = [](auto at, int length, int& from, int& to) {
    int best = 0, start = -1;
    for (int i = 0; i <= length; ++i) {
      const bool inked = i < length && at(i);
      if (inked && start < 0) start = i;
      if (!inked && start >= 0) {
        if (i - start > best) best = i - start, from = start, to = i;
        start = -1;
      }
    }
    return best;
  };
  int bestRow = -1, bestLength = 0;
  // Every other row and column: an arm is a module (two or more px) thick.
  for (int y = mask.rows / 2; y < mask.rows; y += 2) {
    const auto* p = mask.ptr<std::uint8_t>(y);
    int from = 0, to = 0;
    const int n = longestRun([&](int x) { return p[x] != 0; }, mask.cols, from, to);
    if (n > bestLength) bestLength = n, bestRow = y, a.bottomFrom = from, a.bottomTo = to;
  }
  a.bottomEdge = bestRow + 1;
  // Down to the arm's lower side: rows still inked over most of its span.
  while (bestRow >= 0 && a.bottomEdge < mask.rows &&
         cv::countNonZero(mask.row(a.bottomEdge).colRange(a.bottomFrom, a.bottomTo)) >= 4 * bestLength / 5)
    ++a.bottomEdge;
  int bestColumn = -1;
  bestLength = 0;
  cv::Mat columns;  // the left half's columns as rows
  cv::transpose(mask.colRange(0, mask.cols / 2), columns);
  for (int x = 0; x < columns.rows; x += 2) {
    const auto* p = columns.ptr<std::uint8_t>(x);
    int from = 0, to = 0;
    const int n = longestRun([&](int y) { return p[y] != 0; }, columns.cols, from, to);
    if (n > bestLength) bestLength = n, bestColumn = x, a.leftFrom = from, a.leftTo = to;
  }
  a.leftEdge = bestColumn;
  while (bestColumn >= 0 && a.leftEdge > 0 &&
         cv::countNonZero(mask.col(a.leftEdge - 1).rowRange(a.leftFrom, a.leftTo)) >= 4 * bestLength / 5)
    --a.leftEdge;
  return a;
}

struct Hypothesis {
  cv::Rect2f symbol;
  SymbolSize size;
  float misfit;
};

// Quarter turns clockwise that bring the finder L to the left and bottom
// edges. The L's arms are solid ink, the clock tracks opposite them turn
// between ink and paper at every module: the corner whose edges hold the
// most ink and turn least, opposite the edges that turn most. A stripe
// along an edge wipes it (no ink, no turns): it takes an arm's ink but
// leaves the clock tracks' turns to tell the corner.
int quarterTurns(const Ink& ink) {
  auto share = [&](cv::Rect strip) { return cv::countNonZero(ink.mask(strip)) / static_cast<double>(strip.area()); };
  // Ink/paper turns per px along a line of the mask.
  auto turns = [&](cv::Point from, cv::Point step, int n) {
    int count = 0;
    for (int i = 1; i < n; ++i)
      count +=
          (ink.mask.at<std::uint8_t>(from + step * i) != 0) != (ink.mask.at<std::uint8_t>(from + step * (i - 1)) != 0);
    return n > 1 ? count / static_cast<double>(n - 1) : 0.0;
  };
  const int w = ink.x1 - ink.x0, h = ink.y1 - ink.y0;
  // Edges in the order left, bottom, right, top: corner i is edges i, i + 1.
  const std::array<double, 4> inked = {share({ink.x0, ink.y0, 2, h}), share({ink.x0, ink.y1 - 2, w, 2}),
                                       share({ink.x1 - 2, ink.y0, 2, h}), share({ink.x0, ink.y0, w, 2})};
  const std::array<double, 4> turning = {turns({ink.x0 + 1, ink.y0}, {0, 1}, h), turns({ink.x0, ink.y1 - 1}, {1, 0}, w),
                                         turns({ink.x1 - 1, ink.y0}, {0, 1}, h), turns({ink.x0, ink.y0}, {1, 0}, w)};
  std::array<double, 4> corners{};
  for (std::size_t c = 0; c < 4; ++c) {
    const std::size_t a = c, b = (c + 1) % 4, oppositeA = (c + 2) % 4, oppositeB = (c + 3) % 4;
    corners[c] =
        inked[a] + inked[b] + kClockTurnWeight * (turning[oppositeA] + turning[oppositeB] - turning[a] - turning[b]);
  }
  return static_cast<int>(std::max_element(corners.begin(), corners.end()) - corners.begin());
}

// The module size the clock track gives: its period along the top edge
// and down the right edge of the upright half-size crop is two modules.
// One estimate per edge that has a period.
std::vector<float> clockModules(const cv::Mat& halfUpright, const Ink& ink) {
  const int x0 = ink.x0, x1 = ink.x1, y0 = ink.y0, y1 = ink.y1;
  std::vector<float> top(static_cast<std::size_t>(x1 - x0)), right(static_cast<std::size_t>(y1 - y0));
  for (int x = x0; x < x1; ++x)
    top[static_cast<std::size_t>(x - x0)] =
        510.0F - static_cast<float>(halfUpright.at<std::uint8_t>(y0, x)) -
        static_cast<float>(halfUpright.at<std::uint8_t>(std::min(y0 + 1, y1 - 1), x));
  for (int y = y0; y < y1; ++y)
    right[static_cast<std::size_t>(y - y0)] = 510.0F - static_cast<float>(halfUpright.at<std::uint8_t>(y, x1 - 1)) -
                                              static_cast<float>(halfUpright.at<std::uint8_t>(y, std::max(x0, x1 - 2)));
  const int minLag = static_cast<int>(2 * kMinModulePx);
  const float pTop = period(top, minLag, (x1 - x0) / 3), pRight = period(right, minLag, (y1 - y0) / 3);
  std::vector<float> modules;
  if (pTop > 0) modules.push_back(pTop / 2);
  if (pRight > 0) modules.push_back(pRight / 2);
  return modules;
}

// Symbol sizes and extents (half-size px) for module `m`, anchored on an
// arm of the L. The bottom arm spans the symbol's width and the left arm
// its height, unless a stripe along one arm (which wipes it) also cut the
// end of the other: then the symbol reaches up to a few modules past the
// cut end, and the far end is the anchor.
void armHypotheses(const Arms& arms, float m, std::vector<Hypothesis>& hypotheses) {
  const float bottomLength = static_cast<float>(arms.bottomTo - arms.bottomFrom);
  const float leftLength = static_cast<float>(arms.leftTo - arms.leftFrom);
  for (const auto& size : kSizes) {
    const float width = m * static_cast<float>(size.cols), height = m * static_cast<float>(size.rows);
    if (m < kMinModulePx) break;
    const auto add = [&](float length, float span, cv::Rect2f fromStart, cv::Rect2f fromEnd) {
      const float missing = (span - length) / m;  // modules the arm lacks
      if (missing < -kMaxArmMisfit * static_cast<float>(size.cols + size.rows) / 2 || missing > kMaxCutModules) return;
      const float misfit = std::abs(missing) * kMissingModuleCost;
      hypotheses.push_back({fromStart, size, misfit});
      if (missing > 0.5F) hypotheses.push_back({fromEnd, size, misfit});
    };
    const auto bottom = static_cast<float>(arms.bottomEdge), left = static_cast<float>(arms.leftEdge);
    add(bottomLength, width, cv::Rect2f(static_cast<float>(arms.bottomFrom), bottom - height, width, height),
        cv::Rect2f(static_cast<float>(arms.bottomTo) - width, bottom - height, width, height));
    add(leftLength, height, cv::Rect2f(left, static_cast<float>(arms.leftTo) - height, width, height),
        cv::Rect2f(left, static_cast<float>(arms.leftFrom), width, height));
  }
}

// Symbol sizes that fit the inked extent as found, or grown by a module on
// one side, for module `m`.
void extentHypotheses(const Ink& ink, float m, std::vector<Hypothesis>& hypotheses) {
  const auto x0 = static_cast<float>(ink.x0), y0 = static_cast<float>(ink.y0);
  const auto w = static_cast<float>(ink.x1 - ink.x0), h = static_cast<float>(ink.y1 - ink.y0);
  const std::array<cv::Rect2f, 5> extents = {cv::Rect2f(x0, y0, w, h), cv::Rect2f(x0 - m, y0, w + m, h),
                                             cv::Rect2f(x0, y0, w + m, h), cv::Rect2f(x0, y0 - m, w, h + m),
                                             cv::Rect2f(x0, y0, w, h + m)};
  for (std::size_t e = 0; e < extents.size(); ++e) {
    for (const auto& size : kSizes) {
      const float across = extents[e].width / static_cast<float>(size.cols);
      const float down = extents[e].height / static_cast<float>(size.rows);
      // A grown extent must earn its place: it pays a little.
      const float misfit = (std::abs(across - m) + std::abs(down - m) + std::abs(across - down)) / m +
                           (e == 0 ? kExtentPenalty : kExtentPenalty + 0.05F);
      if (misfit <= kMaxSizeMisfit && across >= kMinModulePx) hypotheses.push_back({extents[e], size, misfit});
    }
  }
}

// Every hypothesis for the modules the clock track gave, best first.
std::vector<Hypothesis> gridHypotheses(const Ink& ink, const std::vector<float>& modules) {
  std::vector<Hypothesis> hypotheses;
  const Arms arms = findArms(ink.mask);
  for (const float m : modules) {
    armHypotheses(arms, m, hypotheses);
    extentHypotheses(ink, m, hypotheses);
  }
  // Ink the grid leaves outside counts against it: a grid a quarter of
  // the symbol's size fits its modules as well as the whole one does.
  const cv::Rect2f inked(static_cast<float>(ink.x0), static_cast<float>(ink.y0), static_cast<float>(ink.x1 - ink.x0),
                         static_cast<float>(ink.y1 - ink.y0));
  for (Hypothesis& h : hypotheses) h.misfit += kUncoveredInkCost * (1 - (h.symbol & inked).area() / inked.area());
  std::sort(hypotheses.begin(), hypotheses.end(),
            [](const Hypothesis& a, const Hypothesis& b) { return a.misfit < b.misfit; });
  return hypotheses;
}

// A column (row) of modules under a printhead stripe: its finder module
// light where the L must be dark, and nearly all of it light.
std::vector<bool> strippedLines(const cv::Mat& seen, bool columns) {
  const int lines = columns ? seen.cols : seen.rows, length = columns ? seen.rows : seen.cols;
  std::vector<bool> out(static_cast<std::size_t>(lines), false);
  for (int i = 1; i + 1 < lines; ++i) {
    const cv::Mat line = columns ? seen.col(i) : seen.row(i);
    const bool finderLight = (columns ? seen.at<std::uint8_t>(seen.rows - 1, i) : seen.at<std::uint8_t>(i, 0)) == 0;
    const int dark = cv::countNonZero(line);
    out[static_cast<std::size_t>(i)] =
        finderLight && static_cast<float>(dark) <= (1 - kMinStripeLightShare) * static_cast<float>(length);
  }
  return out;
}

cv::Mat stripeModules(const cv::Mat& seen) {
  cv::Mat erased = cv::Mat::zeros(seen.size(), CV_8U);
  const auto cols = strippedLines(seen, true), rows = strippedLines(seen, false);
  for (int c = 0; c < seen.cols; ++c)
    if (cols[static_cast<std::size_t>(c)]) erased.col(c).setTo(1);
  for (int r = 0; r < seen.rows; ++r)
    if (rows[static_cast<std::size_t>(r)]) erased.row(r).setTo(1);
  return erased;
}

// Share of the finder L's and the clock tracks' modules that `seen` shows
// as they must be, of those not under a stripe (`erased`). 0 when the
// stripes take more of the symbol's rows or columns than a stripe takes:
// a grid laid partly over paper finds "stripes" there.
float patternFit(const cv::Mat& seen, const cv::Mat& erased) {
  const int rows = seen.rows, cols = seen.cols;
  int erasedRows = 0, erasedCols = 0;
  for (int r = 0; r < rows; ++r) erasedRows += erased.at<std::uint8_t>(r, cols / 2) != 0 && erased.at<std::uint8_t>(r, 0) != 0;
  for (int c = 0; c < cols; ++c) erasedCols += erased.at<std::uint8_t>(rows / 2, c) != 0 && erased.at<std::uint8_t>(rows - 1, c) != 0;
  if (static_cast<float>(erasedRows) > kMaxStripeShare * static_cast<float>(rows) ||
      static_cast<float>(erasedCols) > kMaxStripeShare * static_cast<float>(cols))
    return 0;
  int same = 0, compared = 0;
  const auto check = [&](int r, int c, bool dark) {
    if (erased.at<std::uint8_t>(r, c) != 0) return;
    ++compared;
    same += (seen.at<std::uint8_t>(r, c) != 0) == dark;
  };
  for (int r = 0; r < rows; ++r) {
    check(r, 0, true);                                // the L's upright arm
    check(r, cols - 1, (rows - 1 - r) % 2 == 0);      // the clock track down the right
  }
  for (int c = 1; c < cols - 1; ++c) {
    check(rows - 1, c, true);   // the L's bottom arm
    check(0, c, c % 2 == 0);    // the clock track along the top
  }
  return compared > 0 ? static_cast<float>(same) / static_cast<float>(compared) : 0.0F;
}

// The grid of `h` (full-size px of `upright`) sampled and redrawn at
// `modulePx` with its finder L and clock track whole; `back` takes a point
// of `upright` to the crop it was turned from.
RedrawnGrid redraw(const cv::Mat& upright, const Hypothesis& h, int modulePx, double threshold,
                   const cv::Matx23f& back) {
  RedrawnGrid g;
  g.rows = h.size.rows;
  g.cols = h.size.cols;
  g.modulePx = modulePx;
  g.symbol = h.symbol;
  // Redrawn px -> turned crop px -> crop px.
  const float sx = h.symbol.width / static_cast<float>(g.cols * modulePx);
  const float sy = h.symbol.height / static_cast<float>(g.rows * modulePx);
  const cv::Matx33f toTurned(sx, 0, h.symbol.x - 2 * static_cast<float>(modulePx) * sx, 0, sy,
                             h.symbol.y - 2 * static_cast<float>(modulePx) * sy, 0, 0, 1);
  const cv::Matx33f turnedToCrop(back(0, 0), back(0, 1), back(0, 2), back(1, 0), back(1, 1), back(1, 2), 0, 0, 1);
  const cv::Matx33f all = turnedToCrop * toTurned;
  g.toCrop = cv::Matx23f(all(0, 0), all(0, 1), all(0, 2), all(1, 0), all(1, 1), all(1, 2));
  // Every module sampled, the finder and clock tracks too: where they are
  // light, a stripe went through.
  const cv::Mat seen = sampleModules(upright, h.symbol, g.rows, g.cols, threshold);
  g.dark = seen.clone();
  for (int r = 0; r < g.rows; ++r) {
    g.dark.at<std::uint8_t>(r, 0) = 1;                                   // the finder L
    g.dark.at<std::uint8_t>(r, g.cols - 1) = (g.rows - 1 - r) % 2 == 0;  // the clock track down the right
  }
  for (int c = 0; c < g.cols; ++c) {
    g.dark.at<std::uint8_t>(g.rows - 1, c) = 1;  // the finder L
    g.dark.at<std::uint8_t>(0, c) = c % 2 == 0;  // the clock track along the top
  }
  g.erased = stripeModules(seen);
  g.patternFit = patternFit(seen, g.erased);
  drawModules(g.dark, modulePx, g.image);
  return g;
}

}  // namespace

std::vector<RedrawnGrid> redrawDataMatrix(const cv::Mat& crop, int modulePx, std::size_t most) {
  std::vector<RedrawnGrid> out;
  if (crop.empty() || crop.type() != CV_8UC1 || crop.cols < 16 || crop.rows < 16 || modulePx < 1) return out;
  // The grid is found at half size (the crop is the reader's 2x: half is
  // the frame's own resolution), and sampled at full size: most crops that
  // get here hold no DataMatrix (QR symbols, text, smeared symbols), and
  // finding costs a quarter as much there.
  Ink ink;
  cv::Mat half;
  cv::resize(crop, half, cv::Size(crop.cols / 2, crop.rows / 2), 0, 0, cv::INTER_AREA);
  if (half.cols < 16 || half.rows < 16 || !findInk(half, ink)) return out;
  // Turned so that the L is on the left and at the bottom; `back` takes a
  // point of the turned crop to the crop.
  const int turns = quarterTurns(ink);
  cv::Mat upright = crop, halfUpright = half;
  const cv::Matx23f back = unturnMap(turns, crop.size());
  if (turns != 0) {
    turnClockwise(half, turns, halfUpright);
    if (!findInk(halfUpright, ink)) return out;
  }
  const double threshold = ink.threshold;  // the same grey levels at both sizes
  const std::vector<float> modules = clockModules(halfUpright, ink);
  if (modules.empty()) return out;
  const std::vector<Hypothesis> hypotheses = gridHypotheses(ink, modules);
  if (hypotheses.empty()) return out;
  if (turns != 0) turnClockwise(crop, turns, upright);

  // Twice as many grids as asked for, the best `most` by how well their
  // fixed patterns show: the hypotheses' order is a guess from the L's
  // arms and the ink's extent, which noise and a stripe both mislead.
  for (Hypothesis h : hypotheses) {
    if (out.size() >= 2 * most) break;
    h.symbol = cv::Rect2f(2 * h.symbol.x, 2 * h.symbol.y, 2 * h.symbol.width, 2 * h.symbol.height);  // to full size
    h.symbol = refineExtent(upright, h.symbol, h.size.rows, h.size.cols, threshold);
    const bool seen = std::any_of(out.begin(), out.end(), [&](const RedrawnGrid& g) {
      return g.rows == h.size.rows && g.cols == h.size.cols && std::abs(g.symbol.x - h.symbol.x) < 0.5F &&
             std::abs(g.symbol.y - h.symbol.y) < 0.5F && std::abs(g.symbol.width - h.symbol.width) < 0.5F &&
             std::abs(g.symbol.height - h.symbol.height) < 0.5F;
    });
    if (!seen) out.push_back(redraw(upright, h, modulePx, threshold, back));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RedrawnGrid& a, const RedrawnGrid& b) { return a.patternFit > b.patternFit; });
  if (out.size() > most) out.resize(most);
  return out;
}

}  // namespace gs1inspect::read
