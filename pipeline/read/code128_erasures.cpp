#include "read/code128_erasures.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "read/code128_characters.hpp"

namespace gs1inspect::read {

namespace {

// Half the window over which ink and paper are told apart, px: wider than
// a stripe of 4 mm beside a space of 4 modules at 4 px/mm, narrower than
// a light gradient across a label.
constexpr int kThresholdHalfWindowPx = 24;
// A window whose darkest and lightest differ by less than this share of
// the profile's whole range holds paper only (or ink only): the profile's
// middle level decides there.
constexpr float kMinWindowContrast = 0.35F;
// White before a start character and after a stop character, in modules:
// the quiet zone is 10; labels intrude on it.
constexpr float kQuietModules = 5.0F;
// How closely six widths must match a character to be read from its
// edges: the sum, over its edge-to-similar-edge distances, of the
// difference from the pattern's in modules, and the most any one may
// differ (under half a module: it rounds to the pattern's).
constexpr float kMaxCharError = 1.5F;
constexpr float kMaxElementError = 0.5F;
// How far a character's width may stray from 11 modules of the running
// module size.
constexpr float kMaxWidthDrift = 0.18F;
// Where a gap between the characters read from either end must fall, in
// characters from a whole number of them.
constexpr float kMaxGapDrift = 0.25F;
// Characters a gap may hold: a stripe of 4 mm at the smallest GS1-128
// module (0.495 mm) with the spaces beside it touches at most three.
constexpr int kMaxGapChars = 4;
// A stripe's widest, in modules: 4 mm at 0.25 mm modules.
constexpr float kMaxStripeModules = 16.0F;
// Distance from an edge of a character's pattern within which what is
// seen is not compared (blur and sampling move edges): a share of the
// module, at least half a px.
constexpr float kEdgeToleranceModules = 0.3F;
constexpr float kMinEdgeTolerancePx = 0.5F;
// The widest line a live element among dead ones prints inside a stripe
// (one dot of a 203 dpi head, 0.125 mm, is a quarter of the smallest
// GS1-128 module), in modules, and at least 1 px (blur).
constexpr float kMaxLiveLineModules = 0.5F;
constexpr float kMinLiveLinePx = 1.0F;
// Blurs (Gaussian sigma, px) a profile no read came from is sharpened
// against, and how strongly (unsharp masking's amount).
constexpr double kSharpenSigmasPx[] = {1.2, 2.0};
constexpr double kSharpenAmount = 1.5;
// Most combinations of gap characters tried; past it, nothing is read.
constexpr long kMaxCombinations = 300000;

// The profile with its local threshold.
class Levels {
 public:
  explicit Levels(std::span<const float> profile) : level_(profile.begin(), profile.end()) {
    const int n = static_cast<int>(level_.size());
    threshold_.resize(level_.size());
    if (n == 0) return;
    const auto [lo, hi] = std::minmax_element(level_.begin(), level_.end());
    const float middle = (*lo + *hi) / 2, range = *hi - *lo;
    // The window's lowest and highest levels as it slides: indices whose
    // level no later one beats, in deques (each index in and out once).
    std::deque<int> lows, highs;
    int next = 0;  // the first index not yet in the deques
    for (int i = 0; i < n; ++i) {
      const int a = std::max(0, i - kThresholdHalfWindowPx), b = std::min(n, i + kThresholdHalfWindowPx + 1);
      for (; next < b; ++next) {
        while (!lows.empty() && level_[static_cast<std::size_t>(lows.back())] >= level_[static_cast<std::size_t>(next)]) lows.pop_back();
        while (!highs.empty() && level_[static_cast<std::size_t>(highs.back())] <= level_[static_cast<std::size_t>(next)]) highs.pop_back();
        lows.push_back(next);
        highs.push_back(next);
      }
      while (lows.front() < a) lows.pop_front();
      while (highs.front() < a) highs.pop_front();
      const float wlo = level_[static_cast<std::size_t>(lows.front())], whi = level_[static_cast<std::size_t>(highs.front())];
      threshold_.data()[i] = whi - wlo >= kMinWindowContrast * range ? (wlo + whi) / 2 : middle;
    }
  }

  int size() const { return static_cast<int>(level_.size()); }

