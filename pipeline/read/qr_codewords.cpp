#include "read/qr_codewords.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <opencv2/core.hpp>

#include "read/reed_solomon.hpp"

namespace gs1inspect::read {

namespace {

// Centres of the alignment patterns, as rows and as columns, for versions
// 2 to 20 (ISO/IEC 18004 annex E); 0 ends a list.
constexpr std::array<std::array<int, 4>, kMaxQrVersion + 1> kAlignmentCentres = {{{0},
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

// ISO/IEC 18004 table 9, versions 1 to 20, levels L, M, Q, H: check
// codewords per block, blocks of the shorter kind and their data
// codewords, blocks of one data codeword more.
constexpr std::array<std::array<QrBlocks, 4>, kMaxQrVersion + 1> kBlocks = {{
    {},
    {{{7, 1, 19, 0}, {10, 1, 16, 0}, {13, 1, 13, 0}, {17, 1, 9, 0}}},
    {{{10, 1, 34, 0}, {16, 1, 28, 0}, {22, 1, 22, 0}, {28, 1, 16, 0}}},
    {{{15, 1, 55, 0}, {26, 1, 44, 0}, {18, 2, 17, 0}, {22, 2, 13, 0}}},
    {{{20, 1, 80, 0}, {18, 2, 32, 0}, {26, 2, 24, 0}, {16, 4, 9, 0}}},
    {{{26, 1, 108, 0}, {24, 2, 43, 0}, {18, 2, 15, 2}, {22, 2, 11, 2}}},
    {{{18, 2, 68, 0}, {16, 4, 27, 0}, {24, 4, 19, 0}, {28, 4, 15, 0}}},
    {{{20, 2, 78, 0}, {18, 4, 31, 0}, {18, 2, 14, 4}, {26, 4, 13, 1}}},
    {{{24, 2, 97, 0}, {22, 2, 38, 2}, {22, 4, 18, 2}, {26, 4, 14, 2}}},
    {{{30, 2, 116, 0}, {22, 3, 36, 2}, {20, 4, 16, 4}, {24, 4, 12, 4}}},
    {{{18, 2, 68, 2}, {26, 4, 43, 1}, {24, 6, 19, 2}, {28, 6, 15, 2}}},
    {{{20, 4, 81, 0}, {30, 1, 50, 4}, {28, 4, 22, 4}, {24, 3, 12, 8}}},
    {{{24, 2, 92, 2}, {22, 6, 36, 2}, {26, 4, 20, 6}, {28, 7, 14, 4}}},
    {{{26, 4, 107, 0}, {22, 8, 37, 1}, {24, 8, 20, 4}, {22, 12, 11, 4}}},
    {{{30, 3, 115, 1}, {24, 4, 40, 5}, {20, 11, 16, 5}, {24, 11, 12, 5}}},
    {{{22, 5, 87, 1}, {24, 5, 41, 5}, {30, 5, 24, 7}, {24, 11, 12, 7}}},
    {{{24, 5, 98, 1}, {28, 7, 45, 3}, {24, 15, 19, 2}, {30, 3, 15, 13}}},
    {{{28, 1, 107, 5}, {28, 10, 46, 1}, {28, 1, 22, 15}, {28, 2, 14, 17}}},
    {{{30, 5, 120, 1}, {26, 9, 43, 4}, {28, 17, 22, 1}, {28, 2, 14, 19}}},
    {{{28, 3, 113, 4}, {26, 3, 44, 11}, {26, 17, 21, 4}, {26, 9, 13, 16}}},
    {{{28, 3, 107, 5}, {26, 3, 41, 13}, {30, 15, 24, 5}, {28, 15, 15, 10}}},
}};

QrFixedPatterns makeFixedPatterns(int version) {
  const int n = qrModules(version);
  QrFixedPatterns p;
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
    set(7, i, false), set(i, 7, false);              // top left
    set(7, n - 1 - i, false), set(i, n - 8, false);  // top right
    set(n - 8, i, false), set(n - 1 - i, 7, false);  // bottom left
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
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c)
      if (p.fixed.at<std::uint8_t>(r, c) != 0) p.modules.push_back({r, c, p.dark.at<std::uint8_t>(r, c) != 0});
  return p;
}

// Where format bit i (0 the least significant) lies, as (row, column), in
// each copy: beside the top left finder down column 8 (skipping the
// timing row) then leftwards along row 8; and split between the top right
// finder (row 8, right to left) and the bottom left one (column 8, down).
std::array<std::array<cv::Point, 15>, 2> formatPlaces(int n) {
  std::array<std::array<cv::Point, 15>, 2> at{};  // x = column, y = row
  for (int i = 0; i <= 5; ++i) at[0][static_cast<std::size_t>(i)] = {8, i};
  at[0][6] = {8, 7};
  at[0][7] = {8, 8};
  at[0][8] = {7, 8};
  for (int i = 9; i < 15; ++i) at[0][static_cast<std::size_t>(i)] = {14 - i, 8};
  for (int i = 0; i < 8; ++i) at[1][static_cast<std::size_t>(i)] = {n - 1 - i, 8};
  for (int i = 8; i < 15; ++i) at[1][static_cast<std::size_t>(i)] = {8, n - 15 + i};
  return at;
}

// The 15 format bits of `level` and `mask`: the level's two bits as the
// symbol writes them (L 01, M 00, Q 11, H 10) and the mask's three,
// protected by a BCH (15, 5) code whose generator is x^10 + x^8 + x^5 +
// x^4 + x^2 + x + 1, then XORed with 101010000010010 so that no format is
// all light.
int formatBits(int level, int mask) {
  constexpr std::array<int, 4> kLevelBits = {1, 0, 3, 2};
  const int data = (kLevelBits[static_cast<std::size_t>(level & 3)] << 3) | (mask & 7);
  int remainder = data << 10;
  for (int bit = 14; bit >= 10; --bit)
    if ((remainder >> bit) & 1) remainder ^= 0x537 << (bit - 10);
  return ((data << 10) | remainder) ^ 0x5412;
}

// Modules no codeword uses: the fixed patterns, both copies of the format
// information and, from version 7, both of the version information.
cv::Mat functionModules(int version) {
  const int n = qrModules(version);
  cv::Mat f = qrFixedPatterns(version).fixed.clone();
  for (const auto& copy : formatPlaces(n))
    for (const cv::Point& p : copy) f.at<std::uint8_t>(p) = 1;
  if (version >= 7) {
    f(cv::Rect(n - 11, 0, 3, 6)).setTo(1);
    f(cv::Rect(0, n - 11, 6, 3)).setTo(1);
  }
  return f;
}

// The data modules in the order codeword bits fill them (ISO/IEC 18004
// 7.7.3): two columns at a time from the right, up then down in turn,
// right column first, the vertical timing column skipped.
std::vector<cv::Point> dataOrder(int version) {
  const int n = qrModules(version);
  const cv::Mat f = functionModules(version);
  std::vector<cv::Point> order;
  bool upward = true;
  for (int right = n - 1; right >= 1; right -= 2) {
    if (right == 6) right = 5;
    for (int step = 0; step < n; ++step) {
      const int row = upward ? n - 1 - step : step;
      for (int col = right; col >= right - 1; --col)
        if (f.at<std::uint8_t>(row, col) == 0) order.emplace_back(col, row);
    }
    upward = !upward;
  }
  return order;
}

const std::vector<cv::Point>& dataOrderOf(int version) {
  static const std::array<std::vector<cv::Point>, kMaxQrVersion + 1> all = [] {
    std::array<std::vector<cv::Point>, kMaxQrVersion + 1> a;
    for (int v = 1; v <= kMaxQrVersion; ++v) a[static_cast<std::size_t>(v)] = dataOrder(v);
    return a;
  }();
  return all[static_cast<std::size_t>(version)];
}

// Whether data mask `mask` inverts the module at `row`, `col` (ISO/IEC
// 18004 table 10).
bool masked(int mask, int row, int col) {
  switch (mask) {
    case 0: return (row + col) % 2 == 0;
    case 1: return row % 2 == 0;
    case 2: return col % 3 == 0;
    case 3: return (row + col) % 3 == 0;
    case 4: return (row / 2 + col / 3) % 2 == 0;
    case 5: return (row * col) % 2 + (row * col) % 3 == 0;
    case 6: return ((row * col) % 2 + (row * col) % 3) % 2 == 0;
    default: return ((row + col) % 2 + (row * col) % 3) % 2 == 0;
  }
}

}  // namespace

const QrFixedPatterns& qrFixedPatterns(int version) {
  static const std::array<QrFixedPatterns, kMaxQrVersion + 1> all = [] {
    std::array<QrFixedPatterns, kMaxQrVersion + 1> a;
    for (int v = 1; v <= kMaxQrVersion; ++v) a[static_cast<std::size_t>(v)] = makeFixedPatterns(v);
    return a;
  }();
  return all[static_cast<std::size_t>(std::clamp(version, 1, kMaxQrVersion))];
}

const QrBlocks& qrBlocks(int version, int level) {
  return kBlocks[static_cast<std::size_t>(std::clamp(version, 1, kMaxQrVersion))][static_cast<std::size_t>(level & 3)];
}

int qrCodewordCapacity(int version) { return static_cast<int>(dataOrderOf(std::clamp(version, 1, kMaxQrVersion)).size()) / 8; }

void writeQrFormat(cv::Mat& dark, int level, int mask) {
  const int bits = formatBits(level, mask);
  for (const auto& copy : formatPlaces(dark.rows))
    for (std::size_t i = 0; i < copy.size(); ++i) dark.at<std::uint8_t>(copy[i]) = static_cast<std::uint8_t>((bits >> i) & 1);
}

std::optional<std::pair<int, int>> readQrFormat(const cv::Mat& dark, const cv::Mat& erased) {
  const auto places = formatPlaces(dark.rows);
  int best = 99, second = 99, compared = 0;
  std::pair<int, int> found{0, 0};
  for (int level = 0; level < 4; ++level) {
    for (int mask = 0; mask < 8; ++mask) {
      const int bits = formatBits(level, mask);
      int differ = 0;
      compared = 0;
      for (const auto& copy : places) {
        for (std::size_t i = 0; i < copy.size(); ++i) {
          if (!erased.empty() && erased.at<std::uint8_t>(copy[i]) != 0) continue;
          ++compared;
          differ += (dark.at<std::uint8_t>(copy[i]) != 0) != (((bits >> i) & 1) != 0);
        }
      }
      if (differ < best) second = best, best = differ, found = {level, mask};
      else if (differ < second) second = differ;
    }
  }
  if (compared == 0 || 6 * best > compared || second == best) return std::nullopt;
  return found;
}

std::optional<int> correctQr(int version, int level, int mask, cv::Mat& dark, const cv::Mat& erased, int reserve) {
  if (version < 1 || version > kMaxQrVersion || dark.rows != qrModules(version) || dark.cols != dark.rows)
    return std::nullopt;
  const QrBlocks& b = qrBlocks(version, level);
  const std::vector<cv::Point>& order = dataOrderOf(version);
  const int total = b.totalCodewords();
  if (static_cast<int>(order.size()) < 8 * total) return std::nullopt;
  // The codewords as the symbol holds them (interleaved), unmasked.
  std::vector<std::uint8_t> stream(static_cast<std::size_t>(total), 0);
  std::vector<bool> lost(static_cast<std::size_t>(total), false);
  for (int k = 0; k < 8 * total; ++k) {
    const cv::Point p = order[static_cast<std::size_t>(k)];
    const bool bit = (dark.at<std::uint8_t>(p) != 0) != masked(mask, p.y, p.x);
    auto& c = stream[static_cast<std::size_t>(k / 8)];
    if (bit) c = static_cast<std::uint8_t>(c | (0x80 >> (k % 8)));
    if (!erased.empty() && erased.at<std::uint8_t>(p) != 0) lost[static_cast<std::size_t>(k / 8)] = true;
  }
  // Block by block: data codewords are interleaved a codeword from each
  // block in turn (the longer blocks' last one after the others), then
  // the check codewords likewise.
  const int blocks = b.blocks();
  std::vector<std::vector<int>> index(static_cast<std::size_t>(blocks));
  int at = 0;
  for (int i = 0; i <= b.data1; ++i)
    for (int k = 0; k < blocks; ++k)
      if (i < b.data1 + (k >= b.blocks1 ? 1 : 0)) index[static_cast<std::size_t>(k)].push_back(at++);
  for (int i = 0; i < b.ecPerBlock; ++i)
    for (int k = 0; k < blocks; ++k) index[static_cast<std::size_t>(k)].push_back(at++);
  const ReedSolomonCode code{&GaloisField::qr(), 0};
  int changed = 0;
  for (const auto& block : index) {
    std::vector<std::uint8_t> words;
    std::vector<int> unseen;
    for (std::size_t i = 0; i < block.size(); ++i) {
      words.push_back(stream[static_cast<std::size_t>(block[i])]);
      if (lost[static_cast<std::size_t>(block[i])]) unseen.push_back(static_cast<int>(i));
    }
    const int fixed = correctReedSolomon(code, words, b.ecPerBlock, unseen, reserve);
    if (fixed < 0) return std::nullopt;
    changed += fixed;
    for (std::size_t i = 0; i < block.size(); ++i) stream[static_cast<std::size_t>(block[i])] = words[i];
  }
  for (int k = 0; k < 8 * total; ++k) {
    const cv::Point p = order[static_cast<std::size_t>(k)];
    const bool bit = (stream[static_cast<std::size_t>(k / 8)] & (0x80 >> (k % 8))) != 0;
    dark.at<std::uint8_t>(p) = static_cast<std::uint8_t>(bit != masked(mask, p.y, p.x) ? 1 : 0);
  }
  return changed;
}

}  // namespace gs1inspect::read
