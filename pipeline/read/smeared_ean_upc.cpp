#include "read/smeared_ean_upc.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "read/ean_upc_patterns.hpp"

namespace gs1inspect::read {
namespace {

using ean_upc::kCharModules;
using ean_upc::Layout;

// The second-best valid symbol must misfit the profile by at least this
// many noise variances more than the best: twice the log-likelihood ratio
// of the two, e^20 to 1. The variance is the best symbol's own misfit
// over the character that it fits worst, so that damage the model leaves
// out (a printhead stripe, a crease under one character) counts as noise
// where it lies rather than diluted over the whole profile. On the
// generated sets symbols read right show 55 and more (most over 150),
// wrong readings 23 and less.
constexpr float kMinEvidence = 40;
// That worst character's RMS misfit, against the contrast between paper
// and ink, beyond which the profile is not an EAN/UPC seen through the
// spread tried (another symbology, text, damage, a smear longer or shorter
// than measured): symbols read right show up to 0.063, wrong readings
// 0.075 and more.
constexpr float kMaxMisfit = 0.07F;
// At the coarsest placements (two modules apart) the RMS misfit over the
// whole profile of a symbol read right is under 0.1; past kMaxCoarseMisfit
// the field is given up before the finer search.
constexpr float kMaxCoarseMisfit = 0.12F;
// Least contrast between paper and ink, grey levels.
constexpr float kMinContrast = 24;
// Rows whose grey levels spread at least this share of the most any row
// has cross the bars; the others are quiet zone, digits or other print.
constexpr float kBarRowShare = 0.7F;
// Module sizes read, px. EAN/UPC modules are 0.26-0.66 mm (80% to 200%
// of 0.33 mm): 1-2.6 px at 4 px/mm, 3.3 px at 5. Under 1.5 px a smear
// of two modules and more leaves nothing to read; over 4 px a longer
// field is another symbology (a GS1-128 of 3 px modules is 450 px long).
constexpr float kMinModulePx = 1.5F;
constexpr float kMaxModulePx = 4.0F;
// Half the middle of the profile whose darkest pixels give the ink level:
// within the smallest symbol read (EAN-8 of 1.5 px modules, 100 px).
constexpr int kMiddlePx = 50;
// Blocks of the profile whose lightest pixels the paper line is fitted to.
constexpr int kPaperBlockPx = 8;
// Fewest pixels with under kEndInkShare of the ink taken for a quiet zone,
// and that many per px of smear.
constexpr int kMinQuietPx = 8;
constexpr float kQuietPerSmear = 0.75F;
constexpr float kEndInkShare = 0.2F;
// Lens blur (Gaussian sigma, px) the search starts from and those it tries.
constexpr float kStartBlurPx = 0.8F;
constexpr float kStartBlurUnsmearedPx = 1.2F;
constexpr std::array<float, 4> kBlursTried = {0.4F, 0.8F, 1.2F, 1.7F};
// Perspectives tried (Placement::k): modules up to 1.1 times wider at one
// end than at the other (an EAN-13 turned 45 degrees 300 mm from the
// camera makes 1.09).
constexpr float kPerspectiveStep = 0.05F;
constexpr std::array<float, 4> kPerspectivesTried = {-2 * kPerspectiveStep, -kPerspectiveStep, kPerspectiveStep,
                                                     2 * kPerspectiveStep};
// Steps of the smear length tried around the one measured, px.
constexpr std::array<float, 4> kSmearStepsTried = {-1.5F, -0.75F, 0.75F, 1.5F};
// Samples per px of the point spread's tabulated share.
constexpr int kCdfSamplesPerPx = 32;

float normalCdf(float z) { return 0.5F * std::erfc(-z / std::sqrt(2.0F)); }
float normalPdf(float z) { return std::exp(-0.5F * z * z) / std::sqrt(2.0F * static_cast<float>(CV_PI)); }

// The point spread across the bars: a box of `box` px (the smear) under a
// Gaussian of `sigma` px (lens, and the pixel's own width), tabulated as
// the share of it left of t.
class Spread {
 public:
  Spread(float box, float blur) : box_(box), blur_(blur), sigma_(std::sqrt(blur * blur + 1.0F / 12)) {
    radius_ = box_ / 2 + 3 * sigma_;
    const int n = static_cast<int>(std::ceil(2 * radius_ * kCdfSamplesPerPx)) + 2;
    table_.resize(static_cast<std::size_t>(n));
    const auto g = [](float z) { return z * normalCdf(z) + normalPdf(z); };
    for (int i = 0; i < n; ++i) {
      const float t = -radius_ + static_cast<float>(i) / kCdfSamplesPerPx;
      table_[static_cast<std::size_t>(i)] =
          box_ < 0.05F ? normalCdf(t / sigma_)
                       : sigma_ / box_ * (g((t + box_ / 2) / sigma_) - g((t - box_ / 2) / sigma_));
    }
  }
  float radius() const { return radius_; }
  float box() const { return box_; }
  float blur() const { return blur_; }
  // Share of the spread at or left of `t` px.
  float cdf(float t) const {
    const float u = (t + radius_) * kCdfSamplesPerPx;
    if (u <= 0) return 0;
    const auto i = static_cast<std::size_t>(u);
    if (i + 1 >= table_.size()) return 1;
    const float f = u - static_cast<float>(i);
    return table_[i] * (1 - f) + table_[i + 1] * f;
  }

