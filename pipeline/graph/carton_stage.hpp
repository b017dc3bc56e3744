#pragma once
// The serial end of the station: frames in capture order become cartons,
// verdicts, journal records and diverts.
//
// For each frame: cartons are found in the belt model's cells and followed
// by the tracker; a carton that left the view is judged, its record is
// appended to the journal (and on disk) before its divert is scheduled for
// when it reaches the diverter. finish() judges every carton still
// followed (the end of a replay, a drain on SIGTERM).
//
// Not thread-safe: the graph calls it from one serial node.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/station_config.hpp"
#include "decide/divert_scheduler.hpp"
#include "decide/journal.hpp"
#include "decide/judge.hpp"
#include "graph/frame_work.hpp"
#include "metrics/station_metrics.hpp"
#include "track/belt_model.hpp"
#include "track/carton_tracker.hpp"

namespace gs1inspect::graph {

/// The belt as the station uses it (configuration over the frame set).
struct LineGeometry {
  double beltSpeedMmS = 0;
  double pxPerMm = 0;
  std::string direction = "+x";
  double diverterDistanceMm = 0;
  double fps = 30;  // frames a second the camera takes
  gs1::CivilDate captureDate = gs1::CivilDate::today();  // the day the first frame was taken
};

class CartonStage {
 public:
  /// `clock`: the source's capture clock; `steady`: seconds since the
  /// station started; `decided`: told of every record once journalled.
  CartonStage(const config::StationConfig& config, LineGeometry line, decide::Journal& journal,
              decide::DivertScheduler& scheduler, metrics::StationMetrics& metrics, std::function<double()> clock,
              std::function<double()> steady, std::function<void(const decide::CartonRecord&)> decided);

  /// One frame, in capture order (or the mark of a camera lost).
  void onFrame(const FrameWork& frame);
  /// Judges every carton still followed.
  void finish();
  /// The belt model (its measure() is what the parallel detect stage runs).
  const track::BeltModel& beltModel() const { return beltModel_; }

  std::uint64_t cartons() const { return cartons_; }

 private:
  void decide(track::CartonTrack carton);

  LineGeometry line_;
  track::BeltModel beltModel_;
  track::CartonTracker tracker_;
  decide::Judge judge_;
  decide::Journal& journal_;
  decide::DivertScheduler& scheduler_;
  metrics::StationMetrics& metrics_;
  std::function<double()> clock_, steady_;
  std::function<void(const decide::CartonRecord&)> decided_;
  cv::Size frameSize_;
  std::uint64_t cartons_ = 0;
};

}  // namespace gs1inspect::graph
