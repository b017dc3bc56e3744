// `gs1-inspect read` as scripts use it: one JSON object per image and line
// with the documented keys, errors named per file, exit codes.
#include <filesystem>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "cli/executable_runner.hpp"

namespace {

using gs1inspect::cli::testing::jsonLines;
using gs1inspect::cli::testing::run;

const std::filesystem::path kSamples = std::filesystem::path(GS1I_TEST_DATA_DIR) / "zxing-blackbox";
// These tests check what is read, not how fast: the reader gets all the
// time it wants (a sanitizer build is many times slower than the budget
// is made for).
const std::string kRead = "read --budget-ms 10000 ";

TEST(ReadCommand, OneJsonObjectPerImageWithTheDocumentedKeys) {
  const auto gs1128 = (kSamples / "code128-1" / "1.png").string();
  const auto matrix = (kSamples / "datamatrix-1" / "gs1-figure-4.15.1-2-32x32.png").string();
  ASSERT_TRUE(std::filesystem::exists(gs1128)) << gs1128 << " is missing: see tests/data/README.md";
  const auto r = run(kRead + "--json --today 2026-11-25 " + gs1128 + " " + matrix);
  EXPECT_EQ(r.exitCode, 0);
  const auto lines = jsonLines(r.out);
  ASSERT_EQ(lines.size(), 2U);
  for (const auto& j : lines) {
    for (const char* key : {"image", "ms", "error", "symbols"}) EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_TRUE(j["error"].is_null());
    EXPECT_GE(j["ms"].get<double>(), 0.0);
    ASSERT_EQ(j["symbols"].size(), 1U) << j.dump();
    const auto& s = j["symbols"][0];
    for (const char* key : {"symbology", "hri", "raw", "valid", "errors", "quad", "module_px", "partial", "strategy"})
      EXPECT_TRUE(s.contains(key)) << key;
    ASSERT_EQ(s["quad"].size(), 4U);
    for (const auto& corner : s["quad"]) EXPECT_EQ(corner.size(), 2U);
    EXPECT_GT(s["module_px"].get<double>(), 0.0);
    EXPECT_EQ(s["partial"], false);
    EXPECT_FALSE(s["strategy"].get<std::string>().empty());
  }
  EXPECT_EQ(lines[0]["image"], gs1128);
  EXPECT_EQ(lines[1]["symbols"][0]["symbology"], "gs1-datamatrix");
  EXPECT_EQ(lines[1]["symbols"][0]["raw"].get<std::string>().substr(0, 3), "]d2");
}

TEST(ReadCommand, Gs1DataCarriesItsVerdictAndGroupSeparators) {
  // rssexpanded-1/7: (10)567(11)010101: a GS after the variable-length batch.
  const auto image = (kSamples / "rssexpanded-1" / "7.png").string();
  ASSERT_TRUE(std::filesystem::exists(image)) << image << " is missing: see tests/data/README.md";
  const auto r = run(kRead + "--json --today 2026-11-25 " + image);
  EXPECT_EQ(r.exitCode, 0);
  const auto lines = jsonLines(r.out);
  ASSERT_EQ(lines.size(), 1U);
  ASSERT_EQ(lines[0]["symbols"].size(), 1U);
  const auto& s = lines[0]["symbols"][0];
  EXPECT_EQ(s["symbology"], "gs1-databar-expanded");
  EXPECT_EQ(s["hri"], "(10)567(11)010101");
  EXPECT_EQ(s["raw"], "]e010567\x1d" "11010101");
  // Batch and production date without a GTIN: GS1 requires one of them.
  EXPECT_EQ(s["valid"], false);
  ASSERT_EQ(s["errors"].size(), 2U);
  EXPECT_EQ(s["errors"][0]["code"], "missing-requisite");
  EXPECT_GT(s["module_px"].get<double>(), 0.0);
}

TEST(ReadCommand, AFileThatIsNotAnImageIsNamedAndTheRestIsRead) {
  const auto good = (kSamples / "code128-1" / "1.png").string();
  const auto text = (kSamples / "code128-1" / "1.txt").string();
  const auto r = run(kRead + "--json " + text + " /nonexistent/frame.png " + good);
  EXPECT_EQ(r.exitCode, 2);
  const auto lines = jsonLines(r.out);
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_NE(lines[0]["error"].get<std::string>().find("cannot be read as an image"), std::string::npos);
  EXPECT_TRUE(lines[0]["symbols"].empty());
  EXPECT_FALSE(lines[1]["error"].is_null());
  EXPECT_TRUE(lines[2]["error"].is_null());
  EXPECT_EQ(lines[2]["symbols"].size(), 1U);
}

TEST(ReadCommand, AnImageTheReaderCannotReadSaysWhyInJsonAndText) {
  // A 16-bit grey PNG loads, but the reader reads 8-bit images only: the
  // reader's own error is reported, never "0 symbols".
  const auto dir = std::filesystem::temp_directory_path() / ("gs1i-read-16bit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto deep = (dir / "deep.png").string();
  ASSERT_TRUE(cv::imwrite(deep, cv::Mat(64, 64, CV_16UC1, cv::Scalar(30000))));
  const auto good = (kSamples / "code128-1" / "1.png").string();
  const auto r = run(kRead + "--json " + deep + " " + good);
  EXPECT_EQ(r.exitCode, 2);
  const auto lines = jsonLines(r.out);
  ASSERT_EQ(lines.size(), 2U);
  ASSERT_TRUE(lines[0]["error"].is_string()) << lines[0].dump();
  EXPECT_NE(lines[0]["error"].get<std::string>().find("CV_16UC1"), std::string::npos) << lines[0].dump();
  EXPECT_TRUE(lines[0]["symbols"].empty());
  EXPECT_TRUE(lines[1]["error"].is_null());
  const auto text = run("read " + deep);
  EXPECT_EQ(text.exitCode, 2);
  EXPECT_NE(text.out.find(deep + ": a CV_16UC1 image"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("0 symbols"), std::string::npos) << text.out;
  std::filesystem::remove_all(dir);
}

TEST(ReadCommand, TextOutputAndUsageErrors) {
  const auto image = (kSamples / "code128-1" / "1.png").string();
  const auto r = run(kRead + image);
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.out.find("1 symbol"), std::string::npos) << r.out;
  EXPECT_EQ(run("read").exitCode, 2);
  EXPECT_EQ(run("read --budget-ms 0 " + image).exitCode, 2);
  EXPECT_EQ(run("read --today 2026-13-01 " + image).exitCode, 2);
}

}  // namespace
