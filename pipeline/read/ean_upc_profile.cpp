#include "read/ean_upc_profile.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <string_view>
#include <vector>

#include "gs1/check_digit.hpp"
#include "read/ean_upc_patterns.hpp"

namespace gs1inspect::read {
namespace {

using ean_upc::kCharModules;
using ean_upc::kParity;
using ean_upc::kSetA;
using ean_upc::Layout;
using ean_upc::setB;
using ean_upc::setC;

// Share of a module's darkness that blur carries into each neighbour in
// the patterns characters are compared with: 2 px modules seen through a
// lens at conveyor distance.
constexpr float kBlurShare = 0.1F;
// A character must correlate with its pattern at least this well (Pearson,
// module darknesses against the blurred pattern), and better than with any
// other pattern by kMinCharMargin; the guards with theirs by kMinGuardFit.
constexpr float kMinCharFit = 0.5F;
constexpr float kMinCharMargin = 0.05F;
constexpr float kMinGuardFit = 0.6F;
// Fewest and most dark runs a row of the symbol shows: EAN-8 has 22 bars,
// EAN-13 30; blur merges bars, a speck of noise may split one or two.
// Longer fields (GS1-128, DataBar Expanded) are not EAN/UPC.
constexpr int kMinRuns = 12;
constexpr int kMaxRuns = 32;
// How far the centre of the symbol may lie from the middle of its outer
// edges, as a share of their distance: modules up to 1.13 times wider at
// one end than at the other. A 37 mm EAN-13 turned 45 degrees away from a
// camera 300 mm off makes 1.09; the generated sets stay under 1.08 (a
// shift of 0.02).
constexpr float kMaxCentreShift = 0.03F;
// The mean character correlation a symbol's rows reach once their
// perspective is found, before edges are refined: EAN/UPC rows of the
// default generated set reach 0.9 and more, other bar fields (Code 128,
// DataBar, text) 0.6 to 0.8: the best of 20 patterns fits noise that well.
constexpr float kMinCoarseFit = 0.85F;
// Groups of rows read before giving up on a field that none of them reads.
constexpr int kGroupsBeforeGivingUp = 2;

using Pattern = std::array<float, kCharModules>;

// `p` centred and scaled to unit length; all zeros when it is flat.
Pattern normalised(Pattern p) {
  float mean = 0;
  for (float v : p) mean += v;
  mean /= kCharModules;
  float norm = 0;
  for (float& v : p) v -= mean, norm += v * v;
  norm = std::sqrt(norm);
  if (norm < 1e-3F) return Pattern{};
  for (float& v : p) v /= norm;
  return p;
}

// The pattern of `code` between the modules `before` and `after` (1 bar),
// blurred, centred and scaled to unit length.
Pattern blurred(std::uint8_t code, int before, int after) {
  std::array<float, kCharModules + 2> m{};
  m[0] = static_cast<float>(before);
  m[kCharModules + 1] = static_cast<float>(after);
  for (int i = 0; i < kCharModules; ++i)
    m[static_cast<std::size_t>(i + 1)] = static_cast<float>((static_cast<unsigned>(code) >> (kCharModules - 1 - i)) & 1U);
  Pattern p{};
  for (std::size_t i = 0; i < p.size(); ++i) p[i] = kBlurShare * m[i] + (1 - 2 * kBlurShare) * m[i + 1] + kBlurShare * m[i + 2];
  return normalised(p);
}

struct Patterns {
  // Left-half characters follow a bar and precede a space; right-half ones
  // the other way round.
  std::array<Pattern, 20> left{};  // 0-9 set A, 10-19 set B
  std::array<Pattern, 10> right{};
  Patterns() {
    for (std::size_t d = 0; d < 10; ++d) {
      left[d] = blurred(kSetA[d], 1, 0);
      left[d + 10] = blurred(setB(kSetA[d]), 1, 0);
      right[d] = blurred(setC(kSetA[d]), 0, 1);
    }
  }
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

constexpr const Layout& kEan13 = ean_upc::kEan13Layout;
constexpr const Layout& kEan8 = ean_upc::kEan8Layout;

// Darkness along one group of rows, sampled at fractional positions.
class Profile {
 public:
  explicit Profile(std::vector<float> dark) : d_(std::move(dark)) {}
  float at(float x) const {
    const float c = std::clamp(x, 0.0F, static_cast<float>(d_.size() - 1));
    const auto i = static_cast<std::size_t>(c);
    const std::size_t j = std::min(i + 1, d_.size() - 1);
    const float f = c - static_cast<float>(i);
    return d_[i] * (1 - f) + d_[j] * f;
  }
  const std::vector<float>& values() const { return d_; }

