#include "read/reader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <string_view>

#include <opencv2/imgproc.hpp>

#include "read/candidate_finder.hpp"
#include "read/data_matrix_grid.hpp"
#include "read/ean_upc_profile.hpp"
#include "read/rectified_crop.hpp"
#include "read/symbol_likeness.hpp"
#include "read/symbol_geometry.hpp"
#include "read/zxing_call.hpp"
#include "read/zxing_normaliser.hpp"

namespace gs1inspect::read {

struct Reader::Scratch {
  cv::Mat grey;
  LocaliserScratch localiser;
  RectifiedCrop crop, crop2x, upright1x, upright2x, work;
  cv::Mat bands1x, bands2x, full, bands3x, levelled1x, levelled2x;
};

namespace {

using Clock = std::chrono::steady_clock;

// Margin added around a bar field across its bars, in frame px: the quiet
// zone the decoder looks for (10 modules of 3 px) and the cells' coarseness.
constexpr float kBarQuietPx = 32.0F;
// Margin around a 2D candidate, in cells: the finder pattern's quiet zone.
constexpr int kMatrixMarginCells = 2;
// Remainders of a bar crop smaller than this (frame px) are not decoded again.
constexpr int kMinRemainderRows = 16;
constexpr int kMinRemainderCols = 48;
// Height of the bands a bar crop's rows are averaged in, crop px: less than
// a row of the smallest stacked symbol (5 modules of 2 px).
constexpr int kBandPx = 6;
// Ink/paper transitions along a band below which a bar field holds no
// symbol: a row of DataBar Stacked has 25 elements, the smallest Code 128
// (one character) 25; thin bars at 1x may merge, so half of that.
constexpr int kMinBarTransitions = 12;
// Lean of the bars across one band (px) left in a bar crop: a quarter of
// the narrowest module, 2.4 degrees over 6 px.
constexpr float kMaxBandLeanPx = 0.25F;
// Window over which bar rows are levelled, crop px: wider than the widest
// element (9 modules of 3.5 px), narrower than a light gradient.
constexpr int kLevelWindowPx = 41;
// Edges per pixel of a symbol's densest row: at least one per 2.5 modules
// of up to 4 px (Code 128 and EAN average one per 1.6 modules). Big
// lettering on a carton (THIS SIDE UP) has a few per 20 px; it gets only
// the first kSparseBarSteps steps.
constexpr float kMinBarEdgesPerPx = 0.1F;
constexpr std::size_t kSparseBarSteps = 2;
// Bands (of kBandPx rows) whose mean row the EAN/UPC profile reader reads
// as one: 18 px, a fifth of a 2 px-module EAN-13's bars.
constexpr int kProfileBandsPerGroup = 3;
// A 2D candidate whose module grid is turned by more than this (radians,
// 3 degrees) is read from a crop turned upright.
constexpr float kUprightMatrixRad = 0.052F;
// Cells a 2D candidate needs for the steps after the first (a symbol of
// about 50x50 px). Of the candidates the default set's 2D symbols were read from,
// 95% have more; half of the text fragments that become candidates have
// fewer than 15.
constexpr int kMinMatrixCellsForUpscale = 40;
// An unread bar field counts as a symbol shown (for the station's
// fail-safe) with at least this many edges (an EAN-8 has 44, a DataBar
// Omnidirectional row 30, a symbol half cut by the frame's edge fewer) and
// bars that hold along their length (barConsistency: 0.9 and more for
// bars, 0.3-0.7 for lines of text).
constexpr int kMinUnreadBarEdges = 24;
constexpr float kMinUnreadBarConsistency = 0.8F;
// Module size (px) of a redrawn DataMatrix grid, and the grid hypotheses
// (symbol size and extent) tried per candidate.
constexpr int kRedrawnModulePx = 4;
constexpr std::size_t kMaxGridHypotheses = 4;
// Symbols one candidate may hold (e.g. a DataBar under a GS1-128).
constexpr int kMaxSymbolsPerCandidate = 4;

bool isLinear(ZXing::BarcodeFormat f) { return (kLinearFormats & f) == f; }

class FrameReading {
 public:
  FrameReading(const cv::Mat& grey, const ReaderOptions& options, Reader::Scratch& scratch, FrameRead& out)
      : grey_(grey),
        options_(options),
        crop_(scratch.crop),
        crop2x_(scratch.crop2x),
        upright1x_(scratch.upright1x),
        upright2x_(scratch.upright2x),
        work_(scratch.work),
        bands1x_(scratch.bands1x),
        bands2x_(scratch.bands2x),
        full_(scratch.full),
        bands3x_(scratch.bands3x),
        levelled1x_(scratch.levelled1x),
        levelled2x_(scratch.levelled2x),
        out_(out),
        deadline_(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double, std::milli>(options.budgetMs))) {}

