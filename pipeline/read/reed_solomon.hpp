#pragma once
// Reed-Solomon codes over GF(256) with errors-and-erasures decoding: a
// codeword known to be unreadable (under a printhead stripe, under glare)
// costs one check codeword to correct, a wrong one costs two. ZXing 1.4
// corrects errors only; the project's DataMatrix repair
// (data_matrix_codewords) uses this one.
//
// Codewords are in symbol order: the first is the coefficient of the
// highest power. The generator's roots are a^first .. a^(first + ec - 1).

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace gs1inspect::read {

/// GF(256) built from a primitive polynomial (DataMatrix 0x12D, QR 0x11D),
/// with 2 as its generator a.
class GaloisField {
 public:
  explicit GaloisField(int primitive);

  std::uint8_t mul(std::uint8_t a, std::uint8_t b) const {
    return a == 0 || b == 0 ? 0 : exp_[static_cast<std::size_t>(log_[a] + log_[b])];
  }
  std::uint8_t div(std::uint8_t a, std::uint8_t b) const {  // b != 0
    return a == 0 ? 0 : exp_[static_cast<std::size_t>(log_[a] + 255 - log_[b])];
  }
  std::uint8_t pow(int power) const { return exp_[static_cast<std::size_t>(((power % 255) + 255) % 255)]; }  // a^power
  int log(std::uint8_t a) const { return log_[a]; }                                                          // a != 0

  /// The fields the symbologies use.
  static const GaloisField& dataMatrix();
  static const GaloisField& qr();

 private:
  std::array<std::uint8_t, 512> exp_{};
  std::array<int, 256> log_{};
};

/// A Reed-Solomon code: its field and the power of its generator's first
/// root (DataMatrix 1, QR 0).
struct ReedSolomonCode {
  const GaloisField* field = nullptr;
  int firstRoot = 1;
};

/// The `ecCount` check codewords of `data`.
std::vector<std::uint8_t> reedSolomonCheck(const ReedSolomonCode& code, std::span<const std::uint8_t> data,
                                           int ecCount);

/// Corrects `codewords` (data then its `ecCount` check codewords) in place,
/// `erasures` the indexes of codewords known to be unreadable (any value
/// there). Corrects any 2 x errors + erasures <= ecCount - `reserve`: the
/// reserve is check codewords left unspent, so that a block too damaged
/// to correct is found out rather than turned into another codeword (with
/// as many erasures as check codewords, every block "corrects"). Returns
/// the number of codewords changed, or -1 when the block cannot be
/// corrected (then `codewords` is unchanged). Pure function.
int correctReedSolomon(const ReedSolomonCode& code, std::span<std::uint8_t> codewords, int ecCount,
                       std::span<const int> erasures, int reserve = 0);

}  // namespace gs1inspect::read
