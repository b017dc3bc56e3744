#include "read/fused_bar_profile.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace gs1inspect::read {

namespace {

// Window over which a row's ink and paper levels are taken, px: wider
// than the widest element (9 modules of 3.5 px), narrower than a light
// gradient (as the levelled bands' window).
constexpr int kLevelWindowPx = 41;
// A row is flat (nothing seen) where its contrast is below this share of
// the field's (its 90th percentile): glare that saturates, the inside of
// a strap or tape.
constexpr float kFlatShare = 0.3F;
constexpr double kFieldContrastQuantile = 0.9;
constexpr int kContrastSampleStep = 3;
// A run of ink or paper longer than this many typical (median) elements,
// and than kMinLongRunPx, is no element of a symbol (Code 128's widest is
// 4 modules, DataBar's 8, a median element 1.5-2): a strap or tape over
// the bars, or a quiet zone.
constexpr float kLongRunElements = 5.0F;
constexpr int kMinLongRunPx = 24;
// Hidden stretches grow by this much on each side (px): the blur at
// their edges.
constexpr int kHiddenMarginPx = 2;
// Rows with at least this share of the most transitions any row has may
// hold bars (a row half hidden has fewer); the row the symbol's rows are
// gathered from has at least kSeedRowShare.
constexpr float kBarRowShare = 0.25F;
constexpr float kSeedRowShare = 0.5F;
// Rows of one symbol differ by at most this much on average (levels 0 ink
// .. 1 paper, where both rows see the bars): rows of text or of a 2D
// symbol differ from their neighbours by 0.1-0.2, from a bar row by half.
constexpr float kMaxRowDisagreement = 0.25F;
// Rows of the symbol differ from their neighbour by at most this many
// times what the seed row does, and at least kMinAgreement may.
constexpr float kAgreementOverSeed = 2.5F;
constexpr float kMinAgreement = 0.08F;
// Symbols grown from seeds, the tallest of them fused.
constexpr int kMaxSymbolsTried = 3;
// Columns two rows must both see to be compared.
constexpr int kMinColumnsCompared = 16;
// Rows that do not agree, one after another, that end the symbol.
constexpr int kMaxRowsApart = 2;
// A column no row sees with at least this share of the field's contrast
// is left as paper.
constexpr float kMinSeenContrastShare = 0.25F;

// Transitions of a row binarised at its own mid-level, where it is not
// flat (noise on blank paper crosses its own mid-level everywhere).
int transitions(const float* v, const float* mid, const float* contrast, float flat, int n) {
  int count = 0;
  for (int x = 1; x < n; ++x) {
    if (contrast[x] >= flat && (v[x] < mid[x]) != (v[x - 1] < mid[x - 1])) ++count;
  }
  return count;
}

}  // namespace

