#pragma once
// The project's reader: one entry point that returns every symbol in a
// frame.
//
//   frame -> localisation (localiser) -> per candidate, cheapest first:
//   a bar field (bar_reading) or a 2D region (matrix_reading), each an
//   upright crop at the decoder's scale (rectified_crop) -> ZXing in its
//   one safe configuration (zxing_call) -> GS1 data layer
//   (zxing_normaliser) -> outline and module size (symbol_geometry)
//   -> unread candidates that still look like symbols (symbol_likeness)
//
// Thread-safe and free of global state: one Reader may be called from many
// threads at once. Each call borrows a set of working buffers from the
// Reader's own pool (one set per thread that ever called it at once), so a
// frame allocates nothing once sizes are known.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "read/localiser.hpp"
#include "read/decoded_symbol.hpp"
#include "read/reader_options.hpp"

namespace gs1inspect::read {

/// What one frame gave. Plain value.
struct FrameRead {
  std::vector<DecodedSymbol> symbols;
  int candidates = 0;      // regions localisation proposed
  int attempts = 0;        // decoder calls made
  int untried = 0;         // candidates not tried because the budget ran out
  /// Candidates that look like symbols (a dense bar field, a 2D region of
  /// a symbol's size) and gave none, or that the budget left untried: what
  /// a station counts as shown but not read.
  std::vector<Candidate> unread;
  bool budgetHit = false;  // the frame's time budget ran out
  std::string error;       // why the frame could not be read (empty: it was)
};

class Reader {
 public:
  /// Throws std::invalid_argument when `options` are out of range
  /// (ReaderOptions::validate).
  explicit Reader(ReaderOptions options = {});

  /// Every symbol found in `frame` (8-bit grey or BGR, any size; a view over
  /// the caller's buffer: not copied, not kept, not modified).
  FrameRead read(const cv::Mat& frame) const;

  /// The same for regions already known (configured regions of interest, a
  /// localiser of the caller's own): only these are decoded.
  FrameRead readRegions(const cv::Mat& frame, const std::vector<Candidate>& regions) const;

  const ReaderOptions& options() const { return options_; }

  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  ~Reader();

  struct Scratch;

 private:
  FrameRead run(const cv::Mat& frame, const std::vector<Candidate>* regions) const;

  ReaderOptions options_;
  mutable std::mutex poolMutex_;
  mutable std::vector<std::unique_ptr<Scratch>> pool_;
};

}  // namespace gs1inspect::read
