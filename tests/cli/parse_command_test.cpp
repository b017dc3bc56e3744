// `gs1-inspect parse` as scripts use it: exit codes, one JSON object per
// input and line, stdin, offsets in the text as typed.
#include <gtest/gtest.h>

#include "cli/executable_runner.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using gs1inspect::cli::testing::jsonLines;
using gs1inspect::cli::testing::run;

TEST(ParseCommand, ValidInputExitsZeroWithDocumentedJson) {
  const auto r = run("parse --json --today 2026-11-25 '(01)09506000134352(17)201225(10)ABC123'");
  EXPECT_EQ(r.exitCode, 0);
  const auto lines = jsonLines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  const auto& j = lines[0];
  EXPECT_EQ(j["input"], "(01)09506000134352(17)201225(10)ABC123");
  EXPECT_EQ(j["form"], "bracketed");
  EXPECT_EQ(j["valid"], true);
  EXPECT_EQ(j["raw"], "0109506000134352172012251" "0ABC123");
  EXPECT_EQ(j["digital_link"], "https://id.gs1.org/01/09506000134352/10/ABC123?17=201225");
  EXPECT_EQ(j["elements"][1]["date"], "2020-12-25");
  EXPECT_TRUE(j["errors"].empty());
}

TEST(ParseCommand, AnyInvalidInputExitsOne) {
  const auto r = run("parse --json '(01)09506000134352' '(01)09506000134353'");
  EXPECT_EQ(r.exitCode, 1);
  const auto lines = jsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["valid"], true);
  EXPECT_EQ(lines[1]["valid"], false);
  EXPECT_EQ(lines[1]["errors"][0]["code"], "bad-check-digit");
  EXPECT_EQ(lines[1]["errors"][0]["ai"], "01");
  EXPECT_EQ(lines[1]["errors"][0]["offset"], 4);  // the whole GTIN, as the contract shows
  EXPECT_EQ(lines[1]["errors"][0]["length"], 14);
}

TEST(ParseCommand, ReadsStdinLinesSkippingEmptyOnesAndMapsGsEscapes) {
  const auto r = run("parse --json", "0109506000134352" "10ABC\\x1D" "17201310\n\n(00)106141412345678908\r\n");
  EXPECT_EQ(r.exitCode, 1);
  const auto lines = jsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["form"], "raw");
  EXPECT_EQ(lines[0]["raw"], "0109506000134352" "10ABC\x1d" "17201310");
  // the month "13" as typed, after the four characters \x1D
  EXPECT_EQ(lines[0]["errors"][0]["code"], "bad-date");
  EXPECT_EQ(lines[0]["errors"][0]["offset"], 29);
  EXPECT_EQ(lines[0]["errors"][0]["length"], 2);
  EXPECT_EQ(lines[1]["valid"], true);
}

TEST(ParseCommand, NullsWhereAFormCannotBeMade) {
  const auto r = run("parse --json '(10)ABC'");
  EXPECT_EQ(r.exitCode, 1);
  const auto j = jsonLines(r.out).at(0);
  EXPECT_TRUE(j["digital_link"].is_null());
  EXPECT_EQ(j["hri"], "(10)ABC");
}

TEST(ParseCommand, BadBytesStillGiveJson) {
  const auto r = run("parse --json", "(10)\xff\xfe\n");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(jsonLines(r.out).at(0)["errors"].size(), 2u);
}

TEST(ParseCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(run("parse --today 2026-02-30 '(01)09506000134352'").exitCode, 2);
  EXPECT_EQ(run("parse --no-such-flag").exitCode, 2);
  EXPECT_EQ(run("no-such-command").exitCode, 2);
}

TEST(ParseCommand, HelpAndVersionOnEveryCommand) {
  for (const char* args : {"--help", "--version", "parse --help", "parse --version"}) {
    const auto r = run(args);
    EXPECT_EQ(r.exitCode, 0) << args;
    EXPECT_FALSE(r.out.empty()) << args;
  }
  EXPECT_NE(run("parse --version").out.find("gs1-inspect"), std::string::npos);
}

TEST(ParseCommand, TextOutputPointsAtTheProblem) {
  const auto r = run("parse --today 2026-11-25 '(01)09506000134352(17)201310'");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find("bad-date"), std::string::npos);
  EXPECT_NE(r.out.find("                        ^^"), std::string::npos) << r.out;
}

}  // namespace

