#include "graph/carton_stage.hpp"

#include <chrono>
#include <cmath>

#include <spdlog/spdlog.h>

namespace gs1inspect::graph {

namespace {

// A cell that stays "carton" for as long as this much belt takes to pass
// is learnt as belt (mm): longer than any carton with the view's length.
constexpr double kStationaryBeltMm = 3000;

gs1::CivilDate plusDays(const gs1::CivilDate& d, double seconds) {
  using namespace std::chrono;
  const sys_days day = year(d.year) / month(static_cast<unsigned>(d.month)) / std::chrono::day(static_cast<unsigned>(d.day));
  const year_month_day later(day + days(static_cast<int>(std::floor(seconds / 86400))));
  return {static_cast<int>(later.year()), static_cast<int>(static_cast<unsigned>(later.month())),
          static_cast<int>(static_cast<unsigned>(later.day()))};
}

}  // namespace

CartonStage::CartonStage(const config::StationConfig& config, LineGeometry line, decide::Journal& journal,
                         decide::DivertScheduler& scheduler, metrics::StationMetrics& metrics,
                         std::function<double()> clock, std::function<double()> steady,
                         std::function<void(const decide::CartonRecord&)> decided)
    : line_(std::move(line)),
      beltModel_(config.detection, line_.pxPerMm,
                 static_cast<int>(std::ceil(kStationaryBeltMm / line_.beltSpeedMmS * line_.fps))),
      tracker_({line_.direction, line_.beltSpeedMmS * line_.pxPerMm, 3}),
      judge_(config.rules, config.symbologies),
      journal_(journal),
      scheduler_(scheduler),
      metrics_(metrics),
      clock_(std::move(clock)),
      steady_(std::move(steady)),
      decided_(std::move(decided)) {}

void CartonStage::onFrame(const FrameWork& work) {
  if (!work.cameraLost.empty()) {
    for (auto& carton : tracker_.cameraLost(work.cameraLost)) decide(std::move(carton));
    return;
  }
  frameSize_ = work.frame.image.size();
  track::FrameObservation seen;
  seen.captureS = work.frame.captureS;
  seen.arrivedS = work.admittedS;
  seen.frame = work.frame.name;
  seen.size = frameSize_;
  seen.error = work.error;
  if (work.error.empty()) {
    seen.cartons = beltModel_.detect(work.cells);
    seen.symbols = work.read.symbols;
    for (const auto& c : work.read.unread) seen.unread.push_back(c.box);
  }
  for (auto& carton : tracker_.update(seen)) decide(std::move(carton));
}

void CartonStage::finish() {
  for (auto& carton : tracker_.finish()) decide(std::move(carton));
}

void CartonStage::decide(track::CartonTrack carton) {
  decide::CartonRecord record;
  record.verdict = judge_.judge(carton, plusDays(line_.captureDate, carton.lastSeenS), carton.lastSeenS);
  record.decidedAtS = clock_();
  record.wall = decide::wallClockNow();
  if (!record.verdict.pass()) {
    // Where the carton's middle was when last seen, from the optical axis.
    const double middle = tracker_.middleAlong(carton);
    const double axis = tracker_.along(cv::Rect2d(0, 0, frameSize_.width, frameSize_.height));
    record.divertAtS = decide::divertTime(carton.lastSeenS, (middle - axis) / line_.pxPerMm, line_.diverterDistanceMm,
                                          line_.beltSpeedMmS);
  }
  record.carton = std::move(carton);
  ++cartons_;
  std::string error;
  if (!journal_.append(record, error)) {
    metrics_.journalFailures.Increment();
    spdlog::error("{} (carton {} {})", error, record.carton.id, record.verdict.pass() ? "pass" : "divert");
  }
  metrics_.carton(record.verdict);
  metrics_.captureToDecision.Observe(std::max(0.0, steady_() - record.carton.lastArrivedS));
  if (record.divertAtS) {
    scheduler_.schedule({record.carton.id, std::string(decide::reasonName(*record.verdict.reason)), *record.divertAtS,
                         0, false},
                        record.decidedAtS);
  }
  if (decided_) decided_(record);
}

}  // namespace gs1inspect::graph
