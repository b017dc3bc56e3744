#pragma once
// The camera's own clock brought onto the source's, and the frames the
// camera numbered but the host never got.
//
// CameraClock: a frame's capture time is its camera timestamp plus an
// offset, the smallest (arrival - camera time) seen: a frame's transfer
// only ever adds delay. The offset may creep up by kMaxSkew of the time
// that passed, so a camera whose crystal runs slower than the host's (tens
// of ppm) is followed through a shift, while intervals between frames keep
// the camera's precision (a frame period's creep is 33 us at 30 fps).
//
// FrameIdGaps: GigE Vision numbers frames (block ids) 1, 2, ... and wraps
// from 65535 to 1 (16-bit ids; 0 is never used); a jump forward is frames
// lost on the way, a jump back that is not a wrap is the camera restarted.
//
// Plain values; not thread-safe.

#include <cstdint>
#include <optional>

namespace gs1inspect::camera {

class CameraClock {
 public:
  /// The offset may grow this fast (s per s): 1000 ppm, far more than any
  /// crystal's drift, far less than a frame period over a frame.
  static constexpr double kMaxSkew = 1e-3;

  /// The capture time, on the source's clock, of a frame stamped
  /// `cameraNs` by the camera that arrived at `arrivedS` (source clock).
  double captureS(std::uint64_t cameraNs, double arrivedS);
  /// Forgets the offset (a camera reopened may have reset its clock).
  void reset() { offset_.reset(); }

 private:
  std::optional<double> offset_;
  double lastArrivedS_ = 0;
};

class FrameIdGaps {
 public:
  /// Frames lost between the last id and `id` (0 for the first frame, a
  /// restart, or the next id).
  std::uint64_t next(std::uint64_t id);
  void reset() { last_.reset(); }

 private:
  std::optional<std::uint64_t> last_;
};

}  // namespace gs1inspect::camera
