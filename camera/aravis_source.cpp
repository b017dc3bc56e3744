#include "camera/aravis_source.hpp"

#include <algorithm>
#include <thread>

#include <arv.h>
#include <fmt/format.h>

#include "camera/pixel_formats.hpp"

namespace gs1inspect::camera {

namespace {

// How long one wait for a buffer lasts (us): stop() and a lost camera are
// noticed within it.
constexpr guint64 kPollUs = 100'000;
// Without a configured frame timeout, a free-running or software-triggered
// camera is lost after this long without a frame (s), or this many frame
// periods if that is longer.
constexpr double kDefaultFrameTimeoutS = 2.0;
constexpr double kFrameTimeoutPeriods = 10.0;

// A GError taken and freed: its message, or `fallback` without one.
std::string take(GError*& e, const char* fallback = "no reason given") {
  std::string message = e != nullptr && e->message != nullptr ? e->message : fallback;
  if (e != nullptr) g_error_free(e);
  e = nullptr;
  return message;
}

std::string orEmpty(const char* s) { return s != nullptr ? s : ""; }

}  // namespace

struct AravisSource::Device {
  ArvCamera* camera = nullptr;
  ArvStream* stream = nullptr;
  gulong lostHandler = 0;
  std::atomic<bool> controlLost{false};

