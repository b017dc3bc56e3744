#include "read/localiser.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>

#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>

namespace gs1inspect::read {

namespace {

// Standard deviation of grey levels (on the half-size copy) that makes a
// cell inked: paper grain, sensor noise and board texture stay below it; a
// faded symbol under uneven light (30% contrast left) is above it.
constexpr float kMinContrast = 11.0F;
// Edge density: energy per unit of contrast. Dense modules (bars, 2D
// symbols) reach about 1; printed text, rules and box edges stay lower.
constexpr float kMinBarDensity = 0.55F;
constexpr float kMinMatrixDensity = 0.75F;
// Edge energy (grey levels per pixel) a 2D symbol's cells reach even faded
// to 30%; the thin rules and box edges that touch it on labels stay below.
constexpr float kMinMatrixEnergy = 18.0F;
// Orientation coherence (0 isotropic, 0.3-0.4 for perfect bars in any
// direction) above which a cell is a bar cell.
constexpr float kMinBarCoherence = 0.2F;
// Bars smeared along the belt keep their direction but lose their contrast
// within a cell: cells below kMinContrast whose edges are this coherent
// and this strong (grey levels per pixel) are faint bar cells. Sensor
// noise stays near 0.1; board texture, print and text below 0.3.
constexpr float kMinFaintCoherence = 0.3F;
constexpr float kMinFaintEnergy = 5.0F;
// cos of the largest doubled angle between a faint cell's edge direction
// and the belt's (x): bars turned up to 30 degrees.
constexpr float kFaintMaxTurn = 0.5F;
// Neighbouring bar cells belong to one region when their bar directions
// differ by less than this (radians; 20 degrees).
constexpr float kMaxAngleStep = 0.35F;
// Regions of fewer bar cells than this are no bar field; the length and
// fill tests below judge the larger ones.
constexpr int kMinBarCells = 3;
// The shortest bar field worth decoding, across the bars (frame px): 30
// modules of 1.5 px. Box edges and rules are one cell across.
constexpr float kMinBarFieldLength = 44.0F;
// Cells a bar field peeled off a line must keep to be read: the smallest
// symbol of 2 px modules (DataBar Omni, 192x66 px) covers 48.
constexpr int kMinPeeledCells = 24;
// ... and this share of the region it was peeled from: a symbol against
// a carton's edge keeps most of its region (90% for a GS1-128 of the
// generated sets); pieces of a textured board, of text or of a belt keep
// 25% to 57% each, and reading them costs 6% of the frame rate.
constexpr float kMinPeeledShare = 0.6F;
// Share of its bounding rectangle a bar field fills with bar cells; label
// outlines and text lines fill far less.
constexpr float kMinBarFill = 0.35F;
// Bar fields end to end are one symbol when their directions differ by less
// than this (radians; 6 degrees) and the gap between them is at most this
// (frame px; about a quiet zone of 10 modules at 2.4 px: symbols closer
// than that are read one after the other from the merged field).
constexpr float kMaxMergeAngle = 0.1F;
constexpr float kMaxMergeGapPx = 24.0F;
// Rows of a stacked symbol overlap along the bars by at least this share of
// the shorter one (the last row of DataBar Expanded Stacked may be short).
constexpr float kMinStackOverlap = 0.6F;
// 9 cells are a 10x10-module DataMatrix at 2.4 px; eroded by one cell, 4
// cells are one at 3 px.
constexpr int kMinMatrixCells = 9;
constexpr int kMinMatrixCoreCells = 4;
// A 2D symbol is solid, square or a rectangle of at most 16x48 modules.
constexpr float kMaxMatrixAspect = 3.2F;
constexpr float kMinMatrixFill = 0.5F;
constexpr float kMaxMatrixOrientedShare = 0.5F;

// The first halving of the six measures the cells average, in one pass
// over `half` (8-bit) within `area` (even sides, one px short of `half`'s
// right and bottom edges, for the neighbours): |grey difference| to the
// right, down, down-right and from down to right (8-bit), the grey level
// (8-bit) and its square (16-bit), each the rounded mean of a 2x2 block,
// (sum + 2) >> 2, as OpenCV's area resize halves, so the cells' values are
// exactly those of halving each full-size measure in turn.
void firstHalving(const cv::Mat& half, const cv::Rect& area, cv::Mat (&level)[6]) {
  const int w = area.width / 2, h = area.height / 2;
  for (int i = 0; i < 5; ++i) level[i].create(h, w, CV_8U);
  level[5].create(h, w, CV_16U);
  const auto d = [](int a, int b) { return a > b ? a - b : b - a; };
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* r0 = half.ptr<std::uint8_t>(area.y + 2 * y) + area.x;
    const std::uint8_t* r1 = half.ptr<std::uint8_t>(area.y + 2 * y + 1) + area.x;
    const std::uint8_t* r2 = half.ptr<std::uint8_t>(area.y + 2 * y + 2) + area.x;
    std::uint8_t *o0 = level[0].ptr<std::uint8_t>(y), *o90 = level[1].ptr<std::uint8_t>(y);
    std::uint8_t *o45 = level[2].ptr<std::uint8_t>(y), *o135 = level[3].ptr<std::uint8_t>(y);
    std::uint8_t* om = level[4].ptr<std::uint8_t>(y);
    std::uint16_t* oq = level[5].ptr<std::uint16_t>(y);
    int x = 0;
#if CV_SIMD128
    // Sixteen outputs at a time, from 34 columns of each row.
    const int reach = half.cols - area.x;
    const auto sum4 = [](const cv::v_uint8x16& p, const cv::v_uint8x16& q, const cv::v_uint8x16& r,
                         const cv::v_uint8x16& t) {
      cv::v_uint16x8 pl, ph, ql, qh, rl, rh, tl, th;
      cv::v_expand(p, pl, ph);
      cv::v_expand(q, ql, qh);
      cv::v_expand(r, rl, rh);
      cv::v_expand(t, tl, th);
      return cv::v_rshr_pack<2>(pl + ql + rl + tl, ph + qh + rh + th);
    };
    for (; x + 16 <= w && 2 * x + 34 <= reach; x += 16) {
      const int c = 2 * x;
      cv::v_uint8x16 a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23;
      cv::v_load_deinterleave(r0 + c, a00, a01);
      cv::v_load_deinterleave(r0 + c + 2, a02, a03);
      cv::v_load_deinterleave(r1 + c, a10, a11);
      cv::v_load_deinterleave(r1 + c + 2, a12, a13);
      cv::v_load_deinterleave(r2 + c, a20, a21);
      cv::v_load_deinterleave(r2 + c + 2, a22, a23);
      cv::v_store(o0 + x, sum4(cv::v_absdiff(a01, a00), cv::v_absdiff(a02, a01), cv::v_absdiff(a11, a10),
                               cv::v_absdiff(a12, a11)));
      cv::v_store(o90 + x, sum4(cv::v_absdiff(a10, a00), cv::v_absdiff(a11, a01), cv::v_absdiff(a20, a10),
                                cv::v_absdiff(a21, a11)));
      cv::v_store(o45 + x, sum4(cv::v_absdiff(a11, a00), cv::v_absdiff(a12, a01), cv::v_absdiff(a21, a10),
                                cv::v_absdiff(a22, a11)));
      cv::v_store(o135 + x, sum4(cv::v_absdiff(a10, a01), cv::v_absdiff(a11, a02), cv::v_absdiff(a20, a11),
                                 cv::v_absdiff(a21, a12)));
      cv::v_store(om + x, sum4(a00, a01, a10, a11));
      // Squares to 16 bits, their sums to 32.
      cv::v_uint16x8 s[8];
      cv::v_mul_expand(a00, a00, s[0], s[1]);
      cv::v_mul_expand(a01, a01, s[2], s[3]);
      cv::v_mul_expand(a10, a10, s[4], s[5]);
      cv::v_mul_expand(a11, a11, s[6], s[7]);
      cv::v_uint32x4 lo[4], hi[4];
      for (int k = 0; k < 4; ++k) cv::v_expand(s[k * 2], lo[k], hi[k]);
      cv::v_store(oq + x, cv::v_rshr_pack<2>(lo[0] + lo[1] + lo[2] + lo[3], hi[0] + hi[1] + hi[2] + hi[3]));
      for (int k = 0; k < 4; ++k) cv::v_expand(s[k * 2 + 1], lo[k], hi[k]);
      cv::v_store(oq + x + 8, cv::v_rshr_pack<2>(lo[0] + lo[1] + lo[2] + lo[3], hi[0] + hi[1] + hi[2] + hi[3]));
    }
#endif
    for (; x < w; ++x) {
      const int c = 2 * x;
      const int a00 = r0[c], a01 = r0[c + 1], a02 = r0[c + 2];
      const int a10 = r1[c], a11 = r1[c + 1], a12 = r1[c + 2];
      const int a20 = r2[c], a21 = r2[c + 1], a22 = r2[c + 2];
      o0[x] = static_cast<std::uint8_t>((d(a01, a00) + d(a02, a01) + d(a11, a10) + d(a12, a11) + 2) >> 2);
      o90[x] = static_cast<std::uint8_t>((d(a10, a00) + d(a11, a01) + d(a20, a10) + d(a21, a11) + 2) >> 2);
      o45[x] = static_cast<std::uint8_t>((d(a11, a00) + d(a12, a01) + d(a21, a10) + d(a22, a11) + 2) >> 2);
      o135[x] = static_cast<std::uint8_t>((d(a10, a01) + d(a11, a02) + d(a20, a11) + d(a21, a12) + 2) >> 2);
      om[x] = static_cast<std::uint8_t>((a00 + a01 + a10 + a11 + 2) >> 2);
      oq[x] = static_cast<std::uint16_t>((a00 * a00 + a01 * a01 + a10 * a10 + a11 * a11 + 2) >> 2);
    }
  }
}

// Means of `m` over blocks of 2^k pixels, by k halvings with 2x2 area
// averaging (OpenCV's fast path), into `out` as floats.
void blockMeans(const cv::Mat& m, int k, cv::Mat (&steps)[2], cv::Mat& out, double scale = 1.0) {
  const cv::Mat* in = &m;
  for (int i = 0; i < k; ++i) {
    cv::Mat& next = steps[i % 2];
    cv::resize(*in, next, cv::Size(in->cols / 2, in->rows / 2), 0, 0, cv::INTER_AREA);
    in = &next;
  }
  in->convertTo(out, CV_32F, scale);
}

struct Region {
  std::vector<cv::Point> cells;
};

// Regions of `mask` cells, 8-connected. With `oriented` (the cells with an
// orientation of their own), a region grows only into cells whose direction
// agrees with the cell it grows from; the other mask cells (holes filled
// between bars) take over the direction of the cell that reached them.
std::vector<Region> regions(const cv::Mat& mask, const CellFeatures& g, const cv::Mat* oriented, LocaliserScratch& w) {
  std::vector<Region> out;
  const int cols = mask.cols, rows = mask.rows;
  const auto total = static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows);
  w.seen.assign(total, 0);
  w.directions.resize(total);
  // Directions as unit doubled-angle vectors: two agree when their dot
  // product exceeds cos(2 * kMaxAngleStep).
  const float minDot = std::cos(2 * kMaxAngleStep);
  const auto* m = mask.ptr<std::uint8_t>(0);
  const auto* o = oriented != nullptr ? oriented->ptr<std::uint8_t>(0) : nullptr;
  const auto* c2 = g.cos2.ptr<float>(0);
  const auto* s2 = g.sin2.ptr<float>(0);
  const auto ownDirection = [&](int i) {
    const float n = std::sqrt(c2[i] * c2[i] + s2[i] * s2[i]) + 1e-6F;
    return cv::Vec2f(c2[i] / n, s2[i] / n);
  };
  const auto* seen = w.seen.data();
  for (int seed = 0; seed < static_cast<int>(total); ++seed) {
    // Most cells are off the mask: skipped eight at a time.
    if ((seed & 7) == 0 && seed + 8 <= static_cast<int>(total)) {
      std::uint64_t eight = 0;
      std::memcpy(&eight, m + seed, sizeof eight);
      if (eight == 0) {
        seed += 7;
        continue;
      }
    }
    // Regions start from a cell with a direction of its own.
    if (!m[seed] || seen[seed] || (o != nullptr && !o[seed])) continue;
    Region r;
    w.stack.assign(1, seed);
    w.seen[static_cast<std::size_t>(seed)] = 1;
    w.directions[static_cast<std::size_t>(seed)] = o != nullptr ? ownDirection(seed) : cv::Vec2f(1, 0);
    while (!w.stack.empty()) {
      const int p = w.stack.back();
      w.stack.pop_back();
      const int px = p % cols, py = p / cols;
      r.cells.emplace_back(px, py);
      const cv::Vec2f a = w.directions[static_cast<std::size_t>(p)];
      for (int dy = -1; dy <= 1; ++dy) {
        const int qy = py + dy;
        if (qy < 0 || qy >= rows) continue;
        for (int dx = -1; dx <= 1; ++dx) {
          const int qx = px + dx;
          if (qx < 0 || qx >= cols) continue;
          const int q = qy * cols + qx;
          if (!m[q] || w.seen[static_cast<std::size_t>(q)]) continue;
          cv::Vec2f b = a;
          if (o != nullptr && o[q]) {
            b = ownDirection(q);
            if (a.dot(b) < minDot) continue;
          }
          w.seen[static_cast<std::size_t>(q)] = 1;
          w.directions[static_cast<std::size_t>(q)] = b;
          w.stack.push_back(q);
        }
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

// The parts of region `r` that remain once lines one or two cells thick
// are opened away, 8-connected.
std::vector<Region> peeled(const Region& r) {
  cv::Rect box;
  for (const auto& p : r.cells) box |= cv::Rect(p.x, p.y, 1, 1);
  const cv::Point origin(box.x - 1, box.y - 1);
  cv::Mat mask = cv::Mat::zeros(box.height + 2, box.width + 2, CV_8U);
  for (const auto& p : r.cells) mask.at<std::uint8_t>(p - origin) = 1;
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  cv::Mat labels;
  const int n = cv::connectedComponents(mask, labels, 8, CV_32S);
  std::vector<Region> out(static_cast<std::size_t>(std::max(0, n - 1)));
  for (int y = 0; y < labels.rows; ++y)
    for (int x = 0; x < labels.cols; ++x)
      if (const int l = labels.at<int>(y, x); l > 0) out[static_cast<std::size_t>(l - 1)].cells.emplace_back(cv::Point(x, y) + origin);
  return out;
}

// Joins bar fields with the same direction that lie end to end (one row
// cut by wide spaces, a crease or a stripe across it: first pass) or one
// above the other, the shorter within the longer (the rows of a stacked
// symbol: second pass). A join that would leave the field hollow is not
// made.
void mergeCollinear(std::vector<Candidate>& bars, float cellArea) {
  for (const bool stackedPass : {false, true}) {
    for (bool merged = true; merged;) {
      merged = false;
      for (std::size_t i = 0; i < bars.size() && !merged; ++i) {
        for (std::size_t j = 0; j < bars.size() && !merged; ++j) {
          if (i == j) continue;
          Candidate& a = bars[i];
          const Candidate& b = bars[j];
          float d = std::abs(a.angle - b.angle);
          d = std::min(d, static_cast<float>(CV_PI) - d);
          if (d > kMaxMergeAngle) continue;
          const cv::Point2f u(std::cos(a.angle), std::sin(a.angle)), v(-u.y, u.x);
          const cv::Point2f delta = b.centre - a.centre;
          const float du = std::abs(delta.dot(u)), dv = std::abs(delta.dot(v));
          if (stackedPass) {
            const float overlap = std::min(a.halfAcross + b.halfAcross - du, 2 * std::min(a.halfAcross, b.halfAcross));
            if (dv - a.halfAlong - b.halfAlong > kMaxMergeGapPx ||
                overlap < kMinStackOverlap * 2 * std::min(a.halfAcross, b.halfAcross))
              continue;
          } else if (du - a.halfAcross - b.halfAcross > kMaxMergeGapPx || dv > 0.5F * (a.halfAlong + b.halfAlong)) {
            continue;
          }
          // The union, in a's axes.
          const float bu = delta.dot(u), bv = delta.dot(v);
          const float u0 = std::min(-a.halfAcross, bu - b.halfAcross), u1 = std::max(a.halfAcross, bu + b.halfAcross);
          const float v0 = std::min(-a.halfAlong, bv - b.halfAlong), v1 = std::max(a.halfAlong, bv + b.halfAlong);
          const int cells = a.cells + b.cells;
          if (static_cast<float>(cells) * cellArea < kMinBarFill * (u1 - u0) * (v1 - v0)) continue;
          a.strength = (a.strength * static_cast<float>(a.cells) + b.strength * static_cast<float>(b.cells)) /
                       static_cast<float>(cells);
          a.centre += u * (0.5F * (u0 + u1)) + v * (0.5F * (v0 + v1));
          a.halfAcross = 0.5F * (u1 - u0);
          a.halfAlong = 0.5F * (v1 - v0);
          a.box |= b.box;
          a.cells = cells;
          bars.erase(bars.begin() + static_cast<std::ptrdiff_t>(j));
          merged = true;
        }
      }
    }
  }
}

// Marks the bar cells (dense, one edge direction) in `bars`, the matrix
// cells (dense, strong edges) in `matrix`, and the faint bar cells (too
// little contrast for ink, edges all in one direction) in `faint`, 8-bit
// masks of the grid.
void markCells(const CellFeatures& g, cv::Mat& bars, cv::Mat& matrix, cv::Mat& faint) {
  bars.create(g.energy.size(), CV_8U);
  matrix.create(g.energy.size(), CV_8U);
  faint.create(g.energy.size(), CV_8U);
  bars.setTo(0);
  matrix.setTo(0);
  faint.setTo(0);
  for (int y = 0; y < g.energy.rows; ++y) {
    const float* e = g.energy.ptr<float>(y);
    const float* c = g.coherence.ptr<float>(y);
    const float* s = g.contrast.ptr<float>(y);
    auto* b = bars.ptr<std::uint8_t>(y);
    auto* m = matrix.ptr<std::uint8_t>(y);
    auto* f = faint.ptr<std::uint8_t>(y);
    const float* cosines = g.cos2.ptr<float>(y);
    const float* sines = g.sin2.ptr<float>(y);
    for (int x = 0; x < g.energy.cols; ++x) {
      if (s[x] < kMinContrast) {
        // Only bars across the belt lose their contrast to its smear: the
        // edges' direction (doubled angle) within 60 degrees of x's.
        if (c[x] >= kMinFaintCoherence && e[x] >= kMinFaintEnergy &&
            cosines[x] > kFaintMaxTurn * std::hypot(cosines[x], sines[x]))
          f[x] = 1;
        continue;
      }
      const float density = e[x] / s[x];
      if (c[x] >= kMinBarCoherence && density >= kMinBarDensity) b[x] = 1;
      // A 2D symbol's finder and clock edges are oriented: dense cells of
      // any direction belong to the matrix mask.
      if (density >= kMinMatrixDensity && e[x] >= kMinMatrixEnergy) m[x] = 1;
    }
  }
}

cv::Point2f cellCentre(cv::Point p, int cellPx) {
  return {(static_cast<float>(p.x) + 0.5F) * static_cast<float>(cellPx),
          (static_cast<float>(p.y) + 0.5F) * static_cast<float>(cellPx)};
}

// The bar field of region `r`: one orientation, from its bar cells'
// doubled angles, and its extent along and across it.
Candidate barCandidate(const Region& r, const CellFeatures& g, const cv::Mat& bars, cv::Rect frame) {
  const int cellPx = g.cellPx;
  double c2 = 0, s2 = 0, energy = 0;
  for (const auto& p : r.cells) {
    if (!bars.at<std::uint8_t>(p)) continue;
    c2 += g.cos2.at<float>(p);
    s2 += g.sin2.at<float>(p);
    energy += g.energy.at<float>(p);
  }
  const float angle = static_cast<float>(0.5 * std::atan2(s2, c2));
  const cv::Point2f u(std::cos(angle), std::sin(angle));
  const cv::Point2f v(-u.y, u.x);
  float u0 = 1e9F, u1 = -1e9F, v0 = 1e9F, v1 = -1e9F;
  cv::Rect box;
  for (const auto& p : r.cells) {
    const cv::Point2f centre = cellCentre(p, cellPx);
    const float pu = centre.dot(u), pv = centre.dot(v);
    u0 = std::min(u0, pu), u1 = std::max(u1, pu), v0 = std::min(v0, pv), v1 = std::max(v1, pv);
    box |= cv::Rect(p.x * cellPx, p.y * cellPx, cellPx, cellPx);
  }
  // A cell reaches half its diagonal extent beyond its centre.
  const float reach = 0.5F * static_cast<float>(cellPx) * (std::abs(u.x) + std::abs(u.y));
  Candidate c;
  c.kind = Candidate::Kind::Bars;
  c.angle = angle;
  c.halfAcross = 0.5F * (u1 - u0) + reach;
  c.halfAlong = 0.5F * (v1 - v0) + reach;
  c.centre = u * (0.5F * (u0 + u1)) + v * (0.5F * (v0 + v1));
  c.box = box & frame;
  c.cells = static_cast<int>(r.cells.size());
  c.strength = static_cast<float>(energy / static_cast<double>(r.cells.size()));
  return c;
}

// Bar fields: regions of bar cells. Bars wider than a cell leave holes:
// they are closed, and the filled cells join any direction.
void barFields(const CellFeatures& g, cv::Rect frame, LocaliserScratch& scratch, std::vector<Candidate>& out) {
  const cv::Mat& bars = scratch.bars;
  cv::Mat& closed = scratch.closed;
  cv::morphologyEx(bars, closed, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  const float cellArea = static_cast<float>(g.cellPx * g.cellPx);
  const auto hollow = [&](const Candidate& c) {
    return static_cast<float>(c.cells) * cellArea < kMinBarFill * 4 * c.halfAcross * c.halfAlong;
  };
  for (const auto& r : regions(closed, g, &bars, scratch)) {
    if (static_cast<int>(r.cells.size()) < kMinBarCells) continue;
    Candidate c = barCandidate(r, g, bars, frame);
    if (!hollow(c)) {
      out.push_back(c);
      continue;
    }
    // A symbol that touches a line running its way (a carton's or a
    // label's edge, a rule) makes one hollow region: lines one or two
    // cells thick are peeled off and what stands is judged alone. A region
    // with nothing left standing (a thin piece of a symbol) stays as it is
    // for the merge below.
    bool cores = false;
    for (const Region& core : peeled(r)) {
      if (static_cast<int>(core.cells.size()) < kMinPeeledCells ||
          static_cast<float>(core.cells.size()) < kMinPeeledShare * static_cast<float>(r.cells.size()))
        continue;
      out.push_back(barCandidate(core, g, bars, frame));
      cores = true;
    }
    if (!cores) out.push_back(c);
  }
  // Pieces of one symbol (split by wide spaces, a crease, the separator of
  // a stacked symbol) are joined before they are judged.
  mergeCollinear(out, cellArea);
  std::erase_if(out, [&](const Candidate& c) { return 2 * c.halfAcross < kMinBarFieldLength || hollow(c); });
}

// The 2D candidate of region `r` of the matrix mask eroded `grow` cells,
// unless it is mostly one direction (a bar field) or not square and solid.
std::optional<Candidate> matrixCandidate(const Region& r, const CellFeatures& g, const cv::Mat& bars, int grow,
                                         cv::Rect frame) {
  const int cellPx = g.cellPx;
  cv::Rect cells;
  double energy = 0;
  int oriented = 0;
  for (const auto& p : r.cells) {
    cells |= cv::Rect(p, cv::Size(1, 1));
    energy += g.energy.at<float>(p);
    oriented += bars.at<std::uint8_t>(p);
  }
  // Mostly one direction: a bar field, found above.
  if (static_cast<float>(oriented) > kMaxMatrixOrientedShare * static_cast<float>(r.cells.size())) return std::nullopt;
  // Square and solid within its own (possibly rotated) rectangle.
  std::vector<cv::Point2f> centres;
  centres.reserve(r.cells.size());
  for (const auto& p : r.cells) centres.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
  const cv::RotatedRect own = cv::minAreaRect(centres);
  const float ow = own.size.width + 1, oh = own.size.height + 1;
  const float aspect = (std::max(ow, oh) + static_cast<float>(2 * grow)) / (std::min(ow, oh) + static_cast<float>(2 * grow));
  const float fill = static_cast<float>(r.cells.size()) / (ow * oh);
  if (aspect > kMaxMatrixAspect || fill < kMinMatrixFill) return std::nullopt;
  cells -= cv::Point(grow, grow);
  cells += cv::Size(2 * grow, 2 * grow);
  Candidate c;
  c.kind = Candidate::Kind::Matrix;
  const float spare = static_cast<float>(1 + 2 * (grow + 1));  // a cell's own size, erosion, one to spare
  const cv::RotatedRect around((own.center + cv::Point2f(0.5F, 0.5F)) * static_cast<float>(cellPx),
                               cv::Size2f((own.size.width + spare) * static_cast<float>(cellPx),
                                          (own.size.height + spare) * static_cast<float>(cellPx)),
                               own.angle);
  around.points(c.region.data());
  c.box = cv::Rect(cells.x * cellPx, cells.y * cellPx, cells.width * cellPx, cells.height * cellPx) & frame;
  c.centre = (c.box.tl() + c.box.br()) * 0.5F;
  c.halfAcross = 0.5F * static_cast<float>(c.box.width);
  c.halfAlong = 0.5F * static_cast<float>(c.box.height);
  c.cells = static_cast<int>(r.cells.size());
  c.strength = static_cast<float>(energy / static_cast<double>(r.cells.size()));
  return c;
}

// 2D symbols: square, solid regions of dense edges in every direction.
// Text beside a symbol is dense too and often touches it: the mask is also
// read eroded by one cell (cross, then square), which cuts thin lines of
// text away; a region is kept at the first level where it is square and
// solid.
void matrixRegions(const CellFeatures& g, cv::Rect frame, LocaliserScratch& scratch, std::vector<Candidate>& out) {
  const cv::Mat crossKernel = cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3));
  const cv::Mat squareKernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3));
  cv::Mat (&levels)[3] = scratch.levels;
  levels[0] = scratch.matrix;
  cv::erode(scratch.matrix, levels[1], crossKernel);
  cv::erode(scratch.matrix, levels[2], squareKernel);
  const std::size_t barCount = out.size();
  for (int level = 0; level < 3; ++level) {
    const int grow = level == 0 ? 0 : 1;  // the eroded cell all round
    for (const auto& r : regions(levels[level], g, nullptr, scratch)) {
      if (static_cast<int>(r.cells.size()) < (level == 0 ? kMinMatrixCells : kMinMatrixCoreCells)) continue;
      const std::optional<Candidate> c = matrixCandidate(r, g, scratch.bars, grow, frame);
      if (!c) continue;
      // Found at an earlier level already? (A much smaller region inside an
      // earlier one is kept: the earlier level may have merged two symbols.)
      const bool known = std::any_of(out.begin() + static_cast<std::ptrdiff_t>(barCount), out.end(), [&](const Candidate& o) {
        const int overlap = (o.box & c->box).area();
        return o.box.contains(c->centre) && overlap * 2 > std::min(o.box.area(), c->box.area()) &&
               c->box.area() * 2 > o.box.area();
      });
      if (!known) out.push_back(*c);
    }
  }
}

}  // namespace

