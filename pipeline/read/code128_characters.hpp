#pragma once
// Code 128's symbol characters (ISO/IEC 15417): the bar and space widths of
// each value, and the data a row of values spells. The project's own Code
// 128 reads (code128_erasures) use them; ZXing's reader keeps its own.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace gs1inspect::read {

/// Values with a meaning of their own.
inline constexpr int kCode128Fnc1 = 102;
inline constexpr int kCode128StartA = 103;
inline constexpr int kCode128StartB = 104;
inline constexpr int kCode128StartC = 105;
inline constexpr int kCode128Stop = 106;
/// Modules of a symbol character, and of the stop character (with its
/// final bar).
inline constexpr int kCode128CharModules = 11;
inline constexpr int kCode128StopModules = 13;

/// The widths, in modules, of the six elements of value `value` (0-105),
/// bar first; the stop's first six (its seventh, a bar of 2, follows).
const std::array<std::uint8_t, 6>& code128Widths(int value);

/// The stop character's seven widths.
inline constexpr std::array<std::uint8_t, 7> kCode128StopWidths = {2, 3, 3, 1, 1, 1, 2};

/// The check character of `values` (start character first, then the data
/// characters, without check or stop): mod 103 of the start value plus each
/// data value times its position.
int code128Check(std::span<const int> values);

/// What a row of values spells when it is GS1-128: a start character, FNC1
/// first, data in code sets A, B and C with their shifts, FNC1 later as GS
/// (0x1D), then the check character (not the stop). The data without the
/// leading FNC1 (as ZXing gives it with symbology identifier ]C1); nothing
/// when the check fails, the first data character is not FNC1, a value
/// has no meaning where it stands, or FNC2-FNC4 (not GS1) occur.
std::optional<std::string> gs1DataOfCode128(std::span<const int> values);

}  // namespace gs1inspect::read
