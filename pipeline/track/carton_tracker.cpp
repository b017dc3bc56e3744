#include "track/carton_tracker.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace gs1inspect::track {

namespace {

// A detection continues a carton when they share this much of the smaller
// of the two boxes (after the carton's box is moved on by the belt).
constexpr double kMinOverlap = 0.3;
// A second detection joins a carton it lies in this much (a carton seen in
// two pieces).
constexpr double kPieceOverlap = 0.5;
// Measured speed: share of each new measurement (a time constant of ten
// frames), and the margin (px) a box keeps from the upstream edge for its
// trailing edge to be measured (a carton still coming in is cut there).
constexpr double kSpeedRate = 0.1;
constexpr double kEdgeMarginPx = 24;
// A trailing edge this close to the frame's edge (px) is past it (times
// between frames are not exact in binary).
constexpr double kEdgeTolerancePx = 0.5;
// A carton made from a symbol alone is this much larger than the symbol
// each way (share of the symbol's size), so its next reads fall in it.
constexpr double kSymbolCartonMargin = 0.5;
// How long what is left in view of a carton decided on its last frame is
// kept from becoming a new carton (s): a few frames.
constexpr double kDepartedS = 0.2;
// What is left of a carton at the frame's edge continues it for this many
// frame periods after it was last seen.
constexpr double kSweptFrames = 2.5;

double overlap(const cv::Rect2d& a, const cv::Rect2d& b) {
  const double inter = (a & b).area();
  const double smaller = std::min(a.area(), b.area());
  return smaller > 0 ? inter / smaller : 0;
}

cv::Point2d centreOf(const read::DecodedSymbol& s) {
  cv::Point2d c;
  for (const auto& p : s.quad) c += cv::Point2d(p.x, p.y) * 0.25;
  return c;
}

cv::Rect2d boundsOf(const read::DecodedSymbol& s) {
  double x0 = s.quad[0].x, x1 = x0, y0 = s.quad[0].y, y1 = y0;
  for (const auto& p : s.quad) {
    x0 = std::min<double>(x0, p.x), x1 = std::max<double>(x1, p.x);
    y0 = std::min<double>(y0, p.y), y1 = std::max<double>(y1, p.y);
  }
  return {x0, y0, x1 - x0, y1 - y0};
}

// EAN-13 and UPC-A of one GTIN are one symbol; so are GS1-128 and Code 128.
std::string familyOf(const std::string& symbology) {
  if (symbology == "ean13" || symbology == "upca" || symbology == "ean8") return "ean-upc";
  if (symbology.find("databar") != std::string::npos) return "databar";
  if (symbology.find("128") != std::string::npos) return "128";
  if (symbology.find("datamatrix") != std::string::npos) return "datamatrix";
  if (symbology.find("qr") != std::string::npos) return "qr";
  return symbology;
}

}  // namespace

CartonTracker::CartonTracker(TrackerOptions options) : options_(std::move(options)) {
  const std::string& d = options_.direction;
  unit_ = d == "-x" ? cv::Point2d(-1, 0) : d == "+y" ? cv::Point2d(0, 1) : d == "-y" ? cv::Point2d(0, -1) : cv::Point2d(1, 0);
  speed_ = options_.speedPxPerS;
}

double CartonTracker::along(const cv::Rect2d& box) const {
  return (box.x + box.width / 2) * unit_.x + (box.y + box.height / 2) * unit_.y;
}

namespace {

// The box's extent along `unit` (px).
double extentAlong(const cv::Rect2d& box, const cv::Point2d& unit) {
  return std::abs(box.width * unit.x) + std::abs(box.height * unit.y);
}

// The box's trailing (upstream) and leading (downstream) edges along `unit`
// (px, growing downstream).
double trailingAlong(const cv::Rect2d& b, const cv::Point2d& unit) {
  return std::min(b.x * unit.x, (b.x + b.width) * unit.x) + std::min(b.y * unit.y, (b.y + b.height) * unit.y);
}
double leadingAlong(const cv::Rect2d& b, const cv::Point2d& unit) {
  return std::max(b.x * unit.x, (b.x + b.width) * unit.x) + std::max(b.y * unit.y, (b.y + b.height) * unit.y);
}

}  // namespace

double CartonTracker::middleAlong(const CartonTrack& carton) const {
  return trailingAlong(carton.box, unit_) + std::max(carton.lengthPx, extentAlong(carton.box, unit_)) / 2;
}

cv::Rect2d CartonTracker::moved(const cv::Rect2d& box, double seconds) const {
  const cv::Point2d shift = unit_ * (speed_ * seconds);
  return {box.x + shift.x, box.y + shift.y, box.width, box.height};
}