  void candidate(const Candidate& c) {
    if (covered(c.centre)) return;
    if (outOfTime()) {
      ++out_.untried;
      out_.unread.push_back(c);
      return;
    }
    const std::size_t before = out_.symbols.size();
    bool symbolLike = false;
    if (c.kind == Candidate::Kind::Bars) {
      symbolLike = bars(c);
    } else {
      matrix(c);
    }
    if (out_.symbols.size() != before) return;
    // 2D regions are judged once every candidate was tried (finishUnread),
    // so the judging takes nothing from the decoders' budget.
    if (c.kind == Candidate::Kind::Matrix) symbolLike = c.cells >= kMinMatrixCellsForUpscale;
    if (symbolLike || out_.budgetHit) out_.unread.push_back(c);
  }

  // Unread candidates that a symbol read covers, or that hold a symbol
  // read (a region of a symbol and the text beside it), were that symbol;
  // 2D regions with the gaps of text are text.
  void finishUnread() {
    const auto holdsRead = [&](const Candidate& c) {
      return std::any_of(out_.symbols.begin(), out_.symbols.end(), [&](const DecodedSymbol& s) {
        const cv::Point2f middle((s.quad[0].x + s.quad[2].x) / 2, (s.quad[0].y + s.quad[2].y) / 2);
        return c.box.contains(cv::Point(cvRound(middle.x), cvRound(middle.y)));
      });
    };
    std::erase_if(out_.unread, [&](const Candidate& c) {
      if (covered(c.centre) || holdsRead(c)) return true;
      if (c.kind != Candidate::Kind::Matrix || c.cells < kMinMatrixCellsForUpscale) return false;
      const cv::Mat box = grey_(c.box);
      return hasTextGaps(box, gridAngle(box));
    });
  }

  void wholeImage() {
    if (outOfTime()) return;
    ZxingAttempt a;
    a.tryHarder = true;
    a.tryRotate = true;
    a.tryDownscale = true;
    ++out_.attempts;
    const auto r = decodeOne(grey_, a);
    if (!r) return;
    const auto& p = r->position();
    if (isLinear(r->format()) && std::abs(p[0].y - p[1].y) <= 1 && std::abs(p[0].x - p[1].x) > 8) {
      // A row of upright bars: the frame itself is the crop.
      RectifiedCrop whole;
      whole.image = grey_;
      cv::Rect outline;
      add(linearSymbol(*r, whole, cv::Rect(0, 0, grey_.cols, grey_.rows), "whole-image", outline));
      return;
    }
    // ZXing's own corners (2D symbols, linear ones read turned).
    DecodedSymbol s = normaliseZxing(*r, options_.parse);
    std::array<cv::Point2f, 4> q;
    for (std::size_t i = 0; i < 4; ++i) q[i] = {s.quad[i].x, s.quad[i].y};
    s.modulePx = isLinear(r->format()) ? moduleAlong(grey_, q[0], q[1]) : matrixModule(grey_, q);
    s.strategy = "whole-image";
    add(std::move(s));
  }

 private:
  bool outOfTime() {
    if (Clock::now() < deadline_) return false;
    out_.budgetHit = true;
    return true;
  }

  bool covered(cv::Point2f p) const {
    for (const auto& s : out_.symbols) {
      std::vector<cv::Point2f> poly;
      for (const auto& q : s.quad) poly.emplace_back(q.x, q.y);
      if (cv::pointPolygonTest(poly, p, false) >= 0) return true;
    }
    return false;
  }

  std::optional<ZXing::Result> attempt(const cv::Mat& image, const ZxingAttempt& a) {
    if (outOfTime()) return std::nullopt;
    ++out_.attempts;
    return decodeOne(image, a);
  }

