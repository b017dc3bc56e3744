// The camera's clock on the source's, and lost frames from frame ids.
#include "camera/camera_clock.hpp"

#include <gtest/gtest.h>

namespace gs1inspect::camera {
namespace {

constexpr std::uint64_t kNs = 1'000'000'000;

TEST(CameraClock, KeepsTheCamerasIntervalsWhateverTheTransferDelay) {
  CameraClock clock;
  // The camera's clock reads 1000 s at the source's 5 s; frames every 50
  // ms arrive 10-30 ms after their capture, the first after the shortest.
  const double delay[] = {0.010, 0.030, 0.025, 0.012, 0.018};
  double previous = -1;
  for (int i = 0; i < 5; ++i) {
    const double captured = 5.0 + 0.05 * i;
    const double t = clock.captureS(1000 * kNs + static_cast<std::uint64_t>(i) * 50'000'000, captured + delay[i]);
    if (previous >= 0) {
      EXPECT_NEAR(t - previous, 0.05, 1e-4);  // creeps at most 1e-3 of 50 ms
    }
    EXPECT_LE(t, captured + delay[i]);  // never after its arrival
    previous = t;
  }
  // Capture times lag the truth by the shortest transfer seen.
  EXPECT_NEAR(previous, 5.2 + 0.010, 1e-3);
  // A shorter transfer lowers the offset at once.
  EXPECT_NEAR(clock.captureS(1000 * kNs + 250'000'000, 5.25 + 0.002), 5.25 + 0.002, 1e-9);
}

TEST(CameraClock, FollowsACameraClockRunningSlow) {
  CameraClock clock;
  // The camera's clock loses 100 ppm: after an hour, 0.36 s behind.
  double last = 0;
  for (int s = 0; s <= 3600; s += 10) {
    const auto camera = static_cast<std::uint64_t>(s * (1 - 1e-4) * 1e9);
    last = clock.captureS(camera, s + 0.005);
  }
  EXPECT_NEAR(last, 3600.0, 0.01);
}

TEST(CameraClock, WithoutTimestampsTheArrivalIsTheCapture) {
  CameraClock clock;
  EXPECT_DOUBLE_EQ(clock.captureS(0, 12.5), 12.5);
}

TEST(FrameIdGaps, CountsFramesMissingBetweenIdsAcrossTheWrap) {
  FrameIdGaps gaps;
  EXPECT_EQ(gaps.next(65530), 0U);  // the first
  EXPECT_EQ(gaps.next(65531), 0U);
  EXPECT_EQ(gaps.next(65534), 2U);  // 65532 and 65533 lost
  EXPECT_EQ(gaps.next(65535), 0U);
  EXPECT_EQ(gaps.next(1), 0U);      // 16-bit ids wrap to 1
  EXPECT_EQ(gaps.next(3), 1U);
  EXPECT_EQ(gaps.next(65534), 65530U);  // forward is forward: frames lost
  EXPECT_EQ(gaps.next(2), 2U);          // 65535 and 1 lost across the wrap
}

TEST(FrameIdGaps, AJumpBackIsARestartNotALoss) {
  FrameIdGaps gaps;
  EXPECT_EQ(gaps.next(500), 0U);
  EXPECT_EQ(gaps.next(1), 0U);  // the camera started again
  EXPECT_EQ(gaps.next(2), 0U);
  gaps.reset();
  EXPECT_EQ(gaps.next(9000), 0U);
}

}  // namespace
}  // namespace gs1inspect::camera
