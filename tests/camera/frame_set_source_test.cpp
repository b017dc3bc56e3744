// Recorded frame sets replayed as a camera, and a source that fails and
// comes back.
#include "camera/frame_set_source.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "camera/reopening_source.hpp"
#include "frameset/frame_set_writer.hpp"

namespace gs1inspect::camera {
namespace {

namespace fs = std::filesystem;

// A set of `frames` frames (each filled with its index) at `fps`, in a fresh folder.
fs::path makeSet(const std::string& name, int frames, double fps) {
  const fs::path root = fs::temp_directory_path() / ("gs1i-camera-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(root);
  frameset::FrameSetInfo info;
  info.fps = fps;
  std::string error;
  auto writer = frameset::FrameSetWriter::create(root, info, error);
  EXPECT_TRUE(writer) << error;
  for (int i = 0; i < frames; ++i) {
    EXPECT_TRUE(writer->addFrame(cv::Mat(24, 32, CV_8UC1, cv::Scalar(i)), error)) << error;
  }
  EXPECT_TRUE(writer->finish(error)) << error;
  return root;
}

TEST(FrameSetSource, MaxSpeedGivesEveryFrameInOrderWithItsTime) {
  const fs::path root = makeSet("max", 4, 20.0);
  FrameSetSource source(root, *config::ReplaySpeed::parse("max"), false);
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  for (int i = 0; i < 4; ++i) {
    const Next n = source.next();
    ASSERT_EQ(n.status, Next::Status::Frame);
    EXPECT_EQ(n.frame.sequence, static_cast<std::uint64_t>(i));
    EXPECT_DOUBLE_EQ(n.frame.captureS, i / 20.0);
    EXPECT_EQ(n.frame.image.at<std::uint8_t>(0, 0), i);
    EXPECT_EQ(n.frame.name, "frames/00000" + std::to_string(i) + ".png");
    EXPECT_DOUBLE_EQ(source.now(), i / 20.0);
  }
  EXPECT_EQ(source.next().status, Next::Status::End);
  EXPECT_EQ(source.counts().delivered, 4U);
  fs::remove_all(root);
}

TEST(FrameSetSource, CorruptFrameIsSkippedCountedAndNamed) {
  const fs::path root = makeSet("corrupt", 3, 30.0);
  std::ofstream(root / "frames" / "000001.png", std::ios::trunc) << "not a PNG";
  FrameSetSource source(root, *config::ReplaySpeed::parse("max"), false);
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  EXPECT_EQ(source.next().frame.sequence, 0U);
  const Next after = source.next();
  ASSERT_EQ(after.status, Next::Status::Frame);
  EXPECT_EQ(after.frame.sequence, 2U);  // the gap shows the lost frame
  EXPECT_EQ(after.frame.name, "frames/000002.png");
  ASSERT_EQ(after.skipped.size(), 1U);
  EXPECT_EQ(after.skipped[0], "frames/000001.png: cannot be decoded as an image");
  EXPECT_EQ(source.next().status, Next::Status::End);
  EXPECT_EQ(source.counts().corrupt, 1U);
  EXPECT_EQ(source.counts().delivered, 2U);
  fs::remove_all(root);
}

TEST(FrameSetSource, LoopGoesOnWithTheClock) {
  const fs::path root = makeSet("loop", 2, 10.0);
  FrameSetSource source(root, *config::ReplaySpeed::parse("max"), true);
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  std::vector<double> times;
  for (int i = 0; i < 5; ++i) times.push_back(source.next().frame.captureS);
  EXPECT_EQ(times, (std::vector<double>{0.0, 0.1, 0.2, 0.30000000000000004, 0.4}));
  fs::remove_all(root);
}

TEST(FrameSetSource, RealtimeHandsFramesOutWhenTheirTimeComes) {
  const fs::path root = makeSet("realtime", 4, 50.0);  // 60 ms from first to last
  FrameSetSource source(root, *config::ReplaySpeed::parse("realtime"), false);
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  const auto start = std::chrono::steady_clock::now();
  while (source.next().status == Next::Status::Frame) {
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(55));
  fs::remove_all(root);
}

TEST(FrameSetSource, StopWakesAWaitingNext) {
  const fs::path root = makeSet("stop", 2, 0.1);  // the second frame is due after 10 s
  FrameSetSource source(root, *config::ReplaySpeed::parse("realtime"), false);
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  ASSERT_EQ(source.next().status, Next::Status::Frame);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    source.stop();
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(source.next().status, Next::Status::End);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  stopper.join();
  fs::remove_all(root);
}

TEST(ReopeningSource, SourceThatFailsComesBack) {
  const fs::path root = fs::temp_directory_path() / ("gs1i-camera-late-" + std::to_string(::getpid()));
  fs::remove_all(root);
  std::vector<std::pair<bool, std::string>> events;
  ReopeningSource source(std::make_unique<FrameSetSource>(root, *config::ReplaySpeed::parse("max"), false), 0.02, 0.1,
                         [&](bool connected, const std::string& message) { events.emplace_back(connected, message); });
  std::string error;
  EXPECT_FALSE(source.open(error));
  EXPECT_FALSE(source.connected());
  // The camera comes up a little later.
  std::thread late([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    const fs::path made = makeSet("late-made", 2, 30.0);
    fs::rename(made, root);
  });
  const Next n = source.next();
  late.join();
  ASSERT_EQ(n.status, Next::Status::Frame);
  EXPECT_TRUE(source.connected());
  EXPECT_GE(source.reopens(), 2U);
  ASSERT_GE(events.size(), 2U);
  EXPECT_FALSE(events.front().first);
  EXPECT_NE(events.front().second.find("is not a folder"), std::string::npos) << events.front().second;
  EXPECT_TRUE(events.back().first);
  EXPECT_NE(events.back().second.find("open again"), std::string::npos);
  EXPECT_EQ(source.next().status, Next::Status::Frame);
  EXPECT_EQ(source.next().status, Next::Status::End);
  fs::remove_all(root);
}

}  // namespace
}  // namespace gs1inspect::camera
