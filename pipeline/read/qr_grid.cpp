#include "read/qr_grid.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include <opencv2/imgproc.hpp>

#include "read/module_grid.hpp"

namespace gs1inspect::read {
namespace {

constexpr int kMaxVersion = 20;
// Centres of the alignment patterns, as rows and as columns, for versions
// 2 to 20 (ISO/IEC 18004 annex E); 0 ends a list.
constexpr std::array<std::array<int, 4>, kMaxVersion + 1> kAlignmentCentres = {{{0},
                                                                               {0},
                                                                               {6, 18},
                                                                               {6, 22},
                                                                               {6, 26},
                                                                               {6, 30},
                                                                               {6, 34},
                                                                               {6, 22, 38},
                                                                               {6, 24, 42},
                                                                               {6, 26, 46},
                                                                               {6, 28, 50},
                                                                               {6, 30, 54},
                                                                               {6, 32, 58},
                                                                               {6, 34, 62},
                                                                               {6, 26, 46, 66},
                                                                               {6, 26, 48, 70},
                                                                               {6, 26, 50, 74},
                                                                               {6, 30, 54, 78},
                                                                               {6, 30, 56, 82},
                                                                               {6, 30, 58, 86},
                                                                               {6, 34, 62, 90}}};
// A grid laid from a finder is kept for refining when its fixed patterns
// match within this much of what the refined grid must reach: a grid a
// fraction of a module off samples edges.
constexpr float kCoarseFitSlack = 0.1F;
// A version fits when its side (at the finder's module) is within this
// many modules of the ink extent across or down.
constexpr float kMaxExtentMisfitModules = 2.5F;
// A finder pattern: a dark ring 7 modules a side around a light ring
// around a dark 3 x 3 core. Sides within this ratio of square, the light
// ring's and the core's sides within these shares of the dark ring's (5/7
// and 3/7, with blur and ink spread), their centres within a module.
constexpr float kMaxFinderAspect = 1.3F;
constexpr float kMinHoleShare = 0.5F, kMaxHoleShare = 0.85F;
constexpr float kMinCoreShare = 0.25F, kMaxCoreShare = 0.6F;

int modulesOf(int version) { return 17 + 4 * version; }

// The fixed patterns of a version's symbol in the standard orientation:
// `fixed` 1 where a module is fixed, `dark` what it is there.
struct FixedPatterns {
  cv::Mat fixed, dark;  // CV_8U, modules x modules
  int count = 0;
};

FixedPatterns makeFixedPatterns(int version) {
  const int n = modulesOf(version);
  FixedPatterns p;
  p.fixed = cv::Mat::zeros(n, n, CV_8U);
  p.dark = cv::Mat::zeros(n, n, CV_8U);
  const auto set = [&](int r, int c, bool dark) {
    p.fixed.at<std::uint8_t>(r, c) = 1;
    p.dark.at<std::uint8_t>(r, c) = dark ? 1 : 0;
  };
  // Finders: a dark ring, a light ring, a dark 3 x 3 core; each with a
  // light separator on its inner sides.
  for (const auto& [r0, c0] : {std::pair{0, 0}, std::pair{0, n - 7}, std::pair{n - 7, 0}})
    for (int dr = 0; dr < 7; ++dr)
      for (int dc = 0; dc < 7; ++dc) set(r0 + dr, c0 + dc, std::max(std::abs(dr - 3), std::abs(dc - 3)) != 2);
  for (int i = 0; i < 8; ++i) {
    set(7, i, false), set(i, 7, false);                  // top left
    set(7, n - 1 - i, false), set(i, n - 8, false);      // top right
    set(n - 8, i, false), set(n - 1 - i, 7, false);      // bottom left
  }
  // Timing patterns between the finders, dark on even modules.
  for (int i = 8; i <= n - 9; ++i) set(6, i, i % 2 == 0), set(i, 6, i % 2 == 0);
  // Alignment patterns: a dark centre, a light ring, a dark ring; none
  // where a finder is.
  const auto& centres = kAlignmentCentres[static_cast<std::size_t>(version)];
  for (const int a : centres) {
    for (const int b : centres) {
      if (a == 0 || b == 0) continue;
      if ((a == 6 && b == 6) || (a == 6 && b == n - 7) || (a == n - 7 && b == 6)) continue;
      for (int dr = -2; dr <= 2; ++dr)
        for (int dc = -2; dc <= 2; ++dc) set(a + dr, b + dc, std::max(std::abs(dr), std::abs(dc)) != 1);
    }
  }
  set(n - 8, 8, true);  // the dark module beside the bottom left finder
  p.count = cv::countNonZero(p.fixed);
  return p;
}

const FixedPatterns& fixedPatterns(int version) {
  static const std::array<FixedPatterns, kMaxVersion + 1> all = [] {
    std::array<FixedPatterns, kMaxVersion + 1> a;
    for (int v = 1; v <= kMaxVersion; ++v) a[static_cast<std::size_t>(v)] = makeFixedPatterns(v);
    return a;
  }();
  return all[static_cast<std::size_t>(version)];
}

// `seen` turned clockwise by `turns` quarter turns.
cv::Mat turned(const cv::Mat& seen, int turns) {
  if (turns == 0) return seen;
  cv::Mat out;
  cv::rotate(seen, out, turns == 1 ? cv::ROTATE_90_CLOCKWISE : turns == 2 ? cv::ROTATE_180 : cv::ROTATE_90_COUNTERCLOCKWISE);
  return out;
}

// Share of the fixed patterns' modules that `standard` (a sampled grid in
// the standard orientation) shows as they are drawn.
float patternFit(const cv::Mat& standard, const FixedPatterns& p) {
  int same = 0;
  for (int r = 0; r < standard.rows; ++r) {
    const auto* s = standard.ptr<std::uint8_t>(r);
    const auto* f = p.fixed.ptr<std::uint8_t>(r);
    const auto* d = p.dark.ptr<std::uint8_t>(r);
    for (int c = 0; c < standard.cols; ++c) same += f[c] != 0 && s[c] == d[c];
  }
  return static_cast<float>(same) / static_cast<float>(p.count);
}

struct Hypothesis {
  cv::Rect2f symbol;  // crop px
  int version = 0;
  int turns = 0;  // clockwise quarter turns from the crop to the standard orientation
  float fit = 0;
};

// The turn of `seen` whose fixed patterns match best, and how well.
std::pair<int, float> bestTurn(const cv::Mat& seen, const FixedPatterns& p) {
  std::pair<int, float> best{0, -1.0F};
  for (int t = 0; t < 4; ++t) {
    const float fit = patternFit(turned(seen, t), p);
    if (fit > best.second) best = {t, fit};
  }
  return best;
}

// A point of the standard orientation's module grid (x, y in modules, 0
// to n) in the crop's own orientation: a clockwise quarter turn takes
// (x, y) to (n - y, x), so each is undone by (x, y) -> (y, n - x).
cv::Point2f unturned(cv::Point2f p, int turns, int n) {
  for (int t = 0; t < turns; ++t) p = cv::Point2f(p.y, static_cast<float>(n) - p.x);
  return p;
}


// The bounding boxes (crop px) of the whole finder patterns in `crop`:
// dark rings holding a light ring holding a dark core, nested squares.
// Text, DataMatrix symbols and bars have no such nesting.
std::vector<cv::Rect> finderPatterns(const cv::Mat& crop, double threshold) {
  cv::Mat dark = crop < threshold;
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> tree;  // next, previous, first child, parent
  cv::findContours(dark, contours, tree, cv::RETR_TREE, cv::CHAIN_APPROX_SIMPLE);
  std::vector<cv::Rect> out;
  const auto square = [](const cv::Rect& r) {
    return static_cast<float>(std::max(r.width, r.height)) <= kMaxFinderAspect * static_cast<float>(std::min(r.width, r.height));
  };
  const auto centre = [](const cv::Rect& r) { return (cv::Point2f(r.tl()) + cv::Point2f(r.br())) * 0.5F; };
  for (std::size_t core = 0; core < contours.size(); ++core) {
    const int hole = tree[core][3];
    if (hole < 0) continue;
    const int ring = tree[static_cast<std::size_t>(hole)][3];
    if (ring < 0) continue;
    const cv::Rect c = cv::boundingRect(contours[core]), hl = cv::boundingRect(contours[static_cast<std::size_t>(hole)]),
                   r = cv::boundingRect(contours[static_cast<std::size_t>(ring)]);
    if (!square(r) || !square(c) || !square(hl)) continue;
    const float side = static_cast<float>(r.width + r.height) / 2;
    const float holeShare = static_cast<float>(hl.width + hl.height) / 2 / side;
    const float coreShare = static_cast<float>(c.width + c.height) / 2 / side;
    if (holeShare < kMinHoleShare || holeShare > kMaxHoleShare || coreShare < kMinCoreShare || coreShare > kMaxCoreShare)
      continue;
    if (cv::norm(centre(c) - centre(r)) > side / 7) continue;
    out.push_back(r);
  }
  return out;
}

}  // namespace

std::vector<RedrawnQr> redrawQr(const cv::Mat& crop, int modulePx, std::size_t most, float minPatternFit) {
  std::vector<RedrawnQr> out;
  if (crop.empty() || crop.type() != CV_8UC1 || crop.cols < 42 || crop.rows < 42 || modulePx < 1) return out;
  // The symbol's extent, found at half size (the frame's own resolution,
  // as the crop is the reader's 2x), gives its size in modules.
  cv::Mat half;
  cv::resize(crop, half, cv::Size(crop.cols / 2, crop.rows / 2), 0, 0, cv::INTER_AREA);
  Ink ink;
  if (!findInk(half, ink)) return out;
  const float w = 2.0F * static_cast<float>(ink.x1 - ink.x0), h = 2.0F * static_cast<float>(ink.y1 - ink.y0);
  // Each whole finder pattern gives the module and one corner of the
  // symbol: a grid per corner it may be, per version whose side fits
  // the extent across or down (a stripe along an edge takes the outer
  // modules of one side away; a rule beside the symbol adds to the other).
  std::vector<Hypothesis> hypotheses;
  for (const cv::Rect& f : finderPatterns(crop, ink.threshold)) {
    const float m = static_cast<float>(f.width + f.height) / 14.0F;
    if (m < 2 * kMinModulePx) continue;
    for (int v = 1; v <= kMaxVersion; ++v) {
      const int n = modulesOf(v);
      const FixedPatterns& p = fixedPatterns(v);
      // The side itself from the extent, which measures it over many
      // modules (a finder's edges blur by a fraction of one).
      for (int k = 0; k < 2; ++k) {
        const float side = k == 0 ? w : h;
        if (std::abs(side - static_cast<float>(n) * m) > kMaxExtentMisfitModules * m) continue;
        if (k == 1 && std::abs(w - h) < 1.0F) continue;
        const auto fx = static_cast<float>(f.x), fy = static_cast<float>(f.y);
        const float far = 7 * side / static_cast<float>(n) - side;  // from the finder's corner to the symbol's far side
        for (const cv::Point2f corner : {cv::Point2f(fx, fy), cv::Point2f(fx + far, fy), cv::Point2f(fx, fy + far),
                                         cv::Point2f(fx + far, fy + far)}) {
          const cv::Rect2f symbol(corner.x, corner.y, side, side);
          const auto [turns, fit] = bestTurn(sampleModules(crop, symbol, n, n, ink.threshold), p);
          if (fit >= minPatternFit - kCoarseFitSlack) hypotheses.push_back({symbol, v, turns, fit});
        }
      }
    }
  }
  std::sort(hypotheses.begin(), hypotheses.end(), [](const Hypothesis& a, const Hypothesis& b) { return a.fit > b.fit; });

  for (const Hypothesis& hyp : hypotheses) {
    if (out.size() >= most) break;
    const int n = modulesOf(hyp.version);
    const FixedPatterns& p = fixedPatterns(hyp.version);
    const cv::Rect2f symbol = refineExtent(crop, hyp.symbol, n, n, ink.threshold);
    const cv::Mat standard = turned(sampleModules(crop, symbol, n, n, ink.threshold), hyp.turns);
    const float fit = patternFit(standard, p);
    if (fit < minPatternFit) continue;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const RedrawnQr& q) {
      return q.version == hyp.version && std::abs(q.symbol.x - symbol.x) < 0.5F && std::abs(q.symbol.y - symbol.y) < 0.5F &&
             std::abs(q.symbol.width - symbol.width) < 0.5F;
    });
    if (seen) continue;
    RedrawnQr q;
    q.modulePx = modulePx;
    q.version = hyp.version;
    q.modules = n;
    q.symbol = symbol;
    q.patternFit = fit;
    // The data as seen, the fixed patterns as they must be.
    cv::Mat dark = standard.clone();
    p.dark.copyTo(dark, p.fixed);
    drawModules(dark, modulePx, q.image);
    q.dark = dark;
    // Three corners of the symbol, redrawn px -> crop px.
    const auto mp = static_cast<float>(modulePx);
    const std::array<cv::Point2f, 3> redrawn = {cv::Point2f(2 * mp, 2 * mp),
                                                cv::Point2f((static_cast<float>(n) + 2) * mp, 2 * mp),
                                                cv::Point2f(2 * mp, (static_cast<float>(n) + 2) * mp)};
    const std::array<cv::Point2f, 3> grid = {cv::Point2f(0, 0), cv::Point2f(static_cast<float>(n), 0),
                                             cv::Point2f(0, static_cast<float>(n))};
    std::array<cv::Point2f, 3> inCrop;
    const float mx = symbol.width / static_cast<float>(n), my = symbol.height / static_cast<float>(n);
    for (std::size_t i = 0; i < 3; ++i) {
      const cv::Point2f g = unturned(grid[i], hyp.turns, n);
      inCrop[i] = cv::Point2f(symbol.x + g.x * mx, symbol.y + g.y * my);
    }
    cv::Mat affine;
    cv::getAffineTransform(redrawn.data(), inCrop.data()).convertTo(affine, CV_32F);
    q.toCrop = cv::Matx23f(affine.ptr<float>());
    out.push_back(std::move(q));
  }
  return out;
}

