// The proof that the project's one ZXing call never aborts the process
// (see pipeline/read/zxing_call.hpp): it runs in this process, in every
// configuration the reader can make, over every DataBar, Code 128 and
// DataMatrix photo of the zxing-blackbox samples (365) and over crops of
// generated symbols of every symbology at several scales and angles,
// including two stacked DataBar symbols in one image. Debian's ZXing 1.4
// aborts on some of these images when asked for several symbols, or for
// one symbol seen on two rows; a failure here is the test program dying.
#include <filesystem>

#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "read/reader.hpp"
#include "read/zxing_call.hpp"
#include "synthetic_frame.hpp"

namespace gs1inspect::read {
namespace {

const std::filesystem::path kSamples = std::filesystem::path(GS1I_TEST_DATA_DIR) / "zxing-blackbox";

// Every combination of what the reader varies between calls.
std::vector<ZxingAttempt> everyConfiguration() {
  std::vector<ZxingAttempt> all;
  for (const auto formats : {kLinearFormats, kMatrixFormats, kLinearFormats | kMatrixFormats})
    for (const auto binarizer :
         {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram, ZXing::Binarizer::FixedThreshold})
      for (const bool tryHarder : {false, true})
        for (const bool wide : {false, true}) {
          ZxingAttempt a;
          a.formats = formats;
          a.binarizer = binarizer;
          a.tryHarder = tryHarder;
          a.tryRotate = wide;
          a.tryDownscale = wide;
          all.push_back(a);
        }
  // Redrawn DataMatrix grids are read as pure symbols.
  for (const auto binarizer : {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::FixedThreshold}) {
    ZxingAttempt a;
    a.formats = ZXing::BarcodeFormat::DataMatrix;
    a.binarizer = binarizer;
    a.pure = true;
    all.push_back(a);
  }
  return all;
}

int decodeEverywhere(const cv::Mat& grey, const std::vector<ZxingAttempt>& configurations) {
  int read = 0;
  for (const auto& a : configurations) read += decodeOne(grey, a) ? 1 : 0;
  return read;
}

// The hazard is real: ZXing's own defaults (a symbol must be seen on two
// rows) abort on this photo. The same photo in decodeOne() reads.
TEST(AbortSafetyDeathTest, ZxingDefaultsAbortWhereDecodeOneReads) {
  const cv::Mat grey = cv::imread((kSamples / "rss14-1" / "9.webp").string(), cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(grey.empty()) << "rss14-1/9.webp is missing: see tests/data/README.md";
  const ZXing::ImageView view(grey.data, grey.cols, grey.rows, ZXing::ImageFormat::Lum, static_cast<int>(grey.step[0]));
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  EXPECT_DEATH(ZXing::ReadBarcode(view, ZXing::DecodeHints().setTryHarder(true)), "lineCount");
  ZxingAttempt a;
  a.formats = kLinearFormats;
  a.tryHarder = true;
  EXPECT_TRUE(decodeOne(grey, a).has_value());
}

TEST(AbortSafety, EveryConfigurationOnEverySamplePhoto) {
  ASSERT_TRUE(std::filesystem::is_directory(kSamples)) << kSamples << " is missing: see tests/data/README.md";
  const auto configurations = everyConfiguration();
  int images = 0, reads = 0;
  for (const auto& folder : std::filesystem::directory_iterator(kSamples)) {
    const std::string name = folder.path().filename().string();
    if (name.rfind("code128", 0) != 0 && name.rfind("rss", 0) != 0 && name.rfind("datamatrix", 0) != 0) continue;
    for (const auto& file : std::filesystem::directory_iterator(folder.path())) {
      const auto ext = file.path().extension();
      if (ext != ".png" && ext != ".jpg" && ext != ".webp") continue;
      const cv::Mat grey = cv::imread(file.path().string(), cv::IMREAD_GRAYSCALE);
      ASSERT_FALSE(grey.empty()) << file.path();
      reads += decodeEverywhere(grey, configurations);
      ++images;
    }
  }
  // 365 photos: the DataBar, Code 128 and DataMatrix folders.
  EXPECT_GE(images, 365);
  EXPECT_GT(reads, images);  // the calls did decode: the configurations are real ones
}

TEST(AbortSafety, EveryConfigurationOnCropsOfEverySymbology) {
  using generator::Symbology;
  const auto configurations = everyConfiguration();
  int crops = 0, reads = 0;
  for (const auto symbology : {Symbology::Gs1128, Symbology::DataBarOmni, Symbology::DataBarStacked,
                               Symbology::DataBarExpanded, Symbology::DataBarExpandedStacked, Symbology::DataMatrix,
                               Symbology::Qr, Symbology::Ean13, Symbology::UpcA}) {
    for (const float angle : {0.0F, 7.0F, 90.0F, 183.0F}) {
      std::vector<testing::SymbolTruth> truth;
      const cv::Mat frame = testing::syntheticFrame(
          {{symbology, testing::sampleContent(symbology), {480, 400}, angle, 2.5F}}, truth, {960, 800});
      const cv::Rect box = cv::boundingRect(std::vector<cv::Point2f>(truth[0].quad.begin(), truth[0].quad.end()));
      const cv::Rect around = (box + cv::Size(60, 60) - cv::Point(30, 30)) & cv::Rect(0, 0, frame.cols, frame.rows);
      for (const double scale : {1.0, 1.5, 2.0, 3.0}) {
        cv::Mat crop;
        cv::resize(frame(around), crop, cv::Size(), scale, scale, cv::INTER_LINEAR);
        reads += decodeEverywhere(crop, configurations);
        ++crops;
      }
    }
  }
  EXPECT_EQ(crops, 9 * 4 * 4);
  EXPECT_GT(reads, crops);
}

TEST(AbortSafety, TwoStackedDataBarSymbolsInOneImage) {
  using generator::Symbology;
  const auto configurations = everyConfiguration();
  std::vector<testing::SymbolTruth> truth;
  const cv::Mat frame = testing::syntheticFrame(
      {{Symbology::DataBarStacked, testing::sampleContent(Symbology::DataBarStacked), {400, 200}, 0, 2.5},
       {Symbology::DataBarExpandedStacked, testing::sampleContent(Symbology::DataBarExpandedStacked), {400, 520}, 0, 2.5},
       {Symbology::DataBarOmni, testing::sampleContent(Symbology::DataBarOmni), {800, 200}, 0, 2.5}},
      truth, {1000, 800});
  for (const double scale : {0.5, 1.0, 1.5}) {
    cv::Mat image;
    cv::resize(frame, image, cv::Size(), scale, scale, cv::INTER_LINEAR);
    decodeEverywhere(image, configurations);
  }
  // And the whole reader, which reads all three (with time for it in a
  // sanitizer build: what is tested is the reading, not its speed).
  ReaderOptions generous;
  generous.budgetMs = 2000;
  const FrameRead read = Reader(generous).read(frame);
  EXPECT_EQ(read.symbols.size(), 3U);
}

}  // namespace
}  // namespace gs1inspect::read
