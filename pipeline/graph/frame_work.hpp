#pragma once
// One frame on its way through the station's graph, and what each stage
// added to it. Owned by a shared pointer that the graph passes from stage
// to stage; one stage at a time touches it.

#include <cstdint>
#include <memory>
#include <string>

#include "camera/source.hpp"
#include "read/reader.hpp"
#include "track/belt_model.hpp"

namespace gs1inspect::graph {

struct FrameWork {
  std::uint64_t admission = 0;  // 0, 1, 2, ... in admission order (the sequencer's key)
  double admittedS = 0;         // steady clock at admission (s since the station started)
  camera::Frame frame;
  read::FrameRead read;     // read stage
  track::CellStats cells;   // detect stage
  std::string error;        // the first stage that failed on this frame, and how
  /// Not a frame but a mark in the stream: the camera was lost here (how).
  /// No stage reads it; the cartons in view are diverted as no-read.
  std::string cameraLost;
};

using FramePtr = std::shared_ptr<FrameWork>;

}  // namespace gs1inspect::graph