 private:
  float box_, blur_, sigma_, radius_ = 0;
  std::vector<float> table_;
};

// The symbol's modules: fixed ones (guards, 0/1) and characters (slots),
// each slot with the codes it may hold.
constexpr std::size_t kCodes = 20;  // codes a slot holds at most
struct Slot {
  int start = 0;
  int count = 0;  // codes it may hold: 20 (set A, set B), or 10
  std::array<std::uint8_t, kCodes> codes{};
  // Module i of each code, 0 or 1 (codes past `count`: 0).
  std::array<std::array<float, kCodes>, kCharModules> bits{};
};
struct Structure {
  Layout layout{};
  std::vector<Slot> slots;
  std::vector<std::int8_t> fixed;  // per module: 0/1, or -1 in a slot
  std::vector<int> slotOf;         // per module: its slot, or -1
  std::vector<int> ownerOf;        // per module: the last slot starting at or before it, or -1

  explicit Structure(const Layout& l) : layout(l) {
    const int m = l.modules;
    fixed.assign(static_cast<std::size_t>(m), -1);
    slotOf.assign(static_cast<std::size_t>(m), -1);
    const auto set = [&](int from, std::initializer_list<int> bits) {
      for (int b : bits) fixed[static_cast<std::size_t>(from++)] = static_cast<std::int8_t>(b);
    };
    set(0, {1, 0, 1});
    set(l.rightStart - 5, {0, 1, 0, 1, 0});
    set(m - 3, {1, 0, 1});
    for (int k = 0; k < 2 * l.perHalf; ++k) {
      Slot s;
      const bool left = k < l.perHalf;
      s.start = left ? 3 + kCharModules * k : l.rightStart + kCharModules * (k - l.perHalf);
      for (int d = 0; d < 10; ++d) {
        const std::uint8_t a = ean_upc::kSetA[static_cast<std::size_t>(d)];
        s.codes[static_cast<std::size_t>(d)] = left ? a : ean_upc::setC(a);
        if (left && !l.ean8) s.codes[static_cast<std::size_t>(d + 10)] = ean_upc::setB(a);
      }
      s.count = left && !l.ean8 ? 20 : 10;
      for (int b = 0; b < s.count; ++b)
        for (int i = 0; i < kCharModules; ++i)
          s.bits[static_cast<std::size_t>(i)][static_cast<std::size_t>(b)] =
              static_cast<float>(ean_upc::moduleOf(s.codes[static_cast<std::size_t>(b)], i));
      for (int i = 0; i < kCharModules; ++i) slotOf[static_cast<std::size_t>(s.start + i)] = k;
      slots.push_back(s);
    }
    ownerOf.assign(static_cast<std::size_t>(m), -1);
    int owner = -1;
    for (int i = 0; i < m; ++i) {
      if (slotOf[static_cast<std::size_t>(i)] >= 0) owner = slotOf[static_cast<std::size_t>(i)];
      ownerOf[static_cast<std::size_t>(i)] = owner;
    }
  }
};

// How each profile pixel depends on the modules, for one placement and
// spread: the share of its window covered by fixed ink, and the weights of
// the modules of its owner slot (the last one its window reaches) and of
// the slot before. Slots further back (a window wider than a character)
// count as half ink.
struct PixelTerms {
  int owner = -1;
  float fixedInk = 0;
  std::array<float, kCharModules> prev{}, cur{};
};

// Where the modules lie: module m of M from x0 + W g(m / M) to the next,
// W = p M, g(t) = t (1 + k) / (1 + k t): a line seen in perspective, its
// modules (1 + k) times wider at one end than at the other.
struct Placement {
  float x0 = 0;  // left edge of module 0, profile px
  float p = 2;   // mean module, px
  float k = 0;   // perspective
  float edge(float m, int modules) const {
    const float t = m / static_cast<float>(modules);
    return x0 + p * static_cast<float>(modules) * ean_upc::perspectiveShare(t, k);
  }
  // The module coordinate of `x` (the inverse of edge).
  float moduleAt(float x, int modules) const {
    const float s = (x - x0) / (p * static_cast<float>(modules));
    return static_cast<float>(modules) * s / std::max(1e-3F, 1 + k - k * s);
  }
};

// Paper and contrast across the window: paper(x) = a0 + a1 t, contrast(x)
// = b0 + b1 t, t from -1 to 1 across it; darkness = paper + contrast * ink.
struct Levels {
  float a0 = 0, a1 = 0, b0 = 0, b1 = 0;
};

struct Decoded {
  float best = std::numeric_limits<float>::infinity();
  float second = std::numeric_limits<float>::infinity();
  std::string digits;           // the best, check digit last
  std::vector<int> codeIndex;   // per slot, the best's code index
};

class Fitter {
 public:
  Fitter(const std::vector<float>& dark, int from, int to, const Structure& st)
      : y_(dark), from_(from), to_(to), st_(st) {}

