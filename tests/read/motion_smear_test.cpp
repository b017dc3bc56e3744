// Motion smear along the belt: its length measured from the rows of a
// symbol, undone, and the symbol read from the frame with the smear undone.

#include "read/motion_smear.hpp"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "generator/symbol_renderer.hpp"
#include "read/localiser.hpp"
#include "read/reader.hpp"

namespace gs1inspect::read {
namespace {

using generator::Symbology;

// These tests check what is read, not how fast: the reader gets all the
// time it wants (a sanitizer build is many times slower than the budget
// is made for).
ReaderOptions unhurried() {
  ReaderOptions o;
  o.budgetMs = 10000;
  return o;
}

// An EAN-13 of 2.5 px modules printed black on a white label on grey board,
// under lens blur; `smear` px of travel along x while the shutter was open
// (0: none), then sensor noise. `where` learns the symbol's bounds.
cv::Mat smearedFrame(Symbology symbology, const std::string& data, float smear, cv::Rect& where, int ink = 30) {
  std::string error;
  const auto symbol = generator::renderSymbol(symbology, generator::Gs1Content{"", data}, true, error);
  EXPECT_TRUE(symbol) << error;
  cv::Mat frame(600, 1000, CV_8U, cv::Scalar(110));
  cv::Mat bars;
  // Modules of 2.5 px as a camera sees them: edges within pixels.
  cv::resize(symbol->modules, bars, cv::Size(), 2.5, 2.5, cv::INTER_AREA);
  bars.convertTo(bars, CV_8U, (230.0 - ink) / 255.0, ink);  // ink, paper 230
  where = cv::Rect(300, 200, bars.cols, bars.rows);
  frame(cv::Rect(where.x - 40, where.y - 40, where.width + 80, where.height + 80)).setTo(230);
  bars.copyTo(frame(where));
  cv::Mat f;
  frame.convertTo(f, CV_32F);
  cv::GaussianBlur(f, f, cv::Size(0, 0), 0.8);
  if (smear > 0) {
    const int taps = static_cast<int>(std::round(smear));
    cv::Mat box(1, taps, CV_32F, cv::Scalar(1.0 / taps));
    cv::filter2D(f, f, -1, box, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
  }
  cv::Mat noise(f.size(), CV_32F);
  cv::RNG random(20261207);
  random.fill(noise, cv::RNG::NORMAL, 0, 4);
  f += noise;
  f.convertTo(frame, CV_8U);
  return frame;
}

class Smear : public ::testing::TestWithParam<float> {};

TEST_P(Smear, IsMeasuredFromTheSymbolsRows) {
  cv::Rect where;
  const cv::Mat frame = smearedFrame(Symbology::Ean13, "08712345282554", GetParam(), where);
  const auto length = smearAlongX(frame(where));
  ASSERT_TRUE(length.has_value());
  EXPECT_NEAR(*length, GetParam(), 0.75F);
}

TEST_P(Smear, IsUndoneAndTheSymbolRead) {
  cv::Rect where;
  const cv::Mat frame = smearedFrame(Symbology::Ean13, "08712345282554", GetParam(), where);
  const FrameRead read = Reader(unhurried()).read(frame);
  ASSERT_EQ(read.symbols.size(), 1U);
  EXPECT_EQ(read.symbols[0].hri, "8712345282554");
  // Undone by the filter, or read against a model of the spread (a short
  // smear is met first by the model of the lens's blur).
  const std::string& how = read.symbols[0].strategy;
  EXPECT_TRUE(how.rfind("unsmeared-", 0) == 0 || how == "bars-ean-upc-blurred" || how == "bars-ean-upc-smeared") << how;
}

// Measured at every length; read at these. A 9 px smear of this clean
// print (3.6 modules) is measured but not yet read: the Wiener filter's
// noise term is set for frames with sensor noise, where it reads more.
INSTANTIATE_TEST_SUITE_P(Lengths, Smear, ::testing::Values(5.0F, 7.0F, 12.0F));

TEST(Smear, IsMeasuredAtNineAndElevenPx) {
  for (const float smear : {9.0F, 11.0F}) {
    cv::Rect where;
    const cv::Mat frame = smearedFrame(Symbology::Ean13, "08712345282554", smear, where);
    const auto length = smearAlongX(frame(where));
    ASSERT_TRUE(length.has_value()) << smear;
    EXPECT_NEAR(*length, smear, 0.75F);
  }
}

TEST(Smear, IsNotFoundInSharpRows) {
  cv::Rect where;
  const cv::Mat frame = smearedFrame(Symbology::Ean13, "08712345282554", 0, where);
  EXPECT_FALSE(smearAlongX(frame(where)).has_value());
  const FrameRead read = Reader(unhurried()).read(frame);
  ASSERT_EQ(read.symbols.size(), 1U);
  EXPECT_EQ(read.symbols[0].strategy.find("unsmeared"), std::string::npos);
}

TEST(Smear, FaintBarsAreFoundAndReadOnceUndone) {
  // Faded print (ink 130 on paper 230) smeared over 12 px: within a cell
  // the bars keep too little contrast to count as ink, only their
  // direction. The field is found as faint and read once undone.
  cv::Rect where;
  const cv::Mat frame = smearedFrame(Symbology::Ean13, "08712345282554", 12.0F, where, 130);
  LocaliserScratch scratch;
  const auto found = localise(frame, ReaderOptions{}, scratch);
  const auto faint = std::find_if(found.begin(), found.end(), [&](const Candidate& c) {
    return c.faint && (c.box & where).area() * 2 > where.area();
  });
  ASSERT_NE(faint, found.end());
  const FrameRead read = Reader(unhurried()).read(frame);
  ASSERT_EQ(read.symbols.size(), 1U);
  EXPECT_EQ(read.symbols[0].hri, "8712345282554");
  EXPECT_EQ(read.symbols[0].strategy.rfind("unsmeared-", 0), 0U) << read.symbols[0].strategy;
}

TEST(Smear, FaintBarsNoSmearFlattenedAreReadAsTheyAre) {
  // The same label in dim light (15% of the light: ink 4, paper 34),
  // not smeared: its cells hold too little contrast for ink, so the field
  // is faint, and with no smear to undo it is read as it is.
  cv::Rect where;
  cv::Mat frame = smearedFrame(Symbology::Ean13, "08712345282554", 0, where);
  frame.convertTo(frame, CV_8U, 0.15);
  LocaliserScratch scratch;
  const auto found = localise(frame, ReaderOptions{}, scratch);
  ASSERT_TRUE(std::any_of(found.begin(), found.end(),
                          [&](const Candidate& c) { return c.faint && (c.box & where).area() * 2 > where.area(); }));
  const FrameRead read = Reader(unhurried()).read(frame);
  ASSERT_EQ(read.symbols.size(), 1U);
  EXPECT_EQ(read.symbols[0].hri, "8712345282554");
  EXPECT_EQ(read.symbols[0].strategy.rfind("unsmeared-", 0), std::string::npos) << read.symbols[0].strategy;
}

TEST(Smear, SharpBarsAreNeverFaint) {
  cv::Rect where;
  const cv::Mat frame = smearedFrame(Symbology::Ean13, "08712345282554", 0, where, 130);
  LocaliserScratch scratch;
  for (const Candidate& c : localise(frame, ReaderOptions{}, scratch)) EXPECT_FALSE(c.faint);
}

TEST(Smear, IsNotFoundInPlainBoard) {
  cv::Mat board(200, 300, CV_8U);
  cv::RNG random(7);
  random.fill(board, cv::RNG::NORMAL, 120, 6);
  EXPECT_FALSE(smearAlongX(board).has_value());
}

// Random bars of 1-4 modules of 3 px and the same smeared over 8 px with
// sensor noise of `sigma` grey levels (8-bit).
struct SmearedBars {
  cv::Mat print, smeared;
};
SmearedBars smearedBars(double sigma) {
  cv::RNG random(11);
  SmearedBars b;
  b.print = cv::Mat(20, 400, CV_32F, cv::Scalar(220));
  for (int x = 40; x < 360;) {
    const int width = 3 * random.uniform(1, 5);
    if (random.uniform(0, 2) == 1) b.print(cv::Rect(x, 0, std::min(width, 360 - x), 20)).setTo(40);
    x += width;
  }
  cv::Mat smeared;
  cv::filter2D(b.print, smeared, -1, cv::Mat(1, 8, CV_32F, cv::Scalar(1.0 / 8)), cv::Point(-1, -1), 0,
               cv::BORDER_REPLICATE);
  cv::Mat noise(smeared.size(), CV_32F);
  cv::RNG(5).fill(noise, cv::RNG::NORMAL, 0, sigma);
  smeared += noise;
  smeared.convertTo(b.smeared, CV_8U);
  return b;
}

// How far a band of `rows` (the readers average a band of rows across
// the bars, as here) is from the print's, inside the bars.
double bandError(const cv::Mat& rows, const cv::Mat& print) {
  cv::Mat f, band, printBand;
  rows.convertTo(f, CV_32F);
  cv::reduce(f, band, 0, cv::REDUCE_AVG);
  cv::reduce(print, printBand, 0, cv::REDUCE_AVG);
  const cv::Rect inside(48, 0, 304, 1);
  return cv::norm(band(inside), printBand(inside), cv::NORM_L1);
}

TEST(Smear, UndoingBringsTheEdgesBack) {
  // Undone, a band of rows is a quarter nearer the print than the smeared
  // band was (what stays is ringing where the box's spectrum is zero, and
  // noise). Undone at a wrong length, it is not.
  const SmearedBars b = smearedBars(2);
  cv::Mat restored, wrong;
  undoSmearAlongX(b.smeared, 8.0F, restored, 6);
  ASSERT_EQ(restored.size(), b.print.size());
  const double before = bandError(b.smeared, b.print), after = bandError(restored, b.print);
  EXPECT_LT(after, before * 0.8) << before << " -> " << after;
  undoSmearAlongX(b.smeared, 5.0F, wrong, 6);
  EXPECT_GT(bandError(wrong, b.print), before * 0.8);
}

TEST(Smear, HeavyNoiseIsNotAmplifiedPastThePrint) {
  // Sensor noise of 15 grey levels (a short exposure in poor light): the
  // filter undoes no further than the noise allows, so the band is still
  // nearer the print than the smeared one.
  const SmearedBars b = smearedBars(15);
  cv::Mat restored;
  undoSmearAlongX(b.smeared, 8.0F, restored, 6);
  const double before = bandError(b.smeared, b.print), after = bandError(restored, b.print);
  EXPECT_LT(after, before) << before << " -> " << after;
}

TEST(Smear, RowsUndoneByGroupsAreAsNearThePrint) {
  // The filter is linear: the mean of three rows undone is the three rows
  // undone and averaged (but for grey levels clipped at 0 and 255), given
  // to each of them; bands of them are about as near the print.
  const SmearedBars b = smearedBars(6);
  cv::Mat each, grouped;
  undoSmearAlongX(b.smeared, 8.0F, each, 6);
  undoSmearAlongX(b.smeared, 8.0F, grouped, 6, 3);
  ASSERT_EQ(grouped.size(), b.smeared.size());
  for (int y = 0; y + 3 <= grouped.rows; y += 3) {
    EXPECT_EQ(cv::norm(grouped.row(y), grouped.row(y + 1), cv::NORM_INF), 0) << "row " << y;
    EXPECT_EQ(cv::norm(grouped.row(y), grouped.row(y + 2), cv::NORM_INF), 0) << "row " << y;
  }
  EXPECT_LE(bandError(grouped, b.print), 1.1 * bandError(each, b.print));
  EXPECT_LT(bandError(grouped, b.print), 0.8 * bandError(b.smeared, b.print));
}

}  // namespace
}  // namespace gs1inspect::read
