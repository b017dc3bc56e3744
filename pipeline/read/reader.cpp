#include "read/reader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <string_view>

#include <opencv2/imgproc.hpp>

#include "read/candidate_finder.hpp"
#include "read/rectified_crop.hpp"
#include "read/symbol_geometry.hpp"
#include "read/zxing_call.hpp"
#include "read/zxing_normaliser.hpp"

namespace gs1inspect::read {

struct Reader::Scratch {
  cv::Mat grey;
  LocaliserScratch localiser;
  RectifiedCrop crop;
};

namespace {

using Clock = std::chrono::steady_clock;

// Margin added around a bar field across its bars, in frame px: the quiet
// zone the decoder looks for (10 modules of 3 px) and the cells' coarseness.
constexpr float kBarQuietPx = 32.0F;
// Linear symbols are read at this many crop pixels per frame pixel across
// the bars: 2-px modules read far better at 2x than at 1x.
constexpr float kBarScale = 2.0F;
// The longest crop row the decoder is given, in crop px.
constexpr float kMaxBarCropWidth = 4096.0F;
// Margin around a 2D candidate, in cells: the finder pattern's quiet zone.
constexpr int kMatrixMarginCells = 2;
// Remainders of a bar crop smaller than this (crop px) are not decoded again.
constexpr int kMinRemainderRows = 16;
constexpr int kMinRemainderCols = 96;
// Symbols one candidate may hold (e.g. a DataBar under a GS1-128).
constexpr int kMaxSymbolsPerCandidate = 4;

bool isLinear(ZXing::BarcodeFormat f) { return (kLinearFormats & f) == f; }

class FrameReading {
 public:
  FrameReading(const cv::Mat& grey, const ReaderOptions& options, Reader::Scratch& scratch, FrameRead& out)
      : grey_(grey),
        options_(options),
        crop_(scratch.crop),
        out_(out),
        deadline_(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double, std::milli>(options.budgetMs))) {}

  void candidate(const Candidate& c) {
    if (covered(c.centre)) return;
    if (outOfTime()) {
      ++out_.untried;
      return;
    }
    if (c.kind == Candidate::Kind::Bars)
      bars(c);
    else
      matrix(c);
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
    DecodedSymbol s = normaliseZxing(*r, options_.parse);  // ZXing's own position, frame coordinates
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
                             std::string_view strategy, cv::Rect& outline) {
    DecodedSymbol s = normaliseZxing(r, options_.parse);
    const auto& p = r.position();
    float x0 = 1e9F, x1 = -1e9F, y0 = 1e9F, y1 = -1e9F;
    for (std::size_t i = 0; i < 4; ++i) {
      x0 = std::min(x0, static_cast<float>(p[i].x)), x1 = std::max(x1, static_cast<float>(p[i].x));
      y0 = std::min(y0, static_cast<float>(p[i].y)), y1 = std::max(y1, static_cast<float>(p[i].y));
    }
    const cv::Point2f o(static_cast<float>(seen.x), static_cast<float>(seen.y));
    const bool upsideDown = p[0].x > p[1].x;
    const auto q = linearOutline(crop.image, x0 + o.x, x1 + o.x, y0 + o.y, y1 + o.y, upsideDown);
    for (int i = 0; i < 4; ++i) {
      const cv::Point2f f = crop.frameOf(q[static_cast<std::size_t>(i)]);
      s.quad[static_cast<std::size_t>(i)] = {f.x, f.y};
    }
    const float yMid = 0.5F * (y0 + y1) + o.y;
    s.modulePx = moduleAlong(crop.image, {x0 + o.x, yMid}, {x1 + o.x, yMid}) / crop.scaleX;
    s.strategy = std::string(strategy);
    const float top = std::min(q[0].y, q[2].y), bottom = std::max(q[0].y, q[2].y);
    outline = cv::Rect(cv::Point(static_cast<int>(x0 + o.x), static_cast<int>(top)),
                       cv::Point(static_cast<int>(std::ceil(x1 + o.x)), static_cast<int>(std::ceil(bottom))));
    return s;
  }

