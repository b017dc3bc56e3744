#pragma once
// Cartons seen in the image itself, against a model of the empty belt, so
// that a carton with no label, or none readable, is seen all the same.
//
// The frame is cut into cells (DetectionConfig::cellPx); each cell's mean
// grey and grey spread are compared with the belt's. Cells that differ are
// carton; neighbouring carton cells make one carton, whose box is returned.
// The model is learnt from the first frames (start on an empty belt) and
// then follows slow changes of light where no carton is; a cell that stays
// "carton" longer than a carton can take to pass (a stopped belt, a carton
// that was in view while the model was learnt) is learnt as belt.
//
// measure() is pure and may run on many frames at once; detect() updates
// the model and must be called once per frame, in capture order.

#include <vector>

#include <opencv2/core/mat.hpp>

#include "config/station_config.hpp"

namespace gs1inspect::track {

/// A frame's cells: mean grey and spread (CV_32F, one value per cell).
struct CellStats {
  cv::Mat mean;
  cv::Mat spread;
  cv::Size frame;
};

class BeltModel {
 public:
  /// `pxPerMm` turns the smallest carton into cells; `stationaryFrames`:
  /// frames after which a cell that stays carton is learnt as belt.
  BeltModel(const config::DetectionConfig& config, double pxPerMm, int stationaryFrames);

  /// The cells of `grey` (8-bit). Pure, thread-safe.
  CellStats measure(const cv::Mat& grey) const;

  /// The boxes (frame px) of the cartons in a frame's cells, and the model
  /// updated with them. Empty while the model is being learnt, and for a
  /// frame whose size differs from the model's (the model starts again).
  std::vector<cv::Rect> detect(const CellStats& cells);

  bool learnt() const { return learnt_ >= config_.learnFrames; }

 private:
  config::DetectionConfig config_;
  int minCells_;
  int stationaryFrames_;
  int learnt_ = 0;
  cv::Mat beltMean_, beltSpread_;  // CV_32F per cell
  cv::Mat covered_;                // CV_32S: frames each cell has been carton in a row
};

}  // namespace gs1inspect::track