bool CartonTracker::gone(const Track& t, double nowS, const cv::Size& size) const {
  if (t.missed > options_.missFrames) return true;
  if (speed_ <= 0) return false;
  // The trailing edge past the frame's downstream edge.
  const double trailing = trailingAlong(moved(t.carton.box, nowS - t.carton.lastSeenS), unit_);
  return trailing >= leadingAlong(cv::Rect2d(0, 0, size.width, size.height), unit_) - kEdgeTolerancePx;
}

CartonTracker::Track& CartonTracker::newTrack(const cv::Rect2d& box, const FrameObservation& frame, bool detected) {
  Track t;
  t.carton.id = fmt::format("S{:06}", nextId_++);
  t.carton.firstSeenS = t.carton.lastSeenS = frame.captureS;
  t.carton.lastArrivedS = frame.arrivedS;
  t.carton.frames.push_back(frame.frame);
  t.carton.box = box;
  t.carton.lengthPx = extentAlong(box, unit_);
  t.carton.detected = detected;
  tracks_.push_back(std::move(t));
  return tracks_.back();
}

void CartonTracker::addSymbol(Track& t, const read::DecodedSymbol& s, const std::string& frame) {
  for (auto& known : t.carton.symbols) {
    if (familyOf(known.symbol.symbology) == familyOf(s.symbology) && known.symbol.raw == s.raw) {
      ++known.reads;
      return;
    }
  }
  t.carton.symbols.push_back({s, frame, 1});
}

