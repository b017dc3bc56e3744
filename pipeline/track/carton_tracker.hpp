#pragma once
// Cartons followed from frame to frame along the belt.
//
// A detection in a frame is the same carton as one of the last frame when
// its box overlaps that carton's box moved on by the belt (speed and
// direction from the line, or measured from how tracked cartons moved).
// Each symbol read belongs to the carton whose box holds its centre; a
// symbol outside every box is a carton of its own (the belt model missed
// it). A carton leaves when its box, moved on by the belt, is past the
// frame's downstream edge (or will be by the next frame, judging by the
// camera's frame period), or when it has not been seen for a few
// frames; it is then handed back once, with everything seen of it, for
// judging.
//
// Not thread-safe: one tracker is fed frames in capture order.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core/types.hpp>

#include "read/decoded_symbol.hpp"

namespace gs1inspect::track {

/// What the station saw in one frame, for the tracker.
struct FrameObservation {
  double captureS = 0;
  double arrivedS = 0;             // when the station took the frame (its own steady clock, s)
  std::string frame;               // the frame's name (set file name or sequence number)
  cv::Size size;                   // frame size (px)
  std::vector<cv::Rect> cartons;   // boxes from the belt model
  std::vector<read::DecodedSymbol> symbols;
  std::vector<cv::Rect> unread;    // regions that look like symbols and were not read
  std::string error;               // a stage failed on this frame: cartons in view are diverted as unexpected
};

/// A symbol of a carton, as first read.
struct CartonSymbol {
  read::DecodedSymbol symbol;  // its quad is in `frame`
  std::string frame;
  int reads = 0;  // frames it was read in
};

/// Everything seen of one carton.
struct CartonTrack {
  std::string id;  // the station's own: "S000001"
  double firstSeenS = 0;
  double lastSeenS = 0;
  double lastArrivedS = 0;  // FrameObservation::arrivedS of the last frame it was seen in
  std::vector<std::string> frames;
  std::vector<CartonSymbol> symbols;
  std::vector<std::string> failures;  // stage errors on frames it was in view
  std::string blind;                  // the camera was lost while it was in view (how): it cannot be judged
  /// The most symbols shown at once: read or unread in one frame. Fewer
  /// distinct symbols read than this means one was never read.
  int shownMost = 0;
  std::string unreadFrame;          // the frame where shownMost was reached with regions unread
  std::vector<cv::Rect> unread;     // those regions, in that frame
  cv::Rect2d box;                     // last seen box (frame px), at lastSeenS
  double lengthPx = 0;                // longest extent along the belt seen (px): the carton's length
  bool detected = false;              // the belt model saw it (not only its symbols)
};

struct TrackerOptions {
  std::string direction = "+x";  // the way the belt moves in the image
  double speedPxPerS = 0;        // 0: measured from the cartons' motion
  int missFrames = 3;            // frames a carton may go unseen before it is taken as gone
};

class CartonTracker {
 public:
  explicit CartonTracker(TrackerOptions options);

  /// Takes one frame (in capture order); returns the cartons that left.
  std::vector<CartonTrack> update(const FrameObservation& frame);
  /// Every carton still followed (at the end of a run).
  std::vector<CartonTrack> finish();
  /// The camera was lost: every carton followed is handed back with
  /// `blind` set to `why`, since no later frame will show it.
  std::vector<CartonTrack> cameraLost(const std::string& why);

  /// Belt speed in use (px/s): configured, or measured (0 until measured).
  double speedPxPerS() const { return speed_; }
  /// The position of `box` along the belt (px, growing downstream) of its middle.
  double along(const cv::Rect2d& box) const;
  /// The middle of `carton` along the belt when last seen: from its
  /// trailing edge and its length, since a carton leaving the view is cut
  /// at the frame's edge.
  double middleAlong(const CartonTrack& carton) const;
  std::size_t following() const { return tracks_.size(); }

 private:
  struct Track {
    CartonTrack carton;
    int missed = 0;
    bool merged = false;  // taken into another carton; dropped at the end of the frame
  };
  cv::Rect2d moved(const cv::Rect2d& box, double seconds) const;
  bool gone(const Track& t, double nowS, const cv::Size& size) const;
  void addSymbol(Track& t, const read::DecodedSymbol& s, const std::string& frame);
  Track& newTrack(const cv::Rect2d& box, const FrameObservation& frame, bool detected);

  TrackerOptions options_;
  cv::Point2d unit_;  // downstream, in image axes
  double speed_ = 0;
  bool measured_ = false;
  double lastS_ = 0;
  double period_ = 0;  // between frames, as the camera takes them (s); 0 until two frames came
  bool started_ = false;
  std::uint64_t nextId_ = 1;
  std::vector<Track> tracks_;
  // Cartons decided on their last frame, with where they were then: what
  // is still seen of one at the frame's edge is not a new carton.
  struct Departed {
    cv::Rect2d box;
    double seenS;
  };
  std::vector<Departed> departed_;
};

}  // namespace gs1inspect::track
