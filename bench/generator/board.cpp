#include "generator/board.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace gs1inspect::generator {

cv::Mat board(cv::Size size, Random& random) {
  const bool white = random.chance(0.25);
  const double tone = white ? random.uniform(0.80, 0.88) : random.uniform(0.52, 0.70);
  cv::Mat out(size, CV_32FC1, cv::Scalar(tone));
  cv::Mat grain(size / 8 + cv::Size(1, 1), CV_32FC1);
  cv::RNG rng(random.bits());
  rng.fill(grain, cv::RNG::NORMAL, 0.0, 0.015);
  cv::resize(grain, grain, size, 0, 0, cv::INTER_CUBIC);
  out += grain;
  cv::rectangle(out, cv::Rect(cv::Point(0, 0), size), cv::Scalar(tone * 0.8), 4);
  return out;
}

void distractors(cv::Mat& patch, Random& random) {
  static const std::vector<std::string> kWords = {"THIS SIDE UP", "FRAGILE", "KEEP DRY", "MADE IN EU", "HANDLE WITH CARE",
                                                  "LOT 24B", "NET 12 KG", "RECYCLABLE"};
  const double ink = random.uniform(0.15, 0.3);
  for (int i = random.integer(1, 3); i > 0; --i) {
    const cv::Point at(random.integer(10, std::max(11, patch.cols - 300)), random.integer(40, std::max(41, patch.rows - 20)));
    cv::putText(patch, random.pick(kWords), at, cv::FONT_HERSHEY_SIMPLEX, random.uniform(0.8, 1.6), cv::Scalar(ink),
                random.integer(2, 3), cv::LINE_AA);
  }
  if (random.chance(0.5)) {
    // Tape along the carton: a band a little lighter than the board, with a seam.
    const int h = random.integer(40, 60);
    const int y = random.integer(0, std::max(1, patch.rows - h));
    cv::Mat band = patch(cv::Rect(0, y, patch.cols, h));
    band = band * 0.85 + 0.14;
    cv::line(patch, {0, y}, {patch.cols, y}, cv::Scalar(0.45), 1, cv::LINE_AA);
  }
  if (random.chance(0.5)) {
    // A hand-drawn marking.
    std::vector<cv::Point> stroke;
    cv::Point p(random.integer(0, patch.cols - 1), random.integer(0, patch.rows - 1));
    for (int i = 0; i < 6; ++i) {
      stroke.push_back(p);
      p += cv::Point(random.integer(-40, 40), random.integer(-40, 40));
    }
    cv::polylines(patch, stroke, false, cv::Scalar(ink), 4, cv::LINE_AA);
  }
}

bool printOnBoard(cv::Mat& patch, const cv::Rect& label, Symbology symbology, const Gs1Content& content,
                  double pxPerDot, Random& random, SymbolOnCarton& out) {
  std::string error;
  const auto rendered = renderSymbol(symbology, content, true, error);
  if (!rendered) return false;
  const int x = random.integer(4, 5);  // dots: 0.5-0.625 mm, EAN/UPC in general distribution
  const int quiet = rendered->quietZone * x;
  cv::Mat dots(rendered->modules.rows * x + 2 * quiet, rendered->modules.cols * x + 2 * quiet, CV_8UC1, cv::Scalar(255));
  cv::resize(rendered->modules, dots(cv::Rect(quiet, quiet, rendered->modules.cols * x, rendered->modules.rows * x)),
             cv::Size(rendered->modules.cols * x, rendered->modules.rows * x), 0, 0, cv::INTER_NEAREST);
  cv::Mat print;
  cv::resize(dots, print, cv::Size(), pxPerDot, pxPerDot, cv::INTER_AREA);
  print.convertTo(print, CV_32FC1, 1.0 / 255.0);
  // Left or right of the label, near the middle of the board's width.
  std::vector<int> xs;
  if (label.x - print.cols - 20 > 10) xs.push_back(random.integer(10, label.x - print.cols - 20));
  if (label.br().x + 20 < patch.cols - print.cols - 10) xs.push_back(random.integer(label.br().x + 20, patch.cols - print.cols - 10));
  if (xs.empty() || print.rows + 20 > patch.rows) return false;
  const int y = std::clamp(patch.rows / 2 + random.integer(-150, 150) - print.rows / 2, 10, patch.rows - print.rows - 10);
  const cv::Rect at(random.pick(xs), y, print.cols, print.rows);
  // Flexo ink on board: dark, but not as dark as a thermal label's.
  const double ink = random.uniform(0.25, 0.4);
  cv::Mat target = patch(at);
  target = target.mul(ink + (1.0 - ink) * print);
  out.onBoard = true;
  out.printed.symbology = symbology;
  out.printed.hri = symbolText(symbology, content);
  out.printed.moduleDots = x;
  const double q = quiet * pxPerDot;
  out.quad = {cv::Point2d(at.x + q, at.y + q), cv::Point2d(at.x + at.width - q, at.y + q),
              cv::Point2d(at.x + at.width - q, at.y + at.height - q), cv::Point2d(at.x + q, at.y + at.height - q)};
  return true;
}

}  // namespace gs1inspect::generator
