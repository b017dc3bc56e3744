#include "read/bar_reading.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "read/code128_erasures.hpp"
#include "read/ean_upc_profile.hpp"
#include "read/fused_bar_profile.hpp"
#include "read/grey_levels.hpp"
#include "read/smeared_ean_upc.hpp"
#include "read/symbol_geometry.hpp"
#include "read/symbol_likeness.hpp"
#include "read/zxing_normaliser.hpp"

namespace gs1inspect::read {

namespace {

// Margin added around a bar field across its bars, in frame px: the quiet
// zone the decoder looks for (10 modules of 3 px) and the cells' coarseness.
constexpr float kBarQuietPx = 32.0F;
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
// An unread bar field counts as a symbol shown (for the station's
// fail-safe) with at least this many edges (an EAN-8 has 44, a DataBar
// Omnidirectional row 30, a symbol half cut by the frame's edge fewer) and
// bars that hold along their length (barConsistency: 0.9 and more for
// bars, 0.3-0.7 for lines of text).
constexpr int kMinUnreadBarEdges = 24;
constexpr float kMinUnreadBarConsistency = 0.8F;
// Symbols one field may hold (e.g. a DataBar under a GS1-128).
constexpr int kMaxSymbolsPerField = 4;

// How a bar field is tried, cheapest and likeliest first. The crop is
// upright (bars vertical) at 1 crop px per frame px. `Bands`: its rows are
// averaged in bands about kBandPx tall (noise and small defects fall, bars
// and the rows of stacked symbols stay) and the decoder scans every band;
// `Levelled`: those bands levelled along their rows; `Full`: the crop
// itself. `scale`: crop px per frame px across the bars the decoder sees
// (linear interpolation).
enum class BarImage { Bands, Levelled, Full };
struct BarStep {
  int scale;
  BarImage image;
  ZXing::Binarizer binarizer;
  std::string_view name;
};
constexpr BarStep kBarCascade[] = {
    {2, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-2x-bands"},
    {2, BarImage::Bands, ZXing::Binarizer::LocalAverage, "bars-2x-bands-histogram"},
    {2, BarImage::Levelled, ZXing::Binarizer::FixedThreshold, "bars-2x-bands-levelled"},
    {1, BarImage::Bands, ZXing::Binarizer::LocalAverage, "bars-1x-bands-histogram"},
    {3, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-3x-bands"},
    {2, BarImage::Full, ZXing::Binarizer::FixedThreshold, "bars-2x"},
};
constexpr const BarStep& kLevelledStep = kBarCascade[2];
static_assert(kLevelledStep.image == BarImage::Levelled);

// The last resort of a dense bar field: EAN-13, UPC-A and EAN-8 read
// module by module from the bands' grey levels (blurred 2 px modules whose
// thin spaces no threshold separates). Its own confirmation is two groups
// of bands that agree and none that disagrees.
constexpr BarStep kProfileStep{1, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-ean-upc-profile"};

// EAN/UPC read through a motion smear too long to undo: the symbol whose
// modules, seen through the smear, best explain the bands' mean profile
// (smeared_ean_upc). Its own confirmation is that no other valid symbol
// comes near.
// The same reading with no smear, the lens's blur alone: EAN/UPC of 2 px
// modules blurred until their one-module spaces are gone, which neither a
// threshold nor the profile reader's patterns (a tenth of a module's ink
// into each neighbour) can tell apart.
constexpr BarStep kBlurredStep{1, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-ean-upc-blurred"};

// Share of the frame's budget that must be left for a model read (blurred
// or smeared EAN/UPC, 0.2-2 ms each): on a crowded frame it gives way to
// candidates not yet tried at all.
constexpr double kModelReadBudgetShare = 0.2;

// How much further across the bars the smeared reader's crop reaches than
// the field found, frame px: half an EAN-13 of 2.5 px modules.
constexpr float kSmearedReachPx = 120.0F;
constexpr BarStep kSmearedStep{1, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-ean-upc-smeared"};

// GS1-128 read by the project's own decoder from the mean of the bands
// across the bars: through a printhead stripe (its columns erasures), or
// whole where the decoder cascade missed it.
constexpr BarStep kStripeStep{1, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-code128-stripe"};
constexpr BarStep kCode128ProfileStep{1, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-code128-profile"};
// Bands whose ink/paper transitions are at least this share of the most
// any band has are the symbol's rows, averaged into its profile (rows of
// the quiet zone above and below, of text beside, have fewer).
constexpr float kProfileBandShare = 0.6F;

// GS1-128 whose bars are hidden differently in each row (a strap or tape
// at a slant, a torn corner, glare): read by the project's decoder from
// the profile fused from the rows that see each column
// (fused_bar_profile), what no row sees taken as a stripe.
constexpr BarStep kFusedStep{1, BarImage::Bands, ZXing::Binarizer::FixedThreshold, "bars-code128-fused"};
// Columns (crop px) some rows must hide and others see for the fused
// profile to be worth reading: two modules of 2 px.
constexpr int kMinColumnsSeenElsewhere = 4;

// Other ways of seeing the bars, to confirm a read with a weak check.
constexpr BarStep kConfirmingSteps[] = {
    {3, BarImage::Bands, ZXing::Binarizer::FixedThreshold, ""},
    {2, BarImage::Bands, ZXing::Binarizer::FixedThreshold, ""},
    {2, BarImage::Levelled, ZXing::Binarizer::FixedThreshold, ""},
    {1, BarImage::Levelled, ZXing::Binarizer::FixedThreshold, ""},
    {1, BarImage::Bands, ZXing::Binarizer::LocalAverage, ""},
    {2, BarImage::Full, ZXing::Binarizer::FixedThreshold, ""},
};

// What one part of a field gave.
struct PartRead {
  std::optional<ZXing::Result> result;
  const BarStep* how = nullptr;
  int bandCount = 1;
  bool untried = false;  // time ran out before the cascade was done
};

// One bar field's reading: the crop, its bands and the images made from
// them for the current part.
class BarField {
 public:
  BarField(FrameReading& frame, BarScratch& scratch) : frame_(frame), s_(scratch) {}

  bool read(const Candidate& found) {
    Candidate c = found;
    rectifyBars(c);
    bool dense = false;
    // The whole field first, then what a decoded symbol left of it.
    std::deque<cv::Rect> parts{cv::Rect(0, 0, s_.crop.image.cols, s_.crop.image.rows)};
    int symbols = 0;
    while (!parts.empty() && symbols < kMaxSymbolsPerField) {
      const cv::Rect part = parts.front();
      parts.pop_front();
      const bool judge = symbols == 0 && parts.empty();  // the whole field, before anything was read
      PartRead r = readPart(part, judge ? &dense : nullptr);
      if (r.untried) return true;  // untried: taken as a symbol
      if (!r.result || !isLinear(r.result->format())) continue;
      ++symbols;
      const cv::Rect outline = place(*r.result, *r.how, part, r.bandCount);
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

  // An EAN/UPC under a smear of `smearPx` along the frame's x.
  bool readSmeared(const Candidate& found, float smearPx) {
    Candidate c = found;
    // A field the localiser found under a smear may be part of the symbol
    // only (its cells' edges faint, or its ends smeared into the quiet
    // zones): the crop reaches on across the bars, where the reader finds
    // the symbol's ends for itself.
    c.halfAcross += kSmearedReachPx;
    rectifyBars(c);
    const cv::Rect whole(0, 0, s_.crop.image.cols, s_.crop.image.rows);
    const int bandCount = std::clamp(whole.height / kBandPx, 1, whole.height);
    bandMeans(s_.crop.image, bandCount, s_.bands1x);
    ++frame_.out().attempts;
    // The bars run across the crop's x, at `angle` to the belt.
    const float along = smearPx * std::abs(std::cos(c.angle));
    const auto read = readSmearedEanUpc(s_.bands1x, along);
    if (!read) return false;
    auto result = eanUpcResult(*read);
    place(result, kSmearedStep, whole, bandCount);
    return true;
  }

 private:
  // The upright crop of `c` into the scratch crop, its lean measured and
  // taken out.
  void rectifyBars(Candidate& c) {
    const float halfX = c.halfAcross + kBarQuietPx;
    rectify(frame_.grey(), c.centre, c.angle, halfX, c.halfAlong + 2, 1.0F, 1.0F, s_.crop);
    const float lean = barSlant(s_.crop.image);  // frame px across per frame px along
    // What matters is the lean across one band of averaged rows; a smaller
    // one is kept to straighten the outline.
    lean_ = lean;
    if (std::abs(lean) * static_cast<float>(kBandPx) >= kMaxBandLeanPx) {
      c.angle -= std::atan(lean);
      rectify(frame_.grey(), c.centre, c.angle, halfX, c.halfAlong + 2, 1.0F, 1.0F, s_.crop);
      lean_ = 0;
    }
  }

  // The part's bands, and its symbol if the cascade or the profile read
  // finds one. `dense` (when given) learns whether the part looks like the
  // bars of a symbol.
  PartRead readPart(cv::Rect part, bool* dense) {
    PartRead r;
    const cv::Mat view = s_.crop.image(part);
    r.bandCount = std::clamp(part.height / kBandPx, 1, part.height);
    bandMeans(view, r.bandCount, s_.bands1x);
    stretchContrast(s_.bands1x);
    levelledFresh_ = false;
    // Too few bars for any symbol: text, rules, a board edge. Or bars
    // whose contrast paper far lighter than their own squeezed (a white
    // label beside bars printed on brown board): counted again on rows
    // levelled against their neighbourhood, such a field is read from
    // those rows only.
    Transitions transitions = mostTransitions(s_.bands1x);
    bool squeezed = false;
    if (transitions.count < kMinBarTransitions) {
      barImage(kLevelledStep, view);  // levelled1x (and 2x), kept for the steps below
      transitions = mostTransitions(s_.levelled1x);
      if (transitions.count < kMinBarTransitions) return r;
      squeezed = true;
    }
    // Sparse edges (large lettering, a frame edge): the first steps only.
    const std::size_t steps = transitions.perPx >= kMinBarEdgesPerPx ? std::size(kBarCascade) : kSparseBarSteps;
    if (dense != nullptr) {
      *dense = steps == std::size(kBarCascade) && transitions.count >= kMinUnreadBarEdges &&
               barConsistency(squeezed ? s_.levelled1x : s_.bands1x) >= kMinUnreadBarConsistency;
    }
    cv::resize(s_.bands1x, s_.bands2x, cv::Size(2 * part.width, r.bandCount), 0, 0, cv::INTER_LINEAR);
    for (std::size_t i = 0; i < steps && !r.result; ++i) {
      const BarStep& step = kBarCascade[i];
      if (squeezed && step.image != BarImage::Levelled) continue;
      if (frame_.outOfTime()) {
        ++frame_.out().untried;
        r.untried = true;
        return r;
      }
      ZxingAttempt a;
      a.formats = kLinearFormats;
      a.binarizer = step.binarizer;
      a.tryHarder = step.image != BarImage::Full;  // every band, every start position
      r.result = frame_.attempt(barImage(step, view), a);
      if (r.result && !confirmed(*r.result, step, view)) r.result.reset();
      r.how = &step;
    }
    if (!r.result && steps == std::size(kBarCascade) && !frame_.outOfTime()) {
      r.result = code128Read(s_.bands1x, part, r.bandCount, r.how);
    }
    if (!r.result && steps == std::size(kBarCascade) && !frame_.outOfTime()) {
      r.result = fusedRead(s_.bands1x, part, r.bandCount, r.how);
    }
    if (!r.result && steps == std::size(kBarCascade) && !frame_.outOfTime()) {
      r.result = profileRead(squeezed ? s_.levelled1x : s_.bands1x);
      r.how = &kProfileStep;
    }
    if (!r.result && steps == std::size(kBarCascade) && dense != nullptr && frame_.budgetLeft(kModelReadBudgetShare)) {
      // Blur alone (no smear): the symbol seen through the lens's spread.
      // Whole fields only: what a read symbol leaves of one is not an
      // EAN/UPC that every decoder missed.
      ++frame_.out().attempts;
      if (const auto read = readSmearedEanUpc(s_.bands1x, 0.0F)) {
        r.result = eanUpcResult(*read);
        r.how = &kBlurredStep;
      }
    }
    return r;
  }

  // The symbol of `r` added to the frame; its outline's bounds in crop px.
  cv::Rect place(ZXing::Result& r, const BarStep& how, cv::Rect part, int bandCount) {
    // Back to crop pixels: x from the decoder's scale, y from band rows.
    const bool banded = how.image != BarImage::Full;
    const float rowsPerBand = banded ? static_cast<float>(part.height) / static_cast<float>(bandCount) : 1.0F;
    auto position = r.position();
    for (auto& p : position) {
      p.x = static_cast<int>(static_cast<float>(p.x) / static_cast<float>(how.scale));
      p.y = static_cast<int>(banded ? (static_cast<float>(p.y) + 0.5F) * rowsPerBand : static_cast<float>(p.y));
    }
    r.setPosition(position);
    cv::Rect outline;
    DecodedSymbol symbol = linearSymbol(r, s_.crop, part, how.name, frame_.options().parse, outline, lean_);
    // Blurred modules are measured better by the fit than by their edges.
    if (&how == &kProfileStep || &how == &kSmearedStep || &how == &kBlurredStep) symbol.modulePx = profileModulePx_;
    frame_.add(std::move(symbol));
    return outline;
  }

  // The image a step decodes, made on first use for the current part.
  const cv::Mat& barImage(const BarStep& step, const cv::Mat& view) {
    const int w = s_.bands1x.cols, rows = s_.bands1x.rows;
    switch (step.image) {
      case BarImage::Bands:
        if (step.scale == 1) return s_.bands1x;
        if (step.scale == 2) return s_.bands2x;
        cv::resize(s_.bands1x, s_.bands3x, cv::Size(3 * w, rows), 0, 0, cv::INTER_LINEAR);
        return s_.bands3x;
      case BarImage::Levelled:
        if (s_.levelled1x.cols != w || s_.levelled1x.rows != rows || !levelledFresh_) {
          levelRows(s_.bands1x, kLevelWindowPx, s_.levelled1x);
          cv::resize(s_.levelled1x, s_.levelled2x, cv::Size(2 * w, rows), 0, 0, cv::INTER_LINEAR);
          levelledFresh_ = true;
        }
        return step.scale == 1 ? s_.levelled1x : s_.levelled2x;
      case BarImage::Full:
        cv::resize(view, s_.full, cv::Size(step.scale * view.cols, view.rows), 0, 0, cv::INTER_LINEAR);
        stretchContrast(s_.full);
        return s_.full;
    }
    return s_.bands1x;
  }

  // EAN-13, EAN-8 and UPC-A carry one mod-10 check digit, which a
  // distorted row can satisfy by chance, and rows of one crop share their
  // distortion: their reads must be repeated from an image of the bars
  // made another way (plain bands, levelled bands, the crop's own rows).
  // Symbols with stronger checks (Code 128 mod 103, DataBar checksums,
  // Reed-Solomon) stand alone.
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
    for (const auto& other : kConfirmingSteps) {
      // Another way of seeing the bars: levelled rows confirm plain bands
      // and the other way round, never their own kind at another scale.
      if (other.image == step.image) continue;
      const cv::Mat& second = barImage(other, view);
      ZxingAttempt again;
      again.formats = r.format();
      again.binarizer = other.binarizer;
      again.tryHarder = true;
      const auto read = frame_.attempt(second, again);
      if (read) return read->text() == r.text();
    }
    return false;
  }

  bool badCheckDigit(const ZXing::Result& r) const {
    const DecodedSymbol s = normaliseZxing(r, frame_.options().parse);
    return s.gs1 && std::any_of(s.parsed.errors.begin(), s.parsed.errors.end(),
                                [](const gs1::LintError& e) { return e.code == gs1::LintCode::BadCheckDigit; });
  }

  // GS1-128 through a stripe: the profile across the bars is the mean of
  // the bands that hold the symbol, each shifted by the bars' remaining
  // lean so their edges line up.
  std::optional<ZXing::Result> code128Read(const cv::Mat& bands, cv::Rect part, int bandCount, const BarStep*& how) {
    ++frame_.out().attempts;
    std::vector<int> flips;
    std::vector<int> counts(static_cast<std::size_t>(bands.rows));
    int most = 0;
    for (int y = 0; y < bands.rows; ++y) {
      inkFlips(bands.ptr<std::uint8_t>(y), bands.cols, 112, 144, flips);
      counts[static_cast<std::size_t>(y)] = static_cast<int>(flips.size());
      most = std::max(most, counts[static_cast<std::size_t>(y)]);
    }
    const float rowsPerBand = static_cast<float>(part.height) / static_cast<float>(bandCount);
    std::vector<float> profile(static_cast<std::size_t>(bands.cols), 0.0F);
    int used = 0, first = -1, last = -1;
    for (int y = 0; y < bands.rows; ++y) {
      if (static_cast<float>(counts[static_cast<std::size_t>(y)]) < kProfileBandShare * static_cast<float>(most))
        continue;
      const float shift = lean_ * (static_cast<float>(y) + 0.5F) * rowsPerBand;
      const std::uint8_t* row = bands.ptr<std::uint8_t>(y);
      for (int x = 0; x < bands.cols; ++x) {
        const float at = std::clamp(static_cast<float>(x) + shift, 0.0F, static_cast<float>(bands.cols - 1));
        const int i = std::min(static_cast<int>(at), bands.cols - 2);
        const float f = at - static_cast<float>(i);
        profile[static_cast<std::size_t>(x)] += (1 - f) * row[i] + f * row[i + 1];
      }
      ++used;
      if (first < 0) first = y;
      last = y;
    }
    if (used == 0 || bands.cols < 2) return std::nullopt;
    const gs1::ParseOptions& parse = frame_.options().parse;
    const auto read = readCode128WithErasures(profile, [&](std::string_view data) {
      return normaliseDecoded("Code128", "]C1", data, parse).parsed.elementsHold();
    });
    if (!read) return std::nullopt;
    how = read->erasedChars > 0 ? &kStripeStep : &kCode128ProfileStep;
    int from = static_cast<int>(std::lround(read->left)), to = static_cast<int>(std::lround(read->right));
    if (read->upsideDown) std::swap(from, to);
    return ZXing::Result(read->data, (first + last) / 2, from, to, ZXing::BarcodeFormat::Code128,
                         ZXing::SymbologyIdentifier{'C', '1'});
  }

  // GS1-128 hidden in some rows and seen in others: the fused profile.
  std::optional<ZXing::Result> fusedRead(const cv::Mat& bands, cv::Rect part, int bandCount, const BarStep*& how) {
    const float rowsPerBand = static_cast<float>(part.height) / static_cast<float>(bandCount);
    const FusedBarProfile fused = fuseBarRows(bands, lean_ * rowsPerBand);
    // Nothing hidden in one row is seen in another: the mean of the rows
    // was read already.
    if (fused.columnsSeenElsewhere < kMinColumnsSeenElsewhere) return std::nullopt;
    ++frame_.out().attempts;
    const gs1::ParseOptions& parse = frame_.options().parse;
    const auto read = readCode128WithErasures(fused.levels, [&](std::string_view data) {
      return normaliseDecoded("Code128", "]C1", data, parse).parsed.elementsHold();
    });
    if (!read) return std::nullopt;
    how = &kFusedStep;
    int from = static_cast<int>(std::lround(read->left)), to = static_cast<int>(std::lround(read->right));
    if (read->upsideDown) std::swap(from, to);
    return ZXing::Result(read->data, (fused.firstRow + fused.lastRow) / 2, from, to, ZXing::BarcodeFormat::Code128,
                         ZXing::SymbologyIdentifier{'C', '1'});
  }

  std::optional<ZXing::Result> profileRead(const cv::Mat& rows) {
    ++frame_.out().attempts;
    const auto read = readEanUpcProfile(rows, kProfileBandsPerGroup);
    if (!read) return std::nullopt;
    return eanUpcResult(*read);
  }

  // A decoder result of an EAN/UPC read from grey levels.
  ZXing::Result eanUpcResult(const EanUpcRead& read) {
    using ZXing::BarcodeFormat;
    const BarcodeFormat format = read.kind == EanUpcRead::Kind::Ean8   ? BarcodeFormat::EAN8
                                 : read.kind == EanUpcRead::Kind::UpcA ? BarcodeFormat::UPCA
                                                                        : BarcodeFormat::EAN13;
    profileModulePx_ = (read.right - read.left) / (read.kind == EanUpcRead::Kind::Ean8 ? 67.0F : 95.0F);
    int from = static_cast<int>(std::lround(read.left)), to = static_cast<int>(std::lround(read.right));
    if (read.upsideDown) std::swap(from, to);
    return ZXing::Result(read.digits, (read.firstRow + read.lastRow) / 2, from, to, format,
                         ZXing::SymbologyIdentifier{'E', '0'});
  }

  FrameReading& frame_;
  BarScratch& s_;
  bool levelledFresh_ = false;
  float profileModulePx_ = 0;  // module of the last profile read (crop px = frame px)
  float lean_ = 0;             // lean of the bars left in the crop (crop px across per row)
};

}  // namespace

bool readBars(FrameReading& frame, const Candidate& field, BarScratch& scratch) {
  return BarField(frame, scratch).read(field);
}

bool readSmearedEanUpcBars(FrameReading& frame, const Candidate& field, float smearPx, BarScratch& scratch) {
  if (!frame.budgetLeft(kModelReadBudgetShare)) return false;
  return BarField(frame, scratch).readSmeared(field, smearPx);
}

DecodedSymbol linearSymbol(const ZXing::Result& result, const RectifiedCrop& crop, cv::Rect seen,
                           std::string_view strategy, const gs1::ParseOptions& parse, cv::Rect& outline, float lean) {
  DecodedSymbol s = normaliseZxing(result, parse);
  const auto& p = result.position();
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
  for (std::size_t i = 0; i < 4; ++i) {
    const cv::Point2f f = crop.frameOf(q[i]);
    s.quad[i] = {f.x, f.y};
  }
  s.strategy = std::string(strategy);
  const float top = std::min(q[0].y, q[2].y), bottom = std::max(q[0].y, q[2].y);
  outline = cv::Rect(cv::Point(static_cast<int>(x0 + o.x), static_cast<int>(top)),
                     cv::Point(static_cast<int>(std::ceil(x1 + o.x)), static_cast<int>(std::ceil(bottom))));
  return s;
}

}  // namespace gs1inspect::read
