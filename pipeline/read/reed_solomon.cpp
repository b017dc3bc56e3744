#include "read/reed_solomon.hpp"

#include <algorithm>

namespace gs1inspect::read {

namespace {

using Poly = std::vector<std::uint8_t>;  // coefficients, lowest power first

std::uint8_t evaluate(const GaloisField& f, const Poly& p, std::uint8_t x) {
  std::uint8_t y = 0;
  for (auto c = p.rbegin(); c != p.rend(); ++c) y = static_cast<std::uint8_t>(f.mul(y, x) ^ *c);
  return y;
}

// The syndromes of `codewords`: the codeword polynomial at each root.
Poly syndromes(const ReedSolomonCode& code, std::span<const std::uint8_t> codewords, int ecCount, bool& zero) {
  const GaloisField& f = *code.field;
  Poly s(static_cast<std::size_t>(ecCount));
  zero = true;
  for (int j = 0; j < ecCount; ++j) {
    const std::uint8_t x = f.pow(code.firstRoot + j);
    std::uint8_t y = 0;
    for (const std::uint8_t c : codewords) y = static_cast<std::uint8_t>(f.mul(y, x) ^ c);
    s[static_cast<std::size_t>(j)] = y;
    zero = zero && y == 0;
  }
  return s;
}

void trim(Poly& p) {
  while (p.size() > 1 && p.back() == 0) p.pop_back();
}

}  // namespace

GaloisField::GaloisField(int primitive) {
  int x = 1;
  for (int i = 0; i < 255; ++i) {
    exp_[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(x);
    log_[static_cast<std::size_t>(x)] = i;
    x <<= 1;
    if (x & 0x100) x ^= primitive;
  }
  for (int i = 255; i < 512; ++i) exp_[static_cast<std::size_t>(i)] = exp_[static_cast<std::size_t>(i - 255)];
}

const GaloisField& GaloisField::dataMatrix() {
  static const GaloisField field(0x12D);  // x^8 + x^5 + x^3 + x^2 + 1 (ISO/IEC 16022 annex E)
  return field;
}

const GaloisField& GaloisField::qr() {
  static const GaloisField field(0x11D);  // x^8 + x^4 + x^3 + x^2 + 1 (ISO/IEC 18004 annex A)
  return field;
}

std::vector<std::uint8_t> reedSolomonCheck(const ReedSolomonCode& code, std::span<const std::uint8_t> data,
                                           int ecCount) {
  const GaloisField& f = *code.field;
  // The generator, highest power first: the product of (x - a^i).
  std::vector<std::uint8_t> g{1};
  for (int i = 0; i < ecCount; ++i) {
    const std::uint8_t root = f.pow(code.firstRoot + i);
    std::vector<std::uint8_t> next(g.size() + 1, 0);
    for (std::size_t k = 0; k < next.size(); ++k) {
      const std::uint8_t shifted = k < g.size() ? g[k] : 0;
      const std::uint8_t times = k > 0 ? f.mul(g[k - 1], root) : 0;
      next[k] = static_cast<std::uint8_t>(shifted ^ times);
    }
    g = std::move(next);
  }
  // data * x^ec mod g.
  std::vector<std::uint8_t> rest(static_cast<std::size_t>(ecCount), 0);
  for (const std::uint8_t d : data) {
    const std::uint8_t factor = static_cast<std::uint8_t>(d ^ (rest.empty() ? 0 : rest[0]));
    std::rotate(rest.begin(), rest.begin() + (rest.empty() ? 0 : 1), rest.end());
    if (!rest.empty()) rest.back() = 0;
    for (std::size_t k = 0; k < rest.size(); ++k) rest[k] ^= f.mul(factor, g[k + 1]);
  }
  return rest;
}

int correctReedSolomon(const ReedSolomonCode& code, std::span<std::uint8_t> codewords, int ecCount,
                       std::span<const int> erasures, int reserve) {
  const GaloisField& f = *code.field;
  const int n = static_cast<int>(codewords.size());
  const int rho = static_cast<int>(erasures.size());
  const int spendable = ecCount - std::max(0, reserve);
  if (ecCount <= 0 || ecCount >= n || n > 255 || rho > spendable) return -1;
  for (std::size_t i = 0; i < erasures.size(); ++i) {
    if (erasures[i] < 0 || erasures[i] >= n) return -1;
    if (std::find(erasures.begin(), erasures.begin() + static_cast<long>(i), erasures[i]) !=
        erasures.begin() + static_cast<long>(i))
      return -1;
  }
  bool clean = false;
  const Poly s = syndromes(code, codewords, ecCount, clean);
  if (clean) return 0;
  const auto locatorOf = [&](int position) { return f.pow(n - 1 - position); };

  // The erasures' locator, then Berlekamp-Massey started from it: the
  // locator of errors and erasures together.
  Poly gamma{1};
  for (const int p : erasures) {
    const std::uint8_t x = locatorOf(p);
    Poly next(gamma.size() + 1, 0);
    for (std::size_t k = 0; k < next.size(); ++k)
      next[k] = static_cast<std::uint8_t>((k < gamma.size() ? gamma[k] : 0) ^ (k > 0 ? f.mul(x, gamma[k - 1]) : 0));
    gamma = std::move(next);
  }
  Poly lambda = gamma, b = gamma;
  int length = rho;
  for (int r = rho + 1; r <= ecCount; ++r) {
    std::uint8_t delta = 0;
    for (std::size_t j = 0; j < lambda.size(); ++j) {
      const int k = r - static_cast<int>(j);  // S_k, k from 1
      if (k >= 1) delta ^= f.mul(lambda[j], s[static_cast<std::size_t>(k - 1)]);
    }
    b.insert(b.begin(), 0);  // x * B
    if (delta == 0) continue;
    Poly t(std::max(lambda.size(), b.size()), 0);
    for (std::size_t k = 0; k < t.size(); ++k)
      t[k] = static_cast<std::uint8_t>((k < lambda.size() ? lambda[k] : 0) ^ (k < b.size() ? f.mul(delta, b[k]) : 0));
    if (2 * length <= r + rho - 1) {
      b = lambda;
      for (auto& c : b) c = f.div(c, delta);
      length = r + rho - length;
    }
    lambda = std::move(t);
  }
  trim(lambda);
  const int degree = static_cast<int>(lambda.size()) - 1;
  if (degree != length || 2 * (length - rho) + rho > spendable) return -1;

  // Its roots are the inverse locators of the codewords in error.
  std::vector<int> positions;
  for (int p = 0; p < n; ++p)
    if (evaluate(f, lambda, f.pow(-(n - 1 - p))) == 0) positions.push_back(p);
  if (static_cast<int>(positions.size()) != degree) return -1;

  // Forney: each value from the evaluator and the locator's derivative.
  Poly omega(static_cast<std::size_t>(ecCount), 0);
  for (std::size_t i = 0; i < s.size(); ++i)
    for (std::size_t j = 0; j < lambda.size() && i + j < omega.size(); ++j) omega[i + j] ^= f.mul(s[i], lambda[j]);
  Poly derivative(lambda.size() > 1 ? lambda.size() - 1 : 1, 0);
  for (std::size_t i = 1; i < lambda.size(); i += 2) derivative[i - 1] = lambda[i];

  std::vector<std::uint8_t> fixed(codewords.begin(), codewords.end());
  int changed = 0;
  for (const int p : positions) {
    const std::uint8_t xInverse = f.pow(-(n - 1 - p));
    const std::uint8_t denominator = evaluate(f, derivative, xInverse);
    if (denominator == 0) return -1;
    std::uint8_t value = f.div(evaluate(f, omega, xInverse), denominator);
    value = f.mul(value, f.pow((n - 1 - p) * (1 - code.firstRoot)));
    fixed[static_cast<std::size_t>(p)] ^= value;
    changed += value != 0;
  }
  bool zero = false;
  syndromes(code, fixed, ecCount, zero);
  if (!zero) return -1;
  std::copy(fixed.begin(), fixed.end(), codewords.begin());
  return changed;
}

}  // namespace gs1inspect::read
