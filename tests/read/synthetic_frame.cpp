#include "synthetic_frame.hpp"

#include <cmath>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

#include "gs1/parser.hpp"
#include "read/zxing_normaliser.hpp"

namespace gs1inspect::read::testing {

using generator::Symbology;

std::string sampleContent(Symbology symbology) {
  switch (symbology) {
    case Symbology::Gs1128: return "(00)095060001343528129(400)PO-778812";
    case Symbology::DataBarOmni:
    case Symbology::DataBarStacked: return "(01)09506000134352";
    case Symbology::DataBarExpanded:
    case Symbology::DataBarExpandedStacked: return "(01)09506000134352(3103)001750(17)271231(10)ABC123";
    case Symbology::DataMatrix: return "(01)09506000134352(17)271231(10)ABC123(21)SER998877";
    case Symbology::Qr: return "(01)09506000134352(17)271231(10)ABC123";
    case Symbology::Ean13: return "(01)05012345678900";
    case Symbology::UpcA: return "(01)00012345678905";
    case Symbology::Ean8: return "(01)00000095012346";
  }
  return {};
}

cv::Mat symbolModules(Symbology symbology, const std::string& content) {
  generator::Gs1Content c;
  c.bracketed = content;
  if (content.rfind("(01)", 0) == 0) c.gtin = content.substr(4, 14);
  std::string error;
  const auto rendered = generator::renderSymbol(symbology, c, true, error);
  if (!rendered) throw std::runtime_error("libzint: " + error);
  cv::Mat dark = rendered->modules < 128;
  dark /= 255;
  return dark;
}

std::vector<bool> gs1128Bars(const std::string& bracketed) {
  const cv::Mat dark = symbolModules(Symbology::Gs1128, bracketed);
  std::vector<bool> bars;
  for (int x = 0; x < dark.cols; ++x) bars.push_back(dark.at<std::uint8_t>(0, x) != 0);
  return bars;
}

namespace {
gs1::ParseOptions onTestDay() {
  gs1::ParseOptions options;
  options.today = {2026, 1, 1};
  return options;
}
}  // namespace

bool gs1ElementsHold(std::string_view data) {
  return normaliseDecoded("Code128", "]C1", data, onTestDay()).parsed.elementsHold();
}

std::string gs1128Data(const std::string& bracketed) {
  return normaliseDecoded("Code128", "]C1", bracketed, onTestDay()).raw.substr(3);  // without ]C1
}

cv::Mat syntheticFrame(const std::vector<PlacedSymbol>& symbols, std::vector<SymbolTruth>& truth, cv::Size size) {
  cv::Mat frame(size, CV_8UC1, cv::Scalar(60));
  for (const auto& placed : symbols) {
    generator::Gs1Content content;
    content.bracketed = placed.bracketed;
    if (placed.bracketed.rfind("(01)", 0) == 0) content.gtin = placed.bracketed.substr(4, 14);
    std::string error;
    const auto rendered = generator::renderSymbol(placed.symbology, content, placed.checked, error);
    if (!rendered) throw std::runtime_error("libzint: " + error);
    // The symbol at its module size, with its quiet zone and a label margin.
    const int quiet = std::max(rendered->quietZone, 2) + 8;
    cv::Mat modules;
    cv::copyMakeBorder(rendered->modules, modules, quiet, quiet, quiet, quiet, cv::BORDER_CONSTANT, cv::Scalar(255));
    const float m = placed.modulePx;
    const cv::Size2f labelSize(static_cast<float>(modules.cols) * m, static_cast<float>(modules.rows) * m);
    // Label px -> frame px: rotate about the label's centre, then move it.
    const float a = -placed.angleDegrees * static_cast<float>(CV_PI) / 180.0F;
    const cv::Point2f u(std::cos(a), std::sin(a)), v(-u.y, u.x);
    const cv::Point2f origin = placed.centre - u * (labelSize.width / 2) - v * (labelSize.height / 2);
    // Module -> frame: scale m, rotate, move (warpAffine inverts it).
    const cv::Matx23f toFrame(u.x * m, v.x * m, origin.x, u.y * m, v.y * m, origin.y);
    cv::Mat ink(size, CV_8UC1);
    cv::warpAffine(modules, ink, cv::Mat(toFrame), size, cv::INTER_NEAREST, cv::BORDER_CONSTANT,
                   cv::Scalar(0));
    cv::Mat inside(size, CV_8UC1, cv::Scalar(0));
    const cv::Mat ones(modules.size(), CV_8UC1, cv::Scalar(255));
    cv::warpAffine(ones, inside, cv::Mat(toFrame), size, cv::INTER_NEAREST, cv::BORDER_CONSTANT,
                   cv::Scalar(0));
    frame.setTo(cv::Scalar(225), inside);
    frame.setTo(cv::Scalar(25), inside & (ink < 128));
    SymbolTruth t;
    t.symbology = generator::symbologyName(placed.symbology);
    t.text = generator::symbolText(placed.symbology, content);
    t.modulePx = m;
    const auto at = [&](float x, float y) { return origin + u * (x * m) + v * (y * m); };
    const auto q = static_cast<float>(quiet);
    const float w = static_cast<float>(rendered->modules.cols), h = static_cast<float>(rendered->modules.rows);
    t.quad = {at(q, q), at(q + w, q), at(q + w, q + h), at(q, q + h)};
    truth.push_back(t);
  }
  // A little blur and noise, as any camera adds.
  cv::GaussianBlur(frame, frame, cv::Size(3, 3), 0.6);
  cv::Mat noise(size, CV_16SC1);
  cv::RNG rng(20261125);  // the same noise whatever ran before
  rng.fill(noise, cv::RNG::NORMAL, 0, 3);
  cv::Mat noisy;
  frame.convertTo(noisy, CV_16SC1);
  noisy += noise;
  noisy.convertTo(frame, CV_8UC1);
  return frame;
}

}  // namespace gs1inspect::read::testing