const CellFeatures& cellFeatures(const cv::Mat& grey, int cellPx, LocaliserScratch& w) {
  CellFeatures& g = w.features;
  g.cellPx = cellPx <= 4 ? 4 : cellPx <= 8 ? 8 : 16;
  const int cell = g.cellPx / 2;  // in half-size pixels
  const int halvings = cell == 2 ? 1 : cell == 4 ? 2 : 3;
  cv::resize(grey, w.half, cv::Size(grey.cols / 2, grey.rows / 2), 0, 0, cv::INTER_AREA);
  const int gw = (w.half.cols - 1) / cell, gh = (w.half.rows - 1) / cell;
  if (gw < 1 || gh < 1) {
    g.energy.release();
    return g;
  }
  const cv::Rect area(0, 0, gw * cell, gh * cell);
  firstHalving(w.half, area, w.firstHalves);
  // Diagonal steps are sqrt(2) long.
  const double diagonalScale = 1 / std::sqrt(2.0);
  for (int i = 0; i < 6; ++i)
    blockMeans(w.firstHalves[i], halvings - 1, w.halves[i], w.means[i], i == 2 || i == 3 ? diagonalScale : 1.0);
  const cv::Mat &m0 = w.means[0], &m90 = w.means[1], &m45 = w.means[2], &m135 = w.means[3];
  const cv::Mat &mean = w.means[4], &meanSquare = w.means[5];
  g.energy.create(m0.size(), CV_32F);
  g.cos2.create(m0.size(), CV_32F);
  g.sin2.create(m0.size(), CV_32F);
  g.coherence.create(m0.size(), CV_32F);
  g.contrast.create(m0.size(), CV_32F);
  for (int y = 0; y < m0.rows; ++y) {
    const float *p0 = m0.ptr<float>(y), *p90 = m90.ptr<float>(y), *p45 = m45.ptr<float>(y), *p135 = m135.ptr<float>(y);
    const float *pm = mean.ptr<float>(y), *pq = meanSquare.ptr<float>(y);
    float *e = g.energy.ptr<float>(y), *c = g.cos2.ptr<float>(y), *s = g.sin2.ptr<float>(y);
    float *h = g.coherence.ptr<float>(y), *k = g.contrast.ptr<float>(y);
    for (int x = 0; x < m0.cols; ++x) {
      e[x] = p0[x] + p90[x];
      c[x] = p0[x] - p90[x];
      s[x] = p45[x] - p135[x];
      h[x] = std::sqrt(c[x] * c[x] + s[x] * s[x]) / (e[x] + p45[x] + p135[x] + 1e-3F);
      k[x] = std::sqrt(std::max(0.0F, pq[x] - pm[x] * pm[x]));
    }
  }
  return g;
}

std::vector<Candidate> localise(const cv::Mat& grey, const ReaderOptions& options, LocaliserScratch& scratch) {
  std::vector<Candidate> out;
  const CellFeatures& g = cellFeatures(grey, options.cellPx, scratch);
  if (g.energy.empty()) return out;
  markCells(g, scratch.bars, scratch.matrix, scratch.faint);
  const cv::Rect frame(0, 0, grey.cols, grey.rows);
  barFields(g, frame, scratch, out);
  matrixRegions(g, frame, scratch, out);
  // Bar fields that exist only with the faint cells: kept apart, as faint.
  if (cv::countNonZero(scratch.faint) > 0) {
    const std::size_t known = out.size();
    cv::bitwise_or(scratch.bars, scratch.faint, scratch.bars);
    std::vector<Candidate> withFaint;
    barFields(g, frame, scratch, withFaint);
    for (Candidate& c : withFaint) {
      const bool seen = std::any_of(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(known),
                                    [&](const Candidate& o) { return o.box.contains(c.centre); });
      if (seen) continue;
      c.faint = true;
      out.push_back(c);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return a.strength * static_cast<float>(a.cells) > b.strength * static_cast<float>(b.cells);
  });
  return out;
}

}  // namespace gs1inspect::read
