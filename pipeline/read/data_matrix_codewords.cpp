#include "read/data_matrix_codewords.hpp"

#include <algorithm>
#include <array>

#include "read/reed_solomon.hpp"

namespace gs1inspect::read {

namespace {

// ISO/IEC 16022 table 7: rows, columns, data region rows and columns,
// data codewords, check codewords, interleaved blocks.
constexpr std::array<DataMatrixSize, 30> kSizes = {{
    {10, 10, 8, 8, 3, 5, 1},          {12, 12, 10, 10, 5, 7, 1},        {14, 14, 12, 12, 8, 10, 1},
    {16, 16, 14, 14, 12, 12, 1},      {18, 18, 16, 16, 18, 14, 1},      {20, 20, 18, 18, 22, 18, 1},
    {22, 22, 20, 20, 30, 20, 1},      {24, 24, 22, 22, 36, 24, 1},      {26, 26, 24, 24, 44, 28, 1},
    {32, 32, 14, 14, 62, 36, 1},      {36, 36, 16, 16, 86, 42, 1},      {40, 40, 18, 18, 114, 48, 1},
    {44, 44, 20, 20, 144, 56, 1},     {48, 48, 22, 22, 174, 68, 1},     {52, 52, 24, 24, 204, 84, 2},
    {64, 64, 14, 14, 280, 112, 2},    {72, 72, 16, 16, 368, 144, 4},    {80, 80, 18, 18, 456, 192, 4},
    {88, 88, 20, 20, 576, 224, 4},    {96, 96, 22, 22, 696, 272, 4},    {104, 104, 24, 24, 816, 336, 6},
    {120, 120, 18, 18, 1050, 408, 6}, {132, 132, 20, 20, 1304, 496, 8}, {144, 144, 22, 22, 1558, 620, 10},
    {8, 18, 6, 16, 5, 7, 1},          {8, 32, 6, 14, 10, 11, 1},        {12, 26, 10, 24, 16, 14, 1},
    {12, 36, 10, 16, 22, 18, 1},      {16, 36, 14, 16, 32, 24, 1},      {16, 48, 14, 22, 49, 28, 1},
}};

// Where each bit of each codeword lies in the mapping matrix (the data
// regions side by side, without their finders and clock tracks): annex
// F's placement. Entry: codeword * 8 + bit (bit 0 the most significant),
// -1 for the corner modules no codeword uses.
class Placement {
 public:
  Placement(int rows, int cols) : rows_(rows), cols_(cols), at_(static_cast<std::size_t>(rows * cols), -1) {
    int codeword = 0, row = 4, col = 0;
    do {
      if (row == rows_ && col == 0) corner1(codeword++);
      if (row == rows_ - 2 && col == 0 && cols_ % 4 != 0) corner2(codeword++);
      if (row == rows_ - 2 && col == 0 && cols_ % 8 == 4) corner3(codeword++);
      if (row == rows_ + 4 && col == 2 && cols_ % 8 == 0) corner4(codeword++);
      do {  // up and to the right
        if (row < rows_ && col >= 0 && free(row, col)) utah(row, col, codeword++);
        row -= 2, col += 2;
      } while (row >= 0 && col < cols_);
      row += 1, col += 3;
      do {  // down and to the left
        if (row >= 0 && col < cols_ && free(row, col)) utah(row, col, codeword++);
        row += 2, col -= 2;
      } while (row < rows_ && col >= 0);
      row += 3, col += 1;
    } while (row < rows_ || col < cols_);
  }

  int at(int row, int col) const { return at_[static_cast<std::size_t>(row * cols_ + col)]; }

 private:
  bool free(int row, int col) const { return at(row, col) < 0; }

  void module(int row, int col, int codeword, int bit) {
    if (row < 0) row += rows_, col += 4 - ((rows_ + 4) % 8);
    if (col < 0) col += cols_, row += 4 - ((cols_ + 4) % 8);
    at_[static_cast<std::size_t>(row * cols_ + col)] = codeword * 8 + bit;
  }
  void utah(int row, int col, int c) {
    module(row - 2, col - 2, c, 0), module(row - 2, col - 1, c, 1);
    module(row - 1, col - 2, c, 2), module(row - 1, col - 1, c, 3), module(row - 1, col, c, 4);
    module(row, col - 2, c, 5), module(row, col - 1, c, 6), module(row, col, c, 7);
  }
  void corner1(int c) {
    module(rows_ - 1, 0, c, 0), module(rows_ - 1, 1, c, 1), module(rows_ - 1, 2, c, 2);
    module(0, cols_ - 2, c, 3), module(0, cols_ - 1, c, 4), module(1, cols_ - 1, c, 5);
    module(2, cols_ - 1, c, 6), module(3, cols_ - 1, c, 7);
  }
  void corner2(int c) {
    module(rows_ - 3, 0, c, 0), module(rows_ - 2, 0, c, 1), module(rows_ - 1, 0, c, 2);
    module(0, cols_ - 4, c, 3), module(0, cols_ - 3, c, 4), module(0, cols_ - 2, c, 5);
    module(0, cols_ - 1, c, 6), module(1, cols_ - 1, c, 7);
  }
  void corner3(int c) {
    module(rows_ - 3, 0, c, 0), module(rows_ - 2, 0, c, 1), module(rows_ - 1, 0, c, 2);
    module(0, cols_ - 2, c, 3), module(0, cols_ - 1, c, 4), module(1, cols_ - 1, c, 5);
    module(2, cols_ - 1, c, 6), module(3, cols_ - 1, c, 7);
  }
  void corner4(int c) {
    module(rows_ - 1, 0, c, 0), module(rows_ - 1, cols_ - 1, c, 1);
    module(0, cols_ - 3, c, 2), module(0, cols_ - 2, c, 3), module(0, cols_ - 1, c, 4);
    module(1, cols_ - 3, c, 5), module(1, cols_ - 2, c, 6), module(1, cols_ - 1, c, 7);
  }

