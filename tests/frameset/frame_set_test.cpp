// Frame sets: write then read gives the same set; every malformed part is
// named with its file and line, and the rest is still read.
#include "frameset/frame_set.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

#include <opencv2/core.hpp>

#include "frameset/frame_set_writer.hpp"

namespace gs1inspect::frameset {
namespace {

namespace fs = std::filesystem;

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("frameset_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

void writeFile(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

FrameSetInfo sampleInfo() {
  FrameSetInfo info;
  info.fps = 30;
  info.beltSpeedMmS = 2000;
  info.pxPerMm = 4;
  info.direction = "+x";
  info.source = "test";
  info.extra["generator"] = {{"seed", 7}};
  return info;
}

TruthFrame sampleTruth(const std::string& frame) {
  TruthFrame t;
  t.frame = frame;
  t.tMs = 33.3;
  t.carton = "C000001";
  t.inView = {"C000000", "C000001"};
  TruthSymbol s;
  s.symbology = "gs1-128";
  s.hri = "(00)106141412345678908";
  s.damage = {"stripe"};
  s.detail["stripe_px"] = 4;
  s.detail["stripe_orientation"] = "parallel";
  t.symbols.push_back(s);
  TruthSymbol dm;
  dm.symbology = "gs1-datamatrix";
  dm.hri = "(01)09506000134352(10)A\\(1";
  dm.fullyVisible = false;
  dm.carton = "C000000";
  t.symbols.push_back(dm);
  return t;
}

TEST(FrameSet, RoundTrip) {
  const fs::path dir = freshDir("roundtrip");
  std::string error;
  auto writer = FrameSetWriter::create(dir, sampleInfo(), error);
  ASSERT_TRUE(writer) << error;
  const cv::Mat grey(120, 160, CV_8UC1, cv::Scalar(128));
  const cv::Mat bgr(120, 160, CV_8UC3, cv::Scalar(1, 2, 3));
  const auto first = writer->addFrame(grey, error);
  const auto second = writer->addFrame(bgr, error);
  ASSERT_TRUE(first && second) << error;
  EXPECT_EQ(*first, "frames/000000.png");
  ASSERT_TRUE(writer->addTruth(sampleTruth(*second), error)) << error;
  ASSERT_TRUE(writer->addCarton({"C000000", "pass", ""}, error));
  ASSERT_TRUE(writer->addCarton({"C000001", "divert", "invalid-data"}, error));
  ResultFrame result;
  result.frame = *first;
  result.tMs = 0;
  result.symbols = nlohmann::ordered_json::array({{{"symbology", "gs1-128"}, {"hri", "(00)106141412345678908"}}});
  result.verdict = "divert";
  result.reason = "no-read";
  ASSERT_TRUE(writer->addResult(result, error));
  ASSERT_TRUE(writer->finish(error)) << error;

  const auto read = readFrameSet(dir);
  for (const auto& e : read.errors) ADD_FAILURE() << e.describe();
  ASSERT_TRUE(read.set);
  const FrameSet& set = *read.set;
  EXPECT_EQ(toJson(set.info), toJson(sampleInfo()));
  EXPECT_EQ(set.frames, (std::vector<std::string>{"frames/000000.png", "frames/000001.png"}));
  ASSERT_EQ(set.truth.size(), 1u);
  EXPECT_EQ(toJson(set.truth[0]), toJson(sampleTruth(*second)));
  ASSERT_EQ(set.cartons.size(), 2u);
  EXPECT_EQ(set.cartons[1].reason, "invalid-data");
  ASSERT_EQ(set.results.size(), 1u);
  EXPECT_EQ(toJson(set.results[0]), toJson(result));
  EXPECT_DOUBLE_EQ(set.frameTimeMs(3), 100.0);
  fs::remove_all(dir);
}

TEST(FrameSet, NeverWritesOverASet) {
  const fs::path dir = freshDir("overwrite");
  fs::create_directories(dir);
  writeFile(dir / "keep.txt", "user data");
  std::string error;
  EXPECT_FALSE(FrameSetWriter::create(dir, sampleInfo(), error));
  EXPECT_NE(error.find("never written over"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "keep.txt"));
  fs::remove_all(dir);
}

// A set with frames/ and a frameset.json, and the given extra files.
fs::path makeSet(const std::string& name, const std::string& info, int frames = 2) {
  const fs::path dir = freshDir(name);
  fs::create_directories(dir / "frames");
  writeFile(dir / "frameset.json", info);
  for (int i = 0; i < frames; ++i) writeFile(dir / "frames" / ("00000" + std::to_string(i) + ".png"), "x");
  return dir;
}

const char* kInfo = R"({"version": 1, "fps": 30.0, "belt_speed_mm_s": 2000, "px_per_mm": 4, "direction": "+x"})";

std::string allErrors(const ReadResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += e.describe() + "\n";
  return out;
}

TEST(FrameSet, MalformedInfoIsFatalAndNamed) {
  struct Case {
    std::string info;
    std::string expected;
  };
  const Case cases[] = {
      {"{\"version\": 1,\n \"fps\": }", "frameset.json:2: not valid JSON"},
      {R"({"version": 2, "fps": 30})", "frameset.json: \"version\" is 2"},
      {R"({"version": 1})", "frameset.json: \"fps\" is missing"},
      {R"({"version": 1, "fps": 0})", "frameset.json: \"fps\" must be greater than 0"},
      {R"({"version": 1, "fps": 30, "direction": "up"})", "frameset.json: \"direction\" 'up' is not one of"},
      {R"({"version": 1, "fps": "30"})", "frameset.json: \"fps\" must be a number"},
  };
  for (const auto& c : cases) {
    const auto dir = makeSet("info", c.info);
    const auto read = readFrameSet(dir);
    EXPECT_FALSE(read.set) << c.info;
    EXPECT_NE(allErrors(read).find(c.expected), std::string::npos) << allErrors(read);
    fs::remove_all(dir);
  }
}

TEST(FrameSet, MissingPartsAreFatal) {
  EXPECT_NE(allErrors(readFrameSet("/nonexistent/set")).find("is not a folder"), std::string::npos);
  const auto noFrames = makeSet("noframes", kInfo, 0);
  EXPECT_NE(allErrors(readFrameSet(noFrames)).find("frames/: holds no image"), std::string::npos);
  fs::remove_all(noFrames);
  const auto noInfo = makeSet("noinfo", kInfo);
  fs::remove(noInfo / "frameset.json");
  EXPECT_NE(allErrors(readFrameSet(noInfo)).find("frameset.json: is missing"), std::string::npos);
  fs::remove_all(noInfo);
}

TEST(FrameSet, BadRecordsAreNamedByLineAndTheRestIsRead) {
  const auto dir = makeSet("records", kInfo);
  writeFile(dir / "frames" / "notes.txt", "operator notes");
  writeFile(dir / "truth.jsonl",
            R"({"frame": "frames/000000.png", "symbols": []})" "\n"
            "\n"
            R"({"frame": "frames/000001.png", "symbols": [{"symbology": "pdf417", "hri": "x"}]})" "\n"
            R"({"frame": "frames/000001.png", "symbols": [{"symbology": "qr", "hri": "x", "damage": ["smudge"]}]})" "\n"
            R"({"frame": "frames/000009.png", "symbols": []})" "\n"
            R"(not json)" "\n"
            R"({"frame": "frames/000001.png", "symbols": [{"symbology": "qr", "hri": "x", "fully_visible": "yes"}]})" "\n");
  writeFile(dir / "cartons.jsonl",
            R"({"carton": "C1", "expect": "pass"})" "\n"
            R"({"carton": "C2", "expect": "divert", "reason": "smudged"})" "\n"
            R"({"carton": "C3", "expect": "maybe"})" "\n");
  const auto read = readFrameSet(dir);
  ASSERT_TRUE(read.set);
  const std::string errors = allErrors(read);
  EXPECT_NE(errors.find("frames/notes.txt: is not a PNG"), std::string::npos) << errors;
  EXPECT_NE(errors.find("truth.jsonl:3: symbols[0]: \"symbology\" 'pdf417' is not one of"), std::string::npos) << errors;
  EXPECT_NE(errors.find("truth.jsonl:4: symbols[0]: \"damage\" 'smudge'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("truth.jsonl:6: not valid JSON"), std::string::npos) << errors;
  EXPECT_NE(errors.find("truth.jsonl:7: symbols[0]: \"fully_visible\" must be true or false"), std::string::npos) << errors;
  EXPECT_NE(errors.find("truth.jsonl:5: \"frame\" \"frames/000009.png\" is not in frames/"), std::string::npos) << errors;
  EXPECT_NE(errors.find("cartons.jsonl:2: \"reason\" 'smudged'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("cartons.jsonl:3: \"expect\" 'maybe'"), std::string::npos) << errors;
  EXPECT_EQ(read.set->frames.size(), 2u);
  EXPECT_EQ(read.set->truth.size(), 1u);
  EXPECT_EQ(read.set->cartons.size(), 1u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gs1inspect::frameset