  // Keeps `s` unless it is a symbol already found: the same data read
  // again nearer than the symbol's own size (e.g. the guard bars below an
  // EAN read as a second band). Then the first one's outline grows to
  // cover both.
  void add(DecodedSymbol s) {
    const auto points = [](const DecodedSymbol& d) {
      std::vector<cv::Point2f> p;
      for (const auto& q : d.quad) p.emplace_back(q.x, q.y);
      return p;
    };
    const std::vector<cv::Point2f> mine = points(s);
    for (auto& other : out_.symbols) {
      if (other.symbology != s.symbology || other.raw != s.raw) continue;
      const std::vector<cv::Point2f> theirs = points(other);
      const float size = std::max(static_cast<float>(cv::arcLength(theirs, true)), static_cast<float>(cv::arcLength(mine, true))) / 4;
      float gap = 1e9F;
      for (const auto& p : mine) gap = std::min(gap, static_cast<float>(-cv::pointPolygonTest(theirs, p, true)));
      if (gap > size) continue;
      std::vector<cv::Point2f> all = theirs;
      all.insert(all.end(), mine.begin(), mine.end());
      cv::Point2f box[4];
      cv::minAreaRect(all).points(box);
      // Clockwise from the corner nearest the first outline's own top-left.
      std::size_t start = 0;
      for (std::size_t i = 1; i < 4; ++i)
        if (cv::norm(box[i] - theirs[0]) < cv::norm(box[start] - theirs[0])) start = i;
      const bool clockwise = (box[1] - box[0]).cross(box[2] - box[1]) > 0;
      for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t k = clockwise ? (start + i) % 4 : (start + 4 - i) % 4;
        other.quad[i] = {box[k].x, box[k].y};
      }
      return;
    }
    out_.symbols.push_back(std::move(s));
  }

  // A linear result read in `crop` (whose rows [rowOffset, ...) the decoder
  // saw): its outline, module size and frame position.
  DecodedSymbol linearSymbol(const ZXing::Result& r, const RectifiedCrop& crop, cv::Rect seen,
                             std::string_view strategy, cv::Rect& outline, float lean = 0) {
    DecodedSymbol s = normaliseZxing(r, options_.parse);
    const auto& p = r.position();
    float x0 = 1e9F, x1 = -1e9F, y0 = 1e9F, y1 = -1e9F;
    for (std::size_t i = 0; i < 4; ++i) {
      x0 = std::min(x0, static_cast<float>(p[i].x)), x1 = std::max(x1, static_cast<float>(p[i].x));
      y0 = std::min(y0, static_cast<float>(p[i].y)), y1 = std::max(y1, static_cast<float>(p[i].y));
    }
    const cv::Point2f o(static_cast<float>(seen.x), static_cast<float>(seen.y));
    const bool upsideDown = p[0].x > p[1].x;
    const float yMid = 0.5F * (y0 + y1) + o.y;
    const float module = moduleAlong(crop.image, {x0 + o.x, yMid}, {x1 + o.x, yMid});
    s.modulePx = module / crop.scaleX;
    auto q = linearOutline(crop.image, x0 + o.x, x1 + o.x, y0 + o.y, y1 + o.y, upsideDown, module);
    if (lean != 0) {
      // Bars that lean in the crop: the symbol is turned by atan(lean)
      // inside it; turn the outline with it about its centre.
      const cv::Point2f centre = (q[0] + q[2]) * 0.5F;
      const float n = std::sqrt(1 + lean * lean);
      const cv::Point2f across(1 / n, -lean / n), along(lean / n, 1 / n);
      for (auto& corner : q) {
        const cv::Point2f d = corner - centre;
        corner = centre + across * d.x + along * d.y;
      }
    }
    for (int i = 0; i < 4; ++i) {
      const cv::Point2f f = crop.frameOf(q[static_cast<std::size_t>(i)]);
      s.quad[static_cast<std::size_t>(i)] = {f.x, f.y};
    }
    s.strategy = std::string(strategy);
    const float top = std::min(q[0].y, q[2].y), bottom = std::max(q[0].y, q[2].y);
    outline = cv::Rect(cv::Point(static_cast<int>(x0 + o.x), static_cast<int>(top)),
                       cv::Point(static_cast<int>(std::ceil(x1 + o.x)), static_cast<int>(std::ceil(bottom))));
    return s;
  }

