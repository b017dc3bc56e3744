// Cartons followed along the belt: one record each, symbols to the carton
// that holds them.
#include "track/carton_tracker.hpp"

#include <gtest/gtest.h>

namespace gs1inspect::track {
namespace {

const cv::Size kView(1000, 400);

read::DecodedSymbol symbolAt(const std::string& raw, float x, float y) {
  read::DecodedSymbol s;
  s.symbology = "gs1-128";
  s.raw = raw;
  s.hri = raw;
  s.quad = {read::Point{x - 40, y - 10}, read::Point{x + 40, y - 10}, read::Point{x + 40, y + 10}, read::Point{x - 40, y + 10}};
  return s;
}

// A carton `length` px long whose leading edge is at `lead` px: its box cut by the view.
cv::Rect cartonAt(int lead, int length) {
  return cv::Rect(lead - length, 50, length, 300) & cv::Rect(0, 0, kView.width, kView.height);
}

FrameObservation frameAt(int i, double fps = 10) {
  FrameObservation f;
  f.captureS = i / fps;
  f.frame = "frames/" + std::to_string(i) + ".png";
  f.size = kView;
  return f;
}

TEST(CartonTracker, TwoCartonsInViewLeaveOnceEachInOrder) {
  CartonTracker tracker({"+x", 1000.0, 3});  // 100 px a frame at 10 fps
  std::vector<CartonTrack> left;
  for (int i = 0; i < 30; ++i) {
    FrameObservation f = frameAt(i);
    const int leadA = 100 * i + 50, leadB = leadA - 700;  // A: 400 px, a 300 px gap, B: 350 px
    for (const auto& box : {cartonAt(leadA, 400), cartonAt(leadB, 350)}) {
      if (box.area() > 0) f.cartons.push_back(box);
    }
    if (leadA - 200 > 0 && leadA - 200 < kView.width) f.symbols.push_back(symbolAt("A1", static_cast<float>(leadA - 200), 200));
    if (leadB - 100 > 0 && leadB - 100 < kView.width) f.symbols.push_back(symbolAt("B1", static_cast<float>(leadB - 100), 120));
    for (auto& c : tracker.update(f)) left.push_back(std::move(c));
  }
  for (auto& c : tracker.finish()) left.push_back(std::move(c));
  ASSERT_EQ(left.size(), 2U);
  EXPECT_EQ(left[0].id, "S000001");
  ASSERT_EQ(left[0].symbols.size(), 1U);
  EXPECT_EQ(left[0].symbols[0].symbol.raw, "A1");
  EXPECT_GT(left[0].symbols[0].reads, 5);
  ASSERT_EQ(left[1].symbols.size(), 1U);
  EXPECT_EQ(left[1].symbols[0].symbol.raw, "B1");
  EXPECT_LT(left[0].lastSeenS, left[1].lastSeenS);
  EXPECT_TRUE(left[0].detected);
}

TEST(CartonTracker, CameraLostHandsBackEveryCartonInViewMarked) {
  CartonTracker tracker({"+x", 1000.0, 3});
  for (int i = 0; i < 3; ++i) {
    FrameObservation f = frameAt(i);
    f.cartons = {cartonAt(300 + 100 * i, 250), cartonAt(800 + 100 * i, 250)};
    EXPECT_TRUE(tracker.update(f).empty());
  }
  const auto lost = tracker.cameraLost("no frame for 2.0 s");
  ASSERT_EQ(lost.size(), 2U);
  for (const auto& c : lost) EXPECT_EQ(c.blind, "no frame for 2.0 s");
  EXPECT_EQ(tracker.following(), 0U);
  // The camera back: what it shows is new.
  FrameObservation f = frameAt(30);
  f.cartons = {cartonAt(400, 250)};
  tracker.update(f);
  const auto after = tracker.finish();
  ASSERT_EQ(after.size(), 1U);
  EXPECT_TRUE(after[0].blind.empty());
  EXPECT_EQ(after[0].id, "S000003");
}

TEST(CartonTracker, CartonLeavesWhenItsTrailingEdgeIsPastTheView) {
  CartonTracker tracker({"+x", 1000.0, 50});
  std::vector<CartonTrack> left;
  int leftAt = -1;
  for (int i = 0; i < 20 && left.empty(); ++i) {
    FrameObservation f = frameAt(i);
    const cv::Rect box = cartonAt(100 * i + 50, 300);
    if (box.width > 16) f.cartons.push_back(box);
    left = tracker.update(f);
    leftAt = i;
  }
  ASSERT_EQ(left.size(), 1U);
  // Its trailing edge passes x = 1000 between frames 12 and 13: it is
  // decided on frame 12, its last.
  EXPECT_EQ(leftAt, 12);
  // Last seen cut by the frame's edge (x 950-1000 at frame 12): its middle
  // comes from its trailing edge and its length.
  EXPECT_DOUBLE_EQ(left[0].lengthPx, 300);
  EXPECT_DOUBLE_EQ(tracker.middleAlong(left[0]), 1100);
}

TEST(CartonTracker, WhatIsLeftOfADecidedCartonAtTheEdgeIsNoNewCarton) {
  CartonTracker tracker({"+x", 1000.0, 3});
  std::vector<CartonTrack> left;
  for (int i = 0; i < 17; ++i) {
    FrameObservation f = frameAt(i);
    // The belt runs slower than configured (70 px a frame, not 100): on
    // frame 14 the trailing edge is at 900, and the carton is decided, but
    // 30 px of it are still in view on frame 15.
    const int lead = 70 * i + 220;
    const cv::Rect box = cartonAt(lead, 300);
    if (box.width > 0) f.cartons.push_back(box);
    for (auto& c : tracker.update(f)) left.push_back(std::move(c));
  }
  for (auto& c : tracker.finish()) left.push_back(std::move(c));
  EXPECT_EQ(left.size(), 1U);
}

TEST(CartonTracker, FramesDroppedWhileOneCartonLeavesAndTheNextComesDoNotJoinThem) {
  CartonTracker tracker({"+x", 1000.0, 3});
  std::vector<CartonTrack> left;
  for (int i = 0; i < 34; ++i) {
    // The station dropped frames 10-17: A left, and B came in, unseen.
    if (i >= 10 && i <= 17) continue;
    FrameObservation f = frameAt(i);
    const int leadA = 100 * i + 50, leadB = leadA - 1100;
    for (const auto& box : {cartonAt(leadA, 400), cartonAt(leadB, 350)}) {
      if (box.area() > 0) f.cartons.push_back(box);
    }
    for (auto& c : tracker.update(f)) left.push_back(std::move(c));
  }
  for (auto& c : tracker.finish()) left.push_back(std::move(c));
  EXPECT_EQ(left.size(), 2U);
}

TEST(CartonTracker, SpeedIsMeasuredWhenTheLineDoesNotGiveIt) {
  CartonTracker tracker({"-x", 0.0, 3});
  for (int i = 0; i < 8; ++i) {
    FrameObservation f = frameAt(i);
    f.cartons.push_back(cv::Rect(900 - 60 * i - 300 + 300, 50, 300, 300) & cv::Rect(0, 0, kView.width, kView.height));
    tracker.update(f);
  }
  EXPECT_NEAR(tracker.speedPxPerS(), 600.0, 1.0);
}

TEST(CartonTracker, SymbolOutsideEveryCartonIsACartonOfItsOwnAndJoinsOneSeenLater) {
  CartonTracker tracker({"+x", 1000.0, 3});
  FrameObservation first = frameAt(0);
  first.symbols.push_back(symbolAt("X", 300, 200));  // the belt model missed the carton
  EXPECT_TRUE(tracker.update(first).empty());
  EXPECT_EQ(tracker.following(), 1U);
  FrameObservation second = frameAt(1);
  second.cartons.push_back(cv::Rect(150, 40, 500, 320));  // now seen
  EXPECT_TRUE(tracker.update(second).empty());
  EXPECT_EQ(tracker.following(), 1U);
  const auto all = tracker.finish();
  ASSERT_EQ(all.size(), 1U);
  ASSERT_EQ(all[0].symbols.size(), 1U);
  EXPECT_EQ(all[0].symbols[0].symbol.raw, "X");
}

TEST(CartonTracker, FailedFrameConcernsTheCartonsInView) {
  CartonTracker tracker({"+x", 1000.0, 3});
  FrameObservation a = frameAt(0);
  a.cartons.push_back(cv::Rect(100, 40, 300, 300));
  tracker.update(a);
  FrameObservation b = frameAt(1);
  b.error = "reader: out of memory";
  tracker.update(b);
  const auto all = tracker.finish();
  ASSERT_EQ(all.size(), 1U);
  ASSERT_EQ(all[0].failures.size(), 1U);
  EXPECT_EQ(all[0].failures[0], "frames/1.png: reader: out of memory");
}

TEST(CartonTracker, TheSameSymbolReadTwiceIsOneSymbol) {
  CartonTracker tracker({"+x", 1000.0, 3});
  for (int i = 0; i < 3; ++i) {
    FrameObservation f = frameAt(i);
    f.cartons.push_back(cv::Rect(100 + 100 * i, 40, 300, 300));
    f.symbols.push_back(symbolAt("S", static_cast<float>(250 + 100 * i), 200));
    auto other = symbolAt("T", static_cast<float>(250 + 100 * i), 300);
    other.symbology = "gs1-datamatrix";
    f.symbols.push_back(other);
    tracker.update(f);
  }
  const auto all = tracker.finish();
  ASSERT_EQ(all.size(), 1U);
  ASSERT_EQ(all[0].symbols.size(), 2U);
  EXPECT_EQ(all[0].symbols[0].reads, 3);
  EXPECT_EQ(all[0].frames.size(), 3U);
}

}  // namespace
}  // namespace gs1inspect::track
