// The generator: the same arguments give the same set, byte for byte; the
// set reads back without errors; its truth is consistent with its data.
#include "generator/frame_generator.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "frameset/frame_set.hpp"
#include "gs1/parser.hpp"

namespace gs1inspect::generator {
namespace {

namespace fs = std::filesystem;

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("gen_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

GeneratorOptions small(const fs::path& out, std::uint64_t seed) {
  GeneratorOptions o;
  o.out = out;
  o.frames = 14;
  o.seed = seed;
  return o;
}

TEST(FrameGenerator, SameArgumentsSameSet) {
  const auto a = freshDir("a");
  const auto b = freshDir("b");
  const auto c = freshDir("c");
  GeneratorSummary sa, sb, sc;
  std::string error;
  ASSERT_TRUE(generateFrameSet(small(a, 11), sa, error)) << error;
  ASSERT_TRUE(generateFrameSet(small(b, 11), sb, error)) << error;
  ASSERT_TRUE(generateFrameSet(small(c, 12), sc, error)) << error;
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(a)) {
    if (!entry.is_regular_file()) continue;
    const auto relative = fs::relative(entry.path(), a);
    EXPECT_EQ(slurp(entry.path()), slurp(b / relative)) << relative;
    ++files;
  }
  EXPECT_GT(files, 14u);
  EXPECT_NE(slurp(a / "truth.jsonl"), slurp(c / "truth.jsonl"));
  for (const auto& dir : {a, b, c}) fs::remove_all(dir);
}

TEST(FrameGenerator, SetReadsBackAndTruthIsConsistent) {
  const auto dir = freshDir("truth");
  GeneratorSummary summary;
  std::string error;
  auto options = small(dir, 3);
  options.frames = 40;
  ASSERT_TRUE(generateFrameSet(options, summary, error)) << error;
  const auto read = frameset::readFrameSet(dir);
  for (const auto& e : read.errors) ADD_FAILURE() << e.describe();
  ASSERT_TRUE(read.set);
  EXPECT_EQ(read.set->frames.size(), 40u);
  EXPECT_NEAR(read.set->info.pxPerMm, 4.0, 1e-9);
  EXPECT_GE(summary.cartons, 3);
  EXPECT_GT(summary.symbolsFullyVisible, 0);
  std::map<std::string, std::string> expect;
  for (const auto& c : read.set->cartons) expect[c.carton] = c.expect + "/" + c.reason;
  gs1::ParseOptions parseOptions;
  parseOptions.today = gs1::CivilDate{2026, 11, 25};
  for (const auto& t : read.set->truth) {
    EXPECT_FALSE(t.carton.empty()) << t.frame;
    for (const auto& s : t.symbols) {
      const std::string carton = s.carton.empty() ? t.carton : s.carton;
      ASSERT_TRUE(expect.contains(carton)) << carton;
      const auto parsed = gs1::parse(s.hri, parseOptions);
      EXPECT_TRUE(parsed.complete) << s.hri;
      // A carton expected to pass carries valid data as a whole; a symbol on
      // it may lean on a sibling for a requisite AI, so only the other
      // errors are checked here.
      if (expect[carton] == "pass/") {
        for (const auto& e : parsed.errors) {
          EXPECT_EQ(e.code, gs1::LintCode::MissingRequisite) << s.hri << ": " << e.message;
        }
      }
      EXPECT_TRUE(s.detail.contains("quad")) << t.frame;
    }
  }
  fs::remove_all(dir);
}

TEST(FrameGenerator, RefusesToWriteOverAFolder) {
  const auto dir = freshDir("busy");
  fs::create_directories(dir);
  std::ofstream(dir / "keep.txt") << "x";
  GeneratorSummary summary;
  std::string error;
  EXPECT_FALSE(generateFrameSet(small(dir, 1), summary, error));
  EXPECT_NE(error.find("never written over"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gs1inspect::generator
