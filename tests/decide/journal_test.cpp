// The journal's records and the divert scheduler's timing.
#include "decide/journal.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>

#include "decide/divert_scheduler.hpp"

namespace gs1inspect::decide {
namespace {

namespace fs = std::filesystem;

TEST(Journal, AppendsOneLinePerCartonWithTheContractKeys) {
  const fs::path path = fs::temp_directory_path() / ("gs1i-journal-" + std::to_string(::getpid()) + ".jsonl");
  fs::remove(path);
  std::string error;
  auto journal = Journal::open(path, error);
  ASSERT_TRUE(journal) << error;
  CartonRecord pass;
  pass.carton.id = "S000001";
  pass.carton.frames = {"frames/000001.png", "frames/000002.png"};
  pass.carton.firstSeenS = 0.0333;
  pass.carton.lastSeenS = 0.0667;
  read::DecodedSymbol s;
  s.symbology = "gs1-128";
  s.hri = "(00)106141412345678908";
  s.raw = "]C100106141412345678908";
  s.gs1 = true;
  s.parsed.elements.push_back({});
  pass.carton.symbols.push_back({s, "frames/000001.png", 2});
  pass.decidedAtS = 0.1;
  pass.wall = "2026-12-06T10:00:00.000Z";
  ASSERT_TRUE(journal->append(pass, error)) << error;
  CartonRecord divert = pass;
  divert.carton.id = "S000002";
  divert.verdict.reason = Reason::NoRead;
  divert.verdict.why = {"no symbol read"};
  divert.divertAtS = 0.85;
  ASSERT_TRUE(journal->append(divert, error)) << error;
  journal.reset();

  std::ifstream in(path);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  const auto first = nlohmann::json::parse(line);
  EXPECT_EQ(first["carton"], "S000001");
  EXPECT_EQ(first["verdict"], "pass");
  EXPECT_TRUE(first["reason"].is_null());
  EXPECT_TRUE(first["divert_at"].is_null());
  EXPECT_EQ(first["frames"].size(), 2U);
  EXPECT_EQ(first["symbols"][0]["symbology"], "gs1-128");
  EXPECT_EQ(first["symbols"][0]["frame"], "frames/000001.png");
  EXPECT_TRUE(first["symbols"][0].contains("quad"));
  EXPECT_DOUBLE_EQ(first["first_seen"].get<double>(), 0.033);
  EXPECT_EQ(first["wall"], "2026-12-06T10:00:00.000Z");
  ASSERT_TRUE(std::getline(in, line));
  const auto second = nlohmann::json::parse(line);
  EXPECT_EQ(second["verdict"], "divert");
  EXPECT_EQ(second["reason"], "no-read");
  EXPECT_DOUBLE_EQ(second["divert_at"].get<double>(), 0.85);
  EXPECT_FALSE(std::getline(in, line));
  fs::remove(path);
}

TEST(Journal, UnwritablePathIsNamed) {
  std::string error;
  EXPECT_FALSE(Journal::open("/nonexistent/dir/journal.jsonl", error));
  EXPECT_NE(error.find("/nonexistent/dir/journal.jsonl"), std::string::npos) << error;
}

TEST(Journal, WallClockIsIso8601Utc) {
  const std::string wall = wallClockNow();
  ASSERT_EQ(wall.size(), 24U) << wall;
  EXPECT_EQ(wall[10], 'T');
  EXPECT_EQ(wall.back(), 'Z');
}

// An actuator that keeps what it was given.
class Recorder : public Actuator {
 public:
  explicit Recorder(std::vector<DivertCommand>& out) : out_(out) {}
  const std::string& name() const override { return name_; }
  bool fire(const DivertCommand& d, std::string&) override {
    out_.push_back(d);
    return true;
  }

 private:
  std::string name_ = "recorder";
  std::vector<DivertCommand>& out_;
};

TEST(DivertScheduler, DivertTimeIsWhenTheCartonReachesTheDiverter) {
  // Seen 100 mm past the optical axis at 2.0 s; the diverter 1500 mm on; 2 m/s.
  EXPECT_DOUBLE_EQ(divertTime(2.0, 100, 1500, 2000), 2.7);
}

TEST(DivertScheduler, FiresWhenTheClockReachesItsTimeAndLateOnesAtOnce) {
  std::atomic<double> clock{0};
  std::vector<DivertCommand> fired;
  std::atomic<int> count{0};
  {
    std::vector<std::unique_ptr<Actuator>> actuators;
    actuators.push_back(std::make_unique<Recorder>(fired));
    DivertScheduler scheduler(std::move(actuators), [&] { return clock.load(); },
                              {[&](const DivertCommand&) { ++count; }, {}});
    scheduler.schedule({"S2", "no-read", 2.0, 0, false}, 0.5);
    scheduler.schedule({"S1", "mismatch", 1.0, 0, false}, 0.5);
    scheduler.advance();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(count.load(), 0);  // not yet due
    clock = 1.5;
    scheduler.advance();
    for (int i = 0; i < 200 && count.load() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(count.load(), 1);
    scheduler.schedule({"S0", "no-read", 1.2, 0, false}, 1.5);  // decided after it was due
    for (int i = 0; i < 200 && count.load() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(count.load(), 2);
    EXPECT_EQ(scheduler.pending(), 1U);
  }  // the destructor drains: S2 fires although its time has not come
  ASSERT_EQ(fired.size(), 3U);
  EXPECT_EQ(fired[0].carton, "S1");
  EXPECT_DOUBLE_EQ(fired[0].firedAtS, 1.5);
  EXPECT_FALSE(fired[0].late);
  EXPECT_EQ(fired[1].carton, "S0");
  EXPECT_TRUE(fired[1].late);
  EXPECT_EQ(fired[2].carton, "S2");
}

}  // namespace
}  // namespace gs1inspect::decide
