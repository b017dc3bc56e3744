#include "read/reader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "read/bar_reading.hpp"
#include "read/frame_reading.hpp"
#include "read/localiser.hpp"
#include "read/matrix_reading.hpp"
#include "read/motion_smear.hpp"
#include "read/symbol_geometry.hpp"
#include "read/symbol_likeness.hpp"
#include "read/zxing_call.hpp"
#include "read/zxing_normaliser.hpp"

namespace gs1inspect::read {

struct Reader::Scratch {
  cv::Mat grey;
  cv::Mat unsmeared;  // the frame with a smear undone around unread candidates
  LocaliserScratch localiser;
  BarScratch bars;
  MatrixScratch matrix;
};

namespace {

// Tries one candidate region; an unread one that looks like a symbol (or
// was left untried) is kept in the frame's `unread`, and every one tried
// and not read in `notRead` (when given).
void readCandidate(FrameReading& frame, const Candidate& c, Reader::Scratch& scratch,
                   std::vector<Candidate>* notRead = nullptr) {
  FrameRead& out = frame.out();
  if (frame.covered(c.centre)) return;
  // A faint field waits for the smear step (readThroughSmear).
  if (c.faint && notRead != nullptr) {
    notRead->push_back(c);
    return;
  }
  if (frame.outOfTime()) {
    ++out.untried;
    out.unread.push_back(c);
    return;
  }
  const std::size_t before = out.symbols.size();
  bool symbolLike = false;
  if (c.kind == Candidate::Kind::Bars) {
    symbolLike = readBars(frame, c, scratch.bars);
  } else {
    readMatrix(frame, c, scratch.matrix);
  }
  if (out.symbols.size() != before) return;
  if (notRead != nullptr) notRead->push_back(c);
  // 2D regions are judged once every candidate was tried (finishUnread),
  // so the judging takes nothing from the decoders' budget.
  if (c.kind == Candidate::Kind::Matrix) symbolLike = c.cells >= kMinMatrixCellsForUpscale;
  if (symbolLike || out.budgetHit) out.unread.push_back(c);
}

// Unread candidates that a symbol read covers, or that hold a symbol read
// (a region of a symbol and the text beside it), were that symbol; 2D
// regions with the gaps of text are text.
void finishUnread(FrameReading& frame) {
  FrameRead& out = frame.out();
  const auto holdsRead = [&](const Candidate& c) {
    return std::any_of(out.symbols.begin(), out.symbols.end(), [&](const DecodedSymbol& s) {
      const cv::Point2f middle((s.quad[0].x + s.quad[2].x) / 2, (s.quad[0].y + s.quad[2].y) / 2);
      return c.box.contains(cv::Point(cvRound(middle.x), cvRound(middle.y)));
    });
  };
  std::erase_if(out.unread, [&](const Candidate& c) {
    if (frame.covered(c.centre) || holdsRead(c)) return true;
    if (c.kind != Candidate::Kind::Matrix || c.cells < kMinMatrixCellsForUpscale) return false;
    const cv::Mat box = frame.grey()(c.box);
    return hasTextGaps(box, gridAngle(box));
  });
}

// Margins (px) kept around a candidate when a smear is undone: across the
// belt the readers' crops reach a little past the candidate's cells; along
// it the bar reader's crop reaches into the quiet zones, and the smear
// itself spreads the symbol.
constexpr int kUnsmearMarginPx = 32;
constexpr int kUnsmearMarginAcrossPx = 8;
// Cells (8 px) of the smallest bar symbol: DataBar Omni of 2 px modules,
// 192 x 66 px (a smear widens it).
constexpr int kMinSmearedBarCells = 48;
// Rows the bar reader averages into a band (its kBandPx) before decoding.
constexpr int kBarRowsAveraged = 6;
// How far (px) bars may shift across one band of rows whose spectrum the
// smear is measured on: well under the shortest smear measured.
constexpr float kMaxBandLeanPx = 1.5F;
// Rows of upright bars undone as one (their mean): half a band, so that
// the bar reader's steps that decode rows one by one still see them vary.
constexpr int kBarRowsUndoneTogether = 3;

// Candidates tried and not read whose rows show a smear along the belt (a
// carton moving while the shutter was open; the smear flattens bars so far
// that they may not even look like a symbol): read again from the frame
// with the smear undone around them. The decoders' own checks judge the
// result as on any other image; a read says how it was made in its
// strategy.
void readThroughSmear(FrameReading& frame, const std::vector<Candidate>& notRead, Reader::Scratch& scratch) {
  FrameRead& out = frame.out();
  const cv::Mat& original = frame.grey();
  const cv::Rect whole(0, 0, original.cols, original.rows);
  bool copied = false;
  for (const Candidate& c : notRead) {
    if (frame.covered(c.centre) || frame.outOfTime()) continue;
    // Fewer cells than the smallest symbol covers: a word, a rule, text.
    if (c.kind == Candidate::Kind::Bars && c.cells < kMinSmearedBarCells) continue;
    if (c.kind == Candidate::Kind::Matrix && c.cells < kMinMatrixCellsForUpscale) continue;
    // Bars' rows are measured in bands, of fewer rows the more the bars
    // lean (a band must not smear them itself).
    int band = 1;
    if (c.kind == Candidate::Kind::Bars) {
      const float lean = std::abs(std::tan(c.angle));
      band = lean * static_cast<float>(kBarRowsAveraged) <= kMaxBandLeanPx
                 ? kBarRowsAveraged
                 : std::max(1, static_cast<int>(kMaxBandLeanPx / std::max(lean, 1e-3F)));
    }
    const std::optional<float> length = smearAlongX(original(c.box & whole), band);
    // A smear along the bars leaves their edges alone.
    const bool smeared =
        length && (c.kind != Candidate::Kind::Bars || *length * std::abs(std::cos(c.angle)) >= kMinSmearPx);
    if (!smeared) {
      // Faint bars that no smear flattened: bars in dim light or printed
      // faint, read as they are.
      if (c.faint) readCandidate(frame, c, scratch);
      continue;
    }
    if (!copied) {
      original.copyTo(scratch.unsmeared);
      copied = true;
    }
    const int margin = kUnsmearMarginPx + static_cast<int>(std::ceil(2 * *length));
    const cv::Rect around = (c.box - cv::Point(margin, kUnsmearMarginAcrossPx) +
                             cv::Size(2 * margin, 2 * kUnsmearMarginAcrossPx)) & whole;
    cv::Mat restored;
    undoSmearAlongX(original(around), *length, restored, c.kind == Candidate::Kind::Bars ? kBarRowsAveraged : 1,
                    std::min(band, kBarRowsUndoneTogether));
    restored.copyTo(scratch.unsmeared(around));
    // Judged again here: kept unread only if it stays so.
    std::erase_if(out.unread, [&](const Candidate& u) { return u.box == c.box && u.kind == c.kind; });
    const std::size_t before = out.symbols.size();
    frame.readFrom(scratch.unsmeared);
    readCandidate(frame, c, scratch);
    frame.readFrom(original);
    // What a deconvolution brings back carries its ringing: GS1 data read
    // from it stands only when its every element holds (a misread that
    // passes a linear symbol's check character rarely also passes the
    // element lengths, check digits and dates). EAN/UPC carry their own
    // check digit and parity pattern.
    const auto firstNew = out.symbols.begin() + static_cast<std::ptrdiff_t>(before);
    out.symbols.erase(std::remove_if(firstNew, out.symbols.end(),
                                     [](const DecodedSymbol& s) { return s.gs1 && !s.parsed.elementsHold(); }),
                      out.symbols.end());
    for (std::size_t i = before; i < out.symbols.size(); ++i)
      out.symbols[i].strategy = "unsmeared-" + out.symbols[i].strategy;
    // A smear of two modules and more takes frequencies the bars cannot do
    // without: an EAN/UPC is read against the smear instead.
    if (out.symbols.size() == before && c.kind == Candidate::Kind::Bars && !frame.outOfTime() &&
        readSmearedEanUpcBars(frame, c, *length, scratch.bars))
      std::erase_if(out.unread, [&](const Candidate& u) { return u.box == c.box && u.kind == c.kind; });
  }
}

// A small image that localisation read nothing in (a hand-held photo, a
// crop) decoded whole, any symbology, turned or not.
void readWholeImage(FrameReading& frame) {
  if (frame.outOfTime()) return;
  const cv::Mat& grey = frame.grey();
  ZxingAttempt a;
  a.tryHarder = true;
  a.tryRotate = true;
  a.tryDownscale = true;
  ++frame.out().attempts;
  const auto r = decodeOne(grey, a);
  if (!r) return;
  const auto& p = r->position();
  if (isLinear(r->format()) && std::abs(p[0].y - p[1].y) <= 1 && std::abs(p[0].x - p[1].x) > 8) {
    // A row of upright bars: the frame itself is the crop.
    RectifiedCrop whole;
    whole.image = grey;
    cv::Rect outline;
    frame.add(linearSymbol(*r, whole, cv::Rect(0, 0, grey.cols, grey.rows), "whole-image", frame.options().parse,
                           outline));
    return;
  }
  // ZXing's own corners (2D symbols, linear ones read turned).
  DecodedSymbol s = normaliseZxing(*r, frame.options().parse);
  std::array<cv::Point2f, 4> q;
  for (std::size_t i = 0; i < 4; ++i) q[i] = {s.quad[i].x, s.quad[i].y};
  s.modulePx = isLinear(r->format()) ? moduleAlong(grey, q[0], q[1]) : matrixModule(grey, q);
  s.strategy = "whole-image";
  frame.add(std::move(s));
}

}  // namespace

void ReaderOptions::validate() const {
  if (!std::isfinite(budgetMs) || budgetMs <= 0)
    throw std::invalid_argument("reader: budgetMs is " + std::to_string(budgetMs) +
                                ": the time a frame may take must be a positive number of ms");
  if (cellPx != 4 && cellPx != 8 && cellPx != 16)
    throw std::invalid_argument("reader: cellPx is " + std::to_string(cellPx) + ": a localisation cell is 4, 8 or 16 px");
  if (wholeImageMaxPixels < 0)
    throw std::invalid_argument("reader: wholeImageMaxPixels is " + std::to_string(wholeImageMaxPixels) +
                                ": must be 0 (off) or a number of pixels");
}

Reader::Reader(ReaderOptions options) : options_(std::move(options)) { options_.validate(); }

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
  if (frame.empty()) {
    out.error = "empty image: nothing to read";
    return out;
  }
  if (frame.depth() != CV_8U || (frame.channels() != 1 && frame.channels() != 3 && frame.channels() != 4)) {
    out.error = "a " + cv::typeToString(frame.type()) +
                " image: only 8-bit grey (CV_8UC1), BGR (CV_8UC3) and BGRA (CV_8UC4) images are read";
    return out;
  }
  try {
    ScratchLoan scratch(poolMutex_, pool_);
    const cv::Mat* grey = &frame;
    if (frame.channels() != 1) {
      cv::cvtColor(frame, (*scratch).grey, frame.channels() == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);
      grey = &(*scratch).grey;
    }
    FrameReading reading(*grey, options_, out);
    std::vector<Candidate> found;
    if (regions == nullptr) found = localise(*grey, options_, (*scratch).localiser);
    // Candidates the frame's edge cuts go last: such a symbol is whole in
    // a frame before or after, on a moving belt, so the frame's budget
    // goes first to what is all in view.
    const int edge = options_.cellPx;
    const cv::Rect inside(edge, edge, grey->cols - 2 * edge, grey->rows - 2 * edge);
    std::stable_partition(found.begin(), found.end(), [&](const Candidate& c) { return (c.box & inside) == c.box; });
    const auto& candidates = regions != nullptr ? *regions : found;
    out.candidates = static_cast<int>(candidates.size());
    std::vector<Candidate> notRead;
    for (const auto& c : candidates) readCandidate(reading, c, *scratch, &notRead);
    readThroughSmear(reading, notRead, *scratch);
    if (regions == nullptr && out.symbols.empty() && options_.wholeImageMaxPixels > 0 &&
        static_cast<long>(grey->total()) <= options_.wholeImageMaxPixels)
      readWholeImage(reading);
    finishUnread(reading);
  } catch (const std::exception& e) {
    // Out of memory or a library's own failure: what was read stays.
    out.error = e.what();
  }
  return out;
}

}  // namespace gs1inspect::read
