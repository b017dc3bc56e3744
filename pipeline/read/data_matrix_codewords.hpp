#pragma once
// DataMatrix (ECC 200) codewords in a symbol's modules (ISO/IEC 16022:
// table 7 for the sizes, annex F for where each bit of each codeword
// lies), and their Reed-Solomon correction with erasures: the modules a
// stripe or glare left unreadable make every codeword they touch an
// erasure, which costs half what an error does.

#include <optional>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace gs1inspect::read {

/// One ECC 200 size.
struct DataMatrixSize {
  int rows = 0, cols = 0;              // modules, finder and clock tracks included
  int regionRows = 0, regionCols = 0;  // modules of one data region
  int dataCodewords = 0, ecCodewords = 0;
  int blocks = 1;  // interleaved Reed-Solomon blocks
};

/// The size of a `rows` x `cols` symbol, or nullptr when ECC 200 has none.
const DataMatrixSize* dataMatrixSize(int rows, int cols);

/// The codewords of a symbol read from `dark` (CV_8U rows x cols, non-zero
/// for a dark module, the symbol upright: finder L left and bottom), data
/// then check codewords in symbol order; `erased` (same size, non-zero for
/// a module that could not be seen; may be empty) makes each codeword with
/// such a module an erasure, listed in `erasures`.
std::vector<std::uint8_t> dataMatrixCodewords(const DataMatrixSize& size, const cv::Mat& dark, const cv::Mat& erased,
                                              std::vector<int>& erasures);

/// Writes `codewords` (data then check, symbol order) into `dark`'s data
/// modules; the finder, clock tracks and unused corner modules as ECC 200
/// draws them.
void placeDataMatrixCodewords(const DataMatrixSize& size, const std::vector<std::uint8_t>& codewords, cv::Mat& dark);

/// `dark` corrected: each Reed-Solomon block decoded with its erasures,
/// `reserve` of its check codewords left unspent (correctReedSolomon), the
/// result written back whole. The number of codewords changed, or nothing
/// when a block cannot be corrected (then `dark` is unchanged).
std::optional<int> correctDataMatrix(const DataMatrixSize& size, cv::Mat& dark, const cv::Mat& erased, int reserve = 0);

}  // namespace gs1inspect::read