std::vector<CartonTrack> CartonTracker::update(const FrameObservation& frame) {
  const double now = frame.captureS;
  // Where each carton should be now.
  std::vector<cv::Rect2d> predicted;
  for (const auto& t : tracks_) predicted.push_back(moved(t.carton.box, now - t.carton.lastSeenS));

  // Detections to cartons: best overlaps first, one each; then pieces.
  struct Pair {
    double score;
    std::size_t track, detection;
  };
  std::vector<Pair> pairs;
  for (std::size_t t = 0; t < tracks_.size(); ++t) {
    for (std::size_t d = 0; d < frame.cartons.size(); ++d) {
      const double s = overlap(predicted[t], cv::Rect2d(frame.cartons[d]));
      if (s >= kMinOverlap) pairs.push_back({s, t, d});
    }
  }
  // Cartons the belt model saw before come first: a carton made from a
  // symbol alone lies inside one of them and is merged below.
  std::sort(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) {
    const bool da = tracks_[a.track].carton.detected, db = tracks_[b.track].carton.detected;
    return da != db ? da : a.score > b.score;
  });
  std::vector<int> trackOf(frame.cartons.size(), -1);
  std::vector<bool> matched(tracks_.size(), false);
  for (const Pair& p : pairs) {
    if (trackOf[p.detection] >= 0 || matched[p.track]) continue;
    trackOf[p.detection] = static_cast<int>(p.track);
    matched[p.track] = true;
  }
  for (const Pair& p : pairs) {
    if (trackOf[p.detection] >= 0 || !matched[p.track]) continue;
    const cv::Rect2d d(frame.cartons[p.detection]);
    if ((d & predicted[p.track]).area() >= kPieceOverlap * d.area()) trackOf[p.detection] = static_cast<int>(p.track);
  }
  // A detection left over at the frame's downstream edge that lies where a
  // detected carton has been since it was last seen (the belt ran slower
  // than thought: what is left of the carton as it goes) continues it.
  const cv::Rect2d view(0, 0, frame.size.width, frame.size.height);
  const double downstream = leadingAlong(view, unit_);
  for (std::size_t d = 0; d < frame.cartons.size(); ++d) {
    if (trackOf[d] >= 0) continue;
    const cv::Rect2d det(frame.cartons[d]);
    if (leadingAlong(det, unit_) < downstream - kEdgeMarginPx) continue;
    const cv::Point2d centre = (det.tl() + det.br()) * 0.5;
    for (std::size_t t = 0; t < tracks_.size(); ++t) {
      // Only a carton seen a frame or two ago: after a longer gap (frames
      // dropped) the next carton may be at the edge already.
      if (matched[t] || !tracks_[t].carton.detected || now - tracks_[t].carton.lastSeenS > kSweptFrames * period_) continue;
      const cv::Rect2d swept = tracks_[t].carton.box | predicted[t];
      if (!swept.contains(centre)) continue;
      trackOf[d] = static_cast<int>(t);
      matched[t] = true;
      break;
    }
  }
  // Matched cartons take their new boxes; the belt's speed is measured
  // from their trailing edges where the line did not give it.
  std::vector<cv::Rect2d> seenBox(tracks_.size());
  for (std::size_t d = 0; d < frame.cartons.size(); ++d) {
    if (trackOf[d] < 0) continue;
    const auto t = static_cast<std::size_t>(trackOf[d]);
    seenBox[t] = seenBox[t].area() > 0 ? (seenBox[t] | cv::Rect2d(frame.cartons[d])) : cv::Rect2d(frame.cartons[d]);
  }
  // A carton made from a symbol alone whose box now lies in another
  // carton's detection was that carton all along.
  for (std::size_t t = 0; t < tracks_.size(); ++t) {
    if (tracks_[t].carton.detected || matched[t] || tracks_[t].merged) continue;
    for (std::size_t d = 0; d < frame.cartons.size(); ++d) {
      const cv::Rect2d det(frame.cartons[d]);
      if (trackOf[d] < 0 || !det.contains((predicted[t].tl() + predicted[t].br()) * 0.5)) continue;
      Track& into = tracks_[static_cast<std::size_t>(trackOf[d])];
      for (const auto& s : tracks_[t].carton.symbols) {
        addSymbol(into, s.symbol, s.frame);
        into.carton.symbols.back().reads += s.reads - 1;
      }
      for (const auto& f : tracks_[t].carton.frames) {
        if (std::find(into.carton.frames.begin(), into.carton.frames.end(), f) == into.carton.frames.end()) {
          into.carton.frames.push_back(f);
        }
      }
      into.carton.firstSeenS = std::min(into.carton.firstSeenS, tracks_[t].carton.firstSeenS);
      tracks_[t].merged = true;
      break;
    }
  }
  const std::size_t before = tracks_.size();
  for (std::size_t t = 0; t < before; ++t) {
    Track& track = tracks_[t];
    if (!matched[t]) {
      ++track.missed;
      continue;
    }
    const double dt = now - track.carton.lastSeenS;
    if (options_.speedPxPerS <= 0 && dt > 0 && track.carton.detected) {
      const cv::Rect2d& a = track.carton.box;
      const cv::Rect2d& b = seenBox[t];
      const double upstream = trailingAlong(view, unit_);
      const double wasAt = trailingAlong(a, unit_), isAt = trailingAlong(b, unit_);
      if (wasAt > upstream + kEdgeMarginPx && isAt > upstream + kEdgeMarginPx) {
        const double v = (isAt - wasAt) / dt;
        speed_ = measured_ ? speed_ + kSpeedRate * (v - speed_) : v;
        measured_ = true;
      }
    }
    track.carton.box = seenBox[t];
    track.carton.lengthPx = std::max(track.carton.lengthPx, extentAlong(seenBox[t], unit_));
    track.carton.lastSeenS = now;
    track.carton.lastArrivedS = frame.arrivedS;
    track.carton.detected = true;
    track.missed = 0;
    if (track.carton.frames.empty() || track.carton.frames.back() != frame.frame) track.carton.frames.push_back(frame.frame);
  }
  // What is left in view of a carton decided on its last frame.
  // (Anywhere from where it was last seen, a cell short of its edges, to
  // where the belt should have carried it: the belt may run slower than
  // thought, and the trailing edge was found to the nearest cell.)
  const auto departing = [&](const cv::Point2d& c) {
    return std::any_of(departed_.begin(), departed_.end(), [&](const Departed& d) {
      const cv::Rect2d swept = d.box | moved(d.box, now - d.seenS);
      return cv::Rect2d(swept.x - kEdgeMarginPx, swept.y - kEdgeMarginPx, swept.width + 2 * kEdgeMarginPx,
                        swept.height + 2 * kEdgeMarginPx)
          .contains(c);
    });
  };
  for (std::size_t d = 0; d < frame.cartons.size(); ++d) {
    const cv::Rect2d box(frame.cartons[d]);
    if (trackOf[d] < 0 && departing((box.tl() + box.br()) * 0.5)) continue;
    if (trackOf[d] < 0) {
      newTrack(cv::Rect2d(frame.cartons[d]), frame, true);
      predicted.push_back(cv::Rect2d(frame.cartons[d]));
      trackOf[d] = static_cast<int>(tracks_.size() - 1);
    }
  }
  // Symbols to the carton that holds them (the smallest box, where boxes
  // overlap); a symbol outside every carton is a carton of its own.
  const auto holder = [&](const cv::Point2d& c) {
    int best = -1;
    double bestArea = 0;
    for (std::size_t t = 0; t < tracks_.size(); ++t) {
      const cv::Rect2d box = t < seenBox.size() && matched[t] ? seenBox[t] : predicted[t];
      if (tracks_[t].merged || !box.contains(c)) continue;
      if (best < 0 || box.area() < bestArea) best = static_cast<int>(t), bestArea = box.area();
    }
    return best;
  };
  std::vector<int> shown(tracks_.size() + frame.symbols.size(), 0);
  std::vector<std::vector<cv::Rect>> unreadIn(tracks_.size());
  for (const auto& r : frame.unread) {
    const int t = holder(cv::Point2d(r.x + r.width / 2.0, r.y + r.height / 2.0));
    if (t < 0) continue;
    ++shown[static_cast<std::size_t>(t)];
    unreadIn[static_cast<std::size_t>(t)].push_back(r);
  }
  for (const auto& s : frame.symbols) {
    const cv::Point2d c = centreOf(s);
    const int best = holder(c);
    if (best >= 0) ++shown[static_cast<std::size_t>(best)];
    if (best < 0 && departing(c)) continue;  // read on a carton already decided
    if (best < 0) {
      const cv::Rect2d b = boundsOf(s);
      const double mx = b.width * kSymbolCartonMargin, my = b.height * kSymbolCartonMargin;
      Track& t = newTrack(cv::Rect2d(b.x - mx, b.y - my, b.width + 2 * mx, b.height + 2 * my), frame, false);
      addSymbol(t, s, frame.frame);
      predicted.push_back(t.carton.box);
      ++shown[tracks_.size() - 1];
      continue;
    }
    Track& t = tracks_[static_cast<std::size_t>(best)];
    if (!t.carton.detected && t.missed > 0) {  // a symbol-only carton seen again
      t.carton.box = moved(t.carton.box, now - t.carton.lastSeenS);
      t.carton.lastSeenS = now;
      t.carton.lastArrivedS = frame.arrivedS;
      t.missed = 0;
      t.carton.frames.push_back(frame.frame);
    }
    addSymbol(t, s, frame.frame);
  }
  for (std::size_t t = 0; t < tracks_.size() && t < shown.size(); ++t) {
    CartonTrack& c = tracks_[t].carton;
    if (shown[t] <= c.shownMost) continue;
    c.shownMost = shown[t];
    if (t < unreadIn.size() && !unreadIn[t].empty()) {
      c.unreadFrame = frame.frame;
      c.unread = unreadIn[t];
    }
  }
  // A stage failed on this frame: every carton in view is concerned.
  if (!frame.error.empty()) {
    for (std::size_t t = 0; t < tracks_.size(); ++t) {
      const cv::Rect2d box = t < predicted.size() ? predicted[t] : tracks_[t].carton.box;
      if ((box & view).area() > 0) tracks_[t].carton.failures.push_back(fmt::format("{}: {}", frame.frame, frame.error));
    }
  }
  // Cartons that left.
  std::erase_if(departed_, [&](const Departed& d) { return now - d.seenS > kDepartedS; });
  std::vector<CartonTrack> left;
  for (auto it = tracks_.begin(); it != tracks_.end();) {
    if (it->merged) {
      it = tracks_.erase(it);
    } else if (it->carton.lastSeenS < now ? gone(*it, now, frame.size)
                                           : period_ > 0 && gone(*it, now + period_, frame.size)) {
      // Gone, or seen now for the last time: by the next frame the belt
      // will have carried it out of view (decided a frame sooner).
      if (it->carton.lastSeenS == now) departed_.push_back({it->carton.box, now});
      left.push_back(std::move(it->carton));
      it = tracks_.erase(it);
    } else {
      ++it;
    }
  }
  // The camera's frame period: the shortest interval between frames (frames
  // dropped only make intervals longer).
  if (started_ && now > lastS_) period_ = period_ > 0 ? std::min(period_, now - lastS_) : now - lastS_;
  lastS_ = now;
  started_ = true;
  return left;
}

std::vector<CartonTrack> CartonTracker::finish() {
  std::vector<CartonTrack> out;
  for (auto& t : tracks_) out.push_back(std::move(t.carton));
  tracks_.clear();
  return out;
}

std::vector<CartonTrack> CartonTracker::cameraLost(const std::string& why) {
  std::vector<CartonTrack> out = finish();
  for (auto& c : out) c.blind = why;
  departed_.clear();  // what the camera shows when it is back is new to it
  return out;
}

}  // namespace gs1inspect::track
