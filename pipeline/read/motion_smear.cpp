#include "read/motion_smear.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <numbers>
#include <vector>

#include <opencv2/core.hpp>

namespace gs1inspect::read {

namespace {

// Rows of a region sampled for its spectrum: enough to average the
// symbol's own spectrum out, few enough to cost a fraction of a decode.
constexpr int kSpectrumRows = 48;
// Narrower regions hold too few periods of a long smear's sinc to tell.
constexpr int kMinRegionCols = 64;
// Depth of the cepstrum's negative peak (log-spectrum units) that tells a
// smear. Sharp rows of bars, text or board stay above -0.02; smears of 4
// to 12 px under lens blur and sensor noise reach -0.05 to -0.2.
constexpr float kMinSmearDepth = 0.05F;
// Wiener noise-to-signal ratio: the sensor noise's variance (over the
// rows a reader averages) over the print's, scaled by kWienerNoiseScale
// (a print of contrast C varies by about C/2 about its mean, over part of
// the spectrum), within these bounds: a clean region is undone sharply
// (the decoders bear ringing far better than lost edges), a noisy one no
// further than its noise allows.
constexpr float kWienerNoiseScale = 9.0F;
constexpr float kMinWienerNoise = 0.002F;
constexpr float kMaxWienerNoise = 0.05F;
// Shares of a region's pixels below which its ink and above which its
// paper lie, for its contrast.
constexpr double kInkShare = 0.05, kPaperShare = 0.95;

// A box of `length` px centred on x = 0, sampled on pixels and wrapped
// onto `n` samples, summing to 1.
std::vector<float> centredBox(float length, int n) {
  std::vector<float> k(static_cast<std::size_t>(n), 0.0F);
  const float half = length / 2;
  const int reach = static_cast<int>(std::ceil(half + 0.5F));
  float total = 0;
  for (int t = -reach; t <= reach; ++t) {
    const float from = std::max(static_cast<float>(t) - 0.5F, -half), to = std::min(static_cast<float>(t) + 0.5F, half);
    if (to <= from) continue;
    const int at = ((t % n) + n) % n;
    k[static_cast<std::size_t>(at)] += to - from;
    total += to - from;
  }
  for (float& v : k) v /= total;
  return k;
}

// The Wiener filter's noise-to-signal ratio for `region` (8-bit), read
// after averaging `rowsAveraged` rows: the sensor noise from the differences between vertically neighbouring
// pixels, which a smear along x leaves alone and which bars and modules
// change only at their few horizontal edges (the median of their size is
// 0.6745 sqrt(2) times the noise's standard deviation), over the spread
// between the region's ink and paper.
float noiseToSignal(const cv::Mat& region, int rowsAveraged) {
  std::array<int, 256> differences{}, levels{};
  for (int y = 0; y < region.rows; ++y) {
    const auto* p = region.ptr<std::uint8_t>(y);
    const auto* below = y + 1 < region.rows ? region.ptr<std::uint8_t>(y + 1) : nullptr;
    for (int x = 0; x < region.cols; ++x) {
      ++levels[p[x]];
      if (below != nullptr) ++differences[static_cast<std::size_t>(std::abs(p[x] - below[x]))];
    }
  }
  const auto quantile = [](const std::array<int, 256>& histogram, double share) {
    long total = 0;
    for (const int n : histogram) total += n;
    const auto wanted = static_cast<long>(share * static_cast<double>(total));
    long seen = 0;
    for (std::size_t v = 0; v < histogram.size(); ++v) {
      seen += histogram[v];
      if (seen > wanted) return static_cast<double>(v);
    }
    return 255.0;
  };
  const double sigma = quantile(differences, 0.5) / (0.6745 * std::numbers::sqrt2);
  const double contrast = std::max(1.0, quantile(levels, kPaperShare) - quantile(levels, kInkShare));
  const double variance = sigma * sigma / std::max(1, rowsAveraged);
  return std::clamp(static_cast<float>(kWienerNoiseScale * variance / (contrast * contrast)), kMinWienerNoise,
                    kMaxWienerNoise);
}

}  // namespace

std::optional<float> smearAlongX(const cv::Mat& region, int rowsPerBand) {
  if (region.empty() || region.cols < kMinRegionCols || region.rows < 2) return std::nullopt;
  const int n = cv::getOptimalDFTSize(region.cols);
  rowsPerBand = std::clamp(rowsPerBand, 1, region.rows);
  const int rows = std::min(kSpectrumRows, region.rows / rowsPerBand);
  std::vector<float> hann(static_cast<std::size_t>(region.cols));
  for (int x = 0; x < region.cols; ++x)
    hann[static_cast<std::size_t>(x)] = static_cast<float>(0.5 - 0.5 * std::cos(2 * std::numbers::pi * x / (region.cols - 1)));
  cv::Mat windowed(rows, n, CV_32F, cv::Scalar(0));
  for (int i = 0; i < rows; ++i) {
    // A band of rows averaged: the mean of smeared rows is their mean
    // smeared, so the box's zeros stay while the sensor's noise falls.
    const int y0 = static_cast<int>((static_cast<long>(i) * (region.rows - rowsPerBand + 1)) / rows);
    float* out = windowed.ptr<float>(i);
    for (int y = y0; y < y0 + rowsPerBand; ++y) {
      const auto* in = region.ptr<std::uint8_t>(y);
      for (int x = 0; x < region.cols; ++x) out[x] += in[x];
    }
    float mean = 0;
    for (int x = 0; x < region.cols; ++x) mean += out[x];
    mean /= static_cast<float>(region.cols);
    for (int x = 0; x < region.cols; ++x) out[x] = (out[x] - mean) * hann[static_cast<std::size_t>(x)] / static_cast<float>(rowsPerBand);
  }
  cv::Mat spectrum;
  cv::dft(windowed, spectrum, cv::DFT_ROWS | cv::DFT_COMPLEX_OUTPUT);
  const int bins = n / 2 + 1;
  std::vector<double> magnitude(static_cast<std::size_t>(bins), 0.0);
  for (int i = 0; i < rows; ++i) {
    const auto* s = spectrum.ptr<cv::Vec2f>(i);
    for (int f = 0; f < bins; ++f) magnitude[static_cast<std::size_t>(f)] += std::hypot(s[f][0], s[f][1]);
  }
  const double peak = *std::max_element(magnitude.begin(), magnitude.end());
  if (peak <= 0) return std::nullopt;
  std::vector<double> logSpectrum(magnitude.size());
  for (std::size_t f = 0; f < magnitude.size(); ++f) logSpectrum[f] = std::log(magnitude[f] / peak + 1e-6);
  // The real cepstrum at whole-pixel lags, one beyond each end of the range
  // for the peak's interpolation.
  const int q0 = static_cast<int>(kMinSmearPx) - 2, q1 = static_cast<int>(kMaxSmearPx) + 1;
  std::vector<double> cepstrum(static_cast<std::size_t>(q1 + 1), 0.0);
  // cos(2 pi f q / n) from a table of the n-th roots of unity's real parts.
  std::vector<double> roots(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) roots[static_cast<std::size_t>(i)] = std::cos(2 * std::numbers::pi * i / n);
  for (int q = q0; q <= q1; ++q) {
    double c = logSpectrum.front() + logSpectrum.back() * (q % 2 == 0 ? 1.0 : -1.0);
    int phase = 0;
    for (int f = 1; f < bins - 1; ++f) {
      phase += q;
      if (phase >= n) phase -= n;
      c += 2 * logSpectrum[static_cast<std::size_t>(f)] * roots[static_cast<std::size_t>(phase)];
    }
    cepstrum[static_cast<std::size_t>(q)] = c / n;
  }
  int best = q0 + 1;
  for (int q = q0 + 1; q < q1; ++q)
    if (cepstrum[static_cast<std::size_t>(q)] < cepstrum[static_cast<std::size_t>(best)]) best = q;
  const double depth = cepstrum[static_cast<std::size_t>(best)];
  if (depth > -kMinSmearDepth) return std::nullopt;
  const double before = cepstrum[static_cast<std::size_t>(best - 1)], after = cepstrum[static_cast<std::size_t>(best + 1)];
  const double curve = before - 2 * depth + after;
  const double offset = curve > 0 ? std::clamp(0.5 * (before - after) / curve, -0.5, 0.5) : 0.0;
  const auto length = static_cast<float>(best + offset);
  if (length < kMinSmearPx) return std::nullopt;
  return length;
}

void undoSmearAlongX(const cv::Mat& region, float length, cv::Mat& out, int rowsAveraged, int rowsPerGroup) {
  const int pad = static_cast<int>(std::ceil(2 * length)) + 8;
  const int n = cv::getOptimalDFTSize(region.cols + 2 * pad);
  const int right = n - region.cols - pad;
  cv::Mat rows;
  region.convertTo(rows, CV_32F);
  // Mirrored at the ends, so the filter's wrap-around meets no step.
  cv::copyMakeBorder(rows, rows, 0, 0, std::min(pad, region.cols - 1), std::min(right, region.cols - 1),
                     cv::BORDER_REFLECT_101);
  if (rows.cols < n) cv::copyMakeBorder(rows, rows, 0, 0, 0, n - rows.cols, cv::BORDER_REPLICATE);
  const int left = std::min(pad, region.cols - 1);
  // The box is centred, so its spectrum is real: the Wiener filter is one
  // real gain per frequency, applied to the rows' packed real spectra
  // (CCS: Re0, Re1, Im1, ..., and Re(n/2) last when n is even).
  std::vector<float> box = centredBox(length, n);
  const cv::Mat kernel(1, n, CV_32F, box.data());
  cv::Mat response;
  cv::dft(kernel, response, cv::DFT_COMPLEX_OUTPUT);
  std::vector<float> gain(static_cast<std::size_t>(n));
  const float noise = noiseToSignal(region, rowsAveraged);
  const auto wiener = [&](int f) {
    const float h = response.at<cv::Vec2f>(0, f)[0];
    return h / (h * h + noise);
  };
  gain[0] = wiener(0);
  for (int f = 1; 2 * f < n; ++f) gain[static_cast<std::size_t>(2 * f - 1)] = gain[static_cast<std::size_t>(2 * f)] = wiener(f);
  if (n % 2 == 0) gain[static_cast<std::size_t>(n - 1)] = wiener(n / 2);
  // Rows undone by groups: the filter is linear, so the mean of a group
  // undone is the group's rows undone and averaged, which is what a bar
  // reader's bands take of them.
  rowsPerGroup = std::clamp(rowsPerGroup, 1, region.rows);
  if (rowsPerGroup > 1) {
    const int groups = (region.rows + rowsPerGroup - 1) / rowsPerGroup;
    cv::Mat means(groups, rows.cols, CV_32F, cv::Scalar(0));
    for (int g = 0; g < groups; ++g) {
      const int from = g * rowsPerGroup, to = std::min(region.rows, from + rowsPerGroup);
      cv::Mat mean = means.row(g);
      for (int y = from; y < to; ++y) mean += rows.row(y);
      mean /= static_cast<double>(to - from);
    }
    rows = means;
  }
  cv::Mat spectrum;
  cv::dft(rows, spectrum, cv::DFT_ROWS);
  for (int y = 0; y < spectrum.rows; ++y) {
    float* sp = spectrum.ptr<float>(y);
    for (int i = 0; i < n; ++i) sp[i] *= gain[static_cast<std::size_t>(i)];
  }
  cv::Mat restored;
  cv::dft(spectrum, restored, cv::DFT_ROWS | cv::DFT_INVERSE | cv::DFT_SCALE);
  if (rowsPerGroup == 1) {
    restored(cv::Rect(left, 0, region.cols, region.rows)).convertTo(out, CV_8U);
    return;
  }
  out.create(region.rows, region.cols, CV_8U);
  for (int y = 0; y < region.rows; ++y)
    restored(cv::Rect(left, y / rowsPerGroup, region.cols, 1)).convertTo(out.row(y), CV_8U);
}

}  // namespace gs1inspect::read
