#include "read/qr_grid.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "read/module_grid.hpp"
#include "read/qr_codewords.hpp"

namespace gs1inspect::read {
namespace {

// A grid laid from a finder is kept for refining when its fixed patterns
// match within this much of what the refined grid must reach: a grid a
// fraction of a module off samples edges.
constexpr float kCoarseFitSlack = 0.1F;
// The ink extent gives a side when it is within this many modules of a
// version's side at the finder's module; versions larger than the
// extent by more are not tried.
constexpr float kMaxExtentMisfitModules = 2.5F;
// Sides tried around a version's side at the finder's module.
constexpr std::array<float, 3> kSideScales = {0.97F, 1.0F, 1.03F};
// Share of a row or column of modules that must be light for it to be
// taken as under a stripe.
constexpr float kMinStripeLightShare = 0.9F;
// Most of a symbol's rows or columns a stripe may take: 4 mm across a
// symbol of 25 modules of 0.5 mm is 8.
constexpr float kMaxStripeShare = 0.4F;
// A finder pattern: a dark ring 7 modules a side around a light ring
// around a dark 3 x 3 core. Sides within this ratio of square, the light
// ring's and the core's sides within these shares of the dark ring's (5/7
// and 3/7, with blur and ink spread), their centres within a module.
constexpr float kMaxFinderAspect = 1.3F;
constexpr float kMinHoleShare = 0.5F, kMaxHoleShare = 0.85F;
constexpr float kMinCoreShare = 0.25F, kMaxCoreShare = 0.6F;

// Rows and columns of modules under a printhead stripe: nearly all light,
// where a symbol's rows and columns (data, finders, timing) are about
// half dark. A stripe's residue of toner reads light too.
struct Stripes {
  std::vector<std::uint8_t> rows, cols;  // 1 for a row (column) under a stripe
  int rowCount = 0, colCount = 0;
};

Stripes stripesOf(const cv::Mat& seen) {
  const int n = seen.rows;
  Stripes s;
  s.rows.assign(static_cast<std::size_t>(n), 0);
  s.cols.assign(static_cast<std::size_t>(n), 0);
  std::vector<int> darkInColumn(static_cast<std::size_t>(n), 0);
  const auto most = static_cast<int>((1 - kMinStripeLightShare) * static_cast<float>(n));
  for (int r = 0; r < n; ++r) {
    const auto* p = seen.ptr<std::uint8_t>(r);
    int dark = 0;
    for (int c = 0; c < n; ++c) {
      dark += p[c];
      darkInColumn[static_cast<std::size_t>(c)] += p[c];
    }
    if (dark <= most) s.rows[static_cast<std::size_t>(r)] = 1, ++s.rowCount;
  }
  for (int c = 0; c < n; ++c)
    if (darkInColumn[static_cast<std::size_t>(c)] <= most) s.cols[static_cast<std::size_t>(c)] = 1, ++s.colCount;
  return s;
}

// The stripes' modules as a grid (CV_8U, 1 under a stripe).
cv::Mat stripeModules(const Stripes& s) {
  const auto n = static_cast<int>(s.rows.size());
  cv::Mat erased = cv::Mat::zeros(n, n, CV_8U);
  for (int i = 0; i < n; ++i) {
    if (s.rows[static_cast<std::size_t>(i)] != 0) erased.row(i).setTo(1);
    if (s.cols[static_cast<std::size_t>(i)] != 0) erased.col(i).setTo(1);
  }
  return erased;
}

// `seen` turned clockwise by `turns` quarter turns.
cv::Mat turned(const cv::Mat& seen, int turns) {
  if (turns == 0) return seen;
  cv::Mat out;
  cv::rotate(seen, out, turns == 1 ? cv::ROTATE_90_CLOCKWISE : turns == 2 ? cv::ROTATE_180 : cv::ROTATE_90_COUNTERCLOCKWISE);
  return out;
}

// Share of the fixed patterns' modules that `seen` (a sampled grid, the
// standard orientation `turns` clockwise quarter turns from it) shows as
// they are drawn, of those not under a stripe: what a stripe wiped is
// unseen, not wrong. 0 when the stripes took half of them or more, or
// more of the symbol's lines than a stripe takes (a grid laid half over
// paper finds "stripes" there).
float patternFit(const cv::Mat& seen, const Stripes& stripes, const QrFixedPatterns& p, int turns) {
  const int n = seen.rows;
  if (static_cast<float>(std::max(stripes.rowCount, stripes.colCount)) > kMaxStripeShare * static_cast<float>(n)) return 0;
  int same = 0, compared = 0;
  for (const auto& m : p.modules) {
    // A clockwise turn takes the module at (r, c) of a grid to (c, n - 1 - r).
    int r = m.row, c = m.col;
    for (int t = 0; t < turns; ++t) {
      const int back = r;
      r = n - 1 - c, c = back;
    }
    if (stripes.rows[static_cast<std::size_t>(r)] != 0 || stripes.cols[static_cast<std::size_t>(c)] != 0) continue;
    ++compared;
    same += (seen.at<std::uint8_t>(r, c) != 0) == m.dark;
  }
  if (2 * compared < p.count) return 0;
  return static_cast<float>(same) / static_cast<float>(compared);
}

struct Hypothesis {
  cv::Rect2f symbol;  // crop px
  int version = 0;
  int turns = 0;  // clockwise quarter turns from the crop to the standard orientation
  float fit = 0;
};

// The turn of `seen` whose fixed patterns match best, and how well.
std::pair<int, float> bestTurn(const cv::Mat& seen, const Stripes& stripes, const QrFixedPatterns& p) {
  std::pair<int, float> best{0, -1.0F};
  for (int t = 0; t < 4; ++t) {
    const float fit = patternFit(seen, stripes, p, t);
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
    for (int v = 1; v <= kMaxQrVersion; ++v) {
      const int n = qrModules(v);
      const float nominal = static_cast<float>(n) * m;
      if (nominal > std::max(w, h) + kMaxExtentMisfitModules * m) break;
      const QrFixedPatterns& p = qrFixedPatterns(v);
      // The side from the finder's module (a blurred finder's edges are a
      // fraction of a pixel off, which adds up over the symbol), and from
      // the extent, which measures it over many modules but takes in
      // what lies beside the symbol (a stripe along an edge takes the
      // outer modules of one side away; a rule or board edge adds).
      std::vector<float> sides;
      for (const float scale : kSideScales) sides.push_back(nominal * scale);
      for (const float side : {w, h})
        if (std::abs(side - nominal) <= kMaxExtentMisfitModules * m) sides.push_back(side);
      for (const float side : sides) {
        const auto fx = static_cast<float>(f.x), fy = static_cast<float>(f.y);
        const float far = 7 * side / static_cast<float>(n) - side;  // from the finder's corner to the symbol's far side
        for (const cv::Point2f corner : {cv::Point2f(fx, fy), cv::Point2f(fx + far, fy), cv::Point2f(fx, fy + far),
                                         cv::Point2f(fx + far, fy + far)}) {
          const cv::Rect2f symbol(corner.x, corner.y, side, side);
          const cv::Mat seen = sampleModuleCentres(crop, symbol, n, n, ink.threshold);
          const auto [turns, fit] = bestTurn(seen, stripesOf(seen), p);
          if (fit >= minPatternFit - kCoarseFitSlack) hypotheses.push_back({symbol, v, turns, fit});
        }
      }
    }
  }
  std::sort(hypotheses.begin(), hypotheses.end(), [](const Hypothesis& a, const Hypothesis& b) { return a.fit > b.fit; });

  for (const Hypothesis& hyp : hypotheses) {
    if (out.size() >= most) break;
    const int n = qrModules(hyp.version);
    const QrFixedPatterns& p = qrFixedPatterns(hyp.version);
    const cv::Rect2f symbol = refineExtent(crop, hyp.symbol, n, n, ink.threshold);
    const cv::Mat seen = sampleModules(crop, symbol, n, n, ink.threshold);
    const Stripes stripes = stripesOf(seen);
    const float fit = patternFit(seen, stripes, p, hyp.turns);
    const cv::Mat standard = turned(seen, hyp.turns), erased = turned(stripeModules(stripes), hyp.turns);
    if (fit < minPatternFit) continue;
    const bool known = std::any_of(out.begin(), out.end(), [&](const RedrawnQr& q) {
      return q.version == hyp.version && std::abs(q.symbol.x - symbol.x) < 0.5F && std::abs(q.symbol.y - symbol.y) < 0.5F &&
             std::abs(q.symbol.width - symbol.width) < 0.5F;
    });
    if (known) continue;
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
    q.erased = erased;
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
  std::stable_sort(out.begin(), out.end(), [](const RedrawnQr& a, const RedrawnQr& b) { return a.patternFit > b.patternFit; });
  return out;
}

int qrFinderCount(const cv::Mat& crop) {
  if (crop.empty() || crop.type() != CV_8UC1) return 0;
  cv::Mat unused;
  const double threshold = cv::threshold(crop, unused, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  return static_cast<int>(finderPatterns(crop, threshold).size());
}

}  // namespace gs1inspect::read