  int pixels() const { return to_ - from_; }
  int from() const { return from_; }
  int to() const { return to_; }

  // The codes that fit best for `place` seen through `spread`, whatever
  // they spell (`levels` refitted to them once when `refit`): how well the
  // placement and spread explain the profile.
  Decoded fit(const Placement& place, const Spread& spread, Levels& levels, bool refit) {
    terms(place, spread);
    Decoded d = bestCodes(levels);
    if (refit && fitLevels(d, levels)) d = bestCodes(levels);
    return d;
  }

  // The best two valid symbols, placed and spread as in the last fit;
  // `worst` learns the largest mean squared misfit over one character's
  // pixels along the best.
  Decoded spell(const Levels& levels, float& worst) {
    tables(levels);
    Decoded d = bestTwoValid();
    worst = 0;
    if (d.digits.empty()) return d;
    std::vector<int> owned(st_.slots.size(), 0);
    for (const PixelTerms& pt : terms_)
      if (pt.owner >= 0) ++owned[static_cast<std::size_t>(pt.owner)];
    for (std::size_t k = 0; k < st_.slots.size(); ++k) {
      if (owned[k] == 0) continue;
      const auto a = k == 0 ? 0 : static_cast<std::size_t>(d.codeIndex[k - 1]);
      const float misfit = tables_[k][a * kCodes + static_cast<std::size_t>(d.codeIndex[k])];
      worst = std::max(worst, misfit / static_cast<float>(owned[k]));
    }
    return d;
  }

 private:
  float t(int x) const { return 2.0F * static_cast<float>(x - from_) / static_cast<float>(std::max(1, to_ - from_ - 1)) - 1; }

  void terms(const Placement& place, const Spread& spread) {
    const int n = to_ - from_;
    terms_.assign(static_cast<std::size_t>(n), PixelTerms{});
    const int modules = st_.layout.modules;
    edges_.resize(static_cast<std::size_t>(modules + 1));
    for (int m = 0; m <= modules; ++m) edges_[static_cast<std::size_t>(m)] = place.edge(static_cast<float>(m), modules);
    const float r = spread.radius();
    for (int i = 0; i < n; ++i) {
      const float x = static_cast<float>(from_ + i);
      PixelTerms& pt = terms_[static_cast<std::size_t>(i)];
      const int lo = std::max(0, static_cast<int>(std::floor(place.moduleAt(x - r, modules))));
      const int hi = std::min(modules - 1, static_cast<int>(std::floor(place.moduleAt(x + r, modules))));
      if (hi < 0 || lo >= modules || lo > hi) continue;
      pt.owner = st_.ownerOf[static_cast<std::size_t>(hi)];
      for (int m = lo; m <= hi; ++m) {
        const float w = spread.cdf(x - edges_[static_cast<std::size_t>(m)]) - spread.cdf(x - edges_[static_cast<std::size_t>(m + 1)]);
        const int fixed = st_.fixed[static_cast<std::size_t>(m)];
        if (fixed >= 0) {
          pt.fixedInk += w * static_cast<float>(fixed);
          continue;
        }
        const int slot = st_.slotOf[static_cast<std::size_t>(m)];
        const int at = m - st_.slots[static_cast<std::size_t>(slot)].start;
        if (slot == pt.owner) {
          pt.cur[static_cast<std::size_t>(at)] = w;
        } else if (slot == pt.owner - 1) {
          pt.prev[static_cast<std::size_t>(at)] = w;
        } else {
          pt.fixedInk += 0.5F * w;
        }
      }
    }
  }

  static float inkOf(const std::array<float, kCharModules>& w, std::uint8_t code) {
    float s = 0;
    for (int i = 0; i < kCharModules; ++i) s += w[static_cast<std::size_t>(i)] * static_cast<float>(ean_upc::moduleOf(code, i));
    return s;
  }

  // The misfit of every pair of neighbouring codes (tables_[k][prev][cur],
  // kCodes by kCodes whatever the slots hold) and of the pixels no slot
  // owns.
  void tables(const Levels& lv) {
    const std::size_t slots = st_.slots.size();
    tables_.resize(slots);
    for (auto& t : tables_) t.assign(kCodes * kCodes, 0.0F);
    constant_ = 0;
    std::array<float, kCodes> prevInk{}, curInk{};
    for (int i = 0; i < to_ - from_; ++i) {
      const PixelTerms& pt = terms_[static_cast<std::size_t>(i)];
      const int x = from_ + i;
      const float tx = t(x);
      const float paper = lv.a0 + lv.a1 * tx, contrast = lv.b0 + lv.b1 * tx;
      const float rest = y_[static_cast<std::size_t>(x)] - paper - contrast * pt.fixedInk;
      if (pt.owner < 0) {
        constant_ += rest * rest;
        continue;
      }
      const auto k = static_cast<std::size_t>(pt.owner);
      inks(st_.slots[k], pt.cur, contrast, curInk);
      float* table = tables_[k].data();
      if (k == 0) {
        for (std::size_t b = 0; b < kCodes; ++b) table[b] += (rest - curInk[b]) * (rest - curInk[b]);
        continue;
      }
      inks(st_.slots[k - 1], pt.prev, contrast, prevInk);
      for (std::size_t a = 0; a < kCodes; ++a) {
        const float ra = rest - prevInk[a];
        float* row = table + a * kCodes;
        for (std::size_t b = 0; b < kCodes; ++b) row[b] += (ra - curInk[b]) * (ra - curInk[b]);
      }
    }
  }

