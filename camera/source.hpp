#pragma once
// Frame sources: what every camera, recorded or live, gives the station.
//
// A source hands out frames one at a time from one thread (the station's
// source thread); next() blocks until the next frame is due. Times are on
// the source's capture clock: seconds since the source started. Ownership:
// a Frame owns its image (a source never reuses a buffer it handed out).

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace gs1inspect::camera {

/// One frame as captured.
struct Frame {
  std::uint64_t sequence = 0;  // as the source counts its frames: a gap is a lost frame
  double captureS = 0;         // capture time on the source's clock (s)
  std::string name;            // "frames/000012.png" in a recorded set; the sequence number from a camera
  cv::Mat image;               // 8-bit grey, owned
  // What a GenICam camera said of the frame (0 from other sources).
  std::uint64_t cameraFrameId = 0;      // its block id
  std::uint64_t cameraTimestampNs = 0;  // its own timestamp (ns on the camera's clock)
};

/// What next() gave.
struct Next {
  enum class Status {
    Frame,   // `frame` is the next frame
    End,     // the source has no more frames (the end of a recording)
    Failed,  // the source failed (`error` says how); reopen it to go on
  };
  Status status = Status::End;
  Frame frame;
  std::string error;
  std::vector<std::string> skipped;  // frames skipped before this one, each "name: why"
};

/// Counts a source keeps. Plain value.
struct SourceCounts {
  std::uint64_t delivered = 0;  // frames next() returned
  std::uint64_t lost = 0;       // frames the camera took that never arrived (gaps in its frame ids)
  std::uint64_t corrupt = 0;    // frames that arrived but could not be decoded (skipped)
  // A GenICam camera's transport, as Aravis counts it (0 from other sources).
  std::uint64_t incomplete = 0;      // buffers that arrived incomplete (missing packets, timeouts)
  std::uint64_t underruns = 0;       // frames the camera sent while no buffer was free
  std::uint64_t missingPackets = 0;  // GigE packets never received, even after resend requests
  std::uint64_t resentPackets = 0;   // GigE packets the camera had to send again
};

/// A camera. Not thread-safe except stop() and now(), which any thread may
/// call while another is in next().
class Source {
 public:
  virtual ~Source() = default;

  /// What it is, for the log: "frame set /data/line-3 (1000 frames, 30 fps, realtime)".
  virtual std::string describe() const = 0;
  /// Opens (or reopens) the source; false with `error` saying why.
  virtual bool open(std::string& error) = 0;
  /// The next frame; blocks until it is due or captured.
  virtual Next next() = 0;
  /// Wakes a blocked next() (which then returns End) and makes every later
  /// call return End.
  virtual void stop() = 0;
  /// The capture clock now (s since the source started).
  virtual double now() const = 0;
  virtual SourceCounts counts() const = 0;
};

}  // namespace gs1inspect::camera