namespace {

// make-frames, bench and score together on a small generated set.
TEST(BenchCommands, MakeFramesBenchAndScore) {
  const std::string dir = ::testing::TempDir() + "/bench_set_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  const auto made = run("make-frames --out " + dir + " --frames 12 --seed 6");
  ASSERT_EQ(made.exitCode, 0) << made.out;
  EXPECT_NE(made.out.find("12 frames"), std::string::npos);
  EXPECT_EQ(run("make-frames --out " + dir + " --frames 2").exitCode, 2);  // never over an existing set
  EXPECT_EQ(run("make-frames --out " + dir + "_x --damage smudge").exitCode, 2);

  const std::string perFrame = dir + "_per_frame.jsonl";
  const auto bench = run("bench --frames " + dir + " --baseline --json --threads 2 --per-frame " + perFrame);
  ASSERT_EQ(bench.exitCode, 0) << bench.out;
  const auto j = nlohmann::json::parse(bench.out);
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["frames"], 12);
  for (const char* side : {"project_1thread", "project", "baseline"}) {
    ASSERT_TRUE(j.contains(side)) << side;
    for (const char* key : {"threads", "fps", "latency_ms", "symbols", "read", "read_rate", "false_reads",
                            "aborted_frames", "budget_hits", "by_symbology", "by_damage", "by_damage_alone",
                            "clean_by_symbology"}) {
      EXPECT_TRUE(j[side].contains(key)) << side << "." << key;
    }
  }
  EXPECT_EQ(j["project"]["threads"], 2);
  EXPECT_TRUE(j.contains("ratio"));
  EXPECT_GT(j["baseline"]["symbols"].get<int>(), 0);

  // Scoring the per-frame file gives the bench's own figures.
  const auto scored = run("score --json --frames " + dir + " --results " + perFrame);
  ASSERT_EQ(scored.exitCode, 0) << scored.out;
  const auto s = nlohmann::json::parse(scored.out);
  EXPECT_EQ(s["baseline"]["read"], j["baseline"]["read"]);
  EXPECT_EQ(s["baseline"]["false_reads"], j["baseline"]["false_reads"]);
  EXPECT_EQ(s["project"]["symbols"], j["project"]["symbols"]);
  EXPECT_EQ(run("bench --frames /nonexistent/set").exitCode, 2);

  // The reader's budget: given all the time it wants, it never runs out;
  // a budget that is no time is refused.
  const auto unhurried = run("bench --frames " + dir + " --json --threads 1 --budget-ms 60000");
  ASSERT_EQ(unhurried.exitCode, 0) << unhurried.out;
  EXPECT_EQ(nlohmann::json::parse(unhurried.out)["project"]["budget_hits"], 0);
  EXPECT_EQ(run("bench --frames " + dir + " --budget-ms 0").exitCode, 2);

  // A reader's results that leave frames out: those frames read nothing.
  const std::string partial = dir + "_partial.jsonl";
  std::ofstream(partial) << R"({"frame": "frames/000000.png", "ms": 2.0, "symbols": []})" << "\n"
                         << R"({"image": "/elsewhere/frames/000001.png", "ms": 3.0, "symbols": []})" << "\n";
  const auto partly = run("score --json --frames " + dir + " --results " + partial);
  ASSERT_EQ(partly.exitCode, 0) << partly.out;
  EXPECT_EQ(nlohmann::json::parse(partly.out)["results"]["symbols"], j["baseline"]["symbols"]);
  std::ofstream(partial, std::ios::app) << "not json\n" << R"({"frame": "frames/999999.png", "symbols": []})" << "\n";
  EXPECT_EQ(run("score --json --frames " + dir + " --results " + partial).exitCode, 1);

  // A broken truth line: the set cannot be scored.
  std::ofstream(dir + "/truth.jsonl", std::ios::app) << "{broken\n";
  EXPECT_EQ(run("bench --frames " + dir).exitCode, 2);
  EXPECT_EQ(run("score --frames " + dir + " --results " + perFrame).exitCode, 2);
  std::filesystem::remove_all(dir);
  std::filesystem::remove(perFrame);
  std::filesystem::remove(partial);
}

}  // namespace
