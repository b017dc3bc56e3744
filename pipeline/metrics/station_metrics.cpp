#include "metrics/station_metrics.hpp"

#include <exception>

#include <fmt/format.h>
#include <prometheus/exposer.h>
#include <prometheus/text_serializer.h>

#include "frameset/frame_set.hpp"

namespace gs1inspect::metrics {

namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;
using prometheus::Histogram;

// Latency buckets (s): a stage takes 1-30 ms; a decision comes 0.1-1 s
// after the carton's last frame at line speed (a frame period or two).
const Histogram::BucketBoundaries kStageBuckets{0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1};
const Histogram::BucketBoundaries kDecisionBuckets{0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10};

std::string_view stageName(Stage s) {
  switch (s) {
    case Stage::Read:
      return "read";
    case Stage::Detect:
      return "detect";
    case Stage::Track:
      return "track";
    case Stage::Decide:
      return "decide";
  }
  return "?";
}

prometheus::Counter& counter(prometheus::Registry& r, const std::string& name, const std::string& help) {
  return BuildCounter().Name(name).Help(help).Register(r).Add({});
}

prometheus::Gauge& gauge(prometheus::Registry& r, const std::string& name, const std::string& help) {
  return BuildGauge().Name(name).Help(help).Register(r).Add({});
}

}  // namespace

StationMetrics::StationMetrics(const std::vector<std::string>& actuators, const std::vector<std::string>& sinks)
    : registry_(std::make_shared<prometheus::Registry>()),
      framesReceived(counter(*registry_, "gs1_inspect_frames_received_total", "Frames the camera delivered")),
      framesDropped(counter(*registry_, "gs1_inspect_frames_dropped_total",
                            "Frames refused at admission because the station had its maximum in flight")),
      framesCorrupt(counter(*registry_, "gs1_inspect_frames_corrupt_total", "Frames that could not be decoded (skipped)")),
      framesLost(counter(*registry_, "gs1_inspect_frames_lost_total",
                         "Frames the camera took that never arrived (gaps in the camera's frame ids)")),
      framesProcessed(counter(*registry_, "gs1_inspect_frames_processed_total", "Frames through every stage")),
      framesInFlight(gauge(*registry_, "gs1_inspect_frames_in_flight", "Frames admitted and not yet retired")),
      cameraConnected(gauge(*registry_, "gs1_inspect_camera_connected", "1 while the camera delivers, 0 while it is lost")),
      cameraReconnects(counter(*registry_, "gs1_inspect_camera_reconnects_total", "Times the camera was reopened")),
      cameraIncompleteFrames(counter(*registry_, "gs1_inspect_camera_incomplete_frames_total",
                                     "Camera frames that arrived incomplete (missing packets, timeouts) and were dropped")),
      cameraUnderruns(counter(*registry_, "gs1_inspect_camera_underruns_total",
                              "Camera frames sent while no stream buffer was free (lost)")),
      cameraMissingPackets(counter(*registry_, "gs1_inspect_camera_missing_packets_total",
                                   "GigE Vision packets never received, even after resend requests")),
      cameraResentPackets(counter(*registry_, "gs1_inspect_camera_resent_packets_total",
                                  "GigE Vision packets the camera sent again on request")),
      divertsFired(counter(*registry_, "gs1_inspect_diverts_fired_total", "Diverts sent to the actuators")),
      divertsLate(counter(*registry_, "gs1_inspect_diverts_late_total",
                          "Diverts decided after the carton was due at the diverter")),
      journalFailures(counter(*registry_, "gs1_inspect_journal_failures_total", "Journal records that could not be written")),
      captureToDecision(BuildHistogram()
                            .Name("gs1_inspect_capture_to_decision_seconds")
                            .Help("From the capture of a carton's last frame to its decision")
                            .Register(*registry_)
                            .Add({}, kDecisionBuckets)) {
  auto& symbols = BuildCounter().Name("gs1_inspect_symbols_read_total").Help("Symbols read, by symbology").Register(*registry_);
  for (const char* s : frameset::kSymbologies) symbols_[s] = &symbols.Add({{"symbology", s}});
  otherSymbols_ = &symbols.Add({{"symbology", "other"}});
  auto& lint = BuildCounter().Name("gs1_inspect_lint_errors_total").Help("GS1 validation errors, by lint code").Register(*registry_);
  for (gs1::LintCode c : gs1::kAllLintCodes) lint_.push_back(&lint.Add({{"code", std::string(gs1::lintCodeName(c))}}));
  auto& cartons = BuildCounter().Name("gs1_inspect_cartons_total").Help("Cartons decided, by verdict and reason").Register(*registry_);
  pass_ = &cartons.Add({{"verdict", "pass"}, {"reason", "none"}});
  for (decide::Reason r : decide::kReasons) {
    divert_.push_back(&cartons.Add({{"verdict", "divert"}, {"reason", std::string(decide::reasonName(r))}}));
  }
  auto& stages = BuildHistogram().Name("gs1_inspect_stage_latency_seconds").Help("Time a frame spends in each stage").Register(*registry_);
  auto& failures = BuildCounter().Name("gs1_inspect_stage_failures_total").Help("Frames on which a stage failed").Register(*registry_);
  for (Stage s : kStages) {
    stage_.push_back(&stages.Add({{"stage", std::string(stageName(s))}}, kStageBuckets));
    stageFailures_.push_back(&failures.Add({{"stage", std::string(stageName(s))}}));
  }
  auto& divertFailures =
      BuildCounter().Name("gs1_inspect_divert_failures_total").Help("Diverts an actuator could not send").Register(*registry_);
  for (const auto& a : actuators) divertFailures_[a] = &divertFailures.Add({{"actuator", a}});
  auto& linkLosses = BuildCounter()
                         .Name("gs1_inspect_actuator_link_losses_total")
                         .Help("Times an actuator lost its link to the device it drives (a PLC connection)")
                         .Register(*registry_);
  auto& linkUp = BuildGauge()
                     .Name("gs1_inspect_actuator_connected")
                     .Help("1 while an actuator's link to its device is up, 0 while it is lost")
                     .Register(*registry_);
  for (const auto& a : actuators) {
    actuatorLinks_[a] = {&linkLosses.Add({{"actuator", a}}), &linkUp.Add({{"actuator", a}})};
    actuatorLinks_[a].connected->Set(1);
  }
  auto& sinkRecords = BuildCounter()
                          .Name("gs1_inspect_sink_records_total")
                          .Help("Journal records a result sink sent, dropped (queue full, or left at the end), or failed to "
                                "send (tried again)")
                          .Register(*registry_);
  for (const auto& s : sinks)
    sinks_[s] = {&sinkRecords.Add({{"sink", s}, {"outcome", "sent"}}), &sinkRecords.Add({{"sink", s}, {"outcome", "dropped"}}),
                 &sinkRecords.Add({{"sink", s}, {"outcome", "failed"}})};
}

