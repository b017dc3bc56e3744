#include "read/matrix_reading.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "read/data_matrix_codewords.hpp"
#include "read/data_matrix_grid.hpp"
#include "read/grey_levels.hpp"
#include "read/module_grid.hpp"
#include "read/qr_codewords.hpp"
#include "read/qr_grid.hpp"
#include "read/quarter_turns.hpp"
#include "read/symbol_geometry.hpp"
#include "read/zxing_normaliser.hpp"

namespace gs1inspect::read {

namespace {

// Margin around a 2D region, in cells: the finder pattern's quiet zone.
constexpr int kMatrixMarginCells = 2;
// A 2D region whose module grid is turned by more than this (radians,
// 3 degrees) is read from a crop turned upright.
constexpr float kUprightMatrixRad = 0.052F;
// Check codewords of each block an erasure read leaves unspent, so that a
// grid too damaged (or not a symbol) fails rather than "corrects": three
// leave about one chance in 16 million of a wrong block passing.
constexpr int kReservedChecks = 3;
// Module size (px) of a redrawn DataMatrix grid, and the grid hypotheses
// (symbol size and extent) tried per region.
constexpr int kRedrawnModulePx = 4;
constexpr std::size_t kMaxGridHypotheses = 4;
// Two grids sharing more than this share of the smaller are one symbol.
constexpr float kMaxSharedGridShare = 0.25F;
// A 2D region narrower than this share of its length is no QR symbol: a
// stripe along an edge takes at most 40% of a symbol's side, and the
// region's cells add a little.
constexpr float kMinQrRegionAspect = 0.5F;
// A region squarer than this is taken as the symbol's own; a QR crop is
// at most this many px a side (at 2x: a version 20 symbol of 2.5 px
// modules and its margin), however a region is grown.
constexpr float kSquareRegionAspect = 0.9F;
constexpr float kMaxQrCropPx = 560.0F;

struct MatrixStep {
  float scale;
  bool upright;   // turned to the module grid when the grid is turned
  bool isolated;  // outside the region painted paper (label edges, text)
  bool stretch;
  ZXing::Binarizer binarizer;
  bool tryHarder;
  std::string_view name;
};
constexpr MatrixStep kMatrixCascade[] = {
    {1.0F, false, false, false, ZXing::Binarizer::LocalAverage, true, "matrix-1x"},
    {1.0F, true, false, false, ZXing::Binarizer::LocalAverage, true, "matrix-1x-upright"},
    {2.0F, true, true, true, ZXing::Binarizer::LocalAverage, true, "matrix-2x-isolated"},
    {2.0F, true, false, true, ZXing::Binarizer::FixedThreshold, false, "matrix-2x"},
};

void copyCrop(const RectifiedCrop& from, RectifiedCrop& to) {
  from.image.copyTo(to.image);
  to.toFrame = from.toFrame;
  to.scaleX = from.scaleX;
  to.scaleY = from.scaleY;
}

// Everything in `crop` outside `quad` (frame px) painted paper.
void isolateQuad(const std::array<cv::Point2f, 4>& quad, RectifiedCrop& crop) {
  cv::Matx23f toCrop;
  cv::invertAffineTransform(crop.toFrame, toCrop);
  std::array<cv::Point2f, 4> inside;
  for (std::size_t i = 0; i < 4; ++i) inside[i] = mapPoint(toCrop, quad[i]);
  isolate(crop.image, inside);
}

// Everything in `crop` outside the region painted paper.
void isolateRegion(const Candidate& c, RectifiedCrop& crop) { isolateQuad(c.region, crop); }

// The region of a QR symbol a stripe along one edge may have shortened:
// grown to a square and beyond, its short sides pushed out by the
// difference each way (which edge the stripe took is not known).
std::array<cv::Point2f, 4> squaredRegion(const std::array<cv::Point2f, 4>& r) {
  const cv::Point2f u = r[1] - r[0], v = r[3] - r[0];
  const auto lu = static_cast<float>(cv::norm(u)), lv = static_cast<float>(cv::norm(v));
  if (lu <= 0 || lv <= 0) return r;
  std::array<cv::Point2f, 4> q = r;
  if (lu < lv) {
    const cv::Point2f d = u * ((lv - lu) / lu);
    q[0] -= d, q[3] -= d, q[1] += d, q[2] += d;
  } else {
    const cv::Point2f d = v * ((lu - lv) / lv);
    q[0] -= d, q[1] -= d, q[3] += d, q[2] += d;
  }
  return q;
}

// How ZXing reads a grid the project redrew: one format, black on white,
// the symbol alone.
ZxingAttempt redrawnAttempt(ZXing::BarcodeFormat format) {
  ZxingAttempt a;
  a.formats = format;
  a.binarizer = ZXing::Binarizer::FixedThreshold;
  a.pure = true;
  return a;
}

// The symbol of a result whose corners, mapped by `toCrop`, are points of
// `crop`; its module size from `module` crop px, or measured when 0.
DecodedSymbol matrixSymbol(const ZXing::Result& r, const RectifiedCrop& crop, const cv::Matx23f& toCrop, float module,
                           std::string_view strategy, const gs1::ParseOptions& parse) {
  DecodedSymbol s = normaliseZxing(r, parse);
  const auto& p = r.position();
  std::array<cv::Point2f, 4> q;
  for (std::size_t i = 0; i < 4; ++i) {
    q[i] = mapPoint(toCrop, cv::Point2f(static_cast<float>(p[i].x), static_cast<float>(p[i].y)));
    const cv::Point2f f = crop.frameOf(q[i]);
    s.quad[i] = {f.x, f.y};
  }
  s.modulePx = (module > 0 ? module : matrixModule(crop.image, q)) / crop.scaleX;
  s.strategy = std::string(strategy);
  return s;
}

// One 2D region's reading: the cascade's crops, made on first use.
class MatrixRegion {
 public:
  MatrixRegion(FrameReading& frame, const Candidate& region, MatrixScratch& scratch)
      : frame_(frame), c_(region), s_(scratch), margin_(kMatrixMarginCells * frame.options().cellPx) {}