  static void onControlLost(ArvDevice*, gpointer self) { static_cast<Device*>(self)->controlLost = true; }
};

AravisSource::AravisSource(config::SourceConfig config, OpenedHook opened)
    : config_(std::move(config)), opened_(std::move(opened)), device_(std::make_unique<Device>()) {}

AravisSource::~AravisSource() { close(); }

std::string AravisSource::which() const {
  const config::GigeConfig& g = config_.gige;
  if (!g.camera.empty()) return fmt::format("camera {}", g.camera);
  if (!g.serial.empty()) return fmt::format("camera with serial {}", g.serial);
  return fmt::format("camera at {}", g.address);
}

std::string AravisSource::describe() const { return described_.empty() ? which() : described_; }

double AravisSource::now() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

SourceCounts AravisSource::counts() const {
  SourceCounts c;
  c.delivered = delivered_;
  c.lost = lost_;
  c.corrupt = corrupt_;
  c.incomplete = incomplete_;
  c.underruns = underruns_;
  c.missingPackets = missingPackets_;
  c.resentPackets = resentPackets_;
  return c;
}

// The Aravis device id to open: as configured, the address itself (the
// GigE Vision interface opens an IP address directly), or the id of the
// camera discovered with the serial number.
std::string AravisSource::deviceId(std::string& error) const {
  const config::GigeConfig& g = config_.gige;
  // Aravis's virtual camera ("Fake_1") sits behind an interface off by default.
  if (g.camera.rfind("Fake_", 0) == 0) arv_enable_interface("Fake");
  if (!g.camera.empty()) return g.camera;
  if (!g.address.empty()) return g.address;
  arv_update_device_list();
  std::vector<std::string> seen;
  for (unsigned i = 0; i < arv_get_n_devices(); ++i) {
    if (orEmpty(arv_get_device_serial_nbr(i)) == g.serial) return orEmpty(arv_get_device_id(i));
    seen.push_back(fmt::format("{} (serial {})", orEmpty(arv_get_device_id(i)), orEmpty(arv_get_device_serial_nbr(i))));
  }
  error = fmt::format("{}: not among the cameras found ({})", which(),
                      seen.empty() ? std::string("none") : fmt::format("{}", fmt::join(seen, ", ")));
  return {};
}

bool AravisSource::open(std::string& error) {
  close();
  const std::string id = deviceId(error);
  if (id.empty()) return false;
  GError* e = nullptr;
  device_->camera = arv_camera_new(id.c_str(), &e);
  if (device_->camera == nullptr) {
    error = fmt::format("{}: cannot be opened: {}", which(), take(e, "no such camera"));
    return false;
  }
  device_->controlLost = false;
  device_->lostHandler = g_signal_connect(arv_camera_get_device(device_->camera), "control-lost",
                                          G_CALLBACK(&Device::onControlLost), device_.get());
  if (!configure(error) || !startStream(error)) {
    close();
    return false;
  }
  return true;
}

// Each setting in turn; the first the camera refuses fails the opening
// with its name and value.
bool AravisSource::configure(std::string& error) {
  ArvCamera* cam = device_->camera;
  const config::GigeConfig& g = config_.gige;
  GError* e = nullptr;
  const auto check = [&](const std::string& what) {
    if (e == nullptr) return true;
    error = fmt::format("{}: cannot set {}: {}", which(), what, take(e));
    return false;
  };
  arv_camera_set_pixel_format_from_string(cam, g.pixelFormat.c_str(), &e);
  if (!check(fmt::format("pixel format {}", g.pixelFormat))) return false;
  if (config_.width > 0 || config_.height > 0) {
    gint x = 0, y = 0, w = 0, h = 0;
    arv_camera_get_region(cam, &x, &y, &w, &h, &e);
    if (!check("region")) return false;
    arv_camera_set_region(cam, 0, 0, config_.width > 0 ? config_.width : w, config_.height > 0 ? config_.height : h, &e);
    if (!check(fmt::format("region {}x{}", config_.width, config_.height))) return false;
  }
  if (g.exposureUs > 0) {
    arv_camera_set_exposure_time_auto(cam, ARV_AUTO_OFF, nullptr);  // not every camera has auto exposure
    arv_camera_set_exposure_time(cam, g.exposureUs, &e);
    if (!check(fmt::format("exposure {} us", g.exposureUs))) return false;
  }
  if (g.gainDb) {
    arv_camera_set_gain_auto(cam, ARV_AUTO_OFF, nullptr);  // nor auto gain
    arv_camera_set_gain(cam, *g.gainDb, &e);
    if (!check(fmt::format("gain {} dB", *g.gainDb))) return false;
  }
  // The frame rate first: setting it turns triggering off.
  if (g.trigger == config::GigeConfig::Trigger::FreeRun) {
    arv_camera_clear_triggers(cam, nullptr);  // a camera without triggers free-runs already
    if (config_.fps > 0) {
      arv_camera_set_frame_rate(cam, config_.fps, &e);
      if (!check(fmt::format("frame rate {} fps", config_.fps))) return false;
    }
  } else {
    const std::string source = g.trigger == config::GigeConfig::Trigger::Software ? "Software" : g.triggerLine;
    arv_camera_set_trigger(cam, source.c_str(), &e);
    if (!check(fmt::format("trigger {}", source))) return false;
  }
  if (arv_camera_is_gv_device(cam)) {
    if (g.packetSize > 0) {
      arv_camera_gv_set_packet_size(cam, g.packetSize, &e);
      if (!check(fmt::format("packet size {}", g.packetSize))) return false;
    } else {
      arv_camera_gv_auto_packet_size(cam, &e);
      if (!check("packet size (negotiated)")) return false;
    }
    if (g.packetDelayNs > 0) {
      arv_camera_gv_set_packet_delay(cam, g.packetDelayNs, &e);
      if (!check(fmt::format("packet delay {} ns", g.packetDelayNs))) return false;
    }
  }
  if (!g.features.empty()) {
    arv_device_set_features_from_string(arv_camera_get_device(cam), g.features.c_str(), &e);
    if (!check(fmt::format("features \"{}\"", g.features))) return false;
  }
  return true;
}

bool AravisSource::startStream(std::string& error) {
  ArvCamera* cam = device_->camera;
  GError* e = nullptr;
  if (opened_) opened_(cam);
  payload_ = arv_camera_get_payload(cam, &e);
  if (e != nullptr || payload_ == 0) {
    error = fmt::format("{}: no payload size: {}", which(), take(e, "the camera gives 0 bytes"));
    return false;
  }
  device_->stream = arv_camera_create_stream(cam, nullptr, nullptr, &e);
  if (device_->stream == nullptr) {
    error = fmt::format("{}: no stream: {}", which(), take(e));
    return false;
  }
  for (int i = 0; i < config_.gige.buffers; ++i) arv_stream_push_buffer(device_->stream, arv_buffer_new_allocate(payload_));
  arv_camera_start_acquisition(cam, &e);
  if (e != nullptr) {
    error = fmt::format("{}: acquisition does not start: {}", which(), take(e));
    return false;
  }
  gint x = 0, y = 0, w = 0, h = 0;
  arv_camera_get_region(cam, &x, &y, &w, &h, nullptr);
  const double fps = arv_camera_get_frame_rate(cam, nullptr);
  ArvDevice* device = arv_camera_get_device(cam);
  const char* trigger = config_.gige.trigger == config::GigeConfig::Trigger::FreeRun    ? "free-run"
                        : config_.gige.trigger == config::GigeConfig::Trigger::Software ? "software trigger"
                                                                                        : "line trigger";
  described_ = fmt::format("{} camera {} {} (serial {}{}): {}x{} {} at {:.1f} fps, {}",
                           arv_camera_is_gv_device(cam) ? "GigE Vision" : "GenICam", orEmpty(arv_camera_get_vendor_name(cam, nullptr)),
                           orEmpty(arv_camera_get_model_name(cam, nullptr)),
                           orEmpty(arv_camera_get_device_serial_number(cam, nullptr)),
                           ARV_IS_GV_DEVICE(device) ? ", packet " + std::to_string(arv_camera_gv_get_packet_size(cam, nullptr))
                                                    : std::string(),
                           w, h, orEmpty(arv_camera_get_pixel_format_as_string(cam, nullptr)), fps, trigger);
  clock_.reset();
  gaps_.reset();
  waiting_ = false;
  return true;
}

void AravisSource::takeStatistics() {
  if (device_->stream == nullptr) return;
  guint64 completed = 0, failures = 0, underruns = 0, resent = 0, missing = 0;
  arv_stream_get_statistics(device_->stream, &completed, &failures, &underruns);
  if (ARV_IS_GV_STREAM(device_->stream)) arv_gv_stream_get_statistics(ARV_GV_STREAM(device_->stream), &resent, &missing);
  incomplete_ = closedIncomplete_ + failures;
  underruns_ = closedUnderruns_ + underruns;
  missingPackets_ = closedMissing_ + missing;
  resentPackets_ = closedResent_ + resent;
}

void AravisSource::close() {
  if (device_->stream != nullptr) {
    takeStatistics();
    closedIncomplete_ = incomplete_;
    closedUnderruns_ = underruns_;
    closedMissing_ = missingPackets_;
    closedResent_ = resentPackets_;
    if (device_->camera != nullptr && !device_->controlLost) arv_camera_stop_acquisition(device_->camera, nullptr);
    g_object_unref(device_->stream);  // stops its thread, frees its buffers
    device_->stream = nullptr;
  }
  if (device_->camera != nullptr) {
    if (device_->lostHandler != 0) g_signal_handler_disconnect(arv_camera_get_device(device_->camera), device_->lostHandler);
    device_->lostHandler = 0;
    g_object_unref(device_->camera);
    device_->camera = nullptr;
  }
}

double AravisSource::frameTimeoutS() const {
  const config::GigeConfig& g = config_.gige;
  if (g.frameTimeoutS) return *g.frameTimeoutS;
  if (g.trigger == config::GigeConfig::Trigger::Line) return 0;
  return std::max(kDefaultFrameTimeoutS, config_.fps > 0 ? kFrameTimeoutPeriods / config_.fps : 0.0);
}

// The camera is given up at once; it is closed by the next open() (a GigE
// stream's teardown waits out the timeouts of a camera that is gone, and
// the loss is reported before that).
Next AravisSource::failed(std::string why) {
  device_->controlLost = true;  // nor is it told to stop acquiring: it would not answer
  Next out;
  out.status = Next::Status::Failed;
  out.error = std::move(why);
  return out;
}

Next AravisSource::next() {
  Next out;
  if (!waiting_) {  // the first call since the opening: the frame timeout starts now
    waiting_ = true;
    lastFrameS_ = now();
    nextTriggerS_ = lastFrameS_;
  }
  while (!stopped_) {
    if (device_->stream == nullptr) return failed(fmt::format("{}: not open", which()));
    if (device_->controlLost) return failed(fmt::format("{}: lost (it no longer answers its control channel)", which()));
    const bool software = config_.gige.trigger == config::GigeConfig::Trigger::Software;
    if (software && now() >= nextTriggerS_) {
      arv_camera_software_trigger(device_->camera, nullptr);
      nextTriggerS_ = std::max(nextTriggerS_ + 1.0 / config_.fps, now());
    }
    const double untilTrigger = software ? std::max(0.0, nextTriggerS_ - now()) : 1.0;
    const auto waitUs = std::min<guint64>(kPollUs, static_cast<guint64>(untilTrigger * 1e6) + 1000);
    ArvBuffer* buffer = arv_stream_timeout_pop_buffer(device_->stream, waitUs);
    takeStatistics();
    const double arrivedS = now();
    if (buffer == nullptr) {
      const double timeout = frameTimeoutS();
      if (timeout > 0 && arrivedS - lastFrameS_ > timeout)
        return failed(fmt::format("{}: no frame for {:.1f} s", which(), arrivedS - lastFrameS_));
      continue;
    }
    lastFrameS_ = arrivedS;
    if (arv_buffer_get_status(buffer) != ARV_BUFFER_STATUS_SUCCESS) {
      arv_stream_push_buffer(device_->stream, buffer);  // counted by Aravis (incomplete)
      continue;
    }
    if (frameFrom(buffer, arrivedS, out)) return out;
  }
  out.status = Next::Status::End;
  return out;
}

// A complete buffer as the next frame (true), or skipped and named in
// `out.skipped` (false); either way the buffer goes back to the stream.
bool AravisSource::frameFrom(ArvBuffer* buffer, double arrivedS, Next& out) {
  const std::uint64_t id = arv_buffer_get_frame_id(buffer);
  const std::uint64_t stamp = arv_buffer_get_timestamp(buffer);
  std::size_t size = 0;
  const auto* data = static_cast<const std::uint8_t*>(arv_buffer_get_image_data(buffer, &size));
  gint xPadding = 0, yPadding = 0;
  arv_buffer_get_image_padding(buffer, &xPadding, &yPadding);
  // A complete buffer whose size Aravis left at 0 (its virtual camera's
  // own images) holds what the buffer was allocated for.
  std::string why;
  cv::Mat grey = toGrey(data, size > 0 ? size : payload_, arv_buffer_get_image_width(buffer),
                        arv_buffer_get_image_height(buffer), arv_buffer_get_image_pixel_format(buffer),
                        static_cast<std::size_t>(std::max(0, xPadding)), why);
  arv_stream_push_buffer(device_->stream, buffer);
  const std::uint64_t gap = gaps_.next(id);
  lost_ += gap;
  sequence_ += gap;
  if (grey.empty()) {
    ++corrupt_;
    ++sequence_;
    out.skipped.push_back(fmt::format("{} frame {}: {}", which(), id, why));
    return false;
  }
  ++delivered_;
  out.status = Next::Status::Frame;
  out.frame.sequence = sequence_++;
  out.frame.captureS = clock_.captureS(stamp, arrivedS);
  out.frame.name = std::to_string(id);
  out.frame.image = std::move(grey);
  out.frame.cameraFrameId = id;
  out.frame.cameraTimestampNs = stamp;
  return true;
}

}  // namespace gs1inspect::camera
