#include "graph/station.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "camera/aravis_source.hpp"
#include "camera/frame_set_source.hpp"
#include "camera/reopening_source.hpp"
#include "camera/video_source.hpp"
#include "decide/actuator.hpp"
#include "decide/divert_scheduler.hpp"
#include "graph/station_graph.hpp"
#include "metrics/station_metrics.hpp"
#include "plugins/actuator_table.hpp"
#include "plugins/plugin_loader.hpp"
#include "plugins/sink_table.hpp"

namespace gs1inspect::graph {

namespace {

using SteadyClock = std::chrono::steady_clock;

// The line's geometry: the configuration wins over the frame set, and the
// station says so once.
std::optional<LineGeometry> lineOf(const config::StationConfig& config, const frameset::FrameSetInfo* set,
                                   std::string& error) {
  LineGeometry line;
  line.diverterDistanceMm = config.line.diverterDistanceMm;
  const auto pick = [&](const char* what, const std::optional<double>& configured, double fromSet, double& out) {
    if (configured && set != nullptr && fromSet > 0 && *configured != fromSet) {
      spdlog::info("line: {} {} from the configuration, not the frame set's {}", what, *configured, fromSet);
    }
    out = configured ? *configured : fromSet;
  };
  pick("belt speed (mm/s)", config.line.beltSpeedMmS, set != nullptr ? set->beltSpeedMmS : 0, line.beltSpeedMmS);
  pick("scale (px/mm)", config.line.pxPerMm, set != nullptr ? set->pxPerMm : 0, line.pxPerMm);
  if (line.beltSpeedMmS <= 0 || line.pxPerMm <= 0) {
    error = fmt::format("{}: line.belt_speed_mm_s and line.px_per_mm are needed (the source does not give them)",
                        config.file.empty() ? "configuration" : config.file);
    return std::nullopt;
  }
  line.direction = config.line.direction.value_or(set != nullptr ? set->direction : "+x");
  if (set != nullptr && config.line.direction && *config.line.direction != set->direction) {
    spdlog::info("line: direction {} from the configuration, not the frame set's {}", line.direction, set->direction);
  }
  line.fps = set != nullptr ? set->fps : (config.source.fps > 0 ? config.source.fps : 30.0);
  // A set may say when its first frame was taken (frameset.json
  // "captured_at", ISO 8601): dates are then judged as on that day.
  if (set != nullptr && set->extra.contains("captured_at") && set->extra["captured_at"].is_string()) {
    const std::string at = set->extra["captured_at"].get<std::string>();
    if (const auto date = gs1::CivilDate::parse(at.substr(0, 10))) line.captureDate = *date;
  }
  return line;
}

// What the camera's transport counted since the last call, into the metrics.
void countTransport(const camera::SourceCounts& now, camera::SourceCounts& before, metrics::StationMetrics& metrics) {
  const auto add = [](prometheus::Counter& c, std::uint64_t to, std::uint64_t& from) {
    if (to > from) c.Increment(static_cast<double>(to - from));
    from = std::max(from, to);
  };
  add(metrics.framesLost, now.lost, before.lost);
  add(metrics.cameraIncompleteFrames, now.incomplete, before.incomplete);
  add(metrics.cameraUnderruns, now.underruns, before.underruns);
  add(metrics.cameraMissingPackets, now.missingPackets, before.missingPackets);
  add(metrics.cameraResentPackets, now.resentPackets, before.resentPackets);
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5))];
}

}  // namespace

Station::Station(RunOptions options) : options_(std::move(options)) {}

Station::~Station() = default;

void Station::stop() {
  stopping_ = true;
  if (camera::Source* s = source_.load()) s->stop();
}