  // The ink of each code of `slot` in a pixel whose module weights are `w`.
  static void inks(const Slot& slot, const std::array<float, kCharModules>& w, float contrast, std::array<float, kCodes>& out) {
    out.fill(0.0F);
    for (std::size_t i = 0; i < static_cast<std::size_t>(kCharModules); ++i) {
      const float wi = contrast * w[i];
      if (wi == 0.0F) continue;
      const auto& bits = slot.bits[i];
      for (std::size_t b = 0; b < kCodes; ++b) out[b] += wi * bits[b];
    }
  }

  // Dynamic programming over the slots, any code in each: the path of
  // least misfit.
  Decoded bestCodes(const Levels& lv) {
    tables(lv);
    const std::size_t slots = st_.slots.size();
    std::vector<std::array<float, 20>> cost(slots);
    std::vector<std::array<std::int8_t, 20>> from(slots);
    for (std::size_t k = 0; k < slots; ++k) {
      const int count = st_.slots[k].count;
      const float* table = tables_[k].data();
      for (int b = 0; b < count; ++b) {
        if (k == 0) {
          cost[0][static_cast<std::size_t>(b)] = table[b];
          continue;
        }
        float least = std::numeric_limits<float>::infinity();
        std::int8_t at = 0;
        for (int a = 0; a < st_.slots[k - 1].count; ++a) {
          const float c = cost[k - 1][static_cast<std::size_t>(a)] + table[static_cast<std::size_t>(a) * kCodes + static_cast<std::size_t>(b)];
          if (c < least) least = c, at = static_cast<std::int8_t>(a);
        }
        cost[k][static_cast<std::size_t>(b)] = least;
        from[k][static_cast<std::size_t>(b)] = at;
      }
    }
    Decoded out;
    const int last = st_.slots.back().count;
    const auto end = std::min_element(cost.back().begin(), cost.back().begin() + last);
    out.best = *end + constant_;
    out.codeIndex.assign(slots, 0);
    int code = static_cast<int>(end - cost.back().begin());
    for (std::size_t k = slots; k-- > 0;) {
      out.codeIndex[k] = code;
      if (k > 0) code = from[k][static_cast<std::size_t>(code)];
    }
    return out;
  }

