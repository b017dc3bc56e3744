#include "element_validator.hpp"

#include <fmt/format.h>

#include "civil_date.hpp"
#include "iso_codes.hpp"

namespace gs1inspect::gs1 {

namespace {

void addError(ParseResult& result, const Element& element, LintCode code, std::size_t from, std::size_t length,
              std::string message) {
  const std::size_t begin = element.inputOffset(from);
  const std::size_t end = element.inputOffset(from + length);
  result.errors.push_back({code, element.ai, begin, end - begin, std::move(message)});
}

// "2025-12-31" from YYMMDD, or "2025-12" when DD is 00 (day not given).
std::string isoDate(std::string_view yymmdd, int referenceYear) {
  const int year = fullYear((yymmdd[0] - '0') * 10 + (yymmdd[1] - '0'), referenceYear);
  std::string out(yymmdd.substr(4, 2) == "00" ? 7 : 10, '-');
  out[0] = static_cast<char>('0' + year / 1000 % 10);
  out[1] = static_cast<char>('0' + year / 100 % 10);
  out[2] = yymmdd[0];
  out[3] = yymmdd[1];
  out[5] = yymmdd[2];
  out[6] = yymmdd[3];
  if (out.size() == 10) {
    out[8] = yymmdd[4];
    out[9] = yymmdd[5];
  }
  return out;
}

std::string withDecimalPoint(std::string_view digits, std::size_t decimals) {
  std::string padded(decimals + 1 > digits.size() ? decimals + 1 - digits.size() : 0, '0');
  padded += digits;
  std::string_view whole = std::string_view(padded).substr(0, padded.size() - decimals);
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  std::string out(whole);
  if (decimals > 0) {
    out += '.';
    out += std::string_view(padded).substr(padded.size() - decimals);
  }
  return out;
}

// Typed meaning of the components, once all checks passed.
void interpret(Element& element, const std::vector<std::string_view>& parts, int referenceYear) {
  const AiEntry& entry = *element.entry;
  TypedValue& typed = element.typed;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto part = parts[i];
    for (Check check : entry.components[i].checks) {
      switch (check) {
        case Check::Date6:
        case Check::Date6Day00:
          (typed.date.empty() ? typed.date : typed.dateEnd) = isoDate(part, referenceYear);
          break;
        case Check::Date8:
          typed.date = fmt::format("{}-{}-{}", part.substr(0, 4), part.substr(4, 2), part.substr(6, 2));
          break;
        case Check::HourMinute: typed.time = fmt::format("{}:{}", part.substr(0, 2), part.substr(2, 2)); break;
        case Check::Hour: typed.time = std::string(part); break;
        case Check::Minute:
        case Check::Second:
          typed.time += ':';
          typed.time += part;
          break;
        case Check::Country:
        case Check::Country999:
          typed.countries.emplace_back(part == "999" ? std::string_view("999") : *countryAlpha2(part));
          break;
        case Check::CountryAlpha2: typed.countries.emplace_back(part); break;
        case Check::Currency: typed.currency = std::string(*currencyAlpha3(part)); break;
        default: break;
      }
    }
  }
  if (typed.time.size() == 2) typed.time += ":00";  // hour only
  if (entry.impliedDecimal && !parts.empty() && element.ai == entry.ai) {
    typed.decimal = withDecimalPoint(parts.back(), static_cast<std::size_t>(element.ai.back() - '0'));
  }
  typed.unit = entry.unit;
}

void validate(Element& element, ParseResult& result, const CheckContext& context) {
  const AiEntry& entry = *element.entry;
  const std::string_view value = element.value;
  if (value.size() < entry.minLength() || value.size() > entry.maxLength()) {
    const bool tooLong = value.size() > entry.maxLength();
    const std::string limit = entry.minLength() == entry.maxLength()
                                  ? fmt::format("exactly {}", entry.maxLength())
                                  : fmt::format("{} to {}", entry.minLength(), entry.maxLength());
    addError(result, element, LintCode::BadLength, tooLong ? entry.maxLength() : 0,
             tooLong ? value.size() - entry.maxLength() : value.size(),
             fmt::format("({}) takes {} characters, not {}", element.ai, limit, value.size()));
    return;
  }
  std::vector<std::string_view> parts;
  bool clean = true;
  std::size_t pos = 0;
  for (const Component& component : entry.components) {
    if (pos == value.size() && component.optional) break;
    const std::size_t length = std::min<std::size_t>(component.maxLength, value.size() - pos);
    if (length < component.minLength) {
      addError(result, element, LintCode::BadLength, pos, length,
               fmt::format("({}): a component needs {} characters, {} are left", element.ai, component.minLength, length));
      return;
    }
    const auto part = value.substr(pos, length);
    bool charsetOk = true;
    std::size_t unpadded = part.size();
    if (component.charset == CharSet::Cset64) {
      // Base64url padding: at most two "=" at the end, and then a length
      // that is a multiple of three (as the GS1 Barcode Syntax Tests check).
      while (unpadded > 0 && part[unpadded - 1] == '=') --unpadded;
      const std::size_t pads = part.size() - unpadded;
      if (pads > 2 || (pads > 0 && part.size() % 3 != 0)) {
        addError(result, element, LintCode::BadCharacter, pos + unpadded, pads,
                 fmt::format("({}): {} padding '=' do not fit a value of {} characters", element.ai, pads,
                             part.size()));
        return;
      }
    }
    for (std::size_t i = 0; i < unpadded; ++i) {
      if (!inCharSet(component.charset, part[i])) {
        const auto c = static_cast<unsigned char>(part[i]);
        addError(result, element, LintCode::BadCharacter, pos + i, 1,
                 c >= 0x20 && c < 0x7f
                     ? fmt::format("({}): '{}' is not allowed here ({} only)", element.ai, part[i],
                                   charSetName(component.charset))
                     : fmt::format("({}): byte 0x{:02X} is not allowed here ({} only)", element.ai, c,
                                   charSetName(component.charset)));
        charsetOk = false;
        break;
      }
    }
    if (charsetOk) {
      for (Check check : component.checks) {
        if (auto failure = checkFunction(check)(part, context)) {
          addError(result, element, failure->code, pos + failure->offset, failure->length,
                   fmt::format("({}): {}", element.ai, failure->message));
          charsetOk = false;
          break;
        }
      }
    }
    clean = clean && charsetOk;
    parts.push_back(part);
    pos += length;
  }
  if (clean) interpret(element, parts, context.referenceYear);
}

}  // namespace

void validateElements(ParseResult& result, const CheckContext& context) {
  for (Element& element : result.elements) {
    if (element.entry != nullptr) validate(element, result, context);
  }
}

}  // namespace gs1inspect::gs1
