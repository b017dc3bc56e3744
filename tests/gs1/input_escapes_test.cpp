#include "gs1/input_escapes.hpp"

#include <gtest/gtest.h>

namespace gs1inspect::gs1 {
namespace {

TEST(InputEscapes, FourCharactersStandForGsInAnyCase) {
  const auto input = unescapeGroupSeparators("10A\\x1D17\\x1d1\\X1D2\\x1E");
  EXPECT_EQ(input.bytes, "10A\x1d" "17\x1d" "1\x1d" "2\\x1E");
  EXPECT_EQ(escapeGroupSeparators(input.bytes), "10A\\x1D17\\x1D1\\x1D2\\x1E");
}

TEST(InputEscapes, SpansMapBackToTheTypedText) {
  const auto input = unescapeGroupSeparators("10A\\x1D17X");
  // bytes: 1 0 A GS 1 7 X ; the GS is typed offsets 3..6
  EXPECT_EQ(input.typedSpan(3, 1), (std::pair<std::size_t, std::size_t>{3, 4}));
  EXPECT_EQ(input.typedSpan(4, 3), (std::pair<std::size_t, std::size_t>{7, 3}));
  EXPECT_EQ(input.typedSpan(7, 0), (std::pair<std::size_t, std::size_t>{10, 0}));
}

}  // namespace
}  // namespace gs1inspect::gs1