  // Dynamic programming over the slots: state (digit, weighted sum mod
  // 10), the best two paths into each. EAN-13's first digit is tried in
  // turn; it fixes which left characters use set B.
  Decoded bestTwoValid() {
    struct Entry {
      float cost = std::numeric_limits<float>::infinity();
      std::int16_t from = -1;  // previous state
      std::int8_t rank = 0;    // which of its two
    };
    using States = std::array<std::array<Entry, 2>, 100>;
    const int slots = static_cast<int>(st_.slots.size());
    std::vector<States> dp(static_cast<std::size_t>(slots));
    const bool ean13 = !st_.layout.ean8;
    Decoded out;
    struct Final {
      float cost;
      int first, state, rank;
    };
    std::vector<Final> finals;
    std::vector<std::vector<States>> kept(10);
    const auto codeIndexOf = [&](int parity, int k, int digit) {
      if (ean13 && k < st_.layout.perHalf && ((parity >> (st_.layout.perHalf - 1 - k)) & 1) != 0) return digit + 10;
      return digit;
    };
    // First digits in the order of the least misfit their parity allows
    // (the check digit left aside); once that bound reaches the second-best
    // valid symbol found, no later first digit can change the two.
    std::vector<std::pair<float, int>> bounds;
    for (int first = 0; first < (ean13 ? 10 : 1); ++first) {
      const int parity = ean13 ? ean_upc::kParity[static_cast<std::size_t>(first)] : 0;
      std::array<float, 10> cost{}, next{};
      for (int d = 0; d < 10; ++d) cost[static_cast<std::size_t>(d)] = tables_[0][static_cast<std::size_t>(codeIndexOf(parity, 0, d))];
      for (int k = 1; k < slots; ++k) {
        const float* table = tables_[static_cast<std::size_t>(k)].data();
        for (int d = 0; d < 10; ++d) {
          float least = std::numeric_limits<float>::infinity();
          const auto ci = static_cast<std::size_t>(codeIndexOf(parity, k, d));
          for (int pd = 0; pd < 10; ++pd)
            least = std::min(least, cost[static_cast<std::size_t>(pd)] +
                                        table[static_cast<std::size_t>(codeIndexOf(parity, k - 1, pd)) * kCodes + ci]);
          next[static_cast<std::size_t>(d)] = least;
        }
        cost = next;
      }
      bounds.emplace_back(*std::min_element(cost.begin(), cost.end()) + constant_, first);
    }
    std::sort(bounds.begin(), bounds.end());
    for (const auto& [bound, first] : bounds) {
      if (finals.size() >= 2) {
        std::partial_sort(finals.begin(), finals.begin() + 2, finals.end(),
                          [](const Final& a, const Final& b) { return a.cost < b.cost; });
        if (bound >= finals[1].cost) break;
      }
      const int parity = ean13 ? ean_upc::kParity[static_cast<std::size_t>(first)] : 0;
      const auto codeIndex = [&](int k, int digit) { return codeIndexOf(parity, k, digit); };
      for (auto& s : dp)
        for (auto& e : s) e = {};
      for (int k = 0; k < slots; ++k) {
        const int weight = k % 2 == 0 ? 3 : 1;
        const float* table = tables_[static_cast<std::size_t>(k)].data();
        States& now = dp[static_cast<std::size_t>(k)];
        for (int d = 0; d < 10; ++d) {
          const int ci = codeIndex(k, d);
          const auto offer = [&](int state, float cost, int from, int rank) {
            auto& e = now[static_cast<std::size_t>(state)];
            if (cost < e[0].cost) {
              e[1] = e[0];
              e[0] = {cost, static_cast<std::int16_t>(from), static_cast<std::int8_t>(rank)};
            } else if (cost < e[1].cost) {
              e[1] = {cost, static_cast<std::int16_t>(from), static_cast<std::int8_t>(rank)};
            }
          };
          if (k == 0) {
            offer(d * 10 + (first + weight * d) % 10, table[ci], -1, 0);
            continue;
          }
          const States& was = dp[static_cast<std::size_t>(k - 1)];
          for (int pd = 0; pd < 10; ++pd) {
            const float pair = table[static_cast<std::size_t>(codeIndex(k - 1, pd)) * kCodes + static_cast<std::size_t>(ci)];
            for (int s = 0; s < 10; ++s) {
              const auto& e = was[static_cast<std::size_t>(pd * 10 + s)];
              for (int r = 0; r < 2; ++r) {
                if (!std::isfinite(e[static_cast<std::size_t>(r)].cost)) break;
                offer(d * 10 + (s + weight * d) % 10, e[static_cast<std::size_t>(r)].cost + pair, pd * 10 + s, r);
              }
            }
          }
        }
      }
      kept[static_cast<std::size_t>(first)] = dp;
      for (int d = 0; d < 10; ++d)
        for (int r = 0; r < 2; ++r) {
          const float c = dp.back()[static_cast<std::size_t>(d * 10)][static_cast<std::size_t>(r)].cost;
          if (std::isfinite(c)) finals.push_back({c + constant_, first, d * 10, r});
        }
    }
    if (finals.empty()) return out;
    std::sort(finals.begin(), finals.end(), [](const Final& a, const Final& b) { return a.cost < b.cost; });
    out.best = finals[0].cost;
    if (finals.size() > 1) out.second = finals[1].cost;
    // Back along the best path.
    const Final& f = finals[0];
    const int parity = ean13 ? ean_upc::kParity[static_cast<std::size_t>(f.first)] : 0;
    const auto& path = kept[static_cast<std::size_t>(f.first)];
    std::string digits(static_cast<std::size_t>(slots), '0');
    out.codeIndex.assign(static_cast<std::size_t>(slots), 0);
    int state = f.state, rank = f.rank;
    for (int k = slots - 1; k >= 0; --k) {
      const int d = state / 10;
      digits[static_cast<std::size_t>(k)] = static_cast<char>('0' + d);
      const bool setB = ean13 && k < st_.layout.perHalf && ((parity >> (st_.layout.perHalf - 1 - k)) & 1) != 0;
      out.codeIndex[static_cast<std::size_t>(k)] = d + (setB ? 10 : 0);
      const Entry& e = path[static_cast<std::size_t>(k)][static_cast<std::size_t>(state)][static_cast<std::size_t>(rank)];
      state = e.from, rank = e.rank;
    }
    out.digits = ean13 ? std::string(1, static_cast<char>('0' + f.first)) + digits : digits;
    return out;
  }

  // Least squares of darkness = a0 + a1 t + (b0 + b1 t) ink over the
  // window, the ink of `d`'s path.
  bool fitLevels(const Decoded& d, Levels& lv) const {
    cv::Matx44d a = cv::Matx44d::zeros();
    cv::Vec4d b(0, 0, 0, 0);
    for (int i = 0; i < to_ - from_; ++i) {
      const PixelTerms& pt = terms_[static_cast<std::size_t>(i)];
      float ink = pt.fixedInk;
      if (pt.owner >= 0) {
        const auto k = static_cast<std::size_t>(pt.owner);
        ink += inkOf(pt.cur, st_.slots[k].codes[static_cast<std::size_t>(d.codeIndex[k])]);
        if (k > 0) ink += inkOf(pt.prev, st_.slots[k - 1].codes[static_cast<std::size_t>(d.codeIndex[k - 1])]);
      }
      const double tx = t(from_ + i);
      const cv::Vec4d v(1, tx, ink, tx * ink);
      a += v * v.t();
      b += v * static_cast<double>(y_[static_cast<std::size_t>(from_ + i)]);
    }
    cv::Vec4d s;
    if (!cv::solve(a, b, s, cv::DECOMP_CHOLESKY)) return false;
    if (s[2] < kMinContrast) return false;
    lv = {static_cast<float>(s[0]), static_cast<float>(s[1]), static_cast<float>(s[2]), static_cast<float>(s[3])};
    return true;
  }

