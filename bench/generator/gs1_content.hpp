#pragma once
// Realistic GS1 data for generated labels: SSCC logistic labels, trade
// items with batch, dates, weights and counts, ship-to GLNs, and data that
// breaks GS1 rules on purpose (bad check digit, impossible date, missing
// requisite).

#include <string>
#include <vector>

#include "generator/random.hpp"

namespace gs1inspect::generator {

/// What a label's symbols should carry.
enum class LabelKind { Logistic, TradeItem };

/// How a carton's data breaks GS1 rules, if it does.
enum class DataFault { None, BadCheckDigit, ImpossibleDate, MissingRequisite };

/// A GS1 element string in bracketed form, plus the GTIN it carries (for
/// DataBar Omni/Stacked, which carry the GTIN alone).
struct Gs1Content {
  std::string bracketed;
  std::string gtin;  // 14 digits, empty when none
};

/// GS1 mod-10 check digit appended to `digits`.
std::string withCheckDigit(const std::string& digits);

class ContentMaker {
 public:
  explicit ContentMaker(Random random) : random_(random) {}

  std::string sscc();
  std::string gtin();
  /// A GTIN-14 whose GTIN-13 an EAN-13 can carry (leading 0).
  std::string gtin13();
  /// A GTIN-14 whose GTIN-12 a UPC-A can carry (leading 00, a US prefix).
  std::string gtin12();
  std::string gln();
  std::string batch();
  /// A date YYMMDD between 2025 and 2029.
  std::string date();

  /// The element strings of one label: 1 to 3 symbols' worth, the first
  /// being the label's main symbol. `fault` spoils one element of the first.
  std::vector<Gs1Content> label(LabelKind kind, int symbols, DataFault fault);

 private:
  Random random_;
};

}  // namespace gs1inspect::generator
