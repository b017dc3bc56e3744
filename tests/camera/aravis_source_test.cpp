// The GenICam source through Aravis's own virtual camera (the Fake
// interface, in process): frames with the camera's ids and timestamps,
// converted from the pixel format set, at the rate set; cameras that
// cannot be opened or set up, named. (Software triggering is tested with
// the GigE Vision simulator: the in-process camera ignores triggers.)
#include "camera/aravis_source.hpp"

#include <gtest/gtest.h>

#include <arv.h>

#include <atomic>
#include <cstring>

namespace gs1inspect::camera {
namespace {

config::SourceConfig fakeCamera(int width, int height, double fps) {
  config::SourceConfig c;
  c.kind = config::SourceConfig::Kind::Gige;
  c.gige.camera = "Fake_1";
  c.width = width;
  c.height = height;
  c.fps = fps;
  c.gige.buffers = 4;
  return c;
}

// The virtual camera's images: every pixel the frame's number (mod 200),
// written as 8 or 16 bits as the pixel format asks.
void fillWithFrameNumber(ArvBuffer* buffer, void* data, guint32, guint32, ArvPixelFormat format) {
  auto& filled = *static_cast<std::atomic<int>*>(data);
  const int n = filled++ % 200;
  std::size_t size = 0;
  auto* bytes = static_cast<std::uint8_t*>(const_cast<void*>(arv_buffer_get_data(buffer, &size)));
  const std::size_t pixels = static_cast<std::size_t>(arv_buffer_get_image_width(buffer)) *
                             static_cast<std::size_t>(arv_buffer_get_image_height(buffer));
  if (format == ARV_PIXEL_FORMAT_MONO_16) {
    const auto wide = static_cast<std::uint16_t>(n << 8);
    for (std::size_t i = 0; i < pixels; ++i) std::memcpy(bytes + 2 * i, &wide, 2);
  } else {
    std::memset(bytes, n, pixels);
  }
}

TEST(AravisSource, FramesCarryTheCamerasIdsAndTimestampsAtItsRate) {
  std::atomic<int> filled{0};
  AravisSource source(fakeCamera(64, 48, 50), [&](ArvCamera* camera) {
    auto* fake = arv_fake_device_get_fake_camera(ARV_FAKE_DEVICE(arv_camera_get_device(camera)));
    arv_fake_camera_set_fill_pattern(fake, fillWithFrameNumber, &filled);
  });
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  EXPECT_NE(source.describe().find("64x48 Mono8 at 50.0 fps, free-run"), std::string::npos) << source.describe();
  std::vector<Frame> frames;
  while (frames.size() < 10) {
    Next n = source.next();
    ASSERT_EQ(n.status, Next::Status::Frame) << n.error;
    frames.push_back(std::move(n.frame));
  }
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const Frame& f = frames[i];
    EXPECT_EQ(f.image.size(), cv::Size(64, 48));
    EXPECT_EQ(f.image.type(), CV_8UC1);
    EXPECT_EQ(f.name, std::to_string(f.cameraFrameId));
    EXPECT_NE(f.cameraTimestampNs, 0U);
    if (i == 0) continue;
    const Frame& p = frames[i - 1];
    // The pool of 4 buffers keeps up: ids follow on, none lost; the
    // capture clock follows the camera's, 20 ms apart.
    EXPECT_EQ(f.cameraFrameId, p.cameraFrameId + 1);
    EXPECT_EQ(f.sequence, p.sequence + 1);
    EXPECT_NEAR(f.captureS - p.captureS, 0.020, 0.005);
    EXPECT_NEAR((static_cast<double>(f.cameraTimestampNs) - static_cast<double>(p.cameraTimestampNs)) * 1e-9,
                f.captureS - p.captureS, 2e-3);
    // Each image is the one filled for it.
    EXPECT_EQ((p.image.at<std::uint8_t>(10, 10) + 1) % 200, f.image.at<std::uint8_t>(10, 10));
  }
  EXPECT_LE(frames.back().captureS, source.now());
  const SourceCounts counts = source.counts();
  EXPECT_EQ(counts.delivered, 10U);
  EXPECT_EQ(counts.lost, 0U);
  EXPECT_EQ(counts.corrupt, 0U);
}

TEST(AravisSource, SixteenBitPixelsAreConvertedToGrey) {
  std::atomic<int> filled{100};
  config::SourceConfig c = fakeCamera(32, 32, 50);
  c.gige.pixelFormat = "Mono16";
  AravisSource source(c, [&](ArvCamera* camera) {
    auto* fake = arv_fake_device_get_fake_camera(ARV_FAKE_DEVICE(arv_camera_get_device(camera)));
    arv_fake_camera_set_fill_pattern(fake, fillWithFrameNumber, &filled);
  });
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  Next n = source.next();
  ASSERT_EQ(n.status, Next::Status::Frame) << n.error;
  EXPECT_GE(n.frame.image.at<std::uint8_t>(5, 5), 100);  // the high byte of (n << 8)
  EXPECT_LT(n.frame.image.at<std::uint8_t>(5, 5), 110);
}

TEST(AravisSource, CameraThatCannotBeOpenedOrSetUpIsNamed) {
  config::SourceConfig c = fakeCamera(0, 0, 0);
  c.gige.camera = "NoSuchVendor-0000";
  std::string error;
  EXPECT_FALSE(AravisSource(c).open(error));
  EXPECT_NE(error.find("camera NoSuchVendor-0000: cannot be opened"), std::string::npos) << error;

  c.gige.camera.clear();
  c.gige.serial = "NO-SUCH-SERIAL";
  EXPECT_FALSE(AravisSource(c).open(error));
  EXPECT_NE(error.find("camera with serial NO-SUCH-SERIAL: not among the cameras found"), std::string::npos) << error;

  // The virtual camera has no 12-bit mode.
  c = fakeCamera(0, 0, 0);
  c.gige.pixelFormat = "Mono12";
  EXPECT_FALSE(AravisSource(c).open(error));
  EXPECT_NE(error.find("camera Fake_1: cannot set pixel format Mono12"), std::string::npos) << error;

  c = fakeCamera(0, 0, 0);
  c.gige.features = "NoSuchFeature=1";
  EXPECT_FALSE(AravisSource(c).open(error));
  EXPECT_NE(error.find("cannot set features \"NoSuchFeature=1\""), std::string::npos) << error;
}

TEST(AravisSource, StoppedSourceEnds) {
  AravisSource source(fakeCamera(32, 32, 50));
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  ASSERT_EQ(source.next().status, Next::Status::Frame);
  source.stop();
  EXPECT_EQ(source.next().status, Next::Status::End);
}

}  // namespace
}  // namespace gs1inspect::camera
