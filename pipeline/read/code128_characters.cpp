#include "read/code128_characters.hpp"

namespace gs1inspect::read {

namespace {

// ISO/IEC 15417 table 1: bar, space, bar, space, bar, space widths of
// values 0-105 (103-105 the start characters A, B and C), written as six
// digits.
constexpr std::array<const char*, 106> kPatterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",  // 0-9
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",  // 10-19
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",  // 20-29
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",  // 30-39
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",  // 40-49
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",  // 50-59
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",  // 60-69
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",  // 70-79
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",  // 80-89
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",  // 90-99
    "114131", "311141", "411131", "211412", "211214", "211232",                                          // 100-105
};

using Widths = std::array<std::uint8_t, 6>;

constexpr std::array<Widths, 107> makeWidths() {
  std::array<Widths, 107> out{};
  for (std::size_t v = 0; v < kPatterns.size(); ++v)
    for (std::size_t i = 0; i < 6; ++i) out[v][i] = static_cast<std::uint8_t>(kPatterns[v][i] - '0');
  for (std::size_t i = 0; i < 6; ++i) out[106][i] = kCode128StopWidths[i];
  return out;
}
constexpr std::array<Widths, 107> kWidths = makeWidths();

// Every character is 11 modules, its bars an even number of them.
constexpr bool wellFormed() {
  for (std::size_t v = 0; v < 106; ++v) {
    const auto& w = kWidths[v];
    if (w[0] + w[1] + w[2] + w[3] + w[4] + w[5] != kCode128CharModules) return false;
    if ((w[0] + w[2] + w[4]) % 2 != 0) return false;
  }
  return true;
}
static_assert(wellFormed(), "a Code 128 pattern is not 11 modules with an even bar count");

enum class CodeSet { A, B, C };

constexpr char kGroupSeparator = '\x1D';

}  // namespace

const std::array<std::uint8_t, 6>& code128Widths(int value) {
  return kWidths.at(static_cast<std::size_t>(value));
}

int code128Check(std::span<const int> values) {
  if (values.empty()) return -1;
  long sum = values[0];
  for (std::size_t i = 1; i < values.size(); ++i) sum += static_cast<long>(i) * values[i];
  return static_cast<int>(sum % 103);
}

std::optional<std::string> gs1DataOfCode128(std::span<const int> values) {
  // Start, FNC1, at least one data character, check.
  if (values.size() < 4) return std::nullopt;
  const int start = values[0];
  if (start < kCode128StartA || start > kCode128StartC) return std::nullopt;
  const auto body = values.subspan(0, values.size() - 1);
  for (std::size_t i = 1; i < values.size(); ++i)
    if (values[i] < 0 || values[i] > kCode128Fnc1) return std::nullopt;
  if (code128Check(body) != values.back()) return std::nullopt;
  if (values[1] != kCode128Fnc1) return std::nullopt;

  CodeSet set = start == kCode128StartA ? CodeSet::A : start == kCode128StartB ? CodeSet::B : CodeSet::C;
  std::string data;
  bool shifted = false;  // the next character only, in the other of A and B
  for (std::size_t i = 2; i < body.size(); ++i) {
    const int v = body[i];
    CodeSet current = set;
    if (shifted) {
      current = set == CodeSet::A ? CodeSet::B : CodeSet::A;
      shifted = false;
    }
    if (v == kCode128Fnc1) {
      data.push_back(kGroupSeparator);
      continue;
    }
    if (current == CodeSet::C) {
      if (v < 100) {
        data.push_back(static_cast<char>('0' + v / 10));
        data.push_back(static_cast<char>('0' + v % 10));
      } else if (v == 100) {
        set = CodeSet::B;
      } else {  // 101: code A
        set = CodeSet::A;
      }
      continue;
    }
    if (v < 64) {
      data.push_back(static_cast<char>(32 + v));
      continue;
    }
    if (v < 96) {
      // A: control characters, which GS1 data never holds; B: ` to DEL.
      if (current == CodeSet::A) return std::nullopt;
      data.push_back(static_cast<char>(32 + v));
      continue;
    }
    switch (v) {
      case 98:  // shift
        if (shifted || i + 1 >= body.size()) return std::nullopt;
        shifted = true;
        break;
      case 99:
        set = CodeSet::C;
        break;
      case 100:  // A: code B; B: FNC4
        if (current == CodeSet::B) return std::nullopt;
        set = CodeSet::B;
        break;
      case 101:  // A: FNC4; B: code A
        if (current == CodeSet::A) return std::nullopt;
        set = CodeSet::A;
        break;
      default:  // 96 FNC3, 97 FNC2: not GS1
        return std::nullopt;
    }
  }
  if (data.empty() || data.back() == kGroupSeparator) return std::nullopt;
  return data;
}

}  // namespace gs1inspect::read
