// cv::VideoCapture as a camera, on a video file written here.
#include "camera/video_source.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <opencv2/videoio.hpp>

namespace gs1inspect::camera {
namespace {

namespace fs = std::filesystem;

TEST(VideoSource, VideoFileGivesGreyFramesInOrderThenEnds) {
  const fs::path file = fs::temp_directory_path() / ("gs1i-video-" + std::to_string(::getpid()) + ".avi");
  {
    cv::VideoWriter writer(file.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 30, cv::Size(64, 48), true);
    ASSERT_TRUE(writer.isOpened()) << "no video writer for " << file;
    for (int i = 0; i < 6; ++i) writer.write(cv::Mat(48, 64, CV_8UC3, cv::Scalar(40 * i, 40 * i, 40 * i)));
  }
  config::SourceConfig c;
  c.kind = config::SourceConfig::Kind::Video;
  c.device = file.string();
  VideoSource source(c);
  std::string error;
  ASSERT_TRUE(source.open(error)) << error;
  EXPECT_NE(source.describe().find("64x48"), std::string::npos) << source.describe();
  double last = -1;
  for (int i = 0; i < 6; ++i) {
    const Next n = source.next();
    ASSERT_EQ(n.status, Next::Status::Frame) << i;
    EXPECT_EQ(n.frame.sequence, static_cast<std::uint64_t>(i));
    EXPECT_EQ(n.frame.name, std::to_string(i));
    EXPECT_EQ(n.frame.image.type(), CV_8UC1);
    EXPECT_NEAR(n.frame.image.at<std::uint8_t>(24, 32), 40 * i, 6);  // JPEG
    EXPECT_GE(n.frame.captureS, last);
    last = n.frame.captureS;
  }
  EXPECT_EQ(source.next().status, Next::Status::End);
  EXPECT_EQ(source.counts().delivered, 6U);
  fs::remove(file);
}

TEST(VideoSource, MissingDeviceIsNamed) {
  config::SourceConfig c;
  c.kind = config::SourceConfig::Kind::Video;
  c.device = "/nonexistent/camera.avi";
  VideoSource source(c);
  std::string error;
  EXPECT_FALSE(source.open(error));
  EXPECT_EQ(error, "video /nonexistent/camera.avi: cannot be opened");
  EXPECT_EQ(source.next().status, Next::Status::Failed);
}

}  // namespace
}  // namespace gs1inspect::camera