  bool inkAt(int i) const { return level_.data()[i] < threshold_.data()[i]; }

  // Ink at x (px, pixel i's centre at i), levels interpolated.
  bool ink(float x) const {
    const int n = size();
    if (x <= 0) return inkAt(0);
    if (x >= static_cast<float>(n - 1)) return inkAt(n - 1);
    const int i = static_cast<int>(x);
    const float f = x - static_cast<float>(i);
    const float l = level_.data()[i] + f * (level_.data()[i + 1] - level_.data()[i]);
    const float t = threshold_.data()[i] + f * (threshold_.data()[i + 1] - threshold_.data()[i]);
    return l < t;
  }

  // Where the level crosses the threshold between pixels i and i + 1.
  float crossing(int i) const {
    const float t = (threshold_.data()[i] + threshold_.data()[i + 1]) / 2;
    const float d = level_.data()[i + 1] - level_.data()[i];
    if (std::abs(d) < 1e-6F) return static_cast<float>(i) + 0.5F;
    return static_cast<float>(i) + std::clamp((t - level_.data()[i]) / d, 0.0F, 1.0F);
  }

 private:
  std::vector<float> level_, threshold_;
};

struct Run {
  float from = 0, to = 0;
  bool bar = false;
  float width() const { return to - from; }
};

const Run& at(const std::vector<Run>& runs, int i) {
  return runs[static_cast<std::size_t>(i)];
}

std::vector<Run> runsOf(const Levels& levels) {
  std::vector<Run> runs;
  const int n = levels.size();
  if (n < 2) return runs;
  Run current{-0.5F, 0, levels.inkAt(0)};
  for (int i = 0; i + 1 < n; ++i) {
    if (levels.inkAt(i + 1) == current.bar) continue;
    current.to = levels.crossing(i);
    runs.push_back(current);
    current = Run{current.to, 0, !current.bar};
  }
  current.to = static_cast<float>(n) - 0.5F;
  runs.push_back(current);
  return runs;
}

struct Match {
  int value = -1;
  float error = std::numeric_limits<float>::max();
};

// The value among [lo, hi] whose widths best fit `widths` (n elements),
// when it fits well enough to be read from its edges. Compared by their
// edge-to-similar-edge distances (each element with the next, and the
// whole from the first bar's leading edge to the next character's), as
// ISO/IEC 15417's reference decode does: blur and ink spread move a bar's
// two edges apart or together, but every leading edge alike, so these
// distances hold where single widths do not. They tell every value apart.
Match bestChar(const float* widths, int n, int lo, int hi) {
  float sum = 0;
  for (int i = 0; i < n; ++i) sum += widths[i];
  const float modules = n == 7 ? kCode128StopModules : kCode128CharModules;
  const auto pattern = [](int v, int i) {
    return static_cast<float>(i < 6 ? code128Widths(v)[static_cast<std::size_t>(i)] : kCode128StopWidths[6]);
  };
  Match best;
  for (int v = lo; v <= hi; ++v) {
    float error = 0, worst = 0;
    for (int i = 0; i + 1 < n; ++i) {
      const float seen = (widths[i] + widths[i + 1]) * modules / sum;
      const float d = std::abs(seen - pattern(v, i) - pattern(v, i + 1));
      error += d;
      worst = std::max(worst, d);
    }
    if (worst <= kMaxElementError && error < best.error) best = {v, error};
  }
  if (best.error > kMaxCharError) return {};
  return best;
}

struct Placed {
  int value = 0;
  float from = 0, to = 0;
};

float modulesOf(const Placed& c) {
  return c.value == kCode128Stop ? kCode128StopModules : kCode128CharModules;
}

// Characters read from one end of the symbol, left to right.
struct Anchor {
  std::vector<Placed> chars;
  float module = 0;       // module size next to the gap, px
  bool complete = false;  // read from start to stop
};

float sumWidths(const std::vector<Run>& runs, int first, int n, float* widths) {
  float s = 0;
  for (int i = 0; i < n; ++i) s += widths[i] = at(runs, first + i).width();
  return s;
}

bool drifted(float width, float modules, float module) {
  return std::abs(width / modules - module) > kMaxWidthDrift * module;
}

bool quietAt(const std::vector<Run>& runs, int i, float module) {
  if (i < 0 || i >= static_cast<int>(runs.size())) return true;
  return !at(runs, i).bar && at(runs, i).width() >= kQuietModules * module;
}

// From the start character at bar run `first` rightwards, while
// characters read well; up to the stop when the symbol is whole.
Anchor readRightwards(const std::vector<Run>& runs, int first) {
  Anchor a;
  const int n = static_cast<int>(runs.size());
  float w[7];
  if (first + 6 > n) return a;
  float module = sumWidths(runs, first, 6, w) / kCode128CharModules;
  if (!quietAt(runs, first - 1, module)) return a;
  const Match start = bestChar(w, 6, kCode128StartA, kCode128StartC);
  if (start.value < 0) return a;
  a.chars.push_back({start.value, at(runs, first).from, at(runs, first + 5).to});
  int pos = first + 6;
  while (pos + 6 <= n) {
    if (pos + 7 <= n) {
      const float s7 = sumWidths(runs, pos, 7, w);
      if (!drifted(s7, kCode128StopModules, module) && quietAt(runs, pos + 7, module) &&
          bestChar(w, 7, kCode128Stop, kCode128Stop).value == kCode128Stop) {
        a.chars.push_back({kCode128Stop, at(runs, pos).from, at(runs, pos + 6).to});
        a.complete = true;
        break;
      }
    }
    const float s6 = sumWidths(runs, pos, 6, w);
    if (drifted(s6, kCode128CharModules, module)) break;
    const Match m = bestChar(w, 6, 0, kCode128Fnc1);
    if (m.value < 0) break;
    a.chars.push_back({m.value, at(runs, pos).from, at(runs, pos + 5).to});
    module = 0.75F * module + 0.25F * s6 / kCode128CharModules;
    pos += 6;
  }
  a.module = module;
  return a;
}

// From the stop character ending at bar run `last` leftwards, while
// characters read well; back to the start when the symbol is whole.
Anchor readLeftwards(const std::vector<Run>& runs, int last) {
  Anchor a;
  float w[7];
  if (last - 6 < 0) return a;
  float module = sumWidths(runs, last - 6, 7, w) / kCode128StopModules;
  if (!quietAt(runs, last + 1, module)) return a;
  if (bestChar(w, 7, kCode128Stop, kCode128Stop).value != kCode128Stop) return a;
  std::vector<Placed> reversed{{kCode128Stop, at(runs, last - 6).from, at(runs, last).to}};
  int pos = last - 7;  // the last element (a space) of the character before
  while (pos - 5 >= 0) {
    const float s6 = sumWidths(runs, pos - 5, 6, w);
    if (drifted(s6, kCode128CharModules, module)) break;
    const Match start = bestChar(w, 6, kCode128StartA, kCode128StartC);
    if (start.value >= 0 && quietAt(runs, pos - 6, module)) {
      reversed.push_back({start.value, at(runs, pos - 5).from, at(runs, pos).to});
      a.complete = true;
      break;
    }
    const Match m = bestChar(w, 6, 0, kCode128Fnc1);
    if (m.value < 0) break;
    reversed.push_back({m.value, at(runs, pos - 5).from, at(runs, pos).to});
    module = 0.75F * module + 0.25F * s6 / kCode128CharModules;
    pos -= 6;
  }
  a.chars.assign(reversed.rbegin(), reversed.rend());
  a.module = module;
  return a;
}

// A character position in a gap: where it starts, its module, the
// values it may hold.
struct Slot {
  float from = 0, module = 0;
  int lo = 0, hi = kCode128Fnc1;
};

// A value that fits a slot: its bars cover all ink seen there, its spaces
// are white; where its bars were seen white (the stripe), from-to.
struct Fit {
  int value = 0;
  float erasedFrom = std::numeric_limits<float>::max();
  float erasedTo = std::numeric_limits<float>::lowest();
};

std::vector<Fit> fitsOf(const Levels& levels, const Slot& slot) {
  std::vector<Fit> fits;
  const float tolerance = std::max(kEdgeToleranceModules * slot.module, kMinEdgeTolerancePx);
  const float step = std::min(0.5F, slot.module / 4);
  for (int v = slot.lo; v <= slot.hi; ++v) {
    const int n = v == kCode128Stop ? 7 : 6;
    float bounds[8];
    bounds[0] = slot.from;
    for (int i = 0; i < n; ++i)
      bounds[i + 1] = bounds[i] + slot.module * static_cast<float>(i < 6 ? code128Widths(v)[static_cast<std::size_t>(i)]
                                                                         : kCode128StopWidths[6]);
    Fit fit{v};
    bool ok = true;
    int e = 0;
    for (float x = slot.from + step / 2; x < bounds[n] && ok; x += step) {
      while (e + 1 < n && x >= bounds[e + 1]) ++e;
      if (std::min(x - bounds[e], bounds[e + 1] - x) < tolerance) continue;
      const bool bar = e % 2 == 0, seen = levels.ink(x);
      if (seen && !bar) ok = false;
      if (bar && !seen) fit.erasedFrom = std::min(fit.erasedFrom, x), fit.erasedTo = std::max(fit.erasedTo, x);
    }
    if (ok) fits.push_back(fit);
  }
  return fits;
}

// One character of the symbol as it may lie: read (its value), or unknown
// (any of lo-hi), from-to px.
struct Cell {
  float from = 0, to = 0;
  int value = -1;
  int lo = 0, hi = kCode128Fnc1;
  bool known() const { return value >= 0; }
  float modules() const { return (known() ? value : hi) == kCode128Stop ? kCode128StopModules : kCode128CharModules; }
};
using Layout = std::vector<Cell>;

// Reads confirmed so far, of one or both directions.
struct Found {
  Code128Read read;
  int distinct = 0;  // different data strings confirmed
};

// Every combination of values for the unknown cells of `layout` that fits
// what is seen, with its bars lost only inside one stripe, that passes the
// check character and `confirm`.
// True when bars seen inside `from`-`to` px are no wider than the line a
// live element inside a dead cluster prints: a stripe takes all other ink.
bool stripeClear(const std::vector<Run>& runs, float from, float to, float module) {
  const float thin = std::max(kMaxLiveLineModules * module, kMinLiveLinePx);
  from += kMinEdgeTolerancePx, to -= kMinEdgeTolerancePx;
  for (const Run& r : runs) {
    if (!r.bar || r.to <= from || r.from >= to) continue;
    if (std::min(r.to, to) - std::max(r.from, from) > thin) return false;
  }
  return true;
}

void tryLayout(const Levels& levels, const std::vector<Run>& runs, const Layout& layout, bool reversed,
               const Gs1Confirm& confirm, Found& found) {
  if (layout.size() < 4) return;
  // The module: the median of the characters read.
  std::vector<float> modules;
  for (const Cell& c : layout)
    if (c.known()) modules.push_back((c.to - c.from) / c.modules());
  if (modules.empty()) return;
  std::nth_element(modules.begin(), modules.begin() + static_cast<long>(modules.size() / 2), modules.end());
  const float module = modules[modules.size() / 2];
  // Unknown cells placed between the edges of the characters beside them
  // that the stripe did not touch: the near edge of a character beside a
  // stripe may be eaten, its far edge holds.
  Layout placed = layout;
  for (std::size_t i = 0; i < placed.size();) {
    if (placed[i].known()) {
      ++i;
      continue;
    }
    std::size_t j = i;
    float total = 0;
    while (j < placed.size() && !placed[j].known()) total += placed[j++].modules();
    const bool before = i > 0, after = j < placed.size();
    if (!before && !after) return;
    float from = before ? placed[i - 1].from + placed[i - 1].modules() * module : placed[i].from;
    float to = after ? placed[j].to - placed[j].modules() * module : placed[j - 1].to;
    if (!before) from = to - total * module;
    if (!after) to = from + total * module;
    if (std::abs(to - from - total * module) > kMaxGapDrift * kCode128CharModules * module) return;
    const float local = (to - from) / total;
    for (float x = from; i < j; ++i) {
      placed[i].from = x;
      placed[i].to = x += placed[i].modules() * local;
    }
  }
  std::vector<int> values(placed.size());
  std::vector<std::size_t> unknown;
  std::vector<std::vector<Fit>> fits;
  long combinations = 1;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const Cell& c = placed[i];
    if (c.known()) {
      values[i] = c.value;
      continue;
    }
    unknown.push_back(i);
    fits.push_back(fitsOf(levels, {c.from, (c.to - c.from) / c.modules(), c.lo, c.hi}));
    combinations *= static_cast<long>(fits.back().size());
    if (combinations == 0 || combinations > kMaxCombinations) return;
  }
  const float maxStripe = kMaxStripeModules * module;
  const std::span<const int> beforeStop(values.data(), values.size() - 1);
  std::vector<std::size_t> at(unknown.size(), 0);
  for (long c = 0; c < combinations; ++c) {
    float from = std::numeric_limits<float>::max(), to = std::numeric_limits<float>::lowest();
    int erased = 0;
    for (std::size_t i = 0; i < at.size(); ++i) {
      const Fit& f = fits[i][at[i]];
      values[unknown[i]] = f.value;
      from = std::min(from, f.erasedFrom), to = std::max(to, f.erasedTo);
      erased += f.erasedTo >= f.erasedFrom;
    }
    for (std::size_t i = 0; i < at.size(); ++i) {  // next combination
      if (++at[i] < fits[i].size()) break;
      at[i] = 0;
    }
    if (values.back() != kCode128Stop) continue;
    if (erased > 0 && (to - from > maxStripe || !stripeClear(runs, from, to, module))) continue;
    const auto data = gs1DataOfCode128(beforeStop);
    if (!data || !confirm(*data)) continue;
    if (found.distinct > 0 && found.read.data == *data) continue;
    ++found.distinct;
    Code128Read& r = found.read;
    r.data = *data;
    r.left = placed.front().from;
    r.right = placed.back().to;
    r.upsideDown = reversed;
    r.modulePx = module;
    r.erasedChars = erased;
    r.stripeFrom = erased > 0 ? from : 0;
    r.stripeTo = erased > 0 ? to : 0;
    if (reversed) {
      const float last = static_cast<float>(levels.size() - 1);
      r.left = last - placed.back().to, r.right = last - placed.front().from;
      if (erased > 0) r.stripeFrom = last - to, r.stripeTo = last - from;
    }
    if (found.distinct > 1) return;
  }
}

void addKnown(Layout& layout, const std::vector<Placed>& chars, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) layout.push_back({chars[i].from, chars[i].to, chars[i].value});
}