  void read() {
    // Small regions are mostly fragments of text: they get the first step only.
    const std::size_t steps = c_.cells >= kMinMatrixCellsForUpscale ? std::size(kMatrixCascade) : 1;
    for (std::size_t k = 0; k < steps; ++k) {
      if (k == 1) {
        // The grid's direction, measured on the pixels of the region's box
        // once the first step (the box as it is) has failed.
        grid_ = gridAngle(frame_.grey()(c_.box));
        turned_ = std::abs(grid_) > kUprightMatrixRad;
      }
      const MatrixStep& step = kMatrixCascade[k];
      if (step.upright && step.scale == 1.0F && !turned_) continue;  // the first step saw it so
      RectifiedCrop& crop = s_.work;
      copyCrop(base(step), crop);
      if (step.isolated) isolateRegion(c_, crop);
      if (step.stretch) stretchContrast(crop.image);
      ZxingAttempt a;
      a.formats = kMatrixFormats;
      a.binarizer = step.binarizer;
      a.tryHarder = step.tryHarder;
      const auto r = frame_.attempt(crop.image, a);
      if (!r) continue;
      frame_.add(matrixSymbol(*r, crop, cv::Matx23f(1, 0, 0, 0, 1, 0), 0, step.name, frame_.options().parse));
      return;
    }
    if (steps == std::size(kMatrixCascade) && !frame_.outOfTime()) redrawn();
  }

 private:
  // The crop a step starts from: 1x or 2x, upright to the grid or not.
  RectifiedCrop& base(const MatrixStep& step) {
    const int which = (step.scale != 1.0F ? 2 : 0) + (step.upright && turned_ ? 1 : 0);
    RectifiedCrop* const bases[4] = {&s_.crop1x, &s_.upright1x, &s_.crop2x, &s_.upright2x};
    RectifiedCrop& crop = *bases[which];
    if (made_[which]) return crop;
    made_[which] = true;
    if (turned_ && step.upright) {
      // ZXing 1.4's DataMatrix detector reads a symbol within a few
      // degrees of upright only: the crop is turned to the module grid.
      const float side =
          static_cast<float>(std::max(cv::norm(c_.region[1] - c_.region[0]), cv::norm(c_.region[2] - c_.region[1])));
      const float half = 0.5F * side + static_cast<float>(margin_);
      const cv::Point2f middle = (c_.region[0] + c_.region[2]) * 0.5F;
      rectify(frame_.grey(), middle, grid_, half, half, step.scale, step.scale, crop);
    } else {
      const cv::Mat& grey = frame_.grey();
      const cv::Rect box =
          cv::Rect(c_.box.x - margin_, c_.box.y - margin_, c_.box.width + 2 * margin_, c_.box.height + 2 * margin_) &
          cv::Rect(0, 0, grey.cols, grey.rows);
      scaledCrop(grey, box, step.scale, crop);
    }
    return crop;
  }

