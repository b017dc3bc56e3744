#pragma once
// The module patterns of EAN-13, UPC-A and EAN-8 (GS1 General
// Specifications 5.2.2.2), shared by the readers that spell them from
// grey levels.

#include <array>
#include <cstdint>

namespace gs1inspect::read::ean_upc {

inline constexpr int kCharModules = 7;

// Characters of 7 modules, most significant bit first, 1 = bar: number set
// A. Set C (right half) is set A inverted, set B (even parity, left half)
// set C reversed.
inline constexpr std::array<std::uint8_t, 10> kSetA = {0b0001101, 0b0011001, 0b0010011, 0b0111101, 0b0100011,
                                                       0b0110001, 0b0101111, 0b0111011, 0b0110111, 0b0001011};
// EAN-13's first digit, from which of its six left characters use set B
// (bit set), the first character most significant.
inline constexpr std::array<std::uint8_t, 10> kParity = {0b000000, 0b001011, 0b001101, 0b001110, 0b010011,
                                                         0b011001, 0b011100, 0b010101, 0b010110, 0b011010};

constexpr std::uint8_t setC(std::uint8_t a) { return static_cast<std::uint8_t>(~static_cast<unsigned>(a) & 0x7FU); }

constexpr std::uint8_t setB(std::uint8_t a) {
  const unsigned c = setC(a);
  std::uint8_t r = 0;
  for (int i = 0; i < kCharModules; ++i)
    if ((c & (1U << i)) != 0U) r = static_cast<std::uint8_t>(r | (1U << (kCharModules - 1 - i)));
  return r;
}

/// Module `i` (0 first) of the character `code`: 1 bar, 0 space.
constexpr int moduleOf(std::uint8_t code, int i) { return (code >> (kCharModules - 1 - i)) & 1; }

/// Where a point a share `t` (0..1) along a symbol's modules lies, as a
/// share of its width, seen in perspective: modules (1 + k) times wider
/// at one end than at the other.
constexpr float perspectiveShare(float t, float k) { return t * (1 + k) / (1 + k * t); }

/// Where the characters lie: EAN-13 (and UPC-A, an EAN-13 led by 0) or EAN-8.
struct Layout {
  bool ean8;
  int modules;     // 95 or 67
  int perHalf;     // characters per half
  int rightStart;  // first module of the right half's characters
};
inline constexpr Layout kEan13Layout{false, 95, 6, 50};
inline constexpr Layout kEan8Layout{true, 67, 4, 36};

}  // namespace gs1inspect::read::ean_upc