// `k` unknown data characters evenly between `from` and `to` px.
void addUnknown(Layout& layout, float from, float to, int k) {
  const float each = (to - from) / static_cast<float>(k);
  for (int i = 0; i < k; ++i)
    layout.push_back({from + static_cast<float>(i) * each, from + static_cast<float>(i + 1) * each});
}

// A whole number of characters between `from` and `to` px, or -1.
int charsBetween(float from, float to, float module) {
  const float chars = (to - from) / (kCode128CharModules * module);
  const int k = static_cast<int>(std::lround(chars));
  if (k < 0 || k > kMaxGapChars || std::abs(chars - static_cast<float>(k)) > kMaxGapDrift) return -1;
  return k;
}

// Ends of bars followed by a quiet zone (or the profile's end) between
// `from` and `to` px: where a symbol whose last bars are lost may end.
std::vector<float> barEndsBeforeQuiet(const std::vector<Run>& runs, float from, float to, float module) {
  std::vector<float> ends;
  for (int i = 0; i < static_cast<int>(runs.size()); ++i) {
    const Run& r = at(runs, i);
    if (!r.bar || r.to < from || r.to > to) continue;
    if (i + 1 == static_cast<int>(runs.size()) || at(runs, i + 1).width() >= 2 * kQuietModules * module)
      ends.push_back(r.to);
  }
  return ends;
}

