// Cartons seen against the empty belt.
#include "track/belt_model.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace gs1inspect::track {
namespace {

// A belt of dark textured rubber (moved by `shift` px, as it runs), light
// falling off towards the corners, sensor noise.
cv::Mat belt(int shift, std::uint64_t seed) {
  cv::Mat texture(240, 640 + 64, CV_32F);
  cv::RNG rng(7);
  rng.fill(texture, cv::RNG::NORMAL, 50, 6);
  cv::GaussianBlur(texture, texture, cv::Size(0, 0), 1.5);
  cv::Mat view = texture(cv::Rect(64 - shift % 64, 0, 640, 240)).clone();
  for (int y = 0; y < view.rows; ++y) {
    for (int x = 0; x < view.cols; ++x) view.at<float>(y, x) *= static_cast<float>(1.0 - 0.3 * std::abs(x - 320) / 320.0);
  }
  cv::Mat noise(view.size(), CV_32F);
  cv::RNG(seed).fill(noise, cv::RNG::NORMAL, 0, 2);
  view += noise;
  cv::Mat out;
  view.convertTo(out, CV_8U);
  return out;
}

// A carton of board `tone` with a white label and some print on it.
void drawCarton(cv::Mat& frame, const cv::Rect& box, int tone) {
  cv::rectangle(frame, box, cv::Scalar(tone), cv::FILLED);
  const cv::Rect label(box.x + box.width / 4, box.y + box.height / 4, box.width / 2, box.height / 3);
  cv::rectangle(frame, label & cv::Rect(0, 0, frame.cols, frame.rows), cv::Scalar(235), cv::FILLED);
  cv::putText(frame, "FRAGILE", cv::Point(box.x + 8, box.y + box.height - 10), cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(30), 2);
}

config::DetectionConfig detection() {
  config::DetectionConfig c;
  c.cellPx = 16;
  return c;
}

TEST(BeltModel, NothingWhileLearningThenNothingOnTheEmptyBelt) {
  auto c = detection();
  c.learnFrames = 2;
  BeltModel model(c, 1.0, 100);
  EXPECT_TRUE(model.detect(model.measure(belt(0, 1))).empty());
  EXPECT_FALSE(model.learnt());
  EXPECT_TRUE(model.detect(model.measure(belt(20, 2))).empty());
  EXPECT_TRUE(model.learnt());
  for (int i = 3; i < 10; ++i) EXPECT_TRUE(model.detect(model.measure(belt(20 * i, static_cast<std::uint64_t>(i)))).empty());
}

TEST(BeltModel, TwoCartonsInViewAreTwoBoxesWithinACell) {
  BeltModel model(detection(), 1.0, 100);
  model.detect(model.measure(belt(0, 1)));
  cv::Mat frame = belt(30, 2);
  const cv::Rect a(40, 30, 200, 170), b(330, 50, 250, 150);
  drawCarton(frame, a, 150);
  drawCarton(frame, b, 110);
  auto boxes = model.detect(model.measure(frame));
  ASSERT_EQ(boxes.size(), 2U);
  std::sort(boxes.begin(), boxes.end(), [](const cv::Rect& p, const cv::Rect& q) { return p.x < q.x; });
  for (const auto& [found, drawn] : {std::pair{boxes[0], a}, std::pair{boxes[1], b}}) {
    EXPECT_LE(std::abs(found.x - drawn.x), 16) << found;
    EXPECT_LE(std::abs(found.y - drawn.y), 16) << found;
    EXPECT_LE(std::abs(found.br().x - drawn.br().x), 16) << found;
    EXPECT_LE(std::abs(found.br().y - drawn.br().y), 16) << found;
  }
}

TEST(BeltModel, CartonAtTheFrameEdgeReachesTheEdge) {
  BeltModel model(detection(), 1.0, 100);
  model.detect(model.measure(belt(0, 1)));
  cv::Mat frame = belt(10, 2);
  drawCarton(frame, cv::Rect(500, 20, 200, 220), 140);  // cut by the right and bottom edges
  const auto boxes = model.detect(model.measure(frame));
  ASSERT_EQ(boxes.size(), 1U);
  EXPECT_EQ(boxes[0].br().x, 640);
  EXPECT_EQ(boxes[0].br().y, 240);
}

TEST(BeltModel, SmallBlobsAreNotCartons) {
  auto c = detection();
  c.minCartonMm = 80;  // at 1 px/mm: 5 cells
  BeltModel model(c, 1.0, 100);
  model.detect(model.measure(belt(0, 1)));
  cv::Mat frame = belt(5, 2);
  cv::rectangle(frame, cv::Rect(100, 100, 30, 30), cv::Scalar(200), cv::FILLED);  // a scrap of label
  EXPECT_TRUE(model.detect(model.measure(frame)).empty());
}

TEST(BeltModel, DarkCartonOnADarkBeltIsSeenByItsPrint) {
  BeltModel model(detection(), 1.0, 100);
  model.detect(model.measure(belt(0, 1)));
  cv::Mat frame = belt(5, 2);
  drawCarton(frame, cv::Rect(200, 40, 240, 160), 75);
  EXPECT_EQ(model.detect(model.measure(frame)).size(), 1U);
}

TEST(BeltModel, SomethingThatNeverMovesIsLearntAsBelt) {
  BeltModel model(detection(), 1.0, 5);
  model.detect(model.measure(belt(0, 1)));
  int seen = 0;
  for (int i = 1; i < 12; ++i) {
    cv::Mat frame = belt(10 * i, static_cast<std::uint64_t>(i));
    drawCarton(frame, cv::Rect(200, 40, 240, 160), 150);  // a carton stopped in view
    seen += model.detect(model.measure(frame)).empty() ? 0 : 1;
  }
  EXPECT_LE(seen, 6);
  cv::Mat frame = belt(200, 99);
  drawCarton(frame, cv::Rect(200, 40, 240, 160), 150);
  EXPECT_TRUE(model.detect(model.measure(frame)).empty());
}

}  // namespace
}  // namespace gs1inspect::track
