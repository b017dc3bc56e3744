#pragma once
// QR symbols (ISO/IEC 18004, versions 1 to 20) module by module: their
// fixed patterns, format information, where each bit of each codeword
// lies, and the codewords' Reed-Solomon correction with erasures, which
// ZXing 1.4 cannot do: modules a stripe left unreadable make each
// codeword they touch an erasure, which costs half what an error does.
// Grids are in the standard orientation (finders top left, top right and
// bottom left), CV_8U, 1 for a dark module.

#include <optional>
#include <utility>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace gs1inspect::read {

inline constexpr int kMaxQrVersion = 20;

/// Modules a side of a version's symbol.
constexpr int qrModules(int version) { return 17 + 4 * version; }

/// The fixed patterns of a version's symbol: finders with their
/// separators, timing patterns, alignment patterns and the dark module.
struct QrFixedPatterns {
  cv::Mat fixed;  // CV_8U: 1 where a module is fixed
  cv::Mat dark;   // CV_8U: what it is there (1 dark)
  int count = 0;  // fixed modules
  struct Module {
    int row, col;
    bool dark;
  };
  std::vector<Module> modules;  // each fixed module, row by row
};
const QrFixedPatterns& qrFixedPatterns(int version);  // version 1 to kMaxQrVersion

/// The Reed-Solomon blocks of a version and error correction level (0 L,
/// 1 M, 2 Q, 3 H; ISO/IEC 18004 table 9): `blocks1` blocks of `data1`
/// data codewords, then `blocks2` of one more, each with `ecPerBlock`
/// check codewords.
struct QrBlocks {
  int ecPerBlock = 0, blocks1 = 0, data1 = 0, blocks2 = 0;
  int blocks() const { return blocks1 + blocks2; }
  int dataCodewords() const { return blocks1 * data1 + blocks2 * (data1 + 1); }
  int totalCodewords() const { return dataCodewords() + blocks() * ecPerBlock; }
};
const QrBlocks& qrBlocks(int version, int level);

/// Codewords the data modules of a version hold (its remainder bits left out).
int qrCodewordCapacity(int version);

/// Writes the format information of `level` and data `mask` (0 to 7) into
/// both its places in `dark` (ISO/IEC 18004 7.9).
void writeQrFormat(cv::Mat& dark, int level, int mask);

/// The level and mask whose format information `dark` shows, from both
/// copies, modules in `erased` (may be empty) left out: the nearest of the
/// 32 when it differs in at most a sixth of the modules compared and no
/// other comes as near.
std::optional<std::pair<int, int>> readQrFormat(const cv::Mat& dark, const cv::Mat& erased);

/// `dark` corrected: its codewords read under `mask`, each Reed-Solomon
/// block of `level` decoded with the codewords holding an `erased` module
/// as erasures, `reserve` check codewords per block left unspent, and the
/// result written back (masked again). The number of codewords changed,
/// or nothing when a block cannot be corrected (then `dark` is unchanged).
std::optional<int> correctQr(int version, int level, int mask, cv::Mat& dark, const cv::Mat& erased, int reserve);

}  // namespace gs1inspect::read
