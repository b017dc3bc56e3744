#pragma once
// Scores a reader's results on a recorded frame set against its truth,
// exactly as docs/frameset-format.md defines a read and a false read:
// a truth symbol is read on a frame when the reader returns, on that frame,
// a symbol of the same symbology family whose element string is the same
// (compared AI by AI in raw form; plain text for non-GS1 symbols); each
// truth symbol matches at most one result; a result that matches none is a
// false read. Symbols not fully visible are left out of the denominators
// (reading one is not a false read).
//
// Pure functions over plain data; thread-safe.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frameset/frame_set.hpp"

namespace gs1inspect::scoring {

/// One symbol a reader returned.
struct ReadSymbol {
  std::string symbology;  // a name of the format: "gs1-128", "qr", ...
  std::string hri;        // bracketed element string for GS1 data, plain text otherwise
};

/// What a reader returned on one frame.
struct FrameReads {
  std::string frame;  // "frames/000012.png"
  std::vector<ReadSymbol> symbols;
  double ms = 0.0;         // time the reader took on the frame
  bool aborted = false;    // the reader died on this frame: nothing read
  bool budgetHit = false;  // the reader stopped at its time budget
  std::string error = {};  // why the reader could not read the frame (empty: it could)
};

struct Tally {
  std::size_t symbols = 0;
  std::size_t read = 0;
  double rate() const { return symbols == 0 ? 0.0 : static_cast<double>(read) / static_cast<double>(symbols); }
};

struct Score {
  Tally overall;
  std::map<std::string, Tally> bySymbology;         // truth symbology
  std::map<std::string, Tally> byDamage;            // damage tag, "clean" when none
  std::map<std::string, Tally> byDamageAlone;       // symbols with that one damage tag and no other
  std::map<std::string, Tally> cleanBySymbology;    // symbols without damage, by truth symbology
  std::map<std::string, Tally> byStripeOrientation; // "parallel" / "across", where the set gives it
  std::size_t falseReads = 0;
  std::size_t frames = 0;         // frames with reads given
  std::size_t abortedFrames = 0;
  std::size_t budgetHits = 0;
  std::size_t errorFrames = 0;    // frames the reader reported it could not read
};

/// The symbology family used for matching: "128", "databar", "datamatrix",
/// "qr", "ean-upc"; empty for an unknown name.
std::string symbologyFamily(const std::string& symbology);

/// The comparison key of a symbol's content: for GS1 data its elements in
/// raw form, AI by AI; for EAN/UPC the GTIN as 14 digits (an EAN-13 with a
/// leading 0 is the UPC-A without it); otherwise the plain text.
std::string contentKey(const std::string& symbology, const std::string& hri);

/// Scores `reads` (one entry per frame read, any order) against the set's
/// truth. Frames of the set without truth are empty belt.
Score score(const frameset::FrameSet& set, const std::vector<FrameReads>& reads);

}  // namespace gs1inspect::scoring