  // Last, a DataMatrix whose finder or clock track damage broke, or a QR
  // symbol whose finder patterns it broke: its grid sampled at 2x and
  // redrawn with those patterns whole.
  void redrawn() {
    const int which = 2 + (turned_ ? 1 : 0);
    if (!made_[which]) return;  // the cascade ran out of time before making it
    RectifiedCrop& crop = s_.work;
    copyCrop(which == 2 ? s_.crop2x : s_.upright2x, crop);
    isolateRegion(c_, crop);
    stretchContrast(crop.image);
    // A region may hold two symbols side by side: grids apart from one
    // read are tried too.
    std::vector<cv::Rect2f> read;
    const auto apart = [&](const cv::Rect2f& r) {
      return std::none_of(read.begin(), read.end(), [&](const cv::Rect2f& o) {
        return (o & r).area() > kMaxSharedGridShare * std::min(o.area(), r.area());
      });
    };
    for (const RedrawnGrid& grid : redrawDataMatrix(crop.image, kRedrawnModulePx, kMaxGridHypotheses)) {
      if (!apart(grid.symbol) || frame_.outOfTime()) continue;
      const ZxingAttempt a = redrawnAttempt(ZXing::BarcodeFormat::DataMatrix);
      auto r = frame_.attempt(grid.image, a);
      std::string_view how = "matrix-grid-redrawn";
      if (!r && cv::countNonZero(grid.erased) > 0) {
        r = throughStripe(grid, a);
        how = "matrix-grid-erasures";
      }
      if (!r) continue;
      const float module = grid.symbol.width / static_cast<float>(grid.cols);
      DecodedSymbol s = matrixSymbol(*r, crop, grid.toCrop, module, how, frame_.options().parse);
      // Erasures spend the check codewords that would have told a grid
      // of text or noise from a symbol: such a read stands only as GS1
      // data whose every element holds.
      if (how == "matrix-grid-erasures" && !(s.gs1 && s.parsed.elementsHold())) continue;
      s.partial = true;  // the finder and clock track read were drawn here, not seen
      frame_.add(std::move(s));
      read.push_back(grid.symbol);
    }
    if (!read.empty()) return;
    bool first = true;
    // A QR symbol's own crop: square, as the symbol is, grown when the
    // region is not (a stripe along an edge shortened it) unless that
    // makes a crop larger than a QR symbol the camera resolves needs. A
    // region much longer than wide is no QR symbol: a stripe takes at
    // most 40% of its side.
    const auto across = static_cast<float>(cv::norm(c_.region[1] - c_.region[0]));
    const auto down = static_cast<float>(cv::norm(c_.region[3] - c_.region[0]));
    if (std::min(across, down) < kMinQrRegionAspect * std::max(across, down)) return;
    if (static_cast<float>(std::min(crop.image.cols, crop.image.rows)) > kMaxQrCropPx) return;
    if (qrFinderCount(crop.image) == 0) return;
    RectifiedCrop* qrCrop = &crop;
    const std::array<cv::Point2f, 4> square = squaredRegion(c_.region);
    const float side = static_cast<float>(std::max(cv::norm(square[1] - square[0]), cv::norm(square[3] - square[0])));
    const float half = 0.5F * side + static_cast<float>(margin_);
    if (std::min(across, down) < kSquareRegionAspect * std::max(across, down) && 4 * half <= kMaxQrCropPx) {
      rectify(frame_.grey(), (square[0] + square[2]) * 0.5F, turned_ ? grid_ : 0.0F, half, half, 2.0F, 2.0F, s_.square);
      isolateQuad(square, s_.square);
      stretchContrast(s_.square.image);
      qrCrop = &s_.square;
    }
    for (const RedrawnQr& grid : redrawQr(qrCrop->image, kRedrawnModulePx, kMaxGridHypotheses)) {
      if (frame_.outOfTime()) return;
      const ZxingAttempt a = redrawnAttempt(ZXing::BarcodeFormat::QRCode);
      auto r = frame_.attempt(grid.image, a);
      std::string_view how = "matrix-qr-redrawn";
      // The best grid only: the repairs below cost many decodes each.
      const bool repair = first;
      first = false;
      if (!r && repair && cv::countNonZero(grid.erased) > 0) {
        r = qrThroughStripe(grid, a);
        how = "matrix-qr-erasures";
      }
      if (!r && repair && !readQrFormat(grid.dark, grid.erased)) {
        r = everyFormat(grid, a);
        how = "matrix-qr-formats";
      }
      if (!r) continue;
      const float module = grid.symbol.width / static_cast<float>(grid.modules);
      DecodedSymbol s = matrixSymbol(*r, *qrCrop, grid.toCrop, module, how, frame_.options().parse);
      // As for a DataMatrix: erasures spend the checks that tell a symbol.
      if (how == "matrix-qr-erasures" && !(s.gs1 && s.parsed.elementsHold())) continue;
      s.partial = true;  // the finder patterns read were drawn here, not seen
      frame_.add(std::move(s));
      return;
    }
  }