void StationMetrics::sinkRecord(const std::string& sink, SinkOutcome outcome) {
  const auto it = sinks_.find(sink);
  if (it != sinks_.end()) it->second[static_cast<std::size_t>(outcome)]->Increment();
}

StationMetrics::~StationMetrics() = default;

bool StationMetrics::serve(const std::string& address, std::string& error) {
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(address);
  } catch (const std::exception& e) {
    error = fmt::format("metrics: cannot serve on {}: {}", address, e.what());
    return false;
  }
  exposer_->RegisterCollectable(registry_);
  return true;
}

int StationMetrics::port() const {
  if (!exposer_) return 0;
  const auto ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

void StationMetrics::symbolRead(const std::string& symbology) {
  const auto it = symbols_.find(symbology);
  (it != symbols_.end() ? it->second : otherSymbols_)->Increment();
}

void StationMetrics::carton(const decide::Verdict& verdict) {
  (verdict.reason ? divert_[static_cast<std::size_t>(*verdict.reason)] : pass_)->Increment();
}

void StationMetrics::actuatorLink(const std::string& actuator, bool up) {
  const auto it = actuatorLinks_.find(actuator);
  if (it == actuatorLinks_.end()) return;
  if (!up) it->second.losses->Increment();
  it->second.connected->Set(up ? 1 : 0);
}

void StationMetrics::divertFailure(const std::string& actuator) {
  const auto it = divertFailures_.find(actuator);
  if (it != divertFailures_.end()) it->second->Increment();
}

std::string StationMetrics::scrape() const { return prometheus::TextSerializer().Serialize(registry_->Collect()); }

}  // namespace gs1inspect::metrics
