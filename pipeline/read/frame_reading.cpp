#include "read/frame_reading.hpp"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace gs1inspect::read {

namespace {

std::vector<cv::Point2f> outlineOf(const DecodedSymbol& s) {
  std::vector<cv::Point2f> points;
  for (const auto& q : s.quad) points.emplace_back(q.x, q.y);
  return points;
}

}  // namespace

FrameReading::FrameReading(const cv::Mat& grey, const ReaderOptions& options, FrameRead& out)
    : grey_(&grey),
      options_(options),
      out_(out),
      deadline_(Clock::now() +
                std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(options.budgetMs))) {}

bool FrameReading::outOfTime() {
  if (Clock::now() < deadline_) return false;
  out_.budgetHit = true;
  return true;
}

bool FrameReading::budgetLeft(double share) const {
  const auto left = std::chrono::duration<double, std::milli>(deadline_ - Clock::now()).count();
  return left >= share * options_.budgetMs;
}

std::optional<ZXing::Result> FrameReading::attempt(const cv::Mat& image, const ZxingAttempt& how) {
  if (outOfTime()) return std::nullopt;
  ++out_.attempts;
  return decodeOne(image, how);
}

bool FrameReading::covered(cv::Point2f p) const {
  return std::any_of(out_.symbols.begin(), out_.symbols.end(),
                     [&](const DecodedSymbol& s) { return cv::pointPolygonTest(outlineOf(s), p, false) >= 0; });
}

void FrameReading::add(DecodedSymbol symbol) {
  const std::vector<cv::Point2f> mine = outlineOf(symbol);
  const cv::Rect2f frame(0, 0, static_cast<float>(grey_->cols), static_cast<float>(grey_->rows));
  // A corner a pixel or more outside the frame: part of the symbol is not in it.
  const cv::Rect2f tolerance(-1, -1, frame.width + 2, frame.height + 2);
  if (std::any_of(mine.begin(), mine.end(), [&](cv::Point2f p) { return !tolerance.contains(p); })) symbol.partial = true;
  for (auto& other : out_.symbols) {
    if (other.symbology != symbol.symbology || other.raw != symbol.raw) continue;
    const std::vector<cv::Point2f> theirs = outlineOf(other);
    const float size =
        std::max(static_cast<float>(cv::arcLength(theirs, true)), static_cast<float>(cv::arcLength(mine, true))) / 4;
    float gap = 1e9F;
    for (const auto& p : mine) gap = std::min(gap, static_cast<float>(-cv::pointPolygonTest(theirs, p, true)));
    if (gap > size) continue;
    std::vector<cv::Point2f> all = theirs;
    all.insert(all.end(), mine.begin(), mine.end());
    cv::Point2f box[4];
    cv::minAreaRect(all).points(box);
    // Clockwise from the corner nearest the first outline's own top-left.
    std::size_t start = 0;
    for (std::size_t i = 1; i < 4; ++i)
      if (cv::norm(box[i] - theirs[0]) < cv::norm(box[start] - theirs[0])) start = i;
    const bool clockwise = (box[1] - box[0]).cross(box[2] - box[1]) > 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const std::size_t k = clockwise ? (start + i) % 4 : (start + 4 - i) % 4;
      other.quad[i] = {box[k].x, box[k].y};
    }
    other.partial = other.partial || symbol.partial;
    return;
  }
  out_.symbols.push_back(std::move(symbol));
}

}  // namespace gs1inspect::read