 private:
  std::vector<float> d_;
};

// The symbol's modules m in [0, modules] at x = left + width * t (1 + k) /
// (1 + k t), t = m / modules: a line seen in perspective.
struct Mapping {
  float left, width, k;
  float x(float m, int modules) const {
    const float t = m / static_cast<float>(modules);
    return left + width * ean_upc::perspectiveShare(t, k);
  }
  // The k that puts the symbol's middle at `centre`.
  static Mapping through(float left, float right, float centre) {
    const float w = right - left;
    const float c = std::clamp((centre - left) / w, 0.3F, 0.7F);
    return {left, w, (1 - 2 * c) / (c - 1)};
  }
};

struct Fit {
  float score = -1;   // sum of the chosen characters' correlations
  float worst = -1;   // the lowest of them
  float margin = 0;   // the smallest lead of a chosen pattern over the next
  float guards = -1;  // the guards' correlation with their pattern
  std::array<int, 12> chosen{};  // pattern index per character (left: 0-19, right: 0-9)
};

float correlate(const Pattern& p, const Pattern& v) {
  float s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) s += p[i] * v[i];
  return s;
}

// Module darknesses of the characters at `from`, centred and scaled.
Pattern charValues(const Profile& prof, const Mapping& map, int modules, int from) {
  Pattern v{};
  for (int i = 0; i < kCharModules; ++i) {
    const float m = static_cast<float>(from + i);
    const float a = map.x(m + 0.2F, modules), b = map.x(m + 0.5F, modules), c = map.x(m + 0.8F, modules);
    v[static_cast<std::size_t>(i)] = 0.25F * prof.at(a) + 0.5F * prof.at(b) + 0.25F * prof.at(c);
  }
  return normalised(v);
}

Fit fit(const Profile& prof, const Mapping& map, const Layout& layout) {
  const Patterns& pats = patterns();
  Fit f;
  f.score = 0;
  f.worst = 1;
  f.margin = 1;
  for (int c = 0; c < 2 * layout.perHalf; ++c) {
    const bool leftHalf = c < layout.perHalf;
    const int from = leftHalf ? 3 + kCharModules * c : layout.rightStart + kCharModules * (c - layout.perHalf);
    const Pattern v = charValues(prof, map, layout.modules, from);
    float best = -2, second = -2;
    int bestIndex = 0;
    // EAN-8 uses set A only on its left.
    const std::size_t count = leftHalf ? (layout.ean8 ? 10 : 20) : 10;
    for (std::size_t i = 0; i < count; ++i) {
      const float r = correlate(leftHalf ? pats.left[i] : pats.right[i], v);
      if (r > best) {
        second = best, best = r, bestIndex = static_cast<int>(i);
      } else if (r > second) {
        second = r;
      }
    }
    f.chosen[static_cast<std::size_t>(c)] = bestIndex;
    f.score += best;
    f.worst = std::min(f.worst, best);
    f.margin = std::min(f.margin, best - second);
  }
  return f;
}

float guardFit(const Profile& prof, const Mapping& map, const Layout& layout) {
  // Each guard with the module on either side: the quiet zone, the first
  // character's leading space; the left half's last bar, the right half's
  // first bar; its last space, the quiet zone.
  const int centre = layout.rightStart - 5, end = layout.modules - 3;
  const std::array<std::pair<int, int>, 17> modules = {{{-1, 0},
                                                        {0, 1},
                                                        {1, 0},
                                                        {2, 1},
                                                        {3, 0},
                                                        {centre - 1, 1},
                                                        {centre, 0},
                                                        {centre + 1, 1},
                                                        {centre + 2, 0},
                                                        {centre + 3, 1},
                                                        {centre + 4, 0},
                                                        {centre + 5, 1},
                                                        {end - 1, 0},
                                                        {end, 1},
                                                        {end + 1, 0},
                                                        {end + 2, 1},
                                                        {end + 3, 0}}};
  std::vector<float> v, p;
  for (const auto& [m, bar] : modules) {
    v.push_back(prof.at(map.x(static_cast<float>(m) + 0.5F, layout.modules)));
    p.push_back(static_cast<float>(bar));
  }
  const auto n = static_cast<float>(v.size());
  float mv = 0, mp = 0;
  for (std::size_t i = 0; i < v.size(); ++i) mv += v[i], mp += p[i];
  mv /= n, mp /= n;
  float sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    sxy += (v[i] - mv) * (p[i] - mp);
    sxx += (v[i] - mv) * (v[i] - mv);
    syy += (p[i] - mp) * (p[i] - mp);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

// The digits a fit spells, or "" when its parity or check digit is wrong.
std::string spell(const Fit& f, const Layout& layout) {
  std::string digits;
  int parity = 0;
  for (int c = 0; c < layout.perHalf; ++c) {
    const int i = f.chosen[static_cast<std::size_t>(c)];
    parity = parity << 1 | (i >= 10 ? 1 : 0);
    digits.push_back(static_cast<char>('0' + i % 10));
  }
  for (int c = layout.perHalf; c < 2 * layout.perHalf; ++c)
    digits.push_back(static_cast<char>('0' + f.chosen[static_cast<std::size_t>(c)]));
  if (!layout.ean8) {
    const auto* first = std::find(kParity.begin(), kParity.end(), parity);
    if (first == kParity.end()) return {};
    digits.insert(digits.begin(), static_cast<char>('0' + (first - kParity.begin())));
  }
  if (gs1::gs1CheckDigit(std::string_view(digits).substr(0, digits.size() - 1)) != digits.back()) return {};
  return digits;
}

struct Run {
  float from, to;
};

// Dark runs of `prof`, cut halfway between its paper and ink levels.
std::vector<Run> darkRuns(const Profile& prof) {
  const auto& d = prof.values();
  std::vector<float> sorted = d;
  std::sort(sorted.begin(), sorted.end());
  const float paper = sorted[sorted.size() / 20], ink = sorted[sorted.size() - 1 - sorted.size() / 20];
  const float t = 0.5F * (paper + ink);
  std::vector<Run> runs;
  if (ink - paper < 24) return runs;  // flat: no bars
  auto cross = [&](std::size_t i) { return static_cast<float>(i - 1) + (t - d[i - 1]) / (d[i] - d[i - 1]); };
  float start = -1;
  for (std::size_t i = 1; i < d.size(); ++i) {
    if (d[i - 1] <= t && d[i] > t) start = cross(i);
    if (d[i - 1] > t && d[i] <= t && start >= 0) runs.push_back({start, cross(i)}), start = -1;
  }
  return runs;
}

// The outer edges of the densest cluster of dark runs: runs closer than
// `gap` px belong together.
std::optional<Run> densestCluster(const std::vector<Run>& runs, float gap, int& count) {
  std::optional<Run> best;
  count = 0;
  std::size_t i = 0;
  while (i < runs.size()) {
    std::size_t j = i;
    while (j + 1 < runs.size() && runs[j + 1].from - runs[j].to <= gap) ++j;
    const int n = static_cast<int>(j - i + 1);
    if (n > count) count = n, best = Run{runs[i].from, runs[j].to};
    i = j + 1;
  }
  return best;
}

struct GroupRead {
  std::string digits;
  Layout layout;
  float left, right, fit;
  bool reversed = false;
};

std::optional<GroupRead> readGroup(const Profile& prof) {
  const std::vector<Run> runs = darkRuns(prof);
  if (static_cast<int>(runs.size()) < kMinRuns) return std::nullopt;
  // The symbol's own spaces are at most 4 modules wide, its quiet zones at
  // least 7 (of EAN-13's modules; EAN-8's are 1.4 times wider).
  int count = 0;
  float gap = 24;
  std::optional<Run> edges;
  for (int pass = 0; pass < 2; ++pass) {
    edges = densestCluster(runs, gap, count);
    if (!edges) return std::nullopt;
    gap = std::max(4.0F, 6.5F * (edges->to - edges->from) / static_cast<float>(kEan13.modules));
  }
  if (count < kMinRuns || count > kMaxRuns) return std::nullopt;

  std::optional<GroupRead> result;
  for (const Layout& layout : {kEan13, kEan8}) {
    float left = edges->from, right = edges->to;
    const float width = right - left;
    if (width < 1.5F * static_cast<float>(layout.modules)) continue;  // modules under 1.5 px
    auto evaluate = [&](float l, float r, float c) { return fit(prof, Mapping::through(l, r, c), layout); };
    // The centre first (perspective), coarse then fine; then each edge
    // (blur and ink spread move them), then the centre again.
    float centre = 0.5F * (left + right);
    Fit best = evaluate(left, right, centre);
    auto search = [&](float& value, float span, float step) {
      const float start = value;
      for (float d = -span; d <= span + 1e-3F; d += step) {
        float l = left, r = right, c = centre;
        float& v = &value == &left ? l : &value == &right ? r : c;
        v = start + d;
        const Fit f = evaluate(l, r, c);
        if (f.score > best.score) best = f, value = v;
      }
    };
    search(centre, kMaxCentreShift * width, std::max(1.0F, width / static_cast<float>(2 * layout.modules)));
    // Anything but an EAN/UPC gets no closer than this.
    if (best.score < kMinCoarseFit * static_cast<float>(2 * layout.perHalf)) continue;
    search(centre, 1.0F, 0.25F);
    search(left, 1.0F, 0.25F);
    search(right, 1.0F, 0.25F);
    search(centre, 0.75F, 0.25F);
    if (best.worst < kMinCharFit || best.margin < kMinCharMargin) continue;
    if (guardFit(prof, Mapping::through(left, right, centre), layout) < kMinGuardFit) continue;
    const std::string digits = spell(best, layout);
    if (digits.empty()) continue;
    const float mean = best.score / static_cast<float>(2 * layout.perHalf);
    if (!result || mean > result->fit) result = GroupRead{digits, layout, left, right, mean};
  }
  return result;
}

}  // namespace

std::optional<EanUpcRead> readEanUpcProfile(const cv::Mat& rows, int rowsPerGroup) {
  if (rows.empty() || rows.type() != CV_8U || rows.cols < 2 * kEan8.modules) return std::nullopt;
  rowsPerGroup = std::clamp(rowsPerGroup, 1, rows.rows);
  struct Tally {
    int groups = 0;
    GroupRead read;
    int firstRow = 0, lastRow = 0;
    float fit = 0;
  };
  std::map<std::string, Tally> tallies;
  // Groups from the middle of the field outwards: the middle rows cross
  // the bars, the outer ones may be the digits under them or other print.
  const int groups = rows.rows / rowsPerGroup;
  if (groups < 2) return std::nullopt;
  std::vector<int> order(static_cast<std::size_t>(groups));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return std::abs(2 * a + 1 - groups) < std::abs(2 * b + 1 - groups); });
  int tried = 0;
  for (const int g : order) {
    if (tried++ == kGroupsBeforeGivingUp && tallies.empty()) return std::nullopt;
    const int y0 = g * rowsPerGroup;
    std::vector<float> dark(static_cast<std::size_t>(rows.cols), 0.0F);
    for (int y = y0; y < y0 + rowsPerGroup; ++y) {
      const auto* p = rows.ptr<std::uint8_t>(y);
      for (int x = 0; x < rows.cols; ++x) dark[static_cast<std::size_t>(x)] += 255.0F - p[x];
    }
    for (float& v : dark) v /= static_cast<float>(rowsPerGroup);
    // Upright, or turned half round (then read right to left).
    auto read = readGroup(Profile(dark));
    if (!read) {
      std::reverse(dark.begin(), dark.end());
      read = readGroup(Profile(dark));
      if (!read) continue;
      const float last = static_cast<float>(rows.cols - 1);
      *read = GroupRead{read->digits, read->layout, last - read->right, last - read->left, read->fit, true};
    }
    Tally& t = tallies[read->digits];
    if (t.groups == 0) t.read = *read, t.firstRow = y0, t.lastRow = y0 + rowsPerGroup - 1;
    ++t.groups;
    t.firstRow = std::min(t.firstRow, y0);
    t.lastRow = std::max(t.lastRow, y0 + rowsPerGroup - 1);
    t.fit += read->fit;
  }
  // Two groups must agree, and no group may have seen another symbol.
  if (tallies.size() != 1 || tallies.begin()->second.groups < 2) return std::nullopt;
  const Tally& t = tallies.begin()->second;
  EanUpcRead r;
  r.kind = t.read.layout.ean8 ? EanUpcRead::Kind::Ean8 : EanUpcRead::Kind::Ean13;
  r.digits = t.read.digits;
  if (r.kind == EanUpcRead::Kind::Ean13 && r.digits.front() == '0') {
    r.kind = EanUpcRead::Kind::UpcA;
    r.digits.erase(r.digits.begin());
  }
  r.upsideDown = t.read.reversed;
  r.left = t.read.left;
  r.right = t.read.right;
  r.firstRow = t.firstRow;
  r.lastRow = t.lastRow;
  r.moduleFit = t.fit / static_cast<float>(t.groups);
  return r;
}

}  // namespace gs1inspect::read
