#pragma once
// The generator's random numbers: a fixed, portable sequence from a seed,
// so that a frame set is the same wherever it is made from the same
// arguments (std::uniform_*_distribution is not the same everywhere).

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace gs1inspect::generator {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  /// 64 random bits (seeds for OpenCV's generator).
  std::uint64_t bits() { return engine_(); }
  /// Uniform in [0, 1).
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  /// Uniform in [low, high).
  double uniform(double low, double high) { return low + (high - low) * unit(); }
  /// Uniform integer in [low, high].
  int integer(int low, int high) {
    return low + static_cast<int>(unit() * static_cast<double>(high - low + 1));
  }
  bool chance(double probability) { return unit() < probability; }
  /// Approximately normal (sum of uniforms), mean 0, deviation 1.
  double normal() {
    double sum = 0;
    for (int i = 0; i < 12; ++i) sum += unit();
    return sum - 6.0;
  }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(integer(0, static_cast<int>(items.size()) - 1))];
  }
  std::string digits(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += static_cast<char>('0' + integer(0, 9));
    return out;
  }
  /// A new generator for a sub-task, so adding draws in one place does not
  /// shift every later one.
  Random fork() { return Random(engine_()); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace gs1inspect::generator