  const std::vector<float>& y_;
  int from_, to_;
  const Structure& st_;
  std::vector<PixelTerms> terms_;
  std::vector<float> edges_;  // module edges of the last placement
  std::vector<std::vector<float>> tables_;
  float constant_ = 0;
};

struct Trial {
  float cost = std::numeric_limits<float>::infinity();
  Placement place;
  Levels levels;
  float box = 0, blur = kStartBlurPx;
};

// The search for one layout read one way along the profile.
class SymbolSearch {
 public:
  SymbolSearch(std::vector<float> dark, const Layout& layout, float smearPx)
      : dark_(std::move(dark)), st_(layout), smear_(smearPx), modules_(static_cast<float>(layout.modules)) {}

  // Widths module by module from the rough ends: false when the profile
  // holds no such symbol.
  bool coarse() {
    const int n = static_cast<int>(dark_.size());
    // Paper: light falls off across a label (uneven light), so paper is a
    // line along the profile, through the lightest pixel of each block of
    // kPaperBlockPx, fitted again to the blocks at or under it until it
    // rests on the lightest (inside the symbol no block is all paper).
    std::vector<cv::Point2f> blocks;
    for (int x = 0; x + kPaperBlockPx <= n; x += kPaperBlockPx) {
      const auto first = dark_.begin() + x;
      blocks.emplace_back(static_cast<float>(x) + 0.5F * static_cast<float>(kPaperBlockPx - 1),
                          *std::min_element(first, first + kPaperBlockPx));
    }
    if (blocks.size() < 4) return false;
    float slope = 0, level = 0;  // paper darkness = level + slope * x
    std::vector<cv::Point2f> kept = blocks;
    for (int pass = 0; pass < 3 && kept.size() >= 4; ++pass) {
      double sx = 0, sy = 0, sxx = 0, sxy = 0;
      for (const auto& b : kept) sx += b.x, sy += b.y, sxx += b.x * b.x, sxy += b.x * b.y;
      const auto k = static_cast<double>(kept.size());
      const double det = k * sxx - sx * sx;
      if (det <= 0) break;
      slope = static_cast<float>((k * sxy - sx * sy) / det);
      level = static_cast<float>((sy - static_cast<double>(slope) * sx) / k);
      std::vector<cv::Point2f> under;
      for (const auto& b : blocks)
        if (b.y <= level + slope * b.x) under.push_back(b);
      kept = under;
    }
    std::vector<float> above(dark_.size());
    for (int x = 0; x < n; ++x) above[static_cast<std::size_t>(x)] = dark_[static_cast<std::size_t>(x)] - (level + slope * static_cast<float>(x));
    // Ink: the dark twentieth of the middle, the field found (the crop
    // reaches on to whatever lies beside the symbol).
    const int from = std::max(0, n / 2 - kMiddlePx), to = std::min(n, n / 2 + kMiddlePx);
    std::vector<float> sorted(above.begin() + from, above.begin() + to);
    std::sort(sorted.begin(), sorted.end());
    const float ink = sorted[sorted.size() - 1 - sorted.size() / 20];
    if (ink < 0.4F * kMinContrast) return false;
    // Rough ends: from the middle of the profile outwards, the last pixels
    // with a fifth of the ink before a quiet zone, as long as most of the
    // smear with less. Within the symbol a window as long as the smear
    // always holds more (a space is 4 modules at most); the quiet zones (7
    // and 11 modules) keep that much of theirs clear of the guards' smear.
    // The ends lie up to half a smear outside the guards.
    const float cut = kEndInkShare * ink;
    const int quiet = std::max(kMinQuietPx, static_cast<int>(std::lround(kQuietPerSmear * smear_)));
    int middle = n / 2;
    for (int d = 0; d < n / 2; ++d) {
      if (above[static_cast<std::size_t>(n / 2 - d)] >= 2 * cut) { middle = n / 2 - d; break; }
      if (n / 2 + d < n && above[static_cast<std::size_t>(n / 2 + d)] >= 2 * cut) { middle = n / 2 + d; break; }
    }
    // No quiet zone within the profile: a longer symbol (GS1-128, DataBar
    // Expanded) or one cut by the crop.
    bool quietFound = true;
    const auto end = [&](int step) {
      int last = middle, gap = 0;
      for (int x = middle; x >= 0 && x < n && gap < quiet; x += step) {
        if (above[static_cast<std::size_t>(x)] >= cut) {
          last = x, gap = 0;
        } else {
          ++gap;
        }
      }
      if (gap < quiet) quietFound = false;
      return last;
    };
    const int xl = end(-1), xr = end(1);
    if (!quietFound) return false;
    if (above[static_cast<std::size_t>(middle)] < cut) return false;
    const auto span = static_cast<float>(xr - xl);
    if (span < kMinModulePx * modules_ || span > kMaxModulePx * modules_ + smear_) return false;
    const int margin = static_cast<int>(std::ceil(smear_)) + 8;
    fitter_.emplace(dark_, std::max(0, xl - margin), std::min(n, xr + margin + 1), st_);
    // Starting levels: paper as measured, contrast from the mean darkness
    // over the symbol (about half its modules are bars).
    float mean = 0;
    for (int x = xl; x <= xr; ++x) mean += above[static_cast<std::size_t>(x)];
    mean /= span + 1;
    const float half = 0.5F * static_cast<float>(fitter_->to() - fitter_->from() - 1);
    start_ = Levels{level + slope * (static_cast<float>(fitter_->from()) + half), slope * half, std::max(kMinContrast, 2 * mean), 0};
    p0_ = std::max(kMinModulePx, (span - smear_) / modules_);
    best_.box = smear_;
    const float centre = 0.5F * static_cast<float>(xl + xr);
    // A smear of two modules and more forgives a placement a module off:
    // widths two modules apart. A sharper profile is searched module by
    // module, under a lens blur of its own.
    const bool smeared = smear_ >= 2 * p0_;
    const float step = smeared ? 2 * p0_ : p0_, blur = smeared ? kStartBlurPx : kStartBlurUnsmearedPx;
    // The levels first refitted at the middle width.
    levels_ = start_;
    attempt(centre, span - smear_ / 2, smear_, blur, true);
    if (!std::isfinite(best_.cost)) return false;
    levels_ = best_.levels;
    // The ends lie up to half the spread outside the guards each side: the
    // smear's half and two blur sigmas.
    for (float w = span - smear_ - 4 * blur - step; w <= span + step; w += step) attempt(centre, w, smear_, blur);
    return true;
  }