  int rows_, cols_;
  std::vector<int> at_;
};

// The symbol module of mapping-matrix module (row, col): each data region
// sits inside its own finder (left, bottom) and clock track (top, right).
cv::Point symbolModule(const DataMatrixSize& s, int row, int col) {
  const int r = row / s.regionRows * (s.regionRows + 2) + 1 + row % s.regionRows;
  const int c = col / s.regionCols * (s.regionCols + 2) + 1 + col % s.regionCols;
  return {c, r};
}

int mappingRows(const DataMatrixSize& s) {
  return (s.rows / (s.regionRows + 2)) * s.regionRows;
}
int mappingCols(const DataMatrixSize& s) {
  return (s.cols / (s.regionCols + 2)) * s.regionCols;
}

}  // namespace

const DataMatrixSize* dataMatrixSize(int rows, int cols) {
  const auto it = std::find_if(kSizes.begin(), kSizes.end(),
                               [&](const DataMatrixSize& s) { return s.rows == rows && s.cols == cols; });
  return it == kSizes.end() ? nullptr : &*it;
}

std::vector<std::uint8_t> dataMatrixCodewords(const DataMatrixSize& size, const cv::Mat& dark, const cv::Mat& erased,
                                              std::vector<int>& erasures) {
  const int total = size.dataCodewords + size.ecCodewords;
  std::vector<std::uint8_t> codewords(static_cast<std::size_t>(total), 0);
  std::vector<bool> lost(static_cast<std::size_t>(total), false);
  const int rows = mappingRows(size), cols = mappingCols(size);
  const Placement placement(rows, cols);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const int at = placement.at(r, c);
      if (at < 0 || at / 8 >= total) continue;
      const cv::Point m = symbolModule(size, r, c);
      const auto index = static_cast<std::size_t>(at / 8);
      if (dark.at<std::uint8_t>(m) != 0) codewords[index] |= static_cast<std::uint8_t>(0x80 >> (at % 8));
      if (!erased.empty() && erased.at<std::uint8_t>(m) != 0) lost[index] = true;
    }
  }
  erasures.clear();
  for (int i = 0; i < total; ++i)
    if (lost[static_cast<std::size_t>(i)]) erasures.push_back(i);
  return codewords;
}

void placeDataMatrixCodewords(const DataMatrixSize& size, const std::vector<std::uint8_t>& codewords, cv::Mat& dark) {
  dark.create(size.rows, size.cols, CV_8U);
  dark.setTo(0);
  // Finders and clock tracks of each region.
  for (int top = 0; top < size.rows; top += size.regionRows + 2) {
    for (int left = 0; left < size.cols; left += size.regionCols + 2) {
      const int bottom = top + size.regionRows + 1, right = left + size.regionCols + 1;
      for (int c = left; c <= right; ++c) {
        dark.at<std::uint8_t>(bottom, c) = 1;
        dark.at<std::uint8_t>(top, c) = (c - left) % 2 == 0;
      }
      for (int r = top; r <= bottom; ++r) {
        dark.at<std::uint8_t>(r, left) = 1;
        dark.at<std::uint8_t>(r, right) = (bottom - r) % 2 == 0;
      }
    }
  }
  const int rows = mappingRows(size), cols = mappingCols(size);
  const Placement placement(rows, cols);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const int at = placement.at(r, c);
      bool on;
      if (at < 0) {
        // The unused corner: its bottom-right and the one diagonally
        // above-left are dark.
        on = (r == rows - 1 && c == cols - 1) || (r == rows - 2 && c == cols - 2);
      } else {
        const auto index = static_cast<std::size_t>(at / 8);
        on = index < codewords.size() && (codewords[index] & (0x80 >> (at % 8))) != 0;
      }
      dark.at<std::uint8_t>(symbolModule(size, r, c)) = on ? 1 : 0;
    }
  }
}

std::optional<int> correctDataMatrix(const DataMatrixSize& size, cv::Mat& dark, const cv::Mat& erased, int reserve) {
  std::vector<int> erasures;
  std::vector<std::uint8_t> codewords = dataMatrixCodewords(size, dark, erased, erasures);
  const ReedSolomonCode code{&GaloisField::dataMatrix(), 1};
  const int blocks = size.blocks;
  int changed = 0;
  for (int b = 0; b < blocks; ++b) {
    // Block b: every blocks-th data codeword from b, then every blocks-th
    // check codeword from b.
    std::vector<int> index;
    for (int i = b; i < size.dataCodewords; i += blocks) index.push_back(i);
    for (int i = b; i < size.ecCodewords; i += blocks) index.push_back(size.dataCodewords + i);
    const int ec = static_cast<int>(index.size()) - (size.dataCodewords - b + blocks - 1) / blocks;
    std::vector<std::uint8_t> block;
    std::vector<int> lost;
    for (std::size_t k = 0; k < index.size(); ++k) {
      block.push_back(codewords[static_cast<std::size_t>(index[k])]);
      if (std::find(erasures.begin(), erasures.end(), index[k]) != erasures.end()) lost.push_back(static_cast<int>(k));
    }
    const int fixed = correctReedSolomon(code, block, ec, lost, reserve);
    if (fixed < 0) return std::nullopt;
    changed += fixed;
    for (std::size_t k = 0; k < index.size(); ++k) codewords[static_cast<std::size_t>(index[k])] = block[k];
  }
  placeDataMatrixCodewords(size, codewords, dark);
  return changed;
}

}  // namespace gs1inspect::read
