#pragma once
// One symbol as a reader reports it, whatever decoded it.

#include <array>
#include <string>

#include "gs1/parse_result.hpp"

namespace gs1inspect::read {

struct Point {
  float x = 0;
  float y = 0;
};

/// A decoded symbol. Plain value.
struct DecodedSymbol {
  std::string symbology;  // a name of docs/frameset-format.md: "gs1-128", "qr", ...
  std::string hri;        // bracketed element string for GS1 data, UTF-8 text otherwise
  std::string raw;        // symbology identifier + the symbol's data bytes, GS as the byte 0x1D
  bool gs1 = false;       // the data is GS1 element strings
  gs1::ParseResult parsed;  // the GS1 parse and lint result (gs1 == true)
  std::array<Point, 4> quad{};  // corners in frame coordinates, clockwise from the symbol's top-left
  float modulePx = 0;     // module size in frame pixels (0: not measured)
  /// The symbol was not all seen: its outline runs off the frame, or the
  /// read rebuilt part of it (a redrawn DataMatrix finder and clock track).
  /// The data is whole either way: a decode of part of it is never returned.
  bool partial = false;
  std::string strategy;   // what read it, e.g. "bars-rectified-2x"

  /// The GS1 verdict; true for a non-GS1 symbol that decoded.
  bool valid() const { return !gs1 || parsed.valid(); }
};

}  // namespace gs1inspect::read
