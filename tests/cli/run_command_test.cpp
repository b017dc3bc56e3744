// `gs1-inspect run` and `check-config` as an operator uses them: exit
// codes, and SIGTERM in the middle of a run draining to a complete journal.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "cli/executable_runner.hpp"

namespace {

namespace fs = std::filesystem;
using gs1inspect::cli::testing::run;

TEST(CheckConfig, ValidFileSaysSoAndABadOneExitsTwo) {
  const fs::path example = fs::path(GS1I_SOURCE_DIR) / "config" / "examples" / "replay.yaml";
  const auto good = run("check-config " + example.string());
  EXPECT_EQ(good.exitCode, 0);
  EXPECT_NE(good.out.find("valid"), std::string::npos);
  const fs::path bad = fs::path(::testing::TempDir()) / ("bad-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(bad) << "line:\n  belt_speed_mm_s: fast\n";
  EXPECT_EQ(run("check-config " + bad.string()).exitCode, 2);
  EXPECT_EQ(run("run --config " + bad.string()).exitCode, 2);
  EXPECT_EQ(run("check-config /nonexistent.yaml").exitCode, 2);
  fs::remove(bad);
}

TEST(RunCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(run("run --frames /nonexistent-set --metrics off --journal /dev/null").exitCode, 2);
  EXPECT_EQ(run("run --speed sideways --frames /nonexistent-set").exitCode, 2);
}

TEST(RunCommand, SigtermMidRunDrainsAndExitsZeroWithACompleteJournal) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("gs1i-sigterm-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ASSERT_EQ(run("make-frames --frames 60 --damage rotation --out " + (dir / "set").string()).exitCode, 0);
  const std::string journal = (dir / "journal.jsonl").string();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string set = (dir / "set").string();
    const std::string diverts = (dir / "run.log").string();
    std::freopen(diverts.c_str(), "w", stdout);
    std::freopen(diverts.c_str(), "a", stderr);
    execl(GS1I_EXECUTABLE, GS1I_EXECUTABLE, "run", "--frames", set.c_str(), "--speed", "realtime", "--journal",
          journal.c_str(), "--metrics", "off", static_cast<char*>(nullptr));
    _exit(127);
  }
  // 60 frames at 30 frames/s: stop in the middle, after the first decisions.
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  ASSERT_EQ(kill(child, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::ifstream in(journal);
  std::set<std::string> cartons;
  double lastSeen = 0;
  for (std::string line; std::getline(in, line);) {
    const auto record = nlohmann::json::parse(line);  // every line whole
    EXPECT_TRUE(cartons.insert(record["carton"].get<std::string>()).second);
    lastSeen = std::max(lastSeen, record["last_seen"].get<double>());
  }
  EXPECT_GE(cartons.size(), 2U);
  EXPECT_LT(lastSeen, 1.95);  // stopped before the end of the set (2 s)
  fs::remove_all(dir);
}

}  // namespace