RunSummary Station::run() {
  RunSummary summary;
  const config::StationConfig& config = options_.config;
  const auto started = SteadyClock::now();
  const auto steady = [started] { return std::chrono::duration<double>(SteadyClock::now() - started).count(); };

  // The source, and the line's geometry (from the configuration, or the set).
  std::unique_ptr<camera::Source> inner;
  std::optional<LineGeometry> line;
  std::string error;
  if (config.source.kind == config::SourceConfig::Kind::Frames) {
    auto set = std::make_unique<camera::FrameSetSource>(config.source.frames, config.source.speed, config.source.loop,
                                                        options_.preload);
    if (!set->open(error)) {
      summary.error = fmt::format("frame set: {}", error);
      return summary;
    }
    line = lineOf(config, &set->set()->info, error);
    inner = std::move(set);
  } else {
    line = lineOf(config, nullptr, error);
    if (config.source.kind == config::SourceConfig::Kind::Gige) {
      inner = std::make_unique<camera::AravisSource>(config.source, options_.cameraOpened);
    } else {
      inner = std::make_unique<camera::VideoSource>(config.source);
    }
  }
  if (!line) {
    summary.error = error;
    return summary;
  }

  // Plugins first: their names label the metrics. Sinks' events (plugins'
  // and configured ones alike) count in the metrics made just below,
  // before any sink is called.
  metrics::StationMetrics* counted = nullptr;
  decide::SinkEvents sinkEvents;
  sinkEvents.sent = [&](const std::string& name) { counted->sinkRecord(name, metrics::SinkOutcome::Sent); };
  sinkEvents.dropped = [&](const std::string& name) { counted->sinkRecord(name, metrics::SinkOutcome::Dropped); };
  sinkEvents.failed = [&](const std::string& name, const std::string&) {
    counted->sinkRecord(name, metrics::SinkOutcome::Failed);
  };
  plugins::LoadedPlugins loaded;
  if (!config.plugins.directory.empty()) {
    loaded = plugins::loadPlugins(config.plugins.directory, config.plugins.settings, sinkEvents);
    for (const auto& why : loaded.refused) spdlog::error("{} (the station runs on without it)", why);
    for (const auto& name : loaded.names) spdlog::info("{} loaded from {}", name, config.plugins.directory);
  }
  std::vector<std::string> actuatorNames, sinkNames;
  for (const auto& a : config.actuators) actuatorNames.push_back(a.name);
  for (const auto& s : config.sinks) sinkNames.push_back(s.name);
  actuatorNames.insert(actuatorNames.end(), loaded.names.begin(), loaded.names.end());
  sinkNames.insert(sinkNames.end(), loaded.names.begin(), loaded.names.end());
  metrics::StationMetrics metrics(actuatorNames, sinkNames);
  counted = &metrics;
  // Metrics that cannot be served (the port taken) do not stop the line.
  if (config.metrics.enabled() && !metrics.serve(config.metrics.address, error)) {
    spdlog::error("{} (the station runs on without metrics)", error);
    error.clear();
  }
  auto journal = decide::Journal::open(config.journal.path, error);
  if (!journal) {
    summary.error = error;
    return summary;
  }
  decide::ActuatorEvents actuatorEvents;
  actuatorEvents.linkLost = [&metrics](const std::string& name, const std::string&) { metrics.actuatorLink(name, false); };
  actuatorEvents.linkRestored = [&metrics](const std::string& name) { metrics.actuatorLink(name, true); };
  auto actuators = plugins::makeActuators(config.actuators, actuatorEvents, error);
  if (!error.empty()) {
    summary.error = error;
    return summary;
  }
  for (auto& a : loaded.actuators) actuators.push_back(std::move(a));
  auto sinks = plugins::makeSinks(config.sinks, sinkEvents, error);
  if (!error.empty()) {
    summary.error = error;
    return summary;
  }
  for (auto& s : loaded.sinks) sinks.push_back(std::move(s));

  const bool fromSet = config.source.kind == config::SourceConfig::Kind::Frames;
  // The camera lost after it gave frames: the cartons in view are marked
  // (set once the graph exists).
  std::function<void(const std::string&)> markCameraLost;
  bool delivering = false, lost = false;
  camera::ReopeningSource source(std::move(inner), config.source.reopenInitialS, config.source.reopenMaxS,
                                 [&](bool connected, const std::string& message) {
                                   metrics.cameraConnected.Set(connected ? 1 : 0);
                                   if (connected) {
                                     if (lost) metrics.cameraReconnects.Increment();
                                     lost = false;
                                     spdlog::info("camera: {}", message);
                                     return;
                                   }
                                   spdlog::warn("camera lost: {}", message);
                                   lost = true;
                                   if (delivering && markCameraLost) {
                                     ++summary.cameraLosses;
                                     markCameraLost(message);
                                   }
                                   delivering = false;
                                 });
  if (fromSet) {
    source.opened();  // opened above; the wrapper reopens it if it fails later
  } else if (!source.open(error)) {
    spdlog::warn("camera: {} (the station stays up and retries)", error);
  }
  source_ = &source;
  if (stopping_) source.stop();
  spdlog::info("source: {}", source.describe());

  std::atomic<std::uint64_t> fired{0}, late{0};
  decide::DivertScheduler scheduler(
      std::move(actuators), [&source] { return source.now(); },
      {[&](const decide::DivertCommand& d) {
         metrics.divertsFired.Increment();
         ++fired;
         if (d.late) {
           metrics.divertsLate.Increment();
           ++late;
         }
       },
       [&](const decide::DivertCommand& d, const std::string& actuator, const std::string& why) {
         metrics.divertFailure(actuator);
         spdlog::error("divert of {} not sent by {}: {}", d.carton, actuator, why);
       }});

  read::ReaderOptions readerOptions;
  readerOptions.budgetMs = config.readerBudgetMs;
  readerOptions.wholeImageMaxPixels = 0;  // conveyor frames: localisation only
  const read::Reader reader(readerOptions);

  CartonStage stage(config, *line, *journal, scheduler, metrics, [&source] { return source.now(); }, steady,
                    [&](const decide::CartonRecord& r) {
                      ++summary.cartons;
                      if (r.verdict.pass()) {
                        ++summary.passed;
                      } else {
                        ++summary.diverted[std::string(decide::reasonName(*r.verdict.reason))];
                      }
                      summary.decisionLatencyS.push_back(std::max(0.0, steady() - r.carton.lastArrivedS));
                      if (!sinks.empty()) {
                        const auto record = decide::toJson(r);
                        for (const auto& sink : sinks) sink->take(record);
                      }
                      if (options_.decided) options_.decided(r);
                    });

  std::atomic<int> inFlight{0};
  std::atomic<std::uint64_t> processed{0}, failures{0};
  const std::function<void(FrameWork&)> readBody = [&](FrameWork& f) {
    if (!f.cameraLost.empty()) return;
    const auto t0 = SteadyClock::now();
    f.read = reader.read(f.frame.image);
    if (!f.read.error.empty()) throw std::runtime_error(f.read.error);
    for (const auto& s : f.read.symbols) {
      metrics.symbolRead(s.symbology);
      for (const auto& e : s.parsed.errors) metrics.lintError(e.code);
    }
    metrics.stageLatency(metrics::Stage::Read, std::chrono::duration<double>(SteadyClock::now() - t0).count());
  };
  StageBodies bodies;
  bodies.read = options_.readHook ? std::function<void(FrameWork&)>([&](FrameWork& f) { options_.readHook(f, readBody); })
                                  : readBody;
  bodies.detect = [&](FrameWork& f) {
    if (!f.cameraLost.empty()) return;
    const auto t0 = SteadyClock::now();
    f.cells = stage.beltModel().measure(f.frame.image);
    metrics.stageLatency(metrics::Stage::Detect, std::chrono::duration<double>(SteadyClock::now() - t0).count());
  };
  bodies.cartons = [&](const FrameWork& f) {
    const auto t0 = SteadyClock::now();
    stage.onFrame(f);
    metrics.stageLatency(metrics::Stage::Track, std::chrono::duration<double>(SteadyClock::now() - t0).count());
  };
  bodies.failed = [&](const char* stageName, const std::string& what) {
    ++failures;
    const std::string_view name(stageName);
    metrics.stageFailure(name == "read" ? metrics::Stage::Read : name == "detect" ? metrics::Stage::Detect
                                                                                  : metrics::Stage::Track);
    spdlog::error("stage {} failed: {} (the cartons in view are diverted as unexpected)", stageName, what);
  };
  std::mutex roomMutex;
  std::condition_variable room;
  const bool waitForRoom = fromSet && config.source.speed.mode == config::ReplaySpeed::Mode::Max;
  bodies.retired = [&](const FrameWork& f) {
    room.notify_one();
    if (!f.cameraLost.empty()) {
      metrics.framesInFlight.Set(--inFlight);
      return;
    }
    metrics.framesProcessed.Increment();
    ++processed;
    if (options_.retired) options_.retired(f);
    summary.frameLatencyS.push_back(steady() - f.admittedS);
    metrics.framesInFlight.Set(--inFlight);
  };
  const int concurrency = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const int maxInFlight = config.maxInFlight > 0 ? config.maxInFlight : 2 * concurrency;
  std::optional<StationGraph> graph(std::in_place, bodies, maxInFlight, concurrency);

  // One line a second while running.
  std::mutex tickMutex;
  std::condition_variable tick;
  bool done = false;
  std::atomic<std::uint64_t> received{0}, dropped{0}, corrupt{0};
  std::thread ticker([&] {
    if (options_.progress == nullptr) return;
    std::unique_lock lock(tickMutex);
    while (!tick.wait_for(lock, std::chrono::seconds(1), [&] { return done; })) {
      *options_.progress << fmt::format("{:7.1f} s  frames {} (dropped {}, corrupt {})  in flight {}  cartons {}\n",
                                        steady(), received.load(), dropped.load(), corrupt.load(), inFlight.load(),
                                        stage.cartons())
                         << std::flush;
    }
  });

  // A camera lost: a mark through the graph behind the frames before it
  // (waiting for room: the camera gives nothing meanwhile).
  markCameraLost = [&](const std::string& why) {
    auto mark = std::make_shared<FrameWork>();
    mark->cameraLost = why;
    mark->admittedS = steady();
    ++inFlight;
    while (!graph->admit(mark)) {
      std::unique_lock lock(roomMutex);
      room.wait_for(lock, std::chrono::milliseconds(5));
    }
  };
  // The source thread: frames in, dropped at admission when full.
  const auto firstFrame = SteadyClock::now();
  camera::SourceCounts transport;  // counted into the metrics so far
  while (!stopping_) {
    camera::Next next = source.next();
    for (const auto& skipped : next.skipped) {
      ++corrupt;
      metrics.framesCorrupt.Increment();
      spdlog::warn("frame skipped: {}", skipped);
    }
    countTransport(source.counts(), transport, metrics);
    if (next.status != camera::Next::Status::Frame) break;
    delivering = true;
    ++received;
    metrics.framesReceived.Increment();
    auto work = std::make_shared<FrameWork>();
    work->frame = std::move(next.frame);
    work->admittedS = steady();
    ++inFlight;
    // A replay at full speed waits for room (as fast as the station takes
    // frames); a camera, or a replay in real time, drops at admission.
    bool admitted = graph->admit(work);
    while (!admitted && waitForRoom && !stopping_) {
      std::unique_lock lock(roomMutex);
      room.wait_for(lock, std::chrono::milliseconds(5));
      admitted = graph->admit(work);
    }
    if (admitted) {
      metrics.framesInFlight.Set(inFlight.load());
      summary.peakInFlight = std::max(summary.peakInFlight, inFlight.load());
    } else {
      --inFlight;
      ++dropped;
      metrics.framesDropped.Increment();
    }
    scheduler.advance();
  }
  // Drain: frames in flight, cartons in view, diverts pending.
  graph->waitIdle();
  stage.finish();
  // The diverts of cartons already on their way fire when they are due;
  // a replay at full speed has no running clock to wait on.
  scheduler.drain(!(fromSet && config.source.speed.mode == config::ReplaySpeed::Mode::Max));
  graph.reset();
  source_ = nullptr;
  {
    std::lock_guard lock(tickMutex);
    done = true;
  }
  tick.notify_all();
  ticker.join();

  summary.seconds = std::chrono::duration<double>(SteadyClock::now() - firstFrame).count();
  summary.framesReceived = received;
  summary.framesDropped = dropped;
  summary.framesCorrupt = corrupt;
  summary.framesLost = transport.lost;
  summary.framesProcessed = processed;
  summary.stageFailures = failures;
  summary.divertsFired = fired;
  summary.divertsLate = late;
  if (options_.progress != nullptr) printSummary(*options_.progress, summary);
  return summary;
}

