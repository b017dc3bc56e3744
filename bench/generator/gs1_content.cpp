#include "generator/gs1_content.hpp"

#include <fmt/format.h>

#include "gs1/check_digit.hpp"

namespace gs1inspect::generator {

std::string withCheckDigit(const std::string& digits) {
  std::string out = digits;
  out.push_back(gs1::gs1CheckDigit(digits));
  return out;
}

namespace {

// Company prefixes of a few made-up shippers (GS1 prefix 950 is for
// examples in GS1 documents; the others are ordinary national prefixes).
const std::vector<std::string> kCompanyPrefixes = {"9506000", "0614141", "4012345", "5412345", "8712345", "0350002"};

}  // namespace

std::string ContentMaker::sscc() {
  const std::string prefix = random_.pick(kCompanyPrefixes);
  return withCheckDigit(std::to_string(random_.integer(0, 9)) + prefix + random_.digits(16 - static_cast<int>(prefix.size())));
}

std::string ContentMaker::gtin() {
  const std::string prefix = random_.pick(kCompanyPrefixes);
  const char indicator = random_.chance(0.5) ? '0' : static_cast<char>('1' + random_.integer(0, 7));
  return withCheckDigit(std::string(1, indicator) + prefix + random_.digits(12 - static_cast<int>(prefix.size())));
}

std::string ContentMaker::gtin13() {
  const std::string prefix = random_.pick(kCompanyPrefixes);
  // Appended, not prepended: GCC 12 at -O3 reports a false -Wrestrict on
  // `"literal" + std::string` (GCC bug 105329).
  std::string out = "0";
  out += withCheckDigit(prefix + random_.digits(12 - static_cast<int>(prefix.size())));
  return out;
}

std::string ContentMaker::gtin12() {
  static const std::vector<std::string> kUsPrefixes = {"0614141", "0350002", "0123456", "0871234"};
  const std::string prefix = random_.pick(kUsPrefixes);
  // GTIN-12: the US company prefix without its GTIN-13 leading 0, item, check digit.
  const std::string company = prefix.substr(1);
  std::string out = "00";  // appended: see gtin13()
  out += withCheckDigit(company + random_.digits(11 - static_cast<int>(company.size())));
  return out;
}

std::string ContentMaker::gln() { return withCheckDigit(random_.pick(kCompanyPrefixes) + random_.digits(5)); }

std::string ContentMaker::batch() {
  static const char kChars[] = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  std::string out = random_.chance(0.5) ? "L" : "";
  const int n = random_.integer(4, 8);
  for (int i = 0; i < n; ++i) out += kChars[random_.integer(0, 32)];
  if (random_.chance(0.3)) {
    out += '-';  // appended: see gtin13()
    out += random_.digits(2);
  }
  return out;
}

std::string ContentMaker::date() {
  const int year = random_.integer(25, 29);
  const int month = random_.integer(1, 12);
  const int day = random_.integer(1, 28);
  return fmt::format("{:02}{:02}{:02}", year, month, day);
}

std::vector<Gs1Content> ContentMaker::label(LabelKind kind, int symbols, DataFault fault) {
  std::vector<Gs1Content> out;
  const std::string gtin = this->gtin();
  std::string first;
  if (kind == LabelKind::Logistic) {
    std::string sscc = this->sscc();
    if (fault == DataFault::BadCheckDigit) sscc.back() = static_cast<char>('0' + (sscc.back() - '0' + 1) % 10);
    first = "(00)" + sscc;
    if (fault == DataFault::MissingRequisite) first += "(37)" + std::to_string(random_.integer(2, 96));  // (37) without (02)
    if (fault == DataFault::ImpossibleDate) first += "(15)" + date().substr(0, 2) + "0231";
    out.push_back({first, ""});
    const std::string content = "(02)" + gtin + "(37)" + std::to_string(random_.integer(2, 96)) +
                                (random_.chance(0.6) ? "(15)" + date() : "") + "(10)" + batch();
    out.push_back({content, gtin});
    const std::string ship = "(410)" + gln() + "(3300)" + fmt::format("{:06}", random_.integer(1200, 98000)) +
                             (random_.chance(0.5) ? "(400)PO" + random_.digits(6) : "");
    out.push_back({ship, ""});
  } else {
    std::string g = gtin;
    if (fault == DataFault::BadCheckDigit) g.back() = static_cast<char>('0' + (g.back() - '0' + 1) % 10);
    first = "(01)" + g;
    const int weightAi = random_.integer(0, 3);
    const std::string weight = fmt::format("(310{}){:06}", weightAi, random_.integer(100, 99999));
    std::string expiry = "(17)" + date();
    if (fault == DataFault::ImpossibleDate) expiry = "(17)" + date().substr(0, 2) + "1332";
    if (fault == DataFault::MissingRequisite) first = "(3103)" + fmt::format("{:06}", random_.integer(100, 99999));
    out.push_back({first + (fault == DataFault::MissingRequisite ? "" : weight) + expiry + "(10)" + batch(), g});
    out.push_back({"(01)" + g, g});
    out.push_back({"(01)" + g + "(11)" + date() + "(21)" + random_.digits(random_.integer(6, 10)), g});
  }
  // Requisites are judged over all of a carton's symbols: a missing one must
  // not be supplied by a sibling symbol.
  if (fault == DataFault::MissingRequisite) symbols = 1;
  out.resize(static_cast<std::size_t>(std::max(1, std::min(symbols, 3))));
  return out;
}

}  // namespace gs1inspect::generator