void writeQrFormat(cv::Mat& dark, int level, int mask) {
  // The level's two bits as the symbol writes them (L 01, M 00, Q 11,
  // H 10) and the mask's three, protected by a BCH (15, 5) code whose
  // generator is x^10 + x^8 + x^5 + x^4 + x^2 + x + 1, then XORed with
  // 101010000010010 so that no format is all light.
  constexpr std::array<int, 4> kLevelBits = {1, 0, 3, 2};
  const int data = (kLevelBits[static_cast<std::size_t>(level & 3)] << 3) | (mask & 7);
  int remainder = data << 10;
  for (int bit = 14; bit >= 10; --bit)
    if ((remainder >> bit) & 1) remainder ^= 0x537 << (bit - 10);
  const int bits = ((data << 10) | remainder) ^ 0x5412;
  const int n = dark.rows;
  const auto put = [&](int row, int col, int i) { dark.at<std::uint8_t>(row, col) = static_cast<std::uint8_t>((bits >> i) & 1); };
  // Beside the top left finder: down column 8 (skipping the timing row),
  // then along row 8 leftwards.
  for (int i = 0; i <= 5; ++i) put(i, 8, i);
  put(7, 8, 6);
  put(8, 8, 7);
  put(8, 7, 8);
  for (int i = 9; i < 15; ++i) put(8, 14 - i, i);
  // Split between the top right finder (row 8, right to left) and the
  // bottom left one (column 8, downwards).
  for (int i = 0; i < 8; ++i) put(8, n - 1 - i, i);
  for (int i = 8; i < 15; ++i) put(n - 15 + i, 8, i);
}

}  // namespace gs1inspect::read