  // Width and centre finer, the smear and the blur around the best.
  void refine() {
    settle();
    refineAt(p0_ / 2, 2);
    refineAt(p0_ / 4, 1);
    const Trial at = best_;
    const float width = at.place.p * modules_, centre = at.place.x0 + width / 2;
    for (const float step : kSmearStepsTried)
      if (smear_ + step > 0) attempt(centre, width, smear_ + step, at.blur);
    for (const float blur : kBlursTried)
      if (blur != at.blur) attempt(centre, width, best_.box, blur);
    for (const float k : kPerspectivesTried) attempt(centre, width, best_.box, best_.blur, k, false);
    const float k = best_.place.k;
    for (const float dk : {-kPerspectiveStep / 2, kPerspectiveStep / 2}) attempt(centre, width, best_.box, best_.blur, k + dk, false);
    settle();
    refineAt(p0_ / 8, 1);
    refineAt(p0_ / 16, 1);
  }

  // The best two valid symbols at the best placement and spread.
  Decoded spell(float& worst) {
    Levels lv = best_.levels;
    fitter_->fit(best_.place, spreadOf(best_.box, best_.blur), lv, false);
    return fitter_->spell(lv, worst);
  }

  const Trial& best() const { return best_; }
  // The best fit's RMS misfit over the contrast between paper and ink.
  float misfit() const {
    return std::sqrt(best_.cost / static_cast<float>(std::max(1, pixels()))) / std::max(1.0F, best_.levels.b0);
  }
  const Layout& layout() const { return st_.layout; }
  int pixels() const { return fitter_ ? fitter_->pixels() : 0; }

 private:
  const Spread& spreadOf(float box, float blur) {
    if (!spread_ || spread_->box() != box || spread_->blur() != blur) spread_.emplace(box, blur);
    return *spread_;
  }

  // Placements of one round are judged with the same levels; a round
  // ends with the levels refitted to its best (settle).
  void attempt(float centre, float width, float box, float blur, bool refit = false) {
    attempt(centre, width, box, blur, best_.place.k, refit);
  }
  void attempt(float centre, float width, float box, float blur, float k, bool refit) {
    const Placement place{centre - width / 2, width / modules_, k};
    if (place.p < kMinModulePx || place.p > kMaxModulePx) return;
    Levels lv = levels_;
    Decoded d = fitter_->fit(place, spreadOf(box, blur), lv, refit);
    if (d.best >= best_.cost) return;
    best_ = {d.best, place, lv, box, blur};
  }

  void settle() {
    Levels lv = best_.levels;
    Decoded d = fitter_->fit(best_.place, spreadOf(best_.box, best_.blur), lv, true);
    if (d.best < best_.cost) best_.cost = d.best, best_.levels = lv;
    levels_ = best_.levels;
  }

