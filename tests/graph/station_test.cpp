// The station end to end on a generated frame set: one record per carton,
// none passed that must be diverted, a corrupt frame skipped, a stage that
// throws turned into unexpected diverts, and the graph's own guarantees.
#include "graph/station.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "frameset/frame_set.hpp"
#include "generator/frame_generator.hpp"
#include "graph/station_graph.hpp"
#include "plugins/plc_simulator.hpp"
#include "plugins/record_server.hpp"

namespace gs1inspect::graph {
namespace {

namespace fs = std::filesystem;

// One set for the suite: 90 frames (about a dozen cartons, often two in
// view), rotated labels, which the reader reads whole.
class StationOnASet : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = fs::temp_directory_path() / ("gs1i-station-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    generator::GeneratorOptions o;
    o.out = root_ / "set";
    o.frames = 90;
    o.damage = {generator::Damage::Rotation};
    generator::GeneratorSummary summary;
    std::string error;
    ASSERT_TRUE(generator::generateFrameSet(o, summary, error)) << error;
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  config::StationConfig configFor(const fs::path& set, const std::string& journal) const {
    config::StationConfig c;
    c.source.frames = set.string();
    c.source.speed = *config::ReplaySpeed::parse("max");
    c.metrics.address = "off";
    c.journal.path = (root_ / journal).string();
    c.actuators[0].path = (root_ / (journal + ".diverts")).string();
    c.readerBudgetMs = 1000;  // tests check verdicts; the bench checks speed
    return c;
  }

  static std::vector<nlohmann::json> journal(const std::string& name) {
    std::vector<nlohmann::json> out;
    std::ifstream in(root_ / name);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

  static fs::path root_;
};

fs::path StationOnASet::root_;

TEST_F(StationOnASet, OneRecordPerCartonAndNoneThatMustBeDivertedPassed) {
  RunOptions options;
  options.config = configFor(root_ / "set", "journal.jsonl");
  const RunSummary summary = Station(options).run();
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  const auto set = frameset::readFrameSet(root_ / "set");
  ASSERT_TRUE(set.set);
  EXPECT_EQ(summary.framesProcessed, 90U);
  EXPECT_EQ(summary.framesDropped, 0U);
  const auto records = journal("journal.jsonl");
  EXPECT_EQ(records.size(), set.set->cartons.size());
  EXPECT_EQ(summary.cartons, records.size());
  // Diverts expected in the set are diverted; every divert has its time.
  std::size_t mustDivert = 0, diverted = 0;
  for (const auto& c : set.set->cartons) mustDivert += c.expect == "divert";
  for (const auto& r : records) {
    if (r["verdict"] == "divert") {
      ++diverted;
      EXPECT_TRUE(r["divert_at"].is_number());
      EXPECT_GE(r["divert_at"].get<double>(), r["last_seen"].get<double>());
    } else {
      EXPECT_TRUE(r["reason"].is_null());
      EXPECT_FALSE(r["symbols"].empty());
    }
  }
  EXPECT_GE(diverted, mustDivert);
  EXPECT_EQ(summary.divertsFired, diverted);
  // Cartons leave in belt order: records come in the order of first sight.
  for (std::size_t i = 1; i < records.size(); ++i) {
    EXPECT_LE(records[i - 1]["first_seen"].get<double>(), records[i]["first_seen"].get<double>());
  }
}

TEST_F(StationOnASet, CorruptFrameIsSkippedCountedAndTheRunGoesOn) {
  const fs::path copy = root_ / "corrupt";
  fs::copy(root_ / "set", copy, fs::copy_options::recursive);
  std::ofstream(copy / "frames" / "000040.png", std::ios::trunc) << "not an image";
  RunOptions options;
  options.config = configFor(copy, "corrupt.jsonl");
  const RunSummary summary = Station(options).run();
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  EXPECT_EQ(summary.framesCorrupt, 1U);
  EXPECT_EQ(summary.framesProcessed, 89U);
  EXPECT_FALSE(journal("corrupt.jsonl").empty());
}

TEST_F(StationOnASet, StageThatThrowsDivertsTheCartonsInViewAsUnexpected) {
  RunOptions options;
  options.config = configFor(root_ / "set", "throws.jsonl");
  std::atomic<int> thrown{0};
  options.readHook = [&](FrameWork& f, const std::function<void(FrameWork&)>& read) {
    if (f.frame.name == "frames/000030.png") {
      ++thrown;
      throw std::runtime_error("injected failure");
    }
    read(f);
  };
  const RunSummary summary = Station(options).run();
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  EXPECT_EQ(thrown.load(), 1);
  EXPECT_EQ(summary.stageFailures, 1U);
  EXPECT_EQ(summary.framesProcessed, 90U);  // the graph went on
  std::size_t unexpected = 0;
  for (const auto& r : journal("throws.jsonl")) {
    if (r["reason"] != "unexpected") continue;
    ++unexpected;
    EXPECT_EQ(r["verdict"], "divert");
    EXPECT_NE(r["why"][0].get<std::string>().find("frames/000030.png: read: injected failure"), std::string::npos);
  }
  EXPECT_GE(unexpected, 1U);
  EXPECT_EQ(summary.diverted.at("unexpected"), unexpected);
}

TEST_F(StationOnASet, StopDrainsAndDecidesEveryCartonSeen) {
  RunOptions options;
  options.config = configFor(root_ / "set", "stopped.jsonl");
  options.config.source.speed = *config::ReplaySpeed::parse("realtime");
  std::atomic<Station*> running{nullptr};
  options.decided = [&](const decide::CartonRecord&) {
    if (Station* s = running.load()) s->stop();  // stop after the first decision
  };
  Station station(options);
  running = &station;
  const RunSummary summary = station.run();
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  EXPECT_LT(summary.framesReceived, 90U);
  EXPECT_EQ(summary.framesProcessed, summary.framesReceived - summary.framesDropped);
  const auto records = journal("stopped.jsonl");
  EXPECT_EQ(records.size(), summary.cartons);
  EXPECT_GE(records.size(), 2U);  // the first, and those in view at the stop
  std::set<std::string> ids;
  for (const auto& r : records) EXPECT_TRUE(ids.insert(r["carton"].get<std::string>()).second);
}

// Seconds since the epoch of a journal's "wall" ("2026-12-07T03:41:07.125Z").
double wallSeconds(const std::string& iso) {
  std::tm t{};
  int ms = 0;
  std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min, &t.tm_sec,
              &ms);
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  return static_cast<double>(::timegm(&t)) + ms / 1000.0;
}

double epochSeconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

TEST_F(StationOnASet, EveryJournalRecordReachesTheWebhookOnceAlsoAfterItWasDown) {
  auto server = std::make_unique<testing::RecordServer>();
  const int port = server->port();
  std::mutex serverMutex;
  RunOptions options;
  options.config = configFor(root_ / "set", "webhook.jsonl");
  config::SinkConfig hook;
  hook.name = "mes";
  hook.url = "http://127.0.0.1:" + std::to_string(port) + "/records";
  hook.retryInitialS = 0.05;
  hook.retryMaxS = 0.2;
  options.config.sinks = {hook};
  // The receiver is down from the 30th frame read to the 60th.
  std::vector<std::string> beforeDown;
  options.readHook = [&](FrameWork& f, const std::function<void(FrameWork&)>& read) {
    read(f);
    const std::lock_guard lock(serverMutex);
    if (f.frame.name == "frames/000030.png" && server) {
      beforeDown = server->bodies();
      server.reset();
    }
    if (f.frame.name == "frames/000060.png" && !server) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // down a while: records wait
      server = std::make_unique<testing::RecordServer>(port);
    }
  };
  const RunSummary summary = Station(options).run();  // returns once the sink's queue is sent
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  const std::lock_guard lock(serverMutex);
  ASSERT_TRUE(server);
  std::vector<std::string> bodies = beforeDown;
  for (const auto& b : server->bodies()) bodies.push_back(b);
  const auto records = journal("webhook.jsonl");
  ASSERT_FALSE(records.empty());
  ASSERT_EQ(bodies.size(), records.size());
  for (std::size_t i = 0; i < records.size(); ++i) EXPECT_EQ(nlohmann::json::parse(bodies[i]), records[i]) << i;
}

TEST_F(StationOnASet, EveryDivertIsAPulseOnThePlcAtItsTimeAndNoPassIsOne) {
  testing::PlcSimulator plc;
  RunOptions options;
  options.config = configFor(root_ / "set", "plc.jsonl");
  options.config.source.speed = *config::ReplaySpeed::parse("realtime");
  // In real time the reader keeps the station's own budget, as on a line,
  // and the diverter is far enough that no divert is decided late even in
  // a sanitizer build, many times slower than a release build (it decided
  // cartons up to 1.7 s after they were last seen on a loaded 2-core
  // machine).
  options.config.readerBudgetMs = config::StationConfig{}.readerBudgetMs;
  options.config.line.diverterDistanceMm = 8000;  // 4 s at 2 m/s
  config::ActuatorConfig diverter;
  diverter.kind = config::ActuatorConfig::Kind::Modbus;
  diverter.name = "plc";
  diverter.address = "127.0.0.1:" + std::to_string(plc.port());
  diverter.coil = 7;
  diverter.pulseMs = 15;  // shorter than the gap between two cartons' diverts
  options.config.actuators = {diverter};
  const RunSummary summary = Station(options).run();
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the last pulse ends
  std::vector<double> due;  // wall time each divert was due
  for (const auto& r : journal("plc.jsonl")) {
    if (r["verdict"] != "divert") continue;
    ASSERT_LT(r["decided_at"].get<double>(), r["divert_at"].get<double>()) << r["carton"] << " was decided late";
    // The capture clock's zero on the wall clock, from the decision's two times.
    const double zero = wallSeconds(r["wall"].get<std::string>()) - r["decided_at"].get<double>();
    due.push_back(zero + r["divert_at"].get<double>());
  }
  ASSERT_FALSE(due.empty());
  std::vector<testing::PlcSimulator::Change> on, off;
  for (const auto& c : plc.changes()) {
    ASSERT_TRUE(c.coil);
    ASSERT_EQ(c.address, 7);
    (c.value != 0 ? on : off).push_back(c);
  }
  ASSERT_EQ(on.size(), due.size()) << "one pulse per divert, none for a pass";
  ASSERT_EQ(off.size(), on.size());
  const double framePeriodS = 1.0 / 30;
  for (std::size_t i = 0; i < on.size(); ++i) {
    EXPECT_NEAR(epochSeconds(on[i].wall), due[i], framePeriodS) << "divert " << i;
    EXPECT_NEAR(std::chrono::duration<double>(off[i].at - on[i].at).count(), 0.015, 0.03) << "pulse " << i;
  }
}

TEST_F(StationOnASet, TheExamplePluginReceivesEveryDecisionAndDivert) {
  const fs::path dir = root_ / "plugins";
  fs::create_directories(dir);
  fs::copy_file(GS1I_EXAMPLE_PLUGIN, dir / "record.so", fs::copy_options::overwrite_existing);
  const fs::path received = root_ / "plugin-received.txt";
  RunOptions options;
  options.config = configFor(root_ / "set", "plugin.jsonl");
  options.config.plugins.directory = dir.string();
  options.config.plugins.settings["record"] = received.string();
  const RunSummary summary = Station(options).run();
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  std::vector<std::string> decisions, diverts;
  std::ifstream in(received);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string kind, carton;
    words >> kind >> carton;
    (kind == "decision" ? decisions : diverts).push_back(carton);
  }
  std::vector<std::string> journalled, diverted;
  for (const auto& r : journal("plugin.jsonl")) {
    journalled.push_back(r["carton"].get<std::string>());
    if (r["verdict"] == "divert") diverted.push_back(r["carton"].get<std::string>());
  }
  ASSERT_FALSE(journalled.empty());
  EXPECT_EQ(decisions, journalled);
  EXPECT_EQ(diverts, diverted);
}

