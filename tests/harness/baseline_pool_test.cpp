// The baseline runs ZXing in worker processes: a worker that aborts (as the
// packaged ZXing 1.4 does on many DataBar images) is replaced, its frame is
// counted as aborted, and the other frames are still read.
#include "harness/baseline_pool.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <opencv2/imgcodecs.hpp>

namespace gs1inspect::harness {
namespace {

const std::filesystem::path kSamples = std::filesystem::path(GS1I_TEST_DATA_DIR) / "zxing-blackbox";

cv::Mat load(const std::string& name) {
  const auto path = kSamples / name;
  cv::Mat image = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
  EXPECT_FALSE(image.empty()) << path << " is missing or unreadable";
  return image;
}

TEST(BaselinePool, AWorkerThatAbortsIsReplacedAndCounted) {
  const std::vector<cv::Mat> frames = {
      load("rss14-1/9.webp"),        // aborts ZXing 1.4 (assertion in Result)
      load("code128-1/1.png"),       // ]C1 168901
      load("rss14-2/2.png"),         // aborts too
      load("rssexpanded-1/7.png"),   // (10)567(11)010101
  };
  gs1::ParseOptions options;
  options.today = gs1::CivilDate{2026, 11, 25};
  BaselinePool pool(frames, 1, options);
  std::size_t progressCalls = 0;
  const auto results = pool.read({0, 1, 2, 3}, [&](std::size_t) { ++progressCalls; });
  ASSERT_EQ(results.size(), 4u);
  EXPECT_TRUE(results[0].aborted);
  EXPECT_FALSE(results[1].aborted);
  EXPECT_TRUE(results[2].aborted);
  EXPECT_FALSE(results[3].aborted);
  EXPECT_EQ(pool.restarts(), 2u);
  EXPECT_EQ(progressCalls, 4u);
  ASSERT_EQ(results[1].symbols.size(), 1u);
  EXPECT_EQ(results[1].symbols[0].symbology, "gs1-128");
  EXPECT_EQ(results[1].symbols[0].raw, "]C1168901");
  ASSERT_EQ(results[3].symbols.size(), 1u);
  EXPECT_EQ(results[3].symbols[0].hri, "(10)567(11)010101");
  EXPECT_GT(results[3].ms, 0.0);
  EXPECT_TRUE(results[0].symbols.empty());
}

TEST(BaselinePool, AWorkerPastTheFrameTimeoutIsReplaced) {
  // Whole-frame ZXing on a large noisy image takes far longer than 1 ms.
  cv::Mat noise(1200, 1920, CV_8UC1);
  cv::randu(noise, 0, 255);
  const std::vector<cv::Mat> frames = {noise, load("code128-1/1.png")};
  BaselinePool pool(frames, 1, gs1::ParseOptions{}, std::chrono::milliseconds(1));
  const auto results = pool.read({0});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].aborted);
  EXPECT_EQ(pool.restarts(), 1u);
}

TEST(BaselinePool, SeveralWorkersKeepTheOrderOfRequests) {
  const std::vector<cv::Mat> frames = {load("code128-1/1.png"), load("rssexpanded-1/7.png")};
  BaselinePool pool(frames, 2, gs1::ParseOptions{});
  const auto results = pool.read({1, 0, 1});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].symbols.at(0).symbology, "gs1-databar-expanded");
  EXPECT_EQ(results[1].symbols.at(0).symbology, "gs1-128");
  EXPECT_EQ(results[2].symbols.at(0).symbology, "gs1-databar-expanded");
  EXPECT_EQ(pool.restarts(), 0u);
}

}  // namespace
}  // namespace gs1inspect::harness