FusedBarProfile fuseBarRows(const cv::Mat& bands, float leanPerRow) {
  FusedBarProfile out;
  const int rows = bands.rows, n = bands.cols;
  out.levels.assign(static_cast<std::size_t>(std::max(n, 0)), 255.0F);
  if (rows == 0 || n < 2) return out;

  // The rows shifted so the bars stand upright.
  cv::Mat v(rows, n, CV_32F);
  for (int y = 0; y < rows; ++y) {
    const std::uint8_t* row = bands.ptr<std::uint8_t>(y);
    float* to = v.ptr<float>(y);
    const float shift = leanPerRow * (static_cast<float>(y) + 0.5F);
    for (int x = 0; x < n; ++x) {
      const float at = std::clamp(static_cast<float>(x) + shift, 0.0F, static_cast<float>(n - 1));
      const int i = std::min(static_cast<int>(at), n - 2);
      const float f = at - static_cast<float>(i);
      to[x] = (1 - f) * row[i] + f * row[i + 1];
    }
  }
  cv::Mat hi, lo;
  const cv::Mat window = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kLevelWindowPx, 1));
  cv::dilate(v, hi, window);
  cv::erode(v, lo, window);
  const cv::Mat contrast = hi - lo;
  const cv::Mat mid = (hi + lo) * 0.5;

  // The field's contrast from a sample of its pixels.
  std::vector<float> all;
  all.reserve(contrast.total() / kContrastSampleStep + 1);
  for (int y = 0; y < rows; ++y) {
    const float* c = contrast.ptr<float>(y);
    for (int x = y % kContrastSampleStep; x < n; x += kContrastSampleStep) all.push_back(c[x]);
  }
  const auto q = static_cast<std::ptrdiff_t>(kFieldContrastQuantile * static_cast<double>(all.size() - 1));
  std::nth_element(all.begin(), all.begin() + q, all.end());
  const float field = all[static_cast<std::size_t>(q)];
  if (field <= 0) return out;

  // The rows that may hold bars: dense enough.
  std::vector<int> candidates;
  std::vector<int> count(static_cast<std::size_t>(rows));
  int most = 0;
  {
    for (int y = 0; y < rows; ++y) {
      count[static_cast<std::size_t>(y)] = transitions(v.ptr<float>(y), mid.ptr<float>(y), contrast.ptr<float>(y), kFlatShare * field, n);
      most = std::max(most, count[static_cast<std::size_t>(y)]);
    }
    if (most == 0) return out;
    for (int y = 0; y < rows; ++y) {
      if (static_cast<float>(count[static_cast<std::size_t>(y)]) >= kBarRowShare * static_cast<float>(most)) {
        candidates.push_back(y);
      }
    }
  }

  // Their runs between edges; the typical element.
  struct Run {
    int y, from, to;  // [from, to)
  };
  std::vector<Run> runs;
  std::vector<int> lengths;
  for (const int y : candidates) {
    const float* a = v.ptr<float>(y);
    const float* m = mid.ptr<float>(y);
    const float* c = contrast.ptr<float>(y);
    // Flat stretches carry the run on: noise there crosses the mid-level
    // without an edge.
    int start = 0;
    bool ink = a[0] < m[0];
    for (int x = 1; x <= n; ++x) {
      const bool edge = x == n || (c[x] >= kFlatShare * field && (a[x] < m[x]) != ink);
      if (!edge) continue;
      if (x < n) ink = a[x] < m[x];
      runs.push_back({y, start, x});
      if (start > 0 && x < n && c[(start + x) / 2] >= kFlatShare * field) lengths.push_back(x - start);
      start = x;
    }
  }
  if (lengths.empty()) return out;
  std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2), lengths.end());
  const int longRun =
      std::max(kMinLongRunPx, static_cast<int>(kLongRunElements * static_cast<float>(lengths[lengths.size() / 2])));

  // Hidden: flat, or inside a run no element is as long as. Seen: the
  // level between the row's own ink (0) and paper (1).
  cv::Mat hidden(rows, n, CV_8U, cv::Scalar(1));
  for (const int y : candidates) {
    const float* c = contrast.ptr<float>(y);
    std::uint8_t* h = hidden.ptr<std::uint8_t>(y);
    std::fill(h, h + n, 0);
    for (int x = 0; x < n; ++x) {
      if (c[x] < kFlatShare * field) {
        for (int k = std::max(0, x - kHiddenMarginPx); k <= std::min(n - 1, x + kHiddenMarginPx); ++k) h[k] = 1;
      }
    }
  }
  for (const Run& r : runs) {
    if (r.to - r.from <= longRun) continue;
    std::uint8_t* h = hidden.ptr<std::uint8_t>(r.y);
    std::fill(h + std::max(0, r.from - kHiddenMarginPx), h + std::min(n, r.to + kHiddenMarginPx), 1);
  }
  cv::Mat level(rows, n, CV_32F, cv::Scalar(0));
  for (const int y : candidates) {
    const std::uint8_t* h = hidden.ptr<std::uint8_t>(y);
    const float *a = v.ptr<float>(y), *l = lo.ptr<float>(y), *c = contrast.ptr<float>(y);
    float* to = level.ptr<float>(y);
    for (int x = 0; x < n; ++x) {
      if (h[x] == 0) to[x] = std::clamp((a[x] - l[x]) / c[x], 0.0F, 1.0F);
    }
  }

  // The symbol's rows: from the densest row up and down, those that agree
  // with the rows taken so far where both are seen (text beside, another
  // symbol in the same field, do not), through rows mostly hidden.
  std::vector<float> sum(static_cast<std::size_t>(n), 0.0F), weight(sum), best(sum);
  const auto take = [&](int y) {
    for (int x = 0; x < n; ++x) {
      if (hidden.at<std::uint8_t>(y, x) != 0) continue;
      const float c = contrast.at<float>(y, x);
      sum[static_cast<std::size_t>(x)] += c * level.at<float>(y, x);
      weight[static_cast<std::size_t>(x)] += c;
      best[static_cast<std::size_t>(x)] = std::max(best[static_cast<std::size_t>(x)], c);
    }
  };
  // How far row y is from row z (mean |level difference| where both are
  // seen); 1 when they share too few columns.
  const auto distance = [&](int y, int z) {
    float off = 0;
    int compared = 0;
    const std::uint8_t *hy = hidden.ptr<std::uint8_t>(y), *hz = hidden.ptr<std::uint8_t>(z);
    const float *ly = level.ptr<float>(y), *lz = level.ptr<float>(z);
    for (int x = 0; x < n; ++x) {
      if (hy[x] != 0 || hz[x] != 0) continue;
      off += std::abs(ly[x] - lz[x]);
      ++compared;
    }
    return compared >= kMinColumnsCompared ? off / static_cast<float>(compared) : 1.0F;
  };
  // Seeds: dense rows most like both their neighbours (bars hold along
  // their length; text and the modules of a 2D symbol do not), best first.
  std::vector<std::pair<float, int>> seeds;
  for (const int y : candidates) {
    if (y == 0 || y + 1 == rows) continue;
    if (static_cast<float>(count[static_cast<std::size_t>(y)]) < kSeedRowShare * static_cast<float>(most)) continue;
    const float off = std::max(distance(y, y - 1), distance(y, y + 1));
    if (off < kMaxRowDisagreement) seeds.emplace_back(off, y);
  }
  std::sort(seeds.begin(), seeds.end());
  std::vector<std::uint8_t> isCandidate(static_cast<std::size_t>(rows), 0);
  for (const int y : candidates) isCandidate[static_cast<std::size_t>(y)] = 1;
  // The rows of one symbol: from a seed up and down, each row that agrees
  // with the last one taken as well as the seed agrees with its
  // neighbours, give or take the noise (a noisy or faint symbol's rows
  // differ more), through rows mostly hidden.
  const auto grow = [&](int seed, float seedOff) {
    const float agree = std::clamp(kAgreementOverSeed * seedOff, kMinAgreement, kMaxRowDisagreement);
    std::vector<int> block{seed};
    for (const int direction : {-1, 1}) {
      int misses = 0, last = seed;
      for (int y = seed + direction; y >= 0 && y < rows && misses < kMaxRowsApart; y += direction) {
        const float off = isCandidate[static_cast<std::size_t>(y)] != 0 ? distance(y, last) : 1.0F;
        if (off > agree) {
          ++misses;
          continue;
        }
        misses = 0;
        last = y;
        block.push_back(y);
      }
    }
    return block;
  };
  // The tallest of the symbols the best seeds grow into (a field may hold
  // a symbol and text, or two symbols).
  std::vector<int> symbolRows;
  std::vector<std::uint8_t> grown(static_cast<std::size_t>(rows), 0);
  int tried = 0;
  for (const auto& [seedOff, seed] : seeds) {
    if (grown[static_cast<std::size_t>(seed)] != 0) continue;
    if (tried++ == kMaxSymbolsTried) break;
    std::vector<int> block = grow(seed, seedOff);
    for (const int y : block) grown[static_cast<std::size_t>(y)] = 1;
    if (block.size() > symbolRows.size()) symbolRows = std::move(block);
  }
  for (const int y : symbolRows) take(y);
  std::sort(symbolRows.begin(), symbolRows.end());
  if (symbolRows.empty()) return out;
  out.firstRow = symbolRows.front();
  out.lastRow = symbolRows.back();

  // The symbol's outer edges over its rows; the columns inside them that
  // some rows hide and others see.
  int left = n, right = -1;
  for (const int y : symbolRows) {
    const std::uint8_t* h = hidden.ptr<std::uint8_t>(y);
    const auto first = std::find(h, h + n, 0);
    if (first == h + n) continue;
    left = std::min(left, static_cast<int>(first - h));
    for (int x = n - 1; x >= 0; --x) {
      if (h[x] == 0) {
        right = std::max(right, x);
        break;
      }
    }
  }
  if (right <= left) return out;
  std::vector<int> hiddenIn(static_cast<std::size_t>(n), 0);
  for (const int y : symbolRows) {
    const std::uint8_t* h = hidden.ptr<std::uint8_t>(y);
    for (int x = left; x <= right; ++x) hiddenIn[static_cast<std::size_t>(x)] += h[x];
  }
  for (int x = left; x <= right; ++x) {
    const int k = hiddenIn[static_cast<std::size_t>(x)];
    if (k > 0 && k < static_cast<int>(symbolRows.size())) ++out.columnsSeenElsewhere;
  }

  // Each column from the symbol's rows that see it.
  for (int x = 0; x < n; ++x) {
    const auto i = static_cast<std::size_t>(x);
    if (best[i] >= kMinSeenContrastShare * field) out.levels[i] = 255.0F * sum[i] / weight[i];
  }
  return out;
}

}  // namespace gs1inspect::read