TEST_F(StationOnASet, MissingSetIsAnErrorBeforeAnyFrame) {
  RunOptions options;
  options.config = configFor(root_ / "nowhere", "none.jsonl");
  const RunSummary summary = Station(options).run();
  EXPECT_NE(summary.error.find("nowhere"), std::string::npos) << summary.error;
  EXPECT_EQ(summary.framesReceived, 0U);
}

TEST(StationGraph, FullStationDropsAtAdmissionAndRetiresEveryAdmittedFrameInOrder) {
  std::mutex mutex;
  std::condition_variable released;
  bool open = false;
  std::vector<std::uint64_t> order;
  StageBodies bodies;
  bodies.read = [&](FrameWork&) {
    std::unique_lock lock(mutex);
    released.wait(lock, [&] { return open; });
  };
  bodies.detect = [](FrameWork&) {};
  bodies.cartons = [&](const FrameWork& f) { order.push_back(f.admission); };
  StationGraph graph(bodies, 3, 2);
  int admitted = 0, dropped = 0;
  for (int i = 0; i < 10; ++i) (graph.admit(std::make_shared<FrameWork>()) ? admitted : dropped)++;
  EXPECT_EQ(admitted, 3);
  EXPECT_EQ(dropped, 7);
  {
    std::lock_guard lock(mutex);
    open = true;
  }
  released.notify_all();
  graph.waitIdle();
  EXPECT_EQ(order, (std::vector<std::uint64_t>{0, 1, 2}));
  EXPECT_TRUE(graph.admit(std::make_shared<FrameWork>()));  // room again once retired
  graph.waitIdle();
  EXPECT_EQ(order.back(), 3U);
}

}  // namespace
}  // namespace gs1inspect::graph