std::vector<float> barStartsAfterQuiet(const std::vector<Run>& runs, float from, float to, float module) {
  std::vector<float> starts;
  for (int i = 0; i < static_cast<int>(runs.size()); ++i) {
    const Run& r = at(runs, i);
    if (!r.bar || r.from < from || r.from > to) continue;
    if (i == 0 || at(runs, i - 1).width() >= 2 * kQuietModules * module) starts.push_back(r.from);
  }
  return starts;
}

// The ways the symbol may lie in `runs`: characters read from a start
// character and from a stop character, the gap between them unknown.
std::vector<Layout> layoutsOf(const std::vector<Run>& runs) {
  std::vector<Anchor> lefts, rights;
  for (int i = 0; i < static_cast<int>(runs.size()); ++i) {
    if (!at(runs, i).bar) continue;
    Anchor l = readRightwards(runs, i);
    if (!l.chars.empty()) lefts.push_back(std::move(l));
    Anchor r = readLeftwards(runs, i);
    if (!r.chars.empty()) rights.push_back(std::move(r));
  }
  std::vector<Layout> layouts;
  for (const auto& l : lefts) {
    const float left = l.chars.front().from;
    Layout whole;
    if (l.complete) {
      addKnown(whole, l.chars, 0, l.chars.size());
      layouts.push_back(std::move(whole));
      continue;
    }
    bool paired = false;
    for (const auto& r : rights) {
      if (r.chars.front().from <= left) continue;
      paired = true;
      // Characters read from both ends that overlap: the left's give way.
      std::size_t keep = l.chars.size();
      const float meet = r.chars.front().from + 0.5F * r.module;
      while (keep > 1 && l.chars[keep - 1].to > meet) --keep;
      if (l.chars[keep - 1].to > meet) continue;
      // The far edges of the characters beside the gap hold.
      const float from = l.chars[keep - 1].from + kCode128CharModules * l.module;
      const float to = r.chars.front().to - modulesOf(r.chars.front()) * r.module;
      const int k = charsBetween(from, to, (l.module + r.module) / 2);
      if (k < 0) continue;
      Layout layout;
      addKnown(layout, l.chars, 0, keep);
      if (k > 0) addUnknown(layout, from, to, k);
      addKnown(layout, r.chars, 0, r.chars.size());
      layouts.push_back(std::move(layout));
    }
    if (paired) continue;
    // The stop lost too: it ends at the last bar before a quiet zone, or
    // the stripe took that bar and it ends further on.
    const float x = l.module, from = l.chars.back().from + kCode128CharModules * x;
    const float reach = (kMaxGapChars * kCode128CharModules + kCode128StopModules) * x;
    for (const float end : barEndsBeforeQuiet(runs, from, from + reach, x)) {
      for (int k = 0; k <= kMaxGapChars; ++k) {
        const float stopAt = from + static_cast<float>(k * kCode128CharModules) * x;
        const float right = stopAt + kCode128StopModules * x;
        if (right < end - 0.5F * x || right > end + kMaxStripeModules * x) continue;
        Layout layout;
        addKnown(layout, l.chars, 0, l.chars.size());
        if (k > 0) addUnknown(layout, from, stopAt, k);
        layout.push_back({stopAt, right, -1, kCode128Stop, kCode128Stop});
        layouts.push_back(std::move(layout));
      }
    }
  }
  for (const auto& r : rights) {
    const bool paired = std::any_of(lefts.begin(), lefts.end(),
                                    [&](const Anchor& l) { return l.chars.front().from < r.chars.front().from; });
    if (paired) continue;
    if (r.complete) {
      Layout whole;
      addKnown(whole, r.chars, 0, r.chars.size());
      layouts.push_back(std::move(whole));
      continue;
    }
    // The start lost: it begins at the first bar after a quiet zone, or
    // the stripe took that bar and it begins further back.
    const float x = r.module, to = r.chars.front().to - modulesOf(r.chars.front()) * x;
    const float reach = (kMaxGapChars + 1) * kCode128CharModules * x;
    for (const float begin : barStartsAfterQuiet(runs, to - reach, to, x)) {
      for (int k = 0; k <= kMaxGapChars; ++k) {
        const float startAt = to - static_cast<float>((k + 1) * kCode128CharModules) * x;
        if (startAt > begin + 0.5F * x || startAt < begin - kMaxStripeModules * x) continue;
        const float startTo = startAt + kCode128CharModules * x;
        Layout layout{{startAt, startTo, -1, kCode128StartA, kCode128StartC}};
        if (k > 0) addUnknown(layout, startTo, to, k);
        addKnown(layout, r.chars, 0, r.chars.size());
        layouts.push_back(std::move(layout));
      }
    }
  }
  return layouts;
}

