// The station end to end on a generated frame set: one record per carton,
// none passed that must be diverted, a corrupt frame skipped, a stage that
// throws turned into unexpected diverts, and the graph's own guarantees.
#include "graph/station.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "frameset/frame_set.hpp"
#include "generator/frame_generator.hpp"
#include "graph/station_graph.hpp"

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
