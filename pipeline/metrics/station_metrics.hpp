#pragma once
// The station's Prometheus metrics, made once at start: every family is
// registered and every child (one per symbology, reason, stage, lint code,
// actuator) added up front and kept, so counting on the hot path is one
// atomic add. Names follow Prometheus conventions (gs1_inspect_..._total,
// base units); labels have low cardinality (never a GTIN or an SSCC).
//
// Thread-safe: every method may be called from any thread.

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "decide/judge.hpp"
#include "gs1/lint.hpp"

namespace prometheus {
class Exposer;
}

namespace gs1inspect::metrics {

/// The stages whose latency is measured.
enum class Stage { Read, Detect, Track, Decide };
inline constexpr Stage kStages[] = {Stage::Read, Stage::Detect, Stage::Track, Stage::Decide};

enum class SinkOutcome { Sent, Dropped, Failed };

class StationMetrics {
  // First: the counters below are made in it.
  std::shared_ptr<prometheus::Registry> registry_;

 public:
  /// `actuators`, `sinks`: the names of the configured actuators and
  /// result sinks.
  explicit StationMetrics(const std::vector<std::string>& actuators, const std::vector<std::string>& sinks = {});
  ~StationMetrics();

  /// Serves /metrics on `address` ("HOST:PORT"); false with `error` when it
  /// cannot bind.
  bool serve(const std::string& address, std::string& error);
  /// The port served on (0 when not serving).
  int port() const;

  prometheus::Counter& framesReceived;   // frames the source delivered
  prometheus::Counter& framesDropped;    // refused at admission (the station was full)
  prometheus::Counter& framesCorrupt;    // frame files or buffers that could not be decoded
  prometheus::Counter& framesLost;       // frames the camera took that never arrived (gaps in its frame ids)
  prometheus::Counter& framesProcessed;  // frames through every stage
  prometheus::Gauge& framesInFlight;
  prometheus::Gauge& cameraConnected;
  prometheus::Counter& cameraReconnects;
  // A GenICam camera's transport (Aravis's counts).
  prometheus::Counter& cameraIncompleteFrames;  // buffers that arrived incomplete
  prometheus::Counter& cameraUnderruns;         // frames sent while no buffer was free
  prometheus::Counter& cameraMissingPackets;    // GigE packets never received
  prometheus::Counter& cameraResentPackets;     // GigE packets sent again on request
  prometheus::Counter& divertsFired;
  prometheus::Counter& divertsLate;
  prometheus::Counter& journalFailures;
  prometheus::Histogram& captureToDecision;  // s, from a carton's last frame's capture to its decision

  void symbolRead(const std::string& symbology);
  void lintError(gs1::LintCode code) { lint_[static_cast<std::size_t>(code)]->Increment(); }
  void carton(const decide::Verdict& verdict);
  void stageLatency(Stage stage, double seconds) { stage_[static_cast<std::size_t>(stage)]->Observe(seconds); }
  void stageFailure(Stage stage) { stageFailures_[static_cast<std::size_t>(stage)]->Increment(); }
  void divertFailure(const std::string& actuator);
  /// A journal record a sink sent, dropped (its queue full, or the
  /// station stopped), or a send that failed (tried again).
  void sinkRecord(const std::string& sink, SinkOutcome outcome);
  /// An actuator's link to its device went down (counted) or came back.
  void actuatorLink(const std::string& actuator, bool up);

  /// The text a scrape of /metrics gives (for tests and the final summary).
  std::string scrape() const;

 private:
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::map<std::string, prometheus::Counter*> symbols_;  // fixed after construction
  prometheus::Counter* otherSymbols_;
  std::vector<prometheus::Counter*> lint_;
  prometheus::Counter* pass_;
  std::vector<prometheus::Counter*> divert_;  // by decide::Reason
  std::vector<prometheus::Histogram*> stage_;
  std::vector<prometheus::Counter*> stageFailures_;
  std::map<std::string, prometheus::Counter*> divertFailures_;
  struct Link {
    prometheus::Counter* losses = nullptr;
    prometheus::Gauge* connected = nullptr;
  };
  std::map<std::string, Link> actuatorLinks_;  // fixed after construction
  std::map<std::string, std::array<prometheus::Counter*, 3>> sinks_;  // by SinkOutcome
};

}  // namespace gs1inspect::metrics
