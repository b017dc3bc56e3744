// Real photos (zxing-cpp's black-box samples in tests/data): every image of
// each folder through the reader's one entry point. Per folder, a minimum
// number read that only goes up, and no misread at all.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "gs1/ai_dictionary.hpp"
#include "read/reader.hpp"

namespace gs1inspect::read {
namespace {

const std::filesystem::path kSamples = std::filesystem::path(GS1I_TEST_DATA_DIR) / "zxing-blackbox";

struct Folder {
  const char* name;
  std::set<std::string> symbologies;  // what the folder's symbols are called here
  int floor;                          // read correctly at least (only ever raised)
  int zxing14;                        // what Debian's ZXing 1.4 reads alone (tests/data/README.md)
  int upstream;                       // upstream's own minimum ("slow" at 0 degrees)
};

// Floors total 393 of 429 images; Debian's ZXing 1.4 alone reads 383.
const std::vector<Folder>& folders() {
  static const std::vector<Folder> kFolders = {
      {"code128-1", {"code128", "gs1-128"}, 6, 6, 6},
      {"code128-2", {"code128", "gs1-128"}, 13, 12, 14},
      {"code128-3", {"code128", "gs1-128"}, 2, 2, 2},
      {"rss14-1", {"gs1-databar-omni"}, 10, 9, 11},
      {"rss14-2", {"gs1-databar-omni"}, 6, 6, 6},
      {"rssexpanded-1", {"gs1-databar-expanded"}, 36, 36, 37},
      {"rssexpanded-2", {"gs1-databar-expanded"}, 7, 5, 7},
      {"rssexpanded-3", {"gs1-databar-expanded"}, 116, 116, 118},
      {"rssexpandedstacked-1", {"gs1-databar-expanded"}, 61, 61, 62},
      {"rssexpandedstacked-2", {"gs1-databar-expanded"}, 2, 2, 2},
      {"datamatrix-1", {"datamatrix", "gs1-datamatrix"}, 27, 27, 30},
      {"datamatrix-2", {"datamatrix", "gs1-datamatrix"}, 13, 13, 13},
      {"datamatrix-3", {"datamatrix", "gs1-datamatrix"}, 21, 19, 27},
      {"datamatrix-4", {"datamatrix", "gs1-datamatrix"}, 20, 20, 21},
      {"datamatrix-5", {"datamatrix", "gs1-datamatrix"}, 0, 0, 0},
      {"qrcode-1", {"qr", "gs1-qr"}, 8, 8, 8},
      {"qrcode-2", {"qr", "gs1-qr"}, 45, 41, 53},
  };
  return kFolders;
}

std::string fileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Bracketed GS1 data as the samples write it: AI digits and data, GS after
// a variable-length field that is not last.
std::string elementString(const std::string& hri) {
  std::string out;
  std::size_t i = 0;
  while (i < hri.size() && hri[i] == '(') {
    const auto close = hri.find(')', i);
    if (close == std::string::npos) return {};
    const std::string ai = hri.substr(i + 1, close - i - 1);
    auto next = close + 1;
    while (next < hri.size() && hri[next] != '(') ++next;
    out += ai + hri.substr(close + 1, next - close - 1);
    const auto* entry = gs1::AiDictionary::builtin().find(ai);
    if (next < hri.size() && (entry == nullptr || !entry->predefinedLength)) out += '\x1d';
    i = next;
  }
  return i == hri.size() ? out : std::string();
}

struct Tally {
  int images = 0;
  int read = 0;
  std::vector<std::string> misreads;
  std::vector<std::string> missed;
};

Tally readFolder(const Folder& folder) {
  // Photos, not conveyor frames: a generous time budget, and the whole
  // image is decoded when localisation finds nothing.
  ReaderOptions options;
  options.budgetMs = 2000;
  options.wholeImageMaxPixels = 40'000'000;
  const Reader reader(options);
  Tally tally;
  std::vector<std::filesystem::path> images;
  for (const auto& e : std::filesystem::directory_iterator(kSamples / folder.name)) {
    const auto ext = e.path().extension();
    if (ext == ".png" || ext == ".jpg" || ext == ".webp") images.push_back(e.path());
  }
  std::sort(images.begin(), images.end());
  for (const auto& image : images) {
    ++tally.images;
    auto expectedPath = image;
    expectedPath.replace_extension(".txt");
    if (!std::filesystem::exists(expectedPath)) expectedPath.replace_extension(".bin");
    const std::string expected = fileText(expectedPath);
    std::map<std::string, std::string> keys;
    auto resultPath = image;
    resultPath.replace_extension(".result.txt");
    std::istringstream result(std::filesystem::exists(resultPath) ? fileText(resultPath) : "");
    for (std::string line; std::getline(result, line);) {
      const auto eq = line.find('=');
      if (!line.empty() && line[0] != '#' && eq != std::string::npos) keys[line.substr(0, eq)] = line.substr(eq + 1);
    }
    const cv::Mat pixels = cv::imread(image.string(), cv::IMREAD_UNCHANGED);
    if (pixels.empty()) {
      tally.missed.push_back(image.filename().string() + " (cannot be loaded)");
      continue;
    }
    const auto frame = reader.read(pixels.depth() == CV_8U ? pixels : cv::Mat());
    bool passed = false;
    for (const auto& s : frame.symbols) {
      if (!folder.symbologies.contains(s.symbology)) continue;
      const std::string data = s.raw.size() >= 3 && s.raw[0] == ']' ? s.raw.substr(3) : s.raw;
      const std::string id = s.raw.size() >= 3 && s.raw[0] == ']' ? s.raw.substr(0, 3) : "";
      const bool same = data == expected || (!s.gs1 && s.hri == expected) || (s.gs1 && elementString(s.hri) == expected);
      const auto wantId = keys.find("symbologyIdentifier");
      if (same && (wantId == keys.end() || wantId->second == id)) {
        passed = true;
      } else {
        tally.misreads.push_back(image.filename().string() + ": read " + s.hri);
      }
    }
    if (passed) ++tally.read;
    else tally.missed.push_back(image.filename().string());
  }
  return tally;
}

TEST(Blackbox, SamplesArePresent) {
  ASSERT_TRUE(std::filesystem::is_directory(kSamples)) << kSamples << " is missing: see tests/data/README.md";
}

void PrintTo(const Folder& folder, std::ostream* out) { *out << folder.name; }

class BlackboxFolder : public ::testing::TestWithParam<Folder> {};

TEST_P(BlackboxFolder, ReadsAtLeastItsFloorAndMisreadsNothing) {
  const Folder& folder = GetParam();
  ASSERT_TRUE(std::filesystem::is_directory(kSamples / folder.name)) << (kSamples / folder.name) << " is missing";
  const Tally t = readFolder(folder);
  std::cout << fmt::format("[ blackbox ] {:<22} read {:>3} of {:>3}  (floor {}, ZXing 1.4 alone {}, upstream minimum {})\n",
                           folder.name, t.read, t.images, folder.floor, folder.zxing14, folder.upstream);
  for (const auto& m : t.missed) std::cout << "             not read: " << m << '\n';
  EXPECT_GE(t.read, folder.floor) << folder.name;
  EXPECT_TRUE(t.misreads.empty()) << folder.name << ": " << fmt::format("{}", fmt::join(t.misreads, "; "));
}

INSTANTIATE_TEST_SUITE_P(Samples, BlackboxFolder, ::testing::ValuesIn(folders()),
                         [](const auto& param) {
                           std::string name = param.param.name;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace gs1inspect::read
