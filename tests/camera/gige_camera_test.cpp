// The GenICam source over the real GigE Vision protocol: Aravis's camera
// simulator on 127.0.0.1, found by its serial number through discovery,
// streaming without loss, triggered in software, waiting for a hardware
// trigger until stopped, and lost and found again when killed and
// restarted.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "camera/aravis_source.hpp"
#include "camera/gv_simulator.hpp"

namespace gs1inspect::camera {
namespace {

using testing::GvSimulator;
using Clock = std::chrono::steady_clock;

config::SourceConfig simulated(double fps) {
  config::SourceConfig c;
  c.kind = config::SourceConfig::Kind::Gige;
  c.gige.address = "127.0.0.1";
  c.width = 320;
  c.height = 240;
  c.fps = fps;
  c.gige.frameTimeoutS = 1.0;
  return c;
}

TEST(GigeCamera, FoundBySerialStreamsEveryFrameAtItsRate) {
  GvSimulator simulator("GS1I-SERIAL");
  ASSERT_TRUE(simulator.running()) << simulator.error();
  config::SourceConfig c = simulated(25);
  c.gige.address.clear();
  c.gige.serial = "GS1I-SERIAL";
  AravisSource source(c);
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  EXPECT_NE(source.describe().find("GigE Vision camera Aravis Fake (serial GS1I-SERIAL"), std::string::npos)
      << source.describe();
  std::vector<Frame> frames;
  while (frames.size() < 25) {
    Next n = source.next();
    ASSERT_EQ(n.status, Next::Status::Frame) << n.error;
    frames.push_back(std::move(n.frame));
  }
  for (std::size_t i = 1; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i].cameraFrameId, frames[i - 1].cameraFrameId % 65535 + 1);  // ids wrap to 1
    EXPECT_GT(frames[i].captureS, frames[i - 1].captureS);
  }
  // At 25 fps on average (the simulator stamps a frame when its process
  // gets to it: a busy machine makes single intervals uneven).
  EXPECT_NEAR(frames.back().captureS - frames.front().captureS, 24 * 0.040, 0.1);
  EXPECT_EQ(frames.back().image.size(), cv::Size(320, 240));
  const SourceCounts counts = source.counts();
  EXPECT_EQ(counts.lost, 0U);
  EXPECT_EQ(counts.incomplete, 0U);
  EXPECT_EQ(counts.missingPackets, 0U);
}

TEST(GigeCamera, SoftwareTriggerTakesAFrameEachPeriod) {
  GvSimulator simulator("GS1I-TRIGGER");
  ASSERT_TRUE(simulator.running()) << simulator.error();
  config::SourceConfig c = simulated(10);
  c.gige.trigger = config::GigeConfig::Trigger::Software;
  AravisSource source(c);
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  EXPECT_NE(source.describe().find("software trigger"), std::string::npos) << source.describe();
  Next first = source.next();
  ASSERT_EQ(first.status, Next::Status::Frame) << first.error;
  Next n;
  for (int i = 0; i < 9; ++i) {
    n = source.next();
    ASSERT_EQ(n.status, Next::Status::Frame) << n.error;
  }
  // Nine trigger periods of 100 ms: one frame per trigger (the simulator
  // looks for a trigger at its own ticks, so single intervals vary).
  EXPECT_NEAR(n.frame.captureS - first.frame.captureS, 0.9, 0.15);
  EXPECT_EQ(source.counts().lost, 0U);
}

TEST(GigeCamera, WaitForAHardwareTriggerEndsWhenStopped) {
  GvSimulator simulator("GS1I-LINE");
  ASSERT_TRUE(simulator.running()) << simulator.error();
  config::SourceConfig c = simulated(0);
  c.gige.trigger = config::GigeConfig::Trigger::Line;
  c.gige.triggerLine = "Line0";
  c.gige.frameTimeoutS.reset();  // a line-triggered camera may wait for cartons forever
  AravisSource source(c);
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    source.stop();
  });
  const auto t0 = Clock::now();
  EXPECT_EQ(source.next().status, Next::Status::End);
  EXPECT_GE(Clock::now() - t0, std::chrono::milliseconds(1400));
  stopper.join();
}

TEST(GigeCamera, KilledCameraIsLostWithinItsFrameTimeoutAndOpensAgainWhenBack) {
  GvSimulator simulator("GS1I-KILL");
  ASSERT_TRUE(simulator.running()) << simulator.error();
  AravisSource source(simulated(25));
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  Next n = source.next();
  ASSERT_EQ(n.status, Next::Status::Frame) << n.error;
  simulator.kill();
  const auto killed = Clock::now();
  do {
    n = source.next();
  } while (n.status == Next::Status::Frame);
  EXPECT_EQ(n.status, Next::Status::Failed);
  EXPECT_NE(n.error.find("camera at 127.0.0.1"), std::string::npos) << n.error;
  EXPECT_LT(Clock::now() - killed, std::chrono::milliseconds(1800));  // 1 s without a frame, and a poll
  EXPECT_FALSE(source.open(error));
  EXPECT_NE(error.find("camera at 127.0.0.1: cannot be opened"), std::string::npos) << error;
  ASSERT_TRUE(simulator.start()) << simulator.error();
  ASSERT_TRUE(source.open(error)) << error;
  n = source.next();
  EXPECT_EQ(n.status, Next::Status::Frame) << n.error;
}

}  // namespace
}  // namespace gs1inspect::camera
