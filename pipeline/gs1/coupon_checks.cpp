// North American coupon codes: AI 8110 (coupon code) and AI 8112 (paperless
// coupon / positive offer file), as the GS1 US coupon guideline lays out
// their variable-length fields. All fields are digits.
#include <fmt/format.h>

#include "component_checks.hpp"

namespace gs1inspect::gs1 {

namespace {

// Reads the fields of a coupon value left to right; the first problem found
// is kept with its span.
class CouponReader {
 public:
  CouponReader(std::string_view value, const CheckContext& context) : value_(value), context_(context) {}

  bool done() const { return failure_.has_value() || at_ == value_.size(); }
  bool failed() const { return failure_.has_value(); }
  CheckResult result() const { return failure_; }

  // One digit that must be in `allowed`; returns it (or -1 after a failure).
  int digit(std::string_view allowed, std::string_view what) {
    if (failed()) return -1;
    if (at_ >= value_.size()) return fail(value_.size(), 0, fmt::format("{} is missing", what));
    const char c = value_[at_];
    if (c < '0' || c > '9' || allowed.find(c) == std::string_view::npos) {
      return fail(at_, 1, fmt::format("{} must be one of {}", what, allowed));
    }
    ++at_;
    return c - '0';
  }

  // `count` digits; returns them (empty after a failure).
  std::string_view digits(std::size_t count, std::string_view what) {
    if (failed()) return {};
    if (at_ + count > value_.size()) {
      fail(at_, value_.size() - at_, fmt::format("{} needs {} digits", what, count));
      return {};
    }
    const auto field = value_.substr(at_, count);
    for (std::size_t i = 0; i < count; ++i) {
      if (field[i] < '0' || field[i] > '9') {
        fail(at_ + i, 1, fmt::format("{} must be digits", what));
        return {};
      }
    }
    at_ += count;
    return field;
  }

  // A length digit (VLI) in `allowed`, then VLI + `base` digits.
  std::string_view prefixed(std::string_view allowed, std::size_t base, std::string_view what) {
    const int vli = digit(allowed, fmt::format("length indicator of the {}", what));
    if (vli < 0) return {};
    return digits(static_cast<std::size_t>(vli) + base, what);
  }

  // A company prefix field checked like gcp1.
  void companyPrefix(std::string_view allowed, std::size_t base, std::string_view what) {
    const auto start = at_ + 1;
    const auto field = prefixed(allowed, base, what);
    if (failed()) return;
    if (auto failure = checkCompanyPrefix1(field, context_)) {
      failure->offset += start;
      failure_ = failure;
    }
  }

  void date(std::string_view what) {
    const auto start = at_;
    const auto field = digits(6, what);
    if (failed()) return;
    if (auto failure = checkDate6(field, context_)) {
      failure->offset += start;
      failure_ = failure;
    }
  }

  // A second or third purchase: requirement, its code, family code, and a
  // company prefix (9: the same as the first purchase's).
  void purchase(std::string_view which) {
    prefixed("12345", 0, fmt::format("{} purchase requirement", which));
    digit("012349", fmt::format("{} purchase requirement code", which));
    digits(3, fmt::format("{} purchase family code", which));
    if (peek() == 9) digit("9", fmt::format("{} purchase company prefix", which));
    else companyPrefix("0123456", 6, fmt::format("{} purchase company prefix", which));
  }

  int peek() const { return at_ < value_.size() ? value_[at_] - '0' : -1; }
  std::size_t position() const { return at_; }

  int fail(std::size_t offset, std::size_t length, std::string message) {
    if (!failure_) failure_ = CheckFailure{LintCode::BadValue, offset, length, std::move(message)};
    return -1;
  }

 private:
  std::string_view value_;
  const CheckContext& context_;
  std::size_t at_ = 0;
  CheckResult failure_;
};

}  // namespace

CheckResult checkCoupon(std::string_view value, const CheckContext& context) {
  CouponReader r(value, context);
  // Mandatory data field.
  r.companyPrefix("0123456", 6, "company prefix");
  r.digits(6, "offer code");
  r.prefixed("12345", 0, "save value");
  r.prefixed("12345", 0, "first purchase requirement");
  r.digit("012349", "first purchase requirement code");
  r.digits(3, "first purchase family code");
  // Optional data fields, each introduced by its indicator, in order.
  int last = 0;
  std::string_view expiry;
  while (!r.done()) {
    const auto at = r.position();
    const int indicator = r.peek();
    if (indicator <= last || (indicator > 6 && indicator != 9)) {
      r.fail(at, 1, fmt::format("optional field indicator {} is unknown or out of order", value[at]));
      break;
    }
    r.digit("1234569", "optional field indicator");
    last = indicator;
    switch (indicator) {
      case 1:
        r.digit("0123", "additional purchase rules code");
        r.purchase("second");
        break;
      case 2: r.purchase("third"); break;
      case 3:
        expiry = value.substr(r.position(), 6);
        r.date("expiration date");
        break;
      case 4: {
        const auto start = r.position();
        const auto startDate = value.substr(start, std::min<std::size_t>(6, value.size() - start));
        r.date("start date");
        if (!r.failed() && !expiry.empty() && startDate > expiry) r.fail(start, 6, "start date is after the expiration date");
        break;
      }
      case 5: r.prefixed("0123456789", 6, "serial number"); break;
      case 6: r.prefixed("1234567", 6, "retailer company prefix or GLN"); break;
      case 9:
        r.digit("01256", "save value code");
        r.digit("012", "save value applies to item");
        r.digit("0123456789", "store coupon flag");
        r.digit("01", "don't multiply flag");
        break;
      default: break;
    }
  }
  return r.result();
}

CheckResult checkCouponPos(std::string_view value, const CheckContext& context) {
  CouponReader r(value, context);
  r.digit("01", "coupon format");
  r.prefixed("0123456", 6, "coupon funder ID");
  r.digits(6, "offer code");
  r.prefixed("0123456789", 6, "serial number");
  if (!r.failed() && !r.done()) r.fail(r.position(), value.size() - r.position(), "data follows the serial number");
  return r.result();
}

}  // namespace gs1inspect::gs1
