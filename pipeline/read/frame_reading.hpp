#pragma once
// One frame's reading in progress, shared by the bar and matrix readers:
// the frame, the settings, the time left, and what was read so far.
// Internal to the read library; one per Reader::read() call, never shared
// between threads.

#include <chrono>
#include <optional>

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include "read/reader.hpp"
#include "read/zxing_call.hpp"

namespace gs1inspect::read {

class FrameReading {
 public:
  using Clock = std::chrono::steady_clock;

  /// Reads `grey` (8-bit, one channel) under `options`; results go to `out`.
  FrameReading(const cv::Mat& grey, const ReaderOptions& options, FrameRead& out);

  const cv::Mat& grey() const { return *grey_; }

  /// Reads on from `grey` instead, an image of the same frame made
  /// another way (the same size and geometry; kept by the caller).
  void readFrom(const cv::Mat& grey) { grey_ = &grey; }
  const ReaderOptions& options() const { return options_; }
  FrameRead& out() { return out_; }

  /// True (and the frame marked as having hit its budget) once the time
  /// budget is spent.
  bool outOfTime();

  /// True while at least `share` of the whole budget is left: the costly
  /// last resorts give way to candidates still waiting for a first try.
  bool budgetLeft(double share) const;

  /// One decoder call on `image`, counted; nothing once out of time.
  std::optional<ZXing::Result> attempt(const cv::Mat& image, const ZxingAttempt& how);

  /// True when `p` (frame px) lies inside a symbol already read.
  bool covered(cv::Point2f p) const;

  /// Keeps `symbol` unless it is a symbol already read: the same data read
  /// again nearer than the symbol's own size (e.g. the guard bars below an
  /// EAN read as a second band). Then the first one's outline grows to
  /// cover both. A symbol whose outline runs off the frame is marked
  /// partial.
  void add(DecodedSymbol symbol);

 private:
  const cv::Mat* grey_;
  const ReaderOptions& options_;
  FrameRead& out_;
  Clock::time_point deadline_;
};

}  // namespace gs1inspect::read
