#include "track/belt_model.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace gs1inspect::track {

namespace {

// How fast the belt's model follows light where no carton is: a share of
// each new frame (a time constant of 20 frames, under a second).
constexpr float kFollowRate = 0.05F;
// The grey spread of a cell counts half as much as its mean: belt texture
// varies a cell's spread more than its mean.
constexpr double kSpreadWeight = 0.5;
// Cells are measured on a copy this many times smaller (at most half a cell).
constexpr int kSampleStep = 4;

}  // namespace

BeltModel::BeltModel(const config::DetectionConfig& config, double pxPerMm, int stationaryFrames)
    : config_(config),
      minCells_(std::max(1, static_cast<int>(config.minCartonMm * pxPerMm / config.cellPx))),
      stationaryFrames_(std::max(1, stationaryFrames)) {}

CellStats BeltModel::measure(const cv::Mat& grey) const {
  CellStats out;
  out.frame = grey.size();
  const cv::Size cells(std::max(1, grey.cols / config_.cellPx), std::max(1, grey.rows / config_.cellPx));
  const cv::Mat used = grey(cv::Rect(0, 0, std::min(grey.cols, cells.width * config_.cellPx),
                                     std::min(grey.rows, cells.height * config_.cellPx)));
  // Means and spreads from a copy a quarter the size (an area average on
  // 8 bits is fast; a quarter keeps the texture of print and board grain
  // at 4 px and above, which is what tells them from the belt).
  cv::Mat small, f, sq, meanSq;
  const int factor = std::max(1, std::min(kSampleStep, config_.cellPx / 2));
  cv::resize(used, small, cv::Size(used.cols / factor, used.rows / factor), 0, 0, cv::INTER_AREA);
  small.convertTo(f, CV_32F);
  cv::multiply(f, f, sq);
  cv::resize(f, out.mean, cells, 0, 0, cv::INTER_AREA);
  cv::resize(sq, meanSq, cells, 0, 0, cv::INTER_AREA);
  cv::Mat var = meanSq - out.mean.mul(out.mean);
  cv::max(var, 0, var);
  cv::sqrt(var, out.spread);
  return out;
}

std::vector<cv::Rect> BeltModel::detect(const CellStats& cells) {
  if (beltMean_.size() != cells.mean.size()) learnt_ = 0;
  if (!learnt()) {
    if (learnt_ == 0) {
      beltMean_ = cells.mean.clone();
      beltSpread_ = cells.spread.clone();
      covered_ = cv::Mat::zeros(cells.mean.size(), CV_32S);
    } else {  // the average of the frames learnt
      const double w = 1.0 / (learnt_ + 1);
      cv::addWeighted(beltMean_, 1 - w, cells.mean, w, 0, beltMean_);
      cv::addWeighted(beltSpread_, 1 - w, cells.spread, w, 0, beltSpread_);
    }
    ++learnt_;
    return {};
  }
  cv::Mat meanDiff, spreadDiff;
  cv::absdiff(cells.mean, beltMean_, meanDiff);
  cv::absdiff(cells.spread, beltSpread_, spreadDiff);
  cv::Mat score = meanDiff + kSpreadWeight * spreadDiff;
  cv::Mat mask = score > config_.contrast;  // 255 where carton
  // Close small gaps (a dark print as dark as the belt), then one carton per
  // connected piece.
  // (On a mask padded with belt: closing at the frame's edge would
  // otherwise join a carton one cell from it to the edge.)
  const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3));
  cv::Mat padded;
  cv::copyMakeBorder(mask, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, cv::Scalar(0));
  cv::morphologyEx(padded, padded, cv::MORPH_CLOSE, kernel);
  mask = padded(cv::Rect(1, 1, mask.cols, mask.rows)).clone();
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> boxes;
  for (int i = 1; i < n; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    // A carton cut by the frame's edge (coming in, going out) may be
    // narrower than the smallest carton that way.
    const bool cutAcrossX = x == 0 || x + w == mask.cols, cutAcrossY = y == 0 || y + h == mask.rows;
    if ((w < minCells_ && !cutAcrossX) || (h < minCells_ && !cutAcrossY) || w * h < minCells_) continue;
    const int c = config_.cellPx;
    cv::Rect box(x * c, y * c, w * c, h * c);
    // The last cells reach the frame's edge.
    if (x + w == mask.cols) box.width = cells.frame.width - box.x;
    if (y + h == mask.rows) box.height = cells.frame.height - box.y;
    boxes.push_back(box);
  }
  // The model follows the belt where no carton is (a cell's margin kept
  // out, where a carton's edge blurs into the belt), and learns cells that
  // stayed carton too long.
  cv::Mat near;
  cv::dilate(mask, near, kernel);
  for (int y = 0; y < mask.rows; ++y) {
    const auto* m = near.ptr<std::uint8_t>(y);
    const auto* mean = cells.mean.ptr<float>(y);
    const auto* spread = cells.spread.ptr<float>(y);
    auto* bm = beltMean_.ptr<float>(y);
    auto* bs = beltSpread_.ptr<float>(y);
    auto* cov = covered_.ptr<int>(y);
    for (int x = 0; x < mask.cols; ++x) {
      if (m[x] == 0) {
        bm[x] += kFollowRate * (mean[x] - bm[x]);
        bs[x] += kFollowRate * (spread[x] - bs[x]);
        cov[x] = 0;
      } else if (++cov[x] > stationaryFrames_) {
        bm[x] = mean[x];
        bs[x] = spread[x];
        cov[x] = 0;
      }
    }
  }
  return boxes;
}

}  // namespace gs1inspect::track