// `layout` with cells first-last unknown as well.
Layout widened(Layout layout, std::size_t first, std::size_t last) {
  for (std::size_t i = first; i <= last && i < layout.size(); ++i) {
    Cell& c = layout[i];
    if (!c.known()) continue;
    c.lo = i == 0 ? kCode128StartA : i + 1 == layout.size() ? kCode128Stop : 0;
    c.hi = i == 0 ? kCode128StartC : i + 1 == layout.size() ? kCode128Stop : kCode128Fnc1;
    c.value = -1;
  }
  return layout;
}

// The layouts to try at `level` of doubt in what was read: 0 as read;
// 1 and 2 with one or two more characters beside the gap taken as unknown
// (a stripe that turned a character into another valid one), or, in a
// symbol read whole whose check failed, any one or two adjacent.
std::vector<Layout> doubted(const Layout& layout, int level) {
  if (level == 0) return {layout};
  std::vector<Layout> out;
  const auto unknown = std::find_if(layout.begin(), layout.end(), [](const Cell& c) { return !c.known(); });
  if (unknown == layout.end()) {
    // The stop is not doubted: its value is fixed.
    const std::size_t n = layout.size() - 1;
    for (std::size_t i = 0; i + static_cast<std::size_t>(level) <= n; ++i)
      out.push_back(widened(layout, i, i + static_cast<std::size_t>(level) - 1));
    return out;
  }
  const auto first = static_cast<std::size_t>(unknown - layout.begin());
  std::size_t last = first;
  while (last + 1 < layout.size() && !layout[last + 1].known()) ++last;
  const std::size_t before = first > 0 ? first - 1 : first, after = std::min(last + 1, layout.size() - 1);
  if (level == 1) {
    if (before != first) out.push_back(widened(layout, before, last));
    if (after != last) out.push_back(widened(layout, first, after));
  } else {
    if (before != first && after != last) out.push_back(widened(layout, before, after));
  }
  return out;
}

