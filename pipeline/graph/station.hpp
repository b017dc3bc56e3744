#pragma once
// The whole station: a source, the flow graph, the journal, the diverts and
// the metrics, run until the source ends or stop() is called.
//
// run() opens everything the configuration names (an error there is
// returned before any frame is taken), then feeds the graph from its own
// source thread, dropping frames at admission when the station is full.
// On the source's end, or stop() (SIGINT, SIGTERM), it drains: every frame
// in flight is finished, every carton still in view is decided and
// journalled, every pending divert is fired; then it returns.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "camera/aravis_source.hpp"
#include "camera/source.hpp"
#include "config/station_config.hpp"
#include "decide/journal.hpp"
#include "graph/carton_stage.hpp"
#include "read/reader.hpp"

namespace gs1inspect::graph {

/// What a run did. Plain value.
struct RunSummary {
  std::string error;  // why the station could not start (empty: it ran)
  double seconds = 0; // wall time from the first frame to the end of the drain
  std::uint64_t framesReceived = 0, framesDropped = 0, framesCorrupt = 0, framesProcessed = 0;
  std::uint64_t framesLost = 0;     // the camera took them, the station never got them
  std::uint64_t cameraLosses = 0;   // times the camera was lost while delivering
  std::uint64_t stageFailures = 0;
  std::uint64_t cartons = 0, passed = 0;
  std::map<std::string, std::uint64_t> diverted;  // by reason
  std::uint64_t divertsFired = 0, divertsLate = 0;
  int peakInFlight = 0;
  std::vector<double> decisionLatencyS;  // capture (arrival) of each carton's last frame to its decision
  std::vector<double> frameLatencyS;     // admission to retirement of each frame
};

struct RunOptions {
  config::StationConfig config;
  /// Decode every frame of a recorded set before the run (bench: the
  /// source is then never the bottleneck).
  bool preload = false;
  /// One line a second and the final table here (nullptr: quiet).
  std::ostream* progress = nullptr;
  /// Wraps the read stage (tests make it fail on purpose); empty: the reader.
  std::function<void(FrameWork&, const std::function<void(FrameWork&)>& read)> readHook;
  /// Told of every journalled record.
  std::function<void(const decide::CartonRecord&)> decided;
  /// Told of every frame once it has passed every stage (from the graph's
  /// serial stage: keep it short).
  std::function<void(const FrameWork&)> retired;
  /// A GenICam camera (source.kind gige) opened and set up, before it
  /// streams: settings beyond the configuration's (tests feed Aravis's
  /// virtual camera here).
  camera::AravisSource::OpenedHook cameraOpened;
};

class Station {
 public:
  explicit Station(RunOptions options);
  ~Station();

  /// Runs to the end of the source or stop(); see RunSummary::error.
  RunSummary run();
  /// From any thread or a signal watcher: stop taking frames and drain.
  void stop();

 private:
  RunOptions options_;
  std::atomic<bool> stopping_{false};
  std::atomic<camera::Source*> source_{nullptr};
};

/// The final summary table.
void printSummary(std::ostream& out, const RunSummary& summary);

}  // namespace gs1inspect::graph
