#pragma once
// GS1-128 read through a printhead stripe: a dead element of a thermal
// printhead leaves an unprinted band along the print direction, through
// every bar it crosses when the bars run that way. Inside the band the
// bars are unknown, not spaces.
//
//   grey profile across the bars -> bars and spaces (local threshold)
//   -> characters read from the start character rightwards and from the
//   stop character leftwards, each by its six widths, while they match
//   well -> the characters between (the gap) placed from both ends ->
//   for each, the values whose bars cover every bit of ink seen and whose
//   spaces are seen white, its bars allowed white only inside one band
//   no wider than a stripe -> every combination -> check character mod
//   103 -> GS1 data layer -> returned only when exactly one remains.
//
// The physics it leans on: a stripe removes ink, never adds it. A live
// element inside a dead cluster prints a thin line, but only where a bar
// was to be printed.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gs1inspect::read {

/// A GS1-128 read from a profile.
struct Code128Read {
  std::string data;         // GS1 data, FNC1 as GS (0x1D), the leading FNC1 dropped
  float left = 0;           // outer edge of the start character, profile px
  float right = 0;          // outer edge of the stop character, profile px
  bool upsideDown = false;  // read right to left
  int erasedChars = 0;      // characters read through the stripe (0: the symbol was whole)
  float stripeFrom = 0;     // the stripe's extent where bars were seen missing, profile px
  float stripeTo = 0;
  float modulePx = 0;
};

/// Whether data a combination spells is GS1 data whose elements hold: the
/// caller's GS1 layer (the AI table, lengths, check digits, dates). Rules
/// between elements are not for it: a symbol printed without a requisite
/// is read as it is, and diverted as invalid data.
using Gs1Confirm = std::function<bool(std::string_view data)>;

/// Reads `profile` (grey levels across the bars, ink dark, one value per
/// px, e.g. the mean of the rows of a bar crop) as a GS1-128 symbol with
/// at most one stripe through it. Returns the symbol only when exactly one
/// data string is consistent with every bar and space seen, the check
/// character and `confirm`. Pure function: thread-safe.
std::optional<Code128Read> readCode128WithErasures(std::span<const float> profile, const Gs1Confirm& confirm);

}  // namespace gs1inspect::read