  // How a bar field is tried, cheapest and likeliest first. The crop is
  // upright (bars vertical) at 1 crop px per frame px. `bands`: its rows
  // are averaged in bands about kBandPx tall (noise and small defects fall,
  // bars and the rows of stacked symbols stay) and the decoder scans every
  // band; otherwise it scans the crop itself. `scale`: crop px per frame px
  // across the bars the decoder sees (linear interpolation).
  enum class BarImage { Bands, Levelled, Full };
  struct BarStep {
    int scale;
    BarImage image;
    ZXing::Binarizer binarizer;
    std::string_view name;
  };
  static constexpr BarStep kBarCascade[] = {
      {2, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-2x-bands"},
      {2, BarImage::Bands, ZXing::Binarizer::LocalAverage, "bars-2x-bands-histogram"},
      {2, BarImage::Levelled, ZXing::Binarizer::FixedThreshold, "bars-2x-bands-levelled"},
      {1, BarImage::Bands, ZXing::Binarizer::LocalAverage, "bars-1x-bands-histogram"},
      {3, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-3x-bands"},
      {2, BarImage::Full, ZXing::Binarizer::FixedThreshold, "bars-2x"},
  };

  // The last resort of a dense bar field: EAN-13, UPC-A and EAN-8 read
  // module by module from the bands' grey levels (blurred 2 px modules whose
  // thin spaces no threshold separates). Its own confirmation is two groups
  // of bands that agree and none that disagrees.
  static constexpr BarStep kProfileStep{1, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-ean-upc-profile"};

  std::optional<ZXing::Result> profileRead(const cv::Mat& rows) {
    ++out_.attempts;
    const auto read = readEanUpcProfile(rows, kProfileBandsPerGroup);
    if (!read) return std::nullopt;
    using ZXing::BarcodeFormat;
    const BarcodeFormat format = read->kind == EanUpcRead::Kind::Ean8   ? BarcodeFormat::EAN8
                                 : read->kind == EanUpcRead::Kind::UpcA ? BarcodeFormat::UPCA
                                                                        : BarcodeFormat::EAN13;
    profileModulePx_ = (read->right - read->left) / (read->kind == EanUpcRead::Kind::Ean8 ? 67.0F : 95.0F);
    int from = static_cast<int>(std::lround(read->left)), to = static_cast<int>(std::lround(read->right));
    if (read->upsideDown) std::swap(from, to);
    return ZXing::Result(read->digits, (read->firstRow + read->lastRow) / 2, from, to, format,
                         ZXing::SymbologyIdentifier{'E', '0'});
  }

  static constexpr const BarStep& kLevelledStep = kBarCascade[2];
  static_assert(kLevelledStep.image == BarImage::Levelled);

  // The image a step decodes, made on first use for the current part.
  const cv::Mat& barImage(const BarStep& step, const cv::Mat& view) {
    const int w = bands1x_.cols, rows = bands1x_.rows;
    switch (step.image) {
      case BarImage::Bands:
        if (step.scale == 1) return bands1x_;
        if (step.scale == 2) return bands2x_;
        cv::resize(bands1x_, bands3x_, cv::Size(3 * w, rows), 0, 0, cv::INTER_LINEAR);
        return bands3x_;
      case BarImage::Levelled:
        if (levelled1x_.cols != w || levelled1x_.rows != rows || !levelledFresh_) {
          levelRows(bands1x_, kLevelWindowPx, levelled1x_);
          cv::resize(levelled1x_, levelled2x_, cv::Size(2 * w, rows), 0, 0, cv::INTER_LINEAR);
          levelledFresh_ = true;
        }
        return step.scale == 1 ? levelled1x_ : levelled2x_;
      case BarImage::Full:
        cv::resize(view, full_, cv::Size(step.scale * view.cols, view.rows), 0, 0, cv::INTER_LINEAR);
        stretchContrast(full_);
        return full_;
    }
    return bands1x_;
  }

  // The upright crop of `c` into crop_, its lean measured and taken out.
  void rectifyBars(Candidate& c) {
    const float halfX = c.halfAcross + kBarQuietPx;
    rectify(grey_, c.centre, c.angle, halfX, c.halfAlong + 2, 1.0F, 1.0F, crop_);
    const float lean = barSlant(crop_.image);  // frame px across per frame px along
    // What matters is the lean across one band of averaged rows; a smaller
    // one is kept to straighten the outline.
    lean_ = lean;
    if (std::abs(lean) * static_cast<float>(kBandPx) >= kMaxBandLeanPx) {
      c.angle -= std::atan(lean);
      rectify(grey_, c.centre, c.angle, halfX, c.halfAlong + 2, 1.0F, 1.0F, crop_);
      lean_ = 0;
    }
  }

  // EAN-13, EAN-8 and UPC-A carry one mod-10 check digit, which a
  // distorted row can satisfy by chance, and rows of one crop share their
  // distortion: their reads must be repeated from an image of the bars
  // made another way (plain bands, levelled bands, the crop's own rows). Symbols with stronger checks (Code 128 mod 103, DataBar
  // checksums, Reed-Solomon) stand alone.
  //
  // A read whose GS1 check digit fails is far likelier a misread than a
  // symbol printed wrong (DataBar Expanded's mod-211 checksum lets some
  // through): it too is returned only when read the same a second way;
  // then it is returned, with its errors.
  bool confirmed(const ZXing::Result& r, const BarStep& step, const cv::Mat& view) {
    using ZXing::BarcodeFormat;
    const bool weakCheck =
        r.format() == BarcodeFormat::EAN13 || r.format() == BarcodeFormat::EAN8 || r.format() == BarcodeFormat::UPCA;
    if (!weakCheck && !badCheckDigit(r)) return true;
    static constexpr BarStep kOthers[] = {
        {3, BarImage::Bands, ZXing::Binarizer::FixedThreshold, ""},
        {2, BarImage::Bands, ZXing::Binarizer::FixedThreshold, ""},
        {2, BarImage::Levelled, ZXing::Binarizer::FixedThreshold, ""},
        {1, BarImage::Levelled, ZXing::Binarizer::FixedThreshold, ""},
        {1, BarImage::Bands, ZXing::Binarizer::LocalAverage, ""},
        {2, BarImage::Full, ZXing::Binarizer::FixedThreshold, ""},
    };
    for (const auto& other : kOthers) {
      // Another way of seeing the bars: levelled rows confirm plain bands
      // and the other way round, never their own kind at another scale.
      if (other.image == step.image) continue;
      const cv::Mat& second = barImage(other, view);
      ZxingAttempt again;
      again.formats = r.format();
      again.binarizer = other.binarizer;
      again.tryHarder = true;
      const auto read = attempt(second, again);
      if (read) return read->text() == r.text();
    }
    return false;
  }

  bool badCheckDigit(const ZXing::Result& r) const {
    const DecodedSymbol s = normaliseZxing(r, options_.parse);
    return s.gs1 && std::any_of(s.parsed.errors.begin(), s.parsed.errors.end(),
                                [](const gs1::LintError& e) { return e.code == gs1::LintCode::BadCheckDigit; });
  }

  // The band of `bands` (8-bit, stretched) with the most ink/paper
  // transitions: how many, and how many per pixel between its first and
  // last one.
  struct Transitions {
    int count = 0;
    float perPx = 0;
  };
  static Transitions mostTransitions(const cv::Mat& bands) {
    Transitions most;
    for (int y = 0; y < bands.rows; ++y) {
      const auto* p = bands.ptr<std::uint8_t>(y);
      bool dark = p[0] < 128;
      int count = 0, first = -1, last = -1;
      for (int x = 1; x < bands.cols; ++x) {
        // Hysteresis: a transition needs a clear step past the middle.
        const bool flips = dark ? p[x] > 144 : p[x] < 112;
        if (!flips) continue;
        dark = !dark;
        ++count;
        if (first < 0) first = x;
        last = x;
      }
      if (count > most.count)
        most = {count, static_cast<float>(count) / static_cast<float>(std::max(1, last - first))};
    }
    return most;
  }

  // Reads a bar field; true when the field looked like bars of a symbol
  // (enough bars, densely), whether or not it was read.
  bool bars(const Candidate& found) {
    Candidate c = found;
    bool dense = false;
    rectifyBars(c);
    // The whole field first, then what a decoded symbol left of it.
    std::deque<cv::Rect> parts{cv::Rect(0, 0, crop_.image.cols, crop_.image.rows)};
    int symbols = 0;
    while (!parts.empty() && symbols < kMaxSymbolsPerCandidate) {
      const cv::Rect part = parts.front();
      parts.pop_front();
      const cv::Mat view = crop_.image(part);
      const int bandCount = std::clamp(part.height / kBandPx, 1, part.height);
      bandMeans(view, bandCount, bands1x_);
      stretchContrast(bands1x_);
      levelledFresh_ = false;
      // Too few bars for any symbol: text, rules, a board edge. Or bars
      // whose contrast paper far lighter than their own squeezed (a white
      // label beside bars printed on brown board): counted again on rows
      // levelled against their neighbourhood, such a field is read from
      // those rows only.
      Transitions transitions = mostTransitions(bands1x_);
      bool squeezed = false;
      if (transitions.count < kMinBarTransitions) {
        barImage(kLevelledStep, view);  // levelled1x_ (and 2x), kept for the steps below
        transitions = mostTransitions(levelled1x_);
        if (transitions.count < kMinBarTransitions) continue;
        squeezed = true;
      }
      // Sparse edges (large lettering, a frame edge): the first steps only.
      const std::size_t steps = transitions.perPx >= kMinBarEdgesPerPx ? std::size(kBarCascade) : kSparseBarSteps;
      if (symbols == 0 && parts.empty()) {
        dense = steps == std::size(kBarCascade) && transitions.count >= kMinUnreadBarEdges &&
                barConsistency(squeezed ? levelled1x_ : bands1x_) >= kMinUnreadBarConsistency;
      }
      cv::resize(bands1x_, bands2x_, cv::Size(2 * part.width, bandCount), 0, 0, cv::INTER_LINEAR);

      std::optional<ZXing::Result> r;
      const BarStep* how = nullptr;
      for (std::size_t i = 0; i < steps; ++i) {
        const BarStep& step = kBarCascade[i];
        if (squeezed && step.image != BarImage::Levelled) continue;
        if (outOfTime()) {
          ++out_.untried;
          return true;  // untried: taken as a symbol
        }
        ZxingAttempt a;
        a.formats = kLinearFormats;
        a.binarizer = step.binarizer;
        a.tryHarder = step.image != BarImage::Full;  // every band, every start position
        const cv::Mat& image = barImage(step, view);
        r = attempt(image, a);
        if (r && !confirmed(*r, step, view)) r.reset();
        how = &step;
        if (r) break;
      }
      if (!r && steps == std::size(kBarCascade) && !outOfTime()) {
        r = profileRead(squeezed ? levelled1x_ : bands1x_);
        how = &kProfileStep;
      }
      if (!r || !isLinear(r->format())) continue;
      ++symbols;
      // Back to crop pixels: x from the decoder's scale, y from band rows.
      const bool banded = how->image != BarImage::Full;
      const float rowsPerBand = banded ? static_cast<float>(part.height) / static_cast<float>(bandCount) : 1.0F;
      auto position = r->position();
      for (auto& p : position) {
        p.x = static_cast<int>(static_cast<float>(p.x) / static_cast<float>(how->scale));
        p.y = static_cast<int>(banded ? (static_cast<float>(p.y) + 0.5F) * rowsPerBand : static_cast<float>(p.y));
      }
      r->setPosition(position);
      cv::Rect outline;
      DecodedSymbol symbol = linearSymbol(*r, crop_, part, how->name, outline, lean_);
      // Blurred modules are measured better by the fit than by their edges.
      if (how == &kProfileStep) symbol.modulePx = profileModulePx_;
      add(std::move(symbol));
      // Rows above and below the symbol, and columns beside it.
      const cv::Rect above(part.x, part.y, part.width, outline.y - part.y);
      const cv::Rect below(part.x, outline.br().y, part.width, part.br().y - outline.br().y);
      const cv::Rect left(part.x, part.y, outline.x - part.x, part.height);
      const cv::Rect right(outline.br().x, part.y, part.br().x - outline.br().x, part.height);
      for (const auto& rest : {above, below})
        if (rest.height >= kMinRemainderRows && rest.width > 0) parts.push_back(rest);
      for (const auto& rest : {left, right})
        if (rest.width >= kMinRemainderCols && rest.height > 0) parts.push_back(rest);
    }
    return dense;
  }

  static void copyCrop(const RectifiedCrop& from, RectifiedCrop& to) {
    from.image.copyTo(to.image);
    to.toFrame = from.toFrame;
    to.scaleX = from.scaleX;
    to.scaleY = from.scaleY;
  }

  // Everything in `crop` outside the candidate's region painted paper.
  static void isolateRegion(const Candidate& c, RectifiedCrop& crop) {
    cv::Matx23f toCrop;
    cv::invertAffineTransform(crop.toFrame, toCrop);
    std::array<cv::Point2f, 4> inside;
    for (std::size_t i = 0; i < 4; ++i)
      inside[i] = {toCrop(0, 0) * c.region[i].x + toCrop(0, 1) * c.region[i].y + toCrop(0, 2),
                   toCrop(1, 0) * c.region[i].x + toCrop(1, 1) * c.region[i].y + toCrop(1, 2)};
    isolate(crop.image, inside);
  }

  void matrix(const Candidate& c) {
    const int margin = kMatrixMarginCells * options_.cellPx;
    const cv::Rect box = cv::Rect(c.box.x - margin, c.box.y - margin, c.box.width + 2 * margin,
                                  c.box.height + 2 * margin) &
                         cv::Rect(0, 0, grey_.cols, grey_.rows);
    struct Step {
      float scale;
      bool upright;   // turned to the module grid when the grid is turned
      bool isolated;  // outside the region painted paper (label edges, text)
      bool stretch;
      ZXing::Binarizer binarizer;
      bool tryHarder;
      std::string_view name;
    };
    static constexpr Step kCascade[] = {
        {1.0F, false, false, false, ZXing::Binarizer::LocalAverage, true, "matrix-1x"},
        {1.0F, true, false, false, ZXing::Binarizer::LocalAverage, true, "matrix-1x-upright"},
        {2.0F, true, true, true, ZXing::Binarizer::LocalAverage, true, "matrix-2x-isolated"},
        {2.0F, true, false, true, ZXing::Binarizer::FixedThreshold, false, "matrix-2x"},
    };
    // One crop per kind, made on first use; each step works on a copy.
    RectifiedCrop* bases[4] = {&crop_, &upright1x_, &crop2x_, &upright2x_};  // 1x, 1x upright, 2x, 2x upright
    bool made[4] = {false, false, false, false};
    RectifiedCrop& crop = work_;
    // Small regions are mostly fragments of text: they get the first step only.
    const std::size_t steps = c.cells >= kMinMatrixCellsForUpscale ? std::size(kCascade) : 1;
    // The grid's direction, measured on the pixels of the candidate's box
    // once the first step (the box as it is) has failed.
    float grid = 0;
    bool turned = false;
    for (std::size_t k = 0; k < steps; ++k) {
      const Step& step = kCascade[k];
      if (k == 1) {
        grid = gridAngle(grey_(c.box));
        turned = std::abs(grid) > kUprightMatrixRad;
      }
      if (step.upright && step.scale == 1.0F && !turned) continue;  // the first step saw it so
      const int which = (step.scale != 1.0F ? 2 : 0) + (step.upright && turned ? 1 : 0);
      RectifiedCrop& base = *bases[which];
      if (!made[which]) {
        if (turned && step.upright) {
          // ZXing 1.4's DataMatrix detector reads a symbol within a few
          // degrees of upright only: the crop is turned to the module grid.
          const float side = static_cast<float>(
              std::max(cv::norm(c.region[1] - c.region[0]), cv::norm(c.region[2] - c.region[1])));
          const float half = 0.5F * side + static_cast<float>(margin);
          const cv::Point2f middle = (c.region[0] + c.region[2]) * 0.5F;
          rectify(grey_, middle, grid, half, half, step.scale, step.scale, base);
        } else {
          scaledCrop(grey_, box, step.scale, base);
        }
        made[which] = true;
      }
      copyCrop(base, crop);
      if (step.isolated) isolateRegion(c, crop);
      if (step.stretch) stretchContrast(crop.image);
      ZxingAttempt a;
      a.formats = kMatrixFormats;
      a.binarizer = step.binarizer;
      a.tryHarder = step.tryHarder;
      const auto r = attempt(crop.image, a);
      if (!r) continue;
      DecodedSymbol s = normaliseZxing(*r, options_.parse);
      const auto& p = r->position();
      std::array<cv::Point2f, 4> q;
      for (std::size_t i = 0; i < 4; ++i) {
        q[i] = cv::Point2f(static_cast<float>(p[i].x), static_cast<float>(p[i].y));
        const cv::Point2f f = crop.frameOf(q[i]);
        s.quad[i] = {f.x, f.y};
      }
      s.modulePx = matrixModule(crop.image, q) / crop.scaleX;
      s.strategy = std::string(step.name);
      add(std::move(s));
      return;
    }
    if (steps < std::size(kCascade) || outOfTime()) return;
    // Last, a DataMatrix whose finder or clock track damage broke: its
    // grid sampled at 2x and redrawn with those patterns whole.
    const int which = 2 + (turned ? 1 : 0);
    if (!made[which]) return;  // the cascade ran out of time before making it
    copyCrop(*bases[which], crop);
    isolateRegion(c, crop);
    stretchContrast(crop.image);
    const auto grids = redrawDataMatrix(crop.image, kRedrawnModulePx, kMaxGridHypotheses);
    for (const RedrawnGrid& redrawn : grids) {
      ZxingAttempt a;
      a.formats = ZXing::BarcodeFormat::DataMatrix;
      a.binarizer = ZXing::Binarizer::FixedThreshold;
      a.pure = true;
      const auto r = attempt(redrawn.image, a);
      if (!r) continue;
      DecodedSymbol s = normaliseZxing(*r, options_.parse);
      const auto& p = r->position();
      for (std::size_t i = 0; i < 4; ++i) {
        const cv::Point2f drawn(static_cast<float>(p[i].x), static_cast<float>(p[i].y));
        const cv::Point2f inCrop(redrawn.toCrop(0, 0) * drawn.x + redrawn.toCrop(0, 1) * drawn.y + redrawn.toCrop(0, 2),
                                 redrawn.toCrop(1, 0) * drawn.x + redrawn.toCrop(1, 1) * drawn.y + redrawn.toCrop(1, 2));
        const cv::Point2f f = crop.frameOf(inCrop);
        s.quad[i] = {f.x, f.y};
      }
      s.modulePx = redrawn.symbol.width / static_cast<float>(redrawn.cols) / crop.scaleX;
      s.strategy = "matrix-grid-redrawn";
      add(std::move(s));
      return;
    }
  }

  const cv::Mat& grey_;
  const ReaderOptions& options_;
  RectifiedCrop& crop_;
  RectifiedCrop& crop2x_;
  RectifiedCrop& upright1x_;
  RectifiedCrop& upright2x_;
  RectifiedCrop& work_;
  cv::Mat& bands1x_;
  cv::Mat& bands2x_;
  cv::Mat& full_;
  cv::Mat& bands3x_;
  cv::Mat& levelled1x_;
  cv::Mat& levelled2x_;
  bool levelledFresh_ = false;
  float profileModulePx_ = 0;  // module of the last profile read (crop px = frame px)
  float lean_ = 0;  // lean of the bars left in crop_ (crop px across per row)
  FrameRead& out_;
  Clock::time_point deadline_;
};

}  // namespace

Reader::Reader(ReaderOptions options) : options_(std::move(options)) {}

Reader::~Reader() = default;

namespace {

// Lends one set of working buffers for the length of a call.
class ScratchLoan {
 public:
  ScratchLoan(std::mutex& mutex, std::vector<std::unique_ptr<Reader::Scratch>>& pool) : mutex_(mutex), pool_(pool) {
    {
      const std::lock_guard lock(mutex_);
      if (!pool_.empty()) {
        scratch_ = std::move(pool_.back());
        pool_.pop_back();
      }
    }
    if (!scratch_) scratch_ = std::make_unique<Reader::Scratch>();
  }
  ~ScratchLoan() {
    const std::lock_guard lock(mutex_);
    pool_.push_back(std::move(scratch_));
  }
  ScratchLoan(const ScratchLoan&) = delete;
  ScratchLoan& operator=(const ScratchLoan&) = delete;
  Reader::Scratch& operator*() { return *scratch_; }

 private:
  std::mutex& mutex_;
  std::vector<std::unique_ptr<Reader::Scratch>>& pool_;
  std::unique_ptr<Reader::Scratch> scratch_;
};

}  // namespace

FrameRead Reader::read(const cv::Mat& frame) const { return run(frame, nullptr); }

FrameRead Reader::readRegions(const cv::Mat& frame, const std::vector<Candidate>& regions) const {
  return run(frame, &regions);
}

FrameRead Reader::run(const cv::Mat& frame, const std::vector<Candidate>* regions) const {
  FrameRead out;
  if (frame.empty() || frame.depth() != CV_8U || (frame.channels() != 1 && frame.channels() != 3 && frame.channels() != 4)) {
    out.error = "not an 8-bit grey, BGR or BGRA image";
    return out;
  }
  try {
    ScratchLoan scratch(poolMutex_, pool_);
    const cv::Mat* grey = &frame;
    if (frame.channels() != 1) {
      cv::cvtColor(frame, (*scratch).grey, frame.channels() == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);
      grey = &(*scratch).grey;
    }
    FrameReading reading(*grey, options_, *scratch, out);
    std::vector<Candidate> found;
    if (regions == nullptr) found = findCandidates(*grey, options_, (*scratch).localiser);
    const auto& candidates = regions != nullptr ? *regions : found;
    out.candidates = static_cast<int>(candidates.size());
    for (const auto& c : candidates) reading.candidate(c);
    if (regions == nullptr && out.symbols.empty() && options_.wholeImageMaxPixels > 0 &&
        static_cast<long>(grey->total()) <= options_.wholeImageMaxPixels)
      reading.wholeImage();
    reading.finishUnread();
  } catch (const std::exception& e) {
    // Out of memory or a library's own failure: what was read stays.
    out.error = e.what();
  }
  return out;
}

}  // namespace gs1inspect::read
