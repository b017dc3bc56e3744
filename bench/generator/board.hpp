#pragma once
// The carton's board as the camera sees it from above: corrugated board
// with its texture, the print, tape and markings of the case, and the
// consumer unit's EAN-13 or UPC-A that a retail-ready case carries. Images
// are CV_32FC1 reflectance (0 black .. 1 white) at frame scale.

#include <array>

#include <opencv2/core/mat.hpp>

#include "generator/gs1_content.hpp"
#include "generator/label.hpp"
#include "generator/random.hpp"
#include "generator/symbol_renderer.hpp"

namespace gs1inspect::generator {

/// A symbol on a carton, where the carton's image has it.
struct SymbolOnCarton {
  LabelSymbol printed;
  std::array<cv::Point2d, 4> quad;  // carton patch pixels
  bool onBoard = false;             // printed on the board, not on the label
};

/// Brown or white corrugated board with a little texture and darker edges.
cv::Mat board(cv::Size size, Random& random);

/// Print, tape and markings on the board (the label is stuck on top later).
void distractors(cv::Mat& patch, Random& random);

/// The consumer unit's EAN-13 or UPC-A printed on a retail-ready case, in a
/// part of the board clear of `label`. False when there is no room.
bool printOnBoard(cv::Mat& patch, const cv::Rect& label, Symbology symbology, const Gs1Content& content,
                  double pxPerDot, Random& random, SymbolOnCarton& out);

}  // namespace gs1inspect::generator
