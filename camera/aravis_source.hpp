#pragma once
// A GenICam camera through Aravis 0.8: GigE Vision (and USB3 Vision)
// area-scan cameras as lines run them.
//
// The camera is chosen by Aravis device id, serial number or IP address,
// and set up as configured: pixel format (converted to 8-bit grey, see
// pixel_formats), region, exposure, gain, frame rate, trigger (free-run,
// software at source.fps, or a hardware line), GigE packet size and delay,
// further GenICam features; a pool of stream buffers is kept full.
//
// Each frame carries the camera's frame id and timestamp; its capture time
// is the timestamp brought onto the source's clock (camera_clock), and a
// gap in the frame ids is frames lost on the way (counted, and skipped in
// the sequence numbers so the station sees the gap). Aravis's own counts of
// incomplete buffers, underruns, missing and resent packets are in
// counts().
//
// A camera that stops answering (its control channel lost, or no frame for
// frame_timeout_s) fails next() at once; ReopeningSource opens it again
// with back-off (the opening first closes what is left of the old
// connection, whose teardown waits out the dead camera's timeouts). Frames
// are named by the camera's frame id.
//
// Ownership: the source owns the camera, its stream and the buffers; a
// Frame owns a copy of the image. Not thread-safe except stop(), now() and
// counts(), as Source says.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

#include "camera/camera_clock.hpp"
#include "camera/source.hpp"
#include "config/station_config.hpp"

extern "C" {
typedef struct _ArvCamera ArvCamera;  // NOLINT: Aravis's own declarations
typedef struct _ArvBuffer ArvBuffer;  // NOLINT
}

namespace gs1inspect::camera {

class AravisSource : public Source {
 public:
  /// Called each time the camera is opened and set up, before acquisition
  /// starts: for settings no configuration key covers (a test gives
  /// Aravis's virtual camera its images here).
  using OpenedHook = std::function<void(ArvCamera*)>;

  explicit AravisSource(config::SourceConfig config, OpenedHook opened = {});
  ~AravisSource() override;
  AravisSource(const AravisSource&) = delete;
  AravisSource& operator=(const AravisSource&) = delete;

  std::string describe() const override;
  bool open(std::string& error) override;
  Next next() override;
  void stop() override { stopped_ = true; }
  double now() const override;
  SourceCounts counts() const override;

 private:
  struct Device;  // the opened camera and its stream
  using Clock = std::chrono::steady_clock;

  std::string which() const;  // "camera Basler-1234" / "camera with serial 1234" / "camera at 10.0.0.5"
  std::string deviceId(std::string& error) const;
  bool configure(std::string& error);
  bool startStream(std::string& error);
  void close();
  void takeStatistics();
  Next failed(std::string why);
  bool frameFrom(ArvBuffer* buffer, double arrivedS, Next& out);
  double frameTimeoutS() const;

  config::SourceConfig config_;
  OpenedHook opened_;
  std::unique_ptr<Device> device_;
  std::string described_;  // what the camera is, once opened
  Clock::time_point start_ = Clock::now();
  CameraClock clock_;
  FrameIdGaps gaps_;
  std::uint64_t sequence_ = 0;
  std::size_t payload_ = 0;   // bytes of a stream buffer
  double lastFrameS_ = 0;     // source clock: the last frame (or the opening)
  double nextTriggerS_ = 0;   // software trigger: when the next is due
  bool waiting_ = false;      // next() was called since the opening
  std::atomic<bool> stopped_{false};
  // Counts: written by next(), read by any thread.
  std::atomic<std::uint64_t> delivered_{0}, lost_{0}, corrupt_{0};
  std::atomic<std::uint64_t> incomplete_{0}, underruns_{0}, missingPackets_{0}, resentPackets_{0};
  // The counts of streams closed before the current one.
  std::uint64_t closedIncomplete_ = 0, closedUnderruns_ = 0, closedMissing_ = 0, closedResent_ = 0;
};

}  // namespace gs1inspect::camera