void printSummary(std::ostream& out, const RunSummary& s) {
  out << fmt::format("\n{:<34}{:>12}\n", "gs1-inspect run", "");
  const auto row = [&](const std::string& what, const std::string& value) { out << fmt::format("  {:<32}{:>12}\n", what, value); };
  row("time (s)", fmt::format("{:.1f}", s.seconds));
  row("frames received", std::to_string(s.framesReceived));
  row("frames dropped at admission", std::to_string(s.framesDropped));
  row("frames corrupt (skipped)", std::to_string(s.framesCorrupt));
  if (s.framesLost > 0 || s.cameraLosses > 0) {
    row("frames lost by the camera", std::to_string(s.framesLost));
    row("camera lost (times)", std::to_string(s.cameraLosses));
  }
  row("frames processed", std::to_string(s.framesProcessed));
  row("frames/s", s.seconds > 0 ? fmt::format("{:.1f}", static_cast<double>(s.framesProcessed) / s.seconds) : "-");
  row("stage failures", std::to_string(s.stageFailures));
  row("cartons", std::to_string(s.cartons));
  row("  pass", std::to_string(s.passed));
  for (const auto& [reason, n] : s.diverted) row("  divert: " + reason, std::to_string(n));
  row("diverts fired (late)", fmt::format("{} ({})", s.divertsFired, s.divertsLate));
  row("decision latency p50/p99 (ms)", fmt::format("{:.0f}/{:.0f}", 1000 * percentile(s.decisionLatencyS, 0.5),
                                                   1000 * percentile(s.decisionLatencyS, 0.99)));
}

}  // namespace gs1inspect::graph
