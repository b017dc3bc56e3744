// The reader's entry point on frames with libzint symbols at known places:
// every symbology, any angle, several symbols per frame, where each one is,
// its module size, the time budget, threads, bad input.
#include "read/reader.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "scoring/scoring.hpp"
#include "synthetic_frame.hpp"

namespace gs1inspect::read {
namespace {

using generator::Symbology;
using testing::PlacedSymbol;
using testing::SymbolTruth;

constexpr Symbology kAll[] = {Symbology::Gs1128,          Symbology::DataBarOmni,           Symbology::DataBarStacked,
                              Symbology::DataBarExpanded, Symbology::DataBarExpandedStacked, Symbology::DataMatrix,
                              Symbology::Qr,              Symbology::Ean13,                 Symbology::UpcA};

float modulePx(Symbology s) { return generator::isLinear(s) || s == Symbology::Ean13 || s == Symbology::UpcA ? 2.5F : 4.0F; }

// The read symbol that is `truth`, or nullptr.
const DecodedSymbol* find(const FrameRead& read, const SymbolTruth& truth) {
  for (const auto& s : read.symbols) {
    if (scoring::symbologyFamily(s.symbology) == scoring::symbologyFamily(truth.symbology) &&
        scoring::contentKey(s.symbology, s.hri) == scoring::contentKey(truth.symbology, truth.text))
      return &s;
  }
  return nullptr;
}

float distance(Point p, cv::Point2f q) { return std::hypot(p.x - q.x, p.y - q.y); }

ReaderOptions options() {
  ReaderOptions o;
  o.parse.today = gs1::CivilDate{2026, 11, 25};
  o.budgetMs = 1000;  // tests check what is read, the bench checks speed
  return o;
}

class EverySymbology : public ::testing::TestWithParam<std::tuple<Symbology, float>> {};

TEST_P(EverySymbology, IsReadWhereItIsAtAnyAngle) {
  const auto [symbology, angle] = GetParam();
  std::vector<SymbolTruth> truth;
  const cv::Mat frame =
      testing::syntheticFrame({{symbology, testing::sampleContent(symbology), {900, 560}, angle, modulePx(symbology)}}, truth);
  const Reader reader(options());
  const FrameRead read = reader.read(frame);
  ASSERT_EQ(read.symbols.size(), 1U) << truth[0].symbology << " at " << angle;
  const DecodedSymbol* s = find(read, truth[0]);
  ASSERT_NE(s, nullptr) << "read " << read.symbols[0].symbology << " " << read.symbols[0].hri;
  EXPECT_TRUE(s->valid());
  EXPECT_TRUE(s->parsed.errors.empty());
  EXPECT_FALSE(s->strategy.empty());
  EXPECT_FALSE(s->partial);
  EXPECT_FALSE(read.budgetHit);
  // The outline: each corner within 5 modules of the truth's, starting at
  // the symbol's own top-left (stacked rows' guards and EAN/UPC guard bars
  // reach below the others).
  const float tolerance = 5.0F * truth[0].modulePx + (symbology == Symbology::Ean13 || symbology == Symbology::UpcA ? 30 : 0);
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_LT(distance(s->quad[i], truth[0].quad[i]), tolerance) << "corner " << i;
  EXPECT_NEAR(s->modulePx, truth[0].modulePx, 0.3F * truth[0].modulePx) << "module";
}

INSTANTIATE_TEST_SUITE_P(Angles, EverySymbology,
                         ::testing::Combine(::testing::ValuesIn(kAll), ::testing::Values(0.0F, 33.0F, 90.0F, 200.0F)),
                         [](const auto& param) {
                           std::string name = generator::symbologyName(std::get<0>(param.param)) + "_at_" +
                                              std::to_string(static_cast<int>(std::get<1>(param.param)));
                           for (auto& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

TEST(Reader, ReadsEverySymbolOfABusyFrame) {
  std::vector<SymbolTruth> truth;
  const cv::Mat frame = testing::syntheticFrame(
      {{Symbology::Gs1128, testing::sampleContent(Symbology::Gs1128), {520, 300}, 0, 3},
       {Symbology::DataMatrix, testing::sampleContent(Symbology::DataMatrix), {1500, 300}, 15, 4},
       {Symbology::Qr, testing::sampleContent(Symbology::Qr), {1500, 850}, -40, 4},
       {Symbology::Ean13, testing::sampleContent(Symbology::Ean13), {500, 850}, 180, 2.5}},
      truth);
  const FrameRead read = Reader(options()).read(frame);
  EXPECT_EQ(read.symbols.size(), truth.size());
  for (const auto& t : truth) EXPECT_NE(find(read, t), nullptr) << t.symbology;
  EXPECT_TRUE(read.unread.empty());
}

TEST(Reader, ReportsSymbolsItCouldNotReadAsUnread) {
  std::vector<SymbolTruth> truth;
  cv::Mat frame = testing::syntheticFrame(
      {{Symbology::Gs1128, testing::sampleContent(Symbology::Gs1128), {520, 300}, 0, 3},
       {Symbology::DataMatrix, testing::sampleContent(Symbology::DataMatrix), {1500, 300}, 0, 4},
       {Symbology::Qr, testing::sampleContent(Symbology::Qr), {1000, 850}, 0, 4}},
      truth);
  // Half of the GS1-128's bars and of the DataMatrix's modules wiped (more
  // than any correction can take); the QR stays whole.
  for (std::size_t i = 0; i < 2; ++i) {
    const cv::Rect box = cv::boundingRect(std::vector<cv::Point2f>(truth[i].quad.begin(), truth[i].quad.end()));
    frame(cv::Rect(box.x + box.width / 4, box.y, box.width / 2, box.height)).setTo(225);
  }
  const FrameRead read = Reader(options()).read(frame);
  ASSERT_EQ(read.symbols.size(), 1U);
  EXPECT_NE(find(read, truth[2]), nullptr);
  for (std::size_t i = 0; i < 2; ++i) {
    const cv::Rect symbol = cv::boundingRect(std::vector<cv::Point2f>(truth[i].quad.begin(), truth[i].quad.end()));
    const bool reported = std::any_of(read.unread.begin(), read.unread.end(),
                                      [&](const Candidate& c) { return (c.box & symbol).area() > 0; });
    EXPECT_TRUE(reported) << truth[i].symbology;
  }
}

TEST(Reader, ReadsBarsPrintedOnBoardBesideAWhiteLabel) {
  // An EAN-13 printed faintly on brown board (grey 120, ink 70), a word
  // printed after its quiet zone, and a white label (250) just after the
  // word: the bar field takes in the word and its crop some of the label,
  // whose white squeezes the board's contrast out of a fixed threshold.
  std::string error;
  const auto symbol = generator::renderSymbol(Symbology::Ean13, generator::Gs1Content{"", "08712345282554"}, true, error);
  ASSERT_TRUE(symbol) << error;
  cv::Mat frame(600, 900, CV_8U, cv::Scalar(120));
  cv::Mat bars;
  cv::resize(symbol->modules, bars, cv::Size(), 2.5, 2.5, cv::INTER_NEAREST);
  bars.convertTo(bars, CV_8U, 50.0 / 255.0, 70);  // 0 -> 70 ink, 255 -> 120 board
  bars.copyTo(frame(cv::Rect(200, 200, bars.cols, bars.rows)));
  const int wordX = 200 + bars.cols;  // libzint's bitmap ends with the 7-module quiet zone
  int baseline = 0;
  const cv::Size word = cv::getTextSize("HA", cv::FONT_HERSHEY_SIMPLEX, 1.0, 2, &baseline);
  cv::putText(frame, "HA", cv::Point(wordX, 200 + bars.rows / 2 + word.height / 2), cv::FONT_HERSHEY_SIMPLEX, 1.0,
              cv::Scalar(70), 2);
  const int labelX = wordX + word.width + 12;
  frame(cv::Rect(labelX, 100, frame.cols - labelX, 400)).setTo(250);
  cv::GaussianBlur(frame, frame, cv::Size(0, 0), 0.8);
  const FrameRead read = Reader(options()).read(frame);
  ASSERT_EQ(read.symbols.size(), 1U);
  EXPECT_EQ(read.symbols[0].symbology, "ean13");
  EXPECT_EQ(read.symbols[0].hri, "8712345282554");
}

TEST(Reader, ReadsTwoDataBarSymbolsStackedOnOneLabel) {
  // A DataBar Stacked Omni right above a DataBar Expanded Stacked: the
  // arrangement on which ZXing 1.4 aborts when asked for several symbols.
  std::vector<SymbolTruth> truth;
  const cv::Mat frame = testing::syntheticFrame(
      {{Symbology::DataBarStacked, testing::sampleContent(Symbology::DataBarStacked), {900, 430}, 0, 2.5},
       {Symbology::DataBarExpandedStacked, "(01)09506000134352(10)A1B2C3(17)271231(3103)000750", {900, 740}, 0, 2.5}},
      truth);
  const FrameRead read = Reader(options()).read(frame);
  for (const auto& t : truth) EXPECT_NE(find(read, t), nullptr) << t.symbology;
  EXPECT_EQ(read.symbols.size(), 2U);
}

TEST(Reader, ReturnsInvalidGs1DataWithItsErrors) {
  std::vector<SymbolTruth> truth;
  // SSCC with a wrong check digit (8 instead of 9).
  PlacedSymbol bad{Symbology::Gs1128, "(00)095060001343528128", {900, 600}, 0, 3};
  bad.checked = false;
  const FrameRead read = Reader(options()).read(testing::syntheticFrame({bad}, truth));
  ASSERT_EQ(read.symbols.size(), 1U);
  EXPECT_TRUE(read.symbols[0].gs1);
  EXPECT_FALSE(read.symbols[0].valid());
  ASSERT_FALSE(read.symbols[0].parsed.errors.empty());
  EXPECT_EQ(read.symbols[0].parsed.errors[0].code, gs1::LintCode::BadCheckDigit);
  EXPECT_EQ(read.symbols[0].raw, "]C100095060001343528128");
}

TEST(Reader, ReadsOnlyTheRegionsItIsGiven) {
  std::vector<SymbolTruth> truth;
  const cv::Mat frame = testing::syntheticFrame(
      {{Symbology::Gs1128, testing::sampleContent(Symbology::Gs1128), {520, 300}, 0, 3},
       {Symbology::DataMatrix, testing::sampleContent(Symbology::DataMatrix), {1500, 300}, 0, 4}},
      truth);
  const Reader reader(options());
  const FrameRead all = reader.read(frame);
  ASSERT_EQ(all.symbols.size(), 2U);
  // The region a caller already knows: the GS1-128's bar field, as its
  // localiser (or a configured region of interest) would give it.
  const cv::Rect bars = cv::boundingRect(std::vector<cv::Point2f>(truth[0].quad.begin(), truth[0].quad.end()));
  Candidate field;
  field.kind = Candidate::Kind::Bars;
  field.centre = (cv::Point2f(bars.tl()) + cv::Point2f(bars.br())) * 0.5F;
  field.angle = 0;  // across the bars: along x
  field.halfAcross = 0.5F * static_cast<float>(bars.width);
  field.halfAlong = 0.5F * static_cast<float>(bars.height);
  field.box = bars;
  field.cells = bars.area() / 64;
  const FrameRead one = reader.readRegions(frame, {field});
  EXPECT_EQ(one.candidates, 1);
  ASSERT_EQ(one.symbols.size(), 1U);
  EXPECT_NE(find(one, truth[0]), nullptr);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_LT(distance(one.symbols[0].quad[i], truth[0].quad[i]), 6.0F) << i;
  // No region, nothing read: not even the whole image as a last resort.
  const FrameRead none = reader.readRegions(frame, {});
  EXPECT_EQ(none.candidates, 0);
  EXPECT_EQ(none.attempts, 0);
  EXPECT_TRUE(none.symbols.empty());
}

TEST(Reader, MarksASymbolTheFrameEdgeCutsAsPartial) {
  std::vector<SymbolTruth> truth;
  const cv::Mat frame = testing::syntheticFrame(
      {{Symbology::Gs1128, testing::sampleContent(Symbology::Gs1128), {520, 300}, 0, 3}}, truth);
  const Reader reader(options());
  const FrameRead whole = reader.read(frame);
  ASSERT_EQ(whole.symbols.size(), 1U);
  EXPECT_FALSE(whole.symbols[0].partial);
  // The frame's top edge through the upper third of the bars: the symbol
  // still reads, and says that part of it was not seen.
  const float top = std::min(truth[0].quad[0].y, truth[0].quad[1].y);
  const float bottom = std::max(truth[0].quad[2].y, truth[0].quad[3].y);
  const int cut = static_cast<int>(top + (bottom - top) / 3);
  const FrameRead cutRead = reader.read(frame.rowRange(cut, frame.rows));
  ASSERT_EQ(cutRead.symbols.size(), 1U);
  EXPECT_EQ(cutRead.symbols[0].hri, whole.symbols[0].hri);
  EXPECT_TRUE(cutRead.symbols[0].partial);
}

TEST(Reader, MarksADataMatrixReadFromARedrawnGridAsPartial) {
  std::vector<SymbolTruth> truth;
  cv::Mat frame = testing::syntheticFrame(
      {{Symbology::DataMatrix, testing::sampleContent(Symbology::DataMatrix), {900, 600}, 0, 4}}, truth);
  // A printhead stripe down the finder's left arm: ZXing's detector finds
  // no L; the grid is redrawn with the L whole.
  const float left = std::min(truth[0].quad[0].x, truth[0].quad[3].x);
  const float top = std::min(truth[0].quad[0].y, truth[0].quad[1].y);
  const float bottom = std::max(truth[0].quad[2].y, truth[0].quad[3].y);
  frame(cv::Rect(cv::Point(static_cast<int>(left) - 2, static_cast<int>(top) - 8),
                 cv::Point(static_cast<int>(left + 1.5F * 4), static_cast<int>(bottom) + 8)))
      .setTo(225);
  const FrameRead read = Reader(options()).read(frame);
  ASSERT_EQ(read.symbols.size(), 1U);
  EXPECT_EQ(read.symbols[0].strategy, "matrix-grid-redrawn");
  EXPECT_TRUE(read.symbols[0].partial);
}

TEST(Reader, ReadsAQrSymbolThroughAStripeAsErasures) {
  // A printhead stripe 3 to 5 modules wide down a version 3 symbol's data
  // (level M: 26 check codewords): more codewords wrong than its checks
  // correct as errors, fewer than they correct as erasures. The grid is
  // laid from the finders, the stripe's modules are erasures, and
  // Reed-Solomon takes them. Wider than the checks, nothing is read.
  for (const int width : {3, 4, 5, 9}) {
    std::vector<SymbolTruth> truth;
    cv::Mat frame = testing::syntheticFrame(
        {{Symbology::Qr, "(01)09506000134352(17)271231(10)ABC123(21)SERIAL0123456789", {900, 600}, 0, 4}}, truth);
    const int left = static_cast<int>(std::min(truth[0].quad[0].x, truth[0].quad[3].x));
    const int top = static_cast<int>(std::min(truth[0].quad[0].y, truth[0].quad[1].y));
    const int bottom = static_cast<int>(std::max(truth[0].quad[2].y, truth[0].quad[3].y));
    frame(cv::Rect(cv::Point(left + 9 * 4, top - 8), cv::Point(left + (9 + width) * 4, bottom + 8))).setTo(225);
    const FrameRead read = Reader(options()).read(frame);
    if (width > 5) {
      EXPECT_TRUE(read.symbols.empty()) << "width " << width << ": " << read.symbols[0].strategy;
      EXPECT_FALSE(read.unread.empty()) << "width " << width;
      continue;
    }
    ASSERT_EQ(read.symbols.size(), 1U) << "width " << width;
    EXPECT_TRUE(find(read, truth[0])) << "width " << width;
    EXPECT_EQ(read.symbols[0].strategy, "matrix-qr-erasures") << "width " << width;
    EXPECT_TRUE(read.symbols[0].partial);
  }
}

TEST(ReaderOptions, NamesASettingOutOfRange) {
  ReaderOptions o;
  EXPECT_NO_THROW(o.validate());
  const auto message = [](const ReaderOptions& bad) {
    try {
      bad.validate();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  o.budgetMs = 0;
  EXPECT_NE(message(o).find("budgetMs is 0"), std::string::npos) << message(o);
  o.budgetMs = std::nan("");
  EXPECT_NE(message(o).find("budgetMs"), std::string::npos);
  o = ReaderOptions();
  o.cellPx = 10;  // was rounded to 16 without a word
  EXPECT_NE(message(o).find("cellPx is 10"), std::string::npos) << message(o);
  EXPECT_THROW(Reader{o}, std::invalid_argument);
  o = ReaderOptions();
  o.wholeImageMaxPixels = -1;
  EXPECT_NE(message(o).find("wholeImageMaxPixels is -1"), std::string::npos);
  for (const int cell : {4, 8, 16}) {
    o = ReaderOptions();
    o.cellPx = cell;
    EXPECT_NO_THROW(o.validate()) << cell;
  }
}

TEST(Reader, FindsNothingInAnEmptyFrameOrText) {
  cv::Mat frame(1200, 1920, CV_8UC1, cv::Scalar(70));
  cv::Mat noise(frame.size(), CV_8UC1);
  cv::randn(noise, 0, 12);
  frame += noise;
  cv::rectangle(frame, {300, 300}, {900, 700}, cv::Scalar(225), cv::FILLED);
  for (int line = 0; line < 8; ++line)
    cv::putText(frame, "SHIP TO: HUB 7 LEIPZIG PO 21157724", {320, 340 + 45 * line}, cv::FONT_HERSHEY_SIMPLEX, 0.8,
                cv::Scalar(20), 2);
  const FrameRead read = Reader(options()).read(frame);
  EXPECT_TRUE(read.symbols.empty());
  EXPECT_TRUE(read.unread.empty());  // text is not a symbol left unread
  EXPECT_TRUE(read.error.empty());
}

TEST(Reader, ReadsColourFramesAndNamesWhatItCannotRead) {
  std::vector<SymbolTruth> truth;
  const cv::Mat grey = testing::syntheticFrame(
      {{Symbology::DataMatrix, testing::sampleContent(Symbology::DataMatrix), {600, 600}, 0, 4}}, truth);
  cv::Mat bgr;
  cv::cvtColor(grey, bgr, cv::COLOR_GRAY2BGR);
  const Reader reader(options());
  EXPECT_NE(find(reader.read(bgr), truth[0]), nullptr);
  cv::Mat deep;
  grey.convertTo(deep, CV_16U, 256);
  const FrameRead bad = reader.read(deep);
  EXPECT_TRUE(bad.symbols.empty());
  EXPECT_NE(bad.error.find("CV_16UC1"), std::string::npos) << bad.error;
  EXPECT_FALSE(reader.read(cv::Mat()).error.empty());
}

TEST(Reader, CountsWhatItHadNoTimeFor) {
  std::vector<SymbolTruth> truth;
  const cv::Mat frame = testing::syntheticFrame(
      {{Symbology::Gs1128, testing::sampleContent(Symbology::Gs1128), {520, 300}, 0, 3},
       {Symbology::DataMatrix, testing::sampleContent(Symbology::DataMatrix), {1500, 300}, 0, 4}},
      truth);
  ReaderOptions o = options();
  o.budgetMs = 1e-6;
  const FrameRead read = Reader(o).read(frame);
  EXPECT_TRUE(read.budgetHit);
  EXPECT_GE(read.candidates, 2);
  EXPECT_GE(read.untried, 2);
  EXPECT_EQ(read.attempts, 0);
  EXPECT_EQ(read.unread.size(), static_cast<std::size_t>(read.untried));  // untried: shown, not read
}

TEST(Reader, GivesTheSameAnswerOnManyThreadsAtOnce) {
  std::vector<SymbolTruth> truth;
  const cv::Mat frame = testing::syntheticFrame(
      {{Symbology::Gs1128, testing::sampleContent(Symbology::Gs1128), {520, 300}, 10, 3},
       {Symbology::Qr, testing::sampleContent(Symbology::Qr), {1500, 800}, 0, 4}},
      truth);
  const Reader reader(options());
  const FrameRead alone = reader.read(frame);
  ASSERT_EQ(alone.symbols.size(), 2U);
  std::vector<std::thread> threads;
  std::vector<int> agreed(4, 0);
  for (std::size_t t = 0; t < agreed.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        const FrameRead r = reader.read(frame);
        bool same = r.symbols.size() == alone.symbols.size();
        for (std::size_t k = 0; same && k < r.symbols.size(); ++k)
          same = r.symbols[k].raw == alone.symbols[k].raw && r.symbols[k].quad[0].x == alone.symbols[k].quad[0].x;
        agreed[t] += same ? 1 : 0;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const int a : agreed) EXPECT_EQ(a, 5);
}

}  // namespace
}  // namespace gs1inspect::read
