#pragma once
// Settings of the reader, with their defaults and where the values came from.

#include "gs1/parser.hpp"

namespace gs1inspect::read {

/// What the reader may spend and where it looks. Plain value; defaults are
/// what the station uses when its configuration says nothing.
struct ReaderOptions {
  /// Time a frame may take, in ms. Candidates not tried when it runs out are
  /// counted (FrameRead::untried). 25 ms is twice the p99 of the default
  /// frame set on one thread (about 12 ms), so only frames that met a stall
  /// reach it, and under the 33 ms between frames of a 30 frames/s camera.
  double budgetMs = 25.0;

  /// Side of a localisation cell, in frame pixels: 4, 8 or 16. 8 px holds
  /// 2-4 modules of a linear symbol at the X-dimensions of GS1 logistic
  /// labels on a 4 px/mm camera, enough to see bars and their orientation.
  int cellPx = 8;

  /// Whole-image decoding when localisation read nothing, for images up to
  /// this many pixels (hand-held photos, crops); 0 turns it off. Conveyor
  /// frames are larger and never need it: one whole-frame call on
  /// 1920x1200 costs more than the whole budget.
  int wholeImageMaxPixels = 1'000'000;

  /// The GS1 data layer's settings (reference date for dates, dictionary).
  gs1::ParseOptions parse;

  /// Throws std::invalid_argument naming the first setting out of range
  /// and its value: a budget that is not a positive number of ms, a cell
  /// size other than 4, 8 or 16, a negative whole-image size. The Reader
  /// calls it when it is made.
  void validate() const;
};

}  // namespace gs1inspect::read
