#pragma once
// The GS1 Application Identifier dictionary: what each AI's data looks like
// and which rules tie it to other AIs.
//
// The dictionary is data (ai_dictionary.txt, format documented in its head),
// compiled into the program and parsed once on first use. AiDictionary is
// immutable after construction and safe to share between threads.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gs1inspect::gs1 {

/// The character set a component's characters come from.
enum class CharSet : std::uint8_t {
  Numeric,  // "n": digits 0-9
  Cset82,   // "x": GS1 AI encodable character set 82
  Cset39,   // "y": GS1 AI encodable character set 39
  Cset64,   // "z": GS1 file-safe / URI-safe base64 (character set 64)
};

/// A content check applied to one component (the dictionary's check names).
enum class Check : std::uint8_t {
  CheckDigit,       // cd
  CheckPairAlnum,   // cd-alnum
  CompanyPrefix1,   // gcp1
  CompanyPrefix2,   // gcp2
  Date6,            // date6
  Date6Day00,       // date6-00
  Date8,            // date8
  HourMinute,       // hhmm
  Hour,             // hh
  Minute,           // mm
  Second,           // ss
  Country,          // country
  Country999,       // country-999
  CountryAlpha2,    // country-a2
  Currency,         // currency
  PercentEncoded,   // pct
  YesNo,            // yesno
  Hyphen,           // hyphen
  Latitude,         // lat
  Longitude,        // lon
  NonZero,          // nonzero
  Zero,             // zero
  Winding,          // winding
  PieceOfTotal,     // piece-of-total
  Iban,             // iban
  ImporterIndex,    // importer
  PackageType,      // package
  MediaType,        // media
  BiologicalSex,    // sex
  SequenceSlash,    // seq-slash
  NoZeroPrefix,     // no-zero-prefix
  HasNonDigit,      // has-non-digit
  Coupon,           // coupon
  CouponPos,        // coupon-pos
};

/// The dictionary's name of a check ("cd", "date6-00", ...).
std::string_view checkName(Check check);

/// One component of an AI's data field.
struct Component {
  CharSet charset = CharSet::Numeric;
  std::uint8_t minLength = 1;
  std::uint8_t maxLength = 1;
  bool optional = false;
  std::vector<Check> checks;

  bool fixedLength() const { return minLength == maxLength; }
};

/// Alternatives of one requisite rule: the rule holds when every AI pattern
/// of at least one alternative is present ("01+21,02" = {{01,21},{02}}).
using RequisiteRule = std::vector<std::vector<std::string>>;

/// Everything the dictionary says about one AI.
struct AiEntry {
  std::string ai;
  std::string title;
  std::vector<Component> components;
  bool predefinedLength = false;  // no FNC1 separator follows ("fixed")
  bool digitalLinkAttribute = false;  // allowed in a Digital Link query ("dl")
  bool impliedDecimal = false;    // last AI digit = decimals of the last numeric component
  std::string unit;               // unit of measure, empty if none
  std::vector<RequisiteRule> requisites;   // every rule must hold
  std::vector<std::string> exclusions;     // AI patterns ("310n") invalid beside it
  bool primaryKey = false;                 // a Digital Link primary key
  std::vector<std::vector<std::string>> qualifierSequences;  // for a primary key
  int sourceLine = 0;  // line in ai_dictionary.txt

  std::size_t minLength() const { return minLength_; }  // shortest value
  std::size_t maxLength() const { return maxLength_; }  // longest value

  /// Works out the cached value lengths from the components.
  void computeLengths();

 private:
  std::size_t minLength_ = 0;
  std::size_t maxLength_ = 0;
};

/// True when `ai` matches `pattern`: equal length, equal digits, "n" matches any digit.
bool aiMatchesPattern(std::string_view ai, std::string_view pattern);

/// A problem found while reading dictionary text.
struct DictionaryError {
  int line = 0;
  std::string message;
};

class AiDictionary {
 public:
  /// Parses dictionary text. Problems are collected in errors(); lines with
  /// problems are left out, the rest is usable.
  explicit AiDictionary(std::string_view text);

  /// The dictionary compiled into the program (ai_dictionary.txt).
  static const AiDictionary& builtin();

  /// The entry for exactly this AI, or nullptr.
  const AiEntry* find(std::string_view ai) const;
  /// The entry whose AI is a prefix of `data` (AIs are prefix-free), or nullptr.
  const AiEntry* findPrefix(std::string_view data) const;
  /// Entries in dictionary order, ranges expanded.
  const std::vector<AiEntry>& entries() const { return entries_; }
  const std::vector<DictionaryError>& errors() const { return errors_; }
  /// The release line of the dictionary ("follows: ...").
  const std::string& follows() const { return follows_; }

 private:
  void index();

  std::vector<AiEntry> entries_;
  std::vector<DictionaryError> errors_;
  std::string follows_;
  // Direct lookup by AI value: index 0..99 for 2-digit AIs, 100..1099 for
  // 3-digit ones, 1100..11099 for 4-digit ones; -1 where there is no AI.
  std::vector<std::int16_t> byAi_;
};

}  // namespace gs1inspect::gs1