  // Widths `steps` steps either side of the best, then centres half as far.
  void refineAt(float step, int steps) {
    const Trial at = best_;
    const float width = at.place.p * modules_, centre = at.place.x0 + width / 2;
    for (int i = -steps; i <= steps; ++i)
      if (i != 0) attempt(centre, width + static_cast<float>(i) * step, at.box, at.blur);
    const float w2 = best_.place.p * modules_, c2 = best_.place.x0 + w2 / 2;
    for (int i = -steps; i <= steps; ++i)
      if (i != 0) attempt(c2 + static_cast<float>(i) * step / 2, w2, at.box, at.blur);
    settle();
  }

  std::vector<float> dark_;
  Structure st_;
  float smear_, modules_;
  std::optional<Fitter> fitter_;
  Levels start_, levels_;
  float p0_ = 0;
  Trial best_;
  std::optional<Spread> spread_;  // the last one made
};

}  // namespace

std::optional<EanUpcRead> readSmearedEanUpc(const cv::Mat& rows, float smearPx) {
  if (rows.empty() || rows.type() != CV_8U || rows.cols < 2 * ean_upc::kEan8Layout.modules || smearPx < 0) return std::nullopt;
  // The rows across the bars: those whose grey levels spread the most.
  std::vector<float> spread(static_cast<std::size_t>(rows.rows));
  for (int y = 0; y < rows.rows; ++y) {
    cv::Scalar mean, dev;
    cv::meanStdDev(rows.row(y), mean, dev);
    spread[static_cast<std::size_t>(y)] = static_cast<float>(dev[0]);
  }
  const float most = *std::max_element(spread.begin(), spread.end());
  // Their median, column by column: text printed over part of the bars
  // (FRAGILE across their top) leaves it alone, where a mean would carry
  // it into the profile.
  std::vector<const std::uint8_t*> used;
  int first = -1, last = -1;
  for (int y = 0; y < rows.rows; ++y) {
    if (spread[static_cast<std::size_t>(y)] < kBarRowShare * most) continue;
    used.push_back(rows.ptr<std::uint8_t>(y));
    if (first < 0) first = y;
    last = y;
  }
  if (used.empty()) return std::nullopt;
  std::vector<float> dark(static_cast<std::size_t>(rows.cols), 0.0F);
  std::vector<std::uint8_t> column(used.size());
  const std::size_t half = used.size() / 2;
  for (int x = 0; x < rows.cols; ++x) {
    for (std::size_t i = 0; i < used.size(); ++i) column[i] = used[i][x];
    std::nth_element(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(half), column.end());
    float median = column[half];
    if (used.size() % 2 == 0) {
      median = 0.5F * (median + static_cast<float>(*std::max_element(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(half))));
    }
    dark[static_cast<std::size_t>(x)] = 255.0F - median;
  }

  // EAN-13 and EAN-8, each read both ways: the one that fits best at the
  // coarsest placement is refined and spelt.
  struct Way {
    SymbolSearch search;
    bool reversed;
  };
  // A search's fitter refers to the search's own profile: searches are moved
  // only before their fitter is made (coarse), and a deque keeps them put.
  std::deque<Way> ways;
  Way* chosen = nullptr;
  for (const Layout& layout : {ean_upc::kEan13Layout, ean_upc::kEan8Layout}) {
    for (const bool reversed : {false, true}) {
      std::vector<float> profile = dark;
      if (reversed) std::reverse(profile.begin(), profile.end());
      Way& w = ways.emplace_back(Way{SymbolSearch(std::move(profile), layout, smearPx), reversed});
      if (w.search.coarse() && (chosen == nullptr || w.search.best().cost < chosen->search.best().cost)) chosen = &w;
    }
  }
  if (chosen == nullptr) return std::nullopt;
  Way& way = *chosen;
  if (way.search.misfit() > kMaxCoarseMisfit) return std::nullopt;
  way.search.refine();
  float worst = 0;
  const Decoded spelt = way.search.spell(worst);
  if (spelt.digits.empty()) return std::nullopt;
  const Trial& trial = way.search.best();
  const float contrast = trial.levels.b0;
  if (std::sqrt(worst) > kMaxMisfit * contrast) return std::nullopt;
  if (spelt.second - spelt.best < kMinEvidence * std::max(worst, 1.0F)) return std::nullopt;
  const float noise = spelt.best / static_cast<float>(std::max(1, way.search.pixels()));
  const Layout& layout = way.search.layout();
  EanUpcRead r;
  r.kind = layout.ean8 ? EanUpcRead::Kind::Ean8 : EanUpcRead::Kind::Ean13;
  r.digits = spelt.digits;
  if (r.kind == EanUpcRead::Kind::Ean13 && r.digits.front() == '0') {
    r.kind = EanUpcRead::Kind::UpcA;
    r.digits.erase(r.digits.begin());
  }
  const float left = trial.place.x0, right = left + trial.place.p * static_cast<float>(layout.modules);
  const float end = static_cast<float>(rows.cols - 1);
  r.left = way.reversed ? end - right : left;
  r.right = way.reversed ? end - left : right;
  r.upsideDown = way.reversed;
  r.firstRow = first;
  r.lastRow = last;
  r.moduleFit = 1.0F - std::sqrt(noise) / contrast;
  return r;
}

}  // namespace gs1inspect::read