  // A QR grid's codewords corrected by Reed-Solomon with the modules under
  // the stripe as erasures (the stripe's own rows or columns, then with a
  // module of its edge on each side), under the format the grid shows or,
  // when the stripe took that too, under each format from level H down.
  std::optional<ZXing::Result> qrThroughStripe(const RedrawnQr& grid, const ZxingAttempt& a) {
    std::vector<std::pair<int, int>> formats;
    if (const auto shown = readQrFormat(grid.dark, grid.erased)) {
      formats.push_back(*shown);
    } else {
      for (const int level : {3, 2, 1, 0})
        for (int mask = 0; mask < 8; ++mask) formats.emplace_back(level, mask);
    }
    cv::Mat erased = grid.erased;
    for (int widened = 0; widened < 2; ++widened) {
      if (widened == 1) cv::dilate(grid.erased, erased, cv::Mat::ones(3, 3, CV_8U));
      for (const auto& [level, mask] : formats) {
        if (frame_.outOfTime()) return std::nullopt;
        s_.corrected = grid.dark.clone();
        if (!correctQr(grid.version, level, mask, s_.corrected, erased, kReservedChecks)) continue;
        writeQrFormat(s_.corrected, level, mask);
        drawModules(s_.corrected, grid.modulePx, s_.correctedImage);
        ++frame_.out().attempts;
        if (auto r = frame_.attempt(s_.correctedImage, a)) return r;
      }
    }
    return std::nullopt;
  }

  // The best QR grid redrawn with each of the 32 format informations in
  // turn: damage across the format's modules (both copies lie along row
  // 8 in part, so one stripe along it wipes both) leaves ZXing no mask to
  // undo. A wrong mask or level makes every codeword wrong, which the
  // data's Reed-Solomon check refuses. Levels go from the most check
  // codewords (H) down: a lower level also accepts a symbol of a higher
  // one (with the same data), but with fewer checks on its corrections.
  std::optional<ZXing::Result> everyFormat(const RedrawnQr& grid, const ZxingAttempt& a) {
    for (const int level : {3, 2, 1, 0}) {
      for (int mask = 0; mask < 8; ++mask) {
        if (frame_.outOfTime()) return std::nullopt;
        grid.dark.copyTo(s_.corrected);
        writeQrFormat(s_.corrected, level, mask);
        drawModules(s_.corrected, grid.modulePx, s_.correctedImage);
        if (auto r = frame_.attempt(s_.correctedImage, a)) return r;
      }
    }
    return std::nullopt;
  }

  // The grid's codewords corrected by Reed-Solomon with the modules under
  // the stripe as erasures (the stripe's own columns, then with a module
  // of its edge on each side), and redrawn for the decoder.
  std::optional<ZXing::Result> throughStripe(const RedrawnGrid& grid, const ZxingAttempt& a) {
    const DataMatrixSize* size = dataMatrixSize(grid.rows, grid.cols);
    if (size == nullptr) return std::nullopt;
    cv::Mat erased = grid.erased;
    for (int widened = 0; widened < 2; ++widened) {
      if (widened == 1) cv::dilate(grid.erased, erased, cv::Mat::ones(3, 3, CV_8U));
      s_.corrected = grid.dark.clone();
      ++frame_.out().attempts;
      if (!correctDataMatrix(*size, s_.corrected, erased, kReservedChecks)) continue;
      drawModules(s_.corrected, grid.modulePx, s_.correctedImage);
      if (auto r = frame_.attempt(s_.correctedImage, a)) return r;
    }
    return std::nullopt;
  }

  FrameReading& frame_;
  const Candidate& c_;
  MatrixScratch& s_;
  const int margin_;
  float grid_ = 0;
  bool turned_ = false;
  bool made_[4] = {false, false, false, false};
};

}  // namespace

void readMatrix(FrameReading& frame, const Candidate& region, MatrixScratch& scratch) {
  MatrixRegion(frame, region, scratch).read();
}

}  // namespace gs1inspect::read