  void bars(const Candidate& c) {
    const float halfX = c.halfAcross + kBarQuietPx;
    const float scale = std::min(kBarScale, kMaxBarCropWidth / (2 * halfX));
    RectifiedCrop& crop = crop_;
    rectify(grey_, c.centre, c.angle, halfX, c.halfAlong + 2, scale, 1.0F, crop);
    stretchContrast(crop.image);
    const std::string_view strategy = "bars-rectified-2x";

    // The whole crop first, then what a decoded symbol left of it.
    std::deque<cv::Rect> parts{cv::Rect(0, 0, crop.image.cols, crop.image.rows)};
    int found = 0;
    while (!parts.empty() && found < kMaxSymbolsPerCandidate) {
      const cv::Rect part = parts.front();
      parts.pop_front();
      const cv::Mat view = crop.image(part);
      std::optional<ZXing::Result> r;
      std::string_view how = strategy;
      static constexpr std::pair<ZXing::Binarizer, bool> kCascade[] = {
          {ZXing::Binarizer::FixedThreshold, false},
          {ZXing::Binarizer::LocalAverage, false},
          {ZXing::Binarizer::FixedThreshold, true},
      };
      static constexpr std::string_view kNames[] = {"bars-rectified-2x", "bars-rectified-2x-histogram",
                                                    "bars-rectified-2x-every-row"};
      for (std::size_t i = 0; i < std::size(kCascade) && !r; ++i) {
        ZxingAttempt a;
        a.formats = kLinearFormats;
        a.binarizer = kCascade[i].first;
        a.tryHarder = kCascade[i].second;
        r = attempt(view, a);
        how = kNames[i];
      }
      if (!r) continue;
      ++found;
      cv::Rect outline;
      if (isLinear(r->format())) {
        add(linearSymbol(*r, crop, part, how, outline));
      } else {
        continue;
      }
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
  }

  void matrix(const Candidate& c) {
    const int margin = kMatrixMarginCells * options_.cellPx;
    const cv::Rect box = cv::Rect(c.box.x - margin, c.box.y - margin, c.box.width + 2 * margin,
                                  c.box.height + 2 * margin) &
                         cv::Rect(0, 0, grey_.cols, grey_.rows);
    struct Step {
      float scale;
      bool stretch;
      ZXing::Binarizer binarizer;
      bool tryHarder;
      std::string_view name;
    };
    static constexpr Step kCascade[] = {
        {1.0F, false, ZXing::Binarizer::LocalAverage, false, "matrix-1x"},
        {2.0F, true, ZXing::Binarizer::FixedThreshold, false, "matrix-2x"},
        {2.0F, true, ZXing::Binarizer::LocalAverage, true, "matrix-2x-every-detector"},
    };
    RectifiedCrop& crop = crop_;
    float cropScale = 0;
    bool stretched = false;
    for (const auto& step : kCascade) {
      if (step.scale != cropScale || (stretched && !step.stretch)) {
        scaledCrop(grey_, box, step.scale, crop);
        cropScale = step.scale;
        stretched = false;
      }
      if (step.stretch && !stretched) {
        stretchContrast(crop.image);
        stretched = true;
      }
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
      s.modulePx = moduleAlong(crop.image, (q[0] + q[3]) * 0.5F, (q[1] + q[2]) * 0.5F) / crop.scaleX;
      s.strategy = std::string(step.name);
      add(std::move(s));
      return;
    }
  }

  const cv::Mat& grey_;
  const ReaderOptions& options_;
  RectifiedCrop& crop_;
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

FrameRead Reader::read(const cv::Mat& frame) const {
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
    const auto candidates = findCandidates(*grey, options_, (*scratch).localiser);
    out.candidates = static_cast<int>(candidates.size());
    for (const auto& c : candidates) reading.candidate(c);
    if (out.symbols.empty() && options_.wholeImageMaxPixels > 0 &&
        static_cast<long>(grey->total()) <= options_.wholeImageMaxPixels)
      reading.wholeImage();
  } catch (const std::exception& e) {
    // Out of memory or a library's own failure: what was read stays.
    out.error = e.what();
  }
  return out;
}

}  // namespace gs1inspect::read