constexpr int kDoubtLevels = 3;

}  // namespace

namespace {

// One reading of `profile`: both directions, the fewest characters
// doubted that give a read.
Found readProfile(std::span<const float> profile, const Gs1Confirm& confirm) {
  const std::vector<float> reversed(profile.rbegin(), profile.rend());
  const Levels forwards(profile), backwards(reversed);
  const std::vector<Run> runs[2] = {runsOf(forwards), runsOf(backwards)};
  const std::vector<Layout> layouts[2] = {layoutsOf(runs[0]), layoutsOf(runs[1])};
  Found found;
  for (int level = 0; level < kDoubtLevels && found.distinct == 0; ++level) {
    for (int way = 0; way < 2 && found.distinct < 2; ++way) {
      for (const auto& layout : layouts[way]) {
        for (const auto& tried : doubted(layout, level))
          tryLayout(way == 0 ? forwards : backwards, runs[way], tried, way == 1, confirm, found);
        if (found.distinct > 1) break;
      }
    }
  }
  return found;
}

// `profile` sharpened against a Gaussian blur of `sigma` px (unsharp
// masking): the thin spaces and bars that blur filled in stand out again.
std::vector<float> sharpened(std::span<const float> profile, double sigma) {
  const cv::Mat in(1, static_cast<int>(profile.size()), CV_32F, const_cast<float*>(profile.data()));
  cv::Mat blurred;
  cv::GaussianBlur(in, blurred, cv::Size(0, 0), sigma, 0, cv::BORDER_REPLICATE);
  cv::Mat out = in + kSharpenAmount * (in - blurred);
  return {out.begin<float>(), out.end<float>()};
}

}  // namespace

std::optional<Code128Read> readCode128WithErasures(std::span<const float> profile, const Gs1Confirm& confirm) {
  if (profile.size() < 2 * kCode128CharModules) return std::nullopt;
  Found found = readProfile(profile, confirm);
  // Blurred bars: the profile sharpened, at blurs from a lens slightly
  // out of focus to one well out.
  for (const double sigma : kSharpenSigmasPx) {
    if (found.distinct != 0) break;
    found = readProfile(sharpened(profile, sigma), confirm);
  }
  if (found.distinct != 1) return std::nullopt;
  return found.read;
}

}  // namespace gs1inspect::read
