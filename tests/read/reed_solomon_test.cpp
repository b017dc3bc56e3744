// Reed-Solomon errors-and-erasures decoding, and DataMatrix codewords in
// libzint symbols: erasures up to and beyond a symbol's capacity.

#include "read/reed_solomon.hpp"

#include <algorithm>
#include <numeric>
#include <random>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include "generator/symbol_renderer.hpp"
#include "read/data_matrix_codewords.hpp"

namespace gs1inspect::read {
namespace {

std::vector<std::uint8_t> encoded(const ReedSolomonCode& code, std::mt19937& random, int dataCount, int ec) {
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<std::uint8_t> block(static_cast<std::size_t>(dataCount));
  for (auto& b : block) b = static_cast<std::uint8_t>(byte(random));
  const auto check = reedSolomonCheck(code, block, ec);
  block.insert(block.end(), check.begin(), check.end());
  return block;
}

// `errors` wrong codewords and `erasures` erased ones (given as such), at
// distinct random places.
std::vector<int> damage(std::vector<std::uint8_t>& block, std::mt19937& random, int errors, int erasures) {
  std::vector<int> places(block.size());
  std::iota(places.begin(), places.end(), 0);
  std::shuffle(places.begin(), places.end(), random);
  std::uniform_int_distribution<int> nonZero(1, 255);
  for (int i = 0; i < errors + erasures; ++i)
    block[static_cast<std::size_t>(places[static_cast<std::size_t>(i)])] ^= static_cast<std::uint8_t>(nonZero(random));
  return {places.begin() + errors, places.begin() + errors + erasures};
}

TEST(ReedSolomon, CorrectsErrorsAndErasuresWithinCapacity) {
  std::mt19937 random(11);
  for (const ReedSolomonCode code :
       {ReedSolomonCode{&GaloisField::dataMatrix(), 1}, ReedSolomonCode{&GaloisField::qr(), 0}}) {
    for (const int ec : {5, 12, 28}) {
      for (int erasures = 0; erasures <= ec; ++erasures) {
        const int errors = (ec - erasures) / 2;
        const auto clean = encoded(code, random, 20, ec);
        auto block = clean;
        const auto lost = damage(block, random, errors, erasures);
        const int changed = correctReedSolomon(code, block, ec, lost);
        ASSERT_GE(changed, 0) << "ec " << ec << " errors " << errors << " erasures " << erasures;
        EXPECT_EQ(block, clean);
      }
    }
  }
}

TEST(ReedSolomon, RefusesBeyondCapacity) {
  std::mt19937 random(12);
  const ReedSolomonCode code{&GaloisField::dataMatrix(), 1};
  const int ec = 12;
  int refused = 0, trials = 200;
  for (int t = 0; t < trials; ++t) {
    const auto clean = encoded(code, random, 12, ec);
    auto block = clean;
    const int erasures = t % (ec + 1);
    const int errors = (ec - erasures) / 2 + 1;  // one error too many
    const auto lost = damage(block, random, errors, erasures);
    const auto before = block;
    const int changed = correctReedSolomon(code, block, ec, lost);
    if (changed < 0) {
      ++refused;
      EXPECT_EQ(block, before) << "a refused block is left as it was";
    } else {
      EXPECT_NE(block, clean) << "beyond capacity, a correction can only be to another codeword";
    }
  }
  // A decoder past its capacity mostly knows it.
  EXPECT_GE(refused, trials * 8 / 10);
  // More erasures than check codewords: refused outright.
  auto block = encoded(code, random, 12, ec);
  std::vector<int> all(13);
  std::iota(all.begin(), all.end(), 0);
  EXPECT_EQ(correctReedSolomon(code, block, ec, all), -1);
  // A reserve of check codewords left unspent: erasures past ec - reserve
  // are refused even though the code could fill them.
  const auto clean = encoded(code, random, 12, ec);
  auto damaged = clean;
  const auto lost = damage(damaged, random, 0, ec - 2);
  auto withReserve = damaged;
  EXPECT_EQ(correctReedSolomon(code, withReserve, ec, lost, 3), -1);
  EXPECT_EQ(withReserve, damaged);
  EXPECT_GE(correctReedSolomon(code, damaged, ec, lost, 2), 0);
  EXPECT_EQ(damaged, clean);
}

// The symbol's modules as libzint draws them, 1 for dark.
cv::Mat modulesOf(const std::string& bracketed) {
  generator::Gs1Content content;
  content.bracketed = bracketed;
  std::string error;
  const auto rendered = generator::renderSymbol(generator::Symbology::DataMatrix, content, true, error);
  EXPECT_TRUE(rendered) << error;
  cv::Mat dark;
  if (rendered) cv::compare(rendered->modules, 128, dark, cv::CMP_LT), dark /= 255;
  return dark;
}

const std::string kContents[] = {
    "(01)09506000134352",
    "(01)09506000134352(17)271231(10)ABC123(21)SER998877",
    "(00)095060001343528129(400)PO-778812(02)09506000134352(37)24(15)271231",
    "(01)09506000134352(17)271231(10)ABC123(21)SER998877(240)ADDITIONAL-ID-1234567890(91)INTERNAL-COMPANY-"
    "DATA-0123456789ABCDEFGHIJ(92)MORE-INTERNAL-DATA-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
};

TEST(DataMatrixCodewords, LibzintSymbolsHaveNoErrors) {
  for (const auto& text : kContents) {
    cv::Mat dark = modulesOf(text);
    const DataMatrixSize* size = dataMatrixSize(dark.rows, dark.cols);
    ASSERT_NE(size, nullptr) << dark.rows << "x" << dark.cols;
    const cv::Mat drawn = dark.clone();
    const auto changed = correctDataMatrix(*size, dark, cv::Mat());
    ASSERT_TRUE(changed) << text;
    EXPECT_EQ(*changed, 0) << text;
    EXPECT_EQ(cv::countNonZero(dark != drawn), 0) << "the finder, clock tracks and corner as libzint draws them";
  }
}

// A stripe down whole columns of modules: light, and known to be unseen.
int stripeColumns(cv::Mat& dark, cv::Mat& erased, int from, int width) {
  erased = cv::Mat::zeros(dark.size(), CV_8U);
  for (int c = from; c < from + width && c < dark.cols; ++c) {
    dark.col(c).setTo(0);
    erased.col(c).setTo(1);
  }
  return width;
}

TEST(DataMatrixCodewords, CorrectsAStripeWithinCapacityAndRefusesBeyond) {
  int refusedInAll = 0;
  for (const auto& text : kContents) {
    const cv::Mat clean = modulesOf(text);
    const DataMatrixSize& size = *dataMatrixSize(clean.rows, clean.cols);
    int corrected = 0, refused = 0;
    for (int width = 1; width <= 10; ++width) {
      for (int from = 1; from + width < clean.cols; ++from) {
        cv::Mat dark = clean.clone(), erased;
        stripeColumns(dark, erased, from, width);
        std::vector<int> erasures;
        dataMatrixCodewords(size, dark, erased, erasures);
        // What each block loses against what it may.
        bool within = true;
        for (int b = 0; b < size.blocks; ++b) {
          const int lost = static_cast<int>(std::count_if(erasures.begin(), erasures.end(), [&](int i) {
            return (i < size.dataCodewords ? i : i - size.dataCodewords) % size.blocks == b;
          }));
          within = within && lost <= size.ecCodewords / size.blocks;
        }
        const auto changed = correctDataMatrix(size, dark, erased);
        if (within) {
          ASSERT_TRUE(changed) << text << " stripe " << width << " at " << from;
          EXPECT_EQ(cv::countNonZero(dark != clean), 0) << text << " stripe " << width << " at " << from;
          ++corrected;
        } else {
          EXPECT_FALSE(changed) << text << " stripe " << width << " at " << from << ": more erasures than checks";
          ++refused;
        }
      }
    }
    EXPECT_GT(corrected, 0) << text;
    refusedInAll += refused;
    RecordProperty(("symbol_" + std::to_string(size.rows) + "x" + std::to_string(size.cols)).c_str(),
                   std::to_string(corrected) + " corrected, " + std::to_string(refused) + " refused");
  }
  EXPECT_GT(refusedInAll, 0) << "stripes wide enough to take more codewords than the checks";
}

}  // namespace
}  // namespace gs1inspect::read
